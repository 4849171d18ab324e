// The SQL of backup and restore: tables read in key order a batch at a time, the schema as the
// database holds it, and the bulk writes of a restore. Written once for both engines.
import { type Kysely, sql } from 'kysely';
import { MIGRATION_LOCK_TABLE, MIGRATION_TABLE } from '../migrate.ts';
import { bytewise } from '../queries.ts';
import type { Engine } from '../storage.ts';

/** How the archive sees a column: its value kind, and whether it may be NULL (`?`). */
export type ColumnType = 'integer' | 'text' | 'blob' | 'integer?' | 'text?' | 'blob?';

/** A table as read or written: its key (for the order of rows) and its columns in archive order. */
export type TableShape = { name: string; key: string[]; columns: Record<string, ColumnType> };

/**
 * Tables a backup leaves out: the migrations' own bookkeeping (the manifest names the migrations),
 * and what only matters while the site runs: sign-in sessions, login counters, and agendas uploaded
 * but not yet confirmed (import drafts, which expire within a day). A restored site starts with
 * everyone signed out, no one locked out and no import pending.
 */
export const EPHEMERAL_TABLES = ['auth_session', 'login_throttle', 'cache_invalidation', 'import_draft'] as const;
export const BOOKKEEPING_TABLES: ReadonlySet<string> = new Set([MIGRATION_TABLE, MIGRATION_LOCK_TABLE, ...EPHEMERAL_TABLES]);
/**
 * The search index (migration 0014): search_doc, SQLite's FTS5 table search_fts and its shadow
 * tables, and search_file_text (text read from stored files). All derived from the other tables
 * and files: left out of backups, made again after a restore and by `plenary search rebuild`.
 */
export const isSearchTable = (name: string): boolean => name.startsWith('search_');
/**
 * Counts derived from the published copies (migration 0019), kept by triggers: left out of
 * backups; a restore's rows fill them again as they are inserted.
 */
export const DERIVED_TABLES = ['public_person_count', 'public_organization_count', 'public_country_count'] as const;
const DERIVED: ReadonlySet<string> = new Set(DERIVED_TABLES);
/** Tables a backup leaves out because they are made again from the others. */
export const isDerivedTable = (name: string): boolean => isSearchTable(name) || DERIVED.has(name);

/** Every table of this database (bookkeeping left out) with its columns in the order the database keeps them. */
export async function schemaColumns(db: Kysely<any>, engine: Engine): Promise<Map<string, Record<string, ColumnType>>> {
  const rows =
    engine === 'postgres'
      ? (
          await sql<{ t: string; c: string; type: string; nullable: boolean }>`
            SELECT table_name AS t, column_name AS c, data_type AS type, is_nullable = 'YES' AS nullable
            FROM information_schema.columns WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`.execute(db)
        ).rows
      : (
          await sql<{ t: string; c: string; type: string; nullable: number }>`
            SELECT m.name AS t, p.name AS c, p.type AS type, (p."notnull" = 0 AND p.pk = 0) AS nullable
            FROM sqlite_master m, pragma_table_info(m.name) p
            WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY m.name, p.cid`.execute(db)
        ).rows;
  const out = new Map<string, Record<string, ColumnType>>();
  for (const r of rows) {
    if (BOOKKEEPING_TABLES.has(r.t) || isDerivedTable(r.t)) continue;
    const kind = valueKind(r.type);
    if (!kind) throw new Error(`column ${r.t}.${r.c} has type ${r.type}, which backups do not know how to write`);
    const columns = out.get(r.t) ?? {};
    columns[r.c] = (r.nullable ? `${kind}?` : kind) as ColumnType;
    out.set(r.t, columns);
  }
  return out;
}

function valueKind(type: string): 'integer' | 'text' | 'blob' | null {
  const t = type.toLowerCase();
  if (/^(integer|int|int4|bigint|int8|smallint|int2)$/.test(t)) return 'integer';
  if (/^(text|varchar(\(\d+\))?|character varying)$/.test(t)) return 'text';
  if (t === 'blob' || t === 'bytea') return 'blob';
  return null;
}

/** Rows per query when a table is read in key order: few where rows carry file bytes. */
const batchRows = (table: TableShape) => (Object.values(table.columns).some((t) => t.startsWith('blob')) ? 4 : 1000);

/** The archive's row order: key columns compared as numbers, or as UTF-8 bytes (code point order). */
export function compareKeys(key: string[], a: Record<string, unknown>, b: Record<string, unknown>): number {
  for (const k of key) {
    const x = a[k];
    const y = b[k];
    if (x === y) continue;
    if (typeof x === 'string' && typeof y === 'string') return Buffer.compare(Buffer.from(x, 'utf8'), Buffer.from(y, 'utf8'));
    return (x as number) < (y as number) ? -1 : 1;
  }
  return 0;
}

/**
 * A table's rows in primary-key order, a batch at a time (keyset pagination), so that a table
 * of any size passes through bounded memory. Text keys are compared bytewise on both engines;
 * the rows are checked against JavaScript's order as they come, so the archive's order stays
 * the one it documents.
 */
export async function* tableRows(db: Kysely<any>, engine: Engine, table: TableShape, textIsBytewise: boolean): AsyncGenerator<Record<string, unknown>> {
  const keyRef = (k: string) => (table.columns[k]!.startsWith('text') ? bytewise(engine, k, textIsBytewise) : sql.ref(k));
  const columns = Object.keys(table.columns);
  const limit = batchRows(table);
  let last: Record<string, unknown> | null = null;
  for (;;) {
    let q = db.selectFrom(table.name).select(columns);
    if (last) {
      const after: Record<string, unknown> = last;
      q = q.where(sql<boolean>`(${sql.join(table.key.map(keyRef))}) > (${sql.join(table.key.map((k) => after[k]))})`);
    }
    for (const k of table.key) q = q.orderBy(keyRef(k));
    const rows = await q.limit(limit).execute();
    for (const row of rows) {
      if (last && compareKeys(table.key, last, row) >= 0) throw new Error(`table ${table.name}: the database orders its keys differently from the archive format (after ${JSON.stringify(table.key.map((k) => last![k]))})`);
      yield row;
      last = row;
    }
    if (rows.length < limit) return;
  }
}

/** Row counts of the tables that hold rows, e.g. `["person: 35"]`. */
export async function nonEmptyTables(db: Kysely<any>, tables: string[]): Promise<string[]> {
  const held: string[] = [];
  for (const name of tables) {
    const { n } = await db.selectFrom(name).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    if (Number(n) > 0) held.push(`${name}: ${n}`);
  }
  return held;
}

export async function insertRows(db: Kysely<any>, table: string, rows: Record<string, unknown>[]): Promise<void> {
  await db.insertInto(table).values(rows).execute();
}

export async function siteGeneration(db: Kysely<any>): Promise<number> {
  const current = await db.selectFrom('site_state').select('value').where('key', '=', 'generation').executeTakeFirst();
  return Number(current?.value ?? 0);
}

/** The cache counters as archived, in place of the ones the migrations wrote. */
export async function replaceSiteState(db: Kysely<any>, rows: Record<string, unknown>[]): Promise<void> {
  await db.deleteFrom('site_state').execute();
  if (rows.length) await db.insertInto('site_state').values(rows).execute();
}

/** On PostgreSQL, moves every identity past the ids that rows brought with them, so that new rows do not collide. */
export async function resetIdentities(db: Kysely<any>, engine: Engine): Promise<void> {
  if (engine !== 'postgres') return;
  const tables = await sql<{ t: string }>`
    SELECT table_name AS t FROM information_schema.columns
    WHERE table_schema = current_schema() AND column_name = 'id' AND is_identity = 'YES' ORDER BY 1`.execute(db);
  for (const { t } of tables.rows) {
    await sql`SELECT setval(pg_get_serial_sequence(${t}, 'id'), coalesce(max(id), 0) + 1, false) FROM ${sql.table(t)}`.execute(db);
  }
}

/**
 * Foreign keys checked at commit (deferred) are checked now, so that a restore can say which row
 * breaks one: `{ table, detail }` of the first, in PostgreSQL's words on both engines, or null.
 */
export async function deferredKeyViolation(db: Kysely<any>, engine: Engine): Promise<{ table: string; detail: string } | null> {
  if (engine === 'postgres') {
    try {
      await sql`SET CONSTRAINTS ALL IMMEDIATE`.execute(db);
      await sql`SET CONSTRAINTS ALL DEFERRED`.execute(db);
      return null;
    } catch (e) {
      const pg = e as { table?: string; detail?: string; message: string };
      return { table: pg.table ?? '(unknown)', detail: pg.detail ?? pg.message };
    }
  }
  const found = await sql<{ table: string; rowid: number; parent: string; fkid: number }>`PRAGMA foreign_key_check`.execute(db);
  const first = found.rows[0];
  if (!first) return null;
  const keys = await sql<{ id: number; from: string; to: string | null }>`SELECT id, "from", "to" FROM pragma_foreign_key_list(${first.table})`.execute(db);
  const columns = keys.rows.filter((k) => k.id === first.fkid).map((k) => k.from);
  const row = await db.selectFrom(first.table).select(columns).where(sql.ref('rowid'), '=', first.rowid).executeTakeFirst();
  const values = columns.map((c) => String(row?.[c]));
  return { table: first.table, detail: `Key (${columns.join(', ')})=(${values.join(', ')}) is not present in table "${first.parent}".` };
}
