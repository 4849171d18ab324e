// Every number the site writes for a reader goes through here (issue 13): pages, messages' counts (t() through
// form-errors.ts quantity), file sizes, the representation figures and charts, search facets' counts.
//
// One path so that a French number is written one way everywhere: Intl.NumberFormat in the language's Intl locale
// (interface-languages.ts intlLocale: Latin digits in Arabic), then French's narrow no-break space (U+202F: CLDR 42 on
// groups digits and separates units with it; older ICUs gave U+00A0) written as the no-break space U+00A0, which the
// catalogues use before : ; ? ! and inside « », and which every font has. Before this, counts in messages and file sizes
// grouped with U+00A0 while the representation figures kept Intl's U+202F ("1 234" two ways on one site).
// test/grouped-counts.test.ts reads such numbers over HTTP; test/number-path.test.ts fails on an Intl.NumberFormat
// made anywhere else in src/web or src/exports.
import { type InterfaceLanguage, intlLocale } from '../../interface-languages.ts';

const formats = new Map<string, Intl.NumberFormat>();

/** Intl.NumberFormat's options as a key (the few this site uses; order as given). */
const keyOf = (lang: string, options: Intl.NumberFormatOptions | undefined) => `${lang} ${options ? JSON.stringify(options) : ''}`;

/** The formatter for `lang` and `options`, made once (making one costs more than using it). */
export function numberFormat(lang: InterfaceLanguage, options?: Intl.NumberFormatOptions): (n: number) => string {
  const key = keyOf(lang, options);
  let f = formats.get(key);
  if (!f) formats.set(key, (f = new Intl.NumberFormat(intlLocale(lang), options)));
  const made = f;
  return (n: number) => made.format(n).replace(/\u202f/g, '\u00a0');
}

/** `n` as `lang` writes it with `options` (grouped; French with U+00A0). */
export function formatNumber(lang: InterfaceLanguage, n: number, options?: Intl.NumberFormatOptions): string {
  return numberFormat(lang, options)(n);
}
