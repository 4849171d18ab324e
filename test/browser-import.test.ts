// Import in the browser, over HTTP through the running server, on every engine: the seed page
// uploaded into a new event shows exactly what was read; confirmed, it stores the same event as
// `plenary import` of the same file stores in another fresh database (a canonical dump without
// ids, uuids and timestamps), as a draft; corrections made in the preview form (a session
// retitled, a position fixed, a person left out, a doubtful match answered) are what gets stored;
// a PNG is refused with its exact message; an editor of another series and a viewer get 403, a
// form without its CSRF token is refused; the reading waits in the database, not in the process.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import sharp from 'sharp';
import type { Db } from '../src/storage/database.ts';
import { openStorage } from '../src/storage/storage.ts';
import { write } from '../src/storage/write.ts';
import { startServer } from '../src/web/server.ts';
import { ENGINES, freshDatabase, migratedStorage } from './engines.ts';
import { decode, signedIn, type Signed } from './http-client.ts';
import { runPlenary } from './plenary-cli.ts';
import { SHARED_SKIP, sharedPath } from './shared.ts';

const T = '2024-05-06T07:08:09.000Z';
const SEED = 'seed/idm-2017-new-york.txt';

/** The value of the input (or the selected option) with this id. */
function valueOf(html: string, id: string): string | undefined {
  const input = new RegExp(`<input id="${id}" name="[^"]*"[^>]*? value="([^"]*)"`).exec(html)?.[1];
  if (input !== undefined) return decode(input);
  const select = new RegExp(`<select id="${id}"[^>]*>([\\s\\S]*?)</select>`).exec(html)?.[1];
  return select ? new RegExp('<option value="([^"]*)" selected').exec(select)?.[1] : undefined;
}

/** The event as stored, without ids, uuids, versions or timestamps: what two imports must agree on. */
async function canonicalDump(db: Db, slug: string) {
  const event = await db
    .selectFrom('event')
    .select(['id', 'slug', 'title', 'lang', 'start_date', 'end_date', 'venue', 'address', 'city', 'country_code', 'time_zone', 'overview', 'themes', 'contact_email', 'status'])
    .where('slug', '=', slug)
    .executeTakeFirstOrThrow();
  const days = await db.selectFrom('day').select(['id', 'position', 'date', 'label']).where('event_id', '=', event.id).orderBy('position').execute();
  const sessions = await db.selectFrom('session').selectAll().where('event_id', '=', event.id).orderBy('position').execute();
  const appearances = await db
    .selectFrom('appearance as a')
    .innerJoin('session as s', 's.id', 'a.session_id')
    .innerJoin('person as p', 'p.id', 'a.person_id')
    .leftJoin('organization as o', 'o.id', 'a.organization_id')
    .select(['a.id', 'a.session_id', 'a.role', 'a.role_label', 'a.position', 'a.honorific', 'a.affiliation_position', 'a.country', 'a.country_code', 'a.talk_title', 'a.lang'])
    .select(['p.name as person', 'o.name as organization'])
    .where('s.event_id', '=', event.id)
    .orderBy('a.position')
    .execute();
  const materials = await db.selectFrom('material').select(['appearance_id', 'kind', 'label', 'lang', 'position', 'url', 'file_id']).where('event_id', '=', event.id).orderBy('position').execute();
  const persons = await db.selectFrom('person').select(['slug', 'name', 'name_key', 'honorific']).orderBy('name_key').orderBy('slug').execute();
  const organizations = await db.selectFrom('organization').select(['slug', 'name', 'name_key', 'kind', 'country_code']).orderBy('name_key').orderBy('slug').execute();
  const { id: _e, ...eventFields } = event;
  return {
    event: eventFields,
    days: days.map((d) => ({
      date: d.date,
      label: d.label,
      sessions: sessions
        .filter((s) => s.day_id === d.id)
        .map((s) => ({
          position: s.position,
          kind: s.kind,
          number: s.number,
          title: s.title,
          lang: s.lang,
          start: s.start_time,
          end: s.end_time,
          appearances: appearances
            .filter((a) => a.session_id === s.id)
            .map(({ id, session_id: _s, ...a }) => ({ ...a, materials: materials.filter((m) => m.appearance_id === id).map(({ appearance_id: _a, ...m }) => m) })),
        })),
    })),
    documents: materials.filter((m) => m.appearance_id === null),
    persons,
    organizations,
  };
}

function uploadForm(s: Signed, file: { name: string; bytes: Uint8Array }, fields: Record<string, string> = {}, csrf = true): FormData {
  const form = new FormData();
  if (csrf) form.set('_csrf', s.csrfToken);
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  form.set('file', new Blob([file.bytes]), file.name);
  return form;
}

/** Every field of the preview's correction form with its value as shown (what a browser would send back). */
function formFields(html: string): Record<string, string> {
  const form = /<form method="post" action="\/admin\/imports\/[^"]+">([\s\S]*?)<\/form>/.exec(html)?.[1] ?? '';
  const out: Record<string, string> = {};
  for (const m of form.matchAll(/<input ([^>]*)>/g)) {
    const attrs = m[1]!;
    const name = /name="([^"]*)"/.exec(attrs)?.[1];
    if (!name) continue;
    const type = /type="([^"]*)"/.exec(attrs)?.[1];
    if ((type === 'checkbox' || type === 'radio') && !/ checked/.test(attrs)) continue;
    out[decode(name)] = decode(/value="([^"]*)"/.exec(attrs)?.[1] ?? '');
  }
  for (const m of form.matchAll(/<select [^>]*name="([^"]*)"[^>]*>([\s\S]*?)<\/select>/g)) {
    out[decode(m[1]!)] = /<option value="([^"]*)" selected/.exec(m[2]!)?.[1] ?? /<option value="([^"]*)"/.exec(m[2]!)?.[1] ?? '';
  }
  return out;
}

for (const engine of ENGINES) {
  describe(`import in the browser on ${engine}`, () => {
    test('the seed page: preview, corrections, confirmation equal to plenary import; refusals', { skip: SHARED_SKIP }, async () => {
      const t = await migratedStorage(engine);
      const other = await freshDatabase(engine);
      const seedPath = sharedPath(SEED);
      const seed = readFileSync(seedPath);
      await write(t.storage, async (trx) => {
        await trx.insertInto('series').values({ slug: 'idm', title: 'International Dialogue on Migration', lang: 'en', description: null, convener_id: null, created_at: T, updated_at: T }).execute();
        await trx.insertInto('series').values({ slug: 'other', title: 'Other dialogue', lang: 'en', description: null, convener_id: null, created_at: T, updated_at: T }).execute();
      });
      const server = await startServer(t.storage, { port: 0, host: '127.0.0.1' });
      const base = `http://127.0.0.1:${server.port}`;
      const secondServer = await startServer(t.storage, { port: 0, host: '127.0.0.1' });
      const secondBase = `http://127.0.0.1:${secondServer.port}`;
      try {
        const editor = await signedIn(t.storage, base, { email: 'editor@example.org', role: 'editor', series: ['idm'] });
        const stranger = await signedIn(t.storage, base, { email: 'stranger@example.org', role: 'editor', series: ['other'] });
        const viewer = await signedIn(t.storage, base, { email: 'viewer@example.org', role: 'viewer', series: ['idm'] });
        const newEvent = { 'event.slug': 'idm-2017-new-york', 'event.title': 'IDM 2017: New York workshop', 'event.timeZone': 'America/New_York', 'event.lang': 'en' };

        // The series page links to the import; the upload form asks for the file and the new event.
        const seriesPage = await editor.get('/admin/series/idm/edit');
        assert.ok(seriesPage.body.includes('href="/admin/series/idm/import"'));
        const formPage = await editor.get('/admin/series/idm/import');
        assert.equal(formPage.status, 200);
        assert.match(formPage.body, /<input id="f-file" type="file" name="file" required/);

        // Refusals first: a PNG (named like a text file: the content decides), no token, another series, a viewer.
        const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#336699' } }).png().toBuffer();
        const refused = await editor.postMultipart('/admin/series/idm/import', uploadForm(editor, { name: 'agenda.txt', bytes: png }, newEvent));
        assert.equal(refused.status, 400);
        assert.ok(decode(refused.body).includes('agenda.txt is an image; an agenda must be text, HTML, DOCX or PDF Choose the file again: nothing was stored.'), decode(refused.body).slice(0, 2000));
        assert.equal(valueOf(refused.body, 'f-event-slug'), 'idm-2017-new-york', 'the fields are kept');
        const noToken = await editor.postMultipart('/admin/series/idm/import', uploadForm(editor, { name: 'agenda.txt', bytes: seed }, newEvent, false));
        assert.equal(noToken.status, 403);
        assert.ok(decode(noToken.body).includes('the form is missing its security token or it is out of date: reload the page and try again'));
        const foreign = await stranger.postMultipart('/admin/series/idm/import', uploadForm(stranger, { name: 'agenda.txt', bytes: seed }, newEvent));
        assert.equal(foreign.status, 403);
        assert.ok(decode(foreign.body).includes('your account may not do this'));
        assert.equal((await stranger.get('/admin/series/idm/import')).status, 403);
        assert.equal((await viewer.postMultipart('/admin/series/idm/import', uploadForm(viewer, { name: 'agenda.txt', bytes: seed }, newEvent))).status, 403);
        assert.equal((await viewer.get('/admin/series/idm/import')).status, 403);
        assert.equal(Number((await t.storage.db.selectFrom('import_draft').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n), 0, 'nothing refused was kept');

        // The seed page, uploaded: the preview shows what the reader read, nothing is stored yet.
        const up = await editor.postMultipart('/admin/series/idm/import', uploadForm(editor, { name: 'idm-2017-new-york.txt', bytes: seed }, newEvent));
        assert.equal(up.status, 303, decode(up.body).slice(0, 1000));
        const draftPath = up.location!;
        assert.match(draftPath, /^\/admin\/imports\/[A-Za-z0-9_-]{24}$/);
        const preview = await editor.get(draftPath);
        assert.equal(preview.status, 200);
        const summary = decode(/<p id="import-summary">([\s\S]*?)<\/p>/.exec(preview.body)![1]!);
        assert.equal(summary, 'Read as TEXT: 2 days, 10 sessions, 37 appearances; warnings: 1.');
        // The one warning sits by the line before it: the last person of the closing session.
        const warningAt = preview.body.indexOf('<li>Line 113: line not understood: <q>Event documents and photos</q></li>');
        assert.ok(warningAt > preview.body.lastIndexOf('<legend>') && warningAt < preview.body.indexOf('id="f-p1-4-s2-name"'), 'the warning by its line');
        assert.equal(decode(/<h2 id="day-0">([\s\S]*?)<\/h2>/.exec(preview.body)![1]!), 'Day 1: Tuesday, April 18, 2017 ( DAY ONE – 18 April 2017 )');
        assert.equal(decode(/<h2 id="day-1">([\s\S]*?)<\/h2>/.exec(preview.body)![1]!), 'Day 2: Wednesday, April 19, 2017 ( DAY TWO – 19 April 2017 )');
        assert.equal(valueOf(preview.body, 'f-s0-0-title'), 'Opening Session');
        assert.equal(valueOf(preview.body, 'f-s0-0-kind'), 'opening');
        assert.equal(valueOf(preview.body, 'f-s0-0-start'), '10:00');
        assert.equal(valueOf(preview.body, 'f-s0-0-end'), '11:30');
        assert.equal(valueOf(preview.body, 'f-p0-0-s0-name'), 'William Lacy Swing');
        assert.equal(valueOf(preview.body, 'f-p0-0-s0-position'), 'Director General');
        assert.equal(valueOf(preview.body, 'f-p0-0-s0-organization'), 'International Organization for Migration');
        assert.equal(valueOf(preview.body, 'f-p0-0-s1-name'), 'Louise Arbour');
        assert.equal(valueOf(preview.body, 'f-p0-0-s1-position'), 'Special Representative of the Secretary General for International Migration');
        assert.equal(valueOf(preview.body, 'f-p0-0-s2-name'), undefined, 'two speakers in the opening session');
        assert.equal(valueOf(preview.body, 'f-p0-0-m0-name'), undefined, 'and no moderator');
        assert.ok(decode(preview.body).includes('0 found in the archive, 35 to be created.'), 'persons');
        assert.equal((await t.storage.db.selectFrom('event').select('id').execute()).length, 0, 'nothing stored before the confirmation');
        // Another series' editor cannot see or confirm it.
        assert.equal((await stranger.get(draftPath)).status, 403);
        assert.equal((await stranger.post(draftPath, { do: 'confirm' })).status, 403);
        // Without the token, nothing is confirmed.
        assert.equal((await editor.postRaw(draftPath, { origin: base }, { do: 'confirm' })).status, 403);

        // Confirmed as shown: the same stored event as `plenary import` of the same file.
        const confirmed = await editor.post(draftPath, { ...formFields(preview.body), do: 'confirm' });
        assert.equal(confirmed.status, 200, decode(confirmed.body).slice(0, 1500));
        const event = await t.storage.db.selectFrom('event').select(['id', 'status']).where('slug', '=', 'idm-2017-new-york').executeTakeFirstOrThrow();
        // What was done, as the command line says it, and the way to the event.
        assert.equal(
          decode(/<main[^>]*>([\s\S]*?)<\/main>/.exec(confirmed.body)![1]!.replace(/^[\s\S]*?<h1>/, '<h1>')),
          'Imported into IDM 2017: New York workshop Stored in the workspace as a new event (Draft): the public sees nothing of it until it is published. ' +
            'Sessions: 10 created, 0 updated, 0 removed. Appearances: 37 created, 0 updated, 0 removed. Persons: 35 created, 0 found in the archive. ' +
            'Organizations: 24 created, 0 found in the archive. Open IDM 2017: New York workshop in the workspace',
        );
        assert.ok(confirmed.body.includes(`<a href="/admin/events/${event.id}" id="imported-event">`));
        assert.equal(event.status, 'draft');
        assert.equal((await editor.get(draftPath)).status, 404, 'the draft is gone once confirmed');
        const cli = runPlenary(
          ['import', seedPath, '--series', 'idm', '--series-title', 'International Dialogue on Migration', '--event', 'idm-2017-new-york', '--title', 'IDM 2017: New York workshop', '--time-zone', 'America/New_York', '--status', 'draft'],
          other.url,
        );
        assert.equal(cli.code, 0, cli.err);
        const cliStorage = await openStorage(other.url);
        try {
          const fromBrowser = await canonicalDump(t.storage.db, 'idm-2017-new-york');
          assert.deepEqual(fromBrowser, await canonicalDump(cliStorage.db, 'idm-2017-new-york'));
          assert.equal(fromBrowser.days.flatMap((d) => d.sessions).length, 10);
          assert.equal(fromBrowser.days.flatMap((d) => d.sessions).flatMap((s) => s.appearances).length, 37);
        } finally {
          await cliStorage.close();
        }
        const entry = await t.storage.db.selectFrom('audit_entry').select(['action', 'entity', 'entity_id', 'after', 'account_id']).where('action', '=', 'import').executeTakeFirstOrThrow();
        assert.deepEqual({ ...entry, after: JSON.parse(entry.after!) }, {
          action: 'import',
          entity: 'event',
          entity_id: event.id,
          // the editor who confirmed it (the command line's entry names no account)
          account_id: (await t.storage.db.selectFrom('account').select('id').where('email', '=', 'editor@example.org').executeTakeFirstOrThrow()).id,
          after: { sessions_created: 10, sessions_updated: 0, sessions_removed: 0, appearances_created: 37, appearances_updated: 0, appearances_removed: 0, kept_as_edited: 0 },
        });

        // The event page links to a new import; corrections made in the preview are what gets stored.
        const eventPage = await editor.get(`/admin/events/${event.id}`);
        assert.ok(eventPage.body.includes(`href="/admin/events/${event.id}/import"`));
        const again = await editor.postMultipart(`/admin/events/${event.id}/import`, uploadForm(editor, { name: 'idm-2017-new-york.txt', bytes: seed }));
        assert.equal(again.status, 303, decode(again.body).slice(0, 1000));
        const second = await editor.get(again.location!);
        assert.ok(decode(second.body).includes('35 found in the archive, 0 to be created.'));
        const fields = formFields(second.body);
        const corrected = await editor.post(again.location!, {
          ...fields,
          's0.0.title': 'Opening of the workshop',
          'p0.0.s0.position': 'Director General of IOM',
          'p0.0.s1.remove': '1',
          do: 'apply',
        });
        assert.equal(corrected.status, 303);
        assert.equal(corrected.location, `${again.location}?corrected=1`);
        const shown = await editor.get(corrected.location!);
        assert.equal(valueOf(shown.body, 'f-s0-0-title'), 'Opening of the workshop');
        assert.equal(valueOf(shown.body, 'f-p0-0-s0-position'), 'Director General of IOM');
        assert.equal(valueOf(shown.body, 'f-p0-0-s1-name'), undefined, 'Louise Arbour left out');
        // A wrong time is said by its field; nothing of that form is applied.
        const wrong = await editor.post(again.location!, { ...formFields(shown.body), 's0.1.start': '25:99', 's0.1.title': 'Not applied', do: 'confirm' });
        assert.equal(wrong.status, 400);
        assert.ok(decode(wrong.body).includes('1 corrections could not be applied; nothing was changed: must be a time of day written HH:MM, e.g. 09:30, or left empty'), decode(wrong.body).slice(0, 1500));
        assert.equal(valueOf(wrong.body, 'f-s0-1-start'), '25:99', 'what was typed is shown again');
        // A form made from an older reading is not applied over a newer one.
        const stale = await editor.post(again.location!, { ...fields, do: 'apply' });
        assert.equal(stale.status, 409);
        const done = await editor.post(again.location!, { ...formFields(shown.body), do: 'confirm' });
        assert.equal(done.status, 200, decode(done.body).slice(0, 1500));
        assert.ok(decode(done.body).includes('Stored in the workspace; the event keeps its status (Draft). Sessions: 0 created, 10 updated, 0 removed. Appearances: 0 created, 36 updated, 1 removed.'), decode(done.body));
        const stored = await canonicalDump(t.storage.db, 'idm-2017-new-york');
        const opening = stored.days[0]!.sessions[0]!;
        assert.equal(opening.title, 'Opening of the workshop');
        assert.deepEqual(opening.appearances.map((a) => [a.person, a.affiliation_position]), [['William Lacy Swing', 'Director General of IOM']]);
        assert.equal(stored.event.status, 'draft', 'an existing event keeps its status');

        // A doubtful match answered in the form: "W. L. Swing" is the stored William Lacy Swing, not a new person.
        const small = Buffer.from('DAY ONE – 20 April 2017\n\n10:00 - 11:00    Closing Session\n\n  • W. L. Swing, Director General, International Organization for Migration\n');
        const third = await editor.postMultipart(`/admin/events/${event.id}/import`, uploadForm(editor, { name: 'closing.txt', bytes: small }));
        const doubtful = await editor.get(third.location!);
        assert.ok(decode(doubtful.body).includes('W. L. Swing resembles someone in the archive. Who is it? the same person as William Lacy Swing'), decode(doubtful.body).slice(-3000));
        const slug = (await t.storage.db.selectFrom('person').select('slug').where('name', '=', 'William Lacy Swing').executeTakeFirstOrThrow()).slug;
        const persons = (await t.storage.db.selectFrom('person').select('id').execute()).length;
        const chosen = await editor.post(third.location!, { ...formFields(doubtful.body), 'same-person.w l swing': slug, do: 'confirm' });
        assert.equal(chosen.status, 200, decode(chosen.body).slice(0, 1500));
        assert.equal((await t.storage.db.selectFrom('person').select('id').execute()).length, persons, 'no new person');
        const closing = (await canonicalDump(t.storage.db, 'idm-2017-new-york')).days.find((d) => d.date === '2017-04-20')!;
        assert.deepEqual(closing.sessions[0]!.appearances.map((a) => a.person), ['William Lacy Swing']);

        // A reading not confirmed within a day expires: its page says so, and the next upload deletes it.
        const late = await editor.postMultipart(`/admin/events/${event.id}/import`, uploadForm(editor, { name: 'closing.txt', bytes: small }));
        const lateId = late.location!.split('/').pop()!;
        await t.storage.db.updateTable('import_draft').set({ expires_at: '2020-01-01T00:00:00.000Z' }).where('id', '=', lateId).execute();
        const expired = await editor.get(late.location!);
        assert.equal(expired.status, 404);
        assert.ok(decode(expired.body).includes('this import is no longer waiting: it was confirmed or discarded, or it expired (uploads wait a day); upload the file again'));
        const fresh = await editor.postMultipart(`/admin/events/${event.id}/import`, uploadForm(editor, { name: 'closing.txt', bytes: small }));
        assert.deepEqual((await t.storage.db.selectFrom('import_draft').select('id').execute()).map((r) => r.id), [fresh.location!.split('/').pop()]);
        // A page without dates and without a title: the confirmation says what is missing, in the page's terms.
        // Uploaded through one instance, continued through another (behind a load balancer) by another editor of the series.
        const undated = await editor.postMultipart('/admin/series/idm/import', uploadForm(editor, { name: 'opening.txt', bytes: Buffer.from('09:00 - 10:00    Opening Session\n\n  • Ana Silva, Minister of Labour, Chile\n') }, { 'event.slug': 'undated-2025', 'event.timeZone': 'Europe/Zurich' }));
        assert.equal(undated.status, 303, decode(undated.body).slice(0, 1000));
        const colleague = await signedIn(t.storage, secondBase, { email: 'colleague@example.org', role: 'editor', series: ['idm'] });
        const undatedPage = await colleague.get(undated.location!);
        assert.equal(decode(/<h2 id="day-0">([\s\S]*?)<\/h2>/.exec(undatedPage.body)![1]!), 'Day 1: no date');
        assert.equal(valueOf(undatedPage.body, 'f-p0-0-s0-country'), 'Chile');
        const noDate = await colleague.post(undated.location!, { ...formFields(undatedPage.body), 'event.title': 'Opening 2025', do: 'confirm' });
        assert.equal(noDate.status, 400);
        assert.ok(decode(noDate.body).includes('1 corrections could not be applied; nothing was changed: day 1 ("") has no date and no start date was given'), decode(noDate.body).slice(0, 2000));
        const dated = await colleague.post(undated.location!, { ...formFields(noDate.body), 'event.startDate': '2025-03-04', do: 'confirm' });
        assert.equal(dated.status, 200, decode(dated.body).slice(0, 2000));
        assert.deepEqual(
          await t.storage.db.selectFrom('event').select(['title', 'start_date', 'status', 'time_zone']).where('slug', '=', 'undated-2025').executeTakeFirstOrThrow(),
          { title: 'Opening 2025', start_date: '2025-03-04', status: 'draft', time_zone: 'Europe/Zurich' },
        );

        // Discarded, it is gone and nothing was stored.
        const discarded = await editor.post(`${fresh.location}/discard`, {});
        assert.equal(discarded.status, 303);
        assert.equal(discarded.location, `/admin/events/${event.id}`);
        assert.deepEqual(await t.storage.db.selectFrom('import_draft').select('id').execute(), []);
      } finally {
        await secondServer.close();
        await server.close();
        await t.cleanup();
        await other.drop();
      }
    });

    test('a name retyped after a doubtful match was answered is matched afresh: a new person, no alias for the one chosen before', async () => {
      const t = await migratedStorage(engine);
      await write(t.storage, async (trx) => {
        await trx.insertInto('series').values({ slug: 'idm', title: 'International Dialogue on Migration', lang: 'en', description: null, convener_id: null, created_at: T, updated_at: T }).execute();
      });
      const server = await startServer(t.storage, { port: 0, host: '127.0.0.1' });
      try {
        const editor = await signedIn(t.storage, `http://127.0.0.1:${server.port}`, { email: 'editor@example.org', role: 'editor', series: ['idm'] });
        const line = (name: string) => Buffer.from(`DAY ONE – 20 April 2017\n\n10:00 - 11:00    Closing Session\n\n  • ${name}, Director General, International Organization for Migration\n`);
        const first = await editor.postMultipart('/admin/series/idm/import', uploadForm(editor, { name: 'closing.txt', bytes: line('William Lacy Swing') }, { 'event.slug': 'closing-2017', 'event.title': 'Closing 2017', 'event.timeZone': 'America/New_York', 'event.lang': 'en' }));
        assert.equal(first.status, 303, decode(first.body).slice(0, 1000));
        const stored = await editor.post(first.location!, { ...formFields((await editor.get(first.location!)).body), do: 'confirm' });
        assert.equal(stored.status, 200, decode(stored.body).slice(0, 1500));
        const swing = await t.storage.db.selectFrom('person').select(['id', 'slug']).where('name', '=', 'William Lacy Swing').executeTakeFirstOrThrow();
        const aliases = async () => (await t.storage.db.selectFrom('person_alias').select('name').where('person_id', '=', swing.id).orderBy('name').execute()).map((a) => a.name);
        assert.deepEqual(await aliases(), ['William Lacy Swing']);
        const event = await t.storage.db.selectFrom('event').select('id').where('slug', '=', 'closing-2017').executeTakeFirstOrThrow();

        // "W. L. Swing" read: the editor says it is William Lacy Swing and applies; the choice is kept.
        const up = await editor.postMultipart(`/admin/events/${event.id}/import`, uploadForm(editor, { name: 'closing.txt', bytes: line('W. L. Swing') }));
        assert.equal(up.status, 303, decode(up.body).slice(0, 1000));
        const doubtful = await editor.get(up.location!);
        assert.ok(decode(doubtful.body).includes('W. L. Swing resembles someone in the archive. Who is it? the same person as William Lacy Swing'), decode(doubtful.body).slice(-3000));
        const applied = await editor.post(up.location!, { ...formFields(doubtful.body), 'same-person.w l swing': swing.slug, do: 'apply' });
        assert.equal(applied.status, 303, decode(applied.body).slice(0, 1500));
        const chosen = await editor.get(applied.location!);
        assert.equal(formFields(chosen.body)['same-person.w l swing'], swing.slug, 'the choice is shown as made');

        // Then the name is retyped: the choice made for the old name goes with it.
        const renamed = await editor.post(up.location!, { ...formFields(chosen.body), 'p0.0.s0.name': 'Jane Doe', do: 'apply' });
        assert.equal(renamed.status, 303, decode(renamed.body).slice(0, 1500));
        const shown = await editor.get(renamed.location!);
        assert.equal(valueOf(shown.body, 'f-p0-0-s0-name'), 'Jane Doe');
        assert.deepEqual(Object.keys(formFields(shown.body)).filter((k) => k.startsWith('same-person.')), []);
        const draft = await t.storage.db.selectFrom('import_draft').select('agenda').executeTakeFirstOrThrow();
        assert.deepEqual(JSON.parse(draft.agenda).days[0].sessions[0].speakers.map((p: Record<string, unknown>) => [p['name'], p['personChoice']]), [['Jane Doe', undefined]]);
        const done = await editor.post(up.location!, { ...formFields(shown.body), do: 'confirm' });
        assert.equal(done.status, 200, decode(done.body).slice(0, 1500));

        // Jane Doe is a new person on the appearance; William Lacy Swing has no new alias.
        const jane = await t.storage.db.selectFrom('person').select(['id', 'name']).where('name', '=', 'Jane Doe').execute();
        assert.equal(jane.length, 1);
        assert.notEqual(jane[0]!.id, swing.id);
        assert.deepEqual(await aliases(), ['William Lacy Swing']);
        const closing = (await canonicalDump(t.storage.db, 'closing-2017')).days[0]!.sessions[0]!;
        assert.deepEqual(closing.appearances.map((a) => a.person), ['Jane Doe']);
        assert.deepEqual((await t.storage.db.selectFrom('person').select('name').orderBy('name').execute()).map((p) => p.name), ['Jane Doe', 'William Lacy Swing']);
      } finally {
        await server.close();
        await t.cleanup();
      }
    });
  });
}
