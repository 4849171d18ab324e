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
  /** a write in this process committed this generation */
  noteLocalWrite(value: number): void;
}

export interface Storage {
  engine: Engine;
  db: Db;
  generation: GenerationSource;
  close(): Promise<void>;
}
