// VTIMEZONE blocks (RFC 5545 §3.6.5) made from the tz database's own transitions, as Temporal
// reads them (Node's ICU), over the years a calendar's times fall in. A library block carries a
// zone's current rule only, which places times of other years wrongly (New York before 2007:
// daylight time from the first Sunday of April to the last Sunday of October, not the second
// Sunday of March to the first Sunday of November). Pure: the same zone and years give the same
// bytes.
//
// The block covers whole local years, from 1 January of the first year to 1 January after the last:
// - one observance for the offset in force on that first 1 January (its DTSTART then), and
// - one per kind of change within the span (offset before, offset after, name), DAYLIGHT when
//   the offset grows and STANDARD when it shrinks, its first change as DTSTART and every other one
//   as an RDATE, each in local time of the offset before it (TZOFFSETFROM), as the RFC reads them.
// No RRULE: a rule would claim years outside the span, for which nothing was checked.
import { Temporal } from 'temporal-polyfill';

type Change = { at: Temporal.Instant; from: number; to: number; name: string | null };

/** ±HHMM, or ±HHMMSS when the offset has seconds (local mean times of old years). */
export function offsetText(seconds: number): string {
  const sign = seconds < 0 ? '-' : '+';
  const s = Math.abs(seconds);
  const pad = (n: number) => String(n).padStart(2, '0');
  const hhmm = `${sign}${pad(Math.floor(s / 3600))}${pad(Math.floor((s % 3600) / 60))}`;
  return s % 60 === 0 ? hhmm : `${hhmm}${pad(s % 60)}`;
}

/** A local date-time as iCalendar writes it: 20061029T020000. */
function localText(t: Temporal.PlainDateTime): string {
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(t.year, 4)}${pad(t.month)}${pad(t.day)}T${pad(t.hour)}${pad(t.minute)}${pad(t.second)}`;
}

/** The wall time an instant shows at a given offset (seconds). */
function wallTime(at: Temporal.Instant, offset: number): Temporal.PlainDateTime {
  return at.add({ seconds: offset }).toZonedDateTimeISO('UTC').toPlainDateTime();
}

const names = new Map<string, Intl.DateTimeFormat[]>();

/** The zone's abbreviation at an instant (EST, CEST), or null where Intl knows only "GMT+5:45". */
function zoneName(tzid: string, at: Temporal.Instant): string | null {
  let formats = names.get(tzid);
  if (!formats) {
    formats = ['en-US', 'en-GB', 'en-AU', 'en-IN'].map((l) => new Intl.DateTimeFormat(l, { timeZone: tzid, timeZoneName: 'short' }));
    names.set(tzid, formats);
  }
  for (const f of formats) {
    const name = f.formatToParts(at.epochMilliseconds).find((p) => p.type === 'timeZoneName')?.value;
    if (name && !/^(GMT|UTC)[+-−]/.test(name)) return name;
  }
  return null;
}

/** Every change of the zone's UTC offset in [from, to), in order. */
export function offsetChanges(tzid: string, from: Temporal.ZonedDateTime, to: Temporal.Instant): Change[] {
  const changes: Change[] = [];
  let before = from.offsetNanoseconds / 1e9;
  let at: Temporal.ZonedDateTime | null = from;
  while ((at = at.getTimeZoneTransition('next')) !== null && Temporal.Instant.compare(at.toInstant(), to) < 0) {
    const after = at.offsetNanoseconds / 1e9;
    changes.push({ at: at.toInstant(), from: before, to: after, name: zoneName(tzid, at.toInstant()) });
    before = after;
  }
  return changes;
}

function observance(kind: 'STANDARD' | 'DAYLIGHT', name: string | null, from: number, to: number, starts: Temporal.PlainDateTime[]): string[] {
  return [
    `BEGIN:${kind}`,
    `DTSTART:${localText(starts[0]!)}`,
    ...starts.slice(1).map((s) => `RDATE:${localText(s)}`),
    `TZOFFSETFROM:${offsetText(from)}`,
    `TZOFFSETTO:${offsetText(to)}`,
    ...(name ? [`TZNAME:${name}`] : []),
    `END:${kind}`,
  ];
}

/** The VTIMEZONE (CRLF lines, no final CRLF) of an IANA zone for local years firstYear..lastYear. */
export function vtimezoneFor(tzid: string, firstYear: number, lastYear: number): string {
  const start = new Temporal.PlainDate(firstYear, 1, 1).toZonedDateTime(tzid);
  const end = new Temporal.PlainDate(lastYear + 1, 1, 1).toZonedDateTime(tzid).toInstant();
  const changes = offsetChanges(tzid, start, end);
  const initial = start.offsetNanoseconds / 1e9;
  const first = changes[0];
  const lines = [
    'BEGIN:VTIMEZONE',
    `TZID:${tzid}`,
    ...observance(first && initial > first.to ? 'DAYLIGHT' : 'STANDARD', zoneName(tzid, start.toInstant()), initial, initial, [start.toPlainDateTime()]),
  ];
  // Changes of one kind (offsets and name) share an observance, in the order they first happen.
  const groups = new Map<string, { change: Change; starts: Temporal.PlainDateTime[] }>();
  for (const c of changes) {
    const key = `${c.from}|${c.to}|${c.name ?? ''}`;
    const group = groups.get(key) ?? { change: c, starts: [] };
    group.starts.push(wallTime(c.at, c.from));
    groups.set(key, group);
  }
  for (const { change: c, starts } of groups.values()) lines.push(...observance(c.to > c.from ? 'DAYLIGHT' : 'STANDARD', c.name, c.from, c.to, starts));
  lines.push('END:VTIMEZONE');
  return lines.join('\r\n');
}

const blocks = new Map<string, string>();
const MAX_BLOCKS = 2000;

/**
 * The VTIMEZONE for a zone covering these instants (their local years), kept once made (a few
 * hundred zones and spans at most in practice; the map is emptied past MAX_BLOCKS).
 */
export function vtimezoneCovering(tzid: string, instants: Temporal.Instant[]): string {
  let first = Infinity;
  let last = -Infinity;
  for (const t of instants) {
    const y = t.toZonedDateTimeISO(tzid).year;
    if (y < first) first = y;
    if (y > last) last = y;
  }
  if (first === Infinity) first = last = 2000;
  const key = `${tzid}|${first}|${last}`;
  let block = blocks.get(key);
  if (block === undefined) {
    if (blocks.size >= MAX_BLOCKS) blocks.clear();
    block = vtimezoneFor(tzid, first, last);
    blocks.set(key, block);
  }
  return block;
}
