// Search over an archive (issue 12), on every engine, through the doors users open: a session is
// found by its moderators' and speakers' names, and stays so when an admin merges two persons over
// HTTP; an admin splits an organization over HTTP (appearances and names to a new record, editors
// refused, a split entry in the audit log, the public page and the search follow); and
// `plenary demo-archive` statements are searched by what was said, like uploaded files' text, also
// after `plenary search rebuild`.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { importAgenda } from '../src/operations/import-agenda.ts';
import { openStorage } from '../src/storage/storage.ts';
import { startServer } from '../src/web/server.ts';
import { ENGINES, freshDatabase, migratedStorage } from './engines.ts';
import { agenda, person, session } from './factories.ts';
import { http, signedIn } from './http-client.ts';
import { runPlenary } from './plenary-cli.ts';

const SERIES = { slug: 'idm', title: 'International Dialogue on Migration' };
const target = (slug: string) => ({ series: SERIES, event: { slug, title: slug.toUpperCase(), timeZone: 'Europe/Zurich' } });
const at = (name: string, position: string, organization: string) => person(name, { position, organization });

type Hit = { kind: string; title: string; snippet: Array<{ text: string; mark: boolean }> };
type Answer = { total: number; results: Hit[]; facets: Record<string, Array<{ value: string; count: number }>> };

for (const engine of ENGINES) {
  describe(`search over an archive on ${engine}`, () => {
    test('a session is found by its speakers’ names, also after a merge; an admin splits an organization over HTTP', async () => {
      const t = await migratedStorage(engine);
      const server = await startServer(t.storage, { port: 0, host: '127.0.0.1' });
      const base = `http://127.0.0.1:${server.port}`;
      const ask = async (q: string): Promise<Answer> => {
        const r = await http('GET', `${base}/api/search?q=${encodeURIComponent(q)}`);
        assert.equal(r.status, 200, r.body);
        return JSON.parse(r.body) as Answer;
      };
      const titles = async (q: string) => (await ask(q)).results.map((h) => `${h.kind}: ${h.title}`);
      try {
        await importAgenda(
          t.storage,
          agenda([{ date: '2008-10-02', sessions: [session({ title: 'Opening', speakers: [at('William Lacy Swing', 'Director General', 'International Organization for Migration'), at('Maria Garcia', 'Minister', 'Ministry of Foreign Affairs')] })] }]),
          target('idm-2008'),
          { publish: true },
        );
        await importAgenda(
          t.storage,
          agenda([{ date: '2018-05-02', sessions: [session({ title: 'Closing', speakers: [at('W. L. Swing', 'Director General', 'IOM'), at('Ana Lopez', 'Vice-Minister', 'Ministry of Foreign Affairs')] })] }]),
          target('idm-2018'),
          { publish: true },
        );
        const db = t.storage.db;

        // "Swing" finds both persons and the sessions they spoke in.
        assert.deepEqual(await titles('swing'), ['person: W. L. Swing', 'person: William Lacy Swing', 'session: Closing', 'session: Opening']);
        assert.deepEqual(await titles('lacy'), ['person: William Lacy Swing', 'session: Opening']);

        const admin = await signedIn(t.storage, base, { email: 'admin@example.org', role: 'admin' });
        const editor = await signedIn(t.storage, base, { email: 'editor@example.org', role: 'editor', series: ['idm'] });
        const personId = async (slug: string) => (await db.selectFrom('person').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
        const orgId = async (name: string) => (await db.selectFrom('organization').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;

        // Merged: the session he spoke in under his initials now names him in full.
        const merged = await admin.post(`/admin/persons/${await personId('william-lacy-swing')}/merge`, { other: String(await personId('w-l-swing')) });
        assert.equal(merged.status, 303, merged.body);
        const lacy = await ask('lacy');
        assert.deepEqual(lacy.results.map((h) => `${h.kind}: ${h.title}`), ['person: William Lacy Swing', 'session: Closing', 'session: Opening']);
        assert.deepEqual(lacy.results[1]!.snippet.filter((p) => p.mark).map((p) => p.text), ['Lacy']);

        // Organizations: "IOM" merged into the full name (its name becomes an alias), one ministry printed for two countries.
        const iom = await orgId('International Organization for Migration');
        assert.equal((await admin.post(`/admin/organizations/${iom}/merge`, { other: String(await orgId('IOM')) })).status, 303);
        const mfa = await orgId('Ministry of Foreign Affairs');
        const appearanceOf = async (slug: string) => (await db.selectFrom('appearance as a').innerJoin('person as p', 'p.id', 'a.person_id').select('a.id').where('p.slug', '=', slug).executeTakeFirstOrThrow()).id;
        const ana = await appearanceOf('ana-lopez');
        const maria = await appearanceOf('maria-garcia');

        // Editors may not split; an admin sees every appearance to choose from.
        assert.equal((await editor.get(`/admin/organizations/${mfa}/split`)).status, 403);
        assert.equal((await editor.post(`/admin/organizations/${mfa}/split`, { appearance: String(ana) })).status, 403);
        const page = await admin.get(`/admin/organizations/${mfa}/split`);
        assert.equal(page.status, 200);
        for (const a of [ana, maria]) assert.ok(page.body.includes(`<input type="checkbox" id="f-a${a}" name="appearance" value="${a}"/>`), page.body);
        assert.ok((await admin.get(`/admin/organizations/${mfa}`)).body.includes(`<a href="/admin/organizations/${mfa}/split">Split this organization`));
        // Nothing chosen, or its own name: refused, saying why; nothing changed.
        const none = await admin.post(`/admin/organizations/${mfa}/split`, {});
        assert.equal(none.status, 400);
        assert.ok(none.body.includes('choose the appearances or the names that belong to the other organization'), none.body);
        const ownAlias = (await db.selectFrom('organization_alias').select('id').where('organization_id', '=', iom).where('name', '=', 'International Organization for Migration').executeTakeFirstOrThrow()).id;
        const own = await admin.post(`/admin/organizations/${iom}/split`, { alias: String(ownAlias) });
        assert.equal(own.status, 400);
        assert.ok(own.body.includes('is this organization’s own name') || own.body.includes('is this organization&#39;s own name'), own.body);

        const split = await admin.post(`/admin/organizations/${mfa}/split`, { appearance: String(ana), name: 'Ministry of Foreign Affairs of Chile' });
        assert.equal(split.status, 303, split.body);
        const chile = await db.selectFrom('organization').select(['id', 'slug', 'name', 'kind', 'kind_confirmed']).where('name', '=', 'Ministry of Foreign Affairs of Chile').executeTakeFirstOrThrow();
        assert.equal(split.location, `/admin/organizations/${chile.id}?split=1`);
        assert.deepEqual([chile.slug, chile.kind, chile.kind_confirmed], ['ministry-of-foreign-affairs-of-chile', (await db.selectFrom('organization').select('kind').where('id', '=', mfa).executeTakeFirstOrThrow()).kind, 0]);
        const orgOf = async (table: 'appearance' | 'pub_appearance', id: number) => (await db.selectFrom(table).select('organization_id').where('id', '=', id).executeTakeFirstOrThrow()).organization_id;
        assert.deepEqual([await orgOf('appearance', ana), await orgOf('pub_appearance', ana), await orgOf('appearance', maria), await orgOf('pub_appearance', maria)], [chile.id, chile.id, mfa, mfa]);
        const publicPage = await http('GET', `${base}/organizations/ministry-of-foreign-affairs-of-chile`);
        assert.equal(publicPage.status, 200);
        assert.ok(publicPage.body.includes('Ana Lopez') && !publicPage.body.includes('Maria Garcia'));
        // The person who spoke for it is found by its new name at once (her document names the organizations printed on her appearances).
        assert.deepEqual(await titles('chile'), ['organization: Ministry of Foreign Affairs of Chile', 'person: Ana Lopez']);

        // A name and an appearance of the merged "IOM" go to a record of their own (named by the first name chosen).
        const iomAlias = (await db.selectFrom('organization_alias').select('id').where('organization_id', '=', iom).where('name', '=', 'IOM').executeTakeFirstOrThrow()).id;
        const closing = (await db.selectFrom('appearance as a').innerJoin('session as s', 's.id', 'a.session_id').select('a.id').where('s.title', '=', 'Closing').where('a.organization_id', '=', iom).executeTakeFirstOrThrow()).id;
        const back = await admin.post(`/admin/organizations/${iom}/split`, { alias: String(iomAlias), appearance: String(closing) });
        assert.equal(back.status, 303, back.body);
        const short = await db.selectFrom('organization').select(['id', 'slug']).where('name', '=', 'IOM').executeTakeFirstOrThrow();
        assert.deepEqual(
          (await db.selectFrom('organization_alias').select(['organization_id', 'name']).where('organization_id', 'in', [iom, short.id]).orderBy('organization_id').orderBy('name').execute()).map((a) => [a.organization_id, a.name]),
          [
            [iom, 'International Organization for Migration'],
            [short.id, 'IOM'],
          ],
        );
        assert.equal(await orgOf('pub_appearance', closing), short.id);

        const log = await db.selectFrom('audit_entry').select(['action', 'entity', 'entity_id', 'before', 'after']).where('action', '=', 'split').orderBy('id').execute();
        assert.deepEqual(
          log.map((e) => [e.action, e.entity, e.entity_id, JSON.parse(e.before!), JSON.parse(e.after!)]),
          [
            ['split', 'organization', chile.id, { from_organization: mfa, from_name: 'Ministry of Foreign Affairs' }, { name: 'Ministry of Foreign Affairs of Chile', slug: chile.slug, appearances: 1, aliases: '', version: 1 }],
            ['split', 'organization', short.id, { from_organization: iom, from_name: 'International Organization for Migration' }, { name: 'IOM', slug: short.slug, appearances: 1, aliases: 'IOM', version: 1 }],
          ],
        );
      } finally {
        await server.close();
        await t.cleanup();
      }
    });

    test('plenary demo-archive: statements are searched by what was said, also after plenary search rebuild', async () => {
      const fresh = await freshDatabase(engine);
      try {
        const made = runPlenary(['demo-archive', '--events', '3', '--seed', '1'], fresh.url, { env: { PLENARY_DEMO: 'off' } });
        assert.equal(made.code, 0, made.err);
        const storage = await openStorage(fresh.url);
        const server = await startServer(storage, { port: 0, host: '127.0.0.1' });
        const base = `http://127.0.0.1:${server.port}`;
        try {
          // Every published statement has a file: its text, served as plain text.
          const statements = await storage.db.selectFrom('pub_material').select(['id', 'file_id', 'lang']).where('kind', '=', 'statement').orderBy('id').execute();
          assert.equal(statements.length, 26);
          const texts = new Map<number, string>();
          for (const m of statements) {
            assert.ok(m.file_id, `statement ${m.id} has a file`);
            const f = await http('GET', `${base}/files/${m.file_id}`);
            assert.equal(f.status, 200);
            assert.equal(f.headers['content-type'], 'text/plain; charset=utf-8');
            texts.set(m.id, f.body);
          }
          const words = (s: string) => s.split(/\s+/).filter(Boolean).length;
          assert.ok([...texts.values()].every((x) => words(x) >= 300 && words(x) <= 1500));
          const expected = (re: RegExp) => [...texts.values()].filter((x) => re.test(x)).length;
          const ask = async (q: string): Promise<Answer> => JSON.parse((await http('GET', `${base}/api/search?q=${encodeURIComponent(q)}`)).body) as Answer;
          const check = async () => {
            for (const [q, re] of [
              ['"predictable financing"', /predictable financing/i],
              ['"financiamiento previsible"', /financiamiento previsible/i],
              ['"financement prévisible"', /financement prévisible/i],
            ] as const) {
              const n = expected(re);
              assert.ok(n > 0, `some statement says ${q}`);
              const a = await ask(q);
              assert.equal(a.total, n, q);
              assert.deepEqual(a.facets.kind!.map((f) => [f.value, f.count]), [['material', n]], q);
              assert.ok(a.results.every((h) => h.kind === 'material'));
              // The snippet shows the words said, marked.
              const said = q.replaceAll('"', '').toLowerCase();
              const parts = a.results[0]!.snippet;
              assert.ok(parts.map((p) => p.text).join('').toLowerCase().includes(said), q);
              const marked = new Set(parts.filter((p) => p.mark).map((p) => p.text.toLowerCase()));
              assert.ok(said.split(' ').every((w) => marked.has(w)), q);
            }
          };
          await check();
          const rebuilt = runPlenary(['search', 'rebuild'], fresh.url);
          assert.equal(rebuilt.code, 0, rebuilt.err);
          await check();
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
