// Every page of the app in every interface language (issue 13's quality bar): the list of pages is
// the app's own route table (app.routes, as test/route-guard.test.ts walks it), each GET route
// instantiated with real records of the seed event, a demo archive (a second page of /people),
// a frozen publication, a speaker's link and an import draft, in English, French, Spanish and
// Arabic, public pages signed out and the workspace signed in as an admin; plus the error pages
// (404, 400, the workspace's 404 and 403), the pages answering a post of the browser's own form (a
// form refused, 400; a save from an old version, the 409 conflict page) and the 500 pages (public and
// workspace, the database's series table gone, done last). In one Chromium: axe-core (WCAG 2.2 A/AA) finds no violation
// on any of them, and one run of the Nu HTML Checker over every page as served finds no error.
// The pages are test/page-instances.ts's (shared with the pseudo-locale test). A GET route that is neither
// instantiated there nor listed as not HTML (with the reason) fails the test, so a page added later is
// checked without editing this file's logic, only that list.
// PLENARY_EVERY_PAGE_ONLY=regex checks only the routes it matches (and the posts, 403 and 500), for a quicker run
// while working on a page; the count of documents is asserted only without it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { type Browser, checkAxe, chromiumMissing, launchChromium, vnuErrors } from './browser-kit.ts';
import { type EveryPage, everyPage, uncheckedRoutes, wordsOf } from './page-instances.ts';
import { CATALOGUES } from '../src/web/i18n/messages.ts';
import type { TestSite } from './server.ts';
import { INTERFACE_LANGUAGES } from '../src/interface-languages.ts';

const decode = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** What the posts below use of the page's DOM (the test's tsconfig has no DOM types). */
type Form = { elements: { namedItem(name: string): { value: string } }; submit(): void; requestSubmit(button?: unknown): void; querySelector(selector: string): unknown };
type Dom = { querySelector(selector: string): Form | null };

describe('every page in every language in Chromium', { skip: chromiumMissing ?? false }, () => {
  let site: TestSite;
  let browser: Browser;
  let pages: EveryPage['pages'];
  let workspace: EveryPage['workspace'];
  let adminCookie: EveryPage['adminCookie'];
  let viewerCookie: EveryPage['viewerCookie'];
  let forbidden = '';
  let eventPath = '';
  let sessionPath = '';
  let materialsPath = '';
  let materialId = 0;
  let posts: EveryPage['posts'] = [];

  before(async () => {
    ({ site, pages, workspace, adminCookie, viewerCookie, forbidden, eventPath, sessionPath, materialsPath, materialId, posts } = await everyPage());
    browser = await launchChromium({ prefix: 'plenary-every-page-', bypassCSP: true });
  });
  after(async () => {
    await browser?.close();
    await site?.stop();
  });

  test('every GET route is a page checked below or is listed as not HTML, with its reason', () => {
    const { unchecked, gone } = uncheckedRoutes(site, pages);
    assert.deepEqual(unchecked, [], 'GET routes neither checked as pages nor listed in NOT_HTML (test/page-instances.ts)');
    // And nothing listed that the app no longer has.
    assert.deepEqual(gone, []);
  });

  test('axe-core and the Nu HTML Checker find nothing on any page in English, French, Spanish and Arabic', async () => {
    const { page, context } = browser;
    await page.setViewportSize({ width: 1200, height: 900 });
    const served = new Map<string, string>();
    const failures: string[] = [];
    /** Keeps a page's HTML for the Nu checker and checks it with axe. */
    const keepChecked = async (name: string, res: { text(): Promise<string> }) => {
      served.set(name, await res.text());
      try {
        await checkAxe(page, name, ['document-title', 'html-has-lang']);
      } catch (e) {
        failures.push((e as Error).message.split('\n\n')[0]!);
      }
    };
    const visit = async (path: string, status: number, name = path) => {
      const res = await page.goto(`${site.base}${path}`);
      if (res?.status() !== status) {
        failures.push(`${path}: status ${res?.status()} (expected ${status})`);
        return;
      }
      // The page asked for, not one redirected to (a workspace page without its sign-in is the sign-in form).
      const at = new URL(page.url());
      if (`${at.pathname}${at.search}` !== new URL(`${site.base}${path}`).pathname + new URL(`${site.base}${path}`).search) {
        failures.push(`${path}: redirected to ${page.url()}`);
        return;
      }
      await keepChecked(name, res);
    };
    const filter = process.env.PLENARY_EVERY_PAGE_ONLY ? new RegExp(process.env.PLENARY_EVERY_PAGE_ONLY) : null;
    const only = (route: string) => !filter || filter.test(route);
    const prefixed = (lang: string, path: string) => (lang === 'en' ? path : path === '/' ? `/${lang}/` : `/${lang}${path}`);
    // The API's page is /api in English and /fr/api…; every other page likewise under each prefix.
    for (const lang of INTERFACE_LANGUAGES) {
      for (const [route, list] of pages) {
        if (workspace.has(route) || !only(route)) continue;
        for (const x of list) await visit(prefixed(lang, x.path), x.status ?? 200);
      }
    }
    await context.addCookies([adminCookie]);
    for (const lang of INTERFACE_LANGUAGES) {
      for (const route of workspace) if (only(route)) for (const x of pages.get(route)!) await visit(prefixed(lang, x.path), x.status ?? 200);
    }
    // The workspace's 403 page: a viewer of no series asks for an event's publish page.
    await context.clearCookies();
    await context.addCookies([viewerCookie]);
    for (const lang of INTERFACE_LANGUAGES) await visit(prefixed(lang, forbidden), 403, `${prefixed(lang, forbidden)} (a viewer of another series)`);

    // Pages answering a post of the browser's own form, as an admin: the event's form with its last day before its
    // first (400, the message beside the field), and a session's title saved from a version another tab has moved on
    // (409, the conflict page: both versions side by side).
    await context.clearCookies();
    await context.addCookies([adminCookie]);
    const post = async (path: string, status: number, name: string, fill: Record<string, string>, meanwhile?: () => Promise<void>, action = path, file?: string, press?: { name: string; value: string }) => {
      const opened = await page.goto(`${site.base}${path}`);
      if (opened?.status() !== 200) {
        failures.push(`${path}: status ${opened?.status()} (expected 200 before posting)`);
        return;
      }
      if (meanwhile) await meanwhile();
      if (file) await page.setInputFiles(`form[method="post"][action="${action}"] input[type="file"]`, { name: file, mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\nmine\n%%EOF\n') });
      const [res] = await Promise.all([
        page.waitForNavigation(),
        page.evaluate(
          ([action, values, press]) => {
            const form = (globalThis as unknown as { document: Dom }).document.querySelector(`form[method="post"][action="${action}"]`)!;
            for (const [k, v] of Object.entries(values)) form.elements.namedItem(k).value = v;
            // The button pressed, when it says what to do (name="do" value="confirm"); else the form as sent by Enter.
            if (press) form.requestSubmit(form.querySelector(`button[name="${press.name}"][value="${press.value}"]`));
            else form.submit();
          },
          [action, fill, press ?? null] as const,
        ),
      ]);
      if (res?.status() !== status) {
        failures.push(`${name}: status ${res?.status()} (expected ${status})`);
        return;
      }
      await keepChecked(name, res);
    };
    for (const lang of INTERFACE_LANGUAGES) {
      const form = prefixed(lang, eventPath);
      await post(form, 400, `POST ${form} (the last day before the first)`, { end_date: '1999-01-01' });
      const session = prefixed(lang, sessionPath);
      // Another tab saves the title first; this one then saves its own title from the version it opened.
      const other = async () => {
        const tab = await context.newPage();
        try {
          await tab.goto(`${site.base}${session}`);
          await Promise.all([
            tab.waitForNavigation(),
            tab.evaluate((action) => {
              const f = (globalThis as unknown as { document: Dom }).document.querySelector(`form[method="post"][action="${action}"]`)!;
              f.elements.namedItem('title').value = `Opening (${action})`;
              f.submit();
            }, session),
          ]);
        } finally {
          await tab.close();
        }
      };
      await post(session, 409, `POST ${session} (saved meanwhile in another tab)`, { title: `Opening, ${lang}` }, other);
      // A material's label saved meanwhile: this page's kind/language/label form, then its file replaced, both from the
      // version it showed (409, the material as stored beside what was sent).
      const materials = prefixed(lang, materialsPath);
      const relabel = async () => {
        const { version } = await site.storage.db.selectFrom('material').select('version').where('id', '=', materialId).executeTakeFirstOrThrow();
        await site.storage.db.updateTable('material').set({ label: `Background note (${lang})`, version: version + 1 }).where('id', '=', materialId).execute();
      };
      await post(materials, 409, `POST ${prefixed(lang, `/admin/materials/${materialId}`)} (relabelled meanwhile)`, { label: `Note, ${lang}` }, relabel, prefixed(lang, `/admin/materials/${materialId}`));
      await post(materials, 409, `POST ${prefixed(lang, `/admin/materials/${materialId}/replace`)} (relabelled meanwhile)`, {}, relabel, prefixed(lang, `/admin/materials/${materialId}/replace`), 'mine.pdf');
    }

    // Every other page answering a post (test/page-instances.ts's list), in each language: forms refused, conflicts,
    // refusals, confirmations and results, each made afresh for each language where the post uses it up.
    for (const lang of INTERFACE_LANGUAGES) {
      for (const x of posts) {
        const { open, action, fill, meanwhile, as } = await x.prepare(lang);
        const name = `POST ${prefixed(lang, action)} (${x.name})`;
        if (x.signedOut || as || x.forgetCookies) await context.clearCookies();
        if (as) await context.addCookies([as.browserCookie]);
        const forget = x.forgetCookies ? () => context.clearCookies() : undefined;
        await post(prefixed(lang, open), x.status, name, fill ?? {}, forget && meanwhile ? async () => (await meanwhile(), await forget()) : (forget ?? meanwhile), prefixed(lang, action), x.file, x.press);
        if (x.signedOut || as || x.forgetCookies) {
          await context.clearCookies();
          await context.addCookies([adminCookie]);
        }
        const text = served.get(name);
        const catalogue = (CATALOGUES as unknown as Record<string, Record<string, string>>)[lang]!;
        if (text !== undefined) for (const key of x.shows ?? []) for (const w of wordsOf(catalogue[key]!)) if (!decode(text).includes(w)) failures.push(`${name}: the page does not show ${key} ("${w}")`);
      }
    }

    // The 500 pages, last: the series table is gone from under the running server.
    await sql`ALTER TABLE series RENAME TO series_gone`.execute(site.storage.db);
    for (const lang of INTERFACE_LANGUAGES) await visit(prefixed(lang, '/admin'), 500, `${prefixed(lang, '/admin')} (the database fails)`);
    await context.clearCookies();
    for (const lang of INTERFACE_LANGUAGES) await visit(prefixed(lang, '/search?q=migration&kind=event'), 500, `${prefixed(lang, '/search?q=migration&kind=event')} (the database fails)`);

    const errors = vnuErrors(served);
    // Each page, the 403, the four posts, the other posts and the two 500s, in each language.
    const count = [...pages.values()].reduce((n, l) => n + l.length, 0) + 1 + 4 + posts.length + 2;
    console.log(`every-page: ${count} pages × ${INTERFACE_LANGUAGES.length} languages = ${served.size} documents checked (${pages.size} routes)`);
    assert.deepEqual([...failures, ...errors], []);
    if (!process.env.PLENARY_EVERY_PAGE_ONLY) assert.equal(served.size, count * INTERFACE_LANGUAGES.length);
  });
});
