// The publication (issue 14) in Chromium: the seed event's frozen edition page (the publication
// with its appendix of charts and tables, the files and "Cite this") in English, French and Arabic
// (right to left), and the workspace's publication forms (start one, write its texts, choose a
// statement's excerpt, freeze the next edition), each filled and sent by keyboard alone: no
// axe-core violation (WCAG 2.2 A/AA) and no Nu HTML Checker error on any of them.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addAccount, signIn } from '../src/operations/accounts.ts';
import { addMaterialFile } from '../src/operations/materials.ts';
import { ensurePublication, freezeEdition, savePublication } from '../src/operations/publications.ts';
import { publishEvent } from '../src/operations/releases.ts';
import { drainFileTexts, fileTextCounts } from '../src/operations/search.ts';
import { publicationOptions } from '../src/web/views/publication-words.ts';
import { type Browser, checkAxe, chromiumMissing, launchChromium, vnuErrors } from './browser-kit.ts';
import { blocks, toPdf } from './convert.ts';
import { demoSite, type TestSite } from './server.ts';

const EVENT = 'idm-2017-new-york';
const SERIES = 'international-dialogue-on-migration';
const STATEMENT = `Statement of the City of Mechelen
Cities are where migrants arrive, work and build their lives. Local authorities need a voice in the global compact.
We ask that mayors be heard when the compact is negotiated.`;
const PAGE_RULES = ['color-contrast', 'document-title', 'html-has-lang', 'svg-img-alt', 'th-has-data-cells', 'link-name', 'list'];

/** The id of the element that has the focus, or its tag name when it has none. */
const focused = (page: Browser['page']) =>
  page.evaluate(() => {
    const el = (globalThis as unknown as { document: { activeElement: { id: string; tagName: string } | null } }).document.activeElement;
    return el?.id || el?.tagName || '';
  });

/** The page as the browser now holds it, as a document the Nu HTML Checker reads. */
const documentOf = async (page: Browser['page']) => `<!DOCTYPE html>${(await page.content()).replace(/^<!DOCTYPE html>/i, '')}`;

describe('the publication in Chromium', { skip: chromiumMissing ?? false }, () => {
  let site: TestSite;
  let browser: Browser;
  let publicationId: number;
  const served = new Map<string, string>();

  before(async () => {
    site = await demoSite();
    const db = site.storage.db;
    // A statement with its text read (as `plenary serve`'s reader does), so the excerpt form has one to offer.
    const event = await db.selectFrom('event').select('id').where('slug', '=', EVENT).executeTakeFirstOrThrow();
    const a = await db.selectFrom('appearance as a').innerJoin('person as p', 'p.id', 'a.person_id').select('a.id').where('p.name', '=', 'Bart Somers').executeTakeFirstOrThrow();
    await addMaterialFile(
      site.storage,
      { eventId: event.id, appearanceId: a.id, fields: { kind: 'statement', lang: 'en', label: 'Statement of the City of Mechelen' }, upload: { name: 'somers.pdf', bytes: await toPdf(blocks(STATEMENT), true) } },
      { maxBytes: 4 * 1024 * 1024 },
    );
    await publishEvent(site.storage, event.id, { note: 'Statement added' });
    await drainFileTexts(site.storage);
    for (let i = 0; i < 600 && (await fileTextCounts(db)).done !== 1; i++) await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(await fileTextCounts(db), { done: 1 });
    const p = await ensurePublication(site.storage, { event: EVENT });
    publicationId = p.id;
    await savePublication(site.storage, p.id, p.version, { title: p.title, subtitle: 'Report of the workshop', lang: 'en', foreword: 'The **first** workshop of 2017.\n\n- cities\n- compact', summary: 'See [the event](https://example.org/e).', excerpts: {} }, null);
    await freezeEdition(site.storage, p.id, publicationOptions(site.base, 'en'));
    browser = await launchChromium({ prefix: 'plenary-publication-', bypassCSP: true });
  });
  after(async () => {
    await browser?.close();
    await site?.stop();
  });

  test('the edition page in English, French and Arabic: the publication, its appendix charts and tables, its files and "Cite this"; axe finds nothing', async () => {
    const { page } = browser;
    for (const [name, prefix, lang, dir] of [
      ['edition page', '', 'en', 'ltr'],
      ['edition page in French', '/fr', 'fr', 'ltr'],
      ['edition page in Arabic', '/ar', 'ar', 'rtl'],
    ] as const) {
      const res = await page.goto(`${site.base}${prefix}/publications/${EVENT}/1`);
      assert.equal(res?.status(), 200, name);
      served.set(name, await res!.text());
      assert.equal(await page.locator('html').getAttribute('lang'), lang);
      assert.equal((await page.locator('html').getAttribute('dir')) ?? 'ltr', dir);
      await checkAxe(page, name, PAGE_RULES);
      // The frozen publication keeps its own language inside the page of another.
      assert.equal(await page.locator('.pub-frozen').getAttribute('lang'), 'en', name);
      // The appendix: charts named by their title, each followed by its table.
      assert.ok((await page.locator('#appendix ~ * svg[role="img"], section[aria-labelledby="appendix"] svg[role="img"]').count()) >= 4, `${name}: charts in the appendix`);
      assert.ok((await page.locator('section[aria-labelledby="appendix"] table caption').count()) >= 4, `${name}: tables in the appendix`);
      // "Cite this": APA and Chicago, and the three downloads.
      const cite = page.locator('aside.edition');
      assert.equal(await cite.locator('dt').count(), 2);
      assert.equal(await cite.locator(`a[href$="/publications/${EVENT}/1.bib"], a[href$="/publications/${EVENT}/1.ris"], a[href$="/publications/${EVENT}/1.csl.json"]`).count(), 3);
    }
    await page.goto(`${site.base}/publications/${EVENT}/1`);
    assert.equal(await page.getByRole('heading', { level: 2, name: 'Cite this' }).count(), 1);
    assert.equal(await page.getByRole('img', { name: 'Appearances by kind of organization' }).count(), 1);
    // The table of contents leads to the foreword by keyboard.
    await page.getByRole('link', { name: 'Foreword' }).focus();
    await Promise.all([page.waitForURL(/#foreword$/), page.keyboard.press('Enter')]);
  });

  test('the workspace: a publication started, its texts written, an excerpt chosen and an edition frozen, by keyboard alone; axe finds nothing', async () => {
    const { page, context } = browser;
    await addAccount(site.storage, { email: 'editor@example.org', role: 'editor', series: [SERIES], password: 'correct horse battery' });
    const s = await signIn(site.storage, { email: 'editor@example.org', password: 'correct horse battery', address: '192.0.2.1' });
    await context.addCookies([{ name: 'plenary_session', value: s.token, url: site.base, httpOnly: true, sameSite: 'Lax' }]);

    // The dashboard leads to the series' publications.
    await page.goto(`${site.base}/admin`);
    await page.getByRole('link', { name: 'Publications: International Dialogue on Migration', exact: true }).focus();
    await Promise.all([page.waitForURL(new RegExp(`/admin/series/${SERIES}/publications$`)), page.keyboard.press('Enter')]);
    served.set('publications of the series', await documentOf(page));
    await checkAxe(page, 'publications of the series');
    assert.equal(await page.getByRole('heading', { level: 1 }).count(), 1);

    // Start the publication of a year: the radio chosen with the space bar, the year typed, sent with Enter.
    await page.getByRole('radio', { name: 'Every published event of one year' }).focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    assert.equal(await focused(page), 'year');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('2017');
    await page.keyboard.press('Tab');
    assert.equal(await focused(page), 'BUTTON');
    await Promise.all([page.waitForURL(/\/admin\/publications\/\d+$/), page.keyboard.press('Enter')]);
    const yearPub = await site.storage.db.selectFrom('publication').select(['id', 'slug', 'year']).where('year', '=', 2017).executeTakeFirstOrThrow();
    assert.equal(yearPub.slug, `${SERIES}-2017`);
    assert.ok(page.url().endsWith(`/admin/publications/${yearPub.id}`));

    // The event's publication: its texts and the statement's excerpt, field after field with Tab.
    await page.goto(`${site.base}/admin/publications/${publicationId}`);
    served.set('publication form', await documentOf(page));
    await checkAxe(page, 'publication form');
    await page.getByLabel('Subtitle', { exact: true }).focus();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('Report of the first workshop');
    const order: string[] = [];
    for (let i = 0; i < 20; i++) {
      await page.keyboard.press('Tab');
      order.push(await focused(page));
      if (order.at(-1) === 'BUTTON') break;
    }
    // Every field of the form is reached in reading order (the languages as the switch lists them: English, then by their own names), the send button last.
    assert.deepEqual(order.slice(0, 9), ['lang', 'foreword-en', 'summary-en', 'foreword-es', 'summary-es', 'foreword-fr', 'summary-fr', 'foreword-ar', 'summary-ar']);
    assert.equal(order.at(-1), 'BUTTON');
    const material = await site.storage.db.selectFrom('material').select('id').where('label', '=', 'Statement of the City of Mechelen').executeTakeFirstOrThrow();
    assert.ok(order.includes(`m${material.id}-full`) && order.includes(`m${material.id}-text`), `the statement's choice and its excerpt in the tab order: ${order.join(', ')}`);
    // The choice: from "the whole statement" to "this excerpt" with an arrow key; the excerpt typed.
    await page.locator(`#m${material.id}-full`).focus();
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.locator(`#m${material.id}-excerpt`).isChecked(), true);
    await page.keyboard.press('Tab');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('Local authorities need a voice in the global compact.');
    await page.keyboard.press('Tab');
    await Promise.all([page.waitForURL(/\?saved=1$/), page.keyboard.press('Enter')]);
    assert.equal(await page.getByRole('status').innerText(), 'Saved.');
    const saved = await site.storage.db.selectFrom('publication').select(['subtitle', 'excerpts']).where('id', '=', publicationId).executeTakeFirstOrThrow();
    assert.equal(saved.subtitle, 'Report of the first workshop');
    assert.deepEqual(JSON.parse(saved.excerpts), { [String(material.id)]: 'Local authorities need a voice in the global compact.' });
    served.set('publication form, saved', await documentOf(page));
    await checkAxe(page, 'publication form, saved');

    // Freeze the second edition: what changed typed, sent with Enter on the button.
    await page.getByLabel('What changed since the edition before').focus();
    await page.keyboard.type('An excerpt of the Mechelen statement');
    await page.keyboard.press('Tab');
    await Promise.all([page.waitForURL(/\?frozen=2$/), page.keyboard.press('Enter')]);
    assert.equal(await page.getByRole('status').innerText(), 'Edition 2 is frozen.');
    served.set('publication form, frozen', await documentOf(page));
    await checkAxe(page, 'publication form, frozen');
    const two = await page.goto(`${site.base}/publications/${EVENT}/2`);
    assert.equal(two?.status(), 200);
    assert.equal(await page.locator('figure figcaption', { hasText: 'Excerpt of the statement' }).count(), 1);
    assert.equal(await page.locator('blockquote.statement').first().innerText(), 'Local authorities need a voice in the global compact.');
    await context.clearCookies();
  });

  test('the Nu HTML Checker finds no error in any of them', () => {
    assert.ok(served.size >= 7, `${served.size} pages`);
    assert.deepEqual(vnuErrors(served), []);
  });
});
