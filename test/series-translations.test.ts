// A series' title and description in other languages (issue 13), through HTTP on every engine:
// the series' editor enters them on the series' translation form (signed in, CSRF token, the
// form's version); another series' editor gets 403, a post without the token 403, a text too long
// 400 beside its field, a stale save 409 with the typed text kept; the audit log has the change;
// the public series page, the home page, the list of series, an event's breadcrumb and its JSON-LD
// show the reader's language with lang= (and dir= where the direction differs), the original
// where no translation exists; so do the representation pages' headings and breadcrumbs and the
// search page's series and event facets.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { importAgenda } from '../src/operations/import-agenda.ts';
import { demoSite } from './server.ts';
import { ENGINES } from './engines.ts';
import { agenda, person, session } from './factories.ts';
import { http, signedIn, versions } from './http-client.ts';

const TITLE_FR = 'Dialogue international sur la migration';
const DESCRIPTION_FR = 'Le dialogue des États Membres sur la migration, deux fois l’an.';

for (const engine of ENGINES) {
  describe(`series translations on ${engine}`, () => {
    test('the series form: 403 elsewhere, CSRF, 400, 409, audit; public pages and lists in the reader’s language with lang', async () => {
      const db = await demoSite(engine, { demo: false });
      const base = db.base;
      try {
        await importAgenda(
          db.storage,
          agenda([{ date: '2025-05-06', sessions: [session({ start: '10:00', end: '11:30', title: 'Migration and climate', speakers: [person('Amina Diallo')] })] }]),
          { series: { slug: 'idm', title: 'International Dialogue on Migration' }, event: { slug: 'idm-2025', title: 'International Dialogue on Migration 2025', timeZone: 'Europe/Zurich', status: 'published' } },
        );
        await importAgenda(db.storage, agenda([{ date: '2025-06-01', sessions: [session({ title: 'Other', speakers: [person('Other Person')] })] }]), {
          series: { slug: 'other', title: 'Other series' },
          event: { slug: 'other-2025', title: 'Other 2025', timeZone: 'Europe/Zurich', status: 'published' },
        });
        const ed = await signedIn(db.storage, base, { email: 'ed@example.org', role: 'editor', series: ['idm'] });
        const stranger = await signedIn(db.storage, base, { email: 'other@example.org', role: 'editor', series: ['other'] });

        // The original description, through the series' own form; its page links the translation forms.
        const s0 = await db.storage.db.selectFrom('series').select(['id', 'version', 'lang']).where('slug', '=', 'idm').executeTakeFirstOrThrow();
        assert.equal(s0.lang, 'en');
        const saved = await ed.post('/admin/series/idm/edit', { version: String(s0.version), slug: 'idm', title: 'International Dialogue on Migration', description: 'The member states’ dialogue on migration, twice a year.' });
        assert.equal(saved.status, 303, saved.body);
        const seriesPage = await ed.get('/admin/series/idm/edit');
        assert.match(seriesPage.body, /Translations: <a href="\/admin\/series\/idm\/translations\/fr">French<\/a>, <a href="\/admin\/series\/idm\/translations\/es">Spanish<\/a>/);

        // Another series' editor may neither read nor post the form.
        assert.equal((await stranger.get('/admin/series/idm/translations/fr')).status, 403);
        assert.equal((await stranger.post('/admin/series/idm/translations/fr', { 'series.title': 'X' })).status, 403);

        const form = await ed.get('/admin/series/idm/translations/fr');
        assert.equal(form.status, 200);
        assert.match(form.body, /<q lang="en">International Dialogue on Migration<\/q>/);
        assert.match(form.body, /<q lang="en">The member states’ dialogue on migration, twice a year.<\/q>/);
        assert.match(form.body, /<input id="f-series-title" name="series.title" lang="fr" aria-describedby="f-series-title-original" type="text" value=""\/>/);
        assert.match(form.body, /<textarea id="f-series-description" name="series.description" lang="fr" aria-describedby="f-series-description-original" rows="8"><\/textarea>/);
        assert.match(form.body, /<form method="post" action="\/admin\/series\/idm\/translations\/fr"/);
        const v1 = versions(form.body);
        assert.deepEqual(v1, { [`version.series.${s0.id}`]: String(s0.version + 1) });
        // A language the series is written in has nothing to translate; a language Plenary does not know is 404.
        assert.match((await ed.get('/admin/series/idm/translations/en')).body, /Nothing of this series is written in another language than English\./);
        assert.equal((await ed.get('/admin/series/idm/translations/xx')).status, 404);

        // Without the CSRF token: 403, nothing saved.
        const noToken = await ed.postRaw('/admin/series/idm/translations/fr', { origin: base }, { ...v1, 'series.title': TITLE_FR, 'series.description': '' });
        assert.equal(noToken.status, 403);

        // Too long: the message beside its field, what was typed kept.
        const tooLong = await ed.post('/admin/series/idm/translations/fr', { ...v1, 'series.title': 'x'.repeat(301), 'series.description': DESCRIPTION_FR });
        assert.equal(tooLong.status, 400);
        assert.match(tooLong.body, /<strong class="field-error" id="f-series-title-error">must be at most 300 characters<\/strong>/);
        assert.match(tooLong.body, /rows="8">Le dialogue des États Membres sur la migration, deux fois l’an.<\/textarea>/);

        const fr = await ed.post('/admin/series/idm/translations/fr', { ...v1, 'series.title': TITLE_FR, 'series.description': DESCRIPTION_FR });
        assert.equal(fr.status, 303, fr.body);
        assert.equal(fr.location, '/admin/series/idm/translations/fr?saved=1');
        const stored = await db.storage.db.selectFrom('series').select(['translations', 'version']).where('id', '=', s0.id).executeTakeFirstOrThrow();
        assert.deepEqual(JSON.parse(stored.translations), { description: { fr: DESCRIPTION_FR }, title: { fr: TITLE_FR } });
        assert.equal(stored.version, s0.version + 2);

        // From the version the form had before: 409, the stored text kept, the typed one shown.
        const stale = await ed.post('/admin/series/idm/translations/fr', { ...v1, 'series.title': 'Un autre titre', 'series.description': DESCRIPTION_FR });
        assert.equal(stale.status, 409);
        assert.match(stale.body, /value="Un autre titre"/);
        assert.deepEqual(JSON.parse((await db.storage.db.selectFrom('series').select('translations').where('id', '=', s0.id).executeTakeFirstOrThrow()).translations).title, { fr: TITLE_FR });

        // A Spanish title alone keeps the French texts.
        const es = await ed.post('/admin/series/idm/translations/es', { ...versions((await ed.get('/admin/series/idm/translations/es')).body), 'series.title': 'Diálogo Internacional sobre la Migración', 'series.description': '' });
        assert.equal(es.status, 303, es.body);

        // The audit log: one update of the series' translations per save, before and after.
        const entries = await db.storage.db.selectFrom('audit_entry').select(['action', 'entity', 'entity_id', 'before', 'after']).where('entity', '=', 'series').where('after', 'like', '%translations%').orderBy('id').execute();
        assert.deepEqual(entries.map((e) => [e.action, e.entity, e.entity_id]), [['update', 'series', s0.id], ['update', 'series', s0.id]]);
        assert.equal(JSON.parse(entries[0]!.before!).translations, '{}');
        assert.deepEqual(JSON.parse(JSON.parse(entries[0]!.after!).translations), { description: { fr: DESCRIPTION_FR }, title: { fr: TITLE_FR } });

        // Readers. The French series page: title and description in French, marked fr.
        const pageFr = await http('GET', `${base}/fr/series/idm`);
        assert.equal(pageFr.status, 200);
        assert.match(pageFr.body, new RegExp(`<title>${TITLE_FR} · `));
        assert.match(pageFr.body, new RegExp(`<h1 lang="fr">${TITLE_FR}</h1><p lang="fr">${DESCRIPTION_FR}</p>`));
        // Spanish: the Spanish title, the original description marked en.
        const pageEs = await http('GET', `${base}/es/series/idm`);
        assert.match(pageEs.body, /<h1 lang="es">Diálogo Internacional sobre la Migración<\/h1><p lang="en">The member states’ dialogue on migration, twice a year.<\/p>/);
        // Arabic: the originals, marked en and left to right.
        const pageAr = await http('GET', `${base}/ar/series/idm`);
        assert.match(pageAr.body, /<h1 lang="en" dir="ltr">International Dialogue on Migration<\/h1>/);
        // English: the original.
        assert.match((await http('GET', `${base}/series/idm`)).body, /<h1 lang="en">International Dialogue on Migration<\/h1>/);

        // The lists: home page, every series, and the event's breadcrumb.
        const homeFr = await http('GET', `${base}/fr/`);
        assert.match(homeFr.body, new RegExp(`<h2 id="series-idm"><a href="/fr/series/idm" lang="fr">${TITLE_FR}</a></h2>`));
        assert.match(homeFr.body, /<h2 id="series-other"><a href="\/fr\/series\/other" lang="en">Other series<\/a><\/h2>/);
        const listFr = await http('GET', `${base}/fr/series`);
        assert.match(listFr.body, new RegExp(`<bdi><a href="/fr/series/idm" lang="fr">${TITLE_FR}</a></bdi>`));
        const eventFr = await http('GET', `${base}/fr/events/idm-2025`);
        assert.match(eventFr.body, new RegExp(`<li><a href="/fr/series/idm" lang="fr">${TITLE_FR}</a></li>`));
        // The changelog's and the time-zone form's breadcrumbs too: the series in French, the event (not translated) in English.
        for (const path of ['/fr/events/idm-2025/changes', '/fr/events/idm-2025/time-zone']) {
          const r = await http('GET', `${base}${path}`);
          assert.equal(r.status, 200, path);
          assert.match(r.body, new RegExp(`<li><a href="/fr/series/idm" lang="fr">${TITLE_FR}</a></li><li><a href="/fr/events/idm-2025" lang="en">International Dialogue on Migration 2025</a></li>`), path);
        }
        // Who was heard (the representation pages): the series' title in the reader's language, marked
        // with its language in the heading and the breadcrumb; an event's untranslated title marked en.
        const heard = 'Qui a pris la parole\u00a0: ';
        const repFr = await http('GET', `${base}/fr/series/idm/representation`);
        assert.equal(repFr.status, 200);
        assert.match(repFr.body, new RegExp(`<title>${heard}${TITLE_FR} · Plenary</title>`));
        assert.match(repFr.body, new RegExp(`<h1>${heard}<span lang="fr">${TITLE_FR}</span></h1>`));
        const repYear = await http('GET', `${base}/fr/series/idm/representation/2025`);
        assert.equal(repYear.status, 200);
        assert.match(repYear.body, new RegExp(`<h1>${heard}<span lang="fr">${TITLE_FR}</span>, 2025</h1>`));
        assert.match(repYear.body, new RegExp(`<li><a href="/fr/series/idm" lang="fr">${TITLE_FR}</a></li><li><a href="/fr/series/idm/representation">${heard}${TITLE_FR}</a></li>`));
        const repEvent = await http('GET', `${base}/fr/events/idm-2025/representation`);
        assert.equal(repEvent.status, 200);
        assert.match(repEvent.body, new RegExp(`<h1>${heard}<span lang="en">International Dialogue on Migration 2025</span></h1>`));
        assert.match(repEvent.body, new RegExp(`<li><a href="/fr/series/idm" lang="fr">${TITLE_FR}</a></li><li><a href="/fr/events/idm-2025" lang="en">International Dialogue on Migration 2025</a></li>`));
        assert.match((await http('GET', `${base}/ar/series/idm/representation`)).body, /<span lang="en" dir="ltr">International Dialogue on Migration<\/span><\/h1>/);
        assert.match((await http('GET', `${base}/es/series/idm/representation`)).body, /<h1>Quién tomó la palabra: <span lang="es">Diálogo Internacional sobre la Migración<\/span><\/h1>/);
        assert.match((await http('GET', `${base}/series/idm/representation`)).body, /<h1>Who was heard: <span lang="en">International Dialogue on Migration<\/span><\/h1>/);

        // The search page's facets: each series' and event's title in the reader's language where there is one, marked.
        const facets = async (prefix: string) => {
          const r = await http('GET', `${base}${prefix}/search?q=2025`);
          assert.equal(r.status, 200);
          return [...r.body.matchAll(/<a href="[^"]*&amp;(series|event)=\d+">(<bdi[^>]*>[^<]*<\/bdi>)<\/a>/g)].map((m) => `${m[1]} ${m[2]}`).sort();
        };
        assert.deepEqual(await facets('/fr'), ['event <bdi lang="en">International Dialogue on Migration 2025</bdi>', 'event <bdi lang="en">Other 2025</bdi>', `series <bdi lang="fr">${TITLE_FR}</bdi>`, 'series <bdi lang="en">Other series</bdi>'].sort());
        assert.deepEqual(await facets('/ar'), ['event <bdi lang="en" dir="ltr">International Dialogue on Migration 2025</bdi>', 'event <bdi lang="en" dir="ltr">Other 2025</bdi>', 'series <bdi lang="en" dir="ltr">International Dialogue on Migration</bdi>', 'series <bdi lang="en" dir="ltr">Other series</bdi>'].sort());
        assert.deepEqual(await facets(''), ['event <bdi lang="en">International Dialogue on Migration 2025</bdi>', 'event <bdi lang="en">Other 2025</bdi>', 'series <bdi lang="en">International Dialogue on Migration</bdi>', 'series <bdi lang="en">Other series</bdi>'].sort());
        const ld = JSON.parse(eventFr.body.match(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/)![1]!);
        assert.deepEqual(ld.superEvent, { '@type': 'EventSeries', name: { '@value': TITLE_FR, '@language': 'fr' }, url: `${base}/fr/series/idm` });
        const ldEn = JSON.parse((await http('GET', `${base}/events/idm-2025`)).body.match(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/)![1]!);
        assert.deepEqual(ldEn.superEvent, { '@type': 'EventSeries', name: 'International Dialogue on Migration', url: `${base}/series/idm` });
      } finally {
        await db.stop();
      }
    });
  });
}
