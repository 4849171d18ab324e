// Titles and texts carry the language they are written in; these are the ones the UI speaks.
export const LANGUAGES = ['en', 'fr', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'en';

export function isLanguage(x: string): x is Language {
  return (LANGUAGES as readonly string[]).includes(x);
}

/**
 * The languages of the interface (catalogues, URLs /fr/…): the content languages and Arabic, which
 * the interface speaks right to left though no content is entered in it yet.
 */
export const INTERFACE_LANGUAGES = ['en', 'fr', 'es', 'ar'] as const;
export type InterfaceLanguage = (typeof INTERFACE_LANGUAGES)[number];

export function isInterfaceLanguage(x: string): x is InterfaceLanguage {
  return (INTERFACE_LANGUAGES as readonly string[]).includes(x);
}

/** The writing direction of an interface language. */
export function directionOf(lang: InterfaceLanguage): 'ltr' | 'rtl' {
  return lang === 'ar' ? 'rtl' : 'ltr';
}

/**
 * The locale Intl formats dates, times and numbers with on a page in `lang`. Arabic pages write
 * Latin (European) digits, pinned with the `nu` extension, whatever the ICU's default for `ar` (which
 * changed between CLDR versions): the same digits as the times, dates and numbers in the archive's own
 * texts, in the forms' fields and in the exports (see ARCHITECTURE.md, "Digits in Arabic").
 */
export function intlLocale(lang: InterfaceLanguage): string {
  return lang === 'ar' ? 'ar-u-nu-latn' : lang;
}
