// The representation figures (issue 14) of an event, a series, or one year of a series, from
// their published appearances: what the public pages, the downloads and the publication's
// appendix show. Counting is domain/representation.ts's; this reads and assembles.
import { computeFigures, computeTrend, type Representation, type RepresentationScope } from '../domain/representation.ts';

export type { Representation, RepresentationScope } from '../domain/representation.ts';
import type { DbOrTx } from '../storage/database.ts';
import { representationAppearances, representationEvents } from '../storage/queries/representation.ts';

/**
 * The figures of an event (published), a series (every published event), or a series' year;
 * undefined when there is no such published event or no such series.
 */
export async function representationOf(db: DbOrTx, scope: RepresentationScope): Promise<Representation | undefined> {
  if (scope.kind === 'event') {
    const [e] = await representationEvents(db, { eventSlug: scope.slug });
    if (!e) return undefined;
    const series = await db.selectFrom('series').select(['slug', 'title', 'lang', 'translations']).where('id', '=', e.series_id).executeTakeFirstOrThrow();
    const list = await representationAppearances(db, [e.id]);
    return {
      scope: { kind: 'event', slug: e.slug, title: e.title, lang: e.lang, translations: e.translations, series, year: null, from: e.start_date, to: e.end_date, events: [eventOf(e)] },
      figures: computeFigures(list),
    };
  }
  const series = await db.selectFrom('series').select(['id', 'slug', 'title', 'lang', 'translations']).where('slug', '=', scope.slug).executeTakeFirst();
  if (!series) return undefined;
  const all = await representationEvents(db, { seriesId: series.id });
  const events = scope.year === undefined ? all : all.filter((e) => Number(e.start_date.slice(0, 4)) === scope.year);
  const list = await representationAppearances(
    db,
    events.map((e) => e.id),
  );
  const eventsByYear = new Map<number, number>();
  for (const e of events) eventsByYear.set(Number(e.start_date.slice(0, 4)), (eventsByYear.get(Number(e.start_date.slice(0, 4))) ?? 0) + 1);
  return {
    scope: {
      kind: 'series',
      slug: series.slug,
      title: series.title,
      lang: series.lang,
      translations: series.translations,
      series: { slug: series.slug, title: series.title, lang: series.lang, translations: series.translations },
      year: scope.year ?? null,
      from: events[0]?.start_date ?? null,
      to: events.length ? events.map((e) => e.end_date).sort().at(-1)! : null,
      events: events.map(eventOf),
    },
    figures: computeFigures(list),
    ...(scope.year === undefined ? { years: computeTrend(list, eventsByYear) } : {}),
  };
}

const eventOf = (e: { id: number; slug: string; title: string; lang: string; translations: string | null; start_date: string }) => ({ id: e.id, slug: e.slug, title: e.title, lang: e.lang, translations: e.translations, startDate: e.start_date });
