// The workspace's not-found answers, its refusals of requests a browser's form never sends, and the JSON
// API's error bodies in the reader's language (issue 13), through the running server on every engine.
// The workspace says them in its address's language (/fr/admin…); the API in English, or in the language a
// request asks for with ?lang= (code, fields' names and status unchanged, Content-Language set).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createToken } from '../src/operations/api-tokens.ts';
import { editionsOf, ensurePublication, freezeEdition } from '../src/operations/publications.ts';
import { publishEvent } from '../src/operations/releases.ts';
import { publicationOptions } from '../src/web/views/publication-words.ts';
import { startServer } from '../src/web/server.ts';
import { ENGINES, migratedStorage } from './engines.ts';
import { twoSeries } from './factories.ts';
import { http, signedIn, versions } from './http-client.ts';
import { stampIn } from './intl-dates.ts';

const NBSP = '\u00a0';
const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const alert = (html: string) => unescape(html.match(/<p[^>]*role="alert"[^>]*>([^<]*)<\/p>/)?.[1] ?? '');
const h1 = (html: string) => unescape(html.match(/<h1[^>]*>([^<]*)<\/h1>/)?.[1] ?? '');

for (const engine of ENGINES) {
  describe(`the workspace's and the API's refusals in the reader's language on ${engine}`, () => {
    test('not found, crafted requests, a deleted record; the API with and without ?lang=', async () => {
      const db = await migratedStorage(engine);
      const server = await startServer(db.storage, { port: 0, host: '127.0.0.1', uploadMaxBytes: 1.5 * 1024 * 1024 });
      const base = `http://127.0.0.1:${server.port}`;
      try {
        await twoSeries(db.storage);
        const q = db.storage.db;
        const idm = await q.selectFrom('session').select(['id', 'version', 'event_id']).where('title', '=', 'Panel of idm').executeTakeFirstOrThrow();
        const admin = await signedIn(db.storage, base, { email: 'admin@example.org', role: 'admin' });

        // ---- the workspace: not found ------------------------------------------------------------
        const missing = async (path: string) => {
          const r = await admin.get(path);
          assert.equal(r.status, 404, path);
          return { title: h1(r.body), message: alert(r.body) };
        };
        assert.deepEqual(await missing('/admin/sessions/99999'), { title: 'Page not found', message: 'there is no session 99999' });
        assert.deepEqual(await missing('/fr/admin/sessions/99999'), { title: 'Page introuvable', message: 'aucun élément (séance) ne porte le numéro 99999' });
        assert.deepEqual(await missing('/es/admin/sessions/abc'), { title: 'Página no encontrada', message: '«abc» no es un número de elemento' });
        assert.equal((await missing('/ar/admin/persons/99999')).message, 'لا يوجد عنصر (شخص) بالرقم 99999');
        assert.equal((await missing('/fr/admin/series/nope')).message, 'cette série n’existe pas');
        assert.equal((await missing('/es/admin/series/nope/import')).message, 'no existe ninguna serie «nope»');
        assert.equal((await missing(`/fr/admin/events/${idm.event_id}/translations/xx`)).message, `«${NBSP}xx${NBSP}» n’est pas une langue dans laquelle Plenary rédige son contenu`);
        assert.equal(
          (await missing('/fr/admin/imports/AAAAAAAAAAAAAAAAAAAAAAAA')).message,
          `cette importation n’est plus en attente${NBSP}: elle a été confirmée ou abandonnée, ou elle a expiré (un fichier envoyé attend une journée)${NBSP}; envoyez le fichier à nouveau`,
        );

        // ---- the workspace: what only a crafted request sends ------------------------------------
        const refused = async (path: string, form: Record<string, string>) => {
          const r = await admin.post(path, form);
          assert.equal(r.status, 400, `${path}: ${r.body.slice(0, 300)}`);
          return alert(r.body);
        };
        assert.equal(await refused(`/admin/sessions/${idm.id}/move`, { day_id: 'x', version: String(idm.version) }), 'choose a day of this event');
        assert.equal(await refused(`/fr/admin/sessions/${idm.id}/move`, { day_id: 'x', version: String(idm.version) }), 'choisissez une journée de cet événement');
        assert.equal(await refused(`/es/admin/sessions/${idm.id}/order`, { direction: 'sideways', version: String(idm.version) }), 'debe ser «up» (subir) o «down» (bajar)');
        assert.equal(await refused(`/ar/admin/sessions/${idm.id}/order`, { direction: 'sideways', version: String(idm.version) }), 'يجب أن يكون «up» (أعلى) أو «down» (أسفل)');

        // ---- a deleted record: who deleted it and when, in the reader's language -----------------
        const appearance = await q.selectFrom('appearance').select(['id', 'version']).where('session_id', '=', idm.id).executeTakeFirstOrThrow();
        assert.equal((await admin.post(`/admin/appearances/${appearance.id}/delete`, { version: String(appearance.version) })).status, 303);
        const entry = await q.selectFrom('audit_entry').select(['id', 'at']).where('entity', '=', 'appearance').where('entity_id', '=', appearance.id).where('after', 'is', null).executeTakeFirstOrThrow();
        // The moment by Intl in the reader's language, UTC named: "30 novembre 2026 à 04:05 UTC".
        const at = { fr: stampIn('fr', String(entry.at)), es: stampIn('es', String(entry.at)) };
        assert.deepEqual(await missing(`/fr/admin/appearances/${appearance.id}/delete`), {
          title: 'Page introuvable',
          message: `cet élément (participation) a été supprimé le ${at.fr} par admin@example.org${NBSP}; un administrateur peut le rétablir depuis le journal des modifications (entrée ${entry.id})`,
        });
        const sent = await admin.post(`/es/admin/appearances/${appearance.id}/order`, { direction: 'up', version: String(appearance.version) });
        assert.equal(sent.status, 404);
        assert.equal(alert(sent.body), `este elemento (participación) fue eliminado el ${at.es} por admin@example.org; lo que usted envió no se ha guardado; un administrador puede restablecerlo desde el registro de cambios (entrada ${entry.id})`);

        // ---- an import's refusal on its draft page, the command line's option named as the form's field ---------
        const editor = await signedIn(db.storage, base, { email: 'ed@example.org', role: 'editor', series: ['idm'] });
        const upload = new FormData();
        upload.set('_csrf', editor.csrfToken);
        upload.set('event.slug', 'undated-2025');
        upload.set('event.timeZone', 'Europe/Zurich');
        upload.set('file', new Blob([Buffer.from('09:00 - 10:00    Opening Session\n\n  • Ana Silva, Minister of Labour, Chile\n')]), 'opening.txt');
        const uploaded = await editor.postMultipart('/fr/admin/series/idm/import', upload);
        assert.equal(uploaded.status, 303, uploaded.body.slice(0, 500));
        const draft = uploaded.location!.replace(/^\/fr/, '');
        const confirm = async (prefix: string) => {
          const page = (await editor.get(`${prefix}${draft}`)).body;
          const fields = Object.fromEntries(
            [...page.matchAll(/<input ([^>]*)>/g)].flatMap((m) => {
              const name = /name="([^"]*)"/.exec(m[1]!)?.[1];
              const type = /type="([^"]*)"/.exec(m[1]!)?.[1];
              if (!name || type === 'file' || ((type === 'checkbox' || type === 'radio') && !/ checked/.test(m[1]!))) return [];
              return [[unescape(name), unescape(/value="([^"]*)"/.exec(m[1]!)?.[1] ?? '')]];
            }),
          );
          const r = await editor.post(`${prefix}${draft}`, { ...fields, 'event.title': 'Opening 2025', do: 'confirm' });
          assert.equal(r.status, 400);
          return unescape(/<li>([^<]*)<\/li>/.exec(r.body.slice(r.body.indexOf('role="alert"')))?.[1] ?? '');
        };
        assert.equal(await confirm(''), 'day 1 ("") has no date and no start date was given (First day)');
        assert.equal(await confirm('/fr'), `le jour 1 («${NBSP}${NBSP}») n’a pas de date et aucun premier jour n’a été indiqué (Premier jour)`);
        assert.equal(await confirm('/es'), 'el día 1 («») no tiene fecha y no se indicó el primer día (Primer día)');
        assert.equal(await confirm('/ar'), 'اليوم 1 («») بلا تاريخ ولم يُذكر اليوم الأول (اليوم الأول)');

        // ---- the importer's warnings on the draft page, in the page's language -------------------------------------
        const warned = new FormData();
        warned.set('_csrf', editor.csrfToken);
        warned.set('event.slug', 'warned-2025');
        warned.set('event.timeZone', 'Europe/Zurich');
        warned.set('file', new Blob([Buffer.from('Tuesday 6 May 2025\n\n09:00 - 10:00    Opening Session\n\n  • Ana Silva, Minister of Labour, Chile\n  • Conference Room 2\n')]), 'warned.txt');
        const warnedDraft = (await editor.postMultipart('/admin/series/idm/import', warned)).location!;
        const warning = async (prefix: string) => unescape((await editor.get(`${prefix}${warnedDraft}`)).body.match(/<ul class="warnings"><li>([\s\S]*?)<\/li>/)?.[1] ?? '').replace(/<[^>]+>/g, '');
        assert.equal(await warning(''), 'Line 6: venue or room; not read: • Conference Room 2');
        assert.equal(await warning('/fr'), `Ligne 6${NBSP}: lieu ou salle${NBSP}; non lu${NBSP}: • Conference Room 2`);
        assert.equal(await warning('/es'), 'Línea 6: lugar o sala; no leído: • Conference Room 2');
        assert.equal(await warning('/ar'), 'السطر 6: مكان أو قاعة؛ لم يُقرأ: • Conference Room 2');

        // ---- byte counts through Intl: an upload's limit in the forms' hints, a publication's files -----------------
        const hint = async (prefix: string) => unescape((await admin.get(`${prefix}/admin/events/${idm.event_id}/materials`)).body.match(/<p id="upload-help">([^<]*)<\/p>/)?.[1] ?? '');
        assert.equal(await hint(''), 'PDF, DOCX, PPTX, ODT, JPEG, PNG or WebP, at most 1.5 MB. Photos are stored without their location and camera data.');
        assert.equal(await hint('/fr'), 'PDF, DOCX, PPTX, ODT, JPEG, PNG ou WebP, 1,5\u00a0Mo au maximum. Les photos sont enregistrées sans leurs données de localisation ni celles de l’appareil.');
        assert.equal(await hint('/es'), 'PDF, DOCX, PPTX, ODT, JPEG, PNG o WebP, de 1,5 MB como máximo. Las fotografías se guardan sin sus datos de ubicación ni de la cámara.');
        assert.equal(await hint('/ar'), 'PDF أو DOCX أو PPTX أو ODT أو JPEG أو PNG أو WebP، بحد أقصى 1.5 ميغابايت. تُحفظ الصور دون بيانات موقعها وبيانات آلة التصوير.');
        await publishEvent(db.storage, idm.event_id);
        const pub = await ensurePublication(db.storage, { event: 'idm-2025' });
        await freezeEdition(db.storage, pub.id, publicationOptions(base, pub.lang));
        const meta = (await editionsOf(db.storage.db, pub.id))[0]!.metadata;
        const kb = (n: number) => Math.max(1, Math.round(n / 1024));
        assert.ok(meta.pdfSize < 1024 * 1024 && meta.htmlSize < 1024 * 1024, 'both files under a megabyte: sizes in kilobytes');
        const files = async (prefix: string) => {
          const page = unescape((await http('GET', `${base}${prefix}/publications/idm-2025/1`)).body).replace(/<[^>]+>/g, ' ').replace(/[ \t\r\n]+/g, ' ');
          return [page.match(/\([^()]*PDF[^()]*\)|PDF \([^()]*\)/)?.[0], page.match(/HTML[^()]*\d[^()]*\)/)?.[0]];
        };
        assert.deepEqual(await files(''), [`PDF (${kb(meta.pdfSize)} kB, ${meta.pages} pages)`, `HTML, ${kb(meta.htmlSize)} kB)`]);
        assert.deepEqual(await files('/fr'), [`PDF (${kb(meta.pdfSize)}${NBSP}ko, ${meta.pages} pages)`, `HTML figé, ${kb(meta.htmlSize)}${NBSP}ko)`]);
        assert.deepEqual(await files('/es'), [`PDF (${kb(meta.pdfSize)} kB, ${meta.pages} páginas)`, `HTML fijo, ${kb(meta.htmlSize)} kB)`]);
        assert.deepEqual(await files('/ar'), [`PDF (${kb(meta.pdfSize)} كيلوبايت، عدد الصفحات: ${meta.pages})`, `HTML مثبّت، ${kb(meta.htmlSize)} كيلوبايت)`]);

        // ---- search results' titles in the reader's language where an editor translated them -------------------------
        // A document of the event (a link), whose label the French translation gives too.
        const material = (
          await q
            .insertInto('material')
            .values({ event_id: idm.event_id, appearance_id: null, kind: 'statement', label: 'Panel statement', lang: 'en', position: 0, url: 'https://example.org/panel-statement.pdf', file_id: null, created_at: '2025-05-01T00:00:00.000Z' })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id;
        const trForm = await admin.get(`/admin/events/${idm.event_id}/translations/fr`);
        const trFields = Object.fromEntries([...trForm.body.matchAll(/<(?:input|textarea) id="[^"]+" name="([^"]+)"/g)].map((m) => [m[1]!, '']));
        const saved = await admin.post(`/admin/events/${idm.event_id}/translations/fr`, { ...trFields, ...versions(trForm.body), 'event.title': 'OIM 2025', [`session.${idm.id}.title`]: 'Table ronde de l’OIM', [`material.${material}.label`]: 'Déclaration de la table ronde' });
        assert.equal(saved.status, 303, saved.body.slice(0, 500));
        await publishEvent(db.storage, idm.event_id);
        const results = async (prefix: string) =>
          [...(await http('GET', `${base}${prefix}/search?q=panel`)).body.split('<ol class="list results"')[1]!.split('</ol>')[0]!.matchAll(/<li><a href="[^"]*"><bdi([^>]*)>([\s\S]*?)<\/bdi><\/a> <span class="aff">([\s\S]*?)<\/span>/g)].map((m) => `${m[1]!.trim()} ${unescape(m[2]!.replace(/<[^>]+>/g, ''))} | ${unescape(m[3]!.replace(/<[^>]+>/g, '')).replace(/[ \t\r\n]+/g, ' ').trim()}`);
        const shown = async (prefix: string) => (await results(prefix)).map((r) => r.replace(/ \| .*/, ''));
        assert.deepEqual(await shown(''), ['lang="en" Panel of idm', 'lang="en" Panel statement']);
        assert.deepEqual(await results('/fr').then((r) => r[0]), 'lang="fr" Table ronde de l’OIM | — Séance, OIM 2025, mardi 6 mai 2025');
        assert.deepEqual(await shown('/fr'), ['lang="fr" Table ronde de l’OIM', 'lang="fr" Déclaration de la table ronde']);
        assert.deepEqual(await shown('/es'), ['lang="en" Panel of idm', 'lang="en" Panel statement']);
        const found = JSON.parse((await http('GET', `${base}/api/search?q=panel&lang=fr`)).body) as { results: Array<{ kind: string; title: string; titleLang: string; event: string; eventLang: string; lang: string }> };
        assert.deepEqual(found.results.map((r) => [r.kind, r.title, r.titleLang, r.event, r.eventLang, r.lang]), [
          ['session', 'Table ronde de l’OIM', 'fr', 'OIM 2025', 'fr', 'en'],
          ['material', 'Déclaration de la table ronde', 'fr', 'OIM 2025', 'fr', 'en'],
        ]);
        const foundEn = JSON.parse((await http('GET', `${base}/api/search?q=panel`)).body) as { results: Array<{ title: string; titleLang: string }> };
        assert.deepEqual(foundEn.results.map((r) => [r.title, r.titleLang]), [['Panel of idm', 'en'], ['Panel statement', 'en']]);

        // The figures' JSON: the event's title (the scope's and each listed event's) in the address's language where translated, each with its language.
        const figures = async (prefix: string) => (JSON.parse((await http('GET', `${base}${prefix}/events/idm-2025/representation.json`)).body) as { scope: unknown }).scope;
        const scope = { kind: 'event', slug: 'idm-2025', series: { slug: 'idm', title: 'idm', titleLang: 'en' }, year: null, from: '2025-05-06', to: '2025-05-06' };
        assert.deepEqual(await figures('/fr'), { ...scope, title: 'OIM 2025', titleLang: 'fr', events: [{ slug: 'idm-2025', title: 'OIM 2025', titleLang: 'fr', startDate: '2025-05-06' }] });
        assert.deepEqual(await figures(''), { ...scope, title: 'idm', titleLang: 'en', events: [{ slug: 'idm-2025', title: 'idm', titleLang: 'en', startDate: '2025-05-06' }] });
        // A series' figures list its events, each title in the reader's language where translated.
        const seriesEvents = async (prefix: string) => (JSON.parse((await http('GET', `${base}${prefix}/series/idm/representation.json`)).body) as { scope: { events: unknown } }).scope.events;
        assert.deepEqual(await seriesEvents('/fr'), [{ slug: 'idm-2025', title: 'OIM 2025', titleLang: 'fr', startDate: '2025-05-06' }]);
        assert.deepEqual(await seriesEvents('/ar'), [{ slug: 'idm-2025', title: 'idm', titleLang: 'en', startDate: '2025-05-06' }]);

        // ---- the API: English by default, the language asked for with ?lang= --------------------
        const api = async (method: string, path: string, headers: Record<string, string> = {}, body?: string) => {
          const r = await http(method, `${base}${path}`, headers, body);
          return { status: r.status, lang: r.headers['content-language'], body: JSON.parse(r.body) as { error: { code: string; message: string; fields?: Record<string, string> } } };
        };
        const bad = { authorization: 'Bearer not-a-token' };
        assert.deepEqual(await api('GET', `/api/workspace/sessions/${idm.id}`, bad), {
          status: 401,
          lang: undefined,
          body: { error: { code: 'unauthenticated', message: 'the API token is not valid: it is unknown, revoked, or its account is disabled (plenary user tokens)' } },
        });
        assert.deepEqual(await api('GET', `/api/workspace/sessions/${idm.id}?lang=fr`, bad), {
          status: 401,
          lang: 'fr',
          body: { error: { code: 'unauthenticated', message: `le jeton d’API n’est pas valide${NBSP}: il est inconnu ou révoqué, ou son compte est désactivé (plenary user tokens)` } },
        });
        assert.deepEqual(await api('GET', `/api/workspace/sessions/${idm.id}?lang=ar`), { status: 401, lang: 'ar', body: { error: { code: 'unauthenticated', message: 'سجّل الدخول أولًا' } } });
        assert.deepEqual(await api('GET', '/api/events/nope?lang=es'), { status: 404, lang: 'es', body: { error: { code: 'not_found', message: 'ningún evento publicado «nope»' } } });
        assert.deepEqual(await api('GET', '/api/events/nope'), { status: 404, lang: undefined, body: { error: { code: 'not_found', message: 'no published event "nope"' } } });
        assert.deepEqual(await api('GET', '/api/sessions/0?lang=fr'), { status: 400, lang: 'fr', body: { error: { code: 'invalid_input', message: 'id doit être un nombre entier positif' } } });
        assert.deepEqual(await api('GET', '/api/people?page=0&perPage=500&lang=es'), {
          status: 400,
          lang: 'es',
          body: { error: { code: 'invalid_input', message: 'page debe ser un número entero a partir de 1; perPage debe ser un número entero de 1 a 200' } },
        });
        assert.deepEqual(await api('GET', '/api/people?page=0&perPage=500'), { status: 400, lang: undefined, body: { error: { code: 'invalid_input', message: 'page must be a whole number from 1; perPage must be a whole number from 1 to 200' } } });
        assert.deepEqual(await api('GET', '/api/nowhere?lang=ar'), { status: 404, lang: 'ar', body: { error: { code: 'not_found', message: 'لا توجد نقطة وصول لواجهة البرمجة في /api/nowhere؛ انظر /api/openapi.json' } } });
        assert.deepEqual(await api('DELETE', '/api/events?lang=fr'), { status: 405, lang: 'fr', body: { error: { code: 'method_not_allowed', message: `seul /api/workspace/… accepte les écritures${NBSP}; ici${NBSP}: GET, HEAD, OPTIONS` } } });
        // A lang that is not one is itself refused, in English.
        assert.deepEqual(await api('GET', '/api/events?lang=xx'), { status: 400, lang: undefined, body: { error: { code: 'invalid_input', message: 'lang must be one of en, es, fr, ar' } } });

        // Writes with a token: an unknown field, a field refused (fields' names kept, their messages translated), a stale version.
        // The session's version now (its French title was saved above).
        const sv = Number((await q.selectFrom('session').select('version').where('id', '=', idm.id).executeTakeFirstOrThrow()).version);
        const { token } = await createToken(db.storage, { email: 'admin@example.org', label: 'test' });
        const patch = (query: string, body: unknown, headers: Record<string, string> = {}) =>
          api('PATCH', `/api/workspace/sessions/${idm.id}${query}`, { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers }, JSON.stringify(body));
        const unknown = await patch('?lang=fr', { colour: 'red', version: sv });
        assert.equal(unknown.status, 400);
        assert.equal(unknown.body.error.message, `colour${NBSP}: pas un champ de cet élément (séance)${NBSP}; ses champs sont kind, number, title, start_time, end_time`);
        const unknownEn = await patch('', { colour: 'red', version: sv });
        assert.equal(unknownEn.body.error.message, 'colour: not a field of a session; its fields are kind, number, title, start_time, end_time');
        const badTime = await patch('?lang=es', { start_time: '25:00', version: sv });
        assert.deepEqual({ status: badTime.status, lang: badTime.lang, body: badTime.body }, {
          status: 400,
          lang: 'es',
          body: { error: { code: 'invalid_input', message: 'start_time: debe ser una hora en formato HH:MM (24 horas), por ejemplo 09:30', fields: { start_time: 'debe ser una hora en formato HH:MM (24 horas), por ejemplo 09:30' } } },
        });
        const stale = await patch('?lang=fr', { title: 'Autre', version: sv + 5 });
        assert.equal(stale.status, 409);
        assert.equal(stale.body.error.code, 'conflict');
        assert.equal(stale.body.error.message, `cet élément (séance) a été modifié par quelqu’un d’autre après que vous l’avez ouvert (vous avez modifié la version ${sv + 5}${NBSP}; il en est maintenant à la version ${sv})${NBSP}: rien n’a été enregistré`);
        const noVersion = await patch('?lang=ar', { title: 'X' });
        assert.deepEqual(noVersion.body, { error: { code: 'invalid_input', message: 'version: اذكر الإصدار الذي عدّلته، في الترويسة If-Match ("N") أو في الحقل "version" في متن الطلب (اقرأ العنصر بطلب GET لمعرفة إصداره)' } });
      } finally {
        await server.close();
        await db.cleanup();
      }
    });
  });
}
