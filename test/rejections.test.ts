// Every refusal of the workspace, through the running server, with the message the user reads
// (the error page's alert, or the form's): a file that is not what its name says, a file over
// the limit, a form without its CSRF token, a post from a foreign Origin, a role that may not
// write, another series' record, a save from an old version, too many sign-ins, and a sign-in
// that has ended. Nothing refused is stored. Every engine.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { startServer } from '../src/web/server.ts';
import { ENGINES, migratedStorage } from './engines.ts';
import { twoSeries } from './factories.ts';
import { http, signedIn } from './http-client.ts';

const LIMIT = 1024 * 1024;
const alert = (html: string) => html.match(/<p[^>]*role="alert"[^>]*>([^<]*)<\/p>/)?.[1];
// A Windows program: "MZ", then the PE header where the DOS header says it is.
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(58), Buffer.from([0x40, 0, 0, 0]), Buffer.from('PE\0\0'), Buffer.alloc(200)]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

for (const engine of ENGINES) {
  describe(`workspace refusals on ${engine}`, () => {
    test('each refusal says what is wrong, and stores nothing', async () => {
      const db = await migratedStorage(engine);
      const server = await startServer(db.storage, { port: 0, host: '127.0.0.1', uploadMaxBytes: LIMIT });
      const base = `http://127.0.0.1:${server.port}`;
      try {
        await twoSeries(db.storage);
        const q = db.storage.db;
        const idm = await q.selectFrom('session').select(['id', 'version', 'event_id']).where('title', '=', 'Panel of idm').executeTakeFirstOrThrow();
        const form = (version: number, title = 'Renamed') => ({ kind: 'panel', number: '', title, start_time: '10:00', end_time: '11:00', version: String(version) });
        const ed = await signedIn(db.storage, base, { email: 'ed@example.org', role: 'editor', series: ['idm'] });

        // 1, 2. Uploads: a program named .pdf; a file one byte over the limit.
        const upload = async (name: string, bytes: Buffer) => {
          const s = await signedIn(db.storage, base, { email: `up-${name}@example.org`, role: 'editor', series: ['idm'] });
          const page = await s.get(`/admin/events/${idm.event_id}/materials`);
          const csrf = page.body.match(/name="_csrf" value="([^"]+)"/)![1]!;
          const fd = new FormData();
          fd.set('_csrf', csrf);
          fd.set('kind', 'statement');
          fd.set('lang', 'en');
          fd.set('label', 'Statement');
          fd.set('appearance', '');
          fd.set('file', new Blob([bytes], { type: 'application/pdf' }), name);
          return await s.postMultipart(`/admin/events/${idm.event_id}/materials`, fd);
        };
        // The upload form comes back with the message by the file field and the label kept.
        const fileError = (html: string) => html.match(/<strong class="field-error" id="upload-error">([^<]*)<\/strong>/)?.[1];
        const exe = await upload('statement.pdf', EXE);
        assert.equal(exe.status, 400);
        assert.equal(fileError(exe.body), 'statement.pdf is a Windows program (.exe) although its name ends in .pdf: it was refused; upload a PDF, DOCX, PPTX, ODT, JPEG, PNG or WebP file Choose the file again: nothing was stored.');
        assert.match(exe.body, /<input id="upload-label" name="label" required="" maxlength="300" value="Statement"/);
        const big = await upload('big.pdf', Buffer.concat([PDF, Buffer.alloc(LIMIT + 1 - PDF.length, 0x20)]));
        assert.equal(big.status, 400);
        assert.equal(fileError(big.body), `big.pdf is 1,048,577 bytes; an upload may be at most 1,048,576 bytes (1 MB) Choose the file again: nothing was stored.`);
        assert.equal(Number((await q.selectFrom('material').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n), 0);

        // 3. No CSRF token; 4. a foreign Origin.
        const noToken = await ed.postRaw(`/admin/sessions/${idm.id}`, { origin: base }, form(idm.version));
        assert.equal(noToken.status, 403);
        assert.equal(alert(noToken.body), 'the form is missing its security token or it is out of date: reload the page and try again');
        const foreign = await ed.postRaw(`/admin/sessions/${idm.id}`, { origin: 'https://evil.example' }, { ...form(idm.version), _csrf: ed.csrfToken });
        assert.equal(foreign.status, 403);
        assert.equal(alert(foreign.body), `the request came from https://evil.example, not from ${base}: use the workspace at ${base} (an administrator sets that address with PUBLIC_URL)`);

        // 5. A viewer may read, not write; 6. an editor of another series may do neither.
        const viewer = await signedIn(db.storage, base, { email: 'viewer@example.org', role: 'viewer', series: ['idm'] });
        const byViewer = await viewer.post(`/admin/sessions/${idm.id}`, form(idm.version));
        assert.equal(byViewer.status, 403);
        assert.equal(alert(byViewer.body), 'your account may not do this');
        const stranger = await signedIn(db.storage, base, { email: 'stranger@example.org', role: 'editor', series: ['gfmd'] });
        const byStranger = await stranger.post(`/admin/sessions/${idm.id}`, form(idm.version));
        assert.equal(byStranger.status, 403);
        assert.equal(alert(byStranger.body), 'your account may not do this');
        assert.equal((await stranger.get(`/admin/sessions/${idm.id}`)).status, 403, 'nor read it');

        // 7. A save from an old version.
        assert.equal((await ed.post(`/admin/sessions/${idm.id}`, form(idm.version, 'First'))).status, 303);
        const stale = await ed.post(`/admin/sessions/${idm.id}`, form(idm.version, 'Second'));
        assert.equal(stale.status, 409);
        assert.equal(alert(stale.body), `this session was changed by someone else after you opened it (you edited version ${idm.version}; it is now at version ${idm.version + 1}): nothing was saved`);
        assert.equal((await q.selectFrom('session').select('title').where('id', '=', idm.id).executeTakeFirstOrThrow()).title, 'First');

        // 8. Too many sign-ins for one account: the sixth wrong password in the window is refused outright.
        const loginPage = await http('GET', `${base}/admin/login`);
        const loginCookie = ((loginPage.headers['set-cookie'] as string[]) ?? []).map((c) => c.split(';')[0]).join('; ');
        const loginCsrf = loginPage.body.match(/name="_csrf" value="([^"]+)"/)![1]!;
        let last = loginPage;
        for (let i = 0; i < 6; i++) {
          last = await http('POST', `${base}/admin/login`, { origin: base, cookie: loginCookie }, { _csrf: loginCsrf, next: '/admin', email: 'ed@example.org', password: `wrong password ${i}` });
        }
        assert.equal(last.status, 429);
        assert.match(alert(last.body) ?? '', /^too many failed sign-ins: try again after \d{2}:\d{2} UTC$/);
        const right = await http('POST', `${base}/admin/login`, { origin: base, cookie: loginCookie }, { _csrf: loginCsrf, next: '/admin', email: 'ed@example.org', password: 'correct horse battery' });
        assert.equal(right.status, 429, 'even the right password waits for the lock to pass');

        // 9. A sign-in that has ended (here: idle past its time): a form sent then is refused, a page asks to sign in again.
        await q.updateTable('auth_session').set({ last_seen_at: '2000-01-01T00:00:00.000Z' }).execute();
        const ended = await ed.post(`/admin/sessions/${idm.id}`, form(idm.version + 1, 'Third'));
        assert.equal(ended.status, 401);
        assert.equal(alert(ended.body), 'your sign-in has ended (idle too long, past its time, or signed out): sign in again; nothing was saved');
        // What was typed is shown back, to copy, each field by the form's label for it, with the way back to the form after signing in.
        assert.ok(ended.body.includes('<dt>Title</dt><dd><bdi>Third</bdi></dd>'), ended.body.slice(-1500));
        assert.ok(!ended.body.includes('<code>_csrf</code>') && !ended.body.includes('<code>version</code>'));
        assert.ok(ended.body.includes(`<a href="/admin/login?next=%2Fadmin%2Fsessions%2F${idm.id}">Sign in</a>`));
        const endedPage = await ed.get('/admin');
        assert.equal(endedPage.status, 303);
        assert.equal(endedPage.location, '/admin/login?next=%2Fadmin&ended=1');
        const relogin = await http('GET', `${base}${endedPage.location}`);
        assert.equal(relogin.body.match(/<p class="form-error" role="status" id="login-notice">([^<]*)<\/p>/)?.[1], 'Your sign-in has ended (idle too long, past its time, or signed out): sign in again.');
        assert.equal((await q.selectFrom('session').select('title').where('id', '=', idm.id).executeTakeFirstOrThrow()).title, 'First');
      } finally {
        await server.close();
        await db.cleanup();
      }
    });
  });
}
