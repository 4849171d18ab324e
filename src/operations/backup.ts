// createBackup: every table of the database as one archive (layout in archive-format.ts).
import { createHash } from 'node:crypto';
import { PassThrough, type Writable } from 'node:stream';
import type { Kysely } from 'kysely';
import { appliedMigrations } from '../storage/migrate.ts';
import { databaseSortsBytewise } from '../storage/queries.ts';
import { schemaColumns, tableRows } from '../storage/queries/archive.ts';
import type { Storage } from '../storage/storage.ts';
import { encodeLine } from './archive-codec.ts';
import { entryName, FORMAT, FORMAT_VERSION, MANIFEST_ENTRY, type Manifest, TABLES, type TableSpec } from './archive-format.ts';
import { writeArchive } from './archive-stream.ts';

export type Backup = { bytes: Buffer; manifest: Manifest };

/** A backup of the whole database as bytes in memory (tests, small databases). */
export async function createBackup(storage: Storage, opts: { now?: Date } = {}): Promise<Backup> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (c: Buffer) => chunks.push(c));
  const manifest = await writeBackup(storage, sink, opts);
  return { bytes: Buffer.concat(chunks), manifest };
}

/**
 * A backup of the whole database, read from one consistent snapshot and written to `out` as
 * it is read: each table is read twice in key order, a batch at a time, first to count and
 * hash it for the manifest (which comes first in the archive), then to write it. Memory stays
 * bounded by one batch, whatever the size of the stored files.
 */
export async function writeBackup(storage: Storage, out: Writable, opts: { now?: Date } = {}): Promise<Manifest> {
  const createdAt = opts.now ?? new Date();
  // PostgreSQL's default isolation gives each statement its own snapshot; repeatable read gives
  // the whole transaction one. SQLite (WAL) keeps the snapshot of a transaction's first read.
  return storage.db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (trx) => {
      const db = trx as unknown as Kysely<any>;
      const migrations = await appliedMigrations(db, storage.engine);
      const schemaVersion = migrations.at(-1);
      if (!schemaVersion) throw new Error('the database has not been migrated: there is nothing to back up');
      const tables = backupTables(await schemaColumns(db, storage.engine));
      const textIsBytewise = await databaseSortsBytewise(db, storage.engine);
      const chunksOf = (spec: TableSpec) => tableChunks(tableRows(db, storage.engine, spec, textIsBytewise), spec);
      const listed: Manifest['tables'] = [];
      for (const spec of tables) {
        const hash = createHash('sha256');
        let rows = 0;
        let bytes = 0;
        for await (const chunk of chunksOf(spec)) {
          hash.update(chunk.bytes);
          bytes += chunk.bytes.length;
          rows += chunk.rows;
        }
        listed.push({ name: spec.name, entry: entryName(spec.name), columns: Object.keys(spec.columns), rows, bytes, sha256: hash.digest('hex') });
      }
      const manifest: Manifest = { format: FORMAT, formatVersion: FORMAT_VERSION, schemaVersion, migrations, engine: storage.engine, createdAt: createdAt.toISOString(), tables: listed };
      const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
      await writeArchive(out, createdAt, [
        { name: MANIFEST_ENTRY, size: manifestBytes.length, chunks: async function* () { yield manifestBytes; } },
        ...tables.map((spec, i) => ({ name: entryName(spec.name), size: listed[i]!.bytes, chunks: () => bytesOf(chunksOf(spec)) })),
      ]);
      return manifest;
    });
}

/**
 * The tables to write, with the columns this database has. A table or column the archive format
 * does not know would be silently left out: refused instead. A database at an older schema
 * version lacks some of the format's columns (or tables): its backup holds what it has, and
 * restore loads it at that version.
 */
function backupTables(found: Map<string, Record<string, unknown>>): TableSpec[] {
  const known = new Map(TABLES.map((t) => [t.name as string, t]));
  for (const [table, columns] of found) {
    const spec = known.get(table);
    for (const c of Object.keys(columns)) {
      if (!spec?.columns[c]) throw new Error(`the backup format does not know column ${table}.${c}: refusing to write an incomplete backup`);
    }
  }
  return TABLES.filter((t) => found.has(t.name)).map((t) => {
    const present = found.get(t.name)!;
    return { ...t, columns: Object.fromEntries(Object.entries(t.columns).filter(([c]) => c in present)) };
  });
}

/** A table's NDJSON in chunks of about 1 MB (or one row, where a row is larger), with their row counts. */
async function* tableChunks(rows: AsyncIterable<Record<string, unknown>>, spec: TableSpec): AsyncGenerator<{ bytes: Buffer; rows: number }> {
  let lines: string[] = [];
  let size = 0;
  let index = 0;
  const flush = () => {
    const chunk = { bytes: Buffer.from(lines.join('')), rows: lines.length };
    lines = [];
    size = 0;
    return chunk;
  };
  for await (const row of rows) {
    const line = encodeLine(spec, row, index++);
    lines.push(line);
    size += line.length;
    if (size >= 1024 * 1024) yield flush();
  }
  if (lines.length) yield flush();
}

async function* bytesOf(chunks: AsyncIterable<{ bytes: Buffer }>): AsyncGenerator<Buffer> {
  for await (const c of chunks) yield c.bytes;
}
