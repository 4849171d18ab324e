// What a stored row must hold, column by column, in the terms imports use: restore checks
// every row of a backup against these before it is written, so that an archive cannot bring
// in what an import would have refused (a time zone that breaks every page, a javascript:
// link, a file whose size lies).
import { z } from 'zod';
import { ACCOUNT_ROLES, emailSchema } from './account.ts';
import { AUDIT_ACTIONS, AUDITED_ENTITIES, valuesJsonSchema, versionSchema } from './audit.ts';
import { agendaPersonSchema, agendaSessionSchema, MATERIAL_KINDS, SESSION_KINDS } from './agenda.ts';
import { EVENT_STATUSES, eventTargetSchema } from './event.ts';
import { FILE_CHUNK_BYTES, fileSizeSchema, mediaTypeSchema, originalNameSchema, sha256HexSchema } from './file.ts';
import { LANGUAGES } from './language.ts';
import { materialUrlSchema } from './material.ts';
import { translationsSchema } from './translations.ts';
import { ORGANIZATION_KINDS } from './organization.ts';
import { genderSchema, MAX_GENDER_TERM } from './gender.ts';

/**
 * The highest cache generation a restore accepts. Every write adds one to it, in an int4
 * column on PostgreSQL (at most 2,147,483,647): this leaves more than a billion writes.
 */
export const MAX_GENERATION = 1_000_000_000;

const event = eventTargetSchema.shape.event.shape;
const slug = eventTargetSchema.shape.series.shape.slug;
const title = z.string().trim().min(1, 'must not be empty');
const lang = z.enum(LANGUAGES);
const date = event.startDate.unwrap();
const countryCode = event.countryCode.unwrap().unwrap();
const timestamp = z.iso.datetime({ offset: false, error: 'must be a UTC time written like 2024-05-06T07:08:09.000Z' });
const themesList = event.themes.unwrap();
const version = versionSchema.pipe(z.int());
// Stored identifiers (migration 0007): UUIDv5 for rows older than it, random v4 for later ones.
const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, 'must be a UUID written in lower case, like 0f8e2c1a-5b3d-4e6f-8a9b-0c1d2e3f4a5b');

/** The event's themes as stored: a JSON list of non-empty strings. */
const themesJson = z.string().superRefine((text, ctx) => {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'must be a JSON list of themes, e.g. ["Migration and health"]; it is not JSON' });
    return;
  }
  const parsed = themesList.safeParse(value);
  if (!parsed.success) ctx.addIssue({ code: 'custom', message: `must be a JSON list of non-empty strings (${parsed.error.issues[0]?.message ?? 'invalid'})` });
});

const genderTerm = z.string().trim().min(1, 'must not be empty').max(MAX_GENDER_TERM, `must be at most ${MAX_GENDER_TERM} characters`);

/** Where an alias came from: the record's own name (now or before a rename), an import's choice, an editor, a merge. */
const aliasSource = z.enum(['name', 'import', 'editor', 'merge']);
const jsonObject = z.string().refine((text) => {
  try {
    const v: unknown = JSON.parse(text);
    return v !== null && typeof v === 'object' && !Array.isArray(v);
  } catch {
    return false;
  }
}, 'must be a JSON object');

/** Texts in other languages (migration 0015): field → language → text. */
const translations = z.string().refine((text) => {
  try {
    return translationsSchema.safeParse(JSON.parse(text)).success;
  } catch {
    return false;
  }
}, 'must be a JSON object of texts by field and language, such as {"title":{"fr":"…"}}');

const LIVE_FIELDS = {
  series: { slug, title, lang, uuid, created_at: timestamp, updated_at: timestamp, version, translations },
  event: {
    slug,
    title,
    lang,
    start_date: date,
    end_date: date,
    country_code: countryCode,
    time_zone: event.timeZone.unwrap(),
    themes: themesJson,
    contact_email: event.contactEmail.unwrap().unwrap(),
    status: z.enum(EVENT_STATUSES),
    uuid,
    room_uuid: uuid,
    created_at: timestamp,
    updated_at: timestamp,
    version,
    translations,
  },
  day: { date, version },
  session: { kind: z.enum(SESSION_KINDS), lang, start_time: agendaSessionSchema.shape.start.unwrap(), end_time: agendaSessionSchema.shape.end.unwrap(), uuid, version, translations },
  person: { slug, name: agendaPersonSchema.shape.name, name_key: title, uuid, created_at: timestamp, updated_at: timestamp, version, gender: genderSchema, gender_term: genderTerm },
  organization: {
    slug,
    name: title,
    name_key: title,
    kind: z.enum(ORGANIZATION_KINDS),
    country_code: countryCode,
    uuid,
    created_at: timestamp,
    updated_at: timestamp,
    version,
    kind_confirmed: z.union([z.literal(0), z.literal(1)], { error: 'must be 0 (the importer’s guess) or 1 (set by an editor)' }),
  },
  // Migration 0012: names as aliases, old slugs, merges.
  person_alias: { name: agendaPersonSchema.shape.name, name_key: title, source: aliasSource, created_at: timestamp },
  organization_alias: { name: title, name_key: title, source: aliasSource, created_at: timestamp },
  slug_redirect: { entity: z.enum(['series', 'event', 'person', 'organization']), slug, created_at: timestamp },
  identity_merge: { entity: z.enum(['person', 'organization']), merged_row: jsonObject, moved: jsonObject, created_at: timestamp, undone_at: timestamp },
  appearance: { role: z.enum(['moderator', 'speaker']), lang, country_code: countryCode, version },
  file: { sha256: sha256HexSchema, media_type: mediaTypeSchema, size: fileSizeSchema, original_name: originalNameSchema, created_at: timestamp },
  file_chunk: { n: z.int().min(0, 'must be 0 or more') },
  file_variant: { width: z.int().min(1, 'must be at least 1 pixel').max(10000, 'must be at most 10000 pixels') },
  material: { kind: z.enum(MATERIAL_KINDS), label: title, lang, url: materialUrlSchema, created_at: timestamp, translations, version },
  release: {
    number: z.int().min(1, 'must be 1 or more'),
    created_at: timestamp,
    changes: z.string().refine((text) => {
      try {
        const v: unknown = JSON.parse(text);
        return v !== null && typeof v === 'object' && Array.isArray((v as { items?: unknown }).items);
      } catch {
        return false;
      }
    }, 'must be a JSON object with a list of items'),
  },
  account: {
    email: emailSchema.refine((e) => e === e.trim().toLowerCase(), 'must be stored in lower case'),
    role: z.enum(ACCOUNT_ROLES),
    password_hash: z.string().regex(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]+$/, 'must be a scrypt hash as Plenary writes them'),
    disabled_at: timestamp,
    password_changed_at: timestamp,
    created_at: timestamp,
  },
  audit_entry: {
    at: timestamp,
    action: z.enum(AUDIT_ACTIONS),
    entity: z.enum(AUDITED_ENTITIES),
    before: valuesJsonSchema,
    after: valuesJsonSchema,
  },
  speaker_link: {
    token_hash: sha256HexSchema,
    expires_at: timestamp,
    created_at: timestamp,
    revoked_at: timestamp,
    used_at: timestamp,
  },
  speaker_submission: {
    kind: z.enum(['material', 'correction', 'gender']),
    payload: z.string().refine((text) => {
      try {
        const v: unknown = JSON.parse(text);
        return v !== null && typeof v === 'object' && !Array.isArray(v);
      } catch {
        return false;
      }
    }, 'must be a JSON object'),
    lang,
    status: z.enum(['pending', 'approved', 'rejected']),
    decided_at: timestamp,
    created_at: timestamp,
  },
  site_state: { key: z.enum(['generation', 'name_key_rules', 'search_doc_rules']), value: z.int().min(0).max(MAX_GENERATION, `must be at most ${MAX_GENERATION}: later writes would overflow the counter`) },
};

/** Per table, the columns whose values have rules beyond their type; the rest only need the right type. The published copies (pub_*) follow their tables' rules. */
export const RECORD_FIELDS: Record<string, Record<string, z.ZodType>> = {
  ...LIVE_FIELDS,
  pub_event: LIVE_FIELDS.event,
  pub_day: LIVE_FIELDS.day,
  pub_session: LIVE_FIELDS.session,
  pub_appearance: LIVE_FIELDS.appearance,
  pub_material: LIVE_FIELDS.material,
};

/** A rule that spans columns, or null when the row keeps them all: `{ field, message }` names the column at fault. */
export function recordProblem(table: string, row: Record<string, unknown>): { field: string; message: string } | null {
  if (table === 'file' && row.data instanceof Uint8Array && typeof row.size === 'number' && row.size !== row.data.length) {
    return { field: 'size', message: `says ${row.size} bytes, but the data holds ${row.data.length}` };
  }
  if (table === 'file_chunk' && row.data instanceof Uint8Array && (row.data.length === 0 || row.data.length > FILE_CHUNK_BYTES)) {
    return { field: 'data', message: `holds ${row.data.length} bytes; a chunk holds 1 to ${FILE_CHUNK_BYTES}` };
  }
  if (table === 'event' && typeof row.start_date === 'string' && typeof row.end_date === 'string' && row.end_date < row.start_date) {
    return { field: 'end_date', message: `${row.end_date} is before the start date ${row.start_date}` };
  }
  return null;
}
