// Opens the configured engine. Engine differences live in dialects/; everything else is written once.
import type { Db } from './database.ts';

export type Engine = 'sqlite' | 'postgres';
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

export async function openStorage(url: string, opts: { pollMs?: number } = {}): Promise<Storage> {
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    const { openPostgres } = await import('./dialects/postgres.ts');
    return openPostgres(url, opts.pollMs);
  }
  if (url.startsWith('sqlite:')) {
    const { openSqlite } = await import('./dialects/sqlite.ts');
    return openSqlite(url.slice('sqlite:'.length) || ':memory:');
  }
  // Only the scheme is shown: the rest may hold a password.
  const scheme = /^[a-z][a-z0-9+.-]*:/i.exec(url)?.[0] ?? '(no scheme)';
  throw new Error(`DATABASE_URL must start with sqlite: or postgres://, not ${scheme}`);
}
