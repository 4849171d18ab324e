// Titles and texts carry the language they are written in; these are the ones the UI speaks.
export const LANGUAGES = ['en', 'fr', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'en';

export function isLanguage(x: string): x is Language {
  return (LANGUAGES as readonly string[]).includes(x);
}
