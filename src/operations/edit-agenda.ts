// Building an event in the workspace: series, events, days, sessions and who speaks, created,
// moved and reordered. Each is one write() (so the public pages drop what it changed) and
// leaves an audit entry per record it changed.
import { sql } from 'kysely';
import { DEFAULT_LANGUAGE } from '../domain/language.ts';
import { normaliseName, splitHonorific } from '../domain/names.ts';
import { personNameSchema } from '../domain/editing.ts';
import { InvalidInput, NotFound } from '../domain/errors.ts';
import { formMessage, issueMessage, noRecord } from '../domain/form-messages.ts';
import { slugify } from '../domain/slug.ts';
import { dropSlugRedirect, freeSlug } from '../storage/queries/slugs.ts';
import type { Tx } from '../storage/database.ts';
import { insertRecord, nextPosition, recordById, siblings } from '../storage/queries/editing.ts';
import { addAlias, personCandidatesByKeys } from '../storage/queries/identities.ts';
import type { Storage } from '../storage/storage.ts';
import { write } from '../storage/write.ts';
import { type Actor, audit, changeRecord, FormInvalid, formInput, pick, validate, VersionConflict } from './edit-record.ts';

const now = () => new Date().toISOString();

async function created(trx: Tx, actor: Actor, entity: Parameters<typeof audit>[3], id: number, fields: readonly string[]) {
  const row = (await recordById(trx, entity, id))!;
  await audit(trx, actor, 'create', entity, id, null, { ...pick(row, fields), version: row.version ?? 1 });
}

export async function createSeries(storage: Storage, actor: Actor, body: Record<string, unknown>): Promise<{ id: number; slug: string }> {
  const input = formInput('series', body);
  return await write(storage, async (trx) => {
    const v = await validate(trx, 'series', input);
    const ts = now();
    const id = await insertRecord(trx, 'series', { ...v, lang: DEFAULT_LANGUAGE, created_at: ts, updated_at: ts });
    await dropSlugRedirect(trx, 'series', String(v.slug)); // a slug chosen by hand: the new series wins over an old address
    await created(trx, actor, 'series', id, ['slug', 'title', 'description']);
    return { id, slug: String(v.slug) };
  });
}

export async function createEvent(storage: Storage, actor: Actor, seriesId: number, body: Record<string, unknown>): Promise<number> {
  const input = formInput('event', body);
  return await write(storage, async (trx) => {
    const v = await validate(trx, 'event', input);
    const ts = now();
    const id = await insertRecord(trx, 'event', { ...v, series_id: seriesId, created_at: ts, updated_at: ts });
    await dropSlugRedirect(trx, 'event', String(v.slug)); // a slug chosen by hand: the new event wins over an old address
    await created(trx, actor, 'event', id, Object.keys(v));
    return id;
  });
}

export async function createDay(storage: Storage, actor: Actor, eventId: number, body: Record<string, unknown>): Promise<number> {
  const input = formInput('day', body);
  return await write(storage, async (trx) => {
    const v = await validate(trx, 'day', input);
    const taken = await trx.selectFrom('day').select('id').where('event_id', '=', eventId).where('date', '=', String(v.date)).executeTakeFirst();
    if (taken) throw new FormInvalid({ date: formMessage('dayTaken', { date: String(v.date) }) }, input);
    // Days stay in date order: the new one takes its place among them.
    const days = await trx.selectFrom('day').select(['id', 'date', 'position']).where('event_id', '=', eventId).orderBy('position').execute();
    const position = days.filter((d) => d.date < String(v.date)).length;
    for (const d of days.filter((d) => d.date > String(v.date)).reverse()) await trx.updateTable('day').set({ position: d.position + 1 }).where('id', '=', d.id).execute();
    const id = await insertRecord(trx, 'day', { ...v, event_id: eventId, position });
    await created(trx, actor, 'day', id, ['date', 'label']);
    return id;
  });
}

export async function createSession(storage: Storage, actor: Actor, dayId: number, body: Record<string, unknown>): Promise<number> {
  const input = formInput('session', body);
  return await write(storage, async (trx) => {
    const v = await validate(trx, 'session', input);
    const day = await trx.selectFrom('day as d').innerJoin('event as e', 'e.id', 'd.event_id').select(['d.event_id', 'e.lang']).where('d.id', '=', dayId).executeTakeFirst();
    if (!day) throw new NotFound(noRecord('day', dayId));
    const id = await insertRecord(trx, 'session', { ...v, event_id: day.event_id, day_id: dayId, lang: day.lang, position: await nextPosition(trx, 'session', 'day_id', dayId) });
    await placeByTime(trx, dayId, id);
    await created(trx, actor, 'session', id, ['kind', 'number', 'title', 'start_time', 'end_time', 'day_id', 'position']);
    return id;
  });
}

/**
 * Puts a session just made or moved into a day at its place by start time: before the first
 * session that starts later (the others keep their order, however it was set); one without a
 * start time stays at the end. Places shift without moving versions: no field of a form changes.
 */
async function placeByTime(trx: Tx, dayId: number, sessionId: number): Promise<void> {
  const list = await trx.selectFrom('session').select(['id', 'position', 'start_time']).where('day_id', '=', dayId).orderBy('position').execute();
  const me = list.find((x) => x.id === sessionId)!;
  const others = list.filter((x) => x.id !== sessionId);
  const at = me.start_time === null ? others.length : others.findIndex((x) => x.start_time !== null && x.start_time > me.start_time!);
  const order = [...others];
  order.splice(at < 0 ? others.length : at, 0, me);
  if (order.every((x, i) => x.id === list[i]!.id)) return;
  // Out of the way of the unique (day, position) first, then each at its place.
  await trx.updateTable('session').set({ position: sql<number>`-id` }).where('day_id', '=', dayId).execute();
  for (const [i, x] of order.entries()) await trx.updateTable('session').set({ position: i }).where('id', '=', x.id).execute();
}

/** Moves a session to another day of the same event, at its place there by start time. */
export async function moveSession(storage: Storage, actor: Actor, sessionId: number, version: number, dayId: number): Promise<number> {
  return await write(storage, async (trx) => {
    const s = await trx.selectFrom('session').select(['event_id', 'day_id']).where('id', '=', sessionId).executeTakeFirst();
    if (!s) throw new NotFound(noRecord('session', sessionId));
    const day = await trx.selectFrom('day').select('event_id').where('id', '=', dayId).executeTakeFirst();
    if (!day || day.event_id !== s.event_id) throw new FormInvalid({ day_id: formMessage('dayOfEvent') }, { day_id: String(dayId) });
    if (s.day_id === dayId) return version;
    const position = await nextPosition(trx, 'session', 'day_id', dayId);
    const moved = await changeRecord(trx, actor, 'move', 'session', sessionId, version, { day_id: dayId, position }, { day_id: String(dayId) });
    await placeByTime(trx, dayId, sessionId);
    return moved;
  });
}

/**
 * Swaps a session (or an appearance, among those of its role) with its neighbour above or
 * below. The one clicked must be at the version the page showed; its neighbour moves with it.
 */
export async function reorder(storage: Storage, actor: Actor, entity: 'session' | 'appearance', id: number, version: number, direction: 'up' | 'down'): Promise<number> {
  return await write(storage, async (trx) => {
    const me =
      entity === 'session'
        ? await trx.selectFrom('session').select(['day_id as parent']).where('id', '=', id).executeTakeFirst()
        : await trx.selectFrom('appearance').select(['session_id as parent', 'role']).where('id', '=', id).executeTakeFirst();
    if (!me) throw new NotFound(noRecord(entity, id));
    const list = await siblings(trx, entity, entity === 'session' ? 'day_id' : 'session_id', me.parent, 'role' in me ? String(me.role) : undefined);
    const i = list.findIndex((x) => x.id === id);
    const j = direction === 'up' ? i - 1 : i + 1;
    const other = list[j];
    const mine = list[i]!;
    if (!other) return version;
    const mineInput = { direction };
    if (mine.version !== version) throw new VersionConflict(entity, id, version, mineInput, (await recordById(trx, entity, id))!);
    // Positions may repeat or have gaps after imports: the swap gives the two distinct ones.
    const [a, b] = mine.position === other.position ? (direction === 'up' ? [mine.position - 1, mine.position] : [mine.position + 1, mine.position]) : [other.position, mine.position];
    // The unique (day, position) of sessions forbids a direct swap: the one clicked is parked
    // out of the way first, and its entry still says where it was.
    await trx.updateTable(entity).set({ position: -1 - mine.position }).where('id', '=', id).where('version', '=', version).execute();
    await changeRecord(trx, actor, 'reorder', entity, other.id, other.version, { position: b }, mineInput);
    const v = await changeRecord(trx, actor, 'reorder', entity, id, version, { position: a }, mineInput, { before: { position: mine.position } });
    return v;
  });
}

export type NewAppearance = { sessionId: number; role: 'moderator' | 'speaker'; personId?: number; name?: string; /** a new person even when the name is someone's already (the editor said so) */ newPerson?: boolean };

/**
 * Adds a person to a session: an existing person chosen from the search, or a name typed anew,
 * which joins the person of the same normalised name when there is one (no duplicate is made).
 */
export async function addAppearance(storage: Storage, actor: Actor, a: NewAppearance): Promise<{ appearanceId: number; personId: number; newPerson: boolean }> {
  return await write(storage, async (trx) => {
    const session = await trx.selectFrom('session').select(['id', 'lang']).where('id', '=', a.sessionId).executeTakeFirst();
    if (!session) throw new NotFound(noRecord('session', a.sessionId));
    let personId = a.personId;
    let newPerson = false;
    let honorific: string | null = null;
    if (personId !== undefined) {
      if (!(await trx.selectFrom('person').select('id').where('id', '=', personId).executeTakeFirst())) throw new NotFound(noRecord('person', personId));
    } else {
      const parsed = personNameSchema.safeParse(a.name ?? '');
      if (!parsed.success) throw new FormInvalid({ name: issueMessage(parsed.error.issues[0]!) }, { name: a.name ?? '' });
      const split = splitHonorific(parsed.data);
      honorific = split.honorific;
      const key = normaliseName(split.name);
      if (!key) throw new FormInvalid({ name: formMessage('letters') }, { name: a.name ?? '' });
      // Found by any of their names (aliases); two who share it were asked about before (web/admin/suggest.ts similarPersons).
      const found = a.newPerson ? undefined : (await personCandidatesByKeys(trx, [key])).get(key)?.[0];
      if (found) personId = found.id;
      else {
        const slug = await freeSlug(trx, 'person', slugify(split.name) || 'person');
        const ts = now();
        personId = await insertRecord(trx, 'person', { slug, name: split.name, name_key: key, honorific: null, created_at: ts, updated_at: ts });
        await addAlias(trx, 'person', personId, split.name, key, 'name', ts);
        newPerson = true;
        await created(trx, actor, 'person', personId, ['slug', 'name']);
      }
    }
    const dup = await trx.selectFrom('appearance').select('id').where('session_id', '=', a.sessionId).where('person_id', '=', personId).where('role', '=', a.role).executeTakeFirst();
    if (dup) throw new InvalidInput(formMessage(a.role === 'moderator' ? 'alreadyModerator' : 'alreadySpeaker'));
    const appearanceId = await insertRecord(trx, 'appearance', {
      session_id: a.sessionId,
      person_id: personId,
      role: a.role,
      role_label: null,
      position: await nextPosition(trx, 'appearance', 'session_id', a.sessionId),
      honorific,
      affiliation_position: null,
      organization_id: null,
      country: null,
      country_code: null,
      talk_title: null,
      lang: session.lang,
    });
    await created(trx, actor, 'appearance', appearanceId, ['session_id', 'person_id', 'role', 'position']);
    return { appearanceId, personId, newPerson };
  });
}
