// importAgenda: store an agenda reading into a series and event. Called by the CLI, the demo
// loader and (later) the admin. Importing the same reading again updates in place.
import type { Agenda, AgendaPerson } from '../domain/agenda.ts';
import { InvalidInput } from '../domain/errors.ts';
import { describeIssues, eventTargetSchema, type EventTarget } from '../domain/event.ts';
import { OrganizationLikeness, PersonLikeness } from '../domain/likeness.ts';
import { normaliseName } from '../domain/names.ts';
import { guessOrganizationKind } from '../domain/organization.ts';
import { slugify } from '../domain/slug.ts';
import { addDays } from '../domain/time.ts';
import { sql } from 'kysely';
import type { Tx } from '../storage/database.ts';
import { organizationNames } from '../storage/queries/organizations.ts';
import { personNames } from '../storage/queries/people.ts';
import { freeSlug } from '../storage/queries/slugs.ts';
import type { Storage } from '../storage/storage.ts';
import { write } from '../storage/write.ts';

export type ImportReport = {
  series: { slug: string; created: boolean };
  event: { slug: string; created: boolean; status: string; startDate: string; endDate: string };
  days: number;
  sessions: { created: number; updated: number; removed: number };
  appearances: { created: number; updated: number; removed: number };
  persons: { created: number; matched: number };
  organizations: { created: number; matched: number };
  warnings: string[];
};

const now = () => new Date().toISOString();

/** Organizations of governments share names across countries ("Ministry of Foreign Affairs"), so the country is part of the identity. */
function organizationKey(name: string, countryCode: string | null): string {
  return `${normaliseName(name)}|${countryCode ?? ''}`;
}

function uniqueSlug(trx: Tx, table: 'person' | 'organization', base: string): Promise<string> {
  return freeSlug(trx, table, base);
}

export async function importAgenda(storage: Storage, agenda: Agenda, target: EventTarget): Promise<ImportReport> {
  const parsed = eventTargetSchema.safeParse(target);
  if (!parsed.success) throw new InvalidInput(`import target: ${describeIssues(parsed.error)}`);
  const t = parsed.data;
  const sessionCount = agenda.days.reduce((n, d) => n + d.sessions.length, 0);
  if (agenda.days.length === 0 || sessionCount === 0) {
    throw new InvalidInput('the input holds no agenda: no day and no time slot or session was recognised');
  }

  return write(storage, async (trx) => {
    const report: ImportReport = {
      series: { slug: t.series.slug, created: false },
      event: { slug: t.event.slug, created: false, status: '', startDate: '', endDate: '' },
      days: 0,
      sessions: { created: 0, updated: 0, removed: 0 },
      appearances: { created: 0, updated: 0, removed: 0 },
      persons: { created: 0, matched: 0 },
      organizations: { created: 0, matched: 0 },
      warnings: [],
    };
    const ts = now();

    // Series
    let series = await trx.selectFrom('series').selectAll().where('slug', '=', t.series.slug).executeTakeFirst();
    if (!series) {
      if (!t.series.title) throw new InvalidInput(`series "${t.series.slug}" does not exist yet: give its title (--series-title)`);
      series = await trx
        .insertInto('series')
        .values({ slug: t.series.slug, title: t.series.title, lang: t.event.lang, description: t.series.description ?? null, created_at: ts, updated_at: ts })
        .returningAll()
        .executeTakeFirstOrThrow();
      report.series.created = true;
    } else if (t.series.title && t.series.title !== series.title) {
      await trx.updateTable('series').set({ title: t.series.title, updated_at: ts }).where('id', '=', series.id).execute();
    }

    // Dates: as the page states them, else counted from the given start date.
    const existingEvent = await trx.selectFrom('event').selectAll().where('slug', '=', t.event.slug).executeTakeFirst();
    const startDate = t.event.startDate ?? agenda.days.find((d) => d.date)?.date ?? existingEvent?.start_date;
    const dates: string[] = [];
    for (const [i, d] of agenda.days.entries()) {
      const date = d.date ?? (startDate ? addDays(startDate, i) : null);
      if (!date) throw new InvalidInput(`day ${i + 1} ("${d.label ?? ''}") has no date and no start date was given (--start-date)`);
      if (dates.includes(date)) throw new InvalidInput(`two days of the agenda fall on ${date}`);
      dates.push(date);
    }
    const sorted = [...dates].sort();
    const first = sorted[0]!;
    const last = sorted[sorted.length - 1]!;

    // Event
    let eventId: number;
    const fields = {
      title: t.event.title ?? existingEvent?.title ?? agenda.title ?? undefined,
      time_zone: t.event.timeZone ?? existingEvent?.time_zone,
    };
    if (!fields.title) throw new InvalidInput(`event "${t.event.slug}" needs a title (--title): the page gives none`);
    if (!fields.time_zone) throw new InvalidInput(`event "${t.event.slug}" needs the venue's time zone (--time-zone, e.g. America/New_York)`);
    const status = t.event.status ?? existingEvent?.status ?? 'published';
    const common = {
      series_id: series.id,
      title: fields.title,
      lang: t.event.lang,
      start_date: first,
      end_date: last,
      time_zone: fields.time_zone,
      status,
      updated_at: ts,
      ...(t.event.venue !== undefined ? { venue: t.event.venue } : {}),
      ...(t.event.address !== undefined ? { address: t.event.address } : {}),
      ...(t.event.city !== undefined ? { city: t.event.city } : {}),
      ...(t.event.countryCode !== undefined ? { country_code: t.event.countryCode } : {}),
      ...(t.event.overview !== undefined ? { overview: t.event.overview } : {}),
      ...(t.event.themes !== undefined ? { themes: JSON.stringify(t.event.themes) } : {}),
      ...(t.event.contactEmail !== undefined ? { contact_email: t.event.contactEmail } : {}),
    };
    if (existingEvent) {
      eventId = existingEvent.id;
      await trx.updateTable('event').set(common).where('id', '=', eventId).execute();
    } else {
      const overview = t.event.overview ?? (agenda.overview?.length ? agenda.overview.join('\n\n') : null);
      const row = await trx
        .insertInto('event')
        .values({ venue: null, city: null, country_code: null, themes: '[]', contact_email: null, ...common, overview, slug: t.event.slug, created_at: ts })
        .returning('id')
        .executeTakeFirstOrThrow();
      eventId = row.id;
      report.event.created = true;
    }
    report.event = { ...report.event, status, startDate: first, endDate: last };

    // Days, matched by date
    const oldDays = await trx.selectFrom('day').selectAll().where('event_id', '=', eventId).execute();
    const keepDayIds = new Set<number>();
    const personCache = new Map<string, number>();
    const orgCache = new Map<string, number>();

    // The series' convener is an organization like any other, found or stored by the same identity.
    if (t.series.convener !== undefined) {
      const convenerId = await organizationId(trx, { organization: t.series.convener, countryCode: null }, report, orgCache, ts);
      if (convenerId !== series.convener_id) await trx.updateTable('series').set({ convener_id: convenerId, updated_at: ts }).where('id', '=', series.id).execute();
    }

    for (const [i, day] of agenda.days.entries()) {
      const date = dates[i]!;
      let dayId = oldDays.find((d) => d.date === date)?.id;
      if (dayId === undefined) {
        dayId = (await trx.insertInto('day').values({ event_id: eventId, position: i, date, label: day.label }).returning('id').executeTakeFirstOrThrow()).id;
      } else {
        await trx.updateTable('day').set({ position: i, label: day.label }).where('id', '=', dayId).execute();
      }
      keepDayIds.add(dayId);
      report.days++;

      // Sessions keep their row (and so their URL, guid and calendar UID) when the page moves
      // them: matched by start and title, then by start, then by title, then by place in the day.
      const oldSessions = await trx.selectFrom('session').select(['id', 'position', 'kind', 'number', 'title', 'start_time']).where('day_id', '=', dayId).execute();
      // Park the old positions out of the way of the unique (day, position) while rows move.
      if (oldSessions.length) await trx.updateTable('session').set({ position: sql<number>`-position - 1` }).where('day_id', '=', dayId).execute();
      const used = new Set<number>();
      const pick = (test: (o: (typeof oldSessions)[number]) => boolean) => {
        const id = oldSessions.find((o) => !used.has(o.id) && test(o))?.id;
        if (id !== undefined) used.add(id);
        return id;
      };
      // Content first, for every session of the day; only then the place in the day, so that a
      // session added at the top does not take the row of the one it pushed down.
      const matched = day.sessions.map((s) => {
        const sameTitle = (o: (typeof oldSessions)[number]) => o.kind === s.kind && o.number === s.number && o.title === s.title;
        return (
          pick((o) => s.start !== null && o.start_time === s.start && sameTitle(o)) ??
          pick((o) => s.start !== null && o.start_time === s.start && o.kind === s.kind) ??
          pick((o) => s.title !== null && sameTitle(o))
        );
      });
      for (const [p, s] of day.sessions.entries()) {
        const values = { position: p, kind: s.kind, number: s.number, title: s.title, lang: t.event.lang, start_time: s.start, end_time: s.end };
        let sessionId = matched[p] ?? pick((o) => o.position === p);
        if (sessionId === undefined) {
          sessionId = (await trx.insertInto('session').values({ event_id: eventId, day_id: dayId, ...values }).returning('id').executeTakeFirstOrThrow()).id;
          report.sessions.created++;
        } else {
          await trx.updateTable('session').set(values).where('id', '=', sessionId).execute();
          report.sessions.updated++;
        }
        await syncAppearances(trx, eventId, sessionId, s.moderators, s.speakers, t.event.lang, report, personCache, orgCache, ts);
      }
      const stale = oldSessions.filter((o) => !used.has(o.id)).map((o) => o.id);
      if (stale.length) {
        await keepAttachedMaterials(trx, stale.map((id) => ({ session: id })), report);
        await trx.deleteFrom('session').where('id', 'in', stale).execute();
        report.sessions.removed += stale.length;
      }
    }
    const staleDays = oldDays.filter((d) => !keepDayIds.has(d.id)).map((d) => d.id);
    if (staleDays.length) {
      const n = await trx.selectFrom('session').select((eb) => eb.fn.countAll<number>().as('n')).where('day_id', 'in', staleDays).executeTakeFirstOrThrow();
      report.sessions.removed += Number(n.n);
      const goneSessions = await trx.selectFrom('session').select('id').where('day_id', 'in', staleDays).execute();
      await keepAttachedMaterials(trx, goneSessions.map((g) => ({ session: g.id })), report);
      await trx.deleteFrom('day').where('id', 'in', staleDays).execute();
    }
    return report;
  });
}

/**
 * Per import: person ids by name key, and everyone stored by likeness, read once when the first
 * new person is compared (then each new one is added).
 */
type PersonCache = Map<string, number> & { likeness?: PersonLikeness<{ name: string; slug: string; nameKey: string }> };

async function personId(trx: Tx, p: AgendaPerson, report: ImportReport, cache: PersonCache, ts: string): Promise<number> {
  // Counted once per distinct person: created now, or matched to one already stored.
  const key = normaliseName(p.name);
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const found = await trx.selectFrom('person').select(['id', 'honorific']).where('name_key', '=', key).executeTakeFirst();
  let id: number;
  if (found) {
    id = found.id;
    if (!found.honorific && p.honorific) await trx.updateTable('person').set({ honorific: p.honorific, updated_at: ts }).where('id', '=', id).execute();
    report.persons.matched++;
  } else {
    // A similar name already stored may be this person; say so rather than merge on a guess.
    if (!cache.likeness) {
      cache.likeness = new PersonLikeness();
      for (const o of await personNames(trx)) cache.likeness.add(o);
    }
    for (const other of cache.likeness.similarTo(key)) {
      report.warnings.push(`"${p.name}" may be the same person as "${other.name}" (/people/${other.slug}); stored as a new person, not merged`);
    }
    const slug = await uniqueSlug(trx, 'person', slugify(p.name));
    id = (
      await trx
        .insertInto('person')
        .values({ slug, name: p.name, name_key: key, honorific: p.honorific, created_at: ts, updated_at: ts })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    cache.likeness.add({ name: p.name, slug, nameKey: key });
    report.persons.created++;
  }
  cache.set(key, id);
  return id;
}

/**
 * Per import: organization ids by identity key, and every stored organization by likeness,
 * read once when the first new organization is compared (then each new one is added).
 */
type OrganizationCache = Map<string, number> & { likeness?: OrganizationLikeness<{ name: string; slug: string }> };

async function organizationId(trx: Tx, p: Pick<AgendaPerson, 'organization' | 'countryCode'>, report: ImportReport, cache: OrganizationCache, ts: string): Promise<number | null> {
  if (!p.organization) return null;
  const kind = guessOrganizationKind(p.organization);
  // Only a government body belongs to the country printed after it; an NGO may just be based there.
  const countryCode = kind === 'member-state' ? p.countryCode : null;
  const key = organizationKey(p.organization, countryCode);
  // Counted once per distinct organization, like persons.
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const found = await trx.selectFrom('organization').select('id').where('name_key', '=', key).executeTakeFirst();
  let id: number;
  if (found) {
    id = found.id;
    report.organizations.matched++;
  } else {
    const organization = p.organization;
    if (!cache.likeness) {
      cache.likeness = new OrganizationLikeness();
      for (const o of await organizationNames(trx)) cache.likeness.add(o);
    }
    for (const other of cache.likeness.similarTo(organization)) {
      report.warnings.push(`"${organization}" may be the same organization as "${other.name}" (/organizations/${other.slug}); stored as a new organization, not merged`);
    }
    const base = slugify(countryCode ? `${p.organization} ${countryCode}` : p.organization);
    const slug = await uniqueSlug(trx, 'organization', base);
    id = (
      await trx
        .insertInto('organization')
        .values({ slug, name: p.organization, name_key: key, kind, country_code: countryCode, created_at: ts, updated_at: ts })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    cache.likeness.add({ name: p.organization, slug });
    report.organizations.created++;
  }
  cache.set(key, id);
  return id;
}

async function syncAppearances(
  trx: Tx,
  eventId: number,
  sessionId: number,
  moderators: AgendaPerson[],
  speakers: AgendaPerson[],
  lang: string,
  report: ImportReport,
  personCache: Map<string, number>,
  orgCache: Map<string, number>,
  ts: string,
): Promise<void> {
  const old = await trx.selectFrom('appearance').select(['id', 'person_id', 'role']).where('session_id', '=', sessionId).execute();
  const kept = new Set<number>();
  const wanted = [
    ...moderators.map((p) => ({ p, role: 'moderator' as const })),
    ...speakers.map((p) => ({ p, role: 'speaker' as const })),
  ];
  for (const [position, { p, role }] of wanted.entries()) {
    const pid = await personId(trx, p, report, personCache, ts);
    const oid = await organizationId(trx, p, report, orgCache, ts);
    const values = {
      role_label: p.roleLabel ?? null,
      position,
      honorific: p.honorific,
      affiliation_position: p.position,
      organization_id: oid,
      country: p.country,
      country_code: p.countryCode,
      talk_title: p.talkTitle ?? null,
      lang,
    };
    const existing = old.find((o) => o.person_id === pid && o.role === role);
    if (existing && kept.has(existing.id)) {
      report.warnings.push(`${p.name} is listed twice as ${role} in one session; kept the first`);
      continue;
    }
    let appearanceId: number;
    if (existing) {
      appearanceId = existing.id;
      await trx.updateTable('appearance').set(values).where('id', '=', appearanceId).execute();
      report.appearances.updated++;
    } else {
      appearanceId = (
        await trx.insertInto('appearance').values({ session_id: sessionId, person_id: pid, role, ...values }).returning('id').executeTakeFirstOrThrow()
      ).id;
      report.appearances.created++;
    }
    kept.add(appearanceId);
    await syncMaterials(trx, eventId, appearanceId, p, lang, ts);
  }
  const stale = old.filter((o) => !kept.has(o.id)).map((o) => o.id);
  if (stale.length) {
    await keepAttachedMaterials(trx, stale.map((id) => ({ appearance: id })), report);
    await trx.deleteFrom('appearance').where('id', 'in', stale).execute();
    report.appearances.removed += stale.length;
  }
}

/**
 * Before an appearance or session the page no longer lists is deleted, its materials that hold
 * a file or a link move to the event's documents: what an organizer attached is never lost.
 */
async function keepAttachedMaterials(trx: Tx, owners: Array<{ appearance: number } | { session: number }>, report: ImportReport): Promise<void> {
  const appearanceIds = owners.flatMap((o) => ('appearance' in o ? [o.appearance] : []));
  const sessionIds = owners.flatMap((o) => ('session' in o ? [o.session] : []));
  let q = trx
    .selectFrom('material as m')
    .innerJoin('appearance as a', 'a.id', 'm.appearance_id')
    .innerJoin('person as p', 'p.id', 'a.person_id')
    .select(['m.id', 'm.label', 'p.name'])
    .where((eb) => eb.or([eb('m.url', 'is not', null), eb('m.file_id', 'is not', null)]));
  q = q.where((eb) =>
    eb.or([
      ...(appearanceIds.length ? [eb('a.id', 'in', appearanceIds)] : []),
      ...(sessionIds.length ? [eb('a.session_id', 'in', sessionIds)] : []),
    ]),
  );
  const rescued = await q.execute();
  if (!rescued.length) return;
  await trx.updateTable('material').set({ appearance_id: null }).where('id', 'in', rescued.map((m) => m.id)).execute();
  for (const m of rescued) report.warnings.push(`"${m.label}" of ${m.name} is no longer on the agenda; kept among the event's documents`);
}

/** Materials named on the page; a file or link already attached to one is kept across re-imports. */
async function syncMaterials(trx: Tx, eventId: number, appearanceId: number, p: AgendaPerson, lang: string, ts: string): Promise<void> {
  const old = await trx.selectFrom('material').selectAll().where('appearance_id', '=', appearanceId).orderBy('position').execute();
  const used = new Set<number>();
  for (const [position, m] of p.materials.entries()) {
    const match = old.find((o) => !used.has(o.id) && o.kind === m.kind && o.lang === lang);
    if (match) {
      used.add(match.id);
      await trx.updateTable('material').set({ label: m.label, position }).where('id', '=', match.id).execute();
    } else {
      await trx
        .insertInto('material')
        .values({ event_id: eventId, appearance_id: appearanceId, kind: m.kind, label: m.label, lang, position, url: null, file_id: null, created_at: ts })
        .execute();
    }
  }
  const stale = old.filter((o) => !used.has(o.id) && o.url === null && o.file_id === null).map((o) => o.id);
  if (stale.length) await trx.deleteFrom('material').where('id', 'in', stale).execute();
}
