// Agendas uploaded in the workspace and not yet confirmed (migration 0011). Working data, not
// content: written without write() (no page shows them) and left out of backups.
import type { Selectable } from 'kysely';
import type { DbOrTx, ImportDraftTable } from '../database.ts';

export type ImportDraftRow = Selectable<ImportDraftTable>;

export async function insertImportDraft(db: DbOrTx, row: ImportDraftRow): Promise<void> {
  await db.insertInto('import_draft').values(row).execute();
}

/** The draft, unless it has expired by `now` (ISO). */
export async function importDraftById(db: DbOrTx, id: string, now: string): Promise<ImportDraftRow | undefined> {
  return db.selectFrom('import_draft').selectAll().where('id', '=', id).where('expires_at', '>', now).executeTakeFirst();
}

/** Its series, expired or not: guard() asks before anything else, and the page then says it expired. */
export async function importDraftSeries(db: DbOrTx, id: string): Promise<number | undefined> {
  return (await db.selectFrom('import_draft').select('series_id').where('id', '=', id).executeTakeFirst())?.series_id;
}

/** Stores the corrected reading if the draft still holds `was` (compare-and-set); false when it moved meanwhile. */
export async function updateImportDraft(db: DbOrTx, id: string, was: Pick<ImportDraftRow, 'agenda' | 'target'>, values: Pick<ImportDraftRow, 'agenda' | 'target'>): Promise<boolean> {
  const r = await db.updateTable('import_draft').set(values).where('id', '=', id).where('agenda', '=', was.agenda).where('target', '=', was.target).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Deletes the draft; false when it was gone already (confirmed or discarded meanwhile). */
export async function deleteImportDraft(db: DbOrTx, id: string): Promise<boolean> {
  const r = await db.deleteFrom('import_draft').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Deletes every draft past its time; how many. */
export async function deleteExpiredImportDrafts(db: DbOrTx, now: string): Promise<number> {
  const r = await db.deleteFrom('import_draft').where('expires_at', '<=', now).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** A person's or organization's name by id (a doubtful match chosen in the form). */
export async function nameOf(db: DbOrTx, table: 'person' | 'organization', id: number): Promise<string | undefined> {
  return (await db.selectFrom(table).select('name').where('id', '=', id).executeTakeFirst())?.name;
}

/** The event a draft goes into, and the slug of an event that would clash with a new one. */
export async function eventSlugOwner(db: DbOrTx, slug: string): Promise<{ id: number; series_id: number } | undefined> {
  return db.selectFrom('event').select(['id', 'series_id']).where('slug', '=', slug).executeTakeFirst();
}
