// Merging two persons (or organizations) an admin knows to be one, undoing such a merge, and
// splitting a person or an organization an import took for one (issue 12). Each is one write() with its audit entry.
// A merge moves every reference (appearances in the working and published copies, hence their
// materials and speaker links; aliases; a series' convener; old slugs) to the survivor, deletes
// the merged row and keeps it whole in identity_merge, so that undo puts it back under its own
// id, uuid and slug and moves back exactly what moved.
import type { Values } from '../domain/audit.ts';
import { Conflict, InvalidInput, NotFound } from '../domain/errors.ts';
import { normaliseName, normaliseOrganizationName } from '../domain/names.ts';
import { ORGANIZATION_KINDS, organizationIdentity } from '../domain/organization.ts';
import { slugify } from '../domain/slug.ts';
import type { Tx } from '../storage/database.ts';
import { insertAuditEntry } from '../storage/queries/editing.ts';
import { addAlias } from '../storage/queries/identities.ts';
import { freeSlug } from '../storage/queries/slugs.ts';
import { currentNameKey } from '../storage/name-keys.ts';
import type { Storage } from '../storage/storage.ts';
import { declareChange, write } from '../storage/write.ts';
import type { Actor } from './edit-record.ts';
import { formMessage, noRecord, entityMessage } from '../domain/form-messages.ts';

export type IdentityEntity = 'person' | 'organization';

const now = () => new Date().toISOString();

/** What a merge moved, kept in identity_merge.moved so that undo moves back exactly that. */
type Moved = {
  appearances: number[];
  pubAppearances: number[];
  /** the merged record's aliases now the survivor's, with the source each had */
  aliases: Array<{ id: number; source: string }>;
  /** aliases the survivor already had under the same key: deleted, put back on undo */
  droppedAliases: Array<{ id: number; name: string; name_key: string; source: string; created_at: string }>;
  /** old slugs of the merged record that now lead to the survivor */
  redirects: string[];
  /** series whose convener it was (organizations) */
  convened: number[];
};

async function rowOf(trx: Tx, entity: IdentityEntity, id: number): Promise<Record<string, unknown> | undefined> {
  return entity === 'person'
    ? await trx.selectFrom('person').selectAll().where('id', '=', id).executeTakeFirst()
    : await trx.selectFrom('organization').selectAll().where('id', '=', id).executeTakeFirst();
}

/** What a merge would move, for the confirmation page: counts, and sessions both appear in (which refuse it). */
export async function mergePreview(db: Storage['db'] | Tx, entity: IdentityEntity, survivorId: number, mergedId: number) {
  const col = entity === 'person' ? 'person_id' : 'organization_id';
  const appearances = await db.selectFrom('appearance').select(['id', 'session_id', 'role']).where(col, '=', mergedId).execute();
  const aliases =
    entity === 'person'
      ? await db.selectFrom('person_alias').select(['name']).where('person_id', '=', mergedId).orderBy('id').execute()
      : await db.selectFrom('organization_alias').select(['name']).where('organization_id', '=', mergedId).orderBy('id').execute();
  const materials = appearances.length
    ? Number((await db.selectFrom('material').select((eb) => eb.fn.countAll<number>().as('n')).where('appearance_id', 'in', appearances.map((a) => a.id)).executeTakeFirst())?.n ?? 0)
    : 0;
  const clashes: Array<{ sessionId: number; role: string }> = [];
  if (entity === 'person' && appearances.length) {
    const theirs = await db.selectFrom('appearance').select(['session_id', 'role']).where('person_id', '=', survivorId).execute();
    for (const a of appearances) if (theirs.some((b) => b.session_id === a.session_id && b.role === a.role)) clashes.push({ sessionId: a.session_id, role: a.role });
  }
  const convened = entity === 'organization' ? (await db.selectFrom('series').select('id').where('convener_id', '=', mergedId).execute()).length : 0;
  return { appearances: appearances.length, materials, aliases: aliases.map((a) => a.name), clashes, convened };
}

/**
 * Merges `mergedId` into `survivorId`: the survivor keeps its id, uuid and slug; the merged
 * record's slug answers with a 301 to the survivor's page; its name becomes an alias.
 */
export async function mergeRecords(storage: Storage, actor: Actor, entity: IdentityEntity, survivorId: number, mergedId: number): Promise<{ mergeId: number }> {
  if (survivorId === mergedId) throw new InvalidInput(formMessage('mergeSelf', { entity: entityMessage(entity) }));
  return await write(storage, async (trx, scope) => {
    const survivor = await rowOf(trx, entity, survivorId);
    const merged = await rowOf(trx, entity, mergedId);
    if (!survivor) throw new NotFound(noRecord(entity, survivorId));
    if (!merged) throw new NotFound(noRecord(entity, mergedId));
    const preview = await mergePreview(trx, entity, survivorId, mergedId);
    if (preview.clashes.length) {
      throw new Conflict(
        formMessage('mergeClash', { clashList: preview.clashes.map((c) => formMessage('mergeClashAt', { session: c.sessionId, role: c.role === 'moderator' || c.role === 'speaker' ? formMessage(`roleWord.${c.role}`) : c.role })) }),
      );
    }
    const ts = now();
    const col = entity === 'person' ? 'person_id' : 'organization_id';
    const moved: Moved = { appearances: [], pubAppearances: [], aliases: [], droppedAliases: [], redirects: [], convened: [] };
    // Appearances, in the working and the published copy (their materials and links go with them).
    moved.appearances = (await trx.selectFrom('appearance').select('id').where(col, '=', mergedId).orderBy('id').execute()).map((r) => r.id);
    moved.pubAppearances = (await trx.selectFrom('pub_appearance').select('id').where(col, '=', mergedId).orderBy('id').execute()).map((r) => r.id);
    if (moved.appearances.length) await trx.updateTable('appearance').set({ [col]: survivorId }).where(col, '=', mergedId).execute();
    if (moved.pubAppearances.length) await trx.updateTable('pub_appearance').set({ [col]: survivorId }).where(col, '=', mergedId).execute();
    // Aliases: the merged record's names become the survivor's ("merge"); a name the survivor has already stays once.
    const aliasTable = entity === 'person' ? 'person_alias' : 'organization_alias';
    const ownerCol = entity === 'person' ? 'person_id' : 'organization_id';
    const mine = (await (trx as any).selectFrom(aliasTable).select(['id', 'name', 'name_key', 'source', 'created_at']).where(ownerCol, '=', mergedId).orderBy('id').execute()) as Moved['droppedAliases'];
    const theirs = new Set(((await (trx as any).selectFrom(aliasTable).select('name_key').where(ownerCol, '=', survivorId).execute()) as Array<{ name_key: string }>).map((r) => r.name_key));
    for (const a of mine) {
      if (theirs.has(a.name_key)) {
        moved.droppedAliases.push(a);
        await (trx as any).deleteFrom(aliasTable).where('id', '=', a.id).execute();
      } else {
        moved.aliases.push({ id: a.id, source: a.source });
        await (trx as any).updateTable(aliasTable).set({ [ownerCol]: survivorId, source: 'merge' }).where('id', '=', a.id).execute();
        theirs.add(a.name_key);
      }
    }
    if (!theirs.has(String(merged.name_key))) {
      // A row stored without its own alias: its name is still the survivor's alias now.
      await addAlias(trx, entity, survivorId, String(merged.name), String(merged.name_key), 'merge', ts);
    }
    if (entity === 'organization') {
      moved.convened = (await trx.selectFrom('series').select('id').where('convener_id', '=', mergedId).execute()).map((r) => r.id);
      if (moved.convened.length) {
        await trx.updateTable('series').set({ convener_id: survivorId }).where('convener_id', '=', mergedId).execute();
        for (const s of moved.convened) scope.series(s);
      }
    }
    // Old addresses: the merged record's older slugs and its own now lead to the survivor.
    moved.redirects = (await trx.selectFrom('slug_redirect').select('slug').where('entity', '=', entity).where('target_id', '=', mergedId).execute()).map((r) => r.slug);
    if (moved.redirects.length) await trx.updateTable('slug_redirect').set({ target_id: survivorId }).where('entity', '=', entity).where('target_id', '=', mergedId).execute();
    await trx.deleteFrom('slug_redirect').where('entity', '=', entity).where('slug', '=', String(merged.slug)).execute();
    await trx.insertInto('slug_redirect').values({ entity, slug: String(merged.slug), target_id: survivorId, created_at: ts }).execute();
    // The merged row goes; identity_merge keeps it whole (id, uuid, slug, version) for undo.
    if (entity === 'person') await trx.deleteFrom('person').where('id', '=', mergedId).execute();
    else await trx.deleteFrom('organization').where('id', '=', mergedId).execute();
    const mergeId = Number(
      (
        await trx
          .insertInto('identity_merge')
          .values({ entity, survivor_id: survivorId, merged_id: mergedId, merged_row: JSON.stringify(merged), moved: JSON.stringify(moved), account_id: actor.accountId, created_at: ts, undone_at: null, undone_by: null })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,
    );
    if (entity === 'person') await trx.updateTable('person').set({ updated_at: ts, version: Number(survivor.version) + 1 }).where('id', '=', survivorId).execute();
    else await trx.updateTable('organization').set({ updated_at: ts, version: Number(survivor.version) + 1 }).where('id', '=', survivorId).execute();
    // Every event that shows the survivor now (the merged one's events among them) changes; the
    // merged one is declared too, so that what follows records (the search index) drops it.
    await declareChange(trx, entity, survivorId);
    await declareChange(trx, entity, mergedId);
    await auditIdentity(trx, actor, 'merge', entity, survivorId, identityValues(merged, mergeId), { merge: mergeId, appearances: moved.appearances.length, version: Number(survivor.version) + 1 }, ts);
    return { mergeId };
  });
}

const identityValues = (row: Record<string, unknown>, mergeId: number): Values => ({ merged_id: Number(row.id), merged_name: String(row.name), merged_slug: String(row.slug), merged_uuid: String(row.uuid), merge: mergeId });

async function auditIdentity(trx: Tx, actor: Actor, action: 'merge' | 'unmerge' | 'split', entity: IdentityEntity, id: number, before: Values | null, after: Values | null, ts: string): Promise<number> {
  return await insertAuditEntry(trx, {
    at: ts,
    account_id: actor.accountId,
    action,
    entity,
    entity_id: id,
    series_id: null,
    before: before ? JSON.stringify(before) : null,
    after: after ? JSON.stringify(after) : null,
    reverted_entry_id: null,
  });
}

/**
 * Undoes a merge: the merged row comes back under its own id, uuid and slug, and what moved moves
 * back. Refused, saying why, when that is no longer possible: the merge was undone already, the
 * survivor is gone (merged on), its id or slug is another record's now, or an appearance that
 * moved now belongs to someone else (moved on by a split or another merge).
 */
export async function undoMerge(storage: Storage, actor: Actor, mergeId: number): Promise<{ entity: IdentityEntity; id: number; survivorId: number }> {
  return await write(storage, async (trx) => {
    const m = await trx.selectFrom('identity_merge').selectAll().where('id', '=', mergeId).executeTakeFirst();
    if (!m) throw new NotFound(formMessage('noMerge', { id: mergeId }));
    if (m.undone_at) throw new Conflict(formMessage('mergeUndone', { id: mergeId, at: `${m.undone_at.slice(0, 16).replace('T', ' ')} UTC` }));
    const entity = m.entity;
    const row = JSON.parse(m.merged_row) as Record<string, unknown>;
    const moved = JSON.parse(m.moved) as Moved;
    const col = entity === 'person' ? 'person_id' : 'organization_id';
    const survivor = await rowOf(trx, entity, m.survivor_id);
    if (!survivor) {
      const later = await trx.selectFrom('identity_merge').select('id').where('entity', '=', entity).where('merged_id', '=', m.survivor_id).where('undone_at', 'is', null).executeTakeFirst();
      throw new Conflict(later ? formMessage('undoSurvivorMerged', { entity: entityMessage(entity), id: m.survivor_id, later: later.id }) : formMessage('undoSurvivorGone', { entity: entityMessage(entity), id: m.survivor_id }));
    }
    if (await rowOf(trx, entity, m.merged_id)) throw new Conflict(formMessage('undoNumberTaken', { entity: entityMessage(entity), id: m.merged_id }));
    const slugOwner = entity === 'person'
      ? await trx.selectFrom('person').select('id').where('slug', '=', String(row.slug)).executeTakeFirst()
      : await trx.selectFrom('organization').select('id').where('slug', '=', String(row.slug)).executeTakeFirst();
    if (slugOwner) throw new Conflict(formMessage('undoSlugTaken', { slug: String(row.slug), entity: entityMessage(entity), id: slugOwner.id }));
    const movedOn = moved.appearances.length ? await trx.selectFrom('appearance').select(['id', col]).where('id', 'in', moved.appearances).execute() : [];
    const elsewhere = movedOn.filter((a) => (a as Record<string, unknown>)[col] !== m.survivor_id);
    if (elsewhere.length) {
      throw new Conflict(formMessage(elsewhere.length === 1 ? 'undoMovedOne' : 'undoMoved', { ids: elsewhere.map((a) => a.id).join(', '), entity: entityMessage(entity) }));
    }
    const ts = now();
    // The row as it was: same id, uuid, slug and version; its name key by this Plenary's rules, which
    // may have changed since the merge kept it (the keys stored meanwhile were made again: storage/name-keys.ts).
    const mergedKey = String(row.name_key);
    row.name_key = currentNameKey(entity, String(row.name), mergedKey);
    if (entity === 'person') await trx.insertInto('person').values(row as never).execute();
    else await trx.insertInto('organization').values(row as never).execute();
    const ids = movedOn.map((a) => a.id);
    if (ids.length) await trx.updateTable('appearance').set({ [col]: m.merged_id }).where('id', 'in', ids).execute();
    if (moved.pubAppearances.length) await trx.updateTable('pub_appearance').set({ [col]: m.merged_id }).where('id', 'in', moved.pubAppearances).where(col, '=', m.survivor_id).execute();
    const aliasTable = entity === 'person' ? 'person_alias' : 'organization_alias';
    const ownerCol = entity === 'person' ? 'person_id' : 'organization_id';
    for (const a of moved.aliases) await (trx as any).updateTable(aliasTable).set({ [ownerCol]: m.merged_id, source: a.source }).where('id', '=', a.id).execute();
    // Aliases the merge dropped come back keyed by the current rules; one whose key an alias that came
    // back already holds is that alias now (as the re-keying collapses them: storage/name-keys.ts).
    const held = new Set(((await (trx as any).selectFrom(aliasTable).select('name_key').where(ownerCol, '=', m.merged_id).execute()) as Array<{ name_key: string }>).map((r) => r.name_key));
    for (const a of moved.droppedAliases) {
      const key = currentNameKey(entity, a.name, a.name_key);
      if (held.has(key)) continue;
      held.add(key);
      await (trx as any).insertInto(aliasTable).values({ ...a, name_key: key, [ownerCol]: m.merged_id }).execute();
    }
    // An alias the merge added for a row that had none goes again (under the key it had then, or the current one).
    await (trx as any)
      .deleteFrom(aliasTable)
      .where(ownerCol, '=', m.survivor_id)
      .where('source', '=', 'merge')
      .where('name_key', 'in', [...new Set([mergedKey, String(row.name_key)])])
      .where('created_at', '=', m.created_at)
      .execute();
    if (moved.convened.length) {
      await trx.updateTable('series').set({ convener_id: m.merged_id }).where('id', 'in', moved.convened).where('convener_id', '=', m.survivor_id).execute();
    }
    await trx.deleteFrom('slug_redirect').where('entity', '=', entity).where('slug', '=', String(row.slug)).where('target_id', '=', m.survivor_id).execute();
    if (moved.redirects.length) await trx.updateTable('slug_redirect').set({ target_id: m.merged_id }).where('entity', '=', entity).where('slug', 'in', moved.redirects).where('target_id', '=', m.survivor_id).execute();
    await trx.updateTable('identity_merge').set({ undone_at: ts, undone_by: actor.accountId }).where('id', '=', mergeId).execute();
    await declareChange(trx, entity, m.survivor_id);
    await declareChange(trx, entity, m.merged_id);
    for (const s of moved.convened) await declareChange(trx, 'series', s);
    await auditIdentity(trx, actor, 'unmerge', entity, m.merged_id, { merge: mergeId, survivor_id: m.survivor_id }, identityValues(row, mergeId), ts);
    return { entity, id: m.merged_id, survivorId: m.survivor_id };
  });
}

/** Merges of a record (as survivor or merged), newest first, for its workspace page. */
export async function mergesOf(db: Storage['db'], entity: IdentityEntity, id: number) {
  return await db
    .selectFrom('identity_merge as m')
    .leftJoin('account as a', 'a.id', 'm.account_id')
    .select(['m.id', 'm.survivor_id', 'm.merged_id', 'm.merged_row', 'm.created_at', 'm.undone_at', 'a.email'])
    .where('m.entity', '=', entity)
    .where((eb) => eb.or([eb('m.survivor_id', '=', id), eb('m.merged_id', '=', id)]))
    .orderBy('m.id', 'desc')
    .execute();
}

/**
 * Splits a person: the chosen appearances (and their materials and links) go to a new person of
 * `name` (by default the same name), with a new slug and that name as alias; the rest stay.
 */
export async function splitPerson(storage: Storage, actor: Actor, personId: number, appearanceIds: number[], name?: string): Promise<{ personId: number; slug: string }> {
  const chosen = [...new Set(appearanceIds)];
  if (!chosen.length) throw new InvalidInput(formMessage('splitChoosePerson'));
  return await write(storage, async (trx) => {
    const p = await trx.selectFrom('person').selectAll().where('id', '=', personId).executeTakeFirst();
    if (!p) throw new NotFound(noRecord('person', personId));
    const all = (await trx.selectFrom('appearance').select('id').where('person_id', '=', personId).execute()).map((r) => r.id);
    const foreign = chosen.filter((id) => !all.includes(id));
    if (foreign.length) throw new InvalidInput(formMessage('splitForeign', { ids: foreign.join(', '), name: p.name }));
    if (chosen.length === all.length) throw new InvalidInput(formMessage('splitAllPerson'));
    const newName = (name ?? '').trim() || p.name;
    const key = normaliseName(newName);
    if (!key) throw new InvalidInput({ field: 'name', message: formMessage('letters') });
    const ts = now();
    const slug = await freeSlug(trx, 'person', slugify(newName) || 'person');
    const id = Number(
      (await trx.insertInto('person').values({ slug, name: newName, name_key: key, honorific: p.honorific, created_at: ts, updated_at: ts }).returning('id').executeTakeFirstOrThrow()).id,
    );
    await addAlias(trx, 'person', id, newName, key, 'name', ts);
    await trx.updateTable('appearance').set({ person_id: id }).where('id', 'in', chosen).execute();
    await trx.updateTable('pub_appearance').set({ person_id: id }).where('id', 'in', chosen).where('person_id', '=', personId).execute();
    await trx.updateTable('person').set({ updated_at: ts, version: p.version + 1 }).where('id', '=', personId).execute();
    await declareChange(trx, 'person', id);
    await declareChange(trx, 'person', personId);
    await auditIdentity(trx, actor, 'split', 'person', id, { from_person: personId, from_name: p.name }, { name: newName, slug, appearances: chosen.length, version: 1 }, ts);
    return { personId: id, slug };
  });
}

/**
 * Splits an organization: the chosen appearances (in the working and published copies) and the
 * chosen aliases go to a new organization of `name` (by default the first chosen alias's, else the
 * same name), of the same kind (marked as a guess again) and country, with a new slug; the rest
 * stay. The organization's own name stays with it. A merge undoes it.
 */
export async function splitOrganization(
  storage: Storage,
  actor: Actor,
  orgId: number,
  choice: { appearances: number[]; aliases: number[]; name?: string },
): Promise<{ organizationId: number; slug: string }> {
  const appearances = [...new Set(choice.appearances)];
  const aliases = [...new Set(choice.aliases)];
  if (!appearances.length && !aliases.length) throw new InvalidInput(formMessage('splitChooseOrganization'));
  return await write(storage, async (trx) => {
    const o = await trx.selectFrom('organization').selectAll().where('id', '=', orgId).executeTakeFirst();
    if (!o) throw new NotFound(noRecord('organization', orgId));
    const all = (await trx.selectFrom('appearance').select('id').where('organization_id', '=', orgId).execute()).map((r) => r.id);
    const foreign = appearances.filter((id) => !all.includes(id));
    if (foreign.length) throw new InvalidInput(formMessage('splitForeign', { ids: foreign.join(', '), name: o.name }));
    if (all.length && appearances.length === all.length) {
      throw new InvalidInput(formMessage('splitAllOrganization'));
    }
    const own = await trx.selectFrom('organization_alias').select(['id', 'name', 'name_key']).where('organization_id', '=', orgId).orderBy('id').execute();
    const strange = aliases.filter((id) => !own.some((a) => a.id === id));
    if (strange.length) throw new InvalidInput(formMessage('splitStrangeNames', { ids: strange.join(', '), name: o.name }));
    const moving = own.filter((a) => aliases.includes(a.id));
    if (moving.some((a) => a.name_key === o.name_key)) throw new InvalidInput(formMessage('splitOwnName', { name: o.name }));
    const newName = (choice.name ?? '').trim() || moving[0]?.name || o.name;
    if (!normaliseOrganizationName(newName)) throw new InvalidInput({ field: 'name', message: formMessage('letters') });
    // The import's identity key (a government body's includes its country), as every alias has it.
    const key = organizationIdentity(newName, o.country_code).key;
    const ts = now();
    const slug = await freeSlug(trx, 'organization', slugify(newName) || 'organization');
    const id = Number(
      (
        await trx
          .insertInto('organization')
          .values({ slug, name: newName, name_key: key, kind: o.kind, country_code: o.country_code, kind_confirmed: 0, created_at: ts, updated_at: ts })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,
    );
    if (moving.length) await trx.updateTable('organization_alias').set({ organization_id: id }).where('id', 'in', moving.map((a) => a.id)).execute();
    if (!moving.some((a) => a.name_key === key)) await addAlias(trx, 'organization', id, newName, key, 'name', ts);
    if (appearances.length) {
      await trx.updateTable('appearance').set({ organization_id: id }).where('id', 'in', appearances).execute();
      await trx.updateTable('pub_appearance').set({ organization_id: id }).where('id', 'in', appearances).where('organization_id', '=', orgId).execute();
    }
    await trx.updateTable('organization').set({ updated_at: ts, version: o.version + 1 }).where('id', '=', orgId).execute();
    await declareChange(trx, 'organization', id);
    await declareChange(trx, 'organization', orgId);
    await auditIdentity(
      trx,
      actor,
      'split',
      'organization',
      id,
      { from_organization: orgId, from_name: o.name },
      { name: newName, slug, appearances: appearances.length, aliases: moving.map((a) => a.name).join(', '), version: 1 },
      ts,
    );
    return { organizationId: id, slug };
  });
}

/** An editor's word on an organization's kind: set and confirmed (no longer the importer's guess). */
export function isOrganizationKind(k: string): k is (typeof ORGANIZATION_KINDS)[number] {
  return (ORGANIZATION_KINDS as readonly string[]).includes(k);
}
