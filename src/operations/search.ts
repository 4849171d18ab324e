// Search (issue 12): one query over what the public sees, with exact facet counts and the page's
// results with highlighted snippets; the index rebuilt; stored PDF and Word files read for their
// text by a queue that any instance works through (never in the upload's request).
import { parseQuery, highlight, snippet, STEM_LANGUAGES, type ParsedQuery, type SnippetPart } from '../domain/search-text.ts';
import { type Picked, pickField, pickText } from '../domain/translations.ts';
import { docxToText } from '../importer/extract-docx.ts';
import { pdfToText } from '../importer/extract-pdf.ts';
import { type Kysely, sql } from 'kysely';
import type { DbOrTx } from '../storage/database.ts';
import { published } from '../storage/published.ts';
import { markSearchDocRules } from '../storage/search-doc-rules.ts';
import { fileChunks } from '../storage/queries/files.ts';
import {
  bodiesById,
  claimFileText,
  clearIndex,
  commonTokens,
  createGinIndexes,
  identityDocs,
  setPairTokens,
  TokenCounter,
  engineOf,
  GIN_INDEXES,
  allComboValues,
  COMBO_FACETS,
  type ComboValues,
  EVENT_FACETS,
  publishedFacets,
  type Within,
  countDocs,
  docsById,
  type DocKind,
  eventDocs,
  FACETS,
  type Facet,
  fileTextCounts,
  finishFileText,
  insertDocs,
  matches,
  pageDocs,
  type PageDoc,
  searchState,
  publicIdentities,
  publishedEventIds,
  queueMissingFileTexts,
  reindexIdentities,
  TEXT_MEDIA_TYPES,
} from '../storage/queries/search.ts';
import type { Storage } from '../storage/storage.ts';

export { FACETS, type Facet } from '../storage/queries/search.ts';


export type SearchFilters = Partial<Record<Facet, string>>;
export type SearchParams = { q: string; filters?: SearchFilters; page?: number; perPage?: number; /** the reader's language: the series' and events' titles of the facets in it where an editor gave one */ reader?: string; /** milliseconds of this process's CPU time spent in each step are added here (the bench's profile) */ profile?: Record<string, number> };
export type SearchHit = {
  kind: DocKind;
  id: number;
  title: SnippetPart[];
  href: string;
  eventTitle: string | null;
  personName: string | null;
  date: string | null;
  lang: string | null;
  /** the language the title is shown in: the reader's where an editor translated it (events, sessions), else the original's */
  titleLang: string | null;
  /** the language of eventTitle, likewise */
  eventTitleLang: string | null;
  materialKind: string | null;
  role: string | null;
  snippet: SnippetPart[];
};
export type FacetCount = { value: string; count: number; selected: boolean };
export type SearchOutcome = {
  q: string;
  filters: SearchFilters;
  total: number;
  page: number;
  perPage: number;
  pages: number;
  hits: SearchHit[];
  facets: Record<Facet, FacetCount[]>;
  /** labels of the series and events the facets name (by id as text), in the reader's language where translated, each with its language */
  labels: { series: Record<string, Picked>; event: Record<string, Picked> };
};

export const MAX_PER_PAGE = 50;
/** Candidates ranked per query beyond the page asked for (newest matches, and newest title matches). */
const CANDIDATES = 100;

const emptyFacets = (): Record<Facet, FacetCount[]> => Object.fromEntries(FACETS.map((f) => [f, []])) as unknown as Record<Facet, FacetCount[]>;

/** Ranking: a match in the title first, then records (events, persons, organizations, sessions) before statements, then the newest, then by the record's id (an agenda's order). */
const KIND_WEIGHT: Record<DocKind, number> = { person: 3, organization: 3, event: 3, session: 2, material: 1 };


/**
 * Runs a search: the matching documents' counts per combination of facets (one pass), from which
 * the total and every facet's exact count under the filters follow; then the newest few hundred
 * matches within the filters ranked, the page's documents read, and their snippets made.
 */
export async function search(storage: Storage, params: SearchParams): Promise<SearchOutcome> {
  const q = params.q.trim();
  const filters = Object.fromEntries(Object.entries(params.filters ?? {}).filter(([k, v]) => (FACETS as readonly string[]).includes(k) && v !== undefined && v !== '')) as SearchFilters;
  const perPage = Math.min(Math.max(1, params.perPage ?? 20), MAX_PER_PAGE);
  const page = Math.max(1, params.page ?? 1);
  const reader = params.reader ?? 'en';
  const parsed = parseQuery(q);
  const outcome: SearchOutcome = { q, filters, total: 0, page, perPage, pages: 0, hits: [], facets: emptyFacets(), labels: { series: {}, event: {} } };
  if (!parsed.groups.length) return outcome;
  // The profile counts this process's CPU time (on the shared machine a step's wall clock is mostly waiting for a core).
  const cpuMs = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  let t0 = params.profile ? cpuMs() : 0;
  const step = (name: string) => {
    if (!params.profile) return;
    const now = cpuMs();
    params.profile[name] = (params.profile[name] ?? 0) + now - t0;
    t0 = now;
  };
  const run = async (db: DbOrTx) => {
    // The filters an event decides hold the search to those events; the others to the combos of facet values that pass them.
    const byEvent = EVENT_FACETS.some((f) => filters[f] !== undefined);
    const byCombo = COMBO_FACETS.some((f) => filters[f] !== undefined);
    // The generation, the common tokens' set and the last combo in one statement (PostgreSQL: and sequential scans off).
    const state = await searchState(db, storage.engine);
    const combos = await allComboValues(db, storage, state.lastCombo);
    const known = await publishedFacets(db, storage, state.generation);
    const events = known.events;
    const coded = facetCodes(known, combos);
    const within: Within = {
      events: byEvent ? eventsWhere(known, filters) : null,
      combos: byCombo ? combosWhere(coded, filters) : null,
    };
    step('filters');
    const offset = (page - 1) * perPage;
    const counts = await matches(db, storage.engine, parsed, within, CANDIDATES + offset + perPage, state);
    step('matches');
    // Counted into typed arrays by each facet's value number (a combo's and an event's values coded once per generation).
    const cnt = FACETS.map((f) => new Float64Array(coded.values[f].length));
    const codes = coded.comboCodes;
    const comboCnt = COMBO_FACETS.map((f) => cnt[FACET_INDEX[f]]!);
    for (const [combo, n] of counts.byCombo) {
      outcome.total += n;
      if (combo >= coded.comboLimit || codes[0]![combo]! === -2) continue;
      for (let k = 0; k < COMBO_FACETS.length; k++) {
        const c = codes[k]![combo]!;
        if (c >= 0) comboCnt[k]![c]! += n;
      }
    }
    const labels = coded.labelsFor(reader);
    const eventCnt = cnt[FACET_INDEX.event]!;
    const yearCnt = cnt[FACET_INDEX.year]!;
    const seriesCnt = cnt[FACET_INDEX.series]!;
    for (const [event, n] of counts.byEvent) {
      const e = event < coded.eventSelf.length ? coded.eventSelf[event]! : -1;
      if (e < 0) continue;
      eventCnt[e]! += n;
      const y = coded.eventYear[event]!;
      if (y >= 0) yearCnt[y]! += n;
      const s = coded.eventSeries[event]!;
      if (s >= 0) seriesCnt[s]! += n;
      outcome.labels.event[String(event)] = labels.get(event)!;
    }
    for (let k = 0; k < FACETS.length; k++) {
      const f = FACETS[k]!;
      const values = coded.values[f];
      const c = cnt[k]!;
      const list: FacetCount[] = [];
      for (let i = 0; i < c.length; i++) if (c[i]! > 0) list.push({ value: values[i]!, count: c[i]!, selected: filters[f] === values[i] });
      outcome.facets[f] = list.sort((a, b) => b.count - a.count || (f === 'year' ? Number(b.value) - Number(a.value) : a.value < b.value ? -1 : 1));
    }
    step('facets');
    outcome.pages = Math.ceil(outcome.total / perPage);
    if (!outcome.total) return;
    const found = counts.candidates;
    // PostgreSQL: the candidates' rows with the page's texts and translations in one statement (ranked there as here).
    const ranked = storage.engine === 'postgres' ? await pageDocs(db, found, KIND_WEIGHT, offset, offset + perPage) : null;
    const docs = ranked ?? (await docsById(db, found.map((c) => c.id)));
    step('docs');
    const titleHit = new Map(found.map((c) => [c.id, c.titleHit]));
    docs.sort(
      (a, b) =>
        Number(titleHit.get(b.id)) - Number(titleHit.get(a.id)) ||
        KIND_WEIGHT[b.kind] - KIND_WEIGHT[a.kind] ||
        // ISO dates: compared as strings (localeCompare asks ICU, a microsecond each)
        ((b.date ?? '') > (a.date ?? '') ? 1 : (b.date ?? '') < (a.date ?? '') ? -1 : 0) ||
        a.ref_id - b.ref_id ||
        a.id - b.id,
    );
    const shown = docs.slice(offset, offset + perPage);
    // The texts and translations the page statement gave (all of the page, as it ranks alike), the others read here.
    const given = new Map<number, PageDoc>();
    if (ranked) for (const d of shown as PageDoc[]) if (d.body !== null) given.set(d.id, d);
    const bodies = await bodiesById(db, shown.filter((d) => !given.has(d.id)).map((d) => d.id));
    for (const [id, d] of given) bodies.set(id, d.body!);
    step('bodies');
    // Titles in the reader's language where an editor translated them: an event's (its facet's row carries its
    // translations), a session's and a document's label (their published rows'), and the event a result belongs to.
    const translationsOf = async (kind: 'session' | 'material'): Promise<Map<number, string | null>> => {
      const out = new Map<number, string | null>();
      const ids: number[] = [];
      for (const d of shown) {
        if (d.kind !== kind) continue;
        const g = given.get(d.id);
        if (g) out.set(d.ref_id, g.translations ?? null);
        else ids.push(d.ref_id);
      }
      if (ids.length) for (const r of await published(db).selectFrom(kind).select(['id', 'translations']).where('id', 'in', ids).execute()) out.set(Number(r.id), (r.translations as string | null) ?? null);
      return out;
    };
    const sessions = await translationsOf('session');
    const materials = await translationsOf('material');
    const titleOf = (d: (typeof shown)[number]): Picked | null => {
      if (d.kind === 'event') {
        const e = events.get(d.ref_id);
        return e ? pickText({ text: d.title, lang: e.lang }, e.tr, 'title', reader) : null;
      }
      if (d.kind === 'session' && d.lang) return pickField({ lang: d.lang, translations: sessions.get(d.ref_id) ?? null }, 'title', d.title, reader);
      if (d.kind === 'material' && d.lang) return pickField({ lang: d.lang, translations: materials.get(d.ref_id) ?? null }, 'label', d.title, reader);
      return null;
    };
    const eventTitleOf = (d: (typeof shown)[number]): Picked | null => {
      const e = d.event_id === null || d.event_title === null ? undefined : events.get(Number(d.event_id));
      return e ? pickText({ text: d.event_title, lang: e.lang }, e.tr, 'title', reader) : null;
    };
    outcome.hits = shown.map((d) => {
      const title = titleOf(d);
      const eventTitle = eventTitleOf(d);
      return {
      kind: d.kind,
      id: d.ref_id,
      title: highlight(title?.text ?? d.title, title?.lang ?? d.lang, parsed),
      titleLang: title?.lang ?? d.lang,
      href: d.href,
      eventTitle: eventTitle?.text ?? d.event_title,
      eventTitleLang: eventTitle?.lang ?? (d.event_title === null ? null : (events.get(Number(d.event_id))?.lang ?? null)),
      personName: d.person_name,
      date: d.date,
      lang: d.lang,
      materialKind: d.material_kind,
      role: d.role,
      snippet: snippetOf(bodies.get(d.id) ?? '', d.lang, parsed),
      };
    });
    step('snippets');
    for (const f of outcome.facets.series) {
      const series = known.series.get(Number(f.value));
      if (series !== undefined) outcome.labels.series[f.value] = pickField(series, 'title', series.title, reader) ?? { text: series.title, lang: series.lang, translated: false };
    }
    step('labels');
  };
  if (storage.engine === 'postgres') {
    // One snapshot for the state read first (the common tokens' set), the counts and the page: under READ COMMITTED
    // each statement would see what had committed by its start, so a rebuild committing between them could pair the
    // old set's tokens with documents made with the new one. A read-only REPEATABLE READ transaction never fails to serialize.
    await storage.db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute((trx) => run(trx));
  } else await run(storage.db);
  return outcome;
}

export type { ParsedQuery };

const FACET_INDEX = Object.fromEntries(FACETS.map((f, i) => [f, i])) as Record<Facet, number>;

/**
 * Every facet's values numbered, and each combo's and each published event's values by those
 * numbers (-1: none; a combo id never made: -2), so that a search counts its matches into typed
 * arrays rather than maps of strings. Made again when the site's generation moves (publishedFacets
 * gives another object) or combos were made since; the events' labels are kept per reader.
 */
/** The published events of the year, series and event filters (from the events the process keeps for this generation). */
function eventsWhere(known: Awaited<ReturnType<typeof publishedFacets>>, f: SearchFilters): number[] {
  const year = f.year === undefined ? null : /^\d{4}$/.test(f.year) ? Number(f.year) : -1;
  const series = f.series === undefined ? null : /^\d{1,9}$/.test(f.series) ? Number(f.series) : -1;
  const event = f.event === undefined ? null : /^\d{1,9}$/.test(f.event) ? Number(f.event) : -1;
  const out: number[] = [];
  for (const [id, e] of known.events) if ((year === null || e.year === year) && (series === null || e.series === series) && (event === null || id === event)) out.push(id);
  return out;
}

/** The combos whose values pass the other filters, compared by the values' numbers. */
function combosWhere(coded: FacetCodes, f: SearchFilters): number[] {
  const wanted: Array<[Int32Array, number]> = [];
  for (let k = 0; k < COMBO_FACETS.length; k++) {
    const v = f[COMBO_FACETS[k]!];
    if (v === undefined) continue;
    const n = coded.numbers[FACET_INDEX[COMBO_FACETS[k]!]]!.get(v);
    if (n === undefined) return [];
    wanted.push([coded.comboCodes[k]!, n]);
  }
  const out: number[] = [];
  const known = coded.comboCodes[0]!;
  next: for (let id = 0; id < coded.comboLimit; id++) {
    if (known[id] === -2) continue;
    for (const [codes, n] of wanted) if (codes[id] !== n) continue next;
    out.push(id);
  }
  return out;
}

type FacetCodes = {
  comboSize: number;
  comboLimit: number;
  values: Record<Facet, string[]>;
  /** each facet's value → its number, by FACETS' order */
  numbers: Array<Map<string, number>>;
  comboCodes: Int32Array[];
  eventSelf: Int32Array;
  eventYear: Int32Array;
  eventSeries: Int32Array;
  labelsFor(reader: string): Map<number, Picked>;
};
const facetCodesCache = new WeakMap<object, FacetCodes>();

function facetCodes(known: Awaited<ReturnType<typeof publishedFacets>>, combos: Map<number, ComboValues>): FacetCodes {
  const hit = facetCodesCache.get(known);
  if (hit && hit.comboSize === combos.size) return hit;
  const values = Object.fromEntries(FACETS.map((f) => [f, [] as string[]])) as unknown as Record<Facet, string[]>;
  const numbers = FACETS.map(() => new Map<string, number>());
  const code = (f: Facet, v: string | number | null): number => {
    if (v === null) return -1;
    const s = String(v);
    const m = numbers[FACET_INDEX[f]]!;
    let n = m.get(s);
    if (n === undefined) {
      n = values[f].push(s) - 1;
      m.set(s, n);
    }
    return n;
  };
  let comboLimit = 1;
  for (const id of combos.keys()) if (id + 1 > comboLimit) comboLimit = id + 1;
  const comboCodes = COMBO_FACETS.map(() => new Int32Array(comboLimit).fill(-2));
  for (const [id, v] of combos) COMBO_FACETS.forEach((f, k) => (comboCodes[k]![id] = code(f, v[f])));
  let eventLimit = 1;
  for (const id of known.events.keys()) if (id + 1 > eventLimit) eventLimit = id + 1;
  const eventSelf = new Int32Array(eventLimit).fill(-1);
  const eventYear = new Int32Array(eventLimit).fill(-1);
  const eventSeries = new Int32Array(eventLimit).fill(-1);
  for (const [id, e] of known.events) {
    eventSelf[id] = code('event', id);
    eventYear[id] = code('year', e.year);
    eventSeries[id] = code('series', e.series);
  }
  const labels = new Map<string, Map<number, Picked>>();
  const out: FacetCodes = {
    comboSize: combos.size,
    comboLimit,
    values,
    numbers,
    comboCodes,
    eventSelf,
    eventYear,
    eventSeries,
    labelsFor(reader) {
      let m = labels.get(reader);
      if (!m) {
        m = new Map();
        for (const [id, e] of known.events) m.set(id, pickText({ text: e.title, lang: e.lang }, e.tr, 'title', reader) ?? { text: e.title, lang: e.lang, translated: false });
        labels.set(reader, m);
      }
      return m;
    },
  };
  facetCodesCache.set(known, out);
  return out;
}

/**
 * A result's snippet. A person's or organization's text is in no one language (names, and
 * positions as printed, indexed stemmed in their appearance's language): when no word of it is
 * marked as written, the words are stemmed in English, French and Spanish in turn, so that a
 * person found through "ministers" shows "Minister" marked.
 */
function snippetOf(body: string, lang: string | null, q: ParsedQuery): SnippetPart[] {
  const first = snippet(body, lang, q);
  if (lang !== null || first.some((p) => p.mark)) return first;
  for (const l of STEM_LANGUAGES) {
    const s = snippet(body, l, q);
    if (s.some((p) => p.mark)) return s;
  }
  return first;
}

/** Progress of a rebuild, for the command line ('counting': an empty PostgreSQL index's common tokens counted first). */
export type RebuildProgress = { events: number; eventsDone: number; docs: number; phase: 'counting' | 'events' | 'identities' | 'files' | 'done'; files?: Record<string, number> };

/**
 * Makes the index again from the published copies, the persons and organizations they name,
 * and the text already read from files; queues every readable file not yet read.
 */
export async function rebuildIndexWithin(trx: DbOrTx, progress?: (p: RebuildProgress) => void): Promise<number> {
  const pg = engineOf(trx) === 'postgres';
  const events = await publishedEventIds(trx);
  if (pg) {
    // PostgreSQL: the common tokens, whose pairs are indexed, chosen from the index as it stands;
    // when it is empty (or too small to have any), from the documents about to be made: counted
    // here (folded and stemmed, not stored), so that they are made once, with the pairs.
    let common = await commonTokens(trx);
    if (!common.length) {
      const counter = new TokenCounter();
      let done = 0;
      for (const id of events) {
        counter.add(await eventDocs(trx, id));
        progress?.({ events: events.length, eventsDone: ++done, docs: counter.docs, phase: 'counting' });
      }
      const who = await publicIdentities(trx);
      counter.add(await identityDocs(trx, who.persons, who.organizations));
      common = counter.common();
    }
    await setPairTokens(trx, common);
  }
  await clearIndex(trx);
  // PostgreSQL: GIN indexes are built once at the end rather than row by row (other instances'
  // searches wait for the rebuild's commit meanwhile).
  if (pg) for (const i of GIN_INDEXES) await sql`DROP INDEX IF EXISTS ${sql.ref(i.name)}`.execute(trx);
  let docs = 0;
  let done = 0;
  // Several events' documents are inserted together (multi-row statements of up to REBUILD_BATCH documents).
  let batch: Awaited<ReturnType<typeof eventDocs>> = [];
  for (const id of events) {
    const d = await eventDocs(trx, id);
    batch.push(...d);
    docs += d.length;
    done++;
    if (batch.length >= REBUILD_BATCH || done === events.length) {
      await insertDocs(trx, batch);
      batch = [];
    }
    progress?.({ events: events.length, eventsDone: done, docs, phase: 'events' });
  }
  const who = await publicIdentities(trx);
  await reindexIdentities(trx, who.persons, who.organizations);
  docs += who.persons.length + who.organizations.length;
  progress?.({ events: events.length, eventsDone: done, docs, phase: 'identities' });
  if (pg) await createGinIndexes(trx);
  await queueMissingFileTexts(trx, new Date().toISOString());
  await markSearchDocRules(trx as Kysely<any>);
  return docs;
}

/** Documents inserted together by a rebuild. */
const REBUILD_BATCH = 500;

export async function rebuildIndex(storage: Storage, progress?: (p: RebuildProgress) => void): Promise<number> {
  return storage.db.transaction().execute((trx) => rebuildIndexWithin(trx, progress));
}

/** Reads one stored file's text in the readers' child processes (their memory and time caps). */
async function readFileText(storage: Storage, fileId: string, mediaType: string): Promise<string> {
  const parts: Uint8Array[] = [];
  for await (const c of fileChunks(storage.db, fileId)) parts.push(c);
  const bytes = Buffer.concat(parts);
  const kind = TEXT_MEDIA_TYPES[mediaType];
  const name = `file ${fileId}`;
  if (kind === 'pdf') return pdfToText(bytes, name);
  if (kind === 'docx') return (await docxToText(bytes, name)).text;
  if (kind === 'text') return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  return '';
}

/**
 * Reads the next queued file, if any: claimed first (another instance never takes the same one),
 * read outside any transaction, then its text stored and put in its materials' documents.
 * Returns false when nothing was waiting.
 */
export async function extractNextFileText(storage: Storage, now: () => Date = () => new Date()): Promise<boolean> {
  const claimed = await storage.db.transaction().execute((trx) => claimFileText(trx, storage.engine, now()));
  if (!claimed) return false;
  let outcome: { text: string } | { error: string; retry: boolean };
  try {
    outcome = { text: await readFileText(storage, claimed.fileId, claimed.mediaType) };
  } catch (e) {
    const invalid = (e as Error)?.name === 'InvalidInput' || (e as { constructor?: { name?: string } })?.constructor?.name === 'InvalidInput';
    outcome = { error: e instanceof Error ? e.message : String(e), retry: !invalid };
  }
  await storage.db.transaction().execute((trx) => finishFileText(trx, claimed.fileId, outcome));
  return true;
}

/** Reads every queued file (the command line's rebuild); returns how many were read. */
export async function drainFileTexts(storage: Storage, progress?: (n: number) => void): Promise<number> {
  let n = 0;
  while (await extractNextFileText(storage)) progress?.(++n);
  return n;
}

export { fileTextCounts, countDocs };

/**
 * The worker `plenary serve` runs: looks for queued files every `intervalMs` and reads them one
 * at a time. Returns a function that stops it (and waits for the file being read).
 */
export function startFileTextWorker(storage: Storage, opts: { intervalMs?: number; log?: (m: string) => void } = {}): { stop(): Promise<void>; kick(): void } {
  const intervalMs = opts.intervalMs ?? 2000;
  let stopped = false;
  let running: Promise<void> | null = null;
  let timer: NodeJS.Timeout | null = null;
  const tick = () => {
    if (stopped || running) return;
    running = (async () => {
      try {
        while (!stopped && (await extractNextFileText(storage)));
      } catch (e) {
        opts.log?.(`search: reading a stored file failed: ${e instanceof Error ? e.message : String(e)}`);
      } finally {
        running = null;
      }
    })();
  };
  timer = setInterval(tick, intervalMs);
  timer.unref();
  tick();
  return {
    kick: tick,
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      await running;
    },
  };
}
