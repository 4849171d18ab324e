// Path parameters checked with zod before they reach a query: a malformed one is a 400 naming it.
import { z } from 'zod';
import { InvalidInput } from '../../domain/errors.ts';
import { formIssue, issueMessage } from '../../domain/form-messages.ts';
import { DEFAULT_LANGUAGE } from '../../domain/language.ts';
import { INTERFACE_LANGUAGES, type InterfaceLanguage } from '../../interface-languages.ts';

const sessionId = z
  .string()
  // The column is a 32-bit integer on PostgreSQL: larger values would fail in the database.
  .refine((s) => /^[1-9][0-9]{0,9}$/.test(s) && Number(s) <= 2_147_483_647, formIssue('apiId'))
  .transform(Number);

const countryCode = z
  .string()
  .refine((s) => /^[A-Za-z]{2}$/.test(s), formIssue('apiCountryCode'))
  .transform((s) => s.toUpperCase());

/** A refusal keeps its key (`formError.api…`), so `?lang=` can say it in the reader's language (api/errors.ts). */
function check<T>(schema: z.ZodType<T, string>, value: string): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new InvalidInput(r.error.issues.map((i) => ({ message: issueMessage(i) })));
  return r.data;
}

export const parseSessionId = (raw: string): number => check(sessionId, raw);
export const parseCountryCode = (raw: string): string => check(countryCode, raw);

const language = z.string().refine((s) => (INTERFACE_LANGUAGES as readonly string[]).includes(s), formIssue('apiLang', { options: INTERFACE_LANGUAGES.join(', ') })).transform((s) => s as InterfaceLanguage);

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
