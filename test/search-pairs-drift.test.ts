// The common tokens drift (issue 12), on every engine, through the doors users open: PostgreSQL
// indexes the adjacent pairs of the tokens that were common (in 1% of the documents) when
// `plenary search rebuild` last ran (pair_tsv, migration 0018), and the documents written after it
// (a publish) are made with that same set while what is common moves on. The next rebuild
// chooses another set and makes every document again with it. Between the two, searches must
// answer exactly as after the rebuild: words, phrases of two tokens whose pair is indexed under
// one set and not the other (looked up by pair, or checked by position), longer phrases, with a
// filter and on a second page. Here a demo archive is indexed and rebuilt (the first set), the
// seed event (the demo `npm start` imports, in English and about other things) is published on
// top of it, one of the archive's events is withdrawn, and the answers over HTTP are compared with
// those after a second rebuild. On SQLite
// (no pairs) the same answers are asked of FTS5, before and after its rebuild.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sql } from 'kysely';
import { importDemo } from '../src/operations/demo.ts';
import { pairTokens } from '../src/storage/queries/search.ts';
import { openStorage } from '../src/storage/storage.ts';
import { startServer } from '../src/web/server.ts';
import { ENGINES, freshDatabase } from './engines.ts';
import { http } from './http-client.ts';
import { runPlenary } from './plenary-cli.ts';

type Answer = { total: number; results: unknown[]; facets: Record<string, Array<{ value: string; count: number }>> };

/** Phrases and words asked of both engines (the seed's and the archive's words). */
const FIXED = [
  'migration',
  'migrants',
  '"human rights"',
  '"international migration"',
  '"migrant workers"',
  '"the global compact"',
  '"safe, orderly and regular migration"',
  '"predictable financing"',
  '"with full respect for human rights"',
  '"dans le plein respect des droits humains"',
  'protection "regional cooperation"',
];

for (const engine of ENGINES) {
  describe(`common tokens drifting from the last rebuild on ${engine}`, () => {
    test('documents published after a rebuild, made with its common tokens, are found as a new rebuild finds them', async () => {
      const fresh = await freshDatabase(engine);
      try {
        const made = runPlenary(['demo-archive', '--events', '2', '--seed', '3'], fresh.url, { env: { PLENARY_DEMO: 'off' } });
        assert.equal(made.code, 0, made.err);
        const first = runPlenary(['search', 'rebuild'], fresh.url);
        assert.equal(first.code, 0, first.err);
        const storage = await openStorage(fresh.url);
        await storage.generation.start();
        const server = await startServer(storage, { port: 0, host: '127.0.0.1' });
        const base = `http://127.0.0.1:${server.port}`;
        const ask = async (q: string, extra = ''): Promise<Answer> => {
          const r = await http('GET', `${base}/api/search?q=${encodeURIComponent(q)}${extra}`);
          assert.equal(r.status, 200, r.body);
          return JSON.parse(r.body) as Answer;
        };
        try {
          const before = engine === 'postgres' ? await pairTokens(storage.db, false) : new Set<string>();
          // The seed event published on top, and one of the archive's events withdrawn: the documents
          // made and remade are made with the first set, while tokens become common and cease to be.
          const archived = await storage.db.selectFrom('pub_event').select('slug').orderBy('id').executeTakeFirstOrThrow();
          await importDemo(storage);
          const withdrawn = runPlenary(['publish', '--event', archived.slug, '--withdraw'], fresh.url);
          assert.equal(withdrawn.code, 0, withdrawn.err);
          const drifting: string[] = [];
          if (engine === 'postgres') {
            const counted = await sql<{ word: string; ndoc: number }>`SELECT word, ndoc FROM ts_stat('SELECT strip(tsv) FROM search_doc')`.execute(storage.db);
            const docs = Number((await sql<{ n: unknown }>`SELECT count(*) AS n FROM search_doc`.execute(storage.db)).rows[0]!.n);
            const min = Math.max(5, Math.ceil(docs * 0.01));
            const now = new Set(counted.rows.filter((r) => Number(r.ndoc) >= min).map((r) => r.word));
            const gone = [...before].filter((t) => !now.has(t));
            const come = [...now].filter((t) => !before.has(t));
            // The set has drifted both ways: tokens common no longer, tokens common now.
            assert.ok(gone.length > 0 && come.length > 0, `${gone.length} tokens no longer common, ${come.length} newly common`);
            // Two-token phrases the documents hold with a token that leaves or joins the set: from
            // the texts of the seed's documents (tokens as the index has them, adjacent in tsv).
            const tokens = await sql<{ tsv: string }>`SELECT tsv::text AS tsv FROM search_doc WHERE event_id = (SELECT id FROM event WHERE slug = 'idm-2017-new-york') OR kind IN ('person', 'organization')`.execute(storage.db);
            const moving = new Set([...gone, ...come]);
            const pairs = new Set<string>();
            for (const row of tokens.rows) {
              const at = new Map<number, string>();
              for (const m of row.tsv.matchAll(/'((?:[^']|'')+)':([0-9,]+)/g)) for (const p of m[2]!.split(',')) at.set(Number(p), m[1]!.replace(/''/g, "'"));
              for (const [p, t] of at) {
                const next = at.get(p + 1);
                if (next && (moving.has(t) || moving.has(next)) && /^[a-z]+$/.test(t + next)) pairs.add(`"${t} ${next}"`);
              }
            }
            drifting.push(...[...pairs].sort().slice(0, 24));
            assert.ok(drifting.length >= 10, drifting.join(' '));
          }
          const queries = [...FIXED, ...drifting];
          const answers = async () => {
            const out: Array<[string, Answer]> = [];
            for (const q of queries) out.push([q, await ask(q)], [`${q} page 2`, await ask(q, '&page=2')], [`${q} lang en`, await ask(q, '&lang=en')]);
            return out;
          };
          const drifted = await answers();
          assert.ok(drifted.filter(([, a]) => a.total > 0).length >= 10, 'most queries find something');

          const second = runPlenary(['search', 'rebuild'], fresh.url);
          assert.equal(second.code, 0, second.err);
          if (engine === 'postgres') {
            const after = await pairTokens(storage.db, false);
            assert.notDeepEqual([...after].sort(), [...before].sort(), 'the rebuild chose another set');
          }
          const rebuilt = await answers();
          for (let i = 0; i < drifted.length; i++) assert.deepEqual(drifted[i], rebuilt[i], drifted[i]![0]);
        } finally {
          await server.close();
          await storage.close();
        }
      } finally {
        await fresh.drop();
      }
    });
  });
}
