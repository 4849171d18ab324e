// node --import tsx bench/docx-memory.ts — how much memory and time the Word reader's child
// process takes for real and hostile files, measured without a limit (peak resident memory,
// VmHWM), then what the reader answers under its limits (extract-docx.ts DOCX_LIMITS).
// Prints figures only; nothing here asserts.
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DOCX_LIMITS, docxToText } from '../src/importer/extract-docx.ts';
import { blocks, toDocx } from '../test/convert.ts';
import { longAgendaDocx, paragraphBomb, tableBomb } from '../test/docx-samples.ts';

const CHILD = fileURLToPath(new URL('../src/importer/docx-child.mjs', import.meta.url));
const SEED = fileURLToPath(new URL('../../shared/seed/idm-2017-new-york.txt', import.meta.url));

function peakKb(pid: number): number {
  try {
    return Number(/^VmHWM:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'latin1'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** Runs the child with no limit but `maxMb` of heap; reports its peak resident memory and time. */
function unbounded(bytes: Uint8Array, maxMb = 8192): Promise<{ peakMb: number; seconds: number; outcome: string }> {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const child = fork(CHILD, [], { execArgv: [`--max-old-space-size=${maxMb}`], serialization: 'advanced', stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    let peak = 0;
    const watch = setInterval(() => (peak = Math.max(peak, child.pid ? peakKb(child.pid) : 0)), 10);
    let outcome = 'exited';
    child.once('message', (m: { ok: boolean; result?: { text: string }; message?: string }) => {
      peak = Math.max(peak, child.pid ? peakKb(child.pid) : 0);
      outcome = m.ok ? `read, ${m.result!.text.length} characters` : `refused: ${m.message}`;
    });
    child.once('exit', () => {
      clearInterval(watch);
      resolve({ peakMb: Math.round(peak / 1024), seconds: Number(process.hrtime.bigint() - started) / 1e9, outcome });
    });
    child.send({ bytes, name: 'bench.docx' });
  });
}

const samples: Array<[string, () => Promise<Uint8Array>]> = [
  ['the seed agenda', async () => toDocx(blocks(readFileSync(SEED, 'utf8')))],
  ['an agenda of 200 sessions, 1,000 people', () => longAgendaDocx(5, 40)],
  ['an agenda of 2,000 sessions, 10,000 people', () => longAgendaDocx(20, 100)],
  ['one-word paragraphs, 60 MB of XML', () => paragraphBomb(60 * 1024 * 1024)],
  ['a table of 10-cell rows, 60 MB of XML', () => tableBomb(60 * 1024 * 1024)],
];

console.log(`limits: ${DOCX_LIMITS.maxMemoryMb} MB resident, ${DOCX_LIMITS.timeoutMs / 1000} s`);
for (const [label, make] of samples) {
  const bytes = await make();
  const u = await unbounded(bytes);
  const t = process.hrtime.bigint();
  let limited: string;
  try {
    limited = `read, ${(await docxToText(bytes, 'bench.docx')).text.length} characters`;
  } catch (e) {
    limited = `refused: ${(e as Error).message}`;
  }
  const ls = Number(process.hrtime.bigint() - t) / 1e9;
  console.log(`${label} (${(bytes.length / 1024).toFixed(0)} KB)`);
  console.log(`  no limit:   peak ${u.peakMb} MB resident, ${u.seconds.toFixed(1)} s, ${u.outcome}`);
  console.log(`  limits:     ${ls.toFixed(1)} s, ${limited}`);
}
