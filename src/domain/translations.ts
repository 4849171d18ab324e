// Content in several languages (issue 13). A record keeps its texts in its own language (`lang`,
// the original) and, in its `translations` column, what editors entered in other languages:
// a JSON object field → language → text. A theme of an event is the field "theme:" + the
// original theme's text, so that reordering themes keeps their translations and a theme
// rewritten in the original drops them (they translated something else).
// Pure: parsing, the fields each record translates, and which text a reader is shown.
import { z } from 'zod';
import { LANGUAGES } from './language.ts';

/** field → language → text */
export type Translations = Record<string, Record<string, string>>;

/** The translatable fields of each record (a theme is `theme:` + its original text). */
export const TRANSLATED_FIELDS = {
  series: ['title', 'description'],
  event: ['title', 'overview'],
  session: ['title'],
  material: ['label'],
} as const;
export type TranslatedEntity = keyof typeof TRANSLATED_FIELDS;

export const THEME_PREFIX = 'theme:';
export const themeField = (original: string) => `${THEME_PREFIX}${original}`;

/** The longest translated text: an overview's (the original's own limit). */
export const MAX_TRANSLATION = 10_000;

const LANGUAGE_TAG = /^[a-z]{2,3}$/;

/** What a stored `translations` column may hold (restore checks every row against it). */
export const translationsSchema = z.record(
  z.string().min(1).max(2000),
  z.record(
    z.string().regex(LANGUAGE_TAG, 'must be a language code such as fr'),
    z.string().min(1, 'must not be empty').max(MAX_TRANSLATION, `must be at most ${MAX_TRANSLATION} characters`),
  ),
);

/** A stored column read back; anything that is not such an object reads as no translations. */
export function parseTranslations(json: string | null | undefined): Translations {
  // Most rows have none: no JSON.parse and schema check for them (a page of a hundred appearances asks 300 times).
  if (!json || json === '{}') return {};
  try {
    const r = translationsSchema.safeParse(JSON.parse(json));
    return r.success ? r.data : {};
  } catch {
    return {};
  }
}

/** The column's text: fields and languages in a fixed order, so equal translations are equal strings. */
export function serializeTranslations(t: Translations): string {
  const out: Translations = {};
  for (const field of Object.keys(t).sort()) {
    const byLang = t[field]!;
    const langs = Object.keys(byLang)
      .filter((l) => byLang[l] !== undefined && byLang[l] !== '')
      .sort();
    if (langs.length) out[field] = Object.fromEntries(langs.map((l) => [l, byLang[l]!]));
  }
  return JSON.stringify(out);
}

/** The translations with one language's texts replaced by `texts` (field → text; empty drops it). */
export function withLanguage(t: Translations, lang: string, texts: Record<string, string | null>): Translations {
  const out: Translations = {};
  for (const [field, byLang] of Object.entries(t)) {
    const rest = Object.fromEntries(Object.entries(byLang).filter(([l]) => l !== lang));
    if (Object.keys(rest).length) out[field] = rest;
  }
  for (const [field, text] of Object.entries(texts)) {
    if (text === null || text === '') continue;
    out[field] = { ...(out[field] ?? {}), [lang]: text };
  }
  return out;
}

/** One language's texts, field → text. */
export function textsIn(t: Translations, lang: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, byLang] of Object.entries(t)) if (byLang[lang] !== undefined) out[field] = byLang[lang]!;
  return out;
}

/** The languages a record has some translation in, in LANGUAGES order then the rest. */
export function translatedLanguages(t: Translations): string[] {
  const set = new Set(Object.values(t).flatMap((byLang) => Object.keys(byLang)));
  return [...LANGUAGES.filter((l) => set.has(l)), ...[...set].filter((l) => !(LANGUAGES as readonly string[]).includes(l)).sort()];
}

/** Scripts written right to left, among the language codes a record may carry. */
const RTL = new Set(['ar', 'he', 'fa', 'ur', 'ps', 'yi', 'dv', 'ckb', 'sd', 'ug']);
export const textDirection = (lang: string): 'ltr' | 'rtl' => (RTL.has(lang) ? 'rtl' : 'ltr');

/** A text as a reader is shown it: the text and the language it is in. */
export type Picked = { text: string; lang: string; translated: boolean };

/**
 * The text of `field` a reader of `readerLanguage` is shown: their language's where an editor
 * entered one (or where it is the original's), else the original in its own language. Null when
 * neither exists.
 */
export function pickText(original: { text: string | null | undefined; lang: string }, translations: Translations, field: string, readerLanguage: string): Picked | null {
  if (readerLanguage !== original.lang) {
    const tr = translations[field]?.[readerLanguage];
    if (tr) return { text: tr, lang: readerLanguage, translated: true };
  }
  return original.text ? { text: original.text, lang: original.lang, translated: false } : null;
}

/** pickText over a stored row's column (its `translations` JSON and its `lang`). */
export function pickField(row: { lang: string; translations?: string | null }, field: string, text: string | null | undefined, readerLanguage: string): Picked | null {
  return pickText({ text, lang: row.lang }, parseTranslations(row.translations), field, readerLanguage);
}

/** Every translation of a field, language → text (search indexes each in its language). */
export function translationsOf(t: Translations, field: string): Array<{ lang: string; text: string }> {
  return Object.entries(t[field] ?? {}).map(([lang, text]) => ({ lang, text }));
}

/**
 * The order a reader is offered a document's language versions: their language first, then the
 * original, then the others in the order given.
 */
export function versionOrder<V extends { lang: string; original: boolean }>(versions: readonly V[], readerLanguage: string): V[] {
  const rank = (v: V) => (v.lang === readerLanguage ? 0 : v.original ? 1 : 2);
  return versions
    .map((v, i) => ({ v, i }))
    .sort((a, b) => rank(a.v) - rank(b.v) || a.i - b.i)
    .map((x) => x.v);
}

/** The languages in which any text differs between two records' translations (a release names them). */
export function changedLanguages(a: Translations, b: Translations): string[] {
  const langs = new Set<string>();
  for (const field of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const x = a[field] ?? {};
    const y = b[field] ?? {};
    for (const l of new Set([...Object.keys(x), ...Object.keys(y)])) if (x[l] !== y[l]) langs.add(l);
  }
  return [...langs].sort();
}
