// What the page benches share: starting and stopping servers, waiting for them, fetching a page,
// and the floor, a bare node:http server answering with prepared bytes.
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { delimiter, join } from 'node:path';

export const HOST = '127.0.0.1';

export function benchPage(raw: string | undefined): string {
  if (raw === undefined || raw === '') return '/events/idm-2017-new-york';
  if (!/^\/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*$/.test(raw) || raw.includes('..') || raw.endsWith('/')) {
    throw new Error(`BENCH_PAGE must be a site path without a query or a trailing slash, such as /fr/events/idm-2017-new-york; got ${JSON.stringify(raw)}`);
  }
  return raw;
}

/** The program's path on PATH (and the sbin directories, where Debian puts nginx), or null. */
export function findProgram(name: string): string | null {
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

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, HOST, () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export type Fetched = { status: number; headers: Record<string, string | string[] | undefined>; body: Buffer };

export function get(url: string, timeoutMs = 5000, headers: Record<string, string> = {}): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    const req = request(url, { timeout: timeoutMs, headers }, (res) => {
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
export async function waitUntilUp(url: string, child: ChildProcess, what: string, log: () => string, timeoutMs = 60_000): Promise<void> {
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
export function startChild(command: string, args: string[], env: NodeJS.ProcessEnv, cwd: string): { child: ChildProcess; log: () => string } {
  const child = spawn(command, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const keep = (c: Buffer) => {
    out = (out + c.toString('utf8')).slice(-8000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return { child, log: () => out };
}

export function stopChild(child: ChildProcess | undefined, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
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

/**
 * The floor: the least any Node.js server can do for this page, a bare node:http server
 * answering every request with the same prepared bytes and headers. What Plenary costs
 * beyond it is what Plenary's own code adds.
 */
export const FLOOR_SERVER = `
import cluster from 'node:cluster';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
const env = process.env;
const workers = Number(env.FLOOR_WORKERS);
if (cluster.isPrimary && workers > 1) {
  for (let i = 0; i < workers; i++) cluster.fork();
} else {
  const body = readFileSync(env.FLOOR_BODY);
  const gz = readFileSync(env.FLOOR_GZIP);
  const headers = JSON.parse(env.FLOOR_HEADERS);
  const plain = [...headers, 'content-length', String(body.length)];
  const zipped = [...headers, 'content-encoding', 'gzip', 'content-length', String(gz.length)];
  const server = createServer({ highWaterMark: 64 * 1024 }, (req, res) => {
    const z = (req.headers['accept-encoding'] ?? '').includes('gzip');
    res.writeHead(200, z ? zipped : plain);
    res.end(z ? gz : body);
  });
  // Plenary's keep-alive time (web/server.ts), so that both keep their connections alike.
  server.keepAliveTimeout = 65000;
  server.listen(Number(env.FLOOR_PORT), env.FLOOR_HOST);
}
`;

/** Runs a bench's main and exits with its code; a failure prints its message and exits 1. */
export function runBench(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error('bench:', err instanceof Error ? err.message : err);
      process.exit(1);
    },
  );
}

/** The headers the floor sends: Plenary's own, without those node:http writes itself. */
export function floorHeadersOf(headers: Record<string, string | string[] | undefined>): string[] {
  return Object.entries(headers).filter((e): e is [string, string] => typeof e[1] === 'string' && !['content-length', 'date', 'connection', 'keep-alive'].includes(e[0])).flat();
}

/** The encodings a page bench measures: BENCH_ENCODING identity, gzip or both (the default). */
export function encodings(): Array<'identity' | 'gzip'> {
  const raw = process.env.BENCH_ENCODING ?? 'both';
  if (raw === 'identity' || raw === 'gzip') return [raw];
  if (raw === 'both') return ['identity', 'gzip'];
  console.error(`bench: BENCH_ENCODING must be identity, gzip or both, not "${raw}"`);
  return process.exit(2);
}
