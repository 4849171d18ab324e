// `plenary backup FILE`: every table of the database into one .tar.gz (operations/archive-format.ts).
import { link, rename, rm, stat, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { Conflict } from '../domain/errors.ts';
import { createBackup } from '../operations/backup.ts';
import { openMigrated } from './open.ts';

const HELP = `usage: plenary backup FILE [--force]

  writes every table of the database (DATABASE_URL), stored files included, into FILE (.tar.gz)
  --force   replace FILE if it exists`;

function usageError(message: string): Error {
  const e = new Error(`${message}\n\n${HELP}`);
  e.name = 'UsageError';
  return e;
}

const exists = (file: string) => stat(file).then(() => true, () => false);

export async function run(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { force: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  } catch (e) {
    throw usageError((e as Error).message);
  }
  const { values: o, positionals } = parsed;
  if (o.help) {
    console.log(HELP);
    return 0;
  }
  if (positionals.length !== 1) throw usageError(positionals.length ? 'give one FILE' : 'FILE is missing');
  const file = positionals[0]!;
  const refuse = () => new Conflict(`${file} exists; use --force to replace it`);
  if (!o.force && (await exists(file))) throw refuse();

  const storage = await openMigrated(loadConfig());
  let backup;
  try {
    backup = await createBackup(storage);
  } finally {
    await storage.close();
  }
  // Written beside FILE and moved into place, so that FILE is never half written.
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, backup.bytes, { flag: 'wx' });
  try {
    if (o.force) await rename(tmp, file);
    else await link(tmp, file).catch((e: NodeJS.ErrnoException) => {
      throw e.code === 'EEXIST' ? refuse() : e;
    });
  } finally {
    await rm(tmp, { force: true });
  }
  const m = backup.manifest;
  const total = m.tables.reduce((n, t) => n + t.rows, 0);
  console.log([`wrote ${file} (schema ${m.schemaVersion}, ${m.tables.length} tables, ${total} rows, ${backup.bytes.length} bytes)`, ...m.tables.map((t) => `${t.name}: ${t.rows}`)].join('\n'));
  return 0;
}
