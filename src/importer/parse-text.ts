// The plain-text agenda reader: one event page's text in, one Agenda out. Pure: no I/O, no clock, no globals.
import { type Agenda, type AgendaDay, type AgendaPerson, type AgendaSession, type AgendaWarning } from '../domain/agenda.ts';
import { isContinuation, isHeadingOfItsOwn, isNameInRun, endsOpen, splitRunTogether, isVenueLine, readNamedAfterRole, readTitleAndPerson, splitGluedHeadings, splitPeople, startsGroup } from './classify.ts';
import { addDays, readDayHeading, yearHints } from './days.ts';
import { nameStyleOf, readPageLanguage } from './page-language.ts';
import { type NameStyle, isHonorific, normaliseName } from '../domain/names.ts';
import { type PersonRead, looksLikeName, readPerson as readPersonIn, splitTopLevel, stripBullet } from './people.ts';
import { isOrganizationLike, isPositionLike } from './affiliation.ts';
import { isGivenName, isJobWord, isOrgWord, isVenueWord } from './lexicon.ts';
import { findCountry } from '../domain/country.ts';
import { takeMaterials } from './materials.ts';
import { heardFrom, namesInProse, readProseProgramme, readProseRundown } from './prose.ts';
import { splitHonorific } from '../domain/names.ts';
import { type Role, readCueLine, readRoleLine, roleOf } from './roles.ts';
import { type SessionHeading, isDiscussionLine, readMeetingSentence, readSentenceHeading, readSessionHeading } from './sessions.ts';
import { readTimeAfterHeading, readTimeSlot, readTrailingTime, stripDuration } from './times.ts';

const MAX_LINE = 2000;
// "3. Vídeo de presentación …", "4) Lectura …": an item of a numbered list.
const ENUMERATED_ITEM = /^(\d{1,2})[.)]\s+(\p{Lu}.*)$/u;
const ENUMERATOR_DASH = /^\s{0,8}(\d{1,2})\s?\.\s?[-–—]\s?(?=\p{Lu})/u;
const AGENDA_HEADING =
  /^(?:(?:provisional|draft|annotated|final|detailed|tentative|preliminary|revised)\s)?(?:agenda|programme|program|schedule|programa|ordre du jour)(?:\s(?:of|for)\s(?:the\s)?(?:event|meeting|workshop|conference|day|session|dialogue))?\s?:?$/i;
const TITLE_LINE = /^(?:(?:provisional|draft|final)\s)?(?:programme|program|agenda)\s(?:of|for)\s(?:the\s)?(.{5,300})$/i;
const END_MARK = /^(?:end of\b|adjourn)/i;
const OFF_STAGE = /^(?:interpr[eè]tes?|interpreters?|interpretation|int[ée]rpretes?|translators?|traducteurs?|traductores?|contacts?|press contact|contact presse|inscriptions?|registration)\s?:/i;
const PAGE_END = /^(?:related (?:content|experts|events|articles|links|publications|news)|see also|share this(?: event| page)?\b|more events|you may also like|voir aussi|à lire aussi|ver también|noticias relacionadas|art[ií]culos relacionados)/i;
const SPEAKERS: Role = { bucket: 'speakers', label: null };
// Badges and buttons a saved event page keeps: "Past Event", "Add to calendar", "Register now".
const BADGE = /^(?:(?:previous page|next page|top of page|back to top|table of contents)(?:\s(?:previous page|next page|top of page|back to top|table of contents))*|past event|upcoming event|add to (?:my )?calendar|register now|register here|watch live|watch the webcast|ajouter au calendrier|[ée]v[ée]nement pass[ée]|evento pasado|a[ñn]adir al calendario)$/i;
const ALL_DAY = /^(?:all[- ]day|all day long|throughout the day|toute la journ[ée]e|tout au long de la journ[ée]e|todo el d[ií]a|durante todo el d[ií]a)\s?:?$/i;
const EMPHASIZED = /^((?:[•·▪◦‣∙–-]\s)?)\*\*([^*]{1,300})\*\*$/u;
const CEREMONIES = /ceremonies|emcee|^mc$/i;
// A slot named only by what it holds: "Conférences", "Workshops", "Mesas": the headings under it are its sessions.
const GENERIC_PLURAL = /^(?:(?:thematic|parallel|concurrent|plenary|breakout|break-out|th[ée]matiques?|tem[áa]tic[oa]s)\s)?(?:conférences|conferences|conferencias|sessions|sesiones|séances|panels|paneles|ateliers|workshops|talleres|mesas|tables rondes|round ?tables|themes|thèmes|temas)$/i;
// A slot that holds several sessions at once: "Three Parallel Sessions", "Ateliers simultanés", "Sesiones paralelas".
const PARALLEL = /\b(?:parallel|concurrent|simultaneous|breakout|break-out|discussion)\s(?:sessions|workshops|panels|tracks|roundtables|groups)\b|\b(?:sessions|ateliers|tables rondes)\s(?:parall[èe]les|simultan[ée]es)\b|\bateliers d['’][ée]changes simultan[ée]s\b|\b(?:sesiones|mesas|talleres)\s(?:paralelas|paralelos|simult[áa]neas|simult[áa]neos)\b/i;

// A verb or phrase in a sentence after which the people taking the floor are listed.
const SENTENCE_PEOPLE = /^(.{0,120}?\s)?(?:participar[áa]n|participar[áa]|intervendr[áa]n|intervendr[áa]|expondr[áa]n|interviendront|interviendra|participeront|participera|will speak|will participate|will take part|will be joined by|(?:speakers|panell?ists) (?:will )?include)\s?:?\s(.{3,})$/iu;

// "7. General debate", "9 (d). Interactive panel discussions: Summaries": a numbered agenda item.
const AGENDA_ITEM = /^\d{1,2}(?:\s?\([a-z]\))?\.\s\p{Lu}/u;
// A field of the event's details that gives its hours: "Time: 10:00 am – 11:30 am EDT".
// A card's fields on one line: "Date: November 9, 2020 Time: 9:00 am - 9:15 am …", "Fecha: 3 de mayo Hora: 10:00".
const CARD_FIELDS = /(?:^|\s)(?:date|fecha)\s?:\s?(.{4,60}?)\s(?:time|hora|heure|horario)\s?:\s?(.{3,500})$/i;
// "48th meeting", "1st plenary meeting", "12e séance", "3.ª sesión": a meeting's number in an order of the day.
const MEETING_NUMBER = /^\d{1,4}\s?(?:st|nd|rd|th|e|ème|re|ère|\.?ª|\.?º)\s(?:(?:plenary|public|closed)\s)?(?:meeting|séance|sesión|reunión)(?:\s\((?:public|closed|private)\))?$/i;
const TIME_FIELD = /^(?:time|times|hours|when|heure|heures|horaire|hora|horario)\s?:\s?/i;
// Headings of the speakers' biographies that follow an agenda.
const BIOS = /^(?:speakers?['’]? (?:bios|biographies|profiles)|(?:speaker )?biographies|bios|about the speakers|meet the speakers|biographies des intervenant(?:e|\(e\))?s|notes biographiques|biograf[ií]as(?: de (?:los|las) (?:ponentes|panelistas|participantes))?|semblanzas)\s?:?$/i;

/** A sentence about a person ("X is a researcher at …", "Elle dirige …"): a biography, not a person line. */
export function isBiography(t: string): boolean {
  return t.length >= 60 && t.split(/\s+/).length >= 10 && BIO_SENTENCE.test(t);
}
const BIO_SENTENCE = /^[^,.;:()]{2,80}?\s(?:is|was|has|serves|served|joined|leads|holds|est|était|a été|dirige|es|fue|ha sido|dirige|se desempeña)\s/u;

interface Open {
  s: AgendaSession;
  /** a time slot with no title yet: the next title-like line is its title */
  awaitingTitle: boolean;
  /** the title awaited is a numbered heading's ("Working Group 1"), so another numbered heading is not it */
  titleOnly: boolean;
  /** "Three Parallel Sessions": the bulleted titles under it are sessions in the same slot */
  umbrella: boolean;
  /** the role set by a "Speakers:" or "Moderator:" line, for the lines that follow */
  role: Role;
  roleFromLine: boolean;
  hasCeremonies: boolean;
  /** its title is a part's label alone on its line ("Welcome Remarks", "Keynote"): the next such label is a new part */
  partTitle: boolean;
}

/** Reads the text of one event page into an agenda. Never throws. */
export function parseAgendaText(text: string): Agenda {
  // Web pages carry no-break and zero-width spaces; names and titles should not.
  const lines = String(text ?? '')
    .replace(/[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/g, ' ')
    .replace(/[\u200b-\u200d\u2060\ufeff]/g, '')
    .split(/\r\n|\r|\n|\u2028|\u2029/);
  // "**Panel on water**": a line set wholly in bold (the HTML and DOCX readers mark it so, as Markdown does). The marks
  // are taken off every line; that the line was bold is kept as one of its features.
  const emphasized = new Set<number>();
  lines.forEach((line, k) => {
    const m = EMPHASIZED.exec(line.trim());
    if (m === null) return;
    lines[k] = `${m[1] ?? ''}${m[2]!.trim()}`;
    emphasized.add(k);
  });
  // "1.- Palabras de bienvenida", "2.– Conferencia": an item number written with a dash after its full stop is the
  // same numbered item as "1. Palabras …" (Spanish and Portuguese programmes write it so).
  lines.forEach((line, k) => {
    const m = ENUMERATOR_DASH.exec(line);
    if (m !== null) lines[k] = `${m[1]}. ${line.slice(m[0].length)}`;
  });
  // "[Sub-Session 1] Title", "[Korean Presenter] Name (job)", "【Opening Ceremony】": a label set in square brackets at the
  // head of a line is a label as "Label: rest" writes it (a time in brackets is left to the time reader).
  lines.forEach((line, k) => {
    const m = BRACKET_LABEL.exec(line);
    if (m !== null) lines[k] = `${m[1]}${m[2]}${m[3]!.trim() === '' ? '' : `: ${m[3]!.trim()}`}`;
  });
  // "Mr.Henrik Vaalgren", "Dr.Amina Diallo": an honorific glued to the name after it has its space put back.
  lines.forEach((line, k) => { if (HONORIFIC_GLUED_AFTER.test(line)) lines[k] = line.replace(HONORIFIC_GLUED_AFTER, '$1. '); });
  // "Intervenant.es :", "Intervenant·e·s", "Modérateur·rice·s": French inclusive writing of a role word is that word.
  lines.forEach((line, k) => { if (INCLUSIVE.test(line)) lines[k] = line.replace(INCLUSIVE, (_, w: string, s: string | undefined) => `${w}${s ?? ''}`); });
  const warnings: AgendaWarning[] = [];
  const warn = (i: number, message: string): void => {
    const t = lines[i]!.trim();
    warnings.push({ line: i + 1, text: t.length > MAX_LINE ? `${t.slice(0, MAX_LINE)}…` : t, message });
  };
  const years = yearHints(lines);
  const doubleSpaced = isDoubleSpaced(lines);
  const start = findStart(lines, years);
  // One reading of the page's language, before any person is read: "M. Diop" is "Monsieur Diop" on a French page.
  const style = nameStyleOf(readPageLanguage(lines));
  // The page's own way of writing names, read from the lines that are plainly people: where at least three write
  // "Prénom NOM" (a given name in lower case, the surname in capitals), a name with no lower-case letter and no
  // honorific is a heading in capitals ("LES RIVAGES DE LA MÉDITERRANÉE ANTIQUE, UN PASSÉ EN PARTAGE ?"), not a person.
  const capsSurnamePage = capsSurnameNames(lines) >= 3;
  const readPerson = (line: string, loose = false): PersonRead | null => {
    const read = readPersonIn(line, loose, style);
    if (read !== null && capsSurnamePage && read.person.honorific === null && !/\p{Ll}/u.test(read.person.name)) return null;
    return read;
  };
  const { overview, title } = readOverview(lines.slice(0, start.overviewEnd));
  const programmeItems = numberedProgramme(lines, start.agendaStart);
  const labelHeads = labelledGroups();

  const days: AgendaDay[] = [];
  const opened: Open[] = [];
  // Declared through `as` so that assignments inside the helpers below do not confuse narrowing.
  let day = null as AgendaDay | null;
  let dayNumber = null as number | null;
  let cur = null as Open | null;
  let talkTitle = null as string | null;
  // The slot a time alone on its line opened: headings under it without a time of their own share it.
  let block = null as { start: string; end: string | null } | null;
  // The line of the last time read, so that an end time on the next line completes it.
  let lastLine = -2;
  // Past the page's own furniture ("Related content"): the rest is warned about, not read.
  let over = false;
  // Under "Interprètes :" or "Contact:": the names are not speakers.
  let offStage = false;
  // The line of the last day heading, or of the last paragraph read as a rundown in prose under it.
  let rundownFrom = -1;
  // Role lines met before any session: they go with the next session.
  const pending: Array<{ i: number; read: PersonRead | null; role: Role }> = [];

  const ensureDay = (): AgendaDay => {
    if (day === null) { day = { date: null, label: null, sessions: [] }; days.push(day); }
    return day;
  };
  const openSession = (i: number, fields: Partial<AgendaSession>): Open => {
    // "12:00 …", then "1:00 …": a time with no am/pm that goes back before the day's last start is in the afternoon.
    const last = day?.sessions.findLast((x) => x.start !== null)?.start ?? null;
    if (fields.start != null && last !== null && fields.start < last && fields.start < '08:00' && fields.start >= '01:00' &&
      !/[ap]\.?\s?m\b/i.test(lines[i]!)) {
      const pm = (x: string): string => `${String(Number(x.slice(0, 2)) + 12).padStart(2, '0')}${x.slice(2)}`;
      fields = { ...fields, start: pm(fields.start), end: fields.end != null && fields.end < '12:00' ? pm(fields.end) : fields.end };
      warn(i, 'time read as afternoon: it comes after a later one and has no am/pm');
    }
    const s: AgendaSession = {
      start: null, end: null, kind: 'other', number: null, title: null, moderators: [], speakers: [], line: i + 1, ...fields,
    };
    ensureDay().sessions.push(s);
    const o: Open = { s, awaitingTitle: false, titleOnly: false, umbrella: false, role: SPEAKERS, roleFromLine: false, hasCeremonies: false, partTitle: false };
    cur = o;
    opened.push(o);
    talkTitle = null;
    for (const p of pending.splice(0)) {
      if (p.read === null) { o.role = p.role; o.roleFromLine = true; } else addPerson(p.i, p.read, p.role);
    }
    return o;
  };
  const sessionFor = (i: number): Open => {
    if (cur !== null) return cur;
    warn(i, 'no session heading before this line; read into a session without title');
    return openSession(i, {});
  };
  const addPerson = (i: number, read: PersonRead, role: Role): void => {
    const o = sessionFor(i);
    const r = read.role ?? role;
    // The same person named twice in the same part of one session (a photo caption, a repeated card) is one appearance.
    const key = normaliseName(read.person.name);
    if (key !== '' && o.s[r.bucket].some((q) => normaliseName(q.name) === key)) { warn(i, 'person named again in the same session; read once'); return; }
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

  // "The Transport Committee (at 4.05pm) looks at X with A and Councillor B.": under a day's heading, a paragraph of
  // prose that names meetings with their times is a rundown; each timed sentence with people is a session (a guess).
  /** Headings in capitals each straight over one paragraph of at least fifteen words (a digest of meetings' reports). */
  function readDigest(): Array<{ i: number; heading: string; paragraph: { i: number; text: string } }> {
    const out: Array<{ i: number; heading: string; paragraph: { i: number; text: string } }> = [];
    for (let i = 0; i + 1 < lines.length; i++) {
      const t = lines[i]!.trim();
      if (t === '' || t.length > 80 || !isCapitalsLine(t) || readTimeSlot(t) !== null) continue;
      let j = i + 1;
      while (j < lines.length && lines[j]!.trim() === '') j++;
      const p = (lines[j] ?? '').trim();
      if (p.length > MAX_LINE || p.split(/\s+/).length < 15 || !/[.!?]$/.test(p) || isCapitalsLine(p)) continue;
      out.push({ i, heading: t, paragraph: { i: j, text: p } });
    }
    return out;
  }

  function readRundown(i: number, t: string): boolean {
    if (day === null || stripBullet(t).bullet || !/[.!?]$/.test(t) || t.split(/\s+/).length < 12 || readTimeSlot(t) !== null) return false;
    // Straight under the day's heading, or under a paragraph of the same rundown (blank lines between are layout).
    if (rundownFrom < 0 || lines.slice(rundownFrom + 1, i).some((x) => x.trim() !== '')) return false;
    const rundown = readProseRundown(t, isGivenName, isJobWord, isOrgWord);
    if (rundown.length === 0) return false;
    for (const s of rundown) {
      s.line = i + 1;
      for (const p of s.speakers) p.line = i + 1;
      ensureDay().sessions.push(s);
      warn(i, 'session read from prose (a guess)');
    }
    cur = null;
    block = null;
    rundownFrom = i;
    return true;
  }

  function handle(i: number, line: string): void {
    let t = unglue(line);
    if (over) { warn(i, 'after the end of the agenda; not read'); return; }
    if (t === '') return;
    // "8h30 – Accueil des participants9h00 – Ouverture ; …": a timed item glued to the end of the one before it (a
    // line break lost), cut before the second time.
    const glued = t.length <= MAX_LINE && readTimeSlot(t) !== null ? GLUED_TIME.exec(t) : null;
    if (glued !== null && readTimeSlot(t.slice(glued.index)) !== null) {
      handle(i, t.slice(0, glued.index));
      handle(i, t.slice(glued.index));
      return;
    }
    if (isTableHeader(t)) return;
    // A table row whose first cells are empty ("| | Ms. X, Director") continues the row above.
    if (t.startsWith('|')) {
      t = t.replace(/^[|\s]+/, '').replace(/[|\s]+$/, '');
      if (t === '') return;
      if (t.includes('|') && cur !== null) { for (const cell of t.split('|')) if (cell.trim() !== '') readPeopleCell(i, cell.trim()); return; }
    }
    if (t.length > MAX_LINE) { warn(i, 'line too long to read'); return; }

    // A bullet or dash in front of a day or a time ("- 9h-9h45 : Title", "- Saturday, 13 October 2018") is layout.
    const unbulleted = stripBullet(t);
    // "· Hearing Transcript (html)", "Chairman X's Opening Statement (pdf)", "Audio Transcript": a link to a document of
    // the meeting, neither a heading nor a person.
    if (DOC_LINK.test(unbulleted.text)) { warn(i, 'link to a document of the meeting; not read'); return; }
    const lead = unbulleted.bullet && /^\p{Lu}?\p{Ll}*\d|^\p{L}+,?\s\d/u.test(unbulleted.text) ? unbulleted.text : t;

    // "Tuesday, December 3: The conference will start at 10:00 am with …": a press release's day, then its programme in
    // prose; the sentences are read as the prose reader reads them, into that day (each session warned as a guess).
    const dayProse = DAY_THEN_PROSE.exec(lead);
    const proseDay = dayProse !== null && dayProse[2]!.split(/\s+/).length >= 8 ? readDayHeading(dayProse[1]!, years) : null;
    if (proseDay !== null && proseDay.date !== null && proseDay.rest === null) {
      handle(i, dayProse![1]!);
      const read = readProseProgramme([dayProse![2]!], (one, loose) => readPerson(one, loose));
      if (read.length === 0) { warn(i, 'prose inside the agenda; not read'); return; }
      for (const { session } of read) {
        session.line = i + 1;
        for (const p of [...session.speakers, ...session.moderators]) p.line = i + 1;
        ensureDay().sessions.push(session);
        warn(i, 'session read from prose (a guess)');
      }
      cur = null;
      return;
    }
    const dh = readDayHeading(lead, years);
    if (dh !== null) {
      rundownFrom = dh.rest === null ? i : -1;
      let date = dh.date;
      const prev: AgendaDay | null = day;
      block = null;
      if (date === null && dh.dayNumber !== null && prev !== null && prev.date !== null && dayNumber !== null && dh.dayNumber > dayNumber) {
        date = addDays(prev.date, dh.dayNumber - dayNumber);
        warn(i, 'date counted on from the previous day heading');
      } else if (dh.warning !== null) warn(i, dh.warning);
      // A day heading repeated ("Day 1" then its date; a date header before the first day; an item's start and end
      // dates) is the same day: a day with no session yet, or with the same date, takes the heading over.
      // So is an undated day that holds only a time span ("7:30 am - 11:30 am EDT" over the date): the span is the day's.
      const spanOnly = prev !== null && prev.date === null && date !== null && prev.sessions.length > 0 &&
        prev.sessions.every((x) => x.title === null && x.speakers.length + x.moderators.length === 0);
      if (prev !== null && (prev.sessions.length === 0 || spanOnly || (date !== null && prev.date === date))) {
        if (date !== null) prev.date = date;
        if ((prev.sessions.length === 0 || spanOnly) && (date !== null || prev.date === null)) prev.label = dh.label;
        if (dh.dayNumber !== null) dayNumber = dh.dayNumber;
        // The same date written again before the next item ("Saturday, 13 October 2018" over each meeting): what
        // follows is a new item, not more of the one above.
        if (prev.sessions.length > 0) cur = null;
      } else {
        day = { date, label: dh.label, sessions: [] };
        days.push(day);
        dayNumber = dh.dayNumber;
        cur = null;
      }
      // "Monday 5 May 2014 9:00-10:00 Opening": a time glued to the date is read as its own line.
      if (dh.rest !== null && readTimeSlot(dh.rest) !== null) handle(i, dh.rest);
      // "DAY 2 – 21 JUNE 2011 – Tuesday The e-Leadership Workshop Venue: …": what names the day's track or venue.
      else if (dh.rest !== null && dh.rest.split(/\s+/).length > 4) warn(i, 'words after the day\'s date (its track, venue or table header); not read');
      return;
    }

    const slot = readTimeSlot(lead);
    if (slot !== null) {
      if (slot.warning !== null) warn(i, slot.warning);
      const rest = stripDuration(slot.rest);
      // Start and end on lines of their own ("9.00" then "10.30"): the second line ends the slot the first opened.
      const o0: Open | null = cur;
      if (rest === '' && slot.end === null && o0 !== null && o0.awaitingTitle && o0.s.end === null && o0.s.start !== null &&
        o0.s.start < slot.start && lastLine === i - 1) {
        o0.s.end = slot.start;
        lastLine = i;
        return;
      }
      // "Session I - Title" and its chair, then timed talks: the heading groups them; its chair chairs the first.
      const header: Open | null = cur;
      const moved = header !== null && header.s.start === null && header.s.title !== null && header.s.speakers.length === 0 && header.s.moderators.length > 0 &&
        header.s.number !== null && day !== null && day.sessions[day.sessions.length - 1] === header.s ? header.s.moderators : null;
      if (moved !== null) {
        day!.sessions.pop();
        opened.splice(opened.indexOf(header!), 1);
        warn(header!.s.line! - 1, 'heading over timed slots read as their group; its chair goes to the first');
      }
      // "Theme 1: Trust in health" with no one under it, then a time alone on its line: a heading over the slot (a
      // track), not a session; the heading's title is the slot's until the next line gives the slot one of its own.
      const group: Open | null = moved === null && rest === '' && header !== null && header.s.start === null && header.s.title !== null &&
        header.s.number !== null && header.s.kind !== 'break' && header.s.speakers.length + header.s.moderators.length === 0 &&
        day !== null && day.sessions[day.sessions.length - 1] === header.s && day.sessions.some((x) => x.start !== null) ? header : null;
      if (group !== null) {
        day!.sessions.pop();
        opened.splice(opened.indexOf(group), 1);
        warn(group.s.line! - 1, 'heading with no one under it over a timed slot; read as their group, not a session');
      }
      // "19:00 - 21:00 Dîner" then "09:00 - 09:15 Accueil" with no day heading between (a programme printed one table a
      // day, the date of the next lost): the morning after the evening is the next day, its date unknown (warned).
      const lastOfDay = day?.sessions.at(-1) ?? null;
      if (lastOfDay != null && lastOfDay.start !== null && lastOfDay.start >= '17:00' && slot.start <= '10:30' &&
        !isVenueLine(prevLine(i)) && lastLine >= 0 && lines.slice(lastLine + 1, i).every((x) => x.trim() === '')) {
        day = { date: null, label: null, sessions: [] };
        days.push(day);
        dayNumber = null;
        warn(i, 'a morning after an evening with no day heading between: read as the next day, its date not given (a guess)');
      }
      const o = openSession(i, { start: slot.start, end: slot.end });
      offStage = false;
      if (moved !== null) o.s.moderators.push(...moved);
      if (group !== null) Object.assign(o.s, { kind: group.s.kind, number: group.s.number, title: group.s.title });
      lastLine = i;
      block = rest === '' ? { start: slot.start, end: slot.end } : null;
      if (rest.includes('|')) { readTableRow(i, o, rest.split('|')); return; }
      // Columns set apart by tabs or wide spaces, when a later column names a person: "Opening remarks\tH.E. X, Minister".
      const columns = rest.split(/\t| {3,}/);
      if (columns.length > 1 && columns.some((c, k) => k > 0 && namesPerson(c.trim()))) { readTableRow(i, o, columns); return; }
      if (rest === '') { o.awaitingTitle = true; return; }
      readSlotText(i, o, rest);
      return;
    }

    // "Location: Date: November 9, 2020 Time: 9:00 am - 9:15 am Name Name": a session card that gives its date and time
    // last, after its title and people (layout): they are that session's; the names after the time repeat the card's.
    const card = CARD_FIELDS.exec(t);
    const cardOpen: Open | null = cur;
    const cardTime = card !== null ? readTimeSlot(card[2]!) : null;
    if (card !== null && cardOpen !== null && cardTime !== null && cardOpen.s.start === null && cardOpen.s.line! - 1 < i) {
      cardOpen.s.start = cardTime.start;
      cardOpen.s.end = cardTime.end;
      const dated = readDayHeading(card[1]!.trim(), years);
      const here = day;
      if (dated !== null && dated.date !== null && here !== null && here.date !== dated.date) {
        if (here.date === null && days.every((d) => d === here || d.date !== dated.date)) here.date = dated.date;
        else if (here.sessions.at(-1) === cardOpen.s) {
          here.sessions.pop();
          const to = days.find((d) => d.date === dated.date) ?? { date: dated.date, label: null, sessions: [] };
          if (!days.includes(to)) days.push(to);
          to.sessions.push(cardOpen.s);
          day = to;
          if (here.sessions.length === 0 && here.label === null) days.splice(days.indexOf(here), 1);
        }
      }
      warn(i, 'date and time at the end of a session\'s card read as that session\'s (layout)');
      // The card ends there: what follows is the next session's.
      cur = null;
      return;
    }
    // "Time: 10:00 am – 11:30 am EDT", "Horario: 9 a 13 h": the event's own hours in its details, a span, not a session.
    const field = TIME_FIELD.exec(t);
    const fieldSlot = field !== null ? readTimeSlot(t.slice(field[0].length)) : null;
    if (fieldSlot !== null && fieldSlot.rest === '') {
      // Under a session heading with no time yet ("Session 1: Title", "Time: 10:00 – 11:00"), it is that session's.
      const here: Open | null = cur;
      if (here !== null && here.s.start === null) { here.s.start = fieldSlot.start; here.s.end = fieldSlot.end; return; }
      openSession(i, { start: fieldSlot.start, end: fieldSlot.end });
      cur = null;
      block = null;
      return;
    }
    // "Session 1 – 10h00-11h30: Title", "Coffee Break – 10h00-10h30": the time after a heading.
    const late = readTimeAfterHeading(t);
    if (late !== null && readRoleLine(late.head) === null && readPerson(late.head) === null) {
      if (late.slot.warning !== null) warn(i, late.slot.warning);
      const o = openSession(i, { start: late.slot.start, end: late.slot.end });
      block = null;
      // "Film evening (20.00 – 22.00) and/or free time": the words after a bracketed time go on with the title.
      // "… - 3 p.m. to 3.30 p.m. (New York time)": the time zone after the time is not part of the title.
      const after = ZONE_NOTE.test(late.slot.rest) ? '' : late.slot.rest;
      Object.assign(o.s, readSessionHeading(after === '' ? late.head : `${late.head}${late.bracketed === true ? ' ' : ': '}${after}`)!);
      if (PARALLEL.test(late.head) || GENERIC_PLURAL.test(late.head)) o.umbrella = true;
      return;
    }
    // "Panel Two: Pensions 10:15 a.m. – 11:15 a.m": a range that ends the line belongs to what stands before it.
    const trailing = readTrailingTime(t);
    // Not a sentence of prose that ends on a time ("… Sename realizaría enlace en vivo …, entre 8:00 y 9:00 hrs.").
    const prosy = trailing !== null && (trailing.head.split(/\s+/).length > 20 || /\p{Ll}[.!?]\s\p{Lu}/u.test(trailing.head));
    if (trailing !== null && !prosy && readPerson(trailing.head) === null) {
      const o = openSession(i, { start: trailing.slot.start, end: trailing.slot.end });
      block = null;
      readSlotText(i, o, trailing.head);
      return;
    }

    if (BADGE.test(t)) { warn(i, 'page furniture; not read'); return; }
    // "PROGRAMA", "Agenda", "Programme": the programme's own heading, met after a date line started the agenda.
    if (AGENDA_HEADING.test(t) && !(cur?.awaitingTitle ?? false)) { warn(i, 'heading of the programme; not a session'); return; }
    // "Matin", "Après-midi", "Morning session", "Tarde": a part of the day over the slots that follow, not a session; a
    // role line under it goes with the next slot.
    if (HALF_DAY.test(unbulleted.text)) { warn(i, 'part of the day; not a session'); cur = null; block = null; return; }
    // "All day", "Toute la journée", "Todo el día": a slot with no clock time; the next line is its title.
    if (ALL_DAY.test(unbulleted.text)) {
      const o = openSession(i, {});
      o.awaitingTitle = true;
      block = null;
      return;
    }
    if (END_MARK.test(t) && t.length < 60) { cur = null; return; }
    // "Related content", "Share this event": the site's furniture after the agenda; nothing after it is read.
    if (PAGE_END.test(t) && t.length < 60) { over = true; warn(i, 'page furniture after the agenda; not read'); return; }
    // "Speaker biographies", or "Speakers" over a name and a paragraph about that person: the bios after the agenda.
    if (BIOS.test(t) || (roleOf(stripBullet(t).text)?.bucket === 'speakers' && biographyNext(i))) {
      over = true;
      warn(i, 'speakers\' biographies after the agenda; not read');
      return;
    }
    // "(environ 20 mn)", "(45 min)": the length of the item above, already placed by its time.
    if (t.startsWith('(') && stripDuration(t) === '') return;

    // "Interprètes : …", "Contact: …": people who do not take the floor; neither they nor the names under them are read.
    if (OFF_STAGE.test(unbulleted.text)) { offStage = true; warn(i, 'interpreters or contacts, not speakers; not read'); return; }
    // "– Moderador: X": a role line may be bulleted too.
    const role = readRoleLine(unbulleted.bullet ? unbulleted.text : t) ?? gluedRole(unbulleted.text);
    const bulleted = unbulleted.bullet;
    const o: Open | null = cur;
    // A bare name in a list of names, or opening with a known given name, is a person, not a title.
    const nameLine = role === null && isNameInRun(lines, i, readPerson);
    // "Welcome Remarks", "Keynote", "Closing Remarks" alone on a line without a colon, under a time: the slot's title
    // when it has none yet; after the people of such a part, the next part of the same slot (two parts, one time).
    const here: Open | null = cur;
    if (role !== null && role.rest === '' && here !== null && here.s.start !== null && !/[:：]$/.test(t)) {
      const part = readSessionHeading(unbulleted.text);
      const people = here.s.speakers.length + here.s.moderators.length;
      if (part !== null && (part.kind === 'opening' || part.kind === 'closing' || part.kind === 'keynote') &&
        ((here.s.title === null && here.s.speakers.length === 0) || (here.partTitle && here.s.speakers.length > 0))) {
        const o2 = here.s.title === null ? here : openSession(i, { start: here.s.start, end: here.s.end });
        o2.awaitingTitle = false;
        o2.titleOnly = false;
        Object.assign(o2.s, part);
        o2.partTitle = true;
        o2.role = role.role;
        o2.roleFromLine = true;
        if (o2 !== here || people > 0) warn(i, 'a part\'s label alone on its line read as the title of a part of its time slot');
        return;
      }
    }
    // With no times, the same label after a blank line, over people, after a session that has its own: a session heading.
    if (role !== null && role.rest === '' && here !== null && here.s.start === null && !/[:：]$/.test(t) && i > 0 &&
      (lines[i - 1]!.trim() === '' || isCapitalsLine(t)) && here.s.speakers.length + here.s.moderators.length > 0 && peopleBlockUnder(i, 1, false)) {
      const part = readSessionHeading(unbulleted.text);
      if (part !== null && (part.kind === 'opening' || part.kind === 'closing' || part.kind === 'keynote')) {
        openHeading(i, part, t);
        cur!.role = role.role;
        cur!.roleFromLine = true;
        warn(i, 'read as a session heading from the people under it');
        return;
      }
    }

    // "9.00 – 12.00" then "48th meeting" then the item: the meeting's number is no title; the next line gives it.
    if (o !== null && o.awaitingTitle && !nameLine && MEETING_NUMBER.test(t)) {
      warn(i, 'meeting number; the title is read from the next line');
      return;
    }
    if (o !== null && o.awaitingTitle && !nameLine) {
      o.awaitingTitle = false;
      const bare = withoutPlace(stripDuration(t));
      const wasTitleOnly = o.titleOnly;
      o.titleOnly = false;
      // "Session 1" then "Topic 1: Learning outcomes": the theme under an untitled numbered heading is its title.
      const theme = wasTitleOnly && o.s.title === null && THEME_HEADING.test(bare) ? readSessionHeading(bare, true) : null;
      if (theme != null && theme.title !== null) { o.s.title = theme.title; return; }
      const own = wasTitleOnly ? isHeadingOfItsOwn(bare) : readTimeSlot(bare) !== null || readDayHeading(bare, years) !== null;
      // "Trade after the pandemic. A conversation with X, Secretary-General": the title and its speaker.
      const titled = role === null && !own && bare.length <= 300 ? readTitleAndPerson(bare, readPerson) : null;
      if (titled !== null && !wasTitleOnly && isTitleLike(titled.title)) {
        Object.assign(o.s, readSessionHeading(titled.title)!);
        for (const p of [titled.read, ...titled.more]) addPerson(i, p, titled.role ?? SPEAKERS);
        for (const p of titled.joined ?? []) addPerson(i, p, SPEAKERS);
        return;
      }
      if (role === null && readPerson(bare, bulleted) === null && isTitleLike(bare) && !own && !isVenueLine(bare)) {
        const heading = readSessionHeading(bare)!;
        // "SESSION I" then its title: the number and kind stay the heading's.
        if (wasTitleOnly) o.s.title = heading.title;
        else Object.assign(o.s, heading);
        // "14:00- 14:45" then "Session 2" then "Topic 2: Title": a numbered heading with no title waits for one still.
        if (!wasTitleOnly && heading.title === null && heading.number !== null) { o.awaitingTitle = true; o.titleOnly = true; }
        return;
      }
    }

    if (role !== null) {
      offStage = false;
      if (role.rest === '') {
        if (cur === null) { pending.push({ i, read: null, role: role.role }); return; }
        const target = sessionFor(i);
        target.role = role.role;
        target.roleFromLine = true;
        return;
      }
      for (const one of splitPeople(role.rest)) {
        const p = readPerson(one, true);
        if (p === null) warn(i, `"${role.role.label ?? role.role.bucket}" followed by something that is not a person`);
        // A role line before any session ("Président de séance : X" above the first slot) goes with the next one.
        else if (cur === null) pending.push({ i, read: p, role: role.role });
        else addPerson(i, p, role.role);
      }
      return;
    }

    // "14:00 “Title”" over "(Keynote Address)": the kind of the slot above, said in parentheses, not a session.
    const kindNote = /^\(([^()]{3,60})\)$/.exec(t);
    const noted = kindNote !== null ? readSessionHeading(kindNote[1]!, true) : null;
    if (noted != null && noted.kind !== 'other' && noted.kind !== 'break' && noted.number === null && cur !== null && cur.s.title !== null &&
      cur.s.speakers.length + cur.s.moderators.length === 0) {
      cur.s.kind = noted.kind;
      return;
    }

    // "For Thematic Session 1, Title, the following speakers were selected:": a session named inside a sentence.
    // "The Full Committee will meet to receive testimony on the Readiness of X.", "… will hold a joint hearing on Y.":
    // a meeting announced in a sentence under its date; its subject is the session's title (a guess, warned).
    const meeting = readMeetingSentence(unbulleted.text);
    if (meeting !== null) {
      cur = null;
      openHeading(i, meeting, t);
      warn(i, 'meeting announced in a sentence; its subject read as the title (a guess)');
      return;
    }
    const sentence = readSentenceHeading(unbulleted.text);
    if (sentence !== null) {
      openHeading(i, sentence.heading, t);
      const said = sentence.tail.split(/\s+/).map((w) => roleOf(w)).find((r) => r !== null);
      if (said != null) { cur!.role = said; cur!.roleFromLine = true; }
      warn(i, 'session named inside a sentence; read as its heading (a guess)');
      return;
    }

    // "En esta mesa participarán la Sra. X, …; el Sr. Y, … y la Sra. Z.", "Speakers will include A and B": the people a
    // sentence announces, when every one of them reads as a person.
    const announced = SENTENCE_PEOPLE.exec(unbulleted.text);
    if (announced !== null && announced[2]!.length <= 1200) {
      const reads = splitPeople(announced[2]!.replace(/\.$/, '')).map((one) => readPerson(one, true));
      if (reads.length > 0 && reads.every((p) => p !== null && p.person.name.split(/\s+/).length <= 5) &&
        reads.some((p) => p!.person.honorific !== null || p!.person.position !== null || p!.person.organization !== null)) {
        for (const p of reads) addPerson(i, p!, SPEAKERS);
        warn(i, 'people read from a sentence that announces them (a guess)');
        return;
      }
    }

    const cue = readCueLine(t);
    const cued = cue !== null ? readPerson(cue.rest, true) : null;
    if (cued !== null) { addPerson(i, cued, cue!.role); return; }

    // "▶ 1st plenary meeting (Plenary Hall, 10 a.m. – 1 p.m.)" over "1. Opening of the Conference", "2. Election of the
    // President": under a slot that has its time and title from one line, a run of numbered lines lists its agenda items.
    const agendaItem = AGENDA_ITEM.test(t) && (AGENDA_ITEM.test(prevLine(i)) || AGENDA_ITEM.test(nextLine(i)));
    if (agendaItem && block === null && cur !== null && cur.s.start !== null && cur.s.title !== null) {
      warn(i, 'agenda item of the meeting above; not a session');
      return;
    }
    // "1. Palabras de bienvenida de X, alcalde", "2. Conferencia … por el Sr. Y": on a page whose programme is a numbered
    // list with no clock times, each item is a session, its text read as a time line's would be (layout, a guess).
    const enumerated = ENUMERATED_ITEM.exec(t);
    if (enumerated !== null && programmeItems.has(i)) {
      const o = openSession(i, {});
      readSlotText(i, o, enumerated[2]!.replace(/\.$/, ''));
      warn(i, 'numbered item of a programme without times; read as a session (a guess)');
      return;
    }
    const numbered = readSessionHeading(t, true);
    // "Sub-theme 1: Learning", "Part II", "Segment 2" under a timed session that has begun: a part of that session; the
    // people under it stay in it.
    const hereNow: Open | null = cur;
    if (numbered !== null && SUBPART.test(unbulleted.text) && hereNow !== null && hereNow.s.start !== null &&
      hereNow.s.title !== null && hereNow.s.speakers.length + hereNow.s.moderators.length > 0) {
      warn(i, 'sub-theme or part of the session above; its people are read into that session');
      return;
    }
    if (numbered !== null && numbered.number !== null) { openHeading(i, numbered, t); return; }

    // Under "Three Parallel Sessions", each bulleted title with no person in it is one of them, in the same slot.
    const umbrella: Open | null = cur;
    const item = /^(?:[A-Z]|\d{1,2})[.)]\s+(?=\p{Lu})/u.exec(t);
    const itemText = item !== null ? t.slice(item[0].length) : unbulleted.text;
    if (umbrella !== null && umbrella.umbrella && (bulleted || item !== null) && !/[,;]/.test(itemText) && isTitleLike(itemText) &&
      splitHonorific(itemText, style).honorific === null) {
      const heading = { ...readSessionHeading(itemText)!, kind: 'panel' as const };
      if (umbrella.s.speakers.length + umbrella.s.moderators.length === 0 && (PARALLEL.test(umbrella.s.title ?? '') || GENERIC_PLURAL.test(umbrella.s.title ?? ''))) {
        Object.assign(umbrella.s, heading);
      } else {
        const o2 = openSession(i, { start: umbrella.s.start, end: umbrella.s.end });
        Object.assign(o2.s, heading);
        o2.umbrella = true;
      }
      return;
    }

    const person = readPerson(t, bulleted || nameLine || (cur?.roleFromLine ?? false));
    if (person !== null && offStage) { warn(i, 'listed with the interpreters or contacts; not read as a speaker'); return; }
    if (person !== null && !(bulleted && person.person.talkTitle !== null && numbered !== null)) {
      // "A, job; B, job; C, job": several people on one line.
      const parts = splitPeople(unbulleted.text);
      const many = parts.length > 1 ? parts.map((one) => readPerson(one, true)) : [];
      if (many.length > 1 && many.every((p) => p !== null)) { for (const p of many) addPerson(i, p!, cellRole ?? cur?.role ?? SPEAKERS); return; }
      addPerson(i, person, cellRole ?? cur?.role ?? SPEAKERS);
      return;
    }

    if (numbered !== null) { openHeading(i, numbered, t); return; }

    // "Présentation par la maîtresse des cérémonies, X": someone named after the part they take.
    const named = readNamedAfterRole(t, readPerson);
    if (named !== null) {
      const here: Open | null = cur;
      // "Palabras a cargo de A, decana …, B, rector …": everyone the phrase names.
      for (const one of [named.read, ...named.more]) {
        if (here === null) pending.push({ i, read: one, role: named.role ?? SPEAKERS });
        else addPerson(i, one, named.role ?? here.role);
      }
      for (const one of named.joined) {
        if (here === null) pending.push({ i, read: one, role: SPEAKERS });
        else addPerson(i, one, SPEAKERS);
      }
      warn(i, 'read as a person named after their part; the rest of the line is not kept');
      return;
    }

    if (isVenueLine(t)) { warn(i, 'venue or room; not read'); return; }

    // A short title set wholly in bold, on a line of its own, is a heading (layout), unless a time or a day follows it.
    if (emphasized.has(i) && t === lines[i]!.trim() && isTitleLike(unbulleted.text) && !/^["“‘«]/.test(unbulleted.text) && !timeOrDayNext(i)) {
      openHeading(i, readSessionHeading(unbulleted.text)!, unbulleted.text);
      warn(i, 'read as a session heading from its bold type (a guess)');
      return;
    }

    // A short title on its own line followed by a role line or by people starts a session of its own
    // (layout: headings without times), unless it is quoted (a talk title).
    // After a break ("Lunch"), which has no one, the same holds.
    const hasPeople = cur === null || cur.s.speakers.length + cur.s.moderators.length > 0 || cur.s.kind === 'break';
    if (hasPeople && isTitleLike(t) && !/^["“‘«]/.test(t) &&
      (startsGroup(lines, i, readPerson, true) || peopleBlockUnder(i) || (isCapitalsLine(t) && peopleBlockUnder(i, 1, false)))) {
      openHeading(i, readSessionHeading(t)!, t);
      warn(i, 'read as a session heading from the people under it');
      return;
    }

    // "Calls to action by survivors of terrorism:", "Eminent speakers:": a label ending in a colon over the people under
    // it, naming no role the parser knows: they take the floor (a guess, warned).
    const labelled: Open | null = cur;
    if (labelled !== null && /[:：]$/.test(unbulleted.text) && unbulleted.text.length <= 80 && !bulleted && nextIsBulletedPerson(i)) {
      labelled.role = SPEAKERS;
      labelled.roleFromLine = true;
      warn(i, 'label over the people under it; they are read as speakers (a guess)');
      return;
    }
    // On a page whose short labels head groups of people ("Comments and reflections" over four people), a label over
    // one person heads its part too, rather than being that person's talk title (the page's pattern; a guess).
    if (labelHeads.has(i)) {
      openHeading(i, readSessionHeading(t)!, t);
      warn(i, 'read as a session heading: on this page such labels head groups of people (a guess)');
      return;
    }
    if (cur !== null && isTalkTitle(t, lines, i, readPerson)) {
      talkTitle = t.replace(/^["“‘']|["”’']$/g, '');
      if (!/^["“‘']/.test(t)) warn(i, 'read as the talk title of the next speaker');
      return;
    }
    warn(i, bulleted ? 'bulleted line not read as a person'
      : cur !== null && isDiscussionLine(t) ? 'discussion without a time of its own; kept in the session above'
      : /[.!?]$/.test(t) ? 'prose inside the agenda; not read' : 'line not understood');
  }

  /**
   * "Keynote speech Jean-Pierre DUMONT Secretary General OECD": a role phrase with the person glued to it, no colon
   * between. Read only when the rest reads as a person on its own (not loosely).
   */
  function gluedRole(text: string): { role: Role; rest: string } | null {
    if (text.length > 300 || readTimeSlot(text) !== null) return null;
    const ws = text.split(/\s+/);
    for (let k = Math.min(4, ws.length - 2); k >= 1; k--) {
      const r = roleOf(ws.slice(0, k).join(' '));
      if (r === null || /^(?:with|avec|con)$/i.test(ws.slice(0, k).join(' '))) continue;
      const rest = ws.slice(k).join(' ');
      if (!/^\p{Lu}/u.test(rest)) return null;
      // "Modérateur Sudel Fontaine": a chair's word alone, then a plain name of two to four words.
      const plain = r.bucket === 'moderators' && k === 1 && ws.length - k <= 4 && looksLikeName(rest) &&
        !ws.slice(k).some((w) => isJobWord(w) || isOrgWord(w));
      return readPerson(rest) !== null || plain ? { role: r, rest } : null;
    }
    return null;
  }

  /**
   * A title that opens a block of its own (a blank line above it) with two person lines straight under it: the
   * block's heading, not the talk title of the first ("The future of remittances", then "A, job" and "B, job").
   */
  /**
   * Short unquoted labels each followed straight away by person lines, when at least one of them heads two people or
   * more and there are at least two: the page uses such labels as the headings of its parts. Empty otherwise.
   */
  function labelledGroups(): Set<number> {
    const labels: number[] = [];
    let grouped = false;
    for (let i = Math.max(0, start.agendaStart); i < lines.length; i++) {
      const t = lines[i]!.trim();
      if (t === '' || t.length > 80 || !isTitleLike(t) || /^["“‘'«]/.test(t) || /[?!]$/.test(t) || stripBullet(t).bullet) continue;
      if (readTimeSlot(t) !== null || readDayHeading(t, years) !== null || readRoleLine(t) !== null || readCueLine(t) !== null) continue;
      if (readPerson(t) !== null || isVenueLine(t)) continue;
      let n = 0;
      for (let j = i + 1; j < lines.length && j <= i + 12; j++) {
        const u = lines[j]!.trim();
        if (u === '' || u.length > MAX_LINE || readTimeSlot(u) !== null || readRoleLine(u) !== null || readPerson(u) === null) break;
        n++;
      }
      if (n === 0) continue;
      labels.push(i);
      if (n >= 2) grouped = true;
    }
    return grouped && labels.length >= 2 ? new Set(labels) : new Set();
  }

  function peopleBlockUnder(i: number, least = 2, blankAbove = true): boolean {
    if (blankAbove && i > 0 && lines[i - 1]!.trim() !== '' && i - 1 >= start.agendaStart) return false;
    // A person is one line ("Name, job") or a name alone over the lines of its job ("Mr. X" / "Director, Y").
    // "• Speech by Dr. X" counts as a person; one bullet that names no one ("• The Secretary General or his
    // representative") is passed over when people follow it.
    let count = 0;
    let passed = 0;
    let j = i + 1;
    while (count < least && j < lines.length) {
      const t = lines[j]!.trim();
      if (t === '' || t.length > MAX_LINE || readTimeSlot(t) !== null || readTimeSlot(stripBullet(t).text) !== null) break;
      const role = readRoleLine(t) ?? readRoleLine(stripBullet(t).text);
      if (role !== null) {
        if (role.rest === '' || readPerson(role.rest, true) === null) break;
        j++;
      } else if (isNameAlone(t, style) && isAffiliationLine(lines[j + 1]?.trim() ?? '', years, style)) {
        j += 2;
        while (j < lines.length && j < i + 8 && isAffiliationLine(lines[j]!.trim(), years, style)) j++;
      } else if (readPerson(t, false) !== null) j++;
      else if (stripBullet(t).bullet && passed === 0 && count === 0) { passed++; j++; continue; }
      else break;
      count++;
    }
    return count >= least;
  }

  /** Whether the next non-blank line is a bulleted line that reads as a person. */
  function nextIsBulletedPerson(i: number): boolean {
    const next = nextLine(i);
    const b = stripBullet(next);
    return b.bullet && readPerson(next, true) !== null;
  }

  /** The nearest non-blank line above or below line i ('' at either end). */
  function prevLine(i: number): string {
    for (let j = i - 1; j >= 0 && j > i - 4; j--) if (lines[j]!.trim() !== '') return lines[j]!.trim();
    return '';
  }
  function nextLine(i: number): string {
    for (let j = i + 1; j < lines.length && j < i + 4; j++) if (lines[j]!.trim() !== '') return lines[j]!.trim();
    return '';
  }

  /** "Cocktail Reception - Palm Court Hotel": the place after a dash is the venue, not part of the title. */
  function withoutPlace(title: string): string {
    const placed = /^(.{3,200}?)\s[–—-]\s([^–—-]{3,120})$/.exec(title);
    return placed !== null && isVenueLine(placed[2]!.trim()) && readPerson(placed[2]!.trim()) === null ? placed[1]!.trim() : title;
  }

  /** A bare name on the next line and a sentence about that person under it ("X is a researcher at …"). */
  function biographyNext(i: number): boolean {
    const next = (from: number): number => { let j = from + 1; while (j < lines.length && lines[j]!.trim() === '') j++; return j; };
    const a = next(i);
    const b = next(a);
    const name = (lines[a] ?? '').trim();
    const bio = (lines[b] ?? '').trim();
    if (name === '' || bio === '' || name.length > 80 || /[,;:]/.test(name)) return false;
    return looksLikeName(splitHonorific(name, style).name) && isBiography(bio);
  }

  function timeOrDayNext(i: number): boolean {
    let j = i + 1;
    while (j < lines.length && lines[j]!.trim() === '') j++;
    const next = (lines[j] ?? '').trim();
    if (next === '' || next.length > MAX_LINE) return false;
    return readDayHeading(next, years) !== null;
  }

  /** The text of a time slot after its time: a role and a person, a title and a person, or a title. */
  function readSlotText(i: number, o: Open, rest: string): void {
    // "19:00 (Reception hosted by the Government)": an item set in parentheses is still the slot's title.
    const wrapped = /^\(([^()]{3,300})\)$/.exec(rest);
    if (wrapped !== null) rest = wrapped[1]!.trim();
    rest = withoutPlace(withoutRoom(rest));
    // "Session 1 - Title - A (Org), B (Org) & C (Org)": the people after the title's last dash, each with the
    // institution or country in parentheses.
    const dashed = peopleAfterDash(rest);
    if (dashed !== null) {
      Object.assign(o.s, readSessionHeading(dashed.title)!);
      for (const p of dashed.people) addPerson(i, p, SPEAKERS);
      warn(i, dashed.dropped > 0 ? 'people read from the list after the title\'s dash (a guess); an institution listed with them is not a person'
        : 'people read from the list after the title\'s dash (a guess)');
      return;
    }
    // "Plenary: Campaigns in the South. Panelists: A (Ghana), B (India)": a role label after the title's full stop
    // gives the people after it; the title ends at the stop.
    const inner = splitAtRoleLabel(rest);
    if (inner !== null) {
      Object.assign(o.s, readSessionHeading(inner.title)!);
      for (const p of inner.people) addPerson(i, p, inner.role);
      return;
    }
    // "Accueil des participants – Modératrices de la journée : A et B": a role line after the title's dash.
    const dashAt = Math.max(rest.lastIndexOf(' – '), rest.lastIndexOf(' — '), rest.lastIndexOf(' - '));
    const dashRole = dashAt > 2 ? readRoleLine(rest.slice(dashAt + 3)) : null;
    const dashPeople = dashRole !== null && dashRole.rest !== '' && /[:：]/.test(rest.slice(dashAt + 3)) ? splitPeople(dashRole.rest).map((one) => readPerson(one, true)) : [];
    if (dashPeople.length > 0 && dashPeople.every((p) => p !== null && p.warning === null)) {
      Object.assign(o.s, readSessionHeading(rest.slice(0, dashAt).trim())!);
      for (const p of dashPeople) addPerson(i, p!, dashRole!.role);
      return;
    }
    // "Election of Chairperson ED: SARNET [Prof K. Mapfumo]": the speaker in square brackets after the title.
    const square = /^(.{3,300}?)\s?\[([^[\]]{3,120})\]$/u.exec(rest);
    const bracketed = square !== null ? readPerson(square[2]!, true) : null;
    if (bracketed !== null && bracketed.warning === null && (bracketed.person.honorific !== null || isGivenName(bracketed.person.name.split(/\s+/)[0]!))) {
      Object.assign(o.s, readSessionHeading(square![1]!.trim())!);
      addPerson(i, bracketed, SPEAKERS);
      return;
    }
    // "Title (Name, job, Institution)", "Title (A, job, et B, job à X)", "Title (Atelier animé par X, facilitatrice)": the
    // people in parentheses after the title, each opening with a known given name and with a job or an institution.
    const paren = /^(.{3,300}?)\s?\(([^()]{5,400})\)$/u.exec(rest);
    if (paren !== null && readTimeSlot(paren[2]!) === null) {
      const byRole = readTitleAndPerson(paren[2]!, readPerson);
      const list = byRole !== null ? [] : splitPeople(paren[2]!).map((one) => readPerson(one, true));
      const known = (q: PersonRead | null): boolean => q !== null && q.warning === null && isGivenName(q.person.name.split(/\s+/)[0]!) &&
        q.person.name.split(/\s+/).length <= 4 && (q.person.position !== null || q.person.organization !== null);
      if ((byRole !== null && byRole.role !== null && known(byRole.read) && byRole.more.every(known)) || (list.length > 0 && list.every(known))) {
        Object.assign(o.s, readSessionHeading(paren[1]!.trim())!);
        if (byRole !== null) for (const q of [byRole.read, ...byRole.more]) addPerson(i, q, byRole.role!);
        else for (const q of list) addPerson(i, q!, SPEAKERS);
        warn(i, 'people read from the parentheses after the title (a guess)');
        return;
      }
    }
    // "Ouverture ; Henri Vasseur, Président de l'AFBV et Paul Delorme, Président de la SAF": the title, a semicolon,
    // then its speakers, each a name with their job after a comma.
    const semi = titleSemicolonPeople(rest);
    if (semi !== null) {
      Object.assign(o.s, readSessionHeading(semi.title)!);
      for (const p of semi.people) addPerson(i, p, SPEAKERS);
      return;
    }
    // 'Mesa central "La integración que viene" Sergio Aguirre Laura Benítez', 'Rubén Escalante "El corredor …"': names
    // set apart only by spaces before or after a quoted title, cut where a known given name starts the next.
    const around = namesAroundQuote(rest);
    if (around !== null) {
      Object.assign(o.s, readSessionHeading(around.title)!);
      for (const p of around.people) addPerson(i, p, SPEAKERS);
      warn(i, 'names set apart by spaces only, cut at known given names (a guess)');
      return;
    }
    // "Key note speaker Helena Varga: Paying for peace": a role, the person's name, then the talk's title.
    const spoken = roleNameTitle(rest);
    if (spoken !== null) {
      Object.assign(o.s, readSessionHeading(spoken.title)!);
      if (o.s.kind === 'other' && /key ?note/i.test(spoken.role.label ?? '')) o.s.kind = 'keynote';
      addPerson(i, spoken.read, spoken.role);
      return;
    }
    const byRole = readRoleLine(rest);
    // "Discours inauguraux par A, job, B, job et C, job": every person the list segments into, when all read so.
    const many = byRole !== null && byRole.rest !== '' ? splitPeople(byRole.rest.replace(/\.$/, '')).map((one) => readPerson(one, true)) : [];
    if (many.length > 1 && many.every((p) => p !== null && p.warning === null)) {
      Object.assign(o.s, readSessionHeading(byRole!.role.label ?? rest)!);
      for (const p of many) addPerson(i, p!, byRole!.role);
      return;
    }
    const by = byRole !== null && byRole.rest !== '' ? readPerson(byRole.rest, true) : null;
    if (by !== null) {
      Object.assign(o.s, readSessionHeading(byRole!.role.label ?? rest)!);
      addPerson(i, by, byRole!.role);
      return;
    }
    // "13h20-13h30 : M. Yao KPODAR, poète": the slot is that person's, with no title of its own.
    const only = readPerson(rest, false);
    if (only !== null && only.person.honorific !== null && only.warning === null && only.person.talkTitle === null) {
      addPerson(i, only, SPEAKERS);
      return;
    }
    const titled = readTitleAndPerson(rest, readPerson);
    if (titled !== null) {
      Object.assign(o.s, readSessionHeading(titled.title)!);
      addPerson(i, titled.read, titled.role ?? SPEAKERS);
      for (const p of titled.more) addPerson(i, p, titled.role ?? SPEAKERS);
      for (const p of titled.joined ?? []) addPerson(i, p, SPEAKERS);
      return;
    }
    // "Historical perspective … to SARNET Dr. M. Lekgari": the title, then a speaker set off only by an honorific.
    const before = only?.person.talkTitle ?? null;
    if (only !== null && only.person.honorific !== null && before !== null && only.warning !== null && isTitleLike(before)) {
      Object.assign(o.s, readSessionHeading(before)!);
      addPerson(i, { ...only, person: { ...only.person, talkTitle: null } }, SPEAKERS);
      return;
    }
    // "10 h 30 : Sudel Fontaine, Le temps de Payet-Lauret": a plain name that opens with a known given name, a comma,
    // then words that are no job or institution: the speaker, then the title of the talk.
    const first = nameThenTitle(rest);
    if (first !== null) {
      Object.assign(o.s, readSessionHeading(first.title)!);
      addPerson(i, first.read, SPEAKERS);
      warn(i, 'speaker\'s name, then the talk\'s title after a comma (a guess)');
      return;
    }
    const heading = readSessionHeading(rest)!;
    Object.assign(o.s, heading);
    if (PARALLEL.test(rest) || GENERIC_PLURAL.test(rest)) o.umbrella = true;
    // "Conférence inaugurale N°1", "Working Group 1": a numbered heading with no title takes the next line as title.
    if (heading.title === null && heading.number !== null) { o.awaitingTitle = true; o.titleOnly = true; }
  }

  /** "Name Surname, Title of the talk": the person (a plain name with a known given name first) and the title. */
  function nameThenTitle(text: string): { title: string; read: PersonRead } | null {
    if (text.length > 400) return null;
    const comma = text.indexOf(', ');
    if (comma < 3) return null;
    const name = text.slice(0, comma).trim();
    const title = text.slice(comma + 2).trim();
    const ws = name.split(/\s+/);
    if (ws.length < 2 || ws.length > 4 || !looksLikeName(name) || ws.some((w) => isJobWord(w) || isOrgWord(w))) return null;
    if (!ws[0]!.split('-').every((x) => isGivenName(x))) return null;
    if (title.split(/\s+/).length < 2 || isPositionLike(title) || isOrganizationLike(title) || findCountry(title) !== null ||
      title.split(/\s+/).slice(0, 2).some((w) => isJobWord(w) || isOrgWord(w))) return null;
    const p = readPerson(name, true);
    return p === null ? null : { title, read: p };
  }

  /**
   * "Title ; A, job et B, job": after the last semicolon, people who each read as a name followed by a job or an
   * institution (or a name with an honorific); the words before it are the title. Null unless every piece is a person.
   */
  function titleSemicolonPeople(text: string): { title: string; people: PersonRead[] } | null {
    if (text.length > 1000) return null;
    const at = text.lastIndexOf(';');
    // One semicolon only: "Title with A, org; B, org; C, org" is a list of people, read elsewhere.
    if (at < 3 || text.indexOf(';') !== at) return null;
    const title = text.slice(0, at).trim().replace(/[\s,:–—-]+$/, '');
    const tail = text.slice(at + 1).trim();
    if (title.split(/\s+/).length < 1 || tail === '') return null;
    const reads = splitPeople(tail).map((one) => readPerson(one, true));
    if (reads.length === 0 || !reads.every((p) => p !== null && p.warning === null && looksLikeName(p.person.name, p.person.honorific !== null ? 1 : 2) &&
      (p.person.honorific !== null || p.person.position !== null || p.person.organization !== null))) return null;
    return { title, people: reads as PersonRead[] };
  }

  /** "Présentation (amphi Curie )": a room in parentheses is where the item is held, not part of its title. */
  function withoutRoom(title: string): string {
    return title.replace(/\s?\(\s?([^()]{1,80})\)/g, (whole, inner: string) =>
      isVenueWord(inner.trim().split(/\s+/)[0] ?? '') ? '' : whole).trim();
  }

  /**
   * "Title - A (Org), B (Org) & Collectif X": after the last dash, only names each followed by a parenthesis, joined
   * by commas, "&", "and", "et", "y", and at most one institution alone. Null unless at least one is a name.
   */
  function peopleAfterDash(text: string): { title: string; people: PersonRead[]; dropped: number } | null {
    if (text.length > 1000) return null;
    const at = Math.max(text.lastIndexOf(' - '), text.lastIndexOf(' – '));
    if (at < 3) return null;
    const tail = text.slice(at + 3).trim();
    if (!tail.includes('(')) return null;
    const items = tail.split(/(?<=\))\s?(?:,|&|\band\b|\bet\b|\by\b)\s*|\s?(?:,|&)\s?|\s(?:and|et|y)\s/).map((x) => x.trim()).filter(Boolean);
    const people: PersonRead[] = [];
    let dropped = 0;
    for (const item of items) {
      const m = /^([^()]{3,60}?)\s?\(([^()]{2,100})\)$/.exec(item);
      const name = m === null ? null : splitHonorific(m[1]!.trim(), style);
      if (m !== null && name !== null && looksLikeName(name.name) && name.name.split(/\s+/).length <= 5 &&
        !name.name.split(/\s+/).some((w) => isJobWord(w) || isOrgWord(w))) {
        const read = readPerson(`${m[1]!.trim()}, ${m[2]!.trim()}`, true);
        if (read === null) return null;
        people.push(read);
      } else if (m === null && isOrganizationLike(item)) dropped++;
      else return null;
    }
    if (people.length === 0 || dropped > 1) return null;
    return { title: text.slice(0, at).trim(), people, dropped };
  }

  /** Names written one after another with spaces only, each opening with a known given name; null unless all are. */
  function namesBySpaces(text: string): PersonRead[] | null {
    const ws = text.replace(/\.$/, '').split(/\s+/);
    if (ws.length < 2 || ws.length > 15 || !ws.every((w) => /^\p{Lu}[\p{Ll}’'-]+$/u.test(w)) || !isGivenName(ws[0]!)) return null;
    const names: string[][] = [];
    for (const w of ws) {
      const last = names.at(-1);
      if (last === undefined || (last.length >= 2 && isGivenName(w))) names.push([w]);
      else last.push(w);
    }
    if (!names.every((n) => n.length >= 2 && n.length <= 3)) return null;
    const reads = names.map((n) => readPerson(n.join(' '), true));
    return reads.every((p) => p !== null) ? reads as PersonRead[] : null;
  }

  /** A quoted title with names set apart by spaces after it, or one name before it. */
  function namesAroundQuote(text: string): { title: string; people: PersonRead[] } | null {
    if (text.length > 400) return null;
    const m = /^([^"“”«»]{0,120}?)\s?(["“«][^"“”«»]{2,200}["”»])\s?([^"“”«»]{0,200})$/u.exec(text);
    if (m === null) return null;
    const before = m[1]!.trim(), after = m[3]!.trim();
    if (after !== '') {
      const people = namesBySpaces(after);
      return people === null ? null : { title: `${before} ${m[2]}`.trim(), people };
    }
    const one = before !== '' ? namesBySpaces(before) : null;
    return one !== null && one.length === 1 ? { title: m[2]!, people: one } : null;
  }

  /** "Title. Panelists: A (X), B (Y)": the title up to a full stop, then a role label whose people all read as people. */
  function splitAtRoleLabel(text: string): { title: string; role: Role; people: PersonRead[] } | null {
    if (text.length > 1000) return null;
    for (let k = text.indexOf('. '); k > 0; k = text.indexOf('. ', k + 1)) {
      const tail = text.slice(k + 2);
      // The stop must end a sentence, not an abbreviation ("by H.E. Ms. X", "animée par M. Y").
      if (!/(?:\p{Ll}{3}|["”»)])$/u.test(text.slice(0, k))) continue;
      // Nor an honorific's ("Keynote address: Prof. Kwabena …").
      if (splitHonorific(`${text.slice(0, k).split(/\s+/).pop() ?? ''}.`, style).honorific !== null || isHonorific(`${text.slice(0, k).split(/\s+/).pop() ?? ''}.`)) continue;
      const label = readRoleLine(tail);
      if (label === null || label.rest === '' || !/^[\p{L}’' -]{2,40}[:：]/u.test(tail)) {
        // "Encuentro de periodistas. Coord. Diego Ferreyra": a role word and the person, no colon between.
        const word = /^(\p{L}{3,20}\.?)\s(?=\p{Lu})/u.exec(tail);
        const role = word !== null ? roleOf(word[1]!) : null;
        const one = role !== null ? readPerson(tail.slice(word![0].length).replace(/\.$/, ''), true) : null;
        if (one !== null && looksLikeName(one.person.name)) return { title: text.slice(0, k + 1), role: role!, people: [one] };
        // "Conferencia: «…». Prof. Estela Acosta, Universidad …", "Mesa de experiencias. Lucía Peralta y Gustavo
        // Ledesma.": a last sentence that only names people, half of them at least with an honorific or a known given name.
        const named = splitPeople(tail.replace(/\.$/, '')).map((x) => readPerson(x, true));
        const known = named.filter((p) => p !== null && (p.person.honorific !== null || isGivenName(p.person.name.split(/\s+/)[0]!))).length;
        if (named.length > 0 && known * 2 >= named.length && named.every((p) => p !== null && p.warning === null &&
          looksLikeName(p.person.name) && p.person.name.split(/\s+/).length <= 5)) {
          return { title: text.slice(0, k + 1), role: SPEAKERS, people: named as PersonRead[] };
        }
        continue;
      }
      const people = splitPeople(label.rest.replace(/\.$/, '')).map((one) => readPerson(one, true));
      if (people.length === 0 || !people.every((p) => p !== null)) return null;
      return { title: text.slice(0, k + 1), role: label.role, people: people as PersonRead[] };
    }
    return null;
  }

  /** "Key note speaker Helena Varga: Title": up to four words naming a role, a name of two to five words, a colon. */
  function roleNameTitle(text: string): { title: string; role: Role; read: PersonRead } | null {
    const colon = text.indexOf(': ');
    if (colon < 0 || colon > 100) return null;
    const ws = text.slice(0, colon).split(/\s+/);
    for (let k = Math.min(4, ws.length - 2); k >= 1; k--) {
      const role = roleOf(ws.slice(0, k).join(' '));
      if (role === null) continue;
      const name = ws.slice(k).join(' ');
      const read = ws.length - k <= 5 && looksLikeName(splitHonorific(name, style).name) ? readPerson(name, true) : null;
      if (read === null || read.person.position !== null || read.person.organization !== null) return null;
      return { title: text.slice(colon + 2).trim(), role, read };
    }
    return null;
  }

  /** A session opened by a heading with no time: in a block of its own time ("9:15 – 9:40" then items), it shares it. */
  function openHeading(i: number, heading: SessionHeading, line: string): void {
    // Only numbered agenda items ("2. Opening remarks") share the block's time; "Session 1" is a session of its own,
    // unless it is one of the parallel sessions a slot announced ("Ateliers simultanés", then "Atelier # 1 : …").
    const up: Open | null = cur;
    const parallel = up !== null && up.umbrella;
    const share = block !== null && up !== null && up.s.title !== null && up.s.start === block.start && /^\d{1,2}[.)]\s/.test(line);
    let o: Open;
    if (parallel && up.s.speakers.length + up.s.moderators.length === 0 && (PARALLEL.test(up.s.title ?? '') || GENERIC_PLURAL.test(up.s.title ?? ''))) o = up;
    else {
      o = openSession(i, parallel ? { start: up.s.start, end: up.s.end } : share ? { ...block! } : {});
      if (parallel) o.umbrella = true;
    }
    // "Atelier # 1 : Title, animé par Mme X, …": the people named in the heading.
    const titled = heading.title !== null ? readTitleAndPerson(heading.title, readPerson) : null;
    Object.assign(o.s, heading, titled !== null ? { title: titled.title } : {});
    if (titled !== null) for (const p of [titled.read, ...titled.more]) addPerson(i, p, titled.role ?? SPEAKERS);
    if (titled !== null) for (const p of titled.joined ?? []) addPerson(i, p, SPEAKERS);
    if (heading.title === null && heading.number !== null) { o.awaitingTitle = true; o.titleOnly = true; }
  }

  // A table the browser flattened one cell per line ("Time |", "Session |", …, "Facilitator |"): its header names the
  // columns, a time starts a row, and a person in the facilitator or moderator column takes that role (layout).
  const columns: string[] = [];
  let column = -1;
  let cellRole = null as Role | null;
  let tabColumns = null as string[] | null;

  // "Host: Ms. X, Broadcaster" or "Master of ceremonies: Y" in the page's header, just above the agenda's first
  // session: whoever hosts the event hosts its first session (warned as a guess); other header lines are not read.
  for (let i = Math.max(0, start.agendaStart - 4); i < start.agendaStart && i < lines.length; i++) {
    const t = lines[i]!.trim();
    if (t === '' || t.length > 300) continue;
    const role = readRoleLine(t);
    if (role === null || role.role.bucket !== 'moderators' || role.rest === '') continue;
    const p = readPerson(role.rest, true);
    if (p === null || (p.person.honorific === null && p.person.position === null)) continue;
    pending.push({ i, read: p, role: role.role });
    warn(i, 'role line above the agenda\'s first session; read with it (a guess)');
  }

  // Lines as the page wrote them, cut where a table flattened two cells into one ("… Institute Panel One: …"),
  // joined where a person's line wrapped after a comma; each piece keeps its line number.
  for (let i = start.agendaStart; i < lines.length; i++) {
    // "2. 2. MONDAY …": a slide deck transcribed by a sharing site numbers each slide twice.
    const raw = lines[i]!.trim().replace(SLIDE_NUMBER, '');
    // A paragraph that runs agenda lines together is read as those lines (each then held to MAX_LINE).
    if (raw.length > MAX_LINE && raw.length <= 20000 && splitRunTogether(raw).length > 1) {
      for (const run of splitRunTogether(raw)) {
        if (run.length > MAX_LINE) warn(i, 'line too long to read');
        else for (const piece of splitGluedHeadings(run)) handle(i, piece);
      }
      continue;
    }
    if (raw.length > MAX_LINE) { warn(i, 'line too long to read'); continue; }
    let t = raw.replace(/[\s|]+$/, '');
    const cell = /\|$/.test(raw) && !raw.slice(0, -1).includes('|');
    if (cell && HEADER_CELLS.has(t.toLowerCase()) && (columns.length === 0 || column === columns.length - 1)) {
      columns.push(t.toLowerCase());
      column = columns.length - 1;
      continue;
    }
    if (columns.length >= 2 && (cell || t === '')) {
      if (cell) column = readTimeSlot(t) !== null ? 0 : column + 1;
      const name = columns[column] ?? '';
      cellRole = name === '' ? null : roleOf(name);
    } else if (columns.length >= 2 && !cell) { columns.length = 0; cellRole = null; }
    if (t === '') continue;
    // A table copied with tabs between its cells: a header row ("Time⇥Session⇥Speakers⇥Moderator") names the columns,
    // and each row under it is read as its time and title, then the people of each column in that column's role.
    if (raw.includes('\t')) {
      const cells = raw.split('\t').map((c) => c.trim());
      if (cells.filter((c) => c !== '').length >= 2 && cells.every((c) => c === '' || HEADER_CELLS.has(c.toLowerCase()))) {
        tabColumns = cells.map((c) => c.toLowerCase());
        continue;
      }
      if (tabColumns !== null && readTimeSlot(cells[0] ?? '') !== null) {
        for (const line of tabRow(cells, tabColumns)) handle(i, line);
        continue;
      }
    } else if (tabColumns !== null && readTimeSlot(t) !== null) tabColumns = null;
    // A line that wraps on to the next ("…, administrateur honoraire du" / "Conservatoire et …") is read whole.
    let joined = 0;
    // A line may go on when it ends open ("…, ", "… du", "(…") or when the next line opens with a comma.
    while (joined < 3 && i + 1 < lines.length && (endsOpen(t) || lines[i + 1]!.trim().startsWith(',')) &&
      isContinuation(lines[i + 1]!.trim(), years, t)) {
        t = `${t}${lines[i + 1]!.trim().startsWith(',') ? '' : ' '}${lines[i + 1]!.trim().replace(/[\s|]+$/, '')}`;
      i++;
      joined++;
    }
    if (joined > 0) { for (const piece of splitGluedHeadings(t)) handle(i - joined, piece); continue; }
    // A name alone on its line ("Mr. Lars Eriksson", often in bold), then its job and institution on the lines under
    // it ("Director, Financing Office"): one person, read as if written on one line.
    // "Moderator: Jane Doe" or "Keynote Speaker, Dr. X" with the job on the lines under it: the same.
    // "MP Jim Fitzgerald" over "(Member of the British Parliament)": the job in parentheses on the line under.
    const inParens = /^\(([^()]{3,250})\)$/.exec(lines[i + 1]?.trim() ?? '');
    if (inParens !== null && !/[()]/.test(t) && t.length <= 120 && readTimeSlot(t) === null && readRoleLine(t) === null &&
      isAffiliationLine(inParens[1]!.trim(), years, style)) {
      const alone = readPerson(t, true);
      if (alone !== null && alone.person.organization === null && alone.person.country === null && alone.person.talkTitle === null) {
        handle(i, `${t.replace(/,$/, '')} (${inParens[1]!.trim()})`);
        i++;
        continue;
      }
    }
    const roleRest = readRoleLine(stripBullet(t).text)?.rest ?? '';
    // "Raymond J. Castellano (pdf)": a name alone with a link to its statement after it is still a name alone.
    const linked = takeMaterials(t);
    if (isNameAlone(t, style) || (roleRest !== '' && isNameAlone(roleRest, style)) || (linked.materials.length > 0 && isNameAlone(linked.text, style))) {
      let k = i + 1;
      const more: string[] = [];
      // On a page set with a blank line after every line, the blank line between a name and its job is layout; so is
      // it in a block set so (a blank line above the name and under each of its lines, the block ended by two).
      const spacedBlock = (i === 0 || lines[i - 1]!.trim() === '') && lines[i + 1]?.trim() === '';
      const skipBlank = (): void => { if ((doubleSpaced || spacedBlock) && lines[k]?.trim() === '' && (lines[k + 1]?.trim() ?? '') !== '') k++; };
      skipBlank();
      while (more.length < 2 && k < lines.length && isAffiliationLine(lines[k]!.trim(), years, style)) {
        more.push(lines[k++]!.trim().replace(/[\s|]+$/, ''));
        const at = k;
        skipBlank();
        if (!isAffiliationLine(lines[k]?.trim() ?? '', years, style)) k = at;
      }
      if (more.length > 0) {
        // "Oceanographer; Senior Fellow at X": a semicolon inside one person's job is not a list of people.
        const head = linked.materials.length > 0 ? linked.text : t;
        const tail = linked.materials.length > 0 ? t.slice(linked.text.length) : '';
        handle(i, `${stripBullet(head).bullet ? head : head.replace(/,$/, '')}, ${more.map((x) => x.replace(/,$/, '').replace(/\s?;\s/g, ', ')).join(', ')}${tail}`);
        i = k - 1;
        continue;
      }
    }
    // A day's date, then its programme in prose, is read whole (see handle), not cut into pieces first.
    const dayProse = DAY_THEN_PROSE.exec(t);
    const proseDay = dayProse !== null ? readDayHeading(dayProse[1]!, years) : null;
    if (proseDay !== null && proseDay.date !== null && proseDay.rest === null) { handle(i, t); continue; }
    if (readRundown(i, t)) continue;
    for (const run of splitRunTogether(t)) for (const piece of splitGluedHeadings(run)) handle(i, piece);
  }
  if (pending.length > 0) sessionFor(pending[0]!.i);
  // Two readings of the page: by its lines (above) and as prose ("The first panel, moderated by X, …", "a las 10.45
  // horas se desarrollará la primera mesa… Participarán A, B y C"). The one that explains more of the page is kept:
  // prose when the lines give no session, or when it is clearly the more consistent reading of a single-day page.
  const lineSessions = days.flatMap((d) => d.sessions);
  const prose = lineSessions.length <= 3 && days.length <= 1 ? readProseProgramme(lines, (line, loose) => readPerson(line, loose)) : [];
  const proseScore = readingScore(prose.map((p) => p.session));
  if (prose.length > 0 && (lineSessions.length === 0 || proseScore > 2 * readingScore(lineSessions) + 2)) {
    const d = days[0] ?? { date: null, label: null, sessions: [] };
    if (days.length === 0) days.push(d);
    for (const s of d.sessions) {
      if (s.line !== undefined) warn(s.line - 1, 'read as prose instead: the page reads better so (a guess)');
    }
    d.sessions = prose.map((p) => p.session);
    for (const { line } of prose) warn(line, 'session read from prose (a guess)');
  }

  // A digest of meetings: a heading in capitals over one paragraph each ("PORT SECURITY" over "Committee on Commerce: …
  // concluded a hearing …, after receiving testimony from A, job; B, job; and C, job."). When the lines give no session
  // and at least three such headings stand over their paragraphs, each is a session titled by its heading, its people
  // those its paragraph names after the cue of testimony (a guess, warned).
  if (days.every((d) => d.sessions.length === 0)) {
    const digest = readDigest();
    if (digest.length >= 3) {
      const d = days.find((x) => x.date !== null) ?? ensureDay();
      if (!days.includes(d)) days.push(d);
      for (const { i, heading, paragraph } of digest) {
        const s: AgendaSession = { start: null, end: null, kind: readSessionHeading(heading)?.kind ?? 'other', number: null, title: heading,
          moderators: [], speakers: [], line: i + 1 };
        d.sessions.push(s);
        warn(i, 'a heading over a paragraph in a digest of meetings; read as a session (a guess)');
        const tail = heardFrom(paragraph.text);
        if (tail === null) continue;
        const clause = tail.replace(/,\s(?:after|who|which|to examine)\s.*$/u, '').replace(/\.$/, '');
        const listed = splitPeople(clause).map((one) => readPerson(one, true));
        const people = listed.length > 0 && listed.every((p) => p !== null && p.person.name.split(/\s+/).length <= 5 &&
          looksLikeName(p.person.name, p.person.honorific !== null ? 1 : 2))
          ? (listed as PersonRead[]).map((p) => ({ ...p.person }))
          : namesInProse(clause, isGivenName, isJobWord, isOrgWord).map((p) => ({ name: p.name, honorific: p.honorific, position: null,
            organization: null, country: null, countryCode: null, materials: [], talkTitle: null }));
        for (const p of people) s.speakers.push({ ...p, roleLabel: null, line: paragraph.i + 1 });
      }
    }
  }
  dropSpans(days, (line, message) => warn(line - 1, message));
  guessUntitledKinds(opened.filter((o) => days.some((d) => d.sessions.includes(o.s))), days, (line, message) => warn(line - 1, message));
  // A page where nothing was read as the agenda, and nothing was warned about, says so rather than coming back silent.
  if (days.every((d) => d.sessions.length === 0) && warnings.length === 0) {
    const first = lines.findIndex((l) => l.trim() !== '');
    if (first >= 0) warn(first, 'no agenda found on the page: no time, day, session heading or programme was recognised');
  }
  warnings.sort((a, b) => a.line - b.line);
  const agenda: Agenda = { title, days, warnings };
  if (overview.length > 0) agenda.overview = overview;
  return agenda;
}

const DAY_THEN_PROSE = /^([^:]{4,40}):\s(\p{Lu}.{30,1900}[.!])$/u;
const HONORIFIC_GLUED_AFTER = /(?<![\p{L}.])(Mr|Mrs|Ms|Dr|Prof|Amb|Sr|Sra|Mme|Pr)\.(?=\p{Lu}\p{Ll}{2})/gu;
const DOC_LINK = /^(?:[\p{L}'’.-]+\s){0,6}(?:(?:statement|transcript|testimony|report|minutes|webcast|recording|slides)s?\s\((?:pdf|html?|docx?|pptx?|mp3|mp4|video|audio)\)|(?:audio|video|hearing|full|official)\stranscripts?)$/iu;
const THEME_HEADING = /^(?:topic|theme|th[èe]me|tema|eje|axe|sub-?theme|sous-th[èe]me|subtema)\s(?:\d{1,2}|[IVX]{1,4})\s?[:.–—-]\s?\S/iu;
const BRACKET_LABEL = /^(\s*)[[【]\s?(\p{L}[^\[\]【】\d:]{1,40}?(?:\s\d{1,2})?)\s?[\]】]\s?(.*)$/u;
const INCLUSIVE = /\b([Ii]ntervenant|INTERVENANT|[Pp]articipant|[Ii]nvité|[Mm]odérateur|[Oo]rateur|[Cc]onférencier)(?:[.·•](?:e|rice|ère|euse)){1}(?:[.·•]?(s))?(?![\p{L}])/gu;
const SLIDE_NUMBER = /^(\d{1,3})\.\s\1\.\s(?=\S)/u;
// "(New York time)", "(heure de Paris)", "(GMT+1)", "(EDT)": a time zone written after a slot's time.
const ZONE_NOTE = /^\((?:[\p{L} .-]{1,30}\stime|time\s[\p{L} .-]{1,30}|heure[\p{L} '’.-]{0,30}|hora[\p{L} .-]{0,30}|(?:GMT|UTC)(?:\s?[+-]\s?\d{1,2}(?::?\d{2})?)?|[A-Z]{2,4}T)\)$/u;
const HALF_DAY = /^(?:matin(?:ée)?|après-midi|apr[èe]s midi|soir(?:ée)?|morning|afternoon|evening|ma[ñn]ana|tarde|noche)(?:\s(?:session|séance|sesión))?\s?:?$/iu;
// "Sub-theme 1:", "Sous-thème 2 :", "Subtema 3:", "Part II", "Segment 2": a part inside a session, not a session.
const SUBPART = /^(?:sub-?themes?|sous-th[èe]mes?|subtemas?|sub-?topics?|parts?|partie|parte|segments?|segmento)\s(?:\d{1,2}|[IVX]{1,4}|one|two|three|four|five)\b/iu;

// "… des participants9h00 – Ouverture": a time with a dash after it, glued to the lower-case word before it.
const GLUED_TIME = /(?<=\p{Ll}{2})(?=\d{1,2}(?:[h:.]\d{2}|h)\s?[–—-]\s)/u;

// "Opening remarksMs. Jane Doe", "Keynote addressProf. X": an honorific glued to the word before it.
const GLUED_HONORIFIC = /(?<=\p{Ll}{2})(?=(?:Mr|Mrs|Ms|Dr|Prof|Amb|Hon|Sra?|Mme)\.\s\p{Lu}|H\.\s?E\.\s\p{Lu})/gu;
// "Welcome remarksJane Doe": a role phrase glued to the name after it (a word that turns to a capital mid-way).
const GLUED_WORD = /^((?:[\p{L}’'-]+\s){0,4}\p{Ll}+?)(\p{Lu}\p{Ll}+\s\p{Lu})/u;

/** A line with the space put back where a role or a title was glued to the person after it. */
export function unglue(line: string): string {
  if (line.length > MAX_LINE) return line;
  const t = line.replace(GLUED_HONORIFIC, ' ');
  const m = GLUED_WORD.exec(t);
  if (m === null || roleOf(m[1]!) === null) return t;
  return `${m[1]} ${t.slice(m[1]!.length)}`;
}

/** Where the overview ends and the agenda starts: after an "Agenda" heading, else at the first day or time line. */
function findStart(lines: readonly string[], years: readonly number[]): { overviewEnd: number; agendaStart: number } {
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i]!.trim();
    if (t === '') continue;
    // "Monday, December 2: The conference will open …": a day's date, then its programme in prose.
    const dayProse = DAY_THEN_PROSE.exec(t);
    const proseDay = dayProse !== null ? readDayHeading(dayProse[1]!, years) : null;
    if (proseDay !== null && proseDay.date !== null && proseDay.rest === null) return { overviewEnd: i, agendaStart: i };
    // A paragraph that runs the agenda together starts it when one of its pieces is a time.
    if (t.length > 200) {
      // "… Part 1: State of the ocean (9:18) …": so does a heading with its time after it, in parentheses or after a dash.
      if (splitRunTogether(t).some((p) => readTimeSlot(p) !== null || (p.length <= 100 && readTimeAfterHeading(p)?.slot.rest === ''))) {
        return { overviewEnd: i, agendaStart: i };
      }
      continue;
    }
    if (AGENDA_HEADING.test(t)) return { overviewEnd: i, agendaStart: i + 1 };
    // A table's header row copied with tabs ("Time⇥Session⇥Speakers") starts the agenda it heads.
    const cells = t.includes('\t') ? t.split('\t').map((c) => c.trim().toLowerCase()).filter((c) => c !== '') : [];
    if (cells.length >= 2 && cells.every((c) => HEADER_CELLS.has(c))) return { overviewEnd: i, agendaStart: i };
    const dh = readDayHeading(t, years);
    const late = readTimeAfterHeading(t);
    // "• De 9h30 à 12h30", "> 9h30 Ouverture": a time behind a bullet or a quote mark starts it too.
    if ((dh !== null && (dh.date !== null || dh.dayNumber !== null)) || readTimeSlot(t) !== null || readTimeSlot(stripBullet(t).text) !== null ||
      (late !== null && readSessionHeading(late.head, true) !== null)) {
      return { overviewEnd: i, agendaStart: i };
    }
  }
  // No time, day or "Agenda" heading: the agenda starts at the first session heading, on its own line or inside a
  // sentence ("For Thematic Session 1, …, the following speakers were selected:"), or at the first heading of a
  // session's kind ("OPENING CEREMONY", "Roundtable: Youth") with a role line or a person under it, whichever comes first.
  let numbered = lines.length;
  // "Monday" over "The Transport Committee (at 4.05pm) looks at … with A and B.": a day's heading over a rundown in prose.
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i]!.trim();
    if (t === '' || t.length > 60 || readDayHeading(t, years) === null) continue;
    let j = i + 1;
    while (j < lines.length && lines[j]!.trim() === '') j++;
    if (readProseRundown(lines[j]?.trim() ?? '', isGivenName, isJobWord, isOrgWord).length > 0) { numbered = i; break; }
  }
  for (let i = 0; i < numbered; i++) {
    const t = stripBullet(lines[i]!.trim()).text;
    if (t === '' || t.length > 400) continue;
    if (readSessionHeading(t, true)?.number != null || readSentenceHeading(t) !== null) { numbered = i; break; }
  }
  for (let i = 0; i < numbered; i++) {
    const t = stripBullet(lines[i]!.trim()).text;
    if (t === '' || t.length > 100 || /[.,;]$/.test(t)) continue;
    const h = readSessionHeading(t);
    if (h === null || h.kind === 'other' || h.kind === 'break') continue;
    let j = i + 1;
    while (j < lines.length && lines[j]!.trim() === '') j++;
    const next = (lines[j] ?? '').trim();
    if (next.length <= MAX_LINE && (readRoleLine(next) !== null || readCueLine(next) !== null || readPersonIn(next, false) !== null)) {
      return { overviewEnd: i, agendaStart: i };
    }
  }
  return { overviewEnd: numbered, agendaStart: numbered };
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

/**
 * How consistent a reading is: each session counts when it has a title or a time, more with a time, and each person
 * read counts; a session with neither title, time nor people counts against it, as does a time earlier than the one
 * before it.
 */
function readingScore(sessions: readonly AgendaSession[]): number {
  let score = 0;
  let last: string | null = null;
  for (const s of sessions) {
    const people = s.speakers.length + s.moderators.length;
    if (s.title === null && s.start === null && people === 0) score -= 1;
    else score += 1 + (s.start !== null ? 0.5 : 0);
    score += people;
    if (s.start !== null) { if (last !== null && s.start < last) score -= 1; last = s.start; }
  }
  return score;
}

/** Most lines followed by a blank line (a page copied with a paragraph gap after every line). */
function isDoubleSpaced(lines: readonly string[]): boolean {
  let filled = 0;
  let gapped = 0;
  for (let i = 0; i + 1 < lines.length; i++) {
    if (lines[i]!.trim() === '') continue;
    filled++;
    if (lines[i + 1]!.trim() === '') gapped++;
  }
  return filled >= 10 && gapped >= 0.7 * filled;
}

/** A line that is a person's name and nothing else: "Mr. Lars Eriksson", "• Amina Diallo", "Kwame ASANTE". */
function isNameAlone(t: string, style: NameStyle): boolean {
  const { text } = stripBullet(t);
  if (text.length > 80 || /[,;:()|]/.test(text.replace(/,$/, '')) || readTimeSlot(text) !== null) return false;
  const { name, honorific } = splitHonorific(text.replace(/,$/, ''), style);
  const ws = name.split(/\s+/);
  return ws.length <= 5 && looksLikeName(name, honorific !== null ? 1 : 2) && !ws.some((w) => isJobWord(w) || isOrgWord(w));
}

/**
 * A line that says only what a person is: a job, an institution or a country first ("Director, X", "Ministry of Y",
 * "Ghana"), never a name, a time, a day, a role or a heading.
 */
function isAffiliationLine(t: string, years: readonly number[], style: NameStyle): boolean {
  if (t === '' || t.length > 250 || stripBullet(t).bullet || /^["“‘«(]/.test(t)) return false;
  if (readTimeSlot(t) !== null || readDayHeading(t, years) !== null || readRoleLine(t) !== null || readTimeAfterHeading(t) !== null) return false;
  if (readSessionHeading(t, true)?.number != null || /[.!?]$/.test(t) && t.split(/\s+/).length > 8) return false;
  if (isVenueLine(t)) return false;
  const first = (splitTopLevel(t)[0] ?? '').replace(/\s?\([^()]*\)$/, '');
  const ws = first.split(/\s+/);
  if (first === '') return false;
  // "Mr. X" is a person; "Professor of Economics" is a job that opens with a word honorifics share.
  const titled = splitHonorific(first, style);
  if (titled.honorific !== null && looksLikeName(titled.name, 1)) return false;
  if (looksLikeName(first) && !ws.some((w) => isJobWord(w) || isOrgWord(w))) return findCountry(first) !== null;
  return isJobWord(ws[0]!) || isPositionLike(first) || isOrganizationLike(first) || findCountry(first) !== null;
}

/** "THE STATE OF GLOBAL MIGRATION": a line in capitals, of words (not an acronym alone), set as a heading. */
function isCapitalsLine(t: string): boolean {
  const { text } = stripBullet(t);
  return text.length <= 150 && !/\p{Ll}/u.test(text) && /\p{Lu}{3}/u.test(text) && text.split(/\s+/).length >= 1 && /\p{Lu}{2,}\s+\p{Lu}|\p{Lu}{4,}/u.test(text);
}

/** Short enough, and not a sentence, to be a session's title. */
function isTitleLike(t: string): boolean {
  return t.length <= 150 && !/[.;,:]$/.test(t) && /^[\p{Lu}\p{N}"“‘'(«¿¡]/u.test(t);
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

/** "From 9:00am until 12:00pm" above the agenda: a slot with no title and no one, spanning the sessions after it. */
function dropSpans(days: AgendaDay[], warn: (line: number, message: string) => void): void {
  for (const d of days) {
    d.sessions = d.sessions.filter((s, k) => {
      if (s.title !== null || s.start === null || s.end === null || s.speakers.length + s.moderators.length > 0) return true;
      const inside = d.sessions.slice(k + 1).filter((x) => x.start !== null && x.start >= s.start! && x.start < s.end!).length;
      if (inside < 2) return true;
      warn(s.line ?? 1, 'a time span over the sessions that follow, not a session of its own');
      return false;
    });
  }
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
  'heure', 'horaire', 'intervenants', 'activité', 'hora', 'actividad', 'ponentes', 'tema', 'facilitator', 'facilitators',
  'chair', 'chairs', 'start', 'finish', 'end', 'led by', 'animateur', 'modérateur', 'moderador', 'title', 'titre', 'título',
  'room', 'salle', 'lieu', 'sala', 'panelists', 'panellists', 'intervenant', 'ponente', 'oradores', 'horario', 'sesión', 'séance',
]);

/** One row of a table copied with tabs, as the lines the parser reads: "time title", then "Role: people" per column. */
function tabRow(cells: readonly string[], columns: readonly string[]): string[] {
  let head = '';
  const title: string[] = [];
  const people: string[] = [];
  const rest: string[] = [];
  cells.forEach((cell, k) => {
    if (cell === '') return;
    const name = columns[k] ?? '';
    const role = roleOf(name);
    if (k === 0) head = cell;
    else if (role !== null) people.push(`${role.bucket === 'moderators' ? 'Moderator' : 'Speakers'}: ${cell}`);
    else if (/^(?:venue|room|salle|lieu|sala|lugar)$/.test(name)) rest.push(cell);
    else title.push(cell);
  });
  return [`${head} ${title.shift() ?? ''}`.trim(), ...title, ...people, ...rest];
}

/** "Time | Programme | Speaker": a table's header row, every cell a column name. */
function isTableHeader(t: string): boolean {
  if (!t.includes('|') || t.length > 200) return false;
  const cells = t.split('|').map((c) => c.trim().toLowerCase()).filter((c) => c !== '');
  return cells.length >= 2 && cells.every((c) => HEADER_CELLS.has(c));
}

/**
 * The lines of a programme written as a numbered list (1., 2., 3., … in order, at least three) with no clock time
 * from the first item to the last: its items are its sessions. Empty when the page has no such list.
 */
function numberedProgramme(lines: readonly string[], from: number): Set<number> {
  const items = new Set<number>();
  let expect = 1;
  let run: number[] = [];
  const close = (): void => {
    if (run.length >= 3) for (const k of run) items.add(k);
    run = [];
    expect = 1;
  };
  for (let i = Math.max(0, from); i < lines.length; i++) {
    const t = lines[i]!.trim();
    if (t === '' || t.length > MAX_LINE) continue;
    if (readTimeSlot(t) !== null) { close(); continue; }
    const m = ENUMERATED_ITEM.exec(t);
    if (m === null) continue;
    const n = Number(m[1]);
    if (n === expect) { run.push(i); expect++; continue; }
    close();
    if (n === 1) { run.push(i); expect = 2; }
  }
  close();
  return items;
}

// "Hélène VAUCLUSE, professeure …": a name written "Prénom NOM" at the start of a line or of a list item, before a comma.
const CAPS_SURNAME_PERSON = /(?:^|[:;,]\s)(?:[•·▪*–-]\s)?\p{Lu}\p{Ll}+(?:[-’']\p{Lu}\p{Ll}+)?\s\p{Lu}{2,}(?:[-’']\p{Lu}{2,})?(?:\s\p{Lu}{2,})?,/gu;
/** How many names the page writes "Prénom NOM", counted over its lines (at most 50 a line). */
function capsSurnameNames(lines: readonly string[]): number {
  let n = 0;
  for (const line of lines) {
    if (line.length > MAX_LINE) continue;
    const found = line.match(CAPS_SURNAME_PERSON);
    if (found !== null) n += Math.min(50, found.length);
    if (n >= 3) break;
  }
  return n;
}
