// Upload forms (multipart/form-data) read as they arrive, with busboy: the short fields are kept
// in memory, each file is written to a temporary file on this instance's disk while its size is
// counted, its sha256 computed and its first bytes kept, so that an upload of any allowed size
// never sits whole in memory. The temporary files are removed when the request has been answered
// (dispose); what is kept goes to the database (storage/queries/files.ts), which every instance
// shares. A file over the limit stops the reading at once.
import { createHash } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import Busboy from 'busboy';
import { InvalidInput } from '../domain/errors.ts';
import { formMessage } from '../domain/form-messages.ts';

/** A file part of a form, on disk for the time of the request. */
export type SpooledFile = {
  /** the form field it came in */
  field: string;
  /** the name the browser gave (no path) */
  name: string;
  path: string;
  size: number;
  sha256: string;
};

export type SpooledForm = {
  fields: Record<string, string>;
  files: SpooledFile[];
  /** removes the temporary files; called once the request is answered */
  dispose(): void;
};

export type FormLimits = {
  /**
   * the largest file, in bytes: one up to 64 KiB larger is still read whole, so that the caller
   * can say by how much it is too large beside the field; past that the reading stops with tooLarge
   */
  fileBytes: number;
  /** how many files (default 1) */
  files?: number;
  /** the longest field value, in bytes (default 1 MiB) */
  fieldBytes?: number;
  /** how many fields (default 100) */
  fields?: number;
  /** the refusal for a file over fileBytes */
  tooLarge: () => Error;
};

/** How far past the limit a file is still read (FormLimits.fileBytes). */
const OVER_LIMIT_READ = 64 * 1024;

/** Reads a multipart/form-data body into fields and spooled files; any error removes what was written. */
export async function spoolForm(body: WebReadableStream<Uint8Array> | ReadableStream<Uint8Array> | null, contentType: string, limits: FormLimits): Promise<SpooledForm> {
  const dir = mkdtempSync(join(tmpdir(), 'plenary-upload-'));
  const dispose = () => rmSync(dir, { recursive: true, force: true });
  const fields: Record<string, string> = {};
  const files: SpooledFile[] = [];
  try {
    let parser: Busboy.Busboy;
    try {
      parser = Busboy({
        headers: { 'content-type': contentType },
        limits: { fileSize: limits.fileBytes + OVER_LIMIT_READ, files: limits.files ?? 1, fieldSize: limits.fieldBytes ?? 1024 * 1024, fields: limits.fields ?? 100, parts: (limits.fields ?? 100) + (limits.files ?? 1) },
        defParamCharset: 'utf8',
      });
    } catch (e) {
      throw new InvalidInput(formMessage('formUnreadable', { detail: (e as Error).message }));
    }
    const writes: Array<Promise<void>> = [];
    let failure: Error | null = null;
    const fail = (e: Error) => {
      failure ??= e;
    };
    parser.on('field', (name, value, info) => {
      if (info.valueTruncated) fail(new InvalidInput({ field: name, message: formMessage('fieldBytes', { max: limits.fieldBytes ?? 1024 * 1024 }) }));
      else fields[name] = value;
    });
    parser.on('file', (field, stream, info) => {
      const index = files.length;
      const path = join(dir, `part-${index}`);
      const hash = createHash('sha256');
      let size = 0;
      const entry: SpooledFile = { field, name: info.filename ?? '', path, size: 0, sha256: '' };
      files.push(entry);
      stream.on('data', (c: Buffer) => {
        size += c.length;
        hash.update(c);
      });
      stream.on('limit', () => fail(limits.tooLarge()));
      const written = pipeline(stream, createWriteStream(path)).then(() => {
        entry.size = size;
        entry.sha256 = hash.digest('hex');
      });
      // Awaited below when the form was read whole; after a refusal the refusal is what is reported.
      written.catch(() => undefined);
      writes.push(written);
    });
    parser.on('filesLimit', () => fail(new InvalidInput(formMessage('formFiles', { max: limits.files ?? 1 }))));
    parser.on('fieldsLimit', () => fail(new InvalidInput(formMessage('formFields', { max: limits.fields ?? 100 }))));
    parser.on('partsLimit', () => fail(new InvalidInput(formMessage('formParts'))));
    if (!body) throw new InvalidInput(formMessage('formEmpty'));
    const source = Readable.fromWeb(body as WebReadableStream<Uint8Array>);
    // Stops reading as soon as a limit is passed: the rest of an over-long upload is never written.
    const guardStream = new Writable({
      write(chunk: Buffer, _enc, done) {
        if (failure) return done(failure);
        parser.write(chunk, done);
      },
      final(done) {
        parser.end();
        done();
      },
    });
    const finished = new Promise<void>((resolve, reject) => {
      parser.once('close', resolve);
      parser.once('error', (e: Error) => reject(new InvalidInput(formMessage('formUnreadable', { detail: e.message }))));
    });
    try {
      await pipeline(source, guardStream);
      await finished;
      await Promise.all(writes);
    } catch (e) {
      throw failure ?? e;
    }
    if (failure) throw failure;
    return { fields, files, dispose };
  } catch (e) {
    dispose();
    throw e;
  }
}
