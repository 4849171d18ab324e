// A material edited by hand in the workspace survives a re-import of its agenda (issue 9: "a re-import
// never silently undoes those edits"): `plenary import` of a page on disk names a statement; an editor
// relabels one material and moves another to French through the materials form; the same page imported
// again keeps both (the report says so), deletes neither, and moves their versions, so a form opened
// before the import is refused (409) rather than undoing it. Every engine.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { startServer } from '../src/web/server.ts';
import { ENGINES, migratedStorage } from './engines.ts';
import { http, signedIn } from './http-client.ts';
import { runPlenary } from './plenary-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'plenary-reimport-materials-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const PAGE = `Forum on Mobility

Tuesday, 7 January 2030

10:00 – 11:00 Panel 1 – Fair recruitment
Ms. Anna Kalo, Director, Ministry of Labour, France (Statement)
Mr. Omar Lemi, Adviser, Ministry of Interior, Kenya (Presentation)
`;
const TARGET = ['--series', 'forum', '--series-title', 'Forum', '--event', 'forum-2030', '--title', 'Forum 2030', '--time-zone', 'Europe/Zurich'];

for (const engine of ENGINES) {
  describe(`re-import and materials edited by hand on ${engine}`, () => {
    test('a relabelled material and one moved to French are kept, reported, and their old forms refused', async () => {
      const db = await migratedStorage(engine);
      const server = await startServer(db.storage, { port: 0, host: '127.0.0.1' });
      const base = `http://127.0.0.1:${server.port}`;
      try {
        const file = join(dir, `agenda-${engine}.txt`);
        writeFileSync(file, PAGE);
        const first = runPlenary(['import', file, ...TARGET], db.url);
        assert.equal(first.code, 0, first.err);
        const q = db.storage.db;
        const rows = () => q.selectFrom('material').select(['id', 'kind', 'lang', 'label', 'version', 'appearance_id']).orderBy('id').execute();
        const [statement, presentation] = await rows();
        assert.deepEqual([statement!.label, statement!.lang, presentation!.label, presentation!.lang], ['Statement', 'en', 'Presentation', 'en']);

        const ed = await signedIn(db.storage, base, { email: 'ed@example.org', role: 'editor', series: ['forum'] });
        const relabel = await ed.post(`/admin/materials/${statement!.id}`, { version: String(statement!.version), kind: 'statement', lang: 'en', label: 'Statement (as delivered)' });
        assert.equal(relabel.status, 303, relabel.body.slice(0, 400));
        const toFrench = await ed.post(`/admin/materials/${presentation!.id}`, { version: String(presentation!.version), kind: 'presentation', lang: 'fr', label: 'Présentation' });
        assert.equal(toFrench.status, 303, toFrench.body.slice(0, 400));
        const edited = await rows();

        const again = runPlenary(['import', file, ...TARGET], db.url);
        assert.equal(again.code, 0, again.err);
        assert.match(again.out, /"Statement \(as delivered\)": kept label "Statement \(as delivered\)" as set in the workspace; the page gives "Statement"/);
        assert.match(again.out, /"Présentation": kept label "Présentation" as set in the workspace; the page gives "Presentation"/);
        const now = await rows();
        // The same two rows: nothing deleted, nothing made anew; what was set by hand stays.
        assert.deepEqual(
          now.map((r) => [r.id, r.kind, r.lang, r.label, r.appearance_id]),
          edited.map((r) => [r.id, r.kind, r.lang, r.label, r.appearance_id]),
        );

        // A form opened before the edits (version 1) is refused.
        const stale = await ed.post(`/admin/materials/${statement!.id}`, { version: String(statement!.version), kind: 'statement', lang: 'en', label: 'Statement' });
        assert.equal(stale.status, 409);
        assert.equal((await rows())[0]!.label, 'Statement (as delivered)');
      } finally {
        await server.close();
        await db.cleanup();
      }
    });
  });
}
