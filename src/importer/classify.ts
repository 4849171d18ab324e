// Line features for the decisions the parser makes from layout rather than from one pattern: whether a line
// continues the one above, whether a short line heads the people under it, whether it names a room, and how a
// line that carries both a title and a person divides. Each feature is a score; the strongest class wins.
import { findCountry } from '../domain/country.ts';
import { splitHonorific } from '../domain/names.ts';
import { isOrganizationLike, isPositionLike } from './affiliation.ts';
import { readDayHeading } from './days.ts';
import { isGivenName, isJobWord, isOrgWord, isVenueWord } from './lexicon.ts';
import { EVENT_VERB, ORGANISED, type PersonRead, looksLikeName, officeThenName, splitTopLevel, stripBullet } from './people.ts';
import { type Role, readRoleLine, roleOf } from './roles.ts';
import { readSessionHeading } from './sessions.ts';
import { readTimeAfterHeading, readTimeSlot, readTrailingTime } from './times.ts';

export type LineClass = 'blank' | 'time' | 'day' | 'heading' | 'role' | 'person' | 'affiliation' | 'venue' | 'prose' | 'title';

type ReadPerson = (line: string, loose: boolean) => PersonRead | null;

/** Scores of one line for each class, from its features; the caller takes the strongest. */
export function lineFeatures(line: string, readPerson: ReadPerson, years: readonly number[] = []): Record<LineClass, number> {
  const t = line.trim();
  const f: Record<LineClass, number> = { blank: 0, time: 0, day: 0, heading: 0, role: 0, person: 0, affiliation: 0, venue: 0, prose: 0, title: 0 };
  if (t === '') { f.blank = 1; return f; }
  if (t.length > 2000) { f.prose = 1; return f; }
  const { text, bullet } = stripBullet(t);
  const words = text.split(/\s+/);
  if (readTimeSlot(text) !== null || readTimeAfterHeading(text) !== null || readTrailingTime(text) !== null) f.time = 3;
  if (readDayHeading(text, years) !== null) f.day = 3;
  if (readRoleLine(text) !== null) f.role = 2.5;
  const heading = readSessionHeading(text, true);
  if (heading !== null) f.heading = heading.number !== null ? 2.5 : 1.5;
  const p = readPerson(text, bullet);
  if (p !== null) f.person = 1 + (p.person.honorific !== null ? 1 : 0) + (p.warning === null ? 0.5 : 0) + (bullet ? 0.5 : 0);
  if (p === null && (isPositionLike(text) || isOrganizationLike(text))) f.affiliation = 1.5;
  if (((words.length <= 10 && words.some(isVenueWord)) || (text.length <= 120 && ADDRESS.test(text))) && p === null) f.venue = 2;
  const lower = words.filter((w) => /^\p{Ll}/u.test(w)).length;
  if (/[.!?]$/.test(text) && words.length > 8) f.prose = 1 + lower / words.length;
  else if (words.length > 20) f.prose = 1;
  if (text.length <= 150 && /^[\p{Lu}\p{N}"“‘'«(]/u.test(text) && !/[,;]$/.test(text)) f.title = 1;
  return f;
}

/** The strongest class of a line. */
export function classify(line: string, readPerson: ReadPerson, years: readonly number[] = []): LineClass {
  const f = lineFeatures(line, readPerson, years);
  let best: LineClass = 'prose';
  let score = 0;
  for (const k of Object.keys(f) as LineClass[]) if (f[k] > score) { best = k; score = f[k]; }
  return best;
}

/**
 * Whether `next` continues `line`: after a comma, a job or institution; after a word that cannot end a line ("et",
 * "of", "du") or inside an open parenthesis, any line that is not a time, a day, a role or a bullet (wrapped text).
 */
export function isContinuation(next: string, years: readonly number[], line = ','): boolean {
  const t = next.trim();
  if (t === '' || t.length > 300 || stripBullet(t).bullet) return false;
  if (readTimeSlot(t) !== null || readDayHeading(t, years) !== null || readRoleLine(t) !== null) return false;
  if (t.startsWith(',') || DANGLING.test(line) || (line.split('(').length > line.split(')').length && line.length < 300)) return true;
  // Text wrapped at the width of a printed page: a long line whose next line opens in lower case ("…chargée des
  // relations" / "internationales, Ousmane Sy, …"), a quotation left open ("« Les jeunes … avec" / "la commune »"), or
  // a given name that ends the line before the surname and its job ("… et Patrick" / "Renaudin, Délégué général").
  if (isWrapped(line)) {
    if (/^\p{Ll}/u.test(t) && line.length >= WRAP_WIDTH) return true;
    if (openQuote(line)) return true;
    const ws = line.split(/\s+/);
    const last = ws.at(-1) ?? '';
    // "… par Ibrahima" / "Ndiaye, ingénieur": a capitalised word after "par", "by", "et", "and" is a name's start too.
    // A line that is only a name ("Consuelo Marín") ends there, even when its surname is a given name elsewhere.
    const named = (ws.length >= 3 && endsOnGivenName(last)) || (/^\p{Lu}\p{Ll}+$/u.test(last) && /^(?:par|by|et|and|avec|with|y|con|por)$/i.test(ws.at(-2) ?? ''));
    if (named && /^\p{Lu}[\p{L}’'-]+(?:\s\p{Lu}[\p{L}’'-]+)?\s?[,(]/u.test(t)) return true;
  }
  return /,$/.test(line) && (isPositionLike(t) || isOrganizationLike(t)) && !/^\p{Ll}/u.test(t);
}

// The shortest line that a printed page wraps: shorter lines end where their writer ended them.
const WRAP_WIDTH = 50;
const openQuote = (line: string): boolean => line.split('«').length > line.split('»').length && line.length < 300;
/** A line that may have been wrapped by the page's width: long, with a quotation left open, or ending on a given name. */
function isWrapped(line: string): boolean {
  const ws = line.split(/\s+/);
  return line.length >= WRAP_WIDTH || openQuote(line) || (ws.length >= 3 && endsOnGivenName(ws.at(-1) ?? ''));
}
/** A last word that is a given name with nothing after it: "… (Universidad del País Vasco)" is closed, not wrapped. */
const endsOnGivenName = (w: string): boolean => /^\p{L}[\p{L}'’-]*$/u.test(w) && isGivenName(w);

// Words a wrapped line ends on: "administrateur honoraire du", "Ministère de l'Europe et".
const DANGLING = /\s(?:et|and|de|du|des|of|the|la|le|les|y|del|for|à|au|aux|en|in|on|to|with|par|by)$/i;

/** Whether the line may go on: it ends with a comma, a word that cannot end it, or an open parenthesis. */
export function endsOpen(line: string): boolean {
  return /,$/.test(line) || DANGLING.test(line) || (line.split('(').length > line.split(')').length && line.length < 300) ||
    (isWrapped(line) && !/[.!?:;»”"]$/.test(line));
}

const ADDRESS = /^\d{1,5}[a-z]?,?\s(?:[\p{L}'’.-]{1,30}\s){0,4}(?:ave|avenue|street|st|road|rd|boulevard|blvd|lane|drive|place|square|rue|calle|avenida|av|paseo|plaza|via|viale|strasse|straße|chemin|quai|allée)(?![\p{L}])|^(?:rue|calle|avenida|avenue|av\.|paseo|boulevard|chemin|quai)\s[\p{L}'’ .-]{2,60}\d{1,5}\b/iu;

const CITY_LINE = /^(\p{Lu}[\p{L}'’.-]{1,30}(?:\s\p{Lu}[\p{L}'’.-]{1,30}){0,2}),\s(\p{Lu}[\p{L}'’. -]{1,40})$/u;

/** A line that names where a session is held ("Room 7, Palais de l'Europe", "Hemicycle", "Venue: …"). */
export function isVenueLine(t: string): boolean {
  if (/^(?:venue|lieu|lugar|location|room|salle|sala)\s?:/i.test(t)) return true;
  // A street address: "1775 Massachusetts Ave., NW", "2 rue André Pascal", "Calle Mayor 12".
  if (t.length <= 120 && ADDRESS.test(t)) return true;
  // "Washington, DC", "Accra, Ghana": a city and its state or country.
  const place = CITY_LINE.exec(t);
  if (place !== null && t.split(/\s+/).length <= 5 && (/^[A-Z]{2}$/.test(place[2]!) || findCountry(place[2]!) !== null)) return true;
  // "Conference Centre", "Palais des Nations": a building named in a few words.
  const ws = t.split(/\s+/);
  if (ws.length <= 4 && /^(?:centre|center|centro|hotel|hôtel|palais|palacio|palace|auditorium|auditorio)$/i.test(ws[ws.length - 1]!.replace(/[,.]$/, ''))) return true;
  const words = t.split(/\s+/);
  // The room is what the line is about: a venue word among its first words, or a line of a few words.
  return words.length <= 10 && (words.length <= 4 ? words : words.slice(0, 3)).some(isVenueWord) && !/[.!?]$/.test(t);
}

/**
 * Whether a short line heads a group: the next line is a role line ("Moderator: …"), a venue line, or a person
 * and, when `open`, the session above already has its people. Blank lines between are layout, not content.
 */
export function startsGroup(lines: readonly string[], i: number, readPerson: ReadPerson, open: boolean): boolean {
  let j = i + 1;
  while (j < lines.length && lines[j]!.trim() === '') j++;
  const next = lines[j]?.trim() ?? '';
  if (next === '' || next.length > 2000) return false;
  const c = classify(next, readPerson);
  if (c === 'role' || c === 'venue') return true;
  return open && c === 'person' && stripBullet(next).bullet;
}

/** A heading that stands for itself (a time, a numbered session, a day) and so is no other session's title. */
export function isHeadingOfItsOwn(t: string): boolean {
  const h = readSessionHeading(t, true);
  return readTimeSlot(t) !== null || readDayHeading(t) !== null || (h !== null && h.number !== null);
}

// "A, job; B, job; and C", "Ms A (Norway), Mr B (Ghana) and Ms C (Bulgaria)": one person per item.
// "…; el Sr. X, … y la Sra. Y": an article may stand before the honorific (Spanish, French prose).
const LIST_HONORIFIC = /(?:,|\sand|\set|\sy)\s(?:(?:el|la|le|the)\s)?(?=(?:H\.E\.|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Dra\.|Prof\.|Mme|M\.|Sr\.|Sra\.|Dª|D\.|Lic\.|Pr)\s\p{Lu})/gu;

// "A (Org), B (Org) and C (Org)": a closing parenthesis, then a separator and a capital, ends one person.
const AFTER_PAREN = /(?<=\))\s?(?:,|&|\sand|\set|\sy)\s(?=\p{Lu})/gu;
// "A, Chair of X & B, Economist": "&" or "and" between two people, each a name and then their job after a comma.
const PEOPLE_AND = /\s(?:&|and|et|y)\s(?=\p{Lu})/gu;

/** A plain name of two to four words with no job or institution word in it ("Amina Diallo"). */
function plainName(s: string): boolean {
  const ws = s.trim().split(/\s+/);
  return ws.length >= 2 && ws.length <= 4 && looksLikeName(s.trim()) && !ws.some((w) => isJobWord(w) || isOrgWord(w));
}

/** Cuts `one` at each match of `re` that the test accepts. */
function cutAt(one: string, re: RegExp, ok: (before: string, after: string) => boolean): string[] {
  const out: string[] = [];
  let from = 0;
  for (const m of one.matchAll(re)) {
    const before = one.slice(from, m.index).trim();
    const after = one.slice(m.index + m[0].length);
    if (!ok(before, after)) continue;
    out.push(before);
    from = m.index + m[0].length;
  }
  out.push(one.slice(from).trim());
  return out;
}

/**
 * Splits a list of people written on one line: on semicolons, before an honorific after a comma or "and", after a
 * closing parenthesis, at "&"/"and" between two people who each have a name before a comma, and a list of bare names
 * ("A B, C D and E F").
 */
export function splitPeople(text: string): string[] {
  const out: string[] = [];
  // "– A, job, – B, job": a dash after a comma sets the next item apart as a semicolon does (a list bulleted in a line).
  for (const item of text.split(/\s*;\s*|,\s[–—•]\s/).flatMap(byOffices)) {
    const one = item.replace(/^[–—•]\s/, '').replace(/^(?:and|et|y|e)\s+/i, '').trim();
    if (one === '') continue;
    for (const byHonorific of cutAt(one, LIST_HONORIFIC, () => true)) {
      const first = (x: string): string => splitHonorific((splitTopLevel(x)[0] ?? '').replace(/\s?\(.*$/, '')).name;
      for (const byParen of cutAt(byHonorific, AFTER_PAREN, (before, after) => before.includes('(') && plainName(first(before)) && plainName(first(after)))) {
        const pieces = cutAt(byParen, PEOPLE_AND, (before, after) =>
          before.includes(',') && /,/.test(after) && plainName(first(before)) && plainName(first(after)) &&
          (isGivenName(first(after).split(/\s+/)[0]!) || isJobWord((splitTopLevel(after)[1] ?? '').split(/\s+/)[0] ?? '')));
        for (const piece of pieces) for (const one of bareNames(piece)) out.push(...byNameAfterJob(one));
      }
    }
  }
  return out.map((x) => x.replace(/[\s,]+$/, '')).filter((x) => x !== '');
}

/**
 * "Commissioner A B, UNDP Administrator C D and High Commissioner E F": people each written office first, then the
 * name, set apart by commas and a last "and": cut when every part reads so (an honorific may open a part).
 */
function byOffices(item: string): string[] {
  if (item.length > 600 || !/,\s|\s(?:and|et|y|&)\s/.test(item)) return [item];
  const parts = item.split(/,\s(?:(?:and|et|y)\s)?|\s(?:and|et|y|&)\s/).map((x) => x.trim());
  if (parts.length >= 2 && parts.every((x) => officeThenName(splitHonorific(x).name) !== null)) return parts;
  // "el Obispo de X, Mons. A B, y la Secretaria Ejecutiva de Y, Dra. C D": office, comma, then the person an honorific
  // opens, pair after pair; each is read as "Name, office".
  if (parts.length >= 2 && parts.length % 2 === 0) {
    const out: string[] = [];
    for (let k = 0; k < parts.length; k += 2) {
      const office = parts[k]!.replace(/^(?:el|la|le|the)\s/i, '');
      const who = splitHonorific(parts[k + 1]!);
      if (who.honorific === null || !looksLikeName(who.name, 1) || !office.split(/\s+/).some((w) => isJobWord(w)) || splitHonorific(office).honorific !== null) return [item];
      out.push(`${parts[k + 1]}, ${office}`);
    }
    return out;
  }
  return [item];
}

/**
 * "A, Vice-présidente du Conseil régional, Ousmane Sy, Maire de Dioïla (Mali)": people written one after another with
 * commas only, segmented against the lexicons rather than by counting commas. Each part is read: a plain name (two
 * to four capitalised words, no job or institution word) that an honorific or a known given name opens is a name part; anything else (a job, an institution, a country) is an affiliation part and goes with the name before
 * it. A name part starts a new person when the part before it is an affiliation part. "…, délégué régional du CNRS
 * et Solène Arrighi, directrice …": a name joined to the job before it by "et"/"and"/"y" is a part of its own.
 */
function byNameAfterJob(text: string): string[] {
  if (text.length > 1200) return [text];
  const joined = new Set<number>();
  const parts: string[] = [];
  splitTopLevel(text).forEach((part, k) => {
    // "…, agricultrice dans la Drôme, et Gaël Pastor, chargé de mission": a name part that a conjunction opens.
    const lead = k === 0 ? null : /^(?:et|and|y|e)\s(?=\p{Lu})/u.exec(part);
    if (lead !== null && isNamePart(part.slice(lead[0].length))) { joined.add(parts.length); parts.push(part.slice(lead[0].length)); return; }
    const m = k === 0 ? null : JOINED_NAME.exec(part);
    if (m !== null && m.index > 0 && isNamePart(part.slice(m.index + m[0].length)) && !isNamePart(part.slice(0, m.index))) {
      parts.push(part.slice(0, m.index));
      joined.add(parts.length);
      parts.push(part.slice(m.index + m[0].length));
    } else parts.push(part);
  });
  if (parts.length < 3) return [text];
  // The list's own pattern: when its first person is written "Prénom NOM" (a surname in capitals), every later part
  // written so starts a person, whatever words the job between them uses ("…, Lyon 2, Bertrand OUDINOT, agrégé").
  const capsList = CAPS_SURNAME_NAME.test(parts[0]!);
  const out: string[] = [];
  let from = 0;
  for (let k = 2; k < parts.length; k++) {
    const prev = parts[k - 1]!;
    if (capsList && CAPS_SURNAME_NAME.test(parts[k]!) && !CAPS_SURNAME_NAME.test(prev)) {
      out.push(parts.slice(from, k).join(', '));
      from = k;
      continue;
    }
    // A name part after an affiliation part, when the first part of the list is itself a name part, and a job follows
    // it (or, last in the list, a conjunction joined it): "…, Naval Installations, United States Navy" is one person.
    if (k - from >= 2 && isNamePart(parts[k]!) && !isNamePart(prev) && isNamePart(parts[from]!) &&
      (joined.has(k) || (k + 1 < parts.length && isPositionLike(parts[k + 1]!))) &&
      (isPositionLike(prev) || isOrganizationLike(prev) || findCountry(prev) !== null || prev.split(/\s+/).length >= 2)) {
      out.push(parts.slice(from, k).join(', '));
      from = k;
    }
  }
  out.push(parts.slice(from).join(', '));
  return out;
}

// "… du CNRS Occitanie Ouest et Solène Arrighi": the last person joined by a conjunction to the job before it.
const JOINED_NAME = /\s(?:et|and|y|e)\s(?=\p{Lu}[^,]{2,60}$)/u;

/** A part that reads as a person's name: a plain name that an honorific or a known given name opens. */
function isNamePart(part: string): boolean {
  const { name, honorific } = splitHonorific(part.trim());
  const ws = name.split(/\s+/);
  if (ws.length > 4 || (!plainName(name) && !(honorific !== null && ws.length >= 1 && looksLikeName(name, 1)))) return false;
  if (ws.some((w) => isJobWord(w) || isOrgWord(w))) return false;
  return honorific !== null || ws[0]!.split('-').every((x) => isGivenName(x));
}

// "Hélène VAUCLUSE", "Jean-Baptiste MORVILLIERS", "Nour-Eddine SAIDANI", "Corinne ABADIE-LESTRADE": one or two
// given names in lower case after a capital, then one to three surnames wholly in capitals (two letters at least).
const CAPS_SURNAME_NAME = /^\p{Lu}\p{Ll}+(?:[-’']\p{Lu}\p{Ll}+)?(?:\s\p{Lu}\p{Ll}+)?(?:\s(?:de|da|del|van|von|le|la|d['’])?\s?\p{Lu}{2,}(?:[-’']\p{Lu}{2,})?){1,3}$/u;

/** "Ana Ruiz, Li Wei and Omar Haddad": names alone, joined by a final "and", split; anything else comes back whole. */
function bareNames(text: string): string[] {
  if (!/\s(?:and|et|y)\s/.test(text) || text.length > 200) return [text];
  const parts = text.split(/\s*,\s*(?:(?:and|et|y)\s+)?|\s+(?:and|et|y)\s+/).filter((x) => x !== '');
  const names = parts.map((x) => splitHonorific(x).name);
  // Most of them open with a known given name, so "Human Rights and Social Justice" stays one.
  const given = names.filter((x) => isGivenName(x.split(/\s+/)[0]!)).length;
  return parts.length >= 2 && names.every(plainName) && given * 2 >= names.length ? parts : [text];
}

const CEREMONIES = /c[ée]r[ée]moni|ceremonies|emcee|animat|modérat|moderat|maestr[oa] de ceremonias/i;

// The word a talk, an address or a performance opens with ("Allocution de bienvenue de …", "Palabras de …").
const TALK_HEAD = /^(?:(?:allocution|mot|message|lecture|discours|intervention|conférence|communication|présentation|exposé|témoignage|récital|pratique|hommage|introduction|palabras|mensaje|saludo|discurso|conferencia|ponencia|charla|testimonio|recital|remarks|address|statement|presentation|talk|reading|speech|performance|concert)s?|intervenci[oó]n|intervenciones|presentaci[oó]n|presentaciones|exposici[oó]n|exposiciones|addresses)(?![\p{L}])/iu;
// Performances whose performer may be named alone at the end ("Récital de Jimmy Técher", "Pratique poétique de X").
const PERFORMANCE = /^(?:récital|recital|pratique|lecture|reading|performance|concert)$/i;
// " de ", " du ", " del ", " of ", " d'": where the person may start.
const OF_PERSON = /\s(?:de|du|del|of)\s|\sd['’](?=\p{Lu})/gu;

/** The job words a title names its speaker by, from the first job word on ("du Maire de X" → "Maire de X"). */
function positionIn(title: string): string | null {
  const ws = title.split(/\s+/);
  const at = ws.findIndex((w) => isJobWord(w) && !/^(?:first|second|general|special|national|regional|lead)$/i.test(w));
  if (at < 0) return null;
  let from = at;
  if (from > 0 && /^(?:ex|former|ancien|ancienne|acting)$/i.test(ws[from - 1]!)) from--;
  return ws.slice(from).join(' ').replace(/[\s,:;–—-]+$/, '') || null;
}

/**
 * A title that names its speaker by role, then the speaker: "Mot de bienvenue du Maire de X, Désiré Y",
 * "Opening remarks by the President of the Assembly, H.E. Mr. Z", "Clausura a cargo de W", and
 * "X, Secretary-General : « Talk title »". Returns the title, the person and the part they take.
 */
export function readTitleAndPerson(text: string, readPerson: ReadPerson): { title: string; read: PersonRead; more: PersonRead[]; role: Role | null; joined?: PersonRead[] } | null {
  const t = text.trim();
  if (t.length > 600) return null;
  // A sentence about what will happen ("… se realizará …, a través de su directora regional, Srta. X") names people
  // who organise, not who speak.
  if (t.split(/\s+/).length >= 12 && EVENT_VERB.test(t)) return null;
  // "Person, job : « Title »"
  const talk = /^(.{3,300}?)\s?:\s?[«“"]\s?([^«»“”"]{2,300}?)\s?[»”"]\.?$/u.exec(t);
  if (talk !== null) {
    const p = readPerson(talk[1]!, true);
    if (p !== null && looksLikeName(p.person.name, p.person.honorific !== null ? 1 : 2)) return { title: talk[2]!, read: p, more: [], role: null };
    // "Introduction de X : « Talk »": the person named after a talk's word, then the talk's title.
    const inner = TALK_HEAD.test(talk[1]!) ? readTitleAndPerson(talk[1]!, readPerson) : null;
    if (inner !== null && inner.more.length === 0) return { title: talk[2]!, read: inner.read, more: [], role: inner.role };
  }
  // "Clausura a cargo de X", "Closing remarks by X", "Broadband for schools with A, Org; B, Org"
  const by = /^(.{3,200}?)\s(?:a cargo de|by|par|por|with|avec|con|from)\s(?!the\s|la\s|le\s|les\s|el\s|los\s|las\s)(.{3,1200})$/iu.exec(t);
  // "Hommage à X organisé par Y", "Seminar organised by Z": who organises is not who takes the floor.
  if (by !== null && ORGANISED.test(by[1]!)) return null;
  if (by !== null) {
    // "animée par X, avec A, job, et B, job": the people after "avec"/"with" join the one who chairs, as speakers.
    const withAt = /,\s(?:avec|with|con)\s(?=\p{Lu})/u.exec(by[2]!);
    const joined = withAt === null ? [] : splitPeople(by[2]!.slice(withAt.index + withAt[0].length).replace(/\.$/, '')).map((one) => readPerson(one, true));
    const okJoined = joined.length > 0 && joined.every((q) => q !== null && q.warning === null);
    const reads = splitPeople(okJoined ? by[2]!.slice(0, withAt!.index) : by[2]!).map((one) => readPerson(one, true));
    const [p, ...more] = reads;
    // The person must show more than capitals ("with Youth Build Caribbean" names no one): an honorific, a job or
    // institution after the name, a known given name, or others listed with them.
    const strong = p != null && (p.person.honorific !== null || p.person.position !== null || p.person.organization !== null ||
      isGivenName(p.person.name.split(/\s+/)[0]!) || more.length > 0);
    if (p != null && strong && looksLikeName(p.person.name, p.person.honorific !== null ? 1 : 2) && p.warning === null && more.every((q) => q !== null)) {
      // "…, animée par X", "…, moderated by X": the word before "by" names the part the person takes.
      const lead = /[\s,]+([\p{L}-]{4,20})$/u.exec(by[1]!);
      const role = lead === null ? null : roleOf(`${lead[1]} by`) ?? roleOf(`${lead[1]} par`) ?? roleOf(`${lead[1]} por`);
      const title = (role !== null ? by[1]!.slice(0, lead!.index) : by[1]!).replace(/[\s,;:–—-]+$/, '');
      return { title, read: p, more: more as PersonRead[], role, joined: okJoined && role !== null && role.bucket === 'moderators' ? joined as PersonRead[] : [] };
    }
  }
  // "Allocution de bienvenue de Jean-Claude HORTH, Maire de X", "Lecture du message de son Excellence Y", "Récital de
  // Z": a talk's word first, then "de" and a person who shows it (an honorific, a surname in capitals, or a known given
  // name with a job after it; after a performance's word, a name that ends the line).
  const talkWord = TALK_HEAD.exec(t);
  if (talkWord !== null) {
    for (const m of t.matchAll(OF_PERSON)) {
      const head = t.slice(0, m.index).replace(/[\s,:;–—-]+$/, '');
      // "Allocutions de A, job, B, job et C, job": several people after the talk's word, each read on its own.
      const list = splitPeople(t.slice(m.index + m[0].length));
      const reads = list.length >= 2 ? list.map((one) => readPerson(one, true)) : [];
      if (head !== '' && reads.length >= 2 && reads.every((q) => q !== null && q.warning === null && looksLikeName(q.person.name, q.person.honorific !== null ? 1 : 2) &&
        (q.person.honorific !== null || q.person.position !== null || q.person.organization !== null))) {
        const [first, ...more] = reads as PersonRead[];
        return { title: head, read: first!, more, role: null };
      }
      const p = readPerson(t.slice(m.index + m[0].length), true);
      if (p === null || p.warning !== null || head === '') continue;
      const ws = p.person.name.split(/\s+/);
      if (!looksLikeName(p.person.name, p.person.honorific !== null ? 1 : 2) || ws.some((w) => isJobWord(w) || isOrgWord(w))) continue;
      const shown = p.person.honorific !== null || ws.some((w) => /^\p{Lu}{2,}(?:[-'’]\p{Lu}{2,})*$/u.test(w)) ||
        (isGivenName(ws[0]!) && (p.person.position !== null || p.person.organization !== null)) ||
        ((PERFORMANCE.test(talkWord[0]) || (isGivenName(ws[0]!) && ws.length >= 2)) && m.index + m[0].length + p.person.name.length >= t.replace(/[.\s]+$/, '').length && ws.length <= 4);
      if (shown) return { title: head, read: p, more: [], role: null };
    }
  }
  // "Title, madame Lydia HO-A-SIM, Professeur de lettres": a talk title, then a person set off by an honorific.
  const partsH = splitTopLevel(t);
  for (let k = 1; k < partsH.length && partsH.length <= 8; k++) {
    const { name, honorific } = splitHonorific(partsH[k]!);
    if (honorific === null || !looksLikeName(name, 1) || name.split(/\s+/).some(isJobWord)) continue;
    const p = readPerson(partsH.slice(k).join(', '), true);
    if (p === null || p.warning !== null) break;
    const title = partsH.slice(0, k).join(', ');
    if (positionIn(title) !== null) break;
    return { title, read: p, more: [], role: null };
  }
  // "Title naming a job, Name[, more affiliation]"
  const parts = splitTopLevel(t);
  for (let k = 1; k < parts.length; k++) {
    const { name, honorific } = splitHonorific(parts[k]!);
    if (!looksLikeName(name, honorific !== null ? 1 : 2) || name.split(/\s+/).some(isJobWord)) continue;
    const title = parts.slice(0, k).join(', ');
    const position = positionIn(title);
    if (position === null) return null;
    const p = readPerson(parts.slice(k).join(', '), true);
    if (p === null) return null;
    if (p.person.position === null) p.person.position = position;
    else p.person.position = `${position}, ${p.person.position}`;
    const r = roleOf(position);
    const role: Role | null = r !== null ? r : CEREMONIES.test(position) ? { bucket: 'moderators', label: position } : null;
    return { title, read: p, more: [], role };
  }
  return null;
}

/** An untimed line that names someone after the part they take: the person and that part's role. */
export function readNamedAfterRole(t: string, readPerson: ReadPerson): { read: PersonRead; more: PersonRead[]; role: Role | null; joined: PersonRead[] } | null {
  const r = readTitleAndPerson(stripBullet(t).text, readPerson);
  return r === null ? null : { read: r.read, more: r.more, role: r.role, joined: r.joined ?? [] };
}

// A session heading glued after other text by a flattened table: "… Institute Panel One: Emerging Market Debt".
const GLUED_HEADING = /\s(?=(?:Panel|Session|Round ?table|Working Group|Workshop|Séance|Sesión|Mesa)\s(?:\d{1,2}|[IVX]{1,4}|One|Two|Three|Four|Five|Six|Seven|Eight)\s?[:.–—-]\s)/g;

/** The line cut before each session heading that a flattened table glued to the text before it. */
export function splitGluedHeadings(t: string): string[] {
  if (t.length > 2000) return [t];
  const out: string[] = [];
  let from = 0;
  for (const m of t.matchAll(GLUED_HEADING)) {
    const before = t.slice(from, m.index).trim();
    // After a time, a bar or a colon, the heading is the slot's own title, not a second cell.
    if (m.index < 8 || /[:|–—-]$/.test(before) || readTimeSlot(before)?.rest === '' || before.split(/\s+/).length < 3) continue;
    out.push(before);
    from = m.index + 1;
  }
  out.push(t.slice(from).trim());
  return out.filter((x) => x !== '');
}

/** A line that is a name and nothing else ("Priya Natarajan", "Aldous Finch (moderator)"). */
function isBareName(t: string, readPerson: ReadPerson): boolean {
  const x = t.trim();
  if (x === '' || x.length > 80 || /[,;:]/.test(x)) return false;
  const p = readPerson(x, true);
  if (p === null || p.person.position !== null || p.person.organization !== null) return false;
  const ws = p.person.name.split(/\s+/);
  return ws.length >= 2 && ws.length <= 4 && !ws.some((w) => isJobWord(w) || isOrgWord(w));
}

/**
 * Whether a bare name on its own line is a person: it stands in a run of such lines (a list of names without
 * positions), or it opens with a known given name.
 */
export function isNameInRun(lines: readonly string[], i: number, readPerson: ReadPerson): boolean {
  const t = lines[i]!.trim();
  if (!isBareName(t, readPerson)) return false;
  if (isGivenName(t.split(/\s+/)[0]!)) return true;
  const near = (step: number): string => {
    let j = i + step;
    while (j >= 0 && j < lines.length && lines[j]!.trim() === '') j += step;
    return lines[j]?.trim() ?? '';
  };
  return isBareName(near(-1), readPerson) || isBareName(near(1), readPerson);
}

// Where a run-together paragraph (a PDF transcript, a blog digest) starts a new item: before a time that a colon or
// dash follows ("8h30 : Accueil"), before a date and time after a full stop ("5/13, 10:00-11:30am."), before a
// labelled field after a full stop or semicolon ("Speakers:", "Moderator:", "Location:"), before a numbered
// heading ("Atelier # 2 :"), and before an honorific that opens a name in capitals ("M. Yacine OUÉDRAOGO").
const RUN_BREAKS = new RegExp(
  [
    '\\s(?=\\d{1,2}(?:[:.h]\\d{2}|h)(?:\\s?[-–]\\s?\\d{1,2}(?:[:.h]\\d{2}|h)?\\d{0,2})?\\s?[:–]\\s)',
    '(?<=\\.)\\s(?=\\d{1,2}/\\d{1,2},\\s\\d)',
    '(?<=[.;])\\s(?=[\\p{Lu}][\\p{Ll}]{2,15}(?:\\s[\\p{Ll}]{2,12})?\\s?:\\s)',
    '(?<!\\d)\\s(?=(?:Atelier|Workshop|Panel|Session|Mesa|Taller|Table ronde|Part|Parte|Partie|Segment|SESSION|PANEL|WORKSHOP|ATELIER|MESA|PART)\\s(?:#\\s?)?\\d{1,2}\\s?:\\s)',
    // A run of show flattened from a PDF, its time column in parentheses: a part's word before its time ("… Alliance
    // Closing (10:50) Closing remarks by …"), the item after a heading's time, and a talk's title before "by" and the
    // speaker's honorific ("… of the United Nations Voices from the Coast by Ms. X"), unless a role or a speech noun
    // asks for the person ("Moderated by", "Closing remarks by", "Presentation by").
    '\\s(?=(?:Closing|Opening|Lunch|Break|Welcome|Keynote|Conclusions?|Wrap-up|Cl[ôo]ture|Ouverture|Clausura|Apertura|Cierre|Pause|Pausa|Almuerzo|D[ée]jeuner)\\s\\(\\d{1,2}[:.h]\\d{2}\\))',
    '(?<=\\(\\d{1,2}[:.h]\\d{2}\\))\\s(?=\\p{Lu}|by\\s)',
    '(?<=\\p{Ll})(?<!\\s(?:[Mm]oderated|[Cc]haired|[Hh]osted|[Ff]acilitated|[Ii]ntroduced|[Pp]resented|[Rr]emarks|[Aa]ddress|[Ss]tatement|[Mm]essage|[Pp]resentation|[Ss]peech|[Ll]ecture|[Tt]alk|[Ii]nterventions))\\s(?=by\\s(?:His Excellency|Her Excellency|H\\.E\\.|Mr\\.|Ms\\.|Mrs\\.|Dr\\.|Prof\\.)\\s\\p{Lu})',
    // A slide deck or a table transcribed into one line: a four-digit time range before its title ("… All participants
    // 0915- 0945 Election of …"), a day heading with its date ("… TUESDAY 13TH MAY 2014 …"), and the private-use bullet
    // glyphs of word processors between the items of a cell.
    '(?<=\\p{L}|\\p{L}\\]|\\p{L}\\))\\s(?!(?:19|20)\\d\\d\\s?[-–]\\s?(?:19|20)\\d\\d)(?=(?:[01]\\d|2[0-3])[0-5]\\d\\s?[-–]\\s?(?:[01]\\d|2[0-3])[0-5]\\d\\s\\p{L})',
    '\\s(?=(?:MONDAY|TUESDAY|WEDNESDAY|THURSDAY|FRIDAY|SATURDAY|SUNDAY|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\\s\\d{1,2}(?:ST|ND|RD|TH|st|nd|rd|th)?\\s\\p{L}{3,9}\\s\\d{4}(?!\\d))',
    '\\s(?=[\\uf0b7\\uf0a7\\uf076\\uf0d8]\\s)',
    // A role label anywhere ("… Philippines Panellists: Mr. X"), and a day heading ("… Lunch Day 2 – Wednesday").
    '\\s(?=(?:Chairs?|Co-chairs?|Chairpersons?|Moderators?|Panell?ists?|Speakers?|Discussants?|Facilitators?|Rapporteurs?|Presenters?|Respondents?|Welcome remarks|Opening remarks|Opening address|Keynote address|Keynote speech|Closing remarks|Modérat(?:eur|rice)s?|Intervenant(?:e)?s?|Président(?:e)? de séance|Moderador(?:a)?|Modera|Ponentes?|Panelistas?|Participan|Intervienen|Exponen|Expositor(?:a|es)?|Interviennent|Interventions by|Statements by|Presentations by)\\s?:\\s)',
    // "… Radio Duero). 13.30 h. Comida …", "… declaración” 11 h Mesa redonda": a time with its hours word, before a
    // capital, after the end of an item (a full stop, a quotation mark, a parenthesis or a word).
    '(?<=[.”"»)\\p{L}])\\s(?=\\d{1,2}(?:[.:]\\d{2})?\\s?(?:h|hrs?|hs|horas)\\.?\\s\\p{Lu})',
    '\\s(?=(?:Day|DAY|Jour|JOUR|Día|DÍA)\\s\\d{1,2}\\s?[:–—-]\\s)',
    '\\s(?=(?:Venue|Lieu|Lugar|Location)\\s?:\\s)',
    '\\s(?=(?:M\\.|Mme|Mlle|Dr|Pr|Mr\\.?|Ms\\.?|Mrs\\.?|H\\.E\\.|Sr\\.|Sra\\.)\\s\\p{Lu}[\\p{Ll}\\p{Lu}-]+\\s\\p{Lu}{2,})',
    // A PDF flattened with no punctuation between its items: a time range before a capital ("8.30 - 9.15 REGISTRATION")
    // or a time before a word in capitals ("20.00 OFFICIAL DINNER"), never right after a role's colon.
    // Also "9h > 9h30 Discours", "10h → 11h Projection" (a listing's French clock and arrow ranges).
    '(?<![:–-])\\s(?=\\d{1,2}(?:[:.h]\\d{2}|h)\\s?[-–>→]\\s?\\d{1,2}(?:[:.h]\\d{2}|h)\\s\\p{Lu})',
    '(?<![:–-])\\s(?=\\d{1,2}[:.]\\d{2}\\s\\p{Lu}{3,}(?![\\p{L}]))',
    // A day's items in one line of a news page ("… de la frontera 10:00 Mesa central … 16:00 Proyección …"): a clock
    // time with a colon after a word or a quotation, before a capital.
    '(?<=[\\p{L}".)»”])(?<!\\s(?:a|al|to|à|y|de|from|-|–))\\s(?=\\d{1,2}:\\d{2}(?:\\s(?:a|-|–)\\s\\d{1,2}:\\d{2})?\\s\\p{Lu})',
    // One person after another with nothing between ("…, Jordan H.E. Mr. X, …"), and "Address by" after the last one.
    '(?<=[\\p{L})])\\s(?=(?:H\\.E\\.|Mr\\.|Ms\\.|Mrs\\.|Dr\\.|Prof\\.)\\s(?:(?:Mr|Ms|Mrs|Dr|Prof)\\.\\s)?\\p{Lu}\\p{Ll}+\\s\\p{Lu})',
    '(?<=[\\p{L})])\\s(?=(?:Address|Statement|Remarks|Opening remarks|Closing remarks|Welcome remarks|Message|Presentation) by\\s)',
    // A sentence of the page's own prose after an item: a capital, then five words in lower case ("… OECD Employers
    // in the region report that …").
    // Never after a word that asks for one more ("adjoint au Maire en charge de la culture" is one job).
    '(?<=[\\p{L}\\p{N})])(?<![:.]\\d\\d)(?<!\\s(?:au|aux|du|de|des|la|le|of|the|to|for|del|el|en|à))\\s(?=\\p{Lu}\\p{Ll}+(?:\\s\\p{Ll}+){5})',
  ].join('|'),
  'gu',
);
const PAGE_NUMBER_END = /(?<=\p{Ll})\s\d{1,3}$/u;
// The word before such a number, and what comes before that word.
const LAST_WORD = /(\S{1,40})$/u;
const TIME_BEFORE = /\d{1,2}(?:[:.h]\d{2}|h)\s?$/u;
// Words that take a number after them ("Workshop 3", "Room 12", "Mesa 2"): that number is theirs, never a page's.
const TAKES_NUMBER = new Set(['session', 'sessions', 'panel', 'workshop', 'room', 'hall', 'part', 'table', 'round', 'roundtable', 'atelier',
  'mesa', 'sesión', 'sesion', 'séance', 'seance', 'salle', 'sala', 'group', 'groupe', 'grupo', 'module', 'track', 'day', 'jour', 'día', 'week',
  'phase', 'level', 'floor', 'item', 'point', 'no', 'nr', 'number', 'section', 'stage', 'block', 'building', 'gate', 'seminar', 'séminaire',
  'taller', 'forum', 'plenary', 'plénière', 'plenaria', 'breakout', 'topic', 'theme', 'thème', 'tema', 'segment', 'meeting', 'réunion',
  'reunión', 'partie', 'parte', 'ronda', 'tour', 'chapter', 'article', 'annex', 'dialogue', 'lecture', 'class', 'unit', 'tier', 'cluster',
  'commission', 'committee', 'comité', 'comisión', 'subgroup', 'pillar', 'goal', 'sdg', 'auditorium', 'studio', 'booth', 'stand']);
const ROMAN_WORD = /^[ivxlc]{1,7}$/iu;
/** A number ending a flattened page that is its page number: after a word in lower case, never after a word that takes a
 * number ("Workshop 3", "Session ii 2") nor as the whole title of a timed item ("14:00 Lunch 2"). */
function pageNumberAt(t: string): number | null {
  const m = PAGE_NUMBER_END.exec(t);
  if (m === null) return null;
  const before = t.slice(Math.max(0, m.index - 60), m.index);
  const w = LAST_WORD.exec(before);
  if (w === null) return null;
  const word = w[1]!.replace(/^[("“«]+/u, '').toLowerCase();
  if (TAKES_NUMBER.has(word) || ROMAN_WORD.test(word)) return null;
  if (readSessionHeading(`${w[1]!} ${m[0].trim()}`)?.number != null) return null;
  if (TIME_BEFORE.test(before.slice(0, w.index).trimEnd())) return null;
  return m.index;
}
const FALLEN_TIME = /\s(by|par|por|with)\s((?:\p{Lu}[\p{L}.]{0,20}\s){0,3})(\p{Lu}\p{Ll}{1,20})\s(\(\d{1,2}[:.h]\d{2}\))\s(?=(\p{Lu}[\p{L}'’-]{1,30}),)/gu;
// A role's words before "by": "moderated by Dr. X (10:30) Coffee, …" names the moderator, whose item ends at the time.
const ROLE_BEFORE_BY = /(?:moderated|chaired|presided|facilitated|hosted|introduced|led|convened|animée?s?|présidée?s?|modérée?s?|moderad[oa]s?|presidid[oa]s?|dirigid[oa]s?|coordinad[oa]s?)$/iu;
/** "… by Her Excellency Mariana (9:00) Tuilagi-Hart, …" put back as "(9:00) by Her Excellency Mariana Tuilagi-Hart, …":
 * only when the time splits one name, a given name before it and a word that names no session after it, and no role's
 * words come before the "by". Otherwise the time starts the next item and stays where it is. */
// A line whose times in parentheses come before their items ("Programme 12 March 2025 (9:00) Opening …"): its first
// time straight after the date. Such a line's times lose their parentheses, so each starts its item.
const TIME_FIRST = /(?<!\d)\d{4}\s\((\d{1,2}[:.h]\d{2})\)\s(?=\p{Lu})/u;
const PAREN_TIME = /\((\d{1,2}[:.h]\d{2})\)(?=\s\p{Lu})/gu;
// "…, moderated by Dr. Anna Berg (10:30) Coffee, …": a time after the name a role's words introduce starts the next item.
const ROLE_NAME_TIME = /((?:[Mm]oderated|[Cc]haired|[Pp]resided|[Ff]acilitated|[Hh]osted|[Ii]ntroduced|[Ll]ed|[Cc]onvened)\sby\s(?:\p{Lu}[\p{L}.'’-]{0,20}\s){1,4})\((\d{1,2}:\d{2})\)(?=\s\p{Lu})/gu;
/** Where the items of a line with its times first begin (after the date before the first time), or -1. */
function timeFirstAt(t: string): number {
  const m = TIME_FIRST.exec(t);
  return m !== null && m.index < 100 && !/\(\d{1,2}[:.h]\d{2}\)/u.test(t.slice(0, m.index)) ? m.index + 5 : -1;
}
function putBackFallenTimes(t: string): string {
  return t.replace(FALLEN_TIME, (all: string, by: string, titles: string, given: string, time: string, after: string, at: number) => {
    if (!isGivenName(given)) return all;
    if ((readSessionHeading(after)?.kind ?? 'other') !== 'other' || isJobWord(after) || isOrgWord(after) || isVenueWord(after)) return all;
    if (ROLE_BEFORE_BY.test(t.slice(Math.max(0, at - 30), at))) return all;
    return ` ${time} ${by} ${titles}${given} `;
  });
}
// A piece that ends on the words that introduce the next person: "…, animée par", "moderated by".
const ENDS_BY = /(?:\s(?:by|par|por|with|avec|con|and|et|y))$/i;
// "5/13, " before a time: the month and day the digest repeats; the day heading already says it.
const MONTH_DAY = /^\d{1,2}\/\d{1,2},\s(?=\d)/;

/**
 * A long line that runs several agenda lines together, cut into those lines. Short lines, and long ones with fewer
 * than two items, come back whole. A title followed by its own time ("TITLE. 5/13, 10:00am.") becomes "time title".
 */
export function splitRunTogether(t: string): string[] {
  if (t.length < 60 || t.length > 20000) return [t];
  // "… by Her Excellency Mariana (9:00) Tuilagi-Hart, …": the PDF's time column fell inside the speaker's name; it is
  // the item's time, put back before the speaker.
  if (t.length >= 160) {
    t = putBackFallenTimes(t);
    const first = timeFirstAt(t);
    if (first > 0) {
      const items = splitRunTogether(t.slice(first).replace(PAREN_TIME, '$1'));
      if (items.length >= 3) return [t.slice(0, first).trim(), ...items];
    }
    t = t.replace(ROLE_NAME_TIME, '$1$2');
  }
  // "… Minister of Fisheries of Senegal 2": a PDF page flattened into one line ends on its page number.
  const pageNumber = t.length >= 400 ? pageNumberAt(t) : null;
  if (pageNumber !== null) t = t.slice(0, pageNumber);
  const pieces: string[] = [];
  let from = 0;
  for (const m of t.matchAll(RUN_BREAKS)) {
    if (m.index <= from) continue;
    pieces.push(t.slice(from, m.index).trim());
    from = m.index + 1;
  }
  pieces.push(t.slice(from).trim());
  // A shorter line is cut only into timed items ("15:00 Conferencia de prensa 17:00 Encuentro de periodistas").
  if (t.length < 160 && !(pieces.length >= 2 && pieces.every((p) => (readTimeSlot(p)?.rest ?? '').length >= 3))) return [t];
  if (pieces.length < 2 || (pieces.length < 3 && t.length >= 160)) return [t];
  const out: string[] = [];
  for (let k = 0; k < pieces.length; k++) {
    let p = pieces[k]!;
    if (MONTH_DAY.test(p)) {
      p = p.replace(MONTH_DAY, '').replace(/\.$/, '');
      const prev = out[out.length - 1];
      if (prev !== undefined && readTimeSlot(p)?.rest === '' && readTimeSlot(prev) === null) { out[out.length - 1] = `${p} ${prev}`; continue; }
    }
    if (ENDS_BY.test(p) && k + 1 < pieces.length) { pieces[k + 1] = `${p} ${pieces[k + 1]}`; continue; }
    out.push(p);
  }
  return out.filter((x) => x !== '');
}
