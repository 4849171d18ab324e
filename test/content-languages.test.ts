// Content in several languages (issue 13), through HTTP on every engine: an editor enters a
// French title and session title and a Spanish overview on the workspace's translation form
// (signed in, CSRF token), a stale save gets 409 and a too-long text its message beside the
// field; the audit log has the change; after publishing, /fr/ shows the French title marked
// lang="fr" and the original overview marked lang="en" where no French exists, /es/ the Spanish
// overview; calendars and JSON-LD carry the translated titles; search finds the translations; a statement with an English
// original and a Spanish version offers the Spanish reader Spanish first and says "Original:
// inglés"; a backup restored elsewhere keeps the translations and the versions.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createBackup } from '../src/operations/backup.ts';
import { importAgenda } from '../src/operations/import-agenda.ts';
import { restoreBackup } from '../src/operations/restore.ts';
import { startServer } from '../src/web/server.ts';
import { ENGINES, migratedStorage } from './engines.ts';
import { agenda, person, session } from './factories.ts';
import { http, signedIn, versions } from './http-client.ts';

const PDF = (text: string) => Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from(`% ${text}\n`), Buffer.from('\n%%EOF\n')]);

/** The hidden inputs named version.<entity>.<id> of a translation form. */

for (const engine of ENGINES) {
  describe(`content in several languages on ${engine}`, () => {
    test('translations entered in the workspace are published, picked by the reader’s language and marked with lang; versions of a document; backups keep them', async () => {
      const db = await migratedStorage(engine);
      const server = await startServer(db.storage, { port: 0, host: '127.0.0.1' });
      const base = `http://127.0.0.1:${server.port}`;
      const target = await migratedStorage(engine);
      try {
        await importAgenda(
          db.storage,
          agenda([
            {
              date: '2025-05-06',
              sessions: [session({ start: '09:00', end: '10:00', kind: 'opening', title: 'Opening remarks' }), session({ start: '10:00', end: '11:30', title: 'Migration and climate', speakers: [person('Amina Diallo')] })],
            },
          ]),
          { series: { slug: 'idm', title: 'International Dialogue on Migration' }, event: { slug: 'idm-2025', title: 'International Dialogue on Migration 2025', timeZone: 'Europe/Zurich' } },
        );
        const event = await db.storage.db.selectFrom('event').select(['id', 'version']).where('slug', '=', 'idm-2025').executeTakeFirstOrThrow();
        const sessions = await db.storage.db.selectFrom('session').select(['id', 'title']).where('event_id', '=', event.id).orderBy('start_time').execute();
        const [opening, panel] = [sessions[0]!, sessions[1]!];
        const ed = await signedIn(db.storage, base, { email: 'ed@example.org', role: 'editor', series: ['idm'] });

        // The original overview and themes, through the event's own form.
        const saved = await ed.post(`/admin/events/${event.id}`, {
          version: String(event.version), slug: 'idm-2025', title: 'International Dialogue on Migration 2025', lang: 'en', start_date: '2025-05-06', end_date: '2025-05-06',
          time_zone: 'Europe/Zurich', venue: '', address: '', city: 'Geneva', country_code: 'CH', overview: 'Two days on mobility and climate.', themes: 'Climate mobility\nLabour migration', contact_email: '',
        });
        assert.equal(saved.status, 303, saved.body);
        const eventPage = await ed.get(`/admin/events/${event.id}`);
        assert.match(eventPage.body, new RegExp(`<a href="/admin/events/${event.id}/translations/fr">French</a>`));

        // The French form: every text beside its original, each with a version.
        const formFr = await ed.get(`/admin/events/${event.id}/translations/fr`);
        assert.equal(formFr.status, 200);
        assert.match(formFr.body, /<q lang="en">International Dialogue on Migration 2025<\/q>/);
        assert.match(formFr.body, /<input id="f-event-title" name="event.title" lang="fr"/);
        assert.match(formFr.body, /<q lang="en">Climate mobility<\/q>/);
        const v1 = versions(formFr.body);
        assert.deepEqual(Object.keys(v1).sort(), [`version.event.${event.id}`, `version.session.${opening.id}`, `version.session.${panel.id}`].sort());
        const empty = { 'event.overview': '', 'event.theme.0': '', 'event.theme.1': '', [`session.${opening.id}.title`]: '' };

        // Too long: the message beside its field, what was typed kept, nothing saved.
        const tooLong = await ed.post(`/admin/events/${event.id}/translations/fr`, { ...v1, ...empty, 'event.title': 'x'.repeat(301), [`session.${panel.id}.title`]: 'Migrations et changement climatique' });
        assert.equal(tooLong.status, 400);
        assert.match(tooLong.body, /<strong class="field-error" id="f-event-title-error">must be at most 300 characters<\/strong>/);
        assert.match(tooLong.body, /name="session\.\d+\.title" lang="fr" aria-describedby="[^"]*" type="text" value="Migrations et changement climatique"/);

        const fr = await ed.post(`/admin/events/${event.id}/translations/fr`, {
          ...v1, ...empty, 'event.title': 'Dialogue international sur la migration 2025', 'event.theme.0': 'Mobilité climatique', [`session.${panel.id}.title`]: 'Migrations et changement climatique',
        });
        assert.equal(fr.status, 303, fr.body);
        assert.equal(fr.location, `/admin/events/${event.id}/translations/fr?saved=1`);

        // A save from the versions the form had before: 409, the stored text kept.
        const stale = await ed.post(`/admin/events/${event.id}/translations/fr`, { ...v1, ...empty, 'event.title': 'Un autre titre', [`session.${panel.id}.title`]: 'Migrations et changement climatique' });
        assert.equal(stale.status, 409);
        assert.match(stale.body, /was changed by someone else after you opened it/);
        assert.match(stale.body, /value="Un autre titre"/, 'what was typed is kept');

        const formEs = await ed.get(`/admin/events/${event.id}/translations/es`);
        const es = await ed.post(`/admin/events/${event.id}/translations/es`, {
          ...versions(formEs.body), 'event.title': '', 'event.overview': 'Dos días sobre movilidad y clima.', 'event.theme.0': '', 'event.theme.1': '', [`session.${opening.id}.title`]: '', [`session.${panel.id}.title`]: '',
        });
        assert.equal(es.status, 303, es.body);
        const stored = await db.storage.db.selectFrom('event').select('translations').where('id', '=', event.id).executeTakeFirstOrThrow();
        assert.deepEqual(JSON.parse(stored.translations), {
          overview: { es: 'Dos días sobre movilidad y clima.' },
          'theme:Climate mobility': { fr: 'Mobilité climatique' },
          title: { fr: 'Dialogue international sur la migration 2025' },
        });

        // The audit log: each save an update of the record's translations, before and after.
        const entries = await db.storage.db.selectFrom('audit_entry').select(['action', 'entity', 'entity_id', 'before', 'after']).where('entity', 'in', ['event', 'session']).where('after', 'like', '%translations%').orderBy('id').execute();
        assert.deepEqual(entries.map((e) => [e.action, e.entity, e.entity_id]), [['update', 'event', event.id], ['update', 'session', panel.id], ['update', 'event', event.id]]);
        assert.equal(JSON.parse(entries[0]!.before!).translations, '{}');
        assert.match(JSON.parse(entries[0]!.after!).translations, /Dialogue international sur la migration 2025/);
        const audit = await ed.get('/admin/audit');
        assert.match(audit.body, /Dialogue international sur la migration 2025/);

        // A statement: an English original, then a Spanish version through the upload path.
        const appearance = await db.storage.db.selectFrom('appearance').select('id').where('session_id', '=', panel.id).executeTakeFirstOrThrow();
        const up = new FormData();
        up.set('_csrf', ed.csrfToken);
        up.set('kind', 'statement');
        up.set('lang', 'en');
        up.set('label', 'Statement by Amina Diallo');
        up.set('appearance', String(appearance.id));
        up.set('file', new Blob([PDF('English')], { type: 'application/pdf' }), 'statement-en.pdf');
        assert.equal((await ed.postMultipart(`/admin/events/${event.id}/materials`, up)).status, 303);
        const original = await db.storage.db.selectFrom('material').select(['id', 'file_id']).where('event_id', '=', event.id).executeTakeFirstOrThrow();
        const addVersion = (lang: string, text: string) => {
          const f = new FormData();
          f.set('_csrf', ed.csrfToken);
          f.set('lang', lang);
          f.set('file', new Blob([PDF(text)], { type: 'application/pdf' }), `statement-${lang}.pdf`);
          return ed.postMultipart(`/admin/materials/${original.id}/versions`, f);
        };
        assert.equal((await addVersion('es', 'Español')).status, 303);
        const again = await addVersion('es', 'Otra vez');
        assert.equal(again.status, 400);
        assert.match(again.body, /this document already has a version in es/);
        assert.equal((await addVersion('fr', 'Français')).status, 303);
        const mats = await db.storage.db.selectFrom('material').select(['id', 'lang', 'file_id', 'original_id', 'label']).where('event_id', '=', event.id).orderBy('id').execute();
        assert.deepEqual(mats.map((m) => [m.lang, m.original_id, m.label]), [['en', null, 'Statement by Amina Diallo'], ['es', original.id, 'Statement by Amina Diallo'], ['fr', original.id, 'Statement by Amina Diallo']]);
        assert.equal(mats[0]!.file_id, original.file_id, 'the original keeps its file and address');
        const fileOf = (lang: string) => mats.find((m) => m.lang === lang)!.file_id!;

        const published = await ed.post(`/admin/events/${event.id}/publish`, { note: '' });
        assert.equal(published.status, 303, published.body);

        // French readers: the French title marked fr, the English overview marked en.
        const pageFr = await http('GET', `${base}/fr/events/idm-2025`);
        assert.equal(pageFr.status, 200);
        assert.match(pageFr.body, /<html lang="fr"/);
        assert.match(pageFr.body, /<h1 lang="fr">Dialogue international sur la migration 2025<\/h1>/);
        assert.match(pageFr.body, /<div lang="en"><p>Two days on mobility and climate.<\/p><\/div>/);
        assert.match(pageFr.body, /<li lang="fr">Mobilité climatique<\/li><li lang="en">Labour migration<\/li>/);
        assert.match(pageFr.body, /<span lang="fr">Migrations et changement climatique<\/span>/);
        assert.match(pageFr.body, /<span lang="en">Opening remarks<\/span>/);
        // Spanish readers: the original title, the Spanish overview, the Spanish statement first.
        const pageEs = await http('GET', `${base}/es/events/idm-2025`);
        assert.match(pageEs.body, /<h1 lang="en">International Dialogue on Migration 2025<\/h1>/);
        assert.match(pageEs.body, /<div lang="es"><p>Dos días sobre movilidad y clima.<\/p><\/div>/);
        const doc = pageEs.body.match(/<span class="doc">([\s\S]*?)<\/span><\/span>/)?.[1] ?? '';
        assert.match(doc, new RegExp(`^<bdi><a class="mat" href="/files/${fileOf('es')}" hreflang="es" lang="en">Statement by Amina Diallo</a></bdi>`));
        const offered = [...doc.matchAll(/<a href="\/files\/([^"]+)" hreflang="(\w+)">([^<]+)<\/a>/g)].map((m) => [m[1], m[2], m[3]]);
        assert.deepEqual(offered, [[fileOf('es'), 'es', 'español'], [fileOf('en'), 'en', 'inglés'], [fileOf('fr'), 'fr', 'francés']]);
        assert.match(doc, /; Original: inglés\)$/);
        // English readers: the original first, then the others.
        const pageEn = await http('GET', `${base}/events/idm-2025`);
        const docEn = pageEn.body.match(/<span class="doc">([\s\S]*?)<\/span><\/span>/)?.[1] ?? '';
        assert.deepEqual([...docEn.matchAll(/hreflang="(\w+)">([^<]+)<\/a>/g)].map((m) => m[2]), ['English', 'Spanish', 'French']);
        assert.match(docEn, /Original: English\)$/);
        for (const lang of ['en', 'es', 'fr']) assert.equal((await http('GET', `${base}/files/${fileOf(lang)}`)).status, 200);

        // Search finds the translated texts, each stemmed in its language ("changements" finds "changement").
        const searched = async (q: string) => (JSON.parse((await http('GET', `${base}/api/search?q=${encodeURIComponent(q)}`)).body) as { results: Array<{ kind: string; title: string }> }).results.map((r) => `${r.kind}: ${r.title}`);
        assert.deepEqual(await searched('changements'), ['session: Migration and climate']);
        assert.deepEqual(await searched('movilidad'), ['event: International Dialogue on Migration 2025']);

        // Exports under /fr/: the calendar's SUMMARY and JSON-LD carry the French titles.
        const ics = await http('GET', `${base}/fr/events/idm-2025/calendar.ics`);
        assert.equal(ics.status, 200);
        assert.match(ics.body.replace(/\r\n[ \t]/g, ''), /\r\nSUMMARY:Migrations et changement climatique — Dialogue international sur la migration 2025\r\n/);
        const ld = JSON.parse(pageFr.body.match(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/)![1]!);
        assert.deepEqual(ld.name, { '@value': 'Dialogue international sur la migration 2025', '@language': 'fr' });
        assert.deepEqual(
          ld.subEvent.map((s: { name: unknown }) => s.name),
          ['Opening remarks', { '@value': 'Migrations et changement climatique', '@language': 'fr' }],
        );
        assert.match((await http('GET', `${base}/es/events/idm-2025/schedule.xml`)).body, /<title>Migration and climate<\/title>/);

        // A backup restored into another database keeps the translations and the versions, in both copies.
        const backup = await createBackup(db.storage);
        await restoreBackup(target.storage, backup.bytes, 'backup.tar.gz');
        for (const table of ['event', 'pub_event'] as const) {
          const row = await target.storage.db.selectFrom(table).select('translations').where('id', '=', event.id).executeTakeFirstOrThrow();
          assert.equal(row.translations, stored.translations, table);
        }
        const pubSession = await target.storage.db.selectFrom('pub_session').select('translations').where('id', '=', panel.id).executeTakeFirstOrThrow();
        assert.deepEqual(JSON.parse(pubSession.translations), { title: { fr: 'Migrations et changement climatique' } });
        const restored = await target.storage.db.selectFrom('pub_material').select(['lang', 'original_id', 'file_id']).orderBy('id').execute();
        assert.deepEqual(restored.map((m) => [m.lang, m.original_id, m.file_id]), mats.map((m) => [m.lang, m.original_id, m.file_id]));
      } finally {
        await server.close();
        await db.cleanup();
        await target.cleanup();
      }
    });
  });
}
