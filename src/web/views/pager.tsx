/** @jsxImportSource hono/jsx */
// Links between the pages of a long list: previous and next (rel=prev/next), and where we are.
import type { PageInfo } from '../paging.ts';
import type { Translate } from '../i18n/t.ts';

export const pageHref = (info: PageInfo, page: number) => (page === 1 ? info.path : `${info.path}?page=${page}`);

/** The page's title with its place among the pages, when there is more than one. */
export function pagedTitle(title: string, info: PageInfo | undefined, t: Translate): string {
  return info && info.pages > 1 ? t('pager.title', { title, page: info.page, pages: info.pages }) : title;
}

export function Pager(p: { info: PageInfo | undefined; t: Translate }) {
  const { info, t } = p;
  if (!info || info.pages <= 1) return null;
  return (
    <nav class="pager" aria-label={t('pager.label')}>
      <ul>
        {info.page > 1 ? (
          <li>
            <a href={pageHref(info, info.page - 1)} rel="prev">
              {t('pager.prev')}
            </a>
          </li>
        ) : null}
        <li aria-current="page">{t('pager.status', { page: info.page, pages: info.pages })}</li>
        {info.page < info.pages ? (
          <li>
            <a href={pageHref(info, info.page + 1)} rel="next">
              {t('pager.next')}
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
