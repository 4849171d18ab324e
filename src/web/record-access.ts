// Who may reach a record of the workspace, by the series it belongs to: reading (GET) needs
// read-drafts, anything else edit-content. Shared by the workspace's forms and the API's writes.
// A missing record is reported missing to admins only; anyone else is refused as for a record of
// another series, so the answer tells nobody which ids exist.
import type { Context } from 'hono';
import type { AuditedEntity } from '../domain/audit.ts';
import { NotFound } from '../domain/errors.ts';
import type { DbOrTx } from '../storage/database.ts';
import { deletionOf, seriesIdOf, seriesOfNamed } from '../storage/queries/editing.ts';
import { may } from '../domain/account.ts';
import type { AuthEnv } from './auth.ts';
import { entityMessage, formMessage, noRecord } from '../domain/form-messages.ts';

type C = Context<AuthEnv>;
const actionOf = (c: C) => (c.req.method === 'GET' || c.req.method === 'HEAD' ? ('read-drafts' as const) : ('edit-content' as const));
const isAdmin = (c: C) => c.get('auth')?.account.role === 'admin';

/** The record number in the path (`:id`); anything else is no record. */
export function idParam(c: Context): number {
  const raw = c.req.param('id') ?? '';
  if (!/^[1-9]\d{0,9}$/.test(raw) || Number(raw) > 2_147_483_647) throw new NotFound(formMessage('notRecordNumber', { raw }));
  return Number(raw);
}

/** For guard(): the action and series of a series' record (event, day, session, appearance). */
export const onRecord = (db: DbOrTx, entity: AuditedEntity) => async (c: C) => {
  const action = actionOf(c);
  const id = idParam(c);
  const seriesId = await seriesIdOf(db, entity, id);
  if (seriesId === undefined) {
    // Deleted in the workspace: those who may read its series are told so, and by whom.
    const gone = await deletionOf(db, entity, id);
    const account = c.get('auth')?.account;
    if (gone && account && may(account, 'read-drafts', gone.series_id ?? undefined)) {
      throw new NotFound(
        formMessage(c.req.method === 'GET' ? 'recordDeleted' : 'recordDeletedUnsaved', {
          entity: entityMessage(entity),
          at: `${gone.at.slice(0, 16).replace('T', ' ')} UTC`,
          by: gone.email ?? formMessage('unknownAccount'),
          entry: gone.id,
        }),
      );
    }
    if (isAdmin(c)) throw new NotFound(noRecord(entity, c.req.param('id') ?? ''));
  }
  return seriesId === undefined ? { action } : { action, seriesId };
};

/**
 * For guard(): persons and organizations belong to no series. An account may reach one that
 * appears in a series it may edit (that series' editor then renames them everywhere); one that
 * appears nowhere, admins only.
 */
export const onNamed = (db: DbOrTx, table: 'person' | 'organization') => async (c: C) => {
  const series = await seriesOfNamed(db, table, idParam(c));
  const account = c.get('auth')!.account;
  const seriesId = series.find((s) => account.seriesIds.includes(s)) ?? series[0];
  return { action: actionOf(c), ...(seriesId !== undefined ? { seriesId } : {}) };
};
