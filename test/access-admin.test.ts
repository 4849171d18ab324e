// Administering access from the command line and behind a proxy: grants and roles changed
// (`plenary user grant|withdraw|set-role`), a sign-in lock lifted (`plenary user unlock`), and
// failed sign-ins counted per client address as the trusted proxy reports it, so one attacker
// behind the load balancer cannot lock everyone out. Every engine.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { importAgenda } from '../src/operations/import-agenda.ts';
import { startServer } from '../src/web/server.ts';
import { clientAddress } from '../src/web/client-address.ts';
import { ENGINES, migratedStorage } from './engines.ts';
import { agenda, session } from './factories.ts';
import { http } from './http-client.ts';
import { runPlenary } from './plenary-cli.ts';

const PASSWORD = 'correct horse battery';

test('the client address: the peer without proxies; with N proxies, N hops back in X-Forwarded-For', () => {
  assert.equal(clientAddress('10.0.0.5', '203.0.113.9', 0), '10.0.0.5', 'a header anyone can send is not believed');
  assert.equal(clientAddress('10.0.0.5', '203.0.113.9', 1), '203.0.113.9');
  assert.equal(clientAddress('10.0.0.5', '1.2.3.4, 203.0.113.9', 1), '203.0.113.9', 'what the client wrote itself is further left');
  assert.equal(clientAddress('10.0.0.5', '203.0.113.9, 10.0.0.4', 2), '203.0.113.9');
  assert.equal(clientAddress('10.0.0.5', undefined, 1), '10.0.0.5');
});

for (const engine of ENGINES) {
  describe(`access administration on ${engine}`, () => {
    test('grants and roles change; locks are per client address behind a proxy, and can be lifted', async () => {
      const db = await migratedStorage(engine);
      const server = await startServer(db.storage, { port: 0, host: '127.0.0.1', trustedProxies: 1 });
      const base = `http://127.0.0.1:${server.port}`;
      try {
        for (const slug of ['idm', 'gfmd']) {
          await importAgenda(db.storage, agenda([{ date: '2025-05-06', sessions: [session()] }]), { series: { slug, title: slug }, event: { slug: `${slug}-2025`, title: slug, timeZone: 'Europe/Zurich' } });
        }
        const cli = (...args: string[]) => runPlenary(['user', ...args], db.url, { input: `${PASSWORD}\n` });
        assert.equal(cli('add', '--email', 'ed@example.org', '--role', 'editor', '--series', 'idm').code, 0);
        assert.equal(cli('add', '--email', 'admin@example.org', '--role', 'admin').code, 0);
        assert.deepEqual([cli('grant', '--email', 'ed@example.org', '--series', 'gfmd').out], ['ed@example.org: editor of gfmd, idm\n']);
        assert.deepEqual([cli('withdraw', '--email', 'ed@example.org', '--series', 'idm').out], ['ed@example.org: editor of gfmd\n']);
        const last = cli('withdraw', '--email', 'ed@example.org', '--series', 'gfmd');
        assert.deepEqual([last.code, last.err], [1, 'plenary: an editor needs at least one series: grant one (--series) before withdrawing the last\n']);
        assert.deepEqual([cli('set-role', '--email', 'ed@example.org', '--role', 'viewer').out], ['ed@example.org: viewer of gfmd\n']);
        const unknown = cli('grant', '--email', 'ed@example.org', '--series', 'nope');
        assert.deepEqual([unknown.code, unknown.err], [1, 'plenary: no series with the slug "nope"\n']);

        // Sign-in through the proxy: 20 failures from one client address lock that address only.
        const form = await http('GET', `${base}/admin/login`);
        const cookie = ((form.headers['set-cookie'] as string[]) ?? []).map((c) => c.split(';')[0]).join('; ');
        const csrf = form.body.match(/name="_csrf" value="([^"]+)"/)![1]!;
        const signIn = (from: string, email: string, password: string) =>
          http('POST', `${base}/admin/login`, { origin: base, cookie, 'x-forwarded-for': from }, { _csrf: csrf, next: '/admin', email, password });
        for (let i = 0; i < 20; i++) assert.equal((await signIn('203.0.113.9', `nobody${i}@example.org`, 'wrong password')).status, 401);
        assert.equal((await signIn('203.0.113.9', 'admin@example.org', PASSWORD)).status, 429, 'that address is locked');
        assert.equal((await signIn('198.51.100.1', 'admin@example.org', PASSWORD)).status, 303, 'the admin, from another address, signs in');
        const lifted = cli('unlock', '--address', '203.0.113.9');
        assert.deepEqual([lifted.code, lifted.out], [0, 'unlocked address:203.0.113.9\n']);
        assert.equal((await signIn('203.0.113.9', 'admin@example.org', PASSWORD)).status, 303);
        assert.deepEqual([cli('unlock', '--email', 'admin@example.org').out], ['nothing to unlock: no failed sign-ins are counted for it\n']);
      } finally {
        await server.close();
        await db.cleanup();
      }
    });
  });
}
