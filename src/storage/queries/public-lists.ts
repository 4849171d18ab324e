// The public list pages, a page at a time: people, organizations and events are paged in SQL
// (limit and offset, with the total), so that a list of thousands renders as fast as a short one.
// Series and countries are few (eight, at most ~250): read whole and paged by the caller.
import type { DbOrTx, EventRow, OrganizationRow, PersonRow, SeriesRow } from '../database.ts';
import { published } from '../published.ts';
import { bytewise } from '../queries.ts';
import type { Engine } from '../storage.ts';

export type Range = { offset: number; limit: number };

/** The ids of the sessions of published events (a subquery). */
export function publishedSessionIds(db: DbOrTx) {
  return published(db).selectFrom('session as ps').innerJoin('event as pe', 'pe.id', 'ps.event_id').where('pe.status', '=', 'published').select('ps.id');
}

/**
 * The page's rows and the list's total from one statement (`(select count) t left join (the page)
 * r on true`, one row with nulls for an empty page): read apart, a write by another process (or
 * on PostgreSQL, any other connection) between the two could make the total disagree with the rows.
 */
function withTotal<R extends Record<string, unknown>>(rows: Array<R & { total: unknown }>, key: keyof R): { total: number; rows: R[] } {
  const total = Number(rows[0]?.total ?? 0);
  return { total, rows: rows.filter((r) => r[key] !== null).map(({ total: _, ...r }) => r as unknown as R) };
}

/**
 * People who appear in published events, by their name's key (the name without honorific,
 * accents or case; bytes on both engines), each with how often: the stored counts (migration
 * 0019, a row per person with published appearances), joined to the page's persons. Counting the
 * archive's appearances on every render took 165 ms at 1,000 events.
 */
export async function peoplePage(db: DbOrTx, engine: Engine, range: Range) {
  const page = db
    .selectFrom('person as p')
    .innerJoin('public_person_count as c', 'c.person_id', 'p.id')
    .select(['p.id', 'p.slug', 'p.name', 'p.name_key', 'c.appearances'])
    .orderBy(bytewise(engine, 'p.name_key'))
    .orderBy('p.id')
    .limit(range.limit)
    .offset(range.offset);
  const rows = await db
    .selectFrom(db.selectFrom('public_person_count').select((eb) => eb.fn.countAll().as('total')).as('t'))
    .leftJoin(page.as('r'), (join) => join.onTrue())
    .select(['t.total', 'r.id', 'r.slug', 'r.name', 'r.appearances'])
    .orderBy(bytewise(engine, 'r.name_key'))
    .orderBy('r.id')
    .execute();
  const { total, rows: people } = withTotal(rows, 'id');
  return { total, rows: people.map((r) => ({ id: r.id!, slug: r.slug!, name: r.name!, appearances: Number(r.appearances) })) };
}

/** Organizations that appear in published events, by their name's key, each with how often (stored counts; the total in the same statement). */
export async function organizationsPage(db: DbOrTx, engine: Engine, range: Range) {
  const page = db
    .selectFrom('organization as o')
    .innerJoin('public_organization_count as c', 'c.organization_id', 'o.id')
    .select(['o.id', 'o.slug', 'o.name', 'o.name_key', 'o.kind', 'o.country_code', 'c.appearances'])
    .orderBy(bytewise(engine, 'o.name_key'))
    .orderBy('o.id')
    .limit(range.limit)
    .offset(range.offset);
  const rows = await db
    .selectFrom(db.selectFrom('public_organization_count').select((eb) => eb.fn.countAll().as('total')).as('t'))
    .leftJoin(page.as('r'), (join) => join.onTrue())
    .select(['t.total', 'r.id', 'r.slug', 'r.name', 'r.kind', 'r.country_code', 'r.appearances'])
    .orderBy(bytewise(engine, 'r.name_key'))
    .orderBy('r.id')
    .execute();
  const { total, rows: organizations } = withTotal(rows, 'id');
  return { total, rows: organizations.map((r) => ({ id: r.id!, slug: r.slug!, name: r.name!, kind: r.kind!, country_code: r.country_code ?? null, appearances: Number(r.appearances) })) };
}

/** Published events, newest first (the id breaks ties), optionally of one series; the total in the same statement. */
export async function eventsPage(db: DbOrTx, range: Range, seriesId?: number) {
  const pdb = published(db);
  let base = pdb.selectFrom('event as e').where('e.status', '=', 'published');
  if (seriesId !== undefined) base = base.where('e.series_id', '=', seriesId);
  const page = base.selectAll('e').orderBy('e.start_date', 'desc').orderBy('e.id', 'desc').limit(range.limit).offset(range.offset);
  const rows = await pdb
    .selectFrom(base.select((eb) => eb.fn.countAll().as('total')).as('t'))
    .leftJoin(page.as('r'), (join) => join.onTrue())
    .selectAll('r')
    .select('t.total')
    .orderBy('r.start_date', 'desc')
    .orderBy('r.id', 'desc')
    .execute();
  const { total, rows: events } = withTotal(rows, 'id');
  return { total, rows: events as unknown as EventRow[] };
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
