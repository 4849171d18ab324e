// `plenary migrate`: bring the database schema up to date, one migration per transaction.
import { loadConfig } from '../config.ts';
import { migrate } from '../storage/migrate.ts';
import { describeRekey } from '../storage/name-keys.ts';
import { describeReindex } from '../storage/search-doc-rules.ts';
import { openStorage } from '../storage/storage.ts';

export const HELP = `usage: plenary migrate

  Brings the database at DATABASE_URL up to date: applies the migrations it lacks, one per
  transaction, makes its name keys again when they were made by other normaliser rules, and
  makes the search documents of persons and organizations again when they were made by other rules.`;

export async function run(_argv: string[]): Promise<number> {
  const config = loadConfig();
  const storage = await openStorage(config.databaseUrl);
  try {
    // Said before each one starts: a long migration shows what it is doing.
    const applied = await migrate(storage, { onApply: (name) => console.log(`applying ${name}`), onRekey: (r) => console.log(describeRekey(r)), onReindex: (r) => console.log(describeReindex(r)), onNote: (name, note) => console.log(`${name}: ${note}`) });
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'the schema is up to date');
    return 0;
  } finally {
    await storage.close();
  }
}
