/** @jsxImportSource hono/jsx */
// Who was heard (issue 14): the representation figures of an event and of a series, as a page
// (SVG charts with their tables) and as CSV and JSON. Rendered once per change through cached():
// an event's are tied to that event (its writes, and those of its people and organizations,
// drop them); a series' to none, so any write drops them.
import { type Context, Hono } from 'hono';
import { NotFound } from '../../domain/errors.ts';
import type { InterfaceLanguage } from '../../domain/language.ts';
import type { Dimension } from '../../domain/representation.ts';
import { representationCsv, representationJson } from '../../exports/representation.ts';
import { type Representation, type RepresentationScope, representationOf } from '../../operations/representation.ts';
import { cached } from '../cached.ts';
import type { AppDeps } from '../deps.ts';
import { translator } from '../i18n/t.ts';
import { HTML_HEADERS } from '../security.ts';
import { renderDocument } from '../views/layout.tsx';
import { hrefIn, placeOf } from '../views/render-context.ts';
import { groupLabel, RepresentationPage } from '../views/representation.tsx';

const SLUG = /^[a-z0-9][a-z0-9-]*$/;

const download = (type: string, name: string): Record<string, string> => ({
  'content-type': type,
  // slugs are ASCII letters, digits and hyphens: the name needs no encoding
  'content-disposition': `attachment; filename="${name}"`,
  'cache-control': 'no-cache',
  'x-content-type-options': 'nosniff',
});

export function representationRoutes(deps: AppDeps, lang: InterfaceLanguage = 'en'): Hono {
  const app = new Hono();
  const t = translator(lang);
  const { cache } = deps;
  const db = deps.storage.db;
  const label = (d: Dimension, key: string) => groupLabel(t, d, key);
  const notes = (rep: Representation) => ({
    intro: t('rep.intro'),
    persons: t('rep.note.persons'),
    gender: t('rep.note.gender'),
    region: t('rep.note.region'),
    organizationKind: t('rep.note.kind'),
    role: t('rep.note.role'),
    speakingTime: t('rep.note.time', { timed: rep.figures.timedSpeakingAppearances, n: rep.figures.speakingAppearances }),
  });

  /** The figures of the route's scope; an event's tie the cached response to that event. */
  const load = async (c: Context, kind: 'event' | 'series', event: (id: number) => void): Promise<Representation | undefined> => {
    const slug = c.req.param('slug') ?? '';
    if (!SLUG.test(slug)) return undefined;
    const scope: RepresentationScope = { kind, slug };
    const rep = await representationOf(db, scope);
    if (rep && kind === 'event') event(rep.scope.events[0]!.id);
    return rep;
  };

  for (const kind of ['event', 'series'] as const) {
    const base = kind === 'event' ? '/events/:slug/representation' : '/series/:slug/representation';
    const pathOf = (slug: string) => `/${kind === 'event' ? 'events' : 'series'}/${slug}/representation`;
    app.get(base, (c) =>
      cached(cache, c, HTML_HEADERS, async (event) => {
        const rep = await load(c, kind, event);
        return rep && renderDocument(<RepresentationPage lang={lang} t={t} rep={rep} path={pathOf(rep.scope.slug)} />, placeOf(c.req.path, deps.baseUrl()));
      }),
    );
    app.get(`${base}.csv`, (c) => {
      const slug = c.req.param('slug') ?? '';
      return cached(cache, c, download('text/csv; charset=utf-8', `${slug}-representation.csv`), async (event) => {
        const rep = await load(c, kind, event);
        return rep && representationCsv(rep, label, t('rep.total'));
      });
    });
    app.get(`${base}.json`, (c) => {
      const slug = c.req.param('slug') ?? '';
      return cached(cache, c, download('application/json; charset=utf-8', `${slug}-representation.json`), async (event) => {
        const rep = await load(c, kind, event);
        return rep && representationJson(rep, label, notes(rep), `${deps.baseUrl()}${hrefIn(lang, pathOf(rep.scope.slug))}`, lang);
      });
    });
  }
  // One year of a series: /series/{slug}/representation/{year} (and .csv, .json), the figures of the
  // events it held that year; cached as the series' page (any write drops it).
  const yearPath = (slug: string, year: number) => `/series/${slug}/representation/${year}`;
  const loadYear = async (c: Context, year: number): Promise<Representation | undefined> => {
    const slug = c.req.param('slug') ?? '';
    if (!SLUG.test(slug)) return undefined;
    const rep = await representationOf(db, { kind: 'series', slug, year });
    return rep && rep.scope.events.length ? rep : undefined;
  };
  app.get('/series/:slug/representation/:year', (c) => {
    const m = /^(\d{4})(\.csv|\.json)?$/.exec(c.req.param('year'));
    if (!m) throw new NotFound(`no figures at ${c.req.path}: a year is written YYYY`);
    const year = Number(m[1]);
    const slug = c.req.param('slug');
    if (m[2] === '.csv')
      return cached(cache, c, download('text/csv; charset=utf-8', `${slug}-${year}-representation.csv`), async () => {
        const rep = await loadYear(c, year);
        return rep && representationCsv(rep, label, t('rep.total'));
      });
    if (m[2] === '.json')
      return cached(cache, c, download('application/json; charset=utf-8', `${slug}-${year}-representation.json`), async () => {
        const rep = await loadYear(c, year);
        return rep && representationJson(rep, label, notes(rep), `${deps.baseUrl()}${hrefIn(lang, yearPath(rep.scope.slug, year))}`, lang);
      });
    return cached(cache, c, HTML_HEADERS, async () => {
      const rep = await loadYear(c, year);
      return rep && renderDocument(<RepresentationPage lang={lang} t={t} rep={rep} path={yearPath(rep.scope.slug, year)} />, placeOf(c.req.path, deps.baseUrl()));
    });
  });
  return app;
}
