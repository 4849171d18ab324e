// One person's sessions across published events, for their calendar. Each event is loaded as
// the same EventExport the event's own calendar renders from, so a session reads the same in
// both (and keeps its UID).
import type { CalendarEntry } from '../exports/ical.ts';
import type { DbOrTx } from '../storage/database.ts';
import { published } from '../storage/published.ts';
import { eventAgenda, publishedEventBySlug } from '../storage/queries.ts';
import { eventExportOf } from './event-export.ts';

export type PersonCalendar = { person: { name: string; url: string }; entries: CalendarEntry[] };

/**
 * A calendar holds the sessions of the person's latest this many events: what a subscription is
 * for (what is coming, what just happened). A minister in 400 events over twenty years would
 * otherwise get a calendar of a megabyte that takes seconds to make; the person's page lists all.
 */
export const PERSON_CALENDAR_EVENTS = 10;

/**
 * The person's sessions in their latest PERSON_CALENDAR_EVENTS events, oldest event first and in
 * agenda order within an event; undefined for an unknown person or one who appears in no
 * published event (drafts stay private).
 */
export async function loadPersonCalendar(
  db: DbOrTx,
  slug: string,
  baseUrl: string,
  generation: number,
  /** the reader's language: titles in it where an editor gave them, country names always (issue 13) */
  reader = 'en',
): Promise<PersonCalendar | undefined> {
  db = published(db);
  const person = await db.selectFrom('person').select(['id', 'name', 'slug']).where('slug', '=', slug).executeTakeFirst();
  if (!person) return undefined;
  const events = await db
    .selectFrom('event as e')
    .innerJoin('session as s', 's.event_id', 'e.id')
    .innerJoin('appearance as a', 'a.session_id', 's.id')
    .where('a.person_id', '=', person.id)
    .where('e.status', '=', 'published')
    .select(['e.slug', 'e.start_date'])
    .distinct()
    .orderBy('e.start_date', 'desc')
    .orderBy('e.slug', 'desc')
    .limit(PERSON_CALENDAR_EVENTS)
    .execute()
    .then((rows) => rows.reverse());
  if (events.length === 0) return undefined;

  const entries: CalendarEntry[] = [];
  for (const { slug: eventSlug } of events) {
    const found = await publishedEventBySlug(db, eventSlug);
    if (!found) continue; // unpublished between the two reads
    // The event's export as its own calendar has it, made for the person's sessions alone (each
    // session's entry depends on nothing else of the agenda; every day keeps its place).
    const agenda = await eventAgenda(db, found.event.id);
    const theirs = { ...agenda, days: agenda.days.map((d) => ({ ...d, sessions: d.sessions.filter((s) => s.appearances.some((a) => a.person.id === person.id)) })) };
    const data = await eventExportOf(db, found, theirs, baseUrl, generation, reader);
    for (const day of data.days) {
      for (const session of day.sessions) {
        if (session.appearances.some((a) => a.person.id === person.id)) entries.push({ data, day, session });
      }
    }
  }
  return { person: { name: person.name, url: `${baseUrl}/people/${person.slug}` }, entries };
}
