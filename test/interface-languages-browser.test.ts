// The interface's languages in Chromium (issue 13): the event page, home, a person, search and a
// workspace form in French, Spanish and Arabic, a speaker's page in Arabic and the API's page in French pass axe-core (WCAG 2.2 AA) and the Nu HTML Checker;
// the language switch, reached from the keyboard, keeps the reader on the same page; in Arabic the
// header's navigation is mirrored (its boxes compared with the English page's).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { addAccount } from '../src/operations/accounts.ts';
import { createSpeakerLink } from '../src/operations/speaker-links.ts';
import { checkAxe, chromiumMissing, launchChromium, vnuErrors } from './browser-kit.ts';
import { demoSite } from './server.ts';

const EVENT = '/events/idm-2017-new-york';

/** Boxes of the brand, the main navigation and the language switch in the header. */
async function headerBoxes(page: Page) {
  const box = async (selector: string) => {
    const b = await page.locator(selector).first().boundingBox();
    assert.ok(b, `${selector} is shown`);
    return b;
  };
  return { brand: await box('header.site .brand'), people: await box('header.site nav:not(.langs) li:first-child a'), countries: await box('header.site nav:not(.langs) li:last-child a'), width: page.viewportSize()!.width };
}

describe('interface languages in Chromium', { skip: chromiumMissing ?? false }, () => {
  test('fr, es and ar pages pass axe and the Nu HTML Checker; the switch keeps the page from the keyboard; Arabic is mirrored', async () => {
    const site = await demoSite('sqlite');
    const browser = await launchChromium({ prefix: 'plenary-langs-', bypassCSP: true });
    try {
      const { page } = browser;
      await page.setViewportSize({ width: 1200, height: 900 });
      const password = 'correct horse battery staple';
      await addAccount(site.storage, { email: 'langs@example.org', role: 'admin', series: [], password });
      const eventId = (await site.storage.db.selectFrom('event').select('id').where('slug', '=', 'idm-2017-new-york').executeTakeFirstOrThrow()).id;

      const kept = new Map<string, string>();
      for (const lang of ['fr', 'es', 'ar'] as const) {
        for (const path of [EVENT, '/', '/people/william-lacy-swing', '/search?q=migration']) {
          const url = `${site.base}/${lang}${path === '/' ? '/' : path}`;
          await page.goto(url);
          assert.equal(await page.getAttribute('html', 'lang'), lang);
          assert.equal(await page.getAttribute('html', 'dir'), lang === 'ar' ? 'rtl' : 'ltr');
          await checkAxe(page, `/${lang}${path}`, ['document-title', 'html-has-lang', 'html-lang-valid', 'valid-lang']);
          kept.set(`/${lang}${path}`, await (await page.request.get(url)).text());
        }
        // A workspace form, signed in through the form in this language.
        await page.goto(`${site.base}/${lang}/admin/login`);
        if (page.url().includes('/login')) {
          await page.locator('input[name=email]').fill('langs@example.org');
          await page.locator('input[name=password]').fill(password);
          await page.locator('form.stack button[type=submit]').click();
          await page.waitForURL(`**/${lang}/admin`);
        }
        await page.goto(`${site.base}/${lang}/admin/events/${eventId}`);
        assert.equal(await page.getAttribute('html', 'lang'), lang);
        await checkAxe(page, `/${lang}/admin/events/${eventId}`);
        // The page as served (page.content() would hold the axe script just added).
        kept.set(`/${lang}/admin/events/${eventId}`, await (await page.request.get(`${site.base}/${lang}/admin/events/${eventId}`)).text());
      }
      // A speaker's page in Arabic (its link made for /ar/speak/{token}) and the API's page in French.
      const appearance = (await site.storage.db.selectFrom('appearance').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
      const link = await createSpeakerLink(site.storage, { appearanceId: appearance, expires: new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10), accountId: 1 });
      for (const [path, lang] of [[`/ar/speak/${link.token}`, 'ar'], ['/fr/api', 'fr']] as const) {
        await page.goto(`${site.base}${path}`);
        assert.equal(await page.getAttribute('html', 'lang'), lang);
        assert.equal(await page.getAttribute('html', 'dir'), lang === 'ar' ? 'rtl' : 'ltr');
        await checkAxe(page, path);
        kept.set(path, await (await page.request.get(`${site.base}${path}`)).text());
      }
      assert.deepEqual(vnuErrors(kept), []);

      // The switch from the keyboard: Tab until the Spanish link of the switch has focus, Enter.
      await page.goto(`${site.base}/fr${EVENT}`);
      let reached = false;
      for (let i = 0; i < 30 && !reached; i++) {
        await page.keyboard.press('Tab');
        reached = await page.evaluate(() => {
          const active = (globalThis as unknown as { document: { activeElement: { closest(s: string): unknown; getAttribute(n: string): string | null } | null } }).document.activeElement;
          return !!active && active.closest('nav.langs') !== null && active.getAttribute('hreflang') === 'es';
        });
      }
      assert.ok(reached, 'the Spanish link of the switch is reached with Tab');
      await page.keyboard.press('Enter');
      await page.waitForURL(`**/es${EVENT}`);
      assert.equal(await page.getAttribute('html', 'lang'), 'es');

      // Mirrored: in English the brand is left of the navigation, which runs left to right; in Arabic
      // the brand is at the right edge and the navigation runs right to left.
      await page.goto(`${site.base}${EVENT}`);
      const en = await headerBoxes(page);
      await page.goto(`${site.base}/ar${EVENT}`);
      const ar = await headerBoxes(page);
      assert.ok(en.brand.x < en.people.x && en.people.x < en.countries.x, 'English runs left to right');
      assert.ok(ar.brand.x > ar.people.x && ar.people.x > ar.countries.x, 'Arabic runs right to left');
      assert.ok(Math.abs(en.brand.x - (ar.width - (ar.brand.x + ar.brand.width))) < 40, 'the brand sits at the mirrored place');
    } finally {
      await browser.close();
      await site.stop();
    }
  });
});
