// createBackup: every table of the database as one archive (layout in archive-format.ts).
import { type Kysely, sql } from 'kysely';
import type { Storage } from '../storage/storage.ts';
import { encodeValue, entryName, FORMAT, FORMAT_VERSION, MANIFEST_ENTRY, type Manifest, packArchive, sha256, TABLES, type TableSpec } from './archive-format.ts';

export const MIGRATION_TABLE = 'plenary_migration';
// Kysely's own bookkeeping: the migration names go into the manifest instead.
const BOOKKEEPING = new Set([MIGRATION_TABLE, 'plenary_migration_lock']);

export type Backup = { bytes: Buffer; manifest: Manifest };

/** A backup of the whole database, read from one consistent snapshot. */
export async function createBackup(storage: Storage, opts: { now?: Date } = {}): Promise<Backup> {
  const createdAt = opts.now ?? new Date();
  // PostgreSQL's default isolation gives each statement its own snapshot; repeatable read gives
  // the whole transaction one. SQLite (WAL) keeps the snapshot of a transaction's first read.
  const { migrations, entries } = await storage.db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (trx) => {
      const db = trx as unknown as Kysely<any>;
      await refuseUnknownColumns(db, storage.engine);
      const names = await sql<{ name: string }>`SELECT name FROM ${sql.table(MIGRATION_TABLE)}`.execute(db);
      const entries: Array<{ spec: TableSpec; rows: number; bytes: Buffer }> = [];
      for (const spec of TABLES) entries.push({ spec, ...(await tableEntry(db, spec)) });
      return { migrations: names.rows.map((r) => r.name).sort(), entries };
    });
  const schemaVersion = migrations.at(-1);
  if (!schemaVersion) throw new Error('the database has not been migrated: there is nothing to back up');

  const manifest: Manifest = {
    format: FORMAT,
    formatVersion: FORMAT_VERSION,
    schemaVersion,
    migrations,
    engine: storage.engine,
    createdAt: createdAt.toISOString(),
    tables: entries.map((e) => ({ name: e.spec.name, entry: entryName(e.spec.name), columns: Object.keys(e.spec.columns), rows: e.rows, bytes: e.bytes.length, sha256: sha256(e.bytes) })),
  };
  const bytes = await packArchive(
    [[MANIFEST_ENTRY, Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`)], ...entries.map((e): [string, Buffer] => [entryName(e.spec.name), e.bytes])],
    createdAt,
  );
  return { bytes, manifest };
}

async function tableEntry(db: Kysely<any>, spec: TableSpec): Promise<{ rows: number; bytes: Buffer }> {
  const columns = Object.entries(spec.columns);
  const rows = await db.selectFrom(spec.name).select(columns.map(([c]) => c)).execute();
  // Sorted here rather than by ORDER BY: PostgreSQL sorts text by the database's collation,
  // SQLite by bytes, and the two engines must write the same archive.
  rows.sort((a, b) => {
    for (const k of spec.key) if (a[k] !== b[k]) return a[k] < b[k] ? -1 : 1;
    return 0;
  });
  const lines = rows.map((row, i) => {
    const out: Record<string, unknown> = {};
    for (const [c, type] of columns) out[c] = encodeValue(type, row[c], `${spec.name} row ${i + 1} column ${c}`);
    return `${JSON.stringify(out)}\n`;
  });
  return { rows: rows.length, bytes: Buffer.from(lines.join('')) };
}

/** A table or column the archive format does not know would be silently left out: refuse instead. */
async function refuseUnknownColumns(db: Kysely<any>, engine: Storage['engine']): Promise<void> {
  const found =
    engine === 'postgres'
      ? await sql<{ t: string; c: string }>`SELECT table_name AS t, column_name AS c FROM information_schema.columns WHERE table_schema = current_schema()`.execute(db)
      : await sql<{ t: string; c: string }>`SELECT m.name AS t, p.name AS c FROM sqlite_master m, pragma_table_info(m.name) p WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'`.execute(db);
  const known = new Map(TABLES.map((t) => [t.name as string, new Set(Object.keys(t.columns))]));
  for (const { t, c } of found.rows) {
    if (BOOKKEEPING.has(t)) continue;
    if (!known.get(t)?.has(c)) throw new Error(`the backup format does not know column ${t}.${c}: refusing to write an incomplete backup`);
  }
}
