// Saving a record from a workspace form: validated by the domain's schema, stored only if the
// record is still at the version the form was made from, and logged with the values before
// and after. Shared by the workspace's forms (and later the API and the CLI).
import { type AuditAction, type AuditedEntity, changedFields, type Values } from '../domain/audit.ts';
import { type FieldErrors, FORM_FIELDS, type FormEntity, parseForm } from '../domain/editing.ts';
import { Conflict, InvalidInput, NotFound } from '../domain/errors.ts';
import { formMessage, entityMessage } from '../domain/form-messages.ts';
import { normaliseName } from '../domain/names.ts';
import { findCountry } from '../domain/country.ts';
import { organizationIdentity } from '../domain/organization.ts';
import { slugify } from '../domain/slug.ts';
import type { DbOrTx, Tx } from '../storage/database.ts';
import { dropSlugRedirect, freeSlug, recordSlugRedirect } from '../storage/queries/slugs.ts';
import { addAlias, organizationsByAliasKeys } from '../storage/queries/identities.ts';
import { changesOf, insertAuditEntry, insertRecord, recordById, seriesIdOf, slugTaken, updateIfVersion } from '../storage/queries/editing.ts';
import type { Storage } from '../storage/storage.ts';
import { declareChange, write } from '../storage/write.ts';

/** Who is editing: the signed-in account; `source` when the change came from elsewhere (an approved speaker link's submission). */
export type Actor = { accountId: number; source?: string };

/** A form that does not validate: the message of each field at fault, and what was typed. */
export class FormInvalid extends InvalidInput {
  constructor(
    readonly errors: FieldErrors,
    readonly input: Record<string, string>,
  ) {
    super(Object.entries(errors).map(([field, message]) => ({ field, message })));
  }
}

/** A save made from an older version: the values the user sent and the record as it now is. */
export class VersionConflict extends Conflict {
  constructor(
    readonly entity: FormEntity,
    readonly id: number,
    readonly yourVersion: number,
    readonly mine: Record<string, string>,
    readonly theirs: Values,
  ) {
    super(formMessage('versionConflict', { entity: formMessage(`entity.${entity}`), yours: yourVersion, now: Number(theirs.version) }));
  }
}

const TIMESTAMPED = new Set<AuditedEntity>(['series', 'event', 'person', 'organization']);
const now = () => new Date().toISOString();

/** The form's raw strings, as typed (kept to show again, on errors and conflicts). */
export function formInput(entity: FormEntity, body: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of FORM_FIELDS[entity]) out[f] = typeof body[f] === 'string' ? (body[f] as string) : '';
  return out;
}

/** Parses a form's version field; a form without one cannot be saved safely. */
export function parseVersion(raw: unknown): number {
  const s = typeof raw === 'string' ? raw : '';
  if (!/^[1-9]\d{0,9}$/.test(s) || Number(s) > 2_147_483_647) throw new InvalidInput({ field: 'version', message: formMessage('versionNumber', { version: s }) });
  return Number(s);
}

/** Values checked by the schema, and the slug checks that need the database. */
export async function validate<E extends FormEntity>(trx: Tx, entity: E, input: Record<string, string>, exceptId?: number): Promise<Values> {
  const r = parseForm(entity, input);
  const errors: FieldErrors = r.ok ? {} : { ...r.errors };
  const values = (r.ok ? r.values : {}) as Values;
  if ((entity === 'series' || entity === 'event') && !errors.slug && typeof values.slug === 'string' && (await slugTaken(trx, entity, values.slug, exceptId))) {
    errors.slug = formMessage(entity === 'series' ? 'slugTakenSeries' : 'slugTakenEvent', { slug: values.slug });
  }
  if (entity === 'appearance' && exceptId !== undefined && !errors.role) {
    const a = await trx.selectFrom('appearance').select(['session_id', 'person_id']).where('id', '=', exceptId).executeTakeFirst();
    const twin = a && (await trx.selectFrom('appearance').select('id').where('session_id', '=', a.session_id).where('person_id', '=', a.person_id).where('role', '=', values.role as 'moderator' | 'speaker').where('id', '!=', exceptId).executeTakeFirst());
    if (twin) errors.role = formMessage(values.role === 'moderator' ? 'alreadyModerator' : 'alreadySpeaker');
  }
  if ((entity === 'person' || entity === 'organization') && !errors.name && typeof values.name === 'string') {
    // Two records may share a name (issue 12): a name is an alias, matched through the alias tables.
    const key = normaliseName(values.name);
    if (!key) errors.name = formMessage('letters');
    else values.name_key = entity === 'organization' ? organizationIdentity(values.name, typeof values.country_code === 'string' ? values.country_code : null).key : key;
  }
  if (entity === 'organization' && !errors.kind && values.kind === 'member-state' && !errors.country_code && (values.country_code ?? null) === null) {
    errors.country_code = formMessage('memberStateCountry');
  }
  if (Object.keys(errors).length) throw new FormInvalid(errors, input);
  return values;
}

export const pick = (row: Values, fields: readonly string[]): Values => Object.fromEntries(fields.map((f) => [f, row[f] ?? null]));

export async function audit(trx: Tx, actor: Actor, action: AuditAction, entity: AuditedEntity, id: number, before: Values | null, after: Values | null, reverted?: number): Promise<number> {
  // Every change is logged here, so here the write also learns which pages it changes.
  await declareChange(trx, entity, id);
  return await insertAuditEntry(trx, {
    at: now(),
    account_id: actor.accountId,
    action,
    entity,
    entity_id: id,
    series_id: (await seriesIdOf(trx, entity, id)) ?? null,
    before: before ? JSON.stringify(before) : null,
    after: after ? JSON.stringify(after) : null,
    reverted_entry_id: reverted ?? null,
    ...(actor.source ? { source: actor.source } : {}),
  });
}

/**
 * Changes columns of a record that is at `version`, logs the change, and returns the new
 * version. A record at another version is a VersionConflict (`mine` is what the user sent).
 * No change at all stores and logs nothing.
 */
export async function changeRecord(
  trx: Tx,
  actor: Actor,
  action: AuditAction,
  entity: AuditedEntity,
  id: number,
  version: number,
  values: Values,
  mine: Record<string, string>,
  opts: { reverted?: number; before?: Values } = {},
): Promise<number> {
  const stored = await recordById(trx, entity, id);
  // `opts.before`: the record as it was before this write moved it out of the way (reordering).
  const before = stored && opts.before ? { ...stored, ...opts.before } : stored;
  if (!before) throw new NotFound(formMessage('noRecordDeleted', { entity: entityMessage(entity), id }));
  if (before.version !== version && !(await onlyOtherFieldsChanged(trx, entity, id, version, Number(before.version), Object.keys(values)))) {
    throw new VersionConflict(entity as FormEntity, id, version, mine, before);
  }
  version = Number(before.version);
  const fields = changedFields(Object.keys(values), values, before);
  if (!fields.length) return version;
  const set = TIMESTAMPED.has(entity) ? { ...values, updated_at: now() } : values;
  if (!(await updateIfVersion(trx, entity, id, version, set))) throw new VersionConflict(entity as FormEntity, id, version, mine, (await recordById(trx, entity, id)) ?? before);
  if ((entity === 'series' || entity === 'event') && fields.includes('slug') && typeof before.slug === 'string' && typeof values.slug === 'string') {
    // The old address keeps answering (301 to the new one); a slug chosen by hand that led
    // elsewhere before is this record's now.
    await dropSlugRedirect(trx, entity, values.slug);
    await recordSlugRedirect(trx, entity, before.slug, id);
  }
  await audit(trx, actor, action, entity, id, { ...pick(before, fields), version }, { ...pick(values, fields), version: version + 1 }, opts.reverted);
  return version + 1;
}

/**
 * Whether every change since `from` is logged and touched none of `fields`: a session reordered
 * or moved while someone edits its title is no conflict. A change not in the log (an import)
 * counts as touching everything.
 */
async function onlyOtherFieldsChanged(trx: Tx, entity: AuditedEntity, id: number, from: number, now: number, fields: string[]): Promise<boolean> {
  if (now < from) return false;
  const since = (await changesOf(trx, entity, id)).filter((v) => typeof v.version === 'number' && v.version > from && v.version <= now);
  const versions = new Set(since.map((v) => v.version));
  for (let n = from + 1; n <= now; n++) if (!versions.has(n)) return false;
  return since.every((v) => Object.keys(v).every((k) => k === 'version' || !fields.includes(k)));
}

/** Saves a form over a record: validation, version check, audit, in one write. */
export async function saveForm(storage: Storage, actor: Actor, entity: FormEntity, id: number, version: number, body: Record<string, unknown>): Promise<number> {
  return await write(storage, (trx) => saveFormWithin(trx, actor, entity, id, version, body));
}

/** saveForm inside a write that does more (an approved speaker's correction and its submission's status). */
export async function saveFormWithin(trx: Tx, actor: Actor, entity: FormEntity, id: number, version: number, body: Record<string, unknown>): Promise<number> {
  const input = formInput(entity, body);
  let values = await validate(trx, entity, input, id);
  if (entity === 'appearance') values = await affiliation(trx, actor, values);
  // An editor's organization form sets the kind: no longer the importer's guess.
  if (entity === 'organization') values.kind_confirmed = 1;
  try {
    const v = await changeRecord(trx, actor, 'update', entity, id, version, values, input);
    // A rename keeps the old name as an alias (it is already one) and adds the new one.
    if ((entity === 'person' || entity === 'organization') && typeof values.name === 'string' && typeof values.name_key === 'string') {
      await addAlias(trx, entity, id, values.name, values.name_key, 'name', now());
    }
    return v;
  } catch (e) {
    // The conflict page shows the organization by name, as the form does.
    if (e instanceof VersionConflict && entity === 'appearance') e.theirs.organization = (await organizationName(trx, e.theirs.organization_id)) ?? null;
    throw e;
  }
}

/** The name of an appearance's organization, or undefined. */
export async function organizationName(trx: DbOrTx, id: unknown): Promise<string | undefined> {
  if (typeof id !== 'number') return undefined;
  return (await trx.selectFrom('organization').select('name').where('id', '=', id).executeTakeFirst())?.name;
}

/**
 * An appearance's affiliation as typed: the country's ISO code when the printed country is one
 * we know, and the organization found by its identity (name, and country for a government
 * body) or else stored anew, logged like any record made in the workspace.
 */
async function affiliation(trx: Tx, actor: Actor, values: Values): Promise<Values> {
  const { organization, ...rest } = values;
  const countryCode = typeof rest.country === 'string' ? (findCountry(rest.country)?.code ?? null) : null;
  let organizationId: number | null = null;
  if (typeof organization === 'string' && organization !== '') {
    const who = organizationIdentity(organization, countryCode);
    // Found by any of its names (aliases); the first stored when several share it.
    const found = (await organizationsByAliasKeys(trx, [who.key])).get(who.key)?.[0];
    if (found) organizationId = found.id;
    else {
      const ts = now();
      const slug = await freeSlug(trx, 'organization', slugify(who.countryCode ? `${organization} ${who.countryCode}` : organization) || 'organization');
      organizationId = await insertRecord(trx, 'organization', { slug, name: organization, name_key: who.key, kind: who.kind, country_code: who.countryCode, created_at: ts, updated_at: ts });
      await addAlias(trx, 'organization', organizationId, organization, who.key, 'name', ts);
      await audit(trx, actor, 'create', 'organization', organizationId, null, { name: organization, kind: who.kind, country_code: who.countryCode, version: 1 });
    }
  }
  return { ...rest, country_code: countryCode, organization_id: organizationId };
}
