// Responses rendered once per change and kept as bytes: pages and exports alike.
import type { Context } from 'hono';
import { NotFound } from '../domain/errors.ts';
import { acceptsGzip, type CachedPage, type PageCache } from './page-cache.ts';

function headersOf(flat: string[]): Record<string, string> {
  const h: Record<string, string> = {};
  for (let i = 0; i < flat.length; i += 2) h[flat[i]!] = flat[i + 1]!;
  return h;
}

export function respondCached(c: Context, page: CachedPage): Response {
  if (c.req.header('if-none-match') === page.etag) return c.body(null, 304, headersOf(page.notModified));
  if (acceptsGzip(c.req.header('accept-encoding'))) return c.body(new Uint8Array(page.gzip), 200, headersOf(page.gzip200));
  return c.body(new Uint8Array(page.body), 200, headersOf(page.plain200));
}

/**
 * Serve the request's path from the cache, or render it and keep the bytes. The generation is
 * read before the data, so a write during rendering makes the result stale at once.
 * `render` returns undefined for "no such thing" (a 404). A render that shows one event and
 * nothing outside it (its series, convener, people and organizations count as part of it:
 * storage/write.ts) calls `event(id)`: then writes that change other events leave the page
 * cached. Without that call any write drops it. `headers` may be a function, called
 * after `render`, for headers that depend on what was rendered (a file name, a style's hash).
 */
export async function cached(
  cache: PageCache,
  c: Context,
  headers: Record<string, string> | (() => Record<string, string>),
  render: (event: (id: number) => void) => Promise<string | Uint8Array | undefined>,
  /** the cache key: the path, unless the route pages (`/people?page=2`: web/paging.ts) */
  key: string = c.req.path,
): Promise<Response> {
  const hit = cache.get(key);
  if (hit) return respondCached(c, hit);
  const generation = cache.currentGeneration();
  const events: number[] = [];
  const body = await render((id) => void events.push(id));
  if (body === undefined) throw new NotFound(`nothing at ${key}`);
  return respondCached(c, cache.set(key, generation, body, typeof headers === 'function' ? headers() : headers, events.length ? events : null));
}
