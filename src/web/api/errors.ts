// The API's error body: always JSON with a stable code, so clients branch on `code`, not on text.
import type { Context } from 'hono';
import { PlenaryError } from '../../domain/errors.ts';
import { API_HEADERS } from './respond.ts';

export const API_ERROR_CODES = ['not_found', 'invalid_input', 'method_not_allowed', 'internal', 'unauthenticated', 'forbidden', 'conflict'] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export const STATUS: Record<ApiErrorCode, 400 | 401 | 403 | 404 | 405 | 409 | 500> = { not_found: 404, invalid_input: 400, method_not_allowed: 405, internal: 500, unauthenticated: 401, forbidden: 403, conflict: 409 };

export function apiError(c: Context, code: ApiErrorCode, message: string, extra: Record<string, string> = {}): Response {
  return c.body(JSON.stringify({ error: { code, message } }), STATUS[code], { ...API_HEADERS, ...extra });
}

/**
 * The sub-app's onError. Only not-found and invalid-input failures are the client's to see;
 * anything else is logged and answered with a generic message (no internals leak).
 */
export function apiOnError(err: Error, c: Context): Response {
  if (err instanceof PlenaryError && err.code === 'not_found') return apiError(c, 'not_found', err.message);
  if (err instanceof PlenaryError && err.code === 'invalid_input') return apiError(c, 'invalid_input', err.message);
  console.error(`plenary: ${c.req.method} ${c.req.path} failed:`, err);
  return apiError(c, 'internal', 'the server could not answer this request; the error has been logged');
}
