// npm run bench:editor-wait — how long an editor's save waits while another series is being
// imported. A real server on a fresh database (SQLite file, then PostgreSQL when it answers);
// a child process runs `plenary import` of a large agenda (20 days, 500 sessions, 3,000
// appearances) into series B again and again, alternating two versions so that each import
// changes every session; meanwhile an editor of series A saves a session through the form
// every 100 ms. Prints each import's duration, the saves' latencies and the load average before
// and after (the machine is often shared: say it with the figures). Asserts nothing.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importAgenda } from '../src/operations/import-agenda.ts';
import { migrate } from '../src/storage/migrate.ts';
import { openStorage, type Engine } from '../src/storage/storage.ts';
import { startServer } from '../src/web/server.ts';
import { freshDatabase } from '../test/engines.ts';
import { agenda, person, session } from '../test/factories.ts';
import { signedIn } from '../test/http-client.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const IMPORTS = Number(process.env.BENCH_IMPORTS ?? '4');
/** BENCH_PUBLISH=1: each import publishes its event too (--publish: the release and its search documents in the import's write). */
const PUBLISH = process.env.BENCH_PUBLISH === '1';
const DAYS = 20;
const SESSIONS = 25;
const SPEAKERS = 6;

const GIVEN = ['Anna', 'Omar', 'Lucía', 'Kwame', 'Mei', 'Sven', 'Amara', 'Rahul', 'Olga', 'Tomás'];
const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'ti', 'vo', 'de', 'ba', 'go', 'le'];
function surname(k: number): string {
  let s = '';
  for (let n = k + 12 * 12; n > 0; n = Math.floor(n / 12)) s += SYLLABLES[n % 12];
  return s[0]!.toUpperCase() + s.slice(1);
}

/** A large agenda page as text, in the plain layout the importer reads. */
function bigPage(version: number): string {
  const lines = ['Annual Forum on Mobility', ''];
  let k = 0;
  for (let d = 0; d < DAYS; d++) {
    const date = new Date(Date.UTC(2030, 0, 7 + d));
    lines.push(`${date.toLocaleDateString('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })}`, '');
    for (let s = 0; s < SESSIONS; s++) {
      const start = 8 * 60 + s * 30;
      const hm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
      lines.push(`${hm(start)} – ${hm(start + 30)} Panel ${s + 1} – Theme ${d + 1}.${s + 1}${version === 2 ? ' (revised)' : ''}`);
      for (let p = 0; p < SPEAKERS; p++, k++) lines.push(`Ms. ${GIVEN[k % 10]} ${surname(k)}, Director, Ministry of Labour, France`);
      lines.push('');
    }
  }
  return lines.join('\n');
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};

async function run(engine: Engine, dir: string): Promise<void> {
  const fresh = await freshDatabase(engine);
  const storage = await openStorage(fresh.url);
  await migrate(storage);
  await storage.generation.start();
  const server = await startServer(storage, { port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${server.port}`;
  try {
    await importAgenda(storage, agenda([{ date: '2030-03-02', sessions: [session({ title: 'Edited panel', speakers: [person('Ana Lee')] })] }]), {
      series: { slug: 'a', title: 'Series A' },
      event: { slug: 'a-1', title: 'Event A', timeZone: 'Europe/Zurich' },
    });
    const ed = await signedIn(storage, base, { email: 'ed@example.org', role: 'editor', series: ['a'] });
    const target = await storage.db.selectFrom('session').select(['id', 'version']).executeTakeFirstOrThrow();
    let version = target.version;
    let n = 0;
    const save = async () => {
      const t = performance.now();
      const r = await ed.post(`/admin/sessions/${target.id}`, { kind: 'panel', number: '', title: `Edited panel ${++n}`, start_time: '10:00', end_time: '11:00', version: String(version) });
      if (r.status !== 303) throw new Error(`save ${n}: HTTP ${r.status}`);
      version++;
      return performance.now() - t;
    };
    const idle: number[] = [];
    for (let i = 0; i < 10; i++) idle.push(await save());

    const pages = [1, 2].map((v) => {
      const f = join(dir, `big-${engine}-${v}.txt`);
      writeFileSync(f, bigPage(v));
      return f;
    });
    const durations: number[] = [];
    let importing = true;
    const imports = (async () => {
      for (let i = 0; i < IMPORTS; i++) {
        const t = performance.now();
        const child = spawn(process.execPath, ['bin/plenary.mjs', 'import', pages[i % 2]!, '--series', 'b', '--series-title', 'Series B', '--event', 'b-1', '--title', 'Forum B', '--time-zone', 'Europe/Zurich', ...(PUBLISH ? ['--publish'] : [])], {
          cwd: ROOT,
          env: { ...process.env, DATABASE_URL: fresh.url },
          stdio: ['ignore', 'ignore', 'inherit'],
        });
        const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
        if (code !== 0) throw new Error(`import ${i + 1} exited with ${code}`);
        durations.push(performance.now() - t);
      }
      importing = false;
    })();
    const loadBefore = loadavg()[0]!;
    const busy: number[] = [];
    while (importing) {
      busy.push(await save());
      await new Promise((r) => setTimeout(r, 100));
    }
    await imports;
    const ms = (x: number) => `${x.toFixed(0)} ms`;
    console.log(
      `${engine.padEnd(8)} imports ${durations.length} × ${DAYS * SESSIONS} sessions, ${DAYS * SESSIONS * SPEAKERS} appearances${PUBLISH ? ', published' : ''}: ${durations.map(ms).join(', ')} (whole command)\n` +
        `${''.padEnd(8)} saves alone:          ${idle.length}, p50 ${ms(pct(idle, 50))}, max ${ms(Math.max(...idle))}\n` +
        `${''.padEnd(8)} saves during imports: ${busy.length}, p50 ${ms(pct(busy, 50))}, p99 ${ms(pct(busy, 99))}, max ${ms(Math.max(...busy))}\n` +
        `${''.padEnd(8)} load average (1 min) ${loadBefore.toFixed(1)} before the imports, ${loadavg()[0]!.toFixed(1)} after`,
    );
  } finally {
    await server.close();
    await storage.close();
    await fresh.drop();
  }
}

const dir = mkdtempSync(join(tmpdir(), 'plenary-bench-'));
try {
  // BENCH_ENGINES=sqlite (or postgres): one engine only.
  const engines = (process.env.BENCH_ENGINES ?? 'sqlite,postgres').split(',');
  if (engines.includes('sqlite')) await run('sqlite', dir);
  if (engines.includes('postgres')) {
    try {
      await run('postgres', dir);
    } catch (e) {
      console.log(`postgres: not measured (${(e as Error).message})`);
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
