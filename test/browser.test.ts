// The public pages in a real browser (Debian's Chromium through playwright-core):
// accessibility (axe-core, WCAG 2.2 AA), valid HTML (Nu HTML Checker), semantic markup,
// and the event page's weight (HTML with its inlined CSS under 14 KB gzipped).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { createRequire } from 'node:module';
import { after, before, describe, test } from 'node:test';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { type Browser, chromiumMissing, launchChromium, vnuMessages } from './browser-kit.ts';
import { demoSite, type TestSite } from './server.ts';

const require = createRequire(import.meta.url);
const AXE_SOURCE_PATH = require.resolve('axe-core/axe.min.js');

const EVENT = '/events/idm-2017-new-york';
const MAX_EVENT_GZIP = 14 * 1024;
const PANEL_1_SPEAKERS = ['Ahmed Hussen', 'Isata Kabia', 'Juan José Gómez Camacho', 'Robert J. Vitillo', 'Gregory Maniatis'];

/** The pages checked: a fixed path, or found at run time (the first organization). */
type Checked = { name: string; path: string | null; status: number };
const PAGES: Checked[] = [
  { name: 'home', path: '/', status: 200 },
  { name: 'series', path: '/series/international-dialogue-on-migration', status: 200 },
  { name: 'event', path: EVENT, status: 200 },
  { name: 'changelog', path: `${EVENT}/changes`, status: 200 },
  { name: 'people', path: '/people', status: 200 },
  { name: 'person', path: '/people/william-lacy-swing', status: 200 },
  { name: 'organizations', path: '/organizations', status: 200 },
  { name: 'organization', path: null, status: 200 },
  { name: 'countries', path: '/countries', status: 200 },
  { name: 'api', path: '/api', status: 200 },
  { name: 'country', path: '/countries/ca', status: 200 },
  { name: 'search', path: '/search?q=migration', status: 200 },
  { name: 'search with facets', path: '/search?q=%22global+compact%22&kind=session', status: 200 },
  { name: 'search without results', path: '/search?q=zzzz', status: 200 },
  { name: 'not-found', path: '/no-such-page', status: 404 },
];

type Loaded = { path: string; status: number; contentType: string; html: string };

/** The little of the DOM the in-page functions use (the project's lib has no DOM types). */
type El = {
  tagName: string;
  textContent: string | null;
  children: ArrayLike<El> & Iterable<El>;
  ownerDocument: { getElementById(id: string): El | null };
  getAttribute(name: string): string | null;
  querySelector(selector: string): El | null;
  querySelectorAll(selector: string): ArrayLike<El> & Iterable<El>;
  closest(selector: string): El | null;
};

type AxeViolation = { id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[]; failureSummary?: string }> };
type AxeResult = { violations: AxeViolation[]; passes: Array<{ id: string }>; incomplete: Array<{ id: string }> };

function describeViolations(vs: AxeViolation[]): string {
  return vs
    .map((v) => `  ${v.id} (${v.impact ?? '?'}): ${v.help}\n${v.nodes.map((n) => `    at ${JSON.stringify(n.target)}: ${(n.failureSummary ?? '').replace(/\n/g, ' | ')}`).join('\n')}`)
    .join('\n');
}

/** GET with node:http so that the gzip body arrives as sent, undecoded. */
function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

if (chromiumMissing) {
  test('browser checks', { skip: chromiumMissing }, () => {});
} else {
  describe('public pages in Chromium', () => {
    let site: TestSite;
    let browser: Browser;
    let page: Page;
    let axeSource: string;
    const loaded = new Map<string, Loaded>();

    /** Navigates the one tab to a checked page and keeps the HTML exactly as served. */
    async function open(c: Checked): Promise<Loaded> {
      const path = c.path;
      assert.ok(path, `no path for the ${c.name} page`);
      const res = await page.goto(site.base + path, { waitUntil: 'load' });
      assert.ok(res, `no response for ${path}`);
      const l: Loaded = { path, status: res.status(), contentType: res.headers()['content-type'] ?? '', html: await res.text() };
      loaded.set(c.name, l);
      return l;
    }

    before(async () => {
      site = await demoSite();
      axeSource = readFileSync(AXE_SOURCE_PATH, 'utf8');
      // The pages forbid scripts (CSP default-src 'none'); axe is injected as a script tag.
      browser = await launchChromium({ bypassCSP: true });
      page = browser.page;
      // The organization page: the first link of the organizations index.
      const org = PAGES.find((p) => p.name === 'organization')!;
      await page.goto(`${site.base}/organizations`);
      const href = await page.locator('main ul.list > li a').first().getAttribute('href');
      assert.match(href ?? '', /^\/organizations\/[a-z0-9-]+$/, 'the organizations index links to no organization');
      org.path = href;
    });

    after(async () => {
      await browser?.close();
      await site?.stop();
    });

    for (const c of PAGES) {
      test(`${c.name} page`, async (t) => {
        const l = await open(c);
        assert.equal(l.status, c.status, `${l.path} answered ${l.status}`);
        assert.equal(l.contentType, 'text/html; charset=utf-8', `${l.path} content-type`);

        await t.test('axe-core finds no WCAG 2.2 A/AA violation', async () => {
          await page.addScriptTag({ content: axeSource });
          const result = (await page.evaluate(() =>
            (globalThis as unknown as { axe: { run(o: unknown): Promise<AxeResult> } }).axe
              .run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'] } })
              .then((r) => ({ violations: r.violations, passes: r.passes.map((x) => ({ id: x.id })), incomplete: r.incomplete.map((x) => ({ id: x.id })) })),
          )) as AxeResult;
          const violations = result.violations;
          // axe ran the rules that matter here, rather than finding nothing to check.
          for (const rule of ['color-contrast', 'document-title', 'html-has-lang', 'link-name']) {
            assert.ok(result.passes.some((x) => x.id === rule), `axe checked ${rule} on ${l.path}`);
          }
          if (result.incomplete.length) console.log(`axe needs review on ${l.path}: ${result.incomplete.map((x) => x.id).join(', ')}`);
          assert.deepEqual(
            violations.map((v) => v.id),
            [],
            `axe violations on ${l.path}:\n${describeViolations(violations)}`,
          );
        });

        await t.test('semantic markup', async () => {
          // No named functions inside: tsx would wrap them in a __name() helper the page lacks.
          const s = await page.locator('html').evaluate((html: El) => ({
            lang: html.getAttribute('lang'),
            h1: html.querySelectorAll('h1').length,
            main: html.querySelectorAll('main').length,
            navNames: [...html.querySelectorAll('nav')].map((nav) => {
              const label = nav.getAttribute('aria-label')?.trim();
              if (label) return label;
              const ids = nav.getAttribute('aria-labelledby')?.trim() ?? '';
              return ids
                .split(/\s+/)
                .filter(Boolean)
                .map((id) => nav.ownerDocument.getElementById(id)?.textContent?.trim() ?? '')
                .join(' ')
                .trim();
            }),
            headings: [...html.querySelectorAll('h1,h2,h3,h4,h5,h6')].map((h) => ({ level: Number(h.tagName[1]), text: (h.textContent ?? '').trim() })),
            stylesheets: html.querySelectorAll('link[rel~="stylesheet" i]').length,
            styles: html.querySelectorAll('style').length,
          }));
          assert.match(s.lang ?? '', /^[a-z]{2}(-[A-Z]{2})?$/, 'html[lang] is set');
          assert.equal(s.h1, 1, 'exactly one h1');
          assert.equal(s.main, 1, 'exactly one main');
          assert.ok(s.navNames.length >= 1, 'a nav element');
          assert.deepEqual(
            s.navNames.filter((n) => !n),
            [],
            `every nav has an accessible name: ${JSON.stringify(s.navNames)}`,
          );
          let previous = 0;
          for (const h of s.headings) {
            assert.ok(h.level <= previous + 1, `heading h${h.level} "${h.text}" follows h${previous || '(none)'}: a level is skipped`);
            previous = h.level;
          }
          assert.equal(s.stylesheets, 0, 'no external stylesheet');
          // The event page also inlines its printed running title (allowed by its own hash).
          assert.equal(s.styles, l.path === EVENT ? 2 : 1, 'one inlined stylesheet');
        });

        await t.test('the inlined stylesheet is allowed by the Content-Security-Policy', async () => {
          const res = await rawGet(site.base + l.path, {});
          const csp = String(res.headers['content-security-policy'] ?? '');
          const css = /<style>([\s\S]*?)<\/style>/.exec(res.body.toString('utf8'))?.[1];
          assert.ok(css !== undefined, 'a <style> element');
          const hash = `'sha256-${createHash('sha256').update(css, 'utf8').digest('base64')}'`;
          assert.ok(csp.includes(`style-src ${hash}`), `CSP "${csp}" allows ${hash}`);
        });
      });
    }

    test('the search box: typed in the header, Enter, results with marked words, a facet followed', async () => {
      await page.goto(site.base + '/');
      await page.getByLabel('Search the archive').fill('gomez');
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/search\?q=gomez$/);
      assert.equal(await page.locator('h1').textContent(), 'Search: gomez');
      assert.equal(await page.getByLabel('Search the archive').inputValue(), 'gomez');
      // The person, then the session he spoke in (a session's entry names its speakers).
      assert.deepEqual(await page.locator('ol.results > li > a').allTextContents(), [
        'Juan José Gómez Camacho',
        'Implementing the SDGs and other major frameworks: how the Global Compact on Migration can help meet commitments made',
      ]);
      const marks = await page.locator('ol.results mark').allTextContents();
      assert.ok(marks.length >= 1 && marks.every((m) => m === 'Gómez'), marks.join(' | '));
      await page.goto(site.base + '/search?q=migration');
      const before = await page.locator('p[role="status"]').textContent();
      await page.locator('a', { hasText: 'Session' }).first().click();
      await page.waitForURL(/kind=session/);
      assert.notEqual(await page.locator('p[role="status"]').textContent(), before);
      assert.equal(await page.locator('strong', { hasText: 'Session' }).count(), 1);
    });

    test('event page: agenda markup', async () => {
      await page.goto(site.base + EVENT);
      const days = await page.locator('ol.agenda').evaluateAll((ols: El[]) =>
        ols.map((ol) => {
          const section = ol.closest('section');
          const heading = section?.querySelector('h1,h2,h3,h4,h5,h6');
          return {
            inSection: !!section,
            heading: heading?.tagName.toLowerCase() ?? null,
            headingText: (heading?.textContent ?? '').trim(),
            sessions: [...ol.children].map((li) => ({
              tag: li.tagName.toLowerCase(),
              slot: (li.querySelector('.slot')?.textContent ?? '').trim(),
              times: [...li.querySelectorAll('time')].map((tm) => ({ datetime: tm.getAttribute('datetime'), text: (tm.textContent ?? '').trim() })),
            })),
          };
        }),
      );
      assert.equal(days.length, 2, 'two agenda days, each with an ol.agenda');
      for (const d of days) {
        assert.ok(d.inSection, 'each day is a section');
        assert.equal(d.heading, 'h3', `the day "${d.headingText}" is headed by an h3`);
        assert.ok(d.sessions.length > 0, `the day "${d.headingText}" lists sessions`);
        for (const s of d.sessions) {
          assert.equal(s.tag, 'li', 'sessions are list items of ol.agenda');
          const shown = s.slot.match(/\d{1,2}:\d{2}/g) ?? [];
          assert.equal(s.times.length, shown.length, `every time shown in "${s.slot}" is a <time>`);
          for (const tm of s.times) {
            assert.match(tm.datetime ?? '', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/, `<time datetime> of "${tm.text}" is an ISO instant with offset`);
            assert.equal(tm.datetime!.slice(11, 16), tm.text.padStart(5, '0'), `<time datetime="${tm.datetime}"> shows its local time`);
          }
        }
      }
      const first = days[0]!.sessions[0]!.times[0];
      assert.deepEqual(first, { datetime: '2017-04-18T10:00:00-04:00', text: '10:00' }, 'the opening session starts at 10:00 New York time (UTC−4 in April)');

      const panel1 = await page.locator('ol.agenda article.session').evaluateAll((articles: El[]) => {
        const panel = articles.filter((a) => /^Panel 1\b/.test((a.querySelector('h4')?.textContent ?? '').trim()));
        return panel.map((a) => [...a.querySelectorAll('ol.people > li a[href^="/people/"]')].map((x) => (x.textContent ?? '').trim()));
      });
      assert.equal(panel1.length, 1, 'one Panel 1 session');
      assert.deepEqual(panel1[0], PANEL_1_SPEAKERS);
    });

    test('event page: HTML and CSS together under 14 KB gzipped', async () => {
      const gz = await rawGet(site.base + EVENT, { 'accept-encoding': 'gzip' });
      assert.equal(gz.status, 200);
      assert.equal(gz.headers['content-encoding'], 'gzip');
      assert.equal(Number(gz.headers['content-length']), gz.body.length, 'content-length is the gzip body length');
      const plain = await rawGet(site.base + EVENT, {});
      assert.equal(plain.headers['content-encoding'], undefined);
      assert.ok(gunzipSync(gz.body).equals(plain.body), 'the gzip body is the page');
      const html = plain.body.toString('utf8');
      assert.doesNotMatch(html, /<link[^>]+rel=["']?stylesheet/i, 'no external stylesheet: the CSS is inlined');
      const level9 = gzipSync(plain.body, { level: 9 }).length;
      console.log(`event page: ${plain.body.length} bytes, ${gz.body.length} bytes gzipped as served, ${level9} at level 9 (limit ${MAX_EVENT_GZIP})`);
      assert.ok(gz.body.length < MAX_EVENT_GZIP, `served gzip ${gz.body.length} B is under ${MAX_EVENT_GZIP} B`);
      assert.ok(level9 < MAX_EVENT_GZIP, `gzip -9 ${level9} B is under ${MAX_EVENT_GZIP} B`);
    });

    test('Nu HTML Checker finds no error', () => {
      assert.equal(loaded.size, PAGES.length, 'every page was loaded before validation');
      const pages = new Map([...loaded.values()].map((l) => [l.path, l.html]));
      const messages = vnuMessages(pages);
      const where = (m: { url?: string; lastLine?: number }) => `${m.url}:${m.lastLine ?? '?'}`;
      // Warnings one by one; informational notes once each, with where they occur.
      const warnings = messages.filter((m) => m.type === 'info' && m.subType === 'warning');
      for (const m of warnings) console.log(`vnu warning: ${where(m)}: ${m.message}`);
      const notes = new Map<string, Set<string>>();
      for (const m of messages.filter((x) => x.type === 'info' && x.subType !== 'warning')) {
        notes.set(m.message, (notes.get(m.message) ?? new Set()).add(m.url ?? '?'));
      }
      for (const [message, paths] of notes) console.log(`vnu info (${paths.size} pages): ${message}`);
      const errors = messages.filter((m) => m.type === 'error' || m.type === 'non-document-error');
      assert.deepEqual(
        errors.map((m) => `${where(m)}: ${m.message}`),
        [],
        `vnu errors:\n${errors.map((m) => `  ${where(m)}: ${m.message}\n    ${(m.extract ?? '').replace(/\n/g, ' ')}`).join('\n')}`,
      );
    });
  });
}
