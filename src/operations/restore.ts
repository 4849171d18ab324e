// restoreBackup: load an archive written by writeBackup into an empty database, keeping every id
// (so URLs and guids stay the same). The archive is read as a stream, twice: first its container,
// manifest, every entry's checksum, row count and line lengths are checked in full; then, in one
// transaction through write(), the database is migrated to the archive's own schema version, each
// row is checked (archive-codec.ts, domain/records.ts) and inserted as it is read, and the
// migrations that follow are run. Memory stays bounded by one chunk of rows, whatever the
// archive's size. Nothing is written unless all of it is restored.
import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { z } from 'zod';
import { Conflict, InvalidInput } from '../domain/errors.ts';
import { appliedMigrations, checkForeignKeys, forbiddenGap, migrateWithin, migrationNames, needsForeignKeysOff } from '../storage/migrate.ts';
import { allFiles, damagedFileChunks, fileChunks } from '../storage/queries/files.ts';
import { type ColumnType, deferredKeyViolation, insertRows, nonEmptyTables, replaceSiteState, resetIdentities, schemaColumns, siteGeneration, type TableShape } from '../storage/queries/archive.ts';
import type { Storage } from '../storage/storage.ts';
import { write } from '../storage/write.ts';
import { decodeLine, rowSchema } from './archive-codec.ts';
import { FORMAT, FORMAT_VERSION, MANIFEST_ENTRY, MAX_LINE_BYTES, MAX_MANIFEST_BYTES, type Manifest, manifestSchema } from './archive-format.ts';
import { type ArchiveSource, LineCounter, LineTooLong, lines, readArchive } from './archive-stream.ts';
import { rebuildIndexWithin } from './search.ts';

/** `notes`: what the migrations applied after the archive's rows said their operator should know (`0021-…: …`). */
export type RestoreReport = { manifest: Manifest; rows: Record<string, number>; migrated: string[]; notes: string[] };
export type RestoreOptions = {
  /** the longest line accepted (tests give a small one); MAX_LINE_BYTES otherwise */
  maxLineBytes?: number;
};

// Bound parameters per INSERT stay under both engines' limits (SQLite 32766, PostgreSQL 65535),
// and a chunk of file rows stays a reasonable size in memory and on the wire.
const MAX_PARAMS = 30000;
const MAX_ROWS = 1000;
const MAX_CHUNK_BYTES = 8 * 1024 * 1024;

const describe = (e: z.ZodError) => e.issues.map((i) => `${i.path.length ? `${i.path.join('.')}: ` : ''}${i.message}`).join('; ');
const tableOfEntry = (entry: string) => /^tables\/(.+)\.ndjson$/.exec(entry)?.[1] ?? entry;

type EntryStats = { bytes: number; sha256: string; rows: number; position: number };

function tooLong(label: string, entry: string, e: LineTooLong): InvalidInput {
  return new InvalidInput(
    `${label}: table ${tableOfEntry(entry)} row ${e.line} is longer than ${e.limit} bytes, the most a backup line holds (a stored file of the largest size, in base64): it was not written by Plenary, or is damaged`,
  );
}

/**
 * The first pass: the container, the manifest and every entry's checksum, row count and line
 * lengths, read as a stream; `label` names the archive in messages.
 */
async function scanBackup(source: ArchiveSource, label: string, maxLineBytes: number): Promise<{ manifest: Manifest; stats: Map<string, EntryStats> }> {
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
    const counter = new LineCounter(maxLineBytes);
    let bytes = 0;
    for await (const c of entry.stream) {
      hash.update(c);
      bytes += c.length;
      try {
        counter.feed(c);
      } catch (e) {
        throw e instanceof LineTooLong ? tooLong(label, entry.name, e) : e;
      }
    }
    stats.set(entry.name, { bytes, sha256: hash.digest('hex'), rows: counter.end(), position: stats.size });
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

/** The archive's schema version against this Plenary's migrations: known, and reached by them in order. */
function checkVersion(label: string, manifest: Manifest, names: string[]): void {
  const v = manifest.schemaVersion;
  const latest = names.at(-1)!;
  if (!names.includes(v)) {
    // Migration names are numbered, so they sort in the order they apply.
    if (v > latest) throw new InvalidInput(`${label} has schema version ${v}, newer than this Plenary's ${latest}: restore it with a newer Plenary`);
    throw new InvalidInput(`${label} has schema version ${v}, which this Plenary does not know (its migrations are ${names.join(', ')})`);
  }
  // The migrations up to v in order, each known; one may be missing only where a later one declared
  // itself independent of it (storage/migrate.ts independentOf), as migrate accepts such a database.
  const recorded = manifest.migrations;
  const ordered = recorded.at(-1) === v && recorded.every((n, i) => names.includes(n) && (i === 0 || recorded[i - 1]! < n));
  if (!ordered || forbiddenGap(recorded) !== undefined) {
    const expected = names.slice(0, names.indexOf(v) + 1);
    throw new InvalidInput(`${label} records the migrations ${recorded.join(', ') || '(none)'}; schema ${v} is reached by ${expected.join(', ')}`);
  }
}

/** Row counts as read against the manifest's, and the entries in the manifest's (foreign-key) order. */
function checkEntries(label: string, manifest: Manifest, stats: Map<string, EntryStats>): void {
  const names = new Set<string>();
  for (const t of manifest.tables) {
    if (names.has(t.name)) throw new InvalidInput(`${label} is damaged: its ${MANIFEST_ENTRY} lists table ${t.name} twice`);
    names.add(t.name);
    const rows = stats.get(t.entry)!.rows;
    if (rows !== t.rows) throw new InvalidInput(`${label} is damaged: entry ${t.entry} holds ${rows} rows, its ${MANIFEST_ENTRY} says ${t.rows}`);
  }
  // Rows are inserted as they are read, so the tables must come in the order the manifest lists them.
  const expected = manifest.tables.map((t) => t.entry);
  const actual = [...expected].sort((a, b) => stats.get(a)!.position - stats.get(b)!.position);
  const wrong = actual.findIndex((entry, i) => entry !== expected[i]);
  if (wrong >= 0) throw new InvalidInput(`${label} is damaged: entry ${actual[wrong]} comes where ${expected[wrong]} belongs; the tables must come in foreign-key order`);
}

/** The manifest's tables against the database's at the archive's schema version: the same tables with the same columns. */
function tableShapes(label: string, manifest: Manifest, schema: Map<string, Record<string, ColumnType>>): Map<string, TableShape> {
  const v = manifest.schemaVersion;
  const listed = new Set(manifest.tables.map((t) => t.name));
  for (const name of schema.keys()) if (!listed.has(name)) throw new InvalidInput(`${label} is damaged: table ${name} is missing from its ${MANIFEST_ENTRY}`);
  const shapes = new Map<string, TableShape>();
  for (const t of manifest.tables) {
    const columns = schema.get(t.name);
    if (!columns) throw new InvalidInput(`${label} holds table ${t.name}, unknown to schema ${v}`);
    const have = Object.keys(columns);
    if ([...t.columns].sort().join(',') !== [...have].sort().join(',') || new Set(t.columns).size !== t.columns.length) {
      throw new InvalidInput(`${label}: table ${t.name} has columns ${t.columns.join(', ')}; schema ${v} has ${have.join(', ')}`);
    }
    shapes.set(t.entry, { name: t.name, key: [], columns: Object.fromEntries(t.columns.map((c) => [c, columns[c]!])) });
  }
  return shapes;
}

export async function restoreBackup(storage: Storage, source: ArchiveSource, label: string, opts: RestoreOptions = {}): Promise<RestoreReport> {
  const maxLineBytes = opts.maxLineBytes ?? MAX_LINE_BYTES;
  const { manifest, stats } = await scanBackup(source, label, maxLineBytes);
  const names = migrationNames();
  checkVersion(label, manifest, names);
  checkEntries(label, manifest, stats);
  const v = manifest.schemaVersion;
  const byEntry = new Map(manifest.tables.map((t) => [t.entry, t]));

  // A migration that rebuilds tables over the archive's rows needs SQLite's foreign keys off
  // (storage/migrate.ts); the pragma holds only outside a transaction, so it is set around it,
  // and every key is checked before the commit instead.
  const keysOff = storage.engine === 'sqlite' && needsForeignKeysOff(names.filter((n) => !manifest.migrations.includes(n)));
  if (keysOff) await sql`PRAGMA foreign_keys = OFF`.execute(storage.db);
  try {
    return await restoreWithin(storage, source, label, manifest, v, byEntry, maxLineBytes, keysOff);
  } finally {
    if (keysOff) await sql`PRAGMA foreign_keys = ON`.execute(storage.db);
  }
}

async function restoreWithin(
  storage: Storage,
  source: ArchiveSource,
  label: string,
  manifest: Manifest,
  v: string,
  byEntry: Map<string, Manifest['tables'][number]>,
  maxLineBytes: number,
  keysOff: boolean,
): Promise<RestoreReport> {
  const notes: string[] = [];
  const onNote = (name: string, note: string) => notes.push(`${name}: ${note}`);
  const migrated = await write(storage, async (trx) => {
    notes.length = 0;
    const tx = trx as unknown as Kysely<any>;
    const applied = await appliedMigrations(tx, storage.engine);
    if (applied.length) {
      const order = [...manifest.tables.map((t) => t.name), ...(await schemaColumns(tx, storage.engine)).keys()];
      const held = await nonEmptyTables(tx, [...new Set(order)].filter((t) => t !== 'site_state'));
      if (held.length) throw new Conflict(`the database is not empty (${held.join(', ')}); restore needs a new database`);
    }
    // No way back down: an empty database migrated past the archive (or by a migration the archive
    // lacks, one a later one is independent of) must be made anew.
    const beyond = applied.filter((n) => !manifest.migrations.includes(n));
    if (beyond.length) {
      const newer = applied.at(-1)! > v;
      throw new Conflict(
        `${label} has schema version ${v}, and this database was already migrated ${newer ? `to ${applied.at(-1)}` : `by ${beyond.join(', ')}, which ${label} lacks`}: restore ${newer ? 'an older backup' : 'it'} into a new database, which restore migrates itself (do not run "plenary migrate" or "plenary serve" on it first)`,
      );
    }
    // Exactly the archive's migrations: its rows are loaded into the schema it was written from.
    await migrateWithin(tx, storage.engine, { only: manifest.migrations, onNote });
    const shapes = tableShapes(label, manifest, await schemaColumns(tx, storage.engine));

    // Tables come in the manifest's order (checked above), the order backup writes them in.
    const seen = new Set<string>();
    for await (const entry of readArchive(source, label)) {
      const shape = entry.type === 'file' ? shapes.get(entry.name) : undefined;
      if (!shape) continue;
      if (seen.has(entry.name)) throw new InvalidInput(`${label} is damaged: entry ${entry.name} appears twice`);
      seen.add(entry.name);
      const table = byEntry.get(entry.name)!;
      const hash = createHash('sha256');
      const hashed = (async function* () {
        for await (const c of entry.stream) {
          hash.update(c);
          yield c;
        }
      })();
      const schema = rowSchema(shape);
      let index = 0;
      const rows = (async function* () {
        try {
          for await (const line of lines(hashed, maxLineBytes)) {
            const row = index++;
            yield decodeLine(shape, schema, line, (detail) => new InvalidInput(`${label}: table ${shape.name} row ${row + 1} is invalid: ${detail}`));
          }
        } catch (e) {
          throw e instanceof LineTooLong ? tooLong(label, entry.name, e) : e;
        }
      })();
      if (shape.name === 'site_state') await restoreSiteState(tx, rows);
      else await insertChunked(tx, shape, rows, label);
      if (hash.digest('hex') !== table.sha256) throw new InvalidInput(`${label} changed while it was being restored: entry ${entry.name} no longer matches its checksum`);
    }
    const unseen = manifest.tables.find((t) => !seen.has(t.entry));
    if (unseen) throw new InvalidInput(`${label} changed while it was being restored: entry ${unseen.entry} is gone`);
    // Keys that refer forward (checked at commit) are checked here, where a message can still name them.
    const broken = await deferredKeyViolation(tx, storage.engine);
    if (broken) throw new InvalidInput(`${label}: table ${broken.table} could not be restored: ${broken.detail}`);
    // The migrations that came after the archive, over its rows.
    const after = await migrateWithin(tx, storage.engine, { onNote });
    if (keysOff) await checkForeignKeys(tx, storage.engine, `restoring ${label}`);
    // Every file's chunks against its size and checksum, whether they came as chunks or were cut by migration 0005.
    await checkFiles(tx, label);
    // Rows came with their ids; new rows must not collide with them.
    await resetIdentities(tx, storage.engine);
    // Backups leave the search index out: it is made again from the restored rows (files' text is queued for the worker).
    await rebuildIndexWithin(tx);
    return after;
  }, { exclusive: true });
  return { manifest, rows: Object.fromEntries(manifest.tables.map((t) => [t.name, t.rows])), migrated, notes };
}

async function insertChunked(tx: Kysely<any>, shape: TableShape, rows: AsyncIterable<Record<string, unknown>>, label: string): Promise<void> {
  const perChunk = Math.min(MAX_ROWS, Math.floor(MAX_PARAMS / Object.keys(shape.columns).length));
  let chunk: Record<string, unknown>[] = [];
  let size = 0;
  const flush = async () => {
    if (!chunk.length) return;
    try {
      await insertRows(tx, shape.name, chunk);
    } catch (e) {
      throw new InvalidInput(`${label}: table ${shape.name} could not be restored: ${(e as Error).message}`);
    }
    chunk = [];
    size = 0;
  };
  for await (const row of rows) {
    chunk.push(row);
    for (const value of Object.values(row)) if (value instanceof Uint8Array) size += value.length;
    if (chunk.length >= perChunk || size >= MAX_CHUNK_BYTES) await flush();
  }
  await flush();
}

/**
 * The archived counters replace the migrations'. The cache generation must still move past this
 * database's (write() adds one after this), so it becomes the archived value, or one past the
 * current one if that is already as far: a restore into a new database keeps the archived value.
 */
async function restoreSiteState(tx: Kysely<any>, rows: AsyncIterable<Record<string, unknown>>): Promise<void> {
  const all: Record<string, unknown>[] = [];
  for await (const r of rows) all.push(r);
  const now = await siteGeneration(tx);
  const values = all.map((r) => (r.key === 'generation' ? { ...r, value: Math.max(Number(r.value), now + 1) - 1 } : r));
  if (!values.some((r) => r.key === 'generation')) values.push({ key: 'generation', value: now });
  await replaceSiteState(tx, values);
}

/** Each file's chunks add up to its size and its checksum: read back a few chunks at a time, so no file is held whole. */
async function checkFiles(tx: Kysely<any>, label: string): Promise<void> {
  const damaged = (await damagedFileChunks(tx))[0];
  if (damaged) throw new InvalidInput(`${label}: file ${damaged.id} could not be restored: ${damaged.detail}`);
  for (const f of await allFiles(tx)) {
    const hash = createHash('sha256');
    for await (const chunk of fileChunks(tx, f.id)) hash.update(chunk);
    if (hash.digest('hex') !== f.sha256) throw new InvalidInput(`${label}: file ${f.id} could not be restored: its chunks do not match its sha256`);
  }
}
