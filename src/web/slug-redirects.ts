// Old addresses keep answering: a public GET under a slug that no record holds any more (re-slugged
// by migration 0013, changed by an organizer, merged into another record) is answered with a 301
// to the same address under the record's current slug, the rest of the path and the query kept.
//
// One middleware, outside every public route (pages, exports, feeds, the API): it looks only at
// answers that are already 404, so a page that exists costs nothing, and a route added later
// under /events/{slug}/… is covered without a line of its own. A redirect is never put in the
// page cache (cached() keeps only what it rendered, and a 404 renders nothing): it is looked up
// again on every request, so it follows every later write (a redirect moved by a merge, an old
// slug taken by a new event).
import type { MiddlewareHandler } from 'hono';
import { SLUG_PATTERN } from '../domain/slug.ts';
import { redirectedSlug, type SlugEntity } from '../storage/queries/slugs.ts';
import { languageOfPath, prefixOf, withoutPrefix } from './views/render-context.ts';
import type { Storage } from '../storage/storage.ts';

const COLLECTIONS: Record<string, SlugEntity> = { series: 'series', events: 'event', people: 'person', organizations: 'organization' };

/** `/series|events|people|organizations/{slug}…`, also under `/api`: the prefix, the collection, the slug, the rest. */
const SLUG_PATH = /^(\/api)?\/(series|events|people|organizations)\/([^/]+)(\/.*)?$/;

/**
 * The address an old one leads to, or undefined: `pathname` as the client sent it (still percent-encoded). Under a
 * language's prefix (/fr/people/old-slug) the new address keeps it (/fr/people/new-slug), as every link of the page does.
 */
export async function redirectLocation(storage: Storage, pathname: string, search: string): Promise<string | undefined> {
  const lang = languageOfPath(pathname);
  const m = SLUG_PATH.exec(lang === 'en' ? pathname : withoutPrefix(pathname));
  if (!m) return undefined;
  const [, api = '', collection, slug, rest = ''] = m;
  // The API is at the root only: /fr/api/… is no address.
  if (!SLUG_PATTERN.test(slug!) || (api && lang !== 'en')) return undefined;
  const current = await redirectedSlug(storage.db, COLLECTIONS[collection!]!, slug!);
  return current === undefined ? undefined : `${prefixOf(lang)}${api}/${collection}/${current}${rest}${search}`;
}

export function slugRedirects(storage: Storage): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (c.res.status !== 404 || (c.req.method !== 'GET' && c.req.method !== 'HEAD')) return;
    const url = new URL(c.req.url);
    const location = await redirectLocation(storage, url.pathname, url.search);
    if (location === undefined) return;
    // A new response, not the 404's headers merged into it (Hono merges into a response it replaces).
    c.res = undefined as unknown as Response;
    c.res = new Response(null, { status: 301, headers: { location, 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' } });
  };
}
