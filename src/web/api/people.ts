// /api/people and /api/people/:slug, and the same pair for organizations.
import type { Hono } from 'hono';
import { NotFound } from '../../domain/errors.ts';
import type { AppDeps } from '../deps.ts';
import { pageBody, pageKey, pagination, parsePage } from './pagination.ts';
import { appearancesInContext, organizationSummary, personSummary } from './presenters.ts';
import { appearancesInContext as loadAppearances, listOrganizations, listPeople } from './queries.ts';
import { API_HEADERS, cachedJson } from './respond.ts';
import { langHeaders, langKey, parseLang } from './params.ts';
import { formMessage } from '../../domain/form-messages.ts';

export function mountPeople(api: Hono, deps: AppDeps): void {
  const { db, engine } = deps.storage;

  api.get('/people', (c) => {
    const req = parsePage(c.req.query());
    const reader = parseLang(c.req.query());
    return cachedJson(deps, c, langKey(pageKey(c.req.path, req), reader), async () => {
      const base = deps.baseUrl();
      const { total, rows } = await listPeople(db, engine, req);
      return pageBody(rows.map((p) => personSummary(base, p, p.appearances)), pagination(req, total), `${base}/api/people`);
    }, { ...API_HEADERS, ...langHeaders(reader) });
  });

  // Someone who appears only in unpublished events is not public: 404, so drafts do not leak names.
  api.get('/people/:slug', (c) => {
    const reader = parseLang(c.req.query());
    return cachedJson(deps, c, langKey(c.req.path, reader), async () => {
      const base = deps.baseUrl();
      const person = await db.selectFrom('person').selectAll().where('slug', '=', c.req.param('slug')).executeTakeFirst();
      const { rows, materials } = person ? await loadAppearances(db, { personId: person.id }) : { rows: [], materials: [] };
      if (!person || rows.length === 0) throw new NotFound(formMessage('apiNoPerson', { slug: c.req.param('slug') ?? '' }));
      return { data: { ...personSummary(base, person, rows.length), appearances: appearancesInContext(base, rows, materials, reader) } };
    }, { ...API_HEADERS, ...langHeaders(reader) });
  });

  api.get('/organizations', (c) => {
    const req = parsePage(c.req.query());
    const reader = parseLang(c.req.query());
    return cachedJson(deps, c, langKey(pageKey(c.req.path, req), reader), async () => {
      const base = deps.baseUrl();
      const { total, rows } = await listOrganizations(db, engine, req);
      return pageBody(rows.map((o) => organizationSummary(base, o, o.appearances, reader)), pagination(req, total), `${base}/api/organizations`);
    }, { ...API_HEADERS, ...langHeaders(reader) });
  });

  api.get('/organizations/:slug', (c) => {
    const reader = parseLang(c.req.query());
    return cachedJson(deps, c, langKey(c.req.path, reader), async () => {
      const base = deps.baseUrl();
      const org = await db.selectFrom('organization').selectAll().where('slug', '=', c.req.param('slug')).executeTakeFirst();
      const { rows, materials } = org ? await loadAppearances(db, { organizationId: org.id }) : { rows: [], materials: [] };
      if (!org || rows.length === 0) throw new NotFound(formMessage('apiNoOrganization', { slug: c.req.param('slug') ?? '' }));
      return { data: { ...organizationSummary(base, org, rows.length, reader), appearances: appearancesInContext(base, rows, materials, reader) } };
    }, { ...API_HEADERS, ...langHeaders(reader) });
  });
}
