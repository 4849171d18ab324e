// The JSON API under /api, its OpenAPI description and its readable page; writes under /api/workspace.
// Errors here are JSON (own onError and a final catch-all), never the site's HTML error page.
import { published } from '../../storage/published.ts';
import { type Context, Hono } from 'hono';
import { cors } from 'hono/cors';
import { DEFAULT_LANGUAGE, type InterfaceLanguage } from '../../domain/language.ts';
import { mountCountries } from '../api/countries.ts';
import { apiError, apiOnError } from '../api/errors.ts';
import { mountEvents } from '../api/events.ts';
import { openApiDocument } from '../api/openapi.ts';
import { DEFAULT_PER_PAGE, MAX_PER_PAGE } from '../api/pagination.ts';
import { mountPeople } from '../api/people.ts';
import { mountPublications } from '../api/publications.ts';
import { allCountries, listOrganizations, listPeople } from '../api/queries.ts';
import { cachedJson } from '../api/respond.ts';
import { mountSeries } from '../api/series.ts';
import { workspaceApi } from '../api/workspace.ts';
import { mountSearchApi } from './search.tsx';
import { cached } from '../cached.ts';
import type { AppDeps } from '../deps.ts';
import { translator } from '../i18n/t.ts';
import { HTML_HEADERS } from '../security.ts';
import { renderApiPage, type ApiExamples } from '../views/api-page.tsx';
import { placeOf } from '../views/render-context.ts';
import { formMessage } from '../../domain/form-messages.ts';

const ALLOWED = 'GET, HEAD, OPTIONS';

/** The readable page about the API in one interface language (/api, /fr/api…), cached like any page. */
export function apiPage(deps: AppDeps, lang: InterfaceLanguage): (c: Context) => Promise<Response> {
  return (c) => cached(deps.cache, c, HTML_HEADERS, async () => renderApiPage({ lang, t: translator(lang), baseUrl: deps.baseUrl(), maxPerPage: MAX_PER_PAGE, defaultPerPage: DEFAULT_PER_PAGE, examples: await examples(deps) }, placeOf(c.req.path, deps.baseUrl())));
}

export function apiRoutes(deps: AppDeps): Hono {
  const api = new Hono();
  // Preflights are answered here; the same headers also sit in every cached response (api/respond.ts).
  api.use('*', cors({ origin: '*', allowMethods: ['GET', 'HEAD', 'OPTIONS'], exposeHeaders: ['ETag', 'Link'], maxAge: 86400 }));
  api.onError(apiOnError);

  api.get('/', apiPage(deps, DEFAULT_LANGUAGE));

  api.get('/openapi.json', (c) => cachedJson(deps, c, c.req.path, async () => ({ data: JSON.stringify(openApiDocument(deps.baseUrl()), null, 2) })));

  // Writes, signed with a token or a session: never cached, never answered from the page cache.
  api.route('/workspace', workspaceApi({ storage: deps.storage, baseUrl: deps.baseUrl, session: deps.session }));
  mountSeries(api, deps);
  mountEvents(api, deps);
  mountPeople(api, deps);
  mountCountries(api, deps);
  mountSearchApi(api, deps);
  mountPublications(api, deps);

  // Hono does not use a mounted app's notFound, so the last route answers everything else.
  api.all('*', (c) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      return apiError(c, 'method_not_allowed', formMessage('apiWritesOnly', { allowed: ALLOWED }), { allow: ALLOWED });
    }
    return apiError(c, 'not_found', formMessage('apiNoEndpoint', { path: c.req.path }));
  });
  return api;
}

/** Real slugs for the page's example links: the newest event, its first session, the first names listed. */
async function examples(deps: AppDeps): Promise<ApiExamples> {
  const db = published(deps.storage.db);
  const event = await db
    .selectFrom('event as e')
    .innerJoin('series as s', 's.id', 'e.series_id')
    .where('e.status', '=', 'published')
    .select(['e.id', 'e.slug', 's.slug as series_slug'])
    .orderBy('e.start_date', 'desc')
    .orderBy('e.id', 'desc')
    .executeTakeFirst();
  if (!event) return {};
  const session = await db.selectFrom('session').select('id').where('event_id', '=', event.id).orderBy('day_id').orderBy('position').executeTakeFirst();
  const first = { page: 1, perPage: 1, offset: 0 };
  const [people, orgs, countries] = await Promise.all([
    listPeople(db, deps.storage.engine, first),
    listOrganizations(db, deps.storage.engine, first),
    allCountries(db),
  ]);
  const country = countries.map((r) => r.code).sort()[0];
  return {
    series: event.series_slug,
    event: event.slug,
    session: session?.id,
    person: people.rows[0]?.slug,
    organization: orgs.rows[0]?.slug,
    country: country?.toLowerCase(),
  };
}
