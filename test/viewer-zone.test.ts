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
            'Times are given in the venue’s time zone: America/New_York (UTC−05:00).',
            'Times are given in the venue’s time zone: America/New_York (UTC−04:00).',
            'Times are given in the venue’s time zone: America/New_York (UTC−04:00).',
          ],
          datetimes: ['2024-03-05T10:00:00-05:00', '2024-03-05T11:00:00-05:00', '2024-03-12T10:00:00-04:00', '2024-03-12T11:00:00-04:00', '2024-04-02T10:00:00-04:00', '2024-04-02T11:00:00-04:00'],
        });
        assert.ok(shared.body.includes(`<a href="${EVENT}/time-zone" data-event-path="${EVENT}" data-venue-zone="America/New_York" data-detected-label="Show the times in {zone} too">Show the times in your time zone too</a>`));
        assert.equal(shared.headers.get('set-cookie'), null);

        const zurich = await get(s.base, `${EVENT}?tz=Europe/Zurich`);
        assert.equal(zurich.status, 200);
        assert.equal(zurich.headers.get('set-cookie'), COOKIE);
        assert.equal(zurich.headers.get('cache-control'), 'private, no-cache');
        assert.deepEqual(times(zurich.body), {
          slots: ['10:00–11:00 New York16:00–17:00 Zurich', '10:00–11:00 New York15:00–16:00 Zurich', '10:00–11:00 New York16:00–17:00 Zurich'],
          notes: [
            'Times are given in the venue’s time zone: America/New_York (UTC−05:00). Also in your time zone: Europe/Zurich (UTC+01:00).',
            'Times are given in the venue’s time zone: America/New_York (UTC−04:00). Also in your time zone: Europe/Zurich (UTC+01:00).',
            'Times are given in the venue’s time zone: America/New_York (UTC−04:00). Also in your time zone: Europe/Zurich (UTC+02:00).',
          ],
          datetimes: [
            '2024-03-05T10:00:00-05:00', '2024-03-05T11:00:00-05:00', '2024-03-05T16:00:00+01:00', '2024-03-05T17:00:00+01:00',
            '2024-03-12T10:00:00-04:00', '2024-03-12T11:00:00-04:00', '2024-03-12T15:00:00+01:00', '2024-03-12T16:00:00+01:00',
            '2024-04-02T10:00:00-04:00', '2024-04-02T11:00:00-04:00', '2024-04-02T16:00:00+02:00', '2024-04-02T17:00:00+02:00',
          ],
        });
        assert.ok(zurich.body.includes('<p class="tz-choice">Times are also shown in Europe/Zurich. <a href="/events/test-event/time-zone"'));
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
          '10:00–11:00 New York20:45–21:45 Kathmandu',
          '10:00–11:00 New York19:45–20:45 Kathmandu',
          '10:00–11:00 New York19:45–20:45 Kathmandu',
        ]);
        assert.deepEqual(times((await get(s.base, `${EVENT}?tz=Asia/Tokyo`)).body).slots, [
          '10:00–11:00 New York00:00 (March 6)–01:00 Tokyo',
          '10:00–11:00 New York23:00–00:00 (March 13) Tokyo',
          '10:00–11:00 New York23:00–00:00 (April 3) Tokyo',
        ]);
        // The venue's own zone shows the page as everyone sees it.
        assert.deepEqual(times((await get(s.base, `${EVENT}?tz=America/New_York`)).body).slots, ['10:00–11:00', '10:00–11:00', '10:00–11:00']);
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
        assert.equal(times(chosen.body).slots[1], '10:00–11:00 New York15:00–16:00 Zurich');

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
