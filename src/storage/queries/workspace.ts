// Reads for the workspace: drafts included, limited to the series an account may see.
import type { DbOrTx } from '../database.ts';

export type WorkspaceSeries = {
  id: number;
  slug: string;
  title: string;
  events: { id: number; slug: string; title: string; startDate: string; status: 'draft' | 'published' }[];
};

/** Series with every event, drafts included; `seriesIds` 'all' for an admin. */
export async function seriesForWorkspace(db: DbOrTx, seriesIds: number[] | 'all'): Promise<WorkspaceSeries[]> {
  if (seriesIds !== 'all' && seriesIds.length === 0) return [];
  let sq = db.selectFrom('series').select(['id', 'slug', 'title']).orderBy('title').orderBy('id');
  if (seriesIds !== 'all') sq = sq.where('id', 'in', seriesIds);
  const series = await sq.execute();
  if (!series.length) return [];
  const events = await db
    .selectFrom('event')
    .select(['id', 'series_id', 'slug', 'title', 'start_date', 'status'])
    .where(
      'series_id',
      'in',
      series.map((s) => s.id),
    )
    .orderBy('start_date', 'desc')
    .orderBy('slug')
    .execute();
  return series.map((s) => ({
    ...s,
    events: events.filter((e) => e.series_id === s.id).map((e) => ({ id: e.id, slug: e.slug, title: e.title, startDate: e.start_date, status: e.status })),
  }));
}
