// /files/{id}: stored files of published events, streamed out of the database a slice at a
// time, with byte ranges (RFC 9110 §14) for viewers that seek in a PDF and for resumed downloads.
import { type Context, Hono } from 'hono';
import { NotFound } from '../../domain/errors.ts';
import { FILE_CHUNK_BYTES } from '../../domain/file.ts';
import { fileSlice, publicFile, type StoredFile } from '../../storage/queries/files.ts';
import type { Storage } from '../../storage/storage.ts';
import type { AppDeps } from '../deps.ts';

/**
 * Bytes read per query: four stored chunks (storage/queries/files.ts). A query reads only the
 * chunks that hold the bytes it asks for, so a range costs what it covers, whatever the file's
 * size, and a read is all this process holds of the file at once.
 */
export const FILE_SLICE_BYTES = 4 * FILE_CHUNK_BYTES;

/** The one range a Range header asks for, 'unsatisfiable', or null to send the whole file (none, another unit, several ranges, or malformed). */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | 'unsatisfiable' | null {
  if (!header) return null;
  const m = /^bytes=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null;
  if (m[1] === '') {
    // A suffix: the last N bytes.
    const n = Number(m[2]);
    if (n === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? Number.POSITIVE_INFINITY : Number(m[2]);
  if (end < start) return null;
  if (start >= size) return 'unsatisfiable';
  return { start, end: Math.min(end, size - 1) };
}

/** Content-Disposition for a file shown in the browser, named as it was given (RFC 6266, RFC 8187). */
export function inlineDisposition(name: string): string {
  const ascii = name.normalize('NFKD').replace(/\p{M}/gu, '').replace(/[^\x20-\x7e]|["\\]/g, '_');
  const ext = encodeURIComponent(name).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `inline; filename="${ascii}"; filename*=UTF-8''${ext}`;
}

export function fileRoutes(deps: AppDeps) {
  const { storage } = deps;
  const app = new Hono();

  app.get('/files/:id', async (c) => {
    const id = c.req.param('id');
    if (!/^[0-9a-f-]{36}$/.test(id)) throw new NotFound('no such file');
    const file = await publicFile(storage.db, id);
    if (!file) throw new NotFound('no such file');
    // The id is never given to other bytes, but whether the file is public can change (an event
    // taken back to draft): caches keep it and ask again each time, answered by the ETag.
    return sendFile(c, storage, file, 'public, no-cache');
  });

  return app;
}

/**
 * A stored file as a response: its media type, its name, Range and If-Range, an ETag, streamed
 * a slice at a time. `cacheControl` says who may keep it (public files; a draft's, privately).
 */
export async function sendFile(c: Context, storage: Storage, file: StoredFile, cacheControl: string): Promise<Response> {
    const etag = `"${file.sha256}"`;
    const headers: Record<string, string> = {
      'content-type': file.mediaType,
      'accept-ranges': 'bytes',
      etag,
      'cache-control': cacheControl,
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
    };
    if (file.originalName) headers['content-disposition'] = inlineDisposition(file.originalName);

    const ifNoneMatch = c.req.header('if-none-match');
    if (ifNoneMatch && ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === etag || t.trim() === '*')) {
      return c.body(null, 304, headers);
    }
    // If-Range: the range only if the file is still the one the client has (a strong ETag match; no dates, since none is given).
    const ifRange = c.req.header('if-range');
    const range = ifRange === undefined || ifRange.trim() === etag ? parseRange(c.req.header('range'), file.size) : null;
    if (range === 'unsatisfiable') {
      return c.body(null, 416, { ...headers, 'content-range': `bytes */${file.size}` });
    }
    const start = range ? range.start : 0;
    const end = range ? range.end : file.size - 1;
    const length = end - start + 1;
    headers['content-length'] = String(length);
    if (range) headers['content-range'] = `bytes ${start}-${end}/${file.size}`;
    const status = range ? 206 : 200;
    if (c.req.method === 'HEAD' || length === 0) return c.body(null, status, headers);

    let offset = start;
    const body = new ReadableStream<Uint8Array>(
      {
        async pull(controller) {
          // Up to the next slice boundary, so that later reads start on a chunk's first byte.
          const want = Math.min(FILE_SLICE_BYTES - (offset % FILE_SLICE_BYTES), end + 1 - offset);
          const bytes = await fileSlice(storage.db, file.id, offset, want);
          // Gone or changed since the headers went out: cut the response short, which the client sees against Content-Length.
          if (!bytes || bytes.length !== want) {
            controller.error(new Error(`file ${file.id} changed while it was being sent`));
            return;
          }
          controller.enqueue(bytes);
          offset += want;
          if (offset > end) controller.close();
        },
      },
      { highWaterMark: 0 },
    );
    return c.body(body, status, headers);
}
