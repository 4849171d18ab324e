// ?page=N on the public HTML pages: the API's rules (web/api/pagination.ts) for the number, a
// fixed page size, and a cache key that holds the page alone (other query parameters are
// ignored, so that they cannot multiply the cache's entries).
import { InvalidInput, NotFound } from '../domain/errors.ts';
import { parsePage } from './api/pagination.ts';
import { formMessage } from '../domain/form-messages.ts';

/** Items (or appearances) per page on every paged public page. */
export const HTML_PER_PAGE = 100;

export type HtmlPage = { page: number; offset: number; limit: number };

/** The page asked for: 1 without ?page=; a page that is not a whole number from 1 is refused (400). */
export function htmlPage(query: { page?: string | undefined }): HtmlPage {
  let page: number;
  try {
    // Only the number is read; perPage is the site's.
    ({ page } = parsePage({ page: query.page }));
  } catch (e) {
    throw e instanceof InvalidInput ? new BadPageNumber(e.message) : e;
  }
  return { page, offset: (page - 1) * HTML_PER_PAGE, limit: HTML_PER_PAGE };
}

/** The page's cache key: the bare path for page 1, so the server's fast path answers it. */
export function htmlPageKey(path: string, p: HtmlPage): string {
  return p.page === 1 ? path : `${path}?page=${p.page}`;
}

export type PageInfo = { page: number; pages: number; total: number; path: string };

/** The number of pages; a page past the last is not found (page 1 of an empty list is shown). */
export function pageInfo(p: HtmlPage, total: number, path: string): PageInfo {
  const pages = Math.max(1, Math.ceil(total / HTML_PER_PAGE));
  if (p.page > pages) throw new NotFound(formMessage('pagePast', { page: p.page, pages }));
  return { page: p.page, pages, total, path };
}

/** A ?page= that is not a whole number from 1: the public pages answer 400 and say what a page number is. */
export class BadPageNumber extends InvalidInput {}

/** Whether an error is a refused page number (the 400 page says so). */
export function isBadPage(err: unknown): err is BadPageNumber {
  return err instanceof BadPageNumber;
}
