// iCalendar (RFC 5545) renderings of the agenda, made with ical-generator: a whole event, one
// session, or one person's sessions across events. Pure functions of EventExport data: no
// clock, no database, so two renders of unchanged data are byte-identical (the cache and
// clients' conditional requests rely on that).
//
// Choices, in one place:
// - Sessions without a start time are left out: a calendar entry cannot be placed without one.
// - A session without an end ends where the next timed session of its day starts, or else
//   after DEFAULT_MINUTES; clients need a DTEND to draw a block at all.
// - Breaks are included, since they are part of the day a subscriber plans around, but marked
//   TRANSP:TRANSPARENT so they do not show the subscriber as busy.
// - Times are written in the venue's zone (TZID=…), always, with a VTIMEZONE made from the tz
//   database's transitions over the local years the calendar's times of that zone fall in
//   (exports/vtimezone.ts): New York in 2006 gets 2006's daylight time (2 April to 29 October),
//   not today's rule, so every client computes the instants Temporal does.
// - A session is the same VEVENT in every feed that holds it (event, session, person): the same
//   UID, SUMMARY ("Session — Event", which also reads right alone in someone's own calendar),
//   SEQUENCE and DTSTAMP, so a calendar that holds two feeds never swaps one version for another.
//   SEQUENCE and DTSTAMP come from the event's latest release (its time in seconds since 2000;
//   each release at least a second after the one before), not from the site's generation, so
//   they rise exactly when the public programme changes. A session a release dropped stays in the
//   feeds under its UID with STATUS:CANCELLED, so subscribed calendars take it out.
// - Speakers and moderators are ATTENDEEs (CN, ROLE=CHAIR for moderators, REQ-PARTICIPANT for
//   speakers, PARTSTAT=ACCEPTED as the programme lists them), valued with their page's address:
//   no e-mail address is published. The convening organization is the ORGANIZER, reached at the
//   event's contact address or else at its page. With ATTENDEEs there is no METHOD:PUBLISH: iTIP
//   (RFC 5546 §3.2.1) forbids ATTENDEE in a PUBLISH, and libical marks such events INVALID-ITIP.
//   Without a METHOD the file is a plain calendar object, not a scheduling message.
import { ICalCalendar, ICalEventStatus, ICalEventTransparency, type ICalEventData } from 'ical-generator';
import { Temporal } from 'temporal-polyfill';
import type { EventExport, ExportAppearance, ExportDay, ExportSession } from './model.ts';
import { vtimezoneCovering } from './vtimezone.ts';

export const DEFAULT_MINUTES = 60;
/** Clients re-fetch subscribed calendars this often (REFRESH-INTERVAL, X-PUBLISHED-TTL). */
const REFRESH_SECONDS = 3600;
const PRODID = { company: 'Plenary', product: 'Plenary', language: 'EN' };

/** One session together with the event it belongs to (a person calendar spans events). */
export type CalendarEntry = { data: EventExport; day: ExportDay; session: ExportSession; cancelled?: boolean };

const KIND_CATEGORY: Record<ExportSession['kind'], string> = {
  opening: 'Opening',
  panel: 'Panel',
  keynote: 'Keynote',
  break: 'Break',
  closing: 'Closing',
  other: 'Session',
};

/**
 * The words of the descriptions, in the language of the address the calendar is fetched from
 * (/fr/events/x/calendar.ics): the web layer passes them from its catalogue; English by default.
 */
/**
 * The words a calendar is written in (the address's language): role words, and `heading`, a session's
 * title as the page heads it ("Table ronde 1: …" in French); without it, `displayTitle` (English).
 */
export type CalendarWords = { lang: string; moderator: string; speaker: string; heading?: (s: Pick<ExportSession, 'kind' | 'number' | 'title'>) => string; /** after a role word: ": ", French " : " (no-break space) */ colon?: string };
const headingOf = (s: ExportSession, w: CalendarWords) => (w.heading ? w.heading(s) : s.displayTitle);
export const ENGLISH_CALENDAR_WORDS: CalendarWords = { lang: 'en', moderator: 'Moderator', speaker: 'Speaker' };

const languageNamesIn = new Map<string, Intl.DisplayNames>();

/** "English" for "en" (in `lang`: "anglais"); the code itself where Intl has no name or rejects it (it throws on malformed tags, and names "" "root"). */
function languageName(code: string, lang: string): string | null {
  if (!/^[a-z]{2,3}(-[a-z0-9]{1,8})*$/i.test(code)) return code || null;
  try {
    let names = languageNamesIn.get(lang);
    if (!names) languageNamesIn.set(lang, (names = new Intl.DisplayNames([lang], { type: 'language' })));
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}

/** RFC 5545 TEXT escaping, for properties ical-generator writes verbatim (NAME, X-WR-CALNAME). */
function escapeText(s: string): string {
  return s.replace(/[\\;,]/g, (ch) => `\\${ch}`).replace(/\r\n|\r|\n/g, '\\n');
}

/** ical-generator TEXT-escapes URL and ATTACH values, which are URIs: percent-encode what it would escape. */
function safeUri(u: string): string {
  return u.replace(/[\\;,]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
}

function personLine(a: ExportAppearance, w: CalendarWords): string {
  const role = a.roleLabel ?? (a.role === 'moderator' ? w.moderator : w.speaker);
  const name = [a.honorific, a.person.name].filter(Boolean).join(' ');
  let line = `${role}${w.colon ?? ': '}${[name, a.affiliation.text].filter(Boolean).join(', ')}`;
  if (a.talkTitle) line += ` — “${a.talkTitle}”`;
  const lines = [line];
  for (const m of a.materials) {
    const lang = languageName(m.lang, w.lang);
    lines.push(`  ${m.label}${lang ? ` (${lang})` : ''}${m.url ? `: ${m.url}` : ''}`);
  }
  return lines.join('\n');
}

/** An RFC 5545 parameter value, always quoted so that ",", ";" and ":" are safe; a quoted value cannot hold DQUOTE or controls. */
function paramValue(s: string): string {
  return `"${s.replace(/"/g, "'").replace(/[\u0000-\u001f\u007f]/g, ' ')}"`;
}

/** ORGANIZER: the convener, at the event's contact address or else at its page; null when neither is known. */
function organizerLine(data: EventExport): string | null {
  const convener = data.series.convener;
  const email = data.event.contactEmail;
  if (!convener && !email) return null;
  return `ORGANIZER${convener ? `;CN=${paramValue(convener.name)}` : ''}:${email ? `mailto:${email}` : convener!.url}`;
}

/** One ATTENDEE per person, moderators (CHAIR) first, then speakers (REQ-PARTICIPANT), in the order printed. */
function attendeeLines(s: ExportSession): string[] {
  const seen = new Set<number>();
  const lines: string[] = [];
  for (const a of [...s.appearances.filter((x) => x.role === 'moderator'), ...s.appearances.filter((x) => x.role === 'speaker')]) {
    if (seen.has(a.person.id)) continue;
    seen.add(a.person.id);
    lines.push(`ATTENDEE;CN=${paramValue(a.person.name)};ROLE=${a.role === 'moderator' ? 'CHAIR' : 'REQ-PARTICIPANT'};PARTSTAT=ACCEPTED:${a.person.url}`);
  }
  return lines;
}

const SEQUENCE_EPOCH = Date.UTC(2000, 0, 1);

/** Seconds from 2000 to the event's last change: grows with every change and fits a 32-bit integer until 2068. */
export function sequenceOf(updatedAt: string): number {
  return Math.max(0, Math.floor((Date.parse(updatedAt) - SEQUENCE_EPOCH) / 1000));
}

/** Moderators first, then speakers, each in the order printed; materials under their speaker; the page last. */
export function sessionDescription(s: ExportSession, w: CalendarWords = ENGLISH_CALENDAR_WORDS): string {
  const ordered = [...s.appearances.filter((a) => a.role === 'moderator'), ...s.appearances.filter((a) => a.role === 'speaker')];
  const people = ordered.map((a) => personLine(a, w));
  return [...people, ...(people.length ? [''] : []), s.url].join('\n');
}

/** The end instant (UTC ISO): as printed, else the next timed session's start that day, else start + DEFAULT_MINUTES. */
function endInstant(day: ExportDay, s: ExportSession, start: Temporal.Instant): Temporal.Instant {
  if (s.endsAtUtc) return Temporal.Instant.from(s.endsAtUtc);
  const next = day.sessions
    .map((o) => (o.startsAtUtc ? Temporal.Instant.from(o.startsAtUtc) : null))
    .filter((t): t is Temporal.Instant => t !== null && Temporal.Instant.compare(t, start) > 0)
    .sort(Temporal.Instant.compare)[0];
  return next ?? start.add({ minutes: DEFAULT_MINUTES });
}

// --- Rendering ---

type Timed = CalendarEntry & { start: Temporal.Instant; end: Temporal.Instant };

function render(meta: { name: string; url: string; source: string; timeZone: string | null }, entries: CalendarEntry[], w: CalendarWords): string {
  const timed: Timed[] = entries.flatMap((e) => {
    if (!e.session.startsAtUtc) return []; // no start time: cannot be placed (see the top of this file)
    const start = Temporal.Instant.from(e.session.startsAtUtc);
    return [{ ...e, start, end: endInstant(e.day, e.session, start) }];
  });
  // Each zone's VTIMEZONE covers the years of every instant written in it (see the top of this file).
  const zones = new Map<string, string>();
  for (const tz of new Set(timed.map((e) => e.data.event.timeZone))) {
    zones.set(tz, vtimezoneCovering(tz, timed.filter((e) => e.data.event.timeZone === tz).flatMap((e) => [e.start, e.end])));
  }

  const cal = new ICalCalendar({
    prodId: { ...PRODID, language: w.lang.toUpperCase() },
    name: escapeText(meta.name),
    url: safeUri(meta.url),
    source: safeUri(meta.source),
    ttl: REFRESH_SECONDS,
    // No calendar-wide zone name: ical-generator would then write DTSTAMP in local time. Our
    // VTIMEZONE blocks are put in by withEvents below.
    timezone: { name: null, generator: () => null },
  });
  if (meta.timeZone && zones.has(meta.timeZone)) cal.x('X-WR-TIMEZONE', meta.timeZone);

  const people = new Map<string, string[]>();
  // Each VEVENT's text, unfolded: ical-generator folds the whole calendar in its toString() with a
  // TextEncoder made for every character, which took seconds for a person's calendar of 600
  // sessions; the calendar is rendered without its events and they are put in its place below.
  const vevents: string[] = [];
  const eventZones: Array<string | null> = [];
  for (const e of timed) {
    const { data, session: s } = e;
    const tz = data.event.timeZone;
    // DTSTAMP and LAST-MODIFIED come from the event's last change, never from the clock, so that
    // rendering unchanged data twice gives the same bytes.
    const stamp = new Date(data.release?.createdAt ?? data.updatedAt);
    const uid = `${s.guid}@${new URL(data.baseUrl).hostname}`;
    const event: ICalEventData = {
      id: uid,
      // Grows with every change of the event, so clients take a re-fetched entry as an update of the one they hold.
      sequence: sequenceOf(data.release?.createdAt ?? data.updatedAt),
      stamp,
      lastModified: stamp,
      start: e.start.toZonedDateTimeISO(tz),
      end: e.end.toZonedDateTimeISO(tz),
      timezone: tz,
      summary: `${headingOf(s, w)} — ${data.event.title}`,
      description: sessionDescription(s, w),
      location: [data.event.venue, data.event.city].filter(Boolean).join(', ') || null,
      url: safeUri(s.url),
      categories: [{ name: KIND_CATEGORY[s.kind] }],
      status: e.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      attachments: s.appearances.flatMap((a) => a.materials.flatMap((m) => (m.url ? [safeUri(m.url)] : []))),
    };
    if (s.kind === 'break') event.transparency = ICalEventTransparency.TRANSPARENT;
    const created = cal.createEvent(event);
    vevents.push(created.toString());
    eventZones.push(created.timezone());
    // ical-generator writes ORGANIZER and ATTENDEE only as mailto: addresses; these are added after it.
    const organizer = organizerLine(data);
    people.set(uid, [...(organizer ? [organizer] : []), ...attendeeLines(s)]);
  }
  cal.clear();
  return finish(withEvents(cal.toString(), eventZones, vevents, zones), people);
}

/**
 * The calendar as ical-generator's toString() would write it with these events, unfolded: the
 * VTIMEZONE of each zone the events use (in the order they first use it; exports/vtimezone.ts)
 * before REFRESH-INTERVAL, the events after X-PUBLISHED-TTL, where its toString() puts them.
 */
function withEvents(empty: string, zones: Array<string | null>, vevents: string[], blocks: ReadonlyMap<string, string>): string {
  const lines = empty.replace(/\r\n[ \t]/g, '').split('\r\n');
  const tz = [...new Set(zones)].filter((z): z is string => z !== null && !z.startsWith('/')).flatMap((z) => {
    const block = blocks.get(z);
    return block ? [block] : [];
  });
  const refresh = lines.findIndex((l) => l.startsWith('REFRESH-INTERVAL'));
  const ttl = lines.findIndex((l) => l.startsWith('X-PUBLISHED-TTL'));
  if (refresh < 0 || ttl < refresh) throw new Error('ical: the calendar has no REFRESH-INTERVAL and X-PUBLISHED-TTL to place its events by');
  const events = vevents.join('').replace(/\r\n$/, '');
  return [...lines.slice(0, refresh), ...tz, ...lines.slice(refresh, ttl + 1), ...(events ? [events] : []), ...lines.slice(ttl + 1)].join('\r\n');
}

/**
 * RFC 5545 folding, as ical-generator's foldLines does it (a line longer than 75 octets goes on
 * after CRLF and a space; a character is never split), counting octets without encoding.
 */
export function foldLines(text: string): string {
  return text
    .split('\r\n')
    .map((line) => {
      if (line.length <= 24) return line; // at most 3 octets a UTF-16 unit: 24 units stay within 74 octets
      let out = '';
      let n = 0;
      for (let i = 0; i < line.length; i++) {
        const code = line.charCodeAt(i);
        let ch = line[i]!;
        let octets: number;
        if (code >= 0xd800 && code <= 0xdbff && i + 1 < line.length) {
          ch += line[++i]!;
          const next = ch.charCodeAt(1);
          // A pair is 4 octets; a lone high surrogate becomes U+FFFD (3), then the unit after it.
          octets = next >= 0xdc00 && next <= 0xdfff ? 4 : 3 + (next < 0x80 ? 1 : next < 0x800 ? 2 : 3);
        } else if (code < 0x80) octets = 1;
        else if (code < 0x800) octets = 2;
        else octets = 3;
        n += octets;
        if (n > 74) {
          out += '\r\n ';
          n = octets;
        }
        out += ch;
      }
      return out;
    })
    .join('\r\n');
}

/**
 * RFC 5545 wants the calendar's own properties before its components; ical-generator writes
 * REFRESH-INTERVAL after the VTIMEZONE and X- properties after the events. Unfold, move those
 * lines up, add each VEVENT's ORGANIZER and ATTENDEE lines (by UID) at its end, fold again
 * (75 octets, CRLF), and end the last line with CRLF as every line must.
 */
function finish(text: string, people: ReadonlyMap<string, string[]>): string {
  const lines = text.replace(/\r\n[ \t]/g, '').split('\r\n');
  const props: string[] = [];
  const rest: string[] = [];
  let depth = 0;
  let uid: string | null = null;
  for (const line of lines) {
    if (line.startsWith('BEGIN:')) depth++;
    if (line.startsWith('UID:')) uid = line.slice(4);
    if (line === 'END:VEVENT') {
      rest.push(...(people.get(uid ?? '') ?? []));
      uid = null;
    }
    const topLevel = depth === 1 && !line.startsWith('BEGIN:') && !line.startsWith('END:');
    (topLevel ? props : rest).push(line);
    if (line.startsWith('END:')) depth--;
  }
  // rest[0] is BEGIN:VCALENDAR
  // RFC 5545 allows no control character in a value but HTAB; ical-generator writes them as
  // given (it escapes only CR and LF), so any that stored text still holds are dropped here.
  return `${foldLines([rest[0]!, ...props, ...rest.slice(1)].join('\r\n').replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, ''))}\r\n`;
}

function entriesOf(data: EventExport): CalendarEntry[] {
  const live = data.days.flatMap((day) => day.sessions.map((session): CalendarEntry => ({ data, day, session })));
  // Sessions a release dropped stay in the feed as cancelled, so that subscribed calendars remove them.
  const cancelled = (data.cancelled ?? []).map((session): CalendarEntry => ({ data, day: { index: 0, date: session.date, label: null, sessions: [session] }, session, cancelled: true }));
  return [...live, ...cancelled];
}

/** The whole event: every timed session, breaks included. */
export function eventCalendar(data: EventExport, words: CalendarWords = ENGLISH_CALENDAR_WORDS): string {
  return render(
    { name: data.event.title, url: data.event.url, source: `${data.event.url}/calendar.ics`, timeZone: data.event.timeZone },
    entriesOf(data),
    words,
  );
}

/** One session of the event ("add to my calendar"); undefined when the event has no such session or it has no start time. */
export function sessionCalendar(data: EventExport, sessionId: number, words: CalendarWords = ENGLISH_CALENDAR_WORDS): string | undefined {
  const entries = entriesOf(data).filter((e) => e.session.id === sessionId && e.session.startsAtUtc !== null);
  if (entries.length === 0) return undefined;
  return render(
    {
      name: `${headingOf(entries[0]!.session, words)} — ${data.event.title}`,
      url: entries[0]!.session.url,
      source: `${data.event.url}/sessions/${sessionId}/calendar.ics`,
      timeZone: data.event.timeZone,
    },
    entries,
    words,
  );
}

/**
 * One person's sessions across events, each exactly as in its event's own calendar.
 * `entries` are the sessions they appear in, in the order to list them.
 */
export function personCalendar(person: { name: string; url: string }, entries: CalendarEntry[], words: CalendarWords = ENGLISH_CALENDAR_WORDS): string {
  const zones = new Set(entries.map((e) => e.data.event.timeZone));
  return render(
    { name: person.name, url: person.url, source: `${person.url}/calendar.ics`, timeZone: zones.size === 1 ? [...zones][0]! : null },
    entries,
    words,
  );
}
