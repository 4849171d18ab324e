// The workspace's writes and reads: versioned records, the audit log, and what a form needs.
// Generic over the edited tables (each has an integer id and a version), so the one
// compare-and-set update below serves every form.
import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import type { AuditedEntity, Values } from '../../domain/audit.ts';
import type { AuditEntryTable, Database, DbOrTx } from '../database.ts';

const anyDb = (db: DbOrTx) => db as unknown as Kysely<any>;

/** One record as stored, every column, or undefined. */
export async function recordById(db: DbOrTx, entity: AuditedEntity, id: number): Promise<Values | undefined> {
  return (await anyDb(db).selectFrom(entity).selectAll().where('id', '=', id).executeTakeFirst()) as Values | undefined;
}

/**
 * Stores `values` and moves the version on, only if the record is still at `version`: the
 * compare and the set are one statement, so two saves from the same version cannot both pass.
 * Returns false when the record is at another version (or gone).
 */
export async function updateIfVersion(db: DbOrTx, entity: AuditedEntity, id: number, version: number, values: Values): Promise<boolean> {
  const r = await anyDb(db)
    .updateTable(entity)
    .set({ ...values, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertRecord(db: DbOrTx, entity: AuditedEntity, values: Values): Promise<number> {
  const r = await anyDb(db).insertInto(entity).values(values).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

/** The series a record belongs to (persons and organizations belong to none). */
export async function seriesIdOf(db: DbOrTx, entity: AuditedEntity, id: number): Promise<number | undefined> {
  switch (entity) {
    case 'series':
      return (await db.selectFrom('series').select('id').where('id', '=', id).executeTakeFirst())?.id;
    case 'event':
      return (await db.selectFrom('event').select('series_id').where('id', '=', id).executeTakeFirst())?.series_id;
    case 'day':
      return (await db.selectFrom('day as d').innerJoin('event as e', 'e.id', 'd.event_id').select('e.series_id').where('d.id', '=', id).executeTakeFirst())?.series_id;
    case 'session':
      return (await db.selectFrom('session as s').innerJoin('event as e', 'e.id', 's.event_id').select('e.series_id').where('s.id', '=', id).executeTakeFirst())?.series_id;
    case 'appearance':
      return (
        await db
          .selectFrom('appearance as a')
          .innerJoin('session as s', 's.id', 'a.session_id')
          .innerJoin('event as e', 'e.id', 's.event_id')
          .select('e.series_id')
          .where('a.id', '=', id)
          .executeTakeFirst()
      )?.series_id;
    case 'material':
      return (await db.selectFrom('material as m').innerJoin('event as e', 'e.id', 'm.event_id').select('e.series_id').where('m.id', '=', id).executeTakeFirst())?.series_id;
    default:
      return undefined;
  }
}

export type AuditEntry = Omit<AuditEntryTable, 'id'> & { id: number };
export type AuditEntryWithAuthor = AuditEntry & { email: string | null };

export async function insertAuditEntry(db: DbOrTx, e: Omit<AuditEntry, 'id'>): Promise<number> {
  const r = await db.insertInto('audit_entry').values(e).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function auditEntryById(db: DbOrTx, id: number): Promise<AuditEntry | undefined> {
  return await db.selectFrom('audit_entry').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Whether a later entry already reverted this one. */
export async function revertOf(db: DbOrTx, id: number): Promise<number | undefined> {
  return (await db.selectFrom('audit_entry').select('id').where('reverted_entry_id', '=', id).executeTakeFirst())?.id;
}

/** The newest entries first; `seriesIds` 'all' for an admin. Entries without a series (persons) are an admin's. */
export async function auditEntries(db: DbOrTx, seriesIds: number[] | 'all', limit: number, beforeId?: number): Promise<AuditEntryWithAuthor[]> {
  if (seriesIds !== 'all' && seriesIds.length === 0) return [];
  let q = db
    .selectFrom('audit_entry as x')
    .leftJoin('account as a', 'a.id', 'x.account_id')
    .select(['x.id', 'x.at', 'x.account_id', 'x.action', 'x.entity', 'x.entity_id', 'x.series_id', 'x.before', 'x.after', 'x.reverted_entry_id', 'x.source', 'a.email'])
    .orderBy('x.id', 'desc')
    .limit(limit);
  if (seriesIds !== 'all') q = q.where('x.series_id', 'in', seriesIds);
  if (beforeId !== undefined) q = q.where('x.id', '<', beforeId);
  return await q.execute();
}

export async function seriesBySlug(db: DbOrTx, slug: string) {
  return await db.selectFrom('series').selectAll().where('slug', '=', slug).executeTakeFirst();
}

/** An event with its days, sessions and appearances (drafts included), as the workspace shows it. */
export async function eventForWorkspace(db: DbOrTx, eventId: number) {
  const event = await db.selectFrom('event').selectAll().where('id', '=', eventId).executeTakeFirst();
  if (!event) return undefined;
  const series = await db.selectFrom('series').select(['id', 'slug', 'title']).where('id', '=', event.series_id).executeTakeFirstOrThrow();
  const days = await db.selectFrom('day').selectAll().where('event_id', '=', eventId).orderBy('position').orderBy('id').execute();
  const sessions = await db.selectFrom('session').selectAll().where('event_id', '=', eventId).orderBy('position').orderBy('id').execute();
  return { event, series, days, sessions };
}

export async function sessionForWorkspace(db: DbOrTx, sessionId: number) {
  const session = await db.selectFrom('session').selectAll().where('id', '=', sessionId).executeTakeFirst();
  if (!session) return undefined;
  const event = await db.selectFrom('event').select(['id', 'slug', 'title', 'series_id']).where('id', '=', session.event_id).executeTakeFirstOrThrow();
  const days = await db.selectFrom('day').select(['id', 'date', 'label']).where('event_id', '=', session.event_id).orderBy('position').orderBy('id').execute();
  const appearances = await db
    .selectFrom('appearance as a')
    .innerJoin('person as p', 'p.id', 'a.person_id')
    .select(['a.id', 'a.role', 'a.position', 'a.version', 'a.role_label', 'a.affiliation_position', 'p.name', 'p.id as person_id'])
    .where('a.session_id', '=', sessionId)
    .orderBy('a.position')
    .orderBy('a.id')
    .execute();
  return { session, event, days, appearances };
}

/** Persons whose name holds every word typed (case and accents folded through name_key), at most `limit`. */
/** Whom an account may find: anyone for an admin; else those in published events, in events of its own series, or in none (another series' drafts stay private). */
export type Reach = number[] | 'all';

function reachable(db: DbOrTx, table: 'person' | 'organization', reach: Reach) {
  return (eb: ExpressionBuilder<Database, 'person' | 'organization'>) => {
    const column = table === 'person' ? 'ap.person_id' : 'ap.organization_id';
    const seen = db
      .selectFrom('appearance as ap')
      .innerJoin('session as sx', 'sx.id', 'ap.session_id')
      .innerJoin('event as ex', 'ex.id', 'sx.event_id')
      .select(sql`1`.as('one'))
      .whereRef(column, '=', sql.ref(`${table}.id`))
      .where((w) => w.or([w('ex.status', '=', 'published'), ...(reach === 'all' || !reach.length ? [] : [w('ex.series_id', 'in', reach)])]));
    // One that appears nowhere (made, then no longer used) belongs to no series' drafts.
    const anywhere = db.selectFrom('appearance as ay').select(sql`1`.as('one')).whereRef(table === 'person' ? 'ay.person_id' : 'ay.organization_id', '=', sql.ref(`${table}.id`));
    return eb.or([eb.exists(seen as never), eb.not(eb.exists(anywhere as never))]);
  };
}

export async function searchPersons(db: DbOrTx, words: string[], limit: number, reach: Reach = 'all') {
  if (!words.length) return [];
  let q = db.selectFrom('person').select(['id', 'name', 'honorific', 'slug']).orderBy('name').orderBy('id').limit(limit);
  // Any of their names (aliases, migration 0012), the current one included.
  for (const w of words) {
    const pattern = `%${w.replace(/[%_\\]/g, '')}%`;
    q = q.where((eb) => eb.or([eb('name_key', 'like', pattern), eb.exists(db.selectFrom('person_alias as pa').select('pa.id').whereRef('pa.person_id', '=', sql.ref('person.id') as never).where('pa.name_key', 'like', pattern) as never)]));
  }
  if (reach !== 'all') q = q.where(reachable(db, 'person', reach) as never);
  return await q.execute();
}

/** Names of persons or organizations holding every word, within an account's reach. */
export async function searchNames(db: DbOrTx, table: 'person' | 'organization', words: string[], limit: number, reach: Reach): Promise<string[]> {
  if (!words.length) return [];
  let q = db.selectFrom(table).select('name').orderBy('name').orderBy('id').limit(limit);
  // Any of their names (aliases): "IOM" suggests the organization stored under its full name.
  const alias = table === 'person' ? ('person_alias' as const) : ('organization_alias' as const);
  const owner = table === 'person' ? 'person_id' : 'organization_id';
  for (const w of words) {
    const pattern = `%${w.replace(/[%_\\]/g, '')}%`;
    q = q.where((eb) =>
      eb.or([eb('name_key', 'like', pattern), eb.exists((db as Kysely<any>).selectFrom(`${alias} as x`).select('x.id').whereRef(`x.${owner}`, '=', sql.ref(`${table}.id`) as never).where('x.name_key', 'like', pattern) as never)]),
    );
  }
  if (reach !== 'all') q = q.where(reachable(db, table, reach) as never);
  return [...new Set((await q.execute()).map((r) => r.name))];
}

export async function slugTaken(db: DbOrTx, table: 'person' | 'series' | 'event', slug: string, exceptId?: number): Promise<boolean> {
  let q = db.selectFrom(table).select('id').where('slug', '=', slug);
  if (exceptId !== undefined) q = q.where('id', '!=', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

/** The next free position among a parent's children. */
export async function nextPosition(db: DbOrTx, table: 'day' | 'session' | 'appearance', parent: 'event_id' | 'day_id' | 'session_id', parentId: number): Promise<number> {
  const r = (await anyDb(db).selectFrom(table).select((eb: any) => eb.fn.max('position').as('p')).where(parent, '=', parentId).executeTakeFirst()) as { p: number | string | null } | undefined;
  return r?.p === null || r?.p === undefined ? 0 : Number(r.p) + 1;
}

/** Children of one parent in order, for moving one of them up or down. */
export async function siblings(db: DbOrTx, table: 'session' | 'appearance', parent: 'day_id' | 'session_id', parentId: number, role?: string) {
  let q = anyDb(db).selectFrom(table).select(['id', 'position', 'version']).where(parent, '=', parentId).orderBy('position').orderBy('id');
  if (role !== undefined) q = q.where('role', '=', role);
  return (await q.execute()) as { id: number; position: number; version: number }[];
}

/** The series in whose events a person or organization appears (or which an organization convenes). */
export async function seriesOfNamed(db: DbOrTx, table: 'person' | 'organization', id: number): Promise<number[]> {
  const rows = await db
    .selectFrom('appearance as a')
    .innerJoin('session as s', 's.id', 'a.session_id')
    .innerJoin('event as e', 'e.id', 's.event_id')
    .select('e.series_id')
    .where(table === 'person' ? 'a.person_id' : 'a.organization_id', '=', id)
    .distinct()
    .execute();
  const ids = new Set(rows.map((r) => r.series_id));
  if (table === 'organization') for (const r of await db.selectFrom('series').select('id').where('convener_id', '=', id).execute()) ids.add(r.id);
  return [...ids].sort((a, b) => a - b);
}

/** The workspace's changes to a series' records, oldest first, without the imports' own entries. */
export async function handEditEntries(db: DbOrTx, seriesId: number) {
  return await db
    .selectFrom('audit_entry')
    .select(['id', 'action', 'entity', 'entity_id', 'before', 'after', 'reverted_entry_id'])
    .where('series_id', '=', seriesId)
    .where('entity', 'in', ['series', 'event', 'day', 'session', 'appearance', 'material'])
    .where('action', '!=', 'import')
    .orderBy('id')
    .execute();
}

/** The values each logged change left on one record (its `after`), oldest first. */
export async function changesOf(db: DbOrTx, entity: AuditedEntity, id: number): Promise<Values[]> {
  const rows = await db.selectFrom('audit_entry').select('after').where('entity', '=', entity).where('entity_id', '=', id).where('after', 'is not', null).orderBy('id').execute();
  return rows.map((r) => JSON.parse(r.after!) as Values);
}

/** The entry that deleted a record, with its author, if the record was deleted in the workspace. */
export async function deletionOf(db: DbOrTx, entity: AuditedEntity, id: number) {
  return await db
    .selectFrom('audit_entry as x')
    .leftJoin('account as a', 'a.id', 'x.account_id')
    .select(['x.id', 'x.at', 'x.series_id', 'a.email'])
    .where('x.entity', '=', entity)
    .where('x.entity_id', '=', id)
    .where('x.after', 'is', null)
    .orderBy('x.id', 'desc')
    .executeTakeFirst();
}

/** Names and workspace pages of the records a page of the audit log names, those that still exist. */
export async function auditRecords(db: DbOrTx, wanted: Array<{ entity: string; id: number }>): Promise<Map<string, { label: string; href: string }>> {
  const out = new Map<string, { label: string; href: string }>();
  const ids = (entity: string) => [...new Set(wanted.filter((w) => w.entity === entity).map((w) => w.id))];
  const put = (entity: string, id: number, label: string, href: string) => out.set(`${entity}:${id}`, { label, href });
  const of = (e: string) => ids(e).length > 0;
  if (of('series')) for (const r of await db.selectFrom('series').select(['id', 'title', 'slug']).where('id', 'in', ids('series')).execute()) put('series', r.id, r.title, `/admin/series/${r.slug}/edit`);
  if (of('event')) for (const r of await db.selectFrom('event').select(['id', 'title']).where('id', 'in', ids('event')).execute()) put('event', r.id, r.title, `/admin/events/${r.id}`);
  if (of('day')) for (const r of await db.selectFrom('day').select(['id', 'date']).where('id', 'in', ids('day')).execute()) put('day', r.id, r.date, `/admin/days/${r.id}`);
  if (of('session')) for (const r of await db.selectFrom('session').select(['id', 'title', 'kind']).where('id', 'in', ids('session')).execute()) put('session', r.id, r.title ?? r.kind, `/admin/sessions/${r.id}`);
  if (of('appearance')) {
    for (const r of await db.selectFrom('appearance as a').innerJoin('person as p', 'p.id', 'a.person_id').select(['a.id', 'p.name']).where('a.id', 'in', ids('appearance')).execute()) put('appearance', r.id, r.name, `/admin/appearances/${r.id}`);
  }
  if (of('person')) for (const r of await db.selectFrom('person').select(['id', 'name']).where('id', 'in', ids('person')).execute()) put('person', r.id, r.name, `/admin/persons/${r.id}`);
  if (of('organization')) for (const r of await db.selectFrom('organization').select(['id', 'name']).where('id', 'in', ids('organization')).execute()) put('organization', r.id, r.name, `/admin/organizations/${r.id}`);
  if (of('material')) for (const r of await db.selectFrom('material').select(['id', 'label', 'event_id']).where('id', 'in', ids('material')).execute()) put('material', r.id, r.label, `/admin/events/${r.event_id}/materials`);
  return out;
}

/** Persons whose name holds this word (a surname), with their name keys, within reach. */
export async function searchPersonsWithKeys(db: DbOrTx, word: string, limit: number, reach: Reach) {
  const pattern = `%${word.replace(/[%_\\]/g, '')}%`;
  let q = db.selectFrom('person').select(['id', 'name', 'name_key']).where('name_key', 'like', pattern).orderBy('name').orderBy('id').limit(limit);
  if (reach !== 'all') q = q.where(reachable(db, 'person', reach) as never);
  // And their other names (aliases): a person is like a typed name by any of them.
  let qa = db.selectFrom('person_alias as pa').innerJoin('person', 'person.id', 'pa.person_id').select(['person.id', 'person.name', 'pa.name_key']).where('pa.name_key', 'like', pattern).orderBy('person.name').orderBy('person.id').limit(limit);
  if (reach !== 'all') qa = qa.where(reachable(db, 'person', reach) as never);
  return [...(await q.execute()), ...(await qa.execute())];
}
