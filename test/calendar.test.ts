// The iCalendar routes over a real server and database: every file parsed with ical.js and
// checked for exact instants, VTIMEZONEs, line format, stable UIDs and the 404s.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, test } from 'node:test';
import ICAL from 'ical.js';
import { importDemo } from '../src/operations/demo.ts';
import { addAccount } from '../src/operations/accounts.ts';
import { saveForm } from '../src/operations/edit-record.ts';
import { importAgenda } from '../src/operations/import-agenda.ts';
import { publishEvent } from '../src/operations/releases.ts';
import { ENGINES } from './engines.ts';
import { agenda, person, session, TARGET } from './factories.ts';
import { KHAL_SKIP, khalRead, LIBICAL_SKIP, libicalErrors, libicalTimes, PY_ICALENDAR_SKIP, pythonIcalendarRead, pythonIcalendarTimes } from './calendar-clients.ts';
import { runPlenary } from './plenary-cli.ts';
import { tzlib_get_ical_block } from 'timezones-ical-library';
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

/** The VEVENT blocks of a file, unfolded, keyed by UID. */
function veventBlocks(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of text.replace(/\r\n[ \t]/g, '').matchAll(/BEGIN:VEVENT\r\n[\s\S]*?END:VEVENT\r\n/g)) out.set(/\r\nUID:([^\r]+)\r\n/.exec(m[0])![1]!, m[0]);
  return out;
}

const IOM = 'International Organization for Migration';
const PANEL_1_PEOPLE = [
  ['William Lacy Swing', 'CHAIR', 'william-lacy-swing'],
  ['Ahmed Hussen', 'REQ-PARTICIPANT', 'ahmed-hussen'],
  ['Isata Kabia', 'REQ-PARTICIPANT', 'isata-kabia'],
  ['Juan José Gómez Camacho', 'REQ-PARTICIPANT', 'juan-jose-gomez-camacho'],
  ['Robert J. Vitillo', 'REQ-PARTICIPANT', 'robert-j-vitillo'],
  ['Gregory Maniatis', 'REQ-PARTICIPANT', 'gregory-maniatis'],
] as const;

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


/** `plenary import FILE --publish` of an agenda page into a zone, as a user runs it, then wait until the site has seen the write. */
async function importPage(site: TestSite, page: string, event: string, timeZone: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'plenary-cal-'));
  try {
    const file = join(dir, 'agenda.txt');
    writeFileSync(file, page);
    const r = runPlenary(['import', file, '--series', 'dialogues', '--series-title', 'Dialogues', '--event', event, '--title', event, '--time-zone', timeZone, '--publish'], site.url);
    assert.equal(r.code, 0, r.err);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const stored = Number((await site.storage.db.selectFrom('site_state').select('value').where('key', '=', 'generation').executeTakeFirstOrThrow()).value);
  for (let i = 0; i < 200 && site.server.cache.currentGeneration() < stored; i++) await new Promise((res) => setTimeout(res, 50));
  return (await ics(`${site.base}/events/${event}/calendar.ics`)).text;
}

// New York in 2006: daylight time from 2 April to 29 October (today's rule would run to 5 November).
const NY_2006 = `Dialogue on Migration 2006

Friday, 27 October 2006
10:00 – 11:00 Opening Session
Speaker: Jane Roe, Director, Ministry of Labour, Canada

Monday, 30 October 2006
10:00 – 11:30 Closing Session
Speaker: John Doe, Director, Ministry of Labour, Mexico
`;
const NY_2006_TIMES = [
  { summary: 'Opening Session — ny-2006', start: '2006-10-27T14:00:00Z', end: '2006-10-27T15:00:00Z' },
  { summary: 'Closing Session — ny-2006', start: '2006-10-30T15:00:00Z', end: '2006-10-30T16:30:00Z' },
];
// Kathmandu: UTC+05:45 all year.
const KATHMANDU = `Regional Consultation 2024

Wednesday, 10 January 2024
10:00 – 11:30 Opening Session
Speaker: Jane Roe, Director, Ministry of Labour, Nepal
`;
/** The file with its VTIMEZONE swapped for one carrying today's rule only (as timezones-ical-library gives it): a control. */
const withTodaysRule = (text: string) =>
  text.replace(/BEGIN:VTIMEZONE\r\n[\s\S]*?END:VTIMEZONE\r\n/, `${tzlib_get_ical_block('America/New_York')[0]!.trim().replace(/\r?\n/g, '\r\n')}\r\n`);
const TODAYS_RULE_TIMES = [NY_2006_TIMES[0]!, { ...NY_2006_TIMES[1]!, start: '2006-10-30T14:00:00Z', end: '2006-10-30T15:30:00Z' }];
const KATHMANDU_TIMES = [{ summary: 'Opening Session — ktm-2024', start: '2024-01-10T04:15:00Z', end: '2024-01-10T05:45:00Z' }];
/** The two pages every calendar client reads: the agenda, its event, its zone, and the instants it must give. */
const ZONE_PAGES = [
  [NY_2006, 'ny-2006', 'America/New_York', NY_2006_TIMES],
  [KATHMANDU, 'ktm-2024', 'Asia/Kathmandu', KATHMANDU_TIMES],
] as const;

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

        const opening = all.find((e) => e.summary === `Opening Session — ${DEMO_TITLE}`)!;
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

        // The convener organizes (no contact address is recorded: its page is its address); the
        // people on the panel attend, the moderator as chair, each at their page.
        assert.equal(cal.getFirstPropertyValue('method'), null, 'no METHOD:PUBLISH, which forbids ATTENDEE');
        const organizer = panel1.component.getFirstProperty('organizer')!;
        assert.deepEqual([organizer.getParameter('cn'), organizer.getFirstValue()], [IOM, `${site.base}/organizations/international-organization-for-migration`]);
        assert.deepEqual(
          panel1.attendees.map((a) => [a.getParameter('cn'), a.getParameter('role'), a.getParameter('partstat'), a.getFirstValue()]),
          PANEL_1_PEOPLE.map(([name, role, slug]) => [name, role, 'ACCEPTED', `${site.base}/people/${slug}`]),
        );
        assert.ok(all.every((e) => e.component.getFirstProperty('organizer')?.getParameter('cn') === IOM), 'every session has its ORGANIZER');

        // Served from the cache with an ETag, like the pages.
        const etag = res.headers.get('etag')!;
        assert.equal((await fetch(`${site.base}/events/${EVENT}/calendar.ics`, { headers: { 'if-none-match': etag } })).status, 304);
      }));

    test('UIDs and bytes survive re-rendering and changes elsewhere; a change of the event raises SEQUENCE and keeps UIDs', () =>
      withSite(engine, async (site) => {
        const url = `${site.base}/events/${EVENT}/calendar.ics`;
        const first = (await ics(url)).text;
        const seq = (t: string) => Number(/\r\nSEQUENCE:(\d+)\r\n/.exec(t)![1]);
        // Drop the cache without touching this event: an unrelated event is imported.
        await importAgenda(site.storage, agenda([{ date: '2024-06-03', sessions: [session()] }]), TARGET, { publish: true });
        const second = (await ics(url)).text;
        assert.equal(second, first, 'another event changed: this calendar is the same bytes');
        // The same page imported again changes nothing: the same bytes, SEQUENCE included.
        await new Promise((r) => setTimeout(r, 1100)); // SEQUENCE counts seconds
        await importDemo(site.storage);
        assert.equal((await ics(url)).text, first, 'nothing changed, so nothing moved');
        // A session retitled in the workspace: a new SEQUENCE and DTSTAMP, the same UIDs.
        const panel = await site.storage.db.selectFrom('session').select(['id', 'title', 'kind', 'number', 'start_time', 'end_time', 'version']).where('title', 'is not', null).orderBy('id').executeTakeFirstOrThrow();
        await addAccount(site.storage, { email: 'ed@example.org', role: 'admin', series: [], password: 'correct horse battery' });
        const actor = { accountId: (await site.storage.db.selectFrom('account').select('id').executeTakeFirstOrThrow()).id };
        await saveForm(site.storage, actor, 'session', panel.id, panel.version, { kind: panel.kind, number: panel.number === null ? '' : String(panel.number), title: `${panel.title} (revised)`, start_time: panel.start_time ?? '', end_time: panel.end_time ?? '' });
        // Saved in the working copy only: the public calendar is the same bytes until it is published.
        assert.equal((await ics(url)).text, first, 'not yet published: nothing moved');
        const event = await site.storage.db.selectFrom('event').select('id').where('slug', '=', EVENT).executeTakeFirstOrThrow();
        assert.equal((await publishEvent(site.storage, event.id, actor)).changed, true);
        const third = (await ics(url)).text;
        assert.deepEqual(events(third).map((e) => e.uid), events(first).map((e) => e.uid));
        assert.ok(seq(third) > seq(first), 'the event changed, so SEQUENCE grew');
        // Compared unfolded: the longer title folds its line elsewhere.
        const strip = (t: string) => t.replace(/\r\n /g, '').replace(/\r\n(SEQUENCE|DTSTAMP|LAST-MODIFIED):[^\r]+/g, '').replace(' (revised)', '');
        assert.equal(strip(third), strip(first), 'otherwise the same bytes');
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
        await importAgenda(site.storage, agenda([{ date: '2024-06-03', sessions: [session()] }]), TARGET, { publish: true });
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
        // Each session is the very VEVENT of the event's calendar and of its own, so a client
        // holding several feeds sees one entry, whichever it read last.
        const eventText = (await ics(`${site.base}/events/${EVENT}/calendar.ics`)).text;
        const inEvent = veventBlocks(eventText);
        const inPerson = veventBlocks(res.text);
        assert.equal(inPerson.size, 2);
        for (const [uid, block] of inPerson) {
          assert.equal(block, inEvent.get(uid), `${uid}: the same VEVENT as in the event calendar`);
          const id = sessionId(events(eventText).find((e) => e.uid === uid)!);
          assert.equal(block, veventBlocks((await ics(`${site.base}/events/${EVENT}/sessions/${id}/calendar.ics`)).text).get(uid), `${uid}: the same VEVENT as in the session calendar`);
        }
      }));

    test('the person page links the person calendar and each timed session of the event page its own', () =>
      withSite(engine, async (site) => {
        const person = await (await fetch(`${site.base}/people/william-lacy-swing`)).text();
        const feed = '/people/william-lacy-swing/calendar.ics';
        assert.ok(person.includes(`<link rel="alternate" type="text/calendar" href="${feed}" title="Calendar of these sessions (iCalendar)"/>`));
        assert.ok(person.includes(`<a href="${feed}" type="text/calendar">Calendar of these sessions (iCalendar)</a>`));
        assert.equal((await ics(site.base + feed)).status, 200);

        const page = await (await fetch(`${site.base}/events/${EVENT}`)).text();
        const sessions = [...page.matchAll(/<li id="session-(\d+)"[^>]*>([\s\S]*?)<\/article><\/li>/g)];
        assert.equal(sessions.length, 10);
        const all = events((await ics(`${site.base}/events/${EVENT}/calendar.ics`)).text);
        for (const [, id, body] of sessions) {
          const href = `/events/${EVENT}/sessions/${id}/calendar.ics`;
          assert.ok(body!.includes(`<p class="downloads"><a href="${href}" type="text/calendar">Add to calendar</a></p>`), `session ${id} links its calendar`);
          const one = events((await ics(site.base + href)).text);
          assert.deepEqual(one.map((e) => e.uid), [all.find((e) => sessionId(e) === Number(id))!.uid]);
        }
        // A session without a start time cannot be placed in a calendar: no link to a feed that would be 404.
        await importAgenda(site.storage, agenda([{ date: '2024-06-03', sessions: [session({ title: 'Timed' }), session({ title: 'Untimed', start: null, end: null })] }]), TARGET, { publish: true });
        const other = await (await fetch(`${site.base}/events/test-event`)).text();
        assert.equal([...other.matchAll(/<a href="\/events\/test-event\/sessions\/\d+\/calendar\.ics"/g)].length, 1);
      }));

    test('libical (Evolution) finds no iTIP or other error; the old METHOD:PUBLISH without ORGANIZER was INVALID-ITIP', { skip: LIBICAL_SKIP }, () =>
      withSite(engine, async (site) => {
        const text = (await ics(`${site.base}/events/${EVENT}/calendar.ics`)).text;
        assert.deepEqual(libicalErrors(text), []);
        const person = (await ics(`${site.base}/people/william-lacy-swing/calendar.ics`)).text;
        assert.deepEqual(libicalErrors(person), []);
        // Controls: the old file's METHOD:PUBLISH with no ORGANIZER, and PUBLISH with ATTENDEEs.
        const withMethod = text.replace('\r\nVERSION:2.0\r\n', '\r\nVERSION:2.0\r\nMETHOD:PUBLISH\r\n');
        const noOrganizer = withMethod.replace(/\r\n(ORGANIZER|ATTENDEE)[^\r]*(\r\n [^\r]*)*/g, '');
        const kinds = (errors: string[]) => [...new Set(errors.map((e) => e.replace(/got \d+$/, 'got N')))];
        assert.deepEqual(kinds(libicalErrors(noOrganizer)), ['INVALID-ITIP: Failed iTIP restrictions for ORGANIZER property. Expected 1 instances of the property and got N']);
        assert.deepEqual(kinds(libicalErrors(withMethod)), ['INVALID-ITIP: Failed iTIP restrictions for ATTENDEE property. Expected 0 instances of the property and got N']);
      }));

    test('python-icalendar reads ORGANIZER and ATTENDEE with their CN and ROLE', { skip: PY_ICALENDAR_SKIP }, () =>
      withSite(engine, async (site) => {
        const got = pythonIcalendarRead((await ics(`${site.base}/events/${EVENT}/calendar.ics`)).text);
        assert.equal(got.length, 10);
        const panel1 = got.find((e) => e.summary.startsWith('Panel 1: '))!;
        assert.deepEqual(panel1.organizer, [IOM, `${site.base}/organizations/international-organization-for-migration`]);
        assert.deepEqual(panel1.attendees, PANEL_1_PEOPLE.map(([name, role, slug]) => [name, role, `${site.base}/people/${slug}`]));
      }));

    test('khal imports every session and lists its organizer and attendees', { skip: KHAL_SKIP }, () =>
      withSite(engine, async (site) => {
        const { listed } = khalRead((await ics(`${site.base}/events/${EVENT}/calendar.ics`)).text, '2017-04-18', 2);
        assert.equal(listed.length, 10);
        // khal shows an address as the text after its last colon, and attendees without their CN.
        const shown = (url: string) => url.split(':').at(-1);
        const panel1 = listed.find((l) => l.startsWith('Panel 1: '))!.split('|');
        assert.deepEqual(panel1.slice(1), [
          `${IOM} (${shown(`${site.base}/organizations/international-organization-for-migration`)})`,
          PANEL_1_PEOPLE.map(([, , slug]) => shown(`${site.base}/people/${slug}`)).join(', '),
        ]);
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
            { publish: true },
          );
          const text = (await ics(`${site.base}/events/test-event/calendar.ics`)).text;
          assertLineFormat(text);
          assert.deepEqual(
            events(text).map((e) => [e.summary, instant(e.startDate), instant(e.endDate), e.startDate.zone?.tzid]),
            [
              ['Saturday panel — Test event', '2024-03-30T09:00:00Z', '2024-03-30T10:00:00Z', 'Europe/Zurich'],
              ['Sunday panel — Test event', '2024-03-31T08:00:00Z', '2024-03-31T09:00:00Z', 'Europe/Zurich'],
            ],
          );
          assert.match(text, /\r\nDTSTART;TZID=Europe\/Zurich:20240331T100000\r\n/);
        },
        { demo: false },
      ));

    test('New York 2006 (before the 2007 rule) and Kathmandu (+05:45), imported with plenary import --publish: exact instants in ical.js, with each zone\'s VTIMEZONE and no UTC times', () =>
      withSite(
        engine,
        async (site) => {
          for (const [page, event, zone, expected] of ZONE_PAGES) {
            const text = await importPage(site, page, event, zone);
            assertLineFormat(text);
            assert.deepEqual(
              events(text).map((e) => ({ summary: e.summary, start: instant(e.startDate), end: instant(e.endDate) })),
              expected,
            );
            assert.deepEqual(events(text).map((e) => e.startDate.zone?.tzid), expected.map(() => zone));
            assert.doesNotMatch(text, /\r\nDT(START|END)[:;][^\r]*Z\r\n/);
          }
          const ny = (await ics(`${site.base}/events/ny-2006/calendar.ics`)).text;
          assert.deepEqual(events(withTodaysRule(ny)).map((e) => instant(e.startDate)), TODAYS_RULE_TIMES.map((t) => t.start));
          assert.match(ny, /\r\nBEGIN:DAYLIGHT\r\nDTSTART:20060402T020000\r\nTZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400\r\nTZNAME:EDT\r\nEND:DAYLIGHT\r\nBEGIN:STANDARD\r\nDTSTART:20061029T020000\r\n/);
          // The session's own calendar and the person's carry the same zone block.
          const person = (await ics(`${site.base}/people/john-doe/calendar.ics`)).text;
          assert.deepEqual(events(person).map((e) => instant(e.startDate)), ['2006-10-30T15:00:00Z']);
        },
        { demo: false },
      ));

    test('python-icalendar computes the same instants, by the zone\'s name and from the file\'s VTIMEZONE', { skip: PY_ICALENDAR_SKIP }, () =>
      withSite(
        engine,
        async (site) => {
          for (const [page, event, zone, expected] of ZONE_PAGES) {
            const text = await importPage(site, page, event, zone);
            assert.deepEqual(pythonIcalendarTimes(text), { byName: expected, byVtimezone: expected });
            // Control: today's rule alone puts 30 October 2006 in daylight time, an hour early.
            if (event === 'ny-2006') assert.deepEqual(pythonIcalendarTimes(withTodaysRule(text)).byVtimezone, TODAYS_RULE_TIMES);
          }
        },
        { demo: false },
      ));

    test('libical computes the same instants from the file\'s VTIMEZONE', { skip: LIBICAL_SKIP }, () =>
      withSite(
        engine,
        async (site) => {
          for (const [page, event, zone, expected] of ZONE_PAGES) {
            const text = await importPage(site, page, event, zone);
            assert.deepEqual(libicalTimes(text), expected);
            assert.deepEqual(libicalErrors(text), []);
            if (event === 'ny-2006') assert.deepEqual(libicalTimes(withTodaysRule(text)), TODAYS_RULE_TIMES);
          }
        },
        { demo: false },
      ));

    test('khal lists the same instants (shown in UTC)', { skip: KHAL_SKIP }, () =>
      withSite(
        engine,
        async (site) => {
          for (const [page, event, zone, from, days, expected] of [
            [NY_2006, 'ny-2006', 'America/New_York', '2006-10-27', 4, ['Opening Session — ny-2006|2006-10-27 14:00|2006-10-27 15:00', 'Closing Session — ny-2006|2006-10-30 15:00|2006-10-30 16:30']],
            [KATHMANDU, 'ktm-2024', 'Asia/Kathmandu', '2024-01-10', 1, ['Opening Session — ktm-2024|2024-01-10 04:15|2024-01-10 05:45']],
          ] as const) {
            const { listed } = khalRead(await importPage(site, page, event, zone), from, days, '{title}|{start-long}|{end-long}');
            assert.deepEqual(listed, expected);
          }
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
          }, { publish: true });
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
