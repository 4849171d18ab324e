// The reader's time zone in Chromium (issue 13): the script offers the browser's zone under the
// pages' real CSP, the form works and the cookie keeps the choice; axe-core (WCAG 2.2 AA) and the
// Nu HTML Checker find nothing on the event page with a zone, the plain event page and the form.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, checkAxe, chromiumMissing, FORM_RULES, launchChromium, vnuErrors } from './browser-kit.ts';
import { demoSite } from './server.ts';

const EVENT = '/events/idm-2017-new-york';

describe("the reader's time zone in Chromium", { skip: chromiumMissing ?? false }, () => {
  test('the script offers the browser zone (Asia/Tokyo) under the real CSP; the form chooses Zurich, the cookie keeps it', async () => {
    const site = await demoSite('sqlite');
    const profile = mkdtempSync(join(tmpdir(), 'plenary-tz-'));
    const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, timezoneId: 'Asia/Tokyo' });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      const problems: string[] = [];
      // CSP refusals and script errors; a failed load is reported by its address (the browser asks for /favicon.ico, which the site has not).
      page.on('console', (m) => void (m.type() === 'error' && !m.text().startsWith('Failed to load resource') && problems.push(m.text())));
      page.on('response', (r) => void (r.status() >= 400 && !r.url().endsWith('/favicon.ico') && problems.push(`${r.status()} ${r.url()}`)));
      page.on('pageerror', (e) => void problems.push(e.message));
      await page.goto(site.base + EVENT);
      const offer = page.locator('p.tz-detected a');
      await offer.waitFor();
      assert.equal(await offer.textContent(), 'Show the times in Japan Standard Time too');
      assert.equal(await offer.getAttribute('href'), `${EVENT}?tz=Asia%2FTokyo`);
      await offer.click();
      await page.waitForURL(`**${EVENT}?tz=Asia%2FTokyo`);
      // Opening Session, 18 April 2017, 10:00–11:30 in New York (UTC−4) is 23:00–00:30 (the 19th) in Tokyo (UTC+9).
      assert.equal((await page.locator('p.slot').first().textContent())?.replace(/\s+/g, ' '), '10:00–11:30 Eastern Time23:00–00:30 (April 19) Japan Standard Time');
      // The zone shown is not offered again.
      assert.equal(await page.locator('p.tz-detected').count(), 0);

      await page.goto(`${site.base}${EVENT}/time-zone`);
      assert.equal(await page.locator('select#tz').inputValue(), 'Asia/Tokyo', 'the browser zone preselected');
      await page.locator('select#tz').selectOption('Europe/Zurich');
      await page.getByRole('button', { name: 'Show the times' }).click();
      await page.waitForURL(`**${EVENT}?tz=Europe%2FZurich`);
      assert.equal((await page.locator('p.slot').first().textContent())?.replace(/\s+/g, ' '), '10:00–11:30 Eastern Time16:00–17:30 Central European Time');
      // The bare address, later: the cookie keeps the choice.
      await page.goto(site.base + EVENT);
      assert.equal((await page.locator('p.slot').first().textContent())?.replace(/\s+/g, ' '), '10:00–11:30 Eastern Time16:00–17:30 Central European Time');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
      await site.stop();
    }
  });

  test("a zone Chromium's ICU files under an old name (Asia/Calcutta) is offered and preselected under the current one", async () => {
    const site = await demoSite('sqlite');
    const profile = mkdtempSync(join(tmpdir(), 'plenary-tz-'));
    const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, timezoneId: 'Asia/Kolkata' });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto(site.base + EVENT);
      const offer = page.locator('p.tz-detected a');
      await offer.waitFor();
      assert.equal(await offer.textContent(), 'Show the times in India Standard Time too');
      await page.goto(`${site.base}${EVENT}/time-zone`);
      assert.equal(await page.locator('select#tz').inputValue(), 'Asia/Kolkata');
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
      await site.stop();
    }
  });

  test('axe and the Nu HTML Checker: the event page with and without a zone, and the form', async () => {
    const site = await demoSite('sqlite');
    const browser = await launchChromium({ prefix: 'plenary-tz-axe-', bypassCSP: true });
    try {
      const pages = new Map<string, string>();
      for (const [name, path, rules] of [
        ['event', EVENT, ['document-title', 'html-has-lang', 'color-contrast']],
        ['event in Kathmandu time', `${EVENT}?tz=Asia/Kathmandu`, ['document-title', 'html-has-lang', 'color-contrast']],
        ['time-zone form', `${EVENT}/time-zone`, FORM_RULES],
      ] as const) {
        const res = await browser.page.goto(site.base + path);
        assert.equal(res?.status(), 200, path);
        pages.set(name, await res!.text());
        await checkAxe(browser.page, name, [...rules]);
      }
      assert.deepEqual(vnuErrors(pages), []);
    } finally {
      await browser.close();
      await site.stop();
    }
  });
});
