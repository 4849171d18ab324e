// JSON-LD from a hand-built export: escaping inside <script>, fallbacks when the agenda is thin.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eventJsonLd, jsonLdScriptText } from './jsonld.ts';
import type { EventExport } from './model.ts';

const HOSTILE = 'Migration </script><script>alert(1)</script> & <!-- more';

function sample(over: Partial<EventExport['event']> = {}, convener: EventExport['series']['convener'] = null): EventExport {
  return {
    baseUrl: 'https://x.test',
    generation: 1,
    updatedAt: '2024-01-01T00:00:00.000Z',
    series: { id: 1, slug: 's', title: 'Series', url: 'https://x.test/series/s', convener },
    event: {
      id: 1,
      guid: 'e',
      roomGuid: 'r',
      slug: 'e',
      title: HOSTILE,
      lang: 'fr',
      startDate: '2024-03-05',
      endDate: '2024-03-06',
      timeZone: 'Europe/Zurich',
      venue: null,
      address: null,
      city: 'Genève',
      countryCode: 'CH',
      countryName: 'Switzerland',
      overview: 'First  paragraph.\n\nSecond.',
      themes: [],
      contactEmail: null,
      status: 'published',
      url: 'https://x.test/events/e',
      ...over,
    },
    days: [
      {
        index: 1,
        date: '2024-03-05',
        label: null,
        sessions: [
          {
            id: 1,
            guid: 'g',
            kind: 'other',
            number: null,
            title: null,
            displayTitle: 'Session',
            lang: 'en',
            date: '2024-03-05',
            start: null,
            end: null,
            startsAt: null,
            endsAt: null,
            startsAtUtc: null,
            endsAtUtc: null,
            durationMinutes: null,
            url: 'https://x.test/events/e#session-1',
            appearances: [],
          },
        ],
      },
    ],
    documents: [],
    release: null,
    cancelled: [],
  };
}

test('the script text cannot end the element, and parses back to the same data', () => {
  const text = jsonLdScriptText(sample());
  assert.doesNotMatch(text, /[<>&]/);
  assert.ok(text.includes('\\u003c/script\\u003e'));
  const back = JSON.parse(text) as { name: string };
  assert.equal(back.name, HOSTILE);
  assert.deepEqual(back, JSON.parse(JSON.stringify(eventJsonLd(sample()))));
});

test('without times or venue: dates alone, the city as the place, no performer', () => {
  const ld = eventJsonLd(sample()) as Record<string, unknown>;
  assert.equal(ld.startDate, '2024-03-05');
  assert.equal(ld.endDate, '2024-03-06');
  assert.deepEqual(ld.location, { '@type': 'Place', name: 'Genève', address: { '@type': 'PostalAddress', addressLocality: 'Genève', addressCountry: 'CH' } });
  assert.equal(ld.description, 'First paragraph. Second.');
  assert.equal(ld.inLanguage, 'fr');
  assert.equal('performer' in ld, false);
  const sub = (ld.subEvent as Array<Record<string, unknown>>)[0]!;
  assert.deepEqual(Object.keys(sub), ['@type', '@id', 'name', 'startDate', 'eventStatus', 'eventAttendanceMode', 'location', 'url', 'inLanguage']);
  assert.equal(sub.startDate, '2024-03-05');
  assert.equal(sub.inLanguage, 'en', 'a session in another language than the event says so');
});

test('the convener is the organizer, the series only the superEvent; no convener, no organizer', () => {
  const convener = { id: 7, slug: 'iom', name: 'International Organization for Migration', kind: 'igo', url: 'https://x.test/organizations/iom' };
  const ld = eventJsonLd(sample({}, convener)) as Record<string, unknown>;
  assert.deepEqual(ld.organizer, { '@type': 'Organization', name: 'International Organization for Migration', url: 'https://x.test/organizations/iom' });
  assert.deepEqual(ld.superEvent, { '@type': 'EventSeries', name: 'Series', url: 'https://x.test/series/s' });
  assert.equal('organizer' in (eventJsonLd(sample()) as Record<string, unknown>), false);
});

test('the venue with its street, locality and country as a PostalAddress', () => {
  const ld = eventJsonLd(sample({ venue: 'Palais des Nations', address: 'Avenue de la Paix 8-14' })) as Record<string, unknown>;
  assert.deepEqual(ld.location, {
    '@type': 'Place',
    name: 'Palais des Nations',
    address: { '@type': 'PostalAddress', streetAddress: 'Avenue de la Paix 8-14', addressLocality: 'Genève', addressCountry: 'CH' },
  });
});

test('no place at all: no location rather than an empty one', () => {
  const ld = eventJsonLd(sample({ city: null, countryCode: null, countryName: null })) as Record<string, unknown>;
  assert.equal('location' in ld, false);
});

test('the page it sits in: a WebPage in the reader’s language, while the Event keeps the language of its texts', () => {
  const x = sample({ title: 'Dialogue', titleLang: 'fr' });
  x.series.titleLang = 'en';
  x.days[0]!.sessions[0]!.appearances = [];
  const ld = eventJsonLd(x, { moderator: 'Moderación', moderators: 'Moderación', speakers: 'Oradores' }, { url: 'https://x.test/es/events/e', lang: 'es' }) as Record<string, unknown>;
  assert.equal(ld.inLanguage, 'fr');
  assert.deepEqual(ld.mainEntityOfPage, { '@type': 'WebPage', '@id': 'https://x.test/es/events/e', url: 'https://x.test/es/events/e', inLanguage: 'es' });
  assert.equal(ld.name, 'Dialogue');
  // The series' title is in English, the event's texts in French: the title carries its language.
  assert.deepEqual(ld.superEvent, { '@type': 'EventSeries', name: { '@value': 'Series', '@language': 'en' }, url: 'https://x.test/series/s' });
  // Without a page, no WebPage is claimed.
  assert.equal('mainEntityOfPage' in (eventJsonLd(x) as Record<string, unknown>), false);
});
