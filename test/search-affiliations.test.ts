// Persons found by what was printed beside their names (issue 12), on every engine, through the
// doors users open: the seed event (the demo `npm start` imports), /api/search and /search over
// HTTP. A person's document holds the positions and organizations printed on their published
// appearances and the names, in English, French and Spanish, of the countries they appeared for
// (or that a position names: "Permanent Representative of Mexico");
// an organization's its country's names. An admin's edit of an organization (over HTTP) remakes
// the documents of the persons who appeared for it at once; an editor's edit of an appearance
// shows in search when the event is published, not before; `plenary search rebuild` gives the
// same answers.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sql } from 'kysely';
import { importDemo } from '../src/operations/demo.ts';
import { SEARCH_DOC_RULES } from '../src/storage/search-doc-rules.ts';
import { startServer } from '../src/web/server.ts';
import { ENGINES, migratedStorage } from './engines.ts';
import { http, signedIn } from './http-client.ts';
import { runPlenary } from './plenary-cli.ts';

type Part = { text: string; mark: boolean };
type Hit = { kind: string; title: string; snippet: Part[] };
type Answer = { total: number; results: Hit[]; facets: Record<string, Array<{ value: string; count: number }>> };

/** A snippet as text, its marked words in brackets. */
const shown = (parts: Part[]) => parts.map((p) => (p.mark ? `[${p.text}]` : p.text)).join('');

for (const engine of ENGINES) {
  describe(`search by affiliation on ${engine}`, () => {
    test('positions, organizations and countries (in English, French and Spanish) find the persons who appeared with them, and follow edits', async () => {
      const t = await migratedStorage(engine);
      await importDemo(t.storage);
      const server = await startServer(t.storage, { port: 0, host: '127.0.0.1' });
      const base = `http://127.0.0.1:${server.port}`;
      const ask = async (q: string, extra = ''): Promise<Answer> => {
        const r = await http('GET', `${base}/api/search?q=${encodeURIComponent(q)}${extra}`);
        assert.equal(r.status, 200, r.body);
        return JSON.parse(r.body) as Answer;
      };
      const found = async (q: string) => {
        const a = await ask(q);
        assert.equal(a.total, a.results.length, q);
        return a.results.map((h) => `${h.kind}: ${h.title} | ${shown(h.snippet)}`);
      };
      try {
        // The seed's two speakers for Mexico: Berenice Valdez Rivera (printed "…, Mexico": the country
        // MX) and Juan José Gómez Camacho (no country recognised on his appearance; his position says
        // "Permanent Representative of Mexico"). No organization of the seed has Mexico as its country,
        // and no event or session names it.
        // His position's country is read from it: its other names close his text ("(Mexique)": "México" is "Mexico" folded).
        const camacho = 'person: Juan José Gómez Camacho | … Extraordinary and Plenipotentiary, Permanent Representative of [Mexico] to the United Nations, Co-facilitator of the intergovernmental consultations and negotiations on the GCM (Mexique)';
        const berenice = (mark: (w: string) => string) =>
          `person: Berenice Valdez Rivera | … of Public Policies, Institute for Women in Migration (IMUMI), ${mark('Mexico')} (${mark('Mexique')}, ${mark('México')})`;
        const only = (word: string) => (w: string) => (w === word ? `[${w}]` : w);
        const spanishOrEnglish = (w: string) => (w === 'Mexique' ? w : `[${w}]`);
        assert.deepEqual(await found('mexico'), [camacho, berenice(spanishOrEnglish)]);
        assert.deepEqual(await found('México'), [camacho, berenice(spanishOrEnglish)]);
        // French: the country's name, which his appearance lacks but his position gives.
        assert.deepEqual(await found('mexique'), ['person: Juan José Gómez Camacho | … the intergovernmental consultations and negotiations on the GCM ([Mexique])', berenice(only('Mexique')).replace('… of Public Policies', '… Policies')]);
        const mexico = await ask('mexico');
        assert.deepEqual(mexico.facets.kind!.map((f) => [f.value, f.count]), [['person', 2]]);
        assert.deepEqual(mexico.facets.country!.map((f) => [f.value, f.count]), [['MX', 1]]);

        // Positions as printed, snippets from them; the other positions' words are not marked.
        assert.deepEqual(await found('"Director General"'), [
          'person: William Lacy Swing | [Director] [General], International Organization for Migration',
          'person: Ildegarde Niyonzima | [Director] [General] of Diplomatic inspection, Diaspora and Communication, Burundi',
          'person: Mehmet Samsar | [Director] [General] for Consular Affairs, Ministry of Foreign Affairs, Türkiye (Turquie, Turquía)',
          'person: Laura Thompson | Deputy [Director] [General], International Organization for Migration',
        ]);
        // Stemmed in the appearance's language: "ministers" finds "Minister" and marks it.
        const ministers = await ask('ministers', '&kind=person');
        assert.equal(ministers.total, 8);
        assert.deepEqual(shown(ministers.results.find((h) => h.title === 'Ahmed Hussen')!.snippet), '[Minister] of Immigration, Refugees, and Citizenship, Canada (Canadá)');
        // An organization's country, in the three languages; the person who spoke for it too.
        assert.deepEqual(await found('etiopia'), [
          'organization: Office of the Prime Minister | Ethiopia (Éthiopie, [Etiopía])',
          'person: Berhane Gebre-Christos | … Affairs, Office of the Prime Minister, Ethiopia (Éthiopie, [Etiopía])',
        ]);

        // The page marks the same words.
        const page = await http('GET', `${base}/search?q=mexique`);
        assert.equal(page.status, 200);
        assert.ok(page.body.includes('Institute for Women in Migration (IMUMI), Mexico (<mark>Mexique</mark>, México)'), page.body);
        assert.match(page.body, /<p role="status">2 results<\/p>/);

        // An admin renames the institute and gives it Mexico as its country: its document and the
        // person who spoke for it follow in the same write.
        const admin = await signedIn(t.storage, base, { email: 'admin@example.org', role: 'admin' });
        const db = t.storage.db;
        const imumi = await db.selectFrom('organization').select(['id', 'kind', 'version']).where('name', '=', 'Institute for Women in Migration (IMUMI)').executeTakeFirstOrThrow();
        const saved = await admin.post(`/admin/organizations/${imumi.id}`, { name: 'Instituto para las Mujeres en la Migración (IMUMI)', kind: imumi.kind, country_code: 'MX', version: String(imumi.version) });
        assert.equal(saved.status, 303, saved.body);
        assert.deepEqual(await found('instituto mujeres'), [
          // (its snippet is its text, its former name first: "Institute" stemmed is the Spanish word's stem)
          'organization: Instituto para las Mujeres en la Migración (IMUMI) | [Institute] for Women in Migration (IMUMI) Mexico (Mexique, México)',
          'person: Berenice Valdez Rivera | Coordinator of Public Policies, [Instituto] para las [Mujeres] en la Migración (IMUMI), Mexico (Mexique, México)',
        ]);
        assert.deepEqual(await found('"institute for women"'), [
          'organization: Instituto para las Mujeres en la Migración (IMUMI) | [Institute] [for] [Women] in Migration (IMUMI) Mexico (Mexique, México)',
        ]);
        assert.deepEqual((await ask('mexique')).results.map((h) => `${h.kind}: ${h.title}`), ['person: Juan José Gómez Camacho', 'organization: Instituto para las Mujeres en la Migración (IMUMI)', 'person: Berenice Valdez Rivera']);

        // An editor gives his appearance its country: nothing changes in search until the event is published.
        const event = await db.selectFrom('event').select('id').where('slug', '=', 'idm-2017-new-york').executeTakeFirstOrThrow();
        const at = await db
          .selectFrom('appearance as a')
          .innerJoin('person as p', 'p.id', 'a.person_id')
          .select(['a.id', 'a.role', 'a.affiliation_position', 'a.version'])
          .where('p.name', '=', 'Juan José Gómez Camacho')
          .executeTakeFirstOrThrow();
        const edited = await admin.post(`/admin/appearances/${at.id}`, {
          role: at.role,
          role_label: '',
          honorific: '',
          affiliation_position: at.affiliation_position!,
          organization: '',
          country: 'Mexico',
          talk_title: '',
          version: String(at.version),
        });
        assert.equal(edited.status, 303, edited.body);
        assert.equal((await db.selectFrom('appearance').select('country_code').where('id', '=', at.id).executeTakeFirstOrThrow()).country_code, 'MX');
        const unpublished = await ask('mexique');
        assert.deepEqual(unpublished.results.map((h) => h.title), ['Juan José Gómez Camacho', 'Instituto para las Mujeres en la Migración (IMUMI)', 'Berenice Valdez Rivera']);
        assert.deepEqual(unpublished.facets.country!.map((f) => [f.value, f.count]), [['MX', 2]]);
        const published = await admin.post(`/admin/events/${event.id}/publish`, { note: '' });
        assert.equal(published.status, 303, published.body);
        const after = await ask('mexique');
        assert.deepEqual(after.results.map((h) => `${h.kind}: ${h.title} | ${shown(h.snippet)}`), [
          'person: Juan José Gómez Camacho | … consultations and negotiations on the GCM, Mexico ([Mexique], México)',
          'organization: Instituto para las Mujeres en la Migración (IMUMI) | Institute for Women in Migration (IMUMI) Mexico ([Mexique], México)',
          'person: Berenice Valdez Rivera | … Instituto para las Mujeres en la Migración (IMUMI), Mexico ([Mexique], México)',
        ]);
        assert.deepEqual(after.facets.country!.map((f) => [f.value, f.count]), [['MX', 3]]);

        // plenary search rebuild makes the same documents.
        const queries = ['mexico', 'mexique', '"director general"', 'ministers', 'etiopia', 'instituto'];
        const before = await Promise.all(queries.map((q) => ask(q)));
        const rebuilt = runPlenary(['search', 'rebuild'], t.url);
        assert.equal(rebuilt.code, 0, rebuilt.err);
        assert.deepEqual(await Promise.all(queries.map((q) => ask(q))), before);
      } finally {
        await server.close();
        await t.cleanup();
      }
    });

    test('an archive whose persons’ documents were made by earlier rules is brought up to date by plenary migrate', async () => {
      const t = await migratedStorage(engine);
      await importDemo(t.storage);
      const server = await startServer(t.storage, { port: 0, host: '127.0.0.1' });
      const base = `http://127.0.0.1:${server.port}`;
      const q = t.storage.db;
      const persons = async (word: string) => {
        const r = await http('GET', `${base}/api/search?q=${encodeURIComponent(word)}&kind=person`);
        assert.equal(r.status, 200, r.body);
        return (JSON.parse(r.body) as Answer).results.map((h) => h.title);
      };
      try {
        const current = await persons('mexique');
        assert.deepEqual(current, ['Juan José Gómez Camacho', 'Berenice Valdez Rivera']);
        const counts = (await sql<{ kind: string; n: number | string }>`SELECT kind, COUNT(*) AS n FROM search_doc WHERE kind IN ('person', 'organization') GROUP BY kind`.execute(q)).rows;
        // As an archive from before the rules were recorded: the persons' and organizations' documents missing.
        if (engine === 'sqlite') await sql`DELETE FROM search_fts WHERE rowid IN (SELECT id FROM search_doc WHERE kind IN ('person', 'organization'))`.execute(q);
        await sql`DELETE FROM search_doc WHERE kind IN ('person', 'organization')`.execute(q);
        await q.deleteFrom('site_state').where('key', '=', 'search_doc_rules').execute();
        assert.deepEqual(await persons('mexique'), []);
        const migrated = runPlenary(['migrate'], t.url);
        assert.equal(migrated.code, 0, migrated.err);
        const n = (kind: string) => Number(counts.find((c) => c.kind === kind)?.n ?? 0);
        assert.deepEqual(migrated.out.trim().split('\n'), [`search documents made again (rules unrecorded -> ${SEARCH_DOC_RULES}): ${n('person')} persons, ${n('organization')} organizations`, 'the schema is up to date']);
        assert.deepEqual(await persons('mexique'), current);
        assert.deepEqual((await q.selectFrom('site_state').select('value').where('key', '=', 'search_doc_rules').executeTakeFirstOrThrow()).value, SEARCH_DOC_RULES);
        // Once they follow the rules, migrate leaves them.
        const again = runPlenary(['migrate'], t.url);
        assert.equal(again.code, 0, again.err);
        assert.equal(again.out, 'the schema is up to date\n');
      } finally {
        await server.close();
        await t.cleanup();
      }
    });
  });
}
