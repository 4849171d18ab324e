// The iCalendar routes over a real server and database: every file parsed with ical.js and
// checked for exact instants, VTIMEZONEs, line format, stable UIDs and the 404s.
import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import ICAL from 'ical.js';
import { importAgenda } from '../src/operations/import-agenda.ts';
import { ENGINES } from './engines.ts';
import { agenda, person, session, TARGET } from './factories.ts';
import { demoSite, type TestSite } from './server.ts';

// ical.js keeps registered zones process-wide; each file must resolve its zones by itself.
beforeEach(() => ICAL.TimezoneService.reset());

const EVENT = 'idm-2017-new-york';
const DEMO_TITLE = 'International Dialogue on Migration 2017 — first workshop, New York';

async function ics(url: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, { headers });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

/** CRLF after every line, the last included, and no line over 75 octets. */
function assertLineFormat(text: string): void {
  assert.ok(text.endsWith('\r\n'));
  assert.equal(/\r(?!\n)|(?<!\r)\n/.test(text), false, 'only CRLF line ends');
  for (const line of text.slice(0, -2).split('\r\n')) assert.ok(Buffer.byteLength(line) <= 75, `over 75 octets: ${line}`);
}

/** The VEVENTs, after checking each TZID has a VTIMEZONE and no time fell back to floating. */
function events(text: string): ICAL.Event[] {
  const cal = new ICAL.Component(ICAL.parse(text));
  const zones = new Set(cal.getAllSubcomponents('vtimezone').map((z) => String(z.getFirstPropertyValue('tzid'))));
  return cal.getAllSubcomponents('vevent').map((v) => {
    for (const name of ['dtstart', 'dtend']) {
      const tzid = v.getFirstProperty(name)?.getParameter('tzid');
      if (tzid !== undefined) assert.ok(zones.has(String(tzid)), `VTIMEZONE for ${String(tzid)}`);
    }
    const e = new ICAL.Event(v);
    assert.notEqual(e.startDate.zone?.tzid, 'floating');
    assert.notEqual(e.endDate.zone?.tzid, 'floating');
    return e;
  });
}

const instant = (t: ICAL.Time) => t.toJSDate().toISOString().replace('.000Z', 'Z');
const sessionId = (e: ICAL.Event) => Number(/#session-(\d+)$/.exec(String(e.component.getFirstPropertyValue('url')))![1]);

async function withSite(engine: (typeof ENGINES)[number], fn: (site: TestSite) => Promise<void>, opts: { demo?: boolean } = {}) {
  const site = await demoSite(engine, opts);
  try {
    await fn(site);
  } finally {
    await site.stop();
  }
}

for (const engine of ENGINES) {
  describe(`calendars on ${engine}`, () => {
    test('the event calendar: every session in New York time, exact instants, Panel 1 described', () =>
      withSite(engine, async (site) => {
        const res = await ics(`${site.base}/events/${EVENT}/calendar.ics`);
        assert.equal(res.status, 200);
        assert.equal(res.headers.get('content-type'), 'text/calendar; charset=utf-8');
        assert.equal(res.headers.get('content-disposition'), `inline; filename="${EVENT}.ics"`);
        assertLineFormat(res.text);
        const cal = new ICAL.Component(ICAL.parse(res.text));
        assert.deepEqual(cal.getAllSubcomponents('vtimezone').map((z) => z.getFirstPropertyValue('tzid')), ['America/New_York']);
        const all = events(res.text);
        assert.equal(all.length, 10);
        assert.ok(all.every((e) => e.startDate.zone?.tzid === 'America/New_York' && e.endDate.zone?.tzid === 'America/New_York'));
        assert.equal(new Set(all.map((e) => e.uid)).size, 10, 'UIDs are unique');
        assert.ok(all.every((e) => e.uid.endsWith('@127.0.0.1')));

        const opening = all.find((e) => e.summary === 'Opening Session')!;
        assert.equal(instant(opening.startDate), '2017-04-18T14:00:00Z');
        assert.equal(instant(opening.endDate), '2017-04-18T15:30:00Z');
        assert.equal(opening.location, 'United Nations Headquarters, New York');

        const panel1 = all.find((e) => e.summary.startsWith('Panel 1: '))!;
        assert.equal(instant(panel1.startDate), '2017-04-18T15:30:00Z');
        assert.equal(instant(panel1.endDate), '2017-04-18T17:00:00Z');
        assert.equal(
          panel1.description,
          [
            'Moderator: William Lacy Swing, Director General, International Organization for Migration',
            'Speaker: Ahmed Hussen, Minister of Immigration, Refugees, and Citizenship, Canada',
            '  Statement (English)',
            'Speaker: Isata Kabia, Minister of State II, Ministry of Foreign Affairs and International Cooperation, Sierra Leone',
            'Speaker: Juan José Gómez Camacho, Ambassador Extraordinary and Plenipotentiary, Permanent Representative of Mexico to the United Nations, Co-facilitator of the intergovernmental consultations and negotiations on the GCM',
            'Speaker: Msgr. Robert J. Vitillo, Secretary General, International Catholic Migration Commission',
            '  Statement (English)',
            'Speaker: Gregory Maniatis, Co-director, Columbia Global Policy Initiative, International Migration, Project, Senior Advisor, Open Society Foundations',
            '  Statement (English)',
            '',
            `${site.base}/events/${EVENT}#session-${sessionId(panel1)}`,
          ].join('\n'),
        );
        assert.equal(panel1.component.getFirstPropertyValue('url'), `${site.base}/events/${EVENT}#session-${sessionId(panel1)}`);

        // Served from the cache with an ETag, like the pages.
        const etag = res.headers.get('etag')!;
        assert.equal((await fetch(`${site.base}/events/${EVENT}/calendar.ics`, { headers: { 'if-none-match': etag } })).status, 304);
      }));

    test('UIDs and bytes survive re-rendering; a change raises SEQUENCE and keeps UIDs', () =>
      withSite(engine, async (site) => {
        const url = `${site.base}/events/${EVENT}/calendar.ics`;
        const first = (await ics(url)).text;
        const seq = (t: string) => Number(/\r\nSEQUENCE:(\d+)\r\n/.exec(t)![1]);
        // Drop the cache without touching this event: an unrelated event is imported.
        await importAgenda(site.storage, agenda([{ date: '2024-06-03', sessions: [session()] }]), TARGET);
        const second = (await ics(url)).text;
        assert.deepEqual(events(second).map((e) => e.uid), events(first).map((e) => e.uid));
        assert.ok(seq(second) > seq(first), 'the site changed, so SEQUENCE grew');
        assert.equal(second.replace(/\r\nSEQUENCE:\d+\r\n/g, ''), first.replace(/\r\nSEQUENCE:\d+\r\n/g, ''), 'otherwise the same bytes');
      }));

    test('one session: the same UID as in the event calendar, and 404s for what is not there', () =>
      withSite(engine, async (site) => {
        const all = events((await ics(`${site.base}/events/${EVENT}/calendar.ics`)).text);
        const panel1 = all.find((e) => e.summary.startsWith('Panel 1: '))!;
        const id = sessionId(panel1);
        const res = await ics(`${site.base}/events/${EVENT}/sessions/${id}/calendar.ics`);
        assert.equal(res.status, 200);
        assert.equal(res.headers.get('content-type'), 'text/calendar; charset=utf-8');
        assertLineFormat(res.text);
        const one = events(res.text);
        assert.deepEqual(one.map((e) => [e.uid, e.summary, instant(e.startDate), e.description]), [
          [panel1.uid, panel1.summary, '2017-04-18T15:30:00Z', panel1.description],
        ]);

        for (const path of [
          `/events/${EVENT}/sessions/999999/calendar.ics`,
          `/events/${EVENT}/sessions/abc/calendar.ics`,
          `/events/${EVENT}/sessions/0${id}/calendar.ics`,
          `/events/no-such-event/calendar.ics`,
          `/events/no-such-event/sessions/${id}/calendar.ics`,
          `/people/no-such-person/calendar.ics`,
        ]) {
          assert.equal((await fetch(`${site.base}${path}`)).status, 404, path);
        }
        // A session of another event is not found under this one.
        await importAgenda(site.storage, agenda([{ date: '2024-06-03', sessions: [session()] }]), TARGET);
        const other = events((await ics(`${site.base}/events/test-event/calendar.ics`)).text);
        assert.equal((await fetch(`${site.base}/events/${EVENT}/sessions/${sessionId(other[0]!)}/calendar.ics`)).status, 404);
      }));

    test('drafts have no calendars, nor do people who appear only in drafts', () =>
      withSite(engine, async (site) => {
        await importAgenda(
          site.storage,
          agenda([{ date: '2024-06-03', sessions: [session({ speakers: [person('Drafty McDraft')] })] }]),
          { ...TARGET, event: { ...TARGET.event, status: 'draft' } },
        );
        assert.equal((await fetch(`${site.base}/events/test-event/calendar.ics`)).status, 404);
        const draftSession = await site.storage.db
          .selectFrom('session as s')
          .innerJoin('event as e', 'e.id', 's.event_id')
          .where('e.slug', '=', 'test-event')
          .select('s.id')
          .executeTakeFirstOrThrow();
        assert.equal((await fetch(`${site.base}/events/test-event/sessions/${draftSession.id}/calendar.ics`)).status, 404);
        assert.equal((await fetch(`${site.base}/people/drafty-mcdraft/calendar.ics`)).status, 404);
      }));

    test("William Lacy Swing's calendar: the Opening Session as speaker and Panel 1 as moderator", () =>
      withSite(engine, async (site) => {
        const res = await ics(`${site.base}/people/william-lacy-swing/calendar.ics`);
        assert.equal(res.status, 200);
        assert.equal(res.headers.get('content-type'), 'text/calendar; charset=utf-8');
        assertLineFormat(res.text);
        const got = events(res.text);
        assert.deepEqual(
          got.map((e) => [e.summary, instant(e.startDate), instant(e.endDate), e.startDate.zone?.tzid, e.description.split('\n').find((l) => l.includes('William Lacy Swing'))]),
          [
            [`Opening Session — ${DEMO_TITLE}`, '2017-04-18T14:00:00Z', '2017-04-18T15:30:00Z', 'America/New_York', 'Speaker: William Lacy Swing, Director General, International Organization for Migration'],
            [
              `Panel 1: Implementing the SDGs and other major frameworks: how the Global Compact on Migration can help meet commitments made — ${DEMO_TITLE}`,
              '2017-04-18T15:30:00Z',
              '2017-04-18T17:00:00Z',
              'America/New_York',
              'Moderator: William Lacy Swing, Director General, International Organization for Migration',
            ],
          ],
        );
        // The same UIDs as in the event's calendar, so a client holding both sees one entry.
        const eventUids = new Set(events((await ics(`${site.base}/events/${EVENT}/calendar.ics`)).text).map((e) => e.uid));
        assert.ok(got.every((e) => eventUids.has(e.uid)));
      }));

    test('daylight saving in Zurich: 10:00 is 09:00Z on 30 March 2024 and 08:00Z on 31 March', () =>
      withSite(
        engine,
        async (site) => {
          await importAgenda(
            site.storage,
            agenda([
              { date: '2024-03-30', sessions: [session({ title: 'Saturday panel' })] },
              { date: '2024-03-31', sessions: [session({ title: 'Sunday panel' })] },
            ]),
            TARGET,
          );
          const text = (await ics(`${site.base}/events/test-event/calendar.ics`)).text;
          assertLineFormat(text);
          assert.deepEqual(
            events(text).map((e) => [e.summary, instant(e.startDate), instant(e.endDate), e.startDate.zone?.tzid]),
            [
              ['Saturday panel', '2024-03-30T09:00:00Z', '2024-03-30T10:00:00Z', 'Europe/Zurich'],
              ['Sunday panel', '2024-03-31T08:00:00Z', '2024-03-31T09:00:00Z', 'Europe/Zurich'],
            ],
          );
          assert.match(text, /\r\nDTSTART;TZID=Europe\/Zurich:20240331T100000\r\n/);
        },
        { demo: false },
      ));

    test('a half-hour zone: 10:00 in Kolkata is 04:30Z', () =>
      withSite(
        engine,
        async (site) => {
          await importAgenda(site.storage, agenda([{ date: '2024-01-10', sessions: [session({ start: '10:00', end: '11:30' })] }]), {
            ...TARGET,
            event: { ...TARGET.event, timeZone: 'Asia/Kolkata' },
          });
          const got = events((await ics(`${site.base}/events/test-event/calendar.ics`)).text);
          assert.deepEqual(
            got.map((e) => [instant(e.startDate), instant(e.endDate), e.startDate.zone?.tzid]),
            [['2024-01-10T04:30:00Z', '2024-01-10T06:00:00Z', 'Asia/Kolkata']],
          );
        },
        { demo: false },
      ));
  });
}
