// `plenary demo-archive --events N [--seed S]`: fills the database with a synthetic archive for
// benchmarks (operations/demo-archive.ts), with a progress bar on a terminal.
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { planArchive, storeArchive, FIRST_YEAR, LAST_YEAR } from '../operations/demo-archive.ts';
import { usageError } from './args.ts';
import { openMigrated } from './open.ts';

export const HELP = `usage: plenary demo-archive --events N [--seed S]

  --events N   how many events to make (spread over ${FIRST_YEAR}–${LAST_YEAR} in eight series)
  --seed S     a whole number (default 1): the same seed and N make the same archive

Fills the database (DATABASE_URL) with a synthetic archive for benchmarks: events with days,
opening, panels, breaks and closing; moderators and speakers named in many scripts, who come
back over the years in changing positions; organizations of every kind; statements in English,
French and Spanish. Each event is imported and published as \`plenary import --publish\` does.
Running it again with the same seed changes nothing.`;

const whole = (name: string, v: string | undefined, fallback?: number): number => {
  if (v === undefined) {
    if (fallback === undefined) throw usageError(`--${name} N is missing`, HELP);
    return fallback;
  }
  if (!/^[0-9]{1,9}$/.test(v) || (name === 'events' && Number(v) < 1)) throw usageError(`--${name} must be a whole number${name === 'events' ? ' from 1' : ''}`, HELP);
  return Number(v);
};

const fmt = (n: number) => n.toLocaleString('en-US');

export async function run(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, strict: true, options: { events: { type: 'string' }, seed: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (e) {
    throw usageError((e as Error).message, HELP);
  }
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const events = whole('events', values.events);
  const seed = whole('seed', values.seed, 1);
  const plan = planArchive(events, seed);
  const storage = await openMigrated(loadConfig());
  const tty = process.stderr.isTTY === true;
  const started = performance.now();
  const step = Math.max(1, Math.floor(events / 10));
  let drawn = 0;
  const progress = (done: number, total: number) => {
    const elapsed = (performance.now() - started) / 1000;
    const rate = done / Math.max(elapsed, 0.001);
    const eta = Math.round((total - done) / rate);
    if (tty) {
      // At most ten redraws a second; always the last.
      const now = performance.now();
      if (done < total && now - drawn < 100) return;
      drawn = now;
      const width = 30;
      const filled = Math.round((done / total) * width);
      process.stderr.write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.floor((done / total) * 100)).padStart(3)}% ${done}/${total} events, ${rate.toFixed(1)}/s, ${done < total ? `about ${eta} s left` : 'done'}   `);
      if (done === total) process.stderr.write('\n');
    } else if (done % step === 0 || done === total) {
      process.stderr.write(`demo-archive: ${done}/${total} events (${Math.floor((done / total) * 100)}%), ${rate.toFixed(1)} events/s\n`);
    }
  };
  try {
    const t = await storeArchive(storage, plan, progress);
    const seconds = (performance.now() - started) / 1000;
    console.log(`demo-archive: seed ${seed}: ${fmt(t.events)} events in ${t.series} series (${FIRST_YEAR}–${LAST_YEAR}), ${fmt(t.days)} days, ${fmt(t.sessions)} sessions, ${fmt(t.appearances)} appearances, ${fmt(t.statements)} statements`);
    console.log(`demo-archive: ${fmt(t.persons)} persons and ${fmt(t.organizations)} organizations named; stored anew ${fmt(t.personsCreated)} persons and ${fmt(t.organizationsCreated)} organizations; ${fmt(t.releases)} releases published`);
    console.log(`demo-archive: took ${seconds.toFixed(1)} s, ${(t.events / seconds).toFixed(1)} events/s, ${Math.round(t.appearances / seconds)} appearances/s`);
    return 0;
  } finally {
    await storage.close();
  }
}
