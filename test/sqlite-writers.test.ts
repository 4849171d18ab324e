// Writers that meet on one SQLite file: a write waits for another process's write to finish,
// without blocking its own process meanwhile, and past its wait fails with a clear Conflict,
// never a raw "database is locked". Two `plenary import`s at once both land.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, test } from 'node:test';
import Database from 'better-sqlite3';
import { Conflict } from '../src/domain/errors.ts';
import { openSqlite } from '../src/storage/dialects/sqlite.ts';
import { migrate } from '../src/storage/migrate.ts';
import { write } from '../src/storage/write.ts';
import { longAgendaText } from './docx-samples.ts';
import { SHARED_SKIP, sharedPath } from './shared.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'plenary-writers-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Another process's write in progress: a connection of its own holding the write lock. */
function holdWriteLock(file: string) {
  const other = new Database(file);
  other.exec('BEGIN IMMEDIATE');
  other.prepare("UPDATE site_state SET value = value + 1 WHERE key = 'generation'").run();
  return {
    release() {
      other.exec('COMMIT');
      other.close();
    },
  };
}

test('a write waits for another process’s write without blocking its own process, and fails with a clear message past its wait', async () => {
  const file = join(dir, 'wait.db');
  const storage = openSqlite(file, { writeWaitMs: 300 });
  try {
    await migrate(storage);
    await storage.generation.start();

    const counter = () => {
      const reader = new Database(file, { readonly: true });
      try {
        return Number((reader.prepare("SELECT value FROM site_state WHERE key = 'generation'").get() as { value: number }).value);
      } finally {
        reader.close();
      }
    };
    const before = counter();
    const held = holdWriteLock(file);
    try {
      await assert.rejects(
        write(storage, async (trx) => trx.selectFrom('site_state').selectAll().execute()),
        (e: Error) => {
          assert.ok(e instanceof Conflict, `a Conflict, not ${e.name}: ${e.message}`);
          assert.equal(e.message, 'another write is in progress on this database (an import or a restore in another process) and did not finish within 0.3 s; try again when it has');
          return true;
        },
      );
    } finally {
      held.release();
    }

    // Held again, and let go by a timer of this same process: only a write that waits without
    // blocking the event loop lets that timer run (SQLite's own busy handler sleeps inside the call).
    const patient = openSqlite(file);
    try {
      await patient.generation.start();
      const again = holdWriteLock(file);
      let ticks = 0;
      const ticker = setInterval(() => ticks++, 10);
      const release = setTimeout(() => again.release(), 200);
      try {
        const generation = await write(patient, async (trx) => {
          // Inside the transaction: the other writer has committed by now.
          const row = await trx.selectFrom('site_state').select('value').where('key', '=', 'generation').executeTakeFirstOrThrow();
          return Number(row.value);
        });
        assert.ok(ticks > 0, 'the process ran its timers while the write waited');
        // The two holders each added one; the refused write, nothing.
        assert.equal(generation, before + 2);
      } finally {
        clearInterval(ticker);
        clearTimeout(release);
      }
    } finally {
      await patient.close();
    }
  } finally {
    await storage.close();
  }
});

function plenary(args: string[], db: string) {
  const child = spawn(process.execPath, ['bin/plenary.mjs', ...args], { cwd: ROOT, env: { ...process.env, DATABASE_URL: `sqlite:${db}` } });
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const done = new Promise<{ code: number | null; out: string; err: string }>((resolve) => child.on('exit', (code) => resolve({ code, out, err })));
  return { child, done };
}

/**
 * Resolves once another connection has been seen holding the write lock for `sustained` ms in all
 * (tries 20 ms apart that found it busy): a long write, not a migration's check. An import lets go
 * of the lock for a moment between its transactions (storage/write.ts), so the busy tries are
 * counted, not required in a row. Asks for the lock without waiting, and gives it back at once.
 */
async function longWriteUnderWay(file: string, writer: ReturnType<typeof plenary>, sustained = 300): Promise<void> {
  const probe = new Database(file, { timeout: 0 });
  try {
    let busy = 0;
    for (;;) {
      if (writer.child.exitCode !== null) throw new Error(`the first import ended before it was seen writing: ${(await writer.done).err}`);
      try {
        probe.exec('BEGIN IMMEDIATE');
        probe.exec('ROLLBACK');
      } catch (e) {
        if ((e as { code?: string }).code !== 'SQLITE_BUSY') throw e;
        busy += 20;
        if (busy >= sustained) return;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    probe.close();
  }
}

test('an import lets a writer waiting for the lock take it before its next transaction; the writer says it waits in a file beside the database and removes it', async () => {
  const file = join(dir, 'handoff.db');
  const importer = openSqlite(file);
  const editor = openSqlite(file);
  const marker = `${file}-waiting-${process.pid}`;
  // Left by a process that ended while it waited (a minute and more ago): removed, and waited for by no one.
  const stale = `${file}-waiting-999999999`;
  try {
    await migrate(importer);
    await importer.generation.start();
    await editor.generation.start();
    writeFileSync(stale, '');
    utimesSync(stale, new Date(Date.now() - 120_000), new Date(Date.now() - 120_000));
    const order: string[] = [];
    let saving: Promise<void> | undefined;
    await write(
      importer,
      async () => {
        order.push('import 1');
        saving = write(editor, async () => void order.push('save'));
        for (let i = 0; i < 400 && !existsSync(marker); i++) await new Promise((resolve) => setTimeout(resolve, 5));
        assert.ok(existsSync(marker), 'the waiting writer says so');
      },
      { exclusive: true },
    );
    await write(importer, async () => void order.push('import 2'), { exclusive: true });
    await saving;
    assert.deepEqual(order, ['import 1', 'save', 'import 2']);
    assert.equal(existsSync(marker), false, 'removed once the writer has the lock');
    assert.equal(existsSync(stale), false, 'a stale file is removed');
  } finally {
    await importer.close();
    await editor.close();
  }
});

test('a second `plenary import` started while a long one writes waits for it, and both land', { skip: SHARED_SKIP }, async () => {
  const db = join(dir, 'two.db');
  const long = join(dir, 'long.txt');
  // Ten days of 100 panels, each speaker from an organization of their own: 4,001 new organizations.
  // (Set-based, the event's own write is short: the import is made long by its size.)
  writeFileSync(long, longAgendaText(10, 100, true));
  const migrated = plenary(['migrate'], db);
  assert.equal((await migrated.done).code, 0);
  const store = (event: string) => ['--series', 'idm', '--series-title', 'IDM', '--event', event, '--title', event, '--time-zone', 'Europe/Zurich'];
  const first = plenary(['import', long, ...store('long')], db);
  await longWriteUnderWay(db, first);
  const second = plenary(['import', sharedPath('seed/idm-2017-new-york.txt'), ...store('seed')], db);
  const [a, b] = await Promise.all([first.done, second.done]);
  assert.equal(a.err, '');
  assert.equal(a.code, 0);
  assert.equal(
    a.out,
    [
      'series idm: created',
      'event long: created (draft, 2030-03-04 to 2030-03-13)',
      'days: 10',
      'sessions: 1000 created, 0 updated, 0 removed',
      'appearances: 5000 created, 0 updated, 0 removed',
      'persons: 5000 created, 0 matched',
      'organizations: 4001 created, 0 matched',
      'not published: stored in the working copy (publish with: plenary publish --event long)',
      '',
    ].join('\n'),
  );
  assert.equal(b.err, '');
  assert.equal(b.code, 0);
  // It found the series the first one created: it ran after it, not beside it.
  assert.equal(
    b.out,
    [
      'series idm: existing',
      'event seed: created (draft, 2017-04-18 to 2017-04-19)',
      'days: 2',
      'sessions: 10 created, 0 updated, 0 removed',
      'appearances: 37 created, 0 updated, 0 removed',
      'persons: 35 created, 0 matched',
      'organizations: 24 created, 0 matched',
      'not published: stored in the working copy (publish with: plenary publish --event seed)',
      'warning: line 113: line not understood: Event documents and photos',
      '',
    ].join('\n'),
  );
  const sqlite = new Database(db, { readonly: true });
  try {
    assert.deepEqual(sqlite.prepare('SELECT count(*) AS n FROM organization').get(), { n: 4025 });
    assert.deepEqual(sqlite.prepare('SELECT count(*) AS n FROM person').get(), { n: 5035 });
  } finally {
    sqlite.close();
  }
});
