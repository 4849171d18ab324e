// node --import tsx bench/import-orgs.ts — how long importing an agenda takes as it brings new
// organizations and people, on an empty database and on one that already holds as many.
// Each new organization is compared with those stored for likeness ("IOM" ~ "International
// Organization for Migration"), and each new person likewise; this shows whether that grows
// with the database. BENCH_ORGS (default 2400) organizations and people per agenda;
// BENCH_ENGINES=sqlite,postgres (default sqlite; PostgreSQL at PLENARY_TEST_PG_URL).
// Prints figures only; nothing here asserts a time.
import type { Agenda, AgendaPerson } from '../src/domain/agenda.ts';
import { importAgenda } from '../src/operations/import-agenda.ts';
import { freshDatabase } from '../test/engines.ts';
import { migrate } from '../src/storage/migrate.ts';
import { type Engine, openStorage } from '../src/storage/storage.ts';

const N = Number(process.env.BENCH_ORGS ?? '2400');
const ENGINES = (process.env.BENCH_ENGINES ?? 'sqlite').split(',') as Engine[];

const WORDS = ['Migration', 'Labour', 'Mobility', 'Refugee', 'Diaspora', 'Remittance', 'Border', 'Health', 'Youth', 'Climate', 'Return', 'Integration', 'Protection', 'Development', 'Research', 'Policy'];
const KINDS = ['Institute', 'Centre', 'Foundation', 'Network', 'Council', 'Alliance', 'Forum', 'Association'];
const GIVEN = ['Amina', 'Jean-Pierre', 'María', 'Kwame', 'Olga', 'Hiroshi', 'Fatima', 'Lars', 'Priya', 'Diego'];
const SYLLABLES = ['ba', 'ko', 'mi', 'ta', 'ren', 'so', 'lu', 'vi', 'da', 'ne'];

/** The n-th distinct word built from syllables ("Kominta"). */
function coined(n: number): string {
  const s = [...String(n).padStart(5, '0')].map((d) => SYLLABLES[Number(d)]!).join('');
  return s[0]!.toUpperCase() + s.slice(1);
}

/** An organization name for each number, all different; every 50th is the acronym of the one before (a likeness to report). */
function organization(n: number): string {
  if (n % 50 === 49) {
    const prev = organization(n - 1);
    return prev.replace(/\b(?:for|of|and|the)\b/g, '').split(/\s+/).filter(Boolean).map((w) => w[0]).join('').toUpperCase();
  }
  return `${coined(n)} ${KINDS[n % KINDS.length]} for ${WORDS[n % WORDS.length]} and ${WORDS[(n >> 4) % WORDS.length]}`;
}

function agenda(offset: number): Agenda {
  const speakers = (s: number): AgendaPerson[] =>
    Array.from({ length: 4 }, (_, k) => {
      const n = offset + s * 4 + k;
      return { name: `${GIVEN[n % 10]} ${coined(n)}`, honorific: null, position: 'Director', organization: organization(n), country: null, countryCode: null, materials: [] };
    });
  const sessions = Array.from({ length: N / 4 }, (_, s) => ({
    start: null,
    end: null,
    kind: 'panel' as const,
    number: s + 1,
    title: `Panel ${s + 1}`,
    moderators: [],
    speakers: speakers(s),
  }));
  return { title: 'Bench', days: [{ date: '2030-03-04', label: 'Monday 4 March 2030', sessions }], warnings: [] };
}

for (const engine of ENGINES) {
  const fresh = await freshDatabase(engine);
  const storage = await openStorage(fresh.url, { pollMs: 1000 });
  try {
    await migrate(storage);
    await storage.generation.start();
    for (const [label, offset, slug] of [
      ['into an empty database', 0, 'bench-1'],
      [`into one holding ${N}`, N, 'bench-2'],
    ] as const) {
      const t = process.hrtime.bigint();
      const r = await importAgenda(storage, agenda(offset), { series: { slug: 'bench', title: 'Bench' }, event: { slug, title: 'Bench', timeZone: 'Europe/Zurich' } });
      const s = Number(process.hrtime.bigint() - t) / 1e9;
      const likeness = r.doubtful.filter((w) => String(w).includes('may be the same organization')).length;
      console.log(
        `${engine}: ${label}: ${r.organizations.created} organizations and ${r.persons.created} people created in ${s.toFixed(2)} s (${((s * 1000) / N).toFixed(2)} ms each); ${likeness} doubtful organizations reported`,
      );
    }
  } finally {
    await storage.close();
    await fresh.drop();
  }
}
