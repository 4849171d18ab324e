// The language switch and the hreflang alternates keep the reader on the same page (issue 13), over HTTP
// through a running server: a search keeps its ?q=, a paged list its ?page=2, and the sign-in form's
// ?next= (where the reader is sent after signing in) moves to the language switched to, so that a reader
// who opened /fr/admin/login?next=/fr/admin and chose English signs in to the English workspace.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { planArchive, storeArchive } from '../src/operations/demo-archive.ts';
import { decode, http } from './http-client.ts';
import { demoSite, type TestSite } from './server.ts';

/** The language switch's links: language → href. */
export const switchOf = (html: string): Record<string, string> => {
  const nav = /<nav class="langs"[^>]*>([\s\S]*?)<\/nav>/.exec(html)?.[1] ?? '';
  return Object.fromEntries([...nav.matchAll(/<a href="([^"]*)" lang="([^"]+)"/g)].map((m) => [m[2]!, decode(m[1]!)]));
};

/** The page's hreflang alternates, in order (the switch's: English, then by own name): [hreflang, href]. */
export const alternatesOf = (html: string): Array<[string, string]> =>
  [...html.matchAll(/<link rel="alternate" hreflang="([^"]+)" href="([^"]*)"/g)].map((m) => [m[1]!, decode(m[2]!)]);

describe('the language switch and the alternates', () => {
  let site: TestSite;
  before(async () => {
    site = await demoSite();
    // More people than one page holds, for /people?page=2.
    await storeArchive(site.storage, planArchive(12, 1));
  });
  after(async () => site?.stop());

  test('the sign-in form: each language\'s link sends the reader, once signed in, to that language\'s workspace', async () => {
    for (const next of ['%2Ffr%2Fadmin', '/fr/admin']) {
      const r = await http('GET', `${site.base}/fr/admin/login?next=${next}`);
      assert.equal(r.status, 200);
      assert.deepEqual(switchOf(r.body), {
        en: '/admin/login?next=%2Fadmin',
        ar: '/ar/admin/login?next=%2Far%2Fadmin',
        es: '/es/admin/login?next=%2Fes%2Fadmin',
        fr: '/fr/admin/login?next=%2Ffr%2Fadmin',
      });
    }
    // Deeper, with other parameters kept as they are, and from English.
    const deep = await http('GET', `${site.base}/admin/login?next=%2Fadmin%2Fevents%2F3%3Ftab%3Dmaterials&ended=1`);
    assert.deepEqual(switchOf(deep.body), {
      en: '/admin/login?next=%2Fadmin%2Fevents%2F3%3Ftab%3Dmaterials&ended=1',
      ar: '/ar/admin/login?next=%2Far%2Fadmin%2Fevents%2F3%3Ftab%3Dmaterials&ended=1',
      es: '/es/admin/login?next=%2Fes%2Fadmin%2Fevents%2F3%3Ftab%3Dmaterials&ended=1',
      fr: '/fr/admin/login?next=%2Ffr%2Fadmin%2Fevents%2F3%3Ftab%3Dmaterials&ended=1',
    });
    // Following the English link and signing in is tested by the form itself: its next is the English workspace.
    const english = await http('GET', `${site.base}/admin/login?next=%2Fadmin`);
    assert.match(english.body, /<input type="hidden" name="next" value="\/admin"/);
    // A next that is not a path of this site is left as it is (the form refuses it anyway).
    const away = await http('GET', `${site.base}/fr/admin/login?next=%2F%2Fevil.example%2F`);
    assert.equal(switchOf(away.body).en, '/admin/login?next=%2F%2Fevil.example%2F');
  });

  test('a search keeps its ?q= and a paged list its ?page=2 in the switch and the alternates', async () => {
    const cases: Array<[string, string]> = [
      ['/fr/search?q=migration', '/search?q=migration'],
      ['/fr/people?page=2', '/people?page=2'],
    ];
    for (const [path, own] of cases) {
      const r = await http('GET', `${site.base}${path}`);
      assert.equal(r.status, 200, path);
      assert.deepEqual(switchOf(r.body), { en: own, ar: `/ar${own}`, es: `/es${own}`, fr: `/fr${own}` }, path);
      assert.deepEqual(
        alternatesOf(r.body),
        [
          ['en', `${site.base}${own}`],
          ['es', `${site.base}/es${own}`],
          ['fr', `${site.base}/fr${own}`],
          ['ar', `${site.base}/ar${own}`],
          ['x-default', `${site.base}${own}`],
        ],
        path,
      );
    }
  });

  test('a search\'s switch and alternates name the search shown: its query, filters, page and size, encoded, and nothing else', async () => {
    // [address asked, the address of the search shown (without prefix)]
    const cases: Array<[string, string]> = [
      // Parameters in another order, the first of a repeated q (the one searched), an unknown parameter dropped.
      ['/fr/search?page=2&q=migration&utm_source=x&q=other', '/search?q=migration&page=2'],
      // A query with &, a space, quotes and < (encoded by URLSearchParams), filters in the facets' order.
      ['/es/search?lang=en&q=a%26b%20%22c%22%3C&kind=session', '/search?q=a%26b+%22c%22%3C&kind=session&lang=en'],
      // page=1 and the default size are the plain search; another size is kept.
      ['/ar/search?q=migration&page=1&perPage=20', '/search?q=migration'],
      ['/fr/search?q=migration&perPage=5&page=2', '/search?q=migration&page=2&perPage=5'],
      // Spaces around the query are not searched; a query of spaces is the empty search page.
      ['/fr/search?q=%20migration%20', '/search?q=migration'],
      ['/fr/search?q=%20%20', '/search'],
      ['/search?kind=person&q=migration', '/search?q=migration&kind=person'],
    ];
    for (const [path, own] of cases) {
      const r = await http('GET', `${site.base}${path}`);
      assert.equal(r.status, 200, path);
      assert.deepEqual(switchOf(r.body), { en: own, ar: `/ar${own}`, es: `/es${own}`, fr: `/fr${own}` }, path);
      assert.deepEqual(
        alternatesOf(r.body),
        [
          ['en', `${site.base}${own}`],
          ['es', `${site.base}/es${own}`],
          ['fr', `${site.base}/fr${own}`],
          ['ar', `${site.base}/ar${own}`],
          ['x-default', `${site.base}${own}`],
        ],
        path,
      );
      // The attribute as written: the encoded address with its & escaped; nothing of an unknown or repeated parameter.
      assert.ok(r.body.includes(`<link rel="alternate" hreflang="fr" href="${site.base}/fr${own.replace(/&/g, '&amp;')}"/>`), path);
      assert.doesNotMatch(r.body, /utm_source|q=other/, path);
      // A search is kept from search engines: it names no canonical address.
      assert.doesNotMatch(r.body, /rel="canonical"/, path);
    }
  });

  test('a page names its own address in its language as canonical, as its alternates name it; a page kept from search engines names none', async () => {
    const canonicalOf = (html: string) => [...html.matchAll(/<link rel="canonical" href="([^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
    const cases: Array<[string, string[]]> = [
      ['/fr/people?page=2&utm_source=x', [`${site.base}/fr/people?page=2`]],
      ['/es/people?page=1', [`${site.base}/es/people`]],
      ['/ar/events/idm-2017-new-york', [`${site.base}/ar/events/idm-2017-new-york`]],
      ['/events/idm-2017-new-york', [`${site.base}/events/idm-2017-new-york`]],
      ['/fr/', [`${site.base}/fr/`]],
      // The reader's zone, an error page, the sign-in: noindex, no canonical.
      ['/fr/events/idm-2017-new-york?tz=Asia/Tokyo', []],
      ['/fr/events/no-such-event', []],
      ['/fr/people?page=0', []],
      ['/fr/admin/login', []],
    ];
    for (const [path, expected] of cases) {
      const r = await http('GET', `${site.base}${path}`);
      assert.deepEqual(canonicalOf(r.body), expected, path);
      if (expected.length) assert.equal(alternatesOf(r.body).find(([l]) => l === languageOf(path))?.[1], expected[0], path);
    }
  });
});

const languageOf = (path: string) => /^\/(fr|es|ar)\//.exec(path)?.[1] ?? 'en';
