/** @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';
import type { Language } from '../../domain/language.ts';
import type { Translate } from '../i18n/t.ts';
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
  children?: Child;
};

export function Layout(p: PageProps) {
  const { t } = p;
  return (
    <html lang={p.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${p.title} · ${t('site.name')}`}</title>
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

/** Renders a page component to a complete HTML document. */
export async function renderDocument(node: unknown): Promise<string> {
  return `<!DOCTYPE html>${await String(await (node as { toString(): string | Promise<string> }).toString())}`;
}
