// The frab schedule exports over HTTP, on the demo event (2 days, 10 sessions, America/New_York),
// on every engine: media types, validity, exact values, caching, stability across a re-import, 404s.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { create } from 'xmlbuilder2';
import { importAgenda } from '../src/operations/import-agenda.ts';
import { importDemo } from '../src/operations/demo.ts';
import { publishEvent } from '../src/operations/releases.ts';
import { addAccount } from '../src/operations/accounts.ts';
import { saveForm } from '../src/operations/edit-record.ts';
import { formValues } from '../src/domain/editing.ts';
import { ENGINES } from './engines.ts';
import { confclerkRead, confyMissing, confyRead } from './conference-apps.ts';
import { agenda, person, session } from './factories.ts';
import { scheduleJsonValidator, validateScheduleXml } from './frab-validate.ts';
import { demoSite } from './server.ts';
import { SHARED_SKIP } from './shared.ts';

type El = { getAttribute(n: string): string | null; getElementsByTagName(n: string): { length: number; item(i: number): El | null }; textContent: string | null };
const all = (el: El, tag: string): El[] => {
  const list = el.getElementsByTagName(tag);
  return Array.from({ length: list.length }, (_, i) => list.item(i)!);
};
const child = (el: El, tag: string): string => all(el, tag)[0]?.textContent ?? '';

type JsonEvent = { id: number; guid: string; date: string; start: string; duration: string; title: string; persons: Array<{ name: string; role: string; organization: string | null; country: string | null }> };

const PANEL_1 = 'Panel 1: Implementing the SDGs and other major frameworks: how the Global Compact on Migration can help meet commitments made';
const PANEL_1_PERSONS = ['William Lacy Swing', 'Ahmed Hussen', 'Isata Kabia', 'Juan José Gómez Camacho', 'Robert J. Vitillo', 'Gregory Maniatis'];
const DEMO_TITLE = 'International Dialogue on Migration 2017 — first workshop, New York';
/** The conference's start as it was written before: an instant, which the XSD allows and the apps cannot read. */
const asInstant = (xml: string) => xml.replace('<start>2017-04-18</start>', '<start>2017-04-18T10:00:00-04:00</start>').replace('<end>2017-04-19</end>', '<end>2017-04-19T17:00:00-04:00</end>');
const CONFY_SKIP = confyMissing();

for (const engine of ENGINES) {
  describe(`frab schedule exports (${engine})`, () => {
    test('schedule.xml and schedule.json of the demo event', async () => {
      const site = await demoSite(engine);
      try {
        const xmlUrl = `${site.base}/events/idm-2017-new-york/schedule.xml`;
        const jsonUrl = `${site.base}/events/idm-2017-new-york/schedule.json`;

        const x1 = await fetch(xmlUrl);
        assert.equal(x1.status, 200);
        assert.equal(x1.headers.get('content-type'), 'application/xml; charset=utf-8');
        assert.equal(x1.headers.get('access-control-allow-origin'), '*');
        const xml = await x1.text();
        const doc = create(xml).node as unknown as El;
        assert.equal(child(doc, 'acronym'), 'idm_2017_new_york');
        assert.deepEqual([child(all(doc, 'conference')[0]!, 'start'), child(all(doc, 'conference')[0]!, 'end')], ['2017-04-18', '2017-04-19']);
        assert.equal(child(doc, 'url'), `${site.base}/events/idm-2017-new-york/schedule.xml`);
        assert.equal(child(doc, 'base_url'), `${site.base}/`);
        assert.equal(child(doc, 'time_zone_name'), 'America/New_York');
        assert.equal(child(doc, 'days'), '2');
        assert.equal(child(doc, 'timeslot_duration'), '00:30');
        assert.deepEqual(
          all(doc, 'day').map((d) => [d.getAttribute('date'), d.getAttribute('start'), d.getAttribute('end')]),
          [
            ['2017-04-18', '2017-04-18T10:00:00-04:00', '2017-04-18T18:00:00-04:00'],
            ['2017-04-19', '2017-04-19T10:00:00-04:00', '2017-04-19T17:00:00-04:00'],
          ],
        );
        const rooms = all(doc, 'room').filter((r) => r.getAttribute('name') !== null);
        assert.deepEqual(rooms.map((r) => r.getAttribute('name')), ['United Nations Headquarters', 'United Nations Headquarters']);

        const events = all(doc, 'event');
        assert.equal(events.length, 10);
        assert.deepEqual(events.map((e) => e.getAttribute('id')), ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
        assert.deepEqual(
          [child(events[0]!, 'title'), child(events[0]!, 'date'), child(events[0]!, 'start'), child(events[0]!, 'duration'), child(events[0]!, 'type')],
          ['Opening Session', '2017-04-18T10:00:00-04:00', '10:00', '01:30', 'opening'],
        );
        for (const e of events) assert.equal(child(e, 'date').slice(11, 16), child(e, 'start'), `event ${e.getAttribute('id')}: <date> and <start> agree`);
        assert.deepEqual(events.filter((e) => child(e, 'type') === 'break').map((e) => e.getAttribute('id')), ['3', '8']);

        const panel1 = events[1]!;
        assert.equal(child(panel1, 'title'), PANEL_1);
        assert.deepEqual(all(panel1, 'person').map((p) => p.textContent), PANEL_1_PERSONS);
        assert.match(child(panel1, 'description'), /^Moderator: William Lacy Swing \(Director General, International Organization for Migration\)\nSpeakers: Ahmed Hussen \(Minister of Immigration, Refugees, and Citizenship, Canada\); /);
        // 37 appearances; nobody appears twice within one session.
        assert.equal(all(doc, 'person').length, 37);

        const guids = events.map((e) => e.getAttribute('guid'));
        assert.equal(new Set(guids).size, 10);

        // Rendered once: the second answer is the same bytes, and a matching ETag gets a 304.
        const x2 = await fetch(xmlUrl);
        assert.equal(await x2.text(), xml);
        assert.equal((await fetch(xmlUrl, { headers: { 'if-none-match': x2.headers.get('etag')! } })).status, 304);

        const j1 = await fetch(jsonUrl);
        assert.equal(j1.status, 200);
        assert.equal(j1.headers.get('content-type'), 'application/json; charset=utf-8');
        const json = (await j1.json()) as { schedule: { version: string; conference: { days: Array<{ rooms: Record<string, JsonEvent[]> }> } } };
        const jsonEvents: JsonEvent[] = json.schedule.conference.days.flatMap((d) => Object.values(d.rooms).flat());
        assert.equal(jsonEvents.length, 10);
        assert.deepEqual(jsonEvents.map((e) => e.guid), guids, 'the same guids in both formats');
        assert.deepEqual([jsonEvents[0]!.date, jsonEvents[0]!.start, jsonEvents[0]!.duration], ['2017-04-18T10:00:00-04:00', '10:00', '01:30']);
        const p1 = jsonEvents[1]!;
        assert.equal(p1.title, PANEL_1);
        assert.deepEqual(
          p1.persons.map((p) => [p.name, p.role, p.organization, p.country]),
          [
            ['William Lacy Swing', 'moderator', 'International Organization for Migration', null],
            ['Ahmed Hussen', 'speaker', null, 'CA'],
            ['Isata Kabia', 'speaker', 'Ministry of Foreign Affairs and International Cooperation', 'SL'],
            ['Juan José Gómez Camacho', 'speaker', null, null],
            ['Robert J. Vitillo', 'speaker', 'International Catholic Migration Commission', null],
            ['Gregory Maniatis', 'speaker', 'Open Society Foundations', null],
          ],
        );
        assert.ok(jsonEvents.every((e) => e.persons.every((p) => !('id' in p))), 'no integer person ids');

        // The version is the release the public sees: the demo was published as release 1.
        const version = (s: string) => /<version>([^<]+)<\/version>/.exec(s)![1];
        assert.equal(version(xml), 'release 1');
        // The same page imported again changes nothing, not even the version.
        const again = await importDemo(site.storage);
        assert.deepEqual(again.release, { changed: false, number: 1 });
        assert.equal(version(await (await fetch(xmlUrl)).text()), version(xml));
        // A change of the event moves the version once published; the guids stay, and so does everything else.
        const ev = await site.storage.db.selectFrom('event').selectAll().where('slug', '=', 'idm-2017-new-york').executeTakeFirstOrThrow();
        await addAccount(site.storage, { email: 'ed@example.org', role: 'admin', series: [], password: 'correct horse battery' });
        const actor = { accountId: (await site.storage.db.selectFrom('account').select('id').executeTakeFirstOrThrow()).id };
        const form = Object.fromEntries(Object.entries(formValues('event', ev)).map(([k, v]) => [k, k === 'overview' ? `${v} Revised.` : v]));
        await saveForm(site.storage, actor, 'event', ev.id, ev.version, form);
        assert.equal(version(await (await fetch(xmlUrl)).text()), 'release 1', 'the saved change is not public before it is published');
        assert.equal((await publishEvent(site.storage, ev.id, actor)).changed, true);
        const after = await (await fetch(xmlUrl)).text();
        assert.equal(version(after), 'release 2');
        assert.equal(after.replace(/<version>[^<]+<\/version>/, ''), xml.replace(/<version>[^<]+<\/version>/, ''));
        const jsonAfter = (await (await fetch(jsonUrl)).json()) as { schedule: { version: string } };
        assert.equal(jsonAfter.schedule.version, version(after));

      } finally {
        await site.stop();
      }
    });

    test('validity of the demo exports against the C3VOC schemas', { skip: SHARED_SKIP }, async () => {
      const site = await demoSite(engine);
      try {
        const xml = await (await fetch(`${site.base}/events/idm-2017-new-york/schedule.xml`)).text();
        assert.deepEqual(await validateScheduleXml(xml), { valid: true, errors: [] });
        const broken = xml.replace(/(<day index="1" date="2017-04-18" start="2017-04-18T10:00:00)-04:00"/, '$1"');
        assert.notEqual(broken, xml);
        assert.equal((await validateScheduleXml(broken)).valid, false);
        // ConfClerk's and confy's "where" come from <conference><venue> and <city>, which this XSD
        // does not allow: the venue is given where it does allow it, as the room of every event.
        const withVenue = xml.replace('<days>2</days>', '<days>2</days>\n    <venue>United Nations Headquarters</venue>\n    <city>New York</city>');
        assert.notEqual(withVenue, xml);
        assert.equal((await validateScheduleXml(withVenue)).valid, false);
        const validate = scheduleJsonValidator();
        const json = await (await fetch(`${site.base}/events/idm-2017-new-york/schedule.json`)).json();
        assert.equal(validate(json), true, JSON.stringify(validate.errors));
      } finally {
        await site.stop();
      }
    });

    test('ConfClerk reads the conference dates, every event on its day, and the venue as each room', async () => {
      const site = await demoSite(engine);
      try {
        const xml = await (await fetch(`${site.base}/events/idm-2017-new-york/schedule.xml`)).text();
        const read = confclerkRead(xml);
        assert.deepEqual(read.conference, { title: DEMO_TITLE, venue: '', city: '', start: '2017-04-18', end: '2017-04-19' });
        assert.equal(read.events.length, 10);
        assert.deepEqual(read.shown, read.events.map((e) => e.id), 'every event falls on a day of the conference');
        // ConfClerk keeps the schedule's local wall time (as if UTC) and shows it as is.
        assert.deepEqual(read.events.slice(0, 3).map((e) => [e.id, e.start, e.duration, e.room, e.title]), [
          ['1', '2017-04-18T10:00:00Z', 5400, 'United Nations Headquarters', 'Opening Session'],
          ['2', '2017-04-18T11:30:00Z', 5400, 'United Nations Headquarters', PANEL_1],
          ['3', '2017-04-18T13:00:00Z', 7200, 'United Nations Headquarters', 'Break'],
        ]);
        assert.deepEqual(read.events[1]!.persons, PANEL_1_PERSONS);
        assert.ok(read.events.every((e) => e.room === 'United Nations Headquarters'));
        assert.equal(read.where, '', 'the XSD has no <venue> or <city> in <conference> (see the validity test)');

        // The old output: an invalid date, stored as 2106-02-07, and no event on any day.
        const old = confclerkRead(asInstant(xml));
        assert.deepEqual([old.conference.start, old.conference.end, old.shown.length], ['2106-02-07', '2106-02-07', 0]);
      } finally {
        await site.stop();
      }
    });

    test('confy loads schedule.xml with its own importer: dates, every event at its instant, rooms and persons', { skip: CONFY_SKIP }, async () => {
      const site = await demoSite(engine);
      try {
        const xml = await (await fetch(`${site.base}/events/idm-2017-new-york/schedule.xml`)).text();
        // A device in the venue's zone, as confy reads times as the device's local time.
        const r = confyRead(xml, 'America/New_York');
        assert.ok(r.ok, r.ok ? '' : r.error);
        const c = r.value;
        assert.deepEqual([c.title, c.start, c.end, c.venue, c.city], [DEMO_TITLE, '2017-04-18T00:00:00', '2017-04-19T00:00:00', '', '']);
        assert.equal(c.events.length, 10);
        // confy stores UTC: each event at the instant our <date> gives.
        const doc = create(xml).node as unknown as El;
        const instants = new Map(all(doc, 'event').map((e) => [e.getAttribute('id')!, new Date(child(e, 'date')).toISOString().slice(0, 19)]));
        assert.deepEqual(new Map(c.events.map((e) => [e.id, e.start])), instants);
        assert.deepEqual(c.events.slice(0, 2).map((e) => [e.id, e.date, e.start, e.end, e.room, e.title]), [
          ['1', '2017-04-18', '2017-04-18T14:00:00', '2017-04-18T15:30:00', 'United Nations Headquarters', 'Opening Session'],
          ['2', '2017-04-18', '2017-04-18T15:30:00', '2017-04-18T17:00:00', 'United Nations Headquarters', PANEL_1],
        ]);
        assert.deepEqual(c.events[1]!.persons, [...PANEL_1_PERSONS].sort());

        // The old output stops confy, as reported.
        const old = confyRead(asInstant(xml), 'America/New_York');
        assert.deepEqual(old, { ok: false, error: "ValueError: time data '2017-04-18T10:00:00-04:00' does not match format '%Y-%m-%d %H:%M:%S'" });
      } finally {
        await site.stop();
      }
    });

    test('unknown and unpublished events are 404', async () => {
      const site = await demoSite(engine, { demo: false });
      try {
        await importAgenda(site.storage, agenda([{ date: '2024-03-30', sessions: [session({ speakers: [person('Ana Lee')] })] }]), {
          series: { slug: 's', title: 'S' },
          event: { slug: 'draft', title: 'Draft', timeZone: 'Europe/Zurich', status: 'draft' },
        });
        for (const path of ['/events/draft/schedule.xml', '/events/draft/schedule.json', '/events/nope/schedule.xml', '/events/nope/schedule.json']) {
          const r = await fetch(`${site.base}${path}`);
          assert.equal(r.status, 404, path);
          await r.arrayBuffer();
        }
      } finally {
        await site.stop();
      }
    });
  });
}
