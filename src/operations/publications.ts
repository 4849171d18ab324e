// Publications (issue 14): a report compiled from what the public sees (the published release of
// each event, never the working copy), for one event or for a series' events of one year. The
// editors write a foreword and a summary (Markdown) and choose, for each statement whose text was
// extracted (search_file_text), the whole text, an excerpt of their own, or nothing. Freezing an
// edition renders the HTML and the PDF once and stores both as files (file, file_chunk), so every
// instance serves them and backups keep them; their bytes never change. A corrected edition is the
// next number, with a note saying what changed.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { countryLabel } from '../domain/country.ts';
import { Conflict, InvalidInput, NotFound } from '../domain/errors.ts';
import type { IndexEntry, PubEvent, PubPerson, PublicationAppendix, PublicationModel, PublicationWords } from '../exports/publication-model.ts';
import { publicationDocument } from '../exports/publication-html.ts';
import { publicationPdf } from '../exports/publication-pdf.ts';
import type { Selectable } from 'kysely';
import { INTERFACE_LANGUAGES } from '../interface-languages.ts';
import { serializeTranslations, type Translations } from '../domain/translations.ts';
import type { DbOrTx, PublicationEditionTable, PublicationTable } from '../storage/database.ts';
import { published } from '../storage/published.ts';
import { eventAgenda } from '../storage/queries.ts';
import { fileSlice, insertFile } from '../storage/queries/files.ts';
import { insertAuditEntry } from '../storage/queries/editing.ts';
import type { Storage } from '../storage/storage.ts';
import { write } from '../storage/write.ts';
import { sha256 } from './archive-codec.ts';
import { displayTitle } from './event-export.ts';
import { formMessage } from '../domain/form-messages.ts';

export type PublicationRow = {
  id: number;
  slug: string;
  seriesId: number;
  eventId: number | null;
  year: number | null;
  title: string;
  subtitle: string | null;
  lang: string;
  foreword: string | null;
  summary: string | null;
  /** the foreword and summary in other languages than `lang`: field → language → Markdown */
  translations: Translations;
  /** material id → "full" | "none" | an excerpt */
  excerpts: Record<string, string>;
  version: number;
};

export type EditionMetadata = {
  title: string;
  subtitle: string | null;
  lang: string;
  edition: number;
  /** YYYY-MM-DD */
  date: string;
  year: number;
  publisher: string | null;
  series: string;
  url: string;
  pdfUrl: string;
  htmlSha256: string;
  pdfSha256: string;
  htmlSize: number;
  pdfSize: number;
  pages: number;
  events: Array<{ slug: string; title: string; release: number }>;
};

export type Edition = {
  id: number;
  publicationId: number;
  number: number;
  note: string | null;
  createdAt: string;
  htmlFileId: string;
  pdfFileId: string;
  metadata: EditionMetadata;
};

/** Another part of Plenary's appendix (the representation figures): given the events, its parts or null. */
export type AppendixProvider = (db: DbOrTx, scope: { eventSlug: string | null; seriesSlug: string; year: number | null }, lang: string) => Promise<PublicationAppendix | null>;

export type CompileOptions = {
  baseUrl: string;
  words: PublicationWords;
  /** dates as words, in the publication's language */
  longDate: (date: string) => string;
  dateRange: (start: string, end: string) => string;
  sessionHeading: (s: { kind: string; number: number | null; title: string | null }) => string;
  appendix?: AppendixProvider;
  clock?: () => Date;
};

const rowOf = (r: Selectable<PublicationTable>, translations: Translations = {}): PublicationRow => ({
  id: r.id, slug: r.slug, seriesId: r.series_id, eventId: r.event_id, year: r.year === null ? null : Number(r.year), title: r.title, subtitle: r.subtitle, lang: r.lang,
  foreword: r.foreword, summary: r.summary, translations, excerpts: JSON.parse(r.excerpts) as Record<string, string>, version: Number(r.version),
});

/**
 * The foreword and summary in other languages are kept in `translation` (migration 0001's table of
 * texts by entity, id, field and language: entity "publication"), written with the row's save.
 */
async function translationsOf(db: DbOrTx, ids: number[]): Promise<Map<number, Translations>> {
  const out = new Map<number, Translations>();
  if (!ids.length) return out;
  const rows = await db.selectFrom('translation').selectAll().where('entity', '=', 'publication').where('entity_id', 'in', ids).orderBy('entity_id').orderBy('field').orderBy('lang').execute();
  for (const r of rows) {
    const t = out.get(r.entity_id) ?? {};
    (t[r.field] ??= {})[r.lang] = r.value;
    out.set(r.entity_id, t);
  }
  return out;
}

async function withTranslations(db: DbOrTx, rows: Array<Selectable<PublicationTable>>): Promise<PublicationRow[]> {
  const t = await translationsOf(db, rows.map((r) => r.id));
  return rows.map((r) => rowOf(r, t.get(r.id) ?? {}));
}

export async function publicationBySlug(db: DbOrTx, slug: string): Promise<PublicationRow | undefined> {
  const r = await db.selectFrom('publication').selectAll().where('slug', '=', slug).executeTakeFirst();
  return r ? (await withTranslations(db, [r]))[0] : undefined;
}

export async function publicationById(db: DbOrTx, id: number): Promise<PublicationRow | undefined> {
  const r = await db.selectFrom('publication').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? (await withTranslations(db, [r]))[0] : undefined;
}

export async function publicationsOfSeries(db: DbOrTx, seriesId: number): Promise<PublicationRow[]> {
  return withTranslations(db, await db.selectFrom('publication').selectAll().where('series_id', '=', seriesId).orderBy('id').execute());
}

/** The published events a publication is made from, in date order (none: not yet publishable). */
export async function publicationEvents(db: DbOrTx, p: { seriesId: number; eventId: number | null; year: number | null }) {
  let q = published(db).selectFrom('event').selectAll().where('status', '=', 'published').where('series_id', '=', p.seriesId);
  if (p.eventId !== null) q = q.where('id', '=', p.eventId);
  else if (p.year !== null) q = q.where('start_date', '>=', `${p.year}-01-01`).where('start_date', '<=', `${p.year}-12-31`);
  return q.orderBy('start_date').orderBy('id').execute();
}

export type Scope = { event: string } | { series: string; year: number };

/**
 * The publication for an event or a series' year, made on first use with the event's or series'
 * title: refused, saying what and where, for an unknown slug or when nothing of it is published.
 */
export async function ensurePublication(storage: Storage, scope: Scope, clock: () => Date = () => new Date()): Promise<PublicationRow> {
  const db = storage.db;
  let target: { seriesId: number; eventId: number | null; year: number | null; slug: string; title: string; lang: string };
  if ('event' in scope) {
    const event = await db.selectFrom('event').select(['id', 'series_id', 'slug', 'title', 'lang']).where('slug', '=', scope.event).executeTakeFirst();
    if (!event) throw new NotFound(formMessage('pubNoEvent', { event: scope.event }));
    const pub = await published(db).selectFrom('event').select(['id', 'title', 'lang']).where('id', '=', event.id).where('status', '=', 'published').executeTakeFirst();
    if (!pub) throw new InvalidInput(formMessage('pubEventUnpublished', { event: scope.event }));
    target = { seriesId: event.series_id, eventId: event.id, year: null, slug: event.slug, title: pub.title, lang: pub.lang };
  } else {
    if (!Number.isInteger(scope.year) || scope.year < 1900 || scope.year > 2999) throw new InvalidInput(formMessage('pubYear', { year: scope.year }));
    const series = await db.selectFrom('series').select(['id', 'slug', 'title', 'lang']).where('slug', '=', scope.series).executeTakeFirst();
    if (!series) throw new NotFound(formMessage('pubNoSeries', { series: scope.series }));
    const events = await publicationEvents(db, { seriesId: series.id, eventId: null, year: scope.year });
    if (!events.length) throw new InvalidInput(formMessage('pubNoEvents', { series: scope.series, year: scope.year }));
    target = { seriesId: series.id, eventId: null, year: scope.year, slug: `${series.slug}-${scope.year}`, title: `${series.title} ${scope.year}`, lang: series.lang };
  }
  const existing = await db
    .selectFrom('publication')
    .selectAll()
    .where('series_id', '=', target.seriesId)
    .where((eb) => (target.eventId !== null ? eb('event_id', '=', target.eventId) : eb.and([eb('event_id', 'is', null), eb('year', '=', target.year)])))
    .executeTakeFirst();
  if (existing) return (await withTranslations(db, [existing]))[0]!;
  const now = clock().toISOString();
  return write(storage, async (trx, writeScope) => {
    const taken = await trx.selectFrom('publication').select('id').where('slug', '=', target.slug).executeTakeFirst();
    if (taken) throw new Conflict(formMessage('pubAddressTaken', { slug: target.slug }));
    const r = await trx
      .insertInto('publication')
      .values({ slug: target.slug, series_id: target.seriesId, event_id: target.eventId, year: target.year, title: target.title, subtitle: null, lang: target.lang, foreword: null, summary: null, created_at: now, updated_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    writeScope.series(target.seriesId);
    return rowOf(r);
  });
}

export type PublicationFields = {
  title: string;
  subtitle: string | null;
  lang: string;
  foreword: string | null;
  summary: string | null;
  /** the foreword and summary in other languages (field → language → Markdown); `lang`'s own are the fields above */
  translations?: Translations;
  excerpts: Record<string, string>;
};

/** The languages editors may write the foreword and summary in: the interface's, Arabic included. */
export const PUBLICATION_TEXT_LANGUAGES = INTERFACE_LANGUAGES;
export const PUBLICATION_TEXT_FIELDS = ['foreword', 'summary'] as const;

/** Saves the editors' texts, only over the version the form was made from; logged. */
export async function savePublication(storage: Storage, id: number, version: number, fields: PublicationFields, accountId: number | null, clock: () => Date = () => new Date()): Promise<PublicationRow> {
  return write(storage, async (trx, scope) => {
    const before = await trx.selectFrom('publication').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw new NotFound(formMessage('noPublication', { id }));
    const now = clock().toISOString();
    const r = await trx
      .updateTable('publication')
      .set({ title: fields.title, subtitle: fields.subtitle, lang: fields.lang, foreword: fields.foreword, summary: fields.summary, excerpts: JSON.stringify(fields.excerpts), updated_at: now, version: sql`version + 1` as any })
      .where('id', '=', id)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirst();
    if (!r) throw new Conflict(formMessage('pubConflict', { now: before.version, yours: version }));
    // The other languages' texts: only the fields and languages editors write, never the row's own language.
    // Texts in a language this instance does not offer (another instance's catalogue, one removed
    // since) were not on the form: they are kept as they are, not taken for emptied.
    const offered = PUBLICATION_TEXT_LANGUAGES as readonly string[];
    const written = PUBLICATION_TEXT_FIELDS as readonly string[];
    const beforeTranslations = (await translationsOf(trx, [id])).get(id) ?? {};
    const kept: Translations = {};
    for (const [field, byLang] of Object.entries(beforeTranslations)) {
      for (const [l, text] of Object.entries(byLang)) if (!written.includes(field) || !offered.includes(l)) (kept[field] ??= {})[l] = text;
    }
    const rows: Array<{ entity: string; entity_id: number; field: string; lang: string; value: string }> = [];
    for (const field of PUBLICATION_TEXT_FIELDS) {
      for (const [l, text] of Object.entries(fields.translations?.[field] ?? {})) {
        if (l === fields.lang || !offered.includes(l) || !text.trim()) continue;
        (kept[field] ??= {})[l] = text;
        rows.push({ entity: 'publication', entity_id: id, field, lang: l, value: text });
      }
    }
    await trx.deleteFrom('translation').where('entity', '=', 'publication').where('entity_id', '=', id).where('field', 'in', [...written]).where('lang', 'in', [...offered]).execute();
    if (rows.length) await trx.insertInto('translation').values(rows).execute();
    const changed: Array<[string, unknown, unknown]> = (['title', 'subtitle', 'lang', 'foreword', 'summary', 'excerpts'] as const).filter((k) => before[k] !== r[k]).map((k) => [k, before[k], r[k]]);
    const [tb, ta] = [serializeTranslations(beforeTranslations), serializeTranslations(kept)];
    if (tb !== ta) changed.push(['translations', tb, ta]);
    await insertAuditEntry(trx, {
      at: now, account_id: accountId, action: 'update', entity: 'publication', entity_id: id, series_id: before.series_id,
      before: JSON.stringify(Object.fromEntries(changed.map(([k, b]) => [k, b]))), after: JSON.stringify(Object.fromEntries(changed.map(([k, , a]) => [k, a]))), reverted_entry_id: null,
    } as Parameters<typeof insertAuditEntry>[1]);
    scope.series(before.series_id);
    return rowOf(r, kept);
  });
}

/** A text of the publication in every language it was written in: its own language first, then the others in the interface's order. */
export function textVersions(p: PublicationRow, field: (typeof PUBLICATION_TEXT_FIELDS)[number]): Array<{ lang: string; text: string }> {
  const out: Array<{ lang: string; text: string }> = [];
  const own = p[field];
  if (own?.trim()) out.push({ lang: p.lang, text: own });
  for (const l of PUBLICATION_TEXT_LANGUAGES) {
    const text = p.translations[field]?.[l];
    if (l !== p.lang && text?.trim()) out.push({ lang: l, text });
  }
  return out;
}

/** Statements whose text was read from their file, by material id (what the excerpt form offers). */
export async function extractedStatements(db: DbOrTx, eventIds: number[]): Promise<Map<number, { text: string; label: string; lang: string; person: string }>> {
  const out = new Map<number, { text: string; label: string; lang: string; person: string }>();
  if (!eventIds.length) return out;
  const rows = await published(db)
    .selectFrom('material as m')
    .innerJoin('search_file_text as ft' as any, 'ft.file_id' as any, 'm.file_id')
    .innerJoin('appearance as a', 'a.id', 'm.appearance_id')
    .innerJoin('person as p', 'p.id', 'a.person_id')
    .select(['m.id', 'm.label', 'm.lang', 'p.name', sql<string>`ft.text`.as('text')])
    .where('m.event_id', 'in', eventIds)
    .where(sql<boolean>`ft.state = 'done' AND ft.text IS NOT NULL`)
    .orderBy('m.id')
    .execute();
  for (const r of rows) if (r.text.trim()) out.set(r.id, { text: r.text.trim(), label: r.label, lang: r.lang, person: r.name });
  return out;
}

function placeOf(e: { venue: string | null; city: string | null; country_code: string | null }): string {
  return [e.venue, e.city, countryLabel(e.country_code, null)].filter(Boolean).join(', ');
}

/** The publication as its renderers take it, read from the published records. */
export async function publicationModel(db: DbOrTx, p: PublicationRow, edition: number, at: Date, opts: CompileOptions): Promise<{ model: PublicationModel; eventIds: number[]; releases: EditionMetadata['events'] }> {
  const base = opts.baseUrl.replace(/\/+$/, '');
  const events = await publicationEvents(db, p);
  if (!events.length) throw new InvalidInput(formMessage('pubNothingPublished', { slug: p.slug }));
  const series = await db.selectFrom('series').selectAll().where('id', '=', p.seriesId).executeTakeFirstOrThrow();
  const convener = series.convener_id === null ? null : ((await db.selectFrom('organization').select('name').where('id', '=', series.convener_id).executeTakeFirst())?.name ?? null);
  const statements = await extractedStatements(db, events.map((e) => e.id));

  const persons = new Map<number, IndexEntry>();
  const orgs = new Map<number, IndexEntry>();
  const countries = new Map<string, IndexEntry>();
  const add = (map: Map<any, IndexEntry>, key: unknown, name: string, ref: { anchor: string; label: string }) => {
    const e = map.get(key) ?? { name, refs: [] };
    e.refs.push(ref);
    map.set(key, e);
  };
  const releases: EditionMetadata['events'] = [];
  const pubEvents: PubEvent[] = [];
  for (const e of events) {
    const release = await db.selectFrom('release').select('number').where('event_id', '=', e.id).orderBy('number', 'desc').executeTakeFirst();
    releases.push({ slug: e.slug, title: e.title, release: release?.number ?? 1 });
    const agenda = await eventAgenda(db, e.id);
    const days = agenda.days.map((d) => ({
      anchor: `d-${d.id}`,
      heading: d.label ?? opts.longDate(d.date),
      sessions: d.sessions.map((s) => {
        const heading = opts.sessionHeading(s);
        const personOf = (a: (typeof s.appearances)[number]): PubPerson => {
          const anchor = `a-${a.id}`;
          const ref = { anchor, label: heading };
          add(persons, a.person.id, a.person.name, ref);
          if (a.organization) add(orgs, a.organization.id, a.organization.name, ref);
          const country = countryLabel(a.countryCode, a.country);
          if (country) add(countries, a.countryCode ?? country, country, ref);
          const texts = a.materials.flatMap((m) => {
            const st = statements.get(m.id);
            const choice = p.excerpts[String(m.id)] ?? 'full';
            if (!st || choice === 'none') return [];
            return [{ materialId: m.id, label: m.label, lang: m.lang, text: choice === 'full' ? st.text : choice, excerpt: choice !== 'full' }];
          });
          return {
            anchor,
            name: a.person.name,
            honorific: a.honorific,
            affiliation: [a.affiliationPosition, a.organization?.name, country].filter(Boolean).join(', '),
            roleLabel: a.roleLabel,
            talkTitle: a.talkTitle,
            statements: texts,
          };
        };
        return {
          anchor: `s-${s.id}`,
          heading,
          time: s.start ? (s.end ? `${s.start}–${s.end}` : s.start) : null,
          moderators: s.appearances.filter((a) => a.role === 'moderator').map(personOf),
          speakers: s.appearances.filter((a) => a.role === 'speaker').map(personOf),
        };
      }),
    }));
    pubEvents.push({
      anchor: `e-${e.id}`,
      slug: e.slug,
      title: e.title,
      dates: opts.dateRange(e.start_date, e.end_date),
      place: placeOf(e),
      url: `${base}/events/${e.slug}`,
      release: release?.number ?? 1,
      overview: e.overview,
      themes: JSON.parse(e.themes) as string[],
      days,
      documents: agenda.documents.map((d) => ({ label: d.label, kind: d.kind, url: d.url ?? `${base}/files/${d.fileId}` })),
    });
  }
  const collator = new Intl.Collator(p.lang, { sensitivity: 'base', numeric: true });
  const sorted = (m: Map<unknown, IndexEntry>) => [...m.values()].sort((a, b) => collator.compare(a.name, b.name));
  const date = at.toISOString().slice(0, 10);
  const url = `${base}/publications/${p.slug}/${edition}`;
  const eventIds = events.map((e) => e.id);
  const model: PublicationModel = {
    slug: p.slug,
    title: p.title,
    subtitle: p.subtitle,
    lang: p.lang,
    edition,
    date,
    dateText: opts.longDate(date),
    publisher: convener,
    seriesTitle: series.title,
    url,
    pdfUrl: `${url}.pdf`,
    foreword: textVersions(p, 'foreword'),
    summary: textVersions(p, 'summary'),
    events: pubEvents,
    index: { persons: sorted(persons), organizations: sorted(orgs), countries: sorted(countries) },
    appendix: opts.appendix ? await opts.appendix(db, { eventSlug: p.eventId !== null ? (events[0]?.slug ?? null) : null, seriesSlug: series.slug, year: p.year }, p.lang) : null,
  };
  return { model, eventIds, releases };
}

/** The edition's HTML and PDF bytes, as they would be frozen now (the workspace's preview too). */
export async function compilePublication(db: DbOrTx, p: PublicationRow, edition: number, at: Date, opts: CompileOptions) {
  const { model, releases } = await publicationModel(db, p, edition, at, opts);
  const html = new TextEncoder().encode(publicationDocument(model, opts.words));
  const pdf = await publicationPdf(model, opts.words);
  return { model, releases, html, pdf: pdf.bytes, pages: pdf.pages };
}

const editionOf = (r: Selectable<PublicationEditionTable>): Edition => ({
  id: r.id, publicationId: r.publication_id, number: Number(r.number), note: r.note, createdAt: r.created_at, htmlFileId: r.html_file_id, pdfFileId: r.pdf_file_id, metadata: JSON.parse(r.metadata) as EditionMetadata,
});

/** A publication's editions, newest first. */
export async function editionsOf(db: DbOrTx, publicationId: number): Promise<Edition[]> {
  return (await db.selectFrom('publication_edition').selectAll().where('publication_id', '=', publicationId).orderBy('number', 'desc').execute()).map(editionOf);
}

/**
 * Freezes the next edition: compiled from the published records now, both files stored under new
 * ids, the edition row and a `publish` audit entry in one write. A second edition needs a note
 * saying what changed.
 */
export async function freezeEdition(storage: Storage, publicationId: number, opts: CompileOptions & { note?: string | null; accountId?: number | null }): Promise<Edition> {
  const at = (opts.clock ?? (() => new Date()))();
  const p = await publicationById(storage.db, publicationId);
  if (!p) throw new NotFound(formMessage('noPublication', { id: publicationId }));
  const last = (await editionsOf(storage.db, publicationId))[0];
  const number = (last?.number ?? 0) + 1;
  const note = opts.note?.trim() || null;
  if (last && !note) throw new InvalidInput(formMessage('pubNote', { number, slug: p.slug, last: last.number }));
  const compiled = await compilePublication(storage.db, p, number, at, opts);
  const now = at.toISOString();
  const meta: EditionMetadata = {
    title: p.title,
    subtitle: p.subtitle,
    lang: p.lang,
    edition: number,
    date: compiled.model.date,
    year: Number(compiled.model.date.slice(0, 4)),
    publisher: compiled.model.publisher,
    series: compiled.model.seriesTitle,
    url: compiled.model.url,
    pdfUrl: compiled.model.pdfUrl,
    htmlSha256: sha256(compiled.html),
    pdfSha256: sha256(compiled.pdf),
    htmlSize: compiled.html.length,
    pdfSize: compiled.pdf.length,
    pages: compiled.pages,
    events: compiled.releases,
  };
  return write(storage, async (trx, scope) => {
    const clash = await trx.selectFrom('publication_edition').select('id').where('publication_id', '=', publicationId).where('number', '=', number).executeTakeFirst();
    if (clash) throw new Conflict(formMessage('pubFrozenMeanwhile', { number, slug: p.slug }));
    const htmlId = randomUUID();
    const pdfId = randomUUID();
    await insertFile(trx, { id: htmlId, sha256: meta.htmlSha256, mediaType: 'text/html; charset=utf-8', originalName: `${p.slug}-edition-${number}.html`, createdAt: now }, compiled.html, { readText: false });
    await insertFile(trx, { id: pdfId, sha256: meta.pdfSha256, mediaType: 'application/pdf', originalName: `${p.slug}-edition-${number}.pdf`, createdAt: now }, compiled.pdf, { readText: false });
    const r = await trx
      .insertInto('publication_edition')
      .values({ publication_id: publicationId, number, note, account_id: opts.accountId ?? null, created_at: now, html_file_id: htmlId, pdf_file_id: pdfId, metadata: JSON.stringify(meta) })
      .returningAll()
      .executeTakeFirstOrThrow();
    await insertAuditEntry(trx, {
      at: now, account_id: opts.accountId ?? null, action: 'publish', entity: 'publication', entity_id: publicationId, series_id: p.seriesId,
      before: null, after: JSON.stringify({ edition: number, note, pdfSha256: meta.pdfSha256, htmlSha256: meta.htmlSha256 }), reverted_entry_id: null,
    } as Parameters<typeof insertAuditEntry>[1]);
    scope.series(p.seriesId);
    return editionOf(r);
  });
}

/** A stored file's bytes whole (an edition's HTML, for its page). */
export async function storedBytes(db: DbOrTx, fileId: string, size: number): Promise<Uint8Array> {
  const bytes = await fileSlice(db, fileId, 0, size);
  if (!bytes || bytes.length !== size) throw new Error(`stored file ${fileId} is damaged: expected ${size} bytes`);
  return bytes;
}

export { displayTitle };
