// C3VOC schedule.json v1 (https://c3voc.de/schedule/schema.json), the JSON twin of schedule.xml
// that pretalx emits. Built from the same view as the XML (frab-common.ts).
import type { FrabEvent, FrabPerson, FrabReference } from './frab-common.ts';
import { frabSchedule, type FrabWords } from './frab-common.ts';
import type { EventExport } from './model.ts';

// Reference.type is an enum in the schema ("statement" is refused): statements and remarks are
// texts (paper), presentations are slides, videos are media, anything else is related.
const REFERENCE_TYPES: Record<string, string> = {
  statement: 'paper',
  'opening-remarks': 'paper',
  'keynote-remarks': 'paper',
  'closing-remarks': 'paper',
  remarks: 'paper',
  presentation: 'slides',
  video: 'media',
};

export function referenceType(kind: string): string {
  return REFERENCE_TYPES[kind] ?? 'related';
}

// The schema's own pattern; a zone it refuses (Etc/GMT+1) is left out, as the key is optional
// and every time carries its offset anyway.
const ZONE_PATTERN = /^([A-Z][a-z]+\/[A-Z][a-z]+)|UTC$/;

/**
 * pretalx-style persons: `name` and `guid`, never an integer `id` next to `public_name`
 * (that matches both branches of the schema's oneOf and fails). The schema allows extra keys,
 * which carry what frab has no place for: role, organization, country (ISO code).
 */
function person(p: FrabPerson) {
  return {
    name: p.name,
    guid: p.guid,
    url: p.url,
    role: p.role,
    organization: p.organization,
    country: p.countryCode,
    // Apps show a person's biography; the affiliation as printed is the closest we have.
    ...(p.affiliation ? { biography: p.affiliation } : {}),
  };
}

const reference = (r: FrabReference) => ({ url: r.url, title: r.title, type: referenceType(r.kind) });

function event(e: FrabEvent) {
  return {
    guid: e.guid,
    id: e.id,
    date: e.date,
    ...(e.end ? { end: e.end } : {}),
    start: e.start,
    duration: e.duration,
    room: e.room,
    slug: e.slug,
    url: e.url,
    title: e.title,
    subtitle: e.subtitle,
    track: e.track,
    type: e.type,
    language: e.language,
    abstract: e.abstract,
    description: e.description,
    persons: e.persons.map(person),
    links: e.references.filter((r) => !r.file).map(reference),
    attachments: e.references.filter((r) => r.file).map(reference),
  };
}

export function renderFrabJson(x: EventExport, words?: FrabWords): string {
  const s = frabSchedule(x, words);
  const c = s.conference;
  const doc = {
    $schema: 'https://c3voc.de/schedule/schema.json',
    generator: { name: 'Plenary' },
    schedule: {
      version: s.version,
      base_url: s.baseUrl,
      conference: {
        acronym: c.acronym,
        title: c.title,
        ...(c.description ? { description: c.description } : {}),
        start: c.start,
        end: c.end,
        daysCount: c.daysCount,
        timeslot_duration: c.timeslotDuration,
        ...(ZONE_PATTERN.test(c.timeZone) ? { time_zone_name: c.timeZone } : {}),
        url: c.url,
        rooms: [{ name: s.room.name, guid: s.room.guid }],
        tracks: s.tracks.map((name) => ({ name })),
        days: s.days.map((d) => ({
          index: d.index,
          date: d.date,
          day_start: d.start,
          day_end: d.end,
          rooms: { [s.room.name]: d.events.map(event) },
        })),
      },
    },
  };
  return JSON.stringify(doc, null, 2) + '\n';
}
