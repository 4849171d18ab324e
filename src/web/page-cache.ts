// Rendered pages kept as bytes, with their gzip form and ETag, valid for one cache generation.
// Any committed write moves the generation (storage/write.ts), in this process or another.
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import type { GenerationSource } from '../storage/storage.ts';

export type CachedPage = {
  generation: number;
  body: Buffer;
  gzip: Buffer;
  etag: string;
  headers: Record<string, string>;
  /** the complete header sets, built once so that the hot path only picks one */
  plain200: string[];
  gzip200: string[];
  notModified: string[];
};

const MAX_ENTRIES = 20_000;

export class PageCache {
  private pages = new Map<string, CachedPage>();
  private generation = -1;

  constructor(private readonly source: GenerationSource) {}

  /** The generation to render against: read it before reading the data. */
  currentGeneration(): number {
    const g = this.source.current();
    if (g !== this.generation) {
      this.pages.clear();
      this.generation = g;
    }
    return g;
  }

  get(key: string): CachedPage | undefined {
    const g = this.currentGeneration();
    const page = this.pages.get(key);
    return page && page.generation === g ? page : undefined;
  }

  set(key: string, generation: number, content: string | Uint8Array, headers: Record<string, string>): CachedPage {
    const body = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
    const gzip = gzipSync(body, { level: 9 });
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
    // Flat [name, value, …] arrays: Node writes them without walking an object per request.
    const common = Object.entries({ ...headers, etag, vary: 'accept-encoding' }).flat();
    const page: CachedPage = {
      generation,
      body,
      gzip,
      etag,
      headers,
      plain200: [...common, 'content-length', String(body.length)],
      gzip200: [...common, 'content-encoding', 'gzip', 'content-length', String(gzip.length)],
      notModified: common,
    };
    // A page rendered from data older than the current generation is served once but not kept.
    if (generation === this.currentGeneration()) {
      if (this.pages.size >= MAX_ENTRIES) this.pages.delete(this.pages.keys().next().value as string);
      this.pages.set(key, page);
    }
    return page;
  }

  size(): number {
    return this.pages.size;
  }
}

/**
 * The answers for the Accept-Encoding values seen lately. Clients send a handful of distinct
 * values (each browser its own), so the hot path looks the answer up instead of parsing.
 */
const gzipAnswers = new Map<string, boolean>();
const GZIP_ANSWERS_MAX = 256;

/** Whether Accept-Encoding allows gzip: listed (or "*") without q=0. */
export function acceptsGzip(header: string | undefined | null): boolean {
  if (!header) return false;
  let answer = gzipAnswers.get(header);
  if (answer === undefined) {
    answer = parseAcceptsGzip(header);
    if (gzipAnswers.size >= GZIP_ANSWERS_MAX) gzipAnswers.clear();
    gzipAnswers.set(header, answer);
  }
  return answer;
}

function parseAcceptsGzip(header: string): boolean {
  let star = false;
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((x) => x.trim()).find((x) => x.startsWith('q='));
    const allowed = q === undefined || Number(q.slice(2)) > 0;
    if (name.trim() === 'gzip') return allowed;
    if (name.trim() === '*') star = allowed;
  }
  return star;
}

/** Writes a cached page straight to Node's response: the hot path, no framework in between. */
export function sendCached(req: IncomingMessage, res: ServerResponse, page: CachedPage): void {
  if (req.headers['if-none-match'] === page.etag) {
    res.writeHead(304, page.notModified);
    res.end();
    return;
  }
  const gz = acceptsGzip(req.headers['accept-encoding']);
  res.writeHead(200, gz ? page.gzip200 : page.plain200);
  res.end(req.method === 'HEAD' ? undefined : gz ? page.gzip : page.body);
}
