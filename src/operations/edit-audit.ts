// The audit log: reading it within an account's series, and an admin's revert of one change,
// which is itself a new, logged change, and is refused when the record changed since.
import type { Account } from '../domain/account.ts';
import { AUDITED_ENTITIES, type AuditedEntity, type Values } from '../domain/audit.ts';
import { Conflict, InvalidInput, NotFound } from '../domain/errors.ts';
import { auditEntries, auditEntryById, type AuditEntryWithAuthor, recordById, revertOf } from '../storage/queries/editing.ts';
import type { Storage } from '../storage/storage.ts';
import { write } from '../storage/write.ts';
import { type Actor, changeRecord } from './edit-record.ts';

export const AUDIT_PAGE_SIZE = 100;

/** The newest entries an account may read: an admin all, editors and viewers their series'. */
export async function readAuditLog(storage: Storage, account: Account, beforeId?: number): Promise<AuditEntryWithAuthor[]> {
  return await auditEntries(storage.db, account.role === 'admin' ? 'all' : account.seriesIds, AUDIT_PAGE_SIZE, beforeId);
}

const parse = (json: string | null): Values => (json ? (JSON.parse(json) as Values) : {});

/** Puts back the values an update or a revert replaced. Returns the new entry's record version. */
export async function revertEntry(storage: Storage, actor: Actor, entryId: number): Promise<{ entity: AuditedEntity; entityId: number }> {
  return await write(storage, async (trx) => {
    const e = await auditEntryById(trx, entryId);
    if (!e) throw new NotFound(`there is no audit entry ${entryId}`);
    if (e.action !== 'update' && e.action !== 'revert') {
      throw new InvalidInput(`entry ${entryId} is a ${e.action} of ${e.entity} ${e.entity_id}: only changes of a record's fields (update, revert) can be reverted from the log`);
    }
    const already = await revertOf(trx, entryId);
    if (already !== undefined) throw new Conflict(`entry ${entryId} was already reverted by entry ${already}`);
    const entity = e.entity as AuditedEntity;
    if (!(AUDITED_ENTITIES as readonly string[]).includes(entity)) throw new InvalidInput(`entry ${entryId} names an unknown kind of record, ${e.entity}`);
    const before = parse(e.before);
    const after = parse(e.after);
    const current = await recordById(trx, entity, e.entity_id);
    if (!current) throw new NotFound(`the ${entity} of entry ${entryId} (${entity} ${e.entity_id}) no longer exists`);
    if (current.version !== after.version) {
      throw new Conflict(
        `the ${entity} was changed again after entry ${entryId} (that entry left it at version ${after.version}; it is now at version ${current.version}): revert the later changes first, or edit it by hand`,
      );
    }
    const { version: _v, ...values } = before;
    await changeRecord(trx, actor, 'revert', entity, e.entity_id, Number(current.version), values, {}, { reverted: entryId });
    return { entity, entityId: e.entity_id };
  });
}
