// Numbered migrations, applied in order and never edited once landed.
import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely';
import * as m0001 from './migrations/0001-initial.ts';
import * as m0002 from './migrations/0002-convener-address.ts';
import type { Engine, Storage } from './storage.ts';

type MigrationModule = { up(db: Kysely<any>, engine: Engine): Promise<void> };

const MIGRATIONS: Record<string, MigrationModule> = {
  '0001-initial': m0001,
  '0002-convener-address': m0002,
};

class Provider implements MigrationProvider {
  constructor(private readonly engine: Engine) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    const out: Record<string, Migration> = {};
    for (const [name, mod] of Object.entries(MIGRATIONS)) out[name] = { up: (db) => mod.up(db, this.engine) };
    return out;
  }
}

export async function migrate(storage: Storage): Promise<string[]> {
  // On PostgreSQL Kysely looks for its tables across all schemas unless told which one; with
  // several Plenary schemas in one database it would find another's and skip creating its own.
  const schema =
    storage.engine === 'postgres' ? (await sql<{ schema: string }>`SELECT current_schema() AS schema`.execute(storage.db)).rows[0]?.schema : undefined;
  const migrator = new Migrator({
    db: storage.db,
    provider: new Provider(storage.engine),
    migrationTableName: 'plenary_migration',
    migrationLockTableName: 'plenary_migration_lock',
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
