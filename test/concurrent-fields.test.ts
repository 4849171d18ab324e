// A save made from an older version is refused only when someone changed one of the form's
// fields meanwhile: a session reordered while its title is being edited saves, and the title
// change can still be reverted from the log; a title changed meanwhile is a conflict. Every engine.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { importAgenda } from '../src/operations/import-agenda.ts';
import { startServer } from '../src/web/server.ts';
import { ENGINES, migratedStorage } from './engines.ts';
import { agenda, session } from './factories.ts';
import { signedIn } from './http-client.ts';

for (const engine of ENGINES) {
  describe(`saves over other fields' changes on ${engine}`, () => {
    test('a reorder does not stand in the way of a title; another title does', async () => {
      const db = await migratedStorage(engine);
      const server = await startServer(db.storage, { port: 0, host: '127.0.0.1' });
      const base = `http://127.0.0.1:${server.port}`;
      try {
        await importAgenda(db.storage, agenda([{ date: '2025-05-06', sessions: [session({ start: '10:00', end: '11:00', title: 'First' }), session({ start: '11:00', end: '12:00', title: 'Second' })] }]), {
          series: { slug: 'idm', title: 'IDM' },
          event: { slug: 'idm-2025', title: 'IDM 2025', timeZone: 'Europe/Zurich' },
        });
        const q = db.storage.db;
        const row = (title: string) => q.selectFrom('session').select(['id', 'version', 'position', 'title']).where('title', '=', title).executeTakeFirstOrThrow();
        const first = await row('First');
        const second = await row('Second');
        const ed = await signedIn(db.storage, base, { email: 'ed@example.org', role: 'editor', series: ['idm'] });
        const admin = await signedIn(db.storage, base, { email: 'admin@example.org', role: 'admin' });
        const form = (title: string, version: number) => ({ kind: 'panel', number: '', title, start_time: '11:00', end_time: '12:00', version: String(version) });

        // Someone moves "First" down while the form of "Second" is open: both records move on.
        assert.equal((await ed.post(`/admin/sessions/${first.id}/order`, { direction: 'down', version: String(first.version) })).status, 303);
        const moved = await row('Second');
        assert.deepEqual([moved.position, moved.version], [0, second.version + 1]);
        // The title saved from the form's older version goes through: nobody changed a field of it.
        const saved = await ed.post(`/admin/sessions/${second.id}`, form('Second, retitled', second.version));
        assert.equal(saved.status, 303, saved.body.slice(0, 500));
        assert.deepEqual(await row('Second, retitled'), { id: second.id, version: second.version + 2, position: 0, title: 'Second, retitled' });
        // Moved again after it, the title change is still reverted from the log.
        assert.equal((await ed.post(`/admin/sessions/${second.id}/order`, { direction: 'down', version: String(second.version + 2) })).status, 303);
        const entry = (await q.selectFrom('audit_entry').select('id').where('action', '=', 'update').where('entity_id', '=', second.id).executeTakeFirstOrThrow()).id;
        assert.equal((await admin.post(`/admin/audit/${entry}/revert`, {})).status, 303);
        assert.equal((await row('Second')).title, 'Second');
        // A form opened before that revert changed the title is a conflict.
        const stale = await ed.post(`/admin/sessions/${second.id}`, form('Second, again', second.version + 2));
        assert.equal(stale.status, 409);
        assert.equal((await row('Second')).title, 'Second');
      } finally {
        await server.close();
        await db.cleanup();
      }
    });
  });
}
