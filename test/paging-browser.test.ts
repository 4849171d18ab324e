// The paged public pages in Chromium (issue 12): over a demo archive of 44 events, /people has three
// pages; the middle one (previous and next), the last one, /events, /series, the home page and the
// 400 page for a bad page number have no axe violation (WCAG 2.2 A/AA) and no Nu HTML Checker error,
// and the pager is reached by keyboard, its links followed to the next page.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { planArchive, storeArchive } from '../src/operations/demo-archive.ts';
import { startServer, type RunningServer } from '../src/web/server.ts';
import { checkAxe, chromiumMissing, launchChromium, vnuErrors, type Browser } from './browser-kit.ts';
import { migratedStorage, type TestDb } from './engines.ts';

const PAGES = [
  { name: 'people page 2', path: '/people?page=2', status: 200 },
  { name: 'people page 3', path: '/people?page=3', status: 200 },
  { name: 'events', path: '/events', status: 200 },
  { name: 'series list', path: '/series', status: 200 },
  { name: 'home', path: '/', status: 200 },
  { name: 'bad page number', path: '/people?page=0', status: 400 },
];

describe('paged public pages in Chromium', { skip: chromiumMissing ?? false }, () => {
  let db: TestDb;
  let server: RunningServer;
  let browser: Browser;
  let base: string;
  before(async () => {
    db = await migratedStorage('sqlite');
    await storeArchive(db.storage, planArchive(44, 1));
    server = await startServer(db.storage, { port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${server.port}`;
    browser = await launchChromium({ prefix: 'plenary-paging-', bypassCSP: true });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await db?.cleanup();
  });

  test('axe and the Nu HTML Checker find nothing; the pager is a labelled nav with rel links', async () => {
    const kept = new Map<string, string>();
    for (const p of PAGES) {
      const res = await browser.page.goto(`${base}${p.path}`);
      assert.equal(res?.status(), p.status, p.path);
      await checkAxe(browser.page, p.name, ['document-title', 'html-has-lang']);
      kept.set(p.name, (await res!.text()) ?? '');
    }
    assert.deepEqual(vnuErrors(kept), []);
  });

  test('by keyboard: the next-page link is reached with Tab and opens page 3', async () => {
    const { page } = browser;
    await page.goto(`${base}/people?page=2`);
    const nav = page.locator('nav.pager');
    assert.equal(await nav.getAttribute('aria-label'), 'Pages');
    assert.equal(await nav.locator('[aria-current="page"]').textContent(), 'Page 2 of 3');
    assert.equal(await nav.locator('a[rel="prev"]').getAttribute('href'), '/people');
    // Tab from the top until the focus is on the next-page link, then Enter.
    for (let i = 0; i < 400; i++) {
      await page.keyboard.press('Tab');
      if ((await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { getAttribute(n: string): string | null } | null } }).document.activeElement?.getAttribute('rel'))) === 'next') break;
    }
    await Promise.all([page.waitForURL(`${base}/people?page=3`), page.keyboard.press('Enter')]);
    assert.equal(await page.title(), 'People, page 3 of 3 · Plenary');
  });
});
