// `plenary restore FILE`: load a backup into an empty database, keeping every id.
import { stat } from 'node:fs/promises';
import { loadConfig } from '../config.ts';
import { InvalidInput } from '../domain/errors.ts';
import { restoreBackup } from '../operations/restore.ts';
import { parseFileCommand } from './args.ts';
import { openMigrated } from './open.ts';

const HELP = `usage: plenary restore FILE

  loads FILE, written by "plenary backup", into the database (DATABASE_URL), which must be empty;
  the archive is checked in full first (checksums and row counts), and nothing is
  written unless all of it is restored`;

export async function run(argv: string[]): Promise<number> {
  const args = parseFileCommand(argv, HELP, {} as const);
  if (!args) return 0;
  const { file } = args;
  const info = await stat(file).catch((e: NodeJS.ErrnoException) => {
    throw new InvalidInput(`cannot read ${file}: ${e.code === 'ENOENT' ? 'no such file' : e.message}`);
  });
  if (info.isDirectory()) throw new InvalidInput(`cannot read ${file}: it is a directory`);

  const storage = await openMigrated(loadConfig());
  try {
    const r = await restoreBackup(storage, { path: file }, file);
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
