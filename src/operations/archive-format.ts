// The backup archive, written by backup.ts and read by restore.ts.
//
// A gzip-compressed tar holding, in this order:
//   manifest.json              format and schema version, engine, created-at, and per table its
//                              entry, columns, row count, byte length and sha256
//   tables/<table>.ndjson      one JSON object per line, keys in column order, rows in primary-key
//                              order (compared in JavaScript, so both engines give the same order)
// Values are normalised so that SQLite and PostgreSQL write the same bytes: integers as numbers,
// text as strings, blobs (the `file` table's data) as base64 strings, NULL as null. The file bytes
// sit in the NDJSON like every other value, so one codec covers every table.
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import tar from 'tar-stream';
import { z } from 'zod';
import { InvalidInput } from '../domain/errors.ts';
import type { Database } from '../storage/database.ts';

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
  series: { key: ['id'], identity: true, columns: { id: 'integer', slug: 'text', title: 'text', lang: 'text', description: 'text?', created_at: 'text', updated_at: 'text' } },
  event: {
    key: ['id'],
    identity: true,
    columns: {
      id: 'integer', series_id: 'integer', slug: 'text', title: 'text', lang: 'text', start_date: 'text', end_date: 'text', venue: 'text?', city: 'text?',
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

/** tar entries → .tar.gz bytes. Entry times are the backup's, so the tar depends on nothing else. */
export async function packArchive(entries: Array<[string, Buffer]>, mtime: Date): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  const collected = (async () => {
    for await (const c of pack) chunks.push(c as Buffer);
  })();
  for (const [name, bytes] of entries) {
    await new Promise<void>((resolve, reject) => pack.entry({ name, size: bytes.length, mtime, mode: 0o644 }, bytes, (e) => (e ? reject(e) : resolve())));
  }
  pack.finalize();
  await collected;
  return promisify(gzip)(Buffer.concat(chunks));
}

/** .tar.gz bytes → entries by name. `label` names the archive in messages. */
export async function unpackArchive(bytes: Uint8Array, label: string): Promise<Map<string, Buffer>> {
  if (bytes.length === 0) throw new InvalidInput(`${label} is empty: it is not a Plenary backup`);
  if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) throw new InvalidInput(`${label} is not a Plenary backup: it is not gzip-compressed`);
  let tarBytes: Buffer;
  try {
    tarBytes = await promisify(gunzip)(bytes);
  } catch (e) {
    // zlib reports a stream that stops before its end as a buffer error; anything else is bad data.
    if ((e as NodeJS.ErrnoException).code === 'Z_BUF_ERROR') throw new InvalidInput(`${label} is truncated: the gzip stream ends early`);
    throw new InvalidInput(`${label} is damaged: its gzip data is corrupt`);
  }
  // A tar is whole 512-byte blocks: anything shorter is something else, not a cut-off tar.
  if (tarBytes.length < 512) throw new InvalidInput(`${label} is not a Plenary backup: it does not hold a tar archive`);
  const entries = new Map<string, Buffer>();
  const extract = tar.extract();
  try {
    const reading = (async () => {
      for await (const entry of extract) {
        const chunks: Buffer[] = [];
        for await (const c of entry) chunks.push(c as Buffer);
        if (entry.header.type === 'file') entries.set(entry.header.name, Buffer.concat(chunks));
      }
    })();
    Readable.from([tarBytes]).pipe(extract);
    await reading;
  } catch (e) {
    if (/unexpected end/i.test((e as Error).message)) throw new InvalidInput(`${label} is damaged: its tar archive ends early`);
    throw new InvalidInput(`${label} is not a Plenary backup: it does not hold a tar archive`);
  }
  return entries;
}
