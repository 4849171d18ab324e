// Titles and texts carry the language they are written in; these are the ones the UI speaks.
export const LANGUAGES = ['en', 'fr', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE = 'en' as const satisfies Language;

export function isLanguage(x: string): x is Language {
  return (LANGUAGES as readonly string[]).includes(x);
}

declare const interfaceLanguage: unique symbol;

/**
 * A language of the interface (a catalogue, a URL prefix /fr/…). Which ones there are is not known
 * when the code is compiled: each catalogue file names its own language, and the files are found
 * when the process starts (src/interface-languages.ts). So a code is an InterfaceLanguage only once
 * checked against the languages found (`isInterfaceLanguage`, `interfaceLanguage(code)` there);
 * English, the source and the fallback, always is one.
 */
export type InterfaceLanguage = 'en' | (string & { readonly [interfaceLanguage]: true });

/** What the interface knows of one of its languages besides the messages: read from its catalogue file. */
export type LanguageInfo = {
  /** the language's code (BCP 47, lower case): the URL prefix, `lang`, `hreflang`, Accept-Language's match */
  code: InterfaceLanguage;
  /** its name in itself, as the language switch shows it ("Français", "العربية") */
  name: string;
  direction: 'ltr' | 'rtl';
  /** the locale Intl formats dates, times, numbers and lists with (Arabic pins Latin digits: "ar-u-nu-latn") */
  intlLocale: string;
  /** how Intl writes a file's size unit ("MB" short, "ميغابايت" long) */
  unitDisplay: 'short' | 'long';
};
