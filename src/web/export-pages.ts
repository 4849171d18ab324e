// The page addresses an export carries, in the language of the address it is served at (issue 13).
//
// An export fetched under /fr/ (frab XML and JSON, the event page's JSON-LD, the changes' Atom feed, the calendars)
// links the French pages: /fr/events/x, /fr/events/x#session-2, /fr/people/y, /fr/organizations/z, /fr/series/s. What
// names a thing rather than leads a reader to it stays the same in every language: frab's guids, JSON-LD's @id (URNs),
// calendars' UIDs and their ATTENDEE and ORGANIZER addresses (routes/calendar.ts pagesIn keeps those), frab's base_url
// (the site's root, against which an app resolves what it is given), files (/files/…) and the API's addresses, which
// are the same in every language (render-context.ts hrefIn leaves them as they are), and links away from the site.
import type { InterfaceLanguage } from '../domain/language.ts';
import type { EventExport, ExportAppearance, ExportOrganization, ExportSession } from '../exports/model.ts';
import { hrefIn } from './views/render-context.ts';

/** An absolute address of a page of the site (`${base}/…`) in `lang`; any other address as it is. */
export function pageIn(base: string, lang: InterfaceLanguage, url: string): string {
  if (lang === 'en' || !url.startsWith(`${base}/`)) return url;
  return `${base}${hrefIn(lang, url.slice(base.length))}`;
}

/**
 * The export with every page it links in `lang`: the event's, its sessions' (and cancelled ones'), its people's, the
 * organizations' (affiliations and the series' convener) and the series'. Materials' addresses are files or links away
 * from the site and stay as they are.
 */
export function everyPageIn(x: EventExport, lang: InterfaceLanguage): EventExport {
  if (lang === 'en') return x;
  const at = (url: string) => pageIn(x.baseUrl, lang, url);
  const org = <T extends { url: string }>(o: T | null): T | null => (o ? { ...o, url: at(o.url) } : o);
  const appearance = (a: ExportAppearance): ExportAppearance => ({
    ...a,
    person: { ...a.person, url: at(a.person.url) },
    affiliation: { ...a.affiliation, organization: org(a.affiliation.organization) },
  });
  const session = (s: ExportSession): ExportSession => ({ ...s, url: at(s.url), appearances: s.appearances.map(appearance) });
  return {
    ...x,
    series: { ...x.series, url: at(x.series.url), convener: org<ExportOrganization>(x.series.convener) },
    event: { ...x.event, url: at(x.event.url) },
    days: x.days.map((d) => ({ ...d, sessions: d.sessions.map(session) })),
    cancelled: x.cancelled.map(session),
  };
}

/**
 * A JSON answer of the API read in `lang` (`?lang=fr`) with each `url` (a public page: an event's, a session's, a
 * person's…) in that language, as its facets' search pages already are; `apiUrl`s, files and addresses away from the
 * site stay as they are. A copy: the value given is not changed.
 */
export function pageUrlsIn(value: unknown, base: string, lang: InterfaceLanguage): unknown {
  if (lang === 'en') return value;
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v === null || typeof v !== 'object') return v;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = k === 'url' && typeof x === 'string' ? pageIn(base, lang, x) : walk(x);
    return out;
  };
  return walk(value);
}
