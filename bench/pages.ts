// `npm run bench:pages`: how fast Plenary serves the cached event page, against nginx serving
// the very same bytes from a file, on 127.0.0.1, measured with wrk (50 connections).
// Prints figures only; it asserts nothing about timings.
//
// Two layouts of the processes over the machine's cores are measured, each for both servers:
// - "separate": the servers run on every core but the last, wrk (one thread) on the last, as a
//   load generator on its own machine would. The targets are read here.
// - "shared": nothing is pinned and wrk runs two threads, so on a 2-core machine the load
//   generator and the server take turns on the same cores and wrk's own waits count as latency.
//
// Each layout is measured twice: wrk asking for the page as is ("identity", the 44 KB of HTML)
// and with `Accept-Encoding: gzip`, as browsers ask (Plenary's prepared gzip bytes; nginx's
// gzip_static file of the very same bytes).
//
// Three servers answer: Plenary, nginx, and the floor, a bare node:http server that answers
// every request with the same prepared bytes, the least any Node.js server can do. Plenary is
// measured twice: as is, and as "plenary+edit" while an editor (bench/editor.ts, a separate
// process on the same database, pinned with the servers) saves a session of another event once
// per second through write(), as organizers do while the public reads. Runs are interleaved
// (Plenary, Plenary with edits, nginx, floor; the next round starts one server further on) so
// that a slow spell of a shared machine hits all alike and no server always runs after the same
// one, and the medians of the rounds are printed beside every round.
//
//   BENCH_DURATION=10 npm run bench:pages     (seconds per measured run; default 5)
//   BENCH_ROUNDS=5                            (runs per server, layout and encoding; default 3)
//   BENCH_WORKERS=2                           (server processes on each side; default 1)
//   BENCH_LAYOUT=separate|shared|both         (default both; separate needs 2 cores and taskset)
//   BENCH_ENCODING=identity|gzip|both         (default both)
//   BENCH_PAGE=/fr/events/idm-2017-new-york      (the page measured; default the English event page)
//   BENCH_PLENARY_NODE_ARGS="--max-semi-space-size=32"   (Node options for Plenary alone, to compare settings)
//   BENCH_DB=/path/archive.db                 (a copy of this SQLite file is the server's database: a large archive,
//                                              e.g. from `plenary demo-archive --events 1000`; with BENCH_PAGE one of its events)
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchPage, encodings, findProgram, floorHeadersOf, FLOOR_SERVER, freePort, get, HOST, runBench, startChild, stopChild, waitUntilUp } from './kit.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
/** The page measured: BENCH_PAGE (a site path, e.g. /fr/events/idm-2017-new-york), by default the English event page. */
const PAGE = benchPage(process.env.BENCH_PAGE);

const WARMUP_SECONDS = 1;
const CONNECTIONS = 50;

/** Where the servers and wrk run: a CPU list for taskset, or null for anywhere. */
type Layout = { name: 'separate' | 'shared'; serverCpus: string | null; wrkCpus: string | null; threads: number };

function layouts(taskset: string | null): Layout[] {
  const raw = process.env.BENCH_LAYOUT ?? 'both';
  if (!['separate', 'shared', 'both'].includes(raw)) {
    console.error(`bench: BENCH_LAYOUT must be separate, shared or both, not "${raw}"`);
    process.exit(2);
  }
  const cpus = availableParallelism();
  const out: Layout[] = [];
  if (raw !== 'shared') {
    if (cpus < 2 || !taskset) {
      const why = cpus < 2 ? `this machine has ${cpus} core` : 'taskset (util-linux) was not found';
      if (raw === 'separate') {
        console.error(`bench: the separate layout needs two cores and taskset: ${why}`);
        process.exit(2);
      }
      console.log(`bench: skipping the separate layout: ${why}`);
    } else {
      const last = cpus - 1;
      out.push({ name: 'separate', serverCpus: last === 1 ? '0' : `0-${last - 1}`, wrkCpus: String(last), threads: 1 });
    }
  }
  if (raw !== 'separate') out.push({ name: 'shared', serverCpus: null, wrkCpus: null, threads: 2 });
  return out;
}

/** The process and all its descendants (cluster workers, nginx workers), from /proc. */
function processTree(pid: number): number[] {
  const out = [pid];
  let tasks: string[] = [];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return out;
  }
  for (const tid of tasks) {
    let children = '';
    try {
      children = readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8');
    } catch {
      continue;
    }
    for (const c of children.split(/\s+/).filter(Boolean)) out.push(...processTree(Number(c)));
  }
  return out;
}

/** Pins every thread of the process tree to the CPU list (all CPUs when null). */
function pin(taskset: string, pid: number, cpus: string | null): void {
  const list = cpus ?? `0-${availableParallelism() - 1}`;
  for (const p of processTree(pid)) {
    const r = spawnSync(taskset, ['-a', '-p', '-c', list, String(p)], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`taskset could not pin process ${p} to CPUs ${list}: ${r.stderr.trim()}`);
  }
}

/** Server processes on each side: Plenary workers and nginx worker processes alike (BENCH_WORKERS, default 1). */
function workers(): number {
  const raw = process.env.BENCH_WORKERS ?? '1';
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 16) {
    console.error(`bench: BENCH_WORKERS must be a whole number from 1 to 16, not "${raw}"`);
    process.exit(2);
  }
  return n;
}

function wholeNumber(name: string, fallback: number, min: number, max: number, unit = ''): number {
  const raw = process.env[name] ?? String(fallback);
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    console.error(`bench: ${name} must be a whole number${unit} from ${min} to ${max}, not "${raw}"`);
    process.exit(2);
  }
  return n;
}








type WrkResult = { requestsPerSec: number; p50Ms: number; p99Ms: number; errors: string[]; raw: string; requests: number; cpuUsPerRequest: number };

/**
 * The CPU time (user + system, in clock ticks of 10 ms) that a process and its waited-for
 * children have used, from /proc: a figure that a busy neighbour on a shared machine hardly
 * moves, unlike requests per second. NaN where /proc is not there.
 */
function cpuTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) in its brackets.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    let ticks = Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
    // Running children (nginx's workers, Plenary's with PLENARY_WORKERS > 1) count too.
    let children: string[] = [];
    try {
      children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
    } catch {
      // kernels without CONFIG_PROC_CHILDREN: the process alone
    }
    for (const c of children) ticks += cpuTicks(Number(c));
    return ticks;
  } catch {
    return Number.NaN;
  }
}

function toMs(value: string, unit: string): number {
  const n = Number(value);
  switch (unit) {
    case 'us':
      return n / 1000;
    case 'ms':
      return n;
    case 's':
      return n * 1000;
    case 'm':
      return n * 60_000;
    default:
      throw new Error(`wrk: unknown latency unit "${unit}"`);
  }
}

function parseWrk(raw: string): WrkResult {
  const rps = /^Requests\/sec:\s+([\d.]+)/m.exec(raw);
  const p50 = /^\s+50(?:\.0+)?%\s+([\d.]+)(us|ms|s|m)\s*$/m.exec(raw);
  const p99 = /^\s+99(?:\.0+)?%\s+([\d.]+)(us|ms|s|m)\s*$/m.exec(raw);
  if (!rps || !p50 || !p99) throw new Error(`could not read wrk's output:\n${raw}`);
  const count = /^\s*(\d+) requests in/m.exec(raw);
  const errors = raw.split('\n').filter((l) => /Socket errors|Non-2xx or 3xx/.test(l)).map((l) => l.trim());
  return { requestsPerSec: Number(rps[1]), p50Ms: toMs(p50[1]!, p50[2]!), p99Ms: toMs(p99[1]!, p99[2]!), errors, raw, requests: count ? Number(count[1]) : Number.NaN, cpuUsPerRequest: Number.NaN };
}

/** The wrk run in progress, stopped with everything else on a signal. */
const running = new Set<ChildProcess>();

/** Runs wrk to completion (never longer than its duration and a margin). */
function wrk(wrkPath: string, layout: Layout, taskset: string | null, url: string, seconds: number, gzip: boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    const args = [`-t${layout.threads}`, `-c${CONNECTIONS}`, `-d${seconds}s`, '--latency', ...(gzip ? ['-H', 'Accept-Encoding: gzip'] : []), url];
    const child =
      layout.wrkCpus && taskset
        ? spawn(taskset, ['-c', layout.wrkCpus, wrkPath, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
        : spawn(wrkPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    running.add(child);
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
    const kill = setTimeout(() => child.kill('SIGKILL'), (seconds + 30) * 1000);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      clearTimeout(kill);
      running.delete(child);
      if (code === 0) resolve(out);
      else reject(new Error(`wrk failed (${code ?? signal}):\n${out}${err}`));
    });
  });
}

/** One measured run: wrk against a server pinned as the layout says. */
async function measureOnce(wrkPath: string, taskset: string | null, layout: Layout, pid: number, url: string, seconds: number, gzip: boolean): Promise<WrkResult> {
  if (taskset) pin(taskset, pid, layout.serverCpus);
  const before = cpuTicks(pid);
  const result = parseWrk(await wrk(wrkPath, layout, taskset, url, seconds, gzip));
  // Ticks are 10 ms (USER_HZ 100 on Linux): over a run of seconds and tens of thousands of requests, fine enough.
  result.cpuUsPerRequest = ((cpuTicks(pid) - before) * 10_000) / result.requests;
  return result;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}


/** The headers Plenary sends that nginx should send too, so both answers weigh the same. */
const COPIED_HEADERS = ['cache-control', 'content-security-policy', 'x-content-type-options', 'referrer-policy', 'vary'];

function nginxConfig(dir: string, port: number, headers: Record<string, string | string[] | undefined>): string {
  const q = (s: string) => `"${s.replace(/["\\]/g, '\\$&')}"`;
  const add = COPIED_HEADERS.filter((h) => typeof headers[h] === 'string').map((h) => `      add_header ${h} ${q(headers[h] as string)};`);
  return `daemon off;
master_process on;
worker_processes ${workers()};
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'nginx-error.log')} warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  tcp_nodelay on;
  keepalive_requests 100000;
  keepalive_timeout 65s;
  server_tokens off;
  client_body_temp_path ${join(dir, 'client_body')};
  proxy_temp_path ${join(dir, 'proxy')};
  fastcgi_temp_path ${join(dir, 'fastcgi')};
  uwsgi_temp_path ${join(dir, 'uwsgi')};
  scgi_temp_path ${join(dir, 'scgi')};
  types { }
  server {
    listen ${HOST}:${port};
    root ${join(dir, 'www')};
    location / {
      default_type text/html;
      charset utf-8;
      etag on;
      gzip_static on;
${add.join('\n')}
    }
  }
}
`;
}

function fmt(n: number, digits: number): string {
  return n.toFixed(digits);
}

async function main(): Promise<number> {
  const seconds = wholeNumber('BENCH_DURATION', 5, 1, 600, ' of seconds');
  const rounds = wholeNumber('BENCH_ROUNDS', 3, 1, 50);
  const wrkPath = findProgram('wrk');
  const taskset = findProgram('taskset');
  const plan = layouts(taskset);
  const nginxPath = findProgram('nginx');
  if (!wrkPath || !nginxPath) {
    console.error(`bench: ${[!wrkPath && 'wrk', !nginxPath && 'nginx'].filter(Boolean).join(' and ')} not found; install with: apt-get install -y wrk nginx`);
    return 1;
  }

  const dir = mkdtempSync(join(tmpdir(), 'plenary-bench-'));
  // nginx's worker may run as another user when started by root: it must be able to read the page.
  chmodSync(dir, 0o755);
  let plenary: ReturnType<typeof startChild> | undefined;
  let nginx: ReturnType<typeof startChild> | undefined;
  let floor: ReturnType<typeof startChild> | undefined;
  let editor: ReturnType<typeof startChild> | undefined;
  const cleanup = async () => {
    await Promise.all([
      ...[...running].map((c) => stopChild(c)),
      stopChild(plenary?.child),
      stopChild(nginx?.child, 'SIGQUIT'),
      stopChild(floor?.child),
      stopChild(editor?.child),
    ]);
    rmSync(dir, { recursive: true, force: true });
  };
  const onSignal = (signal: NodeJS.Signals) => {
    void cleanup().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    // With BENCH_DB the server starts on a copy of that archive (the original is never written).
    if (process.env.BENCH_DB) {
      if (!existsSync(process.env.BENCH_DB)) throw new Error(`BENCH_DB: no such file ${process.env.BENCH_DB}`);
      copyFileSync(process.env.BENCH_DB, join(dir, 'bench.db'));
      console.log(`bench: the server's database is a copy of ${process.env.BENCH_DB} (${Math.round(statSync(process.env.BENCH_DB).size / 1048576)} MB)`);
    }
    // Plenary in a child process: its event loop is its own, as in production.
    const plenaryPort = await freePort();
    plenary = startChild(
      process.execPath,
      [...(process.env.BENCH_PLENARY_NODE_ARGS ?? '').split(' ').filter(Boolean), join(ROOT, 'bin/plenary.mjs'), 'serve'],
      { ...process.env, DATABASE_URL: `sqlite:${join(dir, 'bench.db')}`, PORT: String(plenaryPort), HOST, PLENARY_DEMO: 'on', PLENARY_WORKERS: String(workers()), NODE_ENV: 'production' },
      ROOT,
    );
    const plenaryBase = `http://${HOST}:${plenaryPort}`;
    await waitUntilUp(`${plenaryBase}/healthz`, plenary.child, 'plenary', plenary.log);
    // The editor: it adds an event of its own, then saves one of its sessions when told to.
    editor = startChild(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/editor.ts')], { ...process.env, DATABASE_URL: `sqlite:${join(dir, 'bench.db')}` }, ROOT);
    for (let i = 0; !editor.log().includes('editor: ready'); i++) {
      if (editor.child.exitCode !== null || i > 600) throw new Error(`the editor did not start:\n${editor.log()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const editorPid = editor.child.pid!;
    const page = await get(plenaryBase + PAGE);
    if (page.status !== 200) throw new Error(`plenary answered ${page.status} for ${PAGE}`);
    if (page.headers['content-encoding']) throw new Error(`plenary encoded the page (${page.headers['content-encoding']}) for a request without accept-encoding`);

    // nginx serving the same bytes from a file under the same path.
    const www = join(dir, 'www', dirname(PAGE));
    mkdirSync(www, { recursive: true, mode: 0o755 });
    chmodSync(join(dir, 'www'), 0o755);
    writeFileSync(join(dir, 'www', PAGE), page.body, { mode: 0o644 });
    const nginxPort = await freePort();
    const conf = join(dir, 'nginx.conf');
    writeFileSync(conf, nginxConfig(dir, nginxPort, page.headers));
    const test = spawnSync(nginxPath, ['-t', '-q', '-p', dir, '-e', join(dir, 'nginx-error.log'), '-c', conf], { encoding: 'utf8' });
    if (test.status !== 0) throw new Error(`nginx rejected its configuration:\n${test.stderr}`);
    nginx = startChild(nginxPath, ['-p', dir, '-e', join(dir, 'nginx-error.log'), '-c', conf], process.env, dir);
    const nginxBase = `http://${HOST}:${nginxPort}`;
    await waitUntilUp(nginxBase + PAGE, nginx.child, 'nginx', nginx.log);
    const same = await get(nginxBase + PAGE);
    if (!same.body.equals(page.body)) throw new Error('nginx does not serve the same bytes as plenary');
    if (same.headers['content-type'] !== page.headers['content-type']) {
      throw new Error(`content-type differs: plenary "${page.headers['content-type']}", nginx "${same.headers['content-type']}"`);
    }
    const gzipped = await get(plenaryBase + PAGE, 5000, { 'accept-encoding': 'gzip' });
    if (gzipped.headers['content-encoding'] !== 'gzip') throw new Error('plenary did not send gzip to a client that asked for it');
    writeFileSync(join(dir, 'www', PAGE + '.gz'), gzipped.body, { mode: 0o644 });
    const sameGzip = await get(nginxBase + PAGE, 5000, { 'accept-encoding': 'gzip' });
    if (sameGzip.headers['content-encoding'] !== 'gzip' || !sameGzip.body.equals(gzipped.body)) throw new Error('nginx does not serve the same gzip bytes as plenary (is gzip_static built in?)');

    // The floor: a bare node:http server with the same bytes and headers.
    writeFileSync(join(dir, 'floor.html'), page.body);
    writeFileSync(join(dir, 'floor.html.gz'), gzipped.body);
    const floorHeaders = floorHeadersOf(page.headers);
    const floorPort = await freePort();
    floor = startChild(process.execPath, ['--input-type=module', '-e', FLOOR_SERVER], {
      ...process.env,
      FLOOR_BODY: join(dir, 'floor.html'),
      FLOOR_GZIP: join(dir, 'floor.html.gz'),
      FLOOR_HEADERS: JSON.stringify(floorHeaders),
      FLOOR_PORT: String(floorPort),
      FLOOR_HOST: HOST,
      FLOOR_WORKERS: String(workers()),
    }, dir);
    const floorBase = `http://${HOST}:${floorPort}`;
    await waitUntilUp(floorBase + PAGE, floor.child, 'floor', floor.log);

    console.log(`bench: ${PAGE}: ${page.body.length} bytes, ${gzipped.body.length} gzipped, ${page.headers['content-type']}; ${workers()} server process(es) on each side`);

    const servers = [
      { name: 'plenary', pid: plenary.child.pid!, url: plenaryBase + PAGE, edits: false },
      { name: 'plenary+edit', pid: plenary.child.pid!, url: plenaryBase + PAGE, edits: true },
      { name: 'nginx', pid: nginx.child.pid!, url: nginxBase + PAGE, edits: false },
      { name: 'floor', pid: floor.child.pid!, url: floorBase + PAGE, edits: false },
    ];
    const editorLines = () => editor!.log().split('\n').filter((l) => l.startsWith('editor: ') && l.includes('saves')).length;
    /** A run of `x`, with the editor saving once per second throughout when x.edits. */
    const measure = async (layout: Layout, x: (typeof servers)[number], secs: number, gz: boolean): Promise<WrkResult> => {
      if (!x.edits) return measureOnce(wrkPath, taskset, layout, x.pid, x.url, secs, gz);
      if (taskset) pin(taskset, editorPid, layout.serverCpus);
      const reports = editorLines();
      editor!.child.kill('SIGUSR1');
      try {
        return await measureOnce(wrkPath, taskset, layout, x.pid, x.url, secs, gz);
      } finally {
        editor!.child.kill('SIGUSR2');
        for (let i = 0; editorLines() === reports && i < 100; i++) await new Promise((r) => setTimeout(r, 20));
        const last = editor!.log().split('\n').filter((l) => l.startsWith('editor: ') && l.includes('saves')).at(-1);
        if (secs > WARMUP_SECONDS) console.log(`bench: ${layout.name}, ${gz ? 'gzip' : 'identity'}: ${last ?? 'the editor did not report'}`);
      }
    };
    const rows = [['layout', 'encoding', 'server', 'req/s', 'p50 ms', 'p99 ms', 'ratio', '/floor', 'paired', 'p99/fl', 'µs/req', 'cpu/fl', 'rounds: req/s p99 ms cpu']];
    for (const layout of plan) {
      for (const encoding of encodings()) {
        const gz = encoding === 'gzip';
        const where = layout.serverCpus ? `servers on CPU ${layout.serverCpus}, wrk (${layout.threads} thread) on CPU ${layout.wrkCpus}` : `nothing pinned, wrk with ${layout.threads} threads`;
        console.log(`bench: ${layout.name}, ${encoding}: ${where}, ${CONNECTIONS} connections, ${rounds} round(s) of ${seconds} s per server`);
        const results = new Map<string, WrkResult[]>(servers.map((x) => [x.name, []]));
        for (const x of servers) await measure(layout, x, WARMUP_SECONDS, gz);
        for (let r = 0; r < rounds; r++) {
          // Each round starts one server further on, so that no server always follows the same one.
          for (const x of [...servers.slice(r % servers.length), ...servers.slice(0, r % servers.length)]) {
            const res = await measure(layout, x, seconds, gz);
            for (const e of res.errors) console.log(`bench: ${layout.name}, ${encoding}: ${x.name}: ${e}`);
            results.get(x.name)!.push(res);
          }
        }
        const nginxRps = median(results.get('nginx')!.map((r) => r.requestsPerSec));
        const floorRps = median(results.get('floor')!.map((r) => r.requestsPerSec));
        const floorP99 = median(results.get('floor')!.map((r) => r.p99Ms));
        const floorCpu = median(results.get('floor')!.map((r) => r.cpuUsPerRequest));
        const floorRounds = results.get('floor')!;
        for (const x of servers) {
          const rs = results.get(x.name)!;
          const rps = median(rs.map((r) => r.requestsPerSec));
          // Each round measures every server within seconds of the others, so a round's ratio to the
          // floor's run of the same round cancels the machine's drift between rounds.
          const paired = median(rs.map((r, i) => r.requestsPerSec / floorRounds[i]!.requestsPerSec));
          rows.push([
            layout.name,
            encoding,
            x.name,
            fmt(rps, 0),
            fmt(median(rs.map((r) => r.p50Ms)), 2),
            fmt(median(rs.map((r) => r.p99Ms)), 2),
            fmt(rps / nginxRps, 2),
            fmt(rps / floorRps, 2),
            fmt(paired, 2),
            fmt(median(rs.map((r) => r.p99Ms)) / floorP99, 2),
            fmt(median(rs.map((r) => r.cpuUsPerRequest)), 1),
            fmt(median(rs.map((r) => r.cpuUsPerRequest)) / floorCpu, 2),
            rs.map((r) => `${fmt(r.requestsPerSec, 0)} ${fmt(r.p99Ms, 2)} ${fmt(r.cpuUsPerRequest, 1)}µs`).join(' | '),
          ]);
        }
      }
    }
    console.log('');
    const widths = [9, 8, 12, 8, 7, 7, 6, 6, 6, 6, 7, 6];
    for (const r of rows) console.log([...widths.map((w, i) => (i < 3 ? r[i]!.padEnd(w) : r[i]!.padStart(w))), r[12]].join(' '));
    console.log('Medians of the rounds; ratio = req/s / nginx req/s, /floor = req/s / floor req/s, p99/fl = p99 / floor p99, in the same layout and encoding.');
    console.log('paired = the median over rounds of req/s / the floor\'s req/s in the same round (every server runs once per round, seconds apart): the drift of a shared machine between rounds cancels.');
    console.log('µs/req = the server process\'s own CPU time (user + system, from /proc) per request answered, cpu/fl = that against the floor\'s: on a machine shared with others, the steadier comparison.');
    console.log('Targets: plenary/nginx ratio ≥ 0.5 and plenary p99 ≤ 5 ms; plenary+edit ≥ 0.9× the floor\'s req/s with p99 ≤ 1.5× the floor\'s.');
    // The edits did land: the other event's page shows the editor's latest save.
    const other = await get(`${plenaryBase}/events/bench-other-event`);
    const lastTitle = /Edited panel (\d+)/.exec(other.body.toString('utf8'))?.[0];
    console.log(`bench: the edited event's page (${other.status}) shows "${lastTitle ?? 'no edit'}"`);
    return 0;
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    await cleanup();
  }
}

runBench(main);
