// Keeps hono/jsx from switching on Node's async hooks for the whole process.
//
// hono/jsx keeps a render context for createContext/useContext. Where it finds Node's
// AsyncLocalStorage it runs every render inside one. On Node 20 AsyncLocalStorage is built on
// async_hooks, so after the first render every promise, socket, timer and HTTP parser in the
// process pays an init hook, the cached-page hot path included (bench:pages measured about 9%
// fewer requests per second with it). Plenary's views are synchronous functions and use no JSX
// context, and for synchronous renders hono's fallback (a module-level store set for the
// duration of the render) is exact.
//
// hono looks for AsyncLocalStorage once, at its first render, through
// process.getBuiltinModule and then process.mainModule.require (set when the main module is
// CommonJS, as under some process managers). That first render is done here, while both
// lookups find nothing, and both are put back straight after.
// test/render-context.test.ts checks, in fresh processes (an ES module entry and a CommonJS
// one) that serve every kind of page, that promises still run without async hooks afterwards.
import { jsx } from 'hono/jsx';
import { directionOf, INTERFACE_LANGUAGES, type InterfaceLanguage, isInterfaceLanguage } from '../../interface-languages.ts';
import { zoneOfCookie } from '../viewer-zone.ts';

let probed = false;

export function renderWithoutAsyncContext(): void {
  if (probed) return;
  probed = true;
  const proc = process as unknown as Record<string, unknown>;
  const hidden = ['getBuiltinModule', 'mainModule'] as const;
  const saved = hidden.map((key) => [key, Object.getOwnPropertyDescriptor(proc, key)] as const);
  for (const key of hidden) Object.defineProperty(proc, key, { value: undefined, configurable: true, writable: true });
  try {
    // Synchronous: the lookup happens before toString returns.
    void jsx('span', {}).toString();
  } finally {
    for (const [key, descriptor] of saved) {
      if (descriptor) Object.defineProperty(proc, key, descriptor);
      else delete proc[key];
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The reader's language and the page's place, for the duration of one render.
//
// The language is in the URL: English at the root, every other interface language under its own
// prefix (/fr/…, /es/…, /ar/…: one per catalogue file, src/interface-languages.ts). Views print every internal link through href(), which keeps the
// reader's language, and the layout links the same page in the other languages (hrefIn). Renders
// are synchronous (see above), so a module-level value set by renderDocument for the duration of
// one render is exact, as hono's own fallback store is; no AsyncLocalStorage is needed.

/** Where a page is shown: its language, its address without the language prefix, the site's base. */
export type Place = {
  lang: InterfaceLanguage;
  /** the path and query without the language's prefix ("/events/x", "/people?page=2", "/") */
  path: string;
  /** the site's absolute address without a trailing slash (for hreflang links) */
  base: string;
  /**
   * The reader's own time zone, for the workspace's moments (format.ts `timestamp`): the zone chosen on an event page
   * (the `plenary_tz` cookie, web/viewer-zone.ts), read by `placeOfRequest` only; cached pages never have one.
   */
  zone?: string;
};

/** "" for English (the root), "/fr" for French… */
export function prefixOf(lang: InterfaceLanguage): string {
  return lang === 'en' ? '' : `/${lang}`;
}

/** The language a path is in: its prefix (/fr, /fr/…, /pt-br/…), else English. */
export function languageOfPath(path: string): InterfaceLanguage {
  if (path.charCodeAt(0) !== 47) return 'en';
  // The first segment, up to "/", "?" or the end: a language's code is 2 to 3 letters, then subtags.
  let end = 1;
  while (end < path.length && end <= LONGEST_CODE) {
    const ch = path.charCodeAt(end);
    if (ch === 47 || ch === 63) break;
    end++;
  }
  if (end < 3 || (end < path.length && path.charCodeAt(end) !== 47 && path.charCodeAt(end) !== 63)) return 'en';
  const l = path.slice(1, end);
  return l !== 'en' && isInterfaceLanguage(l) ? l : 'en';
}

/** The longest prefix a path may start with. */
const LONGEST_CODE = Math.max(...INTERFACE_LANGUAGES.map((l) => l.length)) + 1;

/** A path (and query) with its language prefix taken off: "/fr/events/x" → "/events/x", "/fr/" → "/". */
export function withoutPrefix(path: string): string {
  const lang = languageOfPath(path);
  if (lang === 'en') return path;
  const rest = path.slice(lang.length + 1);
  return rest === '' || rest.startsWith('?') ? `/${rest}` : rest;
}

/** Addresses that are the same in every language: stored files, the JSON API (its page /api is not), scripts. */
const LANGUAGE_NEUTRAL = /^\/files(?:\/|$)|^\/api\/(?=.)|^\/[\w-]+\.js$/;

/** The address of `path` (a site path, "/" or "/events/x?…") in `lang`. Anything else is returned as is. */
export function hrefIn(lang: InterfaceLanguage, path: string): string {
  if (lang === 'en' || path.charCodeAt(0) !== 47 || path.charCodeAt(1) === 47 || LANGUAGE_NEUTRAL.test(path) || languageOfPath(path) !== 'en') return path;
  return `/${lang}${path}`;
}

export function placeOf(prefixedPath: string, base: string): Place {
  return { lang: languageOfPath(prefixedPath), path: withoutPrefix(prefixedPath), base };
}

/** The place of a request that is never cached (the workspace, search): its own path and query. */
export function placeOfRequest(req: { url: string; header?: (name: string) => string | undefined }, base: string): Place {
  const url = req.url;
  const start = url.indexOf('/', url.indexOf('//') + 2);
  const place = placeOf(start < 0 ? '/' : url.slice(start), base);
  const zone = zoneOfCookie(req.header?.('cookie'));
  return zone ? { ...place, zone } : place;
}

const ENGLISH_ROOT: Place = { lang: 'en', path: '/', base: '' };
let current: Place = ENGLISH_ROOT;

/** Runs a synchronous render at `place`: href(), readerLanguage() and the layout read it meanwhile. */
export function renderingAt<T>(place: Place, render: () => T): T {
  const before = current;
  current = place;
  try {
    return render();
  } finally {
    current = before;
  }
}

/** The language of the page being rendered (the reader's). */
export function readerLanguage(): InterfaceLanguage {
  return current.lang;
}

/** The writing direction of the page being rendered. */
export function readerDirection(): 'ltr' | 'rtl' {
  return directionOf(current.lang);
}

/** The page being rendered. */
export function currentPlace(): Place {
  return current;
}

/** A link to a site path in the reader's language: href('/people') is "/fr/people" on a French page. */
export function href(path: string): string {
  return hrefIn(current.lang, path);
}

/** The absolute address of the page being rendered in `lang` (hreflang alternates). */
export function absoluteIn(lang: InterfaceLanguage): string {
  return `${current.base}${hrefIn(lang, current.path)}`;
}

