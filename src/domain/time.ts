// When things happen. Sessions are stored in the venue's local wall time; instants are
// derived with Temporal from the event's IANA zone, never from the machine's zone.
import { Temporal } from 'temporal-polyfill';

export function isTimeZone(id: string): boolean {
  try {
    Temporal.ZonedDateTime.from({ year: 2000, month: 1, day: 1, timeZone: id });
    return true;
  } catch {
    return false;
  }
}

export function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  try {
    Temporal.PlainDate.from(s, { overflow: 'reject' });
    return true;
  } catch {
    return false;
  }
}

export function addDays(date: string, days: number): string {
  return Temporal.PlainDate.from(date).add({ days }).toString();
}

/** The instant of a local date and time in a zone; ambiguous or skipped times resolve as 'compatible' (RFC 5545). */
export function zoned(date: string, time: string, timeZone: string): Temporal.ZonedDateTime {
  return Temporal.PlainDate.from(date)
    .toPlainDateTime(Temporal.PlainTime.from(time))
    .toZonedDateTime(timeZone, { disambiguation: 'compatible' });
}

/**
 * The zone's offset through a whole local day, when it has one: the day starts at 00:00 and no
 * transition falls before the next day's start (then every wall time of the day is one instant at
 * that offset, never skipped or repeated). null otherwise (a day of a DST change), or when the
 * offset is not whole minutes (local mean time). Kept per zone and day (at most 4,096; the tz
 * database's answer for a day does not change): an event page's sessions share their days, and
 * each Temporal conversion here costs 0.1–0.3 ms (temporal-polyfill reads offsets through Intl).
 */
function dayOffset(date: string, timeZone: string): { ms: number; label: string } | null {
  const key = `${timeZone} ${date}`;
  const known = dayOffsets.get(key);
  if (known !== undefined) return known;
  const start = Temporal.PlainDate.from(date).toZonedDateTime(timeZone);
  const next = start.getTimeZoneTransition('next');
  // (A day a zone skipped whole, as Apia did 30 December 2011, "starts" on the next one.)
  const whole = start.toPlainDate().toString() === date && start.hour === 0 && start.minute === 0 && start.offsetNanoseconds % 60_000_000_000 === 0;
  const value = whole && (next === null || Temporal.ZonedDateTime.compare(next, start.add({ days: 1 })) >= 0) ? { ms: start.offsetNanoseconds / 1_000_000, label: start.offset } : null;
  if (dayOffsets.size >= 4096) dayOffsets.clear();
  dayOffsets.set(key, value);
  return value;
}
const dayOffsets = new Map<string, { ms: number; label: string } | null>();

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const WALL_TIME = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/;

/**
 * A local date and time in a zone as `zoned` gives it (its epoch milliseconds, ISO 8601 with the
 * offset to the second, the offset), without Temporal when the day has one offset throughout
 * (dayOffset); null where only `zoned` can say (a day of a DST change, an unusual year or time).
 */
export function zonedFast(date: string, time: string, timeZone: string): { epochMs: number; iso: string; offset: string } | null {
  const d = ISO_DATE.exec(date);
  const t = WALL_TIME.exec(time);
  if (!d || !t || d[1]! < '1001' || d[1]! > '9998') return null;
  const off = dayOffset(date, timeZone);
  if (!off) return null;
  const local = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]), Number(t[1]), Number(t[2]), Number(t[3] ?? 0));
  return { epochMs: local - off.ms, iso: `${date}T${t[1]}:${t[2]}:${t[3] ?? '00'}${off.label}`, offset: off.label };
}

/** An instant as Temporal.Instant's toString({ smallestUnit: 'second' }) writes it ("2017-04-18T14:00:00Z"), for years 1000–9999. */
export function utcSecond(epochMs: number): string {
  return `${new Date(epochMs).toISOString().slice(0, 19)}Z`;
}

/** ISO 8601 with offset, e.g. 2017-04-18T10:00:00-04:00 */
export function isoWithOffset(date: string, time: string, timeZone: string): string {
  const fast = zonedFast(date, time, timeZone);
  if (fast) return fast.iso;
  const z = zoned(date, time, timeZone);
  return z.toString({ timeZoneName: 'never', smallestUnit: 'second' });
}

/** UTC offset of the zone on that local date and time, e.g. "UTC−04:00" */
export function offsetLabel(date: string, time: string, timeZone: string): string {
  const off = zonedFast(date, time, timeZone)?.offset ?? zoned(date, time, timeZone).offset;
  return `UTC${off.replace('-', '\u2212')}`;
}

export function minutesBetween(start: string, end: string): number {
  const a = Temporal.PlainTime.from(start);
  const b = Temporal.PlainTime.from(end);
  return a.until(b, { largestUnit: 'minute' }).minutes;
}
