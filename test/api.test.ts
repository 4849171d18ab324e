// The read-only JSON API over a real server: exact results for the demo, paging, ETags, CORS,
// JSON errors, drafts kept out, and the OpenAPI document checked against real responses.
import { ensurePublication, freezeEdition } from '../src/operations/publications.ts';
import { publicationOptions } from '../src/web/views/publication-words.ts';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, test } from 'node:test';
import SwaggerParser from '@apidevtools/swagger-parser';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { importAgenda } from '../src/operations/import-agenda.ts';
import { ENGINES } from './engines.ts';
import { agenda, person, session } from './factories.ts';
import { demoSite, type TestSite } from './server.ts';

// ajv-formats is CommonJS with `exports.default`; under NodeNext its default import is the module.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (a: Ajv2020) => Ajv2020;

type Got = { status: number; headers: Record<string, string | string[] | undefined>; text: string; json: any };

function call(url: string, opts: { method?: string; headers?: Record<string, string> } = {}): Promise<Got> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: opts.method ?? 'GET', headers: opts.headers ?? {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const isJson = String(res.headers['content-type'] ?? '').startsWith('application/json');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: isJson && text ? JSON.parse(text) : undefined });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

const EVENT = 'idm-2017-new-york';
const SERIES = 'international-dialogue-on-migration';
const PANEL_1 = 'Panel 1: Implementing the SDGs and other major frameworks: how the Global Compact on Migration can help meet commitments made';

/** A published (or draft) one-day event with the given people as speakers of one panel. */
function addEvent(site: TestSite, slug: string, date: string, people: string[], status: 'draft' | 'published' = 'published') {
  return importAgenda(site.storage, agenda([{ date, sessions: [session({ speakers: people.map((n) => person(n)) })] }]), {
    series: { slug: 'test-series', title: 'Test series' },
    event: { slug, title: `Event ${slug}`, timeZone: 'Europe/Zurich', status },
  });
}

for (const engine of ENGINES) {
  describe(`API over the demo on ${engine}`, () => {
    let site: TestSite;
    let b: string;
    before(async () => {
      site = await demoSite(engine);
      b = site.base;
    });
    after(() => site.stop());

    test('the event with its agenda: 2 days, 10 sessions, 37 appearances, in the venue’s zone', async () => {
      const r = await call(`${b}/api/events/${EVENT}`);
      assert.equal(r.status, 200);
      assert.equal(r.headers['content-type'], 'application/json; charset=utf-8');
      assert.equal(r.headers['cache-control'], 'no-cache');
      const e = r.json;
      assert.equal(e.slug, EVENT);
      assert.equal(e.timeZone, 'America/New_York');
      assert.equal(e.url, `${b}/events/${EVENT}`);
      assert.equal(e.apiUrl, `${b}/api/events/${EVENT}`);
      assert.deepEqual(e.series, { id: 1, slug: SERIES, title: 'International Dialogue on Migration', titleLang: 'en', url: `${b}/series/${SERIES}`, apiUrl: `${b}/api/series/${SERIES}` });
      assert.deepEqual(e.days.map((d: any) => [d.index, d.date, d.label, d.sessions.length]), [
        [1, '2017-04-18', 'DAY ONE – 18 April 2017', 5],
        [2, '2017-04-19', 'DAY TWO – 19 April 2017', 5],
      ]);
      const sessions = e.days.flatMap((d: any) => d.sessions);
      assert.equal(sessions.length, 10);
      assert.deepEqual(sessions.map((s: any) => s.appearances.length), [2, 6, 0, 5, 5, 5, 5, 0, 6, 3]);
      assert.equal(sessions.reduce((n: number, s: any) => n + s.appearances.length, 0), 37);
      const opening = sessions[0];
      assert.deepEqual(
        [opening.kind, opening.displayTitle, opening.start, opening.end, opening.startsAt, opening.endsAtUtc, opening.durationMinutes, opening.apiUrl],
        ['opening', 'Opening Session', '10:00', '11:30', '2017-04-18T10:00:00-04:00', '2017-04-18T15:30:00Z', 90, `${b}/api/sessions/${opening.id}`],
      );
      assert.deepEqual(opening.appearances[0], {
        id: opening.appearances[0].id,
        role: 'speaker',
        roleLabel: null,
        position: 0,
        honorific: null,
        person: { id: 1, slug: 'william-lacy-swing', name: 'William Lacy Swing', url: `${b}/people/william-lacy-swing`, apiUrl: `${b}/api/people/william-lacy-swing` },
        affiliation: {
          position: 'Director General',
          organization: {
            id: 1,
            slug: 'international-organization-for-migration',
            name: 'International Organization for Migration',
            kind: 'igo',
            url: `${b}/organizations/international-organization-for-migration`,
            apiUrl: `${b}/api/organizations/international-organization-for-migration`,
          },
          country: null,
          countryCode: null,
          text: 'Director General, International Organization for Migration',
        },
        talkTitle: null,
        materials: [{ id: opening.appearances[0].materials[0].id, kind: 'opening-remarks', label: 'Opening remarks', labelLang: 'en', lang: 'en', url: null, mediaType: null }],
      });
      // The export's bookkeeping stays out of the API.
      assert.equal('status' in e || 'baseUrl' in e || 'generation' in e, false);
    });

    test('a session by id, with its day and event; a malformed id is a 400 naming it', async () => {
      const agendaSessions = (await call(`${b}/api/events/${EVENT}`)).json.days.flatMap((d: any) => d.sessions);
      const panel1 = agendaSessions[1];
      const r = await call(`${b}/api/sessions/${panel1.id}`);
      assert.equal(r.status, 200);
      assert.equal(r.json.displayTitle, PANEL_1);
      assert.deepEqual(r.json.day, { index: 1, date: '2017-04-18', label: 'DAY ONE – 18 April 2017' });
      assert.deepEqual(r.json.event, { id: 1, slug: EVENT, title: (await call(`${b}/api/events/${EVENT}`)).json.title, titleLang: 'en', timeZone: 'America/New_York', url: `${b}/events/${EVENT}`, apiUrl: `${b}/api/events/${EVENT}` });
      const { day: _d, event: _e, ...same } = r.json;
      assert.deepEqual(same, panel1);
      assert.deepEqual((await call(`${b}/api/sessions/abc`)).json, { error: { code: 'invalid_input', message: 'id must be a positive whole number' } });
      assert.equal((await call(`${b}/api/sessions/99999`)).status, 404);
    });

    test('William Lacy Swing: two appearances, opening speaker then Panel 1 moderator', async () => {
      const r = await call(`${b}/api/people/william-lacy-swing`);
      assert.equal(r.status, 200);
      assert.equal(r.json.appearanceCount, 2);
      assert.deepEqual(
        r.json.appearances.map((a: any) => [a.role, a.session.displayTitle, a.session.startsAt, a.affiliation.text, a.event.slug, a.session.apiUrl]),
        [
          ['speaker', 'Opening Session', '2017-04-18T10:00:00-04:00', 'Director General, International Organization for Migration', EVENT, `${b}/api/sessions/1`],
          ['moderator', PANEL_1, '2017-04-18T11:30:00-04:00', 'Director General, International Organization for Migration', EVENT, `${b}/api/sessions/2`],
        ],
      );
      assert.deepEqual(r.json.appearances[0].materials.map((m: any) => m.kind), ['opening-remarks']);
    });

    test('Canada: Ahmed Hussen, whatever the case of the code', async () => {
      const upper = await call(`${b}/api/countries/CA`);
      const lower = await call(`${b}/api/countries/ca`);
      assert.equal(upper.status, 200);
      assert.equal(upper.text, lower.text);
      assert.equal(upper.headers.etag, lower.headers.etag);
      assert.deepEqual([upper.json.code, upper.json.name, upper.json.appearanceCount, upper.json.apiUrl], ['CA', 'Canada', 1, `${b}/api/countries/ca`]);
      const [a] = upper.json.appearances;
      assert.deepEqual([a.person.name, a.role, a.session.displayTitle], ['Ahmed Hussen', 'speaker', PANEL_1]);
      assert.deepEqual(a.affiliation, {
        position: 'Minister of Immigration, Refugees, and Citizenship',
        organization: null,
        country: 'Canada',
        countryCode: 'CA',
        text: 'Minister of Immigration, Refugees, and Citizenship, Canada',
      });
      assert.deepEqual((await call(`${b}/api/countries/c1`)).json, {
        error: { code: 'invalid_input', message: 'code must be an ISO 3166-1 alpha-2 country code such as CA' },
      });
      assert.equal((await call(`${b}/api/countries/xx`)).json.error.code, 'not_found');
      // A real country with nobody recorded answers, empty, as its page on the site does.
      assert.deepEqual((await call(`${b}/api/countries/no`)).json.appearances, []);
    });

    test('lists: exact totals and first items in a deterministic order', async () => {
      const events = await call(`${b}/api/events`);
      assert.deepEqual(events.json.pagination, { page: 1, perPage: 50, total: 1, totalPages: 1 });
      assert.deepEqual(events.json.data.map((e: any) => e.slug), [EVENT]);
      const series = await call(`${b}/api/series`);
      assert.deepEqual(series.json.data.map((s: any) => [s.slug, s.eventCount]), [[SERIES, 1]]);
      const one = await call(`${b}/api/series/${SERIES}`);
      assert.deepEqual(one.json.events.map((e: any) => e.apiUrl), [`${b}/api/events/${EVENT}`]);
      const people = await call(`${b}/api/people?perPage=3`);
      assert.deepEqual(people.json.pagination, { page: 1, perPage: 3, total: 35, totalPages: 12 });
      assert.deepEqual(people.json.data.map((p: any) => p.slug), ['ahmed-hussen', 'alex-zalami', 'amina-j-mohammed']);
      const all = await call(`${b}/api/people?perPage=200`);
      assert.deepEqual(all.json.data.filter((p: any) => p.appearanceCount > 1).map((p: any) => p.slug), ['laura-thompson', 'william-lacy-swing']);
      const orgs = await call(`${b}/api/organizations?perPage=200`);
      assert.equal(orgs.json.pagination.total, 24);
      assert.deepEqual(orgs.json.data.find((o: any) => o.slug === 'international-organization-for-migration')?.kind, 'igo');
      const countries = await call(`${b}/api/countries`);
      assert.equal(countries.json.pagination.total, 17);
      assert.deepEqual(countries.json.data.slice(0, 3).map((c: any) => c.code), ['AL', 'AZ', 'BE']);
      assert.deepEqual(countries.json.data.at(-1), { code: 'AE', name: 'United Arab Emirates', appearanceCount: 1, url: `${b}/countries/ae`, apiUrl: `${b}/api/countries/ae` });
    });

    test('invalid paging parameters are 400 invalid_input naming the parameter', async () => {
      const cases: Array<[string, string]> = [
        ['page=0', 'page must be a whole number from 1'],
        ['page=abc', 'page must be a whole number from 1'],
        ['page=1.5', 'page must be a whole number from 1'],
        ['perPage=0', 'perPage must be a whole number from 1 to 200'],
        ['perPage=201', 'perPage must be a whole number from 1 to 200'],
        ['page=2', 'page 2 is past the last page, 1'],
      ];
      for (const [query, message] of cases) {
        const r = await call(`${b}/api/events?${query}`);
        assert.equal(r.status, 400, query);
        assert.equal(r.headers['content-type'], 'application/json; charset=utf-8');
        assert.deepEqual(r.json, { error: { code: 'invalid_input', message } }, query);
      }
    });

    test('errors are JSON with a stable code, never the HTML error page', async () => {
      const nope = await call(`${b}/api/events/nope`);
      assert.equal(nope.status, 404);
      assert.deepEqual(nope.json, { error: { code: 'not_found', message: 'no published event "nope"' } });
      const unknown = await call(`${b}/api/nope`);
      assert.equal(unknown.status, 404);
      assert.equal(unknown.headers['access-control-allow-origin'], '*');
      assert.deepEqual(unknown.json, { error: { code: 'not_found', message: 'no API endpoint at /api/nope; see /api/openapi.json' } });
      assert.deepEqual((await call(`${b}/api/people/nobody`)).json.error.code, 'not_found');
      const post = await call(`${b}/api/events`, { method: 'POST' });
      assert.equal(post.status, 405);
      assert.equal(post.headers.allow, 'GET, HEAD, OPTIONS');
      assert.equal(post.json.error.code, 'method_not_allowed');
    });

    test('ETag and 304 on entity, list, paged list, the description and the page', async () => {
      for (const path of [`/api/events/${EVENT}`, '/api/people', '/api/people?page=2&perPage=10', '/api/openapi.json', '/api']) {
        const first = await call(`${b}${path}`);
        assert.equal(first.status, 200, path);
        const etag = String(first.headers.etag);
        assert.match(etag, /^"[A-Za-z0-9_-]{27}"$/, path);
        const again = await call(`${b}${path}`, { headers: { 'if-none-match': etag } });
        assert.equal(again.status, 304, path);
        assert.equal(again.text, '', path);
        assert.equal(again.headers.etag, etag, path);
        const stale = await call(`${b}${path}`, { headers: { 'if-none-match': '"other"' } });
        assert.equal(stale.status, 200, path);
      }
    });

    test('CORS: any origin may read; preflight allows GET, HEAD and OPTIONS only', async () => {
      // A URL with a query goes through Hono (and caches the entry); the bare path is then
      // answered by the server's fast path, without the middleware: the headers must agree.
      for (const path of [`/api/series/${SERIES}?fresh=1`, `/api/series/${SERIES}`]) {
        const get = await call(`${b}${path}`, { headers: { origin: 'https://example.org' } });
        assert.equal(get.headers['access-control-allow-origin'], '*', path);
        assert.equal(get.headers['access-control-expose-headers'], 'ETag,Link', path);
      }
      const pre = await call(`${b}/api/events`, {
        method: 'OPTIONS',
        headers: { origin: 'https://example.org', 'access-control-request-method': 'GET', 'access-control-request-headers': 'if-none-match' },
      });
      assert.equal(pre.status, 204);
      assert.equal(pre.headers['access-control-allow-origin'], '*');
      assert.equal(pre.headers['access-control-allow-methods'], 'GET,HEAD,OPTIONS');
      assert.equal(pre.headers['access-control-allow-headers'], 'if-none-match');
      const head = await call(`${b}/api/events/${EVENT}`, { method: 'HEAD' });
      assert.equal(head.status, 200);
      assert.equal(head.text, '');
    });

    test('the OpenAPI 3.1 document is valid and real responses match its schemas', async () => {
      const doc = (await call(`${b}/api/openapi.json`)).json;
      assert.equal(doc.openapi, '3.1.0');
      await SwaggerParser.validate(structuredClone(doc));
      const ajv = new Ajv2020({ allErrors: true });
      addFormats(ajv);
      ajv.addKeyword('components');
      ajv.addSchema({ $id: 'plenary-api', components: { schemas: doc.components.schemas } });
      const sessionId = (await call(`${b}/api/events/${EVENT}`)).json.days[0].sessions[0].id;
      // A publication's first edition, for /api/publications/{slug}.
      const pub = await ensurePublication(site.storage, { event: EVENT });
      await freezeEdition(site.storage, pub.id, publicationOptions(b, pub.lang));
      // One real URL per documented path: the document lists exactly the endpoints that answer.
      const examples: Record<string, string> = {
        '/api/series': '/api/series',
        '/api/series/{slug}': `/api/series/${SERIES}`,
        '/api/events': '/api/events',
        '/api/events/{slug}': `/api/events/${EVENT}`,
        '/api/events/{slug}/releases': `/api/events/${EVENT}/releases`,
        '/api/sessions/{id}': `/api/sessions/${sessionId}`,
        '/api/people': '/api/people?perPage=5',
        '/api/people/{slug}': '/api/people/william-lacy-swing',
        '/api/organizations': '/api/organizations',
        '/api/organizations/{slug}': '/api/organizations/international-organization-for-migration',
        '/api/countries': '/api/countries',
        '/api/countries/{code}': '/api/countries/ca',
        '/api/openapi.json': '/api/openapi.json',
        '/api/search': '/api/search?q=%22global+compact%22+migration&kind=session',
        '/api/publications/{slug}': `/api/publications/${EVENT}`,
      };
      // The writes need a token or a sign-in: described here, exercised in test/api-writes.test.ts.
      assert.deepEqual(Object.keys(doc.paths['/api/workspace/{collection}/{id}']).sort(), ['get', 'parameters', 'patch']);
      assert.deepEqual(doc.paths['/api/workspace/{collection}/{id}'].patch.security, [{ token: [] }, { session: [] }]);
      delete doc.paths['/api/workspace/{collection}/{id}'];
      assert.deepEqual(Object.keys(doc.paths).sort(), Object.keys(examples).sort());
      for (const [path, url] of Object.entries(examples)) {
        const r = await call(`${b}${url}`);
        assert.equal(r.status, 200, url);
        const schema = doc.paths[path].get.responses['200'].content['application/json'].schema;
        const validate = schema.$ref ? ajv.getSchema(`plenary-api${schema.$ref}`) : ajv.compile(schema);
        assert.ok(validate, `no schema for ${path}`);
        assert.ok(validate(r.json), `${url}: ${ajv.errorsText(validate.errors)}`);
      }
      const error = ajv.getSchema('plenary-api#/components/schemas/Error')!;
      for (const url of ['/api/events/nope', '/api/nope', '/api/events?page=0']) assert.ok(error((await call(`${b}${url}`)).json), url);
      // A negative control: the closed schemas refuse a field the description does not know.
      const event = (await call(`${b}/api/events/${EVENT}`)).json;
      assert.equal(ajv.getSchema('plenary-api#/components/schemas/EventDetail')!({ ...event, extra: 1 }), false);
    });

    test('the /api page lists every endpoint with example links that answer', async () => {
      const r = await call(`${b}/api`);
      assert.equal(r.status, 200);
      assert.equal(r.headers['content-type'], 'text/html; charset=utf-8');
      const html = r.text;
      assert.ok(html.includes('<main id="main"'));
      const levels = [...html.matchAll(/<h([1-6])[ >]/g)].map((m) => Number(m[1]));
      assert.equal(levels[0], 1);
      assert.equal(levels.filter((l) => l === 1).length, 1);
      for (let i = 1; i < levels.length; i++) assert.ok(levels[i]! <= levels[i - 1]! + 1, `heading level jumps at ${i}`);
      const endpoints = [...html.matchAll(/<h3><code>GET ([^<]+)<\/code><\/h3>/g)].map((m) => m[1]);
      assert.equal(endpoints.length, 12);
      const links = [...html.matchAll(/<a href="(\/api\/[^"]*)">/g)].map((m) => m[1]!.replaceAll('&amp;', '&'));
      assert.equal(links.length, 13);
      for (const link of links) assert.equal((await call(`${b}${link}`)).status, 200, link);
    });
  });

  describe(`API paging and drafts on ${engine}`, () => {
    test('pages of two events, newest first, with Link headers', async () => {
      const site = await demoSite(engine);
      try {
        const b = site.base;
        const etagBefore = String((await call(`${b}/api/events`)).headers.etag);
        for (const [i, date] of ['2020-01-10', '2020-01-11', '2020-01-12', '2020-01-13'].entries()) await addEvent(site, `ev-${i + 1}`, date, ['Ana Lee']);
        const link = (page: number) => `<${b}/api/events?page=${page}&perPage=2>`;
        // Any write moves the cache generation: an ETag from before it no longer matches.
        assert.equal((await call(`${b}/api/events`, { headers: { 'if-none-match': etagBefore } })).status, 200);
        const pages = [];
        for (const page of [1, 2, 3]) pages.push(await call(`${b}/api/events?page=${page}&perPage=2`));
        assert.deepEqual(pages.map((p) => p.json.data.map((e: any) => e.slug)), [['ev-4', 'ev-3'], ['ev-2', 'ev-1'], [EVENT]]);
        assert.deepEqual(pages.map((p) => p.json.pagination), [1, 2, 3].map((page) => ({ page, perPage: 2, total: 5, totalPages: 3 })));
        assert.deepEqual(pages.map((p) => p.headers.link), [
          `${link(1)}; rel="first", ${link(2)}; rel="next", ${link(3)}; rel="last"`,
          `${link(1)}; rel="first", ${link(1)}; rel="prev", ${link(3)}; rel="next", ${link(3)}; rel="last"`,
          `${link(1)}; rel="first", ${link(2)}; rel="prev", ${link(3)}; rel="last"`,
        ]);
        // The default page is the bare path, and a paged URL answers the same as its default.
        assert.equal((await call(`${b}/api/events`)).text, (await call(`${b}/api/events?page=1&perPage=50`)).text);
        const ana = await call(`${b}/api/people/ana-lee`);
        assert.deepEqual(ana.json.appearances.map((a: any) => a.event.slug), ['ev-4', 'ev-3', 'ev-2', 'ev-1']);
        assert.deepEqual(ana.json.appearances[0].session.startsAt, '2020-01-13T10:00:00+01:00');
        const series = await call(`${b}/api/series/test-series`);
        assert.deepEqual([series.json.eventCount, series.json.events.map((e: any) => e.slug)], [4, ['ev-4', 'ev-3', 'ev-2', 'ev-1']]);
        const list = await call(`${b}/api/series`);
        assert.deepEqual(list.json.data.map((s: any) => s.slug), [SERIES, 'test-series']);
      } finally {
        await site.stop();
      }
    });

    test('unpublished events, and people and organizations only in them, are invisible', async () => {
      const site = await demoSite(engine);
      try {
        const b = site.base;
        await importAgenda(
          site.storage,
          agenda([{ date: '2031-03-03', sessions: [session({ speakers: [person('Hidden Person', { organization: 'Secret Council', country: 'Norway', countryCode: 'NO' }), person('William Lacy Swing')] })] }]),
          { series: { slug: 'test-series', title: 'Test series' }, event: { slug: 'secret-event', title: 'Secret', timeZone: 'Europe/Oslo', status: 'draft' } },
        );
        const draftSession = await site.storage.db
          .selectFrom('session as s')
          .innerJoin('event as e', 'e.id', 's.event_id')
          .where('e.slug', '=', 'secret-event')
          .select('s.id')
          .executeTakeFirstOrThrow();
        assert.deepEqual((await call(`${b}/api/events`)).json.data.map((e: any) => e.slug), [EVENT]);
        assert.equal((await call(`${b}/api/events/secret-event`)).status, 404);
        assert.equal((await call(`${b}/api/sessions/${draftSession.id}`)).status, 404);
        assert.equal((await call(`${b}/api/people/hidden-person`)).status, 404);
        assert.equal((await call(`${b}/api/organizations/secret-council`)).status, 404);
        assert.equal((await call(`${b}/api/people?perPage=200`)).json.pagination.total, 35);
        assert.equal((await call(`${b}/api/organizations?perPage=200`)).json.pagination.total, 24);
        assert.deepEqual((await call(`${b}/api/countries/no`)).json.appearances, []);
        assert.equal((await call(`${b}/api/countries`)).json.pagination.total, 17);
        assert.equal((await call(`${b}/api/people/william-lacy-swing`)).json.appearanceCount, 2);
        assert.deepEqual((await call(`${b}/api/series`)).json.data.map((s: any) => s.slug), [SERIES]);
        assert.deepEqual((await call(`${b}/api/series/test-series`)).json.events, []);
      } finally {
        await site.stop();
      }
    });
  });
}
