// Content in several languages in Chromium (issue 13): the translation form used by keyboard and
// mouse as an editor would (an error beside its field, then a save), a statement's version in
// another language uploaded through the materials page, the release published, and the French
// event page with French and English texts side by side: axe-core (WCAG 2.2 AA) and the Nu HTML
// Checker find nothing on the form (empty, with an error), the materials page and the public page.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { addAccount, signIn } from '../src/operations/accounts.ts';
import { checkAxe, chromiumMissing, FORM_RULES, launchChromium, vnuErrors } from './browser-kit.ts';
import { demoSite } from './server.ts';

const PASSWORD = 'correct horse battery';
const PDF = Buffer.from('%PDF-1.4\n% Declaración\n%%EOF\n');

describe('content in several languages in Chromium', { skip: chromiumMissing ?? false }, () => {
  test('the translation form, a version in another language, and a page mixing French and English pass axe and the Nu HTML Checker', async () => {
    const site = await demoSite('sqlite');
    const browser = await launchChromium({ prefix: 'plenary-content-lang-', bypassCSP: true });
    try {
      await addAccount(site.storage, { email: 'admin@example.org', role: 'admin', series: [], password: PASSWORD });
      const s = await signIn(site.storage, { email: 'admin@example.org', password: PASSWORD, address: '192.0.2.1' });
      await browser.context.addCookies([{ name: 'plenary_session', value: s.token, url: site.base, httpOnly: true, sameSite: 'Lax' }]);
      const event = await site.storage.db.selectFrom('event').select(['id', 'slug', 'title', 'lang']).orderBy('id').executeTakeFirstOrThrow();
      assert.equal(event.lang, 'en');
      const page = browser.page;
      const pages = new Map<string, string>();
      const keep = async (name: string, rules: string[]) => {
        pages.set(name, await page.content());
        await checkAxe(page, name, rules);
      };

      const form = `${site.base}/admin/events/${event.id}/translations/fr`;
      assert.equal((await page.goto(form))?.status(), 200);
      await keep('translation form', FORM_RULES);
      await page.getByLabel('Title', { exact: true }).fill('x'.repeat(301));
      await page.getByRole('button', { name: 'Save the translations' }).click();
      await page.locator('#f-event-title-error').waitFor();
      assert.equal(await page.locator('#f-event-title-error').textContent(), 'must be at most 300 characters');
      assert.equal(await page.getByLabel('Title', { exact: true }).getAttribute('aria-invalid'), 'true');
      await keep('translation form with an error', FORM_RULES);
      await page.getByLabel('Title', { exact: true }).fill('Dialogue international sur la migration');
      await page.getByRole('button', { name: 'Save the translations' }).click();
      await page.waitForURL(`${form}?saved=1`);
      assert.equal(await page.getByRole('status').first().textContent(), 'Saved.');

      // An English statement uploaded, then its Spanish version through the document's own form.
      await page.goto(`${site.base}/admin/events/${event.id}/materials`);
      await page.locator('#upload-file').setInputFiles({ name: 'statement.pdf', mimeType: 'application/pdf', buffer: PDF });
      await page.locator('#upload-kind').selectOption('statement');
      await page.locator('#upload-lang').selectOption('en');
      await page.locator('#upload-label').fill('Closing statement');
      await page.locator('#upload-file').evaluate((el) => (el as unknown as { form: { requestSubmit(): void } }).form.requestSubmit());
      await page.waitForURL(`${site.base}/admin/events/${event.id}/materials`);
      const versionForm = page.locator('form[action$="/versions"]').first();
      await versionForm.locator('input[type=file]').setInputFiles({ name: 'declaracion.pdf', mimeType: 'application/pdf', buffer: PDF });
      await versionForm.locator('select').selectOption('es');
      await versionForm.locator('button[type=submit]').click();
      await page.waitForURL(`${site.base}/admin/events/${event.id}/materials`);
      assert.equal(await page.locator('form[action$="/versions"]').count(), 1, 'a version gets no form of its own');
      await keep('materials with a version', FORM_RULES);

      await page.goto(`${site.base}/admin/events/${event.id}/publish`);
      await page.getByRole('button', { name: /publish/i }).first().click();
      await page.waitForLoadState();

      const res = await page.goto(`${site.base}/fr/events/${event.slug}`);
      assert.equal(res?.status(), 200);
      assert.equal(await page.locator('h1').getAttribute('lang'), 'fr');
      assert.equal(await page.locator('h1').textContent(), 'Dialogue international sur la migration');
      assert.equal(await page.locator('h1').evaluate((h) => (h as unknown as { lang: string }).lang), 'fr');
      assert.match((await page.locator('span.doc').first().textContent()) ?? '', /Original\u00a0: anglais/);
      await keep('French event page with English texts', ['document-title', 'html-has-lang', 'valid-lang', 'color-contrast']);
      assert.deepEqual(vnuErrors(pages), []);
    } finally {
      await browser.close();
      await site.stop();
    }
  });
});
