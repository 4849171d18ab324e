// One "schedule view" of an event, from which both frab exports (schedule.xml and the C3VOC
// schedule.json) are written, so the two cannot drift apart (pretalx does the same with its
// ScheduleData). Everything format-neutral is decided here: which sessions can be expressed,
// day windows, acronym, slugs, persons in order, the moderator text, materials.
import { slugify } from '../domain/slug.ts';
import { isoWithOffset } from '../domain/time.ts';
import type { EventExport, ExportAppearance, ExportMaterial, ExportSession } from './model.ts';

export type FrabPerson = {
  id: number;
  guid: string;
  name: string;
  url: string;
  role: 'moderator' | 'speaker';
  organization: string | null;
  countryCode: string | null;
  /** "Position, Organization, Country" as printed that day; empty when nothing was printed */
  affiliation: string;
};

export type FrabReference = {
  url: string;
  title: string;
  /** our material kind: statement, presentation, video, … */
  kind: string;
  /** a file stored by Plenary (an attachment), rather than a link to a page elsewhere */
  file: boolean;
};

export type FrabEvent = {
  id: number;
  guid: string;
  slug: string;
  title: string;
  subtitle: string;
  type: string;
  track: string;
  /** ISO 8601 with offset */
  date: string;
  end: string | null;
  /** local HH:MM, read from `date` so the two always agree */
  start: string;
  duration: string;
  room: string;
  language: string;
  abstract: string;
  description: string | null;
  url: string;
  persons: FrabPerson[];
  references: FrabReference[];
};

export type FrabDay = { index: number; date: string; start: string; end: string; events: FrabEvent[] };

export type FrabSchedule = {
  version: string;
  scheduleUrl: string;
  baseUrl: string;
  conference: {
    title: string;
    acronym: string;
    description: string | null;
    /** YYYY-MM-DD: the first and last day's dates (see frabSchedule) */
    start: string;
    end: string;
    daysCount: number;
    timeslotDuration: string;
    timeZone: string;
    url: string;
  };
  room: { name: string; guid: string };
  tracks: string[];
  days: FrabDay[];
};

// XML 1.0 forbids C0 controls other than TAB, LF and CR, and U+FFFE/U+FFFF; xmllint rejects the
// whole file for one of them (they arrive in pasted statement text). Lone surrogates cannot be
// encoded as UTF-8 at all. JSON could escape them, but both exports share this view.
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function cleanText(s: string): string {
  return s.replace(FORBIDDEN, '');
}

/**
 * An acronym valid in both formats: the XSD wants [a-z0-9_-]{4,}, the JSON schema
 * ^[a-z0-9_-][a-z0-9_]{3,}(-2[0-9]{3}-[a-z]+)?$, which refuses most hyphens. Underscores for
 * hyphens satisfy both: idm-2017-new-york → idm_2017_new_york.
 */
export function acronymFor(slug: string): string {
  return slug
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, '_')
    .padEnd(4, '_');
}

/** HH:MM, as both formats want; the XSD allows at most two hour digits, so 99:59 is the ceiling. */
export function hhmm(minutes: number): string {
  const m = Math.min(Math.max(0, Math.round(minutes)), 99 * 60 + 59);
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/** The coarsest grid every start and duration sits on, between 5 and 60 minutes (apps draw grids with it). */
function timeslot(sessions: ExportSession[]): string {
  let g = 0;
  for (const s of sessions) {
    const [h, m] = s.startsAt!.slice(11, 16).split(':').map(Number);
    g = gcd(g, h! * 60 + m!);
    if (s.durationMinutes) g = gcd(g, s.durationMinutes);
  }
  return hhmm(g === 0 ? 15 : Math.min(60, Math.max(5, g)));
}

/** Local midnight-to-midnight window of a day without timed sessions, with the zone's offsets. */
function wholeDay(date: string, timeZone: string): { start: string; end: string } {
  return { start: isoWithOffset(date, '00:00', timeZone), end: isoWithOffset(date, '23:59:59', timeZone) };
}

const ms = (utc: string) => Date.parse(utc);

function displayName(a: ExportAppearance): string {
  return a.honorific ? `${a.honorific} ${a.person.name}` : a.person.name;
}

/**
 * The words of the roles' lines in the reader's language (the address's prefix; from the catalogue:
 * exports stay pure). People are separated by `separator` ("; ", French " ; ", Arabic "؛ "), not by a
 * list's commas: an affiliation holds commas of its own ("Director General, IOM").
 */
export type FrabWords = { moderator: string; moderators: string; speaker: string; speakers: string; colon: string; separator: string };
export const ENGLISH_FRAB_WORDS: FrabWords = { moderator: 'Moderator', moderators: 'Moderators', speaker: 'Speaker', speakers: 'Speakers', colon: ': ', separator: '; ' };

/**
 * Neither format can mark a moderator (XML persons carry only id and guid), so the roles ride
 * as text, one line per role: "Moderator: A (Director General, IOM)" then "Speakers: B (…); C (…)".
 */
function rolesText(apps: ExportAppearance[], w: FrabWords): string | null {
  const line = (list: ExportAppearance[], one: string, many: string) => {
    if (list.length === 0) return null;
    const entries = list.map((a) => {
      let e = displayName(a);
      if (a.roleLabel) e += ` [${a.roleLabel}]`;
      if (a.affiliation.text) e += ` (${a.affiliation.text})`;
      if (a.talkTitle) e += `${w.colon}“${a.talkTitle}”`;
      return e;
    });
    return `${list.length === 1 ? one : many}${w.colon}${entries.join(w.separator)}`;
  };
  const lines = [
    line(apps.filter((a) => a.role === 'moderator'), w.moderator, w.moderators),
    line(apps.filter((a) => a.role === 'speaker'), w.speaker, w.speakers),
  ].filter((l): l is string => l !== null);
  return lines.length ? lines.join('\n') : null;
}

/** Moderators first, then speakers, each in printed order; a person listed twice appears once. */
function orderedAppearances(s: ExportSession): ExportAppearance[] {
  const rank = (a: ExportAppearance) => (a.role === 'moderator' ? 0 : 1);
  return [...s.appearances].sort((a, b) => rank(a) - rank(b) || a.position - b.position);
}

function references(s: ExportSession, apps: ExportAppearance[]): FrabReference[] {
  const out: FrabReference[] = [];
  for (const a of apps) {
    for (const m of a.materials) {
      // A material only named on the agenda ("(Statement)") has nothing to link to.
      if (!m.url) continue;
      out.push({ url: m.url, title: cleanText(materialTitle(m, a, s.lang)), kind: m.kind, file: m.mediaType !== null });
    }
  }
  return out;
}

function materialTitle(m: ExportMaterial, a: ExportAppearance, sessionLang: string): string {
  const lang = m.lang && m.lang !== sessionLang ? ` (${m.lang})` : '';
  return `${m.label} – ${displayName(a)}${lang}`;
}

function frabEvent(s: ExportSession, room: string, acronym: string, w: FrabWords): FrabEvent {
  const apps = orderedAppearances(s);
  const seen = new Set<number>();
  const persons: FrabPerson[] = [];
  for (const a of apps) {
    if (seen.has(a.person.id)) continue;
    seen.add(a.person.id);
    persons.push({
      id: a.person.id,
      guid: a.person.guid,
      name: cleanText(a.person.name),
      url: a.person.url,
      role: a.role,
      organization: a.affiliation.organization ? cleanText(a.affiliation.organization.name) : null,
      countryCode: a.affiliation.countryCode,
      affiliation: cleanText(a.affiliation.text),
    });
  }
  const description = rolesText(apps, w);
  return {
    id: s.id,
    guid: s.guid,
    slug: `${acronym}-${s.id}-${slugify(s.displayTitle, 60)}`,
    title: cleanText(s.displayTitle),
    subtitle: '',
    type: s.kind,
    track: s.kind,
    date: s.startsAt!,
    end: s.endsAt,
    // From the instant, not from the stored wall time: a start in a DST gap (02:30 on the
    // spring-forward night) is moved to 03:30, and <start> must say what <date> says.
    start: s.startsAt!.slice(11, 16),
    // No end printed: we claim no length rather than invent one.
    duration: hhmm(s.durationMinutes ?? 0),
    room,
    language: s.lang,
    abstract: '',
    description: description === null ? null : cleanText(description),
    url: s.url,
    persons,
    references: references(s, apps),
  };
}

/**
 * The schedule view of an event. Sessions without a start time are left out: both formats
 * require <date>/<start> for every event, and inventing one would put it on people's calendars.
 * Event-level documents are left out too: frab has attachments per session only.
 */
export function frabSchedule(x: EventExport, w: FrabWords = ENGLISH_FRAB_WORDS): FrabSchedule {
  const acronym = acronymFor(x.event.slug);
  const room = { name: cleanText(x.event.venue?.trim() || 'Main room'), guid: x.event.roomGuid };
  const timed = (ss: ExportSession[]) => ss.filter((s) => s.startsAt !== null && s.startsAtUtc !== null);
  const allTimed = x.days.flatMap((d) => timed(d.sessions));

  const days: FrabDay[] = x.days.map((d, i) => {
    const sessions = timed(d.sessions);
    const events = sessions.map((s) => frabEvent(s, room.name, acronym, w));
    // The window runs from the first start to the last end, so a session running past midnight
    // still sits inside its day's window (clients place sessions by these windows).
    let window = wholeDay(d.date, x.event.timeZone);
    if (sessions.length) {
      const first = sessions.reduce((a, b) => (ms(b.startsAtUtc!) < ms(a.startsAtUtc!) ? b : a));
      const endOf = (s: ExportSession) => ({ at: s.endsAt ?? s.startsAt!, t: ms(s.endsAtUtc ?? s.startsAtUtc!) });
      const last = sessions.map(endOf).reduce((a, b) => (b.t > a.t ? b : a));
      window = { start: first.startsAt!, end: last.at };
    }
    return { index: i + 1, date: d.date, start: window.start, end: window.end, events };
  });

  return {
    // Conference apps compare it to the one they hold: it changes with each release, and only then.
    version: x.release ? `release ${x.release.number}` : `1.${x.generation}`,
    scheduleUrl: `${x.event.url}/schedule.xml`,
    baseUrl: `${x.baseUrl}/`,
    conference: {
      title: cleanText(x.event.title),
      acronym,
      description: x.event.overview ? cleanText(x.event.overview) : null,
      // Dates, not instants: both formats allow either, but the apps read dates. ConfClerk parses
      // them with QDate::fromString(s, "yyyy-MM-dd"), so a datetime becomes an invalid date
      // (stored as 2106-02-07) and its day list holds no events; confy fails with strptime's
      // "%Y-%m-%d %H:%M:%S" on anything with a "T" and an offset. Times are on the days and events.
      start: days[0]?.date ?? x.event.startDate,
      end: days.at(-1)?.date ?? x.event.endDate,
      daysCount: days.length,
      timeslotDuration: timeslot(allTimed),
      timeZone: x.event.timeZone,
      url: x.event.url,
    },
    room,
    tracks: [...new Set(allTimed.map((s) => s.kind))],
    days,
  };
}
