// Editing in the workspace through HTTP, on every engine: an admin creates series, an editor
// builds an event (days, sessions, speakers typed and found by search) through the forms and
// publishes it through the publish page; a save from an old version gets the conflict page; the audit log shows each
// change with its values before and after; an admin reverts one; another series' editor is refused.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { startServer } from '../src/web/server.ts';
import { ENGINES, migratedStorage } from './engines.ts';
import { hidden, http, signedIn } from './http-client.ts';

const decode = (s: string) =>
  s
    .replace(/<[^>]+>/g, '')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
/** The rows of the first table with this class, each a list of its cells' text. */
function tableRows(html: string, cls: string): string[][] {
  const table = html.match(new RegExp(`<table class="${cls}">([\\s\\S]*?)</table>`))?.[1] ?? '';
  return [...table.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((r) => [...r[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => decode(c[1]!)));
}
/** The audit log's rows, the record's name after "What" left out (it is checked on its own). */
const auditRows = (html: string) => tableRows(html, 'audit').map((r) => r.map((c, i) => (i === 3 ? c.replace(/: .*$/, '') : c)));

for (const engine of ENGINES) {
  describe(`workspace editing on ${engine}`, () => {
    test('an editor builds and publishes an event through the forms; stale saves get the conflict page; the audit log shows and an admin reverts', async () => {
      const db = await migratedStorage(engine);
      const server = await startServer(db.storage, { port: 0, host: '127.0.0.1' });
      const base = `http://127.0.0.1:${server.port}`;
      try {
        const admin = await signedIn(db.storage, base, { email: 'admin@example.org', role: 'admin' });

        // Series: an admin's to create.
        assert.equal((await admin.get('/admin/new-series')).status, 200);
        const s1 = await admin.post('/admin/series', { slug: 'idm', title: 'International Dialogue on Migration', description: '' });
        assert.equal(s1.status, 303, s1.body);
        assert.equal(s1.location, '/admin/series/idm/edit?saved=1');
        assert.equal((await admin.post('/admin/series', { slug: 'gfmd', title: 'Global Forum', description: '' })).status, 303);
        const dupSeries = await admin.post('/admin/series', { slug: 'idm', title: 'Again', description: '' });
        assert.equal(dupSeries.status, 400);
        assert.ok(dupSeries.body.includes('<strong class="field-error" id="f-slug-error">&quot;idm&quot; is already the address of another series: choose another</strong>'), dupSeries.body.slice(dupSeries.body.indexOf("<h1>")));

        const ed = await signedIn(db.storage, base, { email: 'ed@example.org', role: 'editor', series: ['idm'] }, '192.0.2.2');
        const other = await signedIn(db.storage, base, { email: 'other@example.org', role: 'editor', series: ['gfmd'] }, '192.0.2.3');
        assert.equal((await ed.post('/admin/series', { slug: 'mine', title: 'Mine', description: '' })).status, 403, 'an editor creates no series');

        // The event: errors next to their fields, with what was typed kept.
        const eventForm = {
          slug: 'idm-2024',
          title: 'IDM 2024',
          lang: 'en',
          start_date: '2024-05-02',
          end_date: '2024-05-03',
          time_zone: 'Europe/Zurich',
          venue: 'Palais des Nations',
          address: 'Avenue de la Paix 8-14',
          city: 'Geneva',
          country_code: 'ch',
          overview: 'Two days on migration and health.',
          themes: 'Health\nClimate',
          contact_email: 'idm@example.org',
        };
        const bad = await ed.post('/admin/series/idm/events', { ...eventForm, time_zone: 'Mars/Olympus', end_date: '2024-05-01', contact_email: 'nobody' });
        assert.equal(bad.status, 400);
        assert.ok(bad.body.includes('<strong class="field-error" id="f-time_zone-error">must be an IANA time zone such as Europe/Zurich or America/New_York</strong>'));
        assert.ok(bad.body.includes('id="f-time_zone" name="time_zone" aria-describedby="f-time_zone-error f-time_zone-hint" aria-invalid="true" required="" type="text" value="Mars/Olympus"'), bad.body);
        assert.ok(bad.body.includes('<strong class="field-error" id="f-contact_email-error">must be an e-mail address such as secretariat@example.org</strong>'));
        assert.ok(bad.body.includes('<strong class="field-error" id="f-end_date-error">must not be before the start date</strong>'));
        assert.ok(bad.body.includes('<p>The form has 3 error(s); nothing was saved:</p>'));
        const created = await ed.post('/admin/series/idm/events', eventForm);
        assert.equal(created.status, 303, created.body);
        const eventPath = created.location!.replace('?saved=1', '');
        assert.match(eventPath, /^\/admin\/events\/\d+$/);
        const eventId = Number(eventPath.split('/').pop());

        // Days and sessions.
        for (const date of ['2024-05-03', '2024-05-02']) assert.equal((await ed.post(`${eventPath}/days`, { date, label: '' })).status, 303);
        const dupDay = await ed.post(`${eventPath}/days`, { date: '2024-05-02', label: '' });
        assert.equal(dupDay.status, 400);
        assert.ok(dupDay.body.includes('<strong class="field-error" id="f-date-error">the event already has a day on Thursday, May 2, 2024</strong>'));
        const days = await db.storage.db.selectFrom('day').select(['id', 'date', 'position']).where('event_id', '=', eventId).orderBy('position').execute();
        assert.deepEqual(
          days.map((d) => [d.date, d.position]),
          [
            ['2024-05-02', 0],
            ['2024-05-03', 1],
          ],
        );
        const newSession = async (dayId: number, title: string, start: string, end: string) => {
          const r = await ed.post(`/admin/days/${dayId}/sessions`, { kind: 'panel', number: '', title, start_time: start, end_time: end });
          assert.equal(r.status, 303, r.body);
          return Number(r.location!.match(/\/admin\/sessions\/(\d+)/)![1]);
        };
        const badSession = await ed.post(`/admin/days/${days[0]!.id}/sessions`, { kind: 'panel', number: 'x', title: 'T', start_time: '25:00', end_time: '' });
        assert.equal(badSession.status, 400);
        assert.ok(badSession.body.includes('id="f-start_time-error">must be a time written HH:MM (24 hours), e.g. 09:30</strong>'));
        assert.ok(badSession.body.includes('id="f-number-error">must be a whole number from 0 to 9999, or empty</strong>'));
        const opening = await newSession(days[0]!.id, 'Opening', '10:00', '11:00');
        const panel = await newSession(days[0]!.id, 'Migrants and health', '11:30', '13:00');
        const closing = await newSession(days[1]!.id, 'Closing', '16:00', '17:00');

        // Speakers: two typed anew, one found by the search and added from it.
        assert.equal((await ed.post(`/admin/sessions/${opening}/appearances`, { name: 'H.E. Mr. Jürg Lauber', role: 'speaker' })).status, 303);
        assert.equal((await ed.post(`/admin/sessions/${opening}/appearances`, { name: 'Ana Silva', role: 'speaker' })).status, 303);
        assert.equal((await ed.post(`/admin/sessions/${panel}/appearances`, { name: 'Amina Diallo', role: 'moderator' })).status, 303);
        const search = await ed.get(`/admin/sessions/${panel}?q=silva`);
        assert.equal(search.status, 200);
        const anaId = hidden(search.body, 'person_id');
        assert.equal(anaId.length, 2, 'one result, offered as speaker and as moderator');
        assert.ok(search.body.includes('Persons named like &quot;silva&quot;'));
        assert.equal((await ed.post(`/admin/sessions/${panel}/appearances`, { person_id: anaId[0]!, role: 'speaker' })).status, 303);
        assert.equal((await ed.post(`/admin/sessions/${closing}/appearances`, { name: 'Jurg LAUBER', role: 'speaker' })).status, 303, 'the same person, typed another way');
        const noName = await ed.post(`/admin/sessions/${closing}/appearances`, { name: '  ', role: 'speaker' });
        assert.equal(noName.status, 400);
        assert.ok(noName.body.includes('<strong class="field-error" id="f-name-error">must not be empty</strong>'));
        const persons = await db.storage.db.selectFrom('person').select(['name', 'slug']).orderBy('id').execute();
        assert.deepEqual(persons, [
          { name: 'Jürg Lauber', slug: 'jurg-lauber' },
          { name: 'Ana Silva', slug: 'ana-silva' },
          { name: 'Amina Diallo', slug: 'amina-diallo' },
        ]);

        // Reorder: Ana Silva before Jürg Lauber; the panel before the opening.
        const lauberAt = await db.storage.db.selectFrom('appearance').select(['id', 'version']).where('session_id', '=', opening).orderBy('position').execute();
        const up = await ed.post(`/admin/appearances/${lauberAt[1]!.id}/order`, { direction: 'up', version: String(lauberAt[1]!.version) });
        assert.equal(up.status, 303);
        assert.equal((await ed.post(`/admin/sessions/${panel}/order`, { direction: 'up', version: '1' })).status, 303);
        // A move to the other day.
        assert.equal((await ed.post(`/admin/sessions/${closing}/move`, { day_id: String(days[0]!.id), version: '1' })).status, 303);
        assert.equal((await ed.post(`/admin/sessions/${closing}/move`, { day_id: String(days[1]!.id), version: '2' })).status, 303);

        // The affiliation as printed that day, apart from the person.
        const ana = await db.storage.db.selectFrom('appearance as a').innerJoin('person as p', 'p.id', 'a.person_id').select(['a.id', 'a.version']).where('p.name', '=', 'Ana Silva').where('a.session_id', '=', panel).executeTakeFirstOrThrow();
        const affForm = await ed.get(`/admin/appearances/${ana.id}`);
        assert.equal(affForm.status, 200);
        const aff = await ed.post(`/admin/appearances/${ana.id}`, { role: 'speaker', role_label: 'Keynote', honorific: 'Dr.', affiliation_position: 'Director of Health', country: '', talk_title: '', version: String(ana.version) });
        assert.equal(aff.status, 303, aff.body);
        const twin = await ed.post(`/admin/appearances/${ana.id}`, { role: 'speaker', role_label: '', honorific: '', affiliation_position: '', country: '', talk_title: '', version: String(ana.version) });
        assert.equal(twin.status, 409, 'a save from the version before the affiliation was set');

        // A person is renamed everywhere (two people may share a name, issue 12: an admin merges them when they are one).
        const anaPerson = await db.storage.db.selectFrom('person').select(['id', 'version']).where('name', '=', 'Ana Silva').executeTakeFirstOrThrow();
        const renamed = await ed.post(`/admin/persons/${anaPerson.id}`, { name: 'Ana Maria Silva', honorific: '', version: String(anaPerson.version) });
        assert.equal(renamed.status, 303, renamed.body);
        assert.deepEqual(await db.storage.db.selectFrom('person').select(['name', 'name_key', 'slug']).where('id', '=', anaPerson.id).executeTakeFirstOrThrow(), { name: 'Ana Maria Silva', name_key: 'ana maria silva', slug: 'ana-silva' });
        // The old name stays one of hers: an import that prints it finds her.
        assert.deepEqual(
          (await db.storage.db.selectFrom('person_alias').select(['name', 'source']).where('person_id', '=', anaPerson.id).orderBy('id').execute()).map((a) => [a.name, a.source]),
          [
            ['Ana Silva', 'name'],
            ['Ana Maria Silva', 'name'],
          ],
        );
        assert.equal((await other.get(`/admin/persons/${anaPerson.id}`)).status, 403, 'a person of another series');
        assert.equal((await other.get('/admin/persons/999')).status, 403, 'a missing person is refused before it is reported missing');
        assert.equal((await admin.get('/admin/persons/999')).status, 404);

        // The dashboard leads to each series' and event's forms.
        const dash = await ed.get('/admin');
        assert.ok(dash.body.includes(`<a href="/admin/series/idm/edit">Edit the series and its events: <bdi>International Dialogue on Migration</bdi></a>`), dash.body);
        assert.ok(dash.body.includes(`<a href="${eventPath}">Edit: <bdi>IDM 2024</bdi></a>`));
        assert.ok(!dash.body.includes('href="/admin/new-series"'), 'an editor is not offered a new series');

        // Not public while a draft; a status posted with the event form publishes nothing (the form
        // has no such field any more); published through the publish page's form, as release 1.
        assert.equal((await http('GET', `${base}/events/idm-2024`)).status, 404);
        const saved = await ed.post(eventPath, { ...eventForm, status: 'published', version: '1' });
        assert.equal(saved.status, 303, saved.body);
        assert.equal((await http('GET', `${base}/events/idm-2024`)).status, 404, 'the event form does not publish');
        const published = await ed.post(`${eventPath}/publish`, { note: '' });
        assert.equal(published.status, 303, published.body);
        assert.equal(published.location, `${eventPath}/publish?published=1`);
        const page = await http('GET', `${base}/events/idm-2024`);
        assert.equal(page.status, 200);
        const text = decode(page.body);
        for (const s of ['IDM 2024', 'Migrants and health', 'Opening', 'Closing', 'Jürg Lauber', 'Amina Diallo', 'Palais des Nations', 'Director of Health', 'Ana Maria Silva']) assert.ok(text.includes(s), s);
        assert.ok(text.indexOf('Migrants and health') < text.indexOf('Opening'), 'the panel was moved before the opening');
        const inOpening = text.slice(text.indexOf('Opening'), text.indexOf('Closing'));
        assert.ok(inOpening.indexOf('Ana Maria Silva') < inOpening.indexOf('Jürg Lauber'), 'Ana Silva was moved up');

        // Two tabs from version 1 of the opening: the first save wins, the second gets the conflict page.
        const tab = await ed.get(`/admin/sessions/${opening}`);
        const version = hidden(tab.body, 'version')[0]!;
        // Version 2: the panel's move above it moved the opening too.
        assert.equal(version, '2');
        const v = Number(version);
        const first = await ed.post(`/admin/sessions/${opening}`, { kind: 'opening', number: '', title: 'Opening of the dialogue', start_time: '10:00', end_time: '11:00', version });
        assert.equal(first.status, 303);
        const second = await ed.post(`/admin/sessions/${opening}`, { kind: 'panel', number: '1', title: 'Welcome', start_time: '10:00', end_time: '10:45', version });
        assert.equal(second.status, 409);
        assert.ok(second.body.includes(`<p role="alert">this session was changed by someone else after you opened it (you edited version ${v}; it is now at version ${v + 1}): nothing was saved</p>`));
        assert.deepEqual(tableRows(second.body, 'conflict'), [
          ['Field', 'Yours', `Stored (version ${v + 1})`],
          ['Kind (differs)', 'panel', 'opening'],
          ['Panel number (differs)', '1', ''],
          ['Title (differs)', 'Welcome', 'Opening of the dialogue'],
          ['Starts at', '10:00', '10:00'],
          ['Ends at (differs)', '10:45', '11:00'],
        ]);
        assert.ok(second.body.includes(`<a href="/admin/sessions/${opening}">Keep the stored version (reload the form)</a>`));
        const stored = await db.storage.db.selectFrom('session').select(['title', 'version']).where('id', '=', opening).executeTakeFirstOrThrow();
        assert.deepEqual(stored, { title: 'Opening of the dialogue', version: v + 1 }, 'nothing overwritten');
        // "Apply mine" posts the user's values again, over the stored version.
        assert.deepEqual(hidden(second.body, 'version'), [String(v + 1)]);
        assert.deepEqual(hidden(second.body, 'title'), ['Welcome']);
        const mine = await ed.post(`/admin/sessions/${opening}`, { kind: 'panel', number: '1', title: 'Welcome', start_time: '10:00', end_time: '10:45', version: String(v + 1) });
        assert.equal(mine.status, 303);

        // Another series' editor: 403 on pages and forms, and none of this series' entries in the log.
        for (const path of [eventPath, `/admin/sessions/${opening}`, '/admin/series/idm/edit']) {
          const r = await other.get(path);
          assert.equal(r.status, 403, path);
          assert.ok(r.body.includes('your account may not do this'));
        }
        for (const path of ['/admin/sessions/99999', '/admin/events/99999', '/admin/series/nope/edit']) {
          assert.equal((await other.get(path)).status, 403, `${path}: refused before it is reported missing`);
          const r = await admin.get(path);
          assert.equal(r.status, 404, path);
        }
        assert.ok((await admin.get('/admin/sessions/99999')).body.includes('there is no session 99999'));
        const refused = await other.post(`/admin/sessions/${opening}`, { kind: 'panel', number: '', title: 'Hijack', start_time: '', end_time: '', version: String(v + 2) });
        assert.equal(refused.status, 403);
        const otherLog = await other.get('/admin/audit');
        assert.deepEqual(
          auditRows(otherLog.body).slice(1).map((r) => r[3]),
          [`create series 2`],
        );
        assert.deepEqual(
          tableRows(otherLog.body, 'audit').slice(1).map((r) => r[3]),
          [`create series 2: Global Forum`],
        );

        // The editor's log: newest first, with the values before and after, each column by the form's word and each kind by the catalogue's.
        const log = await ed.get('/admin/audit');
        assert.equal(log.status, 200);
        const rows = auditRows(log.body);
        assert.deepEqual(rows[0], ['#', 'When', 'Who', 'What', 'Before', 'After']);
        const updates = rows.filter((r) => r[3] === `update session ${opening}`).map((r) => [r[2], r[4], r[5]]);
        assert.deepEqual(updates, [
          ['ed@example.org', `Kind: Opening; Panel number: —; Title: Opening of the dialogue; Ends at: 11:00; Version: ${v + 1}`, `Kind: Panel; Panel number: 1; Title: Welcome; Ends at: 10:45; Version: ${v + 2}`],
          ['ed@example.org', `Kind: Panel; Title: Opening; Version: ${v}`, `Kind: Opening; Title: Opening of the dialogue; Version: ${v + 1}`],
        ]);
        assert.ok(!log.body.includes('Revert entry'), 'only admins revert');
        const entryOf = (text: string) => Number(rows.find((r) => r[3] === text && r[5]!.includes('Welcome'))?.[0] ?? rows.find((r) => r[3] === text)![0]);
        const latest = entryOf(`update session ${opening}`);
        assert.equal((await ed.post(`/admin/audit/${latest}/revert`, {})).status, 403);

        // An admin reverts the last change; the older one is refused since the record changed after it.
        const older = latest - 1;
        const olderRow = rows.find((r) => r[0] === String(older));
        assert.equal(olderRow?.[3], `update session ${opening}`);
        const reverted = await admin.post(`/admin/audit/${latest}/revert`, {});
        assert.equal(reverted.status, 303);
        assert.equal(reverted.location, `/admin/audit?reverted=${latest}`);
        const back = await db.storage.db.selectFrom('session').select(['kind', 'number', 'title', 'end_time', 'version']).where('id', '=', opening).executeTakeFirstOrThrow();
        assert.deepEqual(back, { kind: 'opening', number: null, title: 'Opening of the dialogue', end_time: '11:00', version: v + 3 });
        const again = await admin.post(`/admin/audit/${latest}/revert`, {});
        assert.equal(again.status, 409);
        assert.ok(again.body.includes(`entry ${latest} was already reverted by entry ${latest + 1}`), again.body);
        // The older entry can be reverted only while what it changed is as it left it: a later
        // save of the title stands in the way (a change of other fields would not).
        assert.equal((await ed.post(`/admin/sessions/${opening}`, { kind: 'opening', number: '', title: 'Opening, revised', start_time: '10:00', end_time: '11:00', version: String(v + 3) })).status, 303);
        const stale = await admin.post(`/admin/audit/${olderRow ? older : 0}/revert`, {});
        assert.equal(stale.status, 409);
        assert.ok(stale.body.includes(`the session&#39;s title changed again after entry ${older}: revert the later changes first, or edit it by hand`), stale.body);
        const adminLog = auditRows((await admin.get('/admin/audit')).body);
        assert.deepEqual(adminLog[2]!.slice(2), [
          'admin@example.org',
          `revert session ${opening} (reverts entry ${latest})`,
          `Kind: Panel; Panel number: 1; Title: Welcome; Ends at: 10:45; Version: ${v + 2}`,
          `Kind: Opening; Panel number: —; Title: Opening of the dialogue; Ends at: 11:00; Version: ${v + 3}`,
          `Revert entry ${latest + 1}`,
        ]);
        // The public still shows release 1 (the opening as first published) until the next release.
        const unpublished = await http('GET', `${base}/events/idm-2024`);
        assert.equal(unpublished.status, 200);
        assert.equal(unpublished.body, page.body, 'the workspace edits are not public before they are published');
        const release2 = await ed.post(`${eventPath}/publish`, { note: 'Opening retitled' });
        assert.equal(release2.status, 303, release2.body);
        assert.equal(release2.location, `${eventPath}/publish?published=2`);
        const after = decode((await http('GET', `${base}/events/idm-2024`)).body);
        assert.ok(after.includes('Opening, revised') && !after.includes('Welcome'), 'the public page shows the revert, then the later save, once published');
      } finally {
        await server.close();
        await db.cleanup();
      }
    });

    test('an overview typed in a browser (CR LF line ends) is stored with LF and shows as its paragraphs on the event page and in the publication', async () => {
      const db = await migratedStorage(engine);
      const server = await startServer(db.storage, { port: 0, host: '127.0.0.1' });
      const base = `http://127.0.0.1:${server.port}`;
      try {
        const admin = await signedIn(db.storage, base, { email: 'admin@example.org', role: 'admin' });
        assert.equal((await admin.post('/admin/series', { slug: 'idm', title: 'International Dialogue on Migration', description: 'Line one\r\nline two' })).status, 303);
        const ed = await signedIn(db.storage, base, { email: 'ed@example.org', role: 'editor', series: ['idm'] }, '192.0.2.2');
        const eventForm = { slug: 'idm-2024', title: 'IDM 2024', lang: 'en', start_date: '2024-05-02', end_date: '2024-05-02', time_zone: 'Europe/Zurich', venue: '', address: '', city: '', country_code: '', overview: '', themes: 'Health\r\nClimate\rLabour', contact_email: '' };
        const created = await ed.post('/admin/series/idm/events', eventForm);
        assert.equal(created.status, 303, created.body);
        const eventPath = created.location!.replace('?saved=1', '');
        // The event edit form, as a browser sends its text area.
        const saved = await ed.post(eventPath, { ...eventForm, overview: 'Two days on migration\r\nand health.\r\n\r\nThe second day is on climate.\r\n', version: '1' });
        assert.equal(saved.status, 303, saved.body);
        const stored = await db.storage.db.selectFrom('event').select(['overview', 'themes']).where('slug', '=', 'idm-2024').executeTakeFirstOrThrow();
        assert.deepEqual(stored, { overview: 'Two days on migration\nand health.\n\nThe second day is on climate.', themes: '["Health","Climate","Labour"]' });
        assert.equal((await db.storage.db.selectFrom('series').select('description').where('slug', '=', 'idm').executeTakeFirstOrThrow()).description, 'Line one\nline two');

        const published = await ed.post(`${eventPath}/publish`, { note: '' });
        assert.equal(published.status, 303, published.body);
        const page = await http('GET', `${base}/events/idm-2024`);
        assert.equal(page.status, 200);
        const overview = /<h2 id="overview">Overview<\/h2>\s*<div[^>]*>([\s\S]*?)<\/div>/.exec(page.body)?.[1];
        assert.equal(overview, '<p>Two days on migration\nand health.</p><p>The second day is on climate.</p>');

        const made = await ed.post('/admin/series/idm/publications', { event: 'idm-2024' });
        assert.equal(made.status, 303, made.body);
        const frozen = await ed.post(`${made.location}/freeze`, {});
        assert.equal(frozen.status, 303, frozen.body);
        const html = await http('GET', `${base}/publications/idm-2024/1/publication.html`);
        assert.equal(html.status, 200);
        assert.ok(html.body.includes('<h3>Overview</h3><p><bdi>Two days on migration\nand health.</bdi></p><p><bdi>The second day is on climate.</bdi></p><h3>Themes</h3>'), html.body.slice(html.body.indexOf('<h3>'), html.body.indexOf('<h3>') + 400));
      } finally {
        await server.close();
        await db.cleanup();
      }
    });
  });
}
