// The embedded engine: one file, WAL, foreign keys on.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery, type DatabaseConnection, type Driver, Kysely, SqliteDialect } from 'kysely';
import type { Database } from '../database.ts';
import type { Storage } from '../generation.ts';

/**
 * Transactions take the write lock when they begin (BEGIN IMMEDIATE). A plain BEGIN reads
 * first and asks for the lock at its first write; if another process committed meanwhile,
 * SQLite fails at once with SQLITE_BUSY instead of waiting out busy_timeout. Read-only
 * transactions (backups) begin deferred: WAL gives them a snapshot at their first read and
 * writers go on meanwhile.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  override createDriver(): Driver {
    const driver = super.createDriver();
    driver.beginTransaction = async (connection: DatabaseConnection, settings) => {
      await connection.executeQuery(CompiledQuery.raw(settings.accessMode === 'read only' ? 'begin' : 'begin immediate'));
    };
    return driver;
  }
}

export function openSqlite(path: string): Storage {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const raw = new BetterSqlite3(path);
  raw.pragma('journal_mode = WAL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');
  raw.pragma('synchronous = NORMAL');
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: raw }) });
  // Other processes may share the file, so the counter is read from it: once per turn of the
  // event loop, which requests parsed in the same I/O phase share. A write in this process
  // sets it at once, so the next request after it always sees it.
  let readGeneration: BetterSqlite3.Statement<[], { value: number }> | null = null;
  let known = 0;
  let fresh = false;
  const expire = () => {
    fresh = false;
  };
  return {
    engine: 'sqlite',
    db,
    generation: {
      current() {
        if (fresh || !readGeneration) return known;
        fresh = true;
        setImmediate(expire);
        known = readGeneration.get()?.value ?? 0;
        return known;
      },
      async start() {
        readGeneration = raw.prepare("SELECT value FROM site_state WHERE key = 'generation'");
      },
      noteLocalWrite(value: number) {
        known = value;
      },
    },
    async close() {
      await db.destroy();
    },
  };
}
