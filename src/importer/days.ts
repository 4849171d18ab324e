// Day headings ("DAY ONE – 18 April 2017", "Monday, 24 February 2014", "DAY 1 – Tuesday, May 17th") and
// calendar arithmetic done on integers, so no machine time zone is ever involved.
import { readTimeSlot } from './times.ts';

export interface DayHeading {
  label: string;
  date: string | null;
  /** "Day 2" → 2 */
  dayNumber: number | null;
  /** set when the date was completed by guessing */
  warning: string | null;
  /** what follows a complete date on the same line ("Océan Indien", "9:00-10:00 Opening"), or null */
  rest: string | null;
}

const MONTHS: Record<string, number> = {};
[
  ['january', 'jan', 'janvier', 'enero'], ['february', 'feb', 'février', 'fevrier', 'febrero'], ['march', 'mar', 'mars', 'marzo'],
  ['april', 'apr', 'avril', 'abril'], ['may', 'mai', 'mayo'], ['june', 'jun', 'juin', 'junio'],
  ['july', 'jul', 'juillet', 'julio'], ['august', 'aug', 'août', 'aout', 'agosto'],
  ['september', 'sep', 'sept', 'septembre', 'septiembre', 'setiembre'], ['october', 'oct', 'octobre', 'octubre'],
  ['november', 'nov', 'novembre', 'noviembre'], ['december', 'dec', 'décembre', 'decembre', 'diciembre'],
].forEach((names, i) => names.forEach((n) => (MONTHS[n] = i + 1)));

const WEEKDAYS: Record<string, number> = {}; // 0 = Monday
[
  ['monday', 'mon', 'lundi', 'lunes'], ['tuesday', 'tue', 'tues', 'mardi', 'martes'],
  ['wednesday', 'wed', 'mercredi', 'miércoles', 'miercoles'], ['thursday', 'thu', 'thur', 'thurs', 'jeudi', 'jueves'],
  ['friday', 'fri', 'vendredi', 'viernes'], ['saturday', 'sat', 'samedi', 'sábado', 'sabado'],
  ['sunday', 'sun', 'dimanche', 'domingo'],
].forEach((names, i) => names.forEach((n) => (WEEKDAYS[n] = i)));

const NUMBER_WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10,
};
const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4, v: 5, vi: 6, vii: 7, viii: 8, ix: 9, x: 10 };
const DAY_WORDS = new Set(['day', 'jour', 'día', 'dia', 'journée', 'journee']);
const FILLER = new Set(['of', 'the', 'de', 'del', 'le', 'el', 'du', 'programme', 'program', 'programa', 'agenda', 'for', 'on']);

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The ISO date `days` after 1970-01-01. */
export function civilFromDays(days: number): string {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** 0 = Monday. */
const weekday = (y: number, m: number, d: number): number => (((daysFromCivil(y, m, d) + 3) % 7) + 7) % 7;

const isoDate = (y: number, m: number, d: number): string | null => {
  if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1) return null;
  const iso = civilFromDays(daysFromCivil(y, m, d));
  return iso.endsWith(`-${String(d).padStart(2, '0')}`) ? iso : null; // 31 April rolls over: reject
};

/** The date `n` days after `iso`. */
export function addDays(iso: string, n: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return civilFromDays(daysFromCivil(y, m, d) + n);
}

const YEAR = /\b(1[89]\d\d|20\d\d)\b/g;
const HAS_MONTH = new RegExp(`\\b(?:${Object.keys(MONTHS).join('|')})\\b`, 'i');

/** Years named on the page, those in lines that also name a month first, for headings that omit the year. */
export function yearHints(lines: readonly string[]): number[] {
  const dated: number[] = [];
  const other: number[] = [];
  for (const line of lines) {
    const s = line.slice(0, 2000);
    for (const m of s.matchAll(YEAR)) (HAS_MONTH.test(s) ? dated : other).push(Number(m[1]));
  }
  return [...new Set([...dated, ...other])];
}

/** Reads a whole line as a day heading, or returns null. `years` completes a date written without its year. */
export function readDayHeading(line: string, years: readonly number[] = []): DayHeading | null {
  const read = readDate(line, years);
  if (read !== null) return read;
  // "Think tank daybook: Tuesday, November 27, 2012", "Colloque – Faculté de Droit – vendredi 15 novembre 2019":
  // a label, a colon or a dash, and the day with its date.
  if (line.length > 200) return null;
  // "El día 18 de septiembre, de 10 a 20 h. en el Salón de Actos.", "On 18 September, from 10 am in the Great Hall.": a
  // sentence that opens with the day's date, then says when and where; the whole line is the day's label.
  const comma = line.indexOf(', ');
  if (comma > 0 && comma <= 40 && /^(?:el|le|on|the)\s/i.test(line.trim())) {
    const head = readDate(line.slice(0, comma), years);
    if (head !== null && head.date !== null && head.rest === null && /^(?:\S+\s)?\p{Ll}/u.test(line.slice(comma + 2))) return { ...head, label: line.trim(), rest: null };
  }
  const cut = Math.max(line.indexOf(': '), line.lastIndexOf(' – '), line.lastIndexOf(' — '), line.lastIndexOf(' - '));
  if (cut < 0) return dayThenTrack(line, years);
  const after = readDate(line.slice(cut + 2), years);
  if (after !== null && after.date !== null && after.rest === null) return { ...after, label: line.trim() };
  return dayThenTrack(line, years);
}

// "DAY 1 – 20 JUNE 2011 – Monday PLENARY SESSIONS … Venue: …": a table row that opens with a day marker or a weekday and
// its full date, then names the day's track or venue. The longest such opening (at most twelve words) is the day.
const DAY_OPENING = /^(?:day|jour|journée|día|dia|monday|tuesday|wednesday|thursday|friday|saturday|sunday|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|miércoles|miercoles|jueves|viernes|sábado|sabado|domingo)\b/i;
function dayThenTrack(line: string, years: readonly number[]): DayHeading | null {
  const t = line.trim();
  if (t.length > 300 || !DAY_OPENING.test(t)) return null;
  const ws = t.split(/\s+/);
  for (let n = Math.min(12, ws.length - 1); n >= 3; n--) {
    const head = ws.slice(0, n).join(' ').replace(/[\s,–—:-]+$/, '');
    if (head.length > 80) continue;
    const read = readDate(head, years);
    // What follows names a track or a venue, so it opens with a capital ("… Monday PLENARY SESSIONS", "… The
    // e-Leadership Workshop Venue: …"); a sentence going on in lower case is no heading.
    const rest = t.slice(head.length).replace(/^[\s,–—:-]+/, '');
    if (read !== null && read.date !== null && read.rest === null) return /^\p{Ll}/u.test(rest) ? null : { ...read, label: t, rest: rest || null };
  }
  // "Day 1 - 10 Muharram 1433 H corresponding to December 5, 2011 AD": the day in another calendar first, then the date
  // that ends the line (an era mark after it is no track).
  const bare = t.replace(ERA_MARK, '');
  const bareWords = bare.split(/\s+/);
  for (let k = Math.max(1, bareWords.length - 5); k < bareWords.length - 1; k++) {
    const read = readDate(bareWords.slice(k).join(' '), years);
    if (read !== null && read.date !== null && read.rest === null) return { ...read, label: t, rest: null };
  }
  return null;
}
const ERA_MARK = /\s(?:AD|A\.D\.|CE|C\.E\.)$/;

function readDate(line: string, years: readonly number[]): DayHeading | null {
  const label = line.trim();
  if (label.length === 0 || label.length > 80) return null;
  const s = label.toLowerCase();
  // "24-25 February" or "18 and 19 April" is the span of the whole event, not one day.
  // ("Day 1 – 20 June" is a day's number, then its date.)
  if (/\d\s{0,2}(?:[-–—&]|and|to|et|y)\s{0,2}\d/.test(s.replace(/^(?:day|jour|journée|día|dia)\s\d{1,2}\b/, 'day').replace(/\d{4}-\d\d-\d\d|\d{1,2}[./]\d{1,2}[./]\d{4}|\d{1,2}[:h.]\d\d\s?(?:[ap]\.?m\.?)?\s{0,2}[-–—]\s{0,2}\d{1,2}[:h.]\d\d/g, ''))) return null;
  let y: number | null = null, mo: number | null = null, d: number | null = null;
  let wd: number | null = null, dayNumber: number | null = null, sawDayWord = false;
  const numeric = /(\d{4})-(\d\d)-(\d\d)|(\d{1,2})[./](\d{1,2})[./](\d{4})/.exec(s);
  let rest = s;
  if (numeric !== null) {
    if (numeric[1] !== undefined) [y, mo, d] = [Number(numeric[1]), Number(numeric[2]), Number(numeric[3])];
    else [d, mo, y] = [Number(numeric[4]), Number(numeric[5]), Number(numeric[6])];
    rest = s.replace(numeric[0], ' ');
  }
  const tokens = rest.split(/[\s,|–—\-/:;()·.]+/).filter(Boolean);
  let trailing: string | null = null;
  let skipped = 0;
  for (let k = 0; k < tokens.length; k++) {
    const tok = tokens[k]!;
    if (DAY_WORDS.has(tok)) { sawDayWord = true; continue; }
    if (sawDayWord && dayNumber === null) {
      const n = NUMBER_WORDS[tok] ?? ROMAN[tok] ?? (/^\d{1,2}$/.test(tok) ? Number(tok) : undefined);
      if (n !== undefined) { dayNumber = n; continue; }
    }
    if (tok in MONTHS && mo === null) {
      mo = MONTHS[tok]!;
      // "El día 18 de septiembre", "le jour 3 mars": a day word, a number, then a month is a date, not "Day 18".
      if (dayNumber !== null && d === null && (/^\d{1,2}$/.test(tokens[k - 1] ?? '') || (FILLER.has(tokens[k - 1] ?? '') && /^\d{1,2}$/.test(tokens[k - 2] ?? ''))) && dayNumber <= 31) { d = dayNumber; dayNumber = null; }
      continue;
    }
    if (tok in WEEKDAYS && wd === null) { wd = WEEKDAYS[tok]!; continue; }
    if (FILLER.has(tok)) continue;
    const dm = /^(\d{1,2})(?:st|nd|rd|th|er)?$/.exec(tok);
    if (dm !== null && d === null) { d = Number(dm[1]); continue; }
    if (/^\d{4}$/.test(tok) && y === null) { y = Number(tok); continue; }
    // "Monday in Washington, May 13, 2019": a few words between the weekday and the date, when a year ends it.
    if ((wd !== null || k === skipped) && mo === null && skipped < (wd !== null ? 3 : 1) && /^\p{L}{2,}$/u.test(tok) && /\b\d{4}$/.test(s) && s.length <= 60) { skipped++; continue; }
    // A complete date may be followed by a place or by the first time of the day: the rest is returned as written.
    if (mo !== null && d !== null && k > 0) {
      const at = s.indexOf(tok, s.indexOf(tokens[k - 1]!) + tokens[k - 1]!.length);
      const after = at < 0 || s.length !== label.length ? '' : label.slice(at).trim();
      if (after !== '' && (/^\d/.test(after) ? readTimeSlot(after) !== null : tokens.length - k <= 4 && !/\d/.test(after))) {
        trailing = after;
        break;
      }
    }
    return null;
  }
  const hasDate = mo !== null && d !== null;
  if (!hasDate && dayNumber === null && wd === null) return null;
  if (!hasDate && (d !== null || y !== null)) return null; // "15 2020" is no heading
  let date: string | null = null;
  let warning: string | null = null;
  if (hasDate) {
    if (y === null) {
      const fits = years.filter((yr) => wd === null || weekday(yr, mo!, d!) === wd);
      if (fits.length > 0) {
        y = fits[0]!;
        if (wd === null) warning = `year ${y} taken from elsewhere on the page`;
      } else if (years.length > 0) {
        y = years[0]!;
        warning = `year ${y} taken from elsewhere on the page; the weekday does not match`;
      }
    }
    if (y !== null) {
      date = isoDate(y, mo!, d!);
      if (date === null) warning = 'no such date';
      else if (wd !== null && weekday(y, mo!, d!) !== wd && warning === null) warning = 'the weekday does not match the date';
    }
  }
  return { label, date, dayNumber, warning, rest: trailing };
}
