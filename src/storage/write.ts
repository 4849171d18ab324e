// Every write goes through here: one transaction that also moves the cache generation and
// records which pages it changed, so that every instance drops those pages (and only those).
import { sql } from 'kysely';
import type { Tx } from './database.ts';
import { reindexIdentities } from './queries/search.ts';
import { GENERATION_CHANNEL, type Storage } from './storage.ts';

/** An arbitrary constant naming Plenary's write lock among PostgreSQL advisory locks. */
const WRITE_LOCK = 7_340_522_113;

/** How many cache_invalidation rows are kept: instances further behind drop their whole cache. */
const KEEP_INVALIDATIONS = 10_000;

/**
 * What a write changed, as its operation declares it. An event's page shows its series, its
 * convener and the persons and organizations of its agenda, so declaring one of those reaches
 * every event that shows it (worked out at the end of the write, from the rows as they are then).
 * A write that declares nothing may have changed any page: every cached page is dropped. Lists,
 * person, organization, series and country pages and the API's lists are dropped on every write.
 *
 * Declare before the rows stop pointing at what they changed: a session moved to another event
 * changes both events; a person deleted or merged changes the events they appeared in, which
 * the operation must name itself (event()) once the appearances are gone.
 */
export interface WriteScope {
  event(id: number): void;
  series(id: number): void;
  person(id: number): void;
  organization(id: number): void;
  /** the write may change any page (the default when nothing is declared) */
  everything(): void;
  /** the write changes no event's page (new persons no page names yet): only the lists go */
  noEvent(): void;
}

/** The scope of the write whose transaction this is, for declareChange(). */
const scopes = new WeakMap<object, WriteScope>();

/** What declareChange() knows how to place; any other entity counts as "may have changed anything". */
export type ChangedEntity = 'series' | 'event' | 'day' | 'session' | 'appearance' | 'person' | 'organization' | 'material';

/**
 * Declares, inside write(), that a record changed, for operations that pass the transaction
 * around rather than the scope: a day, session, appearance or material counts as a change to its
 * event (looked up now, so call it while the row still exists); a record that cannot be found,
 * or an entity it does not know, as a change to anything. A transaction that is not write()'s
 * own (or a wrapped one) declares nothing, and then the write drops every page.
 */
export async function declareChange(trx: Tx, entity: ChangedEntity | (string & {}), id: number): Promise<void> {
  const scope = scopes.get(trx);
  if (!scope) return;
  const eventOf = async (): Promise<number | undefined> => {
    switch (entity) {
      case 'day':
        return (await trx.selectFrom('day').select('event_id').where('id', '=', id).executeTakeFirst())?.event_id;
      case 'session':
        return (await trx.selectFrom('session').select('event_id').where('id', '=', id).executeTakeFirst())?.event_id;
      case 'material':
        return (await trx.selectFrom('material').select('event_id').where('id', '=', id).executeTakeFirst())?.event_id;
      case 'appearance':
        return (await trx.selectFrom('appearance as a').innerJoin('session as s', 's.id', 'a.session_id').select('s.event_id').where('a.id', '=', id).executeTakeFirst())?.event_id;
      default:
        return undefined;
    }
  };
  if (entity === 'event') scope.event(id);
  else if (entity === 'series') scope.series(id);
  else if (entity === 'person') scope.person(id);
  else if (entity === 'organization') scope.organization(id);
  else {
    const event = await eventOf();
    if (event === undefined) scope.everything();
    else scope.event(event);
  }
}

type Declared = { events: Set<number>; series: Set<number>; persons: Set<number>; organizations: Set<number>; everything: boolean; noEvent: boolean };

function scopeOf(d: Declared): WriteScope {
  return {
    event: (id) => void d.events.add(id),
    series: (id) => void d.series.add(id),
    person: (id) => void d.persons.add(id),
    organization: (id) => void d.organizations.add(id),
    everything: () => void (d.everything = true),
    noEvent: () => void (d.noEvent = true),
  };
}

/** The events whose pages the declared records appear on; null for "every page". */
async function changedEvents(trx: Tx, d: Declared): Promise<number[] | null> {
  if (d.everything) return null;
  if (!d.events.size && !d.series.size && !d.persons.size && !d.organizations.size) return d.noEvent ? [] : null;
  const events = new Set(d.events);
  const add = (rows: Array<{ id: number }>) => rows.forEach((r) => events.add(Number(r.id)));
  if (d.series.size) add(await trx.selectFrom('event').select('id').where('series_id', 'in', [...d.series]).execute());
  if (d.persons.size || d.organizations.size) {
    add(
      await trx
        .selectFrom('appearance as a')
        .innerJoin('session as s', 's.id', 'a.session_id')
        .select('s.event_id as id')
        .where((eb) =>
          eb.or([
            ...(d.persons.size ? [eb('a.person_id', 'in', [...d.persons])] : []),
            ...(d.organizations.size ? [eb('a.organization_id', 'in', [...d.organizations])] : []),
          ]),
        )
        .distinct()
        .execute(),
    );
  }
  if (d.organizations.size) {
    add(
      await trx
        .selectFrom('event as e')
        .innerJoin('series as se', 'se.id', 'e.series_id')
        .select('e.id as id')
        .where('se.convener_id', 'in', [...d.organizations])
        .execute(),
    );
  }
  return [...events].sort((a, b) => a - b);
}

/** PostgreSQL errors that a write can meet only because another write ran at the same moment. */
const RACES = new Set(['23505', '40001', '40P01']);
const raced = (e: unknown) => RACES.has(String((e as { code?: unknown })?.code ?? ''));
const ATTEMPTS = 3;

export type WriteOptions = {
  /**
   * Imports and restores: at most one at a time, across every instance. On PostgreSQL the
   * workspace's saves do not take this lock, so that an editor never waits behind another
   * series' import; a save that meets a concurrent write's row (two people adding the same new
   * person at once) fails on the unique index and is run again, and then finds that row.
   */
  exclusive?: boolean;
};

export async function write<T>(storage: Storage, fn: (trx: Tx, scope: WriteScope) => Promise<T>, opts: WriteOptions = {}): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      const out = await writeOnce(storage, fn, opts);
      // SQLite has one writer and its lock is not fair: an import (many transactions in a row) lets go
      // after each, until an editor's save waiting for the lock has taken it, rather than the save waiting
      // out the whole import (dialects/sqlite.ts; npm run bench:editor-wait).
      if (opts.exclusive) await storage.handoff?.();
      return out;
    } catch (e) {
      if (storage.engine !== 'postgres' || !raced(e) || attempt >= ATTEMPTS) throw e;
    }
  }
}

async function writeOnce<T>(storage: Storage, fn: (trx: Tx, scope: WriteScope) => Promise<T>, opts: WriteOptions): Promise<T> {
  let generation = 0;
  let changed: number[] | null = null;
  const result = await storage.db.transaction().execute(async (trx) => {
    // Imports are read-then-insert over many rows (find a person by name, else create): one at a
    // time keeps two instances from interleaving them. SQLite has one writer at a time anyway
    // (BEGIN IMMEDIATE, dialects/sqlite.ts).
    if (storage.engine === 'postgres' && opts.exclusive) await sql`SELECT pg_advisory_xact_lock(${WRITE_LOCK})`.execute(trx);
    const declared: Declared = { events: new Set(), series: new Set(), persons: new Set(), organizations: new Set(), everything: false, noEvent: false };
    const scope = scopeOf(declared);
    scopes.set(trx, scope);
    const out = await fn(trx, scope);
    // Persons and organizations are shared and public at once: their search documents follow every edit, in this write.
    if (declared.persons.size || declared.organizations.size) await reindexIdentities(trx, [...declared.persons], [...declared.organizations], { sessions: true, appearingFor: true });
    changed = await changedEvents(trx, declared);
    // Every change an event's pages show moves its updated_at, from which calendars take SEQUENCE
    // and DTSTAMP (exports/ical.ts): a session retitled in the workspace updates subscribers too.
    if (changed !== null && changed.length) await trx.updateTable('event').set({ updated_at: new Date().toISOString() }).where('id', 'in', changed).execute();
    const row = await trx
      .updateTable('site_state')
      .set((eb) => ({ value: eb('value', '+', 1) }))
      .where('key', '=', 'generation')
      .returning('value')
      .executeTakeFirstOrThrow();
    generation = Number(row.value);
    // Committed with the generation: an instance that sees the generation finds the row.
    await trx
      .insertInto('cache_invalidation')
      .values({ generation, events: changed === null ? null : JSON.stringify(changed) })
      .onConflict((oc) => oc.column('generation').doUpdateSet({ events: null }))
      .execute();
    await trx.deleteFrom('cache_invalidation').where('generation', '<=', generation - KEEP_INVALIDATIONS).execute();
    if (storage.engine === 'postgres') {
      // Delivered at commit, to every listening instance.
      await sql`SELECT pg_notify(${GENERATION_CHANNEL}, ${String(generation)})`.execute(trx);
    }
    return out;
  });
  storage.generation.noteLocalWrite(generation, changed);
  return result;
}
