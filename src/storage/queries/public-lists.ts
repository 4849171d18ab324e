// The public list pages, a page at a time: people, organizations and events are paged in SQL
// (limit and offset, with the total), so that a list of thousands renders as fast as a short one.
// Series and countries are few (eight, at most ~250): read whole and paged by the caller.
import type { DbOrTx, OrganizationRow, PersonRow, SeriesRow } from '../database.ts';
import { published } from '../published.ts';
import { bytewise } from '../queries.ts';
import type { Engine } from '../storage.ts';

export type Range = { offset: number; limit: number };

/** The ids of the sessions of published events (a subquery). */
export function publishedSessionIds(db: DbOrTx) {
  return published(db).selectFrom('session as ps').innerJoin('event as pe', 'pe.id', 'ps.event_id').where('pe.status', '=', 'published').select('ps.id');
}

/**
 * People who appear in published events, by their name's key (the name without honorific,
 * accents or case; bytes on both engines), each with how often: the stored counts (migration
 * 0019, a row per person with published appearances), joined to the page's persons. Counting the
 * archive's appearances on every render took 165 ms at 1,000 events.
 */
export async function peoplePage(db: DbOrTx, engine: Engine, range: Range) {
  const total = Number((await db.selectFrom('public_person_count').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  if (range.offset >= total) return { total, rows: [] };
  const rows = await db
    .selectFrom('person as p')
    .innerJoin('public_person_count as c', 'c.person_id', 'p.id')
    .select(['p.id', 'p.slug', 'p.name', 'c.appearances'])
    .orderBy(bytewise(engine, 'p.name_key'))
    .orderBy('p.id')
    .limit(range.limit)
    .offset(range.offset)
    .execute();
  return { total, rows: rows.map((r) => ({ ...r, appearances: Number(r.appearances) })) };
}

/** Organizations that appear in published events, by their name's key, each with how often (stored counts). */
export async function organizationsPage(db: DbOrTx, engine: Engine, range: Range) {
  const total = Number((await db.selectFrom('public_organization_count').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  if (range.offset >= total) return { total, rows: [] };
  const rows = await db
    .selectFrom('organization as o')
    .innerJoin('public_organization_count as c', 'c.organization_id', 'o.id')
    .select(['o.id', 'o.slug', 'o.name', 'o.kind', 'o.country_code', 'c.appearances'])
    .orderBy(bytewise(engine, 'o.name_key'))
    .orderBy('o.id')
    .limit(range.limit)
    .offset(range.offset)
    .execute();
  return { total, rows: rows.map((r) => ({ ...r, appearances: Number(r.appearances) })) };
}

/** Published events, newest first (the id breaks ties), optionally of one series. */
export async function eventsPage(db: DbOrTx, range: Range, seriesId?: number) {
  const pdb = published(db);
  let base = pdb.selectFrom('event as e').where('e.status', '=', 'published');
  if (seriesId !== undefined) base = base.where('e.series_id', '=', seriesId);
  const total = Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  if (range.offset >= total) return { total, rows: [] };
  const rows = await base.selectAll('e').orderBy('e.start_date', 'desc').orderBy('e.id', 'desc').limit(range.limit).offset(range.offset).execute();
  return { total, rows };
}

/** Every series with a published event, with how many, and its latest events (at most `latest` each). */
export async function seriesWithLatest(db: DbOrTx, latest: number) {
  const pdb = published(db);
  const counts = await pdb
    .selectFrom('series as s')
    .innerJoin('event as e', 'e.series_id', 's.id')
    .where('e.status', '=', 'published')
    .select(['s.id', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('s.id')
    .execute();
  if (!counts.length) return [];
  const series = await pdb.selectFrom('series').selectAll().where('id', 'in', counts.map((c) => c.id)).execute();
  const out = [];
  // Titles in the same order on every engine (as the home page always had them).
  series.sort((a, b) => collator.compare(a.title, b.title) || a.id - b.id);
  for (const s of series) {
    const events = latest === 0 ? [] : await pdb
      .selectFrom('event')
      .selectAll()
      .where('series_id', '=', s.id)
      .where('status', '=', 'published')
      .orderBy('start_date', 'desc')
      .orderBy('id', 'desc')
      .limit(latest)
      .execute();
    out.push({ ...s, events, eventCount: Number(counts.find((c) => c.id === s.id)!.n) });
  }
  return out;
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** A series by its slug (its page exists with or without published events). */
export async function publicSeries(db: DbOrTx, slug: string): Promise<SeriesRow | undefined> {
  return db.selectFrom('series').selectAll().where('slug', '=', slug).executeTakeFirst();
}

/** A person by slug; whether they are public is whether they have published appearances (appearancesPage). */
export async function publicPerson(db: DbOrTx, slug: string): Promise<PersonRow | undefined> {
  return db.selectFrom('person').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export async function publicOrganization(db: DbOrTx, slug: string): Promise<OrganizationRow | undefined> {
  return db.selectFrom('organization').selectAll().where('slug', '=', slug).executeTakeFirst();
}

/** The series an organization convenes that have a published event (the exports name it as their organizer). */
export async function conveningSeries(db: DbOrTx, organizationId: number): Promise<SeriesRow[]> {
  const rows = await published(db)
    .selectFrom('series as s')
    .selectAll('s')
    .where('s.convener_id', '=', organizationId)
    .where((eb) => eb.exists(eb.selectFrom('event as e').select('e.id').whereRef('e.series_id', '=', 's.id').where('e.status', '=', 'published')))
    .execute();
  return rows.sort((a, b) => collator.compare(a.title, b.title) || a.id - b.id);
}
