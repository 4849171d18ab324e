// Identities (issue 12), on every engine: two people who share a name stay two, and the import
// says which match was doubtful and why; an admin merges two persons over HTTP (editors are
// refused, the guard checks the CSRF token), appearances, aliases and materials move, the old
// address answers 301, the survivor keeps its uuid and calendar UIDs stay; undo puts back exactly
// what was; a person is split by choosing appearances; the person page shows positions over time
// and other names.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { importAgenda } from '../src/operations/import-agenda.ts';
import { startServer } from '../src/web/server.ts';
import { write } from '../src/storage/write.ts';
import { ENGINES, migratedStorage } from './engines.ts';
import { agenda, person, session } from './factories.ts';
import { decode, http, signedIn } from './http-client.ts';

const SERIES = { slug: 'idm', title: 'International Dialogue on Migration' };
const target = (slug: string) => ({ series: SERIES, event: { slug, title: slug.toUpperCase(), timeZone: 'Europe/Zurich' } });
const at = (name: string, position: string, organization: string) => person(name, { position, organization });
const uids = (ics: string) => [...ics.matchAll(/^UID:(.+)$/gm)].map((m) => m[1]!.trim()).sort();

for (const engine of ENGINES) {
  describe(`identities on ${engine}`, () => {
    test('two Maria Garcias of different organizations stay two persons; doubtful matches are reported with their reasons', async () => {
      const t = await migratedStorage(engine);
      try {
        const first = await importAgenda(
          t.storage,
          agenda([{ date: '2018-05-02', sessions: [session({ speakers: [at('Maria Garcia', 'Head of Unit', 'Migration Policy Institute'), at('William Lacy Swing', 'Director General', 'International Organization for Migration')] })] }]),
          target('idm-2018'),
        );
        assert.deepEqual(first.doubtful.map(String), []);
        const second = await importAgenda(
          t.storage,
          agenda([{ date: '2019-05-02', sessions: [session({ speakers: [at('Maria Garcia', 'Advocacy Officer', 'Caritas Internationalis'), at('W. L. Swing', 'Director General', 'International Organization for Migration')] })] }]),
          target('idm-2019'),
        );
        assert.deepEqual(second.persons, { created: 2, matched: 0 });
        assert.deepEqual(second.organizations, { created: 1, matched: 1 });
        assert.deepEqual(second.doubtful.map(String), [
          '"Maria Garcia" (Caritas Internationalis) has the name of "Maria Garcia" (/people/maria-garcia): the same name, another organization (Migration Policy Institute); stored as a new person, not merged',
          '"W. L. Swing" may be the same person as "William Lacy Swing" (/people/william-lacy-swing): initials that fit, the same organization (International Organization for Migration); stored as a new person, not merged',
        ]);
        // A third event with the first Maria Garcia's organization: she is taken, and the shared name is said.
        const third = await importAgenda(t.storage, agenda([{ date: '2020-05-02', sessions: [session({ speakers: [at('Maria Garcia', 'Director', 'Migration Policy Institute')] })] }]), target('idm-2020'));
        assert.deepEqual(third.persons, { created: 0, matched: 1 });
        assert.deepEqual(third.doubtful.map(String), [
          '"Maria Garcia" (Migration Policy Institute) is the name of 2 stored persons: taken "Maria Garcia" (/people/maria-garcia): the same name, the same organization (Migration Policy Institute); not "Maria Garcia" (/people/maria-garcia-2): the same name, another organization (Caritas Internationalis)',
        ]);
        // One page naming one name with two organizations: two persons.
        const fourth = await importAgenda(t.storage, agenda([{ date: '2021-05-02', sessions: [session({ speakers: [at('Ana Lopez', 'Officer', 'UNHCR'), at('Ana Lopez', 'Officer', 'UNICEF')] })] }]), target('idm-2021'));
        assert.deepEqual(fourth.persons, { created: 2, matched: 0 });
        assert.deepEqual(fourth.doubtful.map(String), ['"Ana Lopez" (UNICEF) has the name of "Ana Lopez" (/people/ana-lopez) of this import: the same name, another organization (UNHCR); stored as another person, not merged']);
        // The same page again: every one found where they were, nothing doubtful.
        const again = await importAgenda(
          t.storage,
          agenda([{ date: '2019-05-02', sessions: [session({ speakers: [at('Maria Garcia', 'Advocacy Officer', 'Caritas Internationalis'), at('W. L. Swing', 'Director General', 'International Organization for Migration')] })] }]),
          target('idm-2019'),
        );
        assert.deepEqual(again.persons, { created: 0, matched: 2 });
        assert.deepEqual(again.doubtful.map(String), []);
        const persons = await t.storage.db.selectFrom('person').select(['slug', 'name']).orderBy('id').execute();
        assert.deepEqual(persons, [
          { slug: 'maria-garcia', name: 'Maria Garcia' },
          { slug: 'william-lacy-swing', name: 'William Lacy Swing' },
          { slug: 'maria-garcia-2', name: 'Maria Garcia' },
          { slug: 'w-l-swing', name: 'W. L. Swing' },
          { slug: 'ana-lopez', name: 'Ana Lopez' },
          { slug: 'ana-lopez-2', name: 'Ana Lopez' },
        ]);
        // Every record is known by its own name; imported organizations' kinds are guesses.
        assert.equal(Number((await t.storage.db.selectFrom('person_alias').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n), 6);
        assert.deepEqual(
          (await t.storage.db.selectFrom('organization').select(['name', 'kind', 'kind_confirmed']).orderBy('id').execute()).map((o) => [o.name, o.kind, o.kind_confirmed]),
          [
            ['Migration Policy Institute', 'other', 0],
            ['International Organization for Migration', 'igo', 0],
            ['Caritas Internationalis', 'civil-society', 0],
            ['UNHCR', 'igo', 0],
            ['UNICEF', 'igo', 0],
          ],
        );
      } finally {
        await t.cleanup();
      }
    });

    test('an admin merges two persons over HTTP, undoes it exactly, and splits a person; editors are refused', async () => {
      const t = await migratedStorage(engine);
      const server = await startServer(t.storage, { port: 0, host: '127.0.0.1' });
      const base = `http://127.0.0.1:${server.port}`;
      try {
        await importAgenda(
          t.storage,
          agenda([{ date: '2008-10-02', sessions: [session({ title: 'Opening', speakers: [at('William Lacy Swing', 'Director General', 'International Organization for Migration'), at('Maria Garcia', 'Head of Unit', 'Migration Policy Institute')] })] }]),
          target('idm-2008'),
          { publish: true },
        );
        await importAgenda(
          t.storage,
          agenda([{ date: '2018-05-02', sessions: [session({ title: 'Closing', speakers: [at('W. L. Swing', 'Director General', 'International Organization for Migration'), at('Maria Garcia', 'Head of Unit', 'Migration Policy Institute')] })] }]),
          target('idm-2018'),
          { publish: true },
        );
        const db = t.storage.db;
        const id = async (slug: string) => (await db.selectFrom('person').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
        const william = await id('william-lacy-swing');
        const wl = await id('w-l-swing');
        const wlAppearance = (await db.selectFrom('appearance').select('id').where('person_id', '=', wl).executeTakeFirstOrThrow()).id;
        // A statement of W. L. Swing's, in the working and the published copy.
        await write(t.storage, async (trx) => {
          const row = { event_id: 2, appearance_id: wlAppearance, kind: 'statement' as const, label: 'Statement', lang: 'en', position: 0, url: 'https://example.org/statement', file_id: null, created_at: '2018-05-02T00:00:00.000Z' };
          const m = await trx.insertInto('material').values(row).returning('id').executeTakeFirstOrThrow();
          await trx.insertInto('pub_material').values({ id: m.id, ...row }).execute();
        });
        const snapshot = async () => ({
          persons: await db.selectFrom('person').selectAll().orderBy('id').execute(),
          aliases: await db.selectFrom('person_alias').selectAll().orderBy('id').execute(),
          appearances: await db.selectFrom('appearance').select(['id', 'person_id']).orderBy('id').execute(),
          pub: await db.selectFrom('pub_appearance').select(['id', 'person_id']).orderBy('id').execute(),
          materials: await db.selectFrom('material').select(['id', 'appearance_id']).orderBy('id').execute(),
          redirects: await db.selectFrom('slug_redirect').selectAll().orderBy('slug').execute(),
        });
        const before = await snapshot();
        const icsBefore = (await http('GET', `${base}/events/idm-2018/calendar.ics`)).body;
        const personIcsBefore = (await http('GET', `${base}/people/w-l-swing/calendar.ics`)).body;

        const admin = await signedIn(t.storage, base, { email: 'admin@example.org', role: 'admin' });
        const editor = await signedIn(t.storage, base, { email: 'editor@example.org', role: 'editor', series: ['idm'] });
        // Editors may not merge, split or undo; a post without the CSRF token is refused before anything.
        assert.equal((await editor.get(`/admin/persons/${william}/merge`)).status, 403);
        assert.equal((await editor.post(`/admin/persons/${william}/merge`, { other: String(wl) })).status, 403);
        assert.equal((await editor.get(`/admin/persons/${william}/split`)).status, 403);
        assert.equal((await admin.postRaw(`/admin/persons/${william}/merge`, { origin: base }, { other: String(wl) })).status, 403);
        assert.deepEqual(await snapshot(), before);

        // The search finds the other by name; the confirmation says what moves.
        const found = await admin.get(`/admin/persons/${william}/merge?q=swing`);
        assert.equal(found.status, 200);
        assert.ok(found.body.includes(`<a href="/admin/persons/${william}/merge?other=${wl}"><bdi>W. L. Swing</bdi></a>`), found.body);
        const confirm = await admin.get(`/admin/persons/${william}/merge?other=${wl}`);
        assert.equal(confirm.status, 200);
        assert.ok(confirm.body.includes('1 appearances move, with their 1 materials and speaker links'), confirm.body);
        assert.ok(confirm.body.includes('The address /people/w-l-swing answers with a permanent redirect to /people/william-lacy-swing'));

        const merged = await admin.post(`/admin/persons/${william}/merge`, { other: String(wl) });
        assert.equal(merged.status, 303, merged.body);
        assert.equal(merged.location, `/admin/persons/${william}?merged=1#merge-1`);
        const after = await snapshot();
        assert.deepEqual(after.persons.map((p) => p.id), before.persons.map((p) => p.id).filter((x) => x !== wl));
        // The survivor keeps its uuid and slug.
        const survivorBefore = before.persons.find((p) => p.id === william)!;
        const survivorAfter = after.persons.find((p) => p.id === william)!;
        assert.equal(survivorAfter.uuid, survivorBefore.uuid);
        assert.equal(survivorAfter.slug, 'william-lacy-swing');
        assert.deepEqual(after.appearances.find((a) => a.id === wlAppearance), { id: wlAppearance, person_id: william });
        assert.deepEqual(after.pub.find((a) => a.id === wlAppearance), { id: wlAppearance, person_id: william });
        assert.deepEqual(after.materials, before.materials);
        assert.deepEqual(
          after.aliases.filter((a) => a.person_id === william).map((a) => [a.name, a.source]),
          [
            ['William Lacy Swing', 'name'],
            ['W. L. Swing', 'merge'],
          ],
        );
        assert.deepEqual(after.redirects.map((r) => [r.entity, r.slug, r.target_id]), [['person', 'w-l-swing', william]]);
        // The old address answers 301; the person page shows positions over time and the other name.
        const old = await http('GET', `${base}/people/w-l-swing`);
        assert.equal(old.status, 301);
        assert.equal(old.location, '/people/william-lacy-swing');
        const page = await http('GET', `${base}/people/william-lacy-swing`);
        assert.equal(page.status, 200);
        assert.ok(
          page.body.includes(
            '<h2 id="positions">Positions</h2><ul class="positions"><li><bdi>Director General</bdi>, <bdi><a href="/organizations/international-organization-for-migration">International Organization for Migration</a></bdi>, <span class="years">2008–2018</span></li></ul>',
          ),
          page.body,
        );
        assert.ok(page.body.includes('<p class="aliases">Also known as: <bdi>W. L. Swing</bdi></p>'), page.body);
        // The merged person's calendar address leads to the survivor's, whose feed holds the same UIDs.
        const oldFeed = await http('GET', `${base}/people/w-l-swing/calendar.ics`);
        assert.equal(oldFeed.status, 301);
        assert.equal(oldFeed.location, '/people/william-lacy-swing/calendar.ics');
        // Calendar UIDs come from sessions' uuids: the event's feed names the same sessions.
        assert.deepEqual(uids((await http('GET', `${base}/events/idm-2018/calendar.ics`)).body), uids(icsBefore));
        assert.deepEqual(uids((await http('GET', `${base}/people/william-lacy-swing/calendar.ics`)).body).filter((u) => uids(personIcsBefore).includes(u)), uids(personIcsBefore));
        // The editor's search finds the survivor by the merged name, and says so.
        const sessionId = (await db.selectFrom('session').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
        const search = decode((await editor.get(`/admin/sessions/${sessionId}?q=${encodeURIComponent('W. L. Swing')}`)).body);
        assert.ok(search.includes('William Lacy Swing (known as W. L. Swing ) Add as speaker: William Lacy Swing'), search);
        // The workspace page lists the merge with its undo button; the audit log has it.
        const workspace = await admin.get(`/admin/persons/${william}`);
        assert.ok(workspace.body.includes('<form method="post" action="/admin/merges/1/undo" class="inline">'), workspace.body);
        const merges = await db.selectFrom('audit_entry').select(['action', 'entity', 'entity_id', 'before']).where('action', 'in', ['merge', 'unmerge', 'split']).orderBy('id').execute();
        assert.deepEqual(merges.map((e) => [e.action, e.entity, e.entity_id]), [['merge', 'person', william]]);
        assert.deepEqual(JSON.parse(merges[0]!.before!), { merged_id: wl, merged_name: 'W. L. Swing', merged_slug: 'w-l-swing', merged_uuid: before.persons.find((p) => p.id === wl)!.uuid, merge: 1 });

        // Undo: an editor may not; the admin puts back exactly what was (ids, uuid, slug, aliases, appearances).
        assert.equal((await editor.post('/admin/merges/1/undo', {})).status, 403);
        const undone = await admin.post('/admin/merges/1/undo', {});
        assert.equal(undone.status, 303, undone.body);
        assert.equal(undone.location, `/admin/persons/${wl}?unmerged=1`);
        const restored = await snapshot();
        assert.deepEqual({ ...restored, persons: restored.persons.filter((p) => p.id !== william) }, { ...before, persons: before.persons.filter((p) => p.id !== william) });
        assert.equal((await http('GET', `${base}/people/w-l-swing`)).status, 200);
        const twice = await admin.post('/admin/merges/1/undo', {});
        assert.equal(twice.status, 409);
        assert.ok(twice.body.includes('merge 1 was already undone on'), twice.body);

        // Split: Maria Garcia's 2018 appearance goes to a new person of the same name.
        const maria = await id('maria-garcia');
        const rows = await db.selectFrom('appearance as a').innerJoin('session as s', 's.id', 'a.session_id').select(['a.id', 's.event_id']).where('a.person_id', '=', maria).orderBy('a.id').execute();
        const splitPage = await admin.get(`/admin/persons/${maria}/split`);
        assert.equal(splitPage.status, 200);
        assert.ok(splitPage.body.includes(`<input type="checkbox" id="f-a${rows[1]!.id}" name="appearance" value="${rows[1]!.id}"/>`), splitPage.body);
        assert.equal((await admin.post(`/admin/persons/${maria}/split`, {})).status, 400);
        const split = await admin.post(`/admin/persons/${maria}/split`, { appearance: String(rows[1]!.id), name: 'Maria Garcia' });
        assert.equal(split.status, 303, split.body);
        const other = await db.selectFrom('person').select(['id', 'slug', 'name']).where('slug', '=', 'maria-garcia-2').executeTakeFirstOrThrow();
        assert.equal(split.location, `/admin/persons/${other.id}?split=1`);
        assert.deepEqual((await db.selectFrom('appearance').select('id').where('person_id', '=', other.id).execute()).map((r) => r.id), [rows[1]!.id]);
        assert.deepEqual((await db.selectFrom('pub_appearance').select('id').where('person_id', '=', other.id).execute()).map((r) => r.id), [rows[1]!.id]);
        assert.deepEqual((await db.selectFrom('appearance').select('id').where('person_id', '=', maria).execute()).map((r) => r.id), [rows[0]!.id]);
        assert.deepEqual((await db.selectFrom('person_alias').select(['name', 'source']).where('person_id', '=', other.id).execute()), [{ name: 'Maria Garcia', source: 'name' }]);
        const log = await db.selectFrom('audit_entry').select(['action', 'entity_id']).where('action', 'in', ['merge', 'unmerge', 'split']).orderBy('id').execute();
        assert.deepEqual(log.map((e) => [e.action, e.entity_id]), [['merge', william], ['unmerge', wl], ['split', other.id]]);
        // The split is undone by a merge.
        assert.equal((await admin.post(`/admin/persons/${maria}/merge`, { other: String(other.id) })).status, 303);
        assert.deepEqual((await db.selectFrom('appearance').select('id').where('person_id', '=', maria).orderBy('id').execute()).map((r) => r.id), rows.map((r) => r.id));
      } finally {
        await server.close();
        await t.cleanup();
      }
    });

    test('the browser import offers the records that share a name, with their reasons, and stores the one chosen', async () => {
      const t = await migratedStorage(engine);
      const server = await startServer(t.storage, { port: 0, host: '127.0.0.1' });
      const base = `http://127.0.0.1:${server.port}`;
      try {
        await importAgenda(t.storage, agenda([{ date: '2018-05-02', sessions: [session({ speakers: [at('Maria Garcia', 'Head of Unit', 'Migration Policy Institute')] })] }]), target('idm-2018'));
        await importAgenda(t.storage, agenda([{ date: '2019-05-02', sessions: [session({ speakers: [at('Maria Garcia', 'Advocacy Officer', 'Caritas Internationalis')] })] }]), target('idm-2019'));
        const event = await t.storage.db.selectFrom('event').select('id').where('slug', '=', 'idm-2019').executeTakeFirstOrThrow();
        const editor = await signedIn(t.storage, base, { email: 'editor@example.org', role: 'editor', series: ['idm'] });
        const form = new FormData();
        form.set('_csrf', editor.csrfToken);
        form.set('file', new Blob([Buffer.from('DAY TWO – 3 May 2019\n\n10:00 - 11:00    Closing Session\n\n  • Maria Garcia, Director, Migration Policy Institute\n')]), 'closing.txt');
        const upload = await editor.postMultipart(`/admin/events/${event.id}/import`, form);
        assert.equal(upload.status, 303, upload.body);
        const preview = await editor.get(upload.location!);
        const text = decode(preview.body);
        assert.ok(
          text.includes('2 stored records are called Maria Garcia. Who is it? the same person as Maria Garcia (the same name, the same organization; Migration Policy Institute ) ( look ) the same person as Maria Garcia (the same name, already in this event, another organization; Caritas Internationalis ) ( look ) a new person, Maria Garcia'),
          text.slice(text.indexOf('Persons')),
        );
        const fields: Record<string, string> = {};
        for (const m of preview.body.matchAll(/<input ([^>]*)>/g)) {
          const name = /name="([^"]*)"/.exec(m[1]!)?.[1];
          const type = /type="([^"]*)"/.exec(m[1]!)?.[1];
          if (!name || ((type === 'checkbox' || type === 'radio') && !/ checked/.test(m[1]!))) continue;
          fields[decode(name)] = decode(/value="([^"]*)"/.exec(m[1]!)?.[1] ?? '');
        }
        assert.equal(fields['same-person.maria garcia'], 'maria-garcia', 'the import\'s own choice is the one checked');
        const confirmed = await editor.post(upload.location!, { ...fields, 'same-person.maria garcia': 'maria-garcia-2', do: 'confirm' });
        assert.equal(confirmed.status, 200, decode(confirmed.body).slice(0, 1500));
        const rows = await t.storage.db.selectFrom('appearance as a').innerJoin('person as p', 'p.id', 'a.person_id').innerJoin('session as s', 's.id', 'a.session_id').select(['p.slug', 's.title']).where('s.event_id', '=', event.id).orderBy('a.id').execute();
        // The page holds only the closing session now (the panel it no longer lists went); she is the one chosen.
        assert.deepEqual(rows, [{ slug: 'maria-garcia-2', title: 'Closing Session' }]);
        assert.equal((await t.storage.db.selectFrom('person').select('id').execute()).length, 2, 'no new person');

        // Adding "Maria Garcia" to a session by hand: the page asks which of the two, with the reason and their
        // organizations (the second one's appearance is now the closing session's, printed with the Institute), or a new one.
        const closing = (await t.storage.db.selectFrom('session').select('id').where('event_id', '=', event.id).executeTakeFirstOrThrow()).id;
        const asked = await editor.post(`/admin/sessions/${closing}/appearances`, { name: 'Maria Garcia', role: 'moderator' });
        assert.equal(asked.status, 200);
        const question = decode(asked.body);
        assert.ok(
          question.includes('Is “Maria Garcia” someone already in the archive? Add as moderator: Maria Garcia the same name (Migration Policy Institute) Add as moderator: Maria Garcia the same name (Migration Policy Institute) No: add “Maria Garcia” as a new person'),
          question,
        );
        assert.equal((await editor.post(`/admin/sessions/${closing}/appearances`, { name: 'Maria Garcia', role: 'moderator', confirm_new: '1' })).status, 303);
        assert.deepEqual((await t.storage.db.selectFrom('person').select('slug').orderBy('id').execute()).map((r) => r.slug), ['maria-garcia', 'maria-garcia-2', 'maria-garcia-3']);
      } finally {
        await server.close();
        await t.cleanup();
      }
    });

    test('an admin merges two organizations (appearances, convened series, old address); an editor confirms a guessed kind, a Member State body needs its country', async () => {
      const t = await migratedStorage(engine);
      const server = await startServer(t.storage, { port: 0, host: '127.0.0.1' });
      const base = `http://127.0.0.1:${server.port}`;
      try {
        await importAgenda(
          t.storage,
          agenda([{ date: '2018-05-02', sessions: [session({ speakers: [at('Ana Silva', 'Officer', 'IOM'), at('Juan Perez', 'Officer', 'International Organization for Migration')] })] }]),
          { series: { ...SERIES, convener: 'IOM' }, event: { slug: 'idm-2018', title: 'IDM 2018', timeZone: 'Europe/Zurich' } },
          { publish: true },
        );
        const db = t.storage.db;
        const org = async (slug: string) => (await db.selectFrom('organization').select(['id', 'version', 'kind', 'kind_confirmed']).where('slug', '=', slug).executeTakeFirstOrThrow());
        const full = await org('international-organization-for-migration');
        const iom = await org('iom');
        const admin = await signedIn(t.storage, base, { email: 'admin@example.org', role: 'admin' });
        const editor = await signedIn(t.storage, base, { email: 'editor@example.org', role: 'editor', series: ['idm'] });
        // A guessed kind is marked, with a button that confirms it.
        const page = await editor.get(`/admin/organizations/${full.id}`);
        assert.equal(page.status, 200);
        assert.ok(decode(page.body).includes('Kind: UN or other intergovernmental organization — guessed from the name; not confirmed by an editor Confirm this kind'), decode(page.body));
        assert.ok(page.body.includes('<option value="member-state">Member State government</option>'));
        assert.equal((await editor.post(`/admin/organizations/${full.id}/merge`, { other: String(iom.id) })).status, 403);
        const refused = await editor.post(`/admin/organizations/${full.id}`, { name: 'International Organization for Migration', kind: 'member-state', country_code: '', version: String(full.version) });
        assert.equal(refused.status, 400);
        assert.ok(refused.body.includes('id="f-country_code-error">a Member State government body needs its country: give its two-letter code</strong>'), refused.body);
        const confirmed = await editor.post(`/admin/organizations/${full.id}`, { name: 'International Organization for Migration', kind: 'igo', country_code: '', version: String(full.version) });
        assert.equal(confirmed.status, 303, confirmed.body);
        assert.deepEqual(await db.selectFrom('organization').select(['kind', 'kind_confirmed']).where('id', '=', full.id).executeTakeFirstOrThrow(), { kind: 'igo', kind_confirmed: 1 });
        assert.ok(!decode((await editor.get(`/admin/organizations/${full.id}`)).body).includes('guessed from the name'));

        const merged = await admin.post(`/admin/organizations/${full.id}/merge`, { other: String(iom.id) });
        assert.equal(merged.status, 303, merged.body);
        assert.deepEqual((await db.selectFrom('appearance').select('organization_id').orderBy('id').execute()).map((r) => r.organization_id), [full.id, full.id]);
        assert.deepEqual((await db.selectFrom('pub_appearance').select('organization_id').orderBy('id').execute()).map((r) => r.organization_id), [full.id, full.id]);
        assert.equal((await db.selectFrom('series').select('convener_id').executeTakeFirstOrThrow()).convener_id, full.id);
        assert.deepEqual((await db.selectFrom('organization_alias').select(['name', 'source']).where('organization_id', '=', full.id).orderBy('id').execute()).map((a) => [a.name, a.source]), [
          ['IOM', 'merge'],
          ['International Organization for Migration', 'name'],
        ]);
        const old = await http('GET', `${base}/organizations/iom`);
        assert.equal(old.status, 301);
        assert.equal(old.location, '/organizations/international-organization-for-migration');
        // Suggestions as the editor types the acronym name the organization stored under its full name.
        const suggested = await editor.get('/admin/suggest?kind=organization&q=IOM');
        assert.deepEqual(JSON.parse(suggested.body), ['International Organization for Migration']);
        // An import that prints the acronym now finds the organization by its alias.
        const again = await importAgenda(t.storage, agenda([{ date: '2019-05-02', sessions: [session({ speakers: [at('Ana Silva', 'Officer', 'IOM')] })] }]), target('idm-2019'));
        assert.deepEqual(again.organizations, { created: 0, matched: 1 });
        assert.deepEqual(again.doubtful.map(String), []);
        // Undo: the acronym's record comes back, with its appearance and the series it convenes.
        const undone = await admin.post('/admin/merges/1/undo', {});
        assert.equal(undone.status, 303, undone.body);
        assert.equal((await db.selectFrom('series').select('convener_id').executeTakeFirstOrThrow()).convener_id, iom.id);
        assert.equal((await http('GET', `${base}/organizations/iom`)).status, 200);
      } finally {
        await server.close();
        await t.cleanup();
      }
    });
  });
}
