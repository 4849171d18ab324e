// `npm run bench:cold`: how long every kind of public page takes to render when it is not in the
// cache, with a synthetic archive of N events loaded (`plenary demo-archive`), on SQLite (and on
// PostgreSQL with PLENARY_BENCH_PG=1). Prints min/p50/p95/max per kind against the 50 ms target,
// and the server's CPU time per request (from /proc, in clock ticks: the mean over the requests);
// asserts nothing about timings.
//
// A server runs as `plenary serve` in its own process; this process asks it for each page through
// HTTP (one keep-alive connection, one request at a time, gzip accepted as browsers ask). Before
// every request it empties the server's cache the way a real write does: a write() through the
// same database that declares nothing, so "anything may have changed" and every page is dropped
// (on PostgreSQL 50 ms are left for the notification to arrive). So each figure is a first request after a write: queries, rendering, gzip.
//
//   BENCH_EVENTS=1000          events in the archive (default 1000)
//   BENCH_SEED=1               its seed
//   BENCH_REPEAT=15            cold requests per page (default 15)
//   BENCH_DB=/path/x.db        reuse an SQLite archive made before (else a fresh one in a temp dir)
//   PLENARY_BENCH_PG=1         PostgreSQL too (PLENARY_BENCH_PG_URL, default postgres://postgres@127.0.0.1:5432/test; a fresh schema)
//   BENCH_PG_KEEP=1            keep that schema and print its address; BENCH_PG_ARCHIVE_URL=… measures it again
//   BENCH_SQLITE=0             PostgreSQL alone (with PLENARY_BENCH_PG=1)
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import pg from 'pg';
import { openStorage, type Storage } from '../src/storage/storage.ts';
import { write } from '../src/storage/write.ts';
import { published } from '../src/storage/published.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const TARGET_MS = 50;
const EVENTS = Number(process.env.BENCH_EVENTS ?? 1000);
const SEED = Number(process.env.BENCH_SEED ?? 1);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 15);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

function makeArchive(url: string): void {
  console.log(`bench: making an archive of ${EVENTS} events (seed ${SEED}) at ${url.replace(/options=.*/, '…')}`);
  const started = performance.now();
  const r = spawnSync(process.execPath, ['bin/plenary.mjs', 'demo-archive', '--events', String(EVENTS), '--seed', String(SEED)], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url },
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`demo-archive failed (${r.status})`);
  process.stdout.write(r.stdout.split('\n').map((l) => (l ? `bench: ${l}\n` : '')).join(''));
  console.log(`bench: archive made in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

async function startServer(url: string): Promise<{ child: ChildProcess; base: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['bin/plenary.mjs', 'serve'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url, PORT: String(port), HOST: '127.0.0.1', PLENARY_DEMO: 'off', PLENARY_CACHE_POLL_MS: '1000' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  let exited: number | null = null;
  child.once('exit', (code) => (exited = code ?? -1));
  for (let i = 0; i < 600 && exited === null; i++) {
    try {
      const r = await fetch(`${base}/healthz`);
      if (r.ok) return { child, base };
    } catch {
      // not yet listening
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error(exited === null ? 'the server did not start' : `the server exited (${exited})`);
}

const agent = new Agent({ keepAlive: true, maxSockets: 1 });

/** One GET; the time from sending to the last byte, the status and the body's size. */
function get(base: string, path: string): Promise<{ ms: number; status: number; bytes: number; body: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request(`${base}${path}`, { agent, headers: { 'accept-encoding': 'gzip' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve({ ms: performance.now() - started, status: res.statusCode ?? 0, bytes: body.length, body: (res.headers['content-encoding'] === 'gzip' ? gunzipSync(body) : body).toString('utf8') });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

type Kind = { name: string; path: string };

/** The pages to measure: the largest of each kind, and the first and last page of every list. */
async function pagesOf(storage: Storage, base: string): Promise<Kind[]> {
  const db = published(storage.db);
  const count = (q: { n: unknown } | undefined) => Number(q?.n ?? 0);
  const topPerson = await db
    .selectFrom('appearance as a')
    .innerJoin('person as p', 'p.id', 'a.person_id')
    .select(['p.slug', (eb) => eb.fn.countAll().as('n')])
    .groupBy(['p.id', 'p.slug'])
    .orderBy('n', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  const topOrg = await db
    .selectFrom('appearance as a')
    .innerJoin('organization as o', 'o.id', 'a.organization_id')
    .select(['o.slug', (eb) => eb.fn.countAll().as('n')])
    .groupBy(['o.id', 'o.slug'])
    .orderBy('n', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  const topCountry = await db
    .selectFrom('appearance as a')
    .where('a.country_code', 'is not', null)
    .select(['a.country_code', (eb) => eb.fn.countAll().as('n')])
    .groupBy('a.country_code')
    .orderBy('n', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  const topSeries = await db
    .selectFrom('event as e')
    .innerJoin('series as s', 's.id', 'e.series_id')
    .select(['s.slug', (eb) => eb.fn.countAll().as('n')])
    .groupBy(['s.id', 's.slug'])
    .orderBy('n', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  // The event with the most appearances, and one from the middle of the archive.
  const bigEvent = await db
    .selectFrom('appearance as a')
    .innerJoin('session as s', 's.id', 'a.session_id')
    .innerJoin('event as e', 'e.id', 's.event_id')
    .select(['e.slug', (eb) => eb.fn.countAll().as('n')])
    .groupBy(['e.id', 'e.slug'])
    .orderBy('n', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  const events = await db.selectFrom('event').select('slug').orderBy('id').execute();
  const midEvent = events[Math.floor(events.length / 2)]!.slug;
  const lastPage = async (path: string) => {
    const r = await get(base, path);
    const m = /Page \d+ of (\d+)/.exec(r.body);
    return m ? Number(m[1]) : 1;
  };
  const withLast = async (name: string, path: string): Promise<Kind[]> => {
    const n = await lastPage(path);
    return n > 1 ? [{ name, path }, { name: `${name}, last page (${n})`, path: `${path}?page=${n}` }] : [{ name, path }];
  };
  const cc = topCountry.country_code!.toLowerCase();
  console.log(
    `bench: largest: person ${topPerson.slug} (${count(topPerson)} appearances), organization ${topOrg.slug} (${count(topOrg)}), country ${cc} (${count(topCountry)}), series ${topSeries.slug} (${count(topSeries)} events), event ${bigEvent.slug} (${count(bigEvent)} appearances)`,
  );
  return [
    { name: 'home', path: '/' },
    { name: 'event (largest)', path: `/events/${bigEvent.slug}` },
    { name: 'event (middle)', path: `/events/${midEvent}` },
    { name: 'event calendar (.ics)', path: `/events/${bigEvent.slug}/calendar.ics` },
    { name: 'event schedule.xml', path: `/events/${bigEvent.slug}/schedule.xml` },
    { name: 'event schedule.json', path: `/events/${bigEvent.slug}/schedule.json` },
    { name: 'event changelog', path: `/events/${bigEvent.slug}/changes` },
    ...(await withLast('person (most appearances)', `/people/${topPerson.slug}`)),
    { name: 'person calendar (.ics)', path: `/people/${topPerson.slug}/calendar.ics` },
    ...(await withLast('organization (largest)', `/organizations/${topOrg.slug}`)),
    ...(await withLast('country (largest)', `/countries/${cc}`)),
    ...(await withLast('series (largest)', `/series/${topSeries.slug}`)),
    ...(await withLast('list /people', '/people')),
    ...(await withLast('list /organizations', '/organizations')),
    ...(await withLast('list /events', '/events')),
    ...(await withLast('list /countries', '/countries')),
    { name: 'list /series', path: '/series' },
  ];
}

/**
 * The server process's CPU time so far (user + system, ms) from /proc: contention stretches wall
 * times, hardly CPU times, so the CPU per request is the steadier figure on a shared machine.
 * null where /proc is missing.
 */
function cpuMs(pid: number | undefined): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of the line (11 and 12 after the command's name), in clock ticks
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS;
  } catch {
    return null;
  }
}
const TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;

async function measure(engine: string, url: string): Promise<boolean> {
  const storage = await openStorage(url, { pollMs: 1000 });
  await storage.generation.start();
  const { child, base } = await startServer(url);
  let allUnder = true;
  try {
    const kinds = await pagesOf(storage, base);
    // The server reads the new generation within 5 ms on SQLite (10 are waited); on PostgreSQL when
    // the notification arrives (on this machine within a few ms; 50 ms are waited).
    const emptyCache = async () => {
      await write(storage, async () => undefined);
      // SQLite: the server reads the generation at most once every 5 ms (GENERATION_READ_MS); after
      // 2 ms some requests were still answered from the cache and counted as cold.
      await new Promise((r) => setTimeout(r, engine === 'postgres' ? 50 : 10));
    };
    // Warm-up: every page once (the JIT, SQLite's page cache), not counted.
    for (const k of kinds) {
      await emptyCache();
      const r = await get(base, k.path);
      if (r.status !== 200) throw new Error(`${k.path} answered ${r.status}`);
    }
    console.log(`\nbench: ${engine}, ${EVENTS} events: cold render (cache emptied before each request), ${REPEAT} requests per page, target ${TARGET_MS} ms`);
    console.log(`${'page'.padEnd(42)} ${'min'.padStart(7)} ${'p50'.padStart(7)} ${'p95'.padStart(7)} ${'max'.padStart(7)} ${'cpu'.padStart(6)}  ${'KB gz'.padStart(6)}`);
    for (const k of kinds) {
      const times: number[] = [];
      let bytes = 0;
      let cpu = 0;
      for (let i = 0; i < REPEAT; i++) {
        await emptyCache();
        const before = cpuMs(child.pid);
        const r = await get(base, k.path);
        const after = cpuMs(child.pid);
        if (before !== null && after !== null) cpu += after - before;
        if (r.status !== 200) throw new Error(`${k.path} answered ${r.status}`);
        times.push(r.ms);
        bytes = r.bytes;
      }
      // And one warm request: served from the cache.
      const warm = await get(base, k.path);
      times.sort((a, b) => a - b);
      const p95 = pct(times, 95);
      const over = p95 > TARGET_MS;
      if (over) allUnder = false;
      console.log(
        `${k.name.padEnd(42)} ${times[0]!.toFixed(1).padStart(7)} ${pct(times, 50).toFixed(1).padStart(7)} ${p95.toFixed(1).padStart(7)} ${times[times.length - 1]!.toFixed(1).padStart(7)} ${(cpu / REPEAT).toFixed(1).padStart(6)}  ${(bytes / 1024).toFixed(1).padStart(6)}  ${over ? 'OVER' : 'ok'}  (cached: ${warm.ms.toFixed(2)} ms)`,
      );
    }
  } finally {
    child.kill();
    await storage.close();
  }
  return allUnder;
}

async function main(): Promise<void> {
  console.log('bench: figures are noisy on a shared machine (other processes take the same cores): min is the least disturbed, p95 is judged against the target.');
  const tmp = mkdtempSync(join(tmpdir(), 'plenary-cold-'));
  let ok = true;
  try {
    if (process.env.BENCH_SQLITE !== '0') {
      const file = process.env.BENCH_DB ?? join(tmp, 'archive.db');
      if (!process.env.BENCH_DB || !existsSync(file)) makeArchive(`sqlite:${file}`);
      ok = (await measure('sqlite', `sqlite:${file}`)) && ok;
    }
    if (process.env.PLENARY_BENCH_PG === '1' && process.env.BENCH_PG_ARCHIVE_URL) {
      // An archive made before (BENCH_PG_KEEP=1 printed its address): measured as it is.
      ok = (await measure('postgres', process.env.BENCH_PG_ARCHIVE_URL)) && ok;
    } else if (process.env.PLENARY_BENCH_PG === '1') {
      const pgUrl = process.env.PLENARY_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
      const schema = `bench_${randomBytes(5).toString('hex')}`;
      const admin = new pg.Client({ connectionString: pgUrl });
      await admin.connect();
      await admin.query(`CREATE SCHEMA ${schema}`);
      const url = `${pgUrl}${pgUrl.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
      try {
        makeArchive(url);
        ok = (await measure('postgres', url)) && ok;
      } finally {
        if (process.env.BENCH_PG_KEEP === '1') console.log(`bench: kept the PostgreSQL archive: BENCH_PG_ARCHIVE_URL='${url}' (DROP SCHEMA ${schema} CASCADE when done)`);
        else await admin.query(`DROP SCHEMA ${schema} CASCADE`);
        await admin.end();
      }
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    agent.destroy();
  }
  console.log(ok ? `\nbench: every page's p95 is under ${TARGET_MS} ms` : `\nbench: some pages' p95 is over ${TARGET_MS} ms (marked OVER)`);
}

await main();
