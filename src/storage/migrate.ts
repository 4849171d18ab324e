// Numbered migrations, applied in order and never edited once landed.
//
// Each migration runs in a transaction of its own, together with the row that records it, on
// both engines: a process killed halfway leaves the database as it was before that migration,
// never a partial schema that no later run can get past (SQLite has transactional DDL;
// Kysely's Migrator wraps only PostgreSQL's migrations). Restore runs them inside its own
// transaction instead (migrateWithin), so that a backup is loaded at its own schema version.
import { type Kysely, sql } from 'kysely';
import { Conflict } from '../domain/errors.ts';
import * as m0001 from './migrations/0001-initial.ts';
import * as m0002 from './migrations/0002-convener-address.ts';
import * as m0004 from './migrations/0004-accounts.ts';
import * as m0005 from './migrations/0005-file-chunks.ts';
import * as m0007 from './migrations/0007-stable-ids-invalidation.ts';
import * as m0008 from './migrations/0008-api-tokens.ts';
import * as m0006 from './migrations/0006-versions-audit.ts';
import * as m0009 from './migrations/0009-releases.ts';
import * as m0010 from './migrations/0010-speaker-links.ts';
import * as m0011 from './migrations/0011-import-drafts.ts';
import * as m0012 from './migrations/0012-identities.ts';
import * as m0013 from './migrations/0013-slugs-every-script.ts';
import * as m0014 from './migrations/0014-search.ts';
import * as m0016 from './migrations/0016-person-gender.ts';
import * as m0015 from './migrations/0015-content-languages.ts';
import * as m0017 from './migrations/0017-publications.ts';
import * as m0018 from './migrations/0018-search-pairs.ts';
import * as m0019 from './migrations/0019-public-counts.ts';
import * as m0020 from './migrations/0020-appearance-page-indexes.ts';
import * as m0021 from './migrations/0021-material-version-languages.ts';
import { type RekeyReport, rekeyNamesWithin } from './name-keys.ts';
import { type ReindexReport, refreshIdentityDocsWithin } from './search-doc-rules.ts';
import type { Engine, Storage } from './storage.ts';

/**
 * `sqliteForeignKeysOff`: the migration rebuilds tables that others refer to (SQLite's only way to
 * drop a constraint), which foreign keys must not see as deletes. On SQLite it runs with foreign
 * keys off (a pragma that holds only outside a transaction), and every key is checked before it
 * commits; restore runs its whole transaction so (operations/restore.ts).
 */
export type MigrationModule = {
  /**
   * Returns what the operator should be told, if anything: rows it had to change so that the new
   * schema holds (a migration never deletes or changes stored data silently); said once it committed.
   */
  up(db: Kysely<any>, engine: Engine): Promise<void | readonly string[]>;
  sqliteForeignKeysOff?: boolean;
  /**
   * Numbers of earlier migrations this one does not depend on ('0020'), for two changes that land in
   * either order: a database that has this one but lacks such an earlier one gets it applied then,
   * rather than being refused as "not migrated by this Plenary".
   */
  independentOf?: readonly string[];
};

/** Whether any migration still to apply needs SQLite's foreign keys off (restore asks before it begins). */
export const needsForeignKeysOff = (names: string[], migrations: Migrations = MIGRATIONS): boolean => names.some((n) => migrations[n]?.sqliteForeignKeysOff === true);

/** Fails with the first broken key, so that a rebuild run with SQLite's foreign keys off commits only whole. */
export async function checkForeignKeys(db: Kysely<any>, engine: Engine, what: string): Promise<void> {
  if (engine !== 'sqlite') return;
  const r = await sql<{ table: string; rowid: number; parent: string }>`PRAGMA foreign_key_check`.execute(db);
  const first = r.rows[0];
  if (first) throw new Error(`${what} broke a foreign key: table ${first.table} row ${first.rowid} refers to a missing row of ${first.parent} (${r.rows.length} in all)`);
}
export type Migrations = Record<string, MigrationModule>;

export const MIGRATIONS: Migrations = {
  '0001-initial': m0001,
  '0002-convener-address': m0002,
  '0004-accounts': m0004,
  '0005-file-chunks': m0005,
  '0006-versions-audit': m0006,
  '0007-stable-ids-invalidation': m0007,
  '0008-api-tokens': m0008,
  '0009-releases': m0009,
  '0010-speaker-links': m0010,
  '0011-import-drafts': m0011,
  '0012-identities': m0012,
  '0013-slugs-every-script': m0013,
  '0014-search': m0014,
  '0016-person-gender': m0016,
  '0015-content-languages': m0015,
  '0017-publications': m0017,
  '0018-search-pairs': m0018,
  '0019-public-counts': m0019,
  '0020-appearance-page-indexes': m0020,
  '0021-material-version-languages': m0021,
};

/** The bookkeeping table, with the columns Kysely's Migrator gave it, so databases it migrated go on unchanged. */
export const MIGRATION_TABLE = 'plenary_migration';
/** Left by Kysely's Migrator in databases it migrated; no longer used. */
export const MIGRATION_LOCK_TABLE = 'plenary_migration_lock';

/** An arbitrary constant naming the migrations' lock among PostgreSQL advisory locks. */
const MIGRATION_LOCK = 7_340_522_114;

/** This Plenary's migration names in the order they apply (numbered, so sorted by name). */
export const migrationNames = (migrations: Migrations = MIGRATIONS): string[] => Object.keys(migrations).sort();

async function hasMigrationTable(db: Kysely<any>, engine: Engine): Promise<boolean> {
  const r =
    engine === 'postgres'
      ? await sql<{ n: number }>`SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ${MIGRATION_TABLE}`.execute(db)
      : await sql<{ n: number }>`SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = ${MIGRATION_TABLE}`.execute(db);
  return Number(r.rows[0]?.n ?? 0) > 0;
}

/** The migrations applied to a database, in order; none for a database never migrated. */
export async function appliedMigrations(db: Kysely<any>, engine: Engine): Promise<string[]> {
  if (!(await hasMigrationTable(db, engine))) return [];
  const r = await sql<{ name: string }>`SELECT name FROM ${sql.table(MIGRATION_TABLE)}`.execute(db);
  return r.rows.map((x) => x.name).sort();
}

/**
 * What is left to apply to a database that has `applied`, in order, or an error when it is not a prefix of
 * `names`: a migration missing before applied ones is refused, unless each of those declared it may come
 * before it (independentOf).
 */
function pending(applied: string[], names: string[], migrations: Migrations): string[] {
  const unknown = applied.filter((n) => !names.includes(n));
  if (unknown.length) {
    throw new Conflict(
      `the database has schema ${applied.at(-1)}, which this Plenary does not know (it knows up to ${names.at(-1)}; unknown: ${unknown.join(', ')}): run a newer Plenary`,
    );
  }
  const gap = forbiddenGap(applied, migrations);
  if (gap !== undefined) throw new Conflict(`the database lacks migration ${gap} although later ones are applied: it was not migrated by this Plenary`);
  return names.filter((n) => !applied.includes(n));
}

/**
 * The first migration missing from `applied` (known migrations, as a database or a backup records
 * them) before a later applied one that did not declare itself independent of it; undefined when
 * every gap is one that independentOf allows (that migration is then applied afterwards).
 */
export function forbiddenGap(applied: readonly string[], migrations: Migrations = MIGRATIONS): string | undefined {
  const number = (n: string) => n.split('-')[0]!;
  return migrationNames(migrations)
    .filter((n) => !applied.includes(n))
    .find((n) => applied.some((a) => a > n && !(migrations[a]?.independentOf ?? []).includes(number(n))));
}

async function lockAndPrepare(trx: Kysely<any>, engine: Engine): Promise<void> {
  // Several processes may start at once; the first one migrates, the others then find nothing to do.
  // SQLite's transactions already hold the write lock from their BEGIN IMMEDIATE (dialects/sqlite.ts).
  if (engine === 'postgres') await sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`.execute(trx);
  await trx.schema
    .createTable(MIGRATION_TABLE)
    .ifNotExists()
    .addColumn('name', 'varchar(255)', (c) => c.notNull().primaryKey())
    .addColumn('timestamp', 'varchar(255)', (c) => c.notNull())
    .execute();
}

/** Applies one migration and records it; returns its notes for the operator. */
async function applyOne(trx: Kysely<any>, engine: Engine, name: string, mod: MigrationModule): Promise<readonly string[]> {
  let notes: readonly string[];
  try {
    notes = (await mod.up(trx, engine)) ?? [];
  } catch (e) {
    throw new Error(`migration ${name} failed: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
  await trx.insertInto(MIGRATION_TABLE).values({ name, timestamp: new Date().toISOString() }).execute();
  return notes;
}

export type MigrateOptions = {
  /** called before each migration is applied (the command prints it) */
  onApply?: (name: string) => void;
  /** another set of migrations (tests); then the name keys are left as they are */
  migrations?: Migrations;
  /** called when stored name keys were changed to follow this Plenary's rules (name-keys.ts) */
  onRekey?: (report: RekeyReport) => void;
  /** called when the persons' and organizations' search documents were made again by this Plenary's rules */
  onReindex?: (report: ReindexReport) => void;
  /** called, once a migration committed, with each thing it says its operator should know (rows it changed so that its schema holds) */
  onNote?: (name: string, note: string) => void;
};

/**
 * Brings the database up to date, each migration in its own transaction; returns the names applied.
 * Then, in one more transaction under the same lock, makes the stored name keys again if they were
 * made by other rules than this Plenary's (storage/name-keys.ts): every command that opens the
 * database (migrate, serve, import, ...) comes through here.
 */
export async function migrate(storage: Storage, opts: MigrateOptions = {}): Promise<string[]> {
  const migrations = opts.migrations ?? MIGRATIONS;
  const names = migrationNames(migrations);
  const applied: string[] = [];
  for (const name of names) {
    const keysOff = storage.engine === 'sqlite' && migrations[name]!.sqliteForeignKeysOff === true;
    if (keysOff) {
      // Only when it is still to apply: the pragma is a no-op inside a transaction, so it is set before.
      if (!pending(await appliedMigrations(storage.db as unknown as Kysely<any>, storage.engine), names, migrations).includes(name)) continue;
      await sql`PRAGMA foreign_keys = OFF`.execute(storage.db);
    }
    try {
      const done = await storage.db.transaction().execute(async (tx) => {
        const trx = tx as unknown as Kysely<any>;
        await lockAndPrepare(trx, storage.engine);
        // Read again under the lock: another process may have applied it meanwhile.
        if (!pending(await appliedMigrations(trx, storage.engine), names, migrations).includes(name)) return null;
        opts.onApply?.(name);
        const notes = await applyOne(trx, storage.engine, name, migrations[name]!);
        if (keysOff) await checkForeignKeys(trx, storage.engine, `migration ${name}`);
        return notes;
      });
      if (done) {
        applied.push(name);
        for (const note of done) opts.onNote?.(name, note);
      }
    } finally {
      if (keysOff) await sql`PRAGMA foreign_keys = ON`.execute(storage.db);
    }
  }
  if (opts.migrations === undefined) {
    // Derived data made again when the rules that make it changed, in one transaction under the migrations' lock:
    // the name keys (name-keys.ts), then the search documents of persons and organizations (search-doc-rules.ts).
    const [report, reindexed] = await storage.db.transaction().execute(async (tx) => {
      const trx = tx as unknown as Kysely<any>;
      await lockAndPrepare(trx, storage.engine);
      return [await rekeyNamesWithin(trx), await refreshIdentityDocsWithin(trx)] as const;
    });
    const changed = report && report.persons + report.personAliases + report.personAliasesCollapsed + report.organizations + report.organizationAliases + report.organizationAliasesCollapsed;
    if (report && changed) opts.onRekey?.(report);
    if (reindexed && reindexed.persons + reindexed.organizations > 0) opts.onReindex?.(reindexed);
  }
  return applied;
}

/**
 * Applies the pending migrations up to and including `to` (all of them without it), or only those
 * among `only` (a backup's own migrations, which may lack one that a later one is independent of),
 * inside the caller's transaction, which holds the write lock (write()); returns the names applied.
 * `onNote` hears each migration's notes as it is applied, before the caller commits.
 */
export async function migrateWithin(
  trx: Kysely<any>,
  engine: Engine,
  opts: { to?: string; only?: readonly string[]; migrations?: Migrations; onNote?: (name: string, note: string) => void } = {},
): Promise<string[]> {
  const migrations = opts.migrations ?? MIGRATIONS;
  const names = migrationNames(migrations);
  if (opts.to !== undefined && !names.includes(opts.to)) throw new Error(`no migration is named ${opts.to}`);
  const unknown = opts.only?.find((n) => !names.includes(n));
  if (unknown !== undefined) throw new Error(`no migration is named ${unknown}`);
  await lockAndPrepare(trx, engine);
  const todo = pending(await appliedMigrations(trx, engine), names, migrations).filter((n) => (opts.to === undefined || n <= opts.to) && (opts.only === undefined || opts.only.includes(n)));
  for (const name of todo) for (const note of await applyOne(trx, engine, name, migrations[name]!)) opts.onNote?.(name, note);
  return todo;
}
