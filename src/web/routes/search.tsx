/** @jsxImportSource hono/jsx */
// /search (the page) and /api/search (JSON, described in the OpenAPI document): one query over
// what the public sees. Answered fresh each time, never from the page cache: an answer is per query.
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { InvalidInput } from '../../domain/errors.ts';
import { DEFAULT_LANGUAGE, type InterfaceLanguage } from '../../domain/language.ts';
import { FACETS, MAX_PER_PAGE, search, type SearchFilters, type SearchOutcome } from '../../operations/search.ts';
import { API_HEADERS } from '../api/respond.ts';
import type { AppDeps } from '../deps.ts';
import { translator } from '../i18n/t.ts';
import { HTML_HEADERS } from '../security.ts';
import { renderDocument } from '../views/layout.tsx';
import { placeOf } from '../views/render-context.ts';

import { facetLabel, FACET_VALUES_SHOWN, SearchErrorPage, SearchPage, searchHref } from '../views/search.tsx';

const whole = (max: number) => z.string().regex(/^[1-9][0-9]{0,5}$/, 'must be a positive whole number').transform(Number).pipe(z.number().max(max, `must be at most ${max}`));
const params = z.object({
  q: z.string().max(500, 'q must be at most 500 characters').optional(),
  page: whole(1000).optional(),
  perPage: whole(MAX_PER_PAGE).optional(),
  ...Object.fromEntries(FACETS.map((f) => [f, z.string().max(200, `${f} must be at most 200 characters`).optional()])),
});

/** A search's parameters from the query string; a malformed one is an InvalidInput naming it. */
export function parseSearch(query: Record<string, string>): { q: string; filters: SearchFilters; page: number; perPage: number } {
  const r = params.safeParse(query);
  if (!r.success) throw new InvalidInput(r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const v = r.data as Record<string, string | number | undefined>;
  const filters: SearchFilters = {};
  for (const f of FACETS) if (typeof v[f] === 'string' && v[f] !== '') filters[f] = v[f] as string;
  return { q: (v.q as string | undefined) ?? '', filters, page: (v.page as number | undefined) ?? 1, perPage: (v.perPage as number | undefined) ?? 20 };
}

/** The JSON answer: results with highlighted titles and snippets as parts, facets with labels and exact counts. */
export function searchJson(o: SearchOutcome, baseUrl: string) {
  const lang = DEFAULT_LANGUAGE;
  const t = translator(lang);
  const abs = (href: string) => (href.startsWith('/') ? `${baseUrl}${href}` : href);
  return {
    query: o.q,
    filters: o.filters,
    total: o.total,
    page: o.page,
    perPage: o.perPage,
    pages: o.pages,
    results: o.hits.map((h) => ({
      kind: h.kind,
      id: h.id,
      title: h.title.map((p) => p.text).join(''),
      titleParts: h.title,
      url: abs(h.href),
      event: h.eventTitle,
      person: h.personName,
      date: h.date,
      lang: h.lang,
      materialKind: h.materialKind,
      role: h.role,
      snippet: h.snippet,
    })),
    facets: Object.fromEntries(
      FACETS.map((f) => [
        f,
        o.facets[f].map((v) => ({ value: v.value, label: facetLabel(f, v.value, o, t, lang), count: v.count, selected: v.selected, url: `${baseUrl}${searchHref(o.q, v.selected ? withoutFacet(o.filters, f) : { ...o.filters, [f]: v.value })}` })),
      ]),
    ),
  };
}

const withoutFacet = (filters: SearchFilters, f: string) => Object.fromEntries(Object.entries(filters).filter(([k]) => k !== f)) as SearchFilters;

export function searchRoutes(deps: AppDeps, lang: InterfaceLanguage = 'en'): Hono {
  const app = new Hono();
  const t = translator(lang);
  app.get('/search', async (c: Context) => {
    let p: ReturnType<typeof parseSearch>;
    try {
      p = parseSearch(c.req.query());
    } catch (e) {
      if (!(e instanceof InvalidInput)) throw e;
      return c.body(await renderDocument(<SearchErrorPage lang={lang} t={t} detail={e.message} />, placeOf(c.req.path, deps.baseUrl())), 400, { ...HTML_HEADERS, 'cache-control': 'no-store' });
    }
    const outcome = await search(deps.storage, p);
    const html = await renderDocument(<SearchPage lang={lang} t={t} outcome={outcome} />, placeOf(c.req.url.slice(c.req.url.indexOf('/', 8)), deps.baseUrl()));
    return c.body(html, 200, { ...HTML_HEADERS, 'cache-control': 'no-store' });
  });
  return app;
}

/** GET /api/search, mounted by routes/api.ts (its errors are the API's JSON errors). */
export function mountSearchApi(api: Hono, deps: AppDeps): void {
  api.get('/search', async (c) => {
    const p = parseSearch(c.req.query());
    const outcome = await search(deps.storage, p);
    return c.body(JSON.stringify(searchJson(outcome, deps.baseUrl())), 200, { ...API_HEADERS, 'cache-control': 'no-store' });
  });
}

export { FACET_VALUES_SHOWN };
