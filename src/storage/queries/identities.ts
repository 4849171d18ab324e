// Persons and organizations by their aliases (migration 0012): the names they are known by, what
// their appearances say of them, and the aliases kept up to date as names come and go.
import type { PersonCandidate } from '../../domain/identity.ts';
import type { DbOrTx } from '../database.ts';
import { published } from '../published.ts';

const CHUNK = 500;

/** Stored persons per alias key, oldest first, with the organizations and countries of their appearances (working copy). */
export async function personCandidatesByKeys(db: DbOrTx, keys: string[], eventId?: number): Promise<Map<string, PersonCandidate[]>> {
  const out = new Map<string, PersonCandidate[]>();
  const unique = [...new Set(keys)];
  const byId = new Map<number, PersonCandidate>();
  for (let i = 0; i < unique.length; i += CHUNK) {
    const chunk = unique.slice(i, i + CHUNK);
    // The aliases, and the record's own name_key (a row stored without its alias is still found).
    const rows = [
      ...(await db.selectFrom('person_alias as pa').innerJoin('person as p', 'p.id', 'pa.person_id').select(['pa.name_key', 'p.id', 'p.name', 'p.slug']).where('pa.name_key', 'in', chunk).execute()),
      ...(await db.selectFrom('person as p').select(['p.name_key', 'p.id', 'p.name', 'p.slug']).where('p.name_key', 'in', chunk).execute()),
    ].sort((a, b) => a.id - b.id);
    for (const r of rows) {
      let c = byId.get(r.id);
      if (!c) {
        c = { id: r.id, name: r.name, slug: r.slug, organizationIds: [], organizationNames: [], countryCodes: [], inEvent: false };
        byId.set(r.id, c);
      }
      const list = out.get(r.name_key);
      if (!list) out.set(r.name_key, [c]);
      else if (!list.includes(c)) list.push(c);
    }
  }
  await fillAppearances(db, [...byId.values()], eventId);
  return out;
}

/** Adds to candidates what their appearances say: organizations, countries, whether they are in the event. */
export async function fillAppearances(db: DbOrTx, candidates: PersonCandidate[], eventId?: number): Promise<void> {
  const ids = candidates.map((c) => c.id);
  const byId = new Map(candidates.map((c) => [c.id, c]));
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await db
      .selectFrom('appearance as a')
      .innerJoin('session as s', 's.id', 'a.session_id')
      .leftJoin('organization as o', 'o.id', 'a.organization_id')
      .select(['a.person_id', 'a.organization_id', 'o.name as organization', 'a.country_code', 's.event_id'])
      .where('a.person_id', 'in', ids.slice(i, i + CHUNK))
      .orderBy('a.id')
      .execute();
    for (const r of rows) {
      const c = byId.get(r.person_id)!;
      if (r.organization_id !== null && !c.organizationIds.includes(r.organization_id)) {
        c.organizationIds.push(r.organization_id);
        c.organizationNames.push(r.organization ?? '');
      }
      if (r.country_code && !c.countryCodes.includes(r.country_code)) c.countryCodes.push(r.country_code);
      if (eventId !== undefined && r.event_id === eventId) c.inEvent = true;
    }
  }
}

/** Organizations and countries of these persons' appearances (working copy), read from the appearance rows alone: the likeness reasons' facts. */
export async function appearanceFacts(db: DbOrTx, candidates: PersonCandidate[]): Promise<void> {
  const byId = new Map(candidates.map((c) => [c.id, c]));
  const ids = [...byId.keys()];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await db.selectFrom('appearance').select(['person_id', 'organization_id', 'country_code']).where('person_id', 'in', ids.slice(i, i + CHUNK)).execute();
    for (const r of rows) {
      const c = byId.get(r.person_id)!;
      if (r.organization_id !== null && !c.organizationIds.includes(r.organization_id)) c.organizationIds.push(r.organization_id);
      if (r.country_code && !c.countryCodes.includes(r.country_code)) c.countryCodes.push(r.country_code);
    }
  }
}

/** Stored organizations per alias key (their identity key), oldest first. */
export async function organizationsByAliasKeys(db: DbOrTx, keys: string[]): Promise<Map<string, Array<{ id: number; slug: string; name: string }>>> {
  const out = new Map<string, Array<{ id: number; slug: string; name: string }>>();
  const unique = [...new Set(keys)];
  for (let i = 0; i < unique.length; i += CHUNK) {
    const chunk = unique.slice(i, i + CHUNK);
    const rows = [
      ...(await db.selectFrom('organization_alias as oa').innerJoin('organization as o', 'o.id', 'oa.organization_id').select(['oa.name_key', 'o.id', 'o.slug', 'o.name']).where('oa.name_key', 'in', chunk).execute()),
      ...(await db.selectFrom('organization as o').select(['o.name_key', 'o.id', 'o.slug', 'o.name']).where('o.name_key', 'in', chunk).execute()),
    ].sort((a, b) => a.id - b.id);
    for (const r of rows) {
      const list = out.get(r.name_key) ?? [];
      if (!list.some((x) => x.id === r.id)) list.push({ id: r.id, slug: r.slug, name: r.name });
      out.set(r.name_key, list);
    }
  }
  return out;
}

/** Every person's alias (name, key) with the person's id and slug, oldest record first: read once per import for likeness. */
export async function personAliasNames(db: DbOrTx): Promise<Array<{ id: number; name: string; slug: string; nameKey: string }>> {
  const aliases = await db.selectFrom('person_alias as pa').innerJoin('person as p', 'p.id', 'pa.person_id').select(['p.id', 'pa.name', 'p.slug', 'pa.name_key']).orderBy('p.id').orderBy('pa.id').execute();
  const own = await db.selectFrom('person').select(['id', 'name', 'slug', 'name_key']).orderBy('id').execute();
  return dedupe([...own, ...aliases]).map((r) => ({ id: r.id, name: r.name, slug: r.slug, nameKey: r.name_key }));
}

/** Every organization's alias with the organization's id and slug, oldest record first. */
export async function organizationAliasNames(db: DbOrTx): Promise<Array<{ id: number; name: string; slug: string }>> {
  const aliases = await db.selectFrom('organization_alias as oa').innerJoin('organization as o', 'o.id', 'oa.organization_id').select(['o.id', 'oa.name', 'o.slug', 'oa.name_key']).orderBy('o.id').orderBy('oa.id').execute();
  const own = await db.selectFrom('organization').select(['id', 'name', 'slug', 'name_key']).orderBy('id').execute();
  return dedupe([...own, ...aliases]).map((r) => ({ id: r.id, name: r.name, slug: r.slug }));
}

/** Names by record, the record's own name first, each (record, key) once, records in the order they were stored. */
function dedupe<T extends { id: number; name_key: string }>(rows: T[]): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  // A stable sort by id keeps the own name (listed first) before the aliases.
  for (const r of [...rows].sort((a, b) => a.id - b.id)) {
    const k = `${r.id}|${r.name_key}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(r);
  }
  return out;
}

export type AliasSource = 'name' | 'import' | 'editor' | 'merge';

/** Records that `id` is known by `name` (its key `nameKey`); a name it already has is left as it is. */
export async function addAlias(db: DbOrTx, entity: 'person' | 'organization', id: number, name: string, nameKey: string, source: AliasSource, ts: string): Promise<void> {
  if (entity === 'person') {
    await db.insertInto('person_alias').values({ person_id: id, name, name_key: nameKey, source, created_at: ts }).onConflict((oc) => oc.columns(['person_id', 'name_key']).doNothing()).execute();
  } else {
    await db
      .insertInto('organization_alias')
      .values({ organization_id: id, name, name_key: nameKey, source, created_at: ts })
      .onConflict((oc) => oc.columns(['organization_id', 'name_key']).doNothing())
      .execute();
  }
}

/** The names a record is known by, its own first, then in the order they were added. */
export async function aliasesOf(db: DbOrTx, entity: 'person' | 'organization', id: number): Promise<Array<{ id: number; name: string; name_key: string; source: string }>> {
  if (entity === 'person') return await db.selectFrom('person_alias').select(['id', 'name', 'name_key', 'source']).where('person_id', '=', id).orderBy('id').execute();
  return await db.selectFrom('organization_alias').select(['id', 'name', 'name_key', 'source']).where('organization_id', '=', id).orderBy('id').execute();
}

/** Persons or organizations one of whose names holds every word typed (normalised), at most `limit`, with the name that matched. */
export async function searchByAlias(db: DbOrTx, entity: 'person' | 'organization', words: string[], limit: number): Promise<Array<{ id: number; name: string; slug: string; alias: string }>> {
  if (!words.length) return [];
  const like = (w: string) => `%${w.replace(/[%_\\]/g, '')}%`;
  if (entity === 'person') {
    let q = db.selectFrom('person_alias as x').innerJoin('person as r', 'r.id', 'x.person_id').select(['r.id', 'r.name', 'r.slug', 'x.name as alias']).orderBy('r.name').orderBy('r.id').orderBy('x.id').limit(limit * 4);
    for (const w of words) q = q.where('x.name_key', 'like', like(w));
    return firstPerRecord(await q.execute(), limit);
  }
  let q = db.selectFrom('organization_alias as x').innerJoin('organization as r', 'r.id', 'x.organization_id').select(['r.id', 'r.name', 'r.slug', 'x.name as alias']).orderBy('r.name').orderBy('r.id').orderBy('x.id').limit(limit * 4);
  for (const w of words) q = q.where('x.name_key', 'like', like(w));
  return firstPerRecord(await q.execute(), limit);
}

function firstPerRecord<T extends { id: number; name: string; alias: string }>(rows: T[], limit: number): T[] {
  const out = new Map<number, T>();
  // The record's own name wins over another alias that matched.
  for (const r of rows) if (!out.has(r.id) || r.alias === r.name) out.set(r.id, r);
  return [...out.values()].slice(0, limit);
}

/** A person's or an organization's appearances in the working copy for its split page, by date: event, date,
 *  session, role, the person and the affiliation printed (every appearance has a person, so joining it drops none). */
export async function appearancesOf(db: DbOrTx, entity: 'person' | 'organization', id: number) {
  return await db
    .selectFrom('appearance as a')
    .innerJoin('session as s', 's.id', 'a.session_id')
    .innerJoin('day as d', 'd.id', 's.day_id')
    .innerJoin('event as e', 'e.id', 's.event_id')
    .innerJoin('person as p', 'p.id', 'a.person_id')
    .leftJoin('organization as o', 'o.id', 'a.organization_id')
    .select(['a.id', 'a.role', 'a.affiliation_position', 'a.country', 'p.name as person', 'o.name as organization', 's.title', 's.kind', 'd.date', 'e.title as event'])
    .where(entity === 'person' ? 'a.person_id' : 'a.organization_id', '=', id)
    .orderBy('d.date')
    .orderBy('a.id')
    .execute();
}

/** What a person's public page adds (issue 12): the position and organization of each published appearance with its day's date, and their other names. */
export async function personIdentity(db: DbOrTx, personId: number): Promise<{ rows: Array<{ position: string | null; organization: { slug: string; name: string } | null; date: string }>; aliases: string[] }> {
  const rows = await published(db)
    .selectFrom('appearance as a')
    .innerJoin('session as s', 's.id', 'a.session_id')
    .innerJoin('event as e', 'e.id', 's.event_id')
    .innerJoin('day as d', 'd.id', 's.day_id')
    .leftJoin('organization as o', 'o.id', 'a.organization_id')
    .select(['a.affiliation_position', 'o.slug', 'o.name', 'd.date'])
    .where('e.status', '=', 'published')
    .where('a.person_id', '=', personId)
    .orderBy('d.date')
    .orderBy('a.id')
    .execute();
  const person = await db.selectFrom('person').select('name_key').where('id', '=', personId).executeTakeFirst();
  const aliases = (await aliasesOf(db, 'person', personId)).filter((a) => a.name_key !== person?.name_key).map((a) => a.name);
  return { rows: rows.map((r) => ({ position: r.affiliation_position, organization: r.slug !== null && r.name !== null ? { slug: r.slug, name: r.name } : null, date: r.date })), aliases };
}
