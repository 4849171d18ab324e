// `plenary restore FILE`: load a backup into an empty database, keeping every id.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { InvalidInput } from '../domain/errors.ts';
import { restoreBackup } from '../operations/restore.ts';
import { openMigrated } from './open.ts';

const HELP = `usage: plenary restore FILE

  loads FILE, written by "plenary backup", into the database (DATABASE_URL), which must be empty;
  the archive is checked in full first, and nothing is written unless all of it is restored`;

function usageError(message: string): Error {
  const e = new Error(`${message}\n\n${HELP}`);
  e.name = 'UsageError';
  return e;
}

export async function run(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { help: { type: 'boolean', short: 'h' } } });
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
  const bytes = await readFile(file).catch((e: NodeJS.ErrnoException) => {
    throw new InvalidInput(`cannot read ${file}: ${e.code === 'ENOENT' ? 'no such file' : e.code === 'EISDIR' ? 'it is a directory' : e.message}`);
  });

  const storage = await openMigrated(loadConfig());
  try {
    const r = await restoreBackup(storage, bytes, file);
    const total = Object.values(r.rows).reduce((n, v) => n + v, 0);
    const m = r.manifest;
    console.log(
      [`restored ${file} (schema ${m.schemaVersion}, written ${m.createdAt} on ${m.engine}, ${m.tables.length} tables, ${total} rows)`, ...Object.entries(r.rows).map(([t, n]) => `${t}: ${n}`)].join(
        '\n',
      ),
    );
    return 0;
  } finally {
    await storage.close();
  }
}
