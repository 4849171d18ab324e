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

/** ISO 8601 with offset, e.g. 2017-04-18T10:00:00-04:00 */
export function isoWithOffset(date: string, time: string, timeZone: string): string {
  const z = zoned(date, time, timeZone);
  return z.toString({ timeZoneName: 'never', smallestUnit: 'second' });
}

/** UTC offset of the zone on that local date and time, e.g. "UTC−04:00" */
export function offsetLabel(date: string, time: string, timeZone: string): string {
  const off = zoned(date, time, timeZone).offset;
  return `UTC${off.replace('-', '\u2212')}`;
}

export function minutesBetween(start: string, end: string): number {
  const a = Temporal.PlainTime.from(start);
  const b = Temporal.PlainTime.from(end);
  return a.until(b, { largestUnit: 'minute' }).minutes;
}
