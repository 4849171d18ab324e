/** @jsxImportSource hono/jsx */
// The Hono application: public pages, rendered once per change and served from memory.
import { Hono, type Context } from 'hono';
import { countryName } from '../domain/country.ts';
import { NotFound, PlenaryError } from '../domain/errors.ts';
import { DEFAULT_LANGUAGE } from '../domain/language.ts';
import { eventExportOf } from '../operations/event-export.ts';
import {
  countriesIndex,
  countryAppearances,
  eventAgenda,
  listSeriesWithEvents,
  organizationBySlug,
  organizationsIndex,
  peopleIndex,
  personBySlug,
  publishedEventBySlug,
  seriesBySlug,
} from '../storage/queries.ts';
import type { Storage } from '../storage/storage.ts';
import { translator } from './i18n/t.ts';
import { cached } from './cached.ts';
import { slugRedirects } from './slug-redirects.ts';
import type { AppDeps } from './deps.ts';
import { adminRoutes } from './admin/routes.tsx';
import { speakerRoutes } from './speaker/routes.tsx';
import { apiRoutes } from './routes/api.ts';
import { calendarRoutes } from './routes/calendar.ts';
import { fileRoutes } from './routes/files.ts';
import { organizerRoutes } from './routes/organizer.ts';
import { scheduleRoutes } from './routes/schedule.ts';
import { changesRoutes } from './routes/changes.tsx';
import { searchRoutes } from './routes/search.tsx';
import { HTML_HEADERS, htmlHeadersWithStyles } from './security.ts';
import { EventPage } from './views/event-page.tsx';
import { renderDocument } from './views/layout.tsx';
import { renderWithoutAsyncContext } from './views/render-context.ts';
import { CountryPage, ErrorPage, HomePage, IndexPage, OrganizationPage, PersonPage, SeriesPage } from './views/pages.tsx';
import { runningTitleCss } from './views/styles.ts';

export type { AppDeps } from './deps.ts';

export function createApp(deps: AppDeps) {
  // Before any page is rendered: see views/render-context.ts.
  renderWithoutAsyncContext();
  const { storage, cache } = deps;
  const db = storage.db;
  const lang = DEFAULT_LANGUAGE;
  const t = translator(lang);
  const app = new Hono();
  // Old slugs answer 301 to the current one (any public route under a slug): web/slug-redirects.ts.
  app.use('*', slugRedirects(storage));

  const page = (c: Context, render: (event: (id: number) => void) => Promise<unknown>, headers: Record<string, string> | (() => Record<string, string>) = HTML_HEADERS) =>
    cached(cache, c, headers, async (event) => renderDocument(await render(event)));

  app.get('/', (c) => page(c, async () => <HomePage lang={lang} t={t} series={await listSeriesWithEvents(db)} />));

  app.get('/series/:slug', (c) =>
    page(c, async () => {
      const found = await seriesBySlug(db, c.req.param('slug'));
      if (!found) throw new NotFound('no such series');
      return <SeriesPage lang={lang} t={t} series={found.series} events={found.events} />;
    }),
  );

  app.get('/events/:slug', (c) => {
    // The printed programme's running title is a style of the page's own: the CSP allows its hash.
    let printCss = '';
    return page(
      c,
      async (event) => {
        const found = await publishedEventBySlug(db, c.req.param('slug'));
        if (!found) throw new NotFound('no such event');
        // This event's rows alone (and those write() counts as part of it): other events' writes leave the page.
        event(found.event.id);
        const agenda = await eventAgenda(db, found.event.id);
        // The export data too, from the same agenda, for the page's JSON-LD: the same facts the downloads carry.
        const data = await eventExportOf(db, found, agenda, deps.baseUrl(), cache.currentGeneration());
        printCss = runningTitleCss(found.event.title);
        return <EventPage lang={lang} t={t} event={found.event} series={found.series} agenda={agenda} data={data} printCss={printCss} />;
      },
      () => htmlHeadersWithStyles([printCss]),
    );
  });

  app.get('/people', (c) =>
    page(c, async () => {
      const rows = await peopleIndex(db);
      const items = rows.map((r) => ({ href: `/people/${r.slug}`, label: r.name, count: Number(r.appearances) }));
      return <IndexPage lang={lang} t={t} title={t('list.people')} items={items} />;
    }),
  );

  app.get('/people/:slug', (c) =>
    page(c, async () => {
      const found = await personBySlug(db, c.req.param('slug'));
      if (!found) throw new NotFound('no such person');
      return <PersonPage lang={lang} t={t} person={found.person} appearances={found.appearances} />;
    }),
  );

  app.get('/organizations', (c) =>
    page(c, async () => {
      const rows = await organizationsIndex(db);
      const items = rows.map((r) => ({
        href: `/organizations/${r.slug}`,
        label: r.name,
        note: [t(`org.kind.${r.kind}` as Parameters<typeof t>[0]), r.country_code ? countryName(r.country_code, lang) : null].filter(Boolean).join(', '),
        count: Number(r.appearances),
      }));
      return <IndexPage lang={lang} t={t} title={t('list.organizations')} items={items} />;
    }),
  );

  app.get('/organizations/:slug', (c) =>
    page(c, async () => {
      const found = await organizationBySlug(db, c.req.param('slug'));
      if (!found) throw new NotFound('no such organization');
      return <OrganizationPage lang={lang} t={t} organization={found.organization} appearances={found.appearances} convenes={found.convenes} />;
    }),
  );

  app.get('/countries', (c) =>
    page(c, async () => {
      const rows = await countriesIndex(db);
      const items = rows
        .filter((r) => r.country_code !== null)
        .map((r) => ({
          href: `/countries/${r.country_code!.toLowerCase()}`,
          label: countryName(r.country_code!, lang) ?? r.country_code!,
          count: Number(r.appearances),
        }))
        .sort((a, b) => a.label.localeCompare(b.label, lang));
      return <IndexPage lang={lang} t={t} title={t('list.countries')} items={items} />;
    }),
  );

  app.get('/countries/:code', (c) =>
    page(c, async () => {
      const raw = c.req.param('code');
      if (!/^[a-z]{2}$/.test(raw)) throw new NotFound('country codes are two lowercase letters');
      const code = raw.toUpperCase();
      const name = countryName(code, lang);
      if (!name) throw new NotFound('no such country');
      return <CountryPage lang={lang} t={t} code={code} name={name} appearances={await countryAppearances(db, code)} />;
    }),
  );

  app.get('/healthz', (c) => c.json({ ok: true }));

  app.route('/', fileRoutes(deps));
  app.route('/', calendarRoutes(deps));
  app.route('/', scheduleRoutes(deps));
  app.route('/', changesRoutes(deps));
  app.route('/', organizerRoutes(deps));
  app.route('/', searchRoutes(deps));
  app.route('/api', apiRoutes(deps));
  // The workspace: never cached, and the session is read before anything is answered.
  // Speakers' personal links: the token in the path authorizes, never cached (web/speaker/routes.tsx).
  app.route('/speak', speakerRoutes({ storage: deps.storage, baseUrl: deps.baseUrl, uploadMaxBytes: deps.uploadMaxBytes }));
  app.route('/admin', adminRoutes({ storage: deps.storage, baseUrl: deps.baseUrl, session: deps.session, uploadMaxBytes: deps.uploadMaxBytes, trustedProxies: deps.trustedProxies }));

  app.notFound(async (c) => {
    const html = await renderDocument(<ErrorPage lang={lang} t={t} status={404} />);
    return c.html(html, 404, { ...HTML_HEADERS });
  });

  app.onError(async (err, c) => {
    const notFound = err instanceof PlenaryError && err.code === 'not_found';
    if (!notFound) console.error(`plenary: ${c.req.method} ${c.req.path} failed:`, err);
    const status = notFound ? 404 : 500;
    const html = await renderDocument(<ErrorPage lang={lang} t={t} status={status} />);
    return c.html(html, status, { ...HTML_HEADERS });
  });

  return app;
}
