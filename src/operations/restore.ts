// restoreBackup: load an archive written by writeBackup into an empty, migrated database,
// keeping every id (so URLs and guids stay the same). The archive is read as a stream, twice:
// first its container, manifest and every entry's checksum and row count are checked in full;
// then, in one transaction through write(), each row is validated and inserted as it is read.
// Memory stays bounded by one chunk of rows, whatever the archive's size.
import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { z } from 'zod';
import { Conflict, InvalidInput } from '../domain/errors.ts';
import type { Storage } from '../storage/storage.ts';
import { write } from '../storage/write.ts';
import { MIGRATION_TABLE } from './backup.ts';
import { type ArchiveSource, decodeRow, FORMAT, FORMAT_VERSION, lines, MANIFEST_ENTRY, type Manifest, manifestSchema, readArchive, rowSchema, TABLES, type TableSpec } from './archive-format.ts';

export type RestoreReport = { manifest: Manifest; rows: Record<string, number> };

// Bound parameters per INSERT stay under both engines' limits (SQLite 32766, PostgreSQL 65535),
// and a chunk of file rows stays a reasonable size in memory and on the wire.
const MAX_PARAMS = 30000;
const MAX_ROWS = 1000;
const MAX_CHUNK_BYTES = 8 * 1024 * 1024;

const describe = (e: z.ZodError) => e.issues.map((i) => `${i.path.length ? `${i.path.join('.')}: ` : ''}${i.message}`).join('; ');

const MAX_MANIFEST_BYTES = 1024 * 1024;

type EntryStats = { bytes: number; sha256: string; rows: number; position: number };

/**
 * The first pass: the container, the manifest and every entry's checksum and row count, read as
 * a stream; `label` names the archive in messages.
 */
async function scanBackup(source: ArchiveSource, label: string): Promise<{ manifest: Manifest; stats: Map<string, EntryStats> }> {
  let raw: Buffer | null = null;
  const stats = new Map<string, EntryStats>();
  for await (const entry of readArchive(source, label)) {
    if (entry.type !== 'file') continue;
    if (entry.name === MANIFEST_ENTRY) {
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const c of entry.stream) {
        size += c.length;
        if (size > MAX_MANIFEST_BYTES) throw new InvalidInput(`${label} is damaged: its ${MANIFEST_ENTRY} is larger than ${MAX_MANIFEST_BYTES / 1024 / 1024} MB`);
        chunks.push(c);
      }
      raw = Buffer.concat(chunks);
      continue;
    }
    const hash = createHash('sha256');
    let bytes = 0;
    let newlines = 0;
    let last = 10;
    for await (const c of entry.stream) {
      hash.update(c);
      bytes += c.length;
      for (let i = c.indexOf(10); i >= 0; i = c.indexOf(10, i + 1)) newlines++;
      last = c[c.length - 1] ?? last;
    }
    stats.set(entry.name, { bytes, sha256: hash.digest('hex'), rows: newlines + (bytes > 0 && last !== 10 ? 1 : 0), position: stats.size });
  }
  if (!raw) throw new InvalidInput(`${label} is not a Plenary backup: it has no ${MANIFEST_ENTRY}`);
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new InvalidInput(`${label} is damaged: its ${MANIFEST_ENTRY} is not JSON`);
  }
  // The version first: a later format may shape the rest of the manifest differently.
  const head = z.object({ format: z.literal(FORMAT), formatVersion: z.int() }).safeParse(json);
  if (!head.success) throw new InvalidInput(`${label} is not a Plenary backup: its ${MANIFEST_ENTRY} names no ${FORMAT} format version`);
  if (head.data.formatVersion !== FORMAT_VERSION) {
    throw new InvalidInput(`${label} has backup format version ${head.data.formatVersion}; this Plenary reads version ${FORMAT_VERSION}`);
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) throw new InvalidInput(`${label} has an invalid ${MANIFEST_ENTRY}: ${describe(parsed.error)}`);
  const manifest = parsed.data;
  for (const t of manifest.tables) {
    const entry = stats.get(t.entry);
    if (!entry) throw new InvalidInput(`${label} is damaged: entry ${t.entry} is missing`);
    if (entry.bytes !== t.bytes || entry.sha256 !== t.sha256) throw new InvalidInput(`${label} is damaged: checksum mismatch for entry ${t.entry}`);
  }
  return { manifest, stats };
}

/** The manifest's tables against this Plenary's: every table there, with the same columns and row counts as read. */
function checkTables(label: string, manifest: Manifest, stats: Map<string, EntryStats>): void {
  const byName = new Map(manifest.tables.map((t) => [t.name, t]));
  for (const t of manifest.tables) if (!TABLES.some((s) => s.name === t.name)) throw new InvalidInput(`${label} holds table ${t.name}, unknown to schema ${manifest.schemaVersion}`);
  for (const spec of TABLES) {
    const t = byName.get(spec.name);
    if (!t) throw new InvalidInput(`${label} is damaged: table ${spec.name} is missing from its ${MANIFEST_ENTRY}`);
    if (t.columns.join(',') !== Object.keys(spec.columns).join(',')) {
      throw new InvalidInput(`${label}: table ${spec.name} has columns ${t.columns.join(', ')}; schema ${manifest.schemaVersion} has ${Object.keys(spec.columns).join(', ')}`);
    }
    const rows = stats.get(t.entry)!.rows;
    if (rows !== t.rows) throw new InvalidInput(`${label} is damaged: entry ${t.entry} holds ${rows} rows, its ${MANIFEST_ENTRY} says ${t.rows}`);
  }
  // Rows are inserted as they are read, so the tables must come in foreign-key order.
  const expected = TABLES.map((spec) => byName.get(spec.name)!.entry);
  const actual = [...expected].sort((a, b) => stats.get(a)!.position - stats.get(b)!.position);
  const wrong = actual.findIndex((entry, i) => entry !== expected[i]);
  if (wrong >= 0) throw new InvalidInput(`${label} is damaged: entry ${actual[wrong]} comes where ${expected[wrong]} belongs; the tables must come in foreign-key order`);
}

/** One archived line as database values, or a message that names the table and row. */
function decodeLine(label: string, spec: TableSpec, schema: ReturnType<typeof rowSchema>, line: string, index: number): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new InvalidInput(`${label}: table ${spec.name} row ${index + 1} is invalid: not JSON`);
  }
  const row = schema.safeParse(value);
  if (!row.success) throw new InvalidInput(`${label}: table ${spec.name} row ${index + 1} is invalid: ${describe(row.error)}`);
  return decodeRow(spec, row.data);
}

/** The latest migration applied to this database: this Plenary's schema version once migrated. */
async function schemaVersion(db: Kysely<any>): Promise<string> {
  const r = await sql<{ name: string }>`SELECT name FROM ${sql.table(MIGRATION_TABLE)} ORDER BY name DESC`.execute(db);
  return r.rows[0]?.name ?? '(none)';
}

export async function restoreBackup(storage: Storage, source: ArchiveSource, label: string): Promise<RestoreReport> {
  const { manifest, stats } = await scanBackup(source, label);
  const db = storage.db as unknown as Kysely<any>;
  const ours = await schemaVersion(db);
  // Migration names are numbered, so they sort in the order they were applied.
  if (manifest.schemaVersion > ours) {
    throw new InvalidInput(`${label} has schema version ${manifest.schemaVersion}, newer than this Plenary's ${ours}: restore it with a newer Plenary`);
  }
  if (manifest.schemaVersion !== ours) {
    throw new InvalidInput(`${label} has schema version ${manifest.schemaVersion}, older than this Plenary's ${ours}: restoring an older backup is not supported`);
  }
  checkTables(label, manifest, stats);
  const specByEntry = new Map(manifest.tables.map((t) => [t.entry, { spec: TABLES.find((s) => s.name === t.name)!, table: t }]));

  await write(storage, async (trx) => {
    const tx = trx as unknown as Kysely<any>;
    await refuseNonEmpty(tx);
    // Tables come in foreign-key order (checked above), the order backup writes them in.
    const seen = new Set<string>();
    for await (const entry of readArchive(source, label)) {
      const found = entry.type === 'file' ? specByEntry.get(entry.name) : undefined;
      if (!found) continue;
      if (seen.has(entry.name)) throw new InvalidInput(`${label} is damaged: entry ${entry.name} appears twice`);
      seen.add(entry.name);
      const { spec, table } = found;
      const hash = createHash('sha256');
      const hashed = (async function* () {
        for await (const c of entry.stream) {
          hash.update(c);
          yield c;
        }
      })();
      const schema = rowSchema(spec);
      let index = 0;
      const rows = (async function* () {
        for await (const line of lines(hashed)) yield decodeLine(label, spec, schema, line, index++);
      })();
      if (spec.name === 'site_state') {
        const all: Record<string, unknown>[] = [];
        for await (const r of rows) all.push(r);
        await restoreSiteState(tx, all);
      } else {
        await insertChunked(tx, spec, rows, label);
      }
      if (hash.digest('hex') !== table.sha256) throw new InvalidInput(`${label} changed while it was being restored: entry ${entry.name} no longer matches its checksum`);
    }
    const unseen = manifest.tables.find((t) => !seen.has(t.entry));
    if (unseen) throw new InvalidInput(`${label} changed while it was being restored: entry ${unseen.entry} is gone`);
    if (storage.engine === 'postgres') {
      // Rows came with their ids; move each identity past them so that new rows do not collide.
      for (const spec of TABLES.filter((t) => t.identity)) {
        await sql`SELECT setval(pg_get_serial_sequence(${spec.name}, 'id'), coalesce(max(id), 0) + 1, false) FROM ${sql.table(spec.name)}`.execute(tx);
      }
    }
  });
  return { manifest, rows: Object.fromEntries(TABLES.map((spec) => [spec.name, manifest.tables.find((t) => t.name === spec.name)!.rows])) };
}

async function refuseNonEmpty(tx: Kysely<any>): Promise<void> {
  const held: string[] = [];
  for (const spec of TABLES) {
    if (spec.name === 'site_state') continue;
    const { n } = await tx.selectFrom(spec.name).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    if (Number(n) > 0) held.push(`${spec.name}: ${n}`);
  }
  if (held.length) throw new Conflict(`the database is not empty (${held.join(', ')}); restore needs a new, migrated database`);
}

async function insertChunked(tx: Kysely<any>, spec: TableSpec, rows: AsyncIterable<Record<string, unknown>>, label: string): Promise<void> {
  const perChunk = Math.min(MAX_ROWS, Math.floor(MAX_PARAMS / Object.keys(spec.columns).length));
  let chunk: Record<string, unknown>[] = [];
  let size = 0;
  const flush = async () => {
    if (!chunk.length) return;
    try {
      await tx.insertInto(spec.name).values(chunk).execute();
    } catch (e) {
      throw new InvalidInput(`${label}: table ${spec.name} could not be restored: ${(e as Error).message}`);
    }
    chunk = [];
    size = 0;
  };
  for await (const row of rows) {
    chunk.push(row);
    for (const v of Object.values(row)) if (v instanceof Uint8Array) size += v.length;
    if (chunk.length >= perChunk || size >= MAX_CHUNK_BYTES) await flush();
  }
  await flush();
}

/**
 * The archived counters replace the migration's. The cache generation must still move past this
 * database's (write() adds one after this), so it becomes the archived value, or one past the
 * current one if that is already as far: a restore into a new database keeps the archived value.
 */
async function restoreSiteState(tx: Kysely<any>, rows: Record<string, unknown>[]): Promise<void> {
  const current = await tx.selectFrom('site_state').select('value').where('key', '=', 'generation').executeTakeFirst();
  const now = Number(current?.value ?? 0);
  await tx.deleteFrom('site_state').execute();
  const values = rows.map((r) => (r.key === 'generation' ? { ...r, value: Math.max(Number(r.value), now + 1) - 1 } : r));
  if (!values.some((r) => r.key === 'generation')) values.push({ key: 'generation', value: now });
  await tx.insertInto('site_state').values(values).execute();
}
