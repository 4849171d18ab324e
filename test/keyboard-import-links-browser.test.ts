// The browser import and speaker links by keyboard alone (issue 9), in Debian's Chromium, on every
// engine of PLENARY_TEST_ENGINES. Import: an agenda page (HTML) chosen from the upload form's file
// field opened with the space bar, the form sent with Enter from its last text field; the draft read
// (its summary, each session); the doubtful identities chosen with the arrow keys (a person and an
// organization that resemble stored ones are taken as those), the choice kept across "apply the
// corrections" (Enter in a text field of the draft), then confirmed: the new event holds exactly the
// file's days, sessions and appearances, with the chosen identities and no other new record. Speaker
// links: on an appearance of that event, a link made in French (the language chosen by typing in its
// list) and one in English, revoked from the appearance's list (it then answers 410, the withdrawn
// page); in the speaker's own browser, the French page, a statement handed in and the link sent;
// approved from the queue; the event published: its public page has exactly the file's sessions and
// the statement as the speaker's material. Only the first page of each browser is opened by its
// address (and the revoked link, as a speaker would open it from an e-mail); every other page is
// reached by a link or a form (test/keyboard-kit.ts: every control focused shows its focus).
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { chromiumMissing, launchChromium } from './browser-kit.ts';
import { blocks, toHtml, toPdf } from './convert.ts';
import { ENGINES } from './engines.ts';
import { adminWalk, assertFocusShown, fillImportForm, fillStatement, follow, publishByKeyboard, send, signIn, tabAround, tabTo, toDashboard } from './keyboard-kit.ts';

/** The page uploaded: two days, three sessions; W. L. Swing of "IOM" resembles the demo's William Lacy Swing of the International Organization for Migration. */
const AGENDA = `Agenda

DAY ONE – 7 May 2019

09:00 - 10:00    Opening of the Geneva workshop

  • W. L. Swing, Director General, IOM (Opening remarks)
  • Louise Arbour, Special Representative of the Secretary General for International Migration

10:00 - 11:30    Panel on labour mobility

Moderator: Laura Thompson, Deputy Director General, International Organization for Migration

Speakers:

  • Ana Novak, Director, Ministry of Labour, Slovenia

DAY TWO – 8 May 2019

09:30 - 11:00    Panel on return and reintegration

  • Amina J. Mohammed, Deputy Secretary-General, United Nations
`;

if (chromiumMissing) {
  test('the browser import and speaker links by keyboard', { skip: chromiumMissing }, () => {});
} else {
  for (const engine of ENGINES) {
    describe(`the browser import and speaker links by keyboard alone in Chromium on ${engine}`, () => {
      test('an agenda page imported with doubtful identities chosen; a speaker link revoked, another used for a statement, approved and published', async () => {
        const walk = await adminWalk(engine, 'plenary-keyboard-import-links-');
        let speaker: Awaited<ReturnType<typeof launchChromium>> | undefined;
        try {
          const { page, url } = walk;
          const base = walk.site.base;
          const db = walk.site.storage.db;
          const idOf = async (table: 'person' | 'organization', slug: string) => (await db.selectFrom(table).select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
          const william = await idOf('person', 'william-lacy-swing');
          const iomFull = await idOf('organization', 'international-organization-for-migration');
          const persons = async () => (await db.selectFrom('person').select('slug').orderBy('slug').execute()).map((r) => r.slug);
          const organizations = async () => (await db.selectFrom('organization').select('slug').orderBy('slug').execute()).map((r) => r.slug);
          const personsBefore = await persons();
          const organizationsBefore = await organizations();

          await signIn(page, base, walk.email);

          // ---- The upload form, reached from the series' page.
          const series = 'international-dialogue-on-migration';
          assert.equal(await follow(page, `a[href="/admin/series/${series}/edit"]`), 200);
          assert.equal(await follow(page, `a[href="/admin/series/${series}/import"]`), 200);
          const file = join(walk.files, 'geneva-2019.html');
          writeFileSync(file, toHtml(blocks(AGENDA)));
          await fillImportForm(page, file, { slug: 'idm-2019-geneva', title: 'IDM 2019, Geneva', timeZone: 'Europe/Zurich' });
          await tabTo(page, '#f-event-startDate');
          // Enter in a text field sends the form.
          assert.equal(await send(page), 200);
          assert.match(page.url(), /\/admin\/imports\/[A-Za-z0-9_-]{24}$/);
          const draftUrl = page.url();

          // ---- The draft: what was read, and whom it found or will make.
          assert.equal((await page.textContent('h1'))?.replace(/\s+/g, ' ').trim(), 'Check the import of geneva-2019.html');
          assert.equal(await page.textContent('#import-summary'), 'Read as HTML: 2 days, 3 sessions, 5 appearances; warnings: 0.');
          assert.deepEqual(
            await page.$$eval('section.import-session h3', (hs) => hs.map((h) => (h.textContent ?? '').replace(/\s+/g, ' ').trim())),
            ['09:00–10:00 Opening of the Geneva workshop (line 5)', '10:00–11:30 Panel on labour mobility (line 10)', '09:30–11:00 Panel on return and reintegration (line 20)'],
          );
          await tabAround(page);
          const swing = 'input[name="same-person.w l swing"]';
          const iom = 'input[name="same-org.iom|"]';
          // Each doubtful name offers the stored record and a new one; a new one is what the import would make.
          assert.equal(await page.inputValue(`${swing}:checked`), 'new');
          assert.equal(await page.inputValue(`${iom}:checked`), 'new');
          await tabTo(page, `${swing}:checked`);
          await page.keyboard.press('ArrowUp');
          await assertFocusShown(page);
          assert.equal(await page.inputValue(`${swing}:checked`), 'william-lacy-swing');
          await tabTo(page, `${iom}:checked`);
          await page.keyboard.press('ArrowUp');
          await assertFocusShown(page);
          assert.equal(await page.inputValue(`${iom}:checked`), 'international-organization-for-migration');
          // Enter in the first day's label applies the corrections (the form's first button): the choices are kept, the
          // person's still shown chosen, the organization's as its stored name on W. L. Swing's line (found, no longer doubtful).
          await tabTo(page, '#f-d0-label', undefined, { back: true });
          assert.equal(await send(page), 200);
          assert.equal(page.url(), `${draftUrl}?corrected=1`);
          assert.equal(await page.textContent('#import-notice'), 'Your corrections are kept. Confirm when the reading is right.');
          assert.equal(await page.inputValue(`${swing}:checked`), 'william-lacy-swing');
          assert.equal(await page.locator(iom).count(), 0);
          assert.equal(await page.inputValue('#f-p0-0-s0-organization'), 'International Organization for Migration');
          await tabTo(page, 'button[name="do"][value="confirm"]');
          assert.equal(await send(page), 200);
          assert.equal((await page.textContent('#import-done'))?.trim(), 'Stored in the workspace as a new event (Draft): the public sees nothing of it until it is published.');
          await tabAround(page);
          assert.equal(await follow(page, '#imported-event'), 200);
          const imported = await db.selectFrom('event').select(['id', 'slug', 'title', 'status', 'time_zone']).where('slug', '=', 'idm-2019-geneva').executeTakeFirstOrThrow();
          assert.equal(page.url(), url(`/admin/events/${imported.id}`));
          assert.deepEqual(imported, { id: imported.id, slug: 'idm-2019-geneva', title: 'IDM 2019, Geneva', status: 'draft', time_zone: 'Europe/Zurich' });
          const sessions = await db
            .selectFrom('session as s')
            .innerJoin('day as d', 'd.id', 's.day_id')
            .select(['d.date', 's.start_time', 's.end_time', 's.title'])
            .where('s.event_id', '=', imported.id)
            .orderBy('d.position')
            .orderBy('s.position')
            .execute();
          assert.deepEqual(sessions, [
            { date: '2019-05-07', start_time: '09:00', end_time: '10:00', title: 'Opening of the Geneva workshop' },
            { date: '2019-05-07', start_time: '10:00', end_time: '11:30', title: 'Panel on labour mobility' },
            { date: '2019-05-08', start_time: '09:30', end_time: '11:00', title: 'Panel on return and reintegration' },
          ]);
          const appearances = await db
            .selectFrom('appearance as a')
            .innerJoin('session as s', 's.id', 'a.session_id')
            .innerJoin('day as d', 'd.id', 's.day_id')
            .innerJoin('person as p', 'p.id', 'a.person_id')
            .leftJoin('organization as o', 'o.id', 'a.organization_id')
            .select(['a.id', 's.id as session', 's.title', 'a.role', 'p.slug as person', 'o.slug as organization'])
            .where('s.event_id', '=', imported.id)
            .orderBy('d.position')
            .orderBy('s.position')
            .orderBy('a.role')
            .orderBy('a.position')
            .execute();
          assert.deepEqual(
            appearances.map((a) => [a.title, a.role, a.person, a.organization]),
            [
              ['Opening of the Geneva workshop', 'speaker', 'william-lacy-swing', 'international-organization-for-migration'],
              ['Opening of the Geneva workshop', 'speaker', 'louise-arbour', null],
              ['Panel on labour mobility', 'moderator', 'laura-thompson', 'international-organization-for-migration'],
              ['Panel on labour mobility', 'speaker', 'ana-novak', 'ministry-of-labour-si'],
              ['Panel on return and reintegration', 'speaker', 'amina-j-mohammed', 'united-nations'],
            ],
          );
          assert.equal((await db.selectFrom('appearance').select('person_id').where('id', '=', appearances[0]!.id).executeTakeFirstOrThrow()).person_id, william);
          assert.equal((await db.selectFrom('appearance').select('organization_id').where('id', '=', appearances[0]!.id).executeTakeFirstOrThrow()).organization_id, iomFull);
          assert.deepEqual(await persons(), [...personsBefore, 'ana-novak'].sort(), 'no person made for W. L. Swing');
          assert.deepEqual(await organizations(), [...organizationsBefore, 'ministry-of-labour-si'].sort(), 'no organization made for IOM');

          // ---- Speaker links on Ana Novak's appearance: one in French, one in English; the English one revoked.
          const novak = appearances.find((a) => a.person === 'ana-novak')!;
          assert.equal(await follow(page, `a[href="/admin/sessions/${novak.session}"]`), 200);
          assert.equal(await follow(page, `a[href="/admin/appearances/${novak.id}"]`), 200);
          const makeLink = async (language: string, typed: string) => {
            await tabTo(page, '#f-link-lang');
            await page.keyboard.type(typed);
            assert.equal(await page.inputValue('#f-link-lang'), language);
            await tabTo(page, 'button', 'Make a new link');
            assert.equal(await send(page), 200);
            assert.equal(page.url(), url(`/admin/appearances/${novak.id}/speaker-links`));
            await tabAround(page);
            await tabTo(page, '#f-link-url');
            const link = await page.inputValue('#f-link-url');
            assert.match(link, new RegExp(`^${base}${language === 'en' ? '' : `/${language}`}/speak/[A-Za-z0-9_-]{43}$`));
            assert.equal(await follow(page, `a[href="/admin/appearances/${novak.id}#speaker-links"]`), 200);
            return link;
          };
          const french = await makeLink('fr', 'Fr');
          const english = await makeLink('en', 'Eng');
          const links = await db.selectFrom('speaker_link').select(['id', 'revoked_at']).where('appearance_id', '=', novak.id).orderBy('id').execute();
          assert.deepEqual(links.map((l) => l.revoked_at), [null, null]);
          const [frenchId, englishId] = links.map((l) => l.id) as [number, number];
          await tabTo(page, 'button', `Revoke link ${englishId}`);
          assert.equal(await send(page), 200);
          assert.equal(page.url(), url(`/admin/appearances/${novak.id}#speaker-links`));
          assert.deepEqual((await db.selectFrom('speaker_link').select(['id', 'revoked_at']).where('appearance_id', '=', novak.id).orderBy('id').execute()).map((l) => [l.id, l.revoked_at !== null]), [
            [frenchId, false],
            [englishId, true],
          ]);
          assert.equal(await page.textContent(`#speaker-link-${englishId} td:nth-child(5)`), 'revoked');
          assert.equal(await page.textContent(`#speaker-link-${frenchId} td:nth-child(5)`), 'active');
          // After the revoke the next Tab goes on from the links' section, not from the top of the page.
          await page.keyboard.press('Tab');
          assert.equal(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { closest(s: string): unknown } } }).document.activeElement.closest('section[aria-labelledby="speaker-links"]') !== null), true);

          // ---- The speaker's browser: the revoked link is withdrawn; the French one takes a statement.
          speaker = await launchChromium({ prefix: 'plenary-keyboard-speaker-' });
          const sp = speaker.page;
          const withdrawn = await sp.goto(english, { waitUntil: 'load' });
          assert.equal(withdrawn?.status(), 410);
          assert.equal(await sp.textContent('h1'), 'This link was withdrawn');
          await sp.goto(french, { waitUntil: 'load' });
          assert.equal(await sp.getAttribute('html', 'lang'), 'fr');
          await tabAround(sp);
          const pdf = join(walk.files, 'novak.pdf');
          writeFileSync(pdf, await toPdf(blocks('Déclaration d’Ana Novak\n\nSur la mobilité de la main-d’œuvre.'), true));
          // The French page offers French first.
          await fillStatement(sp, pdf, 'fr', 'Déclaration sur la mobilité de la main-d’œuvre');
          assert.equal(await send(sp), 200);
          assert.equal(sp.url(), `${french}?sent=material#sent-heading`);
          assert.equal((await sp.textContent('#notice'))?.trim(), 'Merci\u00a0: votre fichier a bien été reçu. Il est en attente de l’approbation des organisateurs.');
          await tabTo(sp, 'button', 'Transmettre aux organisateurs');
          assert.equal(await send(sp), 200);
          assert.equal(await sp.textContent('h1'), 'Merci');
          const submission = await db.selectFrom('speaker_submission').select(['id', 'link_id', 'kind', 'lang', 'status']).executeTakeFirstOrThrow();
          assert.deepEqual(submission, { id: submission.id, link_id: frenchId, kind: 'material', lang: 'fr', status: 'pending' });

          // ---- Approved from the queue reached from the dashboard; the event published; its public page.
          await toDashboard(page, base);
          assert.equal(await follow(page, 'a[href="/admin/speaker-submissions"]'), 200);
          await tabTo(page, 'button', `Approve submission ${submission.id}`);
          assert.equal(await send(page), 200);
          const material = await db.selectFrom('material').select(['kind', 'lang', 'label', 'file_id']).where('appearance_id', '=', novak.id).execute();
          assert.deepEqual(
            material.map((m) => ({ ...m, file_id: m.file_id !== null })),
            [{ kind: 'statement', lang: 'fr', label: 'Déclaration sur la mobilité de la main-d’œuvre', file_id: true }],
          );
          await toDashboard(page, base);
          assert.equal(await follow(page, `a[href="/admin/events/${imported.id}"]`), 200);
          assert.equal(await publishByKeyboard(page, base, imported.id, 'Imported from the agenda page'), 1);
          assert.equal(await follow(page, `a[href="/admin/events/${imported.id}"]`), 200);
          assert.equal(await follow(page, `a[href="/events/${imported.slug}"]`), 200);
          assert.equal(page.url(), url(`/events/${imported.slug}`));
          assert.deepEqual(
            await page.$$eval('ol.agenda > li', (ls) => ls.map((l) => `${l.querySelector('p.slot')?.textContent?.trim()} ${l.querySelector('h4')?.textContent?.trim()}`)),
            ['09:00–10:00 Opening of the Geneva workshop', '10:00–11:30 Panel on labour mobility', '09:30–11:00 Panel on return and reintegration'],
          );
          const statement = page.locator(`#session-${novak.session} a.mat`);
          assert.equal(await statement.textContent(), 'Déclaration sur la mobilité de la main-d’œuvre');
          assert.equal(await statement.getAttribute('hreflang'), 'fr');
          const pdfAnswer = await fetch(url((await statement.getAttribute('href'))!));
          assert.equal(pdfAnswer.status, 200);
          assert.equal(pdfAnswer.headers.get('content-type'), 'application/pdf');
        } finally {
          await speaker?.close();
          await walk.close();
        }
      });
    });
  }
}
