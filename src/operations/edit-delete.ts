// Deleting in the workspace: a person's appearance in a session, a session with its people, an
// empty day. Each deleted row is logged whole (so the log can put it back, and a re-import knows
// not to make it again); a statement, presentation or link attached to a deleted appearance moves
// to the event's documents, never lost. The record must still be at the version the page showed.
import type { Values } from '../domain/audit.ts';
import { Conflict, InvalidInput, NotFound } from '../domain/errors.ts';
import { entityMessage, formMessage } from '../domain/form-messages.ts';
import type { DbOrTx, Tx } from '../storage/database.ts';
import { nextPosition, recordById } from '../storage/queries/editing.ts';
import type { Storage } from '../storage/storage.ts';
import { write } from '../storage/write.ts';
import { type Actor, audit } from './edit-record.ts';

export type Deletable = 'day' | 'session' | 'appearance';

/** What a deletion leaves to go back to: the event, and for an appearance its session. */
export type Deleted = { eventId: number; sessionId?: number };

export async function deleteRecord(storage: Storage, actor: Actor, entity: Deletable, id: number, version: number): Promise<Deleted> {
  return await write(storage, async (trx) => await deleteWithin(trx, actor, entity, id, version));
}

export async function deleteWithin(trx: Tx, actor: Actor, entity: Deletable, id: number, version: number, reverted?: number): Promise<Deleted> {
  const row = await recordById(trx, entity, id);
  if (!row) throw new NotFound(formMessage('deleteGone', { entity: entityMessage(entity), id }));
  if (row.version !== version) {
    throw new Conflict(formMessage('deleteConflict', { entity: entityMessage(entity), yours: version, now: Number(row.version) }));
  }
  if (entity === 'day') {
    const n = Number((await trx.selectFrom('session').select((eb) => eb.fn.countAll<number>().as('n')).where('day_id', '=', id).executeTakeFirstOrThrow()).n);
    if (n > 0) throw new InvalidInput(n === 1 ? formMessage('dayHoldsSession', { date: String(row.date) }) : formMessage('dayHoldsSessions', { date: String(row.date), n }));
    await audit(trx, actor, reverted ? 'revert' : 'delete', 'day', id, row, null, reverted);
    await trx.deleteFrom('day').where('id', '=', id).execute();
    return { eventId: Number(row.event_id) };
  }
  if (entity === 'session') {
    const people = await trx.selectFrom('appearance').select(['id', 'version']).where('session_id', '=', id).orderBy('position').execute();
    for (const a of people) await deleteAppearance(trx, actor, a.id, reverted);
    await audit(trx, actor, reverted ? 'revert' : 'delete', 'session', id, row, null, reverted);
    await trx.deleteFrom('session').where('id', '=', id).execute();
    return { eventId: Number(row.event_id) };
  }
  const session = await trx.selectFrom('session').select(['id', 'event_id']).where('id', '=', Number(row.session_id)).executeTakeFirstOrThrow();
  await deleteAppearance(trx, actor, id, reverted);
  return { eventId: session.event_id, sessionId: session.id };
}

async function deleteAppearance(trx: Tx, actor: Actor, id: number, reverted?: number): Promise<void> {
  const row = (await recordById(trx, 'appearance', id))!;
  // Files and links attached to it stay, among the event's documents; labels the page named go with it.
  await trx
    .updateTable('material')
    // A new version: a materials form opened before is refused rather than undoing the move.
    .set((eb) => ({ appearance_id: null, version: eb('version', '+', 1) }))
    .where('appearance_id', '=', id)
    .where((eb) => eb.or([eb('url', 'is not', null), eb('file_id', 'is not', null)]))
    .execute();
  await audit(trx, actor, reverted ? 'revert' : 'delete', 'appearance', id, row, null, reverted);
  await trx.deleteFrom('appearance').where('id', '=', id).execute();
}

/**
 * The entries logged just before a deletion (`reverted`), newest first, among which a session's
 * deletion logged its people's (read by revert before its write: entries never change).
 */
export async function deletedAlong(db: DbOrTx, reverted: number): Promise<Array<{ id: number; entity: string; before: string | null; after: string | null }>> {
  return await db.selectFrom('audit_entry').select(['id', 'entity', 'before', 'after']).where('id', '<', reverted).orderBy('id', 'desc').limit(500).execute();
}

/**
 * Puts a deleted row back, under its own id (so its page, calendar UID and guid come back too),
 * at its place if that is free, else at the end of its day or session.
 * `earlier`: for a session, deletedAlong(reverted), the entries among which its people's deletions are.
 */
export async function restoreDeleted(trx: Tx, actor: Actor, entity: Deletable, row: Values, reverted: number, earlier: Awaited<ReturnType<typeof deletedAlong>> = []): Promise<void> {
  const id = Number(row.id);
  if (await recordById(trx, entity, id)) throw new Conflict(formMessage('restoreThere', { entity: entityMessage(entity), id }));
  const parent = entity === 'day' ? { table: 'event' as const, id: row.event_id } : entity === 'session' ? { table: 'day' as const, id: row.day_id } : { table: 'session' as const, id: row.session_id };
  if (!(await trx.selectFrom(parent.table).select('id').where('id', '=', Number(parent.id)).executeTakeFirst())) {
    throw new Conflict(formMessage('restoreParentGone', { parent: entityMessage(parent.table), entity: entityMessage(entity), parentKind: entityMessage(parent.table), id: Number(parent.id) }));
  }
  const values: Values = { ...row, version: Number(row.version) + 1 };
  if (entity === 'session') {
    const taken = await trx.selectFrom('session').select('id').where('day_id', '=', Number(row.day_id)).where('position', '=', Number(row.position)).executeTakeFirst();
    if (taken) values.position = await nextPosition(trx, 'session', 'day_id', Number(row.day_id));
  }
  if (entity === 'appearance' && row.organization_id !== null && !(await trx.selectFrom('organization').select('id').where('id', '=', Number(row.organization_id)).executeTakeFirst())) {
    values.organization_id = null;
  }
  await trx.insertInto(entity).values(values as never).execute();
  await audit(trx, actor, 'revert', entity, id, null, values, reverted);
  if (entity === 'session') {
    // Its people were deleted with it, logged just before it: they come back with it (unless reverted on their own since).
    for (const e of earlier) {
      if (e.entity !== 'appearance' || e.after !== null || e.before === null) break;
      const row = JSON.parse(e.before) as Values;
      if (Number(row.session_id) !== id) break;
      if (!(await trx.selectFrom('audit_entry').select('id').where('reverted_entry_id', '=', e.id).executeTakeFirst())) await restoreDeleted(trx, actor, 'appearance', row, e.id);
    }
  }
}
