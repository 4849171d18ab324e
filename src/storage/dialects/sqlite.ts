// The embedded engine: one file, WAL, foreign keys on.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from '../database.ts';
import type { Storage } from '../storage.ts';

export function openSqlite(path: string): Storage {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const raw = new BetterSqlite3(path);
  raw.pragma('journal_mode = WAL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');
  raw.pragma('synchronous = NORMAL');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) });
  // Other processes may share the file, so the counter is read on every request:
  // a prepared statement on the open handle costs a few microseconds.
  let readGeneration: BetterSqlite3.Statement<[], { value: number }> | null = null;
  return {
    engine: 'sqlite',
    db,
    generation: {
      current() {
        return readGeneration?.get()?.value ?? 0;
      },
      async start() {
        readGeneration = raw.prepare("SELECT value FROM site_state WHERE key = 'generation'");
      },
      noteLocalWrite() {},
    },
    async close() {
      await db.destroy();
    },
  };
}
