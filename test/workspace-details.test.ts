// Smaller promises of the workspace (issue 9), through the running server on every engine: a viewer
// reads the audit log of their series (and nothing of another series'); editing a day changes it;
// a session moved to another day is listed there; a sign-in ends PLENARY_SESSION_HOURS after it
// began even while it is in use; `plenary serve` reads PLENARY_UPLOAD_MAX_MB and refuses a larger
// upload with its message; every workspace page asked for signed out answers a redirect to sign in,
// never content and nothing a cache may keep, and signed-in workspace pages never enter the page cache.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { describe, test } from 'node:test';
import { createApp } from '../src/web/app.tsx';
import { PageCache } from '../src/web/page-cache.ts';
import { startServer } from '../src/web/server.ts';
import { ENGINES, freshDatabase, migratedStorage } from './engines.ts';
import { twoSeries } from './factories.ts';
import { decode, http, multipart, signedIn, signInThroughForm } from './http-client.ts';
import { ROOT, runPlenary } from './plenary-cli.ts';

const PASSWORD = 'correct horse battery';
const alert = (html: string) => html.match(/<p[^>]*role="alert"[^>]*>([^<]*)<\/p>/)?.[1];
const formVersion = (html: string, action: string) => html.match(new RegExp(`<form method="post" action="${action}"[^>]*>[\\s\\S]*?name="version" value="(\\d+)"`))?.[1];
const inputValue = (html: string, id: string) => html.match(new RegExp(`<input[^>]* id="${id}"[^>]* value="([^"]*)"`))?.[1] ?? html.match(new RegExp(`<input[^>]* value="([^"]*)"[^>]* id="${id}"`))?.[1];
/** Fills path parameters with records that exist (series idm, record 1, French texts). */
const concrete = (path: string) => path.replace(/:slug\b/g, 'idm').replace(/:lang\b/g, 'fr').replace(/:[a-zA-Z]+/g, '1');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

for (const engine of ENGINES) {
  describe(`workspace details on ${engine}`, () => {
    test('a viewer reads their series’ audit log only; a day edited; a session moved lands on its new day', async () => {
      const db = await migratedStorage(engine);
      const server = await startServer(db.storage, { port: 0, host: '127.0.0.1' });
      const base = `http://127.0.0.1:${server.port}`;
      try {
        await twoSeries(db.storage);
        const q = db.storage.db;
        const idm = await q.selectFrom('series').select('id').where('slug', '=', 'idm').executeTakeFirstOrThrow();
        const event = await q.selectFrom('event').select('id').where('slug', '=', 'idm-2025').executeTakeFirstOrThrow();
        const day = await q.selectFrom('day').select(['id', 'date']).where('event_id', '=', event.id).executeTakeFirstOrThrow();
        const sess = await q.selectFrom('session').select('id').where('title', '=', 'Panel of idm').executeTakeFirstOrThrow();
        const gfmdSession = await q.selectFrom('session').select(['id', 'version']).where('title', '=', 'Panel of gfmd').executeTakeFirstOrThrow();
        const editor = await signedIn(db.storage, base, { email: 'ed@example.org', role: 'editor', series: ['idm'] });
        const gfmdEditor = await signedIn(db.storage, base, { email: 'gfmd-ed@example.org', role: 'editor', series: ['gfmd'] });
        const viewer = await signedIn(db.storage, base, { email: 'viewer@example.org', role: 'viewer', series: ['idm'] });

        // Editing a day: its date and label change, on its page and in the event's list of days.
        const dayPage = await editor.get(`/admin/days/${day.id}`);
        assert.equal(dayPage.status, 200);
        assert.equal(day.date, '2025-05-06');
        assert.equal(inputValue(dayPage.body, 'f-date'), '2025-05-06');
        const saved = await editor.post(`/admin/days/${day.id}`, { date: '2025-05-07', label: 'Opening day', version: formVersion(dayPage.body, `/admin/days/${day.id}`)! });
        assert.deepEqual([saved.status, saved.location], [303, `/admin/days/${day.id}?saved=1`], saved.body.slice(0, 800));
        const after = await editor.get(`/admin/days/${day.id}`);
        assert.deepEqual([inputValue(after.body, 'f-date'), inputValue(after.body, 'f-label')], ['2025-05-07', 'Opening day']);
        assert.deepEqual(await q.selectFrom('day').select(['date', 'label']).where('id', '=', day.id).executeTakeFirstOrThrow(), { date: '2025-05-07', label: 'Opening day' });
        const eventPage = (await editor.get(`/admin/events/${event.id}`)).body;
        assert.ok(eventPage.includes(`<a href="/admin/days/${day.id}"><time datetime="2025-05-07">Wednesday, May 7, 2025</time>`), eventPage.match(/<h2>Days and sessions[\s\S]{0,400}/)?.[0]);

        // A second day, and the session moved to it: listed there, gone from the first.
        const added = await editor.post(`/admin/events/${event.id}/days`, { date: '2025-05-08', label: '' });
        assert.equal(added.status, 303, added.body.slice(0, 800));
        const second = await q.selectFrom('day').select('id').where('event_id', '=', event.id).where('date', '=', '2025-05-08').executeTakeFirstOrThrow();
        const sessionPage = await editor.get(`/admin/sessions/${sess.id}`);
        const moved = await editor.post(`/admin/sessions/${sess.id}/move`, { day_id: String(second.id), version: formVersion(sessionPage.body, `/admin/sessions/${sess.id}/move`)! });
        assert.deepEqual([moved.status, moved.location], [303, `/admin/sessions/${sess.id}?saved=1`], moved.body.slice(0, 800));
        const movedPage = await editor.get(`/admin/sessions/${sess.id}`);
        assert.deepEqual(
          [...movedPage.body.matchAll(/<option value="(\d+)"( selected="")?>([^<]*)<\/option>/g)].filter((m) => m[1] === String(day.id) || m[1] === String(second.id)).map((m) => [Number(m[1]), m[2] !== undefined, m[3]]),
          [
            [day.id, false, 'Wednesday, May 7, 2025 (Opening day)'],
            [second.id, true, 'Thursday, May 8, 2025'],
          ],
        );
        // The event's page lists it under its new day, and nothing under the first.
        const byDay = (html: string) =>
          [...html.matchAll(/<section aria-labelledby="day-(\d+)"><h3[^>]*>([\s\S]*?)<\/h3>([\s\S]*?)<\/section>/g)].map((m) => [Number(m[1]), decode(m[2]!), [...m[3]!.matchAll(/<li id="s-(\d+)">/g)].map((x) => Number(x[1]))]);
        assert.deepEqual(byDay((await editor.get(`/admin/events/${event.id}`)).body), [
          [day.id, 'Wednesday, May 7, 2025 ( Opening day )', []],
          [second.id, 'Thursday, May 8, 2025', [sess.id]],
        ]);
        assert.equal((await q.selectFrom('session').select('day_id').where('id', '=', sess.id).executeTakeFirstOrThrow()).day_id, second.id);

        // Another series changes too.
        const other = await gfmdEditor.post(`/admin/sessions/${gfmdSession.id}`, { kind: 'panel', number: '', title: 'Retitled in gfmd', start_time: '10:00', end_time: '11:00', version: String(gfmdSession.version) });
        assert.equal(other.status, 303, other.body.slice(0, 800));

        // The viewer's audit log: every entry of idm (its import, the day saved, the day made, the move), none of gfmd's.
        const entries = await q.selectFrom('audit_entry').select(['id', 'series_id', 'action', 'entity']).orderBy('id', 'desc').execute();
        const own = entries.filter((e) => e.series_id === idm.id);
        assert.deepEqual(
          own.map((e) => [e.action, e.entity]),
          [
            ['move', 'session'],
            ['create', 'day'],
            ['update', 'day'],
            ['import', 'event'],
          ],
        );
        const log = await viewer.get('/admin/audit');
        assert.equal(log.status, 200);
        assert.deepEqual([...log.body.matchAll(/<tr id="entry-(\d+)"/g)].map((m) => Number(m[1])), own.map((e) => e.id));
        assert.ok(!log.body.includes('Retitled in gfmd') && !decode(log.body).includes('gfmd'), 'nothing of another series');
        const row = (id: number) => decode(log.body.match(new RegExp(`<tr id="entry-${id}">([\\s\\S]*?)</tr>`))?.[1] ?? '').replace(/^\d+ [A-Z][a-z]+ \d{1,2}, \d{4} at \d\d:\d\d UTC /, ''); // the entry's number and when (by Intl: 'November 30, 2026 at 04:05 UTC')
        // Each value as the reader reads it (a date by its long date, a day by its date and label), each column by the form's word.
        assert.equal(row(own[2]!.id), `ed@example.org update day ${day.id}: Wednesday, May 7, 2025 Date: Tuesday, May 6, 2025 ; Label as printed: — ; Version: 1 Date: Wednesday, May 7, 2025 ; Label as printed: Opening day ; Version: 2`);
        assert.equal(row(own[0]!.id), `ed@example.org move session ${sess.id}: Panel of idm Day: Wednesday, May 7, 2025 (Opening day) ; Version: 1 Day: Thursday, May 8, 2025 ; Version: 2`);
        // The same in French: the moved session's days by their French names, the moment by Intl in French and UTC;
        // with a zone chosen on an event page (the plenary_tz cookie), the moments in that zone, named.
        const frLog = await http('GET', `${base}/fr/admin/audit`, { cookie: viewer.cookie });
        const frRow = (html: string, id: number) => decode(html.match(new RegExp(`<tr id="entry-${id}">([\\s\\S]*?)</tr>`))?.[1] ?? '').replace(/\s+/g, ' ').trim();
        const movedAt = new Date((await q.selectFrom('audit_entry').select('at').where('id', '=', own[0]!.id).executeTakeFirstOrThrow()).at);
        const inZone = (timeZone: string, zoneName: string) =>
          `${new Intl.DateTimeFormat('fr', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(movedAt)} ${zoneName}`;
        assert.equal(
          frRow(frLog.body, own[0]!.id),
          `${own[0]!.id} ${inZone('UTC', 'UTC')} ed@example.org déplacement séance ${sess.id} : Panel of idm Jour : mercredi 7 mai 2025 (Opening day) ; Version : 1 Jour : jeudi 8 mai 2025 ; Version : 2`,
        );
        const frZoned = await http('GET', `${base}/fr/admin/audit`, { cookie: `${viewer.cookie}; plenary_tz=America%2FNew_York` });
        assert.ok(frRow(frZoned.body, own[0]!.id).startsWith(`${own[0]!.id} ${inZone('America/New_York', 'heure de l’Est nord-américain')} ed@example.org`), frRow(frZoned.body, own[0]!.id));
        assert.ok(frZoned.body.includes(`<time datetime="${(await q.selectFrom('audit_entry').select('at').where('id', '=', own[0]!.id).executeTakeFirstOrThrow()).at}">${inZone('America/New_York', 'heure de l’Est nord-américain')}</time>`));
        // A language stored as Intl takes no tag ('en-a', from an older Plenary, say) is shown as stored; the page stands.
        const odd = await q.insertInto('audit_entry').values({ at: new Date().toISOString(), account_id: null, action: 'update', entity: 'material', entity_id: 999, series_id: idm.id, before: JSON.stringify({ lang: 'en-a' }), after: JSON.stringify({ lang: 'es' }) }).returning('id').executeTakeFirstOrThrow();
        const oddLog = await http('GET', `${base}/fr/admin/audit`, { cookie: viewer.cookie });
        assert.equal(oddLog.status, 200);
        assert.ok(frRow(oddLog.body, odd.id).endsWith(`compte inconnu modification document 999 Langue des textes : en-a Langue des textes : Espagnol`), frRow(oddLog.body, odd.id));
        // The log of another series is not theirs to read; nor is reverting.
        assert.equal((await viewer.get('/admin/series/gfmd')).status, 403);
        const revert = await viewer.post(`/admin/audit/${own[0]!.id}/revert`, {});
        assert.equal(revert.status, 403);
        assert.equal(alert(revert.body), 'your account may not do this');
      } finally {
        await server.close();
        await db.cleanup();
      }
    });

    test('a sign-in ends PLENARY_SESSION_HOURS after it began, even while in use', async () => {
      const db = await migratedStorage(engine);
      const server = await startServer(db.storage, { port: 0, host: '127.0.0.1', session: { idleMinutes: 120, absoluteHours: 2 } });
      const base = `http://127.0.0.1:${server.port}`;
      try {
        await twoSeries(db.storage);
        const q = db.storage.db;
        const { addAccount } = await import('../src/operations/accounts.ts');
        await addAccount(db.storage, { email: 'ed@example.org', role: 'editor', series: ['idm'], password: PASSWORD });
        const s = await signInThroughForm(base, 'ed@example.org', PASSWORD);
        assert.equal(s.dashboard.status, 200);
        const row = await q.selectFrom('auth_session').select(['created_at', 'last_seen_at', 'expires_at']).executeTakeFirstOrThrow();
        assert.equal(Date.parse(row.expires_at) - Date.parse(row.created_at), 2 * 3_600_000, 'two hours after sign-in');
        // Two hours and a minute later, used a minute ago: idle for far less than 120 minutes, but past its time.
        const now = Date.now();
        await q
          .updateTable('auth_session')
          .set({ created_at: new Date(now - 121 * 60_000).toISOString(), expires_at: new Date(now - 60_000).toISOString(), last_seen_at: new Date(now - 60_000).toISOString() })
          .execute();
        const sess = await q.selectFrom('session').select(['id', 'version']).where('title', '=', 'Panel of idm').executeTakeFirstOrThrow();
        const sent = await http('POST', `${base}/admin/sessions/${sess.id}`, { cookie: s.cookie, origin: base }, { _csrf: s.csrf!, kind: 'panel', number: '', title: 'Too late', start_time: '10:00', end_time: '11:00', version: String(sess.version) });
        assert.equal(sent.status, 401);
        assert.equal(alert(sent.body), 'your sign-in has ended (idle too long, past its time, or signed out): sign in again; nothing was saved');
        assert.equal((await q.selectFrom('session').select('title').where('id', '=', sess.id).executeTakeFirstOrThrow()).title, 'Panel of idm');
        const page = await http('GET', `${base}/admin`, { cookie: s.cookie });
        assert.deepEqual([page.status, page.location], [303, '/admin/login?next=%2Fadmin&ended=1']);
        assert.deepEqual(await q.selectFrom('auth_session').select('id').execute(), [], 'the ended sign-in is gone');
      } finally {
        await server.close();
        await db.cleanup();
      }
    });

    test('every workspace page signed out: a redirect to sign in, nothing cacheable; signed in: never in the page cache', async () => {
      const db = await migratedStorage(engine);
      const server = await startServer(db.storage, { port: 0, host: '127.0.0.1' });
      const base = `http://127.0.0.1:${server.port}`;
      try {
        await twoSeries(db.storage);
        const app = createApp({ storage: db.storage, cache: new PageCache(db.storage.generation), baseUrl: () => base });
        const paths = [...new Set(app.routes.filter((r) => (r.method === 'GET' || r.method === 'ALL') && /^(\/[a-z]{2})?\/admin(\/|$)/.test(r.path) && !r.path.endsWith('*')).map((r) => r.path))];
        assert.ok(paths.length >= 4 * 30, `${paths.length} workspace pages`);
        /** Pages that are not content: the sign-in form itself (no-store) and the suggestions' script (code, the same for all). */
        const OPEN = /^(\/[a-z]{2})?\/admin\/(login|suggest\.js)$/;
        const redirected: string[] = [];
        for (const path of paths) {
          const url = concrete(path);
          const r = await http('GET', `${base}${url}`);
          const cacheable = [r.headers['cache-control'], r.headers.expires, r.headers.etag, r.headers['last-modified']];
          if (OPEN.test(path)) {
            assert.equal(r.status, 200, path);
            assert.equal(r.headers['cache-control'], path.endsWith('login') ? 'no-store' : 'no-cache', path);
            continue;
          }
          const prefix = path.match(/^\/[a-z]{2}(?=\/admin)/)?.[0] ?? '';
          assert.deepEqual([r.status, r.location], [303, `${prefix}/admin/login?next=${encodeURIComponent(url)}`], `${url} signed out`);
          assert.equal(r.body, '', `${url}: no content`);
          assert.deepEqual(cacheable, [undefined, undefined, undefined, undefined], `${url}: nothing a cache may keep`);
          redirected.push(path);
        }
        assert.equal(redirected.length, paths.length - 8, 'all but the sign-in forms and scripts of four languages');

        // Signed in as an admin, every page asked for (twice, a cache would answer the second): public
        // pages enter the cache, workspace pages never.
        const admin = await signedIn(db.storage, base, { email: 'admin@example.org', role: 'admin' });
        assert.equal((await http('GET', `${base}/series`)).status, 200);
        for (const path of paths) {
          for (let i = 0; i < 2; i++) {
            const r = await admin.get(concrete(path));
            assert.ok(r.status < 500, `${path}: ${r.status}`);
            if (r.status === 200) assert.match(String(r.headers['cache-control']), /no-store|no-cache|private/, path);
          }
        }
        const keys = server.cache.entries().map((e) => e.key);
        assert.ok(keys.includes('/series'), keys.join(', '));
        assert.deepEqual(keys.filter((k) => k.includes('/admin')), []);
      } finally {
        await server.close();
        await db.cleanup();
      }
    });

    test('plenary serve reads PLENARY_UPLOAD_MAX_MB: a larger upload is refused with its message, one at the limit is taken', async () => {
      const fresh = await freshDatabase(engine);
      const child = spawn(process.execPath, ['bin/plenary.mjs', 'serve'], {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: fresh.url, PORT: '0', HOST: '127.0.0.1', PLENARY_UPLOAD_MAX_MB: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      try {
        let out = '';
        let err = '';
        child.stderr.on('data', (c: Buffer) => (err += c.toString()));
        const base = await new Promise<string>((resolve, reject) => {
          child.stdout.on('data', (c: Buffer) => {
            out += c.toString();
            const m = /serving (http:\/\/\S+) /.exec(out);
            if (m) resolve(m[1]!);
          });
          child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${err}`)));
        });
        const made = runPlenary(['user', 'add', '--email', 'admin@example.org', '--role', 'admin'], fresh.url, { input: `${PASSWORD}\n` });
        assert.equal(made.code, 0, made.err);
        const s = await signInThroughForm(base, 'admin@example.org', PASSWORD);
        const page = await http('GET', `${base}/admin/events/1/materials`, { cookie: s.cookie });
        assert.equal(page.status, 200);
        const csrf = page.body.match(/name="_csrf" value="([^"]+)"/)![1]!;
        const LIMIT = 1024 * 1024;
        const upload = (name: string, size: number) => {
          const m = multipart({ _csrf: csrf, kind: 'statement', lang: 'en', label: name, appearance: '' }, { name, type: 'application/pdf', bytes: Buffer.concat([PDF, Buffer.alloc(size - PDF.length, 0x20)]) });
          return http('POST', `${base}/admin/events/1/materials`, { cookie: s.cookie, origin: base, 'content-type': m.type, 'content-length': String(m.body.length) }, m.body);
        };
        const fileError = (html: string) => html.match(/<strong class="field-error" id="upload-error">([^<]*)<\/strong>/)?.[1];
        const over = await upload('over.pdf', LIMIT + 1);
        assert.equal(over.status, 400);
        assert.equal(fileError(over.body), `over.pdf is 1,048,577 bytes; an upload may be at most 1,048,576 bytes (1 MB) Choose the file again: nothing was stored.`);
        const exact = await upload('exact.pdf', LIMIT);
        assert.equal(exact.status, 303, fileError(exact.body) ?? exact.body.slice(0, 500));
        assert.equal(err, '');
      } finally {
        child.kill('SIGTERM');
        if (child.exitCode === null) await new Promise((r) => child.once('exit', r));
        await fresh.drop();
      }
    });
  });
}
