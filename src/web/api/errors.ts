// The API's error body: always JSON with a stable code, so clients branch on `code`, not on text.
// The `message` is for people: English, or the language the request asks for with `?lang=` (issue 13),
// the same parameter the archive's reads take; `code`, `fields`' names and the status never change with it.
import type { Context } from 'hono';
import { type Reason, PlenaryError, type Refusal } from '../../domain/errors.ts';
import { type FieldMessage, formMessage, FormMessage, messageText } from '../../domain/form-messages.ts';
import { DEFAULT_LANGUAGE } from '../../domain/language.ts';
import { INTERFACE_LANGUAGES, type InterfaceLanguage } from '../../interface-languages.ts';
import { fieldError } from '../i18n/form-errors.ts';
import { translator } from '../i18n/t.ts';
import { API_HEADERS } from './respond.ts';

export const API_ERROR_CODES = ['not_found', 'invalid_input', 'method_not_allowed', 'internal', 'unauthenticated', 'forbidden', 'conflict'] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export const STATUS: Record<ApiErrorCode, 400 | 401 | 403 | 404 | 405 | 409 | 500> = { not_found: 404, invalid_input: 400, method_not_allowed: 405, internal: 500, unauthenticated: 401, forbidden: 403, conflict: 409 };

/**
 * The language an error is said in: `?lang=` when it names an interface language, else English. A `lang`
 * that is not one (itself refused with a 400) is answered in English, so the refusal can be read.
 */
export function errorLanguage(c: Context): InterfaceLanguage {
  const raw = c.req.query('lang');
  return (INTERFACE_LANGUAGES as readonly string[]).includes(raw ?? '') ? (raw as InterfaceLanguage) : DEFAULT_LANGUAGE;
}

const refusalsOf = (reason: Reason | PlenaryError): readonly Refusal[] =>
  reason instanceof PlenaryError ? reason.refusals : Array.isArray(reason) ? reason : typeof reason === 'object' && 'message' in reason && !(reason instanceof FormMessage) ? [reason as Refusal] : [{ message: reason as FieldMessage }];

/**
 * A refusal's text in `lang`: English exactly as `PlenaryError.message` has it; another language from the
 * catalogue (`formError.<key>`), each field named as the API names it ("title : …"), joined by the language's separator.
 * A text without a key stays as it is.
 */
export function apiMessage(lang: InterfaceLanguage, reason: Reason | PlenaryError): string {
  const refusals = refusalsOf(reason);
  if (lang === DEFAULT_LANGUAGE) return refusals.map((r) => (r.field ? `${r.field}: ${messageText(r.message)}` : messageText(r.message))).join('; ');
  const t = translator(lang);
  return refusals.map((r) => (r.field ? `${r.field}${t('punct.colon')}${fieldError(t, r.message)}` : fieldError(t, r.message))).join(t('formError.separator'));
}

/** The headers of an error said in `lang`: Content-Language where it is not English. */
export const errorHeaders = (lang: InterfaceLanguage): Record<string, string> => (lang === DEFAULT_LANGUAGE ? {} : { 'content-language': lang });

export function apiError(c: Context, code: ApiErrorCode, reason: Reason | PlenaryError, extra: Record<string, string> = {}): Response {
  const lang = errorLanguage(c);
  return c.body(JSON.stringify({ error: { code, message: apiMessage(lang, reason) } }), STATUS[code], { ...API_HEADERS, ...errorHeaders(lang), ...extra });
}

/**
 * The sub-app's onError. Only not-found and invalid-input failures are the client's to see;
 * anything else is logged and answered with a generic message (no internals leak).
 */
export function apiOnError(err: Error, c: Context): Response {
  if (err instanceof PlenaryError && err.code === 'not_found') return apiError(c, 'not_found', err);
  if (err instanceof PlenaryError && err.code === 'invalid_input') return apiError(c, 'invalid_input', err);
  console.error(`plenary: ${c.req.method} ${c.req.path} failed:`, err);
  return apiError(c, 'internal', formMessage('apiInternal'));
}
