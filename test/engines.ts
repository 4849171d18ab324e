// Storage tests run on every engine named in PLENARY_TEST_ENGINES (default: sqlite).
// .ci/run runs them again with PLENARY_TEST_ENGINES=postgres against the local server.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { migrate } from '../src/storage/migrate.ts';
import { type Engine, openStorage, type Storage } from '../src/storage/storage.ts';

export const ENGINES: Engine[] = (process.env.PLENARY_TEST_ENGINES ?? 'sqlite').split(',').map((e) => {
  const name = e.trim();
  if (name !== 'sqlite' && name !== 'postgres') throw new Error(`PLENARY_TEST_ENGINES: unknown engine "${name}"`);
  return name;
});

const PG_URL = process.env.PLENARY_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A fresh, empty database address: a temporary SQLite file, or a new PostgreSQL schema. */
export async function freshDatabase(engine: Engine): Promise<{ url: string; drop(): Promise<void> }> {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'plenary-test-'));
    return { url: `sqlite:${join(dir, 'test.db')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const sep = PG_URL.includes('?') ? '&' : '?';
  return {
    url: `${PG_URL}${sep}options=${encodeURIComponent(`-c search_path=${schema}`)}`,
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.end();
    },
  };
}

export type TestDb = { storage: Storage; url: string; cleanup(): Promise<void> };

/** A migrated storage on a fresh database; cleanup closes it and drops the database. */
export async function migratedStorage(engine: Engine): Promise<TestDb> {
  const fresh = await freshDatabase(engine);
  const storage = await openStorage(fresh.url, { pollMs: 200 });
  await migrate(storage);
  await storage.generation.start();
  return {
    storage,
    url: fresh.url,
    cleanup: async () => {
      await storage.close();
      await fresh.drop();
    },
  };
}
