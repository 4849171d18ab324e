// One person's sessions across published events, for their calendar. Each event is loaded as
// the same EventExport the event's own calendar renders from, so a session reads the same in
// both (and keeps its UID).
import type { CalendarEntry } from '../exports/ical.ts';
import type { DbOrTx } from '../storage/database.ts';
import { published } from '../storage/published.ts';
import { personAgendas, type PublishedEvent } from '../storage/queries.ts';
import { buildEventExport, mediaTypesOf } from './event-export.ts';
import type { Release, ReleaseChanges } from './releases.ts';

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
    .select(['e.id', 'e.slug', 'e.start_date'])
    .distinct()
    .orderBy('e.start_date', 'desc')
    .orderBy('e.slug', 'desc')
    .limit(PERSON_CALENDAR_EVENTS)
    .execute()
    .then((rows) => rows.reverse());
  if (events.length === 0) return undefined;

  // Every read is for all the events at once (about ten statements, not nine per event): the
  // events with their series and conveners, the agendas of the person's sessions, the releases,
  // the media types of the materials.
  const ids = events.map((e) => e.id);
  const rows = await db.selectFrom('event').selectAll().where('id', 'in', ids).where('status', '=', 'published').execute();
  const eventById = new Map(rows.map((e) => [e.id, e]));
  const seriesIds = [...new Set(rows.map((e) => e.series_id))];
  const seriesById = new Map(seriesIds.length ? (await db.selectFrom('series').selectAll().where('id', 'in', seriesIds).execute()).map((x) => [x.id, x]) : []);
  const convenerIds = [...new Set([...seriesById.values()].flatMap((x) => (x.convener_id === null ? [] : [x.convener_id])))];
  const convenerById = new Map(convenerIds.length ? (await db.selectFrom('organization').selectAll().where('id', 'in', convenerIds).execute()).map((o) => [o.id, o]) : []);
  const agendas = await personAgendas(db, ids, person.id);
  const releases = await releasesOfEvents(db, ids);
  const mediaTypes = await mediaTypesOf(
    db,
    [...agendas.values()].flatMap((a) => a.days.flatMap((d) => d.sessions.flatMap((s) => s.appearances.flatMap((x) => x.materials.flatMap((m) => [m, ...(m.versions ?? [])]))))).flatMap((m) => (m.fileId ? [m.fileId] : [])),
  );

  const entries: CalendarEntry[] = [];
  for (const { id } of events) {
    const event = eventById.get(id);
    if (!event) continue; // unpublished between the two reads
    const series = seriesById.get(event.series_id)!;
    const found = { event, series, convener: series.convener_id === null ? null : (convenerById.get(series.convener_id) ?? null) } as PublishedEvent;
    // The event's export as its own calendar has it, made for the person's sessions alone (each
    // session's entry depends on nothing else of the agenda; every day keeps its place).
    const data = buildEventExport(found, agendas.get(id)!, mediaTypes, releases.get(id) ?? [], baseUrl, generation, reader);
    for (const day of data.days) {
      for (const session of day.sessions) {
        if (session.appearances.some((a) => a.person.id === person.id)) entries.push({ data, day, session });
      }
    }
  }
  return { person: { name: person.name, url: `${baseUrl}/people/${person.slug}` }, entries };
}

/** The releases of several events (as releasesOf reads one event's: newest first), in one statement. */
async function releasesOfEvents(db: DbOrTx, eventIds: readonly number[]): Promise<Map<number, Release[]>> {
  const out = new Map<number, Release[]>();
  const rows = await db
    .selectFrom('release as r')
    .leftJoin('account as a', 'a.id', 'r.account_id')
    .select(['r.id', 'r.event_id', 'r.number', 'r.note', 'r.created_at', 'r.changes', 'a.email'])
    .where('r.event_id', 'in', [...eventIds])
    .orderBy('r.event_id')
    .orderBy('r.number', 'desc')
    .execute();
  for (const r of rows) {
    const list = out.get(r.event_id) ?? [];
    list.push({ id: r.id, eventId: r.event_id, number: r.number, note: r.note, createdAt: r.created_at, author: r.email, changes: r.changes ? (JSON.parse(r.changes) as ReleaseChanges) : null });
    out.set(r.event_id, list);
  }
  return out;
}
