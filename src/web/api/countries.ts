// /api/countries and /api/countries/:code (ISO 3166-1 alpha-2, either case).
import type { Hono } from 'hono';
import { NotFound } from '../../domain/errors.ts';
import { countryName } from '../../domain/country.ts';
import type { AppDeps } from '../deps.ts';
import { pageBody, pageKey, pagination, parsePage } from './pagination.ts';
import { langHeaders, langKey, parseCountryCode, parseLang } from './params.ts';
import { appearancesInContext, countrySummary } from './presenters.ts';
import { allCountries, appearancesInContext as loadAppearances } from './queries.ts';
import { API_HEADERS, cachedJson } from './respond.ts';
import { formMessage } from '../../domain/form-messages.ts';

export function mountCountries(api: Hono, deps: AppDeps): void {
  const { db } = deps.storage;

  api.get('/countries', (c) => {
    const req = parsePage(c.req.query());
    const reader = parseLang(c.req.query());
    return cachedJson(deps, c, langKey(pageKey(c.req.path, req), reader), async () => {
      const base = deps.baseUrl();
      // By name in the client's language, then code; compared by code points so the order never depends on the host's ICU.
      const all = (await allCountries(db))
        .map((r) => countrySummary(base, r.code, r.appearances, reader))
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
      const p = pagination(req, all.length);
      return pageBody(all.slice(req.offset, req.offset + req.perPage), p, `${base}/api/countries`);
    }, { ...API_HEADERS, ...langHeaders(reader) });
  });

  // Any ISO country answers, with no appearances if none are recorded (as its page on the site does).
  api.get('/countries/:code', (c) => {
    const code = parseCountryCode(c.req.param('code'));
    const reader = parseLang(c.req.query());
    return cachedJson(deps, c, langKey(c.req.path, reader), async () => {
      const base = deps.baseUrl();
      const { rows, materials } = await loadAppearances(db, { countryCode: code });
      if (!countryName(code, 'en') && rows.length === 0) throw new NotFound(formMessage('apiNoCountry', { code }));
      return { data: { ...countrySummary(base, code, rows.length, reader), appearances: appearancesInContext(base, rows, materials, reader) } };
    }, { ...API_HEADERS, ...langHeaders(reader) });
  });
}
