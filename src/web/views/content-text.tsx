/** @jsxImportSource hono/jsx */
// Content in several languages on a page (issue 13): the attributes that tell screen readers and
// browsers which language a text is in, and languages named in the reader's own.
import { type Picked, textDirection } from '../../domain/translations.ts';

/**
 * `lang` of a text shown on a page in `pageLang`, and `dir` where its direction is not the page's:
 * a screen reader switches voice for it, and an Arabic title on an English page runs right to left.
 */
export function textAttrs(p: Pick<Picked, 'lang'> | null | undefined, pageLang: string): { lang?: string; dir?: 'ltr' | 'rtl' } {
  if (!p) return {};
  const dir = textDirection(p.lang);
  return dir === textDirection(pageLang) ? { lang: p.lang } : { lang: p.lang, dir };
}

const names = new Map<string, Intl.DisplayNames>();
/** A language's name in the reader's language ("espagnol" for es in French), from Intl (CLDR). */
export function languageName(code: string, inLanguage: string): string {
  let n = names.get(inLanguage);
  if (!n) names.set(inLanguage, (n = new Intl.DisplayNames([inLanguage], { type: 'language', fallback: 'code' })));
  const name = n.of(code) ?? code;
  // CLDR names are lower case in French and Spanish; at the start of a label they are capitalised by the message.
  return name;
}

/** A language's name as its own speakers write it ("Français", "Español"), for links to that language. */
export function endonym(code: string): string {
  const name = languageName(code, code);
  return name.charAt(0).toLocaleUpperCase(code) + name.slice(1);
}
