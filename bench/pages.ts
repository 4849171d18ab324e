// `npm run bench:pages`: how fast Plenary serves the cached event page, against nginx serving
// the very same bytes from a file, both as one process on 127.0.0.1, measured with wrk.
// Prints figures only; it asserts nothing about timings.
//
//   BENCH_DURATION=30 npm run bench:pages     (seconds per measured run; default 10)
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { accessSync, chmodSync, constants, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const PAGE = '/events/idm-2017-new-york';
const HOST = '127.0.0.1';
const WARMUP_SECONDS = 2;
const THREADS = 2;
const CONNECTIONS = 50;

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

function durationSeconds(): number {
  const raw = process.env.BENCH_DURATION ?? '10';
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 600) {
    console.error(`bench: BENCH_DURATION must be a whole number of seconds from 1 to 600, not "${raw}"`);
    process.exit(2);
  }
  return n;
}

/** The program's path on PATH (and the sbin directories, where Debian puts nginx), or null. */
function findProgram(name: string): string | null {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/local/sbin', '/sbin'].filter(Boolean);
  for (const d of dirs) {
    const p = join(d, name);
    try {
      accessSync(p, constants.X_OK);
      return p;
    } catch {
      // not here
    }
  }
  return null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, HOST, () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

type Fetched = { status: number; headers: Record<string, string | string[] | undefined>; body: Buffer };

function get(url: string, timeoutMs = 5000): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    const req = request(url, { timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`timed out: ${url}`)));
    req.on('error', reject);
    req.end();
  });
}

/** Polls until the URL answers 200, the process has exited, or the time is up. */
async function waitUntilUp(url: string, child: ChildProcess, what: string, log: () => string, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${what} exited (${child.exitCode ?? child.signalCode}) before answering:\n${log()}`);
    try {
      if ((await get(url, 1000)).status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`${what} did not answer ${url} within ${timeoutMs / 1000} s:\n${log()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Starts a long-running child, keeping the tail of its output for error messages. */
function startChild(command: string, args: string[], env: NodeJS.ProcessEnv, cwd: string): { child: ChildProcess; log: () => string } {
  const child = spawn(command, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const keep = (c: Buffer) => {
    out = (out + c.toString('utf8')).slice(-8000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return { child, log: () => out };
}

function stopChild(child: ChildProcess | undefined, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill(signal);
  });
}

type WrkResult = { requestsPerSec: number; p50Ms: number; p99Ms: number; errors: string[]; raw: string };

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
  const errors = raw.split('\n').filter((l) => /Socket errors|Non-2xx or 3xx/.test(l)).map((l) => l.trim());
  return { requestsPerSec: Number(rps[1]), p50Ms: toMs(p50[1]!, p50[2]!), p99Ms: toMs(p99[1]!, p99[2]!), errors, raw };
}

/** The wrk run in progress, stopped with everything else on a signal. */
const running = new Set<ChildProcess>();

/** Runs wrk to completion (never longer than its duration and a margin). */
function wrk(wrkPath: string, url: string, seconds: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(wrkPath, [`-t${THREADS}`, `-c${CONNECTIONS}`, `-d${seconds}s`, '--latency', url], { stdio: ['ignore', 'pipe', 'pipe'] });
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

async function measure(wrkPath: string, name: string, url: string, seconds: number): Promise<WrkResult> {
  console.log(`bench: ${name}: warming up ${WARMUP_SECONDS} s, then ${seconds} s with ${THREADS} threads and ${CONNECTIONS} connections: ${url}`);
  await wrk(wrkPath, url, WARMUP_SECONDS);
  const r = parseWrk(await wrk(wrkPath, url, seconds));
  for (const e of r.errors) console.log(`bench: ${name}: ${e}`);
  return r;
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
  const seconds = durationSeconds();
  const wrkPath = findProgram('wrk');
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
  const cleanup = async () => {
    await Promise.all([...[...running].map((c) => stopChild(c)), stopChild(plenary?.child), stopChild(nginx?.child, 'SIGQUIT')]);
    rmSync(dir, { recursive: true, force: true });
  };
  const onSignal = (signal: NodeJS.Signals) => {
    void cleanup().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    // Plenary in a child process: its event loop is its own, as in production.
    const plenaryPort = await freePort();
    plenary = startChild(
      process.execPath,
      [join(ROOT, 'bin/plenary.mjs'), 'serve'],
      { ...process.env, DATABASE_URL: `sqlite:${join(dir, 'bench.db')}`, PORT: String(plenaryPort), HOST, PLENARY_DEMO: 'on', PLENARY_WORKERS: String(workers()), NODE_ENV: 'production' },
      ROOT,
    );
    const plenaryBase = `http://${HOST}:${plenaryPort}`;
    await waitUntilUp(`${plenaryBase}/healthz`, plenary.child, 'plenary', plenary.log);
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
    console.log(`bench: ${PAGE}: ${page.body.length} bytes, ${page.headers['content-type']}; ${workers()} server process(es) on each side`);

    const p = await measure(wrkPath, 'plenary', plenaryBase + PAGE, seconds);
    const n = await measure(wrkPath, 'nginx', nginxBase + PAGE, seconds);

    const rows = [
      ['', 'req/s', 'p50 ms', 'p99 ms'],
      ['plenary', fmt(p.requestsPerSec, 0), fmt(p.p50Ms, 2), fmt(p.p99Ms, 2)],
      ['nginx', fmt(n.requestsPerSec, 0), fmt(n.p50Ms, 2), fmt(n.p99Ms, 2)],
    ];
    console.log('');
    for (const r of rows) console.log(`${r[0]!.padEnd(8)} ${r[1]!.padStart(9)} ${r[2]!.padStart(8)} ${r[3]!.padStart(8)}`);
    console.log(`ratio plenary/nginx: ${fmt(p.requestsPerSec / n.requestsPerSec, 2)} (target ≥ 0.5; plenary p99 target ≤ 5 ms)`);
    return 0;
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    await cleanup();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error('bench:', err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
