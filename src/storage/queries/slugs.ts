// Slugs: the readable, unique part of an address, and the old slugs that still lead to a record.
import type { DbOrTx } from '../database.ts';

/** The records that have a slug, and the `slug_redirect.entity` of each (migration 0012). */
export type SlugEntity = 'series' | 'event' | 'person' | 'organization';
export const SLUG_ENTITIES: readonly SlugEntity[] = ['series', 'event', 'person', 'organization'];

/**
 * `base`, or the first of base-2, base-3, … that no row of `table` has and that no old slug of
 * that entity still leads elsewhere (so an address once given keeps its record: a new "Ingrid S
 * Rensen" is not given the slug that now redirects to "Ingrid Sørensen"). Looked up through the
 * unique index on slug, a few candidates at a time: a prefix search (LIKE 'base%') cannot use
 * that index on either engine (SQLite's LIKE ignores case; PostgreSQL's needs the C collation)
 * and read the whole table for every new person or organization.
 */
export async function freeSlug(db: DbOrTx, table: SlugEntity, base: string): Promise<string> {
  const BATCH = 16;
  for (let from = 1; ; from += BATCH) {
    const candidates = Array.from({ length: BATCH }, (_, i) => (from + i === 1 ? base : `${base}-${from + i}`));
    const taken = new Set((await db.selectFrom(table).select('slug').where('slug', 'in', candidates).execute()).map((r) => r.slug));
    const redirected = await db.selectFrom('slug_redirect').select('slug').where('entity', '=', table).where('slug', 'in', candidates).execute();
    for (const r of redirected) taken.add(r.slug);
    const free = candidates.find((c) => !taken.has(c));
    if (free !== undefined) return free;
  }
}

/**
 * Records that `oldSlug` of an `entity` now leads to the record `targetId` (renamed, re-slugged,
 * merged into it): its public addresses answer 301 to the record's current slug. Call it in the
 * write that changes the slug (inside write(), so the cache generation moves). A slug that led
 * elsewhere before now leads here; recording a record's own current slug does nothing.
 */
export async function recordSlugRedirect(trx: DbOrTx, entity: SlugEntity, oldSlug: string, targetId: number): Promise<void> {
  const current = await trx.selectFrom(entity).select('id').where('slug', '=', oldSlug).executeTakeFirst();
  if (current) {
    if (current.id === targetId) return;
    throw new Error(`${entity} slug ${oldSlug} belongs to record ${current.id}: it cannot redirect to ${targetId}`);
  }
  const createdAt = new Date().toISOString();
  await trx
    .insertInto('slug_redirect')
    .values({ entity, slug: oldSlug, target_id: targetId, created_at: createdAt })
    .onConflict((oc) => oc.columns(['entity', 'slug']).doUpdateSet({ target_id: targetId, created_at: createdAt }))
    .execute();
}

/**
 * Every old slug that led to `fromId` leads to `toId` from now on (a merge: the merged record's
 * own slug is recorded with recordSlugRedirect, its older ones move with this). Returns how many.
 */
export async function moveSlugRedirects(trx: DbOrTx, entity: SlugEntity, fromId: number, toId: number): Promise<number> {
  const r = await trx.updateTable('slug_redirect').set({ target_id: toId }).where('entity', '=', entity).where('target_id', '=', fromId).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/**
 * A live record takes `slug` (an organizer set it by hand, a merge was undone): the record wins,
 * and the old slug stops leading elsewhere. Call it in the same write.
 */
export async function dropSlugRedirect(trx: DbOrTx, entity: SlugEntity, slug: string): Promise<void> {
  await trx.deleteFrom('slug_redirect').where('entity', '=', entity).where('slug', '=', slug).execute();
}

/**
 * Where an old slug leads the public: the current slug of its record, or undefined when a record
 * still holds the slug (it answers itself; for events, the working or the published copy), when no
 * old slug is recorded, or when its record is gone (or, for an event, not published: the public
 * address of an event is its published copy's slug).
 */
export async function redirectedSlug(db: DbOrTx, entity: SlugEntity, oldSlug: string): Promise<string | undefined> {
  const live = await db.selectFrom(entity).select('id').where('slug', '=', oldSlug).executeTakeFirst();
  if (live) return undefined;
  if (entity === 'event' && (await db.selectFrom('pub_event').select('id').where('slug', '=', oldSlug).executeTakeFirst())) return undefined;
  const r = await db.selectFrom('slug_redirect').select('target_id').where('entity', '=', entity).where('slug', '=', oldSlug).executeTakeFirst();
  if (!r) return undefined;
  const target = await db
    .selectFrom(entity === 'event' ? 'pub_event' : entity)
    .select('slug')
    .where('id', '=', r.target_id)
    .executeTakeFirst();
  return target && target.slug !== oldSlug ? target.slug : undefined;
}
