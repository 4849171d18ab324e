// The API's reads: lists paged in SQL (limit/offset with a total) and appearances with every id
// a client needs to follow links. Only published events and what appears in them are public.
import { sql } from 'kysely';
import type { DbOrTx } from '../../storage/database.ts';
import type { Engine } from '../../storage/storage.ts';
import type { PageRequest } from './pagination.ts';

/**
 * Orders by bytes on both engines, so a list pages identically on SQLite (binary by default)
 * and on PostgreSQL (whose database collation may be linguistic and ignore hyphens or spaces).
 */
function bytewise(engine: Engine, column: string) {
  return engine === 'postgres' ? sql`${sql.ref(column)} collate "C"` : sql`${sql.ref(column)}`;
}

const count = (v: unknown) => Number(v);

export async function listSeries(db: DbOrTx, engine: Engine, req: PageRequest) {
  const totalRow = await db
    .selectFrom('event')
    .where('status', '=', 'published')
    .select((eb) => eb.fn.count('series_id').distinct().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom('series as s')
    .innerJoin('event as e', 'e.series_id', 's.id')
    .where('e.status', '=', 'published')
    .select(['s.id', 's.slug', 's.title', 's.lang', 's.description', (eb) => eb.fn.count('e.id').as('event_count')])
    .groupBy(['s.id', 's.slug', 's.title', 's.lang', 's.description'])
    .orderBy(bytewise(engine, 's.slug'))
    .orderBy('s.id')
    .limit(req.perPage)
    .offset(req.offset)
    .execute();
  return { total: count(totalRow.n), rows: rows.map((r) => ({ ...r, event_count: count(r.event_count) })) };
}

export async function seriesEventCount(db: DbOrTx, seriesId: number): Promise<number> {
  const r = await db
    .selectFrom('event')
    .where('series_id', '=', seriesId)
    .where('status', '=', 'published')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return count(r.n);
}

function publishedEvents(db: DbOrTx) {
  return db
    .selectFrom('event as e')
    .innerJoin('series as s', 's.id', 'e.series_id')
    .where('e.status', '=', 'published');
}

export type EventListRow = Awaited<ReturnType<typeof listEventsWhere>>[number];

async function listEventsWhere(db: DbOrTx, seriesId: number | undefined, req: PageRequest | undefined) {
  let q = publishedEvents(db).select([
    'e.id',
    'e.slug',
    'e.title',
    'e.lang',
    'e.start_date',
    'e.end_date',
    'e.time_zone',
    'e.venue',
    'e.city',
    'e.country_code',
    's.id as series_id',
    's.slug as series_slug',
    's.title as series_title',
  ]);
  if (seriesId !== undefined) q = q.where('s.id', '=', seriesId);
  // Newest first; the id breaks ties between events that start on the same day.
  q = q.orderBy('e.start_date', 'desc').orderBy('e.id', 'desc');
  if (req) q = q.limit(req.perPage).offset(req.offset);
  return q.execute();
}

export async function listEvents(db: DbOrTx, req: PageRequest) {
  const totalRow = await publishedEvents(db).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return { total: count(totalRow.n), rows: await listEventsWhere(db, undefined, req) };
}

export function eventsOfSeries(db: DbOrTx, seriesId: number) {
  return listEventsWhere(db, seriesId, undefined);
}

/** Appearances in published events: the base of the people, organization and country lists. */
function publicAppearances(db: DbOrTx) {
  return db
    .selectFrom('appearance as a')
    .innerJoin('session as s', 's.id', 'a.session_id')
    .innerJoin('event as e', 'e.id', 's.event_id')
    .where('e.status', '=', 'published');
}

export async function listPeople(db: DbOrTx, engine: Engine, req: PageRequest) {
  const totalRow = await publicAppearances(db).select((eb) => eb.fn.count('a.person_id').distinct().as('n')).executeTakeFirstOrThrow();
  const rows = await publicAppearances(db)
    .innerJoin('person as p', 'p.id', 'a.person_id')
    .select(['p.id', 'p.slug', 'p.name', 'p.honorific', (eb) => eb.fn.count('a.id').as('appearances')])
    .groupBy(['p.id', 'p.slug', 'p.name', 'p.name_key', 'p.honorific'])
    // name_key is the name without honorific, accents or case: an alphabetical order by bytes.
    .orderBy(bytewise(engine, 'p.name_key'))
    .orderBy('p.id')
    .limit(req.perPage)
    .offset(req.offset)
    .execute();
  return { total: count(totalRow.n), rows: rows.map((r) => ({ ...r, appearances: count(r.appearances) })) };
}

export async function listOrganizations(db: DbOrTx, engine: Engine, req: PageRequest) {
  const totalRow = await publicAppearances(db)
    .select((eb) => eb.fn.count('a.organization_id').distinct().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await publicAppearances(db)
    .innerJoin('organization as o', 'o.id', 'a.organization_id')
    .select(['o.id', 'o.slug', 'o.name', 'o.kind', 'o.country_code', (eb) => eb.fn.count('a.id').as('appearances')])
    .groupBy(['o.id', 'o.slug', 'o.name', 'o.name_key', 'o.kind', 'o.country_code'])
    .orderBy(bytewise(engine, 'o.name_key'))
    .orderBy('o.id')
    .limit(req.perPage)
    .offset(req.offset)
    .execute();
  return { total: count(totalRow.n), rows: rows.map((r) => ({ ...r, appearances: count(r.appearances) })) };
}

/** Every country with appearances: at most the ~250 ISO codes, so the caller sorts and pages. */
export async function allCountries(db: DbOrTx): Promise<Array<{ code: string; appearances: number }>> {
  const rows = await publicAppearances(db)
    .where('a.country_code', 'is not', null)
    .select(['a.country_code', (eb) => eb.fn.count('a.id').as('appearances')])
    .groupBy('a.country_code')
    .execute();
  return rows.map((r) => ({ code: r.country_code!, appearances: count(r.appearances) }));
}

export async function publishedEventOfSession(db: DbOrTx, sessionId: number): Promise<string | undefined> {
  const r = await db
    .selectFrom('session as s')
    .innerJoin('event as e', 'e.id', 's.event_id')
    .where('s.id', '=', sessionId)
    .where('e.status', '=', 'published')
    .select('e.slug')
    .executeTakeFirst();
  return r?.slug;
}

export type AppearanceFilter = { personId?: number; organizationId?: number; countryCode?: string };

/** The filter as one SQL condition on the alias `a`: shared by queries of different shapes. */
function where(f: AppearanceFilter) {
  const parts = [];
  if (f.personId !== undefined) parts.push(sql`${sql.ref('a.person_id')} = ${f.personId}`);
  if (f.organizationId !== undefined) parts.push(sql`${sql.ref('a.organization_id')} = ${f.organizationId}`);
  if (f.countryCode !== undefined) parts.push(sql`${sql.ref('a.country_code')} = ${f.countryCode}`);
  if (parts.length === 0) throw new Error('an appearance filter needs a person, organization or country');
  return sql<boolean>`(${sql.join(parts, sql` and `)})`;
}

export type ContextRow = Awaited<ReturnType<typeof appearanceRows>>[number];
export type ContextMaterial = Awaited<ReturnType<typeof appearanceMaterials>>[number];

function appearanceRows(db: DbOrTx, f: AppearanceFilter) {
  return publicAppearances(db)
    .where(where(f))
    .innerJoin('day as d', 'd.id', 's.day_id')
    .innerJoin('person as p', 'p.id', 'a.person_id')
    .leftJoin('organization as o', 'o.id', 'a.organization_id')
    .select([
      'a.id',
      'a.role',
      'a.role_label',
      'a.position',
      'a.honorific',
      'a.affiliation_position',
      'a.country',
      'a.country_code',
      'a.talk_title',
      'p.id as person_id',
      'p.slug as person_slug',
      'p.name as person_name',
      'o.id as org_id',
      'o.slug as org_slug',
      'o.name as org_name',
      'o.kind as org_kind',
      's.id as session_id',
      's.kind as session_kind',
      's.number as session_number',
      's.title as session_title',
      's.start_time',
      's.end_time',
      'd.date',
      'e.id as event_id',
      'e.slug as event_slug',
      'e.title as event_title',
      'e.time_zone',
    ])
    // Latest day first, then the day's sessions and each session's people in programme order.
    .orderBy('d.date', 'desc')
    .orderBy('e.id')
    .orderBy('s.position')
    .orderBy('a.position')
    .orderBy('a.id')
    .execute();
}

// Joined rather than fetched by a list of ids: a country can have more appearances than a
// statement may carry parameters.
function appearanceMaterials(db: DbOrTx, f: AppearanceFilter) {
  return db
    .selectFrom('material as m')
    .innerJoin('appearance as a', 'a.id', 'm.appearance_id')
    .innerJoin('session as s', 's.id', 'a.session_id')
    .innerJoin('event as e', 'e.id', 's.event_id')
    .where('e.status', '=', 'published')
    .where(where(f))
    .leftJoin('file as f', 'f.id', 'm.file_id')
    .select(['m.id', 'm.appearance_id', 'm.kind', 'm.label', 'm.lang', 'm.url', 'm.file_id', 'f.media_type'])
    .orderBy('m.position')
    .orderBy('m.id')
    .execute();
}

export async function appearancesInContext(db: DbOrTx, f: AppearanceFilter) {
  const [rows, materials] = await Promise.all([appearanceRows(db, f), appearanceMaterials(db, f)]);
  return { rows, materials };
}
