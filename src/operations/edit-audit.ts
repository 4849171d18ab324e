// The audit log: reading it within an account's series, and an admin's revert of one change,
// which is itself a new, logged change, and is refused when the record changed since.
import type { Account } from '../domain/account.ts';
import { AUDITED_ENTITIES, type AuditedEntity, type Values } from '../domain/audit.ts';
import { Conflict, InvalidInput, NotFound } from '../domain/errors.ts';
import { auditEntries, auditEntryById, type AuditEntryWithAuthor, nextPosition, recordById, revertOf } from '../storage/queries/editing.ts';
import { deletedAlong, deleteWithin, restoreDeleted } from './edit-delete.ts';
import type { Storage } from '../storage/storage.ts';
import { write } from '../storage/write.ts';
import { type Actor, changeRecord } from './edit-record.ts';
import { entityMessage, fieldWord, formMessage, noRecord } from '../domain/form-messages.ts';

export const AUDIT_PAGE_SIZE = 100;

/** The newest entries an account may read: an admin all, editors and viewers their series'. */
export async function readAuditLog(storage: Storage, account: Account, beforeId?: number): Promise<AuditEntryWithAuthor[]> {
  return await auditEntries(storage.db, account.role === 'admin' ? 'all' : account.seriesIds, AUDIT_PAGE_SIZE, beforeId);
}

const parse = (json: string | null): Values => (json ? (JSON.parse(json) as Values) : {});

/**
 * Undoes one entry, as a new, logged change: a change of fields gets the values before it back;
 * a record made (in the workspace, or put back by an earlier revert) is deleted; a deleted one is
 * put back. Refused when the record changed since, so no later change is undone silently.
 *
 * The entry (and, for a deleted session, the entries of the people deleted with it) is read before
 * the write: entries are only ever added, never changed or deleted, so what it says is the same
 * inside; SQLite's write lock (and other writers) need not wait for the read, nor for a refusal
 * that follows from it alone. Whether it was reverted already, and the record as it is now, change
 * with other writes: they are read inside it.
 */
export async function revertEntry(storage: Storage, actor: Actor, entryId: number): Promise<{ entity: AuditedEntity; entityId: number }> {
  const e = await auditEntryById(storage.db, entryId);
  if (!e) throw new NotFound(noRecord('auditEntry', entryId));
  if (e.action === 'import' || e.action === 'reorder') {
    throw new InvalidInput(
      e.action === 'import'
        ? formMessage('revertImport', { entry: entryId })
        : formMessage('revertReorder', { entry: entryId, entity: entityMessage(e.entity), id: e.entity_id }),
    );
  }
  if (e.action === 'merge' || e.action === 'unmerge' || e.action === 'split') {
    throw new InvalidInput(
      e.action === 'split'
        ? formMessage('revertSplit', { entry: entryId })
        : formMessage(e.action === 'merge' ? 'revertMerge' : 'revertUnmerge', { entry: entryId, path: `/admin/${e.entity === 'person' ? 'persons' : 'organizations'}/${e.entity_id}` }),
    );
  }
  if (e.entity === 'material') throw new InvalidInput(formMessage('revertMaterial', { entry: entryId }));
  // (An entry of a kind revert does not know was never reverted: refusing it before the check of that changes nothing.)
  const entity = e.entity as AuditedEntity;
  if (!(AUDITED_ENTITIES as readonly string[]).includes(entity)) throw new InvalidInput(formMessage('revertUnknownKind', { entry: entryId, entity: e.entity }));
  const before = e.before === null ? null : parse(e.before);
  const after = e.after === null ? null : parse(e.after);
  const deletable = entity === 'day' || entity === 'session' || entity === 'appearance';
  const along = after === null && before !== null && entity === 'session' ? await deletedAlong(storage.db, entryId) : [];

  return await write(storage, async (trx) => {
    const already = await revertOf(trx, entryId);
    if (already !== undefined) throw new Conflict(formMessage('revertAlready', { entry: entryId, by: already }));
    const current = await recordById(trx, entity, e.entity_id);

    if (after === null && before !== null) {
      // The entry deleted the record: put it back.
      if (!deletable) throw new InvalidInput(formMessage('revertNotRestorable', { entry: entryId, entity: entityMessage(entity), id: e.entity_id }));
      await restoreDeleted(trx, actor, entity, before, entryId, along);
      return { entity, entityId: e.entity_id };
    }
    if (!current) throw new NotFound(formMessage('revertGone', { entity: entityMessage(entity), entry: entryId, kind: entityMessage(entity), id: e.entity_id }));
    // Refused only if what the entry changed was changed again since (a reorder of a session
    // whose title the entry changed does not stand in the way).
    // (Undoing a creation deletes the record whatever happened to it since: the deletion is logged whole.)
    // A place in a day shifts as sessions are added around it, unlogged: it is not compared.
    const changedSince = after && before !== null ? Object.keys(after).filter((k) => k !== 'version' && k !== 'position' && (current[k] ?? null) !== (after[k] ?? null)) : [];
    if (changedSince.length) {
      throw new Conflict(formMessage('revertChangedSince', { entity: entityMessage(entity), fieldList: changedSince.map(fieldWord), entry: entryId }));
    }
    if (before === null) {
      // The entry made the record: delete it.
      if (!deletable) throw new InvalidInput(formMessage('revertNotDeletable', { entry: entryId, entity: entityMessage(entity), id: e.entity_id, kind: entityMessage(entity) }));
      await deleteWithin(trx, actor, entity, e.entity_id, Number(current.version), entryId);
      return { entity, entityId: e.entity_id };
    }
    const { version: _v, ...values } = before;
    // A session moved back goes to the end of its old day when its old place is taken.
    if (entity === 'session' && 'day_id' in values && 'position' in values) {
      const taken = await trx.selectFrom('session').select('id').where('day_id', '=', Number(values.day_id)).where('position', '=', Number(values.position)).where('id', '!=', e.entity_id).executeTakeFirst();
      if (taken) values.position = await nextPosition(trx, 'session', 'day_id', Number(values.day_id));
    }
    await changeRecord(trx, actor, 'revert', entity, e.entity_id, Number(current.version), values, {}, { reverted: entryId });
    return { entity, entityId: e.entity_id };
  });
}
