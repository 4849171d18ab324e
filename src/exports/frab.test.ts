// The frab renderers on a hand-made event: validity against the C3VOC XSD and JSON schema (with
// negative controls), <date>/<start> agreement across a DST gap, sessions without a time left
// out, roles and materials, forbidden characters, stable bytes and guids.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { create } from 'xmlbuilder2';
import { stableGuid } from '../domain/guid.ts';
import { scheduleJsonValidator, validateScheduleXml } from '../../test/frab-validate.ts';
import { SHARED_SKIP, sharedPath } from '../../test/shared.ts';
import { acronymFor } from './frab-common.ts';
import { renderFrabJson } from './frab-json.ts';
import { renderFrabXml } from './frab-xml.ts';
import type { EventExport, ExportAppearance, ExportMaterial, ExportSession } from './model.ts';

const BASE = 'https://plenary.example';
const EV = `${BASE}/events/wha-78-side`;

function appearance(id: number, role: 'moderator' | 'speaker', name: string, extra: Partial<ExportAppearance> = {}): ExportAppearance {
  const slug = name.toLowerCase().replace(/[^a-z]+/g, '-');
  return {
    id,
    role,
    roleLabel: null,
    position: id,
    honorific: null,
    person: { id: id + 100, guid: stableGuid(`person:${slug}`), slug, name, url: `${BASE}/people/${slug}` },
    affiliation: { position: null, organization: null, country: null, countryCode: null, text: '' },
    talkTitle: null,
    materials: [],
    ...extra,
  };
}

function material(id: number, kind: string, label: string, url: string | null, mediaType: string | null, lang = 'en'): ExportMaterial {
  return { id, kind, label, lang, url, mediaType };
}

function session(id: number, date: string, extra: Partial<ExportSession>): ExportSession {
  return {
    id,
    guid: stableGuid(`event:wha-78-side:session:${id}`),
    kind: 'panel',
    number: null,
    title: null,
    displayTitle: 'Session',
    lang: 'en',
    date,
    start: null,
    end: null,
    startsAt: null,
    endsAt: null,
    startsAtUtc: null,
    endsAtUtc: null,
    durationMinutes: null,
    url: `${EV}#session-${id}`,
    appearances: [],
    ...extra,
  };
}

const WHO = { id: 1, slug: 'who', name: 'World Health Organization', kind: 'igo', url: `${BASE}/organizations/who` };

// Three days in New York around the spring-forward night of 2017-03-12 (02:00 → 03:00).
function fixture(generation = 7): EventExport {
  const panel = session(11, '2017-03-11', {
    number: 1,
    title: 'Financing <primary> care & "access"',
    // A BEL and a vertical tab pasted from a statement: XML 1.0 forbids both.
    displayTitle: 'Panel 1: Financing <primary> care\u0007 & "access"\u000B',
    start: '10:00',
    end: '11:30',
    startsAt: '2017-03-11T10:00:00-05:00',
    endsAt: '2017-03-11T11:30:00-05:00',
    startsAtUtc: '2017-03-11T15:00:00Z',
    endsAtUtc: '2017-03-11T16:30:00Z',
    durationMinutes: 90,
    appearances: [
      // Printed order puts a speaker first; moderators still lead the persons list.
      appearance(2, 'speaker', 'Jean Dupont', {
        position: 1,
        honorific: 'H.E. Mr.',
        affiliation: { position: 'Minister of Health', organization: null, country: 'France', countryCode: 'FR', text: 'Minister of Health, France' },
        materials: [
          material(1, 'statement', 'Statement', `${BASE}/files/0b7a3c4e-1111-5222-8333-444455556666`, 'application/pdf', 'fr'),
          material(2, 'video', 'Video', 'https://video.example/v/1', null),
          material(3, 'presentation', 'Presentation', null, null),
        ],
      }),
      appearance(1, 'moderator', 'Amina Diallo', {
        position: 0,
        roleLabel: 'Chair',
        affiliation: { position: 'Director', organization: WHO, country: null, countryCode: null, text: 'Director, World Health Organization' },
      }),
      appearance(3, 'speaker', 'Kenji Sato', {
        position: 2,
        talkTitle: 'Lessons from Japan',
        materials: [material(4, 'presentation', 'Presentation', `${BASE}/files/1c8b4d5f-2222-5333-9444-555566667777`, 'application/pdf')],
      }),
    ],
  });
  const untimed = session(12, '2017-03-11', { kind: 'other', title: 'Bilateral meetings', displayTitle: 'Bilateral meetings' });
  const reception = session(13, '2017-03-11', {
    kind: 'other',
    title: 'Reception',
    displayTitle: 'Reception',
    start: '23:00',
    end: '01:00',
    startsAt: '2017-03-11T23:00:00-05:00',
    endsAt: '2017-03-12T01:00:00-05:00',
    startsAtUtc: '2017-03-12T04:00:00Z',
    endsAtUtc: '2017-03-12T06:00:00Z',
    durationMinutes: 120,
  });
  // 02:30 does not exist that night; the loader resolves it to 03:30 EDT ('compatible').
  const gap = session(14, '2017-03-12', {
    kind: 'keynote',
    title: 'Night keynote',
    displayTitle: 'Night keynote',
    start: '02:30',
    end: '04:00',
    startsAt: '2017-03-12T03:30:00-04:00',
    endsAt: '2017-03-12T04:00:00-04:00',
    startsAtUtc: '2017-03-12T07:30:00Z',
    endsAtUtc: '2017-03-12T08:00:00Z',
    durationMinutes: 30,
  });
  // A start without an end: both formats need a duration; we claim none.
  const open = session(15, '2017-03-13', {
    kind: 'closing',
    title: 'Closing',
    displayTitle: 'Closing',
    lang: 'fr',
    start: '09:15',
    startsAt: '2017-03-13T09:15:00-04:00',
    startsAtUtc: '2017-03-13T13:15:00Z',
  });
  return {
    baseUrl: BASE,
    generation,
    updatedAt: '2017-01-01T00:00:00Z',
    series: { id: 1, slug: 'wha', title: 'WHA', url: `${BASE}/series/wha`, convener: null },
    event: {
      id: 1,
      guid: stableGuid('event:wha-78-side'),
      roomGuid: stableGuid('event:wha-78-side:room'),
      slug: 'wha-78-side',
      title: 'Side events \u0001& panels',
      lang: 'en',
      startDate: '2017-03-11',
      endDate: '2017-03-14',
      timeZone: 'America/New_York',
      venue: null,
      address: null,
      city: 'New York',
      countryCode: 'US',
      countryName: 'United States of America',
      overview: 'Ministers meet.',
      themes: [],
      contactEmail: null,
      status: 'published',
      url: EV,
    },
    days: [
      { index: 1, date: '2017-03-11', label: null, sessions: [panel, untimed, reception] },
      { index: 2, date: '2017-03-12', label: null, sessions: [gap] },
      { index: 3, date: '2017-03-13', label: null, sessions: [open] },
      { index: 4, date: '2017-03-14', label: null, sessions: [] },
    ],
    documents: [material(9, 'other', 'Photos', `${BASE}/files/2d9c5e6a-3333-5444-a555-666677778888`, 'image/jpeg')],
    release: null,
    cancelled: [],
  };
}

type El = { getAttribute(n: string): string | null; getElementsByTagName(n: string): { length: number; item(i: number): El | null }; textContent: string | null };
const all = (el: El, tag: string): El[] => {
  const list = el.getElementsByTagName(tag);
  return Array.from({ length: list.length }, (_, i) => list.item(i)!);
};
const child = (el: El, tag: string): string => all(el, tag)[0]?.textContent ?? '';
const parse = (xml: string) => create(xml).node as unknown as El;

// The XML 1.0 characters: anything else makes xmllint reject the whole file.
const XML_CHARS = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;

test('acronyms are valid in both the XSD and the JSON schema', () => {
  const xsd = /^[a-z0-9_-]{4,}$/;
  const json = /^[a-z0-9_-][a-z0-9_]{3,}(-2[0-9]{3}-[a-z]+)?$/;
  for (const [slug, want] of [
    ['idm-2017-new-york', 'idm_2017_new_york'],
    ['wha-78-side', 'wha_78_side'],
    ['g7', 'g7__'],
  ] as const) {
    assert.equal(acronymFor(slug), want);
    assert.match(want, xsd);
    assert.match(want, json);
  }
});

test('schedule.xml: the events, times, persons and materials', () => {
  const xml = renderFrabXml(fixture());
  assert.match(xml, XML_CHARS);
  const doc = parse(xml);
  assert.equal(child(doc, 'version'), '1.7');
  assert.equal(child(doc, 'acronym'), 'wha_78_side');
  assert.equal(child(doc, 'title'), 'Side events & panels');
  assert.equal(child(doc, 'time_zone_name'), 'America/New_York');
  assert.equal(child(doc, 'days'), '4');
  assert.equal(child(doc, 'timeslot_duration'), '00:15');

  const days = all(doc, 'day');
  assert.deepEqual(
    days.map((d) => [d.getAttribute('index'), d.getAttribute('date'), d.getAttribute('start'), d.getAttribute('end')]),
    [
      // The reception runs past midnight, and its day's window runs with it.
      ['1', '2017-03-11', '2017-03-11T10:00:00-05:00', '2017-03-12T01:00:00-05:00'],
      ['2', '2017-03-12', '2017-03-12T03:30:00-04:00', '2017-03-12T04:00:00-04:00'],
      ['3', '2017-03-13', '2017-03-13T09:15:00-04:00', '2017-03-13T09:15:00-04:00'],
      // A day with nothing timed spans the local day.
      ['4', '2017-03-14', '2017-03-14T00:00:00-04:00', '2017-03-14T23:59:59-04:00'],
    ],
  );
  // The conference's start and end are dates: what ConfClerk and confy read (test/schedule.test.ts).
  assert.deepEqual([child(doc, 'start'), child(doc, 'end')], ['2017-03-11', '2017-03-14']);
  assert.deepEqual(all(doc, 'room').filter((r) => r.getAttribute('name')).map((r) => r.getAttribute('name')), ['Main room', 'Main room', 'Main room', 'Main room']);

  const events = all(doc, 'event');
  // Session 12 has no start time and cannot be expressed.
  assert.deepEqual(events.map((e) => e.getAttribute('id')), ['11', '13', '14', '15']);
  assert.deepEqual(
    events.map((e) => [child(e, 'date'), child(e, 'start'), child(e, 'duration'), child(e, 'type'), child(e, 'language')]),
    [
      ['2017-03-11T10:00:00-05:00', '10:00', '01:30', 'panel', 'en'],
      ['2017-03-11T23:00:00-05:00', '23:00', '02:00', 'other', 'en'],
      ['2017-03-12T03:30:00-04:00', '03:30', '00:30', 'keynote', 'en'],
      ['2017-03-13T09:15:00-04:00', '09:15', '00:00', 'closing', 'fr'],
    ],
  );
  for (const e of events) assert.equal(child(e, 'date').slice(11, 16), child(e, 'start'), `event ${e.getAttribute('id')}: <date> and <start> agree`);

  const panel = events[0]!;
  assert.equal(panel.getAttribute('guid'), stableGuid('event:wha-78-side:session:11'));
  assert.equal(child(panel, 'title'), 'Panel 1: Financing <primary> care & "access"');
  assert.equal(child(panel, 'slug'), 'wha_78_side-11-panel-1-financing-primary-care-access');
  assert.equal(child(panel, 'url'), `${EV}#session-11`);
  assert.deepEqual(
    all(panel, 'person').map((p) => [p.getAttribute('id'), p.getAttribute('guid'), p.textContent]),
    [
      ['101', stableGuid('person:amina-diallo'), 'Amina Diallo'],
      ['102', stableGuid('person:jean-dupont'), 'Jean Dupont'],
      ['103', stableGuid('person:kenji-sato'), 'Kenji Sato'],
    ],
  );
  assert.equal(
    child(panel, 'description'),
    'Moderator: Amina Diallo [Chair] (Director, World Health Organization)\n' +
      'Speakers: H.E. Mr. Jean Dupont (Minister of Health, France); Kenji Sato: “Lessons from Japan”',
  );
  // Stored files are attachments, pages elsewhere links; a material with no URL is left out.
  assert.deepEqual(
    all(panel, 'attachment').map((a) => [a.getAttribute('type'), a.getAttribute('href'), a.textContent]),
    [
      ['statement', `${BASE}/files/0b7a3c4e-1111-5222-8333-444455556666`, 'Statement – H.E. Mr. Jean Dupont (fr)'],
      ['presentation', `${BASE}/files/1c8b4d5f-2222-5333-9444-555566667777`, 'Presentation – Kenji Sato'],
    ],
  );
  assert.deepEqual(
    all(panel, 'link').map((a) => [a.getAttribute('type'), a.getAttribute('href'), a.textContent]),
    [['video', 'https://video.example/v/1', 'Video – H.E. Mr. Jean Dupont']],
  );
  assert.equal(all(events[1]!, 'description').length, 0, 'no persons, no description');
});

test('schedule.xml is valid against the C3VOC XSD, which rejects a day start without offset', { skip: SHARED_SKIP }, async () => {
  const xml = renderFrabXml(fixture());
  assert.deepEqual(await validateScheduleXml(xml), { valid: true, errors: [] });
  // Negative controls: the validator is shown to reject what it should.
  const noOffset = xml.replace('start="2017-03-11T10:00:00-05:00"', 'start="2017-03-11T10:00:00"');
  assert.notEqual(noOffset, xml);
  const r = await validateScheduleXml(noOffset);
  assert.equal(r.valid, false);
  assert.match(r.errors.join('\n'), /start/);
  const noType = xml.replace('<type>panel</type>', '');
  assert.equal((await validateScheduleXml(noType)).valid, false);
  // A zone the JSON schema refuses is still a plain string in the XML.
  const etc = fixture();
  etc.event.timeZone = 'Etc/GMT+5';
  assert.equal((await validateScheduleXml(renderFrabXml(etc))).valid, true);
});

test('schedule.json: pretalx-style persons with role, organization and country; mapped material types', () => {
  const doc = JSON.parse(renderFrabJson(fixture()));
  assert.equal(doc.$schema, 'https://c3voc.de/schedule/schema.json');
  assert.equal(doc.schedule.version, '1.7');
  const c = doc.schedule.conference;
  assert.equal(c.acronym, 'wha_78_side');
  assert.equal(c.time_zone_name, 'America/New_York');
  assert.equal(c.daysCount, 4);
  assert.deepEqual([c.start, c.end], ['2017-03-11', '2017-03-14']);
  assert.deepEqual(c.rooms, [{ name: 'Main room', guid: stableGuid('event:wha-78-side:room') }]);
  assert.deepEqual(
    c.days.map((d: { index: number; rooms: Record<string, Array<{ id: number; start: string; duration: string }>> }) => [
      d.index,
      d.rooms['Main room']!.map((e) => `${e.id} ${e.start} ${e.duration}`),
    ]),
    [
      [1, ['11 10:00 01:30', '13 23:00 02:00']],
      [2, ['14 03:30 00:30']],
      [3, ['15 09:15 00:00']],
      [4, []],
    ],
  );
  const panel = c.days[0].rooms['Main room'][0];
  assert.equal(panel.end, '2017-03-11T11:30:00-05:00');
  assert.equal(panel.subtitle, '');
  assert.deepEqual(panel.persons, [
    {
      name: 'Amina Diallo',
      guid: stableGuid('person:amina-diallo'),
      url: `${BASE}/people/amina-diallo`,
      role: 'moderator',
      organization: 'World Health Organization',
      country: null,
      biography: 'Director, World Health Organization',
    },
    {
      name: 'Jean Dupont',
      guid: stableGuid('person:jean-dupont'),
      url: `${BASE}/people/jean-dupont`,
      role: 'speaker',
      organization: null,
      country: 'FR',
      biography: 'Minister of Health, France',
    },
    { name: 'Kenji Sato', guid: stableGuid('person:kenji-sato'), url: `${BASE}/people/kenji-sato`, role: 'speaker', organization: null, country: null },
  ]);
  assert.deepEqual(panel.attachments, [
    { url: `${BASE}/files/0b7a3c4e-1111-5222-8333-444455556666`, title: 'Statement – H.E. Mr. Jean Dupont (fr)', type: 'paper' },
    { url: `${BASE}/files/1c8b4d5f-2222-5333-9444-555566667777`, title: 'Presentation – Kenji Sato', type: 'slides' },
  ]);
  assert.deepEqual(panel.links, [{ url: 'https://video.example/v/1', title: 'Video – H.E. Mr. Jean Dupont', type: 'media' }]);
  const reception = c.days[0].rooms['Main room'][1];
  assert.equal(reception.description, null);
  assert.equal('end' in c.days[2].rooms['Main room'][0], false, 'no end printed, none claimed');
});

test('schedule.json is valid against the C3VOC schema, which rejects its invalid example', { skip: SHARED_SKIP }, () => {
  const validate = scheduleJsonValidator();
  const ours = JSON.parse(renderFrabJson(fixture()));
  assert.equal(validate(ours), true, JSON.stringify(validate.errors));
  const invalid = JSON.parse(readFileSync(sharedPath('schemas/c3voc-schedule-json/examples/invalid-example.json'), 'utf8'));
  assert.equal(validate(invalid), false);
  assert.equal(validate.errors?.length, 8);
  // A person with an integer id next to public_name and name matches both oneOf branches: refused.
  const both = structuredClone(ours);
  Object.assign(both.schedule.conference.days[0].rooms['Main room'][0].persons[0], { id: 101, public_name: 'Amina Diallo' });
  assert.equal(validate(both), false);
  // Etc/GMT+5 fails the schema's time_zone_name pattern, so it is left out rather than sent.
  const etc = fixture();
  etc.event.timeZone = 'Etc/GMT+5';
  const etcDoc = JSON.parse(renderFrabJson(etc));
  assert.equal('time_zone_name' in etcDoc.schedule.conference, false);
  assert.equal(validate(etcDoc), true, JSON.stringify(validate.errors));
});

test('unchanged data renders to the same bytes; the version follows the generation, the guids do not', () => {
  assert.equal(renderFrabXml(fixture()), renderFrabXml(fixture()));
  assert.equal(renderFrabJson(fixture()), renderFrabJson(fixture()));
  const later = renderFrabXml(fixture(8));
  assert.match(later, /<version>1\.8<\/version>/);
  const guids = (xml: string) => all(parse(xml), 'event').map((e) => e.getAttribute('guid'));
  assert.deepEqual(guids(later), guids(renderFrabXml(fixture())));
  assert.equal(new Set(guids(later)).size, 4);
});
