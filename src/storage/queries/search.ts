// The search index (migration 0014): documents made from what the public sees (published copies,
// and the persons and organizations they name), kept in step inside the writes that change it,
// and the queries that read it. Written once for both engines; the engine differences are the
// token store (SQLite FTS5 search_fts, PostgreSQL tsvector columns with GIN) and the facets'
// count. Facets are counted in two groups: by event (year, series and event follow from it) and
// by combo, the document's other facet values numbered in search_combo (few: kind, country,
// region, organization kind, role, material kind, language). On SQLite both are bits of the
// document's id, which is FTS5's rowid: event << 37 | combo << 21 | n, so a query counts them
// from the full-text index alone, without reading a row; PostgreSQL counts both groups in one
// pass (GROUPING SETS) over the small columns of the matching rows.
import { type Kysely, PostgresAdapter, sql } from 'kysely';
import { type ParsedQuery, fts5Match, indexTokens, MAX_INDEXED_CHARS, pairTsvectorLiteral, pgQuery, tsquery, tsvectorLiteral } from '../../domain/search-text.ts';
import { countryName } from '../../domain/country.ts';
import { regionOf } from '../../domain/region.ts';
import { parseTranslations, type Translations, translationsOf } from '../../domain/translations.ts';
import type { DbOrTx } from '../database.ts';
import { published } from '../published.ts';
import { type Named, namedByEvent as namedByEventSet, organizationDocs, personDocs, reindexIdentities as reindexIdentitiesSet, reindexNamed } from './search-docs.ts';
import type { Engine } from '../storage.ts';

export const DOC_KINDS = ['event', 'session', 'material', 'person', 'organization'] as const;
export type DocKind = (typeof DOC_KINDS)[number];

export const FACETS = ['kind', 'year', 'series', 'event', 'country', 'region', 'orgKind', 'role', 'materialKind', 'lang'] as const;
export type Facet = (typeof FACETS)[number];
/** The facets an event decides (counted by event). */
export const EVENT_FACETS = ['year', 'series', 'event'] as const;
/** The facets of a combo, in the order of its key. */
export const COMBO_FACETS = ['kind', 'country', 'region', 'orgKind', 'role', 'materialKind', 'lang'] as const;
export type ComboFacet = (typeof COMBO_FACETS)[number];
export type ComboValues = { [F in ComboFacet]: string | null };

/** SQLite ids: event (16 bits) << 37 | combo (16 bits) << 21 | n (21 bits), within 2^53 so that JavaScript holds them exactly. */
const EVENT_SHIFT = 2 ** 37;
const COMBO_SHIFT = 2 ** 21;
export const MAX_EVENT_ID = 2 ** 16 - 1;
export const MAX_COMBO_ID = 2 ** 16 - 1;
export type FacetValues = { [F in Facet]: string | number | null };

/** A document as indexed. */
export type SearchDoc = {
  kind: DocKind;
  refId: number;
  facets: FacetValues;
  personId: number | null;
  fileId: string | null;
  title: string;
  personName: string | null;
  eventTitle: string | null;
  date: string | null;
  href: string;
  body: string;
  /** the language its words are stemmed in (null: folded only, as names are) */
  lang: string | null;
  /** the title (and text) in other languages an editor entered (issue 13), each indexed in its own language */
  titleIn?: Array<{ text: string; lang: string }>;
  bodyIn?: Array<{ text: string; lang: string }>;
};

/** A row's translations of `field`, for titleIn/bodyIn. */
const translated = (json: string | null | undefined, field: string) => translationsOf(parseTranslations(json), field);

const any = (db: DbOrTx) => db as unknown as Kysely<any>;

/** Facet values by combo id: rows never change or go, so a process may keep them (per database). */
const combosById = new WeakMap<object, Map<number, ComboValues>>();

const comboKey = (f: FacetValues) => JSON.stringify(COMBO_FACETS.map((k) => (f[k] === null || f[k] === undefined ? null : String(f[k]))));
const valuesOfKey = (key: string): ComboValues => {
  const a = JSON.parse(key) as Array<string | null>;
  return Object.fromEntries(COMBO_FACETS.map((k, i) => [k, a[i] ?? null])) as ComboValues;
};

/** The engine a database or transaction speaks (from its Kysely adapter). */
export function engineOf(db: DbOrTx): Engine {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/** The ids of these combos of facets, made where new (ON CONFLICT: instances may make one at once). */
async function comboIds(trx: DbOrTx, facets: FacetValues[]): Promise<Map<string, number>> {
  const keys = [...new Set(facets.map(comboKey))];
  const out = new Map<string, number>();
  for (let i = 0; i < keys.length; i += 500) {
    const part = keys.slice(i, i + 500);
    const read = async (ks: string[]) => {
      for (const r of await any(trx).selectFrom('search_combo').select(['id', 'key']).where('key', 'in', ks).execute()) out.set(r.key, Number(r.id));
    };
    await read(part);
    // Only the new ones are inserted: a conflicting insert would still use up an id (PostgreSQL's identity, SQLite's AUTOINCREMENT).
    const missing = part.filter((k) => !out.has(k));
    if (!missing.length) continue;
    await any(trx).insertInto('search_combo').values(missing.map((key) => ({ key }))).onConflict((oc) => oc.column('key').doNothing()).execute();
    await read(missing);
  }
  return out;
}

/**
 * Every combo of facet values by id; `cacheKey` names the database (its Storage). Combos are
 * never changed or deleted, so the process keeps them and reads only those made since.
 */
export async function allComboValues(db: DbOrTx, cacheKey: object, lastId?: number): Promise<Map<number, ComboValues>> {
  let cache = combosById.get(cacheKey);
  if (!cache) combosById.set(cacheKey, (cache = new Map()));
  let last = 0;
  for (const id of cache.keys()) if (id > last) last = id;
  // The last id read with the search's state (searchState): nothing made since, nothing to read.
  if (lastId !== undefined && lastId <= last) return cache;
  const rows = await any(db).selectFrom('search_combo').select(['id', 'key']).where('id', '>', last).execute();
  for (const r of rows) cache.set(Number(r.id), valuesOfKey(r.key));
  return cache;
}

/** The common tokens by the number of their set (search_state 'pairs': a random number given by each rebuild that chooses them; 0: none). */
const pairSets = new Map<number, ReadonlySet<string>>();
const NO_PAIRS: ReadonlySet<string> = new Set();

/**
 * PostgreSQL: the tokens whose adjacent pairs pair_tsv holds (migration 0018), kept by the process
 * per set. `hold`: the set's row is locked for share, so that a rebuild choosing another set waits
 * for this transaction (and this one, begun after it, sees the new set).
 */
export async function pairTokens(db: DbOrTx, hold: boolean, known?: number): Promise<ReadonlySet<string>> {
  let v = known;
  if (v === undefined) {
    const r = await sql<{ value: unknown }>`SELECT value FROM search_state WHERE key = 'pairs'${hold ? sql` FOR SHARE` : sql``}`.execute(db);
    v = Number(r.rows[0]?.value ?? 0);
  }
  if (!v) return NO_PAIRS;
  let set = pairSets.get(v);
  if (!set) {
    const rows = await sql<{ token: string }>`SELECT token FROM search_pair_token`.execute(db);
    set = new Set(rows.rows.map((x) => x.token));
    if (pairSets.size > 16) pairSets.clear();
    pairSets.set(v, set);
  }
  return set;
}

/** A token is common (its pairs are indexed) when at least this share of the documents hold it, and at least PAIR_MIN_DOCS. */
export const PAIR_SHARE = 0.01;
export const PAIR_MIN_DOCS = 5;

/**
 * PostgreSQL: sets the common tokens (a rebuild, before it makes every document again; the bench).
 * The set gets a new random number, so that processes holding another database's set of the same
 * number is improbable (1 in 2^31).
 */
export async function setPairTokens(trx: DbOrTx, tokens: Iterable<string>): Promise<number> {
  await sql`UPDATE search_state SET value = value WHERE key = 'pairs'`.execute(trx);
  await sql`DELETE FROM search_pair_token`.execute(trx);
  const list = [...new Set(tokens)];
  for (let i = 0; i < list.length; i += 5000) await any(trx).insertInto('search_pair_token').values(list.slice(i, i + 5000).map((token) => ({ token }))).execute();
  const v = list.length ? 1 + Math.floor(Math.random() * (2 ** 31 - 2)) : 0;
  await sql`UPDATE search_state SET value = ${v} WHERE key = 'pairs'`.execute(trx);
  return list.length;
}

/** How many of n documents must hold a token for it to be common. */
const commonMin = (n: number) => Math.max(PAIR_MIN_DOCS, Math.ceil(n * PAIR_SHARE));

/** PostgreSQL: the tokens of the index as it stands that PAIR_SHARE of its documents hold (none when it is empty). */
export async function commonTokens(trx: DbOrTx): Promise<string[]> {
  const c = await sql<{ n: unknown }>`SELECT count(*) AS n FROM search_doc`.execute(trx);
  const n = Number(c.rows[0]?.n ?? 0);
  const min = commonMin(n);
  if (n < min) return [];
  const r = await sql<{ word: string }>`SELECT word FROM ts_stat('SELECT strip(tsv) FROM search_doc') WHERE ndoc >= ${min} ORDER BY word`.execute(trx);
  return r.rows.map((x) => x.word);
}

/** A document's tokens: its title's (in each of its languages), then its text's; `all` is what tsv and pair_tsv hold. */
function docTokens(d: SearchDoc): { title: string[]; body: string[] } {
  return {
    title: [...indexTokens(d.title, d.lang), ...(d.titleIn ?? []).flatMap((x) => indexTokens(x.text, x.lang))],
    body: [...indexTokens(d.body, d.lang), ...(d.bodyIn ?? []).flatMap((x) => indexTokens(x.text, x.lang))],
  };
}

/**
 * Documents counted as commonTokens() counts the index's (ts_stat's ndoc over tsv), without
 * storing them: a rebuild of an empty index (and the bench) chooses the common tokens from the
 * documents it is about to make, rather than making them twice.
 */
export class TokenCounter {
  readonly df = new Map<string, number>();
  docs = 0;
  add(docs: SearchDoc[]): void {
    for (const d of docs) {
      this.docs++;
      const t = docTokens(d);
      const seen = new Set<string>(t.title);
      for (const x of t.body) seen.add(x);
      for (const x of seen) this.df.set(x, (this.df.get(x) ?? 0) + 1);
    }
  }
  /** The tokens commonTokens() would choose from an index of these documents. */
  common(): string[] {
    const min = commonMin(this.docs);
    if (this.docs < min) return [];
    return [...this.df].filter(([, n]) => n >= min).map(([t]) => t).sort();
  }
}

/** Adds documents (the caller removed any earlier ones of the same records). */
export async function insertDocs(trx: DbOrTx, docs: SearchDoc[]): Promise<void> {
  if (!docs.length) return;
  const db = any(trx);
  const t = { engine: engineOf(trx) };
  const combos = await comboIds(trx, docs.map((d) => d.facets));
  // PostgreSQL: the common tokens whose pairs are indexed (held: a rebuild changing them waits for this write).
  const common = t.engine === 'postgres' ? await pairTokens(trx, true) : new Set<string>();
  // SQLite: the next free n under each event and combo (ids are never reused while they stand).
  const next = new Map<number, number>();
  const sqliteId = async (event: number | null, combo: number): Promise<number> => {
    const e = event ?? 0;
    if (e > MAX_EVENT_ID) throw new Error(`search: event id ${e} is past ${MAX_EVENT_ID}, the most the SQLite index can number`);
    if (combo > MAX_COMBO_ID) throw new Error(`search: more than ${MAX_COMBO_ID} combinations of facets, the most the SQLite index can number`);
    const prefix = e * EVENT_SHIFT + combo * COMBO_SHIFT;
    const n = next.get(prefix) ?? 0;
    if (n >= COMBO_SHIFT) throw new Error('search: too many documents under one event and combination of facets');
    next.set(prefix, n + 1);
    return prefix + n;
  };
  if (t.engine === 'sqlite') {
    // The last id under each event and combo of this batch, in one statement.
    const prefixes = [...new Set(docs.map((d) => (Number(d.facets.event ?? 0) % (MAX_EVENT_ID + 1)) * EVENT_SHIFT + (combos.get(comboKey(d.facets))! % (MAX_COMBO_ID + 1)) * COMBO_SHIFT))];
    const r = await sql<{ p: number; m: number | null }>`
      SELECT value AS p, (SELECT max(id) FROM search_doc WHERE id >= value AND id < value + ${COMBO_SHIFT}) AS m FROM json_each(${JSON.stringify(prefixes)})`.execute(trx);
    for (const x of r.rows) next.set(Number(x.p), x.m === null ? 0 : Number(x.m) - Number(x.p) + 1);
  }
  const rows: Record<string, unknown>[] = [];
  const fts: Array<{ rowid: number; title: string; body: string }> = [];
  for (const d of docs) {
    const combo = combos.get(comboKey(d.facets))!;
    const { title: titleTokens, body: bodyTokens } = docTokens(d);
    const row: Record<string, unknown> = {
      kind: d.kind,
      ref_id: d.refId,
      combo_id: combo,
      event_id: d.facets.event,
      series_id: d.facets.series,
      year: d.facets.year,
      country: d.facets.country,
      region: d.facets.region,
      org_kind: d.facets.orgKind,
      role: d.facets.role,
      material_kind: d.facets.materialKind,
      lang: d.facets.lang,
      person_id: d.personId,
      file_id: d.fileId,
      title: d.title,
      person_name: d.personName,
      event_title: d.eventTitle,
      date: d.date,
      href: d.href,
      body: d.body.length > MAX_INDEXED_CHARS ? d.body.slice(0, MAX_INDEXED_CHARS) : d.body,
    };
    if (t.engine === 'sqlite') {
      row.id = await sqliteId(d.facets.event === null ? null : Number(d.facets.event), combo);
      fts.push({ rowid: row.id as number, title: titleTokens.join(' '), body: bodyTokens.join(' ') });
    } else {
      const all = [...titleTokens, ...bodyTokens];
      const pairs = pairTsvectorLiteral(all, common);
      row.tsv = sql`${tsvectorLiteral(all)}::tsvector`;
      row.title_tsv = sql`${tsvectorLiteral(titleTokens)}::tsvector`;
      row.pair_tsv = sql`${pairs.literal}::tsvector`;
      row.pairs_partial = pairs.partial;
    }
    rows.push(row);
  }
  // PostgreSQL allows 65,535 parameters a statement; SQLite 32,766.
  const per = t.engine === 'sqlite' ? 400 : 1000;
  for (let i = 0; i < rows.length; i += per) await db.insertInto('search_doc').values(rows.slice(i, i + per)).execute();
  for (let i = 0; i < fts.length; i += 2000) await db.insertInto('search_fts').values(fts.slice(i, i + 2000)).execute();
}

/** Removes documents chosen by a condition on search_doc. */
async function deleteDocs(trx: DbOrTx, where: ReturnType<typeof sql>): Promise<void> {
  const engine = engineOf(trx);
  if (engine === 'sqlite') await sql`DELETE FROM search_fts WHERE rowid IN (SELECT id FROM search_doc WHERE ${where})`.execute(trx);
  await sql`DELETE FROM search_doc WHERE ${where}`.execute(trx);
}

const yearOf = (date: string | null | undefined) => (date ? Number(date.slice(0, 4)) : null);
const themesText = (themes: string) => {
  try {
    const a = JSON.parse(themes) as unknown;
    return Array.isArray(a) ? a.filter((x) => typeof x === 'string').join('. ') : '';
  } catch {
    return '';
  }
};
const joinText = (...parts: Array<string | null | undefined>) => parts.filter((p) => p && p.trim()).join('\n');

/** The documents of one event's published copy (none when it is not published). */
export async function eventDocs(db: DbOrTx, eventId: number, only?: 'session'): Promise<SearchDoc[]> {
  const p = published(db);
  const e = await p.selectFrom('event').selectAll().where('id', '=', eventId).executeTakeFirst();
  if (!e) return [];
  const base = (kind: DocKind, lang: string | null, over: Partial<FacetValues> = {}): FacetValues => ({
    kind,
    year: yearOf(e.start_date),
    series: e.series_id,
    event: e.id,
    country: e.country_code,
    region: regionOf(e.country_code),
    orgKind: null,
    role: null,
    materialKind: null,
    lang,
    ...over,
  });
  const href = `/events/${e.slug}`;
  const docs: SearchDoc[] = [
    {
      kind: 'event',
      refId: e.id,
      facets: base('event', e.lang),
      personId: null,
      fileId: null,
      title: e.title,
      personName: null,
      eventTitle: null,
      date: e.start_date,
      href,
      body: joinText(e.overview, themesText(e.themes), e.venue, e.city),
      lang: e.lang,
      titleIn: translated(e.translations, 'title'),
      bodyIn: translated(e.translations, 'overview'),
    },
  ];
  const sessions = await p
    .selectFrom('session as s')
    .innerJoin('day as d', 'd.id', 's.day_id')
    .select(['s.id', 's.kind', 's.number', 's.title', 's.lang', 's.translations', 'd.date'])
    .where('s.event_id', '=', eventId)
    .orderBy('d.position')
    .orderBy('s.position')
    .execute();
  const appearances = await p
    .selectFrom('appearance as a')
    .innerJoin('session as s', 's.id', 'a.session_id')
    .innerJoin('person as pe', 'pe.id', 'a.person_id')
    .leftJoin('organization as o', 'o.id', 'a.organization_id')
    .select(['a.id', 'a.session_id', 'a.role', 'a.talk_title', 'a.country_code', 'a.lang', 'pe.id as person_id', 'pe.name as person_name', 'o.kind as org_kind', 'o.country_code as org_country'])
    .where('s.event_id', '=', eventId)
    .orderBy('a.position')
    .execute();
  const bySession = new Map<number, typeof appearances>();
  for (const a of appearances) bySession.set(a.session_id, [...(bySession.get(a.session_id) ?? []), a]);
  const sessionDate = new Map<number, string>();
  for (const s of sessions) {
    sessionDate.set(s.id, s.date);
    const title = s.title?.trim() || (s.number !== null ? `${s.kind} ${s.number}` : s.kind);
    docs.push({
      kind: 'session',
      refId: s.id,
      facets: base('session', s.lang),
      personId: null,
      fileId: null,
      title,
      personName: null,
      eventTitle: e.title,
      date: s.date,
      href: `${href}#session-${s.id}`,
      // Who spoke and who moderated, by name ("Swing" finds the sessions he spoke in), then the talks' titles.
      body: joinText([...new Set((bySession.get(s.id) ?? []).map((a) => a.person_name))].join(', '), ...(bySession.get(s.id) ?? []).map((a) => a.talk_title)),
      lang: s.lang,
      titleIn: translated(s.translations, 'title'),
    });
  }
  if (only === 'session') return docs.filter((d) => d.kind === 'session');
  const byAppearance = new Map(appearances.map((a) => [a.id, a]));
  const materials = await p
    .selectFrom('material as m')
    .leftJoin('search_file_text as ft' as any, 'ft.file_id' as any, 'm.file_id')
    .select(['m.id', 'm.kind', 'm.label', 'm.lang', 'm.url', 'm.file_id', 'm.appearance_id', 'm.translations', sql<string | null>`ft.text`.as('text')])
    .where('m.event_id', '=', eventId)
    .orderBy('m.position')
    .execute();
  for (const m of materials) {
    const a = m.appearance_id !== null ? byAppearance.get(m.appearance_id) : undefined;
    const country = a?.country_code ?? a?.org_country ?? e.country_code;
    docs.push({
      kind: 'material',
      refId: m.id,
      facets: base('material', m.lang, { country, region: regionOf(country), orgKind: a?.org_kind ?? null, role: a?.role ?? null, materialKind: m.kind }),
      personId: a?.person_id ?? null,
      fileId: m.file_id,
      title: m.label,
      personName: a?.person_name ?? null,
      eventTitle: e.title,
      date: (a && sessionDate.get(a.session_id)) ?? e.start_date,
      href: m.file_id ? `/files/${m.file_id}` : (m.url ?? href),
      body: m.text ?? '',
      lang: m.lang,
      titleIn: translated(m.translations, 'label'),
    });
  }
  return docs;
}

/** The languages a country is named in in search documents (a reader may ask in any of them). */
const COUNTRY_NAME_LANGS = ['en', 'fr', 'es'] as const;

/** A country's names in English, French and Spanish (the one source, domain/country.ts), each once ("Mexico", "Mexique", "México"). */
export function countryNames(code: string): string[] {
  const out: string[] = [];
  for (const l of COUNTRY_NAME_LANGS) {
    const n = countryName(code, l);
    if (n && !out.includes(n)) out.push(n);
  }
  return out;
}


/** The documents persons and organizations have now (those a published event names), without storing them (set-based: search-docs.ts). */
export async function identityDocs(db: DbOrTx, persons: number[], organizations: number[]): Promise<SearchDoc[]> {
  return [...(await personDocs(db, persons)), ...(await organizationDocs(db, organizations))];
}

/** Persons' and organizations' documents made again (search-docs.ts). */
export function reindexIdentities(trx: DbOrTx, persons: number[], organizations: number[], opts: { sessions?: boolean; appearingFor?: boolean } = {}): Promise<void> {
  return reindexIdentitiesSet(trx, persons, organizations, opts);
}

/**
 * An event's documents made again from its published copy (none once withdrawn), with the
 * persons and organizations it named before and names now. Called in the write that publishes
 * or withdraws, so the index changes when the public pages do, on every instance.
 */
export async function reindexEvent(trx: DbOrTx, eventId: number, before?: Named | { persons: number[]; organizations: number[] }): Promise<void> {
  const was = before ?? { persons: [], organizations: [] };
  await deleteDocs(trx, sql`event_id = ${eventId}`);
  await insertDocs(trx, await eventDocs(trx, eventId));
  // The persons whose appearances in it print something else, and its organizations (search-docs.ts).
  await reindexNamed(trx, eventId, was);
}

/** Who an event's published copy names, and what it prints for them, to be passed to reindexEvent after a change of it. */
export const namedByEvent = namedByEventSet;

/** PostgreSQL's GIN indexes of search_doc (migrations 0014 and 0018), for a rebuild that makes them again at its end. */
export const GIN_INDEXES = [
  { name: 'search_doc_pair_tsv_idx', column: 'pair_tsv' },
  { name: 'search_doc_title_tsv_idx', column: 'title_tsv' },
] as const;

/**
 * PostgreSQL: GIN_INDEXES made again after a bulk load (a rebuild, the bench), inside the caller's
 * transaction, with GIN_BUILD_MEMORY as the build's maintenance_work_mem (the keys it sorts in
 * memory before writing them into the index).
 */
export async function createGinIndexes(trx: DbOrTx): Promise<void> {
  await sql`SET LOCAL maintenance_work_mem = ${sql.lit(GIN_BUILD_MEMORY)}`.execute(trx);
  for (const i of GIN_INDEXES) await sql`CREATE INDEX ${sql.ref(i.name)} ON search_doc USING gin (${sql.ref(i.column)}) WITH (fastupdate = off)`.execute(trx);
}
/**
 * Small on purpose: GIN sorts keys in a tree in memory and writes them out when it is full; with
 * pair_tsv's millions of distinct keys a large tree is mostly cache misses. Building pair_tsv's
 * index over 10,000 statements took 34 s of CPU at 16 MB and 70 s at 512 MB (3,000: 8.6 s at
 * 16 MB, 11.6 s at 64 MB, the default, 15 s at 1 GB).
 */
const GIN_BUILD_MEMORY = '16MB';

/** Every document removed (the combos stay: processes keep their ids). */
export async function clearIndex(trx: DbOrTx): Promise<void> {
  if (engineOf(trx) === 'sqlite') await sql`DELETE FROM search_fts`.execute(trx);
  await sql`DELETE FROM search_doc`.execute(trx);
}

export async function publishedEventIds(db: DbOrTx): Promise<number[]> {
  return (await published(db).selectFrom('event').select('id').orderBy('start_date').orderBy('id').execute()).map((r) => r.id);
}

/** Every person and organization a published event names (their documents, on a rebuild). */
export async function publicIdentities(db: DbOrTx): Promise<{ persons: number[]; organizations: number[] }> {
  const p = published(db);
  const persons = await p.selectFrom('appearance').select('person_id').distinct().orderBy('person_id').execute();
  const orgs = await p.selectFrom('appearance').select('organization_id').where('organization_id', 'is not', null).distinct().execute();
  const conveners = await p.selectFrom('event as e').innerJoin('series as se', 'se.id', 'e.series_id').select('se.convener_id').where('se.convener_id', 'is not', null).distinct().execute();
  const o = new Set<number>([...orgs.map((r) => r.organization_id!), ...conveners.map((r) => r.convener_id!)]);
  return { persons: persons.map((r) => r.person_id), organizations: [...o].sort((a, b) => a - b) };
}

// ---- text read from stored files: the queue ----

/** Plain text in UTF-8 (the demo archive's statements: operations/demo-archive.ts). */
export const PLAIN_TEXT = 'text/plain; charset=utf-8';

/** Media types whose text is read for search. */
export const TEXT_MEDIA_TYPES: Record<string, 'pdf' | 'docx' | 'text'> = {
  'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  [PLAIN_TEXT]: 'text',
};

/** A file's text known when it is stored (plain text): kept as read, as the worker would leave it. */
export async function storeFileText(trx: DbOrTx, fileId: string, text: string, now: string): Promise<void> {
  await any(trx).insertInto('search_file_text').values({ file_id: fileId, state: 'done', text, attempts: 0, created_at: now }).onConflict((oc) => oc.column('file_id').doNothing()).execute();
}

/** Several files' texts known when they are stored (a bulk load), in multi-row statements. */
export async function storeFileTexts(trx: DbOrTx, texts: Array<{ fileId: string; text: string }>, now: string): Promise<void> {
  for (let i = 0; i < texts.length; i += 200) {
    const part = texts.slice(i, i + 200);
    await any(trx).insertInto('search_file_text').values(part.map((x) => ({ file_id: x.fileId, state: 'done', text: x.text, attempts: 0, created_at: now }))).onConflict((oc) => oc.column('file_id').doNothing()).execute();
  }
}

/** Queues a stored file for reading when its type has text (nothing happens for others, or twice). */
export async function queueFileText(trx: DbOrTx, fileId: string, mediaType: string, now: string): Promise<void> {
  if (!TEXT_MEDIA_TYPES[mediaType]) return;
  await any(trx).insertInto('search_file_text').values({ file_id: fileId, state: 'pending', attempts: 0, created_at: now }).onConflict((oc) => oc.column('file_id').doNothing()).execute();
}

/** A deleted file's text goes with it. */
export async function forgetFileText(trx: DbOrTx, fileId: string): Promise<void> {
  await any(trx).deleteFrom('search_file_text').where('file_id', '=', fileId).execute();
}

/** Every stored file of a readable type without its text queued (after a restore, or files stored before search). */
export async function queueMissingFileTexts(trx: DbOrTx, now: string): Promise<number> {
  const types = Object.keys(TEXT_MEDIA_TYPES);
  const r = await sql`
    INSERT INTO search_file_text (file_id, state, attempts, created_at)
    SELECT f.id, 'pending', 0, ${now} FROM file f
    WHERE f.media_type IN (${sql.join(types)}) AND NOT EXISTS (SELECT 1 FROM search_file_text t WHERE t.file_id = f.id)`.execute(trx);
  return Number(r.numAffectedRows ?? 0);
}

/** How long a claimed file may stay claimed before another instance takes it over (a crashed worker). */
export const CLAIM_STALE_MS = 5 * 60_000;
export const MAX_ATTEMPTS = 3;

/**
 * Claims the next file to read: pending, or claimed so long ago that its worker must have died.
 * PostgreSQL: FOR UPDATE SKIP LOCKED, so instances never take the same file; SQLite has one
 * writer, so the UPDATE … WHERE state is itself the claim.
 */
export async function claimFileText(db: DbOrTx, engine: Engine, now: Date): Promise<{ fileId: string; mediaType: string } | null> {
  const stale = new Date(now.getTime() - CLAIM_STALE_MS).toISOString();
  const at = now.toISOString();
  const lock = engine === 'postgres' ? sql`FOR UPDATE SKIP LOCKED` : sql``;
  const r = await sql<{ file_id: string }>`
    UPDATE search_file_text SET state = 'running', claimed_at = ${at}, attempts = attempts + 1
    WHERE file_id = (
      SELECT file_id FROM search_file_text
      WHERE (state = 'pending' OR (state = 'running' AND claimed_at < ${stale})) AND attempts < ${MAX_ATTEMPTS}
      ORDER BY created_at, file_id LIMIT 1 ${lock})
    RETURNING file_id`.execute(db);
  const id = r.rows[0]?.file_id;
  if (!id) return null;
  const f = await db.selectFrom('file').select('media_type').where('id', '=', id).executeTakeFirst();
  if (!f) {
    await any(db).deleteFrom('search_file_text').where('file_id', '=', id).execute();
    return claimFileText(db, engine, now);
  }
  return { fileId: id, mediaType: f.media_type };
}

/** Stores a file's text (or why it could not be read) and puts it in the documents of the materials that show it. */
export async function finishFileText(trx: DbOrTx, fileId: string, outcome: { text: string } | { error: string; retry: boolean }): Promise<void> {
  const db = any(trx);
  if ('error' in outcome) {
    await db.updateTable('search_file_text').set({ state: outcome.retry ? 'pending' : 'failed', error: outcome.error.slice(0, 2000) }).where('file_id', '=', fileId).execute();
    return;
  }
  await db.updateTable('search_file_text').set({ state: 'done', text: outcome.text, error: null }).where('file_id', '=', fileId).execute();
  // The materials' documents are made again, now with the text.
  const events = await db.selectFrom('search_doc').select('event_id').where('file_id', '=', fileId).where('kind', '=', 'material').distinct().execute();
  for (const e of events) {
    if (e.event_id === null) continue;
    const docs = (await eventDocs(trx, Number(e.event_id))).filter((d) => d.fileId === fileId);
    await deleteDocs(trx, sql`kind = 'material' AND file_id = ${fileId} AND event_id = ${e.event_id}`);
    await insertDocs(trx, docs);
  }
}

export async function fileTextCounts(db: DbOrTx): Promise<Record<string, number>> {
  const r = await sql<{ state: string; n: unknown }>`SELECT state, count(*) AS n FROM search_file_text GROUP BY state`.execute(db);
  return Object.fromEntries(r.rows.map((x) => [x.state, Number(x.n)]));
}

// ---- reading ----

/** What a search is held to: events (from the year, series and event filters) and combos (from the others); null: any. */
export type Within = { events: number[] | null; combos: number[] | null };
/** Matching documents counted by event (0: documents of no event) and by combo. */
export type MatchCounts = { byEvent: Map<number, number>; byCombo: Map<number, number> };

function sqliteWithin(w: Within) {
  const parts = [];
  if (w.events) parts.push(sql` AND (rowid >> 37) IN (SELECT value FROM json_each(${JSON.stringify(w.events)}))`);
  if (w.combos) parts.push(sql` AND ((rowid >> 21) & ${MAX_COMBO_ID}) IN (SELECT value FROM json_each(${JSON.stringify(w.combos)}))`);
  return sql.join(parts, sql``);
}
function pgWithin(w: Within) {
  const parts = [];
  // A list as a set (hashed), not `= ANY(array)`, which compares each row with every element.
  if (w.events) parts.push(sql` AND coalesce(event_id, 0) IN (SELECT unnest(${w.events}::int[]))`);
  if (w.combos) parts.push(sql` AND combo_id IN (SELECT unnest(${w.combos}::int[]))`);
  return sql.join(parts, sql``);
}

/**
 * What a search reads before its query, in one statement (each statement is a round trip, and on
 * a loaded machine a wait for a core on both sides): the site's generation (publishedFacets), the
 * common tokens' set (pairTokens) and the last combo made (allComboValues). On PostgreSQL it also
 * leaves sequential scans off for the rest of the (read-only) transaction, as `SET LOCAL` would:
 * the planner would read the whole table for a common word (see matches()); what else the search
 * reads, it reads by id, or whole small tables (publishedFacets, once per generation). And JIT
 * off: a table read with sequential scans off costs 10^10 to the planner, who then compiles the
 * query (series' 270 rows: tens of milliseconds); none of these statements is long enough to gain.
 */
export type SearchState = { generation: number; pairs: number; lastCombo: number };
export async function searchState(db: DbOrTx, engine: Engine): Promise<SearchState> {
  const r = await sql<{ g: unknown; p: unknown; c: unknown }>`
    SELECT (SELECT value FROM site_state WHERE key = 'generation') AS g, (SELECT value FROM search_state WHERE key = 'pairs') AS p,
      (SELECT max(id) FROM search_combo) AS c${engine === 'postgres' ? sql`, set_config('enable_seqscan', 'off', true) AS s, set_config('jit', 'off', true) AS j` : sql``}`.execute(db);
  const x = r.rows[0];
  return { generation: Number(x?.g ?? 0), pairs: Number(x?.p ?? 0), lastCombo: Number(x?.c ?? 0) };
}

/** Adds "k:n,k:n" (PostgreSQL's string_agg of the counts) to a map. */
function addCounts(packed: string | null, to: Map<number, number>): void {
  if (!packed) return;
  let k = 0;
  let v = 0;
  for (let i = 0; i < packed.length; i++) {
    const ch = packed.charCodeAt(i);
    if (ch === 58) {
      k = v;
      v = 0;
    } else if (ch === 44) {
      to.set(k, v);
      v = 0;
    } else v = v * 10 + (ch - 48);
  }
  to.set(k, v);
}
/** "1,2,3" (PostgreSQL's string_agg of ids) as numbers. */
const idList = (packed: string | null): number[] => (packed ? packed.split(',').map(Number) : []);

/** Counts by event and by combo, per search (SQLite): 2^16 of each, zeroed again after use. */
const eventCounts = new Int32Array(MAX_EVENT_ID + 1);
const comboCounts = new Int32Array(MAX_COMBO_ID + 1);

/**
 * SQLite: the matching rowids (group_concat's decimal list) counted by event and by combo, the
 * last `limit` of them returned, newest first. FTS5 gives rowids in ascending order; should they
 * come otherwise, they are sorted.
 */
export function countRowids(ids: string, byEvent: Map<number, number>, byCombo: Map<number, number>, limit: number): number[] {
  const ring = new Float64Array(Math.max(1, limit));
  let n = 0;
  let sorted = true;
  let prev = -1;
  const touchedE: number[] = [];
  const touchedC: number[] = [];
  let v = 0;
  const take = (id: number) => {
    const e = Math.floor(id / EVENT_SHIFT);
    const c = Math.floor(id / COMBO_SHIFT) % (MAX_COMBO_ID + 1);
    const ne = eventCounts[e]!;
    if (ne === 0) touchedE.push(e);
    eventCounts[e] = ne + 1;
    const nc = comboCounts[c]!;
    if (nc === 0) touchedC.push(c);
    comboCounts[c] = nc + 1;
    if (id < prev) sorted = false;
    prev = id;
    ring[n++ % ring.length] = id;
  };
  for (let i = 0; i < ids.length; i++) {
    const ch = ids.charCodeAt(i);
    if (ch === 44) {
      take(v);
      v = 0;
    } else v = v * 10 + (ch - 48);
  }
  take(v);
  for (const e of touchedE) byEvent.set(e, eventCounts[e]!), (eventCounts[e] = 0);
  for (const c of touchedC) byCombo.set(c, comboCounts[c]!), (comboCounts[c] = 0);
  if (!sorted) {
    const all = ids.split(',').map(Number).sort((a, b) => b - a);
    return all.slice(0, limit);
  }
  const out: number[] = [];
  for (let k = 0; k < Math.min(n, ring.length, limit); k++) out.push(ring[(n - 1 - k) % ring.length]!);
  return out;
}

export type Candidate = { id: number; titleHit: boolean };
/** What a query matched: counted by event and by combo, and the candidates to rank for the page. */
export type Matches = MatchCounts & { candidates: Candidate[] };

/**
 * The matching documents within the filters, counted by event and by combo (the total and every
 * facet's exact count follow), and the candidates for ranking: the last `limit` matches by id (on
 * SQLite the newest events first, as ids begin with the event's; on PostgreSQL the latest indexed)
 * and the last `limit` whose title matches.
 *
 * SQLite: FTS5's rowids counted by event and by combo (no row is read), then FTS5 walks the
 * matches backwards for the candidates.
 * PostgreSQL: one statement; the matches are taken once from the GIN index (a phrase's positions
 * are checked once, reading each candidate's tsvector: the costly part), kept (MATERIALIZED), and
 * counted, grouped both ways, and their last ids taken from that set; the title's matches come
 * from the title's own GIN index.
 */
export async function matches(db: DbOrTx, engine: Engine, q: ParsedQuery, within: Within, limit: number, state?: SearchState): Promise<Matches> {
  const byEvent = new Map<number, number>();
  const byCombo = new Map<number, number>();
  const out = new Map<number, Candidate>();
  const done = () => ({ byEvent, byCombo, candidates: [...out.values()] });
  if ((within.events && !within.events.length) || (within.combos && !within.combos.length)) return done();
  if (engine === 'sqlite') {
    const m = fts5Match(q);
    const w = sqliteWithin(within);
    // One pass over the matches: their rowids, as one string (SQLite makes it in C), counted here
    // by event and by combo (bits of the rowid), the last ones kept as candidates. (Two GROUP BY
    // passes and a third walk for the candidates read a common word's doclist three times, with
    // two sorts; a JavaScript aggregate cost a call per row.)
    const r = await sql<{ ids: string | null }>`SELECT group_concat(rowid) AS ids FROM search_fts WHERE search_fts MATCH ${m}${w}`.execute(db);
    const ids = r.rows[0]?.ids;
    if (!ids) return done();
    const last = countRowids(String(ids), byEvent, byCombo, limit);
    const title = await sql<{ id: number }>`SELECT rowid AS id FROM search_fts WHERE search_fts MATCH ${`{title} : (${m})`}${w} ORDER BY rowid DESC LIMIT ${limit}`.execute(db);
    for (const x of title.rows) out.set(Number(x.id), { id: Number(x.id), titleHit: true });
    for (const id of last) if (!out.has(id)) out.set(id, { id, titleHit: false });
    return done();
  }
  const pq = pgQuery(q, await pairTokens(db, false, state?.pairs));
  const tq = tsquery(q);
  const w = pgWithin(within);
  // Words, and two-token phrases of common tokens, are exact in pair_tsv's GIN index (migration
  // 0018); other phrases, and phrases on the rare document too long for all its pairs, have their
  // positions checked in tsv, read only for the documents that hold their pairs and tokens.
  // A phrase exact by some readings' pairs and not by others: the documents holding those pairs
  // are asked of the index once (a hashed set), and only the others are read for positions.
  const exact = sql.join(
    [
      ...pq.checks.map((c) =>
        c.byPairs
          ? sql` AND (id IN (SELECT id FROM search_doc WHERE pair_tsv @@ ${c.byPairs}::tsquery) OR tsv @@ ${c.byPositions}::tsquery)`
          : sql` AND tsv @@ ${c.byPositions}::tsquery`,
      ),
      ...(pq.phrases ? [sql` AND (NOT pairs_partial OR tsv @@ ${pq.phrases}::tsquery)`] : []),
    ],
    sql``,
  );
  // A common word matches most rows, and the planner would read the whole table for it: the GIN
  // index is always cheaper here, since only the small facet columns are read from the matching rows.
  // (Left off for the rest of the read-only transaction, by searchState when it was read: what
  // follows reads rows by their ids.)
  if (!state) await sql`SET LOCAL enable_seqscan = off`.execute(db);
  // One row: each grouping and list made into one string by the server (a row each was several
  // thousand rows for a common word, a few microseconds each to receive and make into objects).
  const r = await sql<{ e: string | null; c: string | null; last: string | null; titles: string | null }>`
    WITH m AS MATERIALIZED (SELECT id, coalesce(event_id, 0) AS e, combo_id AS c FROM search_doc WHERE pair_tsv @@ ${pq.pairs}::tsquery${exact}${w})
    SELECT (SELECT string_agg(e || ':' || n, ',') FROM (SELECT e, count(*) AS n FROM m GROUP BY e) x) AS e,
      (SELECT string_agg(c || ':' || n, ',') FROM (SELECT c, count(*) AS n FROM m GROUP BY c) x) AS c,
      (SELECT string_agg(id::text, ',' ORDER BY id DESC) FROM (SELECT id FROM m ORDER BY id DESC LIMIT ${limit}) x) AS last,
      (SELECT string_agg(id::text, ',' ORDER BY id DESC) FROM (SELECT id FROM (SELECT id FROM search_doc WHERE title_tsv @@ ${tq}::tsquery${w} OFFSET 0) x ORDER BY id DESC LIMIT ${limit}) y) AS titles`.execute(db);
  const row = r.rows[0];
  addCounts(row?.e ?? null, byEvent);
  addCounts(row?.c ?? null, byCombo);
  for (const id of idList(row?.titles ?? null)) out.set(id, { id, titleHit: true });
  for (const id of idList(row?.last ?? null)) if (!out.has(id)) out.set(id, { id, titleHit: false });
  return done();
}

/** `tr`: its translations parsed once, as it is cached (parsing them per event per search was most of a common word's facets on SQLite). */
type EventFacetRow = { year: number; series: number; title: string; lang: string; translations: string | null; tr: Translations };
/** A series' title as stored, with its language and its translations (picked per reader by the caller). */
export type TitleRow = { title: string; lang: string; translations: string | null };
/** Every published event's facets and every series' title, per database, as of a generation of the site. */
const publishedCache = new WeakMap<object, { generation: number; events: Map<number, EventFacetRow>; series: Map<number, TitleRow> }>();

/**
 * Every published event's year, series and title, and every series' title (facets and their
 * labels; with their languages and translations), kept by the process while the site's generation
 * (site_state, moved by every write) is the same: read again once after each write rather than at
 * every search (2,000 events: 19 ms a search on the shared machine).
 */
export async function publishedFacets(db: DbOrTx, cacheKey: object, knownGeneration?: number): Promise<{ events: Map<number, EventFacetRow>; series: Map<number, TitleRow> }> {
  let generation = knownGeneration;
  if (generation === undefined) {
    const g = await sql<{ value: unknown }>`SELECT value FROM site_state WHERE key = 'generation'`.execute(db);
    generation = Number(g.rows[0]?.value ?? 0);
  }
  const hit = publishedCache.get(cacheKey);
  if (hit && hit.generation === generation) return hit;
  const events = new Map<number, EventFacetRow>();
  for (const e of await published(db).selectFrom('event').select(['id', 'start_date', 'series_id', 'title', 'lang', 'translations']).execute()) {
    events.set(e.id, { year: Number(e.start_date.slice(0, 4)), series: e.series_id, title: e.title, lang: e.lang, translations: e.translations, tr: parseTranslations(e.translations) });
  }
  const series = new Map<number, TitleRow>();
  for (const x of await db.selectFrom('series').select(['id', 'title', 'lang', 'translations']).execute()) series.set(x.id, { title: x.title, lang: x.lang, translations: x.translations });
  const fresh = { generation, events, series };
  publishedCache.set(cacheKey, fresh);
  return fresh;
}

/** Published events' year and series, and title, by id (for facets and their labels). */
export async function eventFacets(db: DbOrTx, ids: number[]): Promise<Map<number, { year: number; series: number; title: string }>> {
  const out = new Map<number, { year: number; series: number; title: string }>();
  if (ids.length > 200) {
    // Many: every published event at once, cheaper than a long list of ids.
    for (const e of await published(db).selectFrom('event').select(['id', 'start_date', 'series_id', 'title']).execute()) out.set(e.id, { year: Number(e.start_date.slice(0, 4)), series: e.series_id, title: e.title });
    return out;
  }
  for (let i = 0; i < ids.length; i += 1000) {
    const part = ids.slice(i, i + 1000);
    if (!part.length) continue;
    for (const e of await published(db).selectFrom('event').select(['id', 'start_date', 'series_id', 'title']).where('id', 'in', part).execute()) {
      out.set(e.id, { year: Number(e.start_date.slice(0, 4)), series: e.series_id, title: e.title });
    }
  }
  return out;
}

/** Published events of these years, series and event (the filters that an event decides). */
export async function eventsWhere(db: DbOrTx, f: { year?: string; series?: string; event?: string }): Promise<number[]> {
  let q = published(db).selectFrom('event').select('id');
  if (f.year !== undefined) q = q.where('start_date', '>=', `${f.year}-01-01`).where('start_date', '<=', `${f.year}-12-31`);
  if (f.series !== undefined) q = q.where('series_id', '=', /^\d{1,9}$/.test(f.series) ? Number(f.series) : -1);
  if (f.event !== undefined) q = q.where('id', '=', /^\d{1,9}$/.test(f.event) ? Number(f.event) : -1);
  return (await q.execute()).map((r) => r.id);
}

export type StoredDoc = {
  id: number;
  kind: DocKind;
  ref_id: number;
  combo_id: number;
  title: string;
  person_name: string | null;
  event_title: string | null;
  date: string | null;
  href: string;
  lang: string | null;
  event_id: number | null;
  material_kind: string | null;
  role: string | null;
};

export async function docsById(db: DbOrTx, ids: number[]): Promise<StoredDoc[]> {
  if (!ids.length) return [];
  return (await any(db)
    .selectFrom('search_doc')
    .select(['id', 'kind', 'ref_id', 'combo_id', 'title', 'person_name', 'event_title', 'date', 'href', 'lang', 'event_id', 'material_kind', 'role'])
    .where('id', 'in', ids)
    .execute()) as StoredDoc[];
}

/** A candidate's row with, for the page's rows only, its text and (statements, documents, sessions) its published row's translations. */
export type PageDoc = StoredDoc & { body: string | null; translations: string | null };

/**
 * PostgreSQL: the candidates' rows, ranked by the server in the application's order (`rank`: a
 * title match, then the kind's weight, the date, the record's id, the document's id), and the
 * text and translations of those ranked offset + 1 … end, in one statement rather than three or
 * four (each a round trip). The caller sorts again and reads what it finds missing, so the order
 * here only saves it work.
 */
export async function pageDocs(db: DbOrTx, candidates: Array<{ id: number; titleHit: boolean }>, weights: Record<DocKind, number>, offset: number, end: number): Promise<PageDoc[]> {
  if (!candidates.length) return [];
  const weight = sql.join(
    DOC_KINDS.map((k) => sql`WHEN ${sql.lit(k)} THEN ${sql.lit(weights[k])}`),
    sql` `,
  );
  const r = await sql<PageDoc & { rn: number }>`
    WITH d AS (
      SELECT s.id, s.kind, s.ref_id, s.combo_id, s.title, s.person_name, s.event_title, s.date, s.href, s.lang, s.event_id, s.material_kind, s.role,
        row_number() OVER (ORDER BY c.hit DESC, CASE s.kind ${weight} ELSE 0 END DESC, coalesce(s.date, '') COLLATE "C" DESC, s.ref_id, s.id) AS rn
      FROM unnest(${candidates.map((c) => c.id)}::int[], ${candidates.map((c) => c.titleHit)}::bool[]) AS c(id, hit)
      JOIN search_doc s ON s.id = c.id)
    SELECT d.*,
      CASE WHEN rn > ${offset} AND rn <= ${end} THEN (SELECT b.body FROM search_doc b WHERE b.id = d.id) END AS body,
      CASE WHEN rn > ${offset} AND rn <= ${end} THEN
        CASE d.kind WHEN 'material' THEN (SELECT m.translations FROM pub_material m WHERE m.id = d.ref_id)
          WHEN 'session' THEN (SELECT x.translations FROM pub_session x WHERE x.id = d.ref_id) END
      END AS translations
    FROM d`.execute(db);
  return r.rows;
}

/** The stored text of documents, for their snippets. */
export async function bodiesById(db: DbOrTx, ids: number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const rows = await any(db).selectFrom('search_doc').select(['id', 'body']).where('id', 'in', ids).execute();
  return new Map(rows.map((r: { id: number; body: string }) => [Number(r.id), r.body]));
}


export async function countDocs(db: DbOrTx): Promise<number> {
  const r = await sql<{ n: unknown }>`SELECT count(*) AS n FROM search_doc`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}
