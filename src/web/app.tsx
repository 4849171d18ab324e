/** @jsxImportSource hono/jsx */
// The Hono application: public pages, rendered once per change and served from memory.
import { Hono, type Context } from 'hono';
import { countryName } from '../domain/country.ts';
import { NotFound, PlenaryError } from '../domain/errors.ts';
import { INTERFACE_LANGUAGES, type InterfaceLanguage } from '../interface-languages.ts';
import { eventExportOf } from '../operations/event-export.ts';
import { appearancesPage, countriesIndex, eventAgenda, publishedEventBySlug } from '../storage/queries.ts';
import { conveningSeries, eventsPage, organizationsPage, peoplePage, publicOrganization, publicPerson, publicSeries, seriesWithLatest } from '../storage/queries/public-lists.ts';
import type { Storage } from '../storage/storage.ts';
import { preferredLanguage } from './i18n/accept-language.ts';
import { translator } from './i18n/t.ts';

import { cached } from './cached.ts';
import { slugRedirects } from './slug-redirects.ts';
import { personIdentity } from '../storage/queries/identities.ts';
import type { AppDeps } from './deps.ts';
import { adminRoutes } from './admin/routes.tsx';
import { speakerRoutes } from './speaker/routes.tsx';
import { apiPage, apiRoutes } from './routes/api.ts';
import { calendarRoutes } from './routes/calendar.ts';
import { fileRoutes } from './routes/files.ts';
import { organizerRoutes } from './routes/organizer.ts';
import { representationRoutes } from './routes/representation.tsx';
import { scheduleRoutes } from './routes/schedule.ts';
import { changesRoutes } from './routes/changes.tsx';
import { searchRoutes } from './routes/search.tsx';
import { publicationRoutes } from './routes/publications.tsx';
import { HTML_HEADERS, HTML_HEADERS_WITH_SCRIPTS, htmlHeadersWithStyles } from './security.ts';
import { TIME_ZONE_JS, viewerZone, zoneKey } from './viewer-zone.ts';
import { TimeZonePage } from './views/time-zone-page.tsx';
import { EventPage } from './views/event-page.tsx';
import { renderDocument } from './views/layout.tsx';
import { languageOfPath, placeOf, prefixOf, renderWithoutAsyncContext } from './views/render-context.ts';
import { everyPageIn } from './export-pages.ts';
import { CountryPage, ErrorPage, EventsPage, HomePage, IndexPage, OrganizationPage, PersonPage, SeriesPage, seriesTitle } from './views/pages.tsx';
import { htmlPage, htmlPageKey, isBadPage, pageInfo, type HtmlPage } from './paging.ts';
import { runningTitleCss } from './views/styles.ts';

export type { AppDeps } from './deps.ts';

export function createApp(deps: AppDeps) {
  // Before any page is rendered: see views/render-context.ts.
  renderWithoutAsyncContext();
  const { storage, cache } = deps;
  const app = new Hono();
  // Old slugs answer 301 to the current one (any public route under a slug): web/slug-redirects.ts.
  app.use('*', slugRedirects(storage));

  // The language is in the URL: English at the root, the others under /fr/, /es/, /ar/ (the same
  // routes, each with its own catalogue; one per catalogue file found at start, src/interface-languages.ts). Accept-Language only sends a visitor of the bare root to
  // their language (server.ts leaves such requests to this route instead of the cached page).
  const homes = new Map<InterfaceLanguage, (c: Context) => Promise<Response>>();
  for (const lang of INTERFACE_LANGUAGES) {
    const sub = publicRoutes(deps, lang);
    homes.set(lang, sub.home);
    if (lang === 'en') {
      app.route('/', sub.app);
    } else {
      const prefix = prefixOf(lang);
      app.get(`${prefix}/`, sub.home);
      app.get(prefix, (c) => c.redirect(`${prefix}/`, 301));
      app.route(prefix, sub.app);
    }
  }
  app.get('/', (c) => {
    const lang = preferredLanguage(c.req.header('accept-language'));
    if (lang === 'en') return homes.get('en')!(c);
    return c.body(null, 302, { location: `${prefixOf(lang)}/`, vary: 'accept-language', 'cache-control': 'no-cache' });
  });

  app.get('/time-zone.js', (c) => c.body(TIME_ZONE_JS, 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' }));
  app.get('/healthz', (c) => c.json({ ok: true }));
  // The same in every language: files and the JSON API.
  app.route('/', fileRoutes(deps));
  // Publications' editions (frozen files and their pages), the page's words in each language.
  for (const lang of INTERFACE_LANGUAGES) app.route(prefixOf(lang) || '/', publicationRoutes(deps, lang));
  // The API's own page is in every language (/fr/api); its endpoints are at the root only.
  for (const lang of INTERFACE_LANGUAGES) if (lang !== 'en') app.get(`${prefixOf(lang)}/api`, apiPage(deps, lang));
  app.route('/api', apiRoutes(deps));
  // Speakers' personal links: the token in the path authorizes, never cached (web/speaker/routes.tsx);
  // the page in the address's language, as everywhere (/speak/{token} English, /fr/speak/{token} French…).
  for (const lang of INTERFACE_LANGUAGES) {
    app.route(`${prefixOf(lang)}/speak`, speakerRoutes({ storage: deps.storage, baseUrl: deps.baseUrl, uploadMaxBytes: deps.uploadMaxBytes, lang }));
  }
  // The workspace, in every interface language: never cached, and the session is read before anything is answered.
  for (const lang of INTERFACE_LANGUAGES) {
    app.route(`${prefixOf(lang)}/admin`, adminRoutes({ storage: deps.storage, baseUrl: deps.baseUrl, session: deps.session, uploadMaxBytes: deps.uploadMaxBytes, trustedProxies: deps.trustedProxies, lang }));
  }

  // Error pages in the language of the address asked for.
  const errorPage = async (c: Context, status: 400 | 404 | 500) => {
    const lang = languageOfPath(c.req.path);
    const html = await renderDocument(<ErrorPage lang={lang} t={translator(lang)} status={status} />, placeOf(c.req.path, deps.baseUrl()));
    return c.html(html, status, { ...HTML_HEADERS });
  };
  app.notFound((c) => errorPage(c, 404));

  app.onError(async (err, c) => {
    const notFound = err instanceof PlenaryError && err.code === 'not_found';
    const badPage = isBadPage(err);
    if (!notFound && !badPage) console.error(`plenary: ${c.req.method} ${c.req.path} failed:`, err);
    return errorPage(c, notFound ? 404 : badPage ? 400 : 500);
  });

  return app;
}

/** The public pages and exports in one interface language, mounted at its prefix; the home page apart (its address is "/fr/"). */
function publicRoutes(deps: AppDeps, lang: InterfaceLanguage): { app: Hono; home: (c: Context) => Promise<Response> } {
  const { storage, cache } = deps;
  const db = storage.db;
  const t = translator(lang);
  const app = new Hono();

  const page = (c: Context, render: (event: (id: number) => void) => Promise<unknown>, headers: Record<string, string> | (() => Record<string, string>) = HTML_HEADERS) =>
    cached(cache, c, headers, async (event) => renderDocument(await render(event), placeOf(c.req.path, deps.baseUrl())));
  // Long lists and pages ?page=N (web/paging.ts): a bad number is refused (400) before the cache is asked.
  const paged = (c: Context, render: (p: HtmlPage) => Promise<unknown>) => {
    const p = htmlPage(c.req.query());
    const key = htmlPageKey(c.req.path, p);
    return cached(cache, c, HTML_HEADERS, async () => renderDocument(await render(p), placeOf(key, deps.baseUrl())), key);
  };
  /** A list read whole (series, countries): the page's slice of it. */
  const slice = <T,>(items: T[], p: HtmlPage) => items.slice(p.offset, p.offset + p.limit);

  // Each series with its latest events; the series page and /events have the rest. English's at "/"
  // depends on Accept-Language (a French browser is redirected), so shared caches must know.
  const homeHeaders = lang === 'en' ? { ...HTML_HEADERS, vary: 'accept-language' } : HTML_HEADERS;
  const home = (c: Context) => page(c, async () => <HomePage lang={lang} t={t} series={await seriesWithLatest(db, 5)} />, homeHeaders);

  app.get('/series', (c) =>
    paged(c, async (p) => {
      const all = await seriesWithLatest(db, 0);
      const items = all.map((s) => {
        const title = seriesTitle(s, lang);
        return { href: `/series/${s.slug}`, label: title.text, lang: title.lang, count: s.eventCount };
      });
      return <IndexPage lang={lang} t={t} title={t('list.series')} items={slice(items, p)} counts="events" pager={pageInfo(p, items.length, c.req.path)} />;
    }),
  );

  app.get('/series/:slug', (c) =>
    paged(c, async (p) => {
      const series = await publicSeries(db, c.req.param('slug'));
      if (!series) throw new NotFound('no such series');
      const { total, rows } = await eventsPage(db, p, series.id);
      return <SeriesPage lang={lang} t={t} series={series} events={rows} pager={pageInfo(p, total, c.req.path)} />;
    }),
  );

  app.get('/events', (c) =>
    paged(c, async (p) => {
      const { total, rows } = await eventsPage(db, p);
      return <EventsPage lang={lang} t={t} events={rows} pager={pageInfo(p, total, c.req.path)} />;
    }),
  );

  app.get('/events/:slug', async (c) => {
    // The printed programme's running title is a style of the page's own: the CSP allows its hash.
    let printCss = '';
    // The reader's own zone, if they chose one (web/viewer-zone.ts): a page of its own in the cache.
    const choice = viewerZone(c, deps.baseUrl().startsWith('https:'));
    const res = await cached(
      cache,
      c,
      () => ({ ...htmlHeadersWithStyles([printCss], { scripts: true }), ...(choice.zone ? { 'cache-control': 'private, no-cache' } : {}) }),
      async (event) => {
        const found = await publishedEventBySlug(db, c.req.param('slug'));
        if (!found) throw new NotFound('no such event');
        // This event's rows alone (and those write() counts as part of it): other events' writes leave the page.
        event(found.event.id);
        const agenda = await eventAgenda(db, found.event.id);
        // The export data too, from the same agenda, for the page's JSON-LD: the same facts the downloads carry, its
        // pages' addresses in the page's language (web/export-pages.ts).
        const data = everyPageIn(await eventExportOf(db, found, agenda, deps.baseUrl(), cache.currentGeneration(), lang), lang);
        printCss = runningTitleCss(data.event.title);
        return renderDocument(
          <EventPage lang={lang} t={t} event={found.event} series={found.series} agenda={agenda} data={data} printCss={printCss} viewerZone={choice.zone} />,
          placeOf(c.req.path, deps.baseUrl()),
        );
      },
      choice.zone ? zoneKey(c.req.path, choice.zone) : c.req.path,
    );
    if (choice.setCookie) res.headers.append('set-cookie', choice.setCookie);
    return res;
  });

  // The form that chooses the reader's zone, and the script that offers the browser's (web/viewer-zone.ts).
  app.get('/events/:slug/time-zone', (c) =>
    page(
      c,
      async (event) => {
        const found = await publishedEventBySlug(db, c.req.param('slug'));
        if (!found) throw new NotFound('no such event');
        event(found.event.id);
        return <TimeZonePage lang={lang} t={t} event={found.event} series={found.series} />;
      },
      HTML_HEADERS_WITH_SCRIPTS,
    ),
  );
  app.get('/people', (c) =>
    paged(c, async (p) => {
      const { total, rows } = await peoplePage(db, storage.engine, p);
      const items = rows.map((r) => ({ href: `/people/${r.slug}`, label: r.name, count: r.appearances }));
      return <IndexPage lang={lang} t={t} title={t('list.people')} items={items} pager={pageInfo(p, total, c.req.path)} />;
    }),
  );

  app.get('/people/:slug', (c) =>
    paged(c, async (p) => {
      const person = await publicPerson(db, c.req.param('slug'));
      // Someone named only in unpublished programmes is not public yet.
      const { total, items } = person ? await appearancesPage(db, { personId: person.id }, p) : { total: 0, items: [] };
      if (!person || total === 0) throw new NotFound('no such person');
      return <PersonPage lang={lang} t={t} person={person} appearances={items} pager={pageInfo(p, total, c.req.path)} identity={await personIdentity(db, person.id)} />;
    }),
  );

  app.get('/organizations', (c) =>
    paged(c, async (p) => {
      const { total, rows } = await organizationsPage(db, storage.engine, p);
      const items = rows.map((r) => ({
        href: `/organizations/${r.slug}`,
        label: r.name,
        note: [t(`org.kind.${r.kind}` as Parameters<typeof t>[0]), r.country_code ? countryName(r.country_code, lang) : null].filter(Boolean).join(', '),
        count: Number(r.appearances),
      }));
      return <IndexPage lang={lang} t={t} title={t('list.organizations')} items={items} pager={pageInfo(p, total, c.req.path)} />;
    }),
  );

  app.get('/organizations/:slug', (c) =>
    paged(c, async (p) => {
      const organization = await publicOrganization(db, c.req.param('slug'));
      const { total, items } = organization ? await appearancesPage(db, { organizationId: organization.id }, p) : { total: 0, items: [] };
      // A convener of a published series is public even when none of its people spoke.
      const convenes = organization ? await conveningSeries(db, organization.id) : [];
      if (!organization || (total === 0 && convenes.length === 0)) throw new NotFound('no such organization');
      return <OrganizationPage lang={lang} t={t} organization={organization} appearances={items} convenes={convenes} pager={pageInfo(p, total, c.req.path)} />;
    }),
  );

  app.get('/countries', (c) =>
    paged(c, async (p) => {
      const rows = await countriesIndex(db);
      const items = rows
        .filter((r) => r.country_code !== null)
        .map((r) => ({
          href: `/countries/${r.country_code!.toLowerCase()}`,
          label: countryName(r.country_code!, lang) ?? r.country_code!,
          count: Number(r.appearances),
        }))
        .sort((a, b) => a.label.localeCompare(b.label, lang));
      return <IndexPage lang={lang} t={t} title={t('list.countries')} items={slice(items, p)} pager={pageInfo(p, items.length, c.req.path)} />;
    }),
  );

  app.get('/countries/:code', (c) =>
    paged(c, async (p) => {
      const raw = c.req.param('code');
      if (!/^[a-z]{2}$/.test(raw)) throw new NotFound('country codes are two lowercase letters');
      const code = raw.toUpperCase();
      const name = countryName(code, lang);
      if (!name) throw new NotFound('no such country');
      const { total, items } = await appearancesPage(db, { countryCode: code }, p);
      return <CountryPage lang={lang} t={t} code={code} name={name} appearances={items} pager={pageInfo(p, total, c.req.path)} />;
    }),
  );

  app.route('/', calendarRoutes(deps, lang));
  app.route('/', scheduleRoutes(deps, lang));
  app.route('/', changesRoutes(deps, lang));
  app.route('/', organizerRoutes(deps, lang));
  app.route('/', representationRoutes(deps, lang));
  app.route('/', searchRoutes(deps, lang));

  return { app, home };
}
