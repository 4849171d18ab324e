// The interface's languages in the URL (issue 13), through the running server on each engine:
// /fr/, /es/, /ar/ pages in their language with hreflang alternates and a switch that keeps the
// page, Accept-Language deciding only at the bare root, Arabic right to left, the cache keyed by the
// full address and dropped per event in every language, exports' words in the address's language,
// and the workspace under /fr/admin. Expected words are read from the catalogues, never typed here.
import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { describe, test } from 'node:test';
import { importAgenda } from '../src/operations/import-agenda.ts';
import type { Storage } from '../src/storage/storage.ts';
import { write } from '../src/storage/write.ts';
import { CATALOGUES } from '../src/web/i18n/messages.ts';
import { ENGINES } from './engines.ts';
import { agenda, person, session } from './factories.ts';
import { http, signedIn } from './http-client.ts';
import { demoSite } from './server.ts';
import { INTERFACE_LANGUAGES } from '../src/interface-languages.ts';

const EVENT = '/events/idm-2017-new-york';
const fr = CATALOGUES.fr as Record<string, string>;
const ar = CATALOGUES.ar as Record<string, string>;

/** Every href="…" and action="…" a page prints. */
const links = (html: string) => [...html.matchAll(/\s(?:href|action)="([^"]*)"/g)].map((m) => m[1]!);

async function eventId(storage: Storage, slug: string): Promise<number> {
  return (await storage.db.selectFrom('event').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
}

for (const engine of ENGINES) {
  describe(`interface languages on ${engine}`, () => {
    test('/fr/ pages are French, link in French, and link the same page in every language', async () => {
      const site = await demoSite(engine);
      try {
        const page = await http('GET', `${site.base}/fr${EVENT}`);
        assert.equal(page.status, 200);
        assert.ok(page.body.startsWith('<!DOCTYPE html><html lang="fr" dir="ltr">'));
        assert.ok(page.body.includes(`<h2 id="agenda">${fr['event.agenda']}</h2>`) || page.body.includes(`>${fr['event.agenda']}</h2>`), 'the agenda heading in French');
        // hreflang alternates: absolute, one per language and x-default, exactly; English first, then
        // the others by their own names (Español, Français, العربية: src/interface-languages.ts).
        const alternates = [...page.body.matchAll(/<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"\/?>/g)].map((m) => [m[1], m[2]]);
        assert.deepEqual(alternates, [
          ['en', `${site.base}${EVENT}`],
          ['es', `${site.base}/es${EVENT}`],
          ['fr', `${site.base}/fr${EVENT}`],
          ['ar', `${site.base}/ar${EVENT}`],
          ['x-default', `${site.base}${EVENT}`],
        ]);
        // The switch: each language's link to this page, marked with its own lang and hreflang.
        const nav = /<nav class="langs" aria-label="([^"]+)">(.*?)<\/nav>/.exec(page.body);
        assert.ok(nav, 'a language switch');
        assert.equal(nav[1], fr['nav.languages']);
        const switchLinks = [...nav[2]!.matchAll(/<a href="([^"]+)" lang="([^"]+)" hreflang="([^"]+)" dir="([^"]+)"( aria-current="true")?>([^<]+)<\/a>/g)].map((m) => ({ href: m[1], lang: m[2], hreflang: m[3], dir: m[4], current: !!m[5] }));
        assert.deepEqual(switchLinks, [
          { href: EVENT, lang: 'en', hreflang: 'en', dir: 'ltr', current: false },
          { href: `/es${EVENT}`, lang: 'es', hreflang: 'es', dir: 'ltr', current: false },
          { href: `/fr${EVENT}`, lang: 'fr', hreflang: 'fr', dir: 'ltr', current: true },
          { href: `/ar${EVENT}`, lang: 'ar', hreflang: 'ar', dir: 'rtl', current: false },
        ]);
        // Every other site link stays in French, but files and the API (the same in every language).
        const switchHrefs = new Set(switchLinks.map((l) => l.href));
        const local = links(page.body).filter((h) => h.startsWith('/') && !switchHrefs.has(h));
        assert.ok(local.length > 30);
        assert.deepEqual(local.filter((h) => !h.startsWith('/fr/') && !h.startsWith('/files/') && !h.startsWith('/api/')), []);
        assert.ok(local.includes('/fr/events/idm-2017-new-york/calendar.ics'));
        assert.ok(local.includes('/fr/people/william-lacy-swing'));

        // The home page under /fr/ and its bare form.
        const home = await http('GET', `${site.base}/fr/`);
        assert.equal(home.status, 200);
        assert.ok(home.body.includes('<html lang="fr" dir="ltr">'));
        const bare = await http('GET', `${site.base}/fr`);
        assert.equal(bare.status, 301);
        assert.equal(bare.location, '/fr/');
        // A list with pages keeps its page number across languages, and its pager stays French.
        const people = await http('GET', `${site.base}/es/people`);
        assert.ok(people.body.includes('<a href="/fr/people" lang="fr" hreflang="fr" dir="ltr">'));

        // Error pages in the language of the address.
        const missing = await http('GET', `${site.base}/fr/events/no-such-event`);
        assert.equal(missing.status, 404);
        assert.ok(missing.body.includes('<html lang="fr" dir="ltr">'));
        assert.ok(missing.body.includes(fr['error.notFound.title']!));
        const badPage = await http('GET', `${site.base}/fr/people?page=0`);
        assert.equal(badPage.status, 400);
        assert.ok(badPage.body.includes(fr['error.page.title']!));
      } finally {
        await site.stop();
      }
    });

    test('the event page stays under 14 KB gzipped in every language (one TCP initial window)', async () => {
      const site = await demoSite(engine);
      try {
        for (const l of INTERFACE_LANGUAGES) {
          const r = await http('GET', `${site.base}${l === 'en' ? '' : `/${l}`}${EVENT}`, { 'accept-encoding': 'gzip' });
          assert.equal(r.status, 200);
          assert.equal(r.headers['content-encoding'], 'gzip');
          assert.ok(r.bytes.length < 14336, `${l}: ${r.bytes.length} bytes gzipped`);
          assert.ok(gunzipSync(r.bytes).toString('utf8').includes(`<html lang="${l}"`));
        }
      } finally {
        await site.stop();
      }
    });

    test('Accept-Language decides at the bare root only', async () => {
      const site = await demoSite(engine);
      try {
        const french = await http('GET', `${site.base}/`, { 'accept-language': 'fr-CH, fr;q=0.9, en;q=0.8' });
        assert.equal(french.status, 302);
        assert.equal(french.location, '/fr/');
        assert.equal(french.headers.vary, 'accept-language');
        const arabic = await http('GET', `${site.base}/`, { 'accept-language': 'ar-EG,ar;q=0.9' });
        assert.equal(arabic.location, '/ar/');
        const spanishSecond = await http('GET', `${site.base}/`, { 'accept-language': 'de-DE, es;q=0.7, en;q=0.5' });
        assert.equal(spanishSecond.location, '/es/');
        // English first, a language we do not speak, or no header: the English home, from the cache too.
        for (const header of ['en-GB, fr;q=0.9', 'de-DE', undefined, 'en-GB, fr;q=0.9', 'de-DE', undefined]) {
          const r = await http('GET', `${site.base}/`, header ? { 'accept-language': header } : {});
          assert.equal(r.status, 200, `Accept-Language: ${header}`);
          assert.ok(r.body.includes('<html lang="en" dir="ltr">'));
          assert.equal(r.headers.vary, 'accept-language, accept-encoding');
        }
        assert.ok(site.server.cache.holds('/'));
        // Elsewhere the URL decides, whatever the browser prefers.
        const event = await http('GET', `${site.base}${EVENT}`, { 'accept-language': 'fr' });
        assert.equal(event.status, 200);
        assert.ok(event.body.includes('<html lang="en" dir="ltr">'));
        const frEvent = await http('GET', `${site.base}/fr${EVENT}`, { 'accept-language': 'en' });
        assert.ok(frEvent.body.includes('<html lang="fr" dir="ltr">'));
      } finally {
        await site.stop();
      }
    });

    test('/ar/ is right to left, its country names in Arabic', async () => {
      const site = await demoSite(engine);
      try {
        const home = await http('GET', `${site.base}/ar/`);
        assert.equal(home.status, 200);
        assert.ok(home.body.startsWith('<!DOCTYPE html><html lang="ar" dir="rtl">'));
        assert.ok(home.body.includes(`aria-label="${ar['nav.languages'] ?? 'Languages'}"`));
        const canada = await http('GET', `${site.base}/ar/countries/ca`);
        assert.equal(canada.status, 200);
        assert.ok(canada.body.includes('<h1>كندا</h1>'));
      } finally {
        await site.stop();
      }
    });

    test('each language is cached under its own address; a write drops one event in every language and keeps the others', async () => {
      const site = await demoSite(engine, { demo: false });
      try {
        const series = { slug: 's', title: 'Series' };
        await importAgenda(site.storage, agenda([{ date: '2024-03-30', sessions: [session({ title: 'Old panel', speakers: [person('Ana Lee')] })] }]), { series, event: { slug: 'one', title: 'Event one', timeZone: 'Europe/Zurich' } }, { publish: true });
        await importAgenda(site.storage, agenda([{ date: '2024-04-30', sessions: [session({ title: 'Other panel', speakers: [person('Ben Okafor')] })] }]), { series, event: { slug: 'two', title: 'Event two', timeZone: 'Europe/Zurich' } }, { publish: true });
        const paths = (slug: string) => INTERFACE_LANGUAGES.flatMap((l) => [`${l === 'en' ? '' : `/${l}`}/events/${slug}`, `${l === 'en' ? '' : `/${l}`}/events/${slug}/calendar.ics`]);
        const first = new Map<string, string>();
        for (const p of [...paths('one'), ...paths('two')]) {
          const r = await http('GET', `${site.base}${p}`);
          assert.equal(r.status, 200, p);
          first.set(p, r.body);
        }
        for (const p of [...paths('one'), ...paths('two')]) assert.ok(site.server.cache.holds(p), `held: ${p}`);
        // The French page is not the English one, and is answered from memory (the server's fast path).
        assert.notEqual(first.get('/fr/events/two'), first.get('/events/two'));
        const counted = site.server.cache.counters();
        const again = await http('GET', `${site.base}/fr/events/two`, { 'accept-encoding': 'gzip' });
        assert.equal(gunzipSync(again.bytes).toString('utf8'), first.get('/fr/events/two'));
        assert.deepEqual(site.server.cache.counters(), { hits: counted.hits + 1, misses: counted.misses });

        const one = await eventId(site.storage, 'one');
        await write(site.storage, async (trx, scope) => {
          await trx.updateTable('pub_event').set({ title: 'Event one, renamed' }).where('id', '=', one).execute();
          scope.event(one);
        });
        for (const p of paths('one')) assert.equal(site.server.cache.holds(p), false, `dropped: ${p}`);
        for (const p of paths('two')) assert.ok(site.server.cache.holds(p), `kept: ${p}`);
        for (const l of ['', '/fr', '/es', '/ar']) assert.ok((await http('GET', `${site.base}${l}/events/one`)).body.includes('Event one, renamed'), `${l || '/'} shows the write`);
      } finally {
        await site.stop();
      }
    });

    test('exports fetched under /fr/ speak French: calendar descriptions and participants headers', async () => {
      const site = await demoSite(engine);
      try {
        const ics = await http('GET', `${site.base}/fr${EVENT}/calendar.ics`);
        assert.equal(ics.status, 200);
        const text = ics.body.replace(/\r\n[ \t]/g, '');
        assert.ok(text.includes(`${fr['role.moderator']}${fr['punct.colon']}`.replace(/,/g, '\\,')), 'moderators named in French');
        assert.ok(!text.includes('Moderator: '), 'no English role word');
        assert.match(text, /PRODID:-\/\/Plenary\/\/Plenary\/\/FR/);
        const en = await http('GET', `${site.base}${EVENT}/calendar.ics`);
        assert.ok(en.body.replace(/\r\n[ \t]/g, '').includes('Moderator: '));

        const csv = await http('GET', `${site.base}/fr${EVENT}/participants.csv`);
        assert.equal(csv.status, 200);
        const header = csv.body.replace(/^\uFEFF/, '').split(/\r?\n/)[0]!;
        assert.ok(header.includes(fr['participants.column.name']!), header);
        assert.ok(header.includes(fr['participants.column.organization']!), header);
        assert.ok(!header.split(/[,;]/).includes('Name'), header);
      } finally {
        await site.stop();
      }
    });

    test('the workspace under /fr/admin: French pages, French links and redirects that stay in French', async () => {
      const site = await demoSite(engine);
      try {
        const anonymous = await http('GET', `${site.base}/fr/admin`);
        assert.equal(anonymous.status, 303);
        assert.equal(anonymous.location, '/fr/admin/login?next=%2Ffr%2Fadmin');
        const login = await http('GET', `${site.base}${anonymous.location}`);
        assert.equal(login.status, 200);
        assert.ok(login.body.includes('<html lang="fr" dir="ltr">'));
        assert.ok(login.body.includes('action="/fr/admin/login"'));

        const admin = await signedIn(site.storage, site.base, { email: 'admin@example.org', role: 'admin' });
        const dash = await admin.get('/fr/admin');
        assert.equal(dash.status, 200);
        assert.ok(dash.body.includes('<html lang="fr" dir="ltr">'));
        const local = links(dash.body).filter((h) => h.startsWith('/') && !/ hreflang=/.test(h));
        const adminLinks = local.filter((h) => h.includes('/admin'));
        assert.ok(adminLinks.length > 0);
        assert.deepEqual(adminLinks.filter((h) => !h.startsWith('/fr/admin') && !/^\/(es|ar)?\/?admin/.test(h)), []);
        const id = await eventId(site.storage, 'idm-2017-new-york');
        const form = await admin.get(`/fr/admin/events/${id}`);
        assert.equal(form.status, 200);
        assert.ok(form.body.includes(`action="/fr/admin/events/${id}"`), 'the form posts under /fr/admin');
        // Links and forms written in the route's own JSX too (the days and sessions of the event);
        // the language switch alone leads to the English workspace, and to the others in theirs.
        const switchLinks = [...form.body.matchAll(/<a href="([^"]*)" lang="([a-z]+)" hreflang="\2"/g)].map((m) => [m[2], m[1]]);
        assert.deepEqual(switchLinks, [['en', `/admin/events/${id}`], ['es', `/es/admin/events/${id}`], ['fr', `/fr/admin/events/${id}`], ['ar', `/ar/admin/events/${id}`]]);
        const withoutSwitch = form.body.replace(/<a href="[^"]*" lang="[a-z]+" hreflang="[a-z]+"/g, '');
        assert.deepEqual(links(withoutSwitch).filter((h) => /^\/admin\b/.test(h)), []);
        assert.ok(links(form.body).includes(`/fr/admin/sessions/1`));
        // A post's redirect stays in French: signing out leads to the French home.
        const out = await admin.post('/fr/admin/logout', {});
        assert.equal(out.status, 303);
        assert.equal(out.location, '/fr/');
      } finally {
        await site.stop();
      }
    });

    test("a speaker's page in the language its link carries, the switch keeping the token; the API's page in every language", async () => {
      const site = await demoSite(engine);
      try {
        const admin = await signedIn(site.storage, site.base, { email: 'admin@example.org', role: 'admin' });
        const appearance = (await site.storage.db.selectFrom('appearance').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
        const expires = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
        // The form offers the languages, the event's (English) chosen.
        const page = await admin.get(`/fr/admin/appearances/${appearance}`);
        assert.match(page.body, /<select id="f-link-lang" name="lang"><option value="en" lang="en" selected="">English<\/option><option value="es" lang="es">Español<\/option><option value="fr" lang="fr">Français<\/option><option value="ar" lang="ar">العربية<\/option><\/select>/);
        // Made from the French workspace for an Arabic-speaking speaker: /ar/speak/{token}, the e-mail in Arabic.
        const made = await admin.post(`/fr/admin/appearances/${appearance}/speaker-links`, { expires, lang: 'ar' });
        assert.equal(made.status, 200, made.body);
        const url = /id="f-link-url" type="text" readonly="" value="([^"]+)"/.exec(made.body)?.[1] ?? '';
        assert.match(url, new RegExp(`^${site.base}/ar/speak/[A-Za-z0-9_-]{43}$`));
        const token = url.slice(url.lastIndexOf('/') + 1);
        const mailto = /id="link-mail"|href="(mailto:[^"]+)"/.exec(made.body.slice(made.body.indexOf('mailto:') - 6))?.[1] ?? '';
        assert.ok(decodeURIComponent(mailto.replace(/&amp;/g, '&')).includes(`subject=${ar['speakerLink.mail.subject']!.replace('{event}', '')}`), mailto);
        // Without a choice, the event's language: English at the root.
        const plain = await admin.post(`/fr/admin/appearances/${appearance}/speaker-links`, { expires });
        assert.match(/id="f-link-url" type="text" readonly="" value="([^"]+)"/.exec(plain.body)?.[1] ?? '', new RegExp(`^${site.base}/speak/[A-Za-z0-9_-]{43}$`));

        const arabic = await http('GET', url);
        assert.equal(arabic.status, 200);
        assert.ok(arabic.body.startsWith('<!DOCTYPE html><html lang="ar" dir="rtl">'));
        assert.ok(arabic.body.includes(`<h2>${ar['speakerLink.session']}</h2>`));
        assert.ok(arabic.body.includes(`action="/ar/speak/${token}/materials"`));
        assert.ok(arabic.body.includes(`action="/ar/speak/${token}/correction"`));
        const nav = /<nav class="langs" aria-label="[^"]+">(.*?)<\/nav>/.exec(arabic.body)?.[1] ?? '';
        assert.deepEqual([...nav.matchAll(/<a href="([^"]+)"/g)].map((m) => m[1]), [`/speak/${token}`, `/es/speak/${token}`, `/fr/speak/${token}`, `/ar/speak/${token}`]);
        assert.doesNotMatch(arabic.body, /rel="alternate"/, 'no alternates for a page that carries a token');
        const english = await http('GET', `${site.base}/speak/${token}`);
        assert.ok(english.body.startsWith('<!DOCTYPE html><html lang="en" dir="ltr">'));
        const french = await http('GET', `${site.base}/fr/speak/${token}`);
        assert.ok(french.body.includes(`<h2>${fr['speakerLink.session']}</h2>`));
        assert.equal((await http('GET', `${site.base}/fr/speak/${'A'.repeat(43)}`)).status, 404);

        // The API's page: /api, /fr/api, /es/api, /ar/api, each in its language; the endpoints stay at /api/….
        for (const lang of INTERFACE_LANGUAGES) {
          const prefix = lang === 'en' ? '' : `/${lang}`;
          const api = await http('GET', `${site.base}${prefix}/api`);
          assert.equal(api.status, 200, `${prefix}/api`);
          assert.ok(api.body.startsWith(`<!DOCTYPE html><html lang="${lang}" dir="${lang === 'ar' ? 'rtl' : 'ltr'}">`));
          assert.ok(api.body.includes(`<h1>${(CATALOGUES[lang] as Record<string, string>)['api.title']}</h1>`));
          assert.ok(api.body.includes(`<link rel="alternate" hreflang="fr" href="${site.base}/fr/api"/>`));
          assert.ok(api.body.includes('href="/api/openapi.json"'));
        }
      } finally {
        await site.stop();
      }
    });
  });
}
