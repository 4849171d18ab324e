// A stored file: a statement, a presentation, a photo. Videos are linked, not stored.
import { z } from 'zod';

/**
 * The largest file Plenary stores: 1 GiB, within both engines' integer `size` column. Files are
 * kept in chunks (FILE_CHUNK_BYTES) and pass through memory a chunk at a time when they are
 * uploaded (web/multipart.ts spools them to disk), stored, served and backed up, so the limit is
 * not set by memory. PLENARY_UPLOAD_MAX_MB (50 by default) sets what organizers may upload.
 */
export const MAX_FILE_BYTES = 1024 * 1024 * 1024;

/**
 * Stored files are cut into chunks of this size (every chunk but the last is full), so that a
 * byte range reads only the chunks it covers. Migration 0005 holds its own copy of the number.
 */
export const FILE_CHUNK_BYTES = 256 * 1024;

/** `type/subtype` with optional parameters, no line breaks (it becomes the Content-Type header). */
export const mediaTypeSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*(\s*;\s*[a-z0-9!#$&^_.+-]+=("[^"\r\n]*"|[^\s;"]+))*$/i, 'must be a media type such as application/pdf');

/** The name the file had when it was given to us: shown in downloads, so no path and no control characters. */
export const originalNameSchema = z
  .string()
  .min(1)
  .max(255)
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to refuse them
  .regex(/^[^\u0000-\u001f\u007f/\\]+$/, 'must be a file name without slashes or control characters');

export const sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hexadecimal digits');

export const fileSizeSchema = z.int().min(0).max(MAX_FILE_BYTES, `must be at most ${MAX_FILE_BYTES} bytes (1 GiB)`);
