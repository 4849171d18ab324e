// Country recognition over ISO 3166-1: a whole string that names a country, in any of its usual forms.
import countries, { type LocaleData } from 'i18n-iso-countries';
import en from 'i18n-iso-countries/langs/en.json' with { type: 'json' };
import fr from 'i18n-iso-countries/langs/fr.json' with { type: 'json' };
import es from 'i18n-iso-countries/langs/es.json' with { type: 'json' };

// English, French and Spanish names recognise a country as printed (findCountry); the interface's
// languages register theirs for display when the process starts (src/interface-languages.ts).
countries.registerLocale(en);
countries.registerLocale(fr);
countries.registerLocale(es);
const named = new Set(['en', 'fr', 'es']);

/** Country names for display in an interface language (`lang`), from one of i18n-iso-countries' locales. */
export function registerCountryNames(lang: string, data: LocaleData): void {
  countries.registerLocale({ ...data, locale: lang });
  named.add(lang);
}

// Names that meetings use but the package does not list.
const EXTRA: Record<string, string[]> = {
  BO: ['Plurinational State of Bolivia', 'Bolivia (Plurinational State of)', 'Bolivia (Estado Plurinacional de)'],
  VE: ['Bolivarian Republic of Venezuela', 'Venezuela (Bolivarian Republic of)', 'Venezuela (República Bolivariana de)'],
  US: ['Estados Unidos de América', 'États-Unis d’Amérique'],
  MX: ['United Mexican States', 'Estados Unidos Mexicanos', 'États-Unis du Mexique'],
  IR: ['Iran (Islamic Republic of)'],
  FM: ['Micronesia', 'Federated States of Micronesia', 'Micronesia (Federated States of)'],
  MD: ['Moldova', 'Republic of Moldova'],
  KP: ["Democratic People's Republic of Korea", 'DPRK', 'República Popular Democrática de Corea', 'République populaire démocratique de Corée'],
  KR: ['Korea'],
  LA: ['Laos', 'Lao PDR', "Lao People's Democratic Republic"],
  SY: ['Syria', 'Syrian Arab Republic'],
  VN: ['Viet Nam', 'Vietnam'],
  CV: ['Cabo Verde'],
  SZ: ['Eswatini', 'Swaziland', 'Kingdom of Eswatini'],
  MM: ['Burma'],
  VA: ['Holy See', 'Vatican', 'Vatican City'],
  CD: ['República Democrática del Congo', 'République démocratique du Congo', 'DRC', 'DR Congo', 'Democratic Republic of Congo', 'Congo-Kinshasa'],
  CG: ['Republic of Congo', 'Congo-Brazzaville'],
  TL: ['East Timor', 'Timor-Leste'],
  MK: ['Macedonia', 'Former Yugoslav Republic of Macedonia', 'The former Yugoslav Republic of Macedonia'],
  GB: ['United Kingdom of Great Britain and Northern Ireland', 'Britain'],
  BN: ['Brunei'],
  AR: ['Argentine Republic'],
  KG: ['Kyrgyz Republic'],
  SK: ['Slovak Republic'],
  LB: ['Lebanese Republic'],
  GR: ['Hellenic Republic'],
  PS: ['Occupied Palestinian Territory'],
  TR: ['Türkiye'],
  TZ: ['Tanzania'],
  BS: ['The Bahamas'],
};

// Words before "of" in long forms: "Republic of Azerbaijan", "Kingdom of Thailand", "Federal Republic of Germany".
const LONG_FORM_ADJECTIVES = new Set([
  'federal', 'islamic', 'democratic', 'peoples', 'people s', 'united', 'socialist', 'arab', 'federative', 'plurinational',
  'bolivarian', 'oriental', 'hashemite', 'co', 'operative', 'cooperative', 'independent', 'sovereign', 'grand',
  'great', 'libyan', 'popular', 'algerian', 'swiss', 'hellenic', 'lao',
]);
const LONG_FORM_NOUNS = new Set([
  'republic', 'kingdom', 'state', 'states', 'commonwealth', 'principality', 'duchy', 'sultanate', 'emirate',
  'federation', 'confederation', 'union',
]);

const keyOf = (s: string): string =>
  s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/\bst\b\.?/g, 'saint')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

const byKey = new Map<string, string>();
function add(name: string, code: string): void {
  const k = keyOf(name);
  if (k !== '' && !byKey.has(k)) byKey.set(k, code);
}
for (const locale of [en, fr, es]) {
  for (const [code, names] of Object.entries(locale.countries as Record<string, string | string[]>)) {
    for (const n of Array.isArray(names) ? names : [names]) add(n, code);
  }
}
for (const [code, names] of Object.entries(EXTRA)) for (const n of names) add(n, code);

/** "Government of the Republic of Botswana" → "Republic of Botswana"; other text unchanged. */
export function stripGovernmentOf(text: string): string {
  return text.trim().replace(/^(?:the\s+)?government\s+of\s+(?:the\s+)?/i, '');
}

// French and Spanish long forms: "Royaume du Maroc", "République du Sénégal", "República Argentina", with the
// adjectives after the noun: "Estado Plurinacional de Bolivia", "République fédérale d'Allemagne".
const LONG_FORM_ROMANCE = new RegExp(
  '^(?:royaume|republique|etat|etats|principaute|sultanat|reino|republica|estado|estados|principado) ' +
    // "Democratic" and "People's" are left out: they tell the Congos and the Koreas apart.
    '(?:(?:plurinacional|plurinational|bolivariana|federal|federale|federativa|islamica|islamique|socialista|' +
    'socialiste|arabe|oriental|orientale|cooperativa|hachemite|hachemita|unida|unido|unidos|unie|unis) ){0,3}' +
    '(?:(?:du|de la|de l|des|de|del|d) )?',
);

function stripLongForm(k: string): string | null {
  const romance = LONG_FORM_ROMANCE.exec(k);
  if (romance !== null && romance[0].length < k.length) return k.slice(romance[0].length);
  const words = k.split(' ');
  let i = 0;
  if (words[i] === 'the') i++;
  const start = i;
  while (i < words.length && LONG_FORM_ADJECTIVES.has(words[i]!)) i++;
  if (!LONG_FORM_NOUNS.has(words[i] ?? '')) return null;
  i++;
  if (words[i] !== 'of' || i === start) return null;
  i++;
  if (words[i] === 'the') i++;
  return i < words.length ? words.slice(i).join(' ') : null;
}

/** The country a whole string names ("Canada", "Republic of Azerbaijan", "U.S.A."), or null. Cities are not countries. */
export function findCountry(text: string): { code: string; name: string } | null {
  if (text.length > 100) return null;
  const k = keyOf(text);
  if (k === '') return null;
  let code = byKey.get(k) ?? byKey.get(k.replace(/^the /, ''));
  if (code === undefined) {
    const rest = stripLongForm(k);
    if (rest !== null) code = byKey.get(rest);
  }
  if (code === undefined) return null;
  return { code, name: countryName(code, 'en') ?? text.trim() };
}

// The package's English names where they are inverted ("Moldova, Republic of") or long forms
// rather than the short names the UN uses in its lists.
const SHORT_EN: Record<string, string> = {
  MD: 'Republic of Moldova',
  FM: 'Micronesia (Federated States of)',
  CI: "Côte d'Ivoire",
  CZ: 'Czechia',
  CV: 'Cabo Verde',
  VA: 'Holy See',
  MK: 'North Macedonia',
  GM: 'Gambia',
  IR: 'Iran (Islamic Republic of)',
  VG: 'British Virgin Islands',
  VI: 'United States Virgin Islands',
};

/** The country's short name ("Türkiye", "Azerbaijan") in one of the site's languages; English's in a language without names of its own. */
export function countryName(code: string, lang: string): string | undefined {
  const c = code.toUpperCase();
  const l = named.has(lang) ? lang : 'en';
  return (l === 'en' ? SHORT_EN[c] : undefined) ?? countries.getName(c, l, { select: 'official' });
}

/**
 * The one name every output (page, calendars, schedules, participants lists, API) gives the
 * country of an appearance or organization: the short name of its ISO code, so "Turkey" and
 * "Republic of Azerbaijan" as printed read "Türkiye" and "Azerbaijan"; the text as printed only
 * where no code was recognised.
 */
export function countryLabel(code: string | null, printed: string | null, lang: string = 'en'): string | null {
  return (code ? countryName(code, lang) : undefined) ?? (printed?.trim() || null);
}

// Words after which a country's name in running text is taken as the country ("Ambassador of
// Ecuador", "Ministre des Affaires étrangères du Maroc", "Embajador del Perú ante la OEA"), with the
// articles that may come between ("of the Philippines"): folded by keyOf (d' and l' are words).
const BEFORE_COUNTRY = new Set(['of', 'for', 'to', 'in', 'at', 'de', 'du', 'des', 'd', 'en', 'au', 'aux', 'pour', 'aupres', 'del', 'para', 'ante', 'al']);
const ARTICLES = new Set(['the', 'la', 'le', 'l', 'les', 'el', 'los', 'las']);
/** Names that are more often a city or a person in running text ("Universidad de Granada", "Maurice"): not taken there. */
const AMBIGUOUS = new Set(['granada', 'grenade', 'guadalupe', 'maurice', 'mauricio']);
/** Words that may follow a country's name taken in running text ("of Mexico to the United Nations"); any other ends it not ("of Niger Delta", "at Jersey City"). */
const AFTER_COUNTRY = new Set(['to', 'at', 'in', 'on', 'and', 'with', 'before', 'a', 'au', 'aux', 'aupres', 'en', 'et', 'avec', 'y', 'e', 'ante', 'para', 'al', 'con']);
/** Words joining a second country to one just taken ("for Sudan and South Sudan"). */
const AND = new Set(['and', 'et', 'y', 'e']);
/** Words before "of" that make the name a place of an institution ("University of Georgia", "Universidad de Chile"), not a country represented. */
const INSTITUTION = new Set(['university', 'universite', 'universidad', 'universidade', 'universita', 'college', 'colegio', 'state', 'estado']);
/** The most words a country's name has in keyOf's form ("united kingdom of great britain and northern ireland": 8). */
const MAX_NAME_WORDS = Math.max(...[...byKey.keys()].map((k) => k.split(' ').length));

/**
 * The countries a text such as a position names ("Permanent Representative of Mexico to the
 * United Nations" → MX), each once, in order: a country's name (any of its English, French or
 * Spanish names, the longest first) after "of", "for", "de", "du", "del"… (and an article) and
 * before the end of its part or a linking word ("to", "and", "ante"…), or after "and" that follows
 * a country just taken ("for Sudan and South Sudan"), or a part between commas that is a country's
 * name alone ("Ambassador, Ecuador"). Elsewhere a name is not taken ("Jordan Smith", "Chad
 * Institute", "Head of Mexico City Office", "Niger Delta", "University of Georgia").
 */
export function countriesNamedIn(text: string | null | undefined): string[] {
  const out: string[] = [];
  if (!text) return out;
  for (const part of text.split(/[,;()\n]/)) {
    const words = keyOf(part).split(' ').filter((w) => w !== '');
    let takenUpTo = -1;
    for (let i = 0; i < words.length; ) {
      let code: string | undefined;
      let n = Math.min(MAX_NAME_WORDS, words.length - i);
      for (; n > 0; n--) {
        code = byKey.get(words.slice(i, i + n).join(' '));
        if (code !== undefined) break;
      }
      if (code === undefined) {
        i++;
        continue;
      }
      let j = i - 1;
      if (j >= 0 && ARTICLES.has(words[j]!)) j--;
      const whole = i === 0 && n === words.length;
      const name = words.slice(i, i + n).join(' ');
      const next = words[i + n];
      const after = next === undefined || AFTER_COUNTRY.has(next);
      const introduced = j >= 0 && BEFORE_COUNTRY.has(words[j]!) && !(j >= 1 && INSTITUTION.has(words[j - 1]!));
      const joined = j >= 0 && AND.has(words[j]!) && takenUpTo === j;
      if ((whole || ((introduced || joined) && after)) && !AMBIGUOUS.has(name)) {
        if (!out.includes(code)) out.push(code);
        takenUpTo = i + n;
      }
      // A name taken or not is passed over whole ("Democratic People's Republic of Korea" is not read again from "Korea").
      i += n;
    }
  }
  return out;
}
