// Accounts, sign-in and the guard of every state-changing route, on every engine:
// the CLI with a real database, the operations across two instances, HTTP through the server.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { request } from 'node:http';
import { describe, test } from 'node:test';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addAccount, currentSession, disableAccount, resetPassword, signIn, signOut, TooManyAttempts } from '../src/operations/accounts.ts';
import { importAgenda } from '../src/operations/import-agenda.ts';
import { openStorage } from '../src/storage/storage.ts';
import { startServer } from '../src/web/server.ts';
import { ENGINES, migratedStorage } from './engines.ts';
import { agenda, person, session } from './factories.ts';
import { cookiesOf, signInThroughForm } from './http-client.ts';
import { runPlenary } from './plenary-cli.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PASSWORD = 'correct horse battery';

const plenary = (args: string[], url: string, input?: string) => runPlenary(args, url, { input: input ?? '', env: { PLENARY_DEMO: 'off' } });

async function twoSeries(storage: Parameters<typeof importAgenda>[0]) {
  const a = agenda([{ date: '2024-05-02', sessions: [session({ title: 'Opening', speakers: [person('Ana Silva')] })] }]);
  await importAgenda(storage, a, { series: { slug: 'idm', title: 'International Dialogue on Migration' }, event: { slug: 'idm-2024', title: 'IDM 2024', timeZone: 'Europe/Zurich', status: 'draft' } });
  await importAgenda(storage, a, { series: { slug: 'gfmd', title: 'Global Forum' }, event: { slug: 'gfmd-2024', title: 'GFMD 2024', timeZone: 'Europe/Zurich', status: 'published' } });
}

type Got = { status: number; headers: Record<string, string | string[] | undefined>; body: string };
function http(method: string, url: string, headers: Record<string, string> = {}, body?: string): Promise<Got> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers: body === undefined ? headers : { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(Buffer.byteLength(body)), ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}
const hidden = (html: string, name: string) => html.match(new RegExp(`name="${name}" value="([^"]*)"`))?.[1];

for (const engine of ENGINES) {
  describe(`accounts on ${engine}`, () => {
    test('plenary user add reads the password from standard input, --generate prints one once, list shows roles and series', async () => {
      const db = await migratedStorage(engine);
      try {
        await twoSeries(db.storage);
        const admin = plenary(['user', 'add', '--email', 'Chief@Example.org', '--role', 'admin'], db.url, `${PASSWORD}\nignored second line\n`);
        assert.equal(admin.err, '');
        assert.equal(admin.out, 'created admin chief@example.org\n');
        assert.equal(admin.code, 0);
        const gen = plenary(['user', 'add', '--email', 'ed@example.org', '--role', 'editor', '--series', 'idm', '--generate'], db.url);
        assert.equal(gen.code, 0, gen.err);
        const m = gen.out.match(/^created editor ed@example\.org for idm\npassword: ([A-Za-z0-9]{20})\n$/);
        assert.ok(m, gen.out);
        // The printed password is the one stored.
        const s = await signIn(db.storage, { email: 'ed@example.org', password: m[1]!, address: '192.0.2.1' });
        assert.deepEqual(s.account.seriesIds.length, 1);
        assert.equal(plenary(['user', 'add', '--email', 'v@example.org', '--role', 'viewer', '--series', 'gfmd', '--series', 'idm'], db.url, PASSWORD).code, 0);
        const list = plenary(['user', 'list'], db.url);
        assert.equal(list.out, ['chief@example.org\tadmin\t-\tactive', 'ed@example.org\teditor\tidm\tactive', 'v@example.org\tviewer\tgfmd,idm\tactive', ''].join('\n'));
        const off = plenary(['user', 'disable', '--email', 'ed@example.org'], db.url);
        assert.equal(off.out, 'disabled ed@example.org; ended 1 session\n');
        assert.equal(plenary(['user', 'list'], db.url).out.split('\n')[1], 'ed@example.org\teditor\tidm\tdisabled');
        const reset = plenary(['user', 'reset-password', '--email', 'chief@example.org'], db.url, 'another long password\n');
        assert.equal(reset.out, 'new password set for chief@example.org; ended 0 sessions\n');
        await signIn(db.storage, { email: 'chief@example.org', password: 'another long password', address: '192.0.2.1' });
      } finally {
        await db.cleanup();
      }
    });

    test('on a terminal plenary user add asks for the password twice without echoing it, and refuses two that differ', async () => {
      const db = await migratedStorage(engine);
      try {
        const onTerminal = (email: string, first: string, second: string) => {
          const r = spawnSync('python3', [join(ROOT, 'test/terminal.py'), JSON.stringify([process.execPath, 'bin/plenary.mjs', 'user', 'add', '--email', email, '--role', 'admin']), JSON.stringify([['Password: ', `${first}\r`], ['Password again: ', `${second}\r`]])], {
            cwd: ROOT,
            encoding: 'utf8',
            env: { ...process.env, DATABASE_URL: db.url, PLENARY_DEMO: 'off' },
          });
          assert.equal(r.stderr, '');
          return JSON.parse(r.stdout) as { code: number; out: string };
        };
        assert.deepEqual(onTerminal('t@example.org', PASSWORD, PASSWORD), { code: 0, out: 'Password: \r\nPassword again: \r\ncreated admin t@example.org\r\n' });
        await signIn(db.storage, { email: 't@example.org', password: PASSWORD, address: '192.0.2.1' });
        assert.deepEqual(onTerminal('u@example.org', PASSWORD, `${PASSWORD}!`), { code: 1, out: 'Password: \r\nPassword again: \r\nplenary: the two passwords differ\r\n' });
        assert.equal(plenary(['user', 'list'], db.url).out, 't@example.org\tadmin\t-\tactive\n');
      } finally {
        await db.cleanup();
      }
    });

    test('plenary user refuses bad input with what is wrong, and stores nothing', async () => {
      const db = await migratedStorage(engine);
      try {
        await twoSeries(db.storage);
        const cases: Array<[string[], string | undefined, string]> = [
          [['user', 'add', '--email', 'a@example.org', '--role', 'admin'], 'short', 'plenary: the password is too short: 5 characters, at least 12 are needed\n'],
          [['user', 'add', '--email', 'a@example.org', '--role', 'admin'], '', 'plenary: no password: standard input is empty (give it on the first line, or use --generate)\n'],
          [['user', 'add', '--email', 'not-an-address', '--role', 'admin'], PASSWORD, 'plenary: "not-an-address" is not an e-mail address\n'],
          [['user', 'add', '--email', 'a@example.org', '--role', 'owner'], PASSWORD, 'plenary: unknown role "owner": use admin, editor, viewer\n'],
          [['user', 'add', '--email', 'a@example.org', '--role', 'editor'], PASSWORD, 'plenary: an editor needs at least one --series\n'],
          [['user', 'add', '--email', 'a@example.org', '--role', 'editor', '--series', 'nope'], PASSWORD, 'plenary: no series with the slug "nope"\n'],
          [['user', 'add', '--email', 'a@example.org', '--role', 'admin', '--series', 'idm'], PASSWORD, 'plenary: an admin reaches every series: give --series only to editors and viewers\n'],
          [['user', 'disable', '--email', 'nobody@example.org'], undefined, 'plenary: no account for nobody@example.org\n'],
        ];
        for (const [args, input, err] of cases) {
          const r = plenary(args, db.url, input);
          assert.equal(r.err, err, args.join(' '));
          assert.equal(r.code, 1);
        }
        assert.equal(plenary(['user', 'list'], db.url).out, 'no accounts\n');
        assert.equal(plenary(['user', 'add', '--email', 'a@example.org', '--role', 'admin'], db.url, PASSWORD).code, 0);
        const dup = plenary(['user', 'add', '--email', 'A@example.org', '--role', 'admin'], db.url, PASSWORD);
        assert.equal(dup.err, 'plenary: an account for a@example.org already exists\n');
      } finally {
        await db.cleanup();
      }
    });

    test('failed sign-ins are counted per account in the database, so a second instance refuses too, even the right password', async () => {
      const db = await migratedStorage(engine);
      const other = await openStorage(db.url);
      try {
        await addAccount(db.storage, { email: 'a@example.org', role: 'admin', series: [], password: PASSWORD });
        let clock = new Date('2026-11-28T10:00:00Z');
        const now = () => clock;
        for (let i = 0; i < 5; i++) {
          const where = i % 2 ? other : db.storage;
          await assert.rejects(signIn(where, { email: 'a@example.org', password: 'wrong password!', address: `198.51.100.${i}` }, { clock: now }), { message: 'the e-mail address or the password is wrong, or the account is disabled' });
        }
        await assert.rejects(signIn(other, { email: 'a@example.org', password: PASSWORD, address: '198.51.100.9' }, { clock: now }), (e: unknown) => e instanceof TooManyAttempts && e.message === 'too many failed sign-ins: try again after 10:15 UTC');
        clock = new Date('2026-11-28T10:15:01Z');
        const s = await signIn(other, { email: 'a@example.org', password: PASSWORD, address: '198.51.100.9' }, { clock: now });
        assert.equal(s.account.role, 'admin');
      } finally {
        await other.close();
        await db.cleanup();
      }
    });

    test('failed sign-ins are counted per address across accounts', async () => {
      const db = await migratedStorage(engine);
      try {
        const clock = () => new Date('2026-11-28T10:00:00Z');
        for (let i = 0; i < 20; i++) {
          await assert.rejects(signIn(db.storage, { email: `guess${i}@example.org`, password: 'whatever123456', address: '203.0.113.7' }, { clock }), { message: 'the e-mail address or the password is wrong, or the account is disabled' });
        }
        await addAccount(db.storage, { email: 'real@example.org', role: 'admin', series: [], password: PASSWORD });
        await assert.rejects(signIn(db.storage, { email: 'real@example.org', password: PASSWORD, address: '203.0.113.7' }, { clock }), { message: 'too many failed sign-ins: try again after 10:15 UTC' });
        // Another address is not held back by it.
        await signIn(db.storage, { email: 'real@example.org', password: PASSWORD, address: '203.0.113.8' }, { clock });
      } finally {
        await db.cleanup();
      }
    });

    test('sessions end after idle time, after their absolute time, on sign-out and on disabling, on every instance', async () => {
      const db = await migratedStorage(engine);
      const other = await openStorage(db.url);
      try {
        await addAccount(db.storage, { email: 'a@example.org', role: 'admin', series: [], password: PASSWORD });
        const policy = { idleMinutes: 30, absoluteHours: 2 };
        let clock = new Date('2026-11-28T10:00:00Z');
        const now = () => clock;
        const s = await signIn(db.storage, { email: 'a@example.org', password: PASSWORD, address: '192.0.2.1' }, { clock: now, session: policy });
        clock = new Date('2026-11-28T10:29:00Z');
        assert.equal((await currentSession(other, s.token, { clock: now, session: policy }))?.email, 'a@example.org');
        clock = new Date('2026-11-28T10:58:00Z'); // 29 minutes after the last use
        assert.equal((await currentSession(other, s.token, { clock: now, session: policy }))?.email, 'a@example.org');
        clock = new Date('2026-11-28T11:29:00Z'); // 31 minutes idle
        assert.equal(await currentSession(db.storage, s.token, { clock: now, session: policy }), null);

        clock = new Date('2026-11-28T12:00:00Z');
        const long = await signIn(db.storage, { email: 'a@example.org', password: PASSWORD, address: '192.0.2.1' }, { clock: now, session: policy });
        for (const at of ['12:25', '12:50', '13:15', '13:40']) {
          clock = new Date(`2026-11-28T${at}:00Z`);
          assert.notEqual(await currentSession(other, long.token, { clock: now, session: policy }), null, at);
        }
        clock = new Date('2026-11-28T14:00:00Z'); // two hours after sign-in, though used 20 minutes ago
        assert.equal(await currentSession(other, long.token, { clock: now, session: policy }), null);

        const out = await signIn(db.storage, { email: 'a@example.org', password: PASSWORD, address: '192.0.2.1' });
        assert.notEqual(await currentSession(other, out.token), null);
        await signOut(db.storage, out.token);
        assert.equal(await currentSession(other, out.token), null);

        const d = await signIn(db.storage, { email: 'a@example.org', password: PASSWORD, address: '192.0.2.1' });
        assert.deepEqual(await disableAccount(other, 'a@example.org'), { endedSessions: 1 });
        assert.equal(await currentSession(db.storage, d.token), null);
        await assert.rejects(signIn(db.storage, { email: 'a@example.org', password: PASSWORD, address: '192.0.2.1' }), { message: 'the e-mail address or the password is wrong, or the account is disabled' });
        await assert.rejects(resetPassword(db.storage, 'a@example.org', 'short'), { message: 'the password is too short: 5 characters, at least 12 are needed' });
      } finally {
        await other.close();
        await db.cleanup();
      }
    });

    test('HTTP: sign in through the form, cookie flags, series scoping, CSRF and Origin, sign-out; nothing here moves the cache generation', async () => {
      const db = await migratedStorage(engine);
      const server = await startServer(db.storage, { port: 0, host: '127.0.0.1' });
      const base = `http://127.0.0.1:${server.port}`;
      try {
        await twoSeries(db.storage);
        await addAccount(db.storage, { email: 'ed@example.org', role: 'editor', series: ['idm'], password: PASSWORD });
        const generation = db.storage.generation.current();

        assert.equal((await http('GET', `${base}/admin`)).status, 303);
        assert.equal((await http('GET', `${base}/admin`)).headers.location, '/admin/login?next=%2Fadmin');

        const bad = await signInThroughForm(base, 'ed@example.org', 'not the password');
        assert.equal(bad.response.status, 401);
        assert.ok(bad.response.body.includes('The e-mail address or the password is wrong, or the account is disabled.'));

        const ok = await signInThroughForm(base, 'ed@example.org', PASSWORD);
        assert.equal(ok.response.status, 303);
        assert.equal(ok.response.headers.location, '/admin');
        const setCookie = (ok.response.headers['set-cookie'] as string[]).find((c) => c.startsWith('plenary_session='))!;
        assert.match(setCookie, /^plenary_session=[A-Za-z0-9_-]{43}; Path=\/; Expires=[^;]+; HttpOnly; SameSite=Lax$/);
        assert.equal(ok.dashboard.status, 200);
        assert.equal(ok.dashboard.headers['cache-control'], 'no-store');
        assert.ok(ok.dashboard.body.includes('<bdi>International Dialogue on Migration</bdi>'));
        assert.ok(!ok.dashboard.body.includes('Global Forum'), 'an editor of one series sees only that series');
        assert.equal((await http('GET', `${base}/admin/series/idm`, { cookie: ok.cookie })).status, 200);
        const foreign = await http('GET', `${base}/admin/series/gfmd`, { cookie: ok.cookie });
        assert.equal(foreign.status, 403);
        assert.ok(foreign.body.includes('your account may not do this'));

        const noToken = await http('POST', `${base}/admin/logout`, { cookie: ok.cookie, origin: base }, '');
        assert.equal(noToken.status, 403);
        assert.ok(noToken.body.includes('the form is missing its security token or it is out of date'));
        const wrongOrigin = await http('POST', `${base}/admin/logout`, { cookie: ok.cookie, origin: 'https://evil.example' }, `_csrf=${ok.csrf}`);
        assert.equal(wrongOrigin.status, 403);
        assert.ok(wrongOrigin.body.includes(`the request came from https://evil.example, not from ${base}`));
        assert.equal((await http('GET', `${base}/admin`, { cookie: ok.cookie })).status, 200, 'refused requests changed nothing');

        const out = await http('POST', `${base}/admin/logout`, { cookie: ok.cookie, origin: base }, `_csrf=${ok.csrf}`);
        assert.equal(out.status, 303);
        assert.equal((await http('GET', `${base}/admin`, { cookie: ok.cookie })).status, 303);
        assert.equal(db.storage.generation.current(), generation, 'sign-in, counters and sessions never invalidate the public cache');
      } finally {
        await server.close();
        await db.cleanup();
      }
    });

    test('with an https PUBLIC_URL the session cookie is Secure and __Host- prefixed', async () => {
      const db = await migratedStorage(engine);
      const server = await startServer(db.storage, { port: 0, host: '127.0.0.1', publicUrl: 'https://plenary.example.org' });
      const base = `http://127.0.0.1:${server.port}`;
      try {
        await addAccount(db.storage, { email: 'a@example.org', role: 'admin', series: [], password: PASSWORD });
        const form = await http('GET', `${base}/admin/login`);
        const csrf = hidden(form.body, '_csrf')!;
        const r = await http('POST', `${base}/admin/login`, { cookie: cookiesOf(form), origin: 'https://plenary.example.org' }, new URLSearchParams({ _csrf: csrf, email: 'a@example.org', password: PASSWORD }).toString());
        assert.equal(r.status, 303);
        const c = (r.headers['set-cookie'] as string[]).find((x) => x.startsWith('__Host-plenary_session='))!;
        assert.match(c, /^__Host-plenary_session=[A-Za-z0-9_-]{43}; Path=\/; Expires=[^;]+; HttpOnly; Secure; SameSite=Lax$/);
      } finally {
        await server.close();
        await db.cleanup();
      }
    });
  });
}
