// Materials as the workspace edits them: an event's documents and its appearances' statements.
import type { DbOrTx } from '../database.ts';

export type EventForMaterials = { id: number; seriesId: number; slug: string; title: string; status: string };
export type MaterialRow = { id: number; eventId: number; appearanceId: number | null; kind: string; label: string; lang: string; position: number; url: string | null; fileId: string | null; mediaType: string | null; originalName: string | null; size: number | null; createdAt: string; /** when its file was uploaded (a replaced file's own time) */ fileCreatedAt: string | null; originalId: number | null; translations: string; version: number };
export type AppearanceChoice = { id: number; person: string; sessionTitle: string | null; role: string };

export async function eventForMaterials(db: DbOrTx, eventId: number): Promise<EventForMaterials | null> {
  const e = await db.selectFrom('event').select(['id', 'series_id', 'slug', 'title', 'status']).where('id', '=', eventId).executeTakeFirst();
  return e ? { id: e.id, seriesId: e.series_id, slug: e.slug, title: e.title, status: e.status } : null;
}

export async function materialsOfEvent(db: DbOrTx, eventId: number): Promise<MaterialRow[]> {
  const rows = await db
    .selectFrom('material as m')
    .leftJoin('file as f', 'f.id', 'm.file_id')
    .select(['m.id', 'm.event_id', 'm.appearance_id', 'm.kind', 'm.label', 'm.lang', 'm.position', 'm.url', 'm.file_id', 'm.created_at', 'm.original_id', 'm.translations', 'm.version', 'f.media_type', 'f.original_name', 'f.size', 'f.created_at as file_created_at'])
    .where('m.event_id', '=', eventId)
    .orderBy('m.appearance_id')
    .orderBy('m.position')
    .orderBy('m.id')
    .execute();
  return rows.map((r) => ({
    id: r.id, eventId: r.event_id, appearanceId: r.appearance_id, kind: r.kind, label: r.label, lang: r.lang, position: r.position, url: r.url, fileId: r.file_id,
    mediaType: r.media_type, originalName: r.original_name, size: r.size === null ? null : Number(r.size), createdAt: r.created_at, fileCreatedAt: r.file_created_at,
    originalId: r.original_id, translations: r.translations, version: r.version,
  }));
}

export async function materialById(db: DbOrTx, id: number): Promise<MaterialRow | null> {
  const r = await db
    .selectFrom('material as m')
    .leftJoin('file as f', 'f.id', 'm.file_id')
    .select(['m.id', 'm.event_id', 'm.appearance_id', 'm.kind', 'm.label', 'm.lang', 'm.position', 'm.url', 'm.file_id', 'm.created_at', 'm.original_id', 'm.translations', 'm.version', 'f.media_type', 'f.original_name', 'f.size', 'f.created_at as file_created_at'])
    .where('m.id', '=', id)
    .executeTakeFirst();
  return r
    ? { id: r.id, eventId: r.event_id, appearanceId: r.appearance_id, kind: r.kind, label: r.label, lang: r.lang, position: r.position, url: r.url, fileId: r.file_id, mediaType: r.media_type, originalName: r.original_name, size: r.size === null ? null : Number(r.size), createdAt: r.created_at, fileCreatedAt: r.file_created_at, originalId: r.original_id, translations: r.translations, version: r.version }
    : null;
}

/** The event's appearances, in programme order, for attaching a statement to one. */
export async function appearancesOfEvent(db: DbOrTx, eventId: number): Promise<AppearanceChoice[]> {
  const rows = await db
    .selectFrom('appearance as a')
    .innerJoin('session as s', 's.id', 'a.session_id')
    .innerJoin('day as d', 'd.id', 's.day_id')
    .innerJoin('person as p', 'p.id', 'a.person_id')
    .select(['a.id', 'p.name', 's.title', 'a.role'])
    .where('s.event_id', '=', eventId)
    .orderBy('d.position')
    .orderBy('s.position')
    .orderBy('a.position')
    .execute();
  return rows.map((r) => ({ id: r.id, person: r.name, sessionTitle: r.title, role: r.role }));
}

export async function nextMaterialPosition(db: DbOrTx, eventId: number, appearanceId: number | null): Promise<number> {
  let q = db.selectFrom('material').select((eb) => eb.fn.max('position').as('p')).where('event_id', '=', eventId);
  q = appearanceId === null ? q.where('appearance_id', 'is', null) : q.where('appearance_id', '=', appearanceId);
  const r = await q.executeTakeFirst();
  return r?.p === null || r?.p === undefined ? 0 : Number(r.p) + 1;
}

export async function insertMaterial(
  db: DbOrTx,
  m: { eventId: number; appearanceId: number | null; kind: string; label: string; lang: string; position: number; fileId: string; createdAt: string; originalId?: number | null; translations?: string },
): Promise<number> {
  const r = await db
    .insertInto('material')
    .values({
      event_id: m.eventId, appearance_id: m.appearanceId, kind: m.kind, label: m.label, lang: m.lang, position: m.position, url: null, file_id: m.fileId, created_at: m.createdAt,
      original_id: m.originalId ?? null, ...(m.translations ? { translations: m.translations } : {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

/** Gives a material another file if it is still at `version`, and moves it to the next version; false when it is not. */
export async function setMaterialFile(db: DbOrTx, id: number, fileId: string, version: number): Promise<boolean> {
  const r = await db.updateTable('material').set((eb) => ({ file_id: fileId, version: eb('version', '+', 1) })).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** A material's kind, language and label, if it is still at `version` (the next version then); false when it is not. */
export async function setMaterialFields(db: DbOrTx, id: number, fields: { kind: string; lang: string; label: string }, version: number): Promise<boolean> {
  const r = await db.updateTable('material').set((eb) => ({ kind: fields.kind, lang: fields.lang, label: fields.label, version: eb('version', '+', 1) })).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Moves a material on from `version` (to the next one) and so holds its row until the write ends; false when
 * it is no longer at `version` or no longer there (on PostgreSQL after waiting for a write that held it).
 */
export async function claimMaterial(db: DbOrTx, id: number, version: number): Promise<boolean> {
  const r = await db.updateTable('material').set((eb) => ({ version: eb('version', '+', 1) })).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Deletes a material if it is still at `version`; false when it is not. */
export async function deleteMaterialRow(db: DbOrTx, id: number, version: number): Promise<boolean> {
  const r = await db.deleteFrom('material').where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

/** A document's language versions (issue 13): the materials whose original is `originalId`, oldest first. */
export async function versionsOf(db: DbOrTx, originalId: number): Promise<Array<{ id: number; lang: string }>> {
  return await db.selectFrom('material').select(['id', 'lang']).where('original_id', '=', originalId).orderBy('id').execute();
}

/** Makes `id` the original of the others (when the original is deleted): it takes the document's label translations. */
export async function promoteVersion(db: DbOrTx, id: number, others: number[], translations: string): Promise<void> {
  await db.updateTable('material').set((eb) => ({ original_id: null, translations, version: eb('version', '+', 1) })).where('id', '=', id).execute();
  if (others.length) await db.updateTable('material').set((eb) => ({ original_id: id, version: eb('version', '+', 1) })).where('id', 'in', others).execute();
}
