// What storage.ts and its dialects share: the opened engine's shape and the cache generation's
// channel. Both import this file, so neither imports the other.
import type { Db } from './database.ts';

export type Engine = 'sqlite' | 'postgres';

/** The PostgreSQL NOTIFY channel that carries "a write committed" to every instance. */
export const GENERATION_CHANNEL = 'plenary_generation';

/** The shared counter that tells an instance whether its rendered pages are still current. */
export interface GenerationSource {
  /** cheap and synchronous: called on every cached request */
  current(): number;
  /** begin watching (after migrations have run) */
  start(): Promise<void>;
  /** a write in this process committed this generation, changing the pages of `events` (null: any page) */
  noteLocalWrite(value: number, events?: readonly number[] | null): void;
  /**
   * The events whose pages the writes after generation `since`, up to `upTo`, changed; null when
   * one of them may have changed any page, or when what one of them changed is not known here.
   * Synchronous: called by the page cache when the generation has moved.
   */
  changedSince?(since: number, upTo: number): ReadonlySet<number> | null;
}

/** One row of cache_invalidation: a write's generation and the events it changed (null: any page). */
export type Invalidation = { generation: number; events: readonly number[] | null };

/** How many writes an instance remembers; one further behind drops its whole cache. */
const LOG_SIZE = 4096;

/** The cache_invalidation column as stored: a JSON array of event ids, or NULL. */
export function parseInvalidationEvents(text: string | null): number[] | null {
  if (text === null) return null;
  const parsed: unknown = JSON.parse(text);
  return Array.isArray(parsed) && parsed.every((x) => Number.isInteger(x)) ? (parsed as number[]) : null;
}

/**
 * What this instance knows of recent writes, by generation, filled by the engine's source from
 * cache_invalidation (and at once by local writes). A generation missing from it counts as
 * "may have changed anything", so a gap never leaves a stale page.
 */
export class InvalidationLog {
  private readonly byGeneration = new Map<number, readonly number[] | null>();

  record(generation: number, events: readonly number[] | null): void {
    if (this.byGeneration.has(generation)) return;
    this.byGeneration.set(generation, events);
    if (this.byGeneration.size > LOG_SIZE) {
      // Generations arrive nearly in order: the first key is about the oldest.
      const first = this.byGeneration.keys().next();
      if (!first.done) this.byGeneration.delete(first.value);
    }
  }

  /** The generations in (since, upTo] it does not hold. */
  missing(since: number, upTo: number): number[] {
    const out: number[] = [];
    if (upTo - since > LOG_SIZE) return [since + 1];
    for (let g = since + 1; g <= upTo; g++) if (!this.byGeneration.has(g)) out.push(g);
    return out;
  }

  changedSince(since: number, upTo: number): ReadonlySet<number> | null {
    if (upTo < since || upTo - since > LOG_SIZE) return null;
    const events = new Set<number>();
    for (let g = since + 1; g <= upTo; g++) {
      const e = this.byGeneration.get(g);
      if (e === undefined || e === null) return null;
      for (const id of e) events.add(id);
    }
    return events;
  }
}

export interface Storage {
  engine: Engine;
  db: Db;
  generation: GenerationSource;
  /**
   * SQLite (one writer, an unfair lock): called by an import after each of its transactions, it lets
   * a writer waiting for the lock (in any process) take it before the import's next transaction.
   */
  handoff?(): Promise<void>;
  close(): Promise<void>;
}
