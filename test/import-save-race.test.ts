// A workspace save and a re-import of the same event at the same moment, on PostgreSQL, on connections
// of their own (two instances): the import reads the event's sessions and locks them in one statement
// (operations/import-agenda.ts, eventSessions), before it reads the hand edits. So a save either commits
// before that read, and the import keeps the hand edit by the hand-edit rules and says so in its report;
// or it waits for the import's commit and then meets the version the import gave the row (the conflict
// page). Read first and locked by the next statement, a save committed between the two was overwritten
// with what the import had read, its version with it, and not reported. The interleavings are made with
// locks held by the test's own connections, seen in pg_blocking_pids: no timing. SQLite has one writer
// at a time: a save there commits before the import's transaction begins or after it commits.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { VersionConflict, saveForm, saveFormWithin } from '../src/operations/edit-record.ts';
import { importAgenda } from '../src/operations/import-agenda.ts';
import type { Tx } from '../src/storage/database.ts';
import { openStorage, type Storage } from '../src/storage/storage.ts';
import { write } from '../src/storage/write.ts';
import { ENGINES, migratedStorage } from './engines.ts';
import { agenda, session, TARGET } from './factories.ts';

/** The page: two panels on one day, the second retitled in version 2 (no one named: no identity writes). */
const page = (v: number) =>
  agenda([
    {
      date: '2031-03-04',
      sessions: [session({ start: '10:00', end: '11:00', title: v === 1 ? 'Panel one' : 'Panel one, from the page' }), session({ start: '14:00', end: '15:00', title: v === 1 ? 'Panel two' : 'Panel two, from the page' })],
    },
  ]);

const pidOf = async (trx: Tx) => Number((await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(trx)).rows[0]!.pid);

/** Waits (polling the server, not the clock) until a backend waits for a lock that `pid` holds; its pid. */
async function blockedBy(storage: Storage, pid: number): Promise<number> {
  for (;;) {
    const rows = (await sql<{ pid: number }>`SELECT pid FROM pg_stat_activity WHERE ${pid} = ANY(pg_blocking_pids(pid))`.execute(storage.db)).rows;
    if (rows.length) return Number(rows[0]!.pid);
    await sleep(10);
  }
}

for (const engine of ENGINES) {
  describe(`a workspace save beside a re-import on ${engine}`, { skip: engine === 'sqlite' ? 'SQLite has one writer at a time: the save commits before the import begins or after it commits' : false }, () => {
    const setUp = async () => {
      const db = await migratedStorage(engine);
      await importAgenda(db.storage, page(1), TARGET);
      const q = db.storage.db;
      const account = await q
        .insertInto('account')
        .values({ email: 'ed@example.org', password_hash: 'x', role: 'admin', disabled_at: null, password_changed_at: '2031-01-01T00:00:00.000Z', created_at: '2031-01-01T00:00:00.000Z' })
        .returning('id')
        .executeTakeFirstOrThrow();
      const one = await q.selectFrom('session').selectAll().where('title', '=', 'Panel one').executeTakeFirstOrThrow();
      // The importing instance: its own pool on the same database.
      const importer = await openStorage(db.url, { pollMs: 200 });
      const form = (title: string) => ({ kind: 'panel', number: '', title, start_time: '10:00', end_time: '11:00' });
      return { db, q, actor: { accountId: account.id }, one, importer, form };
    };
    const row = (s: Storage, id: number) => s.db.selectFrom('session').select(['title', 'version']).where('id', '=', id).executeTakeFirstOrThrow();

    test('a save that commits while the import waits for the sessions is kept, and the import reports it as set in the workspace', async () => {
      const { db, q, actor, one, importer, form } = await setUp();
      try {
        // The save has changed the row and holds it, its transaction open, when the import starts.
        let release!: () => void;
        const gate = new Promise<void>((resolve) => (release = resolve));
        let holding!: (pid: number) => void;
        const held = new Promise<number>((resolve) => (holding = resolve));
        const saving = write(db.storage, async (trx) => {
          const v = await saveFormWithin(trx, actor, 'session', one.id, one.version, form('Panel one, as edited'));
          holding(await pidOf(trx));
          await gate;
          return v;
        });
        const savePid = await held;
        const importing = importAgenda(importer, page(2), TARGET);
        // The import waits for the save's row; then the save commits.
        await blockedBy(db.storage, savePid);
        release();
        const saved = await saving;
        assert.equal(saved, one.version + 1);
        const report = await importing;

        assert.deepEqual(await row(db.storage, one.id), { title: 'Panel one, as edited', version: saved });
        assert.deepEqual(report.sessions, { created: 0, updated: 2, removed: 0 });
        assert.deepEqual(report.kept.map(String), ['session "Panel one, as edited" (2031-03-04 10:00): kept title "Panel one, as edited" as set in the workspace; the page gives "Panel one, from the page"']);
        const two = await q.selectFrom('session').select(['title', 'version']).where('id', '!=', one.id).executeTakeFirstOrThrow();
        assert.deepEqual(two, { title: 'Panel two, from the page', version: 2 });
        // The next import keeps it too, and says so again.
        const again = await importAgenda(db.storage, page(2), TARGET);
        assert.deepEqual(again.kept.map(String), report.kept.map(String));
        assert.deepEqual(await row(db.storage, one.id), { title: 'Panel one, as edited', version: saved });
      } finally {
        await importer.close();
        await db.cleanup();
      }
    });

    test('a save that comes while the import holds the sessions waits for its commit, then gets the conflict with what the import wrote', async () => {
      const { db, q, actor, one, importer, form } = await setUp();
      try {
        // The import is held at its end (the cache generation's row, which every write moves last) by a
        // transaction of the test's, after it has locked and written the sessions.
        const event = await q.selectFrom('event').select('id').where('slug', '=', TARGET.event.slug).executeTakeFirstOrThrow();
        let release!: () => void;
        const gate = new Promise<void>((resolve) => (release = resolve));
        let holding!: (pid: number) => void;
        const held = new Promise<number>((resolve) => (holding = resolve));
        const holder = db.storage.db.transaction().execute(async (trx) => {
          await sql`SELECT value FROM site_state WHERE key = 'generation' FOR UPDATE`.execute(trx);
          holding(await pidOf(trx));
          await gate;
        });
        const holderPid = await held;
        const importing = importAgenda(importer, page(2), TARGET);
        const importPid = await blockedBy(db.storage, holderPid);
        // The save read the row as it was committed (version 1), and waits for the import's lock on it.
        const saving = saveForm(db.storage, actor, 'session', one.id, one.version, form('Panel one, as edited')).then(
          () => 'saved',
          (e: unknown) => e,
        );
        await blockedBy(db.storage, importPid);
        release();
        await holder;
        const report = await importing;
        assert.deepEqual(report.kept, []);
        assert.deepEqual(report.sessions, { created: 0, updated: 2, removed: 0 });
        const refused = await saving;
        assert.ok(refused instanceof VersionConflict, String(refused));
        assert.equal(refused.theirs.title, 'Panel one, from the page');
        assert.deepEqual(await row(db.storage, one.id), { title: 'Panel one, from the page', version: one.version + 1 });
        assert.equal(event.id, (await q.selectFrom('session').select('event_id').where('id', '=', one.id).executeTakeFirstOrThrow()).event_id);
      } finally {
        await importer.close();
        await db.cleanup();
      }
    });
  });
}
