// JSON responses kept in the page cache, so the API gets the site's ETags, 304s and gzip.
// Unlike cached(), the key is chosen by the route: list pages include their normalised query.
import type { Context } from 'hono';
import { NotFound } from '../../domain/errors.ts';
import { respondCached } from '../cached.ts';
import type { AppDeps } from '../deps.ts';
import { formMessage } from '../../domain/form-messages.ts';
import { isInterfaceLanguage } from '../../interface-languages.ts';
import { pageUrlsIn } from '../export-pages.ts';

/**
 * Headers of every API response. CORS headers are part of them (not only added by middleware)
 * because the server's fast path answers cached GETs without entering Hono.
 */
export const API_HEADERS: Record<string, string> = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-cache',
  'x-content-type-options': 'nosniff',
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'ETag,Link', // as hono/cors writes it
};

/** `events`: the one event the answer shows and nothing else, so that writes to other events leave it cached (web/cached.ts). */
export type Rendered = { data: unknown; headers?: Record<string, string>; events?: number[] };

/**
 * Serve `key` from the cache, or render and keep it. The generation is read before the data,
 * so a write during rendering makes the entry stale at once. undefined from render → 404.
 */
export async function cachedJson(
  deps: AppDeps,
  c: Context,
  key: string,
  render: (generation: number) => Promise<Rendered | undefined>,
  headers: Record<string, string> = API_HEADERS,
): Promise<Response> {
  const hit = deps.cache.get(key);
  if (hit) return respondCached(c, hit);
  const generation = deps.cache.currentGeneration();
  const out = await render(generation);
  if (out === undefined) throw new NotFound(formMessage('apiNothingAt', { path: c.req.path }));
  // An answer in a language (its Content-Language, from ?lang=) links the public pages in it (web/export-pages.ts).
  const lang = out.headers?.['content-language'] ?? headers['content-language'];
  const data = lang && typeof out.data !== 'string' && isInterfaceLanguage(lang) ? pageUrlsIn(out.data, deps.baseUrl(), lang) : out.data;
  const body = typeof data === 'string' ? data : JSON.stringify(data);
  return respondCached(c, deps.cache.set(key, generation, body, { ...headers, ...out.headers }, out.events?.length ? out.events : null));
}
