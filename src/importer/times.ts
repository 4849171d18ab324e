// Reading the time slot at the start of an agenda line: "10:00 - 11:30", "9.00-9.30", "4:00pm", "9.30 h".

export interface TimeSlot {
  start: string;
  end: string | null;
  /** the line after the time and its separator */
  rest: string;
  /** set when the time was read only by guessing (a typo such as "16-45") */
  warning: string | null;
}

interface Clock {
  h: number;
  m: number | null;
  meridiem: 'am' | 'pm' | null;
  /** index just after the clock */
  to: number;
  typo: boolean;
}

// Bounded, anchored patterns only: no nested quantifiers, so no catastrophic backtracking.
// "9,30 h." (Spanish): a comma between hours and minutes counts only with "h" after it (not "2,50 euros").
const CLOCK = /^(\d{1,2})(?:\s?([:.hH,])\s?(\d{2}))?(?!\d)/;
const TYPO_CLOCK = /^(\d{1,2})-(\d{2})(?!\d)/;
// "am", "p.m.", and "AM" glued to the text after it ("10:00AMRemarks", as calendar widgets print it).
const MERIDIEM = /^\s?([aApP])\.?\s?[mM](?![a-z])\.?/;
// "11:30 hoursCoffee": the hours word glued to a title that opens with a capital; "18.00 Hs." as Argentine pages write it.
const HOURS_SUFFIX = /^\s?(?:hrs?\b\.?|hs\b\.?|hours(?:\b|(?=\p{Lu}))|h\b|uhr\b|heures?\b|horas\b)/iu;
const NOON = /^\s?noon\b/i;
// "9:00 to 10:00", "9:00 a 9:20" (Spanish), "de 9h à 10h" (French), "9h > 9h30" and "9h → 10h" (arrows, as listings print them).
const RANGE_SEP = /^\s{0,3}(?:[-–—‑>→]|to\b|until\b|till\b|à(?=\s)|a(?=\s)|al\b|hasta\b)\s{0,3}/i;
const AFTER = /^[\s|:.,;/–—-]*/;
// "de 9h à 10h", "from 9:00 to 10:00": a word that opens a range.
const LEAD = /^(?:de|from|desde|dès|des)\s(?=\d)/i;
// "+/- 09.00", "± 10:15", "~14:00", "ca. 9.30", "approx. 10am", "vers 10h": a time given as approximate is still the time.
const APPROX = /^(?:\+\/-|\+-|±|~|ca\.|c\.|approx\.?|circa|vers)\s?(?=\d)/i;
// "(9:00-10:30) Title", "[09:00 – 10:30] Title": a time set in brackets.
const BRACKET_OPEN = /^[([]\s?(?=\d{1,2}[:.hH]\d{2})/;
const BRACKET_CLOSE = /^[)\]]/;
// "0800 – 2400", "1330 hrs": four digits, read as a time only in a range of two or before "hrs".
const MILITARY = /^([01]\d|2[0-4])([0-5]\d)(?!\d)/;

// "Noon – 6:00 p.m.", "Midi", "Mediodía": noon written as a word.
const NOON_WORD = /^(?:noon|midday|midi|mediod[ií]a)\b/i;

function readClock(s: string, allowTypo: boolean): Clock | null {
  const noon = NOON_WORD.exec(s);
  if (noon !== null) return { h: 12, m: 0, meridiem: 'pm', to: noon[0].length, typo: false };
  const t = allowTypo ? TYPO_CLOCK.exec(s) : null;
  if (t !== null) return finish(s, Number(t[1]), Number(t[2]), t[0].length, true);
  const m = CLOCK.exec(s);
  if (m === null) return null;
  if (m[2] === ',' && !/^\s?h\b/i.test(s.slice(m[0].length))) return null;
  return finish(s, Number(m[1]), m[3] === undefined ? null : Number(m[3]), m[0].length, false);
}

function finish(s: string, h: number, m: number | null, at: number, typo: boolean): Clock | null {
  if (h > 24 || (m !== null && m > 59)) return null;
  let to = at;
  let meridiem: Clock['meridiem'] = null;
  const mer = MERIDIEM.exec(s.slice(to));
  if (mer !== null && h >= 1 && h <= 12) {
    meridiem = mer[1]!.toLowerCase() === 'a' ? 'am' : 'pm';
    to += mer[0].length;
  } else if (NOON.test(s.slice(to)) && h === 12) {
    meridiem = 'pm';
    to += NOON.exec(s.slice(to))![0].length;
  }
  // "7:30 am EDT", "14:00 CET", "10:00 (GMT+1)": a time zone after the time is part of it, not of the title. Its
  // offset's sign is glued to the hours ("GMT+1"), so "7:30 am EDT - 11:30 am EDT" stays a range.
  const zone = ZONE.exec(s.slice(to));
  if (zone !== null) to += zone[0].length;
  return { h, m, meridiem, to, typo };
}
const ZONE = /^\s?\(?(?:[ECMPA][SD]T|GMT|UTC|CET|CEST|EET|EEST|WET|WEST|BST|EAT|WAT|CAT|SAST|IST|JST|KST|AEST|AEDT|NZST|NZDT)(?:\s?[+-]\d{1,2}(?::\d\d)?)?\)?(?![\p{L}\d])/u;

const pad = (n: number): string => String(n).padStart(2, '0');

function to24(c: Clock, meridiem: Clock['meridiem']): number {
  if (meridiem === 'am') return c.h === 12 ? 0 : c.h;
  if (meridiem === 'pm') return c.h === 12 ? 12 : c.h + 12;
  return c.h;
}

function fmt(h: number, m: number | null): string | null {
  if (h > 23 && !(h === 24 && (m ?? 0) === 0)) return null;
  return `${pad(h === 24 ? 0 : h)}:${pad(m ?? 0)}`;
}

/** The time slot at the start of `line`, or null when the line does not start with a time. */
export function readTimeSlot(line: string): TimeSlot | null {
  let full = line.trimStart();
  const bracket = BRACKET_OPEN.exec(full);
  if (bracket !== null) {
    const inner = readTimeSlot(full.slice(bracket[0].length));
    const close = inner === null ? null : BRACKET_CLOSE.exec(inner.rest);
    if (inner === null || close === null) return null;
    return { ...inner, rest: inner.rest.slice(close[0].length).replace(AFTER, '').trim() };
  }
  const approx = APPROX.exec(full);
  if (approx !== null) full = full.slice(approx[0].length);
  const lead = LEAD.exec(full);
  if (lead !== null) full = full.slice(lead[0].length);
  const s = full.slice(0, 200);
  const mil = readMilitary(full);
  if (mil !== null) return mil;
  let a = readClock(s, false);
  let typo = false;
  if (a !== null && a.m === null && a.meridiem === null && s[a.to] === '-' && /^\d{2}(?!\d)/.test(s.slice(a.to + 1))) {
    // "16-45" where 45 cannot be an hour: a typo for 16:45.
    const t = readClock(s, true);
    if (t !== null && t.m !== null && t.m > 24) { a = t; typo = true; }
  }
  if (a === null) return null;
  let i = a.to;
  let b: Clock | null = null;
  // "08.30 hrs – 09.00 hrs": the hours word may follow the start as well as the end.
  // "14h - 15h30", "9h-10h": the same for a start written in hours only.
  const startSuffix = HOURS_SUFFIX.exec(s.slice(i));
  if (startSuffix !== null && RANGE_SEP.test(s.slice(i + startSuffix[0].length))) i += startSuffix[0].length;
  const sep = RANGE_SEP.exec(s.slice(i));
  if (sep !== null) {
    const after = s.slice(i + sep[0].length);
    b = readClock(after, false);
    if (b !== null && b.m === null && b.meridiem === null && after[b.to] === '-') {
      const t = readClock(after, true);
      if (t !== null) { b = t; typo = true; }
    }
    if (b !== null) i += sep[0].length + b.to;
  }
  // Hours without minutes ("10 Title", "2-3 December") are a time only with am/pm or "h".
  const suffix = HOURS_SUFFIX.exec(s.slice(i));
  if (suffix !== null) i += suffix[0].length;
  const hoursOnly = a.m === null && (b === null || b.m === null);
  // "16h - Ouverture": the "h" read after the start counts as well as one after the end.
  const marked = suffix !== null || (startSuffix !== null && b === null);
  if (hoursOnly && a.meridiem === null && (b === null || b.meridiem === null) && !marked) return null;
  if (b !== null && b.m === null && b.meridiem === null && a.m !== null && suffix === null) return null;
  // Only the end carries am/pm ("1:00 - 2:30 pm"): the start shares it unless that would put it after the end.
  let aMer = a.meridiem;
  if (aMer === null && b !== null && b.meridiem !== null) {
    aMer = to24(a, b.meridiem) <= to24(b, b.meridiem) ? b.meridiem : null;
  }
  const start = fmt(to24(a, aMer), a.m);
  const end = b === null ? null : fmt(to24(b, b.meridiem), b.m);
  if (start === null || (b !== null && end === null)) return null;
  const rest = full.slice(i).replace(AFTER, '').trim();
  const warning = typo || a.typo || b?.typo ? 'time written with "-" between hours and minutes; read as a typo' : null;
  return { start, end, rest, warning };
}

/** "0800 – 2400 / Arrival", "1330 hrs Lunch": four-digit times, never two years ("2014-2015"). */
function readMilitary(full: string): TimeSlot | null {
  const a = MILITARY.exec(full);
  if (a === null) return null;
  let i = a[0].length;
  const sep = RANGE_SEP.exec(full.slice(i));
  const b = sep === null ? null : MILITARY.exec(full.slice(i + sep[0].length));
  const suffix = HOURS_SUFFIX.exec(full.slice(b === null ? i : i + sep![0].length + b[0].length));
  if (b === null && suffix === null) return null;
  if (b !== null) {
    if (Number(a[0]) >= 1900 && Number(b[0]) >= 1900) return null;
    i += sep![0].length + b[0].length;
  }
  if (suffix !== null) i += suffix[0].length;
  // "1300-1310GMT": a time zone after the range is part of it.
  const zone = ZONE.exec(full.slice(i));
  if (zone !== null) i += zone[0].length;
  const start = fmt(Number(a[1]), Number(a[2]));
  const end = b === null ? null : fmt(Number(b[1]), Number(b[2]));
  if (start === null || (b !== null && end === null)) return null;
  return { start, end, rest: full.slice(i).replace(AFTER, '').trim(), warning: null };
}

// A duration written beside a time or a name: "(45min)", "(1 hr 15 min)", "(15mn)", "(2 hrs)".
const DURATION = /^\(\s?(?:environ|approx\.?|about|ca\.|aprox\.?|unos)?\s?\d{1,3}(?:\s?[-–]\s?\d{1,3})?\s?(?:min|mins|minutes|mn|hr|hrs|h|hours?|heures?)\.?(?:\s\d{1,2}\s?(?:min|mins|minutes|mn))?\s?\)\s*/i;
const DURATION_END = /\s*\(\s?(?:environ|approx\.?|about|ca\.|aprox\.?|unos)?\s?\d{1,3}(?:\s?[-–]\s?\d{1,3})?\s?(?:min|mins|minutes|mn|hr|hrs|h|hours?|heures?)\.?(?:\s\d{1,2}\s?(?:min|mins|minutes|mn))?\s?\)$/i;

/** The text without a duration before or after it, and without the "/" or ":" that set the duration apart. */
export function stripDuration(text: string): string {
  let t = text.trim();
  const m = DURATION.exec(t);
  if (m !== null) t = t.slice(m[0].length).replace(AFTER, '');
  return t.replace(DURATION_END, '').trim();
}

/**
 * A time range that ends the line, after its heading: "Panel Two: Pensions 10:15 a.m. – 11:15 a.m |".
 * Only a range, or a time with am/pm or "h", counts, so that "Panel 2" or "Agenda 2030" do not.
 */
export function readTrailingTime(line: string): { head: string; slot: TimeSlot } | null {
  const t = line.trim().replace(/[\s|]+$/, '');
  if (t.length > 400) return null;
  const from = Math.max(0, t.length - 40);
  for (let at = from; at < t.length; at++) {
    if (at === 0 || t[at - 1] !== ' ' || !/\d/.test(t[at]!)) continue;
    const slot = readTimeSlot(t.slice(at));
    if (slot === null || slot.rest !== '') continue;
    const tail = t.slice(at);
    if (slot.end === null && !/[ap]\.?\s?m|h/i.test(tail)) continue;
    const head = t.slice(0, at).replace(/[\s,;:|–—-]+$/, '').trim();
    // "Posted by the editor at 8:01 PM": a time after "at" or "on" is a moment in a sentence, not a slot.
    if (head === '' || /\s(?:at|on|by|à|le|a las|à partir de)$/i.test(head)) return null;
    return { head, slot };
  }
  return null;
}

// Where a time may follow a heading: after a dash, a colon, a bar, a comma or an opening parenthesis.
const ARROW = /^[▶►▸➤]\s*/;
const HEADING_SEPARATORS = [' – ', ' — ', ' - ', ': ', ' | ', ', ', ' ('];

/**
 * A heading with its time after it: "Session 1 – 10h00-11h30: Title", "Coffee Break – 10h00-10h30",
 * "Closing (16:00 – 16:30)". The head is what stands before the time; `slot.rest` what follows it.
 */
export function readTimeAfterHeading(line: string): { head: string; slot: TimeSlot; bracketed?: boolean } | null {
  // "▶ 1st plenary meeting (…)": an arrow before the heading is a list mark.
  const t = line.trim().replace(ARROW, '');
  if (t.length > 200) return null;
  let best: { head: string; slot: TimeSlot; bracketed?: boolean } | null = null;
  let bestAt = t.length;
  for (const sep of HEADING_SEPARATORS) {
    const at = t.indexOf(sep);
    if (at <= 0 || at >= bestAt) continue;
    let after = t.slice(at + sep.length);
    if (sep === ' (') {
      const close = after.indexOf(')');
      if (close < 0) continue;
      let inner = after.slice(0, close).trim();
      // "1st plenary meeting (Plenary Hall, 10 a.m. – 1 p.m.)": the room, then the time, in the parentheses. The time
      // must fill the rest of them and be a range or carry am/pm or "h", so that "(Room 2, 3 floors)" is no time.
      const comma = inner.lastIndexOf(', ');
      if (!/^\d/.test(inner) && comma > 0 && comma < 120) {
        inner = inner.slice(comma + 2).trim();
        const own = readTimeSlot(inner);
        if (own === null || own.rest !== '' || (own.end === null && !/[ap]\.?\s?m|h/i.test(inner))) continue;
      }
      after = `${inner} ${after.slice(close + 1)}`;
    }
    if (!/\d/.test(after[0] ?? '')) continue;
    const slot = readTimeSlot(after);
    if (slot === null) continue;
    const head = t.slice(0, at).trim();
    // A short heading, not a sentence: "Lunch", "Session 2", "Vote of thanks".
    if (head.length > 100 || /[.;,]$/.test(head) || !/^[\p{Lu}\p{N}]/u.test(head)) continue;
    // "OPENING SESSION  10:30 - 11:15": the dash is inside the range, whose start ends the head.
    if (/\d[:.h]\d\d$|\d\s?[ap]\.?m\.?$/i.test(head)) continue;
    best = sep === ' (' ? { head, slot, bracketed: true } : { head, slot };
    bestAt = at;
  }
  return best;
}
