// The API's reads: lists paged in SQL (limit/offset with a total) and appearances with every id
// a client needs to follow links. Only published events and what appears in them are public.
import { sql } from 'kysely';
import type { DbOrTx } from '../../storage/database.ts';
import { published } from '../../storage/published.ts';
import { bytewise, publicAppearanceMaterials, publicAppearanceRows, publicAppearances, type AppearanceFilter } from '../../storage/queries.ts';
import type { Engine } from '../../storage/storage.ts';
import type { PageRequest } from './pagination.ts';

const count = (v: unknown) => Number(v);

export async function listSeries(db: DbOrTx, engine: Engine, req: PageRequest) {
  db = published(db);
  const totalRow = await db
    .selectFrom('event')
    .where('status', '=', 'published')
    .select((eb) => eb.fn.count('series_id').distinct().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom('series as s')
    .innerJoin('event as e', 'e.series_id', 's.id')
    .where('e.status', '=', 'published')
    .select(['s.id', 's.slug', 's.title', 's.lang', 's.description', 's.translations', (eb) => eb.fn.count('e.id').as('event_count')])
    .groupBy(['s.id', 's.slug', 's.title', 's.lang', 's.description', 's.translations'])
    .orderBy(bytewise(engine, 's.slug'))
    .orderBy('s.id')
    .limit(req.perPage)
    .offset(req.offset)
    .execute();
  return { total: count(totalRow.n), rows: rows.map((r) => ({ ...r, event_count: count(r.event_count) })) };
}

export async function seriesEventCount(db: DbOrTx, seriesId: number): Promise<number> {
  db = published(db);
  const r = await db
    .selectFrom('event')
    .where('series_id', '=', seriesId)
    .where('status', '=', 'published')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return count(r.n);
}

function publishedEvents(db: DbOrTx) {
  return published(db)
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
    's.lang as series_lang',
    's.translations as series_translations',
    'e.translations',
  ]);
  if (seriesId !== undefined) q = q.where('s.id', '=', seriesId);
  // Newest first; the id breaks ties between events that start on the same day.
  q = q.orderBy('e.start_date', 'desc').orderBy('e.id', 'desc');
  if (req) q = q.limit(req.perPage).offset(req.offset);
  return q.execute();
}

export async function listEvents(db: DbOrTx, req: PageRequest) {
  db = published(db);
  const totalRow = await publishedEvents(db).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return { total: count(totalRow.n), rows: await listEventsWhere(db, undefined, req) };
}

export function eventsOfSeries(db: DbOrTx, seriesId: number) {
  return listEventsWhere(db, seriesId, undefined);
}

export async function listPeople(db: DbOrTx, engine: Engine, req: PageRequest) {
  db = published(db);
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
  db = published(db);
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
  db = published(db);
  const rows = await publicAppearances(db)
    .where('a.country_code', 'is not', null)
    .select(['a.country_code', (eb) => eb.fn.count('a.id').as('appearances')])
    .groupBy('a.country_code')
    .execute();
  return rows.map((r) => ({ code: r.country_code!, appearances: count(r.appearances) }));
}

export async function publishedEventOfSession(db: DbOrTx, sessionId: number): Promise<string | undefined> {
  db = published(db);
  const r = await db
    .selectFrom('session as s')
    .innerJoin('event as e', 'e.id', 's.event_id')
    .where('s.id', '=', sessionId)
    .where('e.status', '=', 'published')
    .select('e.slug')
    .executeTakeFirst();
  return r?.slug;
}

export type { AppearanceFilter };

export type ContextRow = Awaited<ReturnType<typeof publicAppearanceRows>>[number];
export type ContextMaterial = Awaited<ReturnType<typeof publicAppearanceMaterials>>[number];

/** Appearances of a person, organization or country, the same rows as their pages read (storage/queries.ts). */
export async function appearancesInContext(db: DbOrTx, f: AppearanceFilter) {
  db = published(db);
  const [rows, materials] = await Promise.all([publicAppearanceRows(db, f), publicAppearanceMaterials(db, f)]);
  return { rows, materials };
}
