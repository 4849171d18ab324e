// `npm run bench:instructions`: what Plenary's cached event page costs per request in machine
// instructions, against the floor (a bare node:http server answering with the same prepared
// bytes and headers), counted by valgrind's callgrind.
//
// bench:pages measures requests per second, which a machine shared with other work moves by
// ±30% from one run to the next. Instructions do not move with the neighbours: the same server,
// page and request count give the same figure within about a percent, so this bench says what
// Plenary's own code adds on the hot path even on a busy machine. It counts user-space
// instructions only: the kernel's share (the socket writes) is the same for both servers, since
// both write the same bytes, and is left out here.
//
// Each server runs under callgrind (about 50 times slower than natively; Plenary's start takes
// minutes), is warmed with BENCH_WARMUP requests, and then the counters are zeroed, BENCH_REQUESTS
// requests are made over 10 keep-alive connections by this process, and the counters are dumped.
// "main" is the thread that answers requests; "all" adds V8's compiler and garbage-collector
// threads.
//
//   BENCH_REQUESTS=5000 BENCH_WARMUP=2000 npm run bench:instructions
//   BENCH_ENCODING=identity|gzip|both         (default both)
//   BENCH_PAGE=/fr/events/idm-2017-new-york   (default the English event page)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchPage, encodings, findProgram, floorHeadersOf, FLOOR_SERVER, freePort, get, HOST, runBench, startChild, stopChild, waitUntilUp } from './kit.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const PAGE = benchPage(process.env.BENCH_PAGE);
/** Fewer than bench:pages' 50: under callgrind a server is so slow that 50 waiting connections outlast its timers. */
const CONNECTIONS = 10;

function count(name: string, fallback: number): number {
  const raw = process.env[name] ?? String(fallback);
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 100 || n > 1_000_000) {
    console.error(`bench: ${name} must be a whole number from 100 to 1000000, not "${raw}"`);
    process.exit(2);
  }
  return n;
}

/**
 * Makes `n` requests over CONNECTIONS keep-alive connections; fails on any answer but 200 with
 * the expected encoding. A request on a reused connection that the server had closed meanwhile
 * (ECONNRESET before an answer) is made again, and counted.
 */
async function load(url: string, n: number, gzip: boolean): Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  let started = 0;
  let done = 0;
  let retried = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      const one = (again = false) => {
        if (!again && started >= n) return;
        if (!again) started++;
        const req = request(url, { agent, headers: gzip ? { 'accept-encoding': 'gzip' } : {} }, (res) => {
          const encoding = res.headers['content-encoding'] ?? 'identity';
          if (res.statusCode !== 200 || encoding !== (gzip ? 'gzip' : 'identity')) {
            reject(new Error(`${url} answered ${res.statusCode} with ${encoding}, expected 200 with ${gzip ? 'gzip' : 'identity'}`));
            return;
          }
          res.resume();
          res.on('end', () => {
            if (++done === n) resolve();
            else one();
          });
        });
        req.on('error', (e: NodeJS.ErrnoException) => {
          if (e.code === 'ECONNRESET' && req.reusedSocket) {
            retried++;
            one(true);
          } else reject(new Error(`${url}: ${e.message} (request ${started} of ${n}, ${done} answered)`));
        });
        req.end();
      };
      for (let i = 0; i < CONNECTIONS; i++) one();
    });
  } finally {
    agent.destroy();
  }
  return retried;
}

/**
 * The instructions of one callgrind dump: the main thread's and all threads'. callgrind_control
 * returns once the command is taken; valgrind writes the files when it next looks, which on a busy
 * machine may be seconds later, so the files are waited for until their list stays the same and each
 * has its summary line (written last).
 */
async function readDump(dir: string, prefix: string): Promise<{ main: number; all: number }> {
  let main = 0;
  let all = 0;
  const list = () => readdirSync(dir).filter((f) => f.startsWith(prefix)).sort();
  let files = list();
  for (let waited = 0; ; waited += 500) {
    await new Promise((r) => setTimeout(r, 500));
    const now = list();
    const complete = now.every((f) => /^summary:\s+\d+/m.test(readFileSync(join(dir, f), 'utf8')));
    if (now.length > 0 && now.join() === files.join() && complete) break;
    files = now;
    if (waited > 300_000) throw new Error(`callgrind wrote no dump named ${prefix}* in ${dir} within 5 minutes`);
  }
  for (const f of files) {
    const m = /^summary:\s+(\d+)/m.exec(readFileSync(join(dir, f), 'utf8'));
    if (!m) throw new Error(`no summary line in callgrind's ${f}`);
    const n = Number(m[1]);
    all += n;
    if (f.endsWith('-01')) main = n;
  }
  return { main, all };
}

function control(callgrindControl: string, what: '-z' | '-d', pid: number): void {
  const r = spawnSync(callgrindControl, [what, String(pid)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`callgrind_control ${what} ${pid} failed: ${r.stderr.trim() || r.stdout.trim()}`);
}

async function main(): Promise<number> {
  const valgrind = findProgram('valgrind');
  const callgrindControl = findProgram('callgrind_control');
  if (!valgrind || !callgrindControl) {
    console.error('bench: valgrind (with callgrind_control) not found; install with: apt-get install -y valgrind');
    return 1;
  }
  const requests = count('BENCH_REQUESTS', 5000);
  const warmup = count('BENCH_WARMUP', 2000);
  const dir = mkdtempSync(join(tmpdir(), 'plenary-instructions-'));
  const children: Array<ReturnType<typeof startChild>> = [];
  /** the server being counted, whose output is shown when the bench fails */
  let current: ReturnType<typeof startChild> | undefined;
  const cleanup = async () => {
    await Promise.all(children.map((c) => stopChild(c.child)));
    rmSync(dir, { recursive: true, force: true });
  };
  const onSignal = () => void cleanup().finally(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    // The database with the demo event, and the page's bytes and headers, from a native run.
    const db = `sqlite:${join(dir, 'bench.db')}`;
    const env = { ...process.env, DATABASE_URL: db, HOST, NODE_ENV: 'production' };
    let port = await freePort();
    const native = startChild(process.execPath, [join(ROOT, 'bin/plenary.mjs'), 'serve'], { ...env, PORT: String(port), PLENARY_DEMO: 'on' }, ROOT);
    children.push(native);
    await waitUntilUp(`http://${HOST}:${port}/healthz`, native.child, 'plenary', native.log);
    const page = await get(`http://${HOST}:${port}${PAGE}`);
    if (page.status !== 200) throw new Error(`plenary answered ${page.status} for ${PAGE}`);
    const gzipped = await get(`http://${HOST}:${port}${PAGE}`, 5000, { 'accept-encoding': 'gzip' });
    await stopChild(native.child);
    writeFileSync(join(dir, 'floor.html'), page.body);
    writeFileSync(join(dir, 'floor.html.gz'), gzipped.body);
    const floorHeaders = floorHeadersOf(page.headers);
    console.log(`bench: ${PAGE}: ${page.body.length} bytes, ${gzipped.body.length} gzipped; ${warmup} requests to warm up, ${requests} counted, ${CONNECTIONS} connections`);

    const servers = [
      { name: 'floor', args: ['--input-type=module', '-e', FLOOR_SERVER], cwd: dir, env: { FLOOR_BODY: join(dir, 'floor.html'), FLOOR_GZIP: join(dir, 'floor.html.gz'), FLOOR_HEADERS: JSON.stringify(floorHeaders), FLOOR_HOST: HOST, FLOOR_WORKERS: '1' } },
      { name: 'plenary', args: [join(ROOT, 'bin/plenary.mjs'), 'serve'], cwd: ROOT, env: { ...env, PLENARY_DEMO: 'off' } },
    ];
    const results = new Map<string, { main: number; all: number }>();
    for (const s of servers) {
      port = await freePort();
      const out = join(dir, `cg.${s.name}`);
      const started = Date.now();
      const child = startChild(valgrind, ['--tool=callgrind', '--separate-threads=yes', `--callgrind-out-file=${out}.%p`, process.execPath, ...s.args], { ...process.env, ...s.env, PORT: String(port), FLOOR_PORT: String(port) }, s.cwd);
      children.push(child);
      const url = `http://${HOST}:${port}${PAGE}`;
      await waitUntilUp(url, child.child, `${s.name} under callgrind`, child.log, 30 * 60_000);
      current = child;
      console.log(`bench: ${s.name} answered under callgrind after ${Math.round((Date.now() - started) / 1000)} s`);
      const pid = child.child.pid!;
      let dump = 0;
      for (const encoding of encodings()) {
        const gz = encoding === 'gzip';
        await load(url, warmup, gz);
        control(callgrindControl, '-z', pid);
        const retried = await load(url, requests, gz);
        if (retried) console.log(`bench: ${s.name}, ${encoding}: ${retried} request(s) made again after the server closed an idle connection`);
        control(callgrindControl, '-d', pid);
        dump++;
        const d = await readDump(dir, `cg.${s.name}.${pid}.${dump}-`);
        results.set(`${s.name} ${encoding}`, { main: d.main / requests, all: d.all / requests });
        console.log(`bench: ${s.name}, ${encoding}: ${Math.round(d.main / requests)} instructions per request on the main thread, ${Math.round(d.all / requests)} in all threads`);
      }
      await stopChild(child.child);
    }

    const rows = [['encoding', 'server', 'main/req', 'all/req', 'main/floor', 'all/floor']];
    for (const encoding of encodings()) {
      const floor = results.get(`floor ${encoding}`)!;
      for (const name of ['plenary', 'floor']) {
        const r = results.get(`${name} ${encoding}`)!;
        rows.push([encoding, name, String(Math.round(r.main)), String(Math.round(r.all)), (r.main / floor.main).toFixed(2), (r.all / floor.all).toFixed(2)]);
      }
    }
    const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
    console.log('');
    for (const r of rows) console.log(r.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '));
    console.log('User-space instructions per request counted by callgrind (kernel work, the same bytes written for both, left out).');
    console.log('main = the thread answering requests; all = with V8\'s compiler and GC threads, which vary more with when the JIT and GC run.');
    return 0;
  } catch (e) {
    if (current) console.error(`bench: the last output of the server under callgrind:\n${current.log()}`);
    throw e;
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    await cleanup();
  }
}

runBench(main);
