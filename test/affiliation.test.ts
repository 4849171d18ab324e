// An appearance's affiliation edited in the workspace through the running server: the
// organization typed by name is the one already stored under the same identity (no duplicate),
// or is stored anew and logged; the printed country gets its ISO code when it names one; the
// suggestions the page's script asks for come from /admin/suggest. Every engine.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { importAgenda } from '../src/operations/import-agenda.ts';
import { startServer } from '../src/web/server.ts';
import { ENGINES, migratedStorage } from './engines.ts';
import { agenda, person, session } from './factories.ts';
import { signedIn } from './http-client.ts';

for (const engine of ENGINES) {
  describe(`appearance affiliation on ${engine}`, () => {
    test('organization by name and country by code, without duplicates; suggestions as you type', async () => {
      const db = await migratedStorage(engine);
      const server = await startServer(db.storage, { port: 0, host: '127.0.0.1' });
      const base = `http://127.0.0.1:${server.port}`;
      try {
        await importAgenda(
          db.storage,
          agenda([
            {
              date: '2025-05-06',
              sessions: [
                session({
                  speakers: [
                    person('Kofi Mensah'),
                    person('Lena Novak', { organization: 'Ministry of Health', country: 'Ghana', countryCode: 'GH' }),
                    person('Ana Ruiz', { organization: 'Ministry of Health', country: 'Peru', countryCode: 'PE' }),
                  ],
                }),
              ],
            },
          ]),
          { series: { slug: 'idm', title: 'IDM' }, event: { slug: 'idm-2025', title: 'IDM 2025', timeZone: 'Europe/Zurich' } },
        );
        const q = db.storage.db;
        const orgCount = async () => Number((await q.selectFrom('organization').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
        assert.equal(await orgCount(), 2, "two ministries of health: Ghana's and Peru's");
        const mensah = await q.selectFrom('appearance as a').innerJoin('person as p', 'p.id', 'a.person_id').select(['a.id', 'a.version']).where('p.name', '=', 'Kofi Mensah').executeTakeFirstOrThrow();
        const ed = await signedIn(db.storage, base, { email: 'ed@example.org', role: 'editor', series: ['idm'] });
        const save = (organization: string, country: string, version: number) =>
          ed.post(`/admin/appearances/${mensah.id}`, { role: 'speaker', role_label: '', honorific: 'Dr.', affiliation_position: 'Minister', organization, country, talk_title: '', version: String(version) });
        const stored = async () =>
          await q
            .selectFrom('appearance as a')
            .leftJoin('organization as o', 'o.id', 'a.organization_id')
            .select(['a.country', 'a.country_code', 'o.name', 'o.country_code as org_country', 'o.kind', 'a.version'])
            .where('a.id', '=', mensah.id)
            .executeTakeFirstOrThrow();

        // Ghana's ministry, typed another way: the one stored, not a new one.
        assert.equal((await save('ministry of HEALTH', 'Ghana', mensah.version)).status, 303);
        assert.deepEqual(await stored(), { country: 'Ghana', country_code: 'GH', name: 'Ministry of Health', org_country: 'GH', kind: 'member-state', version: mensah.version + 1 });
        assert.equal(await orgCount(), 2);
        // The form shows the organization by its name.
        assert.match((await ed.get(`/admin/appearances/${mensah.id}`)).body, /<input id="f-organization" name="organization" [^>]*type="text" value="Ministry of Health" data-suggest="organization"\/>/);

        // A new name is stored once, with its kind guessed, and logged.
        assert.equal((await save('Ghana Health Service Research Unit', 'République du Ghana', mensah.version + 1)).status, 303);
        assert.deepEqual(await stored(), { country: 'République du Ghana', country_code: 'GH', name: 'Ghana Health Service Research Unit', org_country: null, kind: 'other', version: mensah.version + 2 });
        assert.equal(await orgCount(), 3);
        const created = await q.selectFrom('audit_entry').select(['action', 'after']).where('entity', '=', 'organization').execute();
        assert.deepEqual(created, [{ action: 'create', after: JSON.stringify({ name: 'Ghana Health Service Research Unit', kind: 'other', country_code: null, version: 1 }) }]);

        // No organization, and a country we do not know: no code, nothing refused.
        assert.equal((await save('', 'Atlantis', mensah.version + 2)).status, 303);
        assert.deepEqual(await stored(), { country: 'Atlantis', country_code: null, name: null, org_country: null, kind: null, version: mensah.version + 3 });

        // Without JavaScript: a search lists the organizations in the archive; choosing one fills the field.
        const search = await ed.get(`/admin/appearances/${mensah.id}?oq=health`);
        assert.deepEqual(
          [...search.body.matchAll(/<a href="([^"]+)">Use: <bdi>([^<]+)<\/bdi><\/a>/g)].map((m) => [m[1], m[2]]),
          [
            [`/admin/appearances/${mensah.id}?organization=Ghana%20Health%20Service%20Research%20Unit#f-organization`, 'Ghana Health Service Research Unit'],
            [`/admin/appearances/${mensah.id}?organization=Ministry%20of%20Health#f-organization`, 'Ministry of Health'],
          ],
        );
        assert.match((await ed.get(`/admin/appearances/${mensah.id}?organization=Ministry%20of%20Health`)).body, /<input id="f-organization" name="organization" [^>]*value="Ministry of Health"/);
        assert.ok((await ed.get(`/admin/appearances/${mensah.id}?oq=zzzz`)).body.includes('<p role="status">'));

        // Suggestions as you type: every word typed, at most ten names; the page loads the script.
        const suggest = async (kind: string, typed: string) => {
          const r = await ed.get(`/admin/suggest?kind=${kind}&q=${encodeURIComponent(typed)}`);
          assert.equal(r.status, 200, r.body);
          assert.equal(r.headers['cache-control'], 'no-store');
          return JSON.parse(r.body) as string[];
        };
        assert.deepEqual(await suggest('organization', 'health'), ['Ghana Health Service Research Unit', 'Ministry of Health']);
        assert.deepEqual(await suggest('person', 'nov'), ['Lena Novak']);
        assert.deepEqual(await suggest('person', 'n a'), ['Ana Ruiz', 'Kofi Mensah', 'Lena Novak']);
        assert.equal((await ed.get('/admin/suggest?kind=event&q=x')).status, 400);
        // A name typed anew that resembles someone in the archive: the page asks before making a second person.
        const sessionId = (await q.selectFrom('appearance').select('session_id').where('id', '=', mensah.id).executeTakeFirstOrThrow()).session_id;
        const persons = async () => Number((await q.selectFrom('person').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
        const before = await persons();
        const asked = await ed.post(`/admin/sessions/${sessionId}/appearances`, { name: 'Dr. K. Mensah', role: 'moderator' });
        assert.equal(asked.status, 200);
        assert.ok(asked.body.includes('<h3 id="similar-heading">Is “Dr. K. Mensah” someone already in the archive?</h3>'), asked.body.slice(0, 3000));
        assert.ok(asked.body.includes('Add as moderator: <bdi>Kofi Mensah</bdi>'));
        assert.equal(await persons(), before, 'nothing made yet');
        const anyway = await ed.post(`/admin/sessions/${sessionId}/appearances`, { name: 'Dr. K. Mensah', role: 'moderator', confirm_new: '1' });
        assert.equal(anyway.status, 303);
        assert.equal(await persons(), before + 1, 'made when the organizer says so');

        // Another series' draft stays private: its people are found by its own editors and admins only.
        await importAgenda(db.storage, agenda([{ date: '2025-07-01', sessions: [session({ speakers: [person('Secret Speaker', { organization: 'Hidden Foundation' })] })] }]), {
          series: { slug: 'gfmd', title: 'GFMD' },
          event: { slug: 'gfmd-2025', title: 'GFMD 2025', timeZone: 'Europe/Zurich', status: 'draft' },
        });
        assert.deepEqual(await suggest('person', 'secret'), []);
        assert.deepEqual(await suggest('organization', 'hidden'), []);
        assert.ok(!(await ed.get(`/admin/sessions/${(await q.selectFrom('appearance').select('session_id').where('id', '=', mensah.id).executeTakeFirstOrThrow()).session_id}?q=secret`)).body.includes('Secret Speaker'));
        const admin = await signedIn(db.storage, base, { email: 'admin@example.org', role: 'admin' });
        assert.deepEqual(JSON.parse((await admin.get('/admin/suggest?kind=person&q=secret')).body), ['Secret Speaker']);
        const page = await ed.get(`/admin/appearances/${mensah.id}`);
        assert.ok(page.body.includes('<script src="/admin/suggest.js" defer=""></script>'));
        assert.match(String(page.headers['content-security-policy']), /; script-src 'self'; connect-src 'self'$/);
        const js = await ed.get('/admin/suggest.js');
        assert.equal(js.headers['content-type'], 'text/javascript; charset=utf-8');
      } finally {
        await server.close();
        await db.cleanup();
      }
    });
  });
}
