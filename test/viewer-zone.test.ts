// The reader's own time zone on the event page (issue 13), through HTTP on the running server:
// a New York event read from Zurich in the weeks around the two zones' daylight-saving changes
// (the US moves on the second Sunday of March, Europe on the last), from Kathmandu (+05:45) and
// from Tokyo (past midnight); the choice kept in a cookie that leaves everyone else's page as it is.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseDocument, DomUtils } from 'htmlparser2';
import { importAgenda } from '../src/operations/import-agenda.ts';
import { ENGINES } from './engines.ts';
import { agenda, session, TARGET } from './factories.ts';
import { demoSite, type TestSite } from './server.ts';

const EVENT = '/events/test-event';
const NY = { ...TARGET, event: { ...TARGET.event, timeZone: 'America/New_York' } };

async function site(engine: (typeof ENGINES)[number]): Promise<TestSite> {
  const s = await demoSite(engine, { demo: false });
  await importAgenda(
    s.storage,
    agenda([
      // 5 March: both zones in standard time (6 hours apart); 12 March: New York in daylight time
      // since the 10th, Zurich not until the 31st (5 hours); 2 April: both in summer time (6 hours).
      { date: '2024-03-05', sessions: [session({ title: 'Before either change', start: '10:00', end: '11:00' })] },
      { date: '2024-03-12', sessions: [session({ title: 'Between the changes', start: '10:00', end: '11:00' })] },
      { date: '2024-04-02', sessions: [session({ title: 'After both changes', start: '10:00', end: '11:00' })] },
    ]),
    NY,
    { publish: true },
  );
  return s;
}

type Got = { status: number; body: string; headers: Headers };
async function get(base: string, path: string, headers: Record<string, string> = {}): Promise<Got> {
  const res = await fetch(base + path, { headers });
  return { status: res.status, body: await res.text(), headers: res.headers };
}

const text = (n: Parameters<typeof DomUtils.textContent>[0]) => DomUtils.textContent(n).replace(/\s+/g, ' ').trim();
/** Each session's time slot and each day's note on time zones, as read. */
function times(html: string): { slots: string[]; notes: string[]; datetimes: string[] } {
  const doc = parseDocument(html);
  const slots = DomUtils.findAll((e) => e.name === 'p' && e.attribs.class === 'slot', doc.children);
  return {
    slots: slots.map(text),
    notes: DomUtils.findAll((e) => e.name === 'p' && e.attribs.class === 'tz', doc.children).map(text),
    datetimes: slots.flatMap((s) => DomUtils.findAll((e) => e.name === 'time', [s]).map((t) => t.attribs.datetime!)),
  };
}

const COOKIE = 'plenary_tz=Europe%2FZurich; Max-Age=31536000; Path=/; SameSite=Lax; HttpOnly';

for (const engine of ENGINES) {
  describe(`the reader's time zone on ${engine}`, () => {
    test('a New York event read from Zurich: 6, 5 and 6 hours apart around the two changes, both times labelled; the choice kept in a cookie', async () => {
      const s = await site(engine);
      try {
        const shared = await get(s.base, EVENT);
        assert.equal(shared.status, 200);
        assert.deepEqual(times(shared.body), {
          slots: ['10:00–11:00', '10:00–11:00', '10:00–11:00'],
          notes: [
            'Times are given in the venue’s time zone: Eastern Time (UTC−05:00).',
            'Times are given in the venue’s time zone: Eastern Time (UTC−04:00).',
            'Times are given in the venue’s time zone: Eastern Time (UTC−04:00).',
          ],
          datetimes: ['2024-03-05T10:00:00-05:00', '2024-03-05T11:00:00-05:00', '2024-03-12T10:00:00-04:00', '2024-03-12T11:00:00-04:00', '2024-04-02T10:00:00-04:00', '2024-04-02T11:00:00-04:00'],
        });
        assert.ok(shared.body.includes(`<a href="${EVENT}/time-zone" data-event-path="${EVENT}" data-venue-zone="America/New_York" data-detected-label="Show the times in {zone} too" data-locale="en">Show the times in your time zone too</a>`));
        assert.equal(shared.headers.get('set-cookie'), null);

        const zurich = await get(s.base, `${EVENT}?tz=Europe/Zurich`);
        assert.equal(zurich.status, 200);
        assert.equal(zurich.headers.get('set-cookie'), COOKIE);
        assert.equal(zurich.headers.get('cache-control'), 'private, no-cache');
        assert.deepEqual(times(zurich.body), {
          slots: ['10:00–11:00 Eastern Time16:00–17:00 Central European Time', '10:00–11:00 Eastern Time15:00–16:00 Central European Time', '10:00–11:00 Eastern Time16:00–17:00 Central European Time'],
          notes: [
            'Times are given in the venue’s time zone: Eastern Time (UTC−05:00). Also in your time zone: Central European Time (UTC+01:00).',
            'Times are given in the venue’s time zone: Eastern Time (UTC−04:00). Also in your time zone: Central European Time (UTC+01:00).',
            'Times are given in the venue’s time zone: Eastern Time (UTC−04:00). Also in your time zone: Central European Time (UTC+02:00).',
          ],
          datetimes: [
            '2024-03-05T10:00:00-05:00', '2024-03-05T11:00:00-05:00', '2024-03-05T16:00:00+01:00', '2024-03-05T17:00:00+01:00',
            '2024-03-12T10:00:00-04:00', '2024-03-12T11:00:00-04:00', '2024-03-12T15:00:00+01:00', '2024-03-12T16:00:00+01:00',
            '2024-04-02T10:00:00-04:00', '2024-04-02T11:00:00-04:00', '2024-04-02T16:00:00+02:00', '2024-04-02T17:00:00+02:00',
          ],
        });
        assert.ok(zurich.body.includes('<p class="tz-choice">Times are also shown in Central European Time. <a href="/events/test-event/time-zone"'));
        // Search engines keep the shared page; a reader's copy says noindex.
        assert.ok(zurich.body.includes('<meta name="robots" content="noindex"/>'));
        assert.ok(!shared.body.includes('name="robots"'));

        // The cookie alone brings the same page at the bare address (past the server's fast path).
        const remembered = await get(s.base, EVENT, { cookie: 'other=1; plenary_tz=Europe%2FZurich' });
        assert.equal(remembered.body, zurich.body);
        assert.equal(remembered.headers.get('etag'), zurich.headers.get('etag'));
        assert.equal(remembered.headers.get('set-cookie'), null);

        // ?tz= with no zone forgets it; a name Intl does not know is ignored.
        const forget = await get(s.base, `${EVENT}?tz=`, { cookie: 'plenary_tz=Europe%2FZurich' });
        assert.equal(forget.headers.get('set-cookie'), 'plenary_tz=; Max-Age=0; Path=/; SameSite=Lax; HttpOnly');
        assert.equal(forget.body, shared.body);
        const unknown = await get(s.base, `${EVENT}?tz=Mars/Olympus_Mons`);
        assert.equal(unknown.body, shared.body);
        assert.equal(unknown.headers.get('set-cookie'), null);
      } finally {
        await s.stop();
      }
    });

    test('Kathmandu (+05:45) and Tokyo (past midnight, with the date)', async () => {
      const s = await site(engine);
      try {
        assert.deepEqual(times((await get(s.base, `${EVENT}?tz=Asia/Kathmandu`)).body).slots, [
          '10:00–11:00 Eastern Time20:45–21:45 Nepal Time',
          '10:00–11:00 Eastern Time19:45–20:45 Nepal Time',
          '10:00–11:00 Eastern Time19:45–20:45 Nepal Time',
        ]);
        assert.deepEqual(times((await get(s.base, `${EVENT}?tz=Asia/Tokyo`)).body).slots, [
          '10:00–11:00 Eastern Time00:00 (March 6)–01:00 Japan Standard Time',
          '10:00–11:00 Eastern Time23:00–00:00 (March 13) Japan Standard Time',
          '10:00–11:00 Eastern Time23:00–00:00 (April 3) Japan Standard Time',
        ]);
        // The venue's own zone shows the page as everyone sees it.
        assert.deepEqual(times((await get(s.base, `${EVENT}?tz=America/New_York`)).body).slots, ['10:00–11:00', '10:00–11:00', '10:00–11:00']);
      } finally {
        await s.stop();
      }
    });

    test("zones named in the reader's language (Intl's generic names): French, Spanish and Arabic pages, the cookie, the form's options; the shared pages unsplit", async () => {
      const s = await site(engine);
      try {
        const sharedFr = await get(s.base, `/fr${EVENT}`);
        assert.deepEqual(times(sharedFr.body).notes, [
          'Les heures sont indiquées dans le fuseau horaire du lieu : heure de l’Est nord-américain (UTC−05:00).',
          'Les heures sont indiquées dans le fuseau horaire du lieu : heure de l’Est nord-américain (UTC−04:00).',
          'Les heures sont indiquées dans le fuseau horaire du lieu : heure de l’Est nord-américain (UTC−04:00).',
        ]);
        const fr = await get(s.base, `/fr${EVENT}?tz=Europe/Zurich`);
        assert.equal(fr.headers.get('cache-control'), 'private, no-cache');
        assert.deepEqual(times(fr.body).slots, [
          '10:00–11:00 heure de l’Est nord-américain16:00–17:00 heure d’Europe centrale',
          '10:00–11:00 heure de l’Est nord-américain15:00–16:00 heure d’Europe centrale',
          '10:00–11:00 heure de l’Est nord-américain16:00–17:00 heure d’Europe centrale',
        ]);
        assert.equal(times(fr.body).notes[1], 'Les heures sont indiquées dans le fuseau horaire du lieu : heure de l’Est nord-américain (UTC−04:00). Également dans votre fuseau horaire : heure d’Europe centrale (UTC+01:00).');
        assert.ok(fr.body.includes('<p class="tz-choice">Les heures sont aussi indiquées en heure d’Europe centrale. <a href="/fr/events/test-event/time-zone"'), fr.body);
        // The cookie (set on the English page) brings the French page in French.
        const remembered = await get(s.base, `/fr${EVENT}`, { cookie: 'plenary_tz=Europe%2FZurich' });
        assert.equal(remembered.body, fr.body);

        const es = await get(s.base, `/es${EVENT}?tz=Asia/Tokyo`);
        assert.deepEqual(times(es.body).slots, [
          '10:00–11:00 hora oriental00:00 (6 de marzo)–01:00 hora estándar de Japón',
          '10:00–11:00 hora oriental23:00–00:00 (13 de marzo) hora estándar de Japón',
          '10:00–11:00 hora oriental23:00–00:00 (3 de abril) hora estándar de Japón',
        ]);
        assert.equal(times(es.body).notes[0], 'Las horas se indican en el huso horario del lugar: hora oriental (UTC−05:00). También en su huso horario: hora estándar de Japón (UTC+09:00).');

        const ar = await get(s.base, `/ar${EVENT}?tz=Europe/Zurich`);
        assert.deepEqual(times(ar.body).slots[0], '10:00–11:00 التوقيت الشرقي لأمريكا الشمالية16:00–17:00 توقيت وسط أوروبا');
        assert.equal(times(ar.body).notes[2], 'الأوقات مبيّنة بالمنطقة الزمنية لمكان الانعقاد: التوقيت الشرقي لأمريكا الشمالية (UTC−04:00). وبمنطقتك الزمنية أيضًا: توقيت وسط أوروبا (UTC+02:00).');
        assert.ok(ar.body.includes('<p class="tz-choice">الأوقات معروضة أيضًا حسب توقيت وسط أوروبا. <a'));
        // UTC chosen: named, never "GMT+00:00".
        assert.equal(times((await get(s.base, `/fr${EVENT}?tz=UTC`)).body).slots[0], '10:00–11:00 heure de l’Est nord-américain15:00–16:00 temps universel coordonné');

        // The form: the venue's zone named in the intro, regions and zones in the reader's language.
        const form = parseDocument((await get(s.base, `/fr${EVENT}/time-zone`)).body);
        const intro = DomUtils.findAll((e) => e.name === 'p', form.children).map(text).find((x) => x.startsWith('Le programme'));
        assert.equal(intro, 'Le programme de Test event indique les heures dans le fuseau horaire du lieu, heure de l’Est nord-américain. Choisissez le vôtre pour voir l’heure de chaque séance dans les deux fuseaux ; votre choix est conservé sur cet appareil.');
        const groups = DomUtils.findAll((e) => e.name === 'optgroup', form.children);
        assert.deepEqual(groups.map((g) => g.attribs.label), ['Afrique', 'Amériques', 'Antarctique', 'Arctique', 'Asie', 'Océan Atlantique', 'Australie', 'Europe', 'Océan Indien', 'Pacifique', 'Temps universel coordonné']);
        const option = (zone: string) => text(DomUtils.findOne((e) => e.name === 'option' && e.attribs.value === zone, form.children)!);
        assert.equal(option('America/New_York'), 'New York — heure de l’Est nord-américain');
        assert.equal(option('Europe/Zurich'), 'Zurich — heure d’Europe centrale');
        assert.equal(option('America/Argentina/Buenos_Aires'), 'Argentina/Buenos Aires — heure normale d’Argentine');
        assert.equal(option('UTC'), 'temps universel coordonné');

        // Each language's shared page is still one entry, answered from memory with its ETag.
        const before = s.server.cache.counters().hits;
        const again = await get(s.base, `/fr${EVENT}`);
        assert.equal(again.body, sharedFr.body);
        assert.equal(again.headers.get('etag'), sharedFr.headers.get('etag'));
        assert.equal(s.server.cache.counters().hits, before + 1);
        assert.deepEqual(
          s.server.cache.entries().map((e) => e.key).filter((k) => k.startsWith(`/fr${EVENT}`)).sort(),
          [`/fr${EVENT}`, `/fr${EVENT}/time-zone`, `/fr${EVENT}?tz=Europe/Zurich`, `/fr${EVENT}?tz=UTC`].sort(),
        );
      } finally {
        await s.stop();
      }
    });

    test("the shared page stays one cache entry with the same ETag and bytes after others chose zones; each zone's page is kept under its own key", async () => {
      const s = await site(engine);
      try {
        const first = await get(s.base, EVENT);
        const etag = first.headers.get('etag')!;
        for (const zone of ['Europe/Zurich', 'Asia/Kathmandu', 'Asia/Tokyo']) {
          assert.equal((await get(s.base, `${EVENT}?tz=${zone}`)).status, 200);
          assert.equal((await get(s.base, EVENT, { cookie: `plenary_tz=${encodeURIComponent(zone)}` })).status, 200);
        }
        const before = s.server.cache.counters().hits;
        const again = await get(s.base, EVENT);
        assert.equal(again.headers.get('etag'), etag);
        assert.equal(again.body, first.body);
        assert.equal(s.server.cache.counters().hits, before + 1, 'answered from the cache');
        assert.equal((await fetch(s.base + EVENT, { headers: { 'if-none-match': etag } })).status, 304);
        assert.deepEqual(
          s.server.cache.entries().map((e) => e.key).filter((k) => k.startsWith(EVENT)).sort(),
          [EVENT, `${EVENT}?tz=Asia/Kathmandu`, `${EVENT}?tz=Asia/Tokyo`, `${EVENT}?tz=Europe/Zurich`],
        );
      } finally {
        await s.stop();
      }
    });

    test('the form works without JavaScript (GET, a select of IANA zones); the script is served from the site and allowed by the CSP', async () => {
      const s = await site(engine);
      try {
        const form = await get(s.base, `${EVENT}/time-zone`);
        assert.equal(form.status, 200);
        assert.match(form.headers.get('content-security-policy')!, /script-src 'self'/);
        const doc = parseDocument(form.body);
        const f = DomUtils.findOne((e) => e.name === 'form' && DomUtils.findOne((x) => x.name === 'select', [e]) !== null, doc.children)!;
        assert.deepEqual([f.attribs.method, f.attribs.action], ['get', EVENT]);
        const select = DomUtils.findOne((e) => e.name === 'select' && e.attribs.name === 'tz', doc.children)!;
        const values = DomUtils.findAll((e) => e.name === 'option', [select]).map((o) => o.attribs.value);
        assert.equal(values[0], '');
        // Intl's zones under the tz database's current names (ICU still says Asia/Katmandu, Asia/Calcutta), and UTC.
        assert.equal(values.length, 1 + Intl.supportedValuesOf('timeZone').length + 1);
        for (const z of ['Europe/Zurich', 'Asia/Kathmandu', 'Asia/Kolkata', 'Europe/Kyiv', 'America/New_York', 'Australia/Adelaide', 'UTC']) assert.ok(values.includes(z), z);
        for (const z of ['Asia/Katmandu', 'Asia/Calcutta']) assert.ok(!values.includes(z), z);
        assert.ok(form.body.includes('<label for="tz">Your time zone</label>'));
        // Submitting the form is a GET of the event page with ?tz=.
        const chosen = await get(s.base, `${f.attribs.action}?tz=${encodeURIComponent('Europe/Zurich')}`);
        assert.equal(times(chosen.body).slots[1], '10:00–11:00 Eastern Time15:00–16:00 Central European Time');

        const page = await get(s.base, EVENT);
        assert.match(page.headers.get('content-security-policy')!, /script-src 'self'/);
        assert.ok(page.body.includes('<script src="/time-zone.js" defer=""></script>'));
        const js = await fetch(`${s.base}/time-zone.js`);
        assert.equal(js.status, 200);
        assert.equal(js.headers.get('content-type'), 'text/javascript; charset=utf-8');
        assert.match(await js.text(), /resolvedOptions\(\)\.timeZone/);
        // Other events' pages, and no event: 404.
        assert.equal((await get(s.base, '/events/nothing/time-zone')).status, 404);
      } finally {
        await s.stop();
      }
    });
  });
}
