// Search (issue 12), on every engine, through the doors users open: an agenda imported and
// published with `plenary import`/`plenary publish`, statements uploaded as PDF and DOCX through
// the workspace over HTTP and read by the worker, /api/search and /search over HTTP,
// `plenary search rebuild`, and a backup restored into a new database.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { addAccount } from '../src/operations/accounts.ts';
import { fileTextCounts, startFileTextWorker } from '../src/operations/search.ts';
import { openStorage } from '../src/storage/storage.ts';
import { startServer } from '../src/web/server.ts';
import { blocks, toDocx, toPdf } from './convert.ts';
import { ENGINES, freshDatabase, migratedStorage } from './engines.ts';
import { http, multipart, signInThroughForm } from './http-client.ts';
import { runPlenary } from './plenary-cli.ts';

const PASSWORD = 'correct horse battery staple';
const dir = mkdtempSync(join(tmpdir(), 'plenary-search-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const PAGE = `Dialogue sur les migrations de travail

Agenda

DAY ONE – 4 November 2019

10:00 – 11:30 Panel 1 – Les négociations sur la migration de travail
Moderator: Ana Gómez, Director, Ministry of Labour, Spain
• Ingrid Sørensen, Director, Ministry of Labour, Norway
• Lech Wałęsa, Former President, Solidarność Foundation
• Hans Straße, Counsellor, Ministry of Foreign Affairs, Germany

11:30 – 12:00 Coffee break

12:00 – 13:00 Panel 2 – Le travail décent
• 王毅, Counsellor, Ministry of Foreign Affairs, China
`;

const STATEMENT_EN = `Statement of Ana Gómez

The negotiations on labour migration have reached a decisive stage. Governments, employers and workers agree that fair recruitment is the foundation of safe mobility.

We call on every delegation to finish the text before the summer.`;

const STATEMENT_ES = `Declaración de Ingrid Sørensen

Los derechos de los trabajadores migrantes no admiten excepciones. La contratación equitativa protege a quienes cruzan fronteras para trabajar.`;

type Hit = { kind: string; title: string; person: string | null; event: string | null; snippet: Array<{ text: string; mark: boolean }> };
type Facet = { value: string; label: string; count: number; selected: boolean };
type Answer = { total: number; results: Hit[]; facets: Record<string, Facet[]> };

for (const engine of ENGINES) {
  describe(`search on ${engine}`, () => {
    test('accents, stems, phrases, exact facets, drafts, statements read from PDF and DOCX by the worker, the page, rebuild, backup and restore', async () => {
      const db = await migratedStorage(engine);
      const server = await startServer(db.storage, { port: 0, host: '127.0.0.1', uploadMaxBytes: 4 * 1024 * 1024 });
      const base = `http://127.0.0.1:${server.port}`;
      const ask = async (query: string): Promise<Answer> => {
        const r = await http('GET', `${base}/api/search?${query}`);
        assert.equal(r.status, 200, r.body);
        return JSON.parse(r.body) as Answer;
      };
      const titles = async (q: string, extra = '') => (await ask(`q=${encodeURIComponent(q)}${extra}`)).results.map((h) => `${h.kind}: ${h.title}`);
      const counts = (a: Answer, facet: string) => a.facets[facet]!.map((f) => `${f.value}=${f.count}${f.selected ? '*' : ''}`);
      let restored: Awaited<ReturnType<typeof freshDatabase>> | undefined;
      try {
        const page = join(dir, `page-${engine}.txt`);
        writeFileSync(page, PAGE);
        const imported = runPlenary(['import', page, '--series', 'labour', '--series-title', 'Labour Dialogues', '--event', 'labour-2019', '--title', 'Dialogue sur les migrations de travail', '--time-zone', 'Europe/Paris', '--lang', 'fr'], db.url);
        assert.equal(imported.code, 0, imported.err);

        // A draft is not found, nor are the people only it names.
        assert.deepEqual(await titles('gomez'), []);
        assert.deepEqual(await titles('negociation'), []);

        const published = runPlenary(['publish', '--event', 'labour-2019'], db.url);
        assert.equal(published.code, 0, published.err);

        // Accents and letters Unicode does not decompose; a session names its moderators and speakers.
        assert.deepEqual(await titles('gomez'), ['person: Ana Gómez', 'session: Les négociations sur la migration de travail']);
        assert.deepEqual(await titles('GÓMEZ'), ['person: Ana Gómez', 'session: Les négociations sur la migration de travail']);
        assert.deepEqual(await titles('sorensen'), ['person: Ingrid Sørensen', 'session: Les négociations sur la migration de travail']);
        assert.deepEqual(await titles('walesa'), ['person: Lech Wałęsa', 'session: Les négociations sur la migration de travail']);
        assert.deepEqual(await titles('strasse'), ['person: Hans Straße', 'session: Les négociations sur la migration de travail']);
        // A person's text names the organizations printed on their appearances (and their positions and countries).
        assert.deepEqual(await titles('solidarnosc'), ['organization: Solidarność Foundation', 'person: Lech Wałęsa']);
        assert.deepEqual(await titles('王毅'), ['person: 王毅', 'session: Le travail décent']);
        const moderator = await ask('q=gomez&kind=session');
        assert.deepEqual(moderator.results[0]!.snippet, [{ text: 'Ana ', mark: false }, { text: 'Gómez', mark: true }, { text: ', Ingrid Sørensen, Lech Wałęsa, Hans Straße', mark: false }]);
        // French stems: négociations / negociation; words in a row.
        assert.deepEqual(await titles('negociation'), ['session: Les négociations sur la migration de travail']);
        // (the stem is the same for migrations)
        assert.deepEqual(await titles('"migration de travail"'), ['event: Dialogue sur les migrations de travail', 'session: Les négociations sur la migration de travail']);
        assert.deepEqual(await titles('"travail de migration"'), []);
        assert.deepEqual(await titles('travail'), ['event: Dialogue sur les migrations de travail', 'session: Les négociations sur la migration de travail', 'session: Le travail décent']);

        // Facets: exact counts, combinable. The four ministries, and the four persons who spoke for them.
        const ministries = await ask('q=ministry');
        assert.equal(ministries.total, 8);
        assert.deepEqual(counts(ministries, 'kind'), ['organization=4', 'person=4']);
        assert.deepEqual(counts(ministries, 'country'), ['CN=2', 'DE=2', 'ES=2', 'NO=2']);
        assert.deepEqual(counts(ministries, 'region'), ['europe=6', 'asia=2']);
        const europe = await ask('q=ministry&region=europe');
        assert.equal(europe.total, 6);
        assert.deepEqual(counts(europe, 'region'), ['europe=6*']);
        assert.deepEqual(counts(europe, 'country'), ['DE=2', 'ES=2', 'NO=2']);
        const labourInEurope = await ask('q=ministry+labour&region=europe');
        assert.deepEqual([labourInEurope.total, labourInEurope.results.map((h) => h.title)], [4, ['Ministry of Labour', 'Ministry of Labour', 'Ana Gómez', 'Ingrid Sørensen']]);
        const norway = await ask('q=ministry&region=europe&country=NO');
        assert.deepEqual([norway.total, counts(norway, 'country'), counts(norway, 'region')], [2, ['NO=2*'], ['europe=2*']]);
        const onlyOrgs = await ask('q=ministry&region=europe&kind=organization');
        assert.deepEqual([onlyOrgs.total, counts(onlyOrgs, 'country')], [3, ['DE=1', 'ES=1', 'NO=1']]);
        const sessions = await ask('q=travail&kind=session');
        assert.deepEqual([sessions.total, counts(sessions, 'kind'), counts(sessions, 'year'), counts(sessions, 'textLang')], [2, ['session=2*'], ['2019=2'], ['fr=2']]);
        assert.equal((await ask('q=travail&kind=session&year=2018')).total, 0);

        // Statements uploaded through the workspace as PDF and DOCX, then published.
        await addAccount(db.storage, { email: 'editor@example.org', role: 'editor', series: ['labour'], password: PASSWORD });
        const signed = await signInThroughForm(base, 'editor@example.org', PASSWORD);
        const { cookie } = signed;
        const csrf = signed.csrf!;
        const event = await db.storage.db.selectFrom('event').select('id').where('slug', '=', 'labour-2019').executeTakeFirstOrThrow();
        const appearanceOf = async (name: string) =>
          (await db.storage.db.selectFrom('appearance as a').innerJoin('person as p', 'p.id', 'a.person_id').select('a.id').where('p.name', '=', name).executeTakeFirstOrThrow()).id;
        const upload = async (fields: Record<string, string>, file: { name: string; type: string; bytes: Uint8Array }) => {
          const m = multipart({ _csrf: csrf, ...fields }, file);
          const r = await http('POST', `${base}/admin/events/${event.id}/materials`, { cookie, origin: base, 'content-type': m.type, 'content-length': String(m.body.length) }, m.body);
          assert.equal(r.status, 303, r.body);
        };
        await upload({ kind: 'statement', lang: 'en', label: 'Statement on fair recruitment', appearance: String(await appearanceOf('Ana Gómez')) }, { name: 'gomez.pdf', type: 'application/pdf', bytes: await toPdf(blocks(STATEMENT_EN), true) });
        await upload(
          { kind: 'statement', lang: 'es', label: 'Declaración sobre los derechos', appearance: String(await appearanceOf('Ingrid Sørensen')) },
          { name: 'sorensen.docx', type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', bytes: await toDocx(blocks(STATEMENT_ES)) },
        );
        const pub = await http('POST', `${base}/admin/events/${event.id}/publish`, { cookie, origin: base }, { _csrf: csrf, note: '' });
        assert.equal(pub.status, 303, pub.body);
        // Stored and published, but not read yet: the upload did not wait for the reader.
        assert.deepEqual(await fileTextCounts(db.storage.db), { pending: 2 });
        assert.deepEqual(await titles('negotiating'), []);
        assert.deepEqual(await titles('recruitment'), ['material: Statement on fair recruitment']);

        // The worker `plenary serve` runs reads both.
        const worker = startFileTextWorker(db.storage, { intervalMs: 50 });
        try {
          for (let i = 0; i < 600 && (await fileTextCounts(db.storage.db)).done !== 2; i++) await new Promise((r) => setTimeout(r, 100));
        } finally {
          await worker.stop();
        }
        assert.deepEqual(await fileTextCounts(db.storage.db), { done: 2 });
        // English and Spanish stems: negotiations / negotiating, trabajadores / trabajador.
        const negotiating = await ask('q=negotiating');
        assert.deepEqual(
          negotiating.results.map((h) => [h.kind, h.title, h.person, h.event]),
          [['material', 'Statement on fair recruitment', 'Ana Gómez', 'Dialogue sur les migrations de travail']],
        );
        assert.deepEqual(negotiating.results[0]!.snippet.filter((p) => p.mark).map((p) => p.text), ['negotiations']);
        assert.deepEqual(await titles('trabajador'), ['material: Declaración sobre los derechos']);
        assert.deepEqual(await titles('"trabajadores migrantes"'), ['material: Declaración sobre los derechos']);
        // English stems differ here: migrants is not migration.
        assert.deepEqual(await titles('migrants negotiations'), []);
        const statements = await ask('q=contratacion+OR+recruitment');
        assert.equal(statements.total, 0, 'every word must match');
        const byRole = await ask('q=fair');
        assert.deepEqual([byRole.total, counts(byRole, 'role'), counts(byRole, 'materialKind'), counts(byRole, 'textLang')], [1, ['moderator=1'], ['statement=1'], ['en=1']]);

        // The page: the box in every public page's header, results with <mark>, facets as links.
        const home = await http('GET', `${base}/`);
        assert.match(home.body, /<form class="site-search" method="get" action="\/search" role="search"><label for="site-search-q">Search the archive<\/label> <input id="site-search-q" type="search" name="q" maxlength="500"\/> <button type="submit">Search<\/button><\/form>/);
        const html = (await http('GET', `${base}/search?q=negotiating`)).body;
        assert.match(html, /<title>Search: negotiating · Plenary<\/title>/);
        assert.match(html, /<p role="status">1 result<\/p>/);
        assert.ok(html.includes('The <mark>negotiations</mark> on labour migration have reached'), html);
        const escaped = (await http('GET', `${base}/search?q=${encodeURIComponent('<b>gomez</b>')}`)).body;
        assert.ok(escaped.includes('Search: &lt;b&gt;gomez&lt;/b&gt;') && !escaped.includes('<b>gomez'), 'the query is escaped');
        const facetPage = (await http('GET', `${base}/search?q=ministry&region=europe`)).body.replaceAll('&amp;', '&');
        assert.ok(facetPage.includes('<a href="/search?q=ministry&country=NO&region=europe"><bdi>Norway</bdi></a> (2)'), facetPage);
        assert.ok(facetPage.includes('<strong><bdi>Europe</bdi></strong> (6) <a href="/search?q=ministry">remove</a>'), facetPage);
        assert.equal((await http('GET', `${base}/search?q=x&page=0`)).status, 400);

        // Withdrawn: gone from search; published again: back.
        assert.equal(runPlenary(['publish', '--event', 'labour-2019', '--withdraw'], db.url).code, 0);
        assert.deepEqual(await titles('gomez'), []);
        assert.deepEqual(await titles('negotiating'), []);
        assert.equal(runPlenary(['publish', '--event', 'labour-2019'], db.url).code, 0);
        assert.deepEqual(await titles('negotiating'), ['material: Statement on fair recruitment']);

        // plenary search rebuild
        const rebuilt = runPlenary(['search', 'rebuild'], db.url);
        assert.equal(rebuilt.code, 0, rebuilt.err);
        assert.match(rebuilt.out, /^search: indexed 1\d documents in \d+\.\d s$/m);
        assert.match(rebuilt.out, /^search: read 0 stored files \(2 with text, 0 unreadable\); 1\d documents in the index$/m);
        assert.deepEqual(await titles('walesa'), ['person: Lech Wałęsa', 'session: Les négociations sur la migration de travail']);
        assert.deepEqual(await titles('negotiating'), ['material: Statement on fair recruitment']);

        // Backup, restore into a new database: search works there, statements once their files are read again.
        const archive = join(dir, `backup-${engine}.tar.gz`);
        const b = runPlenary(['backup', archive], db.url);
        assert.equal(b.code, 0, b.err);
        restored = await freshDatabase(engine);
        const r = runPlenary(['restore', archive], restored.url);
        assert.equal(r.code, 0, r.err);
        const other = await openStorage(restored.url);
        try {
          assert.deepEqual(await fileTextCounts(other.db), { pending: 2 });
        } finally {
          await other.close();
        }
        const again = runPlenary(['search', 'rebuild'], restored.url);
        assert.equal(again.code, 0, again.err);
        assert.match(again.out, /^search: read 2 stored files \(2 with text, 0 unreadable\); 1\d documents in the index$/m);
        const restoredStorage = await openStorage(restored.url);
        const restoredServer = await startServer(restoredStorage, { port: 0, host: '127.0.0.1' });
        try {
          const rb = `http://127.0.0.1:${restoredServer.port}`;
          const got = JSON.parse((await http('GET', `${rb}/api/search?q=sorensen+OR+trabajador`)).body) as Answer;
          assert.equal(got.total, 0);
          const stmt = JSON.parse((await http('GET', `${rb}/api/search?q=trabajador`)).body) as Answer;
          assert.deepEqual(stmt.results.map((h) => h.title), ['Declaración sobre los derechos']);
          const person = JSON.parse((await http('GET', `${rb}/api/search?q=sorensen`)).body) as Answer;
          // her session and her statement name her too
          assert.deepEqual(person.results.map((h) => h.title), ['Ingrid Sørensen', 'Les négociations sur la migration de travail', 'Declaración sobre los derechos']);
        } finally {
          await restoredServer.close();
          await restoredStorage.close();
        }
      } finally {
        await server.close();
        await db.cleanup();
        await restored?.drop();
      }
    });
  });
}
