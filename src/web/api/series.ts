// /api/series and /api/series/:slug
import type { Hono } from 'hono';
import { NotFound } from '../../domain/errors.ts';
import { seriesBySlug } from '../../storage/queries.ts';
import type { AppDeps } from '../deps.ts';
import { pageBody, pageKey, pagination, parsePage } from './pagination.ts';
import { eventSummary, seriesSummary } from './presenters.ts';
import { eventsOfSeries, listSeries } from './queries.ts';
import { API_HEADERS, cachedJson } from './respond.ts';
import { langHeaders, langKey, parseLang } from './params.ts';
import { formMessage } from '../../domain/form-messages.ts';

export function mountSeries(api: Hono, deps: AppDeps): void {
  const { db, engine } = deps.storage;

  api.get('/series', (c) => {
    const req = parsePage(c.req.query());
    const reader = parseLang(c.req.query());
    return cachedJson(deps, c, langKey(pageKey(c.req.path, req), reader), async () => {
      const base = deps.baseUrl();
      const { total, rows } = await listSeries(db, engine, req);
      const p = pagination(req, total);
      return pageBody(rows.map((s) => seriesSummary(base, s, s.event_count, reader)), p, `${base}/api/series`);
    }, { ...API_HEADERS, ...langHeaders(reader) });
  });

  // A series without published events is still shown (as on the site), with no events.
  api.get('/series/:slug', (c) => {
    const reader = parseLang(c.req.query());
    return cachedJson(deps, c, langKey(c.req.path, reader), async () => {
      const base = deps.baseUrl();
      const found = await seriesBySlug(db, c.req.param('slug'));
      if (!found) throw new NotFound(formMessage('apiNoSeries', { slug: c.req.param('slug') ?? '' }));
      const events = await eventsOfSeries(db, found.series.id);
      return { data: { ...seriesSummary(base, found.series, events.length, reader), events: events.map((e) => eventSummary(base, e, reader)) } };
    }, { ...API_HEADERS, ...langHeaders(reader) });
  });
}
