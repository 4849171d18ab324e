// The backup archive's layout, written by backup.ts and read by restore.ts.
//
// A gzip-compressed tar holding, in this order:
//   manifest.json              format and schema version (the migrations applied), engine,
//                              created-at, and per table its entry, columns, row count, byte
//                              length and sha256
//   tables/<table>.ndjson      one JSON object per line, keys in column order, in foreign-key order
//                              of the tables, rows in primary-key order (text by UTF-8 bytes, as
//                              both engines are read, and checked against compareKeys)
// Values are normalised so that SQLite and PostgreSQL write the same bytes: integers as numbers,
// text as strings, blobs (file_chunk.data; file.data before schema 0005) as base64 strings, NULL as null. The file bytes
// sit in the NDJSON like every other value, so one codec covers every table (archive-codec.ts).
// A backup holds the columns its schema version has: an older archive is restored by loading it
// at that version and migrating the rest of the way (restore.ts).
// Archives are written and read as streams (archive-stream.ts), a batch of rows at a time, so
// their size is bounded by the disk, not by memory.
import { z } from 'zod';
import type { Database } from '../storage/database.ts';
import type { ColumnType, DERIVED_TABLES, EPHEMERAL_TABLES, TableShape } from '../storage/queries/archive.ts';

export type { ColumnType } from '../storage/queries/archive.ts';

export const FORMAT = 'plenary-backup';
export const FORMAT_VERSION = 1;
export const MANIFEST_ENTRY = 'manifest.json';
export const MAX_MANIFEST_BYTES = 1024 * 1024;
/** The largest stored file before schema 0005, when a backup held a file's bytes in one line. */
const LEGACY_MAX_FILE_BYTES = 128 * 1024 * 1024;

/**
 * The longest line an archive may hold. Since schema 0005 a stored file's bytes are written a
 * chunk (FILE_CHUNK_BYTES) per line; the longest lines are those of older archives, whose `file`
 * rows held the whole file in base64 when a stored file could be at most 128 MiB. A line is one
 * string in memory when it is read (V8 allows about 512 MiB), so a longer one is refused with a
 * message before it is gathered, instead of failing deep inside JSON parsing.
 */
export const MAX_LINE_BYTES = 4 * Math.ceil(LEGACY_MAX_FILE_BYTES / 3) + 64 * 1024;

export type TableName = Exclude<keyof Database, (typeof EPHEMERAL_TABLES)[number] | (typeof DERIVED_TABLES)[number]>;
export type TableSpec = TableShape & { name: TableName; identity: boolean };

// Typed against database.ts: a table or column added there and not here fails the type check.
// Columns that older schemas had are kept too, for backups of databases still at those schemas (file.data before 0005).
type Spec = { [T in TableName]: { key: Array<keyof Database[T] & string>; identity: boolean; columns: { [C in keyof Database[T]]-?: ColumnType } & { [older: string]: ColumnType } } };

// The programme's working tables; their published copies (pub_*, schema 0009) have the same columns.
const WORKING: Pick<Spec, 'event' | 'day' | 'session' | 'appearance' | 'material'> = {
  event: {
    key: ['id'],
    identity: true,
    columns: {
      id: 'integer', series_id: 'integer', slug: 'text', title: 'text', lang: 'text', start_date: 'text', end_date: 'text', venue: 'text?', address: 'text?', city: 'text?',
      country_code: 'text?', time_zone: 'text', overview: 'text?', themes: 'text', contact_email: 'text?', status: 'text', uuid: 'text', room_uuid: 'text', created_at: 'text', updated_at: 'text', version: 'integer',
      translations: 'text',
    },
  },
  day: { key: ['id'], identity: true, columns: { id: 'integer', event_id: 'integer', position: 'integer', date: 'text', label: 'text?', version: 'integer' } },
  session: {
    key: ['id'],
    identity: true,
    columns: { id: 'integer', event_id: 'integer', day_id: 'integer', position: 'integer', kind: 'text', number: 'integer?', title: 'text?', lang: 'text', start_time: 'text?', end_time: 'text?', uuid: 'text', version: 'integer', translations: 'text' },
  },
  appearance: {
    key: ['id'],
    identity: true,
    columns: {
      id: 'integer', session_id: 'integer', person_id: 'integer', role: 'text', role_label: 'text?', position: 'integer', honorific: 'text?',
      affiliation_position: 'text?', organization_id: 'integer?', country: 'text?', country_code: 'text?', talk_title: 'text?', lang: 'text', version: 'integer',
    },
  },
  material: {
    key: ['id'],
    identity: true,
    columns: { id: 'integer', event_id: 'integer', appearance_id: 'integer?', kind: 'text', label: 'text', lang: 'text', position: 'integer', url: 'text?', file_id: 'text?', created_at: 'text', translations: 'text', original_id: 'integer?', version: 'integer' },
  },
};

// In foreign-key order: restore inserts in this order.
const SPEC: Spec = {
  // series.convener_id refers forward to organization: that key is checked at commit (migration 0002).
  series: {
    key: ['id'],
    identity: true,
    columns: { id: 'integer', slug: 'text', title: 'text', lang: 'text', description: 'text?', convener_id: 'integer?', uuid: 'text', created_at: 'text', updated_at: 'text', version: 'integer', translations: 'text' },
  },
  event: WORKING.event,
  day: WORKING.day,
  session: WORKING.session,
  person: { key: ['id'], identity: true, columns: { id: 'integer', slug: 'text', name: 'text', name_key: 'text', honorific: 'text?', uuid: 'text', created_at: 'text', updated_at: 'text', version: 'integer', gender: 'text', gender_term: 'text?' } },
  organization: {
    key: ['id'],
    identity: true,
    columns: { id: 'integer', slug: 'text', name: 'text', name_key: 'text', kind: 'text', country_code: 'text?', uuid: 'text', created_at: 'text', updated_at: 'text', version: 'integer', kind_confirmed: 'integer' },
  },
  appearance: WORKING.appearance,
  // file.data: the bytes whole, in databases and backups before schema 0005; restore loads such a backup at its version, and migration 0005 cuts them into chunks.
  file: { key: ['id'], identity: false, columns: { id: 'text', sha256: 'text', media_type: 'text', size: 'integer', original_name: 'text?', data: 'blob', created_at: 'text' } },
  file_chunk: { key: ['file_id', 'n'], identity: false, columns: { file_id: 'text', n: 'integer', data: 'blob' } },
  file_variant: { key: ['file_id', 'width'], identity: false, columns: { file_id: 'text', width: 'integer', variant_id: 'text' } },
  material: WORKING.material,
  translation: { key: ['entity', 'entity_id', 'field', 'lang'], identity: false, columns: { entity: 'text', entity_id: 'integer', field: 'text', lang: 'text', value: 'text' } },
  site_state: { key: ['key'], identity: false, columns: { key: 'text', value: 'integer' } },
  account: {
    key: ['id'],
    identity: true,
    columns: { id: 'integer', email: 'text', password_hash: 'text', role: 'text', disabled_at: 'text?', password_changed_at: 'text', created_at: 'text' },
  },
  account_series: { key: ['account_id', 'series_id'], identity: false, columns: { account_id: 'integer', series_id: 'integer' } },
  // From schema 0008; a backup of an older database has none.
  api_token: {
    key: ['id'],
    identity: false,
    columns: { id: 'text', prefix: 'text', account_id: 'integer', label: 'text', created_at: 'text', last_used_at: 'text?', revoked_at: 'text?' },
  },
  // From schema 0009: the releases and the published copies of the programme (the same columns as
  // the working tables; ids copied from them, so no identity of their own).
  release: {
    key: ['id'],
    identity: true,
    columns: { id: 'integer', event_id: 'integer', number: 'integer', note: 'text?', account_id: 'integer?', created_at: 'text', changes: 'text?' },
  },
  pub_event: { ...WORKING.event, identity: false },
  pub_day: { ...WORKING.day, identity: false },
  pub_session: { ...WORKING.session, identity: false },
  pub_appearance: { ...WORKING.appearance, identity: false },
  pub_material: { ...WORKING.material, identity: false },
  // After account (its author); an entry refers back only to earlier entries (reverted_entry_id).
  audit_entry: {
    key: ['id'],
    identity: true,
    columns: {
      id: 'integer', at: 'text', account_id: 'integer?', action: 'text', entity: 'text', entity_id: 'integer', series_id: 'integer?', before: 'text?', after: 'text?',
      reverted_entry_id: 'integer?', source: 'text?',
    },
  },
  // From schema 0012: names as aliases, old slugs, merges (after person, organization and account).
  person_alias: { key: ['id'], identity: true, columns: { id: 'integer', person_id: 'integer', name: 'text', name_key: 'text', source: 'text', created_at: 'text' } },
  organization_alias: { key: ['id'], identity: true, columns: { id: 'integer', organization_id: 'integer', name: 'text', name_key: 'text', source: 'text', created_at: 'text' } },
  slug_redirect: { key: ['entity', 'slug'], identity: false, columns: { entity: 'text', slug: 'text', target_id: 'integer', created_at: 'text' } },
  identity_merge: {
    key: ['id'],
    identity: true,
    columns: {
      id: 'integer', entity: 'text', survivor_id: 'integer', merged_id: 'integer', merged_row: 'text', moved: 'text', account_id: 'integer?', created_at: 'text', undone_at: 'text?',
      undone_by: 'integer?',
    },
  },
  // From schema 0010; after appearance, account, file and audit_entry (nothing refers to them).
  speaker_link: {
    key: ['id'],
    identity: true,
    columns: { id: 'integer', appearance_id: 'integer', token_hash: 'text', expires_at: 'text', created_by: 'integer?', created_at: 'text', revoked_at: 'text?', used_at: 'text?' },
  },
  speaker_submission: {
    key: ['id'],
    identity: true,
    columns: { id: 'integer', link_id: 'integer', kind: 'text', payload: 'text', file_id: 'text?', lang: 'text?', status: 'text', decided_by: 'integer?', decided_at: 'text?', created_at: 'text' },
  },
  // From schema 0017: publications and their frozen editions (after series, event, account and file).
  publication: {
    key: ['id'],
    identity: true,
    columns: {
      id: 'integer', slug: 'text', series_id: 'integer', event_id: 'integer?', year: 'integer?', title: 'text', subtitle: 'text?', lang: 'text', foreword: 'text?', summary: 'text?',
      excerpts: 'text', created_at: 'text', updated_at: 'text', version: 'integer',
    },
  },
  publication_edition: {
    key: ['id'],
    identity: true,
    columns: { id: 'integer', publication_id: 'integer', number: 'integer', note: 'text?', account_id: 'integer?', created_at: 'text', html_file_id: 'text', pdf_file_id: 'text', metadata: 'text' },
  },
};

export const TABLES: TableSpec[] = Object.entries(SPEC).map(([name, s]) => ({ name: name as TableName, ...s }));
export const entryName = (table: string) => `tables/${table}.ndjson`;

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
