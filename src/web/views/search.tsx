/** @jsxImportSource hono/jsx */
// The search page: the query, its results with highlighted snippets (<mark>, text escaped by
// hono/jsx), facets as links with their exact counts (each adds to the filters, or removes
// one), and the result pages.
import { countryLabel } from '../../domain/country.ts';
import type { InterfaceLanguage } from '../../domain/language.ts';
import type { SnippetPart } from '../../domain/search-text.ts';
import { FACETS, type Facet, type SearchFilters, type SearchOutcome } from '../../operations/search.ts';
import type { MessageKey } from '../i18n/messages.ts';
import type { Translate } from '../i18n/t.ts';
import { Layout } from './layout.tsx';
import { href } from './render-context.ts';
import { textAttrs } from './content-text.tsx';
import { longDate } from './format.ts';
import { formatNumber } from '../i18n/numbers.ts';

/** At most this many values are listed per facet (the most frequent; every count is exact). */
export const FACET_VALUES_SHOWN = 12;

/**
 * A facet value's label in the page's language, with the language it is in: the interface's words
 * and country names in the page's; a series' or an event's title in it where an editor translated
 * it, else the original in its own language (so the page marks it with `lang`).
 */
export function facetText(facet: Facet, value: string, outcome: Pick<SearchOutcome, 'labels'>, t: Translate, lang: InterfaceLanguage): { text: string; lang: string } {
  if (facet === 'series' || facet === 'event') {
    const picked = (facet === 'series' ? outcome.labels.series : outcome.labels.event)[value];
    return picked ? { text: picked.text, lang: picked.lang } : { text: value, lang };
  }
  return { text: facetLabel(facet, value, outcome, t, lang), lang };
}

/** A facet value's label in the page's language (a series' or event's title: see facetText). */
export function facetLabel(facet: Facet, value: string, outcome: Pick<SearchOutcome, 'labels'>, t: Translate, lang: InterfaceLanguage): string {
  const key = (k: string) => {
    const text = t(k as MessageKey);
    return text === undefined || text === k ? value : text;
  };
  switch (facet) {
    case 'kind':
      return key(`search.kind.${value}`);
    case 'series':
    case 'event':
      return facetText(facet, value, outcome, t, lang).text;
    case 'country':
      return countryLabel(value, null, lang) ?? value;
    case 'region':
      return key(`search.region.${value}`);
    case 'orgKind':
      return key(`org.kind.${value}`);
    case 'role':
      return key(`role.${value}`);
    case 'materialKind':
      return key(`search.materialKind.${value}`);
    case 'lang':
      return key(`search.lang.${value}`);
    default:
      return value;
  }
}

/** Results per page of the search page unless ?perPage= says otherwise (routes/search.tsx parseSearch). */
export const SEARCH_PER_PAGE = 20;

/**
 * The address of a search: the query, the filters in FACETS' order, the page (1 is left out) and the page's size
 * (the default left out), encoded by URLSearchParams. The page's own address is made by it too (its alternates and
 * language switch, `searchPlace`), so they name what the page shows, whatever order, repetition or extra parameters
 * the request's query had.
 */
export function searchHref(q: string, filters: SearchFilters, page = 1, perPage = SEARCH_PER_PAGE): string {
  const params = new URLSearchParams();
  params.set('q', q);
  for (const f of FACETS) if (filters[f] !== undefined) params.set(f, filters[f]!);
  if (page > 1) params.set('page', String(page));
  if (perPage !== SEARCH_PER_PAGE) params.set('perPage', String(perPage));
  return `/search?${params.toString()}`;
}

/** The search page's own address (no language prefix): `/search` with nothing asked, else its searchHref. */
export function searchPath(o: Pick<SearchOutcome, 'q' | 'filters' | 'page' | 'perPage'>): string {
  return !o.q && !Object.keys(o.filters).length && o.page === 1 && o.perPage === SEARCH_PER_PAGE ? '/search' : searchHref(o.q, o.filters, o.page, o.perPage);
}

function Marked(p: { parts: SnippetPart[] }) {
  return <>{p.parts.map((x) => (x.mark ? <mark>{x.text}</mark> : x.text))}</>;
}

export function SearchPage(p: { lang: InterfaceLanguage; t: Translate; outcome: SearchOutcome }) {
  const { t, outcome: o, lang } = p;
  const title = o.q ? t('search.titleFor', { q: o.q }) : t('search.title');
  const shownFacets = FACETS.filter((f) => o.facets[f].length > 0 && !(o.facets[f].length === 1 && !o.facets[f][0]!.selected && o.facets[f][0]!.count === o.total && f !== 'kind'));
  return (
    <Layout lang={lang} t={t} title={title} noindex query={o.q} crumbs={[{ href: '/', label: t('nav.home') }]}>
      <h1>{o.q ? <bdi>{title}</bdi> : title}</h1>
      {!o.q ? <p>{t('search.intro')}</p> : null}
      {o.q ? <p role="status">{t('search.total', { n: o.total })}</p> : null}
      {o.q && !o.total ? <p>{t('search.none')}</p> : null}
      {shownFacets.length ? (
        <section aria-labelledby="search-facets">
          <h2 id="search-facets">{t('search.facets')}</h2>
          {shownFacets.map((f) => (
            <>
              <h3>{t(`search.facet.${f}` as MessageKey)}</h3>
              <ul class="list">
                {o.facets[f].slice(0, FACET_VALUES_SHOWN).map((v) => {
                  const label = facetText(f, v.value, o, t, lang);
                  // A series' or an event's title is content: marked with its language, always (as on the series page).
                  const attrs = f === 'series' || f === 'event' ? textAttrs(label, lang) : {};
                  if (v.selected) {
                    const rest = { ...o.filters };
                    delete rest[f];
                    return (
                      <li>
                        <strong>
                          <bdi {...attrs}>{label.text}</bdi>
                        </strong>{' '}
                        ({formatNumber(lang, v.count)}) <a href={href(searchHref(o.q, rest))}>{t('search.remove')}</a>
                      </li>
                    );
                  }
                  return (
                    <li>
                      <a href={href(searchHref(o.q, { ...o.filters, [f]: v.value }))}>
                        <bdi {...attrs}>{label.text}</bdi>
                      </a>{' '}
                      ({formatNumber(lang, v.count)})
                    </li>
                  );
                })}
              </ul>
            </>
          ))}
        </section>
      ) : null}
      {o.hits.length ? (
        <section aria-labelledby="search-results">
          <h2 id="search-results">{t('search.results')}</h2>
          <ol class="list results" start={(o.page - 1) * o.perPage + 1}>
            {o.hits.map((h) => (
              <li>
                <a href={href(h.href)}>
                  <bdi {...(h.titleLang ? textAttrs({ lang: h.titleLang }, lang) : {})}>
                    <Marked parts={h.title} />
                  </bdi>
                </a>{' '}
                <span class="aff">
                  — {facetLabel('kind', h.kind, o, t, lang)}
                  {h.personName ? (
                    <>
                      , {t('search.by')} <bdi>{h.personName}</bdi>
                    </>
                  ) : null}
                  {h.eventTitle ? (
                    <>
                      , <bdi {...(h.eventTitleLang ? textAttrs({ lang: h.eventTitleLang }, lang) : {})}>{h.eventTitle}</bdi>
                    </>
                  ) : null}
                  {h.date ? (
                    <>
                      , <time datetime={h.date}>{longDate(h.date, lang)}</time>
                    </>
                  ) : null}
                </span>
                {h.snippet.length ? (
                  <p>
                    <bdi>
                      <Marked parts={h.snippet} />
                    </bdi>
                  </p>
                ) : null}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      {o.pages > 1 ? (
        <nav class="pager" aria-label={t('search.pages')}>
          <p>{t('search.pageOf', { page: o.page, pages: o.pages })}</p>
          <ul class="list">
            {o.page > 1 ? (
              <li>
                <a href={href(searchHref(o.q, o.filters, o.page - 1, o.perPage))} rel="prev">
                  {t('search.previous')}
                </a>
              </li>
            ) : null}
            {o.page < o.pages ? (
              <li>
                <a href={href(searchHref(o.q, o.filters, o.page + 1, o.perPage))} rel="next">
                  {t('search.next')}
                </a>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}
    </Layout>
  );
}

/** A search address with a malformed parameter (page=0, a 600-character query): said so, 400. */
export function SearchErrorPage(p: { lang: InterfaceLanguage; t: Translate; detail: string }) {
  const { t } = p;
  return (
    <Layout lang={p.lang} t={t} title={t('search.title')} noindex crumbs={[{ href: '/', label: t('nav.home') }]}>
      <h1>{t('search.title')}</h1>
      <p>{t('search.invalid', { detail: p.detail })}</p>
    </Layout>
  );
}
