// ?page=&perPage= for every list: parsed with zod, echoed in the body and in a Link header.
import { z } from 'zod';
import { InvalidInput } from '../../domain/errors.ts';
import { formIssue, formMessage, issueMessage } from '../../domain/form-messages.ts';

export const DEFAULT_PER_PAGE = 50;
export const MAX_PER_PAGE = 200;

// Digits only: "1.5", "1e2", " 2" and "" are refused rather than coerced into something else.
const whole = (name: string, max: number) =>
  z
    .string()
    .refine((s) => /^[0-9]{1,9}$/.test(s) && Number(s) >= 1 && Number(s) <= max, formIssue(max === Infinity ? 'apiWhole' : 'apiWholeMax', max === Infinity ? { name } : { name, max }))
    .transform(Number);

const pageQuery = z.object({
  page: whole('page', Infinity).optional(),
  perPage: whole('perPage', MAX_PER_PAGE).optional(),
});

export type PageRequest = { page: number; perPage: number; offset: number };
export type Pagination = { page: number; perPage: number; total: number; totalPages: number };

export function parsePage(query: { page?: string | undefined; perPage?: string | undefined }): PageRequest {
  const parsed = pageQuery.safeParse({ page: query.page, perPage: query.perPage });
  if (!parsed.success) throw new InvalidInput(parsed.error.issues.map((i) => ({ message: issueMessage(i) })));
  const page = parsed.data.page ?? 1;
  const perPage = parsed.data.perPage ?? DEFAULT_PER_PAGE;
  return { page, perPage, offset: (page - 1) * perPage };
}

/** The cache key of one list page: the bare path for the default page, so the fast path serves it. */
export function pageKey(path: string, req: PageRequest): string {
  return req.page === 1 && req.perPage === DEFAULT_PER_PAGE ? path : `${path}?page=${req.page}&perPage=${req.perPage}`;
}

/** Counts the pages; a page past the last one is an error (page 1 of an empty list is not). */
export function pagination(req: PageRequest, total: number): Pagination {
  const totalPages = Math.ceil(total / req.perPage);
  if (req.page > Math.max(totalPages, 1)) {
    throw new InvalidInput(formMessage('pagePast', { page: req.page, pages: Math.max(totalPages, 1) }));
  }
  return { page: req.page, perPage: req.perPage, total, totalPages };
}

/** RFC 8288 Link header with absolute URLs: first and last always, prev and next when they exist. */
export function linkHeader(absolutePath: string, p: Pagination): string {
  const at = (page: number) => `<${absolutePath}?page=${page}&perPage=${p.perPage}>`;
  const last = Math.max(p.totalPages, 1);
  const links = [`${at(1)}; rel="first"`];
  if (p.page > 1) links.push(`${at(p.page - 1)}; rel="prev"`);
  if (p.page < last) links.push(`${at(p.page + 1)}; rel="next"`);
  links.push(`${at(last)}; rel="last"`);
  return links.join(', ');
}

export function pageBody<T>(data: T[], p: Pagination, absolutePath: string) {
  return { data: { data, pagination: p }, headers: { link: linkHeader(absolutePath, p) } };
}
