// Reads for the representation figures (issue 14): the published appearances of an event or a
// series with what domain/representation.ts counts. Persons (their gender) and organizations
// (their kind) are shared; the programme comes from the published copies.
import type { RepresentationAppearance } from '../../domain/representation.ts';
import type { DbOrTx } from '../database.ts';
import { published } from '../published.ts';

export type RepresentationTarget = { eventSlug: string } | { seriesId: number };

/** The published events of a target, oldest first: id, slug, title and dates. */
export async function representationEvents(db: DbOrTx, target: RepresentationTarget) {
  let q = published(db).selectFrom('event').select(['id', 'slug', 'title', 'lang', 'translations', 'start_date', 'end_date', 'series_id']).where('status', '=', 'published');
  q = 'eventSlug' in target ? q.where('slug', '=', target.eventSlug) : q.where('series_id', '=', target.seriesId);
  return await q.orderBy('start_date').orderBy('id').execute();
}

/** Every published appearance of the given events, in programme order. */
export async function representationAppearances(db: DbOrTx, eventIds: number[]): Promise<RepresentationAppearance[]> {
  if (eventIds.length === 0) return [];
  const pdb = published(db);
  const rows = await pdb
    .selectFrom('appearance as a')
    .innerJoin('session as s', 's.id', 'a.session_id')
    .innerJoin('event as e', 'e.id', 's.event_id')
    .innerJoin('person as p', 'p.id', 'a.person_id')
    .leftJoin('organization as o', 'o.id', 'a.organization_id')
    .select([
      'a.id as appearanceId',
      'a.person_id as personId',
      'p.gender as gender',
      'a.role as role',
      'a.role_label as roleLabel',
      's.id as sessionId',
      's.kind as sessionKind',
      's.start_time as start',
      's.end_time as end',
      'a.country_code as printedCountry',
      'o.country_code as organizationCountry',
      'o.kind as organizationKind',
      'e.start_date as startDate',
    ])
    .where('e.id', 'in', eventIds)
    .orderBy('e.start_date')
    .orderBy('s.id')
    .orderBy('a.id')
    .execute();
  const kinds = new Map<number, string[]>();
  const materials = await pdb
    .selectFrom('material as m')
    .select(['m.appearance_id as appearanceId', 'm.kind as kind'])
    .where('m.event_id', 'in', eventIds)
    .where('m.appearance_id', 'is not', null)
    .execute();
  for (const m of materials) kinds.set(Number(m.appearanceId), [...(kinds.get(Number(m.appearanceId)) ?? []), m.kind]);
  return rows.map((r) => ({
    appearanceId: Number(r.appearanceId),
    personId: Number(r.personId),
    gender: r.gender,
    role: r.role === 'moderator' ? 'moderator' : 'speaker',
    roleLabel: r.roleLabel,
    sessionId: Number(r.sessionId),
    sessionKind: r.sessionKind,
    start: r.start,
    end: r.end,
    materialKinds: kinds.get(Number(r.appearanceId)) ?? [],
    countryCode: r.printedCountry ?? r.organizationCountry ?? null,
    organizationKind: r.organizationKind ?? null,
    year: Number(r.startDate.slice(0, 4)),
  }));
}
