// The workspace's rarer refusals in the reader's language (issue 13), through the running server on every
// engine: the audit log's revert refusals, an undo of a merge already undone, a speaker link revoked twice, a
// submission already decided, a day that still holds a session, a publish whose address is taken; the JSON API's: /api/search's own 400, the
// PATCH's "must be a list of texts", a body that is not JSON (the parser's own detail set apart, in English),
// a body too long; and the numbers inside them written by Intl in the reader's language.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createToken } from '../src/operations/api-tokens.ts';
import { saveForm } from '../src/operations/edit-record.ts';
import { mergeRecords } from '../src/operations/identities.ts';
import { publishEvent } from '../src/operations/releases.ts';
import { createSpeakerLink, openLink, proposeCorrection } from '../src/operations/speaker-links.ts';
import { startServer } from '../src/web/server.ts';
import { ENGINES, migratedStorage } from './engines.ts';
import { twoSeries } from './factories.ts';
import { http, signedIn } from './http-client.ts';
import { longDateIn, stampIn } from './intl-dates.ts';

const NBSP = '\u00a0';
const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const alert = (html: string) => unescape(html.match(/<p[^>]*role="alert"[^>]*>([^<]*)<\/p>/)?.[1] ?? '');

for (const engine of ENGINES) {
  describe(`the rarer refusals in the reader's language on ${engine}`, () => {
    test('revert, undo of a merge, speaker links, submissions, a day with sessions; the API: search, PATCH, JSON', async () => {
      const db = await migratedStorage(engine);
      const server = await startServer(db.storage, { port: 0, host: '127.0.0.1' });
      const base = `http://127.0.0.1:${server.port}`;
      try {
        await twoSeries(db.storage);
        const q = db.storage.db;
        const admin = await signedIn(db.storage, base, { email: 'admin@example.org', role: 'admin' });
        const actor = { accountId: (await q.selectFrom('account').select('id').where('email', '=', 'admin@example.org').executeTakeFirstOrThrow()).id };
        const refused = async (path: string, form: Record<string, string> = {}) => {
          const r = await admin.post(path, form);
          return { status: r.status, message: alert(r.body) };
        };

        // ---- the audit log: an entry reverted twice; an import; a field changed again since --------------------
        const s = await q.selectFrom('session').selectAll().where('title', '=', 'Panel of idm').executeTakeFirstOrThrow();
        const form = (title: string) => ({ kind: s.kind, number: '', title, start_time: s.start_time ?? '', end_time: s.end_time ?? '' });
        const v1 = await saveForm(db.storage, actor, 'session', s.id, s.version, form('First change'));
        const first = (await q.selectFrom('audit_entry').select('id').where('entity', '=', 'session').where('entity_id', '=', s.id).orderBy('id', 'desc').executeTakeFirstOrThrow()).id;
        await saveForm(db.storage, actor, 'session', s.id, v1, form('Second change'));
        assert.deepEqual(await refused(`/ar/admin/audit/${first}/revert`), {
          status: 409,
          message: `تغيّرت الحقول العنوان في العنصر (جلسة) مجددًا بعد القيد ${first}: تراجع عن التغييرات اللاحقة أولًا، أو عدّله يدويًا`,
        });
        assert.deepEqual(await refused(`/admin/audit/${first}/revert`), { status: 409, message: `the session's title changed again after entry ${first}: revert the later changes first, or edit it by hand` });
        const second = first + 1;
        assert.equal((await admin.post(`/admin/audit/${second}/revert`, {})).status, 303);
        const revert = (await q.selectFrom('audit_entry').select('id').where('reverted_entry_id', '=', second).executeTakeFirstOrThrow()).id;
        assert.deepEqual(await refused(`/fr/admin/audit/${second}/revert`), { status: 409, message: `l’entrée ${second} a déjà été annulée par l’entrée ${revert}` });
        const imported = (await q.selectFrom('audit_entry').select('id').where('action', '=', 'import').orderBy('id').executeTakeFirstOrThrow()).id;
        assert.deepEqual(await refused(`/es/admin/audit/${imported}/revert`), { status: 400, message: `la entrada ${imported} es una importación: en su lugar, vuelva a importar la página anterior` });

        // ---- a merge undone twice -------------------------------------------------------------------------------
        const people = await q.selectFrom('person').select(['id', 'name']).orderBy('id').execute();
        const { mergeId } = await mergeRecords(db.storage, actor, 'person', people[0]!.id, people[1]!.id);
        assert.equal((await admin.post(`/admin/merges/${mergeId}/undo`, {})).status, 303);
        const undone = (await q.selectFrom('identity_merge').select('undone_at').where('id', '=', mergeId).executeTakeFirstOrThrow()).undone_at!;
        assert.deepEqual(await refused(`/fr/admin/merges/${mergeId}/undo`), { status: 409, message: `la fusion ${mergeId} a déjà été annulée le ${stampIn('fr', undone)}` });
        assert.deepEqual(await refused(`/ar/admin/merges/${mergeId}/undo`), { status: 409, message: `أُلغيت عملية الدمج ${mergeId} من قبل في ${stampIn('ar', undone)}` });
        assert.deepEqual(await refused('/es/admin/merges/99999/undo'), { status: 404, message: 'no existe ninguna fusión con el número 99999' });

        // ---- a speaker link revoked twice; a submission decided twice ---------------------------------------------
        const appearance = await q.selectFrom('appearance').select('id').where('session_id', '=', s.id).executeTakeFirstOrThrow();
        const expires = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
        const revoked = await createSpeakerLink(db.storage, { appearanceId: appearance.id, expires, accountId: actor.accountId });
        assert.equal((await admin.post(`/admin/speaker-links/${revoked.id}/revoke`, {})).status, 303);
        assert.deepEqual(await refused(`/fr/admin/speaker-links/${revoked.id}/revoke`), { status: 409, message: `le lien d’intervenant ${revoked.id} a déjà été révoqué` });
        const link = await createSpeakerLink(db.storage, { appearanceId: appearance.id, expires, accountId: actor.accountId });
        const submission = await proposeCorrection(db.storage, await openLink(db.storage, link.token), { name: 'Speaker I. D. M.', honorific: '', affiliation_position: '', organization: '', country: '' });
        assert.equal((await admin.post(`/admin/speaker-submissions/${submission}/reject`, {})).status, 303);
        assert.deepEqual(await refused(`/es/admin/speaker-submissions/${submission}/approve`), { status: 409, message: `el envío ${submission} ya fue rechazado` });
        assert.deepEqual(await refused(`/ar/admin/speaker-submissions/${submission}/reject`), { status: 409, message: `سبق رفض الإرسال ${submission}` });
        assert.deepEqual(await refused(`/admin/speaker-submissions/${submission}/approve`), { status: 409, message: `submission ${submission} was already rejected` });

        // ---- a day that still holds a session ---------------------------------------------------------------------
        const day = await q.selectFrom('day').select(['id', 'version', 'date']).where('id', '=', s.day_id).executeTakeFirstOrThrow();
        assert.deepEqual(await refused(`/es/admin/days/${day.id}/delete`, { version: String(day.version) }), { status: 400, message: `el día ${longDateIn('es', day.date)} aún contiene 1 sesión: muévala o elimínela primero` });
        assert.deepEqual(await refused(`/fr/admin/days/${day.id}/delete`, { version: String(day.version + 3) }), {
          status: 409,
          message: `cet élément (jour) a été modifié par quelqu’un d’autre après que vous l’avez ouvert (vous avez vu la version ${day.version + 3}${NBSP}; il en est maintenant à la version ${day.version})${NBSP}: rien n’a été supprimé${NBSP}; examinez-le de nouveau d’abord`,
        });

        // ---- a publish whose address another event's published release still holds ----------------------------------
        const [idmEvent, gfmdEvent] = await Promise.all(['idm-2025', 'gfmd-2025'].map((slug) => q.selectFrom('event').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()));
        await publishEvent(db.storage, idmEvent!.id);
        await q.updateTable('event').set({ slug: 'idm-2025-moved' }).where('id', '=', idmEvent!.id).execute();
        await q.updateTable('event').set({ slug: 'idm-2025' }).where('id', '=', gfmdEvent!.id).execute();
        assert.deepEqual(await refused(`/fr/admin/events/${gfmdEvent!.id}/publish`, { note: '' }), {
          status: 409,
          message: `l’adresse /events/idm-2025 est encore utilisée par la version publiée d’un autre événement (id ${idmEvent!.id})${NBSP}: publiez d’abord cet événement à sa nouvelle adresse`,
        });
        assert.deepEqual(await refused(`/admin/events/${gfmdEvent!.id}/publish`, { note: '' }), {
          status: 409,
          message: `the address /events/idm-2025 is still used by the published release of another event (id ${idmEvent!.id}); publish that event under its new address first`,
        });
        await q.updateTable('event').set({ slug: 'gfmd-2025' }).where('id', '=', gfmdEvent!.id).execute();
        await q.updateTable('event').set({ slug: 'idm-2025' }).where('id', '=', idmEvent!.id).execute();

        // ---- the API: /api/search's own 400, in the language asked for; the search page's -----------------------
        const api = async (method: string, path: string, headers: Record<string, string> = {}, body?: string) => {
          const r = await http(method, `${base}${path}`, headers, body);
          return { status: r.status, lang: r.headers['content-language'], body: JSON.parse(r.body) as { error: { code: string; message: string } } };
        };
        assert.deepEqual(await api('GET', '/api/search?q=x&page=0&lang=fr'), { status: 400, lang: 'fr', body: { error: { code: 'invalid_input', message: `page doit être un nombre entier de 1 à 1${NBSP}000` } } });
        assert.deepEqual(await api('GET', '/api/search?q=x&page=0'), { status: 400, lang: undefined, body: { error: { code: 'invalid_input', message: 'page must be a whole number from 1 to 1000' } } });
        assert.deepEqual(await api('GET', `/api/search?q=${'x'.repeat(501)}&lang=ar`), { status: 400, lang: 'ar', body: { error: { code: 'invalid_input', message: 'يجب ألا يتجاوز q 500 حرفًا' } } });
        const searchPage = await http('GET', `${base}/es/search?q=x&perPage=0`);
        assert.equal(searchPage.status, 400);
        assert.equal(unescape(searchPage.body.match(/<h1>[^<]*<\/h1>\s*<p>([^<]*)<\/p>/)?.[1] ?? ''), 'Esta dirección de búsqueda no es válida: perPage debe ser un número entero de 1 a 50.');

        // ---- the API: a PATCH's themes not a list of texts; a body that is not JSON; a body too long ---------------
        const { token } = await createToken(db.storage, { email: 'admin@example.org', label: 'test' });
        const event = await q.selectFrom('event').select(['id', 'version']).where('slug', '=', 'idm-2025').executeTakeFirstOrThrow();
        const patch = (query: string, body: string) => api('PATCH', `/api/workspace/events/${event.id}${query}`, { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body);
        assert.deepEqual((await patch('?lang=fr', JSON.stringify({ themes: [1, 2], version: event.version }))).body.error.message, `themes${NBSP}: doit être une liste de textes`);
        assert.deepEqual((await patch('?lang=es', JSON.stringify({ themes: [true], version: event.version }))).body.error.message, 'themes: debe ser una lista de textos');
        assert.deepEqual((await patch('', JSON.stringify({ themes: [true], version: event.version }))).body.error.message, 'themes: must be a list of texts');
        let detail = '';
        try {
          JSON.parse('{"title": ');
        } catch (e) {
          detail = (e as Error).message;
        }
        assert.deepEqual((await patch('?lang=fr', '{"title": ')).body.error.message, `le corps n’est pas du JSON${NBSP}: «${NBSP}${detail}${NBSP}» (détail technique, en anglais)`);
        assert.deepEqual((await patch('', '{"title": ')).body.error.message, `the body is not JSON: ${detail}`);
        const long = `{"title": "${'x'.repeat(262_144)}"}`;
        assert.deepEqual((await patch('?lang=fr', long)).body.error.message, `le corps compte 262${NBSP}157 caractères${NBSP}; 262${NBSP}144 au plus`);
        assert.deepEqual((await patch('?lang=es', long)).body.error.message, 'el cuerpo tiene 262.157 caracteres; como máximo 262.144');
        assert.deepEqual((await patch('', long)).body.error.message, 'the body is 262157 characters; at most 262144');
      } finally {
        await server.close();
        await db.cleanup();
      }
    });
  });
}
