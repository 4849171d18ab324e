// Presentation helpers shared by the views: dates, times and labels in the reader's language.
import { Temporal } from 'temporal-polyfill';
import { type InterfaceLanguage, intlLocale, languageInfo } from '../../interface-languages.ts';
import type { Translate } from '../i18n/t.ts';
import { currentPlace } from './render-context.ts';
import { formatNumber } from '../i18n/numbers.ts';

// Formatters are made once per language: making one takes a tenth of a millisecond, and a page
// of a hundred appearances or events formats a hundred dates.
const formats = new Map<string, Intl.DateTimeFormat>();
function format(lang: InterfaceLanguage, kind: 'long' | 'range'): Intl.DateTimeFormat {
  const key = `${lang} ${kind}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(intlLocale(lang), { ...(kind === 'long' ? { weekday: 'long' as const } : {}), day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    formats.set(key, f);
  }
  return f;
}

/** A calendar date (YYYY-MM-DD) as the UTC midnight Intl formats it. */
function utcDate(date: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const d = m ? { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) } : Temporal.PlainDate.from(date);
  const out = new Date(Date.UTC(d.year, d.month - 1, d.day));
  // Years 0–99 would be taken as 1900–1999 by Date.UTC.
  out.setUTCFullYear(d.year);
  return out;
}

export function longDate(date: string, lang: InterfaceLanguage): string {
  return format(lang, 'long').format(utcDate(date));
}

/** An instant as stored ("2026-11-30 04:05", "2026-11-30T04:05:12.345Z"; no zone given is UTC) as a Date, or null. */
function instant(iso: string): Date | null {
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(Z|UTC|[+-]\d{2}:?\d{2})?$/.exec(iso.trim());
  if (!m) return null;
  const zone = !m[3] || m[3] === 'UTC' ? 'Z' : m[3];
  const d = new Date(`${m[1]}T${m[2]}${zone}`);
  return Number.isNaN(d.getTime()) ? null : d;
}

const stamps = new Map<string, Intl.DateTimeFormat>();
/** A zone's day (YYYY-MM-DD) of a moment, one formatter a zone: toLocaleDateString makes a new one on every call (0.5 ms). */
const dayInZone = new Map<string, Intl.DateTimeFormat>();
/**
 * A moment (the audit log's, a deletion's, a link's) with its date and time of day in the reader's language, and the
 * zone named: "November 30, 2026 at 04:05 UTC", French "30 novembre 2026 à 04:05 UTC", Arabic with Latin digits.
 * The zone: `timeZone` when given; else, in the workspace, the reader's own zone (the `plenary_tz` cookie chosen on an
 * event page, web/viewer-zone.ts: the render's `Place.zone`), named as the event page names zones (`zoneName`):
 * "November 29, 2026 at 23:05 Eastern Time"; else UTC, named "UTC". A text that is not a date and time is returned as
 * it is; a bare date is its long date without the weekday.
 */
export function timestamp(iso: string, lang: InterfaceLanguage, timeZone = currentPlace().zone ?? 'UTC'): string {
  const d = instant(iso);
  if (!d) return /^\d{4}-\d{2}-\d{2}$/.test(iso) ? format(lang, 'range').format(utcDate(iso)) : iso;
  const key = `${lang} ${timeZone}`;
  let f = stamps.get(key);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat(intlLocale(lang), { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone, timeZoneName: timeZone === 'UTC' ? 'short' : 'longGeneric' });
    } catch {
      return timestamp(iso, lang, 'UTC');
    }
    if (stamps.size >= 1_000) stamps.clear();
    stamps.set(key, f);
  }
  if (timeZone === 'UTC') return f.format(d);
  // The zone by the name the event page gives it (Intl's generic name, or its long name where that would be an offset).
  let days = dayInZone.get(timeZone);
  if (!days) {
    if (dayInZone.size >= 1_000) dayInZone.clear();
    dayInZone.set(timeZone, (days = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })));
  }
  const day = days.format(d);
  return f
    .formatToParts(d)
    .map((x) => (x.type === 'timeZoneName' ? zoneName(timeZone, lang, day) : x.value))
    .join('');
}

/**
 * A time zone's name in the reader's language, for a label beside times and in the notes on zones: Intl's (CLDR's)
 * generic name, `timeZoneName: 'longGeneric'` ("Eastern Time", "heure de l’Est nord-américain", "hora oriental",
 * "التوقيت الشرقي لأمريكا الشمالية"; "Central European Time", "heure d’Europe centrale"…). Why that one: it is the only
 * option that names every zone Intl lists by words in English, French, Spanish and Arabic (shortGeneric gives "ET",
 * "CET", "GMT" for a hundred zones in English and Spanish; the offset forms name no place), and it is the same name all
 * year (`long` says "heure d’été" in one season and "heure normale" in the other, while the day's note gives the offset).
 * These are the names delegates meet in their calendars. Where CLDR has no generic name Intl writes the zone's place
 * ("heure : Royaume-Uni"); where it would write an offset (UTC itself: "GMT+00:00") the zone's long name is taken
 * ("Coordinated Universal Time", "temps universel coordonné"). `date` (YYYY-MM-DD) is the day the name is for (a zone may
 * change its name in the tz database's history), so a page's text depends on nothing but its data. Kept per language,
 * zone and day (at most 10,000).
 */
export function zoneName(zone: string, lang: InterfaceLanguage, date = '2024-01-01'): string {
  const key = `${lang} ${zone} ${date}`;
  let out = zoneNames.get(key);
  if (out === undefined) {
    const at = utcDate(date);
    at.setUTCHours(12);
    const named = (timeZoneName: 'longGeneric' | 'long') => {
      try {
        return new Intl.DateTimeFormat(intlLocale(lang), { timeZone: zone, timeZoneName }).formatToParts(at).find((x) => x.type === 'timeZoneName')?.value ?? zone;
      } catch {
        return zone;
      }
    };
    out = named('longGeneric');
    if (/\d/.test(out)) out = named('long');
    if (zoneNames.size >= 10_000) zoneNames.clear();
    zoneNames.set(key, out);
  }
  return out;
}
const zoneNames = new Map<string, string>();

/**
 * What the language puts between a date and a time of day ("Tuesday, April 18, 2017, 10:00–11:30";
 * Arabic "…2017، 10:00"): read from Intl's own date-and-time range, so no comma is glued in by hand.
 */
const joiners = new Map<string, string>();
function dateTimeJoiner(lang: InterfaceLanguage): string {
  let j = joiners.get(lang);
  if (j === undefined) {
    const f = new Intl.DateTimeFormat(intlLocale(lang), { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC' });
    const parts = f.formatRangeToParts(Date.UTC(2017, 3, 18, 10), Date.UTC(2017, 3, 18, 11, 30));
    const hour = parts.findIndex((x) => x.type === 'hour');
    const before = hour > 0 ? parts[hour - 1]! : undefined;
    j = before?.type === 'literal' ? before.value : ', ';
    joiners.set(lang, j);
  }
  return j;
}

/** A day (its long date) and a time or span of times as printed ("10:00–11:30"), joined as the language joins them. */
export function dateAndTime(date: string, time: string, lang: InterfaceLanguage): string {
  return date && time ? `${date}${dateTimeJoiner(lang)}${time}` : date || time;
}

/** Items as one list in the language ("dates, venue and title"; Arabic "… و…"). */
export function listOf(items: readonly string[], lang: InterfaceLanguage, type: 'conjunction' | 'unit' = 'conjunction'): string {
  const key = `${lang} ${type}`;
  let f = listFormats.get(key);
  if (!f) listFormats.set(key, (f = new Intl.ListFormat(intlLocale(lang), { type, style: type === 'unit' ? 'short' : 'long' })));
  return f.format(items);
}
/** Made once per language and type: making one cost more than using it (2.5 ms of a cold event page of 60 speakers). */
const listFormats = new Map<string, Intl.ListFormat>();

/**
 * A file's size as the language writes it (Intl.NumberFormat, unit style): "1.2 MB", "312 kB" in English, "1,2 Mo",
 * "312 ko" in French, "1,2 MB" in Spanish, "1.2 ميغابايت" in Arabic (the long unit: CLDR's short one, "م.ب", is not
 * what Arabic pages write). Megabytes from one (one decimal), else whole kilobytes (at least 1); units of 1,024.
 */
export function fileSize(bytes: number, lang: InterfaceLanguage): string {
  // From 1,023.5 KiB up, whole kilobytes would round to "1,024 kB": megabytes instead.
  const mb = Math.round(bytes / 1024) >= 1024;
  // Through i18n/numbers.ts: French's space between number and unit (U+202F in recent CLDR) is U+00A0, as the catalogues write it.
  return formatNumber(lang, mb ? bytes / 1024 / 1024 : Math.max(1, Math.round(bytes / 1024)), { style: 'unit', unit: mb ? 'megabyte' : 'kilobyte', unitDisplay: languageInfo(lang).unitDisplay, maximumFractionDigits: mb ? 1 : 0 });
}

/** A number as the language writes it ("1.5", French and Spanish "1,5"); for counts inside a sentence such as "{mb} MB". */
export function decimal(n: number, lang: InterfaceLanguage): string {
  return formatNumber(lang, n, { maximumFractionDigits: 1 });
}

/**
 * Kept per language and pair of dates (at most 10,000): Intl's formatRange took 0.1–0.15 ms a call,
 * 10–15 ms of a page of a hundred events.
 */
export function dateRange(start: string, end: string, lang: InterfaceLanguage): string {
  const key = `${lang} ${start} ${end}`;
  let out = ranges.get(key);
  if (out === undefined) {
    const fmt = format(lang, 'range');
    out = start === end ? fmt.format(utcDate(start)) : fmt.formatRange(utcDate(start), utcDate(end));
    if (ranges.size >= 10_000) ranges.clear();
    ranges.set(key, out);
  }
  return out;
}
const ranges = new Map<string, string>();

export function sessionHeading(s: { kind: string; number: number | null; title: string | null }, t: Translate): string {
  const prefix = s.number !== null ? t('session.panel', { n: s.number }) : null;
  // "Table ronde 1 : …" (a no-break space in French): the catalogue joins them.
  if (prefix && s.title) return t('session.heading', { panel: prefix, title: s.title });
  return prefix ?? s.title ?? t(`session.kind.${s.kind}` as Parameters<Translate>[0]);
}

// Explicit direction marks, embeddings, overrides and isolates, and the right-to-left scripts
// (Hebrew to NKo and their presentation forms; the supplementary planes' RTL blocks).
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]|[\uD802\uD803\uD83A\uD83B][\uDC00-\uDFFF]/;

/**
 * Isolates text for places where markup cannot (a <title>, an attribute shown as text): FSI …
 * PDI, added only where the text could change the order of what follows it.
 */
export function isolate(text: string): string {
  return BIDI.test(text) ? `\u2068${text}\u2069` : text;
}

/**
 * A message's parameter that holds a date or a moment, as the reader's language writes it (the form errors' {date},
 * {at}, {when}; the domain passes them as stored): {date} and {expires} a calendar date (its long date), {at} a
 * moment in UTC (its timestamp, "UTC" shown), {when} a day and a time of day of the agenda (local time, no zone).
 * Any other parameter, or a value that is not such a date, is returned as it is.
 */
export function dateParam(name: string, v: string, lang: InterfaceLanguage): string {
  if (DAY_PARAMS.has(name) && /^\d{4}-\d{2}-\d{2}$/.test(v)) return longDate(v, lang);
  if (MOMENT_PARAMS.has(name) && instant(v)) return timestamp(v, lang);
  if (name === 'when') {
    const m = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}(?:[–-]\d{2}:\d{2})?))?$/.exec(v);
    if (m) return dateAndTime(longDate(m[1]!, lang), m[2] ?? '', lang);
  }
  return v;
}
const DAY_PARAMS = new Set(['date', 'expires', 'startDate', 'endDate', 'start', 'end']);
const MOMENT_PARAMS = new Set(['at', 'createdAt', 'decidedAt', 'deletedAt', 'undoneAt', 'expiresAt']);
