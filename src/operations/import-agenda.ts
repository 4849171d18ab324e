// importAgenda: store an agenda reading into a series and event. Called by the CLI, the demo
// loader and (later) the admin. Importing the same reading again updates in place.
import type { Agenda, AgendaPerson } from '../domain/agenda.ts';
import { InvalidInput } from '../domain/errors.ts';
import { type FieldMessage, type FormMessage, fieldWord, formMessage } from '../domain/form-messages.ts';
import { describeIssues, eventTargetSchema, type EventTarget, type ParsedEventTarget } from '../domain/event.ts';
import { OrganizationLikeness, PersonLikeness } from '../domain/likeness.ts';
import { chooseByName, type MatchReason, organizationLikenessReason, type PersonCandidate, personLikenessReason, type Printed, reasonMessages } from '../domain/identity.ts';
import { normaliseName } from '../domain/names.ts';
import { organizationIdentity } from '../domain/organization.ts';
import { slugify } from '../domain/slug.ts';
import { addDays } from '../domain/time.ts';
import { type Kysely, sql } from 'kysely';
import { HandEdits, type ImportedEntity } from './hand-edits.ts';
import { publishWithin } from './releases.ts';
import type { AppearanceTable, DbOrTx, EventTable, MaterialTable, SeriesTable, Tx } from '../storage/database.ts';
import type { Insertable, Selectable } from 'kysely';
import { chunks, setPositions, updateRow, updateRows } from '../storage/queries/bulk.ts';
import { addAlias, appearanceFacts, organizationAliasNames, organizationsByAliasKeys, personAliasNames, personCandidatesByKeys } from '../storage/queries/identities.ts';
import { insertAuditEntry } from '../storage/queries/editing.ts';
import { freeSlug } from '../storage/queries/slugs.ts';
import type { Storage } from '../storage/storage.ts';
import { declareChange, write } from '../storage/write.ts';

export type ImportReport = {
  series: { slug: string; created: boolean };
  event: { slug: string; created: boolean; status: string; startDate: string; endDate: string };
  days: number;
  sessions: { created: number; updated: number; removed: number };
  appearances: { created: number; updated: number; removed: number };
  persons: { created: number; matched: number };
  organizations: { created: number; matched: number };
  /**
   * What the page would have changed but was made or changed by hand in the workspace, so kept. Each line of
   * the report is a keyed message (domain/form-messages.ts `report*`, `doubtful*`): its English text is what
   * the CLI prints (`String()`), the workspace's report shows it in the page's language.
   */
  kept: FieldMessage[];
  /**
   * Doubtful identities, each with its reasons: a name shared by several stored persons (which one
   * was taken and why), a stored person of the same name not taken (another organization), a
   * stored name like a new one (initials, an acronym). Never merged on a guess.
   */
  doubtful: FieldMessage[];
  /** the release it published, when asked to publish (changed: false when the public already had all of it) */
  release?: { number: number; changed: boolean };
  warnings: FieldMessage[];
};

const now = () => new Date().toISOString();

function uniqueSlug(trx: Tx, table: 'person' | 'organization', base: string): Promise<string> {
  return freeSlug(trx, table, base);
}

export type ImportOptions = {
  /** publish the result as the event's next release in the same write (default: only when the target's status is "published") */
  publish?: boolean;
  /** the release's note when it publishes */
  note?: string | null;
  accountId?: number | null;
};

export async function importAgenda(storage: Storage, agenda: Agenda, target: EventTarget, opts: ImportOptions = {}): Promise<ImportReport> {
  const parsed = eventTargetSchema.safeParse(target);
  if (!parsed.success) throw new InvalidInput(`import target: ${describeIssues(parsed.error)}`);
  const t = parsed.data;
  const sessionCount = agenda.days.reduce((n, d) => n + d.sessions.length, 0);
  if (agenda.days.length === 0 || sessionCount === 0) {
    throw new InvalidInput(formMessage('importNoAgendaInput'));
  }

  const base = emptyReport(t);
  // What can be refused is refused before anything is stored.
  checkTarget(agenda, t, await seriesAndEvent(storage.db, t));
  // Persons and organizations first, in short transactions of their own: an editor's save waits
  // behind a batch, never behind the whole import (SQLite has one writer at a time). Should the
  // import fail after this, the persons stay, unused, and the next import finds them by name.
  const { personCache, orgCache, resolved } = await storeIdentities(storage, agenda, t, base);

  return write(storage, async (trx, scope) => {
    // Made anew on each attempt: write() runs this again after a unique violation on PostgreSQL
    // (another writer adding the same row meanwhile), and the counts must not add up twice.
    const report = freshReport(base);
    const ts = now();
    // Each change below declares the event (or series, person) it touches; an import that
    // changes nothing drops no event's pages and leaves its calendar's SEQUENCE as it was.
    scope.noEvent();
    const found = await seriesAndEvent(trx, t);
    const { dates, title, timeZone } = checkTarget(agenda, t, found);
    const sorted = [...dates].sort();
    const existingEvent = found.event;

    // Series
    let series = found.series;
    if (!series) {
      series = await trx
        .insertInto('series')
        .values({ slug: t.series.slug, title: t.series.title!, lang: t.event.lang, description: t.series.description ?? null, created_at: ts, updated_at: ts })
        .returningAll()
        .executeTakeFirstOrThrow();
      report.series.created = true;
    }
    // The event's sessions are read (and on PostgreSQL locked, by the same statement) before the hand
    // edits: a workspace save of one of them either committed before this read, and then this import sees
    // its values and its audit entry (kept by the hand-edit rules), or it waits for this import to commit
    // and then meets the version the import gave the row (the conflict page). Read without the lock, a
    // save committed between the read and the first write would be overwritten with what was read.
    const oldSessions = existingEvent ? await eventSessions(trx, existingEvent.id, storage.engine === 'postgres') : [];
    // What organizers changed in the workspace stays as they left it.
    const hand = await HandEdits.read(trx, series.id);
    const keep = keeper(trx, hand, report);
    if (!report.series.created && t.series.title) {
      await updateChanged(trx, 'series', series, await keep('series', series, () => formMessage('reportSeries', { slug: series.slug }), { title: t.series.title }), ts);
    }

    // Event
    let eventId: number;
    const common = {
      title,
      lang: t.event.lang,
      time_zone: timeZone,
      ...(t.event.venue !== undefined ? { venue: t.event.venue } : {}),
      ...(t.event.address !== undefined ? { address: t.event.address } : {}),
      ...(t.event.city !== undefined ? { city: t.event.city } : {}),
      ...(t.event.countryCode !== undefined ? { country_code: t.event.countryCode } : {}),
      ...(t.event.overview !== undefined ? { overview: t.event.overview } : {}),
      ...(t.event.themes !== undefined ? { themes: JSON.stringify(t.event.themes) } : {}),
      ...(t.event.contactEmail !== undefined ? { contact_email: t.event.contactEmail } : {}),
    };
    if (existingEvent) {
      eventId = existingEvent.id;
      await updateChanged(trx, 'event', existingEvent, await keep('event', existingEvent, () => formMessage('reportEvent', { slug: existingEvent.slug }), common), ts);
    } else {
      const overview = t.event.overview ?? (agenda.overview?.length ? agenda.overview.join('\n\n') : null);
      const row = await trx
        .insertInto('event')
        .values({
          venue: null,
          city: null,
          country_code: null,
          themes: '[]',
          contact_email: null,
          ...common,
          series_id: series.id,
          start_date: sorted[0]!,
          end_date: sorted[sorted.length - 1]!,
          overview,
          slug: t.event.slug,
          // Stored in the working copy; the public sees it once it is published (operations/releases.ts).
          status: 'draft',
          created_at: ts,
          updated_at: ts,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      eventId = row.id;
      report.event.created = true;
      scope.event(eventId);
    }

    // The series' convener is an organization like any other, found or stored by the same identity.
    if (t.series.convener !== undefined) {
      const convenerId = await organizationId(trx, { organization: t.series.convener, countryCode: null }, report, orgCache, ts);
      if (convenerId !== series.convener_id) {
        await trx.updateTable('series').set({ convener_id: convenerId, updated_at: ts }).where('id', '=', series.id).execute();
        scope.series(series.id);
      }
    }

    // Days are matched by date (as stored, or as the page gave it before a hand edit); sessions
    // across the whole event, so that one moved to another day by hand is still recognised.
    const oldDays = await trx.selectFrom('day').selectAll().where('event_id', '=', eventId).execute();
    // Out of the way of the unique (day, position) while rows move: every position is given anew at the end.
    // Only the sessions read above: one added in the workspace since (PostgreSQL) keeps its place.
    for (const ids of chunks(oldSessions.map((o) => o.id))) {
      await trx.updateTable('session').set({ position: sql<number>`-id` }).where('event_id', '=', eventId).where('id', 'in', ids).execute();
    }
    let parked = -Math.max(0, ...oldSessions.map((o) => o.id));
    const sessionById = new Map(oldSessions.map((o) => [o.id, o]));
    // The event's appearances and their materials are read once here, and the new ones written a few
    // hundred to a statement at the end (flushNew): this transaction holds SQLite's only write lock,
    // and a statement per row made it last about a second for 3,000 appearances (bench:editor-wait).
    const w: EventWrite = {
      trx,
      eventId,
      lang: t.event.lang,
      ts,
      report,
      hand,
      keep,
      resolved,
      personCache,
      orgCache,
      ...(await eventContents(trx, eventId)),
      newAppearances: [],
      newMaterials: [],
      staleMaterials: [],
    };
    /** the stored sessions' changes, written together after the days' loop (updateRows) */
    const sessionUpdates: Pending[] = [];
    const usedDays = new Set<number>();
    const usedSessions = new Set<number>();
    /** Per day, the sessions the page lists there, in the page's order. */
    const pageOrder = new Map<number, number[]>();

    for (const [i, day] of agenda.days.entries()) {
      const date = dates[i]!;
      const free = oldDays.filter((d) => !usedDays.has(d.id));
      const old = free.find((d) => d.date === date) ?? free.find((d) => hand.holds('day', d, 'date', date));
      let dayId: number;
      if (!old && hand.deleted('day', (r) => r.date === date)) {
        report.kept.push(formMessage('reportDayDeleted', { date }));
        continue;
      }
      if (!old) {
        dayId = (await trx.insertInto('day').values({ event_id: eventId, position: i, date, label: day.label }).returning('id').executeTakeFirstOrThrow()).id;
        scope.event(eventId);
      } else {
        dayId = old.id;
        await updateChanged(trx, 'day', old, await keep('day', old, () => formMessage('reportDay', { date: old.date }), { date, label: day.label }), undefined, eventId);
      }
      usedDays.add(dayId);
      report.days++;

      // Sessions keep their row (and so their URL, guid and calendar UID) when the page moves
      // them: matched by start and title, then by start, then by title, then by place in the day.
      const here = oldSessions.filter((o) => o.day_id === dayId || hand.holds('session', o, 'day_id', dayId));
      const pick = (test: (o: (typeof oldSessions)[number]) => boolean) => {
        const id = here.find((o) => !usedSessions.has(o.id) && test(o))?.id;
        if (id !== undefined) usedSessions.add(id);
        return id;
      };
      const holds = (o: (typeof oldSessions)[number], field: string, value: unknown) => hand.holds('session', o, field, value);
      // Content first, for every session of the day; only then the place in the day, so that a
      // session added at the top does not take the row of the one it pushed down.
      const matched = day.sessions.map((s) => {
        const sameTitle = (o: (typeof oldSessions)[number]) => holds(o, 'kind', s.kind) && holds(o, 'number', s.number) && holds(o, 'title', s.title);
        return (
          pick((o) => s.start !== null && holds(o, 'start_time', s.start) && sameTitle(o)) ??
          pick((o) => s.start !== null && holds(o, 'start_time', s.start) && holds(o, 'kind', s.kind)) ??
          pick((o) => s.title !== null && sameTitle(o))
        );
      });
      // Which stored session each of the page's is (none: a new one; gone: deleted by hand), decided
      // in memory; the day's new sessions are then inserted in one statement, before the rest is written.
      const plan = day.sessions.map((s, p) => {
        const values = { day_id: dayId, kind: s.kind, number: s.number, title: s.title, lang: t.event.lang, start_time: s.start, end_time: s.end };
        const oldId = matched[p] ?? pick((o) => o.position === p && o.day_id === dayId);
        const o = oldId === undefined ? undefined : sessionById.get(oldId);
        const gone = o ? undefined : hand.deleted('session', (r) => r.day_id === dayId && ((s.start !== null && r.start_time === s.start && r.title === s.title) || (s.title !== null && r.title === s.title)));
        return { s, values, o, gone, parked: o || gone ? 0 : --parked };
      });
      const fresh = plan.filter((x) => !x.o && !x.gone);
      /** the new sessions' ids by their parked position, unique in the event */
      const made = new Map<number, number>();
      for (const chunk of chunks(fresh)) {
        const rows = await trx.insertInto('session').values(chunk.map((x) => ({ event_id: eventId, position: x.parked, ...x.values }))).returning(['id', 'position']).execute();
        for (const r of rows) made.set(Number(r.position), r.id);
      }
      const order: number[] = [];
      for (const { s, values, o, gone, parked: position } of plan) {
        let sessionId: number;
        if (gone) {
          report.kept.push(formMessage('reportSessionDeleted', { session: sessionLabel(date, { title: s.title, start_time: s.start, kind: s.kind }) }));
          continue;
        }
        if (!o) {
          sessionId = made.get(position)!;
          scope.event(eventId);
          report.sessions.created++;
        } else {
          sessionId = o.id;
          if (changeLater(sessionUpdates, o, await keep('session', o, () => sessionLabel(date, o), values))) scope.event(eventId);
          report.sessions.updated++;
        }
        order.push(sessionId);
        await syncAppearances(w, sessionId, s.moderators, s.speakers);
      }
      pageOrder.set(dayId, order);
    }

    await updateRows(trx, 'session', sessionUpdates);
    await flushNew(w);

    // What the page no longer lists goes, unless it was made or edited by hand.
    const staleSessions = oldSessions.filter((o) => !usedSessions.has(o.id));
    const goneSessions: number[] = [];
    for (const o of staleSessions) {
      if (hand.touched('session', o.id)) report.kept.push(formMessage('reportSessionStays', { session: sessionLabel(oldDays.find((d) => d.id === o.day_id)?.date ?? '', o) }));
      else goneSessions.push(o.id);
    }
    if (goneSessions.length) {
      await keepAttachedMaterials(trx, goneSessions.map((id) => ({ session: id })), report);
      await trx.deleteFrom('session').where('id', 'in', goneSessions).execute();
      scope.event(eventId);
      report.sessions.removed += goneSessions.length;
    }
    const staleDays = oldDays.filter((d) => !usedDays.has(d.id));
    if (staleDays.length) {
      const holding = new Set((await trx.selectFrom('session').select('day_id').where('event_id', '=', eventId).execute()).map((r) => r.day_id));
      const goneDays: number[] = [];
      for (const d of staleDays) {
        if (hand.touched('day', d.id) || holding.has(d.id)) report.kept.push(formMessage('reportDayStays', { date: d.date }));
        else goneDays.push(d.id);
      }
      if (goneDays.length) {
        await trx.deleteFrom('day').where('id', 'in', goneDays).execute();
        scope.event(eventId);
      }
    }
    await placeDaysAndSessions(trx, eventId, oldSessions, pageOrder, hand, report);
    // One entry in the audit log says what the import did (its changes are not hand edits).
    await insertAuditEntry(trx, {
      at: ts,
      // who imported, when it was an account in the workspace (null: the command line)
      account_id: opts.accountId ?? null,
      action: 'import',
      entity: 'event',
      entity_id: eventId,
      series_id: series.id,
      before: null,
      after: JSON.stringify({
        sessions_created: report.sessions.created,
        sessions_updated: report.sessions.updated,
        sessions_removed: report.sessions.removed,
        appearances_created: report.appearances.created,
        appearances_updated: report.appearances.updated,
        appearances_removed: report.appearances.removed,
        kept_as_edited: report.kept.length,
      }),
      reverted_entry_id: null,
    });
    // Never published by itself: only when asked (--publish; a target with status "published").
    if (opts.publish ?? t.event.status === 'published') {
      const r = await publishWithin(trx, scope, eventId, { note: opts.note ?? null, accountId: opts.accountId ?? null });
      report.release = r.changed ? { number: r.number, changed: true } : { number: r.number, changed: false };
    }
    report.event.status = (await trx.selectFrom('event').select('status').where('id', '=', eventId).executeTakeFirstOrThrow()).status;
    return report;
  }, { exclusive: true });
}

/**
 * An event's sessions, in id order; with `lock` (PostgreSQL) each row is locked FOR UPDATE until the
 * transaction ends, as the import's later UPDATEs would lock it. SQLite has no FOR UPDATE, and needs
 * none: the import's transaction holds its only write lock from BEGIN IMMEDIATE on.
 */
async function eventSessions(trx: Tx, eventId: number, lock: boolean) {
  return await trx
    .selectFrom('session')
    .selectAll()
    .where('event_id', '=', eventId)
    .orderBy('id')
    .$if(lock, (q) => q.forUpdate())
    .execute();
}

type Found = { series: Selectable<SeriesTable> | undefined; event: Selectable<EventTable> | undefined };

async function seriesAndEvent(db: DbOrTx, t: EventTarget): Promise<Found> {
  return {
    series: await db.selectFrom('series').selectAll().where('slug', '=', t.series.slug).executeTakeFirst(),
    event: await db.selectFrom('event').selectAll().where('slug', '=', t.event.slug).executeTakeFirst(),
  };
}

/** The refusals an import can meet before it writes; the dates of the agenda's days, its title and time zone. */
function checkTarget(agenda: Agenda, t: EventTarget, found: Found): { dates: string[]; title: string; timeZone: string } {
  if (!found.series && !t.series.title) throw new InvalidInput(formMessage('importSeriesTitle', { slug: t.series.slug, option: '--series-title' }));
  const existingEvent = found.event;
  if (existingEvent && existingEvent.series_id !== found.series?.id) {
    throw new InvalidInput(formMessage('importOtherSeries', { event: t.event.slug, series: t.series.slug, option: '--event' }));
  }
  // Dates: as the page states them, else counted from the given start date.
  const startDate = t.event.startDate ?? agenda.days.find((d) => d.date)?.date ?? existingEvent?.start_date;
  const dates: string[] = [];
  for (const [i, d] of agenda.days.entries()) {
    const date = d.date ?? (startDate ? addDays(startDate, i) : null);
    if (!date) throw new InvalidInput(formMessage('importDayNoDate', { day: i + 1, label: d.label ?? '', option: '--start-date' }));
    if (dates.includes(date)) throw new InvalidInput(formMessage('importTwoDays', { date }));
    dates.push(date);
  }
  const title = t.event.title ?? existingEvent?.title ?? agenda.title ?? undefined;
  const timeZone = t.event.timeZone ?? existingEvent?.time_zone;
  if (!title) throw new InvalidInput(formMessage('importNeedsTitle', { slug: t.event.slug, option: '--title' }));
  if (!timeZone) throw new InvalidInput(formMessage('importNeedsTimeZone', { slug: t.event.slug, option: '--time-zone' }));
  return { dates, title, timeZone };
}

/**
 * Persons and organizations per transaction of their own; at most this many names in each. A batch of
 * 200 new persons held SQLite's lock 810-870 ms at load 15 (bench:editor-wait's first import), the
 * longest of the import's transactions; 100 halves it for a few more handoffs.
 */
const IDENTITY_BATCH = 100;

/** Finds or stores everyone the page names, and the convener, in batches; their ids by what the page prints. */
async function storeIdentities(storage: Storage, agenda: Agenda, t: ParsedEventTarget, report: ImportReport): Promise<{ personCache: PersonCache; orgCache: OrganizationCache; resolved: Resolved }> {
  const everyone = agenda.days.flatMap((d) => d.sessions.flatMap((s) => [...s.moderators, ...s.speakers]));
  const eventId = (await storage.db.selectFrom('event').select('id').where('slug', '=', t.event.slug).executeTakeFirst())?.id;
  const personCache: PersonCache = { memo: new Map(), byName: new Map(), counted: new Set(), stored: new Map(), eventId };
  const orgCache: OrganizationCache = { memo: new Map(), counted: new Set(), stored: new Map() };
  const resolved: Resolved = new Map();
  const ts = now();
  // The convener first, as the series' own.
  const named: Array<Pick<AgendaPerson, 'organization' | 'countryCode'> & Partial<AgendaPerson>> = [...(t.series.convener ? [{ organization: t.series.convener, countryCode: null }] : []), ...everyone];
  for (let i = 0; i < named.length; i += IDENTITY_BATCH) {
    const batch = named.slice(i, i + IDENTITY_BATCH);
    // Each attempt works on copies, kept only once its transaction commits (PostgreSQL may run it again).
    const done = await write(
      storage,
      async (trx, scope) => {
        // Who is stored already is read inside the write, so that an import running beside this one is seen.
        const oc: OrganizationCache = {
          memo: new Map(orgCache.memo),
          counted: new Set(orgCache.counted),
          stored: await organizationsByAliasKeys(trx, batch.flatMap((p) => (p.organization ? [organizationIdentity(p.organization, p.countryCode).key] : []))),
          ...(orgCache.likeness ? { likeness: orgCache.likeness } : {}),
        };
        const pc: PersonCache = {
          memo: new Map(personCache.memo),
          byName: new Map([...personCache.byName].map(([k, v]) => [k, [...v]])),
          counted: new Set(personCache.counted),
          stored: await personCandidatesByKeys(trx, batch.flatMap((p) => (p.name !== undefined ? [normaliseName(p.name)] : [])), eventId),
          eventId,
          ...(personCache.likeness ? { likeness: personCache.likeness } : {}),
        };
        const scratch = emptyReport(t);
        const ids: Resolved = new Map();
        for (const p of batch) {
          const oid = await organizationId(trx, p, scratch, oc, ts);
          if (p.name !== undefined) ids.set(p as AgendaPerson, { oid, pid: await personId(trx, p as AgendaPerson, oid, scratch, pc, ts) });
        }
        // New persons and organizations are on no event's page yet.
        scope.noEvent();
        return { pc, oc, scratch, ids };
      },
      { exclusive: true },
    );
    personCache.memo = done.pc.memo;
    personCache.byName = done.pc.byName;
    personCache.counted = done.pc.counted;
    orgCache.memo = done.oc.memo;
    orgCache.counted = done.oc.counted;
    if (done.pc.likeness) personCache.likeness = done.pc.likeness;
    if (done.oc.likeness) orgCache.likeness = done.oc.likeness;
    report.persons.created += done.scratch.persons.created;
    report.persons.matched += done.scratch.persons.matched;
    report.organizations.created += done.scratch.organizations.created;
    report.organizations.matched += done.scratch.organizations.matched;
    report.warnings.push(...done.scratch.warnings);
    report.doubtful.push(...done.scratch.doubtful);
    for (const [p, ids] of done.ids) resolved.set(p, ids);
  }
  return { personCache, orgCache, resolved };
}

/**
 * Who each printed person of the page is, as storeIdentities found or stored them: the event's write
 * takes the ids from here instead of working out every name's key again while it holds the write lock.
 * The same calls in the same order would give the same ids (every one a memo hit).
 */
type Resolved = Map<AgendaPerson, { oid: number | null; pid: number }>;

/** A copy of `r` whose counts and lists can grow without touching `r` (the lines themselves are shared: never changed). */
function freshReport(r: ImportReport): ImportReport {
  return {
    ...r,
    series: { ...r.series },
    event: { ...r.event },
    sessions: { ...r.sessions },
    appearances: { ...r.appearances },
    persons: { ...r.persons },
    organizations: { ...r.organizations },
    ...(r.release ? { release: { ...r.release } } : {}),
    kept: [...r.kept],
    doubtful: [...r.doubtful],
    warnings: [...r.warnings],
  };
}

function emptyReport(t: ParsedEventTarget): ImportReport {
  return {
    series: { slug: t.series.slug, created: false },
    event: { slug: t.event.slug, created: false, status: '', startDate: '', endDate: '' },
    days: 0,
    sessions: { created: 0, updated: 0, removed: 0 },
    appearances: { created: 0, updated: 0, removed: 0 },
    persons: { created: 0, matched: 0 },
    organizations: { created: 0, matched: 0 },
    kept: [],
    doubtful: [],
    warnings: [],
  };
}

/** The event's days in date order, its dates from its days, and every session's place in its day. */
async function placeDaysAndSessions(
  trx: Tx,
  eventId: number,
  oldSessions: Array<{ id: number; position: number; day_id: number }>,
  pageOrder: Map<number, number[]>,
  hand: HandEdits,
  report: ImportReport,
): Promise<void> {
  const days = await trx.selectFrom('day').select(['id', 'date', 'position', 'version']).where('event_id', '=', eventId).orderBy('date').execute();
  for (const [i, d] of days.entries()) if (d.position !== i) await trx.updateTable('day').set({ position: i }).where('id', '=', d.id).execute();
  const event = await trx.selectFrom('event').selectAll().where('id', '=', eventId).executeTakeFirstOrThrow();
  await updateChanged(trx, 'event', event, { start_date: days[0]!.date, end_date: days[days.length - 1]!.date }, new Date().toISOString());
  report.event.startDate = days[0]!.date;
  report.event.endDate = days[days.length - 1]!.date;
  report.event.slug = event.slug;

  const sessions = await trx.selectFrom('session').select(['id', 'day_id', 'position']).where('event_id', '=', eventId).execute();
  const before = new Map(oldSessions.map((o) => [o.id, o]));
  /** every session's place, written at the end in a few statements (all are parked at negative positions until then) */
  const places: Array<{ id: number; position: number; bump: boolean }> = [];
  for (const d of days) {
    const inDay = sessions.filter((s) => s.day_id === d.id);
    const page = (pageOrder.get(d.id) ?? []).filter((id) => inDay.some((s) => s.id === id));
    const old = inDay.filter((s) => before.has(s.id)).sort((a, b) => before.get(a.id)!.position - before.get(b.id)!.position);
    // A day whose order someone set by hand (reordered, or a session moved in or out) keeps it.
    const byHand = oldSessions.some((o) => (o.day_id === d.id || inDay.some((s) => s.id === o.id)) && (hand.changed('session', o.id, 'position') || hand.changed('session', o.id, 'day_id')));
    let order: number[];
    if (byHand) {
      const kept = old.map((s) => s.id);
      order = [...kept, ...page.filter((id) => !kept.includes(id))];
      const pageSeq = page.filter((id) => kept.includes(id));
      const keptSeq = kept.filter((id) => page.includes(id));
      if (pageSeq.join() !== keptSeq.join()) report.kept.push(formMessage('reportDayOrder', { date: d.date }));
    } else {
      order = [...page, ...old.map((s) => s.id).filter((id) => !page.includes(id))];
    }
    for (const [p, id] of order.entries()) {
      const was = before.get(id);
      if (!was || was.position !== p || was.day_id !== d.id) await declareChange(trx, 'event', eventId);
      places.push({ id, position: p, bump: !!was && was.position !== p && was.day_id === d.id });
    }
  }
  await setPositions(trx, 'session', places);
}

/**
 * Per import: who each printed person is. `memo` keys a name with what the page prints beside it
 * (organization, country, and an editor's choice), so that the identities stored first and the
 * event's write find the same ids; `byName` the persons this import already chose for a name,
 * so that one name printed twice on a page with one organization is one person; `stored` the
 * stored persons by alias key, read inside each batch's write.
 */
type PersonCache = {
  memo: Map<string, number>;
  byName: Map<string, Array<{ organizationId: number | null; organizationName: string | null; countryCode: string | null; id: number; name: string; slug: string }>>;
  counted: Set<number>;
  stored: Map<string, PersonCandidate[]>;
  eventId: number | undefined;
  likeness?: PersonLikeness<{ id: number; name: string; slug: string; nameKey: string }>;
};

const printedLabel = (name: string, organization: string | null): FormMessage => (organization ? formMessage('reportPrintedWith', { name, organization }) : formMessage('reportPrinted', { name }));

async function personId(trx: Tx, p: AgendaPerson, organizationId: number | null, report: ImportReport, cache: PersonCache, ts: string): Promise<number> {
  const key = normaliseName(p.name);
  const choice = p.personChoice;
  const memoKey = `${key}|${organizationId ?? ''}|${p.countryCode ?? ''}|${choice ?? ''}`;
  const memo = cache.memo.get(memoKey);
  if (memo !== undefined) return memo;
  const printed: Printed = { organizationId, organizationName: p.organization, countryCode: p.countryCode };
  let id: number | undefined;
  /** the chosen record's name and slug, when already at hand */
  let known: { name: string; slug: string } | undefined;
  // An editor's choice in the browser import: that stored person, or a new one.
  if (typeof choice === 'number' && (await trx.selectFrom('person').select('id').where('id', '=', choice).executeTakeFirst())) {
    id = choice;
    // The name as printed becomes one of theirs, so that the next import finds them by it.
    await addAlias(trx, 'person', id, p.name, key, 'import', ts);
  }
  // The same name printed again on this page: the same person, unless the page gives another organization.
  const earlier = choice === undefined ? cache.byName.get(key) : undefined;
  if (id === undefined && earlier?.length) {
    const same =
      organizationId !== null
        ? (earlier.find((e) => e.organizationId === organizationId) ?? earlier.find((e) => e.organizationId === null))
        : (earlier.find((e) => p.countryCode !== null && e.countryCode === p.countryCode) ?? earlier[0]);
    if (same) id = same.id;
    else {
      // Another organization than the one printed beside this name earlier on the page: someone else, said so.
      for (const e of earlier) {
        report.doubtful.push(formMessage('doubtfulOtherOrganization', { printed: printedLabel(p.name, p.organization), name: e.name, slug: e.slug, reasonList: reasonMessages(['same-name', 'other-organization'], { organizationNames: e.organizationName ? [e.organizationName] : [] }) }));
      }
    }
  }
  if (id === undefined && choice === undefined) {
    const candidates = (cache.stored.get(key) ?? []).filter((c) => !(cache.byName.get(key) ?? []).some((e) => e.id === c.id && e.organizationId !== null && e.organizationId !== organizationId));
    const decision = chooseByName(candidates, printed);
    if (decision.take) {
      id = decision.take.id;
      known = { name: decision.take.name, slug: decision.take.slug };
      if (decision.doubtful.length) {
        const [taken, ...rest] = decision.doubtful;
        report.doubtful.push(
          formMessage('doubtfulTaken', {
            printed: printedLabel(p.name, p.organization),
            count: decision.doubtful.length,
            name: taken!.candidate.name,
            slug: taken!.candidate.slug,
            reasonList: reasonMessages(taken!.reasons, taken!.candidate, printed),
            others: rest.map((d) => formMessage('doubtfulNotTaken', { name: d.candidate.name, slug: d.candidate.slug, reasonList: reasonMessages(d.reasons, d.candidate, printed) })),
          }),
        );
      }
    } else {
      for (const d of decision.doubtful) {
        report.doubtful.push(formMessage('doubtfulNewPerson', { printed: printedLabel(p.name, p.organization), name: d.candidate.name, slug: d.candidate.slug, reasonList: reasonMessages(d.reasons, d.candidate, printed) }));
      }
    }
  }
  if (id !== undefined) {
    if (!cache.counted.has(id)) {
      cache.counted.add(id);
      report.persons.matched++;
      const found = await trx.selectFrom('person').select('honorific').where('id', '=', id).executeTakeFirst();
      if (found && !found.honorific && p.honorific) {
        await trx.updateTable('person').set({ honorific: p.honorific, updated_at: ts }).where('id', '=', id).execute();
        await declareChange(trx, 'person', id);
      }
    }
  } else {
    // A similar name already stored may be this person; say so rather than merge on a guess.
    if (!cache.likeness) {
      cache.likeness = new PersonLikeness();
      for (const o of await personAliasNames(trx)) cache.likeness.add(o);
    }
    const like: PersonCandidate[] = [];
    for (const other of cache.likeness.similarTo(key)) {
      if (like.some((c) => c.id === other.id)) continue;
      like.push({ id: other.id, name: other.name, slug: other.slug, organizationIds: [], organizationNames: [], countryCodes: [], inEvent: false });
    }
    // Whether they share the organization or country printed: asked only when the page prints one.
    if (like.length && (organizationId !== null || p.countryCode)) await appearanceFacts(trx, like);
    for (const other of like) {
      const reasons: MatchReason[] = [personLikenessReason(key, normaliseName(other.name)) ?? 'name-parts'];
      if (organizationId !== null && other.organizationIds.includes(organizationId)) reasons.push('same-organization');
      if (p.countryCode && other.countryCodes.includes(p.countryCode)) reasons.push('same-country');
      report.doubtful.push(formMessage('doubtfulLikePerson', { printed: printedLabel(p.name, null), name: other.name, slug: other.slug, reasonList: reasonMessages(reasons, other, printed) }));
    }
    const slug = await uniqueSlug(trx, 'person', slugify(p.name));
    id = (
      await trx
        .insertInto('person')
        .values({ slug, name: p.name, name_key: key, honorific: p.honorific, created_at: ts, updated_at: ts })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    await addAlias(trx, 'person', id, p.name, key, 'name', ts);
    cache.likeness.add({ id, name: p.name, slug, nameKey: key });
    known = { name: p.name, slug };
    cache.counted.add(id);
    report.persons.created++;
  }
  cache.memo.set(memoKey, id);
  const list = cache.byName.get(key) ?? [];
  if (!list.some((e) => e.id === id && e.organizationId === organizationId)) {
    const r = known ?? (await trx.selectFrom('person').select(['name', 'slug']).where('id', '=', id).executeTakeFirstOrThrow());
    list.push({ organizationId, organizationName: p.organization, countryCode: p.countryCode, id, name: r.name, slug: r.slug });
  }
  cache.byName.set(key, list);
  return id;
}

/**
 * Per import: organization ids by identity key, the stored ones by alias key, and every stored
 * organization's aliases by likeness, read once when the first new organization is compared.
 */
type OrganizationCache = {
  memo: Map<string, number>;
  counted: Set<number>;
  stored: Map<string, Array<{ id: number; slug: string; name: string }>>;
  likeness?: OrganizationLikeness<{ id: number; name: string; slug: string }>;
};

async function organizationId(trx: Tx, p: Pick<AgendaPerson, 'organization' | 'countryCode'>, report: ImportReport, cache: OrganizationCache, ts: string): Promise<number | null> {
  if (!p.organization) return null;
  const { key, kind, countryCode } = organizationIdentity(p.organization, p.countryCode);
  const memo = cache.memo.get(key);
  if (memo !== undefined) return memo;
  const found = cache.stored.get(key) ?? [];
  let id: number;
  if (found.length) {
    id = found[0]!.id;
    if (found.length > 1) {
      report.doubtful.push(
        formMessage('doubtfulOrganizations', {
          organization: p.organization,
          count: found.length,
          name: found[0]!.name,
          slug: found[0]!.slug,
          otherList: found.slice(1).map((o) => formMessage('reportOrganization', { name: o.name, slug: o.slug })),
        }),
      );
    }
    if (!cache.counted.has(id)) report.organizations.matched++;
  } else {
    const organization = p.organization;
    if (!cache.likeness) {
      cache.likeness = new OrganizationLikeness();
      for (const o of await organizationAliasNames(trx)) cache.likeness.add(o);
    }
    const seen = new Set<number>();
    for (const other of cache.likeness.similarTo(organization)) {
      if (seen.has(other.id)) continue;
      seen.add(other.id);
      report.doubtful.push(formMessage('doubtfulLikeOrganization', { organization, name: other.name, slug: other.slug, reasonList: reasonMessages([organizationLikenessReason(organization, other.name)]) }));
    }
    const base = slugify(countryCode ? `${p.organization} ${countryCode}` : p.organization);
    const slug = await uniqueSlug(trx, 'organization', base);
    id = (
      await trx
        .insertInto('organization')
        // The kind is the importer's guess until an editor confirms it (kind_confirmed 0).
        .values({ slug, name: p.organization, name_key: key, kind, country_code: countryCode, kind_confirmed: 0, created_at: ts, updated_at: ts })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    await addAlias(trx, 'organization', id, p.organization, key, 'name', ts);
    cache.likeness.add({ id, name: p.organization, slug });
    report.organizations.created++;
  }
  cache.counted.add(id);
  cache.memo.set(key, id);
  return id;
}

/** What the event's write carries from session to session: what was stored, and the rows to insert at the end. */
type EventWrite = {
  trx: Tx;
  eventId: number;
  lang: string;
  ts: string;
  report: ImportReport;
  hand: HandEdits;
  keep: Keeper;
  resolved: Resolved;
  personCache: PersonCache;
  orgCache: OrganizationCache;
  /** the event's appearances as stored, with the person's name, per session in order */
  appearances: Map<number, StoredAppearance[]>;
  /** the materials of those appearances, per appearance in order */
  materials: Map<number, Selectable<MaterialTable>[]>;
  /** new appearances, in the page's order, inserted by flushNew */
  newAppearances: NewAppearance[];
  /** new materials, in the page's order, of a stored appearance (its id) or of a new one */
  newMaterials: Array<{ appearance: number | NewAppearance; row: Omit<Insertable<MaterialTable>, 'appearance_id'> }>;
  /** materials the page no longer names, deleted by flushNew */
  staleMaterials: number[];
};

type StoredAppearance = Selectable<AppearanceTable> & { name: string };
type NewAppearance = { row: Insertable<AppearanceTable> & { session_id: number; person_id: number; role: 'moderator' | 'speaker' }; id?: number };

/** The event's appearances and their materials, in two statements. */
async function eventContents(trx: Tx, eventId: number): Promise<Pick<EventWrite, 'appearances' | 'materials'>> {
  const appearances = new Map<number, StoredAppearance[]>();
  const materials = new Map<number, Selectable<MaterialTable>[]>();
  const rows = await trx
    .selectFrom('appearance as a')
    .innerJoin('session as s', 's.id', 'a.session_id')
    .innerJoin('person as p', 'p.id', 'a.person_id')
    .selectAll('a')
    .select('p.name')
    .where('s.event_id', '=', eventId)
    .orderBy('a.session_id')
    .orderBy('a.position')
    .orderBy('a.id')
    .execute();
  if (!rows.length) return { appearances, materials };
  for (const r of rows) {
    const list = appearances.get(r.session_id);
    if (list) list.push(r);
    else appearances.set(r.session_id, [r]);
  }
  const mats = await trx
    .selectFrom('material as m')
    .innerJoin('appearance as a', 'a.id', 'm.appearance_id')
    .innerJoin('session as s', 's.id', 'a.session_id')
    .selectAll('m')
    .where('s.event_id', '=', eventId)
    .orderBy('m.appearance_id')
    .orderBy('m.position')
    .orderBy('m.id')
    .execute();
  for (const m of mats) {
    const list = materials.get(m.appearance_id!);
    if (list) list.push(m);
    else materials.set(m.appearance_id!, [m]);
  }
  return { appearances, materials };
}

/**
 * The new appearances, then the new materials, a few hundred rows to a statement, in the page's
 * order (so ids go up in that order, as they did a row at a time). An appearance is known again by
 * its session, person and role, which are unique together, whatever order RETURNING gives them in.
 */
async function flushNew(w: EventWrite): Promise<void> {
  const { trx } = w;
  const made = new Map<string, number>();
  const key = (r: { session_id: number; person_id: number; role: string }) => `${r.session_id}|${r.person_id}|${r.role}`;
  for (const chunk of chunks(w.newAppearances)) {
    const rows = await trx.insertInto('appearance').values(chunk.map((a) => a.row)).returning(['id', 'session_id', 'person_id', 'role']).execute();
    for (const r of rows) made.set(key(r), r.id);
  }
  for (const a of w.newAppearances) a.id = made.get(key(a.row))!;
  if (w.newAppearances.length) await declareChange(trx, 'event', w.eventId);
  if (w.staleMaterials.length) for (const chunk of chunks(w.staleMaterials)) await trx.deleteFrom('material').where('id', 'in', chunk).execute();
  const materials = w.newMaterials.map((m) => ({ ...m.row, appearance_id: typeof m.appearance === 'number' ? m.appearance : m.appearance.id! }));
  for (const chunk of chunks(materials)) await trx.insertInto('material').values(chunk).execute();
  w.newAppearances = [];
  w.newMaterials = [];
  w.staleMaterials = [];
}

async function syncAppearances(w: EventWrite, sessionId: number, moderators: AgendaPerson[], speakers: AgendaPerson[]): Promise<void> {
  const { trx, eventId, lang, report, hand, keep } = w;
  const old = w.appearances.get(sessionId) ?? [];
  const kept = new Set<number>();
  /** person and role already placed in this session by this import: two printed names may be one person (an editor's choice). */
  const placed = new Set<string>();
  const wanted = [
    ...moderators.map((p) => ({ p, role: 'moderator' as const })),
    ...speakers.map((p) => ({ p, role: 'speaker' as const })),
  ];
  // A session whose people someone reordered by hand keeps that order; new ones go to the end.
  const byHand = old.some((o) => hand.changed('appearance', o.id, 'position'));
  let next = byHand ? Math.max(-1, ...old.map((o) => o.position)) + 1 : 0;
  const pageOrder: number[] = [];
  for (const { p, role } of wanted) {
    // Found or stored before this transaction (storeIdentities); worked out again only for a name it did not see.
    const ids = w.resolved.get(p);
    const oid = ids ? ids.oid : await organizationId(trx, p, report, w.orgCache, w.ts);
    const pid = ids ? ids.pid : await personId(trx, p, oid, report, w.personCache, w.ts);
    const values = {
      role,
      role_label: p.roleLabel ?? null,
      honorific: p.honorific,
      affiliation_position: p.position,
      organization_id: oid,
      country: p.country,
      country_code: p.countryCode,
      talk_title: p.talkTitle ?? null,
      lang,
    };
    const existing = old.find((o) => o.person_id === pid && hand.holds('appearance', o, 'role', role));
    if ((existing && kept.has(existing.id)) || placed.has(`${pid}|${role}`)) {
      report.warnings.push(formMessage('reportListedTwice', { name: p.name, role: roleWord(role) }));
      continue;
    }
    if (!existing && hand.deleted('appearance', (r) => r.session_id === sessionId && r.person_id === pid && r.role === role)) {
      report.kept.push(formMessage('reportAppearanceDeleted', { name: p.name, role: roleWord(role), session: sessionId }));
      continue;
    }
    placed.add(`${pid}|${role}`);
    if (existing) {
      const position = byHand ? existing.position : next++;
      // Most appearances are as the page gives them again: those cost no statement and no await.
      const stored = { ...(hand.touched('appearance', existing.id) ? await keep('appearance', existing, () => formMessage('reportAppearance', { name: existing.name, role: roleWord(existing.role) }), values) : values), position };
      if (differs(existing, stored)) await updateChanged(trx, 'appearance', existing, stored, undefined, eventId);
      report.appearances.updated++;
      kept.add(existing.id);
      pageOrder.push(existing.id);
      if (p.materials.length || w.materials.has(existing.id)) await syncMaterials(w, existing.id, p);
    } else {
      // Inserted with the others at the end of the event's write (flushNew), its materials after it.
      const made: NewAppearance = { row: { session_id: sessionId, person_id: pid, ...values, position: next++ } };
      w.newAppearances.push(made);
      report.appearances.created++;
      for (const [position, m] of p.materials.entries()) {
        w.newMaterials.push({ appearance: made, row: { event_id: eventId, kind: m.kind, label: m.label, lang, position, url: null, file_id: null, created_at: w.ts } });
      }
    }
  }
  if (byHand) {
    const keptOrder = old.map((o) => o.id).filter((id) => pageOrder.includes(id));
    if (keptOrder.join() !== pageOrder.filter((id) => keptOrder.includes(id)).join()) {
      report.kept.push(formMessage('reportPeopleOrder', { session: sessionId }));
    }
  }
  const stale: number[] = [];
  for (const o of old.filter((o) => !kept.has(o.id))) {
    if (hand.touched('appearance', o.id)) {
      report.kept.push(formMessage('reportAppearanceStays', { name: o.name, role: roleWord(o.role), session: sessionId }));
      if (!byHand) await updateChanged(trx, 'appearance', o, { position: next++ }, undefined, eventId);
    } else stale.push(o.id);
  }
  if (stale.length) {
    await keepAttachedMaterials(trx, stale.map((id) => ({ appearance: id })), report);
    await trx.deleteFrom('appearance').where('id', 'in', stale).execute();
    await declareChange(trx, 'event', eventId);
    report.appearances.removed += stale.length;
  }
}

type Row = { id: number; version: number } & Record<string, unknown>;

/**
 * Stores the values that differ from the row, and moves its version on, so that a form opened
 * before the import cannot save over what the import wrote (it gets the conflict page).
 */
async function updateChanged(trx: Tx, table: ImportedEntity, row: Row, values: Record<string, unknown>, ts?: string, eventId?: number): Promise<boolean> {
  const changed = Object.fromEntries(Object.entries(values).filter(([k, v]) => (row[k] ?? null) !== (v ?? null)));
  if (!Object.keys(changed).length) return false;
  const set = { ...changed, version: row.version + 1, ...(ts && (table === 'series' || table === 'event') ? { updated_at: ts } : {}) };
  await updateRow(trx, table, row.id, set);
  Object.assign(row, set);
  // A day, session, appearance or material of the event being imported: that event, without looking it up.
  if (eventId !== undefined && table !== 'series' && table !== 'event') await declareChange(trx, 'event', eventId);
  else await declareChange(trx, table, row.id);
  return true;
}

type Pending = { id: number; set: Record<string, unknown> };

/**
 * updateChanged for a row written later with others, in one statement (updateRows): the values that
 * differ and the next version, kept in `pending`; the row in memory holds them at once. Whether any did.
 */
function changeLater(pending: Pending[], row: Row, values: Record<string, unknown>): boolean {
  const changed = Object.fromEntries(Object.entries(values).filter(([k, v]) => (row[k] ?? null) !== (v ?? null)));
  if (!Object.keys(changed).length) return false;
  const set = { ...changed, version: row.version + 1 };
  pending.push({ id: row.id, set });
  Object.assign(row, set);
  return true;
}

/** Whether any of the values differs from the row's (what updateChanged would store). */
function differs(row: Record<string, unknown>, values: Record<string, unknown>): boolean {
  for (const k in values) if ((row[k] ?? null) !== (values[k] ?? null)) return true;
  return false;
}

/** Drops from an import's values the fields someone set by hand, saying which it did not overwrite. */
type Keeper = <V extends Record<string, unknown>>(entity: ImportedEntity, row: Row, label: () => FormMessage, values: V) => Promise<Partial<V>>;

/** Fields that hold a record's id, said by what they point to (a day by its date, an organization by its name); their word is `field.day_id`, `field.organization_id`. */
const POINTERS: Record<string, { table: 'day' | 'organization'; column: 'date' | 'name' }> = {
  day_id: { table: 'day', column: 'date' },
  organization_id: { table: 'organization', column: 'name' },
};

function keeper(trx: Tx, hand: HandEdits, report: ImportReport): Keeper {
  const said = async (field: string, v: unknown) => {
    const p = POINTERS[field];
    if (!p || typeof v !== 'number') return show(v);
    const row = await (trx as unknown as Kysely<any>).selectFrom(p.table).select(p.column).where('id', '=', v).executeTakeFirst();
    return show(row?.[p.column] ?? v);
  };
  return async (entity, row, label, values) => {
    // Most records were never edited by hand: then every value goes through as it is.
    if (!hand.touched(entity, row.id)) return values;
    const out: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(values)) {
      if (!hand.setByHand(entity, row.id, field)) out[field] = value;
      else if ((row[field] ?? null) !== (value ?? null)) {
        report.kept.push(formMessage('reportFieldKept', { label: label(), field: fieldWord(field), was: await said(field, row[field]), now: await said(field, value) }));
      }
    }
    return out as Partial<typeof values>;
  };
}

/** A value as the report shows it: quoted text, a number, or "empty". */
const show = (v: unknown): FieldMessage => (v === null || v === undefined ? formMessage('reportEmpty') : typeof v === 'string' ? formMessage('reportText', { text: v }) : String(v));

const roleWord = (role: string): FieldMessage => (role === 'moderator' || role === 'speaker' ? formMessage(`roleWord.${role}`) : role);
const KINDS = ['opening', 'panel', 'keynote', 'break', 'closing', 'other'];
const kindWord = (kind: string): FieldMessage => (KINDS.includes(kind) ? formMessage(`kindWord.${kind}` as 'kindWord.panel') : kind);

function sessionLabel(date: string, s: { title: string | null; start_time: string | null; kind: string }): FormMessage {
  return formMessage('reportSession', { title: s.title ?? kindWord(s.kind), when: [date, s.start_time].filter(Boolean).join(' ') });
}

/**
 * Before an appearance or session the page no longer lists is deleted, its materials that hold
 * a file or a link move to the event's documents: what an organizer attached is never lost.
 */
async function keepAttachedMaterials(trx: Tx, owners: Array<{ appearance: number } | { session: number }>, report: ImportReport): Promise<void> {
  const appearanceIds = owners.flatMap((o) => ('appearance' in o ? [o.appearance] : []));
  const sessionIds = owners.flatMap((o) => ('session' in o ? [o.session] : []));
  let q = trx
    .selectFrom('material as m')
    .innerJoin('appearance as a', 'a.id', 'm.appearance_id')
    .innerJoin('person as p', 'p.id', 'a.person_id')
    .select(['m.id', 'm.label', 'p.name'])
    .where((eb) => eb.or([eb('m.url', 'is not', null), eb('m.file_id', 'is not', null)]));
  q = q.where((eb) =>
    eb.or([
      ...(appearanceIds.length ? [eb('a.id', 'in', appearanceIds)] : []),
      ...(sessionIds.length ? [eb('a.session_id', 'in', sessionIds)] : []),
    ]),
  );
  const rescued = await q.execute();
  if (!rescued.length) return;
  await trx
    .updateTable('material')
    .set((eb) => ({ appearance_id: null, version: eb('version', '+', 1) }))
    .where('id', 'in', rescued.map((m) => m.id))
    .execute();
  for (const m of rescued) report.warnings.push(formMessage('reportMaterialKept', { label: m.label, name: m.name }));
}

/**
 * Materials named on the page; a file or link already attached to one is kept across re-imports. A
 * material an organizer edited in the workspace (its kind, language or label) is still recognised by
 * the values the page gave it, keeps what was set by hand (the report says so), and is never deleted
 * because the page no longer names it. Every change moves the material's version, so a form opened
 * before the import is refused rather than undoing it.
 */
async function syncMaterials(w: EventWrite, appearanceId: number, p: AgendaPerson): Promise<void> {
  const { trx, eventId, lang, hand, keep } = w;
  const old = w.materials.get(appearanceId) ?? [];
  if (!old.length && !p.materials.length) return;
  const used = new Set<number>();
  for (const [position, m] of p.materials.entries()) {
    const match = old.find((o) => !used.has(o.id) && hand.holds('material', o, 'kind', m.kind) && hand.holds('material', o, 'lang', lang));
    if (match) {
      used.add(match.id);
      const values = await keep('material', match, () => formMessage('reportText', { text: match.label }), { label: m.label, position });
      await updateChanged(trx, 'material', match, values, undefined, eventId);
    } else {
      w.newMaterials.push({ appearance: appearanceId, row: { event_id: eventId, kind: m.kind, label: m.label, lang, position, url: null, file_id: null, created_at: w.ts } });
    }
  }
  const stale = old.filter((o) => !used.has(o.id) && o.url === null && o.file_id === null && !hand.touched('material', o.id)).map((o) => o.id);
  w.staleMaterials.push(...stale);
  if (stale.length || p.materials.some((_, i) => !used.size || i >= used.size)) await declareChange(trx, 'event', eventId);
}
