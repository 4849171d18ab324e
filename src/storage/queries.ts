// Reads for the public site and the API. Only published events are public.
import { type Kysely, sql, type Nullable, type Selection } from 'kysely';
import type { AppearanceTable, DbOrTx, EventRow, OrganizationRow, OrganizationTable, PersonRow, PersonTable, SeriesRow } from './database.ts';
import type { Engine } from './storage.ts';
import { published } from './published.ts';
/**
 * Orders text by bytes on both engines, so that lists page, and backups list keys, identically
 * on SQLite (binary by default) and on PostgreSQL (whose database collation may be linguistic
 * and ignore hyphens or spaces). `alreadyBytewise` (see databaseSortsBytewise) leaves the column
 * bare, so that an index on it still serves the order.
 */
export function bytewise(engine: Engine, column: string, alreadyBytewise = false) {
  return engine === 'postgres' && !alreadyBytewise ? sql`${sql.ref(column)} collate "C"` : sql`${sql.ref(column)}`;
}

/** Whether the database already compares text by bytes (SQLite; PostgreSQL under C, POSIX or C.UTF-8). */
export async function databaseSortsBytewise(db: Kysely<any>, engine: Engine): Promise<boolean> {
  if (engine === 'sqlite') return true;
  const r = await sql<{ c: string }>`SELECT datcollate AS c FROM pg_database WHERE datname = current_database()`.execute(db);
  return ['c', 'posix', 'c.utf-8', 'c.utf8'].includes(String(r.rows[0]?.c ?? '').toLowerCase());
}

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
  /** uuid: stored, stable across renames (migration 0007) */
  person: { id: number; slug: string; name: string; uuid: string };
  organization: { id: number; slug: string; name: string; kind: string } | null;
  materials: MaterialView[];
};
export type MaterialView = {
  id: number;
  kind: string;
  label: string;
  lang: string;
  url: string | null;
  fileId: string | null;
  /** an event's photo (a stored JPEG, PNG or WebP): its resized variants, narrowest first */
  photo?: { variants: Array<{ width: number; fileId: string }> };
  /** the label in other languages (domain/translations.ts; migration 0015) */
  translations?: string;
  /** the document's versions in other languages, when this is their original (issue 13) */
  versions?: MaterialView[];
};
export type AgendaSessionView = {
  id: number;
  /** stored, stable across renames (migration 0007) */
  uuid: string;
  position: number;
  kind: string;
  number: number | null;
  title: string | null;
  lang: string;
  /** the title in other languages (domain/translations.ts; migration 0015) */
  translations: string;
  start: string | null;
  end: string | null;
  appearances: AgendaAppearance[];
};
export type AgendaDayView = { id: number; date: string; label: string | null; sessions: AgendaSessionView[] };
export type EventAgenda = { days: AgendaDayView[]; documents: MaterialView[] };

// Names sort the same way on every engine: PostgreSQL would use its collation, SQLite bytes.
const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

export async function listSeriesWithEvents(db: DbOrTx): Promise<Array<SeriesRow & { events: EventRow[] }>> {
  db = published(db);
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
  db = published(db);
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

declare const publishedBrand: unique symbol;
/** A value read from the published copies (storage/published.ts): only such events may be shown or exported. */
export type Published<T> = T & { readonly [publishedBrand]: true };
export type PublishedEvent = NonNullable<Awaited<ReturnType<typeof publishedEventBySlug>>>;

export async function publishedEventBySlug(db: DbOrTx, slug: string) {
  db = published(db);
  const event = await db
    .selectFrom('event')
    .selectAll()
    .where('slug', '=', slug)
    .where('status', '=', 'published')
    .executeTakeFirst();
  if (!event) return undefined;
  const series = await db.selectFrom('series').selectAll().where('id', '=', event.series_id).executeTakeFirstOrThrow();
  const convener =
    series.convener_id === null ? null : ((await db.selectFrom('organization').selectAll().where('id', '=', series.convener_id).executeTakeFirst()) ?? null);
  // The one place that may say so: the query above admits published events only.
  return { event, series, convener } as Published<{ event: typeof event; series: typeof series; convener: typeof convener }>;
}

export function materialView(m: { id: number; kind: string; label: string; lang: string; url: string | null; file_id: string | null; translations?: string }): MaterialView {
  return { id: m.id, kind: m.kind, label: m.label, lang: m.lang, url: m.url, fileId: m.file_id, ...(m.translations && m.translations !== '{}' ? { translations: m.translations } : {}) };
}

/**
 * Materials as documents (issue 13): each language version under its original (`versions`, in
 * upload order), the originals in the order given. A version whose original is not among them
 * stands on its own.
 */
export function asDocuments<M extends { id: number; original_id?: number | null }>(rows: readonly M[], view: (m: M) => MaterialView): MaterialView[] {
  const ids = new Set(rows.map((m) => m.id));
  const out: MaterialView[] = [];
  const byId = new Map<number, MaterialView>();
  for (const m of rows) {
    if (m.original_id != null && ids.has(m.original_id)) continue;
    const v = view(m);
    byId.set(m.id, v);
    out.push(v);
  }
  for (const m of [...rows].sort((a, b) => a.id - b.id)) {
    if (m.original_id == null || !ids.has(m.original_id)) continue;
    const o = byId.get(m.original_id);
    if (o) (o.versions ??= []).push(view(m));
  }
  return out;
}

/**
 * An appearance with its person and organization, for a query that joins `appearance as a`,
 * `person as p` and (left) `organization as o`: the agenda and the API read the same columns.
 */
export const appearanceColumns = [
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
  'p.uuid as person_uuid',
  'o.id as org_id',
  'o.slug as org_slug',
  'o.name as org_name',
  'o.kind as org_kind',
] as const;

/** A row as `appearanceColumns` select it (the organization's columns null when it has none). */
export type AppearanceColumnsRow = Selection<
  { a: AppearanceTable; p: PersonTable; o: Nullable<OrganizationTable> },
  'a' | 'p' | 'o',
  (typeof appearanceColumns)[number]
>;

/** One row of `appearanceColumns` as the agenda shows it, with its materials. */
export function agendaAppearance(a: AppearanceColumnsRow, materials: MaterialView[]): AgendaAppearance {
  return {
    id: a.id,
    role: a.role,
    roleLabel: a.role_label,
    position: a.position,
    honorific: a.honorific,
    affiliationPosition: a.affiliation_position,
    country: a.country,
    countryCode: a.country_code,
    talkTitle: a.talk_title,
    person: { id: a.person_id, slug: a.person_slug, name: a.person_name, uuid: a.person_uuid },
    organization:
      a.org_id !== null && a.org_slug !== null && a.org_name !== null && a.org_kind !== null
        ? { id: a.org_id, slug: a.org_slug, name: a.org_name, kind: a.org_kind }
        : null,
    materials,
  };
}

/** Appearances in published events (`a`, with its session `s` and event `e`): the base of every public list. */
export function publicAppearances(db: DbOrTx) {
  return published(db)
    .selectFrom('appearance as a')
    .innerJoin('session as s', 's.id', 'a.session_id')
    .innerJoin('event as e', 'e.id', 's.event_id')
    .where('e.status', '=', 'published');
}

export type AppearanceFilter = { personId?: number; organizationId?: number; countryCode?: string };

/** The filter as one SQL condition on the alias `a`: shared by queries of different shapes. */
function appearanceFilter(f: AppearanceFilter) {
  const parts = [];
  if (f.personId !== undefined) parts.push(sql`${sql.ref('a.person_id')} = ${f.personId}`);
  if (f.organizationId !== undefined) parts.push(sql`${sql.ref('a.organization_id')} = ${f.organizationId}`);
  if (f.countryCode !== undefined) parts.push(sql`${sql.ref('a.country_code')} = ${f.countryCode}`);
  if (parts.length === 0) throw new Error('an appearance filter needs a person, organization or country');
  return sql<boolean>`(${sql.join(parts, sql` and `)})`;
}

/** The published appearances of a person, organization or country, each with where and when it happened. */
export function publicAppearanceRows(db: DbOrTx, f: AppearanceFilter) {
  return publicAppearanceRowsQuery(db, f).execute();
}

/** The query of publicAppearanceRows, in its order, before it runs (a page of it takes limit and offset). */
export function publicAppearanceRowsQuery(db: DbOrTx, f: AppearanceFilter) {
  const q = publicAppearanceColumns(
    publicAppearances(db)
      .where(appearanceFilter(f))
      .innerJoin('day as d', 'd.id', 's.day_id')
      .innerJoin('person as p', 'p.id', 'a.person_id')
      .leftJoin('organization as o', 'o.id', 'a.organization_id'),
  );
  return pageOrder(q);
}

/** The columns of publicAppearanceRows, selected from a query that joins `a`, `s`, `e`, `d`, `p` and (left) `o`. */
function publicAppearanceColumns<Q extends ReturnType<typeof publicAppearanceJoins>>(q: Q) {
  return q.select([
    ...appearanceColumns,
    's.id as session_id',
    's.uuid as session_uuid',
    's.kind as session_kind',
    's.number as session_number',
    's.title as session_title',
    's.lang as session_lang',
    's.translations as session_translations',
    's.start_time',
    's.end_time',
    'd.date',
    'e.id as event_id',
    'e.slug as event_slug',
    'e.title as event_title',
    'e.lang as event_lang',
    'e.translations as event_translations',
    'e.time_zone',
  ]);
}
function publicAppearanceJoins(db: DbOrTx) {
  return publicAppearances(db).innerJoin('day as d', 'd.id', 's.day_id').innerJoin('person as p', 'p.id', 'a.person_id').leftJoin('organization as o', 'o.id', 'a.organization_id');
}

/** Latest day first, then the day's sessions and each session's people in programme order: the same on both engines. */
function pageOrder<Q extends { orderBy: (...a: any[]) => Q }>(q: Q): Q {
  return q.orderBy('d.date', 'desc').orderBy('e.id').orderBy('s.position').orderBy('a.position').orderBy('a.id');
}

/**
 * The materials of the same appearances (with a stored file's media type). Joined rather than
 * fetched by a list of ids: a country can have more appearances than a statement may carry parameters.
 */
export function publicAppearanceMaterials(db: DbOrTx, f: AppearanceFilter) {
  return publicAppearances(db)
    .where(appearanceFilter(f))
    .innerJoin('material as m', 'm.appearance_id', 'a.id')
    .leftJoin('file as f', 'f.id', 'm.file_id')
    .select(['m.id', 'm.appearance_id', 'm.kind', 'm.label', 'm.lang', 'm.url', 'm.file_id', 'm.translations', 'f.media_type'])
    .orderBy('m.position')
    .orderBy('m.id')
    .execute();
}

/** Which of these stored files are photos, with their resized variants (narrowest first). */
async function photoVariants(db: DbOrTx, fileIds: string[]): Promise<Map<string, Array<{ width: number; fileId: string }>>> {
  const out = new Map<string, Array<{ width: number; fileId: string }>>();
  for (let i = 0; i < fileIds.length; i += 500) {
    const chunk = fileIds.slice(i, i + 500);
    const images = await db.selectFrom('file').select('id').where('id', 'in', chunk).where('media_type', 'in', ['image/jpeg', 'image/png', 'image/webp']).execute();
    for (const f of images) out.set(f.id, []);
    if (!images.length) continue;
    const variants = await db.selectFrom('file_variant').select(['file_id', 'width', 'variant_id']).where('file_id', 'in', images.map((f) => f.id)).orderBy('width').execute();
    for (const v of variants) out.get(v.file_id)!.push({ width: v.width, fileId: v.variant_id });
  }
  return out;
}

/** Appearances with all their own columns and appearanceColumns', in programme order; the caller says which. */
function appearanceRows(db: DbOrTx) {
  return db
    .selectFrom('appearance as a')
    .innerJoin('session as s', 's.id', 'a.session_id')
    .innerJoin('person as p', 'p.id', 'a.person_id')
    .leftJoin('organization as o', 'o.id', 'a.organization_id')
    .selectAll('a')
    .select(appearanceColumns)
    .orderBy('a.session_id')
    .orderBy('a.position')
    .orderBy('a.id');
}

/**
 * An event's rows as `db` holds them, in programme order: the one read behind the event page
 * (eventAgenda) and behind publishing (operations/releases.ts readProgramme). Pass `published(db)`
 * for the release the public sees. Each appearance has all its own columns and appearanceColumns'.
 */
export async function programmeRows(db: DbOrTx, eventId: number) {
  const days = await db.selectFrom('day').selectAll().where('event_id', '=', eventId).orderBy('position').orderBy('id').execute();
  const sessions = await db.selectFrom('session').selectAll().where('event_id', '=', eventId).orderBy('day_id').orderBy('position').orderBy('id').execute();
  const appearances = await appearanceRows(db).where('s.event_id', '=', eventId).execute();
  const materials = await db.selectFrom('material').selectAll().where('event_id', '=', eventId).orderBy('position').orderBy('id').execute();
  return { days, sessions, appearances, materials };
}

/** An event's programme as released (the default), or as the working copy has it (the workspace's preview). */
export async function eventAgenda(db: DbOrTx, eventId: number, source: 'published' | 'working' = 'published'): Promise<EventAgenda> {
  if (source === 'published') db = published(db);
  const rows = await programmeRows(db, eventId);
  const photos = await photoVariants(
    db,
    rows.materials.flatMap((m) => (m.appearance_id === null && m.file_id ? [m.file_id] : [])),
  );
  return assembleAgenda(rows, photos);
}

type ProgrammeRows = Awaited<ReturnType<typeof programmeRows>>;

/**
 * An agenda from an event's rows in programmeRows' order (days; sessions by day and position;
 * appearances by session and position; materials by position): pure, so that rows read for
 * several events at once (personAgendas) make the same agenda as one event's.
 */
function assembleAgenda({ days, sessions, appearances, materials }: ProgrammeRows, photos: ReadonlyMap<string, Array<{ width: number; fileId: string }>>): EventAgenda {
  const matsByAppearance = new Map<number, MaterialView[]>();
  const documents: MaterialView[] = [];
  // One entry per document, its language versions under it (issue 13).
  const view = (m: (typeof materials)[number]): MaterialView => ({ ...materialView(m), ...(m.appearance_id === null && m.file_id && photos.has(m.file_id) ? { photo: { variants: photos.get(m.file_id)! } } : {}) });
  const rowOf = new Map(materials.map((m) => [m.id, m]));
  for (const m of asDocuments(materials, view)) {
    const row = rowOf.get(m.id)!;
    if (row.appearance_id === null) documents.push(m);
    else {
      const list = matsByAppearance.get(row.appearance_id) ?? [];
      list.push(m);
      matsByAppearance.set(row.appearance_id, list);
    }
  }
  const apBySession = new Map<number, AgendaAppearance[]>();
  for (const a of appearances) {
    const list = apBySession.get(a.session_id) ?? [];
    list.push(agendaAppearance(a, matsByAppearance.get(a.id) ?? []));
    apBySession.set(a.session_id, list);
  }
  const sessionsByDay = new Map<number, typeof sessions>();
  for (const s of sessions) {
    const list = sessionsByDay.get(s.day_id) ?? [];
    list.push(s);
    sessionsByDay.set(s.day_id, list);
  }
  return {
    days: days.map((d) => ({
      id: d.id,
      date: d.date,
      label: d.label,
      sessions: (sessionsByDay.get(d.id) ?? []).map((s) => ({
        id: s.id,
        uuid: s.uuid,
        position: s.position,
        kind: s.kind,
        number: s.number,
        title: s.title,
        lang: s.lang,
        translations: s.translations,
        start: s.start_time,
        end: s.end_time,
        appearances: apBySession.get(s.id) ?? [],
      })),
    })),
    documents,
  };
}

/**
 * The published agendas of several events as one person sees them in their calendar, in a fixed
 * number of statements whatever the number of events: every day of each event, only the sessions
 * the person appears in (with everyone in them and their materials), no event documents.
 * The same agenda as eventAgenda's with the other sessions and the documents taken out.
 */
export async function personAgendas(db: DbOrTx, eventIds: readonly number[], personId: number): Promise<Map<number, EventAgenda>> {
  db = published(db);
  const out = new Map<number, EventAgenda>();
  if (!eventIds.length) return out;
  const ids = [...eventIds];
  const days = await db.selectFrom('day').selectAll().where('event_id', 'in', ids).orderBy('position').orderBy('id').execute();
  const sessions = await db
    .selectFrom('session')
    .selectAll()
    .where('event_id', 'in', ids)
    .where('id', 'in', (eb) => eb.selectFrom('appearance').select('session_id').where('person_id', '=', personId))
    .orderBy('day_id')
    .orderBy('position')
    .orderBy('id')
    .execute();
  const sessionIds = sessions.map((s) => s.id);
  const appearances = sessionIds.length
    ? await appearanceRows(db).where('a.session_id', 'in', sessionIds).execute()
    : [];
  const appearanceIds = appearances.map((a) => a.id);
  const materials = appearanceIds.length
    ? await db.selectFrom('material').selectAll().where('appearance_id', 'in', appearanceIds).orderBy('position').orderBy('id').execute()
    : [];
  const of = <R extends { event_id: number }>(rows: R[], id: number) => rows.filter((r) => r.event_id === id);
  const eventOfSession = new Map(sessions.map((s) => [s.id, s.event_id]));
  for (const id of ids) {
    out.set(
      id,
      assembleAgenda(
        { days: of(days, id), sessions: of(sessions, id), appearances: appearances.filter((a) => eventOfSession.get(a.session_id) === id), materials: of(materials, id) },
        new Map(),
      ),
    );
  }
  return out;
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
  /** `lang` and `translations`: the title's language and its other languages (issue 13) */
  session: { kind: string; number: number | null; title: string | null; lang?: string; translations?: string; start: string | null; end: string | null };
  date: string;
  event: { slug: string; title: string; lang?: string; translations?: string; timeZone: string };
  materials: MaterialView[];
};

async function appearancesWhere(db: DbOrTx, filter: AppearanceFilter): Promise<AppearanceInContext[]> {
  const rows = await publicAppearanceRows(db, filter);
  const byAppearance = new Map<number, MaterialView[]>();
  if (rows.length) {
    for (const mat of await publicAppearanceMaterials(db, filter)) {
      const list = byAppearance.get(mat.appearance_id!) ?? [];
      list.push(materialView(mat));
      byAppearance.set(mat.appearance_id!, list);
    }
  }
  return inContext(rows, byAppearance);
}

/**
 * How many published appearances a person, organization or country has: the stored count
 * (migration 0019) when the filter names one of them, else counted.
 */
export async function countPublicAppearances(db: DbOrTx, filter: AppearanceFilter): Promise<number> {
  const keys = [filter.personId, filter.organizationId, filter.countryCode].filter((k) => k !== undefined).length;
  if (keys === 1) {
    const row =
      filter.personId !== undefined
        ? await db.selectFrom('public_person_count').select('appearances').where('person_id', '=', filter.personId).executeTakeFirst()
        : filter.organizationId !== undefined
          ? await db.selectFrom('public_organization_count').select('appearances').where('organization_id', '=', filter.organizationId).executeTakeFirst()
          : await db.selectFrom('public_country_count').select('appearances').where('country_code', '=', filter.countryCode!).executeTakeFirst();
    return Number(row?.appearances ?? 0);
  }
  const r = await publicAppearances(db)
    .where(appearanceFilter(filter))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * One page of the published appearances of a person, organization or country (the order of
 * publicAppearanceRows), with its materials, and how many there are in all. The total and the
 * page's rows come from one statement, so they agree even when another process writes meanwhile
 * (on PostgreSQL each statement has its own snapshot; on SQLite another process's commit shows
 * at the next statement): `(select total) t left join (the page) r on true`, one row with nulls
 * for an empty page.
 */
export async function appearancesPage(db: DbOrTx, filter: AppearanceFilter, range: { offset: number; limit: number }): Promise<{ total: number; items: AppearanceInContext[] }> {
  // The page's ids are ordered on the narrow rows (the wide ones, titles and translations with
  // them, made a country's 2,000 appearances a sort of 40 ms), then those 100 rows are read whole.
  const ids = pageOrder(publicAppearances(db).where(appearanceFilter(filter)).innerJoin('day as d', 'd.id', 's.day_id').select('a.id')).limit(range.limit).offset(range.offset);
  const wide = publicAppearanceColumns(
    publicAppearances(db)
      .innerJoin(ids.as('pg'), 'pg.id', 'a.id')
      .innerJoin('day as d', 'd.id', 's.day_id')
      .innerJoin('person as p', 'p.id', 'a.person_id')
      .leftJoin('organization as o', 'o.id', 'a.organization_id'),
  ).select('s.position as session_position');
  const rows = await published(db)
    .selectFrom(totalAppearances(db, filter).as('t'))
    .leftJoin(wide.as('r'), (join) => join.onTrue())
    .selectAll('r')
    .select('t.total')
    .orderBy('r.date', 'desc')
    .orderBy('r.event_id')
    .orderBy('r.session_position')
    .orderBy('r.position')
    .orderBy('r.id')
    .execute();
  const total = Number(rows[0]?.total ?? 0);
  const page = rows.filter((r) => r.id !== null) as unknown as Awaited<ReturnType<typeof publicAppearanceRows>>;
  const byAppearance = new Map<number, MaterialView[]>();
  if (page.length) {
    const mats = await published(db)
      .selectFrom('material as m')
      .select(['m.id', 'm.appearance_id', 'm.kind', 'm.label', 'm.lang', 'm.url', 'm.file_id'])
      .where('m.appearance_id', 'in', page.map((r) => r.id))
      .orderBy('m.position')
      .orderBy('m.id')
      .execute();
    for (const mat of mats) {
      const list = byAppearance.get(mat.appearance_id!) ?? [];
      list.push(materialView(mat));
      byAppearance.set(mat.appearance_id!, list);
    }
  }
  return { total, items: inContext(page, byAppearance) };
}

/** A one-row query of how many published appearances the filter has (`total`): the stored count (countPublicAppearances) as a subquery. */
function totalAppearances(db: DbOrTx, filter: AppearanceFilter) {
  const keys = [filter.personId, filter.organizationId, filter.countryCode].filter((k) => k !== undefined).length;
  const stored =
    keys !== 1
      ? null
      : filter.personId !== undefined
        ? db.selectFrom('public_person_count').select('appearances').where('person_id', '=', filter.personId)
        : filter.organizationId !== undefined
          ? db.selectFrom('public_organization_count').select('appearances').where('organization_id', '=', filter.organizationId)
          : db.selectFrom('public_country_count').select('appearances').where('country_code', '=', filter.countryCode!);
  return db.selectNoFrom((eb) =>
    (stored ? eb.fn.coalesce(stored, eb.lit(0)) : publicAppearances(db).where(appearanceFilter(filter)).select((x) => x.fn.countAll().as('n'))).as('total'),
  );
}

function inContext(rows: Awaited<ReturnType<typeof publicAppearanceRows>>, byAppearance: Map<number, MaterialView[]>): AppearanceInContext[] {
  return rows.map((r) => ({
    role: r.role,
    roleLabel: r.role_label,
    honorific: r.honorific,
    affiliationPosition: r.affiliation_position,
    country: r.country,
    countryCode: r.country_code,
    person: { slug: r.person_slug, name: r.person_name },
    organization: r.org_slug !== null && r.org_name !== null ? { slug: r.org_slug, name: r.org_name } : null,
    session: { kind: r.session_kind, number: r.session_number, title: r.session_title, lang: r.session_lang, translations: r.session_translations, start: r.start_time, end: r.end_time },
    date: r.date,
    event: { slug: r.event_slug, title: r.event_title, lang: r.event_lang, translations: r.event_translations, timeZone: r.time_zone },
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
): Promise<{ organization: OrganizationRow; appearances: AppearanceInContext[]; convenes: SeriesRow[] } | undefined> {
  db = published(db);
  const organization = await db.selectFrom('organization').selectAll().where('slug', '=', slug).executeTakeFirst();
  if (!organization) return undefined;
  const appearances = await appearancesWhere(db, { organizationId: organization.id });
  // The series it convenes that have a published event: the exports name it as their organizer.
  const convenes = (
    await db
      .selectFrom('series as s')
      .selectAll('s')
      .where('s.convener_id', '=', organization.id)
      .where((eb) => eb.exists(eb.selectFrom('event as e').select('e.id').whereRef('e.series_id', '=', 's.id').where('e.status', '=', 'published')))
      .execute()
  ).sort((a, b) => collator.compare(a.title, b.title) || a.id - b.id);
  return appearances.length || convenes.length ? { organization, appearances, convenes } : undefined;
}

export async function countryAppearances(db: DbOrTx, code: string): Promise<AppearanceInContext[]> {
  return appearancesWhere(db, { countryCode: code });
}

/** People, organizations and countries that appear in published events, with how often. */
export async function peopleIndex(db: DbOrTx) {
  return publicAppearances(db)
    .innerJoin('person as p', 'p.id', 'a.person_id')
    .select(['p.slug', 'p.name', (eb) => eb.fn.count<number>('a.id').as('appearances')])
    .groupBy(['p.id', 'p.slug', 'p.name'])
    .execute()
    .then((rows) => rows.sort((a, b) => collator.compare(a.name, b.name) || a.slug.localeCompare(b.slug)));
}

export async function organizationsIndex(db: DbOrTx) {
  return publicAppearances(db)
    .innerJoin('organization as o', 'o.id', 'a.organization_id')
    .select(['o.slug', 'o.name', 'o.kind', 'o.country_code', (eb) => eb.fn.count<number>('a.id').as('appearances')])
    .groupBy(['o.id', 'o.slug', 'o.name', 'o.kind', 'o.country_code'])
    .execute()
    .then((rows) => rows.sort((a, b) => collator.compare(a.name, b.name) || a.slug.localeCompare(b.slug)));
}

export async function countriesIndex(db: DbOrTx) {
  // The stored counts (migration 0019): a row per country with published appearances.
  return db.selectFrom('public_country_count').select(['country_code', 'appearances']).execute();
}
