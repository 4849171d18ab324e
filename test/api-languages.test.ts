// The JSON API in the client's language (issue 13), over HTTP on every engine: ?lang=fr gives the
// titles, overview, themes, session titles, material labels and series' texts an editor entered in
// French, each with the language it is in, and country names in French; ?lang=ar gives the originals
// (no content is written in Arabic) with Arabic country names; no lang is English as before; an
// unknown language is a 400; each language is its own cache entry; every answer matches the OpenAPI
// document, which documents the parameter.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import SwaggerParser from '@apidevtools/swagger-parser';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { importAgenda } from '../src/operations/import-agenda.ts';
import { demoSite } from './server.ts';
import { ENGINES } from './engines.ts';
import { agenda, person, session } from './factories.ts';
import { http, signedIn, versions } from './http-client.ts';

const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (a: Ajv2020) => Ajv2020;

const EVENT_FR = 'Dialogue international sur la migration 2025';
const SERIES_FR = 'Dialogue international sur la migration';
const PANEL_FR = 'Migrations et changement climatique';
const LABEL_FR = 'Déclaration d’Amina Diallo';

for (const engine of ENGINES) {
  describe(`the API in the client's language on ${engine}`, () => {
    test('?lang=: translated texts with their languages, country names in the language, 400 for an unknown one, one cache entry each, the OpenAPI schemas', async () => {
      const db = await demoSite(engine, { demo: false });
      const base = db.base;
      const get = async (path: string) => {
        const r = await http('GET', `${base}${path}`);
        return { status: r.status, headers: r.headers, json: JSON.parse(r.body) };
      };
      try {
        await importAgenda(
          db.storage,
          agenda([
            {
              date: '2025-05-06',
              sessions: [
                session({ start: '09:00', end: '10:00', kind: 'opening', title: 'Opening remarks' }),
                session({
                  start: '10:00',
                  end: '11:30',
                  title: 'Migration and climate',
                  speakers: [person('Amina Diallo', { position: 'Minister', organization: 'Ministry of Foreign Affairs', country: 'Turkey', countryCode: 'TR', materials: [{ kind: 'statement', label: 'Statement by Amina Diallo' }] })],
                }),
              ],
            },
          ]),
          { series: { slug: 'idm', title: 'International Dialogue on Migration' }, event: { slug: 'idm-2025', title: 'International Dialogue on Migration 2025', timeZone: 'Europe/Zurich' } },
        );
        const event = await db.storage.db.selectFrom('event').select(['id', 'version']).where('slug', '=', 'idm-2025').executeTakeFirstOrThrow();
        const [opening, panel] = await db.storage.db.selectFrom('session').select(['id']).where('event_id', '=', event.id).orderBy('start_time').execute();
        const material = await db.storage.db.selectFrom('material').select('id').where('event_id', '=', event.id).executeTakeFirstOrThrow();
        const ed = await signedIn(db.storage, base, { email: 'ed@example.org', role: 'editor', series: ['idm'] });
        assert.equal(
          (await ed.post(`/admin/events/${event.id}`, {
            version: String(event.version), slug: 'idm-2025', title: 'International Dialogue on Migration 2025', lang: 'en', start_date: '2025-05-06', end_date: '2025-05-06',
            time_zone: 'Europe/Zurich', venue: 'Palais des Nations', address: '', city: 'Geneva', country_code: 'CH', overview: 'Two days on mobility and climate.', themes: 'Climate mobility\nLabour migration', contact_email: '',
          })).status,
          303,
        );
        const form = await ed.get(`/admin/events/${event.id}/translations/fr`);
        const saved = await ed.post(`/admin/events/${event.id}/translations/fr`, {
          ...versions(form.body),
          'event.title': EVENT_FR,
          'event.overview': '',
          'event.theme.0': 'Mobilité climatique',
          'event.theme.1': '',
          [`session.${opening!.id}.title`]: '',
          [`session.${panel!.id}.title`]: PANEL_FR,
          [`material.${material.id}.label`]: LABEL_FR,
        });
        assert.equal(saved.status, 303, saved.body);
        const seriesForm = await ed.get('/admin/series/idm/translations/fr');
        assert.equal((await ed.post('/admin/series/idm/translations/fr', { ...versions(seriesForm.body), 'series.title': SERIES_FR, 'series.description': '' })).status, 303);
        assert.equal((await ed.post(`/admin/events/${event.id}/publish`, { note: '' })).status, 303);

        // English (no lang) first, so that the cache holds it when French is asked.
        const en = await get('/api/events/idm-2025');
        assert.equal(en.status, 200);
        assert.equal(en.headers['content-language'], 'en');
        assert.equal(en.json.title, 'International Dialogue on Migration 2025');
        assert.equal(en.json.titleLang, 'en');
        assert.equal(en.json.countryName, 'Switzerland');
        assert.equal(en.json.days[0].sessions[1].appearances[0].affiliation.country, 'Türkiye');

        const fr = await get('/api/events/idm-2025?lang=fr');
        assert.equal(fr.status, 200);
        assert.equal(fr.headers['content-language'], 'fr');
        const e = fr.json;
        assert.deepEqual(
          { title: e.title, titleLang: e.titleLang, lang: e.lang, overview: e.overview, overviewLang: e.overviewLang, themes: e.themes, themeLangs: e.themeLangs, countryName: e.countryName, countryCode: e.countryCode, series: e.series },
          {
            title: EVENT_FR, titleLang: 'fr', lang: 'en',
            overview: 'Two days on mobility and climate.', overviewLang: 'en',
            themes: ['Mobilité climatique', 'Labour migration'], themeLangs: ['fr', 'en'],
            countryName: 'Suisse', countryCode: 'CH',
            series: { id: e.series.id, slug: 'idm', title: SERIES_FR, titleLang: 'fr', url: `${base}/fr/series/idm`, apiUrl: `${base}/api/series/idm` },
          },
        );
        const sessions = e.days[0].sessions;
        assert.deepEqual(sessions.map((s: { title: string; displayTitle: string; lang: string }) => [s.title, s.displayTitle, s.lang]), [['Opening remarks', 'Opening remarks', 'en'], [PANEL_FR, PANEL_FR, 'fr']]);
        const amina = sessions[1].appearances[0];
        assert.deepEqual(amina.affiliation, {
          position: 'Minister',
          organization: amina.affiliation.organization,
          country: 'Turquie',
          countryCode: 'TR',
          text: 'Minister, Ministry of Foreign Affairs, Turquie',
        });
        assert.deepEqual(amina.materials.map((m: { label: string; labelLang: string; lang: string }) => [m.label, m.labelLang, m.lang]), [[LABEL_FR, 'fr', 'en']]);
        // Names, honorifics and positions are as printed in every language.
        assert.equal(amina.person.name, 'Amina Diallo');

        // Arabic: no content is written in it, so the originals, with Arabic country names.
        const ar = (await get('/api/events/idm-2025?lang=ar')).json;
        assert.deepEqual([ar.title, ar.titleLang, ar.countryName, ar.days[0].sessions[1].title, ar.days[0].sessions[1].lang, ar.days[0].sessions[1].appearances[0].affiliation.country], ['International Dialogue on Migration 2025', 'en', 'سويسرا', 'Migration and climate', 'en', 'تركيا']);
        // Spanish: the originals, Spanish country names.
        const es = (await get('/api/events/idm-2025?lang=es')).json;
        assert.deepEqual([es.title, es.titleLang, es.countryName, es.days[0].sessions[1].appearances[0].affiliation.text], ['International Dialogue on Migration 2025', 'en', 'Suiza', 'Minister, Ministry of Foreign Affairs, Turquía']);

        // Each language is its own cache entry: English again is still English, with its own ETag.
        const enAgain = await get('/api/events/idm-2025');
        assert.equal(enAgain.json.title, 'International Dialogue on Migration 2025');
        assert.notEqual(enAgain.headers.etag, fr.headers.etag);
        assert.equal((await get('/api/events/idm-2025?lang=en')).json.title, 'International Dialogue on Migration 2025');

        // The other resources.
        const s = (await get(`/api/sessions/${panel!.id}?lang=fr`)).json;
        assert.deepEqual([s.title, s.lang, s.event.title, s.event.titleLang], [PANEL_FR, 'fr', EVENT_FR, 'fr']);
        const series = (await get('/api/series/idm?lang=fr')).json;
        assert.deepEqual([series.title, series.titleLang, series.lang, series.description, series.descriptionLang], [SERIES_FR, 'fr', 'en', null, 'en']);
        assert.deepEqual(series.events.map((x: { title: string; titleLang: string }) => [x.title, x.titleLang]), [[EVENT_FR, 'fr']]);
        const seriesList = (await get('/api/series?lang=fr')).json;
        assert.deepEqual(seriesList.data.map((x: { title: string; titleLang: string }) => [x.title, x.titleLang]), [[SERIES_FR, 'fr']]);
        const events = (await get('/api/events?lang=fr')).json;
        assert.deepEqual(events.data.map((x: { title: string; titleLang: string; series: { title: string; titleLang: string } }) => [x.title, x.titleLang, x.series.title, x.series.titleLang]), [[EVENT_FR, 'fr', SERIES_FR, 'fr']]);
        assert.deepEqual((await get('/api/events')).json.data.map((x: { title: string; titleLang: string }) => [x.title, x.titleLang]), [['International Dialogue on Migration 2025', 'en']]);
        const people = (await get('/api/people/amina-diallo?lang=fr')).json;
        const seen = people.appearances[0];
        assert.deepEqual(
          [seen.session.title, seen.session.displayTitle, seen.session.lang, seen.event.title, seen.event.titleLang, seen.affiliation.country, seen.materials[0].label, seen.materials[0].labelLang],
          [PANEL_FR, PANEL_FR, 'fr', EVENT_FR, 'fr', 'Turquie', LABEL_FR, 'fr'],
        );
        const country = (await get('/api/countries/tr?lang=es')).json;
        assert.deepEqual([country.code, country.name, country.appearances[0].affiliation.country], ['TR', 'Turquía', 'Turquía']);
        assert.deepEqual((await get('/api/countries?lang=ar')).json.data.map((c: { code: string; name: string }) => [c.code, c.name]), [['TR', 'تركيا']]);
        const org = (await get(`/api/organizations/${seen.affiliation.organization.slug}?lang=fr`)).json;
        assert.equal(org.appearances[0].session.title, PANEL_FR);

        // An unknown language: 400 with the stable code, saying which languages there are.
        for (const bad of ['de', 'FR', '']) {
          const r = await get(`/api/events/idm-2025?lang=${bad}`);
          assert.equal(r.status, 400, bad);
          assert.deepEqual(r.json, { error: { code: 'invalid_input', message: 'lang must be one of en, es, fr, ar' } });
        }

        // The changelog in a language: a second release (the opening's French title) says what changed in it.
        const again = await ed.get(`/admin/events/${event.id}/translations/fr`);
        const kept = Object.fromEntries([...again.body.matchAll(/<input id="[^"]+" name="([^"]+)"[^>]*? value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
        assert.equal((await ed.post(`/admin/events/${event.id}/translations/fr`, { ...kept, ...versions(again.body), 'event.overview': '', [`session.${opening!.id}.title`]: 'Allocution d’ouverture' })).status, 303);
        assert.equal((await ed.post(`/admin/events/${event.id}/publish`, { note: '' })).status, 303);
        const releases = async (q: string) => {
          const r = await get(`/api/events/idm-2025/releases${q}`);
          assert.equal(r.status, 200, q);
          return [r.headers['content-language'], ...r.json.data.map((x: { number: number; first: boolean; changes: Array<{ text: string }> }) => [x.number, x.first, x.changes.map((c) => c.text)])];
        };
        assert.deepEqual(await releases(''), ['en', [2, false, ['Texts in French changed: Opening remarks.']], [1, true, []]]);
        assert.deepEqual(await releases('?lang=fr'), ['fr', [2, false, ['Textes en français modifiés\u00a0: Opening remarks.']], [1, true, []]]);
        assert.deepEqual(await releases('?lang=ar'), ['ar', [2, false, ['تغيّرت النصوص باللغات الفرنسية: Opening remarks.']], [1, true, []]]);
        assert.equal((await get('/api/events/idm-2025/releases?lang=de')).status, 400);

        // Search in a language: the facets' words, country names and the series' title in it (the
        // French title marked fr), the facets' links to the French search page; the text's
        // language is the filter textLang.
        const searched = async (q: string) => {
          const r = await get(`/api/search?q=migration${q}`);
          assert.equal(r.status, 200, q);
          const facet = (f: string) => r.json.facets[f].map((v: { value: string; label: string; labelLang: string; count: number }) => `${v.value}=${v.label}/${v.labelLang}/${v.count}`);
          return { lang: r.headers['content-language'], total: r.json.total, filters: r.json.filters, series: facet('series'), event: facet('event'), kind: facet('kind'), textLang: facet('textLang'), url: r.json.facets.kind[0]?.url };
        };
        const seriesId = (await db.storage.db.selectFrom('series').select('id').where('slug', '=', 'idm').executeTakeFirstOrThrow()).id;
        const eventId = event.id;
        assert.deepEqual(await searched(''), {
          lang: 'en', total: 2, filters: {},
          series: [`${seriesId}=International Dialogue on Migration/en/2`], event: [`${eventId}=International Dialogue on Migration 2025/en/2`],
          kind: ['event=Event/en/1', 'session=Session/en/1'], textLang: ['en=English/en/2'],
          url: `${base}/search?q=migration&kind=event`,
        });
        assert.deepEqual(await searched('&lang=fr'), {
          lang: 'fr', total: 2, filters: {},
          series: [`${seriesId}=${SERIES_FR}/fr/2`], event: [`${eventId}=${EVENT_FR}/fr/2`],
          kind: ['event=Événement/fr/1', 'session=Séance/fr/1'], textLang: ['en=Anglais/fr/2'],
          url: `${base}/fr/search?q=migration&kind=event`,
        });
        // Arabic (nothing written in it: the originals, marked en) with the text's language as a filter; the facets' links
        // lead to the Arabic search page, whose filter of the text's language is lang.
        assert.deepEqual(await searched('&lang=ar&textLang=en'), {
          lang: 'ar', total: 2, filters: { textLang: 'en' },
          series: [`${seriesId}=International Dialogue on Migration/en/2`], event: [`${eventId}=International Dialogue on Migration 2025/en/2`],
          kind: ['event=فعالية/ar/1', 'session=جلسة/ar/1'], textLang: ['en=الإنكليزية/ar/2'],
          url: `${base}/ar/search?q=migration&kind=event&lang=en`,
        });
        assert.deepEqual(await searched('&textLang=fr'), { lang: 'en', total: 0, filters: { textLang: 'fr' }, series: [], event: [], kind: [], textLang: [], url: undefined });
        for (const bad of ['de', 'FR']) {
          const r = await get(`/api/search?q=migration&lang=${bad}`);
          assert.deepEqual([r.status, r.json], [400, { error: { code: 'invalid_input', message: 'lang must be one of en, es, fr, ar' } }], bad);
        }

        // The OpenAPI document: valid, the parameter documented on the archive's reads, every answer above matching its schema.
        const doc = (await get('/api/openapi.json')).json;
        await SwaggerParser.validate(structuredClone(doc));
        assert.deepEqual(doc.components.parameters.Lang.schema, { type: 'string', enum: ['en', 'es', 'fr', 'ar'], default: 'en' });
        assert.equal(doc.components.parameters.Lang.in, 'query');
        const withLang = Object.entries(doc.paths as Record<string, { get?: { parameters?: Array<{ $ref?: string }> } }>)
          .filter(([, p]) => p.get?.parameters?.some((x) => x.$ref === '#/components/parameters/Lang'))
          .map(([path]) => path)
          .sort();
        assert.deepEqual(withLang, ['/api/countries', '/api/countries/{code}', '/api/events', '/api/events/{slug}', '/api/events/{slug}/releases', '/api/organizations', '/api/organizations/{slug}', '/api/people', '/api/people/{slug}', '/api/search', '/api/series', '/api/series/{slug}', '/api/sessions/{id}']);
        const ajv = new Ajv2020({ allErrors: true });
        addFormats(ajv);
        ajv.addKeyword('components');
        ajv.addSchema({ $id: 'plenary-api', components: { schemas: doc.components.schemas } });
        const examples: Record<string, string> = {
          '/api/series': '/api/series?lang=fr',
          '/api/series/{slug}': '/api/series/idm?lang=fr',
          '/api/events': '/api/events?lang=fr',
          '/api/events/{slug}': '/api/events/idm-2025?lang=fr',
          '/api/sessions/{id}': `/api/sessions/${panel!.id}?lang=fr`,
          '/api/people': '/api/people?lang=ar',
          '/api/people/{slug}': '/api/people/amina-diallo?lang=fr',
          '/api/organizations': '/api/organizations?lang=es',
          '/api/organizations/{slug}': `/api/organizations/${seen.affiliation.organization.slug}?lang=fr`,
          '/api/countries': '/api/countries?lang=ar',
          '/api/countries/{code}': '/api/countries/tr?lang=es',
          '/api/events/{slug}/releases': '/api/events/idm-2025/releases?lang=fr',
          '/api/search': '/api/search?q=migration&lang=fr',
        };
        for (const [path, url] of Object.entries(examples)) {
          const r = await get(url);
          assert.equal(r.status, 200, url);
          const validate = ajv.getSchema(`plenary-api${doc.paths[path].get.responses['200'].content['application/json'].schema.$ref}`)!;
          assert.ok(validate(r.json), `${url}: ${ajv.errorsText(validate.errors)}`);
        }
      } finally {
        await db.stop();
      }
    });
  });
}
