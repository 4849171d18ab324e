// A 200 MB statement through `plenary serve` (a child process, as deployed), on every engine:
// uploaded through the workspace form with PLENARY_UPLOAD_MAX_MB=256, then read back whole and
// by a byte range, identical to what was sent; the server's anonymous memory (RssAnon, sampled
// every 20 ms) grows by far less than the file's size, so the file never sat whole in the
// server's memory on the way in or out. A file over the limit
// is refused without being stored. (Peak memory is a count of bytes, not a timing.)
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, mkdtempSync, openSync, readFileSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { addAccount } from '../src/operations/accounts.ts';
import { importDemo } from '../src/operations/demo.ts';
import { ENGINES, migratedStorage } from './engines.ts';
import { signInThroughForm } from './http-client.ts';
import { ROOT } from './plenary-cli.ts';

const MB = 1024 * 1024;
const SIZE = 200 * MB;
const PASSWORD = 'correct horse battery staple';
const dir = mkdtempSync(join(tmpdir(), 'plenary-large-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A PDF-shaped file of `size` bytes written a megabyte at a time, each megabyte different; its sha256. */
function writeBigPdf(path: string, size: number): string {
  const hash = createHash('sha256');
  const head = Buffer.from('%PDF-1.4\n');
  const parts: Buffer[] = [head];
  let written = head.length;
  for (let i = 0; written < size; i++) {
    const block = Buffer.alloc(Math.min(MB, size - written), 32 + (i % 90));
    block.writeUInt32BE(i, 0);
    parts.push(block);
    written += block.length;
  }
  const all = Buffer.concat(parts);
  writeFileSync(path, all);
  hash.update(all);
  return hash.digest('hex');
}

/** A process's anonymous resident memory (kB): its heap and buffers, not the database file pages SQLite maps. */
const anon = (pid: number) => Number(/^RssAnon:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]);

/** Samples a process's anonymous memory every 20 ms while `work` runs; the highest figure (kB). */
async function peakAnonDuring<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; peak: number }> {
  let peak = anon(pid);
  const timer = setInterval(() => {
    peak = Math.max(peak, anon(pid));
  }, 20);
  try {
    const result = await work();
    peak = Math.max(peak, anon(pid));
    return { result, peak };
  } finally {
    clearInterval(timer);
  }
}

function serve(databaseUrl: string): Promise<{ child: ChildProcess; base: string }> {
  const env: Record<string, string | undefined> = { ...process.env, DATABASE_URL: databaseUrl, PORT: '0', HOST: '127.0.0.1', PLENARY_DEMO: 'off', PLENARY_UPLOAD_MAX_MB: '256', PLENARY_WORKERS: '1', PUBLIC_URL: undefined };
  const child = spawn(process.execPath, [join(ROOT, 'bin/plenary.mjs'), 'serve'], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /serving (http:\/\/\S+)/.exec(out);
      if (m) resolve({ child, base: m[1]!.replace('localhost', '127.0.0.1') });
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${err}`)));
  });
}

/** Posts a multipart form whose file part is streamed from disk (the request is never whole in this process either). */
function postFile(url: string, headers: Record<string, string>, fields: Record<string, string>, file: { name: string; path: string }): Promise<{ status: number; location: string | undefined; body: string }> {
  const boundary = `----plenary${Date.now()}`;
  const pre = Buffer.from(
    Object.entries(fields).map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join('') +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/pdf\r\n\r\n`,
  );
  const post = Buffer.from(`\r\n--${boundary}--\r\n`);
  const length = pre.length + statSync(file.path).size + post.length;
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(length) } }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, location: res.headers.location, body }));
    });
    req.on('error', reject);
    req.write(pre);
    const stream = createReadStream(file.path);
    stream.on('error', reject);
    stream.on('end', () => req.end(post));
    stream.pipe(req, { end: false });
  });
}

/** GETs a file and hashes it as it arrives. */
function download(url: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, unknown>; bytes: number; sha256: string; body: Buffer | null }> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      const hash = createHash('sha256');
      let bytes = 0;
      const small: Buffer[] = [];
      res.on('data', (c: Buffer) => {
        bytes += c.length;
        hash.update(c);
        if (bytes <= 4096) small.push(c);
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes, sha256: hash.digest('hex'), body: bytes <= 4096 ? Buffer.concat(small) : null }));
      res.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

const big = join(dir, 'big-statement.pdf');
const bigSha = writeBigPdf(big, SIZE);

for (const engine of ENGINES) {
  describe(`a 200 MB upload through plenary serve on ${engine}`, () => {
    test('stored and served whole and by range without the file in memory; one over the limit is refused', async () => {
      const t = await migratedStorage(engine);
      await importDemo(t.storage);
      const event = await t.storage.db.selectFrom('event').select(['id']).executeTakeFirstOrThrow();
      await addAccount(t.storage, { email: 'admin@example.org', role: 'admin', series: [], password: PASSWORD });
      const { child, base } = await serve(t.url);
      try {
        const s = await signInThroughForm(base, 'admin@example.org', PASSWORD);
        const pid = child.pid!;
        const before = anon(pid);
        const { result: up, peak: peakUp } = await peakAnonDuring(pid, () => postFile(`${base}/admin/events/${event.id}/materials`, { cookie: s.cookie, origin: base }, { _csrf: s.csrf!, kind: 'statement', lang: 'en', label: 'Full report', appearance: '' }, { name: 'big-statement.pdf', path: big }));
        assert.equal(up.status, 303, up.body.slice(0, 500));
        const file = await t.storage.db.selectFrom('file').select(['id', 'size', 'sha256', 'media_type', 'original_name']).where('original_name', '=', 'big-statement.pdf').executeTakeFirstOrThrow();
        assert.deepEqual({ ...file, id: undefined, size: Number(file.size) }, { id: undefined, size: SIZE, sha256: bigSha, media_type: 'application/pdf', original_name: 'big-statement.pdf' });
        const chunks = await t.storage.db.selectFrom('file_chunk').select((eb) => eb.fn.countAll<number>().as('n')).where('file_id', '=', file.id).executeTakeFirstOrThrow();
        assert.equal(Number(chunks.n), SIZE / (256 * 1024));

        const { result: whole, peak: peakDown } = await peakAnonDuring(pid, () => download(`${base}/admin/files/${file.id}`, { cookie: s.cookie }));
        assert.equal(whole.status, 200);
        assert.equal(whole.headers['content-length'], String(SIZE));
        assert.equal(whole.bytes, SIZE);
        assert.equal(whole.sha256, bigSha);
        const range = await download(`${base}/admin/files/${file.id}`, { cookie: s.cookie, range: `bytes=${SIZE - 300_000}-${SIZE - 299_001}` });
        assert.equal(range.status, 206);
        assert.equal(range.headers['content-range'], `bytes ${SIZE - 300_000}-${SIZE - 299_001}/${SIZE}`);
        const expected = Buffer.alloc(1000);
        const fd = openSync(big, 'r');
        readSync(fd, expected, 0, 1000, SIZE - 300_000);
        closeSync(fd);
        assert.ok(range.body?.equals(expected), 'the range holds the bytes of the file at that place');

        // Up and down, the server's memory grew by far less than the file: what grows is SQLite's
        // page cache (64 MB, storage/dialects/sqlite.ts) and chunks waiting for the collector. A
        // file read whole would add its 200 MB at least (twice over through a parsed form).
        const growth = (peak: number) => Math.round((peak - before) / 1024);
        console.log(`# server memory (anonymous) before ${Math.round(before / 1024)} MB; most during the upload +${growth(peakUp)} MB, during the download +${growth(peakDown)} MB`);
        for (const [what, peak] of [['upload', peakUp], ['download', peakDown]] as const) {
          assert.ok(growth(peak) < (0.75 * SIZE) / MB, `the server's memory grew by ${growth(peak)} MB during the ${what} of a ${SIZE / MB} MB file`);
        }

        // One over the limit (PLENARY_UPLOAD_MAX_MB=256, said by the form's length) is refused, and nothing is stored.
        const over = join(dir, 'over.pdf');
        writeFileSync(over, Buffer.alloc(1));
        const files = await t.storage.db.selectFrom('file').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
        const refused = await new Promise<{ status: number; body: string }>((resolve, reject) => {
          const req = request(`${base}/admin/events/${event.id}/materials`, { method: 'POST', headers: { cookie: s.cookie, origin: base, 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(256 * MB + 65 * 1024 + 1) } }, (res) => {
            let body = '';
            res.on('data', (c: Buffer) => (body += c.toString()));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
          });
          req.on('error', reject);
          req.end();
        });
        assert.equal(refused.status, 400);
        assert.match(refused.body, /<p role="alert">the upload is larger than 256 MB, the most a file may be<\/p>/);
        const filesAfter = await t.storage.db.selectFrom('file').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
        assert.equal(Number(filesAfter.n), Number(files.n));
      } finally {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
        await t.cleanup();
      }
    });
  });
}
