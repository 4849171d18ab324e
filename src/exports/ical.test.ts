// The iCalendar renderer on hand-built EventExport data: every file is parsed with ical.js
// (Mozilla's parser) and checked for exact instants, zones, line format and stable UIDs.
import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import ICAL from 'ical.js';
import { zoned } from '../domain/time.ts';
import { eventCalendar, personCalendar, sessionCalendar, sessionDescription } from './ical.ts';
import { vtimezoneFor } from './vtimezone.ts';
import type { EventExport, ExportAppearance, ExportSession } from './model.ts';

// ical.js keeps registered zones process-wide; our files must resolve zones on their own.
beforeEach(() => ICAL.TimezoneService.reset());

type S = { id: number; start: string | null; end: string | null; kind?: ExportSession['kind']; title?: string; appearances?: ExportAppearance[] };

/** An EventExport as loadEventExport builds it, instants computed the same way. */
function fixture(opts: { timeZone: string; title?: string; days: Array<{ date: string; sessions: S[] }>; slug?: string }): EventExport {
  const base = 'https://plenary.example';
  const slug = opts.slug ?? 'test-event';
  const url = `${base}/events/${slug}`;
  const iso = (z: ReturnType<typeof zoned> | null) => (z ? z.toString({ timeZoneName: 'never', smallestUnit: 'second' }) : null);
  const utc = (z: ReturnType<typeof zoned> | null) => (z ? z.toInstant().toString({ smallestUnit: 'second' }) : null);
  return {
    baseUrl: base,
    generation: 7,
    updatedAt: '2024-01-02T03:04:05.678Z',
    series: { id: 1, slug: 's', title: 'Series', url: `${base}/series/s`, convener: null },
    event: {
      id: 1,
      guid: '00000000-0000-5000-8000-000000000001',
      roomGuid: '00000000-0000-5000-8000-000000000002',
      slug,
      title: opts.title ?? 'Test event',
      lang: 'en',
      startDate: opts.days[0]!.date,
      endDate: opts.days.at(-1)!.date,
      timeZone: opts.timeZone,
      venue: 'Palais des Nations',
      address: null,
      city: 'Geneva',
      countryCode: 'CH',
      countryName: 'Switzerland',
      overview: null,
      themes: [],
      contactEmail: null,
      status: 'published',
      url,
    },
    days: opts.days.map((d, i) => ({
      index: i + 1,
      date: d.date,
      label: null,
      sessions: d.sessions.map((s): ExportSession => {
        const start = s.start ? zoned(d.date, s.start, opts.timeZone) : null;
        const end = s.end ? zoned(d.date, s.end, opts.timeZone) : null;
        return {
          id: s.id,
          guid: `00000000-0000-5000-8000-${String(s.id).padStart(12, '0')}`,
          kind: s.kind ?? 'panel',
          number: null,
          title: s.title ?? `Session ${s.id}`,
          displayTitle: s.title ?? `Session ${s.id}`,
          lang: 'en',
          date: d.date,
          start: s.start,
          end: s.end,
          startsAt: iso(start),
          endsAt: iso(end),
          startsAtUtc: utc(start),
          endsAtUtc: utc(end),
          durationMinutes: null,
          url: `${url}#session-${s.id}`,
          appearances: s.appearances ?? [],
        };
      }),
    })),
    documents: [],
    release: null,
    cancelled: [],
  };
}

/** One id per distinct name, as the database gives one person one row. */
const personIds = new Map<string, number>();

function appearance(role: 'moderator' | 'speaker', name: string, affiliation: string, extra: Partial<ExportAppearance> = {}): ExportAppearance {
  const slug = name.toLowerCase().replace(/[^a-z]+/g, '-');
  if (!personIds.has(slug)) personIds.set(slug, personIds.size + 1);
  return {
    id: 1,
    role,
    roleLabel: null,
    position: 1,
    honorific: null,
    person: { id: personIds.get(slug)!, guid: `00000000-0000-4000-8000-${String(personIds.get(slug)!).padStart(12, '0')}`, slug, name, url: `https://plenary.example/people/${slug}` },
    affiliation: { position: null, organization: null, country: null, countryCode: null, text: affiliation },
    talkTitle: null,
    materials: [],
    ...extra,
  };
}

/** RFC 5545 line format: CRLF after every line (the last too), at most 75 octets each. */
export function assertLineFormat(ics: string): void {
  assert.ok(ics.endsWith('\r\n'), 'the last line ends with CRLF');
  assert.equal(ics.replace(/\r\n/g, '').includes('\n'), false, 'no bare LF');
  assert.equal(ics.replace(/\r\n/g, '').includes('\r'), false, 'no bare CR');
  for (const line of ics.slice(0, -2).split('\r\n')) {
    assert.ok(Buffer.byteLength(line, 'utf8') <= 75, `line longer than 75 octets: ${line}`);
  }
}

/**
 * The VEVENTs of a file as ical.js reads them, after checking that every TZID used has its
 * VTIMEZONE and that no time fell back to floating (ical.js does that silently without one).
 */
function events(ics: string): ICAL.Event[] {
  const cal = new ICAL.Component(ICAL.parse(ics));
  const zones = new Set(cal.getAllSubcomponents('vtimezone').map((z) => String(z.getFirstPropertyValue('tzid'))));
  return cal.getAllSubcomponents('vevent').map((v) => {
    for (const name of ['dtstart', 'dtend']) {
      const prop = v.getFirstProperty(name);
      assert.ok(prop, `${name} present`);
      const tzid = prop.getParameter('tzid');
      if (tzid !== undefined) assert.ok(zones.has(String(tzid)), `VTIMEZONE for ${String(tzid)}`);
    }
    const e = new ICAL.Event(v);
    assert.notEqual(e.startDate.zone?.tzid, 'floating', 'start is not floating');
    assert.notEqual(e.endDate.zone?.tzid, 'floating', 'end is not floating');
    assert.match(String(v.getFirstProperty('dtstamp')?.toICALString()), /^DTSTAMP:\d{8}T\d{6}Z$/);
    return e;
  });
}

const instant = (t: ICAL.Time) => t.toJSDate().toISOString().replace('.000Z', 'Z');

test('instants, zone and VTIMEZONE for an event in New York', () => {
  const ics = eventCalendar(
    fixture({ timeZone: 'America/New_York', days: [{ date: '2017-04-18', sessions: [{ id: 1, start: '10:00', end: '11:30' }] }] }),
  );
  assertLineFormat(ics);
  const [e] = events(ics);
  assert.equal(instant(e!.startDate), '2017-04-18T14:00:00Z');
  assert.equal(instant(e!.endDate), '2017-04-18T15:30:00Z');
  assert.equal(e!.startDate.zone?.tzid, 'America/New_York');
  assert.match(ics, /\r\nDTSTART;TZID=America\/New_York:20170418T100000\r\n/);
  assert.match(ics, /\r\nX-WR-TIMEZONE:America\/New_York\r\n/);
});

test('without its VTIMEZONE the check catches the silent fall back to floating time', () => {
  const ics = eventCalendar(
    fixture({ timeZone: 'America/New_York', days: [{ date: '2017-04-18', sessions: [{ id: 1, start: '10:00', end: '11:30' }] }] }),
  );
  const stripped = ics.replace(/BEGIN:VTIMEZONE\r\n[\s\S]*?END:VTIMEZONE\r\n/, '');
  assert.notEqual(stripped, ics);
  // ical.js itself parses the stripped file without complaint …
  const raw = new ICAL.Event(new ICAL.Component(ICAL.parse(stripped)).getFirstSubcomponent('vevent')!);
  assert.equal(raw.startDate.zone?.tzid, 'floating');
  // … so our check must be what fails.
  assert.throws(() => events(stripped), /VTIMEZONE for America\/New_York/);
});

test('Asia/Kolkata (+05:30, no daylight saving) and Australia/Sydney across its April change', () => {
  const kolkata = events(
    eventCalendar(fixture({ timeZone: 'Asia/Kolkata', days: [{ date: '2024-01-10', sessions: [{ id: 1, start: '10:00', end: '11:15' }] }] })),
  );
  assert.deepEqual(kolkata.map((e) => [instant(e.startDate), instant(e.endDate), e.startDate.zone?.tzid]), [
    ['2024-01-10T04:30:00Z', '2024-01-10T05:45:00Z', 'Asia/Kolkata'],
  ]);
  // Daylight saving ends in Sydney on Sunday 7 April 2024 at 03:00 (UTC+11 → UTC+10).
  const sydney = events(
    eventCalendar(
      fixture({
        timeZone: 'Australia/Sydney',
        days: [
          { date: '2024-04-06', sessions: [{ id: 1, start: '10:00', end: '11:00' }] },
          { date: '2024-04-07', sessions: [{ id: 2, start: '10:00', end: '11:00' }] },
        ],
      }),
    ),
  );
  assert.deepEqual(sydney.map((e) => [instant(e.startDate), e.startDate.zone?.tzid]), [
    ['2024-04-05T23:00:00Z', 'Australia/Sydney'],
    ['2024-04-07T00:00:00Z', 'Australia/Sydney'],
  ]);
});

test("a zone whose rules changed since: local times with that year's VTIMEZONE, never UTC", () => {
  // In 2006 New York moved to daylight time on 2 April and back on 29 October; today's rule (second
  // Sunday of March, first Sunday of November) would put 20 March and 30 October in daylight time.
  const ny = eventCalendar(
    fixture({
      timeZone: 'America/New_York',
      days: [
        { date: '2006-03-20', sessions: [{ id: 1, start: '10:00', end: '11:00' }] },
        { date: '2006-10-27', sessions: [{ id: 2, start: '10:00', end: '11:00' }] },
        { date: '2006-10-30', sessions: [{ id: 3, start: '10:00', end: '11:00' }] },
      ],
    }),
  );
  assert.match(ny, /\r\nDTSTART;TZID=America\/New_York:20060320T100000\r\n/);
  assert.doesNotMatch(ny, /\r\nDT(START|END):\d{8}T\d{6}Z\r\n/);
  assert.match(ny, /\r\nX-WR-TIMEZONE:America\/New_York\r\n/);
  assert.deepEqual(
    events(ny).map((e) => instant(e.startDate)),
    ['2006-03-20T15:00:00Z', '2006-10-27T14:00:00Z', '2006-10-30T15:00:00Z'],
  );
  const block = /BEGIN:VTIMEZONE\r\n[\s\S]*?END:VTIMEZONE\r\n/.exec(ny)![0];
  assert.equal(
    block,
    [
      'BEGIN:VTIMEZONE',
      'TZID:America/New_York',
      'BEGIN:STANDARD',
      'DTSTART:20060101T000000',
      'TZOFFSETFROM:-0500',
      'TZOFFSETTO:-0500',
      'TZNAME:EST',
      'END:STANDARD',
      'BEGIN:DAYLIGHT',
      'DTSTART:20060402T020000',
      'TZOFFSETFROM:-0500',
      'TZOFFSETTO:-0400',
      'TZNAME:EDT',
      'END:DAYLIGHT',
      'BEGIN:STANDARD',
      'DTSTART:20061029T020000',
      'TZOFFSETFROM:-0400',
      'TZOFFSETTO:-0500',
      'TZNAME:EST',
      'END:STANDARD',
      'END:VTIMEZONE',
      '',
    ].join('\r\n'),
  );
  // São Paulo kept daylight time until 2019; today it has none.
  const sp = events(eventCalendar(fixture({ timeZone: 'America/Sao_Paulo', days: [{ date: '2015-11-10', sessions: [{ id: 1, start: '10:00', end: '11:00' }] }] })));
  assert.deepEqual([instant(sp[0]!.startDate), sp[0]!.startDate.zone?.tzid], ['2015-11-10T12:00:00Z', 'America/Sao_Paulo']);
});

test('a VTIMEZONE keeps our TZID for an alias, and covers every year a calendar spans (RDATEs, no RRULE)', () => {
  assert.match(vtimezoneFor('UTC', 2024, 2024), /^BEGIN:VTIMEZONE\r\nTZID:UTC\r\nBEGIN:STANDARD\r\nDTSTART:20240101T000000\r\nTZOFFSETFROM:\+0000\r\nTZOFFSETTO:\+0000\r\n/);
  assert.throws(() => vtimezoneFor('Not/AZone', 2024, 2024));
  const ny = vtimezoneFor('America/New_York', 2006, 2008);
  assert.doesNotMatch(ny, /RRULE/);
  assert.deepEqual(
    [...ny.matchAll(/(?:DTSTART|RDATE):(\d{8}T\d{6})/g)].map((m) => m[1]),
    ['20060101T000000', '20060402T020000', '20070311T020000', '20080309T020000', '20061029T020000', '20071104T020000', '20081102T020000'],
  );
  // Kathmandu: one observance at +05:45 (Intl names it only "GMT+5:45", so no TZNAME).
  assert.equal(
    vtimezoneFor('Asia/Kathmandu', 2024, 2024),
    'BEGIN:VTIMEZONE\r\nTZID:Asia/Kathmandu\r\nBEGIN:STANDARD\r\nDTSTART:20240101T000000\r\nTZOFFSETFROM:+0545\r\nTZOFFSETTO:+0545\r\nEND:STANDARD\r\nEND:VTIMEZONE',
  );
});

test('missing times: no start leaves the session out; no end ends at the next session, else after an hour', () => {
  const data = fixture({
    timeZone: 'Europe/Zurich',
    days: [
      {
        date: '2024-06-03',
        sessions: [
          { id: 1, start: '09:00', end: null },
          { id: 2, start: null, end: null },
          { id: 3, start: '10:30', end: '12:00' },
          { id: 4, start: '14:00', end: null },
        ],
      },
    ],
  });
  const got = events(eventCalendar(data)).map((e) => [e.uid, instant(e.startDate), instant(e.endDate)]);
  assert.deepEqual(got, [
    ['00000000-0000-5000-8000-000000000001@plenary.example', '2024-06-03T07:00:00Z', '2024-06-03T08:30:00Z'],
    ['00000000-0000-5000-8000-000000000003@plenary.example', '2024-06-03T08:30:00Z', '2024-06-03T10:00:00Z'],
    ['00000000-0000-5000-8000-000000000004@plenary.example', '2024-06-03T12:00:00Z', '2024-06-03T13:00:00Z'],
  ]);
  assert.equal(sessionCalendar(data, 2), undefined, 'a session without a start has no calendar');
  assert.equal(sessionCalendar(data, 99), undefined);
  assert.deepEqual(
    events(sessionCalendar(data, 3)!).map((e) => e.uid),
    ['00000000-0000-5000-8000-000000000003@plenary.example'],
  );
});

test('two renders are byte-identical; UIDs unique; DTSTAMP and SEQUENCE come from the data', () => {
  const data = fixture({
    timeZone: 'Europe/Zurich',
    days: [{ date: '2024-06-03', sessions: [{ id: 1, start: '09:00', end: '10:00' }, { id: 2, start: '10:00', end: '11:00', kind: 'break', title: 'Break' }] }],
  });
  const a = eventCalendar(data);
  assert.equal(eventCalendar(structuredClone(data)), a);
  const uids = events(a).map((e) => e.uid);
  assert.equal(new Set(uids).size, 2);
  assert.match(a, /\r\nDTSTAMP:20240102T030405Z\r\n/);
  // Seconds from 2000-01-01T00:00:00Z to updatedAt (2024-01-02T03:04:05Z), not the site's generation:
  // a change elsewhere on the site leaves this event's entries as they are.
  assert.match(a, /\r\nSEQUENCE:757479845\r\n/);
  assert.equal(eventCalendar({ ...data, generation: data.generation + 5 }), a);
  assert.match(eventCalendar({ ...data, updatedAt: '2024-01-02T03:04:06.000Z' }), /\r\nSEQUENCE:757479846\r\n/);
  // A break is part of the day but does not make the subscriber busy.
  const vevents = new ICAL.Component(ICAL.parse(a)).getAllSubcomponents('vevent');
  assert.deepEqual(
    vevents.map((v) => v.getFirstPropertyValue('transp') ?? null),
    [null, 'TRANSPARENT'],
  );
});

test('text round-trips through escaping; URIs are percent-encoded rather than TEXT-escaped', () => {
  const data = fixture({
    timeZone: 'Europe/Zurich',
    title: 'Dialogue; migration, and "us" \\ them — Genève',
    days: [
      {
        date: '2024-06-03',
        sessions: [
          {
            id: 1,
            start: '09:00',
            end: '10:00',
            title: 'Panel 1: Migrants, mobility; and the SDGs',
            appearances: [
              appearance('speaker', 'Ana Pérez', 'Minister, Ministry of Foreign Affairs, Spain', {
                roleLabel: 'Keynote',
                honorific: 'H.E. Ms.',
                talkTitle: 'Why it matters',
                materials: [
                  { id: 1, kind: 'statement', label: 'Statement', lang: 'es', url: 'https://x.example/a,b;c.pdf', mediaType: null },
                  { id: 2, kind: 'other', label: 'Notes', lang: '', url: null, mediaType: null },
                ],
              }),
              appearance('moderator', 'Jo Lee', 'Director, IOM'),
            ],
          },
        ],
      },
    ],
  });
  const ics = eventCalendar(data);
  assertLineFormat(ics);
  const cal = new ICAL.Component(ICAL.parse(ics));
  // ical.js leaves NAME (RFC 7986) and X- properties as raw text; RFC 5545 makes them TEXT, so unescape them here.
  const unescape = (v: unknown) => String(v).replace(/\\([\\;,nN])/g, (_, ch: string) => (ch === 'n' || ch === 'N' ? '\n' : ch));
  assert.equal(unescape(cal.getFirstPropertyValue('name')), data.event.title);
  assert.equal(unescape(cal.getFirstPropertyValue('x-wr-calname')), data.event.title);
  const [e] = events(ics);
  assert.equal(e!.summary, 'Panel 1: Migrants, mobility; and the SDGs — Dialogue; migration, and "us" \\ them — Genève');
  assert.equal(e!.location, 'Palais des Nations, Geneva');
  assert.equal(
    e!.description,
    [
      'Moderator: Jo Lee, Director, IOM',
      'Keynote: H.E. Ms. Ana Pérez, Minister, Ministry of Foreign Affairs, Spain — “Why it matters”',
      '  Statement (Spanish): https://x.example/a,b;c.pdf',
      '  Notes',
      '',
      'https://plenary.example/events/test-event#session-1',
    ].join('\n'),
  );
  assert.equal(e!.component.getFirstPropertyValue('attach'), 'https://x.example/a%2Cb%3Bc.pdf');
  assert.equal(e!.component.getFirstPropertyValue('url'), 'https://plenary.example/events/test-event#session-1');
  assert.equal(sessionDescription(data.days[0]!.sessions[0]!), e!.description);
});

test('a person calendar spans events and zones, each summary naming its event', () => {
  const geneva = fixture({ timeZone: 'Europe/Zurich', slug: 'geneva', title: 'Geneva meeting', days: [{ date: '2024-06-03', sessions: [{ id: 1, start: '09:00', end: '10:00' }] }] });
  const delhi = fixture({ timeZone: 'Asia/Kolkata', slug: 'delhi', title: 'Delhi meeting', days: [{ date: '2024-11-05', sessions: [{ id: 2, start: '09:00', end: '10:00' }] }] });
  const ics = personCalendar({ name: 'Ana Pérez', url: 'https://plenary.example/people/ana-perez' }, [
    { data: geneva, day: geneva.days[0]!, session: geneva.days[0]!.sessions[0]! },
    { data: delhi, day: delhi.days[0]!, session: delhi.days[0]!.sessions[0]! },
  ]);
  assertLineFormat(ics);
  const got = events(ics).map((e) => [e.summary, instant(e.startDate), e.startDate.zone?.tzid]);
  assert.deepEqual(got, [
    ['Session 1 — Geneva meeting', '2024-06-03T07:00:00Z', 'Europe/Zurich'],
    ['Session 2 — Delhi meeting', '2024-11-05T03:30:00Z', 'Asia/Kolkata'],
  ]);
  assert.doesNotMatch(ics, /X-WR-TIMEZONE/, 'no single zone for a calendar spanning two');
  assert.match(ics, /\r\nSOURCE;VALUE=URI:https:\/\/plenary.example\/people\/ana-perez\/calendar.ics\r\n/);
});

/** The VEVENT blocks of a file, unfolded, keyed by UID. */
function veventBlocks(ics: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of ics.replace(/\r\n[ \t]/g, '').matchAll(/BEGIN:VEVENT\r\n[\s\S]*?END:VEVENT\r\n/g)) {
    out.set(/\r\nUID:([^\r]+)\r\n/.exec(m[0])![1]!, m[0]);
  }
  return out;
}

test('speakers and moderators are ATTENDEEs with their page as address; the convener is the ORGANIZER; no METHOD', () => {
  const convener = { id: 9, slug: 'iom', name: 'International Organization for Migration', kind: 'igo', url: 'https://plenary.example/organizations/iom' };
  const base = fixture({
    timeZone: 'Europe/Zurich',
    days: [
      {
        date: '2024-06-03',
        sessions: [
          {
            id: 1,
            start: '09:00',
            end: '10:00',
            appearances: [
              appearance('speaker', 'Ana Pérez', 'Spain'),
              appearance('moderator', 'Jo "JJ" Lee, Jr.', 'IOM'),
              // Moderator and speaker in one session: one ATTENDEE, as the chair.
              appearance('speaker', 'Jo "JJ" Lee, Jr.', 'IOM'),
            ],
          },
          { id: 2, start: '10:00', end: '10:30', kind: 'break', title: 'Break' },
        ],
      },
    ],
  });
  const withConvener: EventExport = { ...base, series: { ...base.series, convener } };
  const withContact: EventExport = { ...withConvener, event: { ...base.event, contactEmail: 'idm@iom.example' } };
  const contactOnly: EventExport = { ...base, event: { ...base.event, contactEmail: 'idm@iom.example' } };

  const read = (data: EventExport) => {
    const ics = eventCalendar(data);
    assertLineFormat(ics);
    const cal = new ICAL.Component(ICAL.parse(ics));
    assert.equal(cal.getFirstPropertyValue('method'), null, 'no METHOD: iTIP forbids ATTENDEE in a PUBLISH');
    return cal.getAllSubcomponents('vevent').map((v) => ({
      organizer: v.getFirstProperty('organizer') ? [v.getFirstProperty('organizer')!.getParameter('cn') ?? null, v.getFirstPropertyValue('organizer')] : null,
      attendees: v.getAllProperties('attendee').map((p) => [p.getParameter('cn'), p.getParameter('role'), p.getParameter('partstat'), p.getFirstValue()]),
    }));
  };
  const attendees = [
    ['Jo \'JJ\' Lee, Jr.', 'CHAIR', 'ACCEPTED', 'https://plenary.example/people/jo-jj-lee-jr-'],
    ['Ana Pérez', 'REQ-PARTICIPANT', 'ACCEPTED', 'https://plenary.example/people/ana-p-rez'],
  ];
  assert.deepEqual(read(base), [
    { organizer: null, attendees },
    { organizer: null, attendees: [] },
  ]);
  const atPage = ['International Organization for Migration', 'https://plenary.example/organizations/iom'];
  assert.deepEqual(read(withConvener), [
    { organizer: atPage, attendees },
    { organizer: atPage, attendees: [] },
  ]);
  const atMail = ['International Organization for Migration', 'mailto:idm@iom.example'];
  assert.deepEqual(read(withContact), [
    { organizer: atMail, attendees },
    { organizer: atMail, attendees: [] },
  ]);
  assert.deepEqual(read(contactOnly)[0]!.organizer, [null, 'mailto:idm@iom.example']);
  // The parameter value is quoted, so the comma in a name does not end it.
  assert.match(eventCalendar(withContact).replace(/\r\n[ \t]/g, ''), /\r\nATTENDEE;CN="Jo 'JJ' Lee, Jr.";ROLE=CHAIR;PARTSTAT=ACCEPTED:https:\/\/plenary.example\/people\/jo-jj-lee-jr-\r\n/);
});

test('a session is the identical VEVENT in the event, session and person calendars', () => {
  const convener = { id: 9, slug: 'iom', name: 'International Organization for Migration', kind: 'igo', url: 'https://plenary.example/organizations/iom' };
  const plain = fixture({
    timeZone: 'Europe/Zurich',
    title: 'Geneva meeting',
    days: [{ date: '2024-06-03', sessions: [{ id: 1, start: '09:00', end: '10:00', appearances: [appearance('speaker', 'Ana Pérez', 'Spain')] }, { id: 2, start: '10:00', end: '11:00' }] }],
  });
  const data: EventExport = { ...plain, series: { ...plain.series, convener } };
  const event = veventBlocks(eventCalendar(data));
  const session = veventBlocks(sessionCalendar(data, 1)!);
  const person = veventBlocks(
    personCalendar({ name: 'Ana Pérez', url: 'https://plenary.example/people/ana-p-rez' }, [{ data, day: data.days[0]!, session: data.days[0]!.sessions[0]! }]),
  );
  const uid = '00000000-0000-5000-8000-000000000001@plenary.example';
  assert.deepEqual([...session.keys()], [uid]);
  assert.deepEqual([...person.keys()], [uid]);
  assert.equal(session.get(uid), event.get(uid));
  assert.equal(person.get(uid), event.get(uid));
  assert.match(event.get(uid)!, /\r\nSUMMARY:Session 1 — Geneva meeting\r\n/);
});
