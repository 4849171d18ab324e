/** @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';
import { directionOf, INTERFACE_LANGUAGES, type InterfaceLanguage, isInterfaceLanguage, languageInfo } from '../../interface-languages.ts';
import type { Translate } from '../i18n/t.ts';
import { isolate } from './format.ts';
import { absoluteIn, currentPlace, href, hrefIn, type Place, renderingAt, withoutPrefix } from './render-context.ts';
import { CSS } from './styles.ts';
import { textAttrs } from './content-text.tsx';

/** A link of the breadcrumb; `lang` where its label is content in a language of its own (a series' title, issue 13). */
export type Crumb = { href: string; label: string; lang?: string };

export type PageProps = {
  lang: InterfaceLanguage;
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

/**
 * A language's name in itself ("Français", "العربية"): an interface language's as its catalogue gives it
 * (the language switch shows it), another's from Intl.
 */
export function languageName(lang: string): string {
  if (isInterfaceLanguage(lang)) return languageInfo(lang).name;
  const name = new Intl.DisplayNames([lang], { type: 'language' }).of(lang) ?? lang;
  return name.charAt(0).toLocaleUpperCase(lang) + name.slice(1);
}

/**
 * The same page in each interface language: alternates in <head> for search engines (absolute, with
 * x-default at the English root), and a visible switch, each link in its own language.
 */
function Alternates(p: { noindex?: boolean }) {
  const place = currentPlace();
  if (!place.base) return null;
  return (
    <>
      {/* The page's own address in its language, as its alternates name it (a page kept from search engines names none). */}
      {p.noindex ? null : <link rel="canonical" href={absoluteIn(place.lang)} />}
      {INTERFACE_LANGUAGES.map((l) => (
        <link rel="alternate" hreflang={l} href={absoluteIn(l)} />
      ))}
      <link rel="alternate" hreflang="x-default" href={absoluteIn('en')} />
    </>
  );
}

/**
 * The page at `path` in `lang`, as the switch links it: a `next` parameter that names a site path (where the
 * sign-in sends the reader, /fr/admin/login?next=/fr/admin) is moved to `lang` too, so that a reader who switched
 * to English signs in to the English workspace. Anything else in the query is kept as it is.
 */
export function switchedTo(lang: InterfaceLanguage, path: string): string {
  const q = path.indexOf('?');
  if (q < 0 || !/[?&]next=/.test(path)) return hrefIn(lang, path);
  const query = path
    .slice(q + 1)
    .split('&')
    .map((part) => {
      if (!part.startsWith('next=')) return part;
      let next: string;
      try {
        next = decodeURIComponent(part.slice(5).replace(/\+/g, ' '));
      } catch {
        return part;
      }
      return /^\/(?![/\\])/.test(next) ? `next=${encodeURIComponent(hrefIn(lang, withoutPrefix(next)))}` : part;
    })
    .join('&');
  return hrefIn(lang, `${path.slice(0, q)}?${query}`);
}

function LanguageSwitch(p: { lang: InterfaceLanguage; t: Translate }) {
  const place = currentPlace();
  return (
    <nav class="langs" aria-label={p.t('nav.languages')}>
      <ul>
        {INTERFACE_LANGUAGES.map((l) => (
          <li>
            <a href={switchedTo(l, place.path)} lang={l} hreflang={l} dir={directionOf(l)} aria-current={l === p.lang ? 'true' : undefined}>
              {languageName(l)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function Layout(p: PageProps) {
  const { t } = p;
  return (
    <html lang={p.lang} dir={directionOf(p.lang)}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${isolate(p.title)} · ${t('site.name')}`}</title>
        {p.description ? <meta name="description" content={p.description} /> : null}
        {p.noindex ? <meta name="robots" content="noindex" /> : null}
        <style dangerouslySetInnerHTML={{ __html: CSS }} />
        <Alternates noindex={p.noindex} />
        {p.head}
      </head>
      <body>
        <a class="skip" href="#main">
          {t('nav.skip')}
        </a>
        <header class="site">
          <div class="wrap">
            <a class="brand" href={href('/')}>
              {t('site.name')}
            </a>
            <nav aria-label={t('nav.main')}>
              <ul>
                <li>
                  <a href={href('/people')}>{t('nav.people')}</a>
                </li>
                <li>
                  <a href={href('/organizations')}>{t('nav.organizations')}</a>
                </li>
                <li>
                  <a href={href('/countries')}>{t('nav.countries')}</a>
                </li>
              </ul>
            </nav>
            <form class="site-search" method="get" action={href('/search')} role="search">
              <label for="site-search-q">{t('search.label')}</label> <input id="site-search-q" type="search" name="q" maxlength={500} value={p.query} />{' '}
              <button type="submit">{t('search.button')}</button>
            </form>
            <LanguageSwitch lang={p.lang} t={t} />
          </div>
        </header>
        <main id="main" class="wrap">
          {p.crumbs && p.crumbs.length ? (
            <nav class="crumbs" aria-label={t('nav.breadcrumb')}>
              <ol>
                {p.crumbs.map((c) => (
                  <li>
                    <a href={href(c.href)} {...(c.lang ? textAttrs({ lang: c.lang }, p.lang) : {})}>
                      {c.label}
                    </a>
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

/**
 * Renders a page component to a complete HTML document, at `place` (its language and address: links
 * through href() keep the language; the layout links the page in the others). Views are synchronous,
 * so the whole tree is rendered while `place` is set (views/render-context.ts).
 */
export async function renderDocument(node: unknown, place?: Place): Promise<string> {
  const render = () => (node as { toString(): string | Promise<string> }).toString();
  let html = await String(await (place ? renderingAt(place, render) : render()));
  // JSX written inside a route handler (rather than in a component) is evaluated before the render,
  // so an href() there saw no place: the workspace builds many pages so. Its links are put in the
  // reader's language here (only "/admin…" attributes; nothing else starts so). The language switch's
  // links (they carry hreflang) already point at their own languages and are left as they are.
  if (place && place.lang !== 'en') html = html.replace(/(\s(?:href|action)=")\/admin(?=[/"?#])(?![^>]*\shreflang=")/g, `$1/${place.lang}/admin`);
  return `<!DOCTYPE html>${html.replace(NOT_IN_HTML, '')}`;
}
