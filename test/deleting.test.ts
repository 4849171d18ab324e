// Deleting in the workspace through the running server, and what the log and a re-import make
// of it: an appearance removed (its statement file moves to the event's documents), a session
// deleted with its people, a day that still holds sessions refused, a stale deletion refused;
// a re-import from the command line does not make them again; an admin puts a session back from
// the log (same id and UUID), undoes a session made by hand, and a move. Every engine.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { startServer } from '../src/web/server.ts';
import { ENGINES, migratedStorage } from './engines.ts';
import { signedIn } from './http-client.ts';
import { runPlenary } from './plenary-cli.ts';
import { stampIn } from './intl-dates.ts';

const PAGE = `Dialogue on Labour Mobility

DAY 1 – Monday, 3 March 2025

10:00 – 11:00 Panel 1 – Skills partnerships
Ms. Laura Becker, Director, Federal Employment Agency, Germany
Mr. Tomás Rivera, Adviser, Ministry of Labour, Mexico

11:00 – 12:00 Panel 2 – Fair recruitment
Ms. Nadia Rahman, Secretary, Ministry of Expatriates' Welfare, Bangladesh

DAY 2 – Tuesday, 4 March 2025

09:30 – 11:00 Panel 3 – Data on labour migration
Mr. Henrik Olsen, Statistician, Statistics Norway
`;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

for (const engine of ENGINES) {
  describe(`deleting on ${engine}`, () => {
    test('delete, refuse, keep files, re-import without undoing, put back from the log', async () => {
      const db = await migratedStorage(engine);
      const dir = mkdtempSync(join(tmpdir(), 'plenary-delete-'));
      const server = await startServer(db.storage, { port: 0, host: '127.0.0.1' });
      const base = `http://127.0.0.1:${server.port}`;
      try {
        const file = join(dir, 'agenda.txt');
        writeFileSync(file, PAGE);
        const importPage = () => {
          const r = runPlenary(['import', file, '--series', 'labour', '--series-title', 'Labour', '--event', 'labour-2025', '--title', 'Labour 2025', '--time-zone', 'Europe/Zurich'], db.url);
          assert.equal(r.code, 0, r.err);
          return r.out.trim().split('\n');
        };
        importPage();
        const q = db.storage.db;
        const sessionOf = (title: string) => q.selectFrom('session').selectAll().where('title', '=', title).executeTakeFirst();
        const appearanceOf = async (name: string) =>
          await q.selectFrom('appearance as a').innerJoin('person as p', 'p.id', 'a.person_id').selectAll('a').where('p.name', '=', name).executeTakeFirst();
        const ed = await signedIn(db.storage, base, { email: 'ed@example.org', role: 'editor', series: ['labour'] });
        const admin = await signedIn(db.storage, base, { email: 'admin@example.org', role: 'admin' });

        // A statement attached to Rivera, uploaded.
        const rivera = (await appearanceOf('Tomás Rivera'))!;
        const panel1 = (await sessionOf('Skills partnerships'))!;
        const upload = await ed.get(`/admin/events/${panel1.event_id}/materials`);
        const fd = new FormData();
        fd.set('_csrf', upload.body.match(/name="_csrf" value="([^"]+)"/)![1]!);
        for (const [k, v] of Object.entries({ kind: 'statement', lang: 'en', label: 'Statement by Mr. Rivera', appearance: String(rivera.id) })) fd.set(k, v);
        fd.set('file', new Blob([PDF], { type: 'application/pdf' }), 'rivera.pdf');
        assert.equal((await ed.postMultipart(`/admin/events/${panel1.event_id}/materials`, fd)).status, 303);

        // Removing Rivera: a page says what goes, then the button.
        const confirm = await ed.get(`/admin/appearances/${rivera.id}/delete`);
        assert.equal(confirm.status, 200);
        assert.ok(confirm.body.includes('<h1>Remove Tomás Rivera from this session?</h1>'));
        const removed = await ed.post(`/admin/appearances/${rivera.id}/delete`, { version: String(rivera.version) });
        assert.deepEqual([removed.status, removed.location], [303, `/admin/sessions/${panel1.id}?saved=1`]);
        assert.equal(await appearanceOf('Tomás Rivera'), undefined);
        const statement = await q.selectFrom('material').select(['appearance_id', 'label']).where('label', '=', 'Statement by Mr. Rivera').executeTakeFirstOrThrow();
        assert.deepEqual(statement, { appearance_id: null, label: 'Statement by Mr. Rivera' }, 'the file stays, among the event documents');

        // A stale deletion, and a day that still holds sessions, are refused.
        const panel2 = (await sessionOf('Fair recruitment'))!;
        const stale = await ed.post(`/admin/sessions/${panel2.id}/delete`, { version: String(panel2.version + 1) });
        assert.equal(stale.status, 409);
        assert.ok(stale.body.includes(`this session was changed by someone else after you opened it (you saw version ${panel2.version + 1}; it is now at version ${panel2.version}): nothing was deleted; look at it again first`));
        const fullDayPage = await ed.get(`/admin/days/${panel2.day_id}/delete`);
        assert.ok(fullDayPage.body.includes('This day still holds 2 sessions: move or delete them first; only an empty day can be deleted.'));
        assert.ok(!fullDayPage.body.includes('<button type="submit">Delete</button>'), 'no button that would fail');
        const fullDay = await ed.post(`/admin/days/${panel2.day_id}/delete`, { version: '1' });
        assert.equal(fullDay.status, 400);
        assert.ok(fullDay.body.includes('the day Monday, March 3, 2025 still holds 2 sessions: move or delete them first'));

        // Panel 2 goes, with its people.
        assert.equal((await ed.post(`/admin/sessions/${panel2.id}/delete`, { version: String(panel2.version) })).status, 303);
        assert.equal(await sessionOf('Fair recruitment'), undefined);
        assert.equal(await appearanceOf('Nadia Rahman'), undefined);
        const log = await q.selectFrom('audit_entry').select(['id', 'action', 'entity', 'entity_id']).where('action', '=', 'delete').orderBy('id').execute();
        const rahman = JSON.parse((await q.selectFrom('audit_entry').select('before').where('id', '=', log[1]!.id).executeTakeFirstOrThrow()).before!);
        // A colleague with the session's form still open is told what happened to it.
        const deletedAt = (await q.selectFrom('audit_entry').select('at').where('id', '=', log[2]!.id).executeTakeFirstOrThrow()).at;
        const opened = await ed.get(`/admin/sessions/${panel2.id}`);
        assert.equal(opened.status, 404);
        assert.ok(opened.body.includes(`this session was deleted on ${stampIn('en', deletedAt)} by ed@example.org; an admin can put it back from the audit log (entry ${log[2]!.id})`), opened.body);
        const savedLate = await ed.post(`/admin/sessions/${panel2.id}`, { kind: 'panel', number: '2', title: 'Late', start_time: '11:00', end_time: '12:00', version: String(panel2.version) });
        assert.equal(savedLate.status, 404);
        assert.ok(savedLate.body.includes(`this session was deleted on ${stampIn('en', deletedAt)} by ed@example.org; what you sent was not saved; an admin can put it back`));
        assert.deepEqual(log.map((e) => `${e.action} ${e.entity} ${e.entity_id}`), [`delete appearance ${rivera.id}`, `delete appearance ${rahman.id}`, `delete session ${panel2.id}`]);

        // The page still lists them: a re-import does not make them again, and says so.
        const again = importPage();
        assert.deepEqual(
          again.filter((l) => l.startsWith('not overwritten: ')),
          [
            `not overwritten: Tomás Rivera (speaker) of session ${panel1.id}: removed in the workspace; not added again`,
            'not overwritten: session "Fair recruitment" (2025-03-03 11:00): deleted in the workspace; not made again',
          ],
        );
        assert.equal(await sessionOf('Fair recruitment'), undefined);

        // An admin puts panel 2 back (same id and UUID), its speaker with it; the next import finds them.
        const revert = (entry: number) => admin.post(`/admin/audit/${entry}/revert`, {});
        assert.equal((await revert(log[2]!.id)).status, 303);
        const twiceBack = await revert(log[1]!.id);
        assert.equal(twiceBack.status, 409, 'the speaker came back with the session');
        const back = (await sessionOf('Fair recruitment'))!;
        assert.deepEqual([back.id, back.uuid, back.version], [panel2.id, panel2.uuid, panel2.version + 1]);
        assert.equal((await appearanceOf('Nadia Rahman'))!.id, rahman.id);
        const third = importPage();
        assert.deepEqual(third.filter((l) => l.startsWith('not overwritten: ')), [`not overwritten: Tomás Rivera (speaker) of session ${panel1.id}: removed in the workspace; not added again`]);
        assert.equal(third[3], 'sessions: 0 created, 3 updated, 0 removed');

        // A session made by hand, undone from the log; a move, undone.
        assert.equal((await ed.post(`/admin/days/${panel2.day_id}/sessions`, { kind: 'other', number: '', title: 'Side event', start_time: '16:00', end_time: '17:00' })).status, 303);
        // A session made by hand takes its place by start time.
        assert.equal((await ed.post(`/admin/days/${panel2.day_id}/sessions`, { kind: 'other', number: '', title: 'Early briefing', start_time: '08:00', end_time: '08:30' })).status, 303);
        const day1 = await q.selectFrom('session').select('title').where('day_id', '=', panel2.day_id).orderBy('position').execute();
        assert.deepEqual(day1.map((x) => x.title), ['Early briefing', 'Skills partnerships', 'Fair recruitment', 'Side event']);
        const made = await q.selectFrom('audit_entry').select('id').where('action', '=', 'create').where('entity', '=', 'session').orderBy('id').executeTakeFirstOrThrow();
        assert.equal((await revert(made.id)).status, 303);
        assert.equal(await sessionOf('Side event'), undefined);
        const panel3 = (await sessionOf('Data on labour migration'))!;
        assert.equal((await ed.post(`/admin/sessions/${panel3.id}/move`, { day_id: String(panel2.day_id), version: String(panel3.version) })).status, 303);
        const moved = await q.selectFrom('audit_entry').select('id').where('action', '=', 'move').executeTakeFirstOrThrow();
        assert.equal((await revert(moved.id)).status, 303);
        assert.equal((await sessionOf('Data on labour migration'))!.day_id, panel3.day_id);
        // Reverting the same entry twice is refused.
        const twice = await revert(moved.id);
        assert.equal(twice.status, 409);
        assert.ok(twice.body.includes(`entry ${moved.id} was already reverted by entry`));
      } finally {
        await server.close();
        await db.cleanup();
        rmSync(dir, { recursive: true, force: true });
      }
    });

    // Revert reads the entry (and a deleted session's people's entries) before its write: entries never
    // change. So a refusal that follows from the entry alone is answered while another process holds the
    // write lock (SQLite's one writer). PostgreSQL has no such lock for a revert to wait behind, so there the
    // refusals are only checked for their answers; what can change (reverted already, the record now) is
    // still read inside, with the same results on both.
    test('a revert refused by its entry is answered while another process writes; a session comes back with its people, once', async () => {
      const db = await migratedStorage(engine);
      const dir = mkdtempSync(join(tmpdir(), 'plenary-revert-'));
      const server = await startServer(db.storage, { port: 0, host: '127.0.0.1' });
      const base = `http://127.0.0.1:${server.port}`;
      const holder = engine === 'sqlite' ? new Database(db.url.slice('sqlite:'.length)) : null;
      try {
        const file = join(dir, 'agenda.txt');
        writeFileSync(file, PAGE);
        const imported = runPlenary(['import', file, '--series', 'labour', '--series-title', 'Labour', '--event', 'labour-2025', '--title', 'Labour 2025', '--time-zone', 'Europe/Zurich'], db.url);
        assert.equal(imported.code, 0, imported.err);
        const q = db.storage.db;
        const ed = await signedIn(db.storage, base, { email: 'ed@example.org', role: 'editor', series: ['labour'] });
        const admin = await signedIn(db.storage, base, { email: 'admin@example.org', role: 'admin' });
        const panel2 = (await q.selectFrom('session').selectAll().where('title', '=', 'Fair recruitment').executeTakeFirstOrThrow());
        assert.equal((await ed.post(`/admin/sessions/${panel2.id}/delete`, { version: String(panel2.version) })).status, 303);
        const log = await q.selectFrom('audit_entry').select(['id', 'action', 'entity']).orderBy('id').execute();
        assert.deepEqual(log.map((e) => `${e.action} ${e.entity}`), ['import event', 'delete appearance', 'delete session']);
        const [importEntry, rahmanEntry, sessionEntry] = log.map((e) => e.id) as [number, number, number];
        const revert = (entry: number) => admin.post(`/admin/audit/${entry}/revert`, {});
        const message = (r: { body: string }) => /<p role="alert">([\s\S]*?)<\/p>/.exec(r.body)?.[1];

        // Another process writes: it holds the write lock until it commits.
        holder?.exec('BEGIN IMMEDIATE');
        const refusedImport = await revert(importEntry);
        const refusedMissing = await revert(999_999);
        holder?.exec('ROLLBACK');
        assert.deepEqual([refusedImport.status, message(refusedImport)], [400, `entry ${importEntry} is an import: import the earlier page again instead`]);
        assert.deepEqual([refusedMissing.status, message(refusedMissing)], [404, 'there is no audit entry 999999']);

        // Panel 2 comes back with Nadia Rahman, under their own ids; her own deletion is reverted with it.
        assert.deepEqual([(await revert(sessionEntry)).status], [303]);
        const back = await q.selectFrom('session').select(['id', 'uuid', 'version']).where('title', '=', 'Fair recruitment').executeTakeFirstOrThrow();
        assert.deepEqual(back, { id: panel2.id, uuid: panel2.uuid, version: panel2.version + 1 });
        const rahman = JSON.parse((await q.selectFrom('audit_entry').select('before').where('id', '=', rahmanEntry).executeTakeFirstOrThrow()).before!);
        assert.deepEqual(await q.selectFrom('appearance').select(['id', 'session_id']).where('session_id', '=', panel2.id).execute(), [{ id: rahman.id, session_id: panel2.id }]);
        const reverts = await q.selectFrom('audit_entry').select(['id', 'action', 'entity', 'entity_id', 'reverted_entry_id']).where('action', '=', 'revert').orderBy('id').execute();
        assert.deepEqual(reverts.map((e) => [e.entity, e.entity_id, e.reverted_entry_id]), [['session', panel2.id, sessionEntry], ['appearance', rahman.id, rahmanEntry]]);
        const twice = [await revert(sessionEntry), await revert(rahmanEntry)];
        assert.deepEqual(twice.map((r) => [r.status, message(r)]), [
          [409, `entry ${sessionEntry} was already reverted by entry ${reverts[0]!.id}`],
          [409, `entry ${rahmanEntry} was already reverted by entry ${reverts[1]!.id}`],
        ]);
      } finally {
        holder?.close();
        await server.close();
        await db.cleanup();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}
