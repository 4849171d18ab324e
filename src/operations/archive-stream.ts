// Archives as streams: a .tar.gz read and written an entry at a time and each entry a chunk at a
// time, so that an archive far larger than memory passes through. The layout is archive-format.ts's.
import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import tar from 'tar-stream';
import { InvalidInput } from '../domain/errors.ts';

/** tar entries → .tar.gz bytes, in memory (tests, small archives). Entry times are the given one, so the tar depends on nothing else. */
export async function packArchive(entries: Array<[string, Buffer]>, mtime: Date): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write: (c: Buffer, _e, done) => {
      chunks.push(c);
      done();
    },
  });
  await writeArchive(sink, mtime, entries.map(([name, bytes]) => ({ name, size: bytes.length, chunks: async function* () { yield bytes; } })));
  return Buffer.concat(chunks);
}

/** .tar.gz bytes → entries by name, in memory (tests, small archives). `label` names the archive in messages. */
export async function unpackArchive(bytes: Uint8Array, label: string): Promise<Map<string, Buffer>> {
  const entries = new Map<string, Buffer>();
  for await (const entry of readArchive(bytes, label)) {
    const chunks: Buffer[] = [];
    for await (const c of entry.stream) chunks.push(c);
    if (entry.type === 'file') entries.set(entry.name, Buffer.concat(chunks));
  }
  return entries;
}

/** Where an archive is read from: bytes in memory, or a file read as a stream. */
export type ArchiveSource = Uint8Array | { path: string };

const openSource = (source: ArchiveSource): Readable => (source instanceof Uint8Array ? Readable.from([Buffer.from(source.buffer, source.byteOffset, source.byteLength)]) : createReadStream(source.path));

async function sourceHead(source: ArchiveSource): Promise<{ size: number; head: Buffer }> {
  if (source instanceof Uint8Array) return { size: source.length, head: Buffer.from(source.subarray(0, 2)) };
  const fh = await open(source.path, 'r').catch((e: NodeJS.ErrnoException) => {
    throw new InvalidInput(`cannot read ${source.path}: ${e.code === 'ENOENT' ? 'no such file' : e.code === 'EISDIR' ? 'it is a directory' : e.message}`);
  });
  try {
    const { size } = await fh.stat();
    const head = Buffer.alloc(Math.min(2, size));
    await fh.read(head, 0, head.length, 0);
    return { size, head };
  } finally {
    await fh.close();
  }
}

/** The error gunzipping the whole source ends with, or null when it is sound gzip. */
async function gzipFailure(source: ArchiveSource): Promise<NodeJS.ErrnoException | null> {
  try {
    await pipeline(openSource(source), createGunzip(), new Writable({ write: (_c, _e, done) => done() }));
    return null;
  } catch (e) {
    return e as NodeJS.ErrnoException;
  }
}

export type ArchiveEntry = { name: string; type: string | null | undefined; stream: AsyncIterable<Buffer> };

/**
 * The archive's entries in order, each read as a stream while the caller consumes it; the
 * gzip and tar layers are checked on the way, with the same messages as unpackArchive.
 */
export async function* readArchive(source: ArchiveSource, label: string): AsyncGenerator<ArchiveEntry> {
  const { size, head } = await sourceHead(source);
  if (size === 0) throw new InvalidInput(`${label} is empty: it is not a Plenary backup`);
  if (size < 2 || head[0] !== 0x1f || head[1] !== 0x8b) throw new InvalidInput(`${label} is not a Plenary backup: it is not gzip-compressed`);
  const extract = tar.extract();
  let gzipError: NodeJS.ErrnoException | null = null;
  let tarBytes = 0;
  const gunzipped = createGunzip();
  gunzipped.on('data', (c: Buffer) => (tarBytes += c.length));
  const feeding = pipeline(openSource(source), gunzipped, extract).catch((e: NodeJS.ErrnoException) => {
    gzipError ??= e;
    extract.destroy(e);
  });
  const gzipMessage = (g: NodeJS.ErrnoException): InvalidInput | null =>
    typeof g.code === 'string' && g.code.startsWith('Z_')
      ? // zlib reports a stream that stops before its end as a buffer error; anything else is bad data.
        new InvalidInput(g.code === 'Z_BUF_ERROR' ? `${label} is truncated: the gzip stream ends early` : `${label} is damaged: its gzip data is corrupt`)
      : null;
  const mapError = async (e: unknown): Promise<InvalidInput> => {
    if (e instanceof InvalidInput) return e;
    // A damaged gzip stream may reach the tar reader as garbage before zlib notices: the
    // gzip layer is judged on its own first, reading the whole source once more.
    const g = gzipError ?? (await gzipFailure(source));
    if (g && typeof g.code === 'string' && g.code.startsWith('E') && g.syscall) return new InvalidInput(`cannot read ${label}: ${g.message}`);
    const byGzip = g ? gzipMessage(g) : null;
    if (byGzip) return byGzip;
    if (tarBytes < 512) return new InvalidInput(`${label} is not a Plenary backup: it does not hold a tar archive`);
    if (/unexpected end/i.test((e as Error).message)) return new InvalidInput(`${label} is damaged: its tar archive ends early`);
    return new InvalidInput(`${label} is not a Plenary backup: it does not hold a tar archive`);
  };
  const iterator = extract[Symbol.asyncIterator]();
  try {
    for (;;) {
      let next: Awaited<ReturnType<typeof iterator.next>>;
      try {
        next = await iterator.next();
      } catch (e) {
        throw await mapError(e);
      }
      if (next.done) break;
      const entry = next.value;
      // Listened for before the caller reads, since a stream read to its end emits it then.
      const ended = new Promise<void>((resolve) => {
        entry.once('end', () => resolve());
        entry.once('close', () => resolve());
        entry.once('error', () => resolve());
      });
      const stream = (async function* () {
        try {
          for await (const c of entry) yield c as Buffer;
        } catch (e) {
          throw await mapError(e);
        }
      })();
      yield { name: entry.header.name, type: entry.header.type, stream };
      // Whatever the caller left unread is skipped, so that the next entry can come.
      entry.resume();
      await ended;
    }
    await feeding;
    if (gzipError) throw await mapError(gzipError);
    if (tarBytes < 512) throw new InvalidInput(`${label} is not a Plenary backup: it does not hold a tar archive`);
  } finally {
    extract.destroy();
  }
}


/** Thrown by lines() for a line longer than its limit; `line` is 1-based. */
export class LineTooLong extends Error {
  constructor(
    readonly line: number,
    readonly limit: number,
  ) {
    super(`line ${line} is longer than ${limit} bytes`);
  }
}

/**
 * The complete lines of a stream (without their newline); a last line without one counts too.
 * A line longer than `maxBytes` is refused as soon as its length passes the limit, before it is
 * gathered into one string.
 */
export async function* lines(stream: AsyncIterable<Buffer>, maxBytes: number): AsyncGenerator<string> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let line = 1;
  const add = (part: Buffer) => {
    pendingBytes += part.length;
    if (pendingBytes > maxBytes) throw new LineTooLong(line, maxBytes);
    pending.push(part);
  };
  for await (const chunk of stream) {
    let start = 0;
    for (let nl = chunk.indexOf(10, start); nl >= 0; nl = chunk.indexOf(10, start)) {
      add(chunk.subarray(start, nl));
      yield Buffer.concat(pending).toString('utf8');
      pending = [];
      pendingBytes = 0;
      line++;
      start = nl + 1;
    }
    if (start < chunk.length) add(chunk.subarray(start));
  }
  if (pending.length) yield Buffer.concat(pending).toString('utf8');
}

/**
 * Counts the lines of a stream fed chunk by chunk, and refuses a line longer than `maxBytes`
 * as it passes, holding nothing: the first pass over an archive.
 */
export class LineCounter {
  lines = 0;
  private current = 0;
  constructor(private readonly maxBytes: number) {}
  feed(chunk: Buffer): void {
    let start = 0;
    for (let nl = chunk.indexOf(10); nl >= 0; nl = chunk.indexOf(10, start)) {
      this.check(this.current + nl - start);
      this.lines++;
      this.current = 0;
      start = nl + 1;
    }
    this.current += chunk.length - start;
    this.check(this.current);
  }
  /** The number of lines, a last one without its newline included. */
  end(): number {
    return this.lines + (this.current > 0 ? 1 : 0);
  }
  private check(length: number): void {
    if (length > this.maxBytes) throw new LineTooLong(this.lines + 1, this.maxBytes);
  }
}

/** Writes entries into a .tar.gz stream, each entry's bytes produced as it is written. */
export async function writeArchive(out: Writable, mtime: Date, entries: Array<{ name: string; size: number; chunks: () => AsyncIterable<Buffer> }>): Promise<void> {
  const pack = tar.pack();
  const written = pipeline(pack, createGzip(), out);
  // A failed output (disk full, no such directory) ends the writing at its next step, with that error.
  written.catch(() => undefined);
  const failed = written.then(() => new Promise<never>(() => undefined));
  failed.catch(() => undefined);
  try {
    for (const e of entries) {
      let finish!: (err?: Error | null) => void;
      const done = new Promise<void>((ok, fail) => {
        finish = (err) => (err ? fail(err) : ok());
      });
      done.catch(() => undefined);
      const sink = pack.entry({ name: e.name, size: e.size, mtime, mode: 0o644 }, (err) => finish(err));
      sink.on('error', () => undefined); // reported through `done` and `written`
      for await (const chunk of e.chunks()) if (!sink.write(chunk)) await Promise.race([once(sink, 'drain'), done, failed]);
      sink.end(undefined as unknown as Buffer); // the typings want a last chunk; streamx takes none
      await Promise.race([done, failed]);
    }
    pack.finalize();
    await written;
  } catch (e) {
    pack.destroy(e as Error);
    // The output's own error says more than the pack's.
    await written.catch((w: unknown) => {
      throw w;
    });
    throw e;
  }
}

