// Reads for the public site and the API. Only published events are public.
import type { DbOrTx, EventRow, OrganizationRow, PersonRow, SeriesRow } from './database.ts';

export type AgendaAppearance = {
  id: number;
  role: 'moderator' | 'speaker';
  roleLabel: string | null;
  position: number;
  honorific: string | null;
  affiliationPosition: string | null;
  country: string | null;
  countryCode: string | null;
  talkTitle: string | null;
  person: { id: number; slug: string; name: string };
  organization: { id: number; slug: string; name: string; kind: string } | null;
  materials: MaterialView[];
};
export type MaterialView = { id: number; kind: string; label: string; lang: string; url: string | null; fileId: string | null };
export type AgendaSessionView = {
  id: number;
  position: number;
  kind: string;
  number: number | null;
  title: string | null;
  lang: string;
  start: string | null;
  end: string | null;
  appearances: AgendaAppearance[];
};
export type AgendaDayView = { id: number; date: string; label: string | null; sessions: AgendaSessionView[] };
export type EventAgenda = { days: AgendaDayView[]; documents: MaterialView[] };

// Names sort the same way on every engine: PostgreSQL would use its collation, SQLite bytes.
const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

export async function listSeriesWithEvents(db: DbOrTx): Promise<Array<SeriesRow & { events: EventRow[] }>> {
  const series = (await db.selectFrom('series').selectAll().execute()).sort((a, b) => collator.compare(a.title, b.title) || a.id - b.id);
  const events = await db
    .selectFrom('event')
    .selectAll()
    .where('status', '=', 'published')
    .orderBy('start_date', 'desc')
    .execute();
  return series
    .map((s) => ({ ...s, events: events.filter((e) => e.series_id === s.id) }))
    .filter((s) => s.events.length > 0);
}

export async function seriesBySlug(db: DbOrTx, slug: string) {
  const series = await db.selectFrom('series').selectAll().where('slug', '=', slug).executeTakeFirst();
  if (!series) return undefined;
  const events = await db
    .selectFrom('event')
    .selectAll()
    .where('series_id', '=', series.id)
    .where('status', '=', 'published')
    .orderBy('start_date', 'desc')
    .execute();
  return { series, events };
}

export async function publishedEventBySlug(db: DbOrTx, slug: string) {
  const event = await db
    .selectFrom('event')
    .selectAll()
    .where('slug', '=', slug)
    .where('status', '=', 'published')
    .executeTakeFirst();
  if (!event) return undefined;
  const series = await db.selectFrom('series').selectAll().where('id', '=', event.series_id).executeTakeFirstOrThrow();
  return { event, series };
}

function materialView(m: { id: number; kind: string; label: string; lang: string; url: string | null; file_id: string | null }): MaterialView {
  return { id: m.id, kind: m.kind, label: m.label, lang: m.lang, url: m.url, fileId: m.file_id };
}

export async function eventAgenda(db: DbOrTx, eventId: number): Promise<EventAgenda> {
  const days = await db.selectFrom('day').selectAll().where('event_id', '=', eventId).orderBy('position').execute();
  const sessions = await db
    .selectFrom('session')
    .selectAll()
    .where('event_id', '=', eventId)
    .orderBy('day_id')
    .orderBy('position')
    .execute();
  const appearances = await db
    .selectFrom('appearance as a')
    .innerJoin('session as s', 's.id', 'a.session_id')
    .innerJoin('person as p', 'p.id', 'a.person_id')
    .leftJoin('organization as o', 'o.id', 'a.organization_id')
    .where('s.event_id', '=', eventId)
    .select([
      'a.id',
      'a.session_id',
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
    ])
    .orderBy('a.session_id')
    .orderBy('a.position')
    .execute();
  const materials = await db
    .selectFrom('material')
    .selectAll()
    .where('event_id', '=', eventId)
    .orderBy('position')
    .orderBy('id')
    .execute();

  const matsByAppearance = new Map<number, MaterialView[]>();
  const documents: MaterialView[] = [];
  for (const m of materials) {
    if (m.appearance_id === null) documents.push(materialView(m));
    else {
      const list = matsByAppearance.get(m.appearance_id) ?? [];
      list.push(materialView(m));
      matsByAppearance.set(m.appearance_id, list);
    }
  }
  const apBySession = new Map<number, AgendaAppearance[]>();
  for (const a of appearances) {
    const list = apBySession.get(a.session_id) ?? [];
    list.push({
      id: a.id,
      role: a.role,
      roleLabel: a.role_label,
      position: a.position,
      honorific: a.honorific,
      affiliationPosition: a.affiliation_position,
      country: a.country,
      countryCode: a.country_code,
      talkTitle: a.talk_title,
      person: { id: a.person_id, slug: a.person_slug, name: a.person_name },
      organization:
        a.org_id !== null && a.org_slug !== null && a.org_name !== null && a.org_kind !== null
          ? { id: a.org_id, slug: a.org_slug, name: a.org_name, kind: a.org_kind }
          : null,
      materials: matsByAppearance.get(a.id) ?? [],
    });
    apBySession.set(a.session_id, list);
  }
  return {
    days: days.map((d) => ({
      id: d.id,
      date: d.date,
      label: d.label,
      sessions: sessions
        .filter((s) => s.day_id === d.id)
        .map((s) => ({
          id: s.id,
          position: s.position,
          kind: s.kind,
          number: s.number,
          title: s.title,
          lang: s.lang,
          start: s.start_time,
          end: s.end_time,
          appearances: apBySession.get(s.id) ?? [],
        })),
    })),
    documents,
  };
}

/** One appearance seen from a person, organization or country page. */
export type AppearanceInContext = {
  role: 'moderator' | 'speaker';
  roleLabel: string | null;
  honorific: string | null;
  affiliationPosition: string | null;
  country: string | null;
  countryCode: string | null;
  person: { slug: string; name: string };
  organization: { slug: string; name: string } | null;
  session: { kind: string; number: number | null; title: string | null; start: string | null; end: string | null };
  date: string;
  event: { slug: string; title: string; timeZone: string };
  materials: MaterialView[];
};

async function appearancesWhere(
  db: DbOrTx,
  filter: { personId?: number; organizationId?: number; countryCode?: string },
): Promise<AppearanceInContext[]> {
  let q = db
    .selectFrom('appearance as a')
    .innerJoin('session as s', 's.id', 'a.session_id')
    .innerJoin('day as d', 'd.id', 's.day_id')
    .innerJoin('event as e', 'e.id', 's.event_id')
    .innerJoin('person as p', 'p.id', 'a.person_id')
    .leftJoin('organization as o', 'o.id', 'a.organization_id')
    .where('e.status', '=', 'published')
    .select([
      'a.id',
      'a.role',
      'a.role_label',
      'a.honorific',
      'a.affiliation_position',
      'a.country',
      'a.country_code',
      'p.slug as person_slug',
      'p.name as person_name',
      'o.slug as org_slug',
      'o.name as org_name',
      's.kind',
      's.number',
      's.title',
      's.start_time',
      's.end_time',
      'd.date',
      'e.slug as event_slug',
      'e.title as event_title',
      'e.time_zone',
    ]);
  if (filter.personId !== undefined) q = q.where('a.person_id', '=', filter.personId);
  if (filter.organizationId !== undefined) q = q.where('a.organization_id', '=', filter.organizationId);
  if (filter.countryCode !== undefined) q = q.where('a.country_code', '=', filter.countryCode);
  // Ordered by the agenda's own order (a session's place in its day), the same on both engines.
  const rows = await q.orderBy('d.date', 'desc').orderBy('e.id').orderBy('s.position').orderBy('a.position').execute();
  const byAppearance = new Map<number, MaterialView[]>();
  if (rows.length) {
    // The materials of the same appearances, by a join rather than a list of ids (engines limit bound parameters).
    let m = db
      .selectFrom('material as m')
      .innerJoin('appearance as a', 'a.id', 'm.appearance_id')
      .innerJoin('session as s', 's.id', 'a.session_id')
      .innerJoin('event as e', 'e.id', 's.event_id')
      .where('e.status', '=', 'published')
      .selectAll('m');
    if (filter.personId !== undefined) m = m.where('a.person_id', '=', filter.personId);
    if (filter.organizationId !== undefined) m = m.where('a.organization_id', '=', filter.organizationId);
    if (filter.countryCode !== undefined) m = m.where('a.country_code', '=', filter.countryCode);
    for (const mat of await m.orderBy('m.position').orderBy('m.id').execute()) {
      const list = byAppearance.get(mat.appearance_id!) ?? [];
      list.push(materialView(mat));
      byAppearance.set(mat.appearance_id!, list);
    }
  }
  return rows.map((r) => ({
    role: r.role,
    roleLabel: r.role_label,
    honorific: r.honorific,
    affiliationPosition: r.affiliation_position,
    country: r.country,
    countryCode: r.country_code,
    person: { slug: r.person_slug, name: r.person_name },
    organization: r.org_slug !== null && r.org_name !== null ? { slug: r.org_slug, name: r.org_name } : null,
    session: { kind: r.kind, number: r.number, title: r.title, start: r.start_time, end: r.end_time },
    date: r.date,
    event: { slug: r.event_slug, title: r.event_title, timeZone: r.time_zone },
    materials: byAppearance.get(r.id) ?? [],
  }));
}

export async function personBySlug(db: DbOrTx, slug: string): Promise<{ person: PersonRow; appearances: AppearanceInContext[] } | undefined> {
  const person = await db.selectFrom('person').selectAll().where('slug', '=', slug).executeTakeFirst();
  if (!person) return undefined;
  // Someone named only in unpublished programmes is not public yet.
  const appearances = await appearancesWhere(db, { personId: person.id });
  return appearances.length ? { person, appearances } : undefined;
}

export async function organizationBySlug(
  db: DbOrTx,
  slug: string,
): Promise<{ organization: OrganizationRow; appearances: AppearanceInContext[] } | undefined> {
  const organization = await db.selectFrom('organization').selectAll().where('slug', '=', slug).executeTakeFirst();
  if (!organization) return undefined;
  const appearances = await appearancesWhere(db, { organizationId: organization.id });
  return appearances.length ? { organization, appearances } : undefined;
}

export async function countryAppearances(db: DbOrTx, code: string): Promise<AppearanceInContext[]> {
  return appearancesWhere(db, { countryCode: code });
}

/** People, organizations and countries that appear in published events, with how often. */
export async function peopleIndex(db: DbOrTx) {
  return db
    .selectFrom('person as p')
    .innerJoin('appearance as a', 'a.person_id', 'p.id')
    .innerJoin('session as s', 's.id', 'a.session_id')
    .innerJoin('event as e', 'e.id', 's.event_id')
    .where('e.status', '=', 'published')
    .select(['p.slug', 'p.name', (eb) => eb.fn.count<number>('a.id').as('appearances')])
    .groupBy(['p.id', 'p.slug', 'p.name'])
    .execute()
    .then((rows) => rows.sort((a, b) => collator.compare(a.name, b.name) || a.slug.localeCompare(b.slug)));
}

export async function organizationsIndex(db: DbOrTx) {
  return db
    .selectFrom('organization as o')
    .innerJoin('appearance as a', 'a.organization_id', 'o.id')
    .innerJoin('session as s', 's.id', 'a.session_id')
    .innerJoin('event as e', 'e.id', 's.event_id')
    .where('e.status', '=', 'published')
    .select(['o.slug', 'o.name', 'o.kind', 'o.country_code', (eb) => eb.fn.count<number>('a.id').as('appearances')])
    .groupBy(['o.id', 'o.slug', 'o.name', 'o.kind', 'o.country_code'])
    .execute()
    .then((rows) => rows.sort((a, b) => collator.compare(a.name, b.name) || a.slug.localeCompare(b.slug)));
}

export async function countriesIndex(db: DbOrTx) {
  return db
    .selectFrom('appearance as a')
    .innerJoin('session as s', 's.id', 'a.session_id')
    .innerJoin('event as e', 'e.id', 's.event_id')
    .where('e.status', '=', 'published')
    .where('a.country_code', 'is not', null)
    .select(['a.country_code', (eb) => eb.fn.count<number>('a.id').as('appearances')])
    .groupBy('a.country_code')
    .execute();
}
