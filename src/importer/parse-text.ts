// The plain-text agenda reader: one event page's text in, one Agenda out. Pure: no I/O, no clock, no globals.
import { type Agenda, type AgendaDay, type AgendaPerson, type AgendaSession, type AgendaWarning } from '../domain/agenda.ts';
import { addDays, readDayHeading, yearHints } from './days.ts';
import { nameStyleOf, readPageLanguage } from './page-language.ts';
import { type PersonRead, readPerson as readPersonIn, stripBullet } from './people.ts';
import { type Role, readCueLine, readRoleLine } from './roles.ts';
import { isDiscussionLine, readSessionHeading } from './sessions.ts';
import { readTimeAfterHeading, readTimeSlot } from './times.ts';

const MAX_LINE = 2000;
const AGENDA_HEADING =
  /^(?:(?:provisional|draft|annotated|final|detailed|tentative|preliminary|revised)\s)?(?:agenda|programme|program|schedule|programa|ordre du jour)(?:\s(?:of|for)\s(?:the\s)?(?:event|meeting|workshop|conference|day|session|dialogue))?\s?:?$/i;
const TITLE_LINE = /^(?:(?:provisional|draft|final)\s)?(?:programme|program|agenda)\s(?:of|for)\s(?:the\s)?(.{5,300})$/i;
const END_MARK = /^(?:end of\b|adjourn)/i;
const SPEAKERS: Role = { bucket: 'speakers', label: null };
const CEREMONIES = /ceremonies|emcee|^mc$/i;

interface Open {
  s: AgendaSession;
  /** a time slot with no title yet: the next title-like line is its title */
  awaitingTitle: boolean;
  /** the role set by a "Speakers:" or "Moderator:" line, for the lines that follow */
  role: Role;
  roleFromLine: boolean;
  hasCeremonies: boolean;
}

/** Reads the text of one event page into an agenda. Never throws. */
export function parseAgendaText(text: string): Agenda {
  // Web pages carry no-break and zero-width spaces; names and titles should not.
  const lines = String(text ?? '')
    .replace(/[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/g, ' ')
    .replace(/[\u200b-\u200d\u2060\ufeff]/g, '')
    .split(/\r\n|\r|\n|\u2028|\u2029/);
  const warnings: AgendaWarning[] = [];
  const warn = (i: number, message: string): void => {
    const t = lines[i]!.trim();
    warnings.push({ line: i + 1, text: t.length > MAX_LINE ? `${t.slice(0, MAX_LINE)}…` : t, message });
  };
  const years = yearHints(lines);
  const start = findStart(lines, years);
  // One reading of the page's language, before any person is read: "M. Diop" is "Monsieur Diop" on a French page.
  const style = nameStyleOf(readPageLanguage(lines));
  const readPerson = (line: string, loose = false): PersonRead | null => readPersonIn(line, loose, style);
  const { overview, title } = readOverview(lines.slice(0, start.overviewEnd));

  const days: AgendaDay[] = [];
  const opened: Open[] = [];
  // Declared through `as` so that assignments inside the helpers below do not confuse narrowing.
  let day = null as AgendaDay | null;
  let dayNumber = null as number | null;
  let cur = null as Open | null;
  let talkTitle = null as string | null;

  const ensureDay = (): AgendaDay => {
    if (day === null) { day = { date: null, label: null, sessions: [] }; days.push(day); }
    return day;
  };
  const openSession = (i: number, fields: Partial<AgendaSession>): Open => {
    const s: AgendaSession = {
      start: null, end: null, kind: 'other', number: null, title: null, moderators: [], speakers: [], line: i + 1, ...fields,
    };
    ensureDay().sessions.push(s);
    cur = { s, awaitingTitle: false, role: SPEAKERS, roleFromLine: false, hasCeremonies: false };
    opened.push(cur);
    talkTitle = null;
    return cur;
  };
  const sessionFor = (i: number): Open => {
    if (cur !== null) return cur;
    warn(i, 'no session heading before this line; read into a session without title');
    return openSession(i, {});
  };
  const addPerson = (i: number, read: PersonRead, role: Role): void => {
    const o = sessionFor(i);
    const r = read.role ?? role;
    const p: AgendaPerson = { ...read.person, roleLabel: r.label, line: i + 1 };
    if (p.talkTitle === null && talkTitle !== null) p.talkTitle = talkTitle;
    talkTitle = null;
    o.s[r.bucket].push(p);
    if (r.label !== null && CEREMONIES.test(r.label)) o.hasCeremonies = true;
    if (read.deliveredBy !== null) o.s.speakers.push({ ...read.deliveredBy, line: i + 1 });
    if (read.warning !== null) warn(i, read.warning);
  };

  // A table row after its time: "Opening remarks | H.E. X, Minister". Cells up to the first that names a person
  // make the title (as written, "Session 1 | Concepts"); that cell and the ones after it are people.
  const namesPerson = (cell: string): boolean => (readRoleLine(cell)?.rest ?? '') !== '' || readPerson(cell) !== null;
  const readTableRow = (i: number, o: Open, row: readonly string[]): void => {
    const cells = row.map((c) => c.trim()).filter((c) => c !== '');
    let at = cells.findIndex((c, k) => k > 0 && namesPerson(c));
    if (at < 0) at = cells.length;
    const title = cells.slice(0, at).join(' | ');
    if (title !== '') Object.assign(o.s, readSessionHeading(title)!);
    else o.awaitingTitle = true;
    for (const cell of cells.slice(at)) readPeopleCell(i, cell);
  };
  const readPeopleCell = (i: number, cell: string): void => {
    const role = readRoleLine(cell);
    if (role !== null && role.rest === '') { const target = sessionFor(i); target.role = role.role; target.roleFromLine = true; return; }
    for (const one of (role?.rest ?? cell).split(/\s*;\s*/).filter(Boolean)) {
      const p = readPerson(one, true);
      if (p === null) warn(i, 'table cell not read as a person');
      else addPerson(i, p, role?.role ?? cur?.role ?? SPEAKERS);
    }
  };

  for (let i = start.agendaStart; i < lines.length; i++) {
    let t = lines[i]!.trim();
    if (t === '') continue;
    if (isTableHeader(t)) continue;
    // A table row whose first cells are empty ("| | Ms. X, Director") continues the row above.
    if (t.startsWith('|')) {
      t = t.replace(/^[|\s]+/, '').replace(/[|\s]+$/, '');
      if (t === '') continue;
      if (t.includes('|') && cur !== null) { for (const cell of t.split('|')) if (cell.trim() !== '') readPeopleCell(i, cell.trim()); continue; }
    }
    if (t.length > MAX_LINE) { warn(i, 'line too long to read'); continue; }

    const dh = readDayHeading(t, years);
    if (dh !== null) {
      let date = dh.date;
      const prev: AgendaDay | null = day;
      if (date === null && dh.dayNumber !== null && prev !== null && prev.date !== null && dayNumber !== null && dh.dayNumber > dayNumber) {
        date = addDays(prev.date, dh.dayNumber - dayNumber);
        warn(i, 'date counted on from the previous day heading');
      } else if (dh.warning !== null) warn(i, dh.warning);
      day = { date, label: dh.label, sessions: [] };
      days.push(day);
      dayNumber = dh.dayNumber;
      cur = null;
      continue;
    }

    const slot = readTimeSlot(t);
    if (slot !== null) {
      if (slot.warning !== null) warn(i, slot.warning);
      const o = openSession(i, { start: slot.start, end: slot.end });
      if (slot.rest.includes('|')) { readTableRow(i, o, slot.rest.split('|')); continue; }
      // Columns set apart by tabs or wide spaces, when a later column names a person: "Opening remarks\tH.E. X, Minister".
      const columns = slot.rest.split(/\t| {3,}/);
      if (columns.length > 1 && columns.some((c, k) => k > 0 && namesPerson(c.trim()))) { readTableRow(i, o, columns); continue; }
      if (slot.rest === '') { o.awaitingTitle = true; continue; }
      const byRole = readRoleLine(slot.rest);
      const by = byRole !== null && byRole.rest !== '' ? readPerson(byRole.rest, true) : null;
      const heading = readSessionHeading(by !== null ? (byRole!.role.label ?? slot.rest) : slot.rest)!;
      Object.assign(o.s, heading);
      if (by !== null) addPerson(i, by, byRole!.role);
      continue;
    }

    // "Session 1 – 10h00-11h30: Title", "Coffee Break – 10h00-10h30": the time after a heading.
    const late = readTimeAfterHeading(t);
    if (late !== null && readRoleLine(late.head) === null && readPerson(late.head) === null) {
      if (late.slot.warning !== null) warn(i, late.slot.warning);
      const o = openSession(i, { start: late.slot.start, end: late.slot.end });
      Object.assign(o.s, readSessionHeading(late.slot.rest === '' ? late.head : `${late.head}: ${late.slot.rest}`)!);
      continue;
    }

    if (END_MARK.test(t) && t.length < 60) { cur = null; continue; }

    const role = readRoleLine(t);
    const bulleted = stripBullet(t).bullet;
    const o: Open | null = cur;
    if (o !== null && o.awaitingTitle) {
      o.awaitingTitle = false;
      if (role === null && readPerson(t, bulleted) === null && isTitleLike(t)) {
        Object.assign(o.s, readSessionHeading(t)!);
        continue;
      }
    }

    if (role !== null) {
      if (role.rest === '') {
        const target = sessionFor(i);
        target.role = role.role;
        target.roleFromLine = true;
        continue;
      }
      for (const one of role.rest.split(/\s*;\s*/).filter(Boolean)) {
        const p = readPerson(one, true);
        if (p === null) warn(i, `"${role.role.label ?? role.role.bucket}" followed by something that is not a person`);
        else addPerson(i, p, role.role);
      }
      continue;
    }

    const cue = readCueLine(t);
    const cued = cue !== null ? readPerson(cue.rest, true) : null;
    if (cued !== null) { addPerson(i, cued, cue!.role); continue; }

    const numbered = readSessionHeading(t, true);
    if (numbered !== null && numbered.number !== null) { Object.assign(openSession(i, {}).s, numbered); continue; }

    const person = readPerson(t, bulleted || (cur?.roleFromLine ?? false));
    if (person !== null) { addPerson(i, person, cur?.role ?? SPEAKERS); continue; }

    if (numbered !== null) { Object.assign(openSession(i, {}).s, numbered); continue; }

    if (cur !== null && isTalkTitle(t, lines, i, readPerson)) {
      talkTitle = t.replace(/^["“‘']|["”’']$/g, '');
      if (!/^["“‘']/.test(t)) warn(i, 'read as the talk title of the next speaker');
      continue;
    }
    warn(i, bulleted ? 'bulleted line not read as a person'
      : cur !== null && isDiscussionLine(t) ? 'discussion without a time of its own; kept in the session above'
      : /[.!?]$/.test(t) ? 'prose inside the agenda; not read' : 'line not understood');
  }

  guessUntitledKinds(opened, days, (line, message) => warn(line - 1, message));
  warnings.sort((a, b) => a.line - b.line);
  const agenda: Agenda = { title, days, warnings };
  if (overview.length > 0) agenda.overview = overview;
  return agenda;
}

/** Where the overview ends and the agenda starts: after an "Agenda" heading, else at the first day or time line. */
function findStart(lines: readonly string[], years: readonly number[]): { overviewEnd: number; agendaStart: number } {
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i]!.trim();
    if (t === '' || t.length > 200) continue;
    if (AGENDA_HEADING.test(t)) return { overviewEnd: i, agendaStart: i + 1 };
    const dh = readDayHeading(t, years);
    const late = readTimeAfterHeading(t);
    if ((dh !== null && (dh.date !== null || dh.dayNumber !== null)) || readTimeSlot(t) !== null ||
      (late !== null && readSessionHeading(late.head, true) !== null)) {
      return { overviewEnd: i, agendaStart: i };
    }
  }
  return { overviewEnd: lines.length, agendaStart: lines.length };
}

/** Paragraphs of the prose before the agenda, and the event title when a line names it ("Programme of the X"). */
function readOverview(lines: readonly string[]): { overview: string[]; title: string | null } {
  const overview: string[] = [];
  let title: string | null = null;
  let para: string[] = [];
  const flush = (): void => { if (para.length > 0) overview.push(para.join(' ')); para = []; };
  for (const line of lines) {
    const t = line.trim();
    if (t === '') { flush(); continue; }
    const { text, bullet } = stripBullet(t);
    if (title === null && t.length < 400) {
      const m = TITLE_LINE.exec(t);
      if (m !== null) title = m[1]!.trim();
    }
    if (bullet) { flush(); overview.push(text); continue; }
    para.push(t);
  }
  flush();
  return { overview, title };
}

/** Short enough, and not a sentence, to be a session's title. */
function isTitleLike(t: string): boolean {
  return t.length <= 150 && !/[.;,]$/.test(t) && /^[\p{Lu}\p{N}"“‘'(]/u.test(t);
}

/** A title on its own line just above a speaker: quoted, or title-like and followed by a person line. */
function isTalkTitle(
  t: string, lines: readonly string[], i: number, readPerson: (line: string, loose: boolean) => PersonRead | null,
): boolean {
  if (t.length > 300) return false;
  let j = i + 1;
  while (j < lines.length && lines[j]!.trim() === '') j++;
  const next = lines[j]?.trim() ?? '';
  if (next === '' || next.length > MAX_LINE || readRoleLine(next) !== null || readTimeSlot(next) !== null) return false;
  if (readPerson(next, stripBullet(next).bullet) === null) return false;
  return /^["“‘'].*["”’']$/.test(t) || isTitleLike(t.replace(/[?!]$/, ''));
}

/** A time slot the page gives no title: with a master of ceremonies, or as the first with people, it is the opening. */
function guessUntitledKinds(opened: readonly Open[], days: readonly AgendaDay[], warn: (line: number, message: string) => void): void {
  const firstWithPeople = opened.find((o) => o.s.speakers.length + o.s.moderators.length > 0);
  const firstDay = days[0]?.sessions ?? [];
  for (const o of opened) {
    if (o.s.title !== null || o.s.kind !== 'other') continue;
    const first = o === firstWithPeople && firstDay.includes(o.s);
    if (o.hasCeremonies || first) {
      o.s.kind = 'opening';
      warn(o.s.line ?? 1, 'session has no title; read as the opening from its speakers');
    } else if (o.s.speakers.length + o.s.moderators.length === 0) {
      warn(o.s.line ?? 1, 'time slot with no title and no one named');
    }
  }
}

// Column names of an agenda laid out as a table.
const HEADER_CELLS = new Set([
  'time', 'times', 'programme', 'program', 'agenda', 'agenda item', 'item', 'items', 'activity', 'activities', 'topic',
  'topics', 'session', 'sessions', 'speaker', 'speakers', 'speaker(s)', 'description', 'venue', 'moderator',
  'moderators', 'responsible', 'resource person', 'resource persons', 'presenter', 'presenters', 'remarks', 'details',
  'heure', 'horaire', 'intervenants', 'activité', 'hora', 'actividad', 'ponentes', 'tema',
]);

/** "Time | Programme | Speaker": a table's header row, every cell a column name. */
function isTableHeader(t: string): boolean {
  if (!t.includes('|') || t.length > 200) return false;
  const cells = t.split('|').map((c) => c.trim().toLowerCase()).filter((c) => c !== '');
  return cells.length >= 2 && cells.every((c) => HEADER_CELLS.has(c));
}
