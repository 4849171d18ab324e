// Uploaded materials: a statement, a presentation, an event document or a photo. The type is
// read from the content (file-type, which looks inside OOXML and ODF zips for their declared
// type), never from the name. Photos are re-encoded without their metadata (EXIF location,
// camera) and get resized variants; what is stored is only what may be served.
import { randomUUID } from 'node:crypto';
import { fileTypeFromBuffer, fileTypeFromFile } from 'file-type';
import sharp, { type Sharp } from 'sharp';
import { z } from 'zod';
import { MATERIAL_KINDS } from '../domain/agenda.ts';
import { Conflict, InvalidInput, NotFound } from '../domain/errors.ts';
import { choice, maxIssue } from '../domain/fields.ts';
import { entityMessage, type FormMessageKey, formIssue, formMessage, issueMessage } from '../domain/form-messages.ts';
import { originalNameSchema } from '../domain/file.ts';
import { LANGUAGES } from '../domain/language.ts';
import { deleteFileIfUnused, insertFile, insertFileFromPath, insertVariant } from '../storage/queries/files.ts';
import { claimMaterial, eventForMaterials, insertMaterial, materialById, type MaterialRow, nextMaterialPosition, deleteMaterialRow, promoteVersion, setMaterialFields, setMaterialFile, versionsOf } from '../storage/queries/materials.ts';
import type { DbOrTx, Tx } from '../storage/database.ts';
import type { Storage } from '../storage/storage.ts';
import { declareChange, write } from '../storage/write.ts';
import { deletionOf } from '../storage/queries/editing.ts';
import { type Actor, audit } from './edit-record.ts';
import { sha256 } from './archive-codec.ts';

/** What may be uploaded, by the type its content shows. */
export const UPLOAD_TYPES: Record<string, string> = {
  'application/pdf': 'PDF',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'DOCX',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'PPTX',
  'application/vnd.oasis.opendocument.text': 'ODT',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'image/webp': 'WebP',
};
const PHOTO_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp']);
/** Widths of a photo's resized copies (only those narrower than the photo). */
export const PHOTO_WIDTHS = [320, 960] as const;

/** Programs refused by name (their words are messages: `program.exe`, … in domain/form-messages.ts). */
const EXECUTABLES = new Set(['exe', 'elf', 'macho', 'class', 'dex', 'wasm', 'msi', 'deb', 'rpm', 'apk', 'jar']);

export const materialFieldsSchema = z.object({
  kind: choice(MATERIAL_KINDS, formIssue('oneOf', { options: MATERIAL_KINDS.join(', ') })),
  lang: choice(LANGUAGES, formIssue('oneOf', { options: LANGUAGES.join(', ') })),
  label: z
    .string()
    .trim()
    .refine((s) => s.length >= 1, formIssue('empty'))
    .refine((s) => s.length <= 300, maxIssue(300)),
});
export type MaterialFields = z.infer<typeof materialFieldsSchema>;
/**
 * An uploaded file: its bytes (the command line, the API, tests), or a file spooled to this
 * instance's disk as the form arrived (web/multipart.ts), which is read a chunk at a time and
 * never whole.
 */
export type Upload = { name: string; bytes: Uint8Array } | { name: string; spooled: { path: string; size: number; sha256: string } };
const sizeOf = (u: Upload) => ('bytes' in u ? u.bytes.length : u.spooled.size);
export type UploadLimits = { maxBytes: number };

const mb = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;

/** The name kept for downloads: its last path segment, control characters dropped. */
function keptName(name: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: dropping them is the point
  const base = (name.split(/[/\\]/).pop() ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 255);
  const ok = originalNameSchema.safeParse(base);
  return ok.success ? ok.data : 'file';
}

/** The upload's media type as its content shows it, or an InvalidInput that says what it is instead. */
export async function recogniseUpload(upload: Upload, limits: UploadLimits): Promise<string> {
  const name = keptName(upload.name);
  const size = sizeOf(upload);
  if (size === 0) throw new InvalidInput(formMessage('uploadEmpty', { name }));
  if (size > limits.maxBytes) throw new InvalidInput(formMessage('uploadBytes', { name, bytes: size, max: limits.maxBytes, mb: mb(limits.maxBytes) }));
  // file-type reads only as far as it needs (inside OOXML and ODF zips, their declared type).
  const found = 'bytes' in upload ? await fileTypeFromBuffer(upload.bytes) : await fileTypeFromFile(upload.spooled.path);
  if (found && UPLOAD_TYPES[found.mime]) return found.mime;
  const claimed = /\.([A-Za-z0-9]{1,5})$/.exec(name)?.[1]?.toLowerCase();
  if (found && EXECUTABLES.has(found.ext)) {
    const what = formMessage(`program.${found.ext}` as FormMessageKey);
    throw new InvalidInput(claimed ? formMessage('uploadProgramClaimed', { name, what, ext: claimed }) : formMessage('uploadProgram', { name, what }));
  }
  if (found) {
    const type = found.ext.toUpperCase();
    throw new InvalidInput(claimed ? formMessage('uploadOtherTypeClaimed', { name, type, mime: found.mime, ext: claimed }) : formMessage('uploadOtherType', { name, type, mime: found.mime }));
  }
  throw new InvalidInput(claimed ? formMessage('uploadUnknownClaimed', { name, ext: claimed }) : formMessage('uploadUnknown', { name }));
}

/** What is stored: the bytes (a cleaned photo, or an upload given as bytes) or the spooled file as it came. */
type Prepared = { mediaType: string; variants: Array<{ width: number; bytes: Uint8Array }> } & ({ bytes: Uint8Array } | { spooled: { path: string; size: number; sha256: string } });

/** A photo turned the right way up and re-encoded without metadata, and its narrower copies. */
async function preparePhoto(mediaType: string, bytes: Uint8Array | string, name: string): Promise<Prepared> {
  const encode = (s: Sharp) => (mediaType === 'image/jpeg' ? s.jpeg({ quality: 88, mozjpeg: true }) : mediaType === 'image/png' ? s.png() : s.webp({ quality: 85 }));
  let width: number;
  let clean: Buffer;
  try {
    const out = await encode(sharp(bytes, { failOn: 'error' }).rotate()).toBuffer({ resolveWithObject: true });
    clean = out.data;
    width = out.info.width;
  } catch (e) {
    throw new InvalidInput(formMessage('uploadUnreadablePhoto', { name, type: UPLOAD_TYPES[mediaType]!, detail: (e as Error).message }));
  }
  const variants: Prepared['variants'] = [];
  for (const w of PHOTO_WIDTHS) {
    if (w >= width) continue;
    variants.push({ width: w, bytes: await encode(sharp(clean).resize({ width: w })).toBuffer() });
  }
  return { mediaType, bytes: clean, variants };
}

/** The content checks and size limit of every upload (editors' and speakers'), photos cleaned: what may be stored. */
export async function prepareUpload(upload: Upload, limits: UploadLimits): Promise<Prepared & { name: string }> {
  const mediaType = await recogniseUpload(upload, limits);
  const name = keptName(upload.name);
  if (PHOTO_TYPES.has(mediaType)) return { ...(await preparePhoto(mediaType, 'bytes' in upload ? upload.bytes : upload.spooled.path, name)), name };
  return 'bytes' in upload ? { mediaType, bytes: upload.bytes, variants: [], name } : { mediaType, spooled: upload.spooled, variants: [], name };
}

/** Stores a prepared file and its variants under new ids (a replaced file never reuses an id: its URL changes). */
export async function storePrepared(trx: Parameters<typeof insertFile>[0], p: Prepared & { name: string }, now: string): Promise<string> {
  const id = randomUUID();
  if ('bytes' in p) await insertFile(trx, { id, sha256: sha256(p.bytes), mediaType: p.mediaType, originalName: p.name, createdAt: now }, p.bytes);
  else await insertFileFromPath(trx, { id, sha256: p.spooled.sha256, mediaType: p.mediaType, originalName: p.name, createdAt: now }, p.spooled.path, p.spooled.size);
  for (const v of p.variants) {
    const vid = randomUUID();
    const vname = p.name.replace(/(\.[^.]*)?$/, (ext) => `-${v.width}w${ext}`);
    await insertFile(trx, { id: vid, sha256: sha256(v.bytes), mediaType: p.mediaType, originalName: vname.slice(0, 255), createdAt: now }, v.bytes);
    await insertVariant(trx, id, v.width, vid);
  }
  return id;
}

export async function addMaterialFile(
  storage: Storage,
  input: { eventId: number; appearanceId: number | null; fields: MaterialFields; upload: Upload; actor?: Actor },
  limits: UploadLimits,
  clock: () => Date = () => new Date(),
): Promise<{ materialId: number; fileId: string }> {
  const fields = materialFieldsSchema.parse(input.fields);
  const prepared = await prepareUpload(input.upload, limits);
  const now = clock().toISOString();
  return write(storage, async (trx) => {
    const event = await eventForMaterials(trx, input.eventId);
    if (!event) throw new NotFound(formMessage('noSuchEvent'));
    if (input.appearanceId !== null) {
      const a = await trx.selectFrom('appearance as a').innerJoin('session as s', 's.id', 'a.session_id').select('a.id').where('a.id', '=', input.appearanceId).where('s.event_id', '=', input.eventId).executeTakeFirst();
      if (!a) throw new InvalidInput(formMessage('appearanceNotOfEvent', { id: input.appearanceId }));
    }
    const fileId = await storePrepared(trx, prepared, now);
    const materialId = await attachStoredFile(trx, { eventId: input.eventId, appearanceId: input.appearanceId, fields, fileId, fileName: input.upload.name, ...(input.actor ? { actor: input.actor } : {}) }, now);
    return { materialId, fileId };
  });
}

/** A material over a file already stored and checked (an upload just made, or a speaker's approved submission), logged. */
export async function attachStoredFile(
  trx: Tx,
  input: { eventId: number; appearanceId: number | null; fields: MaterialFields; fileId: string; fileName: string; actor?: Actor },
  now: string,
): Promise<number> {
  await declareChange(trx, 'event', input.eventId);
  const fields = input.fields;
  const position = await nextMaterialPosition(trx, input.eventId, input.appearanceId);
  const materialId = await insertMaterial(trx, { eventId: input.eventId, appearanceId: input.appearanceId, kind: fields.kind, label: fields.label, lang: fields.lang, position, fileId: input.fileId, createdAt: now });
  if (input.actor) await audit(trx, input.actor, 'create', 'material', materialId, null, { kind: fields.kind, label: fields.label, lang: fields.lang, appearance_id: input.appearanceId, file: input.fileName });
  return materialId;
}

/**
 * A material not at the version the form was made from: nothing is done (issue 9). `stored` is the
 * material as it now is, for the conflict page to show beside what was sent.
 */
export class MaterialConflict extends Conflict {
  /** A refused replace's upload: its media type as its content shows it (the file itself is not stored). */
  uploadType: string | null = null;
  constructor(
    key: 'versionConflict' | 'deleteConflict',
    yours: number,
    readonly stored: MaterialRow,
  ) {
    super(formMessage(key, { entity: entityMessage('material'), yours, now: stored.version }));
  }
}

/**
 * A material that is not there (any more): who deleted it and when, when the audit log says so;
 * else, for one read earlier in the same write (`existed`), that it was deleted meanwhile.
 */
export async function missingMaterial(trx: DbOrTx, id: number, existed = false): Promise<NotFound> {
  const gone = await deletionOf(trx, 'material', id);
  if (gone) return new NotFound(formMessage('materialDeleted', { at: `${gone.at.slice(0, 16).replace('T', ' ')} UTC`, by: gone.email ?? formMessage('unknownAccount') }));
  return new NotFound(formMessage(existed ? 'materialGone' : 'noSuchMaterial'));
}

/**
 * After a compare-and-set that changed nothing: the material was deleted meanwhile (on PostgreSQL
 * the UPDATE or DELETE waited for the write that deleted it), or moved to another version.
 */
async function staleOrGone(trx: Tx, key: 'versionConflict' | 'deleteConflict', id: number, yours: number): Promise<Error> {
  const now = await materialById(trx, id);
  return now ? new MaterialConflict(key, yours, now) : await missingMaterial(trx, id, true);
}

/** The unique index of a document's languages (migration 0021), met by a write that ran beside another. */
const VERSION_LANG_INDEX = 'material_version_lang_idx';
function languageTaken(e: unknown): boolean {
  const err = e as { code?: unknown; constraint?: unknown; message?: unknown };
  if (err?.code === '23505') return err.constraint === VERSION_LANG_INDEX;
  return err?.code === 'SQLITE_CONSTRAINT_UNIQUE' && String(err.message).includes(`'${VERSION_LANG_INDEX}'`);
}
/**
 * Runs a write that gives a material a language: when another write gave one of the same document
 * that language at the same moment (the checks of both ran before either wrote), the index refuses
 * it and the editor gets the check's own refusal. On PostgreSQL write() runs it again first, and the
 * check then finds the other version.
 */
async function oneVersionPerLanguage<T>(lang: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (languageTaken(e)) throw new InvalidInput({ field: 'lang', message: formMessage('versionExists', { lang }) });
    throw e;
  }
}

/**
 * Gives a material new bytes under a new file id, if it is still at `version` (the version the
 * form showed; a stale one is a Conflict and nothing is stored); the old file goes when nothing
 * else links to it.
 */
export async function replaceMaterialFile(storage: Storage, materialId: number, version: number, upload: Upload, limits: UploadLimits, clock: () => Date = () => new Date(), actor?: Actor): Promise<{ fileId: string }> {
  const prepared = await prepareUpload(upload, limits);
  const now = clock().toISOString();
  try {
    return await write(storage, async (trx) => {
      const m = await materialById(trx, materialId);
      if (!m) throw await missingMaterial(trx, materialId);
      if (m.version !== version) throw new MaterialConflict('versionConflict', version, m);
      await declareChange(trx, 'event', m.eventId);
      // Stored in this transaction: a compare-and-set that then fails rolls the file back with it.
      const fileId = await storePrepared(trx, prepared, now);
      if (!(await setMaterialFile(trx, materialId, fileId, version))) throw await staleOrGone(trx, 'versionConflict', materialId, version);
      if (actor) await audit(trx, actor, 'update', 'material', materialId, { file_id: m.fileId }, { file_id: fileId, file: upload.name });
      if (m.fileId) await deleteFileIfUnused(trx, m.fileId);
      return { fileId };
    });
  } catch (e) {
    if (e instanceof MaterialConflict) e.uploadType = prepared.mediaType;
    throw e;
  }
}

/**
 * A material's kind, language and label (the upload's checks), if it is still at `version`. A
 * document's kind and label are its language versions' too; a language another version of the
 * document has is refused. A version's own kind and label are its original's: only its language changes.
 */
export async function editMaterialFields(storage: Storage, materialId: number, version: number, input: { kind: string; lang: string; label: string }, actor?: Actor): Promise<void> {
  await oneVersionPerLanguage(input.lang, () => write(storage, async (trx) => {
    const m = await materialById(trx, materialId);
    if (!m) throw await missingMaterial(trx, materialId);
    const original = m.originalId === null ? null : await materialById(trx, m.originalId);
    const parsed = materialFieldsSchema.safeParse(original ? { kind: original.kind, lang: input.lang, label: original.label } : input);
    if (!parsed.success) throw new InvalidInput(parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: issueMessage(i) })));
    if (m.version !== version) throw new MaterialConflict('versionConflict', version, m);
    const fields = parsed.data;
    const rootId = original ? original.id : m.id;
    const family = [...(original ? [{ id: original.id, lang: original.lang }] : []), ...(await versionsOf(trx, rootId))].filter((x) => x.id !== m.id);
    if (fields.lang !== m.lang && family.some((x) => x.lang === fields.lang)) throw new InvalidInput({ field: 'lang', message: formMessage('versionExists', { lang: fields.lang }) });
    await declareChange(trx, 'event', m.eventId);
    if (!(await setMaterialFields(trx, materialId, fields, version))) throw await staleOrGone(trx, 'versionConflict', materialId, version);
    if (!original && (fields.kind !== m.kind || fields.label !== m.label)) {
      const ids = (await versionsOf(trx, m.id)).map((v) => v.id);
      if (ids.length) await trx.updateTable('material').set((eb) => ({ kind: fields.kind, label: fields.label, version: eb('version', '+', 1) })).where('id', 'in', ids).execute();
    }
    if (actor) await audit(trx, actor, 'update', 'material', materialId, { kind: m.kind, lang: m.lang, label: m.label }, { kind: fields.kind, lang: fields.lang, label: fields.label });
  }));
}

/** Removes a material, if it is still at `version` (a stale one is a Conflict), and its file when nothing else links to it. */
export async function deleteMaterial(storage: Storage, materialId: number, version: number, actor?: Actor): Promise<{ fileDeleted: boolean }> {
  return write(storage, async (trx) => {
    const m = await materialById(trx, materialId);
    if (!m) throw await missingMaterial(trx, materialId);
    if (m.version !== version) throw new MaterialConflict('deleteConflict', version, m);
    // Claimed before anything is logged: a material deleted meanwhile (by a write this one waited for) is
    // refused as deleted by whoever did, not by this write's own entry, which the refusal would then find.
    if (!(await claimMaterial(trx, materialId, version))) throw await staleOrGone(trx, 'deleteConflict', materialId, version);
    await declareChange(trx, 'event', m.eventId);
    if (actor) await audit(trx, actor, 'delete', 'material', materialId, { kind: m.kind, label: m.label, lang: m.lang, appearance_id: m.appearanceId, file_id: m.fileId, ...(m.originalId !== null ? { original_id: m.originalId } : {}) }, null);
    // An original with language versions: the oldest version becomes the document's original.
    const versions = m.originalId === null ? await versionsOf(trx, materialId) : [];
    if (versions.length) await promoteVersion(trx, versions[0]!.id, versions.slice(1).map((v) => v.id), m.translations);
    if (!(await deleteMaterialRow(trx, materialId, version + 1))) throw await staleOrGone(trx, 'deleteConflict', materialId, version);
    return { fileDeleted: m.fileId ? await deleteFileIfUnused(trx, m.fileId) : false };
  });
}

/**
 * Another language's version of a document (issue 13): a new material under the original (the
 * one given, or the original of the version given), with its own file through the same content
 * checks as any upload, so its own address; same kind, label and owner. One version per language.
 */
export async function addMaterialVersion(
  storage: Storage,
  input: { materialId: number; lang: string; upload: Upload; actor?: Actor },
  limits: UploadLimits,
  clock: () => Date = () => new Date(),
): Promise<{ materialId: number; fileId: string }> {
  const lang = materialFieldsSchema.shape.lang.safeParse(input.lang);
  if (!lang.success) throw new InvalidInput({ field: 'lang', message: formMessage('oneOf', { options: LANGUAGES.join(', ') }) });
  const prepared = await prepareUpload(input.upload, limits);
  const now = clock().toISOString();
  let originalId = input.materialId;
  try {
    return await oneVersionPerLanguage(lang.data, () => write(storage, async (trx) => {
      const given = await materialById(trx, input.materialId);
      if (!given) throw await missingMaterial(trx, input.materialId);
      const original = given.originalId === null ? given : await materialById(trx, given.originalId);
      if (!original) throw new NotFound(formMessage('noSuchMaterial'));
      originalId = original.id;
      const versions = await versionsOf(trx, original.id);
      if (original.lang === lang.data || versions.some((v) => v.lang === lang.data)) throw new InvalidInput({ field: 'lang', message: formMessage('versionExists', { lang: lang.data }) });
      await declareChange(trx, 'event', original.eventId);
      const fileId = await storePrepared(trx, prepared, now);
      const position = await nextMaterialPosition(trx, original.eventId, original.appearanceId);
      const materialId = await insertMaterial(trx, { eventId: original.eventId, appearanceId: original.appearanceId, kind: original.kind, label: original.label, lang: lang.data, position, fileId, createdAt: now, originalId: original.id });
      if (input.actor) await audit(trx, input.actor, 'create', 'material', materialId, null, { kind: original.kind, label: original.label, lang: lang.data, appearance_id: original.appearanceId, original_id: original.id, file: input.upload.name });
      return { materialId, fileId };
    }));
  } catch (e) {
    // The original deleted by another write after this one read it (PostgreSQL: its key is gone when the new row is checked).
    const code = (e as { code?: unknown })?.code;
    if (code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY') throw await missingMaterial(storage.db, originalId, true);
    throw e;
  }
}
