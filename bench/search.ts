// npm run bench:search — search over 100,000 statements on SQLite and on PostgreSQL.
//
// Generates statements (BENCH_STATEMENTS, default 100,000) of 300–1,500 words in English, French
// and Spanish, drawn from word lists with Zipf-like frequencies (function words, the vocabulary
// of policy dialogues, then a long tail of made-up words), a few set phrases, and speakers' names
// in many scripts; each with its facets (2,000 events over 20 years in 8 series, the speaker's
// country and region, role, organization kind, material kind, language). They are stored through
// the index's own insertDocs (folding, stemming, the FTS5 table or the tsvector columns) into a
// fresh SQLite file and a fresh PostgreSQL schema (dropped after), and the indexing rate printed.
// Then a fixed mix of queries runs through search() — the whole request: exact facet counts, the
// top 20 ranked, their snippets — and p50/p95/p99 are printed per class of query.
// The machine is shared (load 10 and more): wall-clock figures are inflated by waiting for a core,
// so the CPU time each query took is printed beside them: this process's (process.cpuUsage) and,
// on PostgreSQL, the server backends' (their /proc/<pid>/schedstat, nanoseconds on a core: the
// server runs on this machine). The indexing rate is given per second of wall clock and per
// second of CPU. Asserts nothing.
// BENCH_SQLITE_FILE=/work/bench-data/search-100k.db keeps the SQLite file and uses it again when it
// exists (the queries only, a few minutes rather than fifteen); BENCH_ENGINES=sqlite for SQLite alone;
// BENCH_PG_KEEP=search_100k does the same on PostgreSQL: the statements are loaded into that schema
// of the test database (PLENARY_TEST_PG_URL, by default postgres://postgres@127.0.0.1:5432/test),
// which is kept; a later run with the same name and BENCH_STATEMENTS runs the queries on it (a minute
// or two rather than an hour at 100,000). A schema left by a load that did not finish, or made with
// another BENCH_STATEMENTS, is dropped and loaded again (a table `bench_kept` marks a finished load).
// Drop it by hand when done: DROP SCHEMA search_100k CASCADE.
// BENCH_PROFILE=1 prints each step's CPU time per request.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { sql } from 'kysely';
import pg from 'pg';
import { ORGANIZATION_KINDS } from '../src/domain/organization.ts';
import { regionOf } from '../src/domain/region.ts';
import { COPIED_COLUMNS } from '../src/operations/releases.ts';
import { search } from '../src/operations/search.ts';
import { migrate } from '../src/storage/migrate.ts';
import { createGinIndexes, type FacetValues, GIN_INDEXES, insertDocs, type SearchDoc, setPairTokens, TokenCounter } from '../src/storage/queries/search.ts';
import { openStorage, type Engine, type Storage } from '../src/storage/storage.ts';
import { freshDatabase } from '../test/engines.ts';

const N = Number(process.env.BENCH_STATEMENTS ?? '100000');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? '3');
const ENGINES = (process.env.BENCH_ENGINES ?? 'sqlite,postgres').split(',') as Engine[];
const EVENTS = 2000;
const SERIES = 8;
const BATCH = 500;
/** BENCH_PROFILE=1: the CPU time of each step of a search (this process's), summed per class. */
const PROFILE: Record<string, number> | null = process.env.BENCH_PROFILE ? {} : null;

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Lang = 'en' | 'fr' | 'es';
const FUNCTION: Record<Lang, string> = {
  en: 'the of and to in a that is for on with as by be this are we our it from at have has not which all their will an more its must who these also can been was they',
  fr: 'de la le et les des à en du un une que pour dans sur est par nous qui au plus ne pas se ses leur sont ont avec cette ce il elle aux été être doit',
  es: 'de la el y en los las que a del por para con un una se su es al lo como más sus ha han este esta nuestro nuestra debe son ser entre sobre también',
};
const CONTENT: Record<Lang, string> = {
  en: 'migration development countries government cooperation international national policy rights support security health climate economic workers labour mobility regional global human women children access protection implementation commitment framework dialogue partnership sustainable agenda capacity resources progress challenges communities data governance finance trade investment education employment states organization member public private sector civil society ministry strategy recovery resilience adaptation refugees displacement integration inclusion poverty growth digital innovation technology infrastructure water food energy transition justice peace law council delegation report review process measures action plan goals targets indicators monitoring funding budget',
  fr: 'migration développement pays gouvernement coopération internationale nationale politique droits soutien sécurité santé climat économique travailleurs travail mobilité régionale mondiale humains femmes enfants accès protection mise œuvre engagement cadre dialogue partenariat durable programme capacités ressources progrès défis communautés données gouvernance financement commerce investissement éducation emploi états organisation membres public privé secteur société civile ministère stratégie relance résilience adaptation réfugiés déplacement intégration inclusion pauvreté croissance numérique innovation technologie infrastructures eau alimentation énergie transition justice paix droit conseil délégation rapport examen processus mesures action plan objectifs cibles indicateurs suivi budget',
  es: 'migración desarrollo países gobierno cooperación internacional nacional política derechos apoyo seguridad salud clima económico trabajadores trabajo movilidad regional mundial humanos mujeres niños acceso protección aplicación compromiso marco diálogo asociación sostenible agenda capacidades recursos progreso desafíos comunidades datos gobernanza financiación comercio inversión educación empleo estados organización miembros público privado sector sociedad civil ministerio estrategia recuperación resiliencia adaptación refugiados desplazamiento integración inclusión pobreza crecimiento digital innovación tecnología infraestructura agua alimentación energía transición justicia paz derecho consejo delegación informe examen proceso medidas acción plan objetivos metas indicadores seguimiento presupuesto',
};
const PHRASES: Record<Lang, string[]> = {
  en: ['labour mobility', 'climate finance', 'fair recruitment', 'human rights', 'sustainable development goals', 'safe orderly and regular migration'],
  fr: ['mobilité de la main-d’œuvre', 'financement climatique', 'recrutement équitable', 'droits humains', 'objectifs de développement durable'],
  es: ['movilidad laboral', 'financiación climática', 'contratación equitativa', 'derechos humanos', 'objetivos de desarrollo sostenible'],
};
const NAMES = [
  'Ingrid Sørensen', 'Lech Wałęsa', 'Ana Gómez', 'Hans Straße', 'Nguyễn Thị Minh Khai', 'Đorđe Petrović', 'Søren Kierkegaard', 'Zoë Ærø',
  'Анна Петрова', 'Сергей Иванов', 'محمد عبد الله', 'فاطمة الزهراء', '王毅', '李娜', 'Γιώργος Παπανδρέου', '문재인', 'नरेंद्र मोदी', 'José Núñez',
  'François Lefèvre', 'Małgorzata Kowalska', 'Çağla Yılmaz', 'Ólafur Ragnar Grímsson', 'Kwame Mensah', 'Amara Diallo',
];
const SYLL = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'ti', 'vo', 'de', 'ba', 'go', 'le', 'pra', 'sto', 'quen', 'rim', 'zul', 'tas'];
const TAIL = 30_000;
const COUNTRIES = 'AR AU BD BR CA CL CN CO DE DZ EG ES ET FI FR GB GH GR ID IN IR IT JO JP KE KR LB MA MX NG NL NO NZ PE PH PK PL PT RU SA SE SN TH TN TR UA US VN ZA'.split(' ');
const MATERIAL = ['statement', 'statement', 'statement', 'statement', 'presentation', 'opening-remarks', 'closing-remarks', 'remarks'];

/** A language's vocabulary in Zipf order and the cumulative weights to draw from it. */
function vocabulary(lang: Lang, rnd: () => number) {
  const words = [...FUNCTION[lang].split(' '), ...CONTENT[lang].split(' ')];
  const seen = new Set(words);
  while (words.length < TAIL) {
    let w = '';
    const n = 2 + Math.floor(rnd() * 3);
    for (let i = 0; i < n; i++) w += SYLL[Math.floor(rnd() * SYLL.length)];
    if (!seen.has(w)) {
      seen.add(w);
      words.push(w);
    }
  }
  const cum = new Float64Array(words.length);
  let total = 0;
  for (let i = 0; i < words.length; i++) cum[i] = total += 1 / Math.pow(i + 1, 1.0);
  return { words, cum, total };
}

function draw(v: ReturnType<typeof vocabulary>, r: number): number {
  const x = r * v.total;
  let lo = 0;
  let hi = v.cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (v.cum[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

type Generated = { doc: SearchDoc; words: number; chars: number };

/** The corpus, made the same way for each engine (same seed), with each word's document frequency. */
function* corpus(df?: Map<string, number>): Generator<Generated> {
  const rnd = mulberry32(12);
  const vocab = { en: vocabulary('en', rnd), fr: vocabulary('fr', rnd), es: vocabulary('es', rnd) };
  const events = Array.from({ length: EVENTS }, (_, i) => ({ id: i + 1, year: 2006 + Math.floor((i * 20) / EVENTS), series: 1 + (i % SERIES), title: `Dialogue ${i + 1}` }));
  for (let n = 0; n < N; n++) {
    const lang: Lang = rnd() < 0.5 ? 'en' : rnd() < 0.5 ? 'fr' : 'es';
    const v = vocab[lang];
    const length = 300 + Math.floor(rnd() * 1201);
    const name = NAMES[Math.floor(rnd() * NAMES.length)]!;
    const parts: string[] = [];
    const seen = df ? new Set<string>() : null;
    let sentence = 0;
    for (let w = 0; w < length; w++) {
      let word = v.words[draw(v, rnd())]!;
      if (sentence === 0) word = word[0]!.toUpperCase() + word.slice(1);
      parts.push(word);
      seen?.add(word.toLowerCase());
      if (++sentence > 8 && rnd() < 0.08) {
        parts[parts.length - 1] += '.';
        sentence = 0;
        if (rnd() < 0.15) parts.push(PHRASES[lang][Math.floor(rnd() * PHRASES[lang].length)]!);
      }
    }
    if (df && seen) for (const w of seen) df.set(w, (df.get(w) ?? 0) + 1);
    const body = `${name}. ${parts.join(' ')}.`;
    const event = events[Math.floor(rnd() * EVENTS)]!;
    const country = COUNTRIES[Math.floor(rnd() * COUNTRIES.length)]!;
    const facets: FacetValues = {
      kind: 'material',
      year: event.year,
      series: event.series,
      event: event.id,
      country,
      region: regionOf(country),
      orgKind: ORGANIZATION_KINDS[Math.floor(rnd() * ORGANIZATION_KINDS.length)]!,
      role: rnd() < 0.1 ? 'moderator' : 'speaker',
      materialKind: MATERIAL[Math.floor(rnd() * MATERIAL.length)]!,
      lang,
    };
    const label = lang === 'en' ? `Statement by ${name}` : lang === 'fr' ? `Déclaration de ${name}` : `Declaración de ${name}`;
    yield {
      doc: { kind: 'material', refId: n + 1, facets, personId: null, fileId: null, title: label, personName: name, eventTitle: event.title, date: `${event.year}-06-01`, href: `/files/bench-${n + 1}`, body, lang },
      words: length,
      chars: body.length,
    };
  }
}

type Query = { label: string; q: string; filters?: Record<string, string> };

/** The fixed mix: chosen from the corpus's own document frequencies, so that each class is what it says. */
function queries(df: Map<string, number>): Record<string, Query[]> {
  const content = (lang: Lang) => CONTENT[lang].split(' ');
  const byDf = (lo: number, hi: number, from: string[]) => from.filter((w) => (df.get(w) ?? 0) >= lo && (df.get(w) ?? 0) <= hi);
  const common = [...content('en').slice(0, 4), ...content('fr').slice(0, 3), ...content('es').slice(0, 3)];
  const all = [...df.keys()];
  const known = new Set(Object.values({ ...FUNCTION }).concat(Object.values(CONTENT)).join(' ').split(' '));
  const tail = all.filter((w) => /^[a-z]+$/.test(w) && !known.has(w));
  const mid = byDf(1000, 8000, tail).slice(0, 10);
  const rare = byDf(5, 60, tail).slice(0, 10);
  const phrase = [...PHRASES.en.slice(0, 4), ...PHRASES.fr.slice(0, 3), ...PHRASES.es.slice(0, 3)];
  return {
    'common term': common.map((q) => ({ label: q, q })),
    'common + facets': common.map((q, i): Query => ({ label: q, q, filters: i % 2 ? { year: String(2015 + i), lang: 'en' } : { region: 'europe', role: 'speaker', materialKind: 'statement' } })),
    'two common terms': common.slice(0, 9).map((q, i) => ({ label: `${q} ${common[i + 1]}`, q: `${q} ${common[i + 1]}` })),
    phrase: phrase.map((p) => ({ label: `"${p}"`, q: `"${p}"` })),
    '≤10,000 matches': mid.map((q) => ({ label: `${q} (${df.get(q)})`, q })),
    '≤10,000 + facets': mid.map((q) => ({ label: `${q} (${df.get(q)})`, q, filters: { lang: 'en', role: 'speaker' } })),
    'rare term': rare.map((q) => ({ label: `${q} (${df.get(q)})`, q })),
    'name (accents folded)': ['sorensen', 'walesa', 'gomez', 'strasse', 'petrovic', 'kowalska', 'yilmaz', 'nunez', '王毅', 'петрова'].map((q) => ({ label: q, q })),
  };
}

/** The PostgreSQL backends of a storage's pool (10 connections opened at once, so each is one of them). */
async function backendPids(storage: Storage): Promise<number[]> {
  if (storage.engine !== 'postgres') return [];
  const rows = await Promise.all(Array.from({ length: 10 }, () => sql<{ pid: number }>`SELECT pg_backend_pid() AS pid, pg_sleep(0.2)`.execute(storage.db)));
  return [...new Set(rows.map((r) => Number(r.rows[0]!.pid)))];
}
/** Nanoseconds these processes have run on a core (0 for one gone). */
function schedNs(pids: number[]): number {
  let ns = 0;
  for (const pid of pids) {
    try {
      ns += Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // gone, or another machine's
    }
  }
  return ns;
}
/** CPU milliseconds of this process and of the server's backends since `from`. */
function cpuSince(from: { own: NodeJS.CpuUsage; server: number }, pids: number[]): { own: number; server: number } {
  const own = process.cpuUsage(from.own);
  return { own: (own.user + own.system) / 1000, server: (schedNs(pids) - from.server) / 1e6 };
}
const cpuNow = (pids: number[]) => ({ own: process.cpuUsage(), server: schedNs(pids) });

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
const ms = (x: number) => x.toFixed(1).padStart(7);

/** The series and published events the statements belong to (their year and series are facets). */
async function events(storage: Storage): Promise<void> {
  const now = new Date().toISOString();
  await storage.db.transaction().execute(async (trx) => {
    for (let i = 1; i <= SERIES; i++) await trx.insertInto('series').values({ id: i, slug: `series-${i}`, title: `Series ${i}`, lang: 'en', description: null, convener_id: null, created_at: now, updated_at: now } as never).execute();
    const rows = Array.from({ length: EVENTS }, (_, i) => {
      const year = 2006 + Math.floor((i * 20) / EVENTS);
      return { id: i + 1, series_id: 1 + (i % SERIES), slug: `dialogue-${i + 1}`, title: `Dialogue ${i + 1}`, lang: 'en', start_date: `${year}-06-01`, end_date: `${year}-06-02`, time_zone: 'UTC', themes: '[]', status: 'published', created_at: now, updated_at: now };
    });
    for (let i = 0; i < rows.length; i += 200) await trx.insertInto('event').values(rows.slice(i, i + 200) as never).execute();
    const cols = sql.join(COPIED_COLUMNS.event.map((c) => sql.ref(c)));
    await sql`INSERT INTO pub_event (${cols}) SELECT ${cols} FROM event`.execute(trx);
  });
}

type Loaded = { seconds: number; indexing: number; ownCpu: number; serverCpu: number; words: number; bytes: number };

async function load(storage: Storage, pids: number[]): Promise<Loaded> {
  await events(storage);
  const started = performance.now();
  let batch: SearchDoc[] = [];
  let words = 0;
  let bytes = 0;
  let done = 0;
  // Only the index's own work is counted (not the making of the text): wall clock and CPU inside insertDocs.
  let indexing = 0;
  let ownCpu = 0;
  let serverCpu = 0;
  const flush = async () => {
    const docs = batch;
    batch = [];
    const t0 = performance.now();
    const c0 = cpuNow(pids);
    await storage.db.transaction().execute((trx) => insertDocs(trx, docs));
    const c = cpuSince(c0, pids);
    indexing += performance.now() - t0;
    ownCpu += c.own;
    serverCpu += c.server;
    done += docs.length;
    if (done % 10000 === 0) process.stderr.write(`\r  ${storage.engine}: ${done}/${N} statements, ${((performance.now() - started) / 1000).toFixed(0)} s`);
  };
  if (storage.engine === 'postgres') {
    // A bulk load builds the GIN indexes once at the end (as a rebuild would), not row by row.
    for (const i of GIN_INDEXES) await sql`DROP INDEX ${sql.ref(i.name)}`.execute(storage.db);
  }
  if (storage.engine === 'postgres') {
    // As a rebuild of an empty index does: the common tokens (whose adjacent pairs are indexed)
    // chosen from the documents' tokens counted in this process (not stored), here the first
    // tenth of the statements (counted as indexing time).
    const t0 = performance.now();
    const c0 = cpuNow(pids);
    const counter = new TokenCounter();
    for (const g of corpus()) {
      counter.add([g.doc]);
      if (counter.docs >= N / 10) break;
    }
    const tokens = counter.common();
    await storage.db.transaction().execute((trx) => setPairTokens(trx, tokens));
    const c = cpuSince(c0, pids);
    indexing += performance.now() - t0;
    ownCpu += c.own;
    serverCpu += c.server;
    process.stderr.write(`\n  postgres: ${tokens.length} common tokens chosen from ${counter.docs} statements\n`);
  }
  for (const g of corpus()) {
    batch.push(g.doc);
    words += g.words;
    bytes += Buffer.byteLength(g.doc.body);
    if (batch.length === BATCH) await flush();
  }
  if (batch.length) await flush();
  const t0 = performance.now();
  const c0 = cpuNow(pids);
  if (storage.engine === 'postgres') {
    await storage.db.transaction().execute((trx) => createGinIndexes(trx));
    await sql`ANALYZE search_doc`.execute(storage.db);
  } else {
    await sql`INSERT INTO search_fts(search_fts) VALUES ('optimize')`.execute(storage.db);
    await sql`ANALYZE`.execute(storage.db);
  }
  // The GIN indexes built at the end (PostgreSQL), FTS5's segments merged (SQLite), statistics.
  const c = cpuSince(c0, pids);
  indexing += performance.now() - t0;
  ownCpu += c.own;
  serverCpu += c.server;
  process.stderr.write('\n');
  return { seconds: (performance.now() - started) / 1000, indexing: indexing / 1000, ownCpu: ownCpu / 1000, serverCpu: serverCpu / 1000, words, bytes };
}

/**
 * BENCH_PG_KEEP: a kept PostgreSQL schema, and whether it holds a finished load of N statements
 * (else it is dropped and made again, empty).
 */
async function keptSchema(schema: string): Promise<{ url: string; reuse: boolean }> {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`BENCH_PG_KEEP: "${schema}" is not a lower-case schema name`);
  // The schema is dropped when it holds no finished load: never one the database itself or its tests use.
  if (schema === 'public' || schema === 'information_schema' || schema.startsWith('pg_') || /^t_[0-9a-f]{12}$/.test(schema)) {
    throw new Error(`BENCH_PG_KEEP: "${schema}" is a schema the database or its tests use, and a load there would drop it; name another (search_100k, say)`);
  }
  const base = process.env.PLENARY_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    const marker = await admin.query(`SELECT to_regclass('${schema}.bench_kept') IS NOT NULL AS done`);
    let reuse = false;
    if (marker.rows[0].done) {
      const r = await admin.query(`SELECT statements FROM ${schema}.bench_kept`);
      reuse = r.rows.length === 1 && Number(r.rows[0].statements) === N;
    }
    if (!reuse) {
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.query(`CREATE SCHEMA ${schema}`);
    }
    const sep = base.includes('?') ? '&' : '?';
    return { url: `${base}${sep}options=${encodeURIComponent(`-c search_path=${schema}`)}`, reuse };
  } finally {
    await admin.end();
  }
}

async function run(engine: Engine, mix: Record<string, Query[]>): Promise<void> {
  // BENCH_SQLITE_FILE / BENCH_PG_KEEP: keep the database and use it again when it holds a load (for profiling).
  let reuse = false;
  let kept = false;
  let fresh: { url: string; drop(): Promise<void> };
  if (engine === 'sqlite' && process.env.BENCH_SQLITE_FILE) {
    const file = process.env.BENCH_SQLITE_FILE;
    reuse = existsSync(file);
    kept = true;
    fresh = { url: `sqlite:${file}`, drop: async () => {} };
  } else if (engine === 'postgres' && process.env.BENCH_PG_KEEP) {
    const k = await keptSchema(process.env.BENCH_PG_KEEP);
    reuse = k.reuse;
    kept = true;
    fresh = { url: k.url, drop: async () => {} };
  } else fresh = await freshDatabase(engine);
  const storage = await openStorage(fresh.url);
  try {
    await migrate(storage);
    // PostgreSQL's backends are this machine's processes: their CPU time is read from /proc.
    // (Collected again after the load, whose transactions may have used other connections.)
    let pids = await backendPids(storage);
    if (kept) console.log(`\n${engine}: ${reuse ? 'the kept database used again' : 'loading into the kept database'} (${engine === 'sqlite' ? process.env.BENCH_SQLITE_FILE : `schema ${process.env.BENCH_PG_KEEP}`})`);
    const l = reuse ? { seconds: NaN, indexing: NaN, ownCpu: NaN, serverCpu: NaN, words: NaN, bytes: NaN } : await load(storage, pids);
    if (kept && !reuse && engine === 'postgres') {
      // Marks the load finished: a later run with the same BENCH_STATEMENTS uses it again.
      await sql`CREATE TABLE bench_kept (statements integer NOT NULL)`.execute(storage.db);
      await sql`INSERT INTO bench_kept (statements) VALUES (${N})`.execute(storage.db);
    }
    pids = await backendPids(storage);
    let size = '';
    if (engine === 'sqlite') size = `, database file ${(statSync(fresh.url.slice('sqlite:'.length)).size / 1024 / 1024).toFixed(0)} MB`;
    else {
      const r = await sql<{ s: string }>`SELECT pg_size_pretty(pg_total_relation_size('search_doc')) AS s`.execute(storage.db);
      size = `, search_doc with its indexes ${r.rows[0]!.s}`;
    }
    const load1 = (await import('node:os')).loadavg()[0]!.toFixed(1);
    if (reuse) console.log(`\n${engine}: ${N.toLocaleString('en')} statements loaded earlier${size}; load average ${load1}`);
    else console.log(
      `\n${engine}: indexed ${N.toLocaleString('en')} statements (${(l.words / 1e6).toFixed(1)} M words, ${(l.bytes / 1024 / 1024).toFixed(0)} MB of text) in ${l.indexing.toFixed(1)} s of indexing (${l.seconds.toFixed(1)} s with making the text): ` +
        `${Math.round(N / l.indexing).toLocaleString('en')} statements/s, ${(l.bytes / 1024 / 1024 / l.indexing).toFixed(1)} MB/s${size}`,
    );
    if (!reuse) console.log(
      `  CPU while indexing: this process ${l.ownCpu.toFixed(1)} s${engine === 'postgres' ? `, the server's backends ${l.serverCpu.toFixed(1)} s` : ''}: ` +
        `${Math.round(N / (l.ownCpu + l.serverCpu)).toLocaleString('en')} statements per CPU-second; load average ${load1}`,
    );
    // Warm-up: every query once (caches, prepared plans), not counted.
    for (const qs of Object.values(mix)) for (const q of qs) await search(storage, { q: q.q, filters: q.filters ?? {} });
    const overall: number[] = [];
    const overallCpu: number[] = [];
    const pg = engine === 'postgres';
    console.log(
      `  ${'class'.padEnd(24)} ${'n'.padStart(4)} ${'p50 ms'.padStart(7)} ${'p95 ms'.padStart(7)} ${'p99 ms'.padStart(7)}   CPU ms${pg ? ' (node + server)' : ''}: ${'p50'.padStart(5)} ${'p95'.padStart(6)} ${'p99'.padStart(6)}  matches (min–max)`,
    );
    for (const [cls, qs] of Object.entries(mix)) {
      if (!qs.length) continue;
      const times: number[] = [];
      const cpus: number[] = [];
      let min = Infinity;
      let max = 0;
      for (let round = 0; round < ROUNDS; round++) {
        for (const q of qs) {
          const c0 = cpuNow(pids);
          const t0 = performance.now();
          const r = await search(storage, { q: q.q, filters: q.filters ?? {}, ...(PROFILE ? { profile: PROFILE } : {}) });
          const dt = performance.now() - t0;
          const c = cpuSince(c0, pids);
          times.push(dt);
          overall.push(dt);
          cpus.push(c.own + c.server);
          overallCpu.push(c.own + c.server);
          min = Math.min(min, r.total);
          max = Math.max(max, r.total);
          if (round === 0 && r.total && r.hits.length !== Math.min(20, r.total)) throw new Error(`${q.label}: ${r.hits.length} hits of ${r.total}`);
        }
      }
      const cpuCols = `${' '.repeat(pg ? 25 : 9)}${ms(pct(cpus, 50)).slice(1)} ${ms(pct(cpus, 95))} ${ms(pct(cpus, 99))}`;
      console.log(`  ${cls.padEnd(24)} ${String(times.length).padStart(4)} ${ms(pct(times, 50))} ${ms(pct(times, 95))} ${ms(pct(times, 99))}${cpuCols}  ${min.toLocaleString('en')}–${max.toLocaleString('en')}`);
      if (PROFILE) {
        console.log(`    steps (CPU ms per request): ${Object.entries(PROFILE).map(([k, v]) => `${k} ${(v / times.length).toFixed(1)}`).join(', ')}`);
        for (const k of Object.keys(PROFILE)) delete PROFILE[k];
      }
    }
    console.log(
      `  ${'all'.padEnd(24)} ${String(overall.length).padStart(4)} ${ms(pct(overall, 50))} ${ms(pct(overall, 95))} ${ms(pct(overall, 99))}${' '.repeat(pg ? 25 : 9)}${ms(pct(overallCpu, 50)).slice(1)} ${ms(pct(overallCpu, 95))} ${ms(pct(overallCpu, 99))}`,
    );
    console.log(`  load average ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  } finally {
    await storage.close();
    await fresh.drop();
  }
}

const df = new Map<string, number>();
// A first pass for the document frequencies that pick the queries (the corpus is made again, the same, for each engine).
for (const _ of corpus(df));
const mix = queries(df);
console.log(`bench:search — ${N.toLocaleString('en')} statements, ${ROUNDS} rounds of each query; the full request: exact facet counts, top 20 ranked, snippets`);
for (const [cls, qs] of Object.entries(mix)) console.log(`  ${cls}: ${qs.map((q) => q.label + (q.filters ? ` [${Object.entries(q.filters).map(([k, v]) => `${k}=${v}`).join(' ')}]` : '')).join(', ')}`);
for (const engine of ENGINES) {
  try {
    await run(engine, mix);
  } catch (e) {
    console.log(`\n${engine}: ${e instanceof Error ? e.message : String(e)}`);
  }
}
