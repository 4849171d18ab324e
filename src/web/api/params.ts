// Path parameters checked with zod before they reach a query: a malformed one is a 400 naming it.
import { z } from 'zod';
import { InvalidInput } from '../../domain/errors.ts';
import { DEFAULT_LANGUAGE, INTERFACE_LANGUAGES, type InterfaceLanguage } from '../../domain/language.ts';

const sessionId = z
  .string()
  .regex(/^[1-9][0-9]{0,9}$/, 'id must be a positive whole number')
  .transform(Number)
  // The column is a 32-bit integer on PostgreSQL: larger values would fail in the database.
  .pipe(z.number().max(2_147_483_647, 'id must be a positive whole number'));

const countryCode = z
  .string()
  .regex(/^[A-Za-z]{2}$/, 'code must be an ISO 3166-1 alpha-2 country code such as CA')
  .transform((s) => s.toUpperCase());

function check<T>(schema: z.ZodType<T, string>, value: string): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new InvalidInput(r.error.issues.map((i) => i.message).join('; '));
  return r.data;
}

export const parseSessionId = (raw: string): number => check(sessionId, raw);
export const parseCountryCode = (raw: string): string => check(countryCode, raw);

const language = z.enum(INTERFACE_LANGUAGES, { error: `lang must be one of ${INTERFACE_LANGUAGES.join(', ')}` });

/**
 * `?lang=` of the archive's reads (issue 13): the language the client reads. Titles, overviews,
 * themes, session titles, material labels and series' texts come in it where an editor entered
 * them (each with the language it is in), country names always. Absent: English, as before.
 */
export function parseLang(query: { lang?: string | undefined }): InterfaceLanguage {
  if (query.lang === undefined) return DEFAULT_LANGUAGE;
  return check(language, query.lang);
}

/** The cache key of an answer in `lang`: the key itself for English (the fast path's bare path), else with `lang=` added. */
export function langKey(key: string, lang: InterfaceLanguage): string {
  return lang === DEFAULT_LANGUAGE ? key : `${key}${key.includes('?') ? '&' : '?'}lang=${lang}`;
}

/** The headers of an answer in `lang`. */
export const langHeaders = (lang: InterfaceLanguage): Record<string, string> => ({ 'content-language': lang });
