// The backup archive, written by backup.ts and read by restore.ts.
//
// A gzip-compressed tar holding, in this order:
//   manifest.json              format and schema version, engine, created-at, and per table its
//                              entry, columns, row count, byte length and sha256
//   tables/<table>.ndjson      one JSON object per line, keys in column order, in foreign-key order
//                              of the tables, rows in primary-key order (text by UTF-8 bytes, as
//                              both engines are read, and checked against compareKeys)
// Values are normalised so that SQLite and PostgreSQL write the same bytes: integers as numbers,
// text as strings, blobs (the `file` table's data) as base64 strings, NULL as null. The file bytes
// sit in the NDJSON like every other value, so one codec covers every table.
// Archives are written and read as streams (writeArchive, readArchive), a batch of rows at a
// time, so their size is bounded by the disk, not by memory.
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { type Kysely, sql } from 'kysely';
import tar from 'tar-stream';
import { z } from 'zod';
import { InvalidInput } from '../domain/errors.ts';
import type { Database } from '../storage/database.ts';
import { bytewise } from '../storage/queries.ts';

export const FORMAT = 'plenary-backup';
export const FORMAT_VERSION = 1;
export const MANIFEST_ENTRY = 'manifest.json';

type ColumnType = 'integer' | 'text' | 'blob' | 'integer?' | 'text?' | 'blob?';
export type TableName = keyof Database;
export type TableSpec = { name: TableName; key: string[]; identity: boolean; columns: Record<string, ColumnType> };

// Typed against database.ts: a table or column added there and not here fails the type check.
type Spec = { [T in TableName]: { key: Array<keyof Database[T] & string>; identity: boolean; columns: { [C in keyof Database[T]]-?: ColumnType } } };

// In foreign-key order: restore inserts in this order.
const SPEC: Spec = {
  // series.convener_id refers forward to organization: that key is checked at commit (migration 0002).
  series: {
    key: ['id'],
    identity: true,
    columns: { id: 'integer', slug: 'text', title: 'text', lang: 'text', description: 'text?', convener_id: 'integer?', created_at: 'text', updated_at: 'text' },
  },
  event: {
    key: ['id'],
    identity: true,
    columns: {
      id: 'integer', series_id: 'integer', slug: 'text', title: 'text', lang: 'text', start_date: 'text', end_date: 'text', venue: 'text?', address: 'text?', city: 'text?',
      country_code: 'text?', time_zone: 'text', overview: 'text?', themes: 'text', contact_email: 'text?', status: 'text', created_at: 'text', updated_at: 'text',
    },
  },
  day: { key: ['id'], identity: true, columns: { id: 'integer', event_id: 'integer', position: 'integer', date: 'text', label: 'text?' } },
  session: {
    key: ['id'],
    identity: true,
    columns: { id: 'integer', event_id: 'integer', day_id: 'integer', position: 'integer', kind: 'text', number: 'integer?', title: 'text?', lang: 'text', start_time: 'text?', end_time: 'text?' },
  },
  person: { key: ['id'], identity: true, columns: { id: 'integer', slug: 'text', name: 'text', name_key: 'text', honorific: 'text?', created_at: 'text', updated_at: 'text' } },
  organization: {
    key: ['id'],
    identity: true,
    columns: { id: 'integer', slug: 'text', name: 'text', name_key: 'text', kind: 'text', country_code: 'text?', created_at: 'text', updated_at: 'text' },
  },
  appearance: {
    key: ['id'],
    identity: true,
    columns: {
      id: 'integer', session_id: 'integer', person_id: 'integer', role: 'text', role_label: 'text?', position: 'integer', honorific: 'text?',
      affiliation_position: 'text?', organization_id: 'integer?', country: 'text?', country_code: 'text?', talk_title: 'text?', lang: 'text',
    },
  },
  file: { key: ['id'], identity: false, columns: { id: 'text', sha256: 'text', media_type: 'text', size: 'integer', original_name: 'text?', data: 'blob', created_at: 'text' } },
  material: {
    key: ['id'],
    identity: true,
    columns: { id: 'integer', event_id: 'integer', appearance_id: 'integer?', kind: 'text', label: 'text', lang: 'text', position: 'integer', url: 'text?', file_id: 'text?', created_at: 'text' },
  },
  translation: { key: ['entity', 'entity_id', 'field', 'lang'], identity: false, columns: { entity: 'text', entity_id: 'integer', field: 'text', lang: 'text', value: 'text' } },
  site_state: { key: ['key'], identity: false, columns: { key: 'text', value: 'integer' } },
};

export const TABLES: TableSpec[] = Object.entries(SPEC).map(([name, s]) => ({ name: name as TableName, ...s }));
export const entryName = (table: string) => `tables/${table}.ndjson`;
export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export const manifestSchema = z.strictObject({
  format: z.literal(FORMAT),
  formatVersion: z.literal(FORMAT_VERSION),
  /** the latest migration applied to the database that was backed up */
  schemaVersion: z.string().min(1),
  migrations: z.array(z.string()),
  engine: z.enum(['sqlite', 'postgres']),
  createdAt: z.iso.datetime(),
  tables: z.array(
    z.strictObject({
      name: z.string(),
      entry: z.string(),
      columns: z.array(z.string()),
      rows: z.int().min(0),
      bytes: z.int().min(0),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
    }),
  ),
});
export type Manifest = z.infer<typeof manifestSchema>;

/** One database value as it appears in the archive. */
export function encodeValue(type: ColumnType, value: unknown, where: string): string | number | null {
  if (value === null || value === undefined) {
    if (type.endsWith('?')) return null;
    throw new Error(`${where} is NULL in a NOT NULL column`);
  }
  if (type.startsWith('blob')) {
    if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
  } else if (type.startsWith('integer')) {
    // int8 may arrive as a string or bigint; the archive holds plain numbers.
    const n = typeof value === 'bigint' || typeof value === 'string' ? Number(value) : value;
    if (typeof n === 'number' && Number.isSafeInteger(n)) return n;
  } else if (typeof value === 'string') {
    return value;
  }
  throw new Error(`${where} holds an unexpected ${typeof value} for a ${type} column`);
}

/** The zod schema of one NDJSON row of a table. */
export function rowSchema(spec: TableSpec) {
  const shape: Record<string, z.ZodType> = {};
  for (const [column, type] of Object.entries(spec.columns)) {
    const base = type.startsWith('blob') ? z.base64() : type.startsWith('integer') ? z.int() : z.string();
    shape[column] = type.endsWith('?') ? base.nullable() : base;
  }
  return z.strictObject(shape);
}

/** An archived row back to database values (base64 blobs to bytes). */
export function decodeRow(spec: TableSpec, row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [column, type] of Object.entries(spec.columns)) {
    const v = row[column];
    out[column] = type.startsWith('blob') && typeof v === 'string' ? Buffer.from(v, 'base64') : v;
  }
  return out;
}

/** tar entries → .tar.gz bytes, in memory (tests, small archives). Entry times are the given one, so the tar depends on nothing else. */
export async function packArchive(entries: Array<[string, Buffer]>, mtime: Date): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write: (c: Buffer, _e, done) => {
      chunks.push(c);
      done();
    },
  });
  await writeArchive(sink, mtime, entries.map(([name, bytes]) => ({ name, size: bytes.length, chunks: async function* () { yield bytes; } })));
  return Buffer.concat(chunks);
}

/** .tar.gz bytes → entries by name, in memory (tests, small archives). `label` names the archive in messages. */
export async function unpackArchive(bytes: Uint8Array, label: string): Promise<Map<string, Buffer>> {
  const entries = new Map<string, Buffer>();
  for await (const entry of readArchive(bytes, label)) {
    const chunks: Buffer[] = [];
    for await (const c of entry.stream) chunks.push(c);
    if (entry.type === 'file') entries.set(entry.name, Buffer.concat(chunks));
  }
  return entries;
}

// ---- Streaming: archives far larger than memory -------------------------------------------

/** Where an archive is read from: bytes in memory, or a file read as a stream. */
export type ArchiveSource = Uint8Array | { path: string };

const openSource = (source: ArchiveSource): Readable => (source instanceof Uint8Array ? Readable.from([Buffer.from(source.buffer, source.byteOffset, source.byteLength)]) : createReadStream(source.path));

async function sourceHead(source: ArchiveSource): Promise<{ size: number; head: Buffer }> {
  if (source instanceof Uint8Array) return { size: source.length, head: Buffer.from(source.subarray(0, 2)) };
  const fh = await open(source.path, 'r').catch((e: NodeJS.ErrnoException) => {
    throw new InvalidInput(`cannot read ${source.path}: ${e.code === 'ENOENT' ? 'no such file' : e.code === 'EISDIR' ? 'it is a directory' : e.message}`);
  });
  try {
    const { size } = await fh.stat();
    const head = Buffer.alloc(Math.min(2, size));
    await fh.read(head, 0, head.length, 0);
    return { size, head };
  } finally {
    await fh.close();
  }
}

/** The error gunzipping the whole source ends with, or null when it is sound gzip. */
async function gzipFailure(source: ArchiveSource): Promise<NodeJS.ErrnoException | null> {
  try {
    await pipeline(openSource(source), createGunzip(), new Writable({ write: (_c, _e, done) => done() }));
    return null;
  } catch (e) {
    return e as NodeJS.ErrnoException;
  }
}

export type ArchiveEntry = { name: string; type: string | null | undefined; stream: AsyncIterable<Buffer> };

/**
 * The archive's entries in order, each read as a stream while the caller consumes it; the
 * gzip and tar layers are checked on the way, with the same messages as unpackArchive.
 */
export async function* readArchive(source: ArchiveSource, label: string): AsyncGenerator<ArchiveEntry> {
  const { size, head } = await sourceHead(source);
  if (size === 0) throw new InvalidInput(`${label} is empty: it is not a Plenary backup`);
  if (size < 2 || head[0] !== 0x1f || head[1] !== 0x8b) throw new InvalidInput(`${label} is not a Plenary backup: it is not gzip-compressed`);
  const extract = tar.extract();
  let gzipError: NodeJS.ErrnoException | null = null;
  let tarBytes = 0;
  const gunzipped = createGunzip();
  gunzipped.on('data', (c: Buffer) => (tarBytes += c.length));
  const feeding = pipeline(openSource(source), gunzipped, extract).catch((e: NodeJS.ErrnoException) => {
    gzipError ??= e;
    extract.destroy(e);
  });
  const gzipMessage = (g: NodeJS.ErrnoException): InvalidInput | null =>
    typeof g.code === 'string' && g.code.startsWith('Z_')
      ? // zlib reports a stream that stops before its end as a buffer error; anything else is bad data.
        new InvalidInput(g.code === 'Z_BUF_ERROR' ? `${label} is truncated: the gzip stream ends early` : `${label} is damaged: its gzip data is corrupt`)
      : null;
  const mapError = async (e: unknown): Promise<InvalidInput> => {
    if (e instanceof InvalidInput) return e;
    // A damaged gzip stream may reach the tar reader as garbage before zlib notices: the
    // gzip layer is judged on its own first, reading the whole source once more.
    const g = gzipError ?? (await gzipFailure(source));
    if (g && typeof g.code === 'string' && g.code.startsWith('E') && g.syscall) return new InvalidInput(`cannot read ${label}: ${g.message}`);
    const byGzip = g ? gzipMessage(g) : null;
    if (byGzip) return byGzip;
    if (tarBytes < 512) return new InvalidInput(`${label} is not a Plenary backup: it does not hold a tar archive`);
    if (/unexpected end/i.test((e as Error).message)) return new InvalidInput(`${label} is damaged: its tar archive ends early`);
    return new InvalidInput(`${label} is not a Plenary backup: it does not hold a tar archive`);
  };
  const iterator = extract[Symbol.asyncIterator]();
  try {
    for (;;) {
      let next: Awaited<ReturnType<typeof iterator.next>>;
      try {
        next = await iterator.next();
      } catch (e) {
        throw await mapError(e);
      }
      if (next.done) break;
      const entry = next.value;
      // Listened for before the caller reads, since a stream read to its end emits it then.
      const ended = new Promise<void>((resolve) => {
        entry.once('end', () => resolve());
        entry.once('close', () => resolve());
        entry.once('error', () => resolve());
      });
      const stream = (async function* () {
        try {
          for await (const c of entry) yield c as Buffer;
        } catch (e) {
          throw await mapError(e);
        }
      })();
      yield { name: entry.header.name, type: entry.header.type, stream };
      // Whatever the caller left unread is skipped, so that the next entry can come.
      entry.resume();
      await ended;
    }
    await feeding;
    if (gzipError) throw await mapError(gzipError);
    if (tarBytes < 512) throw new InvalidInput(`${label} is not a Plenary backup: it does not hold a tar archive`);
  } finally {
    extract.destroy();
  }
}

/** The complete lines of a stream (without their newline); a last line without one counts too. */
export async function* lines(stream: AsyncIterable<Buffer>): AsyncGenerator<string> {
  let pending: Buffer[] = [];
  for await (const chunk of stream) {
    let start = 0;
    for (let nl = chunk.indexOf(10, start); nl >= 0; nl = chunk.indexOf(10, start)) {
      pending.push(chunk.subarray(start, nl));
      yield Buffer.concat(pending).toString('utf8');
      pending = [];
      start = nl + 1;
    }
    if (start < chunk.length) pending.push(chunk.subarray(start));
  }
  if (pending.length) yield Buffer.concat(pending).toString('utf8');
}

/** Rows per query when a table is read in key order: few where rows carry file bytes. */
const batchRows = (spec: TableSpec) => (Object.values(spec.columns).some((t) => t.startsWith('blob')) ? 4 : 1000);

/** The archive's row order: key columns compared as numbers, or as UTF-8 bytes (code point order). */
export function compareKeys(spec: TableSpec, a: Record<string, unknown>, b: Record<string, unknown>): number {
  for (const k of spec.key) {
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
export async function* tableRows(db: Kysely<any>, engine: 'sqlite' | 'postgres', spec: TableSpec, textIsBytewise: boolean): AsyncGenerator<Record<string, unknown>> {
  const keyRef = (k: string) => (spec.columns[k]!.startsWith('text') ? bytewise(engine, k, textIsBytewise) : sql.ref(k));
  const columns = Object.keys(spec.columns);
  const limit = batchRows(spec);
  let last: Record<string, unknown> | null = null;
  for (;;) {
    let q = db.selectFrom(spec.name).select(columns);
    if (last) {
      const after: Record<string, unknown> = last;
      q = q.where(sql<boolean>`(${sql.join(spec.key.map(keyRef))}) > (${sql.join(spec.key.map((k) => after[k]))})`);
    }
    for (const k of spec.key) q = q.orderBy(keyRef(k));
    const rows = await q.limit(limit).execute();
    for (const row of rows) {
      if (last && compareKeys(spec, last, row) >= 0) throw new Error(`table ${spec.name}: the database orders its keys differently from the archive format (after ${JSON.stringify(spec.key.map((k) => last![k]))})`);
      yield row;
      last = row;
    }
    if (rows.length < limit) return;
  }
}

/** One table row as its NDJSON line. */
export function encodeLine(spec: TableSpec, row: Record<string, unknown>, index: number): string {
  const out: Record<string, unknown> = {};
  for (const [c, type] of Object.entries(spec.columns)) out[c] = encodeValue(type, row[c], `${spec.name} row ${index + 1} column ${c}`);
  return `${JSON.stringify(out)}\n`;
}

/** Writes entries into a .tar.gz stream, each entry's bytes produced as it is written. */
export async function writeArchive(out: Writable, mtime: Date, entries: Array<{ name: string; size: number; chunks: () => AsyncIterable<Buffer> }>): Promise<void> {
  const pack = tar.pack();
  const written = pipeline(pack, createGzip(), out);
  // A failed output (disk full, no such directory) ends the writing at its next step, with that error.
  written.catch(() => undefined);
  const failed = written.then(() => new Promise<never>(() => undefined));
  failed.catch(() => undefined);
  try {
    for (const e of entries) {
      let finish!: (err?: Error | null) => void;
      const done = new Promise<void>((ok, fail) => {
        finish = (err) => (err ? fail(err) : ok());
      });
      done.catch(() => undefined);
      const sink = pack.entry({ name: e.name, size: e.size, mtime, mode: 0o644 }, (err) => finish(err));
      sink.on('error', () => undefined); // reported through `done` and `written`
      for await (const chunk of e.chunks()) if (!sink.write(chunk)) await Promise.race([once(sink, 'drain'), done, failed]);
      sink.end(undefined as unknown as Buffer); // the typings want a last chunk; streamx takes none
      await Promise.race([done, failed]);
    }
    pack.finalize();
    await written;
  } catch (e) {
    pack.destroy(e as Error);
    // The output's own error says more than the pack's.
    await written.catch((w: unknown) => {
      throw w;
    });
    throw e;
  }
}
