// What `plenary serve` says at start about its settings, read from the process's own output.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'plenary-serve-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Starts serve, waits until it serves, stops it with SIGTERM and returns everything it wrote. */
async function serveOnce(env: Record<string, string>): Promise<{ url: string; port: string; out: string; err: string; code: number | null }> {
  const base: Record<string, string | undefined> = { ...process.env };
  for (const name of ['HOST', 'PUBLIC_URL', 'NODE_ENV', 'PLENARY_WORKERS']) delete base[name];
  const child = spawn(process.execPath, [join(ROOT, 'bin/plenary.mjs'), 'serve'], {
    cwd: dir,
    env: { ...base, DATABASE_URL: `sqlite:${join(dir, 'serve.db')}`, PORT: '0', PLENARY_DEMO: 'off', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /serving (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    void exited.then((code) => reject(new Error(`serve exited with ${code}: ${err}`)));
  });
  assert.equal((await fetch(`${url}/healthz`)).status, 200);
  child.kill('SIGTERM');
  const code = await exited;
  return { url, port: new URL(url).port, out, err, code };
}

const warning = (url: string) =>
  `plenary: warning: PUBLIC_URL is not set: absolute links and calendar UIDs will use ${url}; ` +
  "set PUBLIC_URL to the site's public address (e.g. https://events.example.org) before calendars subscribe, as the UIDs change with it\n";

test('serve warns at start when PUBLIC_URL is unset and the server is reachable from other machines', async () => {
  const r = await serveOnce({});
  assert.equal(r.url, `http://localhost:${r.port}`);
  assert.equal(r.err, warning(`http://localhost:${r.port}`));
  assert.equal(r.code, 0);
});

test('serve warns when PUBLIC_URL is unset in production, even on a loopback address', async () => {
  const r = await serveOnce({ HOST: '127.0.0.1', NODE_ENV: 'production' });
  assert.equal(r.err, warning(`http://127.0.0.1:${r.port}`));
});

test('serve says nothing in development (a loopback HOST outside production) or with PUBLIC_URL set', async () => {
  const cases: Array<Record<string, string>> = [{ HOST: '127.0.0.1' }, { HOST: 'localhost', NODE_ENV: 'development' }, { PUBLIC_URL: 'https://events.example.org', NODE_ENV: 'production' }];
  for (const env of cases) {
    const r = await serveOnce(env);
    assert.equal(r.err, '', JSON.stringify(env));
    assert.equal(r.code, 0);
  }
});

test('with several workers the warning is given once', async () => {
  const r = await serveOnce({ PLENARY_WORKERS: '2' });
  assert.equal(r.out, `plenary: serving http://localhost:${r.port} with 2 workers\n`);
  assert.equal(r.err, warning(`http://localhost:${r.port}`));
});
