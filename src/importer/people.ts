// One person line: "• H.E. Mr. Name, Position, Organization, Country (Statement) -- Talk title".
import { type AgendaMaterial, type AgendaPerson } from '../domain/agenda.ts';
import { type NameStyle, isHonorific, splitHonorific } from '../domain/names.ts';
import { isOrganizationLike, isPositionLike, splitAffiliation } from './affiliation.ts';
import { takeMaterials } from './materials.ts';
import { findCountry } from '../domain/country.ts';
import { JOB_WORDS, isCjkName, isGivenName, isJobWord, isOrgWord, isUncasedWord, isVenueWord } from './lexicon.ts';
import { type Role, roleOf, takeRoleSuffix } from './roles.ts';
import { stripDuration } from './times.ts';

export interface PersonRead {
  person: AgendaPerson;
  /** a role written in the line itself ("... - Director of Ceremonies") */
  role: Role | null;
  /** someone who delivers the statement on this person's behalf */
  deliveredBy: AgendaPerson | null;
  /** set when part of the line was read by guessing */
  warning: string | null;
}

// Marks, and list letters or numbers: "a)", "(b)", "iii)", "2)", "c." (lowercase, so "M. Riaz" stays a name).
const BULLET = /^(?:[•·▪◦○●■□➢►▶▸➤‣⁃∙*–—‐‑‒\uf0b7\uf0a7\uf076\uf0d8-]|>+(?=\s)|»(?=\s)|o(?=\s)|\(?(?:[a-z]|[ivx]{2,4}|\d{1,2})\)(?=\s)|[a-z]\.(?=\s))\s*/;
/** The line without a leading bullet, and whether it had one. */
export function stripBullet(line: string): { text: string; bullet: boolean } {
  const t = line.trim();
  const m = BULLET.exec(t);
  return m === null ? { text: t, bullet: false } : { text: t.slice(m[0].length).trim(), bullet: true };
}

const PLACE_AFTER_NAME = /^(?:centre|center|centro|hall|hotel|hôtel|palace|palais|palacio|auditorium|auditorio|building|house|stadium|arena|campus|pavilion|library|museum|theatre|theater|plaza|square)(?:$|\s(?!of\b|for\b|on\b|de\b|du\b|des\b|d['’]|para\b|pour\b|del\b))/i;

const PARTICLES = new Set([
  'de', 'da', 'das', 'do', 'dos', 'del', 'della', 'der', 'den', 'di', 'du', 'van', 'von', 'la', 'le', 'bin', 'binti',
  'bint', 'ibn', 'al', 'el', 'y', 'e', 'ter', 'ten', 'zu', 'af', 'ap', 'mac', 'st', 'ould', 'ben', "d'", 'degli',
]);
const SUFFIXES = /^(?:Jr\.?|Sr\.?|II|III|IV)$/;
// Words that never occur in a person's name but often in headings or institutions written in capitals.
const NOT_NAME = new Set(
  `session sessions panel opening closing break coffee lunch luncheon keynote welcome remarks address statement
  statements registration agenda programme program ministry department organization organisation university
  institute international national global migration dialogue conference workshop meeting discussion forum the and
  of for on in to with end event documents photos participants questions answers plenary roundtable parallel
  reception dinner adjournment summary conclusions overview introduction presentation video minister director
  secretary ambassador president chair moderator moderators speakers speaker commission council government united
  nations office report day morning afternoon evening networking group working tbc tba tbd
  accueil intervention allocution discours présentation presentación ouverture clôture mot conférence débat
  inauguración clausura palabras intervención conferencia mesa bienvenida saludo sesión séance atelier taller
  programme programa jornada journée colloque seminario séminaire committee sub-committee subcommittee board bureau
  assembly comité comisión assemblée asamblea auditorium auditorio ballroom amphithéâtre amphitheatre amphitheater
  centre center hotel hôtel room salle allocutions interventions présentations presentaciones intervenciones
  conférences conferencias ponencia ponencias exposé exposés addresses presentations introductions`.split(/\s+/),
);
// "L’avenir", "D’abord": an elided article before a word in lower case opens a phrase, not a name ("D'Alema" keeps its
// capital after the apostrophe).
const NAME_WORD = /^(?:(?![LD][’']\p{Ll})\p{Lu}[\p{L}\p{M}’'.-]*|(?:al|el|ad|as|ash|d|l)[-’']\p{Lu}[\p{L}\p{M}’'-]*)$/u;

/**
 * Whether `s` reads as a person's name (honorifics already removed): "M. Riaz Hamidullah", "Gordon KIHALANGWA",
 * "محمد عبد الله", "Иван Петров", "王毅" (scripts without letter case have no capitals to go by; a Chinese,
 * Japanese or Korean name is often one word).
 */
export function looksLikeName(s: string, minWords = 2): boolean {
  const ws = s.split(/\s+/).filter(Boolean);
  // "la Ecología Integral", "el Obispo de X": a name does not open with an article in lower case.
  if (/^(?:la|el|los|las|le|les|the)$/.test(ws[0] ?? '')) return false;
  if (ws.length === 1 && minWords <= 2 && isCjkName(ws[0]!)) return true;
  if (ws.length < minWords || ws.length > 7) return false;
  let letters = 0;
  let words = 0;
  for (const w of ws) {
    if (NOT_NAME.has(w.toLowerCase().replace(/[.,:]$/, ''))) return false;
    if (PARTICLES.has(w)) continue;
    if (!NAME_WORD.test(w) && !SUFFIXES.test(w) && !isUncasedWord(w)) return false;
    words++;
    if (/\p{L}{2}/u.test(w)) letters++;
  }
  // Two words of a name at least ("Compte-rendu de la" is one word and particles), unless an honorific went before.
  return letters > 0 && words >= Math.min(2, Math.max(1, minWords));
}

/** Splits on commas that are not inside parentheses. */
export function splitTopLevel(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '(' || c === '[') depth++;
    else if ((c === ')' || c === ']') && depth > 0) depth--;
    else if ((c === ',' || c === '،') && depth === 0) {
      out.push(s.slice(from, i).trim());
      from = i + 1;
    }
  }
  out.push(s.slice(from).trim());
  // "Rami Haddadin - Social Entrepreneur - Jordan": with no comma at all, dashes set apart by spaces part the line.
  if (out.length === 1 && DASH_PARTS.test(s)) return splitAtDashes(s);
  return out.filter((p) => p !== '');
}
const DASH_PARTS = /\S\s[-–—]\s\S/u;
function splitAtDashes(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 1; i < s.length - 1; i++) {
    const c = s[i];
    if (c === '(' || c === '[') depth++;
    else if ((c === ')' || c === ']') && depth > 0) depth--;
    else if ((c === '-' || c === '–' || c === '—') && depth === 0 && s[i - 1] === ' ' && s[i + 1] === ' ') {
      out.push(s.slice(from, i).trim());
      from = i + 1;
    }
  }
  out.push(s.slice(from).trim());
  return out.filter((p) => p !== '');
}

/**
 * A name with no comma before the job, segmented against the lexicons: "Ahmed Hussen Minister of Immigration",
 * "Jonathan Pell Vice President and Director", "Samuel Achterberg Dean" → the name, and the rest. The name ends
 * before the first job or institution word (from its third word on, so "Dean Smith" stays a name).
 */
function segmentAtLexicon(text: string, minWords = 2): [string, string] | null {
  const ws = text.split(/\s+/);
  for (let k = Math.max(2, minWords); k <= Math.min(6, ws.length - 1); k++) {
    if (!isJobWord(ws[k]!) && !isOrgWord(ws[k]!)) continue;
    const head = ws.slice(0, k).join(' ');
    return looksLikeName(head, minWords) && !ws.slice(0, k).some(isJobWord) ? [head, ws.slice(k).join(' ')] : null;
  }
  return null;
}

/** "Deputy Permanent Secretary Desmond Alleyne" → ["Deputy Permanent Secretary", "Desmond Alleyne"]: job words, then a name. */
function jobBeforeName(text: string, style: NameStyle): [string, string] | null {
  const ws = text.split(/\s+/);
  let k = 0;
  while (k < ws.length - 2 && k < 6 && isJobWord(ws[k]!)) k++;
  if (k === 0 || !ws.slice(0, k).some((w) => JOB_WORDS.has(w.toLowerCase()))) return null;
  const name = ws.slice(k).join(' ');
  return looksLikeName(splitHonorific(name, style).name) && !ws.slice(k).some(isJobWord) ? [ws.slice(0, k).join(' '), name] : null;
}

/**
 * "EU Commissioner Aurelio Benedetti", "UN Special Envoy Margit Holmqvist", "Minister of Health Jean Dupont": an
 * office (a job word among capitalised words, acronyms and "of"/"for"/"de") and then a name that a known given name
 * opens, of two to four words with no job or institution word. The first such given name starts the name.
 */
export function officeThenName(text: string): [string, string] | null {
  const ws = text.trim().split(/\s+/);
  if (ws.length < 3 || ws.length > 14) return null;
  for (let k = 1; k <= ws.length - 2; k++) {
    const w = ws[k]!;
    const head = ws.slice(0, k);
    if (!head.every((x) => /^(?:\p{Lu}|of|for|on|the|to|de|del|des|du|la|le|d['’]\p{L}|and|y|et)/u.test(x) && !/[,;:.]$/.test(x))) return null;
    if (!/^\p{Lu}\p{Ll}/u.test(w) || !w.split('-').every(isGivenName)) continue;
    const name = ws.slice(k);
    if (name.length > 4 || name.some((x) => isJobWord(x) || isOrgWord(x)) || !looksLikeName(name.join(' '))) return null;
    if (!head.some((x) => JOB_WORDS.has(x.toLowerCase()) || (isJobWord(x) && !/^(?:first|second|general|national|regional|lead|special|permanent)$/i.test(x)))) return null;
    if (/^(?:of|for|on|the|to|de|del|des|du|la|le|and|y|et)$/i.test(head.at(-1)!)) return null;
    return [head.join(' '), name.join(' ')];
  }
  return null;
}

function splitNameFromJob(text: string): [string, string] | null {
  const ws = text.split(/\s+/);
  const seg = segmentAtLexicon(text);
  if (seg !== null) return seg;
  for (let k = 2; k <= Math.min(5, ws.length - 1); k++) {
    const head = ws.slice(0, k).join(' ');
    const rest = ws.slice(k).join(' ');
    if (looksLikeName(head) && (isPositionLike(rest) || isOrganizationLike(rest)) && !looksLikeName(ws.slice(0, k + 1).join(' '))) {
      return [head, rest];
    }
  }
  return null;
}

/** "(Statement delivered by Mr. X, Ambassador)" or ", delivered by Mr. X" → the line without it, and X. */
function takeDeliveredBy(s: string): { text: string; by: string | null; material: string | null } {
  const at = s.toLowerCase().indexOf('delivered by ');
  if (at < 0) return { text: s, by: null, material: null };
  const open = s.lastIndexOf('(', at);
  if (open >= 0 && s.indexOf(')', open) > at) {
    const close = s.indexOf(')', at);
    const material = s.slice(open + 1, at).replace(/[\s,]+$/, '') || null;
    const text = (s.slice(0, open) + s.slice(close + 1)).replace(/\s+/g, ' ').trim();
    return { text, by: s.slice(at + 13, close).trim(), material };
  }
  return { text: s.slice(0, at).replace(/[\s,;–-]+$/, ''), by: s.slice(at + 13).trim(), material: null };
}

export const EVENT_VERB = /(?<![\p{L}])(?:se realizar[áa]n?|se llevar[áa]n? adelante|ser[áa] realizad[oa]|se llevar[áa]n? a cabo|tendr[áa]n? lugar|se desarrollar[áa]n?|ser[áa] convocad[oa]|se instalar[áa]n?|aura lieu|auront lieu|se tiendra|se d[ée]roulera|will take place|will be held|is held|took place|was held)(?![\p{L}])/iu;
const BIO_VERB = /^[^,.;:()]{2,80}?\s(?:is|was|has|serves|served|joined|leads|holds|est|était|a été|dirige|es|fue|ha sido|se desempeña)\s\p{Ll}/u;
const LEADING_ARTICLE = /^(?:el|la|los|las|le|les|the)\s(?=(?:Honou?rable|Hon\.|Rt\.?\s?Hon\.?|Right Honou?rable|Reverend|Rev\.|H\.\s?E\.|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Dra\.|Prof\.|Mme|M\.|Sr\.|Sra\.|Srta\.|Lic\.|Pr|Excmo\.|Excma\.)\s\p{Lu})/u;
const EMPTY = { honorific: null, position: null, organization: null, country: null, countryCode: null } as const;

/**
 * Reads one person line, or returns null when it does not read as a person.
 * `loose` accepts a bare name (a bulleted line, or a line after "Moderator:"); `style` is how the page writes names
 * (on a French page "M." in front is "Monsieur").
 */
const CORNER_TITLE = /\s{0,3}[「『]([^「」『』]{2,300})[」』]?$/u;
// "Kwon, Yeon-yi (…)", "Choi, Da Eun (…", "Ryu, Hana(…)": one capitalised word, a comma, one or two capitalised words,
// then an affiliation in parentheses (its closing one may be lost) or nothing.
const INVERTED_NAME = /^(\p{Lu}[\p{Ll}'’]+(?:-\p{Lu}[\p{Ll}'’]+)?),\s?(\p{Lu}[\p{Ll}'’]+(?:-\p{L}[\p{Ll}'’]+)?(?:\s\p{Lu}[\p{Ll}'’]+)?)(?:\s?\(([^()]{2,300})\)?)?$/u;

/** Either part of "Family, Given": no job, institution, country or place word. */
function isInvertedGiven(given: string): boolean {
  const ws = given.split(/\s+/);
  return ws.length <= 2 && !ws.some((w) => isJobWord(w) || isOrgWord(w) || isVenueWord(w)) && findCountry(given) === null;
}

export function readPerson(line: string, loose = false, style: NameStyle = {}, titled = true): PersonRead | null {
  const { text: raw, bullet } = stripBullet(line);
  if (raw.length === 0 || raw.length > 2000) return null;
  // "Aïcha Diallo is a researcher at IRD, where …": a sentence about a person, not a person line.
  if (raw.length >= 60 && raw.split(/\s+/).length >= 10 && /[.!]$/.test(raw) && BIO_VERB.test(raw)) return null;
  // "El acto de inauguración … se realizará entre las 9 y 9:40 …, Srta. X.": a long sentence with a verb of what
  // will happen is prose about the event, not a person's line.
  if (raw.split(/\s+/).length >= 15 && EVENT_VERB.test(raw)) return null;
  // "Quick Links: Session and Statements | Speakers | Survey": a bar of links.
  if ((raw.match(/\s\|\s/g) ?? []).length >= 2) return null;
  // "el Sr. Hugo Bravo, periodista.": an article before the honorific, and a sentence's full stop after a parenthesis.
  let s = raw.replace(LEADING_ARTICLE, '').replace(/\)\.$/, ')');
  let talkTitle: string | null = null;
  const dd = s.indexOf(' -- ');
  if (dd > 0) {
    talkTitle = s.slice(dd + 4).trim() || null;
    s = s.slice(0, dd).trim();
  }
  // "Name (job) 「Title of the talk」": a talk's title in corner brackets after the person (East Asian pages).
  const corner = CORNER_TITLE.exec(s);
  if (corner !== null && corner.index > 2) {
    talkTitle ??= corner[1]!.trim();
    s = s.slice(0, corner.index).trim();
  }
  // "Kwon, Yeon-yi (Researcher at X)": the family name, a comma, the given name, then the affiliation in parentheses
  // (an index's order, as East Asian programmes write names in Latin letters): one name, family name first.
  const inverted = INVERTED_NAME.exec(s);
  let invertedName = false;
  if (inverted !== null && isInvertedGiven(inverted[1]!) && isInvertedGiven(inverted[2]!) &&
    (inverted[3] !== undefined || isGivenName(inverted[2]!.split(/[\s-]/)[0]!))) {
    s = `${inverted[1]} ${inverted[2]}${inverted[3] === undefined ? '' : ` (${inverted[3].trim()})`}`;
    invertedName = true;
  }
  // "…, followed by questions", "suivi d'un débat": what comes after the person, not part of them.
  s = s.replace(/,?\s(?:followed by|suivie? d['e]|seguid[oa] de)\s[^,()]{1,80}$/i, '');
  const delivered = takeDeliveredBy(s);
  s = delivered.text;
  const taken = takeMaterials(s);
  s = taken.text;
  const materials: AgendaMaterial[] = taken.materials;
  if (delivered.material !== null) {
    const m = takeMaterials(`(${delivered.material})`).materials;
    materials.push(...m);
  }
  const suffix = takeRoleSuffix(s);
  s = suffix.text;
  // "Aldous Finch (moderator)": the part taken, in parentheses after the person.
  const roleParen = /\s?\(([^()]{2,40})\)$/.exec(s);
  if (suffix.role === null && roleParen !== null && roleOf(roleParen[1]!) !== null) {
    suffix.role = roleOf(roleParen[1]!);
    s = s.slice(0, s.length - roleParen[0].length).trimEnd();
  }

  let warning: string | null = invertedName ? 'family name, comma, given name: read as one name, family name first (a guess)' : null;
  s = stripDuration(s);
  // "X, sociologue. Il enseigne à Y": a sentence about the person after their line (a pronoun opens it) is not theirs.
  const aside = /[.;]\s(?:il|elle|ils|elles|he|she|they|his|her|él|ella|su|son|sa|ses)\s\p{Ll}/iu.exec(s);
  if (aside !== null && aside.index > 0) s = s.slice(0, aside.index);
  s = s.replace(/\s?[.;]$/, '');
  // "Farid Oubaha : docteur en sciences politiques": a colon after the name sets it apart, as a comma would (not
  // before a quoted talk title, and not after a role: "Moderator: X" is read as a role line).
  const colon = /^([^:,()«"“]{3,80}?)\s?:\s+(?![«"“‘])(?=\S)/u.exec(s);
  if (colon !== null && roleOf(colon[1]!) === null && looksLikeName(splitHonorific(colon[1]!, style).name)) s = `${colon[1]}, ${s.slice(colon[0].length)}`;
  // "Mariana Quiroga. Subsecretaria de Hábitat, …": a full stop after the name sets it apart, as a comma would.
  const stop = /^([^.,()]{3,80}?\p{Ll}{2})\.\s+(?=[\p{Lu}\p{Ll}])/u.exec(s);
  if (stop !== null && !isHonorific(stop[1]!) && looksLikeName(splitHonorific(stop[1]!, style).name)) s = `${stop[1]}, ${s.slice(stop[0].length)}`;
  // "NZAID (Mr. Graham Whitcombe)", "Land tenure and investment (Dr. Aleki Fonua, University of the South Pacific)":
  // the person in parentheses, after their institution or the title of their talk.
  const inner = /^([^()]{2,300}?)\s?\(([^()]{4,400})\)$/.exec(s);
  const acronym = inner !== null && /^[\p{Lu}\d&-]{2,10}$/u.test(inner[1]!.trim());
  if (inner !== null && titled && (acronym || findCountry(inner[1]!) !== null || !looksLikeName(splitHonorific(inner[1]!, style).name, 1))) {
    const p = readPerson(inner[2]!, false, style, false);
    if (p !== null && p.person.honorific !== null && looksLikeName(p.person.name, 1) && p.role === null) {
      const head = inner[1]!.trim().replace(/[\s,:;–—-]+$/, '');
      const country = findCountry(head);
      if (country !== null) { if (p.person.country === null) { p.person.country = head; p.person.countryCode = country.code; } }
      else if (acronym || (isOrganizationLike(head) && !isPositionLike(head))) {
        if (p.person.organization === null) p.person.organization = head;
      } else p.person.talkTitle = head.replace(/^["“‘«]\s?|\s?["”’»]$/g, '');
      p.person.materials.push(...materials);
      if (talkTitle !== null && p.person.talkTitle === null) p.person.talkTitle = talkTitle;
      return p;
    }
  }
  let parts = splitTopLevel(s);
  // "H.E., Ambassador X": an honorific set off by its own comma goes with the name after it.
  if (parts.length > 1 && isHonorific(parts[0]!) && parts[0]!.includes('.')) parts = [`${parts[0]} ${parts[1]}`, ...parts.slice(2)];
  let nameRaw = parts[0] ?? '';
  let rest = parts.slice(1);
  let parenthesised = false;
  const paren = /^([^()]{2,120}?)\s*\(([^]*)\)$/.exec(nameRaw);
  if (paren !== null && rest.length === 0) {
    // "Michel Servoz (Director General, DG Employment, European Commission)"
    nameRaw = paren[1]!;
    rest = splitTopLevel(paren[2]!);
    parenthesised = true;
  } else if (paren !== null && paren[1]!.split(/\s+/).every(isUncasedWord) && looksLikeName(paren[2]!.trim())) {
    // "王毅 (Wang Yi), Counsellor, …": the name in Latin letters after the name in its own script is the same name.
    nameRaw = paren[1]!;
  } else if (paren !== null && looksLikeName(splitHonorific(paren[1]!, style).name)) {
    // "Mme Sophie Grondin (LCF, CNRS), Responsable du programme": the institution in parentheses, the job after.
    nameRaw = paren[1]!;
    rest = [...rest, ...splitTopLevel(paren[2]!)];
    parenthesised = true;
  }
  let { name, honorific } = splitHonorific(nameRaw, style);
  let splitAtDashOrGuess = false;
  const minWords = honorific !== null ? 1 : 2;
  // A job or institution word inside what reads as a name ("Tomás Herrera Senior Fellow") ends the name there.
  const glued = name.split(/\s+/).length > 2 ? segmentAtLexicon(name, minWords) : null;
  const jobFirst = glued === null && isJobWord(name.split(/\s+/)[0]!) ? jobBeforeName(name, style) ?? officeThenName(name) : officeThenName(name);
  if (jobFirst !== null) {
    name = splitHonorific(jobFirst[1], style).name;
    rest = [jobFirst[0], ...rest];
    warning = 'job written before the name; split guessed';
  } else if (glued !== null) {
    splitAtDashOrGuess = true;
    name = glued[0];
    rest = [glued[1], ...rest];
    warning = 'no comma between the name and the position; split guessed';
  } else if (!looksLikeName(name, minWords)) {
    const dash = /^(.{2,80}?)\s[–—-]\s(.+)$/.exec(nameRaw);
    // "FIRESIDE CHAT – THE GAP BETWEEN …": words all in capitals up to the first comma, with no honorific and no known
    // given name, that only a guessed split would make a person, are a heading.
    if (honorific === null && !/\p{Ll}/u.test(nameRaw) && /\p{Lu}/u.test(nameRaw) && !isGivenName(name.split(/\s+/)[0]!)) return null;
    const split = dash !== null && looksLikeName(splitHonorific(dash[1]!, style).name, minWords)
      ? ([dash[1]!, dash[2]!] as [string, string])
      : splitNameFromJob(nameRaw);
    // "Deputy Permanent Secretary Desmond Alleyne": the job written before the name.
    const before = split === null ? jobBeforeName(nameRaw, style) : null;
    if (split === null && before !== null) {
      ({ name, honorific } = splitHonorific(before[1], style));
      rest = [before[0], ...rest];
      warning = 'job written before the name; split guessed';
    } else if (split === null) return titled ? titledPerson(raw, style, bullet) : null;
    else {
    splitAtDashOrGuess = true;
    ({ name, honorific } = splitHonorific(split[0], style));
    rest = [split[1], ...rest];
    if (dash === null) warning = 'no comma between the name and the position; split guessed';
    }
  }
  // "Lloyd Erskine Sandiford Centre - Bridgetown": a split guessed before a place word that no "of" or "for" follows
  // names a building after a person, not a person.
  if (splitAtDashOrGuess && honorific === null && (PLACE_AFTER_NAME.test(rest[0] ?? '') || PLACE_AFTER_NAME.test(name.split(/\s+/).pop() ?? ''))) return null;
  // Honorifics and "Jr." written as their own comma part after the name.
  while (rest.length > 0) {
    const next = rest[0]!;
    // Undotted words here ("Ambassador", "Professor") are jobs; only dotted or short forms are honorifics.
    if (isHonorific(next) && (next.includes('.') || next.length <= 4)) honorific = honorific === null ? next : `${honorific} ${next}`;
    else if (SUFFIXES.test(next)) name = `${name}, ${next}`;
    else break;
    rest = rest.slice(1);
  }
  const hasMore = rest.length > 0 || parenthesised || materials.length > 0 || talkTitle !== null ||
    suffix.role !== null || honorific !== null || delivered.by !== null;
  if (!hasMore && !loose && !bullet) return null;
  // "Statement by New Zealand": a country that takes the floor is not a person.
  if (honorific === null && rest.length === 0 && !parenthesised && findCountry(name) !== null) return null;
  // "FAO Representative", "Regional Office", "Water Resources Commission": a function or an institution, not a person
  // (a name does not end in a job or institution word).
  const lastOfName = name.split(/\s+/).pop() ?? '';
  // "ONG Caminos", "Fundación Semillas", "Corporación AMPARO": a name that opens with an institution's word is that
  // institution, unless an honorific or a known given name says otherwise.
  if (honorific === null && isOrgWord(name.split(/\s+/)[0]!) && !isGivenName(name.split(/\s+/)[0]!)) return null;
  if (honorific === null && (isJobWord(lastOfName) || isOrgWord(lastOfName) || isOrgWord(rest[0]?.split(/\s+/)[0] ?? '') && splitAtDashOrGuess && rest.length === 1 && !/\s/.test(rest[0]!)) &&
    !isGivenName(name.split(/\s+/)[0]!)) return null;

  // "… la Sra. Francisca Valdivia." ends a sentence: the full stop is not the name's (an initial keeps its own).
  const lastWord = name.split(' ').pop() ?? '';
  if (!SUFFIXES.test(lastWord) && /^\p{L}{3,}\.$/u.test(lastWord)) name = name.slice(0, -1);
  const person: AgendaPerson = {
    ...EMPTY,
    name,
    honorific,
    ...splitAffiliation(rest),
    materials,
    talkTitle,
  };
  let deliveredBy: AgendaPerson | null = null;
  if (delivered.by !== null && delivered.by !== '') {
    const d = readPerson(delivered.by, true, style);
    deliveredBy = d === null
      ? { ...EMPTY, name: delivered.by, materials: [] }
      : d.person;
    deliveredBy.roleLabel = `delivered on behalf of ${name}`;
  }
  return { person, role: suffix.role, deliveredBy, warning };
}

export const ORGANISED = /(?:organi[sz][ée]e?s?|organizad[oa]s?|convened|convoqu[ée]e?s?|sponsored|patrocinad[oa]s?|financ[ée]e?s?|auspiciad[oa]s?)$/iu;
// "What an ombudsman does by Ms. X", "Clausura a cargo de X", "Par SEM X": a talk title, then the speaker.
const BY = /\s(?:by|par|por|a cargo de|presented by|présenté par|presentado por)\s/gi;
// A dotted or unmistakable honorific inside a line: "Social media for public bodies Mr. X, Office of …".
const INNER_HONORIFIC = /\s(?=(?:H\.\s?E\.|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Prof\.?|Amb\.|Hon\.|Mme|M\.|Sr\.|Sra\.|S\.E\.|SEM|Pr|[Mm]adame|[Mm]onsieur)\s\p{Lu})/gu;

/** A person line that opens with the title of the talk: the speaker after "by" or after an honorific, and the title. */
function titledPerson(text: string, style: NameStyle, bullet = false): PersonRead | null {
  if (text.length > 600) return null;
  const cut = (at: number, skip: number, warning: string | null): PersonRead | null => {
    const title = text.slice(0, at).replace(/[\s,:;–—-]+$/, '').trim();
    if (title.split(/\s+/).length < 2) return null;
    const p = readPerson(text.slice(at + skip), true, style, false);
    if (p === null || (p.person.honorific === null && !looksLikeName(p.person.name))) return null;
    // "the President of the General Assembly, H.E. Mr. X": the words before the name are the person's office.
    // "Moderó el panel la Sra. X", "chaired by": the words before the name say the person chairs.
    if (/(?:^|\s)(?:moderated|moder[óa]|moderad[oa]|mod[ée]r[ée]e?|chaired|présidée?|presidid[oa]|anim[ée]e?)(?=\s|$)/i.test(title)) {
      p.role = { bucket: 'moderators', label: null };
    }
    const office = /^(?:the|la|le|el|l['’])\s?(.+)$/i.exec(title);
    if (office !== null && isPositionLike(office[1]!) && p.person.position === null) p.person.position = office[1]!;
    else p.person.talkTitle = title.replace(/^["“‘«]\s?|\s?["”’»]$/g, '');
    if (warning !== null && p.warning === null) p.warning = warning;
    return p;
  };
  let found: PersonRead | null = null;
  for (const m of text.matchAll(BY)) {
    // "Hommage à X organisé par Y": who organises is not who speaks.
    if (ORGANISED.test(text.slice(0, m.index))) continue;
    const p = cut(m.index, m[0].length, null);
    if (p !== null) found = p;
  }
  if (found !== null) return found;
  // "– Treinta años de conferencias: Remedios Villalta, profesor titular, UNED": a talk title, a colon, the speaker
  // with a job or institution after the name.
  for (const m of bullet ? text.matchAll(/:\s/g) : []) {
    const p = cut(m.index, m[0].length, null);
    if (p !== null && (p.person.position !== null || p.person.organization !== null)) return p;
  }
  // "- L'évaluation des risques ; Bernard Lefranc, membre de l'Académie": a talk title, a semicolon, the speaker with
  // a job or institution after the name.
  const semi = text.lastIndexOf(' ; ') >= 0 ? text.lastIndexOf(' ; ') : text.lastIndexOf('; ');
  if (semi > 0) {
    const p = cut(semi, text.startsWith(' ; ', semi) ? 3 : 2, null);
    if (p !== null && p.warning === null && (p.person.position !== null || p.person.organization !== null)) return p;
  }
  for (const m of text.matchAll(INNER_HONORIFIC)) {
    const p = cut(m.index, 1, 'talk title read before the speaker; split guessed');
    if (p !== null) return p;
  }
  return null;
}
