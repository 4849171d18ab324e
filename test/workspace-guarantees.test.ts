// Two guarantees of the workspace that no other test shows, through the running server:
// - passwords are stored as scrypt hashes (memory-hard), with their parameters, never as given;
// - on PostgreSQL an editor's save does not wait for another series' import: while an import
//   (another instance's, on its own connections) holds the write lock with its transaction open,
//   the save commits, and the import then commits too. If a save took the lock, this test would
//   never finish (the import only lets go after the save has answered): the test's timeout (a guard
//   against that deadlock, far above any save's time) fails it. On SQLite there is one writer at a time; `npm run bench:editor-wait` measures how
//   long a save waits there. Every engine.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { openStorage } from '../src/storage/storage.ts';
import { write } from '../src/storage/write.ts';
import { startServer } from '../src/web/server.ts';
import { ENGINES, migratedStorage } from './engines.ts';
import { twoSeries } from './factories.ts';
import { signedIn } from './http-client.ts';

for (const engine of ENGINES) {
  describe(`workspace guarantees on ${engine}`, () => {
    test('a password is stored as an scrypt hash with its parameters, and signs in', async () => {
      const db = await migratedStorage(engine);
      const server = await startServer(db.storage, { port: 0, host: '127.0.0.1' });
      const base = `http://127.0.0.1:${server.port}`;
      try {
        const s = await signedIn(db.storage, base, { email: 'hash@example.org', role: 'admin' });
        assert.equal((await s.get('/admin')).status, 200);
        const row = await db.storage.db.selectFrom('account').select('password_hash').where('email', '=', 'hash@example.org').executeTakeFirstOrThrow();
        const parts = row.password_hash.split('$');
        // scrypt$N$r$p$salt$key: N = 2^15 and r = 8 (32 MiB per hash), a 16-byte salt, a 32-byte key.
        assert.deepEqual(parts.slice(0, 4), ['scrypt', String(1 << 15), '8', '1']);
        assert.equal(Buffer.from(parts[4]!, 'base64url').length, 16);
        assert.equal(Buffer.from(parts[5]!, 'base64url').length, 32);
        assert.ok(!row.password_hash.includes('correct horse battery'));
        // Two accounts with the same password get different hashes (the salt).
        await signedIn(db.storage, base, { email: 'same@example.org', role: 'admin' });
        const other = await db.storage.db.selectFrom('account').select('password_hash').where('email', '=', 'same@example.org').executeTakeFirstOrThrow();
        assert.notEqual(other.password_hash, row.password_hash);
      } finally {
        await server.close();
        await db.cleanup();
      }
    });

    test('a save of one series commits while an import of another holds the write lock', { timeout: 120_000, skip: engine === 'sqlite' ? 'SQLite has one writer at a time: npm run bench:editor-wait measures the wait' : false }, async () => {
      const db = await migratedStorage(engine);
      const server = await startServer(db.storage, { port: 0, host: '127.0.0.1' });
      const base = `http://127.0.0.1:${server.port}`;
      // The importing instance: its own storage (its own pool) on the same database.
      const importer = await openStorage(db.url, { pollMs: 200 });
      try {
        await twoSeries(db.storage);
        const q = db.storage.db;
        const idm = await q.selectFrom('session').select(['id', 'version']).where('title', '=', 'Panel of idm').executeTakeFirstOrThrow();
        const gfmd = await q.selectFrom('session').select(['id', 'event_id']).where('title', '=', 'Panel of gfmd').executeTakeFirstOrThrow();
        const ed = await signedIn(db.storage, base, { email: 'ed@example.org', role: 'editor', series: ['idm'] });

        let letGo!: () => void;
        const gate = new Promise<void>((resolve) => (letGo = resolve));
        let locked!: () => void;
        const holding = new Promise<void>((resolve) => (locked = resolve));
        // The import's write: the same lock an import takes (exclusive), a change to gfmd, then it waits.
        const importing = write(importer, async (trx, scope) => {
          await trx.updateTable('session').set({ title: 'Imported panel of gfmd' }).where('id', '=', gfmd.id).execute();
          scope.event(gfmd.event_id);
          locked();
          await gate;
        }, { exclusive: true });
        await holding;

        const saved = await ed.post(`/admin/sessions/${idm.id}`, { kind: 'panel', number: '', title: 'Saved during the import', start_time: '10:00', end_time: '11:00', version: String(idm.version) });
        assert.equal(saved.status, 303, saved.body.slice(0, 500));
        // Committed: another connection reads it while the import's transaction is still open.
        assert.equal((await q.selectFrom('session').select('title').where('id', '=', idm.id).executeTakeFirstOrThrow()).title, 'Saved during the import');
        assert.equal((await q.selectFrom('session').select('title').where('id', '=', gfmd.id).executeTakeFirstOrThrow()).title, 'Panel of gfmd', 'the import has not committed yet');

        letGo();
        await importing;
        assert.equal((await q.selectFrom('session').select('title').where('id', '=', gfmd.id).executeTakeFirstOrThrow()).title, 'Imported panel of gfmd');
        assert.equal((await q.selectFrom('session').select('title').where('id', '=', idm.id).executeTakeFirstOrThrow()).title, 'Saved during the import');
      } finally {
        await importer.close();
        await server.close();
        await db.cleanup();
      }
    });
  });
}
