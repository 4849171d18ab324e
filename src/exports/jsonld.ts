// schema.org Event markup for the event page, so that search engines read the programme as data
// (Google's Event structured data: https://developers.google.com/search/docs/appearance/structured-data/event).
import type { EventExport, ExportAppearance, ExportSession } from './model.ts';

type Json = { [key: string]: Json } | Json[] | string | number | boolean | null;

/**
 * Node identifiers from the stored UUIDs (migration 0007), not from the pages' addresses: a
 * renamed event, session or person keeps its @id although its URL follows the new slug.
 */
const urn = (guid: string) => `urn:uuid:${guid}`;

/** The words the sub-events' descriptions use; the page passes them in its own language. */
/**
 * The words of a session's description in the page's language: role words, the colon after them (French "\u00a0: ") and
 * how names are listed (Intl.ListFormat of the page's language, unit style: "A, B, C"; "A, B et C"; "A، وB"). Without
 * them, English: ": " and commas.
 */
export type JsonLdWords = { moderator: string; moderators: string; speakers: string; colon?: string; list?: (items: readonly string[]) => string };
const ENGLISH: JsonLdWords = { moderator: 'Moderator', moderators: 'Moderators', speakers: 'Speakers' };

/**
 * The page the markup sits in (issue 13): its absolute address and the reader's language. The
 * Event's own `inLanguage` stays the language(s) the event's texts were written in; the page that
 * shows it in French says so as the Event's `mainEntityOfPage`, a WebPage in `fr`.
 */
export type JsonLdPage = { url: string; lang: string };

const SCHEDULED = 'https://schema.org/EventScheduled';
// Dialogues are held in a room; the archive records no online participation.
const OFFLINE = 'https://schema.org/OfflineEventAttendanceMode';

/** Drops null and undefined members, so the markup never claims an empty value. */
function compact(o: Record<string, Json | undefined>): Json {
  const out: Record<string, Json> = {};
  for (const [k, v] of Object.entries(o)) if (v !== null && v !== undefined) out[k] = v;
  return out;
}

/** The venue by name, with what the archive holds of its address: street, locality, country (ISO 3166-1 code, as Google asks). */
function place(x: EventExport): Json | undefined {
  const e = x.event;
  const name = e.venue ?? e.city ?? e.countryName;
  if (!name) return undefined;
  const address =
    e.address || e.city || e.countryCode
      ? compact({ '@type': 'PostalAddress', streetAddress: e.address, addressLocality: e.city, addressCountry: e.countryCode })
      : undefined;
  return compact({ '@type': 'Place', name, address });
}

function performer(a: ExportAppearance): Json {
  const org = a.affiliation.organization;
  return compact({
    '@type': 'Person',
    '@id': urn(a.person.guid),
    name: a.person.name,
    honorificPrefix: a.honorific,
    jobTitle: a.affiliation.position,
    affiliation: org ? { '@type': 'Organization', name: org.name, url: org.url } : null,
    // The country of the affiliation as printed that day, by the one name every output gives it (countryLabel).
    workLocation: a.affiliation.country ? compact({ '@type': 'Country', name: a.affiliation.country, identifier: a.affiliation.countryCode }) : null,
    url: a.person.url,
  });
}

/**
 * Roles go into the description: Google understands `performer` only as a plain Person (or
 * Organization), not wrapped in a schema.org Role, so the moderator is named in words instead.
 */
function sessionDescription(s: ExportSession, w: JsonLdWords): string | null {
  const names = (role: ExportAppearance['role']) => s.appearances.filter((a) => a.role === role).map((a) => (a.roleLabel ? `${a.person.name} (${a.roleLabel})` : a.person.name));
  const moderators = names('moderator');
  const speakers = names('speaker');
  const parts = [];
  const colon = w.colon ?? ': ';
  const list = w.list ?? ((xs: readonly string[]) => xs.join(', '));
  if (moderators.length) parts.push(`${moderators.length > 1 ? w.moderators : w.moderator}${colon}${list(moderators)}.`);
  if (speakers.length) parts.push(`${w.speakers}${colon}${list(speakers)}.`);
  return parts.length ? parts.join(' ') : null;
}

/**
 * A text in another language than the document's (a translation shown to the reader, or an
 * original kept where none exists): a JSON-LD value object with its @language (issue 13).
 */
function inLang(text: string, lang: string | undefined, documentLang: string): Json {
  return lang && lang !== documentLang ? { '@value': text, '@language': lang } : text;
}

function subEvent(s: ExportSession, location: Json | undefined, lang: string, w: JsonLdWords, wordsLang: string): Json {
  const description = sessionDescription(s, w);
  return compact({
    '@type': 'Event',
    '@id': urn(s.guid),
    name: inLang(s.displayTitle, s.lang, lang),
    // Role words in the page's language, names as printed: the sentence is in the page's language.
    description: description === null ? null : inLang(description, wordsLang, lang),
    startDate: s.startsAt ?? s.date,
    endDate: s.endsAt,
    eventStatus: SCHEDULED,
    eventAttendanceMode: OFFLINE,
    location,
    url: s.url,
    inLanguage: s.lang === lang ? undefined : s.lang,
    performer: s.appearances.length ? s.appearances.map(performer) : undefined,
  });
}

/**
 * The event as one schema.org Event with its sessions as sub-events. `page`: the page it is
 * embedded in (its address and the reader's language), given as the Event's mainEntityOfPage.
 */
export function eventJsonLd(x: EventExport, words: JsonLdWords = ENGLISH, page?: JsonLdPage): Json {
  const e = x.event;
  const sessions = x.days.flatMap((d) => d.sessions);
  const timed = sessions.filter((s) => s.startsAt);
  const location = place(x);
  // Everyone who takes the floor, once each, in agenda order; their roles are in the sub-events.
  const people = new Map<number, Json>();
  for (const s of sessions) for (const a of s.appearances) if (!people.has(a.person.id)) people.set(a.person.id, { '@type': 'Person', '@id': urn(a.person.guid), name: a.person.name, url: a.person.url });
  return compact({
    '@context': 'https://schema.org',
    '@type': 'Event',
    '@id': urn(e.guid),
    name: inLang(e.title, e.titleLang, e.lang),
    description: e.overview ? inLang(e.overview.replace(/\s+/g, ' ').trim(), e.overviewLang, e.lang) : null,
    // Times with the venue's offset when the agenda gives them, else the dates alone.
    startDate: timed[0]?.startsAt ?? e.startDate,
    endDate: timed.map((s) => s.endsAt ?? s.startsAt).at(-1) ?? e.endDate,
    eventStatus: SCHEDULED,
    eventAttendanceMode: OFFLINE,
    location,
    // The body that convenes the series; the series itself is the superEvent, not an organizer.
    organizer: x.series.convener ? { '@type': 'Organization', name: x.series.convener.name, url: x.series.convener.url } : undefined,
    superEvent: { '@type': 'EventSeries', name: inLang(x.series.title, x.series.titleLang, e.lang), url: x.series.url },
    url: e.url,
    // The language the event's texts were written in, whatever the page's language.
    inLanguage: e.lang,
    mainEntityOfPage: page ? { '@type': 'WebPage', '@id': page.url, url: page.url, inLanguage: page.lang } : undefined,
    performer: people.size ? [...people.values()] : undefined,
    subEvent: sessions.map((s) => subEvent(s, location, e.lang, words, page?.lang ?? 'en')),
  });
}

/**
 * The markup as the text of a `<script type="application/ld+json">`: `<`, `>` and `&` are
 * escaped as JSON \u escapes, so no value (a title containing `</script>`) can end the element.
 */
export function jsonLdScriptText(x: EventExport, words?: JsonLdWords, page?: JsonLdPage): string {
  return JSON.stringify(eventJsonLd(x, words, page)).replace(/[<>&]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
