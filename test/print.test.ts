// The event page printed to PDF in Chromium (the print stylesheet's A4 programme), read back
// with unpdf; and the page under its real Content-Security-Policy with the JSON-LD block in it.
// PLENARY_PRINT_PDF=/tmp/x.pdf keeps the PDF to look at.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { extractText, getDocumentProxy } from 'unpdf';
import { demoSite, type TestSite } from './server.ts';

const CHROMIUM = '/usr/bin/chromium';
const EVENT = '/events/idm-2017-new-york';
const TITLE = 'International Dialogue on Migration 2017 — first workshop, New York';
const DAYS = ['Tuesday, April 18, 2017', 'Wednesday, April 19, 2017'];
const PANEL_1_PEOPLE = ['William Lacy Swing', 'Ahmed Hussen', 'Isata Kabia', 'Juan José Gómez Camacho', 'Robert J. Vitillo', 'Gregory Maniatis'];
/** Each panel's heading start and the last name in it: both must be on one page. */
const PANEL_ENDS: Array<[string, string]> = [
  ['Panel 1:', 'Gregory Maniatis'],
  ['Panel 2:', 'Alex Zalami'],
  ['Panel 3:', 'Bart Somers'],
  ['Panel 4:', 'Gordon Kihalangwa'],
  ['Panel 5:', 'Maria Pia Belloni Mignatti'],
  ['Panel 6:', 'Austin T. Fragomen Jr.'],
];

const flat = (s: string) => s.replace(/\s+/g, ' ').trim();

if (!existsSync(CHROMIUM)) {
  test('printed programme', { skip: `${CHROMIUM} is missing: apt-get install -y chromium` }, () => {});
} else {
  describe('event page in print and under its CSP', () => {
    let site: TestSite;
    let context: BrowserContext;
    let page: Page;
    let profile: string;
    const consoleErrors: string[] = [];

    before(async () => {
      site = await demoSite();
      profile = mkdtempSync(join(tmpdir(), 'plenary-print-'));
      // No bypassCSP: the page is loaded exactly as a visitor's browser loads it.
      context = await chromium.launchPersistentContext(profile, {
        executablePath: CHROMIUM,
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      });
      page = context.pages()[0] ?? (await context.newPage());
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') consoleErrors.push(`${m.type()}: ${m.text()}`);
      });
      page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
      const res = await page.goto(site.base + EVENT, { waitUntil: 'load' });
      assert.equal(res?.status(), 200);
    });

    after(async () => {
      await context?.close();
      await site?.stop();
      if (profile) rmSync(profile, { recursive: true, force: true });
    });

    test('the Content-Security-Policy allows the page: no console error, the JSON-LD is in the DOM', async () => {
      assert.deepEqual(consoleErrors, [], 'nothing reported in the console');
      const ld = await page.evaluate(() => {
        const d = (globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<{ textContent: string | null }> } }).document;
        return Array.from(d.querySelectorAll('head script[type="application/ld+json"]')).map((s) => JSON.parse(s.textContent ?? '') as { '@type': string; subEvent: unknown[] });
      });
      assert.deepEqual(
        ld.map((x) => [x['@type'], x.subEvent.length]),
        [['Event', 10]],
      );
    });

    test('print media: black text, no site chrome', async () => {
      await page.emulateMedia({ media: 'print' });
      try {
        // No named functions inside: tsx would wrap them in a __name() helper the page lacks.
        const s = await page.evaluate(() => {
          type E = { getComputedStyle(e: unknown): { color: string; display: string } };
          const w = globalThis as unknown as E & { document: { querySelector(s: string): unknown } };
          const [aff, link, header, downloads, crumbs] = ['.aff', '.people a', 'header.site', '.downloads', '.crumbs'].map((sel) => w.getComputedStyle(w.document.querySelector(sel)));
          return { aff: aff!.color, link: link!.color, header: header!.display, downloads: downloads!.display, crumbs: crumbs!.display };
        });
        assert.deepEqual(s, { aff: 'rgb(0, 0, 0)', link: 'rgb(0, 0, 0)', header: 'none', downloads: 'none', crumbs: 'none' });
      } finally {
        await page.emulateMedia({ media: null });
      }
    });

    test('A4 PDF: the programme in order, a day per page, sessions whole, no navigation or URLs', async () => {
      const pdf = new Uint8Array(await page.pdf({ format: 'A4' }));
      const bytes = pdf.length; // pdf.js takes the buffer over
      if (process.env.PLENARY_PRINT_PDF) writeFileSync(process.env.PLENARY_PRINT_PDF, pdf);
      const doc = await getDocumentProxy(pdf);
      const first = await doc.getPage(1);
      // A4 is 595.28 × 841.89 points; Chromium rounds the page to whole CSS pixels.
      const [, , width, height] = first.view as [number, number, number, number];
      assert.ok(Math.abs(width - 595.28) < 2 && Math.abs(height - 841.89) < 2, `A4 in points, not ${width} × ${height}`);
      const { totalPages, text } = await extractText(doc, { mergePages: false });
      console.log(`printed programme: ${totalPages} A4 pages, ${bytes} bytes`);
      assert.ok(totalPages >= 2 && totalPages <= 8, `${totalPages} pages is between 2 and 8`);
      const pages = text.map(flat);
      const all = pages.join(' ');

      assert.ok(all.startsWith(TITLE), 'the title comes first: no site header above it');
      for (const d of DAYS) assert.ok(all.includes(d), `day heading ${d}`);
      assert.ok(all.includes('Panel 1: Implementing the SDGs'));
      let at = all.indexOf('Panel 1:');
      for (const name of PANEL_1_PEOPLE) {
        const next = all.indexOf(name, at);
        assert.ok(next > at, `${name} follows in Panel 1`);
        at = next;
      }
      // The second day starts a page of its own.
      const day2 = pages.findIndex((p) => p.includes(DAYS[1]!));
      assert.ok(day2 > 0 && pages[day2]!.startsWith(DAYS[1]!), `page ${day2 + 1} starts with ${DAYS[1]}`);
      for (const [heading, last] of PANEL_ENDS) {
        const p = pages.findIndex((x) => x.includes(heading));
        assert.ok(p >= 0, `${heading} printed`);
        assert.ok(pages[p]!.includes(last), `${heading} is not split: ${last} is on its page ${p + 1}`);
      }
      for (const chrome of ['Skip to content', 'People', 'Organizations', 'Countries', 'Downloads', 'Home', 'Plenary']) {
        assert.ok(!all.includes(chrome), `"${chrome}" is not printed`);
      }
      assert.doesNotMatch(all, /https?:|\/people\/|\/events\//, 'no link targets printed');
    });
  });
}
