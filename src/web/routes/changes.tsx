/** @jsxImportSource hono/jsx */
// The public changelog of an event: /events/{slug}/changes (HTML) and /events/{slug}/changes.atom
// (Atom, written by the `feed` package), one entry per release with what it changed.
import { Feed } from 'feed';
import { Hono } from 'hono';
import type { InterfaceLanguage } from '../../domain/language.ts';
import { releasesOf } from '../../operations/releases.ts';
import { publishedEventBySlug } from '../../storage/queries.ts';
import { cached } from '../cached.ts';
import type { AppDeps } from '../deps.ts';
import { translator } from '../i18n/t.ts';
import { HTML_HEADERS } from '../security.ts';
import { ChangesPage, releaseHeading, releaseLines } from '../views/changes.tsx';
import { renderDocument } from '../views/layout.tsx';
import { hrefIn, placeOf } from '../views/render-context.ts';

export function changesRoutes(deps: AppDeps, lang: InterfaceLanguage = 'en'): Hono {
  const { storage, cache } = deps;
  const db = storage.db;
  const t = translator(lang);
  const app = new Hono();

  const load = async (slug: string, event: (id: number) => void) => {
    const found = await publishedEventBySlug(db, slug);
    if (!found) return undefined;
    event(found.event.id);
    return { ...found, releases: await releasesOf(db, found.event.id) };
  };

  app.get('/events/:slug/changes', (c) =>
    cached(cache, c, HTML_HEADERS, async (event) => {
      const x = await load(c.req.param('slug'), event);
      return x && renderDocument(<ChangesPage lang={lang} t={t} event={x.event} series={x.series} releases={x.releases} />, placeOf(c.req.path, deps.baseUrl()));
    }),
  );

  app.get('/events/:slug/changes.atom', (c) =>
    cached(cache, c, { 'content-type': 'application/atom+xml; charset=utf-8', 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' }, async (event) => {
      const x = await load(c.req.param('slug'), event);
      if (!x) return undefined;
      const base = deps.baseUrl();
      // The changelog in the feed's language (/fr/events/x/changes from /fr/…/changes.atom); the ids are URNs, the same in every language.
      const page = `${base}${hrefIn(lang, `/events/${x.event.slug}/changes`)}`;
      const latest = x.releases[0];
      const feed = new Feed({
        // Stable across renames of the event: its stored UUID.
        id: `urn:uuid:${x.event.uuid}`,
        title: t('changes.title', { event: x.event.title }),
        link: page,
        // The feed's words are the interface's (its titles and lines through t()): the language of its address.
        language: lang,
        copyright: '',
        generator: 'Plenary',
        updated: latest ? new Date(latest.createdAt) : new Date(x.event.updated_at),
        feedLinks: { atom: `${page}.atom` },
      });
      for (const r of x.releases) {
        const lines = releaseLines(r, t, lang);
        feed.addItem({
          id: `urn:uuid:${x.event.uuid}:release:${r.number}`,
          title: releaseHeading(r, t, lang),
          link: `${page}#release-${r.number}`,
          date: new Date(r.createdAt),
          description: [r.note, ...lines].filter(Boolean).join('\n'),
          // Rendered (and escaped) by the view layer; the feed package wraps it in CDATA.
          content: await renderFragment(
            <>
              {r.note ? <p>{r.note}</p> : null}
              <ul>
                {lines.map((l) => (
                  <li>{l}</li>
                ))}
              </ul>
            </>,
          ),
        });
      }
      return feed.atom1();
    }),
  );
  return app;
}

async function renderFragment(node: unknown): Promise<string> {
  return String(await (node as { toString(): string | Promise<string> }).toString());
}
