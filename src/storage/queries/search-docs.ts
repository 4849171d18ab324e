// The search documents of persons and organizations, made set-based (issue 9: an editor's save
// must not wait behind another write for more than a second): the documents of N persons or
// organizations take a fixed, small number of statements (their rows, their aliases, their
// published appearances), whatever N, and every statement's text is the same for any N (the ids
// are one bound array: json_each on SQLite, unnest/ANY on PostgreSQL), so that it stays prepared.
// The documents are the same, byte for byte, as those made one by one before (search.ts).
import { type Kysely, sql } from 'kysely';
import { countriesNamedIn, countryLabel, countryName } from '../../domain/country.ts';
import { indexTokens } from '../../domain/search-text.ts';
import { regionOf } from '../../domain/region.ts';
import { parseTranslations, translationsOf } from '../../domain/translations.ts';
import type { DbOrTx } from '../database.ts';
import { published } from '../published.ts';
import { countryNames, engineOf, eventDocs, insertDocs, type SearchDoc } from './search.ts';


const any = (db: DbOrTx) => db as unknown as Kysely<any>;

/** Ids handled together (one bound array each); the statements' texts do not depend on it. */
const CHUNK = 1000;

const chunks = <T>(a: T[]): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < a.length; i += CHUNK) out.push(a.slice(i, i + CHUNK));
  return out;
};

/** `column IN ids`, the ids bound as one value (the statement's text is the same for any number of them). */
export function idIn(db: DbOrTx, column: string, ids: number[]) {
  return engineOf(db) === 'sqlite'
    ? sql<boolean>`${sql.ref(column)} IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`
    : sql<boolean>`${sql.ref(column)} = ANY(${ids.map(Number)}::bigint[])`;
}

/** A text's words folded, one space between (to tell whether a name is already written in a text). */
const foldedWords = (text: string) => indexTokens(text, null).join(' ');

const joinText = (...parts: Array<string | null | undefined>) => parts.filter((p) => p && p.trim()).join('\n');

/** A country's English name, then its other names: "Mexico (Mexique, México)". */
function countryText(code: string): string {
  const [first, ...rest] = countryNames(code);
  return rest.length ? `${first} (${rest.join(', ')})` : (first ?? code);
}

const groupBy = <R, K>(rows: R[], key: (r: R) => K): Map<K, R[]> => {
  const m = new Map<K, R[]>();
  for (const r of rows) {
    const k = key(r);
    const a = m.get(k);
    if (a) a.push(r);
    else m.set(k, [r]);
  }
  return m;
};

/**
 * Persons' documents (those a published event names), in the order of `ids`. A document's text:
 * the names they are known by (aliases), then each affiliation as printed on their published
 * appearances, newest first ("Director General, International Organization for Migration,
 * Mexico"), then the countries' French and Spanish names; the positions again in their
 * appearance's language. Three statements a chunk of ids.
 */
/** A record's names other than its own, by record id, in key order (one statement for all of `ids`). */
async function otherNames(db: DbOrTx, owner: 'person' | 'organization', ids: number[]): Promise<Map<number, string[]>> {
  const rows = await any(db)
    .selectFrom(`${owner}_alias as x`)
    .innerJoin(`${owner} as r`, 'r.id', `x.${owner}_id`)
    .select([`x.${owner}_id as id`, 'x.name'])
    .where(idIn(db, `x.${owner}_id`, ids))
    .whereRef('x.name', '!=', 'r.name')
    .orderBy(`x.${owner}_id`)
    .orderBy('x.name_key')
    .orderBy('x.id')
    .execute();
  const out = new Map<number, string[]>();
  for (const r of rows as Array<{ id: number | string; name: string }>) {
    const list = out.get(Number(r.id));
    if (list) list.push(r.name);
    else out.set(Number(r.id), [r.name]);
  }
  return out;
}

export async function personDocs(db: DbOrTx, ids: number[]): Promise<SearchDoc[]> {
  const out: SearchDoc[] = [];
  for (const part of chunks(ids)) {
    const persons = await any(db).selectFrom('person').select(['id', 'slug', 'name']).where(idIn(db, 'id', part)).execute();
    const seenRows = await published(any(db))
      .selectFrom('appearance as a')
      .innerJoin('session as s', 's.id', 'a.session_id')
      .innerJoin('event as e', 'e.id', 's.event_id')
      .leftJoin('organization as o', 'o.id', 'a.organization_id')
      .select(['a.person_id', 'a.country_code', 'a.country', 'a.affiliation_position', 'a.lang', 'o.name as org_name', 'e.start_date'])
      .where(idIn(db, 'a.person_id', part))
      .orderBy('a.person_id')
      .orderBy('e.start_date', 'desc')
      .orderBy('a.id', 'desc')
      .execute();
    const byId = new Map(persons.map((p) => [Number(p.id), p]));
    const seenBy = groupBy(seenRows, (r) => Number(r.person_id));
    const aliasesBy = await otherNames(db, 'person', part);
    for (const id of part) {
      const person = byId.get(Number(id));
      const seen = seenBy.get(Number(id)) ?? [];
      const last = seen[0];
      if (!person || !last) continue;
      const lines = new Set<string>(aliasesBy.get(Number(id)) ?? []);
      const others = new Map<string, string>();
      const positions = new Map<string, { text: string; lang: string }>();
      for (const a of seen) {
        const position = a.affiliation_position?.trim() || null;
        const line = [position, a.org_name?.trim() || null, countryLabel(a.country_code, a.country, 'en')].filter((x) => x).join(', ');
        if (line) lines.add(line);
        if (a.country_code && !others.has(a.country_code)) {
          const names = countryNames(a.country_code).filter((n) => n !== countryName(a.country_code!, 'en'));
          if (names.length) others.set(a.country_code, names.join(', '));
        }
        // A country named only inside the position ("Permanent Representative of Mexico to the
        // United Nations", "Embajador del Ecuador"): its names in the other languages, so that
        // "mexique" finds him as it finds those who appeared for Mexico (the country facet stays
        // the appearance's: a position's words are not a recorded country).
        if (position) {
          const folded = ` ${foldedWords(position)} `;
          for (const code of countriesNamedIn(position)) {
            if (others.has(code)) continue;
            const names = countryNames(code).filter((n) => !folded.includes(` ${foldedWords(n)} `));
            if (names.length) others.set(code, names.join(', '));
          }
        }
        if (position) positions.set(`${a.lang}\n${position}`, { text: position, lang: a.lang });
      }
      out.push({
        kind: 'person',
        refId: id,
        facets: { kind: 'person', year: null, series: null, event: null, country: last.country_code, region: regionOf(last.country_code), orgKind: null, role: null, materialKind: null, lang: null },
        personId: id,
        fileId: null,
        title: person.name,
        personName: null,
        eventTitle: null,
        date: last.start_date,
        href: `/people/${person.slug}`,
        body: joinText(...lines, others.size ? `(${[...others.values()].join('; ')})` : null),
        lang: null,
        bodyIn: [...positions.values()],
      });
    }
  }
  return out;
}

/**
 * Organizations' documents (those a published event names, or whose series it convenes), in the
 * order of `ids`. Text: the names it is known by, then its country's names in English, French and
 * Spanish; its kind is a facet (orgKind). Four statements a chunk of ids.
 */
export async function organizationDocs(db: DbOrTx, ids: number[]): Promise<SearchDoc[]> {
  const out: SearchDoc[] = [];
  for (const part of chunks(ids)) {
    const orgs = await any(db).selectFrom('organization').select(['id', 'slug', 'name', 'kind', 'country_code']).where(idIn(db, 'id', part)).execute();
    const p = published(any(db));
    const named = await p
      .selectFrom('appearance as a')
      .innerJoin('session as s', 's.id', 'a.session_id')
      .innerJoin('event as e', 'e.id', 's.event_id')
      .select(['a.organization_id as id', sql<string>`max(e.start_date)`.as('date')])
      .where(idIn(db, 'a.organization_id', part))
      .groupBy('a.organization_id')
      .execute();
    const convenes = await p
      .selectFrom('event as e')
      .innerJoin('series as se', 'se.id', 'e.series_id')
      .select(['se.convener_id as id', sql<string>`max(e.start_date)`.as('date')])
      .where(idIn(db, 'se.convener_id', part))
      .groupBy('se.convener_id')
      .execute();
    const byId = new Map(orgs.map((o) => [Number(o.id), o]));
    const namedBy = new Map(named.map((r) => [Number(r.id), r.date]));
    const convenesBy = new Map(convenes.map((r) => [Number(r.id), r.date]));
    const aliasesBy = await otherNames(db, 'organization', part);
    for (const id of part) {
      const org = byId.get(Number(id));
      if (!org) continue;
      const date = namedBy.get(Number(id)) ?? convenesBy.get(Number(id));
      if (!date) continue;
      out.push({
        kind: 'organization',
        refId: id,
        facets: { kind: 'organization', year: null, series: null, event: null, country: org.country_code, region: regionOf(org.country_code), orgKind: org.kind, role: null, materialKind: null, lang: null },
        personId: null,
        fileId: null,
        title: org.name,
        personName: null,
        eventTitle: null,
        date,
        href: `/organizations/${org.slug}`,
        body: joinText(...new Set(aliasesBy.get(Number(id)) ?? []), org.country_code ? countryText(org.country_code) : null),
        lang: null,
      });
    }
  }
  return out;
}

/** Removes the documents of one kind whose ref_id is in `ids` (and, on SQLite, their full-text rows). */
async function deleteKind(trx: DbOrTx, kind: string, ids: number[]): Promise<void> {
  for (const part of chunks(ids)) {
    const where = sql`kind = ${kind} AND ${idIn(trx, 'ref_id', part)}`;
    if (engineOf(trx) === 'sqlite') await sql`DELETE FROM search_fts WHERE rowid IN (SELECT id FROM search_doc WHERE ${where})`.execute(trx);
    await sql`DELETE FROM search_doc WHERE ${where}`.execute(trx);
  }
}

/** Persons' documents made again (all of them; `onlyChanged`: only those whose stored text, title, date, link or country differ). */
async function remakePersons(trx: DbOrTx, ids: number[], onlyChanged: boolean): Promise<void> {
  for (const part of chunks(ids)) {
    let docs = await personDocs(trx, part);
    let gone = part;
    if (onlyChanged) {
      const stored = await any(trx).selectFrom('search_doc').select(['ref_id', 'title', 'body', 'date', 'href', 'country', 'region']).where('kind', '=', 'person').where(idIn(trx, 'ref_id', part)).execute();
      const had = new Map(stored.map((r) => [Number(r.ref_id), r]));
      const now = new Set(docs.map((d) => Number(d.refId)));
      docs = docs.filter((d) => {
        const r = had.get(Number(d.refId));
        return !r || r.title !== d.title || r.body !== d.body || r.date !== d.date || r.href !== d.href || r.country !== d.facets.country || r.region !== d.facets.region;
      });
      gone = [...docs.map((d) => d.refId), ...[...had.keys()].filter((id) => !now.has(id))];
    }
    await deleteKind(trx, 'person', gone);
    await insertDocs(trx, docs);
    // Statements show their speaker's name as it is now (documents with a person are theirs and
    // statements': 'kind <> person' rather than 'kind = material', which SQLite would look up by kind).
    const differs = engineOf(trx) === 'sqlite' ? sql`IS NOT` : sql`IS DISTINCT FROM`;
    await sql`UPDATE search_doc SET person_name = (SELECT name FROM person WHERE person.id = search_doc.person_id)
      WHERE kind <> 'person' AND ${idIn(trx, 'person_id', part)} AND person_name ${differs} (SELECT name FROM person WHERE person.id = search_doc.person_id)`.execute(trx);
  }
}

/**
 * The documents of published statements and documents given by id that belong to an appearance
 * (as eventDocs makes them, without reading the rest of their events), in the order of `ids`.
 */
export async function statementDocs(db: DbOrTx, ids: number[]): Promise<SearchDoc[]> {
  const rows = await published(any(db))
    .selectFrom('material as m')
    .innerJoin('appearance as a', 'a.id', 'm.appearance_id')
    .innerJoin('session as s', 's.id', 'a.session_id')
    .innerJoin('day as d', 'd.id', 's.day_id')
    .innerJoin('event as e', 'e.id', 'm.event_id')
    .innerJoin('person as pe', 'pe.id', 'a.person_id')
    .leftJoin('organization as o', 'o.id', 'a.organization_id')
    .leftJoin('search_file_text as ft', 'ft.file_id', 'm.file_id')
    .select([
      'm.id', 'm.kind', 'm.label', 'm.lang', 'm.url', 'm.file_id', 'm.translations', 'ft.text',
      'a.role', 'a.country_code', 'a.person_id', 'pe.name as person_name', 'o.kind as org_kind', 'o.country_code as org_country',
      'd.date', 'e.id as event_id', 'e.slug', 'e.title as event_title', 'e.start_date', 'e.series_id', 'e.country_code as event_country',
    ])
    .where(idIn(db, 'm.id', ids))
    .execute();
  const byId = new Map(rows.map((r) => [Number(r.id), r]));
  const out: SearchDoc[] = [];
  for (const id of ids) {
    const m = byId.get(id);
    if (!m) continue;
    const country = m.country_code ?? m.org_country ?? m.event_country;
    out.push({
      kind: 'material',
      refId: m.id,
      facets: {
        kind: 'material',
        year: m.start_date ? Number(m.start_date.slice(0, 4)) : null,
        series: m.series_id,
        event: m.event_id,
        country,
        region: regionOf(country),
        orgKind: m.org_kind ?? null,
        role: m.role ?? null,
        materialKind: m.kind,
        lang: m.lang,
      },
      personId: m.person_id ?? null,
      fileId: m.file_id,
      title: m.label,
      personName: m.person_name ?? null,
      eventTitle: m.event_title,
      date: m.date ?? m.start_date,
      href: m.file_id ? `/files/${m.file_id}` : (m.url ?? `/events/${m.slug}`),
      body: m.text ?? '',
      lang: m.lang,
      titleIn: translationsOf(parseTranslations(m.translations), 'label'),
    });
  }
  return out;
}

/**
 * Statements' and documents' facets that follow their speaker's organization (its kind; its
 * country when the appearance gives none) made again where they no longer match it (review L4).
 * On SQLite a document's id holds its combo of facets, so such a document is made again (its
 * row only: statementDocs).
 */
async function refreshMaterialFacets(trx: DbOrTx, organizations: number[]): Promise<void> {
  const stale = new Set<number>();
  for (const part of chunks(organizations)) {
    const rows = await published(any(trx))
      .selectFrom('material as m')
      .innerJoin('appearance as a', 'a.id', 'm.appearance_id')
      .innerJoin('event as e', 'e.id', 'm.event_id')
      .innerJoin('organization as o', 'o.id', 'a.organization_id')
      .select(['m.id', 'o.kind', 'a.country_code', 'o.country_code as org_country', 'e.country_code as event_country'])
      .where(idIn(trx, 'a.organization_id', part))
      .execute();
    // Their entries as stored, looked up by (kind, ref_id).
    for (const ms of chunks(rows.map((r) => Number(r.id)))) {
      const had = new Map((await any(trx).selectFrom('search_doc').select(['ref_id', 'org_kind', 'country']).where('kind', '=', 'material').where(idIn(trx, 'ref_id', ms)).execute()).map((d) => [Number(d.ref_id), d]));
      for (const r of rows) {
        const d = had.get(Number(r.id));
        if (!d) continue;
        const country = r.country_code ?? r.org_country ?? r.event_country;
        if (r.kind !== d.org_kind || country !== d.country) stale.add(Number(r.id));
      }
    }
  }
  const ids = [...stale].sort((a, b) => a - b);
  for (const part of chunks(ids)) {
    await deleteKind(trx, 'material', part);
    await insertDocs(trx, await statementDocs(trx, part));
  }
}

/**
 * Persons' and organizations' documents made again from the rows as they are now (or removed).
 * `sessions`: the documents of the sessions they appear in too (a session's text names its
 * speakers and moderators), after an edit of the persons themselves (a rename, merge or split);
 * a publish or a rebuild makes those with the event's. `appearingFor`: after an edit of the
 * organizations (a rename, merge or split), the documents of the persons who appeared for them
 * where their text changed (it prints the organization's name), and the facets of the statements
 * and documents of those appearances (the organization's kind and country).
 */
export async function reindexIdentities(trx: DbOrTx, persons: number[], organizations: number[], opts: { sessions?: boolean; appearingFor?: boolean } = {}): Promise<void> {
  if (opts.sessions && persons.length) {
    const events = new Set<number>();
    for (const part of chunks(persons)) {
      const rows = await published(any(trx)).selectFrom('appearance as a').innerJoin('session as s', 's.id', 'a.session_id').select('s.event_id').where(idIn(trx, 'a.person_id', part)).distinct().execute();
      for (const r of rows) events.add(Number(r.event_id));
    }
    for (const e of [...events].sort((a, b) => a - b)) {
      if (engineOf(trx) === 'sqlite') await sql`DELETE FROM search_fts WHERE rowid IN (SELECT id FROM search_doc WHERE kind = 'session' AND event_id = ${e})`.execute(trx);
      await sql`DELETE FROM search_doc WHERE kind = 'session' AND event_id = ${e}`.execute(trx);
      await insertDocs(trx, await eventDocs(trx, e, 'session'));
    }
  }
  await remakePersons(trx, persons, false);
  for (const part of chunks(organizations)) {
    await deleteKind(trx, 'organization', part);
    await insertDocs(trx, await organizationDocs(trx, part));
  }
  if (opts.appearingFor && organizations.length) {
    const done = new Set(persons.map(Number));
    const more = new Set<number>();
    for (const part of chunks(organizations)) {
      const rows = await published(any(trx)).selectFrom('appearance as a').select('a.person_id').where(idIn(trx, 'a.organization_id', part)).distinct().execute();
      for (const r of rows) if (!done.has(Number(r.person_id))) more.add(Number(r.person_id));
    }
    await remakePersons(trx, [...more].sort((a, b) => a - b), true);
    await refreshMaterialFacets(trx, organizations);
  }
}

/**
 * Who an event's published copy names, and what it prints for each person (their appearances'
 * affiliations, countries and languages, and the event's date: what their documents take from
 * it), to be passed to reindexNamed after a change of the copy.
 */
export type Named = { persons: number[]; organizations: number[]; printed: Map<number, string> };

export async function namedByEvent(db: DbOrTx, eventId: number): Promise<Named> {
  const p = published(any(db));
  const rows = await p
    .selectFrom('appearance as a')
    .innerJoin('session as s', 's.id', 'a.session_id')
    .innerJoin('event as e', 'e.id', 's.event_id')
    .select(['a.id', 'a.person_id', 'a.organization_id', 'a.country_code', 'a.country', 'a.affiliation_position', 'a.lang', 'e.start_date'])
    .where('s.event_id', '=', eventId)
    .orderBy('a.id')
    .execute();
  const conv = await p.selectFrom('event as e').innerJoin('series as se', 'se.id', 'e.series_id').select('se.convener_id').where('e.id', '=', eventId).executeTakeFirst();
  const orgs = new Set(rows.map((r) => r.organization_id).filter((x): x is number => x !== null).map(Number));
  if (conv?.convener_id) orgs.add(Number(conv.convener_id));
  const printed = new Map<number, string>();
  for (const r of rows) {
    const k = Number(r.person_id);
    printed.set(k, `${printed.get(k) ?? ''}${JSON.stringify([Number(r.id), r.organization_id, r.country_code, r.country, r.affiliation_position, r.lang, r.start_date])}\n`);
  }
  return { persons: [...printed.keys()], organizations: [...orgs], printed };
}

/**
 * After an event's published copy changed (published, withdrawn): the documents of the persons
 * it named before or names now whose appearances in it print something else (another
 * affiliation, country, language or date, an appearance added or gone), and of its
 * organizations. A person's document takes nothing else from the event; their name and the
 * organizations' names are shared rows, whose edits remake it then.
 */
export async function reindexNamed(trx: DbOrTx, eventId: number, was: Named | { persons: number[]; organizations: number[] }): Promise<void> {
  const now = await namedByEvent(trx, eventId);
  const before = 'printed' in was ? was.printed : null;
  const persons = [...new Set([...was.persons.map(Number), ...now.persons])].filter((id) => !before || before.get(id) !== now.printed.get(id));
  await reindexIdentities(trx, persons, [...new Set([...was.organizations.map(Number), ...now.organizations])]);
}
