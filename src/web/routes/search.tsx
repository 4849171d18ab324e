/** @jsxImportSource hono/jsx */
// /search (the page) and /api/search (JSON, described in the OpenAPI document): one query over
// what the public sees. Answered fresh each time, never from the page cache: an answer is per query.
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { InvalidInput } from '../../domain/errors.ts';
import { formIssue, issueMessage } from '../../domain/form-messages.ts';
import { DEFAULT_LANGUAGE, type InterfaceLanguage } from '../../domain/language.ts';
import { type Facet, FACETS, MAX_PER_PAGE, search, type SearchFilters, type SearchOutcome } from '../../operations/search.ts';
import { API_HEADERS } from '../api/respond.ts';
import type { AppDeps } from '../deps.ts';
import { refusalText } from '../i18n/form-errors.ts';
import { translator } from '../i18n/t.ts';
import { HTML_HEADERS } from '../security.ts';
import { renderDocument } from '../views/layout.tsx';
import { hrefIn, placeOf, prefixOf } from '../views/render-context.ts';
import { langHeaders, parseLang } from '../api/params.ts';

import { FACET_VALUES_SHOWN, facetText, SEARCH_PER_PAGE, SearchErrorPage, SearchPage, searchHref, searchPath } from '../views/search.tsx';

// Each refusal keyed (domain/form-messages.ts), so the page and /api/search?lang= say it in their language.
const whole = (name: string, max: number) =>
  z
    .string()
    .refine((s) => /^[1-9][0-9]{0,5}$/.test(s) && Number(s) <= max, formIssue('apiWholeMax', { name, max }))
    .transform(Number);
const text = (name: string, max: number) => z.string().refine((s) => s.length <= max, formIssue('searchTooLong', { name, max }));
const params = z.object({
  q: text('q', 500).optional(),
  page: whole('page', 1000).optional(),
  perPage: whole('perPage', MAX_PER_PAGE).optional(),
  ...Object.fromEntries(FACETS.map((f) => [f, text(f, 200).optional()])),
});

/** A search's parameters from the query string; a malformed one is an InvalidInput naming it. */
export function parseSearch(query: Record<string, string>): { q: string; filters: SearchFilters; page: number; perPage: number } {
  const r = params.safeParse(query);
  if (!r.success) throw new InvalidInput(r.error.issues.map((i) => ({ message: issueMessage(i) })));
  const v = r.data as Record<string, string | number | undefined>;
  const filters: SearchFilters = {};
  for (const f of FACETS) if (typeof v[f] === 'string' && v[f] !== '') filters[f] = v[f] as string;
  return { q: (v.q as string | undefined) ?? '', filters, page: (v.page as number | undefined) ?? 1, perPage: (v.perPage as number | undefined) ?? SEARCH_PER_PAGE };
}

/**
 * A facet's name in the API: the language of the text is `textLang` there, since `lang` is the
 * language the client reads (the archive's reads' `?lang=`, components.parameters.Lang); the HTML
 * page, whose language is its address's prefix, keeps `lang`.
 */
export const apiFacetName = (f: Facet): string => (f === 'lang' ? 'textLang' : f);

/** The JSON answer: results with highlighted titles and snippets as parts, facets with labels (in `reader`'s language) and exact counts. */
export function searchJson(o: SearchOutcome, baseUrl: string, reader: InterfaceLanguage = DEFAULT_LANGUAGE) {
  const lang = reader;
  const t = translator(lang);
  const abs = (href: string) => (href.startsWith('/') ? `${baseUrl}${href}` : href);
  return {
    query: o.q,
    filters: Object.fromEntries(Object.entries(o.filters).map(([f, v]) => [apiFacetName(f as Facet), v])),
    total: o.total,
    page: o.page,
    perPage: o.perPage,
    pages: o.pages,
    results: o.hits.map((h) => ({
      kind: h.kind,
      id: h.id,
      title: h.title.map((p) => p.text).join(''),
      titleParts: h.title,
      titleLang: h.titleLang,
      // Its page in the language read in, as the facets' search pages (a file's address is the same in every language).
      url: abs(hrefIn(lang, h.href)),
      event: h.eventTitle,
      eventLang: h.eventTitleLang,
      person: h.personName,
      date: h.date,
      lang: h.lang,
      materialKind: h.materialKind,
      role: h.role,
      snippet: h.snippet,
    })),
    facets: Object.fromEntries(
      FACETS.map((f) => [
        apiFacetName(f),
        o.facets[f].map((v) => {
          const label = facetText(f, v.value, o, t, lang);
          return {
            value: v.value,
            label: label.text,
            labelLang: label.lang,
            count: v.count,
            selected: v.selected,
            // The search page in the reader's language.
            url: `${baseUrl}${hrefIn(lang, searchHref(o.q, v.selected ? withoutFacet(o.filters, f) : { ...o.filters, [f]: v.value }))}`,
          };
        }),
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
      return c.body(await renderDocument(<SearchErrorPage lang={lang} t={t} detail={refusalText(t, e.refusals)} />, placeOf(c.req.path, deps.baseUrl())), 400, { ...HTML_HEADERS, 'cache-control': 'no-store' });
    }
    const outcome = await search(deps.storage, { ...p, reader: lang });
    // The page's place is the search it shows (searchPath), not the request's query as typed: the alternates and the
    // language switch keep the query, the filters, the page and its size, and nothing else (a repeated or unknown parameter).
    const html = await renderDocument(<SearchPage lang={lang} t={t} outcome={outcome} />, placeOf(`${prefixOf(lang)}${searchPath(outcome)}`, deps.baseUrl()));
    return c.body(html, 200, { ...HTML_HEADERS, 'cache-control': 'no-store' });
  });
  return app;
}

/** GET /api/search, mounted by routes/api.ts (its errors are the API's JSON errors). */
export function mountSearchApi(api: Hono, deps: AppDeps): void {
  api.get('/search', async (c) => {
    const { lang, textLang, ...rest } = c.req.query();
    // ?lang= is the language read in (as on every archive read); the text's language is the filter textLang.
    const reader = parseLang({ lang });
    const p = parseSearch({ ...rest, ...(textLang !== undefined ? { lang: textLang } : {}) });
    const outcome = await search(deps.storage, { ...p, reader });
    return c.body(JSON.stringify(searchJson(outcome, deps.baseUrl(), reader)), 200, { ...API_HEADERS, ...langHeaders(reader), 'cache-control': 'no-store' });
  });
}

export { FACET_VALUES_SHOWN };
