// The admin's other walks by keyboard alone (issue 9, "keyboard only, all of it"), in Debian's
// Chromium, on every engine of PLENARY_TEST_ENGINES: merge two persons and undo it; merge two
// organizations and undo it; split a person and an organization; import an agenda file in the
// browser (the file chosen from the file field opened with the space bar), choose among the stored
// persons of one name with the arrow keys, confirm; make a speaker link, and, in the speaker's own
// browser, hand in a statement through it, which the editor then approves from the queue; enter a
// series' and an event's French translations (an error reached from the error summary's link, then
// a save) and see them on the French public page after publishing. Only the first page of each
// browser is opened by its address; every other page is reached by a link or a form, with Tab,
// typing, arrows, Space and Enter, and every control focused on the way shows its focus
// (test/keyboard-kit.ts); each page where something is chosen or confirmed is gone around with Tab
// and back with Shift+Tab: no focus trap, the same stops both ways, every stop showing its focus.
// The results are read from the database and the public page.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { importAgenda } from '../src/operations/import-agenda.ts';
import { chromiumMissing, launchChromium } from './browser-kit.ts';
import { blocks, toPdf } from './convert.ts';
import { ENGINES } from './engines.ts';
import { agenda, person, session } from './factories.ts';
import { adminWalk, assertFocusShown, fillImportForm, fillStatement, follow, mergeByKeyboard, publishByKeyboard, send, signIn, tabAround, tabTo, toAppearance as toAppearanceOf, toDashboard } from './keyboard-kit.ts';

const at = (name: string, position: string, organization: string) => person(name, { position, organization });

if (chromiumMissing) {
  test('the admin walks by keyboard', { skip: chromiumMissing }, () => {});
} else {
  for (const engine of ENGINES) {
    describe(`the admin's walks by keyboard alone in Chromium on ${engine}`, () => {
      test('merge and undo (persons, organizations), split (person, organization), browser import with a doubtful identity, speaker link, translations', async () => {
        const walk = await adminWalk(engine, 'plenary-keyboard-walks-');
        const { site, files } = walk;
        let speakerBrowser: Awaited<ReturnType<typeof launchChromium>> | undefined;
        try {
          const db = site.storage.db;
          // A second event: W. L. Swing (of "IOM"), and two Ana Lopez of two organizations.
          await importAgenda(
            site.storage,
            agenda([
              {
                date: '2018-05-02',
                sessions: [session({ title: 'Closing', speakers: [at('W. L. Swing', 'Director General', 'IOM'), at('Ana Lopez', 'Officer', 'UNHCR'), at('Ana Lopez', 'Officer', 'UNICEF')] })],
              },
            ]),
            { series: { slug: 'idm-geneva', title: 'IDM in Geneva' }, event: { slug: 'idm-2018-geneva', title: 'IDM 2018, Geneva', timeZone: 'Europe/Zurich' } },
            { publish: true },
          );
          const personId = async (slug: string) => (await db.selectFrom('person').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
          const orgId = async (slug: string) => (await db.selectFrom('organization').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
          const william = await personId('william-lacy-swing');
          const wl = await personId('w-l-swing');
          const iomFull = await orgId('international-organization-for-migration');
          const iom = await orgId('iom');
          const demo = await db.selectFrom('event').select(['id', 'slug']).where('slug', '=', 'idm-2017-new-york').executeTakeFirstOrThrow();
          const sessionId = async (title: string) => (await db.selectFrom('session as s').innerJoin('day as d', 'd.id', 's.day_id').select('s.id').where('d.event_id', '=', demo.id).where('s.title', 'like', `${title}%`).executeTakeFirstOrThrow()).id;
          const opening = await sessionId('Opening Session');
          const panel1 = await sessionId('Implementing the SDGs');
          const appearanceOf = async (sessionId: number, personId: number) =>
            (await db.selectFrom('appearance').select('id').where('session_id', '=', sessionId).where('person_id', '=', personId).executeTakeFirstOrThrow()).id;
          const williamOpening = await appearanceOf(opening, william);
          const williamPanel1 = await appearanceOf(panel1, william);
          const wlAppearance = (await db.selectFrom('appearance').select('id').where('person_id', '=', wl).executeTakeFirstOrThrow()).id;
          const personOf = async (appearance: number) => (await db.selectFrom('appearance').select('person_id').where('id', '=', appearance).executeTakeFirstOrThrow()).person_id;
          const orgsOf = async () => (await db.selectFrom('appearance').select(['id', 'organization_id']).where('organization_id', 'in', [iomFull, iom]).orderBy('id').execute()).map((r) => [r.id, r.organization_id]);
          const orgsBefore = await orgsOf();

          const { page, url } = walk;
          const dashboard = () => toDashboard(page, site.base);
          /** From the dashboard to an appearance of the demo event: the event, the session, the person in it. */
          const toAppearance = (sessionId: number, appearanceId: number) => toAppearanceOf(page, site.base, { event: demo.id, session: sessionId, appearance: appearanceId });

          // Sign in: the only address typed.
          await signIn(page, site.base, walk.email);

          // ---- Merge two persons: W. L. Swing into William Lacy Swing, found by the merge page's search.
          await toAppearance(opening, williamOpening);
          assert.equal(await follow(page, `a[href="/admin/persons/${william}"]`), 200);
          const merge = await mergeByKeyboard(page, site.base, 'persons', { id: william, name: 'William Lacy Swing' }, { id: wl, name: 'W. L. Swing' }, 'swing');
          assert.equal(merge, (await db.selectFrom('identity_merge').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow()).id);
          await tabAround(page);
          assert.equal(await personOf(wlAppearance), william);
          assert.equal((await db.selectFrom('person').select('id').where('id', '=', wl).execute()).length, 0);
          assert.deepEqual((await db.selectFrom('person_alias').select('name').where('person_id', '=', william).orderBy('id').execute()).map((r) => r.name), ['William Lacy Swing', 'W. L. Swing']);
          // Undone from the survivor's page: W. L. Swing is back with his appearance.
          await tabTo(page, 'button', 'Undo this merge');
          assert.equal(await send(page), 200);
          assert.equal(page.url(), url(`/admin/persons/${wl}?unmerged=1`));
          assert.equal(await personOf(wlAppearance), wl);
          assert.deepEqual(await db.selectFrom('person').select(['name', 'slug']).where('id', '=', wl).executeTakeFirstOrThrow(), { name: 'W. L. Swing', slug: 'w-l-swing' });
          assert.deepEqual((await db.selectFrom('person_alias').select('name').where('person_id', '=', william).execute()).map((r) => r.name), ['William Lacy Swing']);

          // ---- Merge two organizations: IOM into International Organization for Migration, and undo.
          await dashboard();
          await toAppearance(opening, williamOpening);
          assert.equal(await follow(page, `a[href="/admin/organizations/${iomFull}"]`), 200);
          const orgMerge = await mergeByKeyboard(page, site.base, 'organizations', { id: iomFull, name: 'International Organization for Migration' }, { id: iom, name: 'IOM' }, 'IOM');
          assert.equal(orgMerge, (await db.selectFrom('identity_merge').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow()).id);
          assert.deepEqual(await orgsOf(), orgsBefore.map(([id]) => [id, iomFull]));
          assert.equal((await db.selectFrom('organization').select('id').where('id', '=', iom).execute()).length, 0);
          await tabTo(page, 'button', 'Undo this merge');
          assert.equal(await send(page), 200);
          assert.equal(page.url(), url(`/admin/organizations/${iom}?unmerged=1`));
          assert.deepEqual(await orgsOf(), orgsBefore);

          // ---- Split a person: William Lacy Swing's moderation of Panel 1 goes to a new person of the same name.
          await dashboard();
          await toAppearance(panel1, williamPanel1);
          assert.equal(await follow(page, `a[href="/admin/persons/${william}"]`), 200);
          assert.equal(await follow(page, `a[href="/admin/persons/${william}/split"]`), 200);
          await tabAround(page);
          await tabTo(page, `#f-a${williamPanel1}`);
          await page.keyboard.press('Space');
          assert.equal(await page.isChecked(`#f-a${williamPanel1}`), true);
          assert.equal(await page.isChecked(`#f-a${williamOpening}`), false);
          await tabTo(page, '#f-name');
          assert.equal(await page.inputValue('#f-name'), 'William Lacy Swing');
          await tabTo(page, 'button', 'Move the chosen appearances to a new person');
          assert.equal(await send(page), 200);
          const split = await db.selectFrom('person').select(['id', 'name', 'slug']).where('slug', '=', 'william-lacy-swing-2').executeTakeFirstOrThrow();
          assert.equal(page.url(), url(`/admin/persons/${split.id}?split=1`));
          assert.equal(await personOf(williamPanel1), split.id);
          assert.equal(await personOf(williamOpening), william);
          assert.equal(split.name, 'William Lacy Swing');

          // ---- Split an organization: William Lacy Swing's opening remarks go to a new organization, named on the form.
          await dashboard();
          await toAppearance(opening, williamOpening);
          assert.equal(await follow(page, `a[href="/admin/organizations/${iomFull}"]`), 200);
          assert.equal(await follow(page, `a[href="/admin/organizations/${iomFull}/split"]`), 200);
          await tabAround(page);
          await tabTo(page, `#f-a${williamOpening}`);
          await page.keyboard.press('Space');
          assert.equal(await page.isChecked(`#f-a${williamOpening}`), true);
          await tabTo(page, '#f-name');
          await page.keyboard.type('Office of the Director General of IOM');
          await tabTo(page, 'button', 'Move the chosen appearances and names to a new organization');
          assert.equal(await send(page), 200);
          const office = await db.selectFrom('organization').select(['id', 'name', 'kind']).where('name', '=', 'Office of the Director General of IOM').executeTakeFirstOrThrow();
          assert.equal(page.url(), url(`/admin/organizations/${office.id}?split=1`));
          assert.deepEqual(await orgsOf(), orgsBefore.filter(([id]) => id !== williamOpening));
          assert.equal((await db.selectFrom('appearance').select('organization_id').where('id', '=', williamOpening).executeTakeFirstOrThrow()).organization_id, office.id);
          assert.equal((await db.selectFrom('pub_appearance').select('organization_id').where('id', '=', williamOpening).executeTakeFirstOrThrow()).organization_id, office.id);

          // ---- Import in the browser: from the series page, a text agenda naming Ana Lopez (of UNICEF), whom two stored
          // persons are called; the other one (of UNHCR) chosen with the arrow key; confirmed.
          await dashboard();
          const series = 'international-dialogue-on-migration';
          assert.equal(await follow(page, `a[href="/admin/series/${series}/edit"]`), 200);
          assert.equal(await follow(page, `a[href="/admin/series/${series}/import"]`), 200);
          await tabAround(page);
          const agendaFile = join(files, 'closing-2019.txt');
          writeFileSync(agendaFile, 'DAY ONE – 3 May 2019\n\n10:00 - 11:00    Closing Session\n\n  • Ana Lopez, Officer, UNICEF\n');
          await fillImportForm(page, agendaFile, { slug: 'idm-2019-closing', title: 'IDM 2019, closing', timeZone: 'Europe/Zurich' });
          await tabTo(page, 'button', 'Read the file');
          assert.equal(await send(page), 200);
          assert.match(page.url(), /\/admin\/imports\/[A-Za-z0-9_-]{24}$/);
          await tabAround(page);
          const shared = 'input[name="same-person.ana lopez"]';
          await tabTo(page, shared);
          assert.equal(await page.inputValue(`${shared}:checked`), 'ana-lopez-2', 'the import takes the one of the same organization');
          await page.keyboard.press('ArrowDown');
          await assertFocusShown(page);
          assert.equal(await page.inputValue(`${shared}:checked`), 'ana-lopez');
          await tabTo(page, 'button[name="do"][value="confirm"]');
          assert.equal(await send(page), 200);
          assert.equal((await page.textContent('#import-done'))?.trim(), 'Stored in the workspace as a new event (Draft): the public sees nothing of it until it is published.');
          assert.equal(await follow(page, '#imported-event'), 200);
          const imported = await db.selectFrom('event').select(['id', 'title', 'status']).where('slug', '=', 'idm-2019-closing').executeTakeFirstOrThrow();
          assert.equal(page.url(), url(`/admin/events/${imported.id}`));
          assert.deepEqual([imported.title, imported.status], ['IDM 2019, closing', 'draft']);
          assert.deepEqual(
            await db.selectFrom('appearance as a').innerJoin('session as s', 's.id', 'a.session_id').innerJoin('person as p', 'p.id', 'a.person_id').select(['p.slug', 's.title', 'a.role']).where('s.event_id', '=', imported.id).execute(),
            [{ slug: 'ana-lopez', title: 'Closing Session', role: 'speaker' }],
          );
          assert.deepEqual((await db.selectFrom('person').select('slug').where('name', '=', 'Ana Lopez').orderBy('id').execute()).map((r) => r.slug), ['ana-lopez', 'ana-lopez-2'], 'no new person');

          // ---- A speaker link: made on Ahmed Hussen's appearance; in the speaker's own browser, a statement sent through
          // it; the editor approves it from the queue reached from the dashboard.
          const hussen = await appearanceOf(panel1, await personId('ahmed-hussen'));
          await dashboard();
          await toAppearance(panel1, hussen);
          await tabTo(page, 'button', 'Make a new link');
          assert.equal(await send(page), 200);
          assert.equal(page.url(), url(`/admin/appearances/${hussen}/speaker-links`));
          await tabAround(page);
          await tabTo(page, '#f-link-url');
          const link = await page.inputValue('#f-link-url');
          assert.match(link, new RegExp(`^${site.base}/speak/[A-Za-z0-9_-]{43}$`));

          speakerBrowser = await launchChromium({ prefix: 'plenary-keyboard-speaker-' });
          const sp = speakerBrowser.page;
          await sp.goto(link, { waitUntil: 'load' });
          await tabAround(sp);
          const pdf = join(files, 'hussen.pdf');
          writeFileSync(pdf, await toPdf(blocks('Statement of Ahmed Hussen\n\nOn the Global Compact.'), true));
          await fillStatement(sp, pdf, 'en', 'Statement on the Global Compact');
          await tabTo(sp, 'button', 'Send this file');
          assert.equal(await send(sp), 200);
          assert.equal(sp.url(), `${link}?sent=material#sent-heading`);
          await tabAround(sp);
          assert.equal((await sp.textContent('#notice'))?.trim(), 'Thank you: your file was received. It waits for the organizers.');
          const submission = await db.selectFrom('speaker_submission').select(['id', 'kind', 'lang', 'status', 'payload']).executeTakeFirstOrThrow();
          assert.deepEqual({ ...submission, payload: JSON.parse(submission.payload) as unknown }, { id: submission.id, kind: 'material', lang: 'en', status: 'pending', payload: { kind: 'statement', label: 'Statement on the Global Compact' } });

          // The speaker says they are done: the link is then used.
          await tabTo(sp, 'button', 'Send to the organizers');
          assert.equal(await send(sp), 200);
          assert.equal(await sp.textContent('h1'), 'Thank you');
          assert.notEqual((await db.selectFrom('speaker_link').select('used_at').executeTakeFirstOrThrow()).used_at, null);

          await dashboard();
          assert.equal(await follow(page, 'a[href="/admin/speaker-submissions"]'), 200);
          await tabAround(page);
          await tabTo(page, 'button', `Approve submission ${submission.id}`);
          assert.equal(await send(page), 200);
          assert.equal((await db.selectFrom('speaker_submission').select('status').where('id', '=', submission.id).executeTakeFirstOrThrow()).status, 'approved');
          assert.deepEqual(await db.selectFrom('material').select(['kind', 'lang', 'label']).where('appearance_id', '=', hussen).where('label', '=', 'Statement on the Global Compact').execute(), [
            { kind: 'statement', lang: 'en', label: 'Statement on the Global Compact' },
          ]);

          // ---- Translations: the event's French title, first too long (the error reached from the summary), then
          // a French title and the opening session's; published from the publish page; the French public page shows them.
          // The series' French title first, from the series page.
          await dashboard();
          assert.equal(await follow(page, `a[href="/admin/series/${series}/edit"]`), 200);
          assert.equal(await follow(page, `a[href="/admin/series/${series}/translations/fr"]`), 200);
          await tabAround(page);
          await tabTo(page, '#f-series-title');
          await page.keyboard.type('Dialogue international sur la migration');
          await tabTo(page, 'button', 'Save the translations');
          assert.equal(await send(page), 200);
          assert.equal(page.url(), url(`/admin/series/${series}/translations/fr?saved=1`));
          assert.deepEqual(JSON.parse((await db.selectFrom('series').select('translations').where('slug', '=', series).executeTakeFirstOrThrow()).translations), { title: { fr: 'Dialogue international sur la migration' } });
          assert.equal(await follow(page, `a[href="/admin/series/${series}/edit"]`), 200);
          assert.equal(await follow(page, `a[href="/admin/events/${demo.id}"]`), 200);
          assert.equal(await follow(page, `a[href="/admin/events/${demo.id}/translations/fr"]`), 200);
          await tabTo(page, '#f-event-title');
          await page.keyboard.type('x'.repeat(301));
          assert.equal(await send(page), 400);
          assert.equal(await page.textContent('#f-event-title-error'), 'must be at most 300 characters');
          await tabAround(page);
          await tabTo(page, 'a[href="#f-event-title"]');
          await page.keyboard.press('Enter');
          assert.equal(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } } }).document.activeElement.id), 'f-event-title', 'the error summary\'s link takes the focus to the field');
          await assertFocusShown(page);
          await page.keyboard.press('ControlOrMeta+A');
          await page.keyboard.type('Dialogue international sur la migration 2017, New York');
          await tabTo(page, `#f-session-${opening}-title`);
          await page.keyboard.type('Séance d’ouverture');
          await tabTo(page, 'button', 'Save the translations');
          assert.equal(await send(page), 200);
          assert.equal(page.url(), url(`/admin/events/${demo.id}/translations/fr?saved=1`));
          assert.equal(await page.textContent('p[role="status"].saved'), 'Saved.');
          const translations = async (table: 'event' | 'session', id: number) => JSON.parse((await db.selectFrom(table).select('translations').where('id', '=', id).executeTakeFirstOrThrow()).translations) as unknown;
          assert.deepEqual(await translations('event', demo.id), { title: { fr: 'Dialogue international sur la migration 2017, New York' } });
          assert.deepEqual(await translations('session', opening), { title: { fr: 'Séance d’ouverture' } });
          assert.equal(await follow(page, `a[href="/admin/events/${demo.id}"]`), 200);
          assert.equal(await publishByKeyboard(page, site.base, demo.id, 'French titles'), 2);
          assert.equal(await follow(page, `a[href="/admin/events/${demo.id}"]`), 200);
          assert.equal(await follow(page, `a[href="/events/${demo.slug}"]`), 200);
          assert.equal(await follow(page, `a[href="/fr/events/${demo.slug}"]`), 200);
          assert.equal(page.url(), url(`/fr/events/${demo.slug}`));
          assert.equal(await page.textContent('h1'), 'Dialogue international sur la migration 2017, New York');
          assert.equal(await page.getAttribute('h1', 'lang'), 'fr');
          assert.ok((await page.textContent('main'))?.includes('Séance d’ouverture'));
          assert.ok((await page.textContent('body'))?.includes('Dialogue international sur la migration'));
        } finally {
          await speakerBrowser?.close();
          await walk.close();
        }
      });
    });
  }
}
