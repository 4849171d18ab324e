// /api/events, /api/events/:slug (the agenda, from the export model) and /api/sessions/:id
import type { Hono } from 'hono';
import { NotFound } from '../../domain/errors.ts';
import { loadEventExport } from '../../operations/event-export.ts';
import { releasesOf } from '../../operations/releases.ts';
import { publishedEventBySlug } from '../../storage/queries.ts';
import { translator } from '../i18n/t.ts';
import { changeText } from '../views/changes.tsx';
import type { AppDeps } from '../deps.ts';
import { pageBody, pageKey, pagination, parsePage } from './pagination.ts';
import { langHeaders, langKey, parseLang, parseSessionId } from './params.ts';
import { API_HEADERS } from './respond.ts';
import { eventDetail, eventSummary, sessionDetail } from './presenters.ts';
import { listEvents, publishedEventOfSession } from './queries.ts';
import { cachedJson } from './respond.ts';
import { formMessage } from '../../domain/form-messages.ts';

export function mountEvents(api: Hono, deps: AppDeps): void {
  const { db } = deps.storage;

  api.get('/events', (c) => {
    const req = parsePage(c.req.query());
    const reader = parseLang(c.req.query());
    return cachedJson(deps, c, langKey(pageKey(c.req.path, req), reader), async () => {
      const base = deps.baseUrl();
      const { total, rows } = await listEvents(db, req);
      return pageBody(rows.map((e) => eventSummary(base, e, reader)), pagination(req, total), `${base}/api/events`);
    }, { ...API_HEADERS, ...langHeaders(reader) });
  });

  api.get('/events/:slug', (c) => {
    const reader = parseLang(c.req.query());
    return cachedJson(deps, c, langKey(c.req.path, reader), async (generation) => {
      const x = await loadEventExport(db, c.req.param('slug'), deps.baseUrl(), generation, reader);
      if (!x) throw new NotFound(formMessage('apiNoEvent', { slug: c.req.param('slug') ?? '' }));
      return { data: eventDetail(x, reader), events: [x.event.id] };
    }, { ...API_HEADERS, ...langHeaders(reader) });
  });

  api.get('/events/:slug/releases', (c) => {
    // The changes' sentences in the language asked for (the changelog page's, /fr/events/{slug}/changes).
    const reader = parseLang(c.req.query());
    const tr = translator(reader);
    return cachedJson(deps, c, langKey(c.req.path, reader), async () => {
      const found = await publishedEventBySlug(db, c.req.param('slug'));
      if (!found) throw new NotFound(formMessage('apiNoEvent', { slug: c.req.param('slug') ?? '' }));
      const page = `${deps.baseUrl()}/events/${found.event.slug}/changes`;
      const data = (await releasesOf(db, found.event.id)).map((r) => ({
        number: r.number,
        createdAt: r.createdAt,
        note: r.note,
        url: `${page}#release-${r.number}`,
        first: r.changes === null,
        changes: (r.changes?.items ?? []).map((ch) => ({ ...ch, text: changeText(ch, tr, reader) })),
      }));
      return { data: { data }, events: [found.event.id] };
    }, { ...API_HEADERS, ...langHeaders(reader) });
  });

  api.get('/sessions/:id', (c) => {
    const id = parseSessionId(c.req.param('id'));
    const reader = parseLang(c.req.query());
    return cachedJson(deps, c, langKey(c.req.path, reader), async (generation) => {
      const slug = await publishedEventOfSession(db, id);
      if (!slug) throw new NotFound(formMessage('apiNoSession', { id }));
      const x = await loadEventExport(db, slug, deps.baseUrl(), generation, reader);
      const s = x && sessionDetail(x, id, reader);
      return s && x && { data: s, events: [x.event.id] };
    }, { ...API_HEADERS, ...langHeaders(reader) });
  });
}
