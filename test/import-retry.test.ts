// An import run again after a concurrent write's row stopped it (review L2). On PostgreSQL the
// workspace's saves and publishes do not take the import's lock (storage/write.ts), so an editor who
// publishes an event while `plenary import --publish` of the same event runs makes the import's
// published copy meet the editor's on its unique key: the import's transaction fails with a unique
// violation and write() runs it again from the start, which then finds the editor's release and
// publishes the next one. The report and the audit entry count each change once (the report is made
// anew at each attempt, 7df671c), and nothing of either write is lost.
//
// The race is made to happen, not mocked: a third connection holds the event's row, so the editor's
// publish (over HTTP) stops with its published copy written but not committed; the import (the command,
// in a child process) then waits on that copy's key; the third connection lets go, the publish
// commits, and the import's insert fails. Each step waits for PostgreSQL to show the wait
// (pg_blocking_pids), never for a time. SQLite has one writer at a time: nothing to race there.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { sql } from 'kysely';
import pg from 'pg';
import type { Storage } from '../src/storage/storage.ts';
import { startServer } from '../src/web/server.ts';
import { ENGINES, migratedStorage } from './engines.ts';
import { signedIn } from './http-client.ts';
import { ROOT, runPlenary } from './plenary-cli.ts';

const SKIP = ENGINES.includes('postgres') ? false : 'PostgreSQL only (SQLite has one writer at a time): set PLENARY_TEST_ENGINES=postgres (or sqlite,postgres) to run it';

const FIRST = `Dialogue on Labour Mobility

DAY 1 – Monday, 3 March 2025

10:00 – 11:00 Panel 1 – Skills partnerships
Ms. Laura Becker, Director, Federal Employment Agency, Germany

11:00 – 12:00 Panel 2 – Fair recruitment
Ms. Nadia Rahman, Secretary, Ministry of Expatriates' Welfare, Bangladesh
`;
const SECOND = `${FIRST}
14:00 – 15:00 Panel 3 – Data on labour migration
Mr. Henrik Olsen, Statistician, Statistics Norway
`;
const STORE = ['--series', 'labour', '--series-title', 'Labour', '--event', 'labour-2025', '--title', 'Labour 2025', '--time-zone', 'Europe/Zurich'];

/** `plenary …` in a child process that runs while the test goes on; resolves with what it printed. */
function startPlenary(args: string[], databaseUrl: string): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, ['bin/plenary.mjs', ...args], { cwd: ROOT, env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

/** The backend that waits for `pid`'s locks, once PostgreSQL shows one waiting (gives up after about 60 s). */
async function waiterOn(storage: Storage, pid: number, what: string): Promise<number> {
  for (let i = 0; i < 3000; i++) {
    const r = await sql<{ pid: number }>`SELECT pid FROM pg_stat_activity WHERE ${pid} = ANY(pg_blocking_pids(pid))`.execute(storage.db);
    if (r.rows.length) return Number(r.rows[0]!.pid);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`${what}: nothing waited for backend ${pid}`);
}

test('plenary import --publish that meets an editor\'s publish of the same event runs its write again: release 2 after the editor\'s 1, each change counted once, nothing lost', { skip: SKIP }, async () => {
  const t = await migratedStorage('postgres');
  const dir = mkdtempSync(join(tmpdir(), 'plenary-import-retry-'));
  const server = await startServer(t.storage, { port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${server.port}`;
  const holder = new pg.Client({ connectionString: t.url });
  try {
    const first = join(dir, 'first.txt');
    const second = join(dir, 'second.txt');
    writeFileSync(first, FIRST);
    writeFileSync(second, SECOND);
    const imported = runPlenary(['import', first, ...STORE], t.url);
    assert.equal(imported.code, 0, imported.err);
    const db = t.storage.db;
    const event = await db.selectFrom('event').select(['id', 'status']).executeTakeFirstOrThrow();
    assert.equal(event.status, 'draft');
    const sessionsBefore = (await db.selectFrom('session').select('id').orderBy('id').execute()).map((s) => s.id);
    assert.equal(sessionsBefore.length, 2);
    const editor = await signedIn(t.storage, base, { email: 'editor@example.org', role: 'editor', series: ['labour'] });

    // Another instance's transaction holds the event's row, as an update of it does (rows that refer to
    // the event, as the published copy does, can still be written).
    await holder.connect();
    const holderPid = (await holder.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
    await holder.query('BEGIN');
    await holder.query('SELECT id FROM event WHERE id = $1 FOR NO KEY UPDATE', [event.id]);

    // The editor publishes the working copy (the first page): the published copy is written, then the
    // event's status waits for that row.
    const published = editor.post(`/admin/events/${event.id}/publish`, { note: 'From the workspace' });
    published.catch(() => undefined); // awaited below; a failure before that is the test's own
    const publisher = await waiterOn(t.storage, holderPid, 'the editor\'s publish');
    // The import of the second page with --publish: it waits on the editor's uncommitted published copy.
    const importing = startPlenary(['import', second, ...STORE, '--publish', '--note', 'From the import'], t.url);
    await waiterOn(t.storage, publisher, 'the import');
    await holder.query('COMMIT');

    const answer = await published;
    assert.deepEqual([answer.status, answer.location], [303, `/admin/events/${event.id}/publish?published=1`]);
    const r = await importing;
    assert.deepEqual(r, {
      code: 0,
      out: [
        'series labour: existing',
        'event labour-2025: updated (published, 2025-03-03 to 2025-03-03)',
        'days: 1',
        'sessions: 1 created, 2 updated, 0 removed',
        'appearances: 1 created, 2 updated, 0 removed',
        'persons: 1 created, 2 matched',
        'organizations: 1 created, 2 matched',
        'published: release 2',
        '',
      ].join('\n'),
      err: '',
    });

    // The import's first attempt was rolled back (its new session's id was taken from the sequence, and lost):
    // the session stored is the second attempt's.
    const sessions = await db.selectFrom('session').select(['id', 'title']).orderBy('id').execute();
    const made = sessions.find((s) => s.title === 'Data on labour migration')!;
    assert.deepEqual(sessions.map((s) => s.id), [...sessionsBefore, made.id]);
    assert.equal(made.id, Math.max(...sessionsBefore) + 2, 'the first attempt inserted the session too, then rolled back');

    // Both releases, in order, each with its own author and note; what the public sees is the import's.
    const account = (await db.selectFrom('account').select('id').where('email', '=', 'editor@example.org').executeTakeFirstOrThrow()).id;
    const releases = await db.selectFrom('release').select(['number', 'note', 'account_id', 'changes']).where('event_id', '=', event.id).orderBy('number').execute();
    assert.deepEqual(releases.map((x) => [x.number, x.note, x.account_id, x.changes === null ? null : JSON.parse(x.changes).items.length]), [
      [1, 'From the workspace', account, null],
      [2, 'From the import', null, 1],
    ]);
    assert.deepEqual((await db.selectFrom('pub_session').select('title').where('event_id', '=', event.id).orderBy('position').execute()).map((s) => s.title), ['Skills partnerships', 'Fair recruitment', 'Data on labour migration']);
    assert.equal(Number((await db.selectFrom('pub_appearance').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n), 3);

    // One audit entry per write that committed, the import's counting its changes once.
    const log = await db.selectFrom('audit_entry').select(['action', 'account_id', 'after']).orderBy('id').execute();
    assert.deepEqual(log.map((e) => [e.action, e.account_id]), [['import', null], ['publish', account], ['import', null], ['publish', null]]);
    assert.deepEqual(JSON.parse(log[2]!.after!), {
      sessions_created: 1,
      sessions_updated: 2,
      sessions_removed: 0,
      appearances_created: 1,
      appearances_updated: 2,
      appearances_removed: 0,
      kept_as_edited: 0,
    });
    assert.deepEqual(JSON.parse(log[3]!.after!), { release: 2, note: 'From the import', changes: 1 });
  } finally {
    await holder.end().catch(() => undefined);
    await server.close();
    await t.cleanup();
    rmSync(dir, { recursive: true, force: true });
  }
});
