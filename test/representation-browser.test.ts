// The representation figures (issue 14) in Chromium: the seed event's and its series' pages (SVG
// charts with their tables), in English and in Arabic (right to left), the speaker's link with its
// gender question answered by keyboard and mouse, and the workspace's person form with its gender
// field: no axe-core violation (WCAG 2.2 A/AA) and no Nu HTML Checker error. The charts are images
// with a name and a description, and each is followed by a table a screen reader can walk.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createSpeakerLink } from '../src/operations/speaker-links.ts';
import { type Browser, checkAxe, chromiumMissing, launchChromium, vnuErrors } from './browser-kit.ts';
import { signedIn } from './http-client.ts';
import { demoSite, type TestSite } from './server.ts';

const EVENT = '/events/idm-2017-new-york/representation';
const SERIES = '/series/international-dialogue-on-migration/representation';

describe('representation figures in Chromium', { skip: chromiumMissing ?? false }, () => {
  let site: TestSite;
  let browser: Browser;
  const served = new Map<string, string>();

  before(async () => {
    site = await demoSite();
    browser = await launchChromium({ prefix: 'plenary-representation-', bypassCSP: true });
  });
  after(async () => {
    await browser?.close();
    await site?.stop();
  });

  test('the figures pages: charts named and described, tables with captions and headers; axe finds nothing', async () => {
    const { page } = browser;
    for (const [name, path] of [
      ['event figures', EVENT],
      ['series figures', SERIES],
      ['event figures in Arabic', `/ar${EVENT}`],
    ] as const) {
      const res = await page.goto(`${site.base}${path}`);
      assert.equal(res?.status(), 200, path);
      served.set(name, await res!.text());
      await checkAxe(page, name, ['color-contrast', 'document-title', 'html-has-lang', 'svg-img-alt', 'th-has-data-cells']);
    }
    await page.goto(`${site.base}${EVENT}`);
    // The chart's accessible name is its title; its description lists every group's count.
    const chart = page.getByRole('img', { name: 'Appearances by kind of organization' });
    assert.equal(await chart.count(), 1);
    assert.equal(
      await chart.getAttribute('aria-labelledby').then((ids) => page.locator(`[id="${ids!.split(' ')[1]}"]`).textContent()),
      'Member State government: 12; UN or other intergovernmental organization: 7; Civil society: 5; Private sector: 0; Academia: 1; Parliament: 0; Local authority: 1; Other: 1; Not known: 10',
    );
    const tableRegion = page.getByRole('table', { name: 'Speakers and moderators by region (UN M49)' });
    assert.equal(await tableRegion.getByRole('row', { name: /^Africa 6 6 5 5 1 1 108\.0 16\.4%$/ }).count(), 1);
    // Each scrolling table is reached by keyboard (it takes the focus when it overflows).
    assert.equal(await page.locator('.table-scroll[tabindex="0"][role="region"]').count(), 5);
  });

  test('the speaker answers the gender question by keyboard; the editor sees the gender field on the person form', async () => {
    const { page, context } = browser;
    const db = site.storage.db;
    const a = await db.selectFrom('appearance as a').innerJoin('person as p', 'p.id', 'a.person_id').select(['a.id', 'p.id as personId']).where('p.name', '=', 'Bart Somers').executeTakeFirstOrThrow();
    const admin = await signedIn(site.storage, site.base, { email: 'admin@example.org', role: 'admin' });
    const adminId = Number((await db.selectFrom('account').select('id').where('email', '=', 'admin@example.org').executeTakeFirstOrThrow()).id);
    const { token } = await createSpeakerLink(site.storage, { appearanceId: Number(a.id), expires: new Date(Date.now() + 86_400_000).toISOString().slice(0, 10), accountId: adminId });
    const res = await page.goto(`${site.base}/speak/${token}`);
    served.set('speaker link', await res!.text());
    await checkAxe(page, 'speaker link');
    const group = page.getByRole('group', { name: 'Your gender' });
    await group.getByRole('radio', { name: 'In my own term (write it below)' }).check();
    await page.getByRole('textbox', { name: 'Your own term' }).fill('non-binary');
    await page.getByRole('textbox', { name: 'Your own term' }).press('Tab');
    await Promise.all([page.waitForURL(/\?sent=gender#sent-heading$/), page.keyboard.press('Enter')]);
    assert.match(await page.locator('#notice').innerText(), /your answer was received/);
    served.set('speaker link, answered', await page.content().then((h) => `<!DOCTYPE html>${h.replace(/^<!DOCTYPE html>/i, '')}`));
    assert.ok((await page.locator('.speaker-sent').innerText()).startsWith('Gender: Another term: “non-binary” · '));

    await context.addCookies([admin.browserCookie]);
    const form = await page.goto(`${site.base}/admin/persons/${a.personId}`);
    assert.equal(form?.status(), 200);
    served.set('person form', await form!.text());
    await checkAxe(page, 'person form');
    assert.equal(await page.getByLabel('Gender', { exact: true }).inputValue(), 'not-known');
    await page.getByLabel('Gender', { exact: true }).selectOption('declined');
    await Promise.all([page.waitForURL(/\?saved=1$/), page.getByRole('button', { name: 'Save' }).click()]);
    assert.equal(await page.getByLabel('Gender', { exact: true }).inputValue(), 'declined');
    await context.clearCookies();
  });

  test('the Nu HTML Checker finds no error in any of them', () => {
    assert.deepEqual(vnuErrors(served), []);
  });
});
