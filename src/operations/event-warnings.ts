// The warnings an editor sees on an event's workspace page (domain/clashes.ts), read from the
// working copy: its sessions, the people in them, its materials, and those people's sessions
// in every other event of the archive.
import { eventWarnings, type SlotSession, type Warning } from '../domain/clashes.ts';
import type { DbOrTx } from '../storage/database.ts';

export async function warningsForEvent(db: DbOrTx, eventId: number): Promise<Warning[]> {
  const event = await db.selectFrom('event').select(['id', 'start_date', 'end_date']).where('id', '=', eventId).executeTakeFirst();
  if (!event) return [];
  const slots = (q: ReturnType<typeof base>) =>
    q.select(['s.id', 's.event_id', 'e.title as event_title', 'd.date', 's.start_time', 's.end_time', 'e.time_zone', 's.kind', 's.title']);
  const base = () => db.selectFrom('session as s').innerJoin('day as d', 'd.id', 's.day_id').innerJoin('event as e', 'e.id', 's.event_id');
  const toSlot = (r: { id: number; event_id: number; event_title: string; date: string; start_time: string | null; end_time: string | null; time_zone: string; kind: string; title: string | null }): SlotSession => ({
    id: r.id,
    eventId: r.event_id,
    eventTitle: r.event_title,
    date: r.date,
    start: r.start_time,
    end: r.end_time,
    timeZone: r.time_zone,
    kind: r.kind,
    title: r.title,
  });
  const sessions = (await slots(base()).where('s.event_id', '=', eventId).orderBy('d.date').orderBy('s.position').execute()).map(toSlot);
  const appearances = await db
    .selectFrom('appearance as a')
    .innerJoin('session as s', 's.id', 'a.session_id')
    .innerJoin('person as p', 'p.id', 'a.person_id')
    .select(['a.session_id', 'a.person_id', 'p.name', 'a.role', 'a.organization_id', 'a.country_code', 'a.country'])
    .where('s.event_id', '=', eventId)
    .orderBy('a.session_id')
    .orderBy('a.position')
    .execute();
  // Other events' sessions of the same people: joined, not a list of ids (an event may name hundreds).
  const elsewhere = await db
    .selectFrom('appearance as a')
    .innerJoin('session as s', 's.id', 'a.session_id')
    .innerJoin('day as d', 'd.id', 's.day_id')
    .innerJoin('event as e', 'e.id', 's.event_id')
    .select(['s.id', 's.event_id', 'e.title as event_title', 'd.date', 's.start_time', 's.end_time', 'e.time_zone', 's.kind', 's.title', 'a.person_id'])
    .where('s.event_id', '!=', eventId)
    .where('a.person_id', 'in', (eb) => eb.selectFrom('appearance as a2').innerJoin('session as s2', 's2.id', 'a2.session_id').select('a2.person_id').where('s2.event_id', '=', eventId))
    .execute();
  const materials = await db.selectFrom('material').select(['id', 'label', 'url', 'file_id']).where('event_id', '=', eventId).orderBy('position').orderBy('id').execute();
  return eventWarnings({
    event: { id: event.id, startDate: event.start_date, endDate: event.end_date },
    sessions,
    appearances: appearances.map((a) => ({ sessionId: a.session_id, personId: a.person_id, personName: a.name, role: a.role, hasOrganization: a.organization_id !== null, hasCountry: a.country_code !== null || a.country !== null })),
    elsewhere: elsewhere.map((r) => ({ ...toSlot(r), personId: r.person_id })),
    materials: materials.map((m) => ({ id: m.id, label: m.label, hasFileOrLink: m.url !== null || m.file_id !== null })),
  });
}
