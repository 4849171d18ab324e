// The reader's own time zone on the event page (issue 13). Times stay in the venue's zone; a reader
// may ask to see them in their own zone too:
// - without JavaScript, by a GET form (/events/{slug}/time-zone) whose select sends ?tz=Zone to the
//   event page, which remembers the choice in the plenary_tz cookie (?tz= with no zone forgets it);
// - with JavaScript, a small script (/time-zone.js, same-site as the CSP asks) offers the zone the
//   browser reports as a link to ?tz=Zone, and preselects it in the form.
// The shared page stays one cache entry: a request without the cookie never reaches this code (the
// server's fast path answers it from memory), and a page with a zone is kept under its own key,
// `{path}?tz={zone}`, one per zone Intl knows (a few hundred at most per event, within the cache's
// byte budget), sent `private` so that no shared cache keeps it for others.
import type { Context } from 'hono';
import { Temporal } from 'temporal-polyfill';
import { isTimeZone } from '../domain/time.ts';

export const ZONE_COOKIE = 'plenary_tz';

// ICU (Intl's list on Node 20) still files these zones under their old names; the tz database's
// current ones are offered, and either is understood.
const CURRENT_NAMES: Record<string, string> = {
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Asia/Rangoon': 'Asia/Yangon',
  'Europe/Kiev': 'Europe/Kyiv',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Pacific/Truk': 'Pacific/Chuuk',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Enderbury': 'Pacific/Kanton',
  'America/Godthab': 'America/Nuuk',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Catamarca': 'America/Argentina/Catamarca',
  'America/Cordoba': 'America/Argentina/Cordoba',
  'America/Jujuy': 'America/Argentina/Jujuy',
  'America/Mendoza': 'America/Argentina/Mendoza',
  'America/Indianapolis': 'America/Indiana/Indianapolis',
  'America/Louisville': 'America/Kentucky/Louisville',
  'Africa/Asmera': 'Africa/Asmara',
  'America/Coral_Harbour': 'America/Atikokan',
};

/** The IANA zones a reader may choose: Intl's list under the tz database's current names, sorted, and UTC. */
export const VIEWER_ZONES: readonly string[] = [
  ...Intl.supportedValuesOf('timeZone')
    .map((z) => CURRENT_NAMES[z] ?? z)
    .filter(isTimeZone)
    .sort(),
  'UTC',
];
/** What ?tz= and the cookie may name: those, and the old names a browser may report. */
const KNOWN = new Set([...VIEWER_ZONES, ...Object.keys(CURRENT_NAMES)]);

/** The zone's place as the tz database spells it: "America/New_York" → "New York" (pages name zones by `zoneName`, views/format.ts). */
export function zoneCity(zone: string): string {
  return (zone.split('/').at(-1) ?? zone).replace(/_/g, ' ');
}

/** The zones by region (the part before the first slash), for the form's option groups. */
export function zonesByRegion(): Array<{ region: string; zones: string[] }> {
  const groups = new Map<string, string[]>();
  for (const z of VIEWER_ZONES) {
    const region = z.includes('/') ? z.slice(0, z.indexOf('/')) : 'UTC';
    groups.set(region, [...(groups.get(region) ?? []), z]);
  }
  return [...groups].map(([region, zones]) => ({ region, zones }));
}

/** The zone a Cookie header's `plenary_tz` names, when Intl knows it (the workspace names its moments in it too). */
export function zoneOfCookie(header: string | undefined): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === ZONE_COOKIE) {
      try {
        const zone = decodeURIComponent(part.slice(i + 1).trim());
        return KNOWN.has(zone) ? zone : null;
      } catch {
        return null;
      }
    }
  }
  return null;
}

/** Whether a request carries the zone cookie at all: the server's fast path leaves those to the app. */
export function hasZoneCookie(cookie: string | undefined): boolean {
  return cookie !== undefined && cookie.includes(`${ZONE_COOKIE}=`);
}

export type ZoneChoice = {
  /** the reader's zone to show beside the venue's, or null */
  zone: string | null;
  /** the Set-Cookie header to send, when the request chose (?tz=) */
  setCookie: string | null;
};

/**
 * The reader's zone from ?tz= (which also sets or clears the cookie) or else the cookie. A ?tz=
 * that names no zone Intl knows is ignored, as any other unknown parameter is.
 */
export function viewerZone(c: Context, secure: boolean): ZoneChoice {
  const asked = c.req.query('tz');
  const attrs = `Path=/; SameSite=Lax; HttpOnly${secure ? '; Secure' : ''}`;
  if (asked === '') return { zone: null, setCookie: `${ZONE_COOKIE}=; Max-Age=0; ${attrs}` };
  if (asked !== undefined && KNOWN.has(asked)) {
    return { zone: asked, setCookie: `${ZONE_COOKIE}=${encodeURIComponent(asked)}; Max-Age=31536000; ${attrs}` };
  }
  return { zone: zoneOfCookie(c.req.header('cookie')), setCookie: null };
}

/** The cache key of the event page seen from a zone. */
export const zoneKey = (path: string, zone: string) => `${path}?tz=${zone}`;

/** A local time in the venue's zone seen in another: its wall time, date and offset there. */
export function inZone(date: string, time: string, venue: string, viewer: string): Temporal.ZonedDateTime {
  return Temporal.PlainDate.from(date)
    .toPlainDateTime(Temporal.PlainTime.from(time))
    .toZonedDateTime(venue, { disambiguation: 'compatible' })
    .withTimeZone(viewer);
}

/**
 * The script (no inline code: the CSP allows scripts from this site only). On the event page it
 * offers the browser's own zone as a link beside the form's link, unless it is the venue's or the
 * one already shown; on the form it preselects that zone.
 */
export const TIME_ZONE_JS = `'use strict';
(function () {
  var zone = '';
  try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone || ''; } catch (e) { return; }
  if (!zone) return;
  zone = (${JSON.stringify(CURRENT_NAMES)})[zone] || zone;
  var select = document.querySelector('select[data-viewer-zone]');
  if (select && !select.value) {
    for (var i = 0; i < select.options.length; i++) if (select.options[i].value === zone) select.value = zone;
  }
  var link = document.querySelector('a[data-detected-label]');
  if (!link || zone === link.dataset.venueZone || zone === link.dataset.shownZone) return;
  var a = document.createElement('a');
  a.href = link.dataset.eventPath + '?tz=' + encodeURIComponent(zone);
  // The zone by its name in the page's language, as the server names zones (views/format.ts zoneName), in the
  // page's Intl locale (data-locale: intlLocale() of the page's language, Latin digits in Arabic).
  var name = zone;
  try {
    var named = function (style) {
      var parts = new Intl.DateTimeFormat(link.dataset.locale, { timeZone: zone, timeZoneName: style }).formatToParts(new Date());
      for (var j = 0; j < parts.length; j++) if (parts[j].type === 'timeZoneName') return parts[j].value;
      return zone;
    };
    name = named('longGeneric');
    if (/\d/.test(name)) name = named('long');
  } catch (e) { name = zone; }
  a.textContent = link.dataset.detectedLabel.replace('{zone}', name);
  var p = document.createElement('p');
  p.className = 'tz-detected';
  p.appendChild(a);
  link.parentNode.after(p);
})();
`;
