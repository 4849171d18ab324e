// Slugs: the readable, unique part of a person's or an organization's address.
import type { DbOrTx } from '../database.ts';

/**
 * `base`, or the first of base-2, base-3, … that no row of `table` has. Looked up through the
 * unique index on slug, a few candidates at a time: a prefix search (LIKE 'base%') cannot use
 * that index on either engine (SQLite's LIKE ignores case; PostgreSQL's needs the C collation)
 * and read the whole table for every new person or organization.
 */
export async function freeSlug(db: DbOrTx, table: 'person' | 'organization', base: string): Promise<string> {
  const BATCH = 16;
  for (let from = 1; ; from += BATCH) {
    const candidates = Array.from({ length: BATCH }, (_, i) => (from + i === 1 ? base : `${base}-${from + i}`));
    const taken = new Set((await db.selectFrom(table).select('slug').where('slug', 'in', candidates).execute()).map((r) => r.slug));
    const free = candidates.find((c) => !taken.has(c));
    if (free !== undefined) return free;
  }
}
