// Stored files, in chunks of FILE_CHUNK_BYTES (migration 0005): written a chunk at a time, read
// back only in the chunks a byte range covers, so that no file passes through this process whole.
// Public only while a material of the event's latest release (pub_material) links to the file, or
// to the photo it is a resized copy of; kept while the working copy or a release links to it.
import { open } from 'node:fs/promises';
import { sql } from 'kysely';
import { FILE_CHUNK_BYTES } from '../../domain/file.ts';
import type { DbOrTx } from '../database.ts';
import { forgetFileText, queueFileText } from './search.ts';

export type StoredFile = { id: string; sha256: string; mediaType: string; size: number; originalName: string | null };
export type PublicFile = StoredFile;

/** The chunk numbers holding bytes [offset, offset + length) of a file. */
export const chunksOf = (offset: number, length: number) => ({ first: Math.floor(offset / FILE_CHUNK_BYTES), last: Math.floor((offset + length - 1) / FILE_CHUNK_BYTES) });

/**
 * A file that a material of a released event links to, or a resized copy of one; a draft's files,
 * files added since the latest release and files linked from nothing released are not public.
 */
export async function publicFile(db: DbOrTx, id: string): Promise<PublicFile | null> {
  const linkedFromPublished = (eb: any, ref: string) => eb.selectFrom('pub_material as m').select(sql`1`.as('one')).whereRef('m.file_id', '=', ref);
  const row = await db
    .selectFrom('file as f')
    .select(['f.id', 'f.sha256', 'f.media_type', 'f.size', 'f.original_name'])
    .where('f.id', '=', id)
    .where((eb) =>
      eb.or([
        eb.exists(linkedFromPublished(eb, 'f.id')),
        eb.exists(eb.selectFrom('file_variant as v').select(sql`1`.as('one')).whereRef('v.variant_id', '=', 'f.id').where((eb2) => eb2.exists(linkedFromPublished(eb2, 'v.file_id')))),
      ]),
    )
    .executeTakeFirst();
  return row ? { id: row.id, sha256: row.sha256, mediaType: row.media_type, size: Number(row.size), originalName: row.original_name } : null;
}

/**
 * `length` bytes of a file from `offset` (0-based), read from the chunks that hold them and no
 * others; fewer at the end, null if the file is gone.
 */
export async function fileSlice(db: DbOrTx, id: string, offset: number, length: number): Promise<Uint8Array | null> {
  if (length <= 0) return new Uint8Array(0);
  const { first, last } = chunksOf(offset, length);
  const rows = await db.selectFrom('file_chunk').select(['n', 'data']).where('file_id', '=', id).where('n', '>=', first).where('n', '<=', last).orderBy('n').execute();
  if (!rows.length) return (await db.selectFrom('file').select('id').where('id', '=', id).executeTakeFirst()) ? new Uint8Array(0) : null;
  const out = Buffer.allocUnsafe(length);
  let filled = 0;
  for (const [i, row] of rows.entries()) {
    if (Number(row.n) !== first + i) return null; // a chunk is missing: the file changed or is damaged
    const start = i === 0 ? offset - first * FILE_CHUNK_BYTES : 0;
    const take = Math.min(row.data.length - start, length - filled);
    if (take <= 0) break;
    out.set(row.data.subarray(start, start + take), filled);
    filled += take;
  }
  return out.subarray(0, filled);
}

/** A file's bytes in order, a chunk at a time (`batch` chunks per query). */
export async function* fileChunks(db: DbOrTx, id: string, batch = 8): AsyncGenerator<Uint8Array> {
  let next = 0;
  for (;;) {
    const rows = await db.selectFrom('file_chunk').select(['n', 'data']).where('file_id', '=', id).where('n', '>=', next).orderBy('n').limit(batch).execute();
    for (const r of rows) yield r.data;
    if (rows.length < batch) return;
    next = Number(rows.at(-1)!.n) + 1;
  }
}

/**
 * The largest file whose text is read for search: the reader holds a file whole in memory (PDF
 * and DOCX parsers need it so), in a child process with its own memory cap. Larger files are
 * stored and served, but their words are not searched.
 */
export const MAX_TEXT_FILE_BYTES = 64 * 1024 * 1024;

export type NewFile = { id: string; sha256: string; mediaType: string; originalName: string | null; createdAt: string };

/** Stores a file under a new id: its row, then its bytes cut into chunks (a few chunks per statement). */
export async function insertFile(db: DbOrTx, file: NewFile, bytes: Uint8Array, opts: { readText?: boolean } = {}): Promise<void> {
  await db
    .insertInto('file')
    .values({ id: file.id, sha256: file.sha256, media_type: file.mediaType, size: bytes.length, original_name: file.originalName, created_at: file.createdAt })
    .execute();
  const rows: Array<{ file_id: string; n: number; data: Uint8Array }> = [];
  for (let n = 0; n * FILE_CHUNK_BYTES < bytes.length; n++) rows.push({ file_id: file.id, n, data: bytes.subarray(n * FILE_CHUNK_BYTES, (n + 1) * FILE_CHUNK_BYTES) });
  for (let i = 0; i < rows.length; i += 8) await db.insertInto('file_chunk').values(rows.slice(i, i + 8)).execute();
  // A PDF or Word file waits for its text to be read for search, by a worker, never in this request.
  // (A publication's own PDF is not: its text is the records', already indexed.)
  if (opts.readText !== false && bytes.length <= MAX_TEXT_FILE_BYTES) await queueFileText(db, file.id, file.mediaType, file.createdAt);
}

/**
 * Stores a file that waits on this instance's disk (an upload spooled by web/multipart.ts) a
 * chunk at a time, so that no more than a few chunks are in memory whatever its size. `size` is
 * the length the upload counted; a file that has changed since is refused.
 */
export async function insertFileFromPath(db: DbOrTx, file: NewFile, path: string, size: number): Promise<void> {
  await db
    .insertInto('file')
    .values({ id: file.id, sha256: file.sha256, media_type: file.mediaType, size, original_name: file.originalName, created_at: file.createdAt })
    .execute();
  const handle = await open(path, 'r');
  try {
    let n = 0;
    let total = 0;
    for (;;) {
      // A few chunks per statement, each read whole (every chunk but the last is full).
      const rows: Array<{ file_id: string; n: number; data: Uint8Array }> = [];
      while (rows.length < 8) {
        const buf = Buffer.allocUnsafe(FILE_CHUNK_BYTES);
        let filled = 0;
        while (filled < FILE_CHUNK_BYTES) {
          const { bytesRead } = await handle.read(buf, filled, FILE_CHUNK_BYTES - filled, null);
          if (bytesRead === 0) break;
          filled += bytesRead;
        }
        if (filled === 0) break;
        rows.push({ file_id: file.id, n: n++, data: buf.subarray(0, filled) });
        total += filled;
        if (filled < FILE_CHUNK_BYTES) break;
      }
      if (rows.length) await db.insertInto('file_chunk').values(rows).execute();
      if (rows.length < 8 || rows.at(-1)!.data.length < FILE_CHUNK_BYTES) break;
    }
    if (total !== size) throw new Error(`the upload ${path} holds ${total} bytes, not the ${size} counted when it arrived`);
  } finally {
    await handle.close();
  }
  if (size <= MAX_TEXT_FILE_BYTES) await queueFileText(db, file.id, file.mediaType, file.createdAt);
}

/**
 * Stores several files at once (a bulk load: the demo archive), in multi-row statements: the same
 * rows as insertFile's for each, without queueing their text (the caller stores it when known).
 */
export async function insertFiles(db: DbOrTx, files: Array<{ file: NewFile; bytes: Uint8Array }>): Promise<void> {
  for (let i = 0; i < files.length; i += 500) {
    const part = files.slice(i, i + 500);
    await db
      .insertInto('file')
      .values(part.map(({ file, bytes }) => ({ id: file.id, sha256: file.sha256, media_type: file.mediaType, size: bytes.length, original_name: file.originalName, created_at: file.createdAt })))
      .execute();
  }
  // Chunks in statements of at most about 4 MB.
  let rows: Array<{ file_id: string; n: number; data: Uint8Array }> = [];
  let bytes = 0;
  const flush = async () => {
    if (rows.length) await db.insertInto('file_chunk').values(rows).execute();
    rows = [];
    bytes = 0;
  };
  for (const f of files) {
    for (let n = 0; n * FILE_CHUNK_BYTES < f.bytes.length; n++) {
      const data = f.bytes.subarray(n * FILE_CHUNK_BYTES, (n + 1) * FILE_CHUNK_BYTES);
      rows.push({ file_id: f.file.id, n, data });
      bytes += data.length;
      if (bytes >= 4 * 1024 * 1024 || rows.length >= 1000) await flush();
    }
  }
  await flush();
}

export async function fileById(db: DbOrTx, id: string): Promise<StoredFile | null> {
  const row = await db.selectFrom('file').select(['id', 'sha256', 'media_type', 'size', 'original_name']).where('id', '=', id).executeTakeFirst();
  return row ? { id: row.id, sha256: row.sha256, mediaType: row.media_type, size: Number(row.size), originalName: row.original_name } : null;
}

/** A photo's resized copies, narrowest first. */
export async function fileVariants(db: DbOrTx, ids: string[]): Promise<Array<{ fileId: string; width: number; variantId: string }>> {
  if (!ids.length) return [];
  const rows = await db.selectFrom('file_variant').select(['file_id', 'width', 'variant_id']).where('file_id', 'in', ids).orderBy('file_id').orderBy('width').execute();
  return rows.map((r) => ({ fileId: r.file_id, width: Number(r.width), variantId: r.variant_id }));
}

export async function insertVariant(db: DbOrTx, fileId: string, width: number, variantId: string): Promise<void> {
  await db.insertInto('file_variant').values({ file_id: fileId, width, variant_id: variantId }).execute();
}

/**
 * Removes a file and its resized copies when no material links to it any more; true if it was
 * removed. Its chunks and variant links go with it (ON DELETE CASCADE).
 */
export async function deleteFileIfUnused(db: DbOrTx, id: string): Promise<boolean> {
  const used = await db.selectFrom('material').select('id').where('file_id', '=', id).limit(1).executeTakeFirst();
  if (used) return false;
  // The latest release still shows it: it goes when a release no longer does (operations/releases.ts).
  const released = await db.selectFrom('pub_material').select('id').where('file_id', '=', id).limit(1).executeTakeFirst();
  if (released) return false;
  // A speaker's submission keeps its file (waiting, rejected, or approved and since removed from the programme).
  const submitted = await db.selectFrom('speaker_submission').select('id').where('file_id', '=', id).limit(1).executeTakeFirst();
  if (submitted) return false;
  const variants = await db.selectFrom('file_variant').select('variant_id').where('file_id', '=', id).execute();
  await db.deleteFrom('file').where('id', '=', id).execute();
  await forgetFileText(db, id);
  const ids = variants.map((v) => v.variant_id);
  if (ids.length) await db.deleteFrom('file').where('id', 'in', ids).execute();
  return true;
}

/** Files that no material (of the working copy or a release) links to, directly or as the photo they are a resized copy of. */
export async function unlinkedFiles(db: DbOrTx): Promise<StoredFile[]> {
  let q = db.selectFrom('file as f').select(['f.id', 'f.sha256', 'f.media_type', 'f.size', 'f.original_name']);
  for (const table of ['material', 'pub_material'] as const) {
    q = q
      .where((eb) => eb.not(eb.exists(eb.selectFrom(`${table} as m`).select(sql`1`.as('one')).whereRef('m.file_id', '=', 'f.id'))))
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('file_variant as v')
              .innerJoin(`${table} as m`, 'm.file_id', 'v.file_id')
              .select(sql`1`.as('one'))
              .whereRef('v.variant_id', '=', 'f.id'),
          ),
        ),
      );
  }
  // A speaker's submission (migration 0010) links its file, and a photo's resized copies, as a material does.
  q = q
    .where((eb) => eb.not(eb.exists(eb.selectFrom('speaker_submission as x').select(sql`1`.as('one')).whereRef('x.file_id', '=', 'f.id'))))
    .where((eb) => eb.not(eb.exists(eb.selectFrom('file_variant as v').innerJoin('speaker_submission as x', 'x.file_id', 'v.file_id').select(sql`1`.as('one')).whereRef('v.variant_id', '=', 'f.id'))));
  // A publication's frozen edition (migration 0017) keeps its HTML and PDF for good.
  q = q
    .where((eb) => eb.not(eb.exists(eb.selectFrom('publication_edition as pe').select(sql`1`.as('one')).where((eb2) => eb2.or([eb2('pe.html_file_id', '=', eb2.ref('f.id')), eb2('pe.pdf_file_id', '=', eb2.ref('f.id'))])))));
  const rows = await q
    .orderBy('f.created_at')
    .orderBy('f.id')
    .execute();
  return rows.map((r) => ({ id: r.id, sha256: r.sha256, mediaType: r.media_type, size: Number(r.size), originalName: r.original_name }));
}

/**
 * Files whose chunks do not add up to their size (a chunk missing, one too many, or one not
 * full before the last): `{ id, detail }`, or none. Restore runs it over every file it loads.
 */
export async function damagedFileChunks(db: DbOrTx): Promise<Array<{ id: string; detail: string }>> {
  const C = FILE_CHUNK_BYTES;
  const rows = await sql<{ id: string; size: number; chunks: number; bytes: number | null; bad: number }>`
    SELECT f.id, f.size,
      (SELECT count(*) FROM file_chunk c WHERE c.file_id = f.id) AS chunks,
      (SELECT sum(length(c.data)) FROM file_chunk c WHERE c.file_id = f.id) AS bytes,
      (SELECT count(*) FROM file_chunk c WHERE c.file_id = f.id
         AND (c.n < 0 OR c.n * ${sql.lit(C)} >= f.size OR length(c.data) <> CASE WHEN (c.n + 1) * ${sql.lit(C)} <= f.size THEN ${sql.lit(C)} ELSE f.size - c.n * ${sql.lit(C)} END)) AS bad
    FROM file f ORDER BY f.id`.execute(db);
  const out: Array<{ id: string; detail: string }> = [];
  for (const r of rows.rows) {
    const size = Number(r.size);
    const expected = Math.ceil(size / C);
    const chunks = Number(r.chunks);
    const bytes = Number(r.bytes ?? 0);
    if (chunks !== expected || bytes !== size || Number(r.bad) > 0) {
      out.push({ id: r.id, detail: `its size is ${size} bytes, in ${expected} chunks of at most ${C}; it has ${chunks} chunks holding ${bytes} bytes${Number(r.bad) ? `, ${Number(r.bad)} of them out of place or of the wrong length` : ''}` });
    }
  }
  return out;
}

/** Every file's id and checksum, in id order. */
export async function allFiles(db: DbOrTx): Promise<Array<{ id: string; sha256: string }>> {
  return db.selectFrom('file').select(['id', 'sha256']).orderBy('id').execute();
}

/** Any stored file a material links to (or a resized copy of one), with the series of that material's event: for the workspace, drafts included. */
export async function fileWithSeries(db: DbOrTx, id: string): Promise<{ file: StoredFile; seriesId: number } | null> {
  const row = await db
    .selectFrom('file as f')
    .leftJoin('file_variant as v', 'v.variant_id', 'f.id')
    .innerJoin('material as m', (join) => join.on((eb) => eb.or([eb('m.file_id', '=', eb.ref('f.id')), eb('m.file_id', '=', eb.ref('v.file_id'))])))
    .innerJoin('event as e', 'e.id', 'm.event_id')
    .select(['f.id', 'f.sha256', 'f.media_type', 'f.size', 'f.original_name', 'e.series_id'])
    .where('f.id', '=', id)
    .executeTakeFirst();
  return row ? { file: { id: row.id, sha256: row.sha256, mediaType: row.media_type, size: Number(row.size), originalName: row.original_name }, seriesId: row.series_id } : null;
}
