// hreflang alternates on every page (issue 13): every page of the app as test/page-instances.ts instantiates
// it (public pages signed out, the workspace signed in), opened over HTTP through a running server in each
// interface language, links exactly the same page and query in English, Spanish, French and Arabic and
// x-default (English, at the root), with absolute addresses, in that order, and nothing else; the few
// exceptions (a speaker's private link, a canonical address) are named below, each with its reason.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decode, http } from './http-client.ts';
import { everyPage, uncheckedRoutes } from './page-instances.ts';

/** The frozen publication is a document kept as it was made, not a page of the site: it links no other language. */
const NOT_A_SITE_PAGE = new Set(['/publications/:slug/:edition/publication.html']);

/**
 * Pages that name no alternates at all (the list is empty): a speaker's private link, whose address is a
 * secret token, is offered to search engines in no language (its visible switch still links the others).
 */
const NO_ALTERNATES = (route: string) => route.startsWith('/speak/');

/**
 * Addresses whose alternates name the page's canonical address: a viewer's zone (?tz=) is the reader's choice
 * and does not make another page (nor split the cache); a page number that is not one (?page=0, ?page=x) is
 * the first page, the search refused for it the search page itself.
 */
const CANONICAL: Record<string, string> = {
  '/events/idm-2017-new-york?tz=Asia/Tokyo': '/events/idm-2017-new-york',
  '/people?page=0': '/people',
  '/search?q=migration&page=x': '/search',
};

const alternatesOf = (html: string): Array<[string, string]> =>
  [...html.matchAll(/<link rel="alternate" hreflang="([^"]+)" href="([^"]*)"/g)].map((m) => [m[1]!, decode(m[2]!)]);

test('every page links its own path and query in en, es, fr, ar and x-default', async () => {
  const { site, pages, workspace, admin } = await everyPage();
  try {
    const { unchecked, gone } = uncheckedRoutes(site, pages);
    assert.deepEqual(unchecked, [], 'GET routes neither instantiated in test/page-instances.ts nor listed there as not HTML');
    assert.deepEqual(gone, []);
    const at = (lang: string, path: string) => `${site.base}${lang === 'en' ? '' : `/${lang}`}${lang !== 'en' && path === '/' ? '/' : path}`;
    const wrong: string[] = [];
    let checked = 0;
    let signedIn = 0;
    for (const [route, list] of pages) {
      if (NOT_A_SITE_PAGE.has(route)) continue;
      for (const x of list) {
        const own = CANONICAL[x.path] ?? x.path;
        const expected: Array<[string, string]> = NO_ALTERNATES(route)
          ? []
          : [
              ['en', at('en', own)],
              ['es', at('es', own)],
              ['fr', at('fr', own)],
              ['ar', at('ar', own)],
              ['x-default', at('en', own)],
            ];
        for (const lang of ['en', 'es', 'fr', 'ar']) {
          const r = await http('GET', at(lang, x.path), workspace.has(route) ? { cookie: admin.cookie } : {});
          assert.equal(r.status, x.status ?? 200, `${lang} ${x.path}: ${r.status}`);
          checked++;
          if (workspace.has(route)) signedIn++;
          const got = alternatesOf(r.body);
          if (JSON.stringify(got) !== JSON.stringify(expected)) wrong.push(`${at(lang, x.path)}: ${JSON.stringify(got)}`);
        }
      }
    }
    assert.deepEqual(wrong, [], `pages whose alternates are not their own path and query in every language (${wrong.length} of ${checked})`);
    assert.ok(signedIn > 0 && checked - signedIn > 0, `public pages and the workspace's, in four languages (${checked} opened, ${signedIn} signed in)`);
  } finally {
    await site.stop();
  }
});
