// Every state-changing route of the app, found by walking the app's own route table (so routes
// added later are covered without editing this file), must refuse: no session, a foreign
// Origin, a missing CSRF token, and an account whose role does not allow it: a viewer or an
// editor of another series, a viewer of the record's own series, and on an admin's routes (every
// route not in EDITOR_MAY) an editor of the record's own series. A speaker link's
// routes (/speak/:token/…) are authorized by the link's token instead of a session: they must
// refuse a token nobody was given, a revoked link, a foreign Origin, a missing CSRF token and
// another link's CSRF token.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { describe, test } from 'node:test';
import { addAccount, signIn } from '../src/operations/accounts.ts';
import { createSpeakerLink, linkCsrf, openLink, proposeCorrection, revokeSpeakerLink } from '../src/operations/speaker-links.ts';
import { importAgenda } from '../src/operations/import-agenda.ts';
import { createApp } from '../src/web/app.tsx';
import { PageCache } from '../src/web/page-cache.ts';
import { startServer } from '../src/web/server.ts';
import { write } from '../src/storage/write.ts';
import { translator } from '../src/web/i18n/t.ts';
import { languageOfPath } from '../src/web/views/render-context.ts';
import { type FormMessageKey, type FormMessageParams, formMessage } from '../src/domain/form-messages.ts';
import { fieldError } from '../src/web/i18n/form-errors.ts';

/** A refusal as a page under `path`'s language prefix says it (English at the root, /fr/… in French). */
const saidIn = (path: string, key: FormMessageKey, params?: FormMessageParams) => fieldError(translator(languageOfPath(path)), formMessage(key, params));
import { ENGINES, migratedStorage } from './engines.ts';
import { agenda, person, session } from './factories.ts';

const PASSWORD = 'correct horse battery';
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Routes any signed-in account may use, with the reason. Everything else needs a role beyond
 * a viewer's of another series.
 */
const ANY_SIGNED_IN: Record<string, string> = {
  'POST /admin/logout': 'everyone may sign out',
};
/**
 * Routes an editor of the series may use. Every other state-changing route is an admin's alone
 * (deny by default): an editor of the very series the record belongs to must get 403 there, so a
 * route added later is checked as an admin's until it is listed here.
 */
const EDITOR_MAY = new Set([
  'POST /admin/logout',
  'POST /admin/series/:slug/edit',
  'POST /admin/series/:slug/events',
  'POST /admin/series/:slug/translations/:lang',
  'POST /admin/series/:slug/import',
  'POST /admin/series/:slug/publications',
  'POST /admin/events/:id',
  'POST /admin/events/:id/days',
  'POST /admin/events/:id/translations/:lang',
  'POST /admin/events/:id/publish',
  'POST /admin/events/:id/withdraw',
  'POST /admin/events/:eventId/import',
  'POST /admin/events/:eventId/materials',
  'POST /admin/days/:id',
  'POST /admin/days/:id/sessions',
  'POST /admin/days/:id/delete',
  'POST /admin/sessions/:id',
  'POST /admin/sessions/:id/move',
  'POST /admin/sessions/:id/order',
  'POST /admin/sessions/:id/appearances',
  'POST /admin/sessions/:id/delete',
  'POST /admin/appearances/:id',
  'POST /admin/appearances/:id/order',
  'POST /admin/appearances/:id/delete',
  'POST /admin/appearances/:id/speaker-links',
  'POST /admin/persons/:id',
  'POST /admin/organizations/:id',
  'POST /admin/materials/:id',
  'POST /admin/materials/:id/replace',
  'POST /admin/materials/:id/versions',
  'POST /admin/materials/:id/delete',
  'POST /admin/speaker-links/:id/revoke',
  'POST /admin/speaker-submissions/:id/approve',
  'POST /admin/speaker-submissions/:id/reject',
  'POST /admin/imports/:draftId',
  'POST /admin/imports/:draftId/discard',
  'POST /admin/publications/:id',
  'POST /admin/publications/:id/freeze',
  ...['series', 'events', 'days', 'sessions', 'appearances', 'persons', 'organizations'].map((c) => `PATCH /api/workspace/${c}/:id`),
]);
/** The routes that must stay an admin's (accounts are managed on the command line only; identities and reverts are an admin's). */
const ADMIN_ONLY = ['POST /admin/series', 'POST /admin/audit/:id/revert', 'POST /admin/persons/:id/merge', 'POST /admin/organizations/:id/merge', 'POST /admin/merges/:id/undo', 'POST /admin/persons/:id/split', 'POST /admin/organizations/:id/split'];
/** A route's name without the interface language's prefix (/fr/admin/… is /admin/…). */
const rootName = (name: string) => name.replace(/^(\w+) \/[a-z]{2}\/(admin|api)\//, '$1 /$2/');
/** Routes authorized by a speaker link's token in the path (web/speaker/routes.tsx linkGuard), under every language's prefix too. */
const BY_LINK = /^(?:\/[a-z]{2})?\/speak\/:token(\/|$)/;
/** Routes used before there is a session; they still check the Origin and their own token. */
/** Sign-in itself, at the root and under every interface language's prefix (/fr/admin/login, …). */
const BEFORE_SIGN_IN = { has: (name: string) => /^POST (?:\/[a-z]{2})?\/admin\/login$/.test(name) };

function http(method: string, url: string, headers: Record<string, string>, body: string) {
  return new Promise<{ status: number; body: string; location?: string }>((resolve, reject) => {
    const req = request(url, { method, headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(Buffer.byteLength(body)), ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), location: res.headers.location }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Fills path parameters with values that exist, so a refusal is the guard's and not a 404. */
const concrete = (path: string) => path.replace(/:slug\b/g, 'idm').replace(/:id\b/g, '1').replace(/:[a-zA-Z]+/g, '1');

for (const engine of ENGINES) {
  describe(`route guard on ${engine}`, () => {
    test('every state-changing route refuses without a session, from a foreign origin, without the CSRF token, and for the wrong role', async () => {
      const db = await migratedStorage(engine);
      const server = await startServer(db.storage, { port: 0, host: '127.0.0.1' });
      const base = `http://127.0.0.1:${server.port}`;
      try {
        const a = agenda([{ date: '2024-05-02', sessions: [session({ title: 'Opening', speakers: [person('Ana Silva')] })] }]);
        await importAgenda(db.storage, a, { series: { slug: 'idm', title: 'IDM' }, event: { slug: 'idm-2024', title: 'IDM 2024', timeZone: 'Europe/Zurich' } });
        // Another series with another speaker, so that person 1 appears in idm only.
        const b = agenda([{ date: '2024-05-02', sessions: [session({ title: 'Opening', speakers: [person('Bo Chen')] })] }]);
        await importAgenda(db.storage, b, { series: { slug: 'other', title: 'Other' }, event: { slug: 'other-2024', title: 'Other 2024', timeZone: 'Europe/Zurich' } });
        // A material (id 1, of idm-2024) for the material routes' :id.
        await write(db.storage, (trx) => trx.insertInto('material').values({ event_id: 1, appearance_id: null, kind: 'other', label: 'Report', lang: 'en', position: 0, url: 'https://example.org/report', file_id: null, created_at: '2024-05-01T00:00:00.000Z' }).execute());
        await addAccount(db.storage, { email: 'admin@example.org', role: 'admin', series: [], password: PASSWORD });
        await addAccount(db.storage, { email: 'viewer@example.org', role: 'viewer', series: ['other'], password: PASSWORD });
        // The records the routes name (id 1, slug idm) are idm's: its own viewer and editor, and another series' editor.
        await addAccount(db.storage, { email: 'idm-viewer@example.org', role: 'viewer', series: ['idm'], password: PASSWORD });
        await addAccount(db.storage, { email: 'idm-editor@example.org', role: 'editor', series: ['idm'], password: PASSWORD });
        await addAccount(db.storage, { email: 'other-editor@example.org', role: 'editor', series: ['other'], password: PASSWORD });
        const admin = await signIn(db.storage, { email: 'admin@example.org', password: PASSWORD, address: '192.0.2.1' });
        const viewer = await signIn(db.storage, { email: 'viewer@example.org', password: PASSWORD, address: '192.0.2.1' });
        const ownViewer = await signIn(db.storage, { email: 'idm-viewer@example.org', password: PASSWORD, address: '192.0.2.1' });
        const ownEditor = await signIn(db.storage, { email: 'idm-editor@example.org', password: PASSWORD, address: '192.0.2.1' });
        const otherEditor = await signIn(db.storage, { email: 'other-editor@example.org', password: PASSWORD, address: '192.0.2.1' });
        const cookie = (token: string) => `plenary_session=${token}`;
        // Speaker links (ids 1, 2, 3) of appearance 1, and a submission (id 1) for the queue's :id.
        const link = await createSpeakerLink(db.storage, { appearanceId: 1, expires: new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10), accountId: 1 });
        const other = await createSpeakerLink(db.storage, { appearanceId: 1, expires: new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10), accountId: 1 });
        const revoked = await createSpeakerLink(db.storage, { appearanceId: 1, expires: new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10), accountId: 1 });
        await proposeCorrection(db.storage, await openLink(db.storage, link.token), { name: 'Ana Silva', affiliation_position: 'Minister' });
        await revokeSpeakerLink(db.storage, revoked.id);

        const app = createApp({ storage: db.storage, cache: new PageCache(db.storage.generation), baseUrl: () => base });
        const routes = [...new Map(app.routes.filter((r) => !SAFE.has(r.method) && !r.path.endsWith('*')).map((r) => [`${r.method} ${r.path}`, r])).values()];
        assert.ok(routes.length >= 2, `found ${routes.length} state-changing routes`);
        const checked: string[] = [];
        const adminOnly = new Set<string>();
        for (const r of routes) {
          const name = `${r.method} ${r.path}`;
          const methods = r.method === 'ALL' ? ['POST', 'PUT', 'PATCH', 'DELETE'] : [r.method];
          for (const method of methods) {
            const url = `${base}${concrete(r.path)}`;
            if (BY_LINK.test(r.path)) {
              const at = (token: string) => `${base}${r.path.replace(':token', token)}`;
              const unknown = await http(method, url, { origin: base }, `_csrf=${linkCsrf('1')}`);
              assert.equal(unknown.status, 404, `${name} with a token nobody was given`);
              const closed = await http(method, at(revoked.token), { origin: base }, `_csrf=${linkCsrf(revoked.token)}`);
              assert.equal(closed.status, 410, `${name} through a revoked link`);
              const foreign = await http(method, at(link.token), { origin: 'https://evil.example' }, `_csrf=${linkCsrf(link.token)}`);
              assert.equal(foreign.status, 403, `${name} from a foreign origin`);
              assert.ok(foreign.body.includes(saidIn(r.path, 'wrongOrigin', { from: 'https://evil.example', expected: base })), name);
              const noToken = await http(method, at(link.token), { origin: base }, '');
              assert.equal(noToken.status, 403, `${name} without the link's CSRF token`);
              // Said in the page's language (/fr/speak/… in French).
              const securityToken = translator(languageOfPath(r.path))('formError.csrf');
              assert.ok(noToken.body.includes(securityToken), name);
              const wrongToken = await http(method, at(link.token), { origin: base }, `_csrf=${linkCsrf(other.token)}`);
              assert.equal(wrongToken.status, 403, `${name} with another link's CSRF token`);
              assert.ok(wrongToken.body.includes(securityToken), name);
              checked.push(name);
              continue;
            }
            if (BEFORE_SIGN_IN.has(name)) {
              const foreign = await http(method, url, { origin: 'https://evil.example' }, '');
              assert.equal(foreign.status, 403, `${name} from a foreign origin`);
              const noToken = await http(method, url, { origin: base }, 'email=a%40b.c&password=x');
              assert.equal(noToken.status, 403, `${name} without its token`);
              checked.push(name);
              continue;
            }
            const anon = await http(method, url, { origin: base }, '');
            assert.equal(anon.status, 401, `${name} without a session: ${anon.status}`);
            const foreign = await http(method, url, { origin: 'https://evil.example', cookie: cookie(admin.token) }, `_csrf=${admin.csrfToken}`);
            assert.equal(foreign.status, 403, `${name} from a foreign origin`);
            assert.ok(foreign.body.includes(saidIn(r.path, 'wrongOrigin', { from: 'https://evil.example', expected: base })), name);
            const noToken = await http(method, url, { origin: base, cookie: cookie(admin.token) }, '');
            assert.equal(noToken.status, 403, `${name} without the CSRF token`);
            assert.ok(noToken.body.includes(saidIn(r.path, 'csrf')), name);
            const wrongToken = await http(method, url, { origin: base, cookie: cookie(admin.token) }, `_csrf=${viewer.csrfToken}`);
            assert.equal(wrongToken.status, 403, `${name} with another session's token`);
            if (!(rootName(name) in ANY_SIGNED_IN)) {
              const refused = async (who: { token: string; csrfToken: string }, as: string) => {
                const role = await http(method, url, { origin: base, cookie: cookie(who.token) }, `_csrf=${who.csrfToken}`);
                assert.equal(role.status, 403, `${name} as ${as}: ${role.status} ${role.body.slice(0, 300)}`);
                assert.ok(role.body.includes(saidIn(r.path, 'mayNot')), `${name} as ${as}: ${role.body.slice(0, 300)}`);
              };
              await refused(viewer, 'a viewer of another series');
              await refused(otherEditor, 'an editor of another series');
              // A viewer reads the drafts of their own series and changes nothing in it.
              await refused(ownViewer, 'a viewer of the same series');
              // An editor of the same series on a route that is an admin's alone.
              if (!EDITOR_MAY.has(rootName(name))) {
                await refused(ownEditor, 'an editor of the same series (an admin-only route)');
                adminOnly.add(rootName(name));
              }
            }
            checked.push(name);
          }
        }
        assert.ok(checked.includes('POST /admin/logout') && checked.includes('POST /admin/login'), checked.join(', '));
        // Exactly the admin's routes were refused to the series' own editor, and every route an editor may use exists.
        assert.deepEqual([...adminOnly].sort(), [...ADMIN_ONLY].sort());
        const names = new Set(checked.map(rootName));
        assert.deepEqual([...EDITOR_MAY].filter((n) => !names.has(n)), [], 'EDITOR_MAY names only routes of the app');
        for (const release of ['POST /admin/events/:id/publish', 'POST /admin/events/:id/withdraw']) assert.ok(checked.includes(release), `${release} checked: ${checked.join(', ')}`);
        for (const speaker of ['POST /speak/:token/materials', 'POST /speak/:token/correction', 'POST /speak/:token/send', 'POST /admin/speaker-links/:id/revoke', 'POST /admin/speaker-submissions/:id/approve']) {
          assert.ok(checked.includes(speaker), `${speaker} checked: ${checked.join(', ')}`);
        }
        // Nothing any of those refusals sent was stored, and no link was used.
        assert.equal(Number((await db.storage.db.selectFrom('speaker_submission').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n), 1);
        assert.deepEqual((await db.storage.db.selectFrom('speaker_link').select('used_at').execute()).map((l) => l.used_at), [null, null, null]);
        assert.deepEqual(await db.storage.db.selectFrom('release').select('id').execute(), [], 'no release was made');
        assert.deepEqual(await db.storage.db.selectFrom('pub_event').select('id').execute(), [], 'nothing was published');

        // The release pages of the workspace are read by those who may read the series' drafts
        // only; the public changelog of an event never published is not there.
        for (const path of ['/admin/events/1/publish', '/admin/events/1/preview']) {
          const anon = await http('GET', `${base}${path}`, {}, '');
          assert.deepEqual([anon.status, anon.location], [303, `/admin/login?next=${encodeURIComponent(path)}`], `GET ${path} without a session: to the sign-in page`);
          const stranger = await http('GET', `${base}${path}`, { cookie: cookie(viewer.token) }, '');
          assert.equal(stranger.status, 403, `GET ${path} as a viewer of another series`);
          assert.ok(stranger.body.includes('your account may not do this'), path);
          assert.equal((await http('GET', `${base}${path}`, { cookie: cookie(admin.token) }, '')).status, 200, `GET ${path} as an admin`);
        }
        for (const path of ['/events/idm-2024/changes', '/events/idm-2024/changes.atom']) assert.equal((await http('GET', `${base}${path}`, {}, '')).status, 404, `GET ${path} of a draft`);
      } finally {
        await server.close();
        await db.cleanup();
      }
    });
  });
}
