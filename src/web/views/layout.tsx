/** @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';
import type { Language } from '../../domain/language.ts';
import type { Translate } from '../i18n/t.ts';
import { isolate } from './format.ts';
import { CSS } from './styles.ts';

export type Crumb = { href: string; label: string };

export type PageProps = {
  lang: Language;
  t: Translate;
  title: string;
  description?: string;
  crumbs?: Crumb[];
  head?: Child;
  noindex?: boolean;
  /** the search box's text (the search page's own query) */
  query?: string;
  children?: Child;
};

export function Layout(p: PageProps) {
  const { t } = p;
  return (
    <html lang={p.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${isolate(p.title)} · ${t('site.name')}`}</title>
        {p.description ? <meta name="description" content={p.description} /> : null}
        {p.noindex ? <meta name="robots" content="noindex" /> : null}
        <style dangerouslySetInnerHTML={{ __html: CSS }} />
        {p.head}
      </head>
      <body>
        <a class="skip" href="#main">
          {t('nav.skip')}
        </a>
        <header class="site">
          <div class="wrap">
            <a class="brand" href="/">
              {t('site.name')}
            </a>
            <nav aria-label={t('nav.main')}>
              <ul>
                <li>
                  <a href="/people">{t('nav.people')}</a>
                </li>
                <li>
                  <a href="/organizations">{t('nav.organizations')}</a>
                </li>
                <li>
                  <a href="/countries">{t('nav.countries')}</a>
                </li>
              </ul>
            </nav>
            <form class="site-search" method="get" action="/search" role="search">
              <label for="site-search-q">{t('search.label')}</label> <input id="site-search-q" type="search" name="q" maxlength={500} value={p.query} />{' '}
              <button type="submit">{t('search.button')}</button>
            </form>
          </div>
        </header>
        <main id="main" class="wrap">
          {p.crumbs && p.crumbs.length ? (
            <nav class="crumbs" aria-label={t('nav.breadcrumb')}>
              <ol>
                {p.crumbs.map((c) => (
                  <li>
                    <a href={c.href}>{c.label}</a>
                  </li>
                ))}
              </ol>
            </nav>
          ) : null}
          {p.children}
        </main>
        <footer class="site">
          <div class="wrap">
            <p>{t('footer.text')}</p>
          </div>
        </footer>
      </body>
    </html>
  );
}

/**
 * Controls HTML does not allow in a document (C0 other than tab and newline, DEL, C1) and
 * noncharacters. The import drops them; this keeps out any that older rows still hold.
 */
const NOT_IN_HTML = /[\u0000-\u0008\u000B-\u000D\u000E-\u001F\u007F-\u009F\uFDD0-\uFDEF\uFFFE\uFFFF]/g;

/** Renders a page component to a complete HTML document. */
export async function renderDocument(node: unknown): Promise<string> {
  const html = await String(await (node as { toString(): string | Promise<string> }).toString());
  return `<!DOCTYPE html>${html.replace(NOT_IN_HTML, '')}`;
}
