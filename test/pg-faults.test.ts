// Lost PostgreSQL connections: the server keeps serving, and the LISTEN connection is replaced
// exactly once per loss. Connections are cut as a restart, a failover or an operator does it:
// pg_terminate_backend from another connection. Each test uses a database of its own, so that
// what it counts and cuts in pg_stat_activity is only its own.
import assert from 'node:assert/strict';
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import pg from 'pg';
import { migrate } from '../src/storage/migrate.ts';
import { openStorage } from '../src/storage/storage.ts';
import { write } from '../src/storage/write.ts';
import { ENGINES } from './engines.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PG_URL = process.env.PLENARY_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SKIP = ENGINES.includes('postgres') ? false : 'PostgreSQL only: set PLENARY_TEST_ENGINES=postgres (or sqlite,postgres) to run it';

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** A new, empty database: its backends in pg_stat_activity are those of the code under test. */
async function freshPgDatabase(): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = `plenary_fault_${randomBytes(5).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  const u = new URL(PG_URL);
  u.pathname = `/${name}`;
  return { name, url: u.toString(), drop: () => admin((c) => c.query(`DROP DATABASE ${name} WITH (FORCE)`)).then(() => undefined) };
}

type Backend = { pid: number; application_name: string; query: string };

function backends(db: string): Promise<Backend[]> {
  return admin(async (c) => (await c.query<Backend>('SELECT pid, application_name, query FROM pg_stat_activity WHERE datname = $1 ORDER BY pid', [db])).rows);
}

/** The connections that LISTEN for cache generations, found by what they last ran. */
async function listeners(db: string): Promise<Backend[]> {
  return (await backends(db)).filter((b) => /^LISTEN plenary_generation$/.test(b.query));
}

function terminate(pids: number[]): Promise<boolean[]> {
  return admin(async (c) => (await c.query<{ ok: boolean }>('SELECT pg_terminate_backend(pid) AS ok FROM unnest($1::int[]) AS pid', [pids])).rows.map((r) => r.ok));
}

/** Waits for a condition that another process brings about; gives up (and fails) after about 20 s. */
async function until<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 400; i++) {
    const v = await probe();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`gave up waiting for ${what}`);
}

function startServe(url: string): { child: ChildProcessWithoutNullStreams; base: Promise<string>; stderr: () => string } {
  const child = spawn(process.execPath, [`${ROOT}bin/plenary.mjs`, 'serve'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url, PORT: '0', HOST: '127.0.0.1', PLENARY_DEMO: 'on', PLENARY_CACHE_POLL_MS: '200', PLENARY_WORKERS: '1' },
  });
  let out = '';
  let err = '';
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const base = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /serving (http:\/\/\S+) \(postgres\)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code, signal) => reject(new Error(`serve exited (${signal ?? code}) before serving: ${err}`)));
  });
  return { child, base, stderr: () => err };
}

test('the server keeps serving when its database connections are terminated under load', { skip: SKIP, timeout: 120_000 }, async (t) => {
  const fresh = await freshPgDatabase();
  const serve = startServe(fresh.url);
  let exit: string | null = null;
  serve.child.once('exit', (code, signal) => (exit = `${signal ?? code}`));
  try {
    const base = await serve.base;
    // Our connections say who they are.
    const names = new Set((await backends(fresh.name)).map((b) => b.application_name));
    assert.deepEqual([...names].sort(), ['plenary', 'plenary-listen']);

    // Distinct list pages miss the cache, so each of them reads the database: every valid
    // (page, perPage) pair of the people list, the last 20 kept for the check after the cuts.
    const total = ((await (await fetch(`${base}/api/people`)).json()) as { pagination: { total: number } }).pagination.total;
    const pairs: string[] = [];
    for (let perPage = 1; perPage <= 200; perPage++) for (let page = 1; page <= Math.ceil(total / perPage); page++) pairs.push(`page=${page}&perPage=${perPage}`);
    const kept = pairs.splice(-20);
    let n = 0;
    const statuses = new Map<string, number>();
    const failures: string[] = [];
    let stop = false;
    const loop = async () => {
      while (!stop && exit === null) {
        const i = n++;
        try {
          const res = await fetch(`${base}/api/people?${pairs[i % pairs.length]}`);
          await res.arrayBuffer();
          statuses.set(String(res.status), (statuses.get(String(res.status)) ?? 0) + 1);
        } catch (e) {
          failures.push((e as Error).message);
          return;
        }
      }
    };
    const loops = [loop(), loop(), loop(), loop()];
    // Three rounds: each cuts every connection the server holds (pool and listener) while requests run.
    let cut = 0;
    for (let round = 0; round < 3; round++) {
      const before = n;
      await until('requests between cuts', async () => (n >= before + 40 || exit !== null ? true : undefined));
      assert.equal(exit, null, `the server stopped after round ${round}: ${serve.stderr()}`);
      const pids = (await backends(fresh.name)).map((b) => b.pid);
      assert.ok(pids.length >= 2, `round ${round}: the server holds ${pids.length} connections`);
      cut += (await terminate(pids)).filter(Boolean).length;
    }
    const afterCuts = n;
    await until('requests after the last cut', async () => (n >= afterCuts + 40 || exit !== null ? true : undefined));
    stop = true;
    await Promise.all(loops);

    assert.equal(exit, null, `the server stopped: ${serve.stderr()}`);
    assert.deepEqual(failures, []);
    t.diagnostic(`${cut} connections cut in 3 rounds; answers during the load: ${JSON.stringify(Object.fromEntries(statuses))}`);
    assert.ok(cut >= 6, `${cut} connections cut`);
    // Requests that were running on a connection as it was cut may fail (500); none other does.
    assert.deepEqual([...statuses.keys()].filter((s) => s !== '200' && s !== '500'), []);
    // Afterwards every request is answered from fresh connections: 200, and JSON from the database.
    assert.ok(n < pairs.length, `${n} requests, ${pairs.length} distinct pages`);
    for (const pair of kept) {
      const res = await fetch(`${base}/api/people?${pair}`);
      assert.equal(res.status, 200, `${pair} after the cuts`);
      const body = (await res.json()) as { pagination: { total: number } };
      assert.equal(body.pagination.total, total);
    }
    const page = await fetch(`${base}/events/idm-2017-new-york`);
    assert.equal(page.status, 200);
    assert.equal(exit, null);

    const err = serve.stderr();
    assert.doesNotMatch(err, /Unhandled 'error' event/);
    assert.match(err, /^plenary: database connection lost \(terminating connection due to administrator command\); it is dropped and a new one is opened when needed$/m);
    assert.match(err, /^plenary: cache listener lost its connection \(terminating connection due to administrator command\); reconnecting in 250 ms$/m);
  } finally {
    if (exit === null) {
      serve.child.kill('SIGTERM');
      await new Promise((r) => serve.child.once('exit', r));
    }
    await fresh.drop();
  }
});

test('each lost LISTEN connection is replaced by exactly one, and notifications keep arriving', { skip: SKIP, timeout: 120_000 }, async () => {
  const fresh = await freshPgDatabase();
  // The watcher re-reads by poll only once an hour: what it learns in this test came by NOTIFY.
  const watcher = await openStorage(fresh.url, { pollMs: 3_600_000 });
  // The writer never starts watching, so the only listener in the database is the watcher's.
  const writer = await openStorage(fresh.url);
  const logged: string[] = [];
  const consoleError = console.error;
  console.error = (...args: unknown[]) => void logged.push(args.join(' '));
  try {
    await migrate(watcher);
    await watcher.generation.start();
    const first = await listeners(fresh.name);
    assert.equal(first.length, 1);
    assert.equal(first[0]!.application_name, 'plenary-listen');
    let pid = first[0]!.pid;
    for (let loss = 1; loss <= 4; loss++) {
      assert.deepEqual(await terminate([pid]), [true]);
      const replaced = await until(`listener after loss ${loss}`, async () => {
        const now = await listeners(fresh.name);
        return now.length && now.every((b) => b.pid !== pid) ? now : undefined;
      });
      // A write elsewhere reaches the watcher through the new connection.
      await write(writer, async () => undefined);
      const generation = writer.generation.current();
      await until(`notification of generation ${generation} after loss ${loss}`, async () => (watcher.generation.current() === generation ? true : undefined));
      const now = await listeners(fresh.name);
      assert.equal(replaced.length, 1, `listeners right after loss ${loss}`);
      assert.deepEqual(
        now.map((b) => b.pid),
        replaced.map((b) => b.pid),
        `listeners once a notification came through after loss ${loss}`,
      );
      pid = now[0]!.pid;
    }
    assert.equal((await listeners(fresh.name)).length, 1);
    assert.deepEqual(logged, Array(4).fill('plenary: cache listener lost its connection (terminating connection due to administrator command); reconnecting in 250 ms'));
    // Closed, nothing of ours is left connected (no reconnection pending, no old client kept open).
    await writer.close();
    await watcher.close();
    await until('the connections to close', async () => ((await backends(fresh.name)).length === 0 ? true : undefined));
  } finally {
    console.error = consoleError;
    await writer.close().catch(() => undefined);
    await watcher.close().catch(() => undefined);
    await fresh.drop();
  }
});
