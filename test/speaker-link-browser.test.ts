// A speaker's link walked end to end in a real browser (Debian's Chromium through playwright-core):
// an editor makes the link on the appearance's page, the speaker (no account, no cookie) uploads a
// statement made on disk and proposes a corrected position, the editor approves both from the
// queue, and the working copy holds the statement and the new position. The speaker's page and the
// queue have no axe-core violation (WCAG 2.2 A/AA) and no Nu HTML Checker error.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { BrowserContext, Page, Response } from 'playwright-core';
import { type Browser, checkAxe as axe, chromiumMissing, launchChromium, vnuErrors } from './browser-kit.ts';
import { blocks, toPdf } from './convert.ts';
import { type Signed, signedIn } from './http-client.ts';
import { demoSite, type TestSite } from './server.ts';
import { stampIn } from './intl-dates.ts';


if (chromiumMissing) {
  test('speaker link in the browser', { skip: chromiumMissing }, () => {});
} else {
  describe('a speaker link in Chromium', () => {
    let site: TestSite;
    let browser: Browser;
    let context: BrowserContext;
    let page: Page;
    let work: string;
    let editorCookie: Signed['browserCookie'];
    const served = new Map<string, string>();

    async function keep(name: string, res: Response | null, status = 200): Promise<void> {
      assert.ok(res, `no response for ${name}`);
      assert.equal(res.status(), status, `${name} answered ${res.status()}`);
      served.set(name, await res.text());
    }

    const text = (p: Page, selector: string) => p.locator(selector).innerText().then((s) => s.replace(/\s+/g, ' ').trim());

    before(async () => {
      site = await demoSite();
      const series = await site.storage.db.selectFrom('series').select('slug').executeTakeFirstOrThrow();
      editorCookie = (await signedIn(site.storage, site.base, { email: 'editor@example.org', role: 'editor', series: [series.slug] })).browserCookie;
      work = mkdtempSync(join(tmpdir(), 'plenary-speaker-'));
      browser = await launchChromium({ bypassCSP: true });
      ({ context, page } = browser);
    });

    after(async () => {
      await browser?.close();
      await site?.stop();
      if (work) rmSync(work, { recursive: true, force: true });
    });

    test('editor makes a link, speaker sends a statement and a corrected position, editor approves: both in the working copy, and public after the next release', async () => {
      const q = site.storage.db;
      const speaker = await q
        .selectFrom('appearance as a')
        .innerJoin('person as p', 'p.id', 'a.person_id')
        .innerJoin('session as s', 's.id', 'a.session_id')
        .select(['a.id', 'a.affiliation_position', 'a.version', 'p.name', 's.title'])
        .where('a.role', '=', 'speaker')
        .where('a.affiliation_position', 'is not', null)
        .orderBy('a.id')
        .executeTakeFirstOrThrow();

      // The editor, on the appearance's page, makes a link that works for 30 days (the date the form proposes).
      await context.addCookies([editorCookie]);
      await page.goto(`${site.base}/admin/appearances/${speaker.id}`);
      assert.equal(await text(page, '#speaker-links + p'), 'A personal link lets this speaker send a statement or presentation and propose corrections to how they are printed, without an account. What they send waits for approval in the queue.');
      const until = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
      assert.equal(await page.locator('#f-link-expires').inputValue(), until);
      await page.getByRole('button', { name: 'Make a new link' }).click();
      await page.waitForURL(/\/speaker-links$/);
      assert.equal(await page.locator('h1').innerText(), `Speaker link for ${speaker.name}`);
      const url = await page.locator('#f-link-url').inputValue();
      assert.match(url, new RegExp(`^${site.base}/speak/[A-Za-z0-9_-]{43}$`));
      const mail = new URL((await page.locator('#link-mail').getAttribute('href'))!);
      assert.equal(mail.protocol, 'mailto:');
      assert.ok(mail.searchParams.get('body')!.includes(`\n\n${url}\n\nThe link works until ${stampIn('en', `${until}T23:59:59.999Z`)}.`));

      // The speaker: no account, no cookie.
      await context.clearCookies();
      const opened = await page.goto(url);
      await keep('speaker page', opened);
      assert.equal(opened!.headers()['referrer-policy'], 'same-origin');
      assert.ok((await text(page, 'dl.speaker-printed')).includes(`Position ${speaker.affiliation_position}`));
      await axe(page, 'speaker page');

      const pdf = join(work, 'statement.pdf');
      writeFileSync(pdf, await toPdf(blocks(`Statement of ${speaker.name}\n\nOn migration and development.`), true));
      await page.locator('#s-file').setInputFiles(pdf);
      await page.locator('#s-kind').selectOption('statement');
      await page.locator('#s-lang').selectOption('en');
      await page.getByRole('button', { name: 'Send this file' }).click();
      await page.waitForURL(/\?sent=material/);
      assert.equal(await text(page, '#notice'), 'Thank you: your file was received. It waits for the organizers.');

      await page.locator('#c-affiliation_position').fill('Deputy Director-General');
      await page.getByRole('button', { name: 'Propose this correction' }).click();
      await page.waitForURL(/\?sent=correction/);
      assert.equal(await text(page, '#notice'), 'Thank you: your correction was received. It waits for the organizers.');
      assert.deepEqual(await page.locator('ul.speaker-sent li').allInnerTexts(), [
        'Statement in English: statement.pdf · waiting for the organizers',
        'Correction: Position: Deputy Director-General · waiting for the organizers',
      ]);
      await keep('speaker page with what was sent', await page.goto(`${url}?sent=correction`));
      await axe(page, 'speaker page with what was sent');

      // The editor approves both from the queue.
      await context.addCookies([editorCookie]);
      await keep('queue', await page.goto(`${site.base}/admin/speaker-submissions`));
      // The queue has buttons and no fields: no label to check.
      await axe(page, 'queue', ['color-contrast', 'document-title', 'html-has-lang', 'button-name']);
      await page.getByRole('button', { name: 'Approve submission 1' }).click();
      await page.waitForURL(/\/admin\/speaker-submissions$/);
      await page.getByRole('button', { name: 'Approve submission 2' }).click();
      await page.waitForURL(/\/admin\/speaker-submissions$/);
      assert.equal(await text(page, 'main h2 + p'), 'Nothing waits for approval.');
      await keep('queue, decided', await page.goto(`${site.base}/admin/speaker-submissions`));
      await axe(page, 'queue, decided', ['color-contrast', 'document-title', 'html-has-lang']);

      // In the working copy: the statement is a material of this appearance, the position is corrected, the log names the link.
      const materials = await q.selectFrom('material').select(['kind', 'lang', 'label']).where('appearance_id', '=', speaker.id).where('label', '=', 'Statement').execute();
      assert.deepEqual(materials, [{ kind: 'statement', lang: 'en', label: 'Statement' }]);
      const now = await q.selectFrom('appearance').select(['affiliation_position', 'version']).where('id', '=', speaker.id).executeTakeFirstOrThrow();
      assert.deepEqual(now, { affiliation_position: 'Deputy Director-General', version: speaker.version + 1 });
      assert.deepEqual((await q.selectFrom('audit_entry').select(['entity', 'source']).where('source', 'is not', null).orderBy('id').execute()), [
        { entity: 'material', source: 'speaker link 1' },
        { entity: 'appearance', source: 'speaker link 1' },
      ]);
      // Not public until the next release: the event page shows the old position and no statement,
      // and the file is not served; the editor publishes release 2 from the publish page, and then both are.
      const statement = await q.selectFrom('material').select(['file_id']).where('appearance_id', '=', speaker.id).where('label', '=', 'Statement').executeTakeFirstOrThrow();
      const eventOf = await q.selectFrom('session as s').innerJoin('event as e', 'e.id', 's.event_id').innerJoin('appearance as a', 'a.session_id', 's.id').select(['e.id', 'e.slug']).where('a.id', '=', speaker.id).executeTakeFirstOrThrow();
      const publicPage = async () => (await page.goto(`${site.base}/events/${eventOf.slug}`))!.text();
      const fileUrl = `/files/${statement.file_id}`;
      assert.ok(!(await publicPage()).includes('Deputy Director-General'), 'the corrected position is not public before the release');
      assert.equal((await page.request.get(`${site.base}${fileUrl}`)).status(), 404);
      await page.goto(`${site.base}/admin/events/${eventOf.id}/publish`);
      await page.fill('#note', 'Statement received');
      await Promise.all([page.waitForURL(/\/publish\?published=2$/), page.getByRole('button', { name: 'Publish release 2' }).click()]);
      const published = await publicPage();
      assert.ok(published.includes('Deputy Director-General'), 'the corrected position is public after release 2');
      assert.ok(published.includes(`href="${fileUrl}"`), 'the statement is linked from the public page after release 2');
      const served = await page.request.get(`${site.base}${fileUrl}`);
      assert.equal(served.status(), 200);
      assert.equal(served.headers()['content-type'], 'application/pdf');

      // The speaker finishes; the link is then used, and says so.
      await context.clearCookies();
      await page.goto(url);
      await page.getByRole('button', { name: 'Send to the organizers' }).click();
      assert.equal(await page.locator('h1').innerText(), 'Thank you');
      const used = await page.goto(url);
      assert.equal(used!.status(), 410);
      assert.equal(await page.locator('h1').innerText(), 'This link has been used');
    });

    test('no Nu HTML Checker error on the speaker page and the queue', () => {
      assert.deepEqual([...served.keys()], ['speaker page', 'speaker page with what was sent', 'queue', 'queue, decided']);
      assert.deepEqual(vnuErrors(served), []);
    });
  });
}
