// Opens and migrates the configured database for a command.
import type { Config } from '../config.ts';
import { migrate } from '../storage/migrate.ts';
import { describeRekey } from '../storage/name-keys.ts';
import { describeReindex } from '../storage/search-doc-rules.ts';
import { openStorage, type Storage } from '../storage/storage.ts';

export async function openMigrated(config: Config): Promise<Storage> {
  const storage = await openStorage(config.databaseUrl, { pollMs: config.cachePollMs });
  try {
    // On stderr: `plenary import --json` prints its result on stdout.
    await migrate(storage, { onRekey: (r) => console.error(`plenary: ${describeRekey(r)}`), onReindex: (r) => console.error(`plenary: ${describeReindex(r)}`), onNote: (name, note) => console.error(`plenary: ${name}: ${note}`) });
    await storage.generation.start();
  } catch (e) {
    await storage.close();
    throw e;
  }
  return storage;
}
