// Every write goes through here: one transaction that also moves the cache generation,
// so that every instance drops pages rendered before it.
import { sql } from 'kysely';
import type { Tx } from './database.ts';
import { GENERATION_CHANNEL, type Storage } from './storage.ts';

/** An arbitrary constant naming Plenary's write lock among PostgreSQL advisory locks. */
const WRITE_LOCK = 7_340_522_113;

export async function write<T>(storage: Storage, fn: (trx: Tx) => Promise<T>): Promise<T> {
  let generation = 0;
  const result = await storage.db.transaction().execute(async (trx) => {
    // Writes are few (imports, edits) and read-then-insert (find a person by name, else create):
    // one at a time keeps two instances from creating the same person twice. SQLite gets the
    // same from BEGIN IMMEDIATE (dialects/sqlite.ts).
    if (storage.engine === 'postgres') await sql`SELECT pg_advisory_xact_lock(${WRITE_LOCK})`.execute(trx);
    const out = await fn(trx);
    const row = await trx
      .updateTable('site_state')
      .set((eb) => ({ value: eb('value', '+', 1) }))
      .where('key', '=', 'generation')
      .returning('value')
      .executeTakeFirstOrThrow();
    generation = Number(row.value);
    if (storage.engine === 'postgres') {
      // Delivered at commit, to every listening instance.
      await sql`SELECT pg_notify(${GENERATION_CHANNEL}, ${String(generation)})`.execute(trx);
    }
    return out;
  });
  storage.generation.noteLocalWrite(generation);
  return result;
}
