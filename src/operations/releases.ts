// Releases (migration 0009). Editors change the working copy (event, day, session, appearance,
// material); the public reads the published copies (pub_*), which change only when an editor
// publishes. Each publication is a numbered release with an optional note and what it changed
// since the one before, computed here from the two programmes themselves: the copy the public
// sees now (release N) and the working copy about to become release N+1.
import { sql } from 'kysely';
import { NotFound, Conflict } from '../domain/errors.ts';
import { formMessage } from '../domain/form-messages.ts';
import type { AppearanceRow, DayRow, DbOrTx, EventRow, MaterialRow, SessionRow, Tx } from '../storage/database.ts';
import { deleteFileIfUnused } from '../storage/queries/files.ts';
import { insertAuditEntry } from '../storage/queries/editing.ts';
import { published } from '../storage/published.ts';
import { programmeRows } from '../storage/queries.ts';
import { namedByEvent, reindexEvent } from '../storage/queries/search.ts';
import type { Storage } from '../storage/storage.ts';
import { type WriteScope, write } from '../storage/write.ts';
import { displayTitle } from './event-export.ts';
import { changedLanguages, parseTranslations } from '../domain/translations.ts';

// The columns copied from each working table to its published copy. A migration that adds a
// column to one adds it to both, and here (test/releases.test.ts compares the tables' columns).
export const COPIED_COLUMNS = {
  event: [
    'id', 'series_id', 'slug', 'title', 'lang', 'start_date', 'end_date', 'venue', 'address', 'city', 'country_code', 'time_zone',
    'overview', 'themes', 'contact_email', 'status', 'uuid', 'room_uuid', 'created_at', 'updated_at', 'version', 'translations',
  ],
  day: ['id', 'event_id', 'position', 'date', 'label', 'version'],
  session: ['id', 'event_id', 'day_id', 'position', 'kind', 'number', 'title', 'lang', 'start_time', 'end_time', 'uuid', 'version', 'translations'],
  appearance: [
    'id', 'session_id', 'person_id', 'role', 'role_label', 'position', 'honorific', 'affiliation_position', 'organization_id', 'country',
    'country_code', 'talk_title', 'lang', 'version',
  ],
  material: ['id', 'event_id', 'appearance_id', 'kind', 'label', 'lang', 'position', 'url', 'file_id', 'created_at', 'translations', 'original_id', 'version'],
} as const;

/** A session as a change names it: enough to show it and to send it cancelled to calendars. */
export type SessionRef = { id: number; uuid: string; kind: string; number: number | null; title: string | null; displayTitle: string; date: string; start: string | null; end: string | null };
export type SlotRef = { date: string; start: string | null; end: string | null };
export type Role = 'moderator' | 'speaker';

export type ReleaseChange =
  | { type: 'event-changed'; fields: string[] }
  | { type: 'session-added'; session: SessionRef }
  | { type: 'session-removed'; session: SessionRef }
  | { type: 'session-moved'; session: SessionRef; from: SlotRef }
  | { type: 'session-retitled'; session: SessionRef; from: string }
  | { type: 'person-added'; session: SessionRef; role: Role; person: string }
  | { type: 'person-removed'; session: SessionRef; role: Role; person: string }
  | { type: 'person-replaced'; session: SessionRef; role: Role; from: string; person: string }
  | { type: 'affiliation-changed'; session: SessionRef; person: string; from: string; to: string }
  | { type: 'material-added' | 'material-replaced' | 'material-removed'; label: string; kind: string; lang: string; person: string | null; session: SessionRef | null }
  | { type: 'translations-changed'; of: 'event' | 'session' | 'material'; label: string; languages: string[] }
  | { type: 'other-changes' };

export type ReleaseChanges = { items: ReleaseChange[] };

export type Release = { id: number; eventId: number; number: number; note: string | null; createdAt: string; author: string | null; changes: ReleaseChanges | null };

type AppearanceWithNames = AppearanceRow & { person_name: string; org_name: string | null };
/** One event's programme as one of the two copies holds it. */
export type Programme = { event: EventRow; days: DayRow[]; sessions: SessionRow[]; appearances: AppearanceWithNames[]; materials: MaterialRow[] };

/** The programme as `db` reads it: pass `published(db)` for the release the public sees. */
export async function readProgramme(db: DbOrTx, eventId: number): Promise<Programme | undefined> {
  const event = await db.selectFrom('event').selectAll().where('id', '=', eventId).executeTakeFirst();
  if (!event) return undefined;
  const { days, sessions, appearances, materials } = await programmeRows(db, eventId);
  // The appearance's own columns and the two names the changelog prints (the rest of the join is
  // the same in both copies: persons and organizations are not copied per release).
  const own = appearances.map((a): AppearanceWithNames => ({
    id: a.id, session_id: a.session_id, person_id: a.person_id, role: a.role, role_label: a.role_label, position: a.position, honorific: a.honorific,
    affiliation_position: a.affiliation_position, organization_id: a.organization_id, country: a.country, country_code: a.country_code, talk_title: a.talk_title,
    lang: a.lang, version: a.version, person_name: a.person_name, org_name: a.org_name,
  }));
  return { event, days, sessions, appearances: own, materials };
}

const IGNORED = new Set(['version', 'updated_at', 'created_at', 'status']);
function canonical(rows: readonly object[]): string {
  return JSON.stringify(rows.map((r) => Object.entries(r).filter(([k]) => !IGNORED.has(k) && k !== 'person_name' && k !== 'org_name').sort(([a], [b]) => a.localeCompare(b))).sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1)));
}

/** Whether two programmes would show the same to the public (versions and timestamps aside). */
export function sameProgramme(a: Programme, b: Programme): boolean {
  return (
    canonical([a.event]) === canonical([b.event]) &&
    canonical(a.days) === canonical(b.days) &&
    canonical(a.sessions) === canonical(b.sessions) &&
    canonical(a.appearances) === canonical(b.appearances) &&
    canonical(a.materials) === canonical(b.materials)
  );
}

const EVENT_FIELDS = ['slug', 'title', 'lang', 'start_date', 'end_date', 'venue', 'address', 'city', 'country_code', 'time_zone', 'overview', 'themes', 'contact_email'] as const;

function sessionRef(p: Programme, s: SessionRow): SessionRef {
  const date = p.days.find((d) => d.id === s.day_id)?.date ?? '';
  return { id: s.id, uuid: s.uuid, kind: s.kind, number: s.number, title: s.title, displayTitle: displayTitle(s), date, start: s.start_time, end: s.end_time };
}

function affiliationText(a: AppearanceWithNames): string {
  return [a.affiliation_position, a.org_name, a.country].filter(Boolean).join(', ');
}

/** What the public will see change from `before` (the latest release) to `after` (the working copy). */
export function diffProgrammes(before: Programme, after: Programme): ReleaseChanges {
  const items: ReleaseChange[] = [];
  const fields = EVENT_FIELDS.filter((f) => before.event[f] !== after.event[f]);
  if (fields.length) items.push({ type: 'event-changed', fields: [...fields] });

  const oldSessions = new Map(before.sessions.map((s) => [s.id, s]));
  const newSessions = new Map(after.sessions.map((s) => [s.id, s]));
  // In programme order of the copy that has the session.
  const order = (p: Programme) => [...p.sessions].sort((x, y) => {
    const dx = p.days.find((d) => d.id === x.day_id)?.date ?? '';
    const dy = p.days.find((d) => d.id === y.day_id)?.date ?? '';
    return dx.localeCompare(dy) || (x.start_time ?? '').localeCompare(y.start_time ?? '') || x.position - y.position;
  });
  for (const s of order(before)) if (!newSessions.has(s.id)) items.push({ type: 'session-removed', session: sessionRef(before, s) });
  for (const s of order(after)) {
    const old = oldSessions.get(s.id);
    const ref = sessionRef(after, s);
    if (!old) {
      items.push({ type: 'session-added', session: ref });
      continue;
    }
    const was = sessionRef(before, old);
    if (was.date !== ref.date || was.start !== ref.start || was.end !== ref.end) items.push({ type: 'session-moved', session: ref, from: { date: was.date, start: was.start, end: was.end } });
    if (was.displayTitle !== ref.displayTitle) items.push({ type: 'session-retitled', session: ref, from: was.displayTitle });

    // People: by person and role within the session.
    const key = (a: AppearanceWithNames) => `${a.role}:${a.person_id}`;
    const oldPeople = before.appearances.filter((a) => a.session_id === s.id);
    const newPeople = after.appearances.filter((a) => a.session_id === s.id);
    const oldKeys = new Map(oldPeople.map((a) => [key(a), a]));
    const newKeys = new Map(newPeople.map((a) => [key(a), a]));
    for (const role of ['moderator', 'speaker'] as const) {
      const gone = oldPeople.filter((a) => a.role === role && !newKeys.has(key(a)));
      const came = newPeople.filter((a) => a.role === role && !oldKeys.has(key(a)));
      // One out and one in at the same role: a replacement, paired in printed order.
      const pairs = Math.min(gone.length, came.length);
      for (let i = 0; i < pairs; i++) items.push({ type: 'person-replaced', session: ref, role, from: gone[i]!.person_name, person: came[i]!.person_name });
      for (const a of gone.slice(pairs)) items.push({ type: 'person-removed', session: ref, role, person: a.person_name });
      for (const a of came.slice(pairs)) items.push({ type: 'person-added', session: ref, role, person: a.person_name });
    }
    for (const a of newPeople) {
      const o = oldKeys.get(key(a));
      if (o && affiliationText(o) !== affiliationText(a)) items.push({ type: 'affiliation-changed', session: ref, person: a.person_name, from: affiliationText(o), to: affiliationText(a) });
    }
  }

  // Materials: by id; a new file or link under the same id is a replacement.
  const ownerOf = (p: Programme, m: MaterialRow) => {
    const a = m.appearance_id === null ? undefined : p.appearances.find((x) => x.id === m.appearance_id);
    const s = a ? p.sessions.find((x) => x.id === a.session_id) : undefined;
    return { person: a?.person_name ?? null, session: s ? sessionRef(p, s) : null };
  };
  const oldMaterials = new Map(before.materials.map((m) => [m.id, m]));
  const newMaterials = new Map(after.materials.map((m) => [m.id, m]));
  for (const m of after.materials) {
    const o = oldMaterials.get(m.id);
    const base = { label: m.label, kind: m.kind, lang: m.lang, ...ownerOf(after, m) };
    if (!o) items.push({ type: 'material-added', ...base });
    else if (o.file_id !== m.file_id || o.url !== m.url) items.push({ type: 'material-replaced', ...base });
  }
  for (const m of before.materials) if (!newMaterials.has(m.id)) items.push({ type: 'material-removed', label: m.label, kind: m.kind, lang: m.lang, ...ownerOf(before, m) });

  // Texts in other languages (issue 13): each record whose translations changed, with the languages.
  const translated = (of: 'event' | 'session' | 'material', label: string, a: string, b: string) => {
    const languages = changedLanguages(parseTranslations(a), parseTranslations(b));
    if (languages.length) items.push({ type: 'translations-changed', of, label, languages });
  };
  translated('event', after.event.title, before.event.translations, after.event.translations);
  for (const s of after.sessions) {
    const o = oldSessions.get(s.id);
    if (o) translated('session', sessionRef(after, s).displayTitle, o.translations, s.translations);
  }
  for (const m of after.materials) {
    const o = oldMaterials.get(m.id);
    if (o) translated('material', m.label, o.translations, m.translations);
  }

  if (!items.length && !sameProgramme(before, after)) items.push({ type: 'other-changes' });
  return { items };
}

export type PublishResult = { changed: true; number: number; changes: ReleaseChanges | null } | { changed: false; number: number };

/** Publishes the working copy of an event as its next release; nothing when nothing changed since the latest. */
export async function publishEvent(storage: Storage, eventId: number, opts: { note?: string | null; accountId?: number | null } = {}): Promise<PublishResult> {
  return write(storage, (trx, scope) => publishWithin(trx, scope, eventId, opts));
}

/** The same inside a write that is already open (an import with --publish). */
export async function publishWithin(trx: Tx, scope: WriteScope, eventId: number, opts: { note?: string | null; accountId?: number | null } = {}): Promise<PublishResult> {
  const work = await readProgramme(trx, eventId);
  if (!work) throw new NotFound(formMessage('noEventWithId', { id: eventId }));
  const last = await trx.selectFrom('release').selectAll().where('event_id', '=', eventId).orderBy('number', 'desc').executeTakeFirst();
  const before = last ? await readProgramme(published(trx), eventId) : undefined;
  if (last && before && sameProgramme(before, work)) return { changed: false, number: last.number };

  const taken = await trx.selectFrom('pub_event').select(['id', 'slug']).where('slug', '=', work.event.slug).where('id', '!=', eventId).executeTakeFirst();
  if (taken) throw new Conflict(formMessage('publishAddressTaken', { slug: work.event.slug, id: taken.id }));

  const changes = before ? diffProgrammes(before, work) : null;
  // Calendars take SEQUENCE from the release's time in seconds: each release at least a second later.
  let at = Date.now();
  if (last) at = Math.max(at, Date.parse(last.created_at) + 1000);
  const createdAt = new Date(at).toISOString();
  const number = (last?.number ?? 0) + 1;

  // Search shows what the public sees: the event's documents follow its release in this write.
  const named = await namedByEvent(trx, eventId);
  await removeCopies(trx, eventId);
  const copy = (table: keyof typeof COPIED_COLUMNS, where: ReturnType<typeof sql>) => {
    const cols = sql.join(COPIED_COLUMNS[table].map((c) => sql.ref(c)));
    return sql`INSERT INTO ${sql.table(`pub_${table}`)} (${cols}) SELECT ${cols} FROM ${sql.table(table)} WHERE ${where}`.execute(trx);
  };
  await copy('event', sql`id = ${eventId}`);
  await copy('day', sql`event_id = ${eventId}`);
  await copy('session', sql`event_id = ${eventId}`);
  await copy('appearance', sql`session_id IN (SELECT id FROM session WHERE event_id = ${eventId})`);
  await copy('material', sql`event_id = ${eventId}`);
  await trx.updateTable('pub_event').set({ status: 'published', updated_at: createdAt }).where('id', '=', eventId).execute();
  if (work.event.status !== 'published') await trx.updateTable('event').set({ status: 'published' }).where('id', '=', eventId).execute();

  await trx
    .insertInto('release')
    .values({ event_id: eventId, number, note: opts.note?.trim() || null, account_id: opts.accountId ?? null, created_at: createdAt, changes: changes ? JSON.stringify(changes) : null })
    .execute();
  await insertAuditEntry(trx, {
    at: createdAt,
    account_id: opts.accountId ?? null,
    action: 'publish',
    entity: 'event',
    entity_id: eventId,
    series_id: work.event.series_id,
    before: null,
    after: JSON.stringify({ release: number, note: opts.note?.trim() || null, changes: changes?.items.length ?? null }),
    reverted_entry_id: null,
  } as Parameters<typeof insertAuditEntry>[1]);

  // Files only the release before showed, and nothing links to now, go.
  const kept = new Set(work.materials.map((m) => m.file_id));
  for (const f of new Set(before?.materials.map((m) => m.file_id) ?? [])) if (f && !kept.has(f)) await deleteFileIfUnused(trx, f);
  await reindexEvent(trx, eventId, named);
  scope.event(eventId);
  return { changed: true, number, changes };
}

async function removeCopies(trx: Tx, eventId: number): Promise<void> {
  await trx.deleteFrom('pub_material').where('event_id', '=', eventId).execute();
  await trx.deleteFrom('pub_appearance').where('session_id', 'in', (eb) => eb.selectFrom('pub_session').select('id').where('event_id', '=', eventId)).execute();
  await trx.deleteFrom('pub_session').where('event_id', '=', eventId).execute();
  await trx.deleteFrom('pub_day').where('event_id', '=', eventId).execute();
  await trx.deleteFrom('pub_event').where('id', '=', eventId).execute();
}

/** Takes an event off the public site (its releases are kept; publishing again makes the next one). */
export async function withdrawEvent(storage: Storage, eventId: number, accountId: number | null): Promise<boolean> {
  return write(storage, async (trx, scope) => {
    const event = await trx.selectFrom('event').select(['id', 'series_id', 'status']).where('id', '=', eventId).executeTakeFirst();
    if (!event) throw new NotFound(formMessage('noEventWithId', { id: eventId }));
    const pub = await published(trx).selectFrom('material').select('file_id').where('event_id', '=', eventId).execute();
    const had = await trx.selectFrom('pub_event').select('id').where('id', '=', eventId).executeTakeFirst();
    if (!had) return false;
    const named = await namedByEvent(trx, eventId);
    await removeCopies(trx, eventId);
    await reindexEvent(trx, eventId, named);
    await trx.updateTable('event').set({ status: 'draft' }).where('id', '=', eventId).execute();
    await insertAuditEntry(trx, { at: new Date().toISOString(), account_id: accountId, action: 'withdraw', entity: 'event', entity_id: eventId, series_id: event.series_id, before: null, after: null, reverted_entry_id: null } as Parameters<typeof insertAuditEntry>[1]);
    for (const f of new Set(pub.map((m) => m.file_id))) if (f) await deleteFileIfUnused(trx, f);
    scope.event(eventId);
    return true;
  });
}

/** What publishing now would change, for the workspace: null when the event was never published. */
export async function unpublishedChanges(db: DbOrTx, eventId: number): Promise<{ release: number; changes: ReleaseChanges; same: boolean } | null> {
  const last = await db.selectFrom('release').select('number').where('event_id', '=', eventId).orderBy('number', 'desc').executeTakeFirst();
  const before = await readProgramme(published(db), eventId);
  const work = await readProgramme(db, eventId);
  if (!last || !before || !work) return null;
  const same = sameProgramme(before, work);
  return { release: last.number, changes: same ? { items: [] } : diffProgrammes(before, work), same };
}

/** An event's releases, newest first (the changelog). */
export async function releasesOf(db: DbOrTx, eventId: number): Promise<Release[]> {
  const rows = await db
    .selectFrom('release as r')
    .leftJoin('account as a', 'a.id', 'r.account_id')
    .select(['r.id', 'r.event_id', 'r.number', 'r.note', 'r.created_at', 'r.changes', 'a.email'])
    .where('r.event_id', '=', eventId)
    .orderBy('r.number', 'desc')
    .execute();
  return rows.map((r) => ({ id: r.id, eventId: r.event_id, number: r.number, note: r.note, createdAt: r.created_at, author: r.email, changes: r.changes ? (JSON.parse(r.changes) as ReleaseChanges) : null }));
}

/**
 * Sessions that a release dropped and no later release brought back, newest drop first: the
 * calendars send them as cancelled, so that subscribers' copies go away.
 */
export function cancelledSessions(releases: readonly Release[], current: ReadonlySet<string>): SessionRef[] {
  const out = new Map<string, SessionRef>();
  for (const r of releases) {
    for (const c of r.changes?.items ?? []) {
      if (c.type === 'session-removed' && !current.has(c.session.uuid) && !out.has(c.session.uuid)) out.set(c.session.uuid, c.session);
    }
  }
  return [...out.values()];
}

