// Person names: honorifics and the matching key used to recognise one person across events.

/** Honorifics as usually written. Matching ignores case, dots and inner spaces ("Maj. Gen." = "Maj.Gen."). */
export const HONORIFICS: readonly string[] = [
  'H.E.', 'H.R.H.', 'H.H.', 'Mr.', 'Mrs.', 'Ms.', 'Miss', 'Mx.', 'Mme', 'Mlle', 'Dr.', 'Dra.', 'Prof.', 'Professor', 'Professeur', 'Professeure', 'Profesor', 'Profesora',
  'Amb.', 'Ambassador', 'Hon.', 'Honourable', 'Honorable', 'The Honourable', 'The Honorable', 'The Hon.',
  'Rt. Hon.', 'Right Honourable', 'Sir', 'Dame', 'Lord', 'His Honor', 'Her Honor', 'His Honour', 'Her Honour', 'Her Excellency', 'His Excellency',
  'Their Excellencies', 'Her Royal Highness', 'His Royal Highness', 'His Highness', 'Her Highness',
  'Msgr.', 'Mgr.', 'Mons.', 'Monsignor', 'Rev.', 'Revd', 'Reverend', 'Fr.', 'Cardinal',
  'Archbishop', 'Bishop', 'Rabbi', 'Imam', 'Sheikh', 'Sheikha', 'Dato', "Dato'", 'Datuk',
  "Dato' Sri", 'Dato Sri', "Dato' Seri", 'Dato Seri', 'Datuk Seri', 'Datin', 'Datin Seri', 'Puan Sri',
  'Tan Sri', 'Assoc. Prof.', 'Associate Professor', 'Asst. Prof.', 'Assistant Professor', 'Sen.', 'Senator', 'Rep.', 'Eng.', 'Engr.', 'Ing.', 'Atty.', 'Sra.', 'Srta.',
  'Excmo.', 'Excma.', 'Herr', 'Frau', 'Madame', 'Monsieur', 'Son Excellence',
  // French and Spanish forms: "S.E." (Son Excellence), "SEM" (Son Excellence Monsieur), "Pr" (Professeur), "Lic.".
  'S.E.', 'S.E.M.', 'SEM', 'S.Exc.', 'Pr', 'Pr.', 'Lic.', 'Licda.', 'Lcdo.', 'Lcda.', 'Dña.', 'Arq.', 'Abog.',
  'Maj.Gen.', 'Major General', 'Lt.Gen.', 'Lieutenant General', 'Brig.Gen.', 'Brigadier General', 'Gen.',
  'Lt.Col.', 'Col.', 'Colonel', 'Maj.', 'Capt.', 'Lt.', 'Brig.', 'Brigadier', 'Adm.', 'Admiral', 'Cmdr.', 'Air Marshal',
  'General', 'Vice Admiral', 'Rear Admiral', 'Vice Adm.', 'Rear Adm.', 'Lieutenant Colonel', 'Captain', 'Sergeant Major',
  'Command Sergeant Major', 'Air Vice Marshal', 'Air Chief Marshal',
];

// Written without a dot these are still unmistakable; others ("HE", "Gen") are too often real words or names.
const BARE_OK = new Set(['mr', 'mrs', 'ms', 'dr', 'prof', 'amb', 'hon', 'msgr', 'mgr', 'rev', 'mme', 'mlle', 'rt hon', 'sem', 'pr',
  'madame', 'monsieur', 'son excellence']);
// After a name these are degrees or orders, never part of the name.
const POST_NOMINALS = new Set(['phd', 'md', 'mba', 'obe', 'cbe', 'kbe', 'mbe', 'cmg', 'kcmg', 'qc', 'kc', 'esq', 'dphil']);

const key = (s: string): string => s.toLowerCase().replace(/[.\s]/g, '').replace(/[’‘]/g, "'");
const HONORIFIC_KEYS = new Map(HONORIFICS.map((h) => [key(h), h]));
const MAX_WORDS = 3;
// "(RTd)", "(Ret.)", "(retd)" after a military rank belongs to the honorific.
const RETIRED = /^\((?:ret|retd|rtd|retired)\.?\)$/i;

function isHonorificWords(words: string[]): boolean {
  const joined = words.join(' ');
  const k = key(joined);
  if (!HONORIFIC_KEYS.has(k)) return false;
  if (joined.includes('.')) return true;
  // Undotted: accept known bare forms, and multi-letter words written with a capital ("Sir", "Ambassador").
  if (BARE_OK.has(joined.toLowerCase())) return true;
  return k.length > 2 && /^\p{Lu}/u.test(joined) && !/^\p{Lu}+$/u.test(joined.replace(/\s/g, ''));
}

// Spanish "Sr." (señor) opens a name; after a name the same word is "Senior", so it is an honorific only in front.
// "D." and "Dª" (don, doña) likewise, before a name of two words at least ("D. Luis Martínez"), never an initial after.
const LEADING_ONLY = new Set(['Sr.', 'Sr', 'Sres.', 'D.', 'Dª']);

/** How a page writes names: on French pages "M." in front is "Monsieur", elsewhere an initial ("M. Riaz Hamidullah"). */
export interface NameStyle {
  french?: boolean;
}

// French "M." (Monsieur) and "MM." (Messieurs): honorifics only in front, and only on French pages.
const FRENCH_LEADING = new Set(['M.', 'MM.']);

/** Length in words of the honorific at the start of `words`, or 0. */
function leadingHonorific(words: string[], style: NameStyle): number {
  if (words.length > 2 && LEADING_ONLY.has(words[0]!)) return 1;
  if (style.french === true && words.length > 1 && FRENCH_LEADING.has(words[0]!)) return 1;
  for (let n = Math.min(MAX_WORDS, words.length - 1); n >= 1; n--) {
    if (isHonorificWords(words.slice(0, n))) {
      return n + (words[n] !== undefined && RETIRED.test(words[n]!) && n + 1 < words.length ? 1 : 0);
    }
  }
  return 0;
}

/** Whether a whole string is honorifics only, e.g. "Msgr.", "Maj.Gen. (RTd)", "H.E. Mr.", "PhD". */
export function isHonorific(text: string): boolean {
  const words = text.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0 || words.length > 6) return false;
  if (words.length === 1 && POST_NOMINALS.has(key(words[0]!))) return true;
  let i = 0;
  while (i < words.length) {
    let n = 0;
    for (let k = Math.min(MAX_WORDS, words.length - i); k >= 1; k--) {
      if (isHonorificWords(words.slice(i, i + k))) { n = k; break; }
    }
    if (n === 0) return i > 0 && i === words.length - 1 && RETIRED.test(words[i]!);
    i += n;
  }
  return true;
}

/**
 * Splits honorifics off either end of a name: "H.E. Mr. Jürg Lauber" → { name: "Jürg Lauber", honorific: "H.E. Mr." }.
 * With `style.french`, a leading "M." is "Monsieur": "M. Mamadou Diop" → { name: "Mamadou Diop", honorific: "M." }.
 */
export function splitHonorific(raw: string, style: NameStyle = {}): { name: string; honorific: string | null } {
  let words = raw.trim().split(/\s+/).filter(Boolean);
  const before: string[] = [];
  for (let n = leadingHonorific(words, style); n > 0 && words.length > 1; n = leadingHonorific(words, style)) {
    before.push(...words.slice(0, n));
    words = words.slice(n);
  }
  const after: string[] = [];
  // Trailing honorifics must be dotted or post-nominal so that "Jr." / "Sr." and surnames stay in the name.
  while (words.length > 1) {
    const last = words[words.length - 1]!.replace(/^,|,$/g, '');
    const isPost = POST_NOMINALS.has(key(last)) || (last.includes('.') && HONORIFIC_KEYS.has(key(last)));
    if (!isPost) break;
    after.unshift(last);
    words = words.slice(0, -1);
  }
  const name = words.join(' ').replace(/,$/, '');
  const honorific = [...before, ...after].join(' ');
  return { name, honorific: honorific === '' ? null : honorific };
}

// Letters that NFKD leaves whole but that people type both ways.
const FOLD: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };

/** The key used to match one person across events: "H.E. Mr. Jürg LAUBER" and "Jurg Lauber" give "jurg lauber". */
export function normaliseName(name: string): string {
  return foldKey(splitHonorific(name).name);
}

/**
 * The key of an organization's name: folded like a person's, but no word of it is taken for an
 * honorific, so that "General Assembly" is not "Assembly" nor "Captain Cook Society" "Cook Society".
 */
export function normaliseOrganizationName(name: string): string {
  return foldKey(name);
}

/** Accents, case, letters typed two ways and punctuation folded away. */
function foldKey(bare: string): string {
  return bare
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[ßæœøłđðþı]/g, (c) => FOLD[c] ?? c)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
