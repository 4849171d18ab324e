// Name keys are derived data: made again whenever the normaliser's rules change.
//
// site_state 'name_key_rules' holds the fingerprint of the rules the stored keys were made with
// (domain/name-key-rules.ts). When it differs from this Plenary's (or is missing: a database from
// before it was kept, or a backup restored), every person's and organization's key and every
// alias's key is worked out again in the caller's transaction, which holds the migrations' lock:
//  - person.name_key / organization.name_key are not unique (two records may share a name): set;
//  - an alias's key is unique per record: two aliases of one record that now share a key collapse
//    into the earliest (created first, then lowest id), the others deleted;
//  - an organization's key keeps its country part (`name|cc`, or none in keys from schema 0001), only the name part is made again;
//  - a name that now gives an empty key keeps its old key.
// Restore puts back the archive's site_state (with or without the fingerprint); the first command
// that opens the restored database (migrate, serve, import) then makes the keys again if needed.
// Anything changed moves the cache generation without naming pages, so every instance drops every page.
import { type Kysely, sql } from 'kysely';
import { normaliseName, normaliseOrganizationName } from '../domain/names.ts';
import { NAME_KEY_RULES } from '../domain/name-key-rules.ts';

export const NAME_KEY_RULES_STATE = 'name_key_rules';

export type RekeyReport = {
  /** the fingerprint the stored keys were made with (null: none stored) and this Plenary's */
  from: number | null;
  to: number;
  persons: number;
  personAliases: number;
  personAliasesCollapsed: number;
  organizations: number;
  organizationAliases: number;
  organizationAliasesCollapsed: number;
};

type Owner = 'person' | 'organization';

/**
 * The key this Plenary's rules give `name`, for a record or alias whose stored key is `old`: also
 * for rows kept aside while the keys were made again (a merged record kept for undo, operations/identities.ts).
 */
export function currentNameKey(owner: Owner, name: string, old: string): string {
  return newKey(owner, name, old);
}

function newKey(owner: Owner, name: string, old: string): string {
  const k = owner === 'person' ? normaliseName(name) : normaliseOrganizationName(name);
  if (owner === 'person') return k || old;
  // Keys written before the country part (schema 0001) stay without it.
  const bar = old.lastIndexOf('|');
  return k ? (bar >= 0 ? `${k}|${old.slice(bar + 1)}` : k) : old;
}

async function rekeyRecords(db: Kysely<any>, owner: Owner): Promise<number> {
  const rows = (await db.selectFrom(owner).select(['id', 'name', 'name_key']).orderBy('id').execute()) as Array<{ id: number; name: string; name_key: string }>;
  let changed = 0;
  for (const r of rows) {
    const k = newKey(owner, r.name, r.name_key);
    if (k === r.name_key) continue;
    await db.updateTable(owner).set({ name_key: k }).where('id', '=', r.id).execute();
    changed++;
  }
  return changed;
}

async function rekeyAliases(db: Kysely<any>, owner: Owner): Promise<{ changed: number; collapsed: number }> {
  const table = `${owner}_alias`;
  const col = `${owner}_id`;
  const rows = (await db.selectFrom(table).select(['id', col, 'name', 'name_key', 'created_at']).execute()) as Array<Record<string, any>>;
  rows.sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : Number(a.id) - Number(b.id)));
  const kept = new Map<string, number>();
  const drop: number[] = [];
  const update: Array<{ id: number; key: string }> = [];
  for (const r of rows) {
    const k = newKey(owner, String(r.name), String(r.name_key));
    const slot = `${r[col]}\u0000${k}`;
    if (kept.has(slot)) {
      drop.push(Number(r.id));
      continue;
    }
    kept.set(slot, Number(r.id));
    if (k !== r.name_key) update.push({ id: Number(r.id), key: k });
  }
  for (let i = 0; i < drop.length; i += 500) await db.deleteFrom(table).where('id', 'in', drop.slice(i, i + 500)).execute();
  // Two steps, so that no row takes a key another row of its record still holds until its own update.
  for (const u of update) await db.updateTable(table).set({ name_key: `~rekey~${u.id}` }).where('id', '=', u.id).execute();
  for (const u of update) await db.updateTable(table).set({ name_key: u.key }).where('id', '=', u.id).execute();
  return { changed: update.length, collapsed: drop.length };
}

/** Makes the stored name keys again when they were made by other rules; null when they are current. */
export async function rekeyNamesWithin(db: Kysely<any>): Promise<RekeyReport | null> {
  const stored = await db.selectFrom('site_state').select('value').where('key', '=', NAME_KEY_RULES_STATE).executeTakeFirst();
  const from = stored === undefined ? null : Number(stored.value);
  if (from === NAME_KEY_RULES) return null;
  const persons = await rekeyRecords(db, 'person');
  const pa = await rekeyAliases(db, 'person');
  const organizations = await rekeyRecords(db, 'organization');
  const oa = await rekeyAliases(db, 'organization');
  if (stored === undefined) await db.insertInto('site_state').values({ key: NAME_KEY_RULES_STATE, value: NAME_KEY_RULES }).execute();
  else await db.updateTable('site_state').set({ value: NAME_KEY_RULES }).where('key', '=', NAME_KEY_RULES_STATE).execute();
  const report: RekeyReport = {
    from,
    to: NAME_KEY_RULES,
    persons,
    personAliases: pa.changed,
    personAliasesCollapsed: pa.collapsed,
    organizations,
    organizationAliases: oa.changed,
    organizationAliasesCollapsed: oa.collapsed,
  };
  if (persons + pa.changed + pa.collapsed + organizations + oa.changed + oa.collapsed > 0) {
    await sql`UPDATE site_state SET value = value + 1 WHERE key = 'generation'`.execute(db);
  }
  return report;
}

/** One line saying what rekeyNamesWithin did. */
export function describeRekey(r: RekeyReport): string {
  return (
    `name keys made again (normaliser rules ${r.from ?? 'unrecorded'} -> ${r.to}): ` +
    `${r.persons} persons, ${r.personAliases} person aliases (${r.personAliasesCollapsed} merged into an earlier alias of the same person), ` +
    `${r.organizations} organizations, ${r.organizationAliases} organization aliases (${r.organizationAliasesCollapsed} merged into an earlier alias of the same organization)`
  );
}
