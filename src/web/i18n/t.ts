import type { InterfaceLanguage } from '../../domain/language.ts';
import { CATALOGUES, type MessageKey } from './messages.ts';
import { quantity } from './form-errors.ts';

/** A message in one language; `lang` says which (a translator made by `translator()` carries it). */
export type Translate = ((key: MessageKey, params?: Record<string, string | number>) => string) & { readonly lang?: InterfaceLanguage };

/** The parameters that carry the count a message's plural form depends on, in order of preference. */
const COUNT_PARAMS = ['n', 'count'] as const;

/**
 * Numeric parameters that name a thing rather than count it (a record's id, an audit entry, a year, a version or
 * edition number, a code, an HTTP status, a day's number): written as they are. Every other number is a quantity,
 * written by Intl in the reader's language after the plural form is chosen ("2,091", French "2 091").
 */
const NAME_PARAMS = new Set(['id', 'ids', 'entry', 'year', 'version', 'number', 'code', 'status', 'day', 'last', 'later', 'slug', 'hash']);

const rulesOf = new Map<string, Intl.PluralRules>();
function pluralCategory(lang: string, count: number): Intl.LDMLPluralRule {
  let rules = rulesOf.get(lang);
  if (!rules) rulesOf.set(lang, (rules = new Intl.PluralRules(lang)));
  return rules.select(count);
}

/**
 * The count a message is about: the first of {n} or {count} given as a finite number, or as a whole
 * number already formatted for display (Arabic-Indic digits, group separators: "١٢", "1 000", "1,000").
 */
function countOf(params: Record<string, string | number>): number | null {
  for (const name of COUNT_PARAMS) {
    const v = params[name];
    if (typeof v === 'number' && Number.isFinite(v)) return v;
    if (typeof v === 'string') {
      const digits = v
        .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
        .replace(/[\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
        .replace(/[\s,\u066c\u00a0\u202f'’]/g, '');
      if (/^-?\d+$/.test(digits)) return Number(digits);
    }
  }
  return null;
}

/**
 * The message for `key` in `lang`. With a count ({n} or {count}) the plural form is chosen by
 * Intl.PluralRules for the language: `key.zero`, `.one`, `.two`, `.few` or `.many` when the
 * catalogue has that variant, else `key` itself (which is the "other" form). A language that lacks
 * the key altogether falls back to English, with English plural rules.
 */
export function translator(lang: InterfaceLanguage): Translate {
  const own: Partial<Record<string, string>> = CATALOGUES[lang] ?? {};
  const en: Partial<Record<string, string>> = CATALOGUES.en;
  const t = (key: MessageKey, params?: Record<string, string | number>): string => {
    const count = params ? countOf(params) : null;
    const pick = (cat: Partial<Record<string, string>>, catLang: string): string | undefined => {
      if (count !== null) {
        const category = pluralCategory(catLang, count);
        if (category !== 'other') {
          const variant = cat[`${key}.${category}`];
          if (variant !== undefined) return variant;
        }
      }
      return cat[key];
    };
    const template = (lang === 'en' ? undefined : pick(own, lang)) ?? pick(en, 'en') ?? key;
    if (!params) return template;
    const shown = (name: string): string => {
      const v = params[name]!;
      return typeof v === 'number' && Number.isFinite(v) && !NAME_PARAMS.has(name) ? quantity(lang, v) : String(v);
    };
    return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? shown(name) : m));
  };
  return Object.assign(t, { lang });
}
