// frab/pentabarf schedule.xml (validated against C3VOC's schedule.xml.xsd), read by Giggity,
// EventFahrplan, the congress iOS app, info-beamer and the like. Written with a serializer,
// never a template, so that every text is escaped.
import { create } from 'xmlbuilder2';
import { frabSchedule, type FrabEvent, type FrabWords } from './frab-common.ts';
import type { EventExport } from './model.ts';

type XMLBuilder = ReturnType<typeof create>;

function text(parent: XMLBuilder, name: string, value: string): void {
  parent.ele(name).txt(value);
}

function event(room: XMLBuilder, e: FrabEvent): void {
  const el = room.ele('event', { id: String(e.id), guid: e.guid });
  text(el, 'room', e.room);
  text(el, 'title', e.title);
  text(el, 'subtitle', e.subtitle);
  text(el, 'type', e.type);
  text(el, 'date', e.date);
  text(el, 'start', e.start);
  text(el, 'duration', e.duration);
  text(el, 'abstract', e.abstract);
  text(el, 'slug', e.slug);
  text(el, 'track', e.track);
  text(el, 'language', e.language);
  // Roles, organizations and countries have no element or attribute of their own (an extra
  // attribute on <person> breaks validation), so they are told in the description.
  if (e.description !== null) text(el, 'description', e.description);
  text(el, 'url', e.url);
  const persons = el.ele('persons');
  for (const p of e.persons) persons.ele('person', { id: String(p.id), guid: p.guid }).txt(p.name);
  // Stored files (statements, slides) are attachments; pages elsewhere (recordings, web) are links.
  // `type` is a free string in the XSD, so it keeps our own kind.
  const links = e.references.filter((r) => !r.file);
  const files = e.references.filter((r) => r.file);
  if (links.length) {
    const l = el.ele('links');
    for (const r of links) l.ele('link', { href: r.url, type: r.kind }).txt(r.title);
  }
  if (files.length) {
    const a = el.ele('attachments');
    for (const r of files) a.ele('attachment', { href: r.url, type: r.kind }).txt(r.title);
  }
}

export function renderFrabXml(x: EventExport, words?: FrabWords): string {
  const s = frabSchedule(x, words);
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele('schedule');
  root.ele('generator', { name: 'Plenary' });
  text(root, 'url', s.scheduleUrl);
  text(root, 'version', s.version);
  const c = root.ele('conference');
  text(c, 'title', s.conference.title);
  text(c, 'acronym', s.conference.acronym);
  text(c, 'start', s.conference.start);
  text(c, 'end', s.conference.end);
  text(c, 'days', String(s.conference.daysCount));
  text(c, 'timeslot_duration', s.conference.timeslotDuration);
  text(c, 'base_url', s.baseUrl);
  text(c, 'url', s.conference.url);
  text(c, 'time_zone_name', s.conference.timeZone);
  for (const t of s.tracks) c.ele('track', { name: t });
  for (const d of s.days) {
    const day = root.ele('day', { index: String(d.index), date: d.date, start: d.start, end: d.end });
    const room = day.ele('room', { name: s.room.name, guid: s.room.guid });
    for (const e of d.events) event(room, e);
  }
  return root.end({ prettyPrint: true }) + '\n';
}
