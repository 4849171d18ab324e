// The interface's languages, found when the process starts. Each catalogue file under
// web/i18n/catalogues/, and under the directories PLENARY_CATALOGUES names, is one language: its
// default export gives the language's code, its own name, its direction and its messages
// (`CatalogueFile` in catalogues/en.ts). They are read here once, by a top-level await, before any
// module that imports this one runs; everything that lists languages (the routes and their
// prefixes, hreflang, the language switch, Accept-Language, the API's `lang`, exports, country
// names, publications' texts) reads INTERFACE_LANGUAGES, so adding a language is adding one file.
// Like config.ts, this reads what the process starts with; any layer may import it.
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { extname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { catalogueDirectories } from './config.ts';
import { registerCountryNames } from './domain/country.ts';
import type { InterfaceLanguage, LanguageInfo } from './domain/language.ts';
import type { Catalogue, CatalogueFile } from './web/i18n/catalogues/en.ts';

export type { InterfaceLanguage, LanguageInfo } from './domain/language.ts';

/** The catalogues that come with Plenary (English, the source, among them). */
export const BUILT_IN_CATALOGUES = fileURLToPath(new URL('./web/i18n/catalogues/', import.meta.url));

/** A language's code: a BCP 47 tag in lower case, as it stands in addresses ("fr", "pt-br"). */
const CODE = /^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/;
/** Top-level paths of the site that a language's prefix would hide (/api/… is the JSON API's). */
const RESERVED = new Set(['api']);
/** Which files of a catalogue directory are catalogues: TypeScript or JavaScript modules, not tests or declarations. */
const MODULE = /^[^.].*\.(?:ts|mts|js|mjs)$/;
const NOT_A_CATALOGUE = /\.(?:test|d)\.[mc]?[jt]s$/;

type Found = { info: LanguageInfo; messages: Catalogue; file: string; countryNames: string };

/** The catalogue files of a directory, in the order of their names. */
export function catalogueFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => MODULE.test(f) && !NOT_A_CATALOGUE.test(f))
    .sort()
    .map((f) => join(dir, f));
}

/** What is wrong with a catalogue file's default export (none: it describes a language). */
function problemsOf(c: unknown, file: string): string[] {
  if (typeof c !== 'object' || c === null) return ['its default export is not a catalogue ({ code, name, direction, messages })'];
  const x = c as Partial<Record<keyof CatalogueFile, unknown>>;
  const out: string[] = [];
  const stem = file.slice(file.lastIndexOf('/') + 1, file.length - extname(file).length);
  if (typeof x.code !== 'string' || !CODE.test(x.code)) out.push(`code must be a language tag in lower case such as "pt" or "pt-br" (it is ${JSON.stringify(x.code)})`);
  else if (RESERVED.has(x.code)) out.push(`code "${x.code}" is a path of the site (/${x.code}/…)`);
  else if (x.code !== stem) out.push(`the file of the language "${x.code}" must be named ${x.code}${extname(file)}`);
  if (typeof x.name !== 'string' || x.name.trim() === '') out.push('name must be the language\'s name in itself ("Português")');
  if (x.direction !== 'ltr' && x.direction !== 'rtl') out.push(`direction must be "ltr" or "rtl" (it is ${JSON.stringify(x.direction)})`);
  if (x.intlLocale !== undefined) {
    try {
      if (typeof x.intlLocale !== 'string') throw new TypeError();
      Intl.getCanonicalLocales(x.intlLocale);
    } catch {
      out.push(`intlLocale must be a locale Intl knows (it is ${JSON.stringify(x.intlLocale)})`);
    }
  }
  if (x.countryNames !== undefined && (typeof x.countryNames !== 'string' || !/^[a-z]{2,3}$/.test(x.countryNames))) out.push('countryNames must be a language code such as "pt"');
  if (x.unitDisplay !== undefined && x.unitDisplay !== 'short' && x.unitDisplay !== 'long') out.push('unitDisplay must be "short" or "long"');
  if (typeof x.messages !== 'object' || x.messages === null) out.push('messages must be an object of texts by key');
  else {
    const notText = Object.entries(x.messages).filter(([, v]) => typeof v !== 'string').map(([k]) => k);
    if (notText.length) out.push(`messages must be texts (not: ${notText.slice(0, 5).join(', ')})`);
  }
  return out;
}

async function load(file: string): Promise<Found> {
  let mod: { default?: unknown };
  try {
    mod = (await import(pathToFileURL(file).href)) as { default?: unknown };
  } catch (e) {
    throw new Error(`plenary: the catalogue ${file} could not be read: ${(e as Error).message}`);
  }
  // A file outside an ES module package is read as CommonJS: its default export is then one level down.
  let exported = mod.default;
  if (typeof exported === 'object' && exported !== null && !('code' in exported) && 'default' in exported) exported = (exported as { default: unknown }).default;
  const problems = problemsOf(exported, file);
  if (problems.length) throw new Error(`plenary: the catalogue ${file} is not usable: ${problems.join('; ')}`);
  const c = exported as CatalogueFile;
  const code = c.code as InterfaceLanguage;
  return {
    info: { code, name: c.name, direction: c.direction, intlLocale: c.intlLocale ?? c.code, unitDisplay: c.unitDisplay ?? 'short' },
    messages: c.messages,
    file,
    countryNames: c.countryNames ?? c.code.split('-')[0]!,
  };
}

/** Every language of the catalogue directories: English first, then the others by their own names. */
export async function findLanguages(dirs: readonly string[]): Promise<Found[]> {
  const found: Found[] = [];
  for (const dir of dirs) {
    let files: string[];
    try {
      files = catalogueFiles(dir);
    } catch (e) {
      throw new Error(`plenary: the catalogue directory ${dir} could not be read: ${(e as Error).message}`);
    }
    for (const file of files) {
      const f = await load(file);
      const twin = found.find((o) => o.info.code === f.info.code);
      if (twin) throw new Error(`plenary: two catalogues give the language "${f.info.code}": ${twin.file} and ${file}`);
      found.push(f);
    }
  }
  if (!found.some((f) => f.info.code === 'en')) throw new Error(`plenary: no English catalogue (en.ts) among ${dirs.join(', ')}: English is the source and the fallback`);
  const byName = new Intl.Collator('und');
  return found.sort((a, b) => (a.info.code === 'en' ? -1 : b.info.code === 'en' ? 1 : byName.compare(a.info.name, b.info.name) || (a.info.code < b.info.code ? -1 : 1)));
}

const found = await findLanguages([BUILT_IN_CATALOGUES, ...catalogueDirectories().map((d) => resolve(d))]);

/** The interface's languages: English first (the root, /), then the others (/fr/, /es/, …) by their own names. */
export const INTERFACE_LANGUAGES: readonly InterfaceLanguage[] = Object.freeze(found.map((f) => f.info.code));

const INFO = new Map<string, LanguageInfo>(found.map((f) => [f.info.code, f.info]));

/**
 * Each language's messages, by code (web/i18n/messages.ts, t()). A plain object, so that the
 * pseudo-locale test can put its marked catalogue in one language's place in its own process.
 */
export const CATALOGUES = Object.fromEntries(found.map((f) => [f.info.code, f.messages])) as { en: Catalogue } & Record<string, Catalogue | undefined>;

export function isInterfaceLanguage(x: string): x is InterfaceLanguage {
  return INFO.has(x);
}

/** A code as an interface language; throws if no catalogue gives it. */
export function interfaceLanguage(code: string): InterfaceLanguage {
  if (!isInterfaceLanguage(code)) throw new RangeError(`no catalogue gives the language "${code}" (the interface speaks ${INTERFACE_LANGUAGES.join(', ')})`);
  return code;
}

/** What the catalogue of `lang` says of its language. */
export function languageInfo(lang: InterfaceLanguage): LanguageInfo {
  return INFO.get(lang) ?? INFO.get('en')!;
}

/** The writing direction of an interface language. */
export function directionOf(lang: InterfaceLanguage): 'ltr' | 'rtl' {
  return languageInfo(lang).direction;
}

/**
 * The locale Intl formats dates, times, numbers and lists with on a page in `lang`: the catalogue's
 * `intlLocale` (Arabic's pins Latin digits: "ar-u-nu-latn", see ARCHITECTURE.md, "Digits in Arabic").
 */
export function intlLocale(lang: InterfaceLanguage): string {
  return languageInfo(lang).intlLocale;
}

// Country names in each language (domain/country.ts): i18n-iso-countries' locale of the catalogue's
// `countryNames`, else of its code's language; a language the package lacks shows English names.
const require = createRequire(import.meta.url);
for (const f of found) {
  let data: Parameters<typeof registerCountryNames>[1] | undefined;
  try {
    data = require(`i18n-iso-countries/langs/${f.countryNames}.json`) as Parameters<typeof registerCountryNames>[1];
  } catch {
    data = undefined;
  }
  if (data) registerCountryNames(f.info.code, data);
}
