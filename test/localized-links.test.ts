// Links stay in the reader's language (issue 13), over HTTP through a running server on the demo archive:
// - a crawl of every page reachable from /fr/, /es/ and /ar/ (public pages, signed out): every site link a page
//   prints (href, action, src, data-*; absolute ones and those in its JSON-LD too) is under the page's prefix, but
//   for the language switch and the hreflang alternates (which name the other languages on purpose) and what is
//   the same in every language (/files/…, the API's /api/…, scripts);
// - every export served under a prefix links that language's pages: frab XML and JSON (the conference's, each
//   session's and each person's page; base_url stays the site's root, guids unchanged), the event page's JSON-LD
//   (urls in the page's language, @ids the same URNs in every language), the changes' Atom feed, the calendars
//   (URL and the sessions' links; ATTENDEE and ORGANIZER, which name people rather than lead to a page, unchanged);
// - the JSON API read with ?lang= gives each public page's `url` in that language, its `apiUrl`s unchanged.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { planArchive, storeArchive } from '../src/operations/demo-archive.ts';
import { ENGINES } from './engines.ts';
import { http, signedIn } from './http-client.ts';
import { demoSite, type TestSite } from './server.ts';

const EVENT = '/events/idm-2017-new-york';
const LANGS = ['fr', 'es', 'ar'] as const;

/** Addresses that are the same in every language. */
const NEUTRAL = /^\/(?:files\/|api\/|[\w-]+\.js$)/;

const unescape = (s: string) => s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'");

/** The page without what names the other languages on purpose: the switch and the alternates. */
const withoutLanguageLinks = (html: string) => html.replace(/<nav class="langs"[\s\S]*?<\/nav>/, '').replace(/<link rel="alternate" hreflang="[^"]*" href="[^"]*"\/?>/g, '');

/** Every site address a page prints: attributes (relative or absolute) and absolute ones anywhere (its JSON-LD). */
function siteLinks(html: string, base: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/\s(?:href|action|src|data-[a-z-]+)="([^"]*)"/g)) {
    const v = unescape(m[1]!);
    if (v.startsWith(base)) out.push(v.slice(base.length) || '/');
    else if (v.startsWith('/') && !v.startsWith('//')) out.push(v);
  }
  for (const m of html.matchAll(new RegExp(`${base.replace(/[.:/]/g, '\\$&')}(/[^"'<>\\s\\\\]*)`, 'g'))) out.push(unescape(m[1]!));
  return out;
}

/** The absolute site addresses in a text export, without the base. */
const absolute = (text: string, base: string) => [...new Set([...text.matchAll(new RegExp(`${base.replace(/[.:/]/g, '\\$&')}(/[^"'<>\\s\\\\,;]*)`, 'g'))].map((m) => m[1]!))];

for (const engine of ENGINES) {
  describe(`links in the reader's language on ${engine}`, () => {
    let site: TestSite;
    before(async () => {
      site = await demoSite(engine);
      // A second page of people (a pager) and more events, series and organizations to walk.
      await storeArchive(site.storage, planArchive(12, 1));
    });
    after(async () => site?.stop());

    for (const lang of LANGS) {
      test(`every page reachable from /${lang}/ links /${lang}/ pages only (but the switch, the alternates, files, the API, scripts)`, async () => {
        const prefix = `/${lang}/`;
        const seen = new Set<string>([prefix]);
        const queue = [prefix];
        const wrong: string[] = [];
        let pages = 0;
        while (queue.length) {
          const path = queue.shift()!;
          const r = await http('GET', `${site.base}${path}`);
          if (!String(r.headers['content-type']).startsWith('text/html')) continue;
          assert.equal(r.status, 200, path);
          pages++;
          for (const link of siteLinks(withoutLanguageLinks(r.body), site.base)) {
            const bare = link.split('#')[0]!;
            if (NEUTRAL.test(bare)) continue;
            if (!link.startsWith(prefix)) {
              wrong.push(`${path} → ${link}`);
              continue;
            }
            // Follow pages (not the workspace, which asks to sign in; not downloads, checked below).
            if (!bare || seen.has(bare) || bare.startsWith(`${prefix}admin`) || /\.(?:ics|xml|json|csv|xlsx|atom|pdf)$/.test(bare.split('?')[0]!)) continue;
            seen.add(bare);
            queue.push(bare);
          }
        }
        assert.deepEqual([...new Set(wrong)], [], `links out of /${lang}/ (${pages} pages walked)`);
        // The walk reached the lists, their second pages, the people, the events, the exports' pages and search.
        assert.ok(pages > 100, `${pages} pages`);
        for (const p of [`${prefix}people?page=2`, `${prefix}people/william-lacy-swing`, `${prefix}events/idm-2017-new-york`, `${prefix}organizations`, `${prefix}countries`, `${prefix}series/international-dialogue-on-migration/representation`, `${prefix}search`]) {
          assert.ok(seen.has(p), `${p} reached`);
        }
      });
    }

    test('every workspace page reachable from /fr/admin (signed in) links /fr/ pages only', async () => {
      // Links built in a route handler are made before the render sets the page's place: href() there gives the English
      // address (the public event page and its changelog were linked so from the event's and the publish page).
      const admin = await signedIn(site.storage, site.base, { email: 'crawl@example.org', role: 'admin' });
      const prefix = '/fr/';
      const seen = new Set<string>(['/fr/admin']);
      const queue = ['/fr/admin'];
      const wrong: string[] = [];
      let pages = 0;
      while (queue.length) {
        const path = queue.shift()!;
        const r = await admin.get(path);
        if (r.status !== 200 || !String(r.headers['content-type']).startsWith('text/html')) continue;
        pages++;
        for (const link of siteLinks(withoutLanguageLinks(r.body), site.base)) {
          const bare = link.split('#')[0]!;
          // Scripts (/admin/suggest.js too) are the same in every language.
          if (NEUTRAL.test(bare) || /^\/admin\/[\w-]+\.js$/.test(bare)) continue;
          if (!link.startsWith(prefix)) {
            wrong.push(`${path} → ${link}`);
            continue;
          }
          // GET pages of the workspace only (no sign-out, no downloads).
          if (!bare.startsWith('/fr/admin') || seen.has(bare) || /logout|\.(?:ics|xml|json|csv|xlsx|atom|pdf|zip)$/.test(bare.split('?')[0]!)) continue;
          seen.add(bare);
          queue.push(bare);
        }
      }
      assert.deepEqual([...new Set(wrong)], [], `links out of /fr/ in the workspace (${pages} pages walked)`);
      assert.ok(pages > 100, `${pages} pages`);
    });

    test('an old address under a prefix answers 301 to the new one under the same prefix', async () => {
      const person = await site.storage.db.selectFrom('person').select('id').where('slug', '=', 'william-lacy-swing').executeTakeFirstOrThrow();
      await site.storage.db.insertInto('slug_redirect').values({ entity: 'person', slug: 'w-l-swing', target_id: person.id, created_at: '2026-01-01T00:00:00Z' }).execute();
      const cases: Array<[string, string]> = [
        ['/people/w-l-swing', '/people/william-lacy-swing'],
        ['/fr/people/w-l-swing', '/fr/people/william-lacy-swing'],
        ['/ar/people/w-l-swing/calendar.ics?x=1', '/ar/people/william-lacy-swing/calendar.ics?x=1'],
        ['/es/people/w-l-swing?page=2', '/es/people/william-lacy-swing?page=2'],
        ['/api/people/w-l-swing?lang=fr', '/api/people/william-lacy-swing?lang=fr'],
      ];
      for (const [from, to] of cases) {
        const r = await http('GET', `${site.base}${from}`);
        assert.deepEqual([r.status, r.location], [301, to], from);
      }
      // The API has no prefixed addresses: /fr/api/… stays a 404.
      assert.equal((await http('GET', `${site.base}/fr/api/people/w-l-swing`)).status, 404);
    });

    test('frab XML and JSON under /fr/ link the French pages; base_url and guids stay', async () => {
      const b = site.base;
      const en = JSON.parse((await http('GET', `${b}${EVENT}/schedule.json`)).body);
      const fr = JSON.parse((await http('GET', `${b}/fr${EVENT}/schedule.json`)).body);
      const s = fr.schedule;
      assert.equal(s.base_url, `${b}/`);
      assert.equal(s.conference.url, `${b}/fr${EVENT}`);
      const first = s.conference.days[0].rooms[Object.keys(s.conference.days[0].rooms)[0]!][0];
      assert.equal(first.url, `${b}/fr${EVENT}#session-1`);
      assert.equal(first.persons[0].url, `${b}/fr/people/${first.persons[0].url.split('/people/')[1]}`);
      // The same sessions and people as in English: guids unchanged, only the pages' language.
      const enFirst = en.schedule.conference.days[0].rooms[Object.keys(en.schedule.conference.days[0].rooms)[0]!][0];
      assert.equal(first.guid, enFirst.guid);
      assert.equal(first.persons[0].guid, enFirst.persons[0].guid);
      assert.equal(enFirst.url, `${b}${EVENT}#session-1`);
      assert.equal(first.persons[0].url.replace('/fr/', '/'), enFirst.persons[0].url);
      // Every site address in it is French, but the root (base_url) and files.
      for (const [path, lang] of [[`/fr${EVENT}/schedule.json`, 'fr'], [`/ar${EVENT}/schedule.xml`, 'ar'], [`/es${EVENT}/schedule.xml`, 'es']] as const) {
        const text = (await http('GET', `${b}${path}`)).body;
        const urls = absolute(text, b);
        assert.ok(urls.some((u) => u.startsWith(`/${lang}/people/`)) || path.endsWith('.xml'), path);
        assert.ok(urls.some((u) => u.startsWith(`/${lang}${EVENT}#session-`)), path);
        assert.deepEqual(urls.filter((u) => u !== '/' && !u.startsWith(`/${lang}/`) && !u.startsWith('/files/')), [], path);
      }
      const xml = (await http('GET', `${b}/ar${EVENT}/schedule.xml`)).body;
      assert.match(xml, new RegExp(`<url>${b.replace(/[.:/]/g, '\\$&')}/ar${EVENT}/schedule\\.xml</url>`));
      assert.match(xml, new RegExp(`<base_url>${b.replace(/[.:/]/g, '\\$&')}/</base_url>`));
    });

    test('the event page\'s JSON-LD links the page\'s language; its @ids are the same in every language', async () => {
      const ld = async (prefix: string) => JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec((await http('GET', `${site.base}${prefix}${EVENT}`)).body)![1]!);
      const en = await ld('');
      const ar = await ld('/ar');
      const b = site.base;
      assert.equal(ar.url, `${b}/ar${EVENT}`);
      assert.equal(ar.superEvent.url, `${b}/ar/series/international-dialogue-on-migration`);
      assert.equal(ar.organizer.url, `${b}/ar/organizations/international-organization-for-migration`);
      assert.equal(ar.subEvent[0].url, `${b}/ar${EVENT}#session-1`);
      assert.equal(ar['@id'], en['@id']);
      assert.equal(ar.subEvent[0]['@id'], en.subEvent[0]['@id']);
      assert.equal(en.url, `${b}${EVENT}`);
      const urls = absolute(JSON.stringify(ar), b);
      assert.ok(urls.some((u) => u.startsWith('/ar/people/')));
      assert.deepEqual(urls.filter((u) => !u.startsWith('/ar/') && !u.startsWith('/files/')), []);
    });

    test('the changes\' Atom feed under /es/ links the Spanish changelog', async () => {
      const b = site.base;
      const atom = (await http('GET', `${b}/es${EVENT}/changes.atom`)).body;
      assert.deepEqual(absolute(atom, b).sort(), [`/es${EVENT}/changes`, `/es${EVENT}/changes#release-1`, `/es${EVENT}/changes.atom`]);
      assert.match(atom, /<id>urn:uuid:[0-9a-f-]+<\/id>/);
      const en = (await http('GET', `${b}${EVENT}/changes.atom`)).body;
      assert.deepEqual(absolute(en, b).sort(), [`${EVENT}/changes`, `${EVENT}/changes#release-1`, `${EVENT}/changes.atom`]);
    });

    test('calendars under /fr/ link French pages; ATTENDEE and ORGANIZER name people and organizations as in English', async () => {
      const b = site.base;
      for (const path of [`/fr${EVENT}/calendar.ics`, `/fr${EVENT}/sessions/1/calendar.ics`, '/fr/people/william-lacy-swing/calendar.ics']) {
        const ics = (await http('GET', `${b}${path}`)).body.replace(/\r\n[ \t]/g, '');
        const lines = ics.split('\r\n');
        const named = lines.filter((l) => /^(?:ATTENDEE|ORGANIZER)[;:]/.test(l));
        const others = absolute(lines.filter((l) => !/^(?:ATTENDEE|ORGANIZER)[;:]/.test(l)).join('\n'), b);
        assert.ok(others.length > 0, path);
        assert.deepEqual(others.filter((u) => !u.startsWith('/fr/') && !u.startsWith('/files/')), [], path);
        assert.deepEqual(absolute(named.join('\n'), b).filter((u) => u.startsWith('/fr/')), [], path);
      }
    });

    test('the API read in a language gives its pages there and its own addresses as they are', async () => {
      const b = site.base;
      const get = async (path: string) => JSON.parse((await http('GET', `${b}${path}`)).body);
      const fr = await get(`/api${EVENT}?lang=fr`);
      assert.equal(fr.url, `${b}/fr${EVENT}`);
      assert.equal(fr.apiUrl, `${b}/api${EVENT}`);
      assert.equal(fr.series.url, `${b}/fr/series/international-dialogue-on-migration`);
      const appearance = fr.days[0].sessions[0].appearances[0];
      assert.equal(appearance.person.url, `${b}/fr/people/${appearance.person.slug}`);
      assert.equal(appearance.person.apiUrl, `${b}/api/people/${appearance.person.slug}`);
      const en = await get(`/api${EVENT}`);
      assert.equal(en.url, `${b}${EVENT}`);
      assert.equal(en.days[0].sessions[0].appearances[0].person.url, `${b}/people/${appearance.person.slug}`);
      // Search: the results' pages as its facets' search pages, in the language read in.
      const ar = await get('/api/search?q=migration&lang=ar');
      assert.ok(ar.results.length > 0);
      assert.deepEqual(ar.results.filter((r: { url: string }) => !r.url.startsWith(`${b}/ar/`) && !r.url.startsWith(`${b}/files/`)), []);
      // Every `url` of these answers is the language's page (or a file); every apiUrl the API's.
      for (const [path, lang] of [[`/api/people/william-lacy-swing?lang=es`, 'es'], ['/api/series?lang=ar', 'ar'], ['/api/organizations?lang=fr', 'fr'], ['/api/countries?lang=es', 'es']] as const) {
        const text = (await http('GET', `${b}${path}`)).body;
        const urls = [...text.matchAll(/"(url|apiUrl)":"([^"]*)"/g)].map((m) => [m[1]!, m[2]!.slice(b.length)] as const);
        assert.ok(urls.length > 0, path);
        assert.deepEqual(urls.filter(([k, u]) => (k === 'url' ? !u.startsWith(`/${lang}/`) && !u.startsWith('/files/') : !u.startsWith('/api/'))), [], path);
      }
    });
  });
}
