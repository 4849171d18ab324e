/** @jsxImportSource hono/jsx */
// Publications' editions (issue 14). /publications/{slug} leads to the latest edition;
// /publications/{slug}/{n} is the edition's page: the frozen publication itself, with what the
// edition is (its files and their SHA-256, superseded or the latest, what changed), "Cite this",
// and its metadata as schema.org Report JSON-LD. Beside it the frozen files, whose bytes never
// change: /publications/{slug}/{n}.pdf and /publications/{slug}/{n}/publication.html (cached for
// a year, immutable), and the citation downloads (.bib, .ris, .csl.json).
import type { Context } from 'hono';
import { Hono } from 'hono';
import { NotFound } from '../../domain/errors.ts';
import { textDirection } from '../../domain/translations.ts';
import { DEFAULT_LANGUAGE, type InterfaceLanguage } from '../../domain/language.ts';
import { citations, type CitationInput } from '../../exports/citation.ts';
import { PUBLICATION_CSS } from '../../exports/publication-html.ts';
import { type Edition, editionsOf, publicationBySlug, type PublicationRow, storedBytes } from '../../operations/publications.ts';
import { fileById } from '../../storage/queries/files.ts';
import { cached } from '../cached.ts';
import type { AppDeps } from '../deps.ts';
import { translator } from '../i18n/t.ts';
import { htmlHeadersWithStyles } from '../security.ts';
import { renderDocument, Layout } from '../views/layout.tsx';
import { hrefIn, placeOf } from '../views/render-context.ts';
import { citationWords } from '../views/publication-words.ts';
import { fileSize, timestamp } from '../views/format.ts';
import { sendFile } from './files.ts';

const IMMUTABLE = 'public, max-age=31536000, immutable';

export function citationInput(p: PublicationRow, e: Edition): CitationInput {
  const m = e.metadata;
  return { id: `${p.slug}-${e.number}`, title: m.title, subtitle: m.subtitle, author: m.publisher, publisher: m.publisher, series: m.series, edition: e.number, date: m.date, url: m.url, lang: m.lang };
}

/** The edition as schema.org Report (JSON-LD), for the page and the API. */
export function editionJsonLd(p: PublicationRow, e: Edition, latest: Edition): Record<string, unknown> {
  const m = e.metadata;
  const org = m.publisher ? { '@type': 'Organization', name: m.publisher } : undefined;
  return {
    '@context': 'https://schema.org',
    '@type': 'Report',
    '@id': m.url,
    url: m.url,
    name: m.subtitle ? `${m.title}: ${m.subtitle}` : m.title,
    inLanguage: m.lang,
    version: String(e.number),
    datePublished: m.date,
    ...(org ? { author: org, publisher: org } : {}),
    isPartOf: { '@type': 'CreativeWorkSeries', name: m.series },
    about: m.events.map((ev) => ({ '@type': 'Event', name: ev.title, url: m.url.replace(/\/publications\/.*$/, `/events/${ev.slug}`) })),
    numberOfPages: m.pages,
    encoding: [
      { '@type': 'MediaObject', contentUrl: m.pdfUrl, encodingFormat: 'application/pdf', contentSize: `${m.pdfSize} B`, sha256: m.pdfSha256 },
      { '@type': 'MediaObject', contentUrl: `${m.url}/publication.html`, encodingFormat: 'text/html', contentSize: `${m.htmlSize} B`, sha256: m.htmlSha256 },
    ],
    ...(e.note ? { description: e.note } : {}),
    ...(latest.number !== e.number ? { workExample: { '@type': 'Report', '@id': latest.metadata.url, version: String(latest.number) } } : {}),
  };
}

const jsonLdText = (x: unknown) => JSON.stringify(x).replace(/[<>&]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);

export function publicationRoutes(deps: AppDeps, lang: InterfaceLanguage = DEFAULT_LANGUAGE) {
  const { storage, cache } = deps;
  const db = storage.db;
  const t = translator(lang);
  const app = new Hono();

  const find = async (slug: string, raw: string) => {
    if (!/^[1-9]\d{0,8}$/.test(raw)) throw new NotFound('no such edition');
    const p = await publicationBySlug(db, slug);
    if (!p) throw new NotFound('no such publication');
    const editions = await editionsOf(db, p.id);
    const e = editions.find((x) => x.number === Number(raw));
    if (!e) throw new NotFound('no such edition');
    return { p, e, latest: editions[0]!, editions };
  };

  app.get('/publications/:slug', async (c) => {
    const p = await publicationBySlug(db, c.req.param('slug'));
    const latest = p ? (await editionsOf(db, p.id))[0] : undefined;
    if (!p || !latest) throw new NotFound('no such publication');
    return c.redirect(`${c.req.path.replace(/\/+$/, "")}/${latest.number}`, 302);
  });

  // The edition's page, or (N.pdf) its frozen PDF.
  app.get('/publications/:slug/:edition', async (c) => {
    const raw = c.req.param('edition');
    const pdf = /^(\d+)\.pdf$/.exec(raw);
    if (pdf) {
      const { e } = await find(c.req.param('slug'), pdf[1]!);
      const file = await fileById(db, e.pdfFileId);
      if (!file) throw new NotFound('no such file');
      return sendFile(c, storage, file, IMMUTABLE);
    }
    const citeFile = /^(\d+)\.(bib|ris|csl\.json)$/.exec(raw);
    if (citeFile) return citation(c, c.req.param('slug'), citeFile[1]!, citeFile[2] as 'bib' | 'ris' | 'csl.json');
    return editionPage(c, c.req.param('slug'), raw);
  });

  app.get('/publications/:slug/:edition/publication.html', async (c) => {
    const { e } = await find(c.req.param('slug'), c.req.param('edition'));
    const file = await fileById(db, e.htmlFileId);
    if (!file) throw new NotFound('no such file');
    const res = await sendFile(c, storage, file, IMMUTABLE);
    // The frozen page's own style is inline; nothing in it runs.
    res.headers.set('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; sandbox");
    res.headers.delete('content-disposition');
    return res;
  });

  const citation = (c: Context, slug: string, n: string, kind: 'bib' | 'ris' | 'csl.json') =>
    cached(
      cache,
      c,
      {
        'content-type': kind === 'bib' ? 'application/x-bibtex; charset=utf-8' : kind === 'ris' ? 'application/x-research-info-systems; charset=utf-8' : 'application/vnd.citationstyles.csl+json; charset=utf-8',
        'content-disposition': `attachment; filename="${slug}-${n}.${kind}"`,
        'cache-control': 'no-cache',
        'x-content-type-options': 'nosniff',
      },
      async () => {
        const { p, e } = await find(slug, n);
        const x = citations(citationInput(p, e));
        return kind === 'bib' ? x.bibtex : kind === 'ris' ? x.ris : x.csl;
      },
    );

  const editionPage = (c: Context, slug: string, n: string) =>
    cached(cache, c, htmlHeadersWithStyles([PUBLICATION_CSS]), async () => {
      const { p, e, latest, editions } = await find(slug, n);
      const m = e.metadata;
      const html = new TextDecoder().decode(await storedBytes(db, e.htmlFileId, m.htmlSize));
      // The frozen body, as stored (made by exports/publication-html.ts, escaped there).
      const start = html.indexOf('<div class="pub">');
      const end = html.lastIndexOf('</main>');
      const body = start >= 0 && end > start ? html.slice(start, end) : '';
      const cite = citations(citationInput(p, e), citationWords(lang));
      const base = `/publications/${p.slug}/${e.number}`;
      const previous = editions.find((x) => x.number === e.number - 1);
      const page = (path: string) => hrefIn(lang, path);
      return renderDocument(
        <Layout
          lang={lang}
          t={t}
          title={`${m.title} · ${t('publication.edition', { n: e.number })}`}
          crumbs={[{ href: '/', label: t('nav.home') }]}
          head={
            <>
              <style dangerouslySetInnerHTML={{ __html: PUBLICATION_CSS }} />
              <link rel="alternate" type="application/pdf" href={`${base}.pdf`} />
              <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonLdText(editionJsonLd(p, e, latest)) }} />
            </>
          }
        >
          {latest.number !== e.number ? (
              <p role="note" class="superseded">
                <strong>{t('publication.superseded')}</strong> <a href={page(`/publications/${p.slug}/${latest.number}`)}>{t('publication.latest', { n: latest.number })}</a>
              </p>
            ) : (
              <p>{t('publication.current')}</p>
            )}
          {/* The frozen publication keeps its own language (and direction) inside a page of another. */}
          <div lang={m.lang} dir={textDirection(m.lang)} class="pub-frozen" dangerouslySetInnerHTML={{ __html: body }} />
          <aside class="edition" aria-labelledby="edition-files">
            {e.note && previous ? (
              <>
                <h2>{t('publication.changed', { n: previous.number })}</h2>
                <p>
                  <bdi>{e.note}</bdi>
                </p>
              </>
            ) : null}
            <h2 id="edition-files">{t('publication.files')}</h2>
            <ul>
              <li>
                <a href={`${base}.pdf`} type="application/pdf">
                  {t('publication.pdf', { size: fileSize(m.pdfSize, lang), pages: m.pages })}
                </a>
                <br />
                <code>{t('publication.sha256', { hash: m.pdfSha256 })}</code>
              </li>
              <li>
                <a href={`${base}/publication.html`} type="text/html">
                  {t('publication.frozenHtml', { size: fileSize(m.htmlSize, lang) })}
                </a>
                <br />
                <code>{t('publication.sha256', { hash: m.htmlSha256 })}</code>
              </li>
            </ul>
            <h2 id="cite">{t('publication.cite')}</h2>
            <dl>
              <dt>{t('publication.apa')}</dt>
              <dd>{cite.apa}</dd>
              <dt>{t('publication.chicago')}</dt>
              <dd>{cite.chicago}</dd>
            </dl>
            <p>
              {t('publication.downloads')}: <a href={`${base}.bib`}>{t('publication.bibtex')}</a> · <a href={`${base}.ris`}>{t('publication.ris')}</a> ·{' '}
              <a href={`${base}.csl.json`}>{t('publication.csl')}</a>
            </p>
            {editions.length > 1 ? (
              <>
                <h2>{t('publication.editions')}</h2>
                <ol reversed>
                  {editions.map((x) => (
                    <li>
                      {x.number === e.number ? (
                        <span aria-current="page">{t('publication.edition', { n: x.number })}</span>
                      ) : (
                        <a href={page(`/publications/${p.slug}/${x.number}`)}>{t('publication.edition', { n: x.number })}</a>
                      )}{' '}
                      <time datetime={x.metadata.date}>{timestamp(x.metadata.date, lang)}</time>
                    </li>
                  ))}
                </ol>
              </>
            ) : null}
          </aside>
        </Layout>,
        placeOf(c.req.path, deps.baseUrl()),
      );
    });

  return app;
}
