// The search index kept in step with edits of organizations and persons (issue 9, review M3/L4),
// on every engine, through the doors users open: the seed event (the demo), an admin's forms and
// merge over HTTP, /api/search, and `plenary search rebuild`. A statement's entry carries its
// speaker's organization's kind and country as facets: an edit of the organization moves them at
// once. And the index the edits leave (documents made set-based, only where they changed) is
// exactly the one a rebuild makes: every row of the search tables but SQLite's ids, which number
// documents in the order they were made (the full-text rows are compared by document).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sql } from 'kysely';
import { importDemo } from '../src/operations/demo.ts';
import type { DbOrTx } from '../src/storage/database.ts';
import { startServer } from '../src/web/server.ts';
import { ENGINES, migratedStorage } from './engines.ts';
import { http, signedIn } from './http-client.ts';
import { runPlenary } from './plenary-cli.ts';

type Answer = { total: number; results: Array<{ kind: string; title: string }>; facets: Record<string, Array<{ value: string; count: number }>> };

/** Every row of the search tables, by document (kind and record), without SQLite's ids. */
async function indexRows(db: DbOrTx, engine: string): Promise<{ docs: unknown[]; tokens: string[]; pairs: string[] }> {
  if (engine === 'sqlite') {
    const docs = await sql<Record<string, unknown>>`
      SELECT kind, ref_id, combo_id, event_id, series_id, year, country, region, org_kind, role, material_kind, lang, person_id, file_id, title, person_name, event_title, date, href, body
      FROM search_doc ORDER BY kind, ref_id`.execute(db);
    await sql`CREATE VIRTUAL TABLE IF NOT EXISTS temp.upkeep_vocab USING fts5vocab(main, search_fts, instance)`.execute(db);
    const tokens = await sql<{ t: string }>`
      SELECT d.kind || ':' || d.ref_id || ':' || v.col || ':' || v.offset || ':' || v.term AS t
      FROM temp.upkeep_vocab v JOIN search_doc d ON d.id = v.doc ORDER BY t`.execute(db);
    const orphans = await sql<{ n: number }>`SELECT count(*) AS n FROM temp.upkeep_vocab WHERE doc NOT IN (SELECT id FROM search_doc)`.execute(db);
    assert.equal(Number(orphans.rows[0]!.n), 0, 'full-text rows of documents removed');
    return { docs: docs.rows, tokens: tokens.rows.map((r) => r.t), pairs: [] };
  }
  const docs = await sql<Record<string, unknown>>`
    SELECT kind, ref_id, combo_id, event_id, series_id, year, country, region, org_kind, role, material_kind, lang, person_id, file_id, title, person_name, event_title, date, href, body,
      tsv::text AS tsv, title_tsv::text AS title_tsv, pair_tsv::text AS pair_tsv, pairs_partial
    FROM search_doc ORDER BY kind, ref_id`.execute(db);
  const pairs = await sql<{ token: string }>`SELECT token FROM search_pair_token ORDER BY token`.execute(db);
  return { docs: docs.rows, tokens: [], pairs: pairs.rows.map((r) => r.token) };
}

for (const engine of ENGINES) {
  describe(`search index upkeep on ${engine}`, () => {
    test("an organization's kind and country change its statements' facets at once; the edited index equals a rebuilt one", async () => {
      const t = await migratedStorage(engine);
      await importDemo(t.storage);
      const server = await startServer(t.storage, { port: 0, host: '127.0.0.1' });
      const base = `http://127.0.0.1:${server.port}`;
      const ask = async (q: string): Promise<Answer> => {
        const r = await http('GET', `${base}/api/search?${q}`);
        assert.equal(r.status, 200, r.body);
        return JSON.parse(r.body) as Answer;
      };
      const counts = (a: Answer, f: string) => (a.facets[f] ?? []).map((x) => `${x.value}=${x.count}`);
      try {
        // The common tokens chosen (PostgreSQL) from the seed's index, as the rebuild at the end will.
        const first = runPlenary(['search', 'rebuild'], t.url);
        assert.equal(first.code, 0, first.err);
        const db = t.storage.db;
        const admin = await signedIn(t.storage, base, { email: 'admin@example.org', role: 'admin' });
        const icmc = await db.selectFrom('organization').select(['id', 'name', 'kind', 'country_code', 'version']).where('name', '=', 'International Catholic Migration Commission').executeTakeFirstOrThrow();
        assert.deepEqual([icmc.kind, icmc.country_code], ['civil-society', null]);
        // Its speaker's statement, as the public finds it.
        const speaker = await db
          .selectFrom('pub_appearance as a')
          .innerJoin('person as p', 'p.id', 'a.person_id')
          .innerJoin('pub_material as m', 'm.appearance_id', 'a.id')
          .select(['p.id', 'p.name', 'a.country_code', 'm.kind'])
          .where('a.organization_id', '=', icmc.id)
          .executeTakeFirstOrThrow();
        assert.equal(speaker.kind, 'statement');
        const statementsBy = async (orgKind: string) => (await ask(`q=statement&kind=material&orgKind=${orgKind}`)).total;
        const civil = await statementsBy('civil-society');
        const academiaBefore = await statementsBy('academia');
        const before = await ask('q=statement&kind=material');

        // Its kind and country changed through the form.
        const saved = await admin.post(`/admin/organizations/${icmc.id}`, { name: icmc.name, kind: 'academia', country_code: 'CH', version: String(icmc.version) });
        assert.equal(saved.status, 303, saved.body);
        assert.equal(await statementsBy('civil-society'), civil - 1);
        assert.equal(await statementsBy('academia'), academiaBefore + 1);
        const after = await ask('q=statement&kind=material');
        assert.equal(after.total, before.total);
        const moved = (a: Answer, value: string) => a.facets.orgKind!.find((x) => x.value === value)?.count ?? 0;
        assert.equal(moved(after, 'academia'), moved(before, 'academia') + 1);
        assert.equal(moved(after, 'civil-society'), moved(before, 'civil-society') - 1);
        if (speaker.country_code === null) {
          // The appearance gives no country: the statement's is its organization's now.
          assert.equal((await ask('q=statement&kind=material&country=CH')).total, 1, counts(after, 'country').join(' '));
        }
        // The organization's own entry follows too.
        const org = await ask('q=catholic&kind=organization');
        assert.deepEqual([org.total, counts(org, 'orgKind'), counts(org, 'country')], [1, ['academia=1'], ['CH=1']]);

        // More edits: an organization renamed, another merged into it, a person renamed.
        const iom = await db.selectFrom('organization').select(['id', 'kind', 'country_code', 'version']).where('name', '=', 'International Organization for Migration').executeTakeFirstOrThrow();
        const renamed = await admin.post(`/admin/organizations/${iom.id}`, { name: 'International Organization for Migration (IOM)', kind: iom.kind, country_code: iom.country_code ?? '', version: String(iom.version) });
        assert.equal(renamed.status, 303, renamed.body);
        assert.ok((await ask('q=iom&kind=person')).total > 0);
        const osf = await db.selectFrom('organization').select('id').where('name', '=', 'Open Society Foundations').executeTakeFirstOrThrow();
        const merged = await admin.post(`/admin/organizations/${icmc.id}/merge`, { other: String(osf.id) });
        assert.equal(merged.status, 303, merged.body);
        const p = await db.selectFrom('person').select(['id', 'honorific', 'gender', 'gender_term', 'version']).where('id', '=', speaker.id).executeTakeFirstOrThrow();
        const person = await admin.post(`/admin/persons/${p.id}`, { name: `${speaker.name} Jr`, honorific: p.honorific ?? '', gender: p.gender ?? '', gender_term: p.gender_term ?? '', version: String(p.version) });
        assert.equal(person.status, 303, person.body);

        const edited = await indexRows(db, engine);
        const rebuilt = runPlenary(['search', 'rebuild'], t.url);
        assert.equal(rebuilt.code, 0, rebuilt.err);
        const again = await indexRows(db, engine);
        assert.deepEqual(again.pairs, edited.pairs);
        assert.deepEqual(again.docs, edited.docs);
        assert.deepEqual(again.tokens, edited.tokens);
      } finally {
        await server.close();
        await t.cleanup();
      }
    });
  });
}
