// The event page's machine-readable head: schema.org JSON-LD checked against Google's Event
// structured-data requirements (as our own Ajv schema) with exact values, and the export links.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Ajv } from 'ajv';
import { ENGINES } from './engines.ts';
import { demoSite, type TestSite } from './server.ts';

const EVENT = '/events/idm-2017-new-york';
const WITH_OFFSET = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}[+-]\\d{2}:\\d{2}$';
const PANEL_1 = 'Panel 1: Implementing the SDGs and other major frameworks: how the Global Compact on Migration can help meet commitments made';

// Google: required name, startDate, location (a Place with name and address); recommended
// description, endDate, eventStatus, eventAttendanceMode, organizer (name, url), performer.
// Everything we provide is required here, so that a field that goes missing fails the test.
const place = {
  type: 'object',
  required: ['@type', 'name', 'address'],
  properties: {
    '@type': { const: 'Place' },
    name: { type: 'string', minLength: 1 },
    address: {
      type: 'object',
      required: ['@type', 'streetAddress', 'addressLocality', 'addressCountry'],
      properties: {
        '@type': { const: 'PostalAddress' },
        streetAddress: { type: 'string', minLength: 1 },
        addressLocality: { type: 'string', minLength: 1 },
        addressCountry: { type: 'string', pattern: '^[A-Z]{2}$' },
      },
    },
  },
};
const person = {
  type: 'object',
  required: ['@type', 'name', 'url'],
  properties: {
    '@type': { const: 'Person' },
    name: { type: 'string', minLength: 1 },
    url: { type: 'string', format: 'uri' },
    jobTitle: { type: 'string', minLength: 1 },
    honorificPrefix: { type: 'string', minLength: 1 },
    affiliation: {
      type: 'object',
      required: ['@type', 'name', 'url'],
      properties: { '@type': { const: 'Organization' }, name: { type: 'string', minLength: 1 }, url: { type: 'string' } },
    },
  },
};
const eventCore = {
  '@type': { const: 'Event' },
  name: { type: 'string', minLength: 1 },
  description: { type: 'string', minLength: 1 },
  startDate: { type: 'string', pattern: WITH_OFFSET },
  endDate: { type: 'string', pattern: WITH_OFFSET },
  eventStatus: { const: 'https://schema.org/EventScheduled' },
  eventAttendanceMode: { const: 'https://schema.org/OfflineEventAttendanceMode' },
  location: place,
  url: { type: 'string' },
  performer: { type: 'array', minItems: 1, items: person },
};
const SCHEMA = {
  type: 'object',
  required: ['@context', '@type', 'name', 'description', 'startDate', 'endDate', 'eventStatus', 'eventAttendanceMode', 'location', 'organizer', 'performer', 'url', 'inLanguage', 'subEvent'],
  properties: {
    ...eventCore,
    '@context': { const: 'https://schema.org' },
    inLanguage: { type: 'string', pattern: '^[a-z]{2}$' },
    organizer: {
      type: 'object',
      required: ['@type', 'name', 'url'],
      properties: { '@type': { const: 'Organization' }, name: { type: 'string', minLength: 1 }, url: { type: 'string' } },
    },
    subEvent: {
      type: 'array',
      items: {
        type: 'object',
        required: ['@type', 'name', 'startDate', 'endDate', 'eventStatus', 'eventAttendanceMode', 'location', 'url'],
        properties: eventCore,
        // A session with people names them, with their roles in words.
        dependencies: { performer: ['description'] },
      },
    },
  },
};

type Ld = Record<string, unknown> & { subEvent: Array<Record<string, unknown> & { performer?: Array<Record<string, unknown>> }> };

for (const engine of ENGINES) describe(`event page head (${engine})`, () => {
  let site: TestSite;
  let html: string;

  before(async () => {
    site = await demoSite(engine);
    const res = await fetch(site.base + EVENT);
    assert.equal(res.status, 200);
    html = await res.text();
  });
  after(() => site?.stop());

  test('JSON-LD: one data block in the head that passes the Event schema with exact values', () => {
    const head = html.slice(0, html.indexOf('</head>'));
    const blocks = [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)];
    assert.equal(blocks.length, 1, 'one JSON-LD block');
    assert.ok(head.includes(blocks[0]![0]), 'it is in the head');
    const raw = blocks[0]![1]!;
    assert.doesNotMatch(raw, /</, 'no < inside the script element');
    const ld = JSON.parse(raw) as Ld;

    const ajv = new Ajv({ allErrors: true, strict: true });
    ajv.addFormat('uri', /^https?:\/\/\S+$/);
    const validate = ajv.compile(SCHEMA);
    assert.ok(validate(ld), `schema errors: ${JSON.stringify(validate.errors, null, 1)}`);
    // The schema is not vacuous: it rejects what Google would flag.
    const noLocation = structuredClone(ld);
    delete noLocation.location;
    assert.equal(validate(noLocation), false, 'an Event without location is rejected');
    const utcSession = structuredClone(ld);
    utcSession.subEvent[0]!.startDate = '2017-04-18T14:00:00Z';
    assert.equal(validate(utcSession), false, 'a session start without the venue offset is rejected');
    const silentPanel = structuredClone(ld);
    delete silentPanel.subEvent[1]!.description;
    assert.equal(validate(silentPanel), false, 'performers without roles in words are rejected');

    assert.equal(ld.name, 'International Dialogue on Migration 2017 — first workshop, New York');
    assert.equal(ld.startDate, '2017-04-18T10:00:00-04:00');
    assert.equal(ld.endDate, '2017-04-19T17:00:00-04:00');
    assert.equal(ld.url, `${site.base}${EVENT}`);
    assert.equal(ld.inLanguage, 'en');
    assert.deepEqual(ld.location, {
      '@type': 'Place',
      name: 'United Nations Headquarters',
      address: { '@type': 'PostalAddress', streetAddress: '405 East 42nd Street', addressLocality: 'New York', addressCountry: 'US' },
    });
    // The convening body organizes; the series is what the event belongs to.
    const iomUrl = `${site.base}/organizations/international-organization-for-migration`;
    assert.deepEqual(ld.organizer, { '@type': 'Organization', name: 'International Organization for Migration', url: iomUrl });
    assert.deepEqual(ld.superEvent, { '@type': 'EventSeries', name: 'International Dialogue on Migration', url: `${site.base}/series/international-dialogue-on-migration` });
    assert.match(String(ld.description), /^The first of the two 2017 workshops of the International Dialogue on Migration met in New York/);
    assert.equal((ld.performer as unknown[]).length, 35, 'each of the 35 people once (37 appearances, two people twice)');

    assert.equal(ld.subEvent.length, 10);
    assert.deepEqual(
      ld.subEvent.map((s) => [s.name, s.startDate, s.endDate]).slice(0, 3),
      [
        ['Opening Session', '2017-04-18T10:00:00-04:00', '2017-04-18T11:30:00-04:00'],
        [PANEL_1, '2017-04-18T11:30:00-04:00', '2017-04-18T13:00:00-04:00'],
        ['Break', '2017-04-18T13:00:00-04:00', '2017-04-18T15:00:00-04:00'],
      ],
    );
    const panel1 = ld.subEvent[1]!;
    assert.equal(panel1.url, `${site.base}${EVENT}#session-2`);
    assert.deepEqual(
      panel1.performer!.map((p) => p.name),
      ['William Lacy Swing', 'Ahmed Hussen', 'Isata Kabia', 'Juan José Gómez Camacho', 'Robert J. Vitillo', 'Gregory Maniatis'],
    );
    // Node ids are the stored UUIDs (migration 0007), so a renamed session or person keeps theirs.
    const URN = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    assert.match(String((ld as Record<string, unknown>)['@id']), URN);
    assert.match(String((panel1 as Record<string, unknown>)['@id']), URN);
    const vitillo = panel1.performer![4] as Record<string, unknown>;
    assert.match(String(vitillo['@id']), URN);
    const everyone = ld.performer as Array<Record<string, unknown>>;
    assert.equal(everyone.find((p) => p.name === 'Robert J. Vitillo')?.['@id'], vitillo['@id'], 'one person, one id, wherever they appear');
    assert.deepEqual(panel1.performer![4], {
      '@type': 'Person',
      '@id': vitillo['@id'],
      name: 'Robert J. Vitillo',
      honorificPrefix: 'Msgr.',
      jobTitle: 'Secretary General',
      affiliation: { '@type': 'Organization', name: 'International Catholic Migration Commission', url: `${site.base}/organizations/international-catholic-migration-commission` },
      url: `${site.base}/people/robert-j-vitillo`,
    });
    assert.equal(
      panel1.description,
      'Moderator: William Lacy Swing. Speakers: Ahmed Hussen, Isata Kabia, Juan José Gómez Camacho, Robert J. Vitillo, Gregory Maniatis.',
    );
    assert.equal('performer' in ld.subEvent[2]!, false, 'a break has no performers');
  });

  test('JSON-LD under /fr/ and /ar/: the Event keeps its own language, the page (mainEntityOfPage) is in the reader’s, and texts in another language carry @language', async () => {
    const english = JSON.parse(html.match(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/)![1]!) as Ld;
    assert.deepEqual(english.mainEntityOfPage, { '@type': 'WebPage', '@id': `${site.base}${EVENT}`, url: `${site.base}${EVENT}`, inLanguage: 'en' });
    // Google's schema as above, where a name or description may also be a JSON-LD value with its language.
    const tagged = { oneOf: [{ type: 'string', minLength: 1 }, { type: 'object', required: ['@value', '@language'], additionalProperties: false, properties: { '@value': { type: 'string', minLength: 1 }, '@language': { type: 'string', pattern: '^[a-z]{2}$' } } }] };
    const sub = SCHEMA.properties.subEvent;
    const LOCALISED = {
      ...SCHEMA,
      properties: {
        ...SCHEMA.properties,
        name: tagged,
        description: tagged,
        mainEntityOfPage: { type: 'object', required: ['@type', '@id', 'url', 'inLanguage'], properties: { '@type': { const: 'WebPage' }, '@id': { type: 'string', format: 'uri' }, url: { type: 'string', format: 'uri' }, inLanguage: { type: 'string', pattern: '^[a-z]{2}$' } } },
        subEvent: { ...sub, items: { ...sub.items, properties: { ...eventCore, name: tagged, description: tagged } } },
      },
      required: [...SCHEMA.required, 'mainEntityOfPage'],
    };
    const ajv = new Ajv({ allErrors: true, strict: true });
    ajv.addFormat('uri', /^https?:\/\/\S+$/);
    const validate = ajv.compile(LOCALISED);
    // Role words, the colon after them and the list of names as the page's language writes them (punct.colon, Intl.ListFormat).
    const expected = {
      fr: 'Modération\u00a0: William Lacy Swing. Intervenant(e)s\u00a0: Ahmed Hussen, Isata Kabia, Juan José Gómez Camacho, Robert J. Vitillo et Gregory Maniatis.',
      ar: 'إدارة الجلسة: William Lacy Swing. المتحدثون: Ahmed Hussen، وIsata Kabia، وJuan José Gómez Camacho، وRobert J. Vitillo، وGregory Maniatis.',
    };
    for (const lang of ['fr', 'ar'] as const) {
      const res = await fetch(`${site.base}/${lang}${EVENT}`);
      assert.equal(res.status, 200);
      const page = await res.text();
      const ld = JSON.parse(page.match(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/)![1]!) as Ld;
      assert.ok(validate(ld), `${lang}: ${JSON.stringify(validate.errors, null, 1)}`);
      // The event's texts were written in English: its inLanguage says so on every page.
      assert.equal(ld.inLanguage, 'en', lang);
      assert.deepEqual(ld.mainEntityOfPage, { '@type': 'WebPage', '@id': `${site.base}/${lang}${EVENT}`, url: `${site.base}/${lang}${EVENT}`, inLanguage: lang });
      // No translation in the demo: the names are the English originals, untagged like the Event's language.
      assert.equal(ld.name, english.name);
      assert.equal(ld.subEvent[1]!.name, PANEL_1);
      // The sub-events' descriptions are sentences in the page's language: tagged with it.
      assert.deepEqual(ld.subEvent[1]!.description, { '@value': expected[lang], '@language': lang });
      assert.deepEqual(ld.subEvent.map((s) => s['@id']), english.subEvent.map((s) => s['@id']), 'the same nodes in every language');
    }
  });

  test('the page shows what the markup says: the convener, linked, and the venue with its street; the convener page names the series', async () => {
    const meta = /<dl class="meta">([\s\S]*?)<\/dl>/.exec(html)![1]!;
    assert.match(meta, /<dt>Venue<\/dt><dd>United Nations Headquarters, 405 East 42nd Street, New York<\/dd>/);
    assert.match(meta, /<dt>Convened by<\/dt><dd><a href="\/organizations\/international-organization-for-migration">International Organization for Migration<\/a><\/dd>/);
    const org = await fetch(`${site.base}/organizations/international-organization-for-migration`);
    assert.equal(org.status, 200);
    const orgHtml = await org.text();
    assert.match(orgHtml, /<h2>Convenes<\/h2><ul class="list"><li><a href="\/series\/international-dialogue-on-migration" lang="en">International Dialogue on Migration<\/a><\/li><\/ul>/);
  });

  test('the head links every export with its media type and a title of its own', () => {
    const links = [...html.matchAll(/<link rel="alternate" type="([^"]+)" href="([^"]+)" title="([^"]+)"\/>/g)].map((m) => [m[2], m[1], m[3]]);
    const downloads = [
      [`${EVENT}/calendar.ics`, 'text/calendar', 'Calendar (iCalendar)'],
      [`${EVENT}/schedule.xml`, 'application/xml', 'Schedule for conference apps (XML)'],
      [`${EVENT}/schedule.json`, 'application/json', 'Schedule for conference apps (JSON)'],
      ['/api/events/idm-2017-new-york', 'application/json', 'Event data (JSON API)'],
      [`${EVENT}/participants.csv`, 'text/csv', 'Participants (CSV)'],
      [`${EVENT}/participants.xlsx`, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'Participants (Excel)'],
    ];
    // The published demo (release 1) also links its changelog's feed.
    assert.deepEqual(links, [...downloads, [`${EVENT}/changes.atom`, 'application/atom+xml', 'Changes as a feed (Atom)']]);
    // After the list, the link to the changelog.
    const section = /<section class="downloads" aria-labelledby="downloads"><h2 id="downloads">Downloads<\/h2><ul class="list">([\s\S]*?)<\/ul><p><a href="\/events\/idm-2017-new-york\/changes">Changes to the programme<\/a><\/p><p><a href="\/events\/idm-2017-new-york\/representation">Who was heard: representation figures<\/a><\/p><\/section>/.exec(html);
    assert.ok(section, 'a Downloads section headed by an h2, then the links to the changes and to the representation figures');
    const listed = [...section[1]!.matchAll(/<li><a href="([^"]+)" type="([^"]+)">([^<]+)<\/a><\/li>/g)].map((m) => [m[1], m[2], m[3]]);
    assert.deepEqual(listed, downloads);
  });

  test('every linked export answers with the media type the link announces', async () => {
    const links = [...html.matchAll(/<link rel="alternate" type="([^"]+)" href="([^"]+)"/g)];
    assert.equal(links.length, 7);
    for (const [, type, href] of links) {
      const res = await fetch(site.base + href!);
      await res.arrayBuffer();
      assert.equal(res.status, 200, href);
      assert.equal(res.headers.get('content-type')?.split(';')[0], type, href);
    }
  });
});
