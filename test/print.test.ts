// The event page printed to PDF in Chromium (the print stylesheet's A4 programme), read back
// with unpdf: page numbers and the running title from @page margin boxes, sessions broken only
// between speakers, days without forced page breaks; and the page under its real
// Content-Security-Policy (which allows the page's own running-title style by its hash).
// PLENARY_PRINT_PDF=/tmp/x.pdf keeps the PDF to look at.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { type Browser, chromiumMissing, launchChromium } from './browser-kit.ts';
import { extractText, getDocumentProxy } from 'unpdf';
import { createHash } from 'node:crypto';
import { importAgenda } from '../src/operations/import-agenda.ts';
import { agenda, person, session, TARGET } from './factories.ts';
import { demoSite, type TestSite } from './server.ts';

const EVENT = '/events/idm-2017-new-york';
const TITLE = 'International Dialogue on Migration 2017 — first workshop, New York';
const DAYS = ['Tuesday, April 18, 2017', 'Wednesday, April 19, 2017'];
const PANEL_1_PEOPLE = ['William Lacy Swing', 'Ahmed Hussen', 'Isata Kabia', 'Juan José Gómez Camacho', 'Robert J. Vitillo', 'Gregory Maniatis'];
/** The demo's programme took 5 pages with every session kept whole and each day on a new page. */
const PAGES = 3;

const flat = (s: string) => s.replace(/\s+/g, ' ').trim();
/** Text compared without its spaces: the PDF's line breaks and the DOM's do not fall alike. */
const bare = (s: string) => s.replace(/\s+/g, '');
const count = (text: string, part: string) => text.split(part).length - 1;

if (chromiumMissing) {
  test('printed programme', { skip: chromiumMissing }, () => {});
} else {
  describe('event page in print and under its CSP', () => {
    let site: TestSite;
    let browser: Browser;
    let page: Page;
    const consoleErrors: string[] = [];

    before(async () => {
      site = await demoSite();
      // No bypassCSP: the page is loaded exactly as a visitor's browser loads it.
      browser = await launchChromium({ prefix: 'plenary-print-' });
      page = browser.page;
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') consoleErrors.push(`${m.type()}: ${m.text()}`);
      });
      page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
      const res = await page.goto(site.base + EVENT, { waitUntil: 'load' });
      assert.equal(res?.status(), 200);
    });

    after(async () => {
      await browser?.close();
      await site?.stop();
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

    test('A4 PDF: 3 pages numbered "n / 3", the running title from page 2, sessions broken only between speakers, no page break per day', async () => {
      // Each session's heading and the text of each of its people, as the page shows them.
      const sessions = await page.evaluate(() => {
        type El = { textContent: string | null; querySelector(s: string): El | null; querySelectorAll(s: string): ArrayLike<El> };
        const d = (globalThis as unknown as { document: El }).document;
        return Array.from(d.querySelectorAll('article.session')).map((a) => ({
          heading: a.querySelector('h4')?.textContent ?? '',
          people: Array.from(a.querySelectorAll('.people li')).map((li) => li.textContent ?? ''),
        }));
      });
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
      assert.equal(totalPages, PAGES);
      const pages = text.map(flat);
      const all = pages.join(' ');

      // Margin boxes, read by position (the page's margins are 16 mm, 45 points): "n / 3" in the
      // foot of every page, the title in the head of all but the first, which has it once, as its
      // heading, above everything else.
      for (let i = 0; i < totalPages; i++) {
        const p = await doc.getPage(i + 1);
        const top = p.view[3]!;
        const items = (await p.getTextContent()).items.flatMap((x) => ('str' in x && x.str.trim() ? [{ str: x.str, y: x.transform[5] as number }] : []));
        const head = bare(items.filter((x) => x.y > top - 45).map((x) => x.str).join(''));
        const foot = bare(items.filter((x) => x.y < 45).map((x) => x.str).join(''));
        assert.deepEqual([head, foot], [i === 0 ? '' : bare(TITLE), `${i + 1}/${PAGES}`], `margins of page ${i + 1}`);
        assert.equal(count(pages[i]!, TITLE), 1, `the title once on page ${i + 1}`);
        if (i === 0) {
          const highest = items.reduce((a, b) => (b.y > a.y ? b : a));
          assert.ok(TITLE.startsWith(highest.str), `the title comes first, no site header above it: ${highest.str}`);
        }
      }

      for (const d of DAYS) assert.ok(all.includes(d), `day heading ${d}`);
      let at = all.indexOf('Panel 1:');
      for (const name of PANEL_1_PEOPLE) {
        const next = all.indexOf(name, at);
        assert.ok(next > at, `${name} follows in Panel 1`);
        at = next;
      }
      // Sessions break between speakers, never inside one's line, and never right after the heading.
      const pageOf = (part: string) => {
        const on = pages.map((p, i) => (bare(p).includes(bare(part)) ? i : -1)).filter((i) => i >= 0);
        assert.equal(on.length, 1, `"${part}" whole on one page (found on pages ${on.map((i) => i + 1).join(', ') || 'none'})`);
        return on[0]!;
      };
      assert.equal(sessions.length, 10);
      let split = 0;
      for (const s of sessions) {
        const where = s.people.map(pageOf);
        if (where.length) assert.equal(pageOf(s.heading), where[0], `${s.heading} is on the page of its first person`);
        if (new Set(where).size > 1) split++;
      }
      assert.equal(split, 2, 'two long sessions go on over a page break instead of leaving the rest of the page blank');
      // The second day follows the first on the same page.
      const day2 = pages.findIndex((p) => p.includes(DAYS[1]!));
      assert.ok(pages[day2]!.indexOf('Bart Somers') >= 0 && pages[day2]!.indexOf('Bart Somers') < pages[day2]!.indexOf(DAYS[1]!), `the first day ends on page ${day2 + 1} above ${DAYS[1]}`);
      for (const chrome of ['Skip to content', 'People', 'Organizations', 'Countries', 'Downloads', 'Home', 'Plenary']) {
        assert.ok(!all.includes(chrome), `"${chrome}" is not printed`);
      }
      assert.doesNotMatch(all, /https?:|\/people\/|\/events\//, 'no link targets printed');
    });
  });
}

test('the running title is a CSS string of any title, escaped, and allowed by its hash in the page\'s CSP', async () => {
  const site = await demoSite('sqlite', { demo: false });
  try {
    const title = 'Forum "A\\B" </style><b>&amp; Türkiye';
    await importAgenda(site.storage, agenda([{ date: '2024-03-05', sessions: [session({ speakers: [person('Ana Lee')] })] }]), { ...TARGET, event: { ...TARGET.event, title } }, { publish: true });
    const res = await fetch(`${site.base}/events/${TARGET.event.slug}`);
    assert.equal(res.status, 200);
    const styles = [...(await res.text()).matchAll(/<style>([^<]*)<\/style>/g)].map((m) => m[1]!);
    assert.equal(styles.length, 2, 'the stylesheet and the page\'s own style');
    assert.equal(styles[1], '@page{@top-center{content:"Forum \\22 A\\5c B\\22  \\3c /style\\3e \\3c b\\3e &amp; Türkiye"}}@page:first{@top-center{content:none}}');
    const hashes = styles.map((css) => `'sha256-${createHash('sha256').update(css).digest('base64')}'`);
    const csp = res.headers.get('content-security-policy') ?? '';
    assert.ok(csp.includes(`; style-src ${hashes.join(' ')};`), csp);
  } finally {
    await site.stop();
  }
});
