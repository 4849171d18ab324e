// Speakers' personal links and what was sent through them (migration 0010): reads for the
// speaker's page, the appearance's page and the editors' queue.
import type { Selectable } from 'kysely';
import type { DbOrTx, SpeakerLinkTable, SpeakerSubmissionTable } from '../database.ts';

export type LinkRow = Selectable<SpeakerLinkTable>;

export async function linkByHash(db: DbOrTx, hash: string): Promise<LinkRow | undefined> {
  return await db.selectFrom('speaker_link').selectAll().where('token_hash', '=', hash).executeTakeFirst();
}

export async function linkById(db: DbOrTx, id: number): Promise<LinkRow | undefined> {
  return await db.selectFrom('speaker_link').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The series a link's appearance belongs to. */
export async function seriesOfLink(db: DbOrTx, linkId: number): Promise<number | undefined> {
  const r = await db
    .selectFrom('speaker_link as l')
    .innerJoin('appearance as a', 'a.id', 'l.appearance_id')
    .innerJoin('session as s', 's.id', 'a.session_id')
    .innerJoin('event as e', 'e.id', 's.event_id')
    .select('e.series_id')
    .where('l.id', '=', linkId)
    .executeTakeFirst();
  return r?.series_id;
}

export async function seriesOfSubmission(db: DbOrTx, submissionId: number): Promise<number | undefined> {
  const r = await db.selectFrom('speaker_submission').select('link_id').where('id', '=', submissionId).executeTakeFirst();
  return r ? await seriesOfLink(db, r.link_id) : undefined;
}

/** What the speaker's page shows: their session and their affiliation as printed. */
export type SpeakerContext = {
  appearanceId: number;
  appearanceVersion: number;
  personId: number;
  personVersion: number;
  eventId: number;
  eventTitle: string;
  eventLang: string;
  timeZone: string;
  date: string | null;
  dayLabel: string | null;
  start: string | null;
  end: string | null;
  sessionTitle: string | null;
  role: string;
  name: string;
  personHonorific: string | null;
  honorific: string | null;
  position: string | null;
  organization: string | null;
  country: string | null;
};

export async function speakerContext(db: DbOrTx, appearanceId: number): Promise<SpeakerContext | undefined> {
  const r = await db
    .selectFrom('appearance as a')
    .innerJoin('person as p', 'p.id', 'a.person_id')
    .innerJoin('session as s', 's.id', 'a.session_id')
    .innerJoin('day as d', 'd.id', 's.day_id')
    .innerJoin('event as e', 'e.id', 's.event_id')
    .leftJoin('organization as o', 'o.id', 'a.organization_id')
    .select([
      'a.id as appearanceId', 'a.version as appearanceVersion', 'p.id as personId', 'p.version as personVersion', 'e.id as eventId', 'e.title as eventTitle', 'e.lang as eventLang',
      'e.time_zone as timeZone', 'd.date', 'd.label as dayLabel', 's.start_time as start', 's.end_time as end', 's.title as sessionTitle', 'a.role', 'p.name', 'p.honorific as personHonorific',
      'a.honorific', 'a.affiliation_position as position', 'o.name as organization', 'a.country',
    ])
    .where('a.id', '=', appearanceId)
    .executeTakeFirst();
  return r ? { ...r, appearanceVersion: Number(r.appearanceVersion), personVersion: Number(r.personVersion) } : undefined;
}

export type SubmissionRow = Selectable<SpeakerSubmissionTable>;

export async function submissionById(db: DbOrTx, id: number): Promise<SubmissionRow | undefined> {
  return await db.selectFrom('speaker_submission').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function submissionsOfLink(db: DbOrTx, linkId: number): Promise<Array<SubmissionRow & { original_name: string | null }>> {
  return await db
    .selectFrom('speaker_submission as x')
    .leftJoin('file as f', 'f.id', 'x.file_id')
    .selectAll('x')
    .select('f.original_name')
    .where('x.link_id', '=', linkId)
    .orderBy('x.id')
    .execute();
}

/** An appearance's links, newest first, with how many submissions each brought. */
export async function linksOfAppearance(db: DbOrTx, appearanceId: number): Promise<Array<LinkRow & { submissions: number; creator: string | null }>> {
  const rows = await db
    .selectFrom('speaker_link as l')
    .leftJoin('account as c', 'c.id', 'l.created_by')
    .selectAll('l')
    .select('c.email as creator')
    .select((eb) => eb.selectFrom('speaker_submission as x').select((x) => x.fn.countAll<number>().as('n')).whereRef('x.link_id', '=', 'l.id').as('submissions'))
    .where('l.appearance_id', '=', appearanceId)
    .orderBy('l.id', 'desc')
    .execute();
  return rows.map((r) => ({ ...r, submissions: Number(r.submissions ?? 0) }));
}

export type QueueRow = SubmissionRow & {
  original_name: string | null;
  media_type: string | null;
  appearance_id: number;
  person: string;
  session_title: string | null;
  event_title: string;
  event_id: number;
  series_id: number;
  decider: string | null;
};

/** Submissions of the given series (all for 'all'), pending first, then the latest decided. */
export async function submissionQueue(db: DbOrTx, seriesIds: number[] | 'all', status: 'pending' | 'decided', limit = 200): Promise<QueueRow[]> {
  if (seriesIds !== 'all' && seriesIds.length === 0) return [];
  let q = db
    .selectFrom('speaker_submission as x')
    .innerJoin('speaker_link as l', 'l.id', 'x.link_id')
    .innerJoin('appearance as a', 'a.id', 'l.appearance_id')
    .innerJoin('person as p', 'p.id', 'a.person_id')
    .innerJoin('session as s', 's.id', 'a.session_id')
    .innerJoin('event as e', 'e.id', 's.event_id')
    .leftJoin('file as f', 'f.id', 'x.file_id')
    .leftJoin('account as d', 'd.id', 'x.decided_by')
    .selectAll('x')
    .select(['f.original_name', 'f.media_type', 'a.id as appearance_id', 'p.name as person', 's.title as session_title', 'e.title as event_title', 'e.id as event_id', 'e.series_id', 'd.email as decider']);
  if (seriesIds !== 'all') q = q.where('e.series_id', 'in', seriesIds);
  q = status === 'pending' ? q.where('x.status', '=', 'pending').orderBy('x.id') : q.where('x.status', '!=', 'pending').orderBy('x.decided_at', 'desc').orderBy('x.id', 'desc');
  return await q.limit(limit).execute();
}

export async function pendingCount(db: DbOrTx, seriesIds: number[] | 'all'): Promise<number> {
  if (seriesIds !== 'all' && seriesIds.length === 0) return 0;
  let q = db
    .selectFrom('speaker_submission as x')
    .innerJoin('speaker_link as l', 'l.id', 'x.link_id')
    .innerJoin('appearance as a', 'a.id', 'l.appearance_id')
    .innerJoin('session as s', 's.id', 'a.session_id')
    .innerJoin('event as e', 'e.id', 's.event_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('x.status', '=', 'pending');
  if (seriesIds !== 'all') q = q.where('e.series_id', 'in', seriesIds);
  return Number((await q.executeTakeFirstOrThrow()).n);
}
