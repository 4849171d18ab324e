// `plenary restore FILE`: load a backup into an empty database, keeping every id.
import { stat } from 'node:fs/promises';
import { loadConfig } from '../config.ts';
import { InvalidInput } from '../domain/errors.ts';
import { restoreBackup } from '../operations/restore.ts';
import { parseFileCommand } from './args.ts';
import { openStorage } from '../storage/storage.ts';

export const HELP = `usage: plenary restore FILE

  loads FILE, written by "plenary backup", into the database (DATABASE_URL), which must be new
  (or empty, and not migrated past FILE's schema version); the archive is checked in full first
  (checksums, row counts, line lengths), every row is checked as imports are, and nothing is
  written unless all of it is restored. A backup from an older Plenary is loaded at its own
  schema version and the migrations that came after it are then applied`;

export async function run(argv: string[]): Promise<number> {
  const args = parseFileCommand(argv, HELP, {} as const);
  if (!args) return 0;
  const { file } = args;
  const info = await stat(file).catch((e: NodeJS.ErrnoException) => {
    throw new InvalidInput(`cannot read ${file}: ${e.code === 'ENOENT' ? 'no such file' : e.message}`);
  });
  if (info.isDirectory()) throw new InvalidInput(`cannot read ${file}: it is a directory`);

  // Not migrated here: restore migrates the database to the archive's own schema version first.
  const config = loadConfig();
  const storage = await openStorage(config.databaseUrl, { pollMs: config.cachePollMs });
  try {
    const r = await restoreBackup(storage, { path: file }, file);
    const total = Object.values(r.rows).reduce((n, v) => n + v, 0);
    const m = r.manifest;
    console.log(
      [
        `restored ${file} (schema ${m.schemaVersion}, written ${m.createdAt} on ${m.engine}, ${m.tables.length} tables, ${total} rows)`,
        ...Object.entries(r.rows).map(([t, n]) => `${t}: ${n}`),
        ...(r.migrated.length ? [`then applied: ${r.migrated.join(', ')}`] : []),
        // What a migration changed in the archive's rows so that its schema holds (e.g. 0021's detached twins).
        ...r.notes,
      ].join('\n'),
    );
    return 0;
  } finally {
    await storage.close();
  }
}
