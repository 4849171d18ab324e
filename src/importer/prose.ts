// A programme written as prose (a news article, a press release): "The first panel, moderated by X, brought together
// A, B and C", "La primera mesa, «Título», con A, cargo; B, cargo; y C, cargo, como moderadora". Read only when the
// page's lines give no session at all; every session read this way is a guess, and its warning says so.
import { type AgendaPerson, type AgendaSession, type SessionKind } from '../domain/agenda.ts';
import { splitPeople } from './classify.ts';
import { isGivenName } from './lexicon.ts';
import { type PersonRead, stripBullet } from './people.ts';

type ReadPerson = (line: string, loose: boolean) => PersonRead | null;

export interface ProseSession {
  session: AgendaSession;
  line: number;
}

const SESSION_WORD = /\b(?:panels?|sessions?|round ?tables?|workshops?|mesas?(?: de debate| redondas?)?|tables? rondes?|ateliers?|talleres?|sesi[oó]n(?:es)?|s[ée]ances?|conferencias?|conf[ée]rences?|debates?|d[ée]bats?|keynote)\b/iu;
const ORDINAL = /(?<![\p{L}])(first|second|third|fourth|fifth|primera?|primero|primer|segundo|segunda|tercera?|tercero|tercer|cuarta?|cuarto|quinta?|quinto|premi[eè]re?|deuxi[eè]me|seconde?|troisi[eè]me|quatri[eè]me)(?![\p{L}])/iu;
const ORDINAL_NUMBER: Record<string, number> = {
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, primera: 1, primero: 1, primer: 1, segundo: 2, segunda: 2,
  tercera: 3, tercero: 3, tercer: 3, cuarta: 4, cuarto: 4, quinta: 5, quinto: 5, premier: 1, première: 1, premiere: 1,
  deuxième: 2, deuxieme: 2, second_: 2, seconde: 2, troisième: 3, troisieme: 3, quatrième: 4, quatrieme: 4,
};
const HONORIFIC_START = /^(Dª|Dña\.|D\.|Sr\.|Sra\.|Mr\.|Ms\.|Mrs\.|Dr\.|Prof\.|H\.E\.|Mme|M\.)\s(?=\p{Lu})/u;
const OPENING = /(?<![\p{L}])(?:inaugural|inauguraci[óo]n|inauguration|inaugurar[áa]|inaugurad[oa]|abrir[áa]|abre|opening|opened|will open|opens|ouvrira|ouvre|ouverture|apertura|d['’]ouverture|welcome|bienvenida|bienvenue)(?![\p{L}])/iu;
const CLOSING = /(?<![\p{L}])(?:closing|will close|closes|cerrar[áa]n?|clausurar[áa]|clausura|cierre|cl[ôo]turera|cl[ôo]ture|conclude)(?![\p{L}])/iu;
const KEYNOTE = /(?<![\p{L}])(?:keynote|conferencia inaugural|conf[ée]rence inaugurale|conferencia magistral|lecture)(?![\p{L}])/iu;
// Quoted titles: “…”, «…», "…".
const QUOTED = /[“«"]\s?([^“”«»"]{2,200}?)\s?[”»"]/gu;
const QUOTED_ONE = /[“«"][^“”«»"]{2,200}[”»"]/u;
// What introduces the people of a session.
const PEOPLE_AFTER = /\s(?:(?<=(?:palabras|mensaje|discurso|saludo|remarks|address|mot|allocution)\s(?:de bienvenida|de apertura|de clausura|of welcome|de bienvenue|d['’]ouverture|d['’]accueil)\s)(?:del|de la|de|by|du|de l['’])|con la participaci[óo]n de(?:l|\sla|\slos|\slas)?|avec la participation de|with the participation of|correr[áa] a cargo de(?:l)?|a cargo del|con|with|brought together|bringing together|featuring|featured|hablar[áa]n|intervendr[áa]n|participar[áa]n|estar[áa] a cargo de|a cargo de|será impartida por|ser[áa] impartida por|impartida por|ser[áa]n (?:ponentes|panelistas|expositores|conferencistas)|(?:will|are to) speak|seront intervenants|by|por(?!\s(?:el|la|lo|los|las) (?:que|cual)\s)|par|avec|réunira|réunit|will hear from)\s/iu;
// "la inspectora X; el abogado Y, y la responsable Z, debatirán en una mesa redonda …", "X, magistrada, reflexionará
// sobre …": the people stand before the verb of what they will do.
const SPEAKING_VERB = /,?\s(?:debatir[áa]n?|hablar[áa]n?|participar[áa]n?|intervendr[áa]n?|reflexionar[áa]n?|expondr[áa]n?|disertar[áa]n?|dialogar[áa]n?|conversar[áa]n?|will (?:discuss|speak|debate|reflect|present)|débattront|interviendront|discuteront|échangeront)(?![\p{L}])/iu;
// What opens a clause before the people it names: "Seguidamente (11:00 horas), ", "Tras el acto inaugural, ".
const CLAUSE_LEAD = /^(?:[^,]{0,40}\d[^,]{0,20}|(?:\p{L}+\s){0,3}\p{L}+),\s/u;
const CONNECTOR = /^(?:de|del|la|las|los|el|of|the|du|des|d['’]\p{L}*|for|para|pour)$/iu;
const AFTER_LEAD = /^(?:tras|despu[ée]s de|after|following|apr[èe]s)\s[^,]{3,60},\s/iu;
const OPEN_CLOSE_VERB = /(?<![\p{L}])(?:abrir[áa]n?|inaugurar[áa]n?|cerrar[áa]n?|clausurar[áa]n?|will (?:open|close)|ouvrira|cl[ôo]turera)(?:\s(?:el acto|la jornada|the (?:event|meeting|day)|la journ[ée]e))?\s/iu;
const SPEAKER_BEFORE_TITLE = /\s(?:(?:conferencia|conf[ée]rence|ponencia|charla|lecci[óo]n|lecture|address|talk|keynote)(?:\s(?:inaugural|inaugurale|magistral|de clausura))?\s(?:de(?:l)?|d['’]|by|par|por))\s/iu;
const MODERATED = /\s(?:moderated by|chaired by|moderada por|moderado por|que moderar[áa]|moderar[áa]|animée? par|modérée? par|présidée? par|presidida por|presidido por)\s/iu;
const AS_MODERATOR = /,?\s(?:como|as|comme)\s(?:moderador|moderadora|moderator|chair|modérateur|modératrice)(?![\p{L}])/iu;
const WILL_MODERATE = /^(.{3,200}?),?\s(?:ser[áa] (?:el|la) (?:moderador|moderadora)|will (?:moderate|chair)|moderar[áa]|sera (?:le|la) (?:modérateur|modératrice)|animera)\b/iu;
const HONORIFIC_INSIDE = /(?:^|\s)(?=(?:Dª|Dña\.|D\.|Sr\.|Sra\.|Mr\.|Ms\.|Mrs\.|Dr\.|Prof\.|H\.E\.|Mme|M\.)\s\p{Lu})/u;
const OFFICE_THEN_NAME = /^(\p{Ll}[\p{L}-]{2,30}(?:\s\p{Ll}[\p{L}-]{0,30}){0,3})\s(\p{Lu}[\p{Ll}'’-]+(?:\s\p{Lu}[\p{Ll}'’-]+){1,3})$/u;
const ARTICLE = /^(?:y|and|et|e|de|del|of)?\s?(?:la|el|los|las|the|le|les|l['’])?\s/iu;
const LIST_SPLIT = /\s?;\s?(?:y\s|and\s|et\s|e\s)?|,\s(?:y|and|et|e)\s(?:de\s)?/iu;

/** The text without the given characters at its end (a loop: a regex anchored at the end would backtrack). */
function trimEnd(text: string, chars: string): string {
  let end = text.length;
  while (end > 0 && (chars.includes(text[end - 1]!) || /\s/.test(text[end - 1]!))) end--;
  return text.slice(0, end);
}

/** Cuts a paragraph into sentences, not after an honorific or an initial ("D. Xurxo", "Dr. Ana"). */
function sentences(text: string): string[] {
  const out: string[] = [];
  let from = 0;
  for (const m of text.matchAll(/[.!?]\s+/g)) {
    const before = text.slice(Math.max(from, m.index - 6), m.index);
    const word = before.split(/\s/).pop() ?? '';
    if (word.length <= 3 && /^\p{Lu}/u.test(word)) continue;
    out.push(text.slice(from, m.index + 1).trim());
    from = m.index + m[0].length;
  }
  out.push(text.slice(from).trim());
  return out.filter((s) => s !== '');
}

/** One person written in prose: "la periodista Dª X", "la Presidenta de Y, Dª X", "A, cargo", "presidente X". */
function proseReadPerson(chunk: string, readPerson: ReadPerson): { read: PersonRead; moderator: boolean } | null {
  let t = trimEnd(chunk.trim(), '.,;:');
  let moderator = false;
  const as = AS_MODERATOR.exec(t);
  if (as !== null) { moderator = true; t = t.slice(0, as.index).trim(); }
  t = t.replace(ARTICLE, '').trim();
  if (t.length < 3 || t.length > 300) return null;
  const h = HONORIFIC_INSIDE.exec(t);
  if (h !== null && h.index > 0) {
    const position = trimEnd(t.slice(0, h.index), ' ,');
    const p = readPerson(t.slice(h.index).trim(), true);
    if (p !== null && position.length >= 3) {
      if (p.person.position === null) p.person.position = position;
      return { read: takeHonorific(p), moderator };
    }
  }
  let p = readPerson(t, true);
  const comma = t.indexOf(',');
  // "la profesora de la Universidad de Cartagena Inmaculada Sáez Carrión", "la inspectora de Trabajo Aitana Roldán":
  // an office that names an institution, then the name, which a known given name opens.
  // When a connector ("de", "of") ties the capitalised words at the end to the office, the name starts at the first
  // known given name among them (other offices are read below).
  if ((p === null || !/^\p{Lu}/u.test(p.person.name) || !isGivenName(p.person.name.split(/\s+/)[0]!)) && comma < 0 && /^\p{Ll}/u.test(t)) {
    const ws = t.split(/\s+/);
    let r = ws.length;
    while (r > 1 && /^\p{Lu}[\p{Ll}'’-]+$/u.test(ws[r - 1]!)) r--;
    let k = r;
    while (k < ws.length && !isGivenName(ws[k]!)) k++;
    if (r > 0 && CONNECTOR.test(ws[r - 1]!) && ws.length - k >= 2 && ws.length - k <= 4) {
      const q = readPerson(ws.slice(k).join(' '), true);
      if (q !== null && q.person.position === null) { q.person.position = ws.slice(0, k).join(' '); p = q; }
    }
  }
  // "vicepresidenta Nieves Tordesillas", "le ministre Jean Dupont": an office in lower case, then the name; and
  // "la médica Beatriz Castiñeira, jefa de servicio de X": the same before the rest of the person's line.
  const office = p === null ? OFFICE_THEN_NAME.exec(t) ?? (comma > 0 ? OFFICE_THEN_NAME.exec(t.slice(0, comma)) : null) : null;
  if (office !== null) {
    const rest = office[0].length < t.length ? t.slice(office[0].length) : '';
    p = readPerson(`${office[2]!}${rest}`, true);
    if (p !== null) p.person.position = p.person.position === null ? office[1]! : `${office[1]!}, ${p.person.position}`;
  }
  // "el obispo de Lugo, Alfonso Meilán": the office first, then the name after the last comma.
  const last = t.lastIndexOf(', ');
  if ((p === null || !/^\p{Lu}/u.test(p.person.name)) && last > 0 && /^\p{Ll}/u.test(t)) {
    const q = readPerson(t.slice(last + 2), true);
    if (q !== null && q.person.position === null && q.person.organization === null && /^\p{Lu}/u.test(q.person.name)) {
      q.person.position = t.slice(0, last);
      p = q;
    }
  }
  if (p === null || !/^\p{Lu}/u.test(p.person.name)) return null;
  if (p.person.name.split(/\s+/).length > 4) return null;
  return { read: takeHonorific(p), moderator };
}

/** "Dª Carmen Olazábal": an honorific the name reader left in the name. */
function takeHonorific(p: PersonRead): PersonRead {
  const hon = HONORIFIC_START.exec(p.person.name);
  if (hon !== null && p.person.honorific === null) { p.person.honorific = hon[1]!; p.person.name = p.person.name.slice(hon[0].length); }
  return p;
}

function readList(text: string, readPerson: ReadPerson): Array<{ read: PersonRead; moderator: boolean }> {
  const out: Array<{ read: PersonRead; moderator: boolean }> = [];
  // "…, titulada «…»", "…, entitled “…”": the talk's title after the speaker is not part of them.
  const titled = /,?\s(?:titulad[ao]|titled|entitled|intitul[ée]e?)\s/iu.exec(text);
  if (titled !== null) text = text.slice(0, titled.index);
  for (const chunk of text.split(LIST_SPLIT)) {
    if (chunk === undefined || chunk.trim() === '') continue;
    // "A, B and C": names alone, set apart by commas and the last "and".
    const names = trimEnd(chunk, '.;:').split(/,\s|\s(?:and|y|et|e)\s/);
    const bare = names.length > 1 ? names.map((n) => proseReadPerson(n, readPerson)) : [];
    if (bare.length > 1 && bare.every((b) => b !== null && b.read.person.position === null && b.read.person.organization === null && b.read.person.country === null)) {
      for (const b of bare) out.push(b!);
      continue;
    }
    // "A (Cuba), B (Venezuela) y C (ex presidente de Paraguay)": names each with what is in their parentheses.
    const bracketed = names.length > 1 && names.every((n) => !/[,;]/.test(n)) ? names.map((n) => proseReadPerson(n, readPerson)) : [];
    if (bracketed.length > 1 && bracketed.every((b) => b !== null && b.read.person.name.split(/\s+/).length <= 4)) {
      for (const b of bracketed) out.push(b!);
      continue;
    }
    const many = splitPeople(chunk).map((one) => proseReadPerson(one, readPerson));
    if (many.length > 1 && many.every((m) => m !== null)) { for (const m of many) out.push(m!); continue; }
    const p = proseReadPerson(chunk, readPerson);
    if (p !== null) out.push(p);
  }
  return out;
}

const asPerson = (r: PersonRead, line: number): AgendaPerson => ({ ...r.person, roleLabel: null, line });

// A time inside a sentence: "a las 10.45 horas", "à 14 h 30", "at 2 p.m.", "a partir de las 9:00".
const PROSE_TIME = /(?<![\p{L}\d])(?:(?:a las|desde las|a partir de las|hacia las|à|dès|vers|at|from)\s|\()(\d{1,2})(?:\s?([.:h])\s?(\d{2}))?\s?(horas|hrs?\.?|h|heures|[ap]\.?\s?m\.?)?(?![\p{L}\d])/iu;
// "desde las 9:10 hasta las 9:55", "entre las 10:00 y las 10:45", "(11:30 a 12:05)", "from 2:00 to 3:30 pm".
const PROSE_SPAN = /(?<![\p{L}\d])(?:(?:desde|entre|de)\slas\s|from\s|between\s|de\s|entre\s|\()(\d{1,2})[.:h](\d{2})\s(?:hasta las|y las|y|a las|a|to|and|until|à|et)\s(\d{1,2})[.:h](\d{2})(?![\d])/iu;
/** A span a clause names, as HH:MM start and end, or null. */
export function proseSpan(clause: string): { start: string; end: string } | null {
  const m = PROSE_SPAN.exec(clause);
  if (m === null) return null;
  const [h1, m1, h2, m2] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])];
  if (h1 > 23 || h2 > 23 || m1 > 59 || m2 > 59 || h2 * 60 + m2 <= h1 * 60 + m1) return null;
  const f = (h: number, mm: number): string => `${String(h).padStart(2, '0')}:${String(mm).padStart(2, '0')}`;
  return { start: f(h1, m1), end: f(h2, m2) };
}

/** The first time a clause names, as HH:MM, or null ("a las 13.45 horas" → 13:45; an hour alone needs its word). */
export function proseTime(clause: string): string | null {
  const m = PROSE_TIME.exec(clause);
  if (m === null) return null;
  let h = Number(m[1]);
  const min = m[3] === undefined ? 0 : Number(m[3]);
  const word = (m[4] ?? '').toLowerCase().replace(/[.\s]/g, '');
  if (m[3] === undefined && word === '') return null;
  if (word === 'pm' && h < 12) h += 12;
  if (word === 'am' && h === 12) h = 0;
  if (h > 23 || min > 59) return null;
  return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
}
// "Participarán A; B, y C.", "Modera la periodista X.": a sentence that only names people, for the session just read.
const THEN_SPEAKERS = /^(?:en (?:él|ella|este panel|esta mesa|esta sesi[óo]n),?\s)?(?:(?:también|además|asimismo|also|aussi)\s)?(?:participar[áa]n?|intervendr[áa]n?|hablar[áa]n?|expondr[áa]n?|disertar[áa]n?|participeront|interviendront|(?:the )?(?:speakers|panell?ists) (?:are|will be|include)|les intervenants seront|los ponentes ser[áa]n)\s?:?\s/iu;
// "El orador principal será X y moderará Y", "The keynote speaker will be X and the moderator Y": a keynote speaker of
// the session just read, and maybe its moderator after "y"/"and".
const THEN_KEYNOTE = /^(?:(?:el|la)\s(?:orador|oradora|ponente|conferencista|invitad[oa])\s(?:principal|central|especial)\s(?:ser[áa]|estar[áa])|(?:the\s)?keynote speaker (?:will be|is)|(?:le|la) (?:conférencier|conférencière|intervenant|intervenante) principal(?:e)? sera)\s/iu;
const AND_MODERATOR = /,?\s(?:y|and|et)\s(?:moderar[áa]|(?:el|la) (?:moderador|moderadora)|the moderator(?: will be)?|moderated by|(?:le|la) (?:modérateur|modératrice)(?: sera)?)\s/iu;
// "(por confirmar)", "(TBC)", "(à confirmer)": a note on the person, not part of them.
const TO_CONFIRM = /\s?\((?:por confirmar|a confirmar|tbc|to be confirmed|à confirmer)\)/giu;
const THEN_MODERATOR = /^(?:modera|moderar[áa]|modère|animera|moderated by|chaired by|moderates)\s/iu;

/** Sessions read from prose lines, or none. `lines` are the page's lines, numbered from 0. */
export function readProseProgramme(lines: readonly string[], readPerson: ReadPerson): ProseSession[] {
  const out: ProseSession[] = [];
  let last: AgendaSession | null = null;
  const open = (kind: SessionKind, title: string | null, line: number, number: number | null): AgendaSession => {
    const s: AgendaSession = { start: null, end: null, kind, number, title, moderators: [], speakers: [], line: line + 1 };
    out.push({ session: s, line });
    last = s;
    return s;
  };
  let panels = 0;
  lines.forEach((raw, li) => {
    const text = stripBullet(raw.trim()).text;
    if (text === '' || text.length > 2000) return;
    for (const sentence of sentences(text)) {
      if (sentence.length > 600) continue;
      // "X, cargo, será la moderadora." — the moderator of the session just read.
      const wm = WILL_MODERATE.exec(sentence);
      if (wm !== null && last !== null) {
        const p = proseReadPerson(wm[1]!, readPerson);
        if (p !== null) { (last as AgendaSession).moderators.push(asPerson(p.read, li + 1)); continue; }
      }
      const key = THEN_KEYNOTE.exec(sentence);
      if (key !== null && last !== null) {
        const rest = sentence.slice(key[0].length).replace(TO_CONFIRM, '');
        const and = AND_MODERATOR.exec(rest);
        for (const p of readList(and === null ? rest : rest.slice(0, and.index), readPerson)) (last as AgendaSession).speakers.push(asPerson(p.read, li + 1));
        if (and !== null) for (const p of readList(rest.slice(and.index + and[0].length), readPerson)) (last as AgendaSession).moderators.push(asPerson(p.read, li + 1));
        continue;
      }
      const follow = THEN_SPEAKERS.exec(sentence) ?? THEN_MODERATOR.exec(sentence);
      if (follow !== null && last !== null) {
        const moderating = THEN_MODERATOR.test(sentence);
        for (const p of readList(sentence.slice(follow[0].length), readPerson)) {
          ((moderating || p.moderator) ? (last as AgendaSession).moderators : (last as AgendaSession).speakers).push(asPerson(p.read, li + 1));
        }
        continue;
      }
      // "… a las 09.30 horas con la inauguración, seguido a las 10.00 por la conferencia de X": one clause a time.
      const timed = sentence.split(/,\s(?=(?:seguid[oa]s?|followed|suivie?s?|y luego|puis|then)\s(?:[^,]{0,20}\s)?(?:a las|à|at)\s\d)/iu);
      if (timed.length > 1) { for (const clause of timed) readClause(clause, li); continue; }
      // Clauses joined by ";" that each open or close ("Abrirá el acto X; habrá tres mesas y cerrará Y").
      const pieces = sentence.split(/;\s/);
      const cued = (c: string): boolean => SESSION_WORD.test(c) || OPENING.test(c) || CLOSING.test(c) || QUOTED_ONE.test(c);
      for (const clause of pieces.length > 1 && pieces.every(cued) ? pieces : [sentence]) readClause(clause, li);
    }
  });

  function readClause(clause: string, li: number): void {
    const titles = [...clause.matchAll(QUOTED)].map((m) => m[1]!.trim());
    const named = SESSION_WORD.test(clause) || ORDINAL.test(clause.slice(0, 40));
    // "Tras el acto inaugural, X reflexionará …": what comes after the opening is not the opening.
    const afterLead = AFTER_LEAD.exec(clause);
    const opening = OPENING.test(afterLead !== null ? clause.slice(afterLead[0].length) : clause) && !ORDINAL.test(clause.slice(0, 40));
    const closing = CLOSING.test(clause) && !ORDINAL.test(clause.slice(0, 40));
    if (!named && titles.length === 0 && !opening && !closing && !SPEAKING_VERB.test(clause)) return;
    const span = proseSpan(clause);
    const start = span?.start ?? proseTime(clause);
    // The people: after the moderator's cue, and after the word that introduces the speakers.
    let body = clause;
    let moderators: Array<{ read: PersonRead; moderator: boolean }> = [];
    const mod = MODERATED.exec(body);
    if (mod !== null) {
      const after = body.slice(mod.index + mod[0].length);
      // The moderator's name ends at a comma or a conjunction before words in lower case ("… por X y por el que …").
      const end = /,\s(?=[\p{Ll}])|\s(?:y|and|et)\s(?=[\p{Ll}])|$/u.exec(after);
      const cut = end?.index ?? after.length;
      moderators = readList(after.slice(0, cut), readPerson);
      // "The first panel, moderated by X, brought together A and B": the speakers stand after the moderator.
      body = `${body.slice(0, mod.index)} ${after.slice(cut)}`;
    }
    // Past the quoted titles: "por" inside «Contados por quienes…» introduces no one.
    const quotedEnd = [...clause.matchAll(QUOTED)].reduce((e, m) => Math.max(e, m.index + m[0].length), 0);
    const found = PEOPLE_AFTER.exec(body.slice(quotedEnd));
    // "la conferencia inaugural de X, catedrática, titulada «…»": the speaker may stand before the title too.
    const quotedStart = clause.search(QUOTED_ONE);
    const before = found === null && quotedStart > 0 ? SPEAKER_BEFORE_TITLE.exec(body.slice(0, quotedStart)) : null;
    const intro = found !== null ? Object.assign(found, { index: found.index + quotedEnd }) : before;
    let people: Array<{ read: PersonRead; moderator: boolean }> = [];
    // "Abrirá el acto el presidente X", "cerrará la vicepresidenta Y": the person after the verb opens or closes.
    const verb = titles.length === 0 ? OPEN_CLOSE_VERB.exec(clause) : null;
    let kindByVerb: SessionKind | null = null;
    if (verb !== null) {
      people = readList(clause.slice(verb.index + verb[0].length), readPerson);
      if (people.length > 0) kindByVerb = CLOSING.test(verb[0]) ? 'closing' : 'opening';
    }
    if (kindByVerb === null && intro !== null) {
      // "… por los máximos representantes de las entidades: el rector X; la alcaldesa Y": the list after the colon.
      let list = body.slice(intro.index + intro[0].length);
      const colon = list.indexOf(': ');
      if (colon > 0 && colon < 120) list = list.slice(colon + 2);
      people = readList(list, readPerson);
    }
    let spoken = false;
    if (kindByVerb === null && people.length === 0) {
      const sv = SPEAKING_VERB.exec(body);
      if (sv !== null && sv.index > 0) {
        const head = body.slice(0, sv.index);
        const lead = CLAUSE_LEAD.exec(head);
        people = readList(lead !== null ? head.slice(lead[0].length) : head, readPerson);
        spoken = people.length > 0;
      }
    }
    // A clause with a time and a session's word ("a las 09.30 horas con el acto de inauguración") is a session alone.
    if (people.length + moderators.length === 0 && titles.length === 0 && start === null) return;
    if (titles.length === 0 && !named && people.length === 0 && start === null) return;
    // 'El foro “X” será el próximo 12 de mayo': a quoted name with no session's word, time or people is the event's.
    if (!named && !opening && !closing && people.length + moderators.length === 0 && start === null) return;
    // One person who speaks, with no session's word: a single address.
    const single = spoken && !named && !opening && !closing && people.length === 1 ? 'keynote' : null;
    const kind: SessionKind = kindByVerb ?? single ?? (KEYNOTE.test(clause) ? 'keynote' : opening ? 'opening' : closing && !named ? 'closing' : 'panel');
    // Unquoted, the session is what the sentence opens with: "La sesión inaugural estará a cargo de …".
    let phrase: string | null = null;
    if (titles.length === 0 && kindByVerb === null && intro !== null) {
      const head = body.slice(0, intro.index).replace(/^(?:la|el|los|las|the|le|les|l['’])\s/iu, '').trim();
      if (head.split(/\s+/).length <= 5 && SESSION_WORD.test(head) && !ORDINAL.test(head)) {
        phrase = trimEnd(head, ' ,;:').replace(/\s(?:estar[áa]|ser[áa]|will be|sera|is|was)$/iu, '');
      }
    }
    const ord = ORDINAL.exec(clause.slice(0, 40));
    const digit = /(?<![\p{L}])(?:panel|mesa|sesi[óo]n|session|s[ée]ance|table ronde|atelier|taller)\s(\d{1,2})(?!\d)/iu.exec(clause);
    const number = kind === 'panel' && titles.length <= 1 ? (ord !== null ? (ORDINAL_NUMBER[ord[1]!.toLowerCase()] ?? null) : digit !== null ? Number(digit[1]) : null) : null;
    const heads = titles.length > 0 ? titles : [phrase];
    for (const title of heads) {
      if (kind === 'panel') panels++;
      const s = open(kind, title, li, number);
      s.start = start;
      if (span !== null) s.end = span.end;
      for (const p of moderators) s.moderators.push(asPerson(p.read, li + 1));
      for (const p of people) (p.moderator ? s.moderators : s.speakers).push(asPerson(p.read, li + 1));
      // "Tres mesas, «A», «B» y «C», que moderará X": the one moderator goes with each.
    }
  }
  void panels;
  return out;
}

// A rundown in prose under a day's heading, one meeting a sentence with its time set in it: "The Transport Committee
// (at 4.05pm) looks at X with A of Y and Councillor B", "Later, the Foreign Affairs Committee (at 2.30pm) takes evidence
// … from Sir C and from Dr D". Each such sentence is a session; its people are the names the sentence gives.
// Whole words only ("that 3.45", "at 8 hours" name no time); a time with a full stop between its hours and minutes
// needs its am/pm or hours word, or the parentheses ("(at 4.05pm)", "(at 9.30)"); "3.45" alone may be any number.
const RUNDOWN_TIME = /(?<!\p{L})\(?\s?(?:at|à|a las)\s(\d{1,2})(?:([.:h])(\d{2}))?\s?([ap]\.?\s?m\.?|h|horas)?(?!\p{L})\s?\)?/iu;
// Honorifics and titles written without a dot that stand before a name in running text.
const PROSE_TITLES = new Set(['sir', 'dame', 'lord', 'lady', 'baroness', 'baron', 'dr', 'dr.', 'prof', 'prof.', 'professor', 'mr', 'mr.', 'mrs',
  'mrs.', 'ms', 'ms.', 'councillor', 'senator', 'rev', 'rev.', 'mme', 'sr.', 'sra.', 'dra.']);
const NAME_TOKEN = /^\p{Lu}\p{Ll}+(?:[-’'][\p{Lu}\p{Ll}][\p{Ll}]+)*$/u;
// A word of the sentence that a capital opens only because it starts a clause or names no one.
const NOT_A_NAME = /^(?:The|A|An|Over|Later|Then|Otherwise|Here|Its|Their|His|Her|This|That|These|Those|On|In|At|From|With|And|Or|But|Committee|House|Lords|Commons|Parliament|Assembly|Council|Senate)$/u;

/** A word without the punctuation around it, and whether a comma, a full stop or a bracket closed it. */
function bare(w: string): { word: string; closed: boolean } {
  let a = 0;
  let b = w.length;
  while (a < b && '("“‘'.includes(w[a]!)) a++;
  while (b > a && ')"”’,.;:!?'.includes(w[b - 1]!)) b--;
  return { word: w.slice(a, b), closed: b < w.length };
}

/**
 * People named in a sentence of running prose: a known given name and one to three capitalised words after it ("Caroline
 * Dunmore"), or a title in front ("Sir Crispin Wade", "Baroness Whitlow", "Dr Layla Al-Mansoori"), or a job word in front
 * of two capitalised words ("Constable Rhona Gilchrist"). Institutions (a word of an institution in the run) are not
 * people. Linear in the sentence's words.
 */
export function namesInProse(sentence: string, isGiven: (w: string) => boolean, isJob: (w: string) => boolean,
  isOrg: (w: string) => boolean): Array<{ name: string; honorific: string | null }> {
  const ws = sentence.split(/\s+/).filter(Boolean).slice(0, 400);
  const out: Array<{ name: string; honorific: string | null }> = [];
  for (let k = 0; k < ws.length; k++) {
    const w = bare(ws[k]!);
    const lower = w.word.toLowerCase();
    let honorific: string | null = null;
    let from = k;
    if (PROSE_TITLES.has(lower) && /^\p{Lu}/u.test(w.word) && !w.closed) { honorific = w.word; from = k + 1; }
    const first = bare(ws[from] ?? '');
    if (!NAME_TOKEN.test(first.word) || NOT_A_NAME.test(first.word) || isOrg(first.word) || isJob(first.word)) continue;
    const afterJob = honorific === null && k > 0 && isJob(bare(ws[k - 1]!).word) && /^\p{Lu}/u.test(ws[k - 1]!) && !bare(ws[k - 1]!).closed;
    if (honorific === null && !isGiven(first.word) && !afterJob) continue;
    const name = [first.word];
    let closed = first.closed;
    let j = from + 1;
    while (!closed && j < ws.length && name.length < 4) {
      // "Warren P. Ashcombe": an initial inside the name neither ends it nor counts as a word of it.
      if (/^\p{Lu}\.$/u.test(ws[j]!) && j + 1 < ws.length) { name.push(ws[j]!); j++; continue; }
      const next = bare(ws[j]!);
      if (!NAME_TOKEN.test(next.word) || NOT_A_NAME.test(next.word) || isOrg(next.word) || isJob(next.word)) break;
      name.push(next.word);
      closed = next.closed;
      j++;
    }
    // A run that an institution's word follows ("Fenwick District Council") is that institution's name, not a person's.
    const tail = bare(ws[j] ?? '').word;
    if (!closed && j < ws.length && /^\p{Lu}/u.test(tail) && isOrg(tail)) { k = j; continue; }
    // "Constable Rhona Gilchrist" after "Assistant Chief": the last words of an office are not the name's.
    if (afterJob && !isGiven(name[0]!) && name.length >= 3) name.splice(0, name.length - 2);
    while (name.length > 1 && /\.$/.test(name.at(-1)!)) { name.pop(); j--; }
    if (name.length < (honorific !== null ? 1 : 2)) continue;
    if (!out.some((p) => p.name === name.join(' '))) out.push({ name: name.join(' '), honorific });
    k = j - 1;
  }
  return out;
}

// What makes a sentence of a rundown name a meeting: a meeting's word in its subject ("The Transport Committee (at
// 4.05pm) …"), or a role's words anywhere ("…, chaired by X"). "Registration opens at 8.30am …, where A and B welcome
// all participants" names none and stays prose.
const MEETING_WORD = /(?<!\p{L})(?:committees?|sub-?committees?|commissions?|councils?|boards?|panels?|sessions?|meetings?|hearings?|inquiry|assembly|conference|seminars?|workshops?|summit|plenary|debates?|briefings?|round-?tables?|working group|caucus|tribunal|comit[ée]s?|s[ée]ances?|r[ée]unions?|tables? rondes?|ateliers?|conseil|colloque|comisi[oó]n|sesi[oó]n|reuni[oó]n|mesas? redondas?|pleno|consejo|audiencia|jornada|foro|forum)(?!\p{L})/iu;
const ROLE_CUE = /(?<!\p{L})(?:chaired by|moderated by|presided over by|hosted by|pr[ée]sid[ée]e? par|anim[ée]e? par|mod[ée]r[ée]e? par|presidid[oa] por|moderad[oa] por|takes evidence|hears? from|testimony from|evidence from)(?!\p{L})/iu;

/** The meeting sentences of one paragraph of a rundown in prose, each with its time; none when a sentence lacks people. */
export function readProseRundown(text: string, isGiven: (w: string) => boolean, isJob: (w: string) => boolean,
  isOrg: (w: string) => boolean): AgendaSession[] {
  const out: AgendaSession[] = [];
  if (text.length > 2000 || text.split(/\s+/).length < 12) return out;
  for (const sentence of sentences(text)) {
    if (sentence.length > 600) continue;
    const m = RUNDOWN_TIME.exec(sentence);
    if (m === null) continue;
    let h = Number(m[1]);
    const min = m[3] === undefined ? 0 : Number(m[3]);
    const word = (m[4] ?? '').toLowerCase().replace(/[.\s]/g, '');
    if (m[3] === undefined && word === '') continue;
    if (m[2] === '.' && word === '' && !m[0].startsWith('(')) continue;
    if (word === 'pm' && h < 12) h += 12;
    if (h > 23 || min > 59) continue;
    if (!MEETING_WORD.test(sentence.slice(0, m.index)) && !ROLE_CUE.test(sentence)) continue;
    const people = namesInProse(sentence.slice(m.index + m[0].length), isGiven, isJob, isOrg);
    if (people.length === 0) continue;
    // The subject before the time names the meeting: "The Transport Committee", "the committee on Public Service …".
    const head = sentence.slice(0, m.index).replace(/^.*?[,:;]\s/u, '').replace(/^(?:the|la|el|le|les|los|las)\s/iu, '').trim();
    const title = head.length >= 3 && head.split(/\s+/).length <= 12 ? head : null;
    out.push({
      start: `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`, end: null, kind: 'other', number: null, title,
      moderators: [],
      speakers: people.map((p) => ({ name: p.name, honorific: p.honorific, position: null, organization: null, country: null,
        countryCode: null, materials: [], talkTitle: null, roleLabel: null })),
    });
  }
  return out;
}

// What introduces the people a meeting heard in a digest's report: "after receiving testimony from A, job; B, job; and C",
// "the nominations of A, of Ohio, …", "hears from A and B".
const HEARD_FROM = /(?<![\p{L}])(?:testimony from|evidence from|hears? from|heard from|statements? from|nominations? of|comparecencias? de|t[ée]moignages? de|auditions? de)\s/iu;

/** The text after a digest paragraph's cue of testimony ("… after receiving testimony from "), or null. */
export function heardFrom(paragraph: string): string | null {
  const m = HEARD_FROM.exec(paragraph.slice(0, 2000));
  return m === null ? null : paragraph.slice(m.index + m[0].length);
}
