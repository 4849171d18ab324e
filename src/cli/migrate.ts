import { loadConfig } from '../config.ts';
import { migrate } from '../storage/migrate.ts';
import { openStorage } from '../storage/storage.ts';

export async function run(_argv: string[]): Promise<number> {
  const config = loadConfig();
  const storage = await openStorage(config.databaseUrl);
  try {
    const applied = await migrate(storage);
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'the schema is up to date');
    return 0;
  } finally {
    await storage.close();
  }
}
