// Search documents of persons and organizations are derived data: made again when the rules that make them change.
//
// site_state 'search_doc_rules' holds the version of those rules (storage/queries/search-docs.ts) the stored
// documents were made with. When it differs from this Plenary's (or is missing: a database from before it was kept),
// the documents of every public person and organization are made again in the caller's transaction, which holds the
// migrations' lock, so an upgraded archive answers as a rebuilt one does without `plenary search rebuild`. Events',
// sessions' and materials' documents are made by publishing or a rebuild; a change to their rules needs a rebuild.
// A rebuild (and so a restore, which rebuilds) records the current version. Anything remade moves the cache
// generation, so every instance drops its pages.
import { type Kysely, sql } from 'kysely';
import { publicIdentities, reindexIdentities } from './queries/search.ts';

/**
 * 2: a country named inside a person's position ("Permanent Representative of Mexico") is in the person's text;
 * 3: such a name only before a linking word or the end of its part, not an institution's place ("University of Georgia").
 */
export const SEARCH_DOC_RULES = 3;
export const SEARCH_DOC_RULES_STATE = 'search_doc_rules';

export type ReindexReport = { from: number | null; to: number; persons: number; organizations: number };

/** Records that the stored documents follow this Plenary's rules (after a rebuild). */
export async function markSearchDocRules(db: Kysely<any>): Promise<void> {
  const stored = await db.selectFrom('site_state').select('value').where('key', '=', SEARCH_DOC_RULES_STATE).executeTakeFirst();
  if (stored === undefined) await db.insertInto('site_state').values({ key: SEARCH_DOC_RULES_STATE, value: SEARCH_DOC_RULES }).execute();
  else if (Number(stored.value) !== SEARCH_DOC_RULES) await db.updateTable('site_state').set({ value: SEARCH_DOC_RULES }).where('key', '=', SEARCH_DOC_RULES_STATE).execute();
}

/** Makes the persons' and organizations' documents again when they were made by other rules; null when current. */
export async function refreshIdentityDocsWithin(db: Kysely<any>): Promise<ReindexReport | null> {
  const stored = await db.selectFrom('site_state').select('value').where('key', '=', SEARCH_DOC_RULES_STATE).executeTakeFirst();
  const from = stored === undefined ? null : Number(stored.value);
  if (from === SEARCH_DOC_RULES) return null;
  const who = await publicIdentities(db);
  if (who.persons.length || who.organizations.length) {
    await reindexIdentities(db, who.persons, who.organizations);
    await sql`UPDATE site_state SET value = value + 1 WHERE key = 'generation'`.execute(db);
  }
  await markSearchDocRules(db);
  return { from, to: SEARCH_DOC_RULES, persons: who.persons.length, organizations: who.organizations.length };
}

/** One line saying what refreshIdentityDocsWithin did. */
export function describeReindex(r: ReindexReport): string {
  return `search documents made again (rules ${r.from ?? 'unrecorded'} -> ${r.to}): ${r.persons} persons, ${r.organizations} organizations`;
}
