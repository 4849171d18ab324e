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
