// /api/publications/{slug}: a publication and its frozen editions (newest first), each with its
// files' addresses and SHA-256, and its metadata as the edition page's schema.org Report JSON-LD.
import type { Hono } from 'hono';
import { NotFound } from '../../domain/errors.ts';
import { editionsOf, publicationBySlug } from '../../operations/publications.ts';
import type { AppDeps } from '../deps.ts';
import { editionJsonLd } from '../routes/publications.tsx';
import { cachedJson } from './respond.ts';
import { formMessage } from '../../domain/form-messages.ts';

export function mountPublications(api: Hono, deps: AppDeps): void {
  const { db } = deps.storage;
  api.get('/publications/:slug', (c) =>
    cachedJson(deps, c, c.req.path, async () => {
      const p = await publicationBySlug(db, c.req.param('slug'));
      const editions = p ? await editionsOf(db, p.id) : [];
      // A publication with no frozen edition is not public yet.
      if (!p || !editions.length) throw new NotFound(formMessage('apiNoPublication', { slug: c.req.param('slug') ?? '' }));
      const latest = editions[0]!;
      const base = deps.baseUrl();
      return {
        data: {
          slug: p.slug,
          title: latest.metadata.title,
          url: `${base}/publications/${p.slug}`,
          apiUrl: `${base}/api/publications/${p.slug}`,
          latestEdition: latest.number,
          editions: editions.map((e) => ({
            number: e.number,
            date: e.metadata.date,
            note: e.note,
            superseded: e.number !== latest.number,
            url: e.metadata.url,
            pdfUrl: e.metadata.pdfUrl,
            htmlUrl: `${e.metadata.url}/publication.html`,
            pdfSha256: e.metadata.pdfSha256,
            htmlSha256: e.metadata.htmlSha256,
            pages: e.metadata.pages,
            events: e.metadata.events,
            jsonLd: editionJsonLd(p, e, latest),
          })),
        },
      };
    }),
  );
}
