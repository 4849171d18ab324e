// Import in the browser, in Debian's Chromium through playwright-core: an editor signs in, opens
// the import from the series page, uploads a Word file made on disk (test/convert.ts, from the
// demo's agenda text), corrects one session title in the preview, confirms, and finds the event
// in the workspace with that title, as a draft. The preview has no axe-core violation (WCAG 2.2
// A/AA) and no Nu HTML Checker error, also when it shows a correction's error.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { addAccount } from '../src/operations/accounts.ts';
import { checkAxe, chromiumMissing, launchChromium, vnuErrors } from './browser-kit.ts';
import { blocks, toDocx } from './convert.ts';
import { demoSite } from './server.ts';

const PASSWORD = 'a long editor password';
const SERIES = 'international-dialogue-on-migration';

if (chromiumMissing) {
  test('import in the browser, in Chromium', { skip: chromiumMissing }, () => {});
} else {
  describe('import in the browser, in Chromium', () => {
    test('upload a Word agenda, correct a session title, confirm, see it in the workspace; the preview passes axe and the Nu HTML Checker', async () => {
      const site = await demoSite();
      const files = mkdtempSync(join(tmpdir(), 'plenary-import-files-'));
      const browser = await launchChromium({ prefix: 'plenary-import-chromium-', bypassCSP: true });
      try {
        await addAccount(site.storage, { email: 'editor@example.org', role: 'editor', series: [SERIES], password: PASSWORD });
        // The programme as an organizer's Word file, made on disk.
        const docx = join(files, 'programme-new-york.docx');
        writeFileSync(docx, await toDocx(blocks(readFileSync(new URL('../demo/idm-2017-new-york.agenda.txt', import.meta.url), 'utf8'))));

        const { page } = browser;
        const at = (path: string) => `${site.base}${path}`;
        const served = new Map<string, string>();

        // Sign in.
        await page.goto(at('/admin'));
        await page.fill('#email', 'editor@example.org');
        await page.fill('#password', PASSWORD);
        await Promise.all([page.waitForNavigation(), page.press('#password', 'Enter')]);
        assert.equal(page.url(), at('/admin'));

        // From the series page to the upload form.
        await Promise.all([page.waitForNavigation(), page.click(`a[href="/admin/series/${SERIES}/edit"]`)]);
        await Promise.all([page.waitForNavigation(), page.click(`a[href="/admin/series/${SERIES}/import"]`)]);
        await page.setInputFiles('#f-file', docx);
        await page.fill('#f-event-slug', 'idm-2017-new-york-word');
        await page.fill('#f-event-title', 'IDM 2017 (from the Word file)');
        await page.fill('#f-event-timeZone', 'America/New_York');
        const [uploaded] = await Promise.all([page.waitForNavigation(), page.click(`form[action="/admin/series/${SERIES}/import"] button[type="submit"]`)]);
        assert.equal(uploaded?.status(), 200, (await page.textContent('main'))?.slice(0, 800));
        assert.match(page.url(), /\/admin\/imports\/[A-Za-z0-9_-]{24}$/);
        const draftUrl = page.url();

        // The preview: what the reader made of the Word file.
        assert.equal((await page.textContent('#import-summary'))?.trim(), 'Read as DOCX: 2 days, 10 sessions, 37 appearances; warnings: 0.');
        assert.equal(await page.inputValue('#f-s0-0-title'), 'Opening Session');
        assert.equal(await page.inputValue('#f-p0-0-s0-name'), 'William Lacy Swing');
        const preview = await page.goto(draftUrl, { waitUntil: 'load' });
        served.set('preview', await preview!.text());
        await checkAxe(page, 'the import preview');

        // A correction with a mistake: said by its field, the page still accessible.
        await page.fill('#f-s0-1-start', '25:99');
        const [bad] = await Promise.all([page.waitForNavigation(), page.click('button[name="do"][value="apply"]')]);
        assert.equal(bad?.status(), 400);
        served.set('preview with an error', await bad!.text());
        assert.equal(await page.getAttribute('#f-s0-1-start', 'aria-describedby'), 'f-s0-1-start-error f-s0-1-start-hint');
        assert.equal(await page.textContent('#f-s0-1-start-error'), 'must be a time of day written HH:MM, e.g. 09:30, or left empty');
        await checkAxe(page, 'the import preview with an error');

        // Put right, one session retitled, confirmed.
        await page.fill('#f-s0-1-start', '11:30');
        await page.fill('#f-s0-0-title', 'Opening of the New York workshop');
        const [confirmed] = await Promise.all([page.waitForNavigation(), page.click('button[name="do"][value="confirm"]')]);
        assert.equal(confirmed?.status(), 200, (await page.textContent('main'))?.slice(0, 800));
        assert.equal((await page.textContent('#import-done'))?.trim(), 'Stored in the workspace as a new event (Draft): the public sees nothing of it until it is published.');
        served.set('import result', await confirmed!.text());
        await checkAxe(page, 'the import result', ['color-contrast', 'document-title', 'html-has-lang', 'link-name']);
        await Promise.all([page.waitForNavigation(), page.click('#imported-event')]);
        const eventId = Number(/\/admin\/events\/(\d+)$/.exec(page.url())?.[1]);
        assert.ok(eventId > 0, page.url());
        const sessions = await page.$$eval('#main ol a, main ol a', (as) => as.map((a) => (a.textContent ?? '').trim()));
        assert.ok(sessions.some((s) => s.includes('Opening of the New York workshop')), sessions.join(' | '));
        const stored = await site.storage.db.selectFrom('event').select(['status', 'title']).where('id', '=', eventId).executeTakeFirstOrThrow();
        assert.deepEqual(stored, { status: 'draft', title: 'IDM 2017 (from the Word file)' });
        // The workspace lists it as a draft in its series.
        await page.goto(at(`/admin/series/${SERIES}/edit`));
        assert.ok((await page.textContent('main'))?.includes('IDM 2017 (from the Word file) (Tuesday, April 18, 2017, Draft)'), (await page.textContent('main'))?.slice(0, 1200));

        assert.deepEqual(vnuErrors(served), []);
      } finally {
        await browser.close();
        await site.stop();
        rmSync(files, { recursive: true, force: true });
      }
    });
  });
}
