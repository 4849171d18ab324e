// `npm run bench:backup`: backup and restore of a database holding BENCH_MB (default 600) MB of
// stored files, each through the CLI in its own process, with the wall time and the process's
// peak resident memory (sampled from /proc every 20 ms). Shows that memory stays flat however
// large the files are. Prints figures only; it asserts nothing about time or memory.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate } from '../src/storage/migrate.ts';
import { insertFile } from '../src/storage/queries/files.ts';
import { openStorage } from '../src/storage/storage.ts';
import { write } from '../src/storage/write.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ROW_MB = 8;

function megabytes(): number {
  const raw = process.env.BENCH_MB ?? '600';
  const n = Number(raw);
  if (!Number.isInteger(n) || n < ROW_MB || n > 20_000) {
    console.error(`bench: BENCH_MB must be a whole number from ${ROW_MB} to 20000, not "${raw}"`);
    process.exit(2);
  }
  return n;
}

function peakOf(pid: number, peak: { bytes: number }): void {
  try {
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'latin1'));
    if (m) peak.bytes = Math.max(peak.bytes, Number(m[1]) * 1024);
  } catch {
    // the process has just ended
  }
}

/** Runs `plenary ARGS` with the database, returning seconds and peak resident bytes. */
function plenary(args: string[], databaseUrl: string): Promise<{ seconds: number; peakBytes: number; out: string }> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [join(ROOT, 'bin/plenary.mjs'), ...args], { env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: ['ignore', 'pipe', 'pipe'] });
    const peak = { bytes: 0 };
    const timer = setInterval(() => peakOf(child.pid!, peak), 20);
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.once('error', reject);
    child.once('exit', (code) => {
      clearInterval(timer);
      if (code !== 0) return reject(new Error(`plenary ${args.join(' ')} failed (${code}):\n${out}`));
      resolve({ seconds: Number(process.hrtime.bigint() - started) / 1e9, peakBytes: peak.bytes, out });
    });
  });
}

async function main(): Promise<void> {
  const mb = megabytes();
  const dir = mkdtempSync(join(tmpdir(), 'plenary-bench-backup-'));
  try {
    const source = `sqlite:${join(dir, 'source.db')}`;
    const storage = await openStorage(source);
    await migrate(storage);
    // Bytes that gzip cannot shrink, as photos and PDFs are.
    const rows = Math.floor(mb / ROW_MB);
    for (let i = 0; i < rows; i++) {
      const data = Buffer.alloc(ROW_MB * 1024 * 1024);
      let h = createHash('sha256').update(String(i)).digest();
      for (let o = 0; o < data.length; o += 32) {
        h.copy(data, o);
        h = createHash('sha256').update(h).digest();
      }
      await write(storage, (trx) =>
        insertFile(trx, { id: `bench-${String(i).padStart(5, '0')}`, sha256: createHash('sha256').update(data).digest('hex'), mediaType: 'application/pdf', originalName: null, createdAt: new Date().toISOString() }, data),
      );
    }
    await storage.close();
    console.log(`bench: ${rows} stored files of ${ROW_MB} MB (${rows * ROW_MB} MB) in a SQLite database`);

    const archive = join(dir, 'backup.tar.gz');
    const b = await plenary(['backup', archive], source);
    const r = await plenary(['restore', archive], `sqlite:${join(dir, 'target.db')}`);
    const size = statSync(archive).size;
    const mib = (n: number) => (n / 1024 / 1024).toFixed(0);
    console.log('');
    console.log(`step      seconds   MB/s   peak RSS MB   (archive ${mib(size)} MB)`);
    console.log(`backup  ${b.seconds.toFixed(1).padStart(9)} ${(rows * ROW_MB / b.seconds).toFixed(0).padStart(6)} ${mib(b.peakBytes).padStart(13)}`);
    console.log(`restore ${r.seconds.toFixed(1).padStart(9)} ${(rows * ROW_MB / r.seconds).toFixed(0).padStart(6)} ${mib(r.peakBytes).padStart(13)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error('bench:', e instanceof Error ? e.message : e);
  process.exit(1);
});
