// Opens the configured engine. Engine differences live in dialects/; everything else is written once.
import type { Storage } from './generation.ts';

export { type Engine, GENERATION_CHANNEL, type GenerationSource, type Storage } from './generation.ts';

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
