// Opens and migrates the configured database for a command.
import type { Config } from '../config.ts';
import { migrate } from '../storage/migrate.ts';
import { openStorage, type Storage } from '../storage/storage.ts';

export async function openMigrated(config: Config): Promise<Storage> {
  const storage = await openStorage(config.databaseUrl, { pollMs: config.cachePollMs });
  try {
    await migrate(storage);
    await storage.generation.start();
  } catch (e) {
    await storage.close();
    throw e;
  }
  return storage;
}
