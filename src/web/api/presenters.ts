// The API's stable shapes (camelCase), built from rows and from the EventExport. Every resource
// carries its id, its slug where it has one, its page `url` and its `apiUrl`, all absolute.
// openapi.ts describes exactly these shapes; test/api.test.ts checks real responses against it.
import { countryLabel } from '../../domain/country.ts';
import type { EventExport, ExportAppearance, ExportMaterial, ExportSession } from '../../exports/model.ts';
import { displayTitle, exportAppearance, sessionInstants } from '../../operations/event-export.ts';
import { agendaAppearance, materialView, type MaterialView } from '../../storage/queries.ts';
import type { ContextMaterial, ContextRow, EventListRow } from './queries.ts';
import type { InterfaceLanguage } from '../../domain/language.ts';
import { parseTranslations, pickText } from '../../domain/translations.ts';

/**
 * A text in the client's language where an editor entered it, else the original, with the language
 * it is in (issue 13: `?lang=`). `row` carries the original's language and the translations column.
 */
function picked(row: { lang: string; translations?: string | null | undefined }, field: string, text: string, lang: string): { text: string; lang: string };
function picked(row: { lang: string; translations?: string | null | undefined }, field: string, text: string | null, lang: string): { text: string | null; lang: string };
function picked(row: { lang: string; translations?: string | null | undefined }, field: string, text: string | null, lang: string) {
  return pickText({ text, lang: row.lang }, parseTranslations(row.translations), field, lang) ?? { text, lang: row.lang };
}

export const apiUrlOf = {
  series: (base: string, slug: string) => `${base}/api/series/${slug}`,
  event: (base: string, slug: string) => `${base}/api/events/${slug}`,
  session: (base: string, id: number) => `${base}/api/sessions/${id}`,
  person: (base: string, slug: string) => `${base}/api/people/${slug}`,
  organization: (base: string, slug: string) => `${base}/api/organizations/${slug}`,
  country: (base: string, code: string) => `${base}/api/countries/${code.toLowerCase()}`,
};

type SeriesTexts = { id: number; slug: string; title: string; lang: string; translations?: string | null | undefined };

/** A series named: its title in the client's language where given (`titleLang` says which). */
export function seriesRef(base: string, s: SeriesTexts, lang: InterfaceLanguage = 'en') {
  const title = picked(s, 'title', s.title, lang);
  return { id: s.id, slug: s.slug, title: title.text, titleLang: title.lang, url: `${base}/series/${s.slug}`, apiUrl: apiUrlOf.series(base, s.slug) };
}

export function seriesSummary(base: string, s: SeriesTexts & { description: string | null }, eventCount: number, lang: InterfaceLanguage = 'en') {
  const description = picked(s, 'description', s.description, lang);
  return { ...seriesRef(base, s, lang), lang: s.lang, description: description.text, descriptionLang: description.lang, eventCount };
}

export function eventSummary(base: string, e: EventListRow, lang: InterfaceLanguage = 'en') {
  const title = picked(e, 'title', e.title, lang);
  return {
    id: e.id,
    slug: e.slug,
    title: title.text,
    titleLang: title.lang,
    lang: e.lang,
    startDate: e.start_date,
    endDate: e.end_date,
    timeZone: e.time_zone,
    venue: e.venue,
    city: e.city,
    countryCode: e.country_code,
    series: seriesRef(base, { id: e.series_id, slug: e.series_slug, title: e.series_title, lang: e.series_lang, translations: e.series_translations }, lang),
    url: `${base}/events/${e.slug}`,
    apiUrl: apiUrlOf.event(base, e.slug),
  };
}

function material(m: ExportMaterial) {
  return { id: m.id, kind: m.kind, label: m.label, labelLang: m.labelLang ?? m.lang, lang: m.lang, url: m.url, mediaType: m.mediaType };
}

function appearance(base: string, a: ExportAppearance, lang: InterfaceLanguage) {
  const org = a.affiliation.organization;
  // The country's short name in the client's language (countryLabel); as printed where no code was recognised.
  const country = countryLabel(a.affiliation.countryCode, a.affiliation.country, lang);
  return {
    id: a.id,
    role: a.role,
    roleLabel: a.roleLabel,
    position: a.position,
    honorific: a.honorific,
    person: { id: a.person.id, slug: a.person.slug, name: a.person.name, url: a.person.url, apiUrl: apiUrlOf.person(base, a.person.slug) },
    affiliation: {
      position: a.affiliation.position,
      organization: org ? { ...org, apiUrl: apiUrlOf.organization(base, org.slug) } : null,
      // The short name every output gives (countryLabel), not the words as printed.
      country,
      countryCode: a.affiliation.countryCode,
      text: [a.affiliation.position, org?.name, country].filter(Boolean).join(', '),
    },
    talkTitle: a.talkTitle,
    materials: a.materials.map(material),
  };
}

function session(base: string, s: ExportSession, lang: InterfaceLanguage) {
  return {
    id: s.id,
    guid: s.guid,
    kind: s.kind,
    number: s.number,
    title: s.title,
    displayTitle: s.displayTitle,
    lang: s.lang,
    date: s.date,
    start: s.start,
    end: s.end,
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    startsAtUtc: s.startsAtUtc,
    endsAtUtc: s.endsAtUtc,
    durationMinutes: s.durationMinutes,
    url: s.url,
    apiUrl: apiUrlOf.session(base, s.id),
    appearances: s.appearances.map((a) => appearance(base, a, lang)),
  };
}

function eventRef(base: string, e: { id: number; slug: string; title: string; titleLang: string; timeZone: string }) {
  return { id: e.id, slug: e.slug, title: e.title, titleLang: e.titleLang, timeZone: e.timeZone, url: `${base}/events/${e.slug}`, apiUrl: apiUrlOf.event(base, e.slug) };
}

/**
 * The event with its agenda; the export's bookkeeping (baseUrl, generation, status) stays out.
 * `x` was loaded for the reader `lang` (its titles, overview, themes and labels picked in it).
 */
export function eventDetail(x: EventExport, lang: InterfaceLanguage = 'en') {
  const base = x.baseUrl;
  const e = x.event;
  return {
    id: e.id,
    guid: e.guid,
    slug: e.slug,
    title: e.title,
    titleLang: e.titleLang ?? e.lang,
    lang: e.lang,
    startDate: e.startDate,
    endDate: e.endDate,
    timeZone: e.timeZone,
    venue: e.venue,
    city: e.city,
    countryCode: e.countryCode,
    countryName: countryLabel(e.countryCode, null, lang),
    overview: e.overview,
    overviewLang: e.overview === null ? null : (e.overviewLang ?? e.lang),
    themes: e.themes,
    themeLangs: e.themeLangs ?? e.themes.map(() => e.lang),
    contactEmail: e.contactEmail,
    updatedAt: x.updatedAt,
    series: { id: x.series.id, slug: x.series.slug, title: x.series.title, titleLang: x.series.titleLang ?? 'en', url: x.series.url, apiUrl: apiUrlOf.series(base, x.series.slug) },
    url: e.url,
    apiUrl: apiUrlOf.event(base, e.slug),
    days: x.days.map((d) => ({ index: d.index, date: d.date, label: d.label, sessions: d.sessions.map((s) => session(base, s, lang)) })),
    documents: x.documents.map(material),
  };
}

/** One session found in its event's export, with the event and day it belongs to. */
export function sessionDetail(x: EventExport, sessionId: number, lang: InterfaceLanguage = 'en') {
  for (const d of x.days) {
    const s = d.sessions.find((s) => s.id === sessionId);
    if (s) {
      return {
        ...session(x.baseUrl, s, lang),
        day: { index: d.index, date: d.date, label: d.label },
        event: eventRef(x.baseUrl, { ...x.event, titleLang: x.event.titleLang ?? x.event.lang }),
      };
    }
  }
  return undefined;
}

/**
 * Appearances seen from a person, organization or country: each is the appearance as the
 * event's agenda gives it (the same shape, the same affiliation text), and says where and when it happened.
 */
export function appearancesInContext(base: string, rows: ContextRow[], materials: ContextMaterial[], lang: InterfaceLanguage = 'en') {
  const byAppearance = new Map<number, MaterialView[]>();
  const mediaTypes = new Map<string, string>();
  for (const m of materials) {
    if (m.appearance_id === null) continue;
    const list = byAppearance.get(m.appearance_id) ?? [];
    list.push(materialView(m));
    byAppearance.set(m.appearance_id, list);
    if (m.file_id && m.media_type !== null) mediaTypes.set(m.file_id, m.media_type);
  }
  return rows.map((r) => {
    const { startsAt, endsAt } = sessionInstants(r.date, r.start_time, r.end_time, r.time_zone);
    const title = picked({ lang: r.session_lang, translations: r.session_translations }, 'title', r.session_title, lang);
    const eventTitle = picked({ lang: r.event_lang, translations: r.event_translations }, 'title', r.event_title, lang);
    return {
      ...appearance(base, exportAppearance(agendaAppearance(r, byAppearance.get(r.id) ?? []), base, mediaTypes, lang), lang),
      session: {
        id: r.session_id,
        guid: r.session_uuid,
        kind: r.session_kind,
        number: r.session_number,
        title: title.text,
        displayTitle: displayTitle({ kind: r.session_kind, number: r.session_number, title: title.text }),
        lang: title.lang,
        date: r.date,
        start: r.start_time,
        end: r.end_time,
        startsAt,
        endsAt,
        url: `${base}/events/${r.event_slug}#session-${r.session_id}`,
        apiUrl: apiUrlOf.session(base, r.session_id),
      },
      event: eventRef(base, { id: r.event_id, slug: r.event_slug, title: eventTitle.text, titleLang: eventTitle.lang, timeZone: r.time_zone }),
    };
  });
}

export function personSummary(base: string, p: { id: number; slug: string; name: string; honorific: string | null }, appearanceCount: number) {
  return { id: p.id, slug: p.slug, name: p.name, honorific: p.honorific, appearanceCount, url: `${base}/people/${p.slug}`, apiUrl: apiUrlOf.person(base, p.slug) };
}

export function organizationSummary(
  base: string,
  o: { id: number; slug: string; name: string; kind: string; country_code: string | null },
  appearanceCount: number,
  lang: InterfaceLanguage = 'en',
) {
  return {
    id: o.id,
    slug: o.slug,
    name: o.name,
    kind: o.kind,
    countryCode: o.country_code,
    countryName: countryLabel(o.country_code, null, lang),
    appearanceCount,
    url: `${base}/organizations/${o.slug}`,
    apiUrl: apiUrlOf.organization(base, o.slug),
  };
}

export function countrySummary(base: string, code: string, appearanceCount: number, lang: InterfaceLanguage = 'en') {
  return {
    code,
    name: countryLabel(code, null, lang) ?? code,
    appearanceCount,
    url: `${base}/countries/${code.toLowerCase()}`,
    apiUrl: apiUrlOf.country(base, code),
  };
}
