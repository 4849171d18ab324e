// Rendered pages kept as bytes, with their gzip form and ETag. Every committed write moves the
// generation (storage/write.ts), in this process or another, and names the events whose pages it
// changed: those pages and every page not tied to one event are dropped, the rest stay.
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import type { GenerationSource } from '../storage/storage.ts';

export type CachedPage = {
  generation: number;
  /** the events this page shows and nothing else; null when it may depend on anything (lists, people) */
  events: readonly number[] | null;
  body: Buffer;
  gzip: Buffer;
  etag: string;
  headers: Record<string, string>;
  /** the complete header sets, built once so that the hot path only picks one */
  plain200: string[];
  gzip200: string[];
  notModified: string[];
};

/** The default budget: PLENARY_CACHE_MB (config.ts) sets another. */
export const DEFAULT_CACHE_BYTES = 64 * 1024 * 1024;

/**
 * What an entry counts against the budget: its key, body, gzip form and the header arrays as
 * written (their strings' UTF-8 bytes). Object overhead is left out; the header arrays, counted
 * three times though they share strings, stand in for it.
 */
export function entryBytes(key: string, page: CachedPage): number {
  let n = Buffer.byteLength(key) + page.body.length + page.gzip.length;
  for (const list of [page.plain200, page.gzip200, page.notModified]) for (const s of list) n += Buffer.byteLength(s);
  return n;
}

export type CacheStats = { entries: number; bytes: number; maxBytes: number; evicted: number };

/**
 * Rendered responses within a byte budget, least recently used dropped first. A hit only stamps
 * its entry with a counter (no change to the Map on the hot path); an insertion over the budget
 * drops entries in the order of their stamps.
 */
export class PageCache {
  private pages = new Map<string, { page: CachedPage; bytes: number; used: number }>();
  private tick = 0;
  private generation = -1;
  private bytes = 0;
  private evicted = 0;
  private hits = 0;
  private misses = 0;
  private readonly maxBytes: number;

  constructor(
    private readonly source: GenerationSource,
    opts: { maxBytes?: number | undefined } = {},
  ) {
    this.maxBytes = opts.maxBytes ?? DEFAULT_CACHE_BYTES;
  }

  /** The generation to render against: read it before reading the data. */
  currentGeneration(): number {
    const g = this.source.current();
    if (g !== this.generation) {
      const changed = this.generation >= 0 && g > this.generation ? (this.source.changedSince?.(this.generation, g) ?? null) : null;
      if (changed === null) {
        this.pages.clear();
        this.bytes = 0;
      } else {
        for (const [k, e] of this.pages) {
          if (!stillValid(e.page.events, changed)) {
            this.pages.delete(k);
            this.bytes -= e.bytes;
          }
        }
      }
      this.generation = g;
    }
    return g;
  }

  get(key: string): CachedPage | undefined {
    this.currentGeneration();
    const entry = this.pages.get(key);
    if (!entry) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    entry.used = ++this.tick;
    return entry.page;
  }

  /**
   * `generation` is the one read before the data was; `events` the events the page shows and
   * nothing else (null: it may show anything, and any write drops it).
   */
  set(key: string, generation: number, content: string | Uint8Array, headers: Record<string, string>, events: readonly number[] | null = null): CachedPage {
    const body = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
    const gzip = gzipSync(body, { level: 9 });
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
    // Flat [name, value, …] arrays: Node writes them without walking an object per request.
    // A page that varies on more than the encoding (the root: Accept-Language) names it too.
    const common = Object.entries({ ...headers, etag, vary: headers.vary ? `${headers.vary}, accept-encoding` : 'accept-encoding' }).flat();
    const page: CachedPage = {
      generation,
      events,
      body,
      gzip,
      etag,
      headers,
      plain200: [...common, 'content-length', String(body.length)],
      gzip200: [...common, 'content-encoding', 'gzip', 'content-length', String(gzip.length)],
      notModified: common,
    };
    // A page rendered from data that a write since has changed is served once but not kept; so is
    // one larger than the whole budget.
    const now = this.currentGeneration();
    if (generation === now || (generation < now && stillValid(events, this.source.changedSince?.(generation, now) ?? null))) this.keep(key, page);
    return page;
  }

  private keep(key: string, page: CachedPage): void {
    const old = this.pages.get(key);
    if (old) {
      this.pages.delete(key);
      this.bytes -= old.bytes;
    }
    const bytes = entryBytes(key, page);
    if (bytes > this.maxBytes) return;
    if (this.bytes + bytes > this.maxBytes) {
      for (const [k, e] of [...this.pages].sort((a, b) => a[1].used - b[1].used)) {
        if (this.bytes + bytes <= this.maxBytes) break;
        this.pages.delete(k);
        this.bytes -= e.bytes;
        this.evicted++;
      }
    }
    this.pages.set(key, { page, bytes, used: ++this.tick });
    this.bytes += bytes;
  }

  size(): number {
    return this.pages.size;
  }

  /** For tests and diagnostics in this process; never served. */
  stats(): CacheStats {
    return { entries: this.pages.size, bytes: this.bytes, maxBytes: this.maxBytes, evicted: this.evicted };
  }

  /** Lookups answered from memory and not, since this cache was made (tests and diagnostics; never served). */
  counters(): { hits: number; misses: number } {
    return { hits: this.hits, misses: this.misses };
  }

  /** Whether `key` is held now (tests): unlike get(), counts nothing and moves nothing. */
  holds(key: string): boolean {
    this.currentGeneration();
    return this.pages.has(key);
  }

  /** The keys and their counted bytes, least recently used first (for tests). */
  entries(): Array<{ key: string; bytes: number }> {
    // Least recently used first: the order in which they would go.
    return [...this.pages].sort((a, b) => a[1].used - b[1].used).map(([key, e]) => ({ key, bytes: e.bytes }));
  }
}

/** Whether a page that shows `events` (null: anything) survives writes that changed `changed` (null: anything). */
function stillValid(events: readonly number[] | null, changed: ReadonlySet<number> | null): boolean {
  if (events === null || changed === null) return false;
  return !events.some((id) => changed.has(id));
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
