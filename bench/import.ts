// npm run bench:import — how fast the importer reads agenda pages: pages per second and MB
// per second for each format, and MB per second as the input grows (to show it stays linear).
// Prints figures only; nothing here asserts a time.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAgendaText } from '../src/importer/parse-text.ts';
import { readInput } from '../src/importer/read-input.ts';
import { blocks, toDocx, toHtml, toPdf } from '../test/convert.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SHARED = join(ROOT, '..', 'shared');
const SECONDS = Number(process.env.BENCH_SECONDS ?? '2');

function pages(): Array<[string, string]> {
  const out: Array<[string, string]> = [['demo/idm-2017-new-york.agenda.txt', readFileSync(join(ROOT, 'demo/idm-2017-new-york.agenda.txt'), 'utf8')]];
  if (existsSync(SHARED)) {
    out.push(['seed/idm-2017-new-york.txt', readFileSync(join(SHARED, 'seed/idm-2017-new-york.txt'), 'utf8')]);
    const dir = join(SHARED, 'fixtures/agendas');
    for (const f of readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) out.push([`fixtures/${f}`, readFileSync(join(dir, f), 'utf8')]);
  } else {
    console.log(`bench: ../shared is absent (${SHARED}); measuring the demo page only`);
  }
  return out;
}

async function measure(bytes: Uint8Array): Promise<{ perSecond: number; mbPerSecond: number; sessions: number }> {
  let n = 0;
  let sessions = 0;
  const started = process.hrtime.bigint();
  const budget = BigInt(Math.round(SECONDS * 1e9));
  while (process.hrtime.bigint() - started < budget || n < 3) {
    const { text } = await readInput(bytes, 'bench');
    sessions = parseAgendaText(text).days.reduce((k, d) => k + d.sessions.length, 0);
    n++;
  }
  const secs = Number(process.hrtime.bigint() - started) / 1e9;
  return { perSecond: n / secs, mbPerSecond: (n * bytes.length) / secs / 1024 / 1024, sessions };
}

const fmt = (x: number, d = 1) => x.toFixed(d).padStart(9);
const enc = (s: string) => new TextEncoder().encode(s);

console.log(`bench: each row runs for ${SECONDS} s (BENCH_SECONDS); read + detect + extract + parse\n`);
console.log(`${'page'.padEnd(46)} ${'format'.padEnd(6)} ${'KB'.padStart(7)} ${'pages/s'.padStart(9)} ${'MB/s'.padStart(9)} sessions`);
let totalPages = 0;
let totalBytes = 0;
let totalSeconds = 0;
for (const [name, text] of pages()) {
  const bs = blocks(text);
  const variants: Array<[string, Uint8Array]> = [
    ['text', enc(text)],
    ['html', enc(toHtml(bs))],
    ['docx', await toDocx(bs)],
    ['pdf', await toPdf(bs, true)],
  ];
  for (const [format, bytes] of variants) {
    const r = await measure(bytes);
    console.log(`${name.padEnd(46)} ${format.padEnd(6)} ${fmt(bytes.length / 1024)} ${fmt(r.perSecond)} ${fmt(r.mbPerSecond, 2)} ${r.sessions}`);
    if (format === 'text') {
      totalPages += r.perSecond * SECONDS;
      totalBytes += r.mbPerSecond * SECONDS;
      totalSeconds += SECONDS;
    }
  }
}
console.log(`\ntext pages overall: ${fmt(totalPages / totalSeconds).trim()} pages/s, ${fmt(totalBytes / totalSeconds, 2).trim()} MB/s`);

// Linearity: the same agenda repeated to 10 KB, 100 KB and 1 MB; MB/s should hold roughly steady.
const unit = readFileSync(join(ROOT, 'demo/idm-2017-new-york.agenda.txt'), 'utf8');
console.log(`\n${'size'.padStart(8)} ${'MB/s'.padStart(9)}   (text, the demo agenda repeated)`);
for (const kb of [10, 100, 1000]) {
  const big = unit.repeat(Math.ceil((kb * 1024) / unit.length)).slice(0, kb * 1024);
  const r = await measure(enc(big));
  console.log(`${`${kb} KB`.padStart(8)} ${fmt(r.mbPerSecond, 2)}`);
}
