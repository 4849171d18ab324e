// Response headers every HTML page carries.
import { CSS_HASH, styleHash } from './views/styles.ts';

/**
 * Only the styles whose hashes are given run: the stylesheet, and a page's own (see htmlHeadersWithStyles).
 * Scripts only from this site, and only on pages that ask (the event page's /time-zone.js).
 */
const csp = (styleHashes: string[], scripts = false) =>
  `default-src 'none'; style-src ${styleHashes.map((h) => `'${h}'`).join(' ')}; ${scripts ? "script-src 'self'; " : ''}img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`;

export const HTML_HEADERS: Record<string, string> = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-cache',
  'content-security-policy': csp([CSS_HASH]),
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
};

/** The headers of a page that inlines styles of its own besides the stylesheet (the event page's running title). */
export function htmlHeadersWithStyles(styles: string[], opts: { scripts?: boolean } = {}): Record<string, string> {
  return { ...HTML_HEADERS, 'content-security-policy': csp([CSS_HASH, ...styles.map(styleHash)], opts.scripts) };
}

/** A page that runs this site's scripts (the event page and its time-zone form: /time-zone.js). */
export const HTML_HEADERS_WITH_SCRIPTS: Record<string, string> = { ...HTML_HEADERS, 'content-security-policy': csp([CSS_HASH], true) };
