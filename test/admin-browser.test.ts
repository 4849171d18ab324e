// The workspace's editing pages in a real browser (Debian's Chromium through playwright-core),
// signed in as an admin: axe-core finds no WCAG 2.2 A/AA violation and the Nu HTML Checker no
// error on every form, the error page, the conflict page, the audit log, and the publish and
// preview pages. The error and conflict pages are reached by keyboard alone (Tab, typing, Enter),
// in two tabs for the conflict; the retitled session is then published from the publish page by
// keyboard. On every engine of PLENARY_TEST_ENGINES.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { BrowserContext, Page, Response } from 'playwright-core';
import { type Browser, checkAxe as axe, chromiumMissing, launchChromium, vnuErrors } from './browser-kit.ts';
import { signedIn } from './http-client.ts';
import { ENGINES } from './engines.ts';
import { demoSite, type TestSite } from './server.ts';


if (chromiumMissing) {
  test('workspace browser checks', { skip: chromiumMissing }, () => {});
} else {
  for (const engine of ENGINES) describe(`workspace editing pages in Chromium on ${engine}`, () => {
    let site: TestSite;
    let browser: Browser;
    let context: BrowserContext;
    let page: Page;
    const served = new Map<string, string>();

    async function keep(name: string, res: Response | null, status: number): Promise<void> {
      assert.ok(res, `no response for ${name}`);
      assert.equal(res.status(), status, `${name} answered ${res.status()}`);
      served.set(name, await res.text());
    }

    /** Tabs from the top of the page to the field, so only the keyboard reaches it. */
    async function tabTo(p: Page, id: string): Promise<void> {
      for (let i = 0; i < 80; i++) {
        await p.keyboard.press('Tab');
        if (await p.evaluate((x) => (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document.activeElement?.id === x, id)) return;
      }
      assert.fail(`Tab never reached #${id}`);
    }

    before(async () => {
      site = await demoSite(engine);
      const admin = await signedIn(site.storage, site.base, { email: 'admin@example.org', role: 'admin' });
      browser = await launchChromium({ bypassCSP: true });
      context = browser.context;
      await context.addCookies([admin.browserCookie]);
      page = browser.page;
    });

    after(async () => {
      await browser?.close();
      await site?.stop();
    });

    const PAGES = [
      '/admin',
      '/admin/new-series',
      '/admin/series/international-dialogue-on-migration/edit',
      '/admin/series/international-dialogue-on-migration/events/new',
      '/admin/events/1',
      '/admin/events/1/days/new',
      '/admin/days/1',
      '/admin/days/1/sessions/new',
      '/admin/sessions/2',
      '/admin/sessions/2?q=swing',
      '/admin/sessions/2?q=nobody-is-called-this',
      '/admin/appearances/1',
      '/admin/appearances/1?oq=international',
      '/admin/persons/1',
      '/admin/organizations/1',
      // Identities (issue 12): merge (search, confirmation), split.
      '/admin/persons/1/merge?q=swing',
      '/admin/persons/1/merge?other=2',
      '/admin/persons/1/split',
      '/admin/organizations/1/merge?q=migration',
      '/admin/events/1/materials',
      '/admin/sessions/2/delete',
      '/admin/appearances/1/delete',
      '/admin/events/1/publish',
      '/admin/events/1/preview',
    ];
    /** Pages with links and buttons but no labelled field (the publish page has none while there is nothing to publish). */
    const NO_FIELD = (path: string) => path === '/admin' || path.endsWith('/delete') || path.endsWith('/publish') || path.endsWith('/preview');
    const LINK_RULES = ['color-contrast', 'document-title', 'html-has-lang', 'link-name'];
    for (const path of PAGES) {
      test(`${path}: no axe violation`, async () => {
        await keep(path, await page.goto(site.base + path, { waitUntil: 'load' }), 200);
        // The dashboard, the delete pages, the publish page with nothing to publish and the preview hold links and buttons, no labelled field.
        await axe(page, path, NO_FIELD(path) ? LINK_RULES : undefined);
      });
    }

    test('a form with errors, reached and sent by keyboard: the errors are tied to their fields; no axe violation', async () => {
      await page.goto(`${site.base}/admin/events/1`, { waitUntil: 'load' });
      await tabTo(page, 'f-time_zone');
      await page.keyboard.press('Control+A');
      await page.keyboard.type('Mars/Olympus');
      const [res] = await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
      await keep('event form with an error', res, 400);
      const describedBy = await page.getAttribute('#f-time_zone', 'aria-describedby');
      assert.equal(describedBy, 'f-time_zone-error f-time_zone-hint');
      assert.equal(await page.textContent('#f-time_zone-error'), 'must be an IANA time zone such as Europe/Zurich or America/New_York');
      assert.equal(await page.inputValue('#f-time_zone'), 'Mars/Olympus');
      await axe(page, 'event form with an error');
    });

    test('the same session saved from two tabs: the second gets the conflict page; then the audit log', async () => {
      const second = await context.newPage();
      try {
        await page.goto(`${site.base}/admin/sessions/2`, { waitUntil: 'load' });
        await second.goto(`${site.base}/admin/sessions/2`, { waitUntil: 'load' });
        for (const [p, title] of [
          [page, 'Opening of the dialogue'],
          [second, 'Welcome and opening'],
        ] as const) {
          await tabTo(p, 'f-title');
          await p.keyboard.press('Control+A');
          await p.keyboard.type(title);
          const [res] = await Promise.all([p.waitForNavigation(), p.keyboard.press('Enter')]);
          if (p === page) assert.equal(res?.status(), 200, 'the first save is followed to the form');
          else await keep('conflict page', res, 409);
        }
        assert.equal(await second.textContent('h1'), 'Changed meanwhile');
        await axe(second, 'conflict page', ['color-contrast', 'document-title', 'html-has-lang', 'th-has-data-cells']);
        await keep('/admin/audit', await page.goto(`${site.base}/admin/audit`, { waitUntil: 'load' }), 200);
        assert.ok((await page.textContent('table.audit'))?.includes('Title: Opening of the dialogue'));
        await axe(page, '/admin/audit', ['color-contrast', 'document-title', 'html-has-lang', 'th-has-data-cells']);
      } finally {
        await second.close();
      }
    });

    test('the publish page lists the retitled session; its note reached and sent by keyboard makes release 2; no axe violation', async () => {
      await keep('publish page with changes', await page.goto(`${site.base}/admin/events/1/publish`, { waitUntil: 'load' }), 200);
      assert.equal(await page.textContent('form[action="/admin/events/1/publish"] button'), 'Publish release 2');
      assert.ok((await page.textContent('ul.changes'))?.includes('Opening of the dialogue'), await page.content());
      await axe(page, 'publish page with changes');
      await tabTo(page, 'note');
      await page.keyboard.type('Opening retitled');
      const [res] = await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
      await keep('publish page after publishing', res, 200);
      assert.equal(new URL(page.url()).pathname + new URL(page.url()).search, '/admin/events/1/publish?published=2');
      assert.equal(await page.textContent('[role="status"]'), 'Published release 2.');
      await axe(page, 'publish page after publishing', LINK_RULES);
    });

    test('Nu HTML Checker finds no error in the workspace pages', () => {
      assert.equal(served.size, PAGES.length + 5, 'every page was loaded before validation');
      assert.deepEqual(vnuErrors(served), []);
    });
  });
}
