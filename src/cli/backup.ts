// `plenary backup FILE`: every table of the database into one .tar.gz (operations/archive-format.ts).
import { link, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { loadConfig } from '../config.ts';
import { Conflict, InvalidInput } from '../domain/errors.ts';
import { writeBackup } from '../operations/backup.ts';
import { parseFileCommand } from './args.ts';
import { openMigrated } from './open.ts';

export const HELP = `usage: plenary backup FILE [--force]

  writes every table of the database (DATABASE_URL), stored files included, into FILE (.tar.gz);
  it is written as FILE.<pid>.tmp and moved into place when complete, and the temporary files
  of earlier backups to FILE that were stopped (their process is gone) are removed
  --force   replace FILE if it exists`;

const exists = (file: string) => stat(file).then(() => true, () => false);

/** Whether a process with this id runs on this machine (one we may not signal still runs). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A backup writes FILE.<pid>.tmp and moves it into place; one that was killed leaves it behind.
 * Those whose process is gone are removed (a running backup's are left alone); returns their names.
 */
async function removeStaleTemporaries(file: string): Promise<string[]> {
  const dir = dirname(file);
  const prefix = `${basename(file)}.`;
  const names = await readdir(dir).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const pid = /^(\d+)\.tmp$/.exec(name.slice(prefix.length))?.[1];
    if (!pid || Number(pid) === process.pid || alive(Number(pid))) continue;
    await rm(join(dir, name), { force: true });
    removed.push(join(dir, name));
  }
  return removed;
}

export async function run(argv: string[]): Promise<number> {
  const args = parseFileCommand(argv, HELP, { force: { type: 'boolean' } } as const);
  if (!args) return 0;
  const { file, values: o } = args;
  for (const stale of await removeStaleTemporaries(file)) console.log(`removed ${stale}, left by a backup that was stopped before it finished`);
  const refuse = () => new Conflict(`${file} exists; use --force to replace it`);
  if (!o.force && (await exists(file))) throw refuse();

  // Written beside FILE as it is read, then moved into place, so that FILE is never half written.
  const tmp = `${file}.${process.pid}.tmp`;
  // Opened first, so that a place that cannot be written is said before any database work.
  const out = await open(tmp, 'wx').catch((e: NodeJS.ErrnoException) => {
    throw new InvalidInput(`cannot write ${file}: ${e.code === 'ENOENT' ? 'no such directory' : e.code === 'EACCES' ? 'permission denied' : e.message}`);
  });
  let storage;
  let manifest;
  try {
    storage = await openMigrated(loadConfig());
    manifest = await writeBackup(storage, out.createWriteStream());
    if (o.force) await rename(tmp, file);
    else await link(tmp, file).catch((e: NodeJS.ErrnoException) => {
      throw e.code === 'EEXIST' ? refuse() : e;
    });
  } finally {
    await out.close().catch(() => undefined); // already closed by its stream, unless that never started
    await rm(tmp, { force: true });
    await storage?.close();
  }
  const size = (await stat(file)).size;
  const m = manifest;
  const total = m.tables.reduce((n, t) => n + t.rows, 0);
  console.log([`wrote ${file} (schema ${m.schemaVersion}, ${m.tables.length} tables, ${total} rows, ${size} bytes)`, ...m.tables.map((t) => `${t.name}: ${t.rows}`)].join('\n'));
  return 0;
}
