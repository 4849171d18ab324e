// Who is asking, and may they change anything: sign-in sessions from the database, the CSRF
// token and the Origin check. Every state-changing route goes through `guard()`.
import { timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { type Action, may } from '../domain/account.ts';
import { Forbidden, PlenaryError } from '../domain/errors.ts';
import { type CurrentSession, currentSession, type SessionPolicy } from '../operations/accounts.ts';
import { tokenAccount } from '../operations/api-tokens.ts';
import type { Storage } from '../storage/storage.ts';
import type { InterfaceLanguage } from '../domain/language.ts';
import { type FieldMessage, type FormMessage, formMessage } from '../domain/form-messages.ts';
import { spooledFormOf } from './upload-form.ts';

/** `sessionEnded`: the request carries a session cookie that no longer opens a session. */
/** `bearer`: the account comes from an API token, which a browser never sends by itself (no CSRF to fear). */
export type AuthEnv = { Variables: { auth: CurrentSession | null; sessionEnded: boolean; bearer?: boolean } };

export type AuthOptions = {
  storage: Storage;
  /** the site's absolute address: its origin is the only one allowed to post */
  baseUrl(): string;
  session?: SessionPolicy;
  /** the interface language of the workspace mounted at its prefix (/fr/admin…); English when absent */
  lang?: InterfaceLanguage;
};

/** `__Host-` pins the cookie to this host and path, which browsers only allow over https. */
export const sessionCookieName = (secure: boolean) => (secure ? '__Host-plenary_session' : 'plenary_session');
export const loginCookieName = (secure: boolean) => (secure ? '__Host-plenary_login' : 'plenary_login');
export const isSecure = (baseUrl: string) => baseUrl.startsWith('https:');

export class Unauthenticated extends PlenaryError {
  constructor(
    readonly ended = false,
    message: FieldMessage = ended ? formMessage('signInEnded') : formMessage('signInFirst'),
  ) {
    super('unauthenticated', message);
  }
}

/** Reads the session cookie into c.var.auth (null when absent or no longer valid). */
export function readSession(opts: AuthOptions): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const token = getCookie(c, sessionCookieName(isSecure(opts.baseUrl())));
    const auth = token ? await currentSession(opts.storage, token, opts.session ? { session: opts.session } : {}) : null;
    c.set('auth', auth);
    c.set('sessionEnded', !!token && !auth);
    await next();
  };
}

/**
 * For the API: an `Authorization: Bearer` token, else the session cookie. A header that is not
 * a valid token is refused, never taken for a sign-in.
 */
export function readApiAuth(opts: AuthOptions): MiddlewareHandler<AuthEnv> {
  const cookie = readSession(opts);
  return async (c, next) => {
    const header = c.req.header('authorization');
    if (header === undefined) return cookie(c, next);
    const m = /^Bearer ([\x21-\x7e]{1,200})$/.exec(header);
    const auth = m ? await tokenAccount(opts.storage, m[1]!) : null;
    if (!auth) throw new Unauthenticated(false, formMessage('apiToken'));
    c.set('auth', auth);
    c.set('sessionEnded', false);
    c.set('bearer', true);
    await next();
  };
}

/** A post from elsewhere; if it was this site under another name, say where it lives. */
function wrongOrigin(from: string, expected: string): FormMessage {
  return formMessage('wrongOrigin', { from, expected });
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export function sameToken(a: string | undefined | null, b: string): boolean {
  if (!a) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The origin a browser must name when it posts: PUBLIC_URL's, or this server's own. A request
 * without Origin falls back to Referer; one with neither (curl, scripts) still needs the token.
 */
export function checkOrigin(c: Context, baseUrl: string): void {
  const expected = new URL(baseUrl).origin;
  const origin = c.req.header('origin');
  if (origin !== undefined) {
    if (origin !== expected) throw new Forbidden(wrongOrigin(origin, expected));
    return;
  }
  const referer = c.req.header('referer');
  if (referer !== undefined) {
    let from: string;
    try {
      from = new URL(referer).origin;
    } catch {
      throw new Forbidden(formMessage('refererNotUrl'));
    }
    if (from !== expected) throw new Forbidden(wrongOrigin(from, expected));
  }
}

/** The CSRF token a request carries: the form's `_csrf` field or the X-CSRF-Token header. */
export async function csrfTokenOf(c: Context): Promise<string | undefined> {
  const header = c.req.header('x-csrf-token');
  if (header) return header;
  // An upload form already read as it arrived (upload-form.ts): its fields are kept.
  const spooled = spooledFormOf(c);
  if (spooled) return spooled.fields['_csrf'];
  const type = c.req.header('content-type') ?? '';
  if (type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data')) {
    const body = await c.req.parseBody();
    const v = body['_csrf'];
    return typeof v === 'string' ? v : undefined;
  }
  return undefined;
}

/**
 * Authentication, authorisation and, for anything but GET and HEAD, the Origin and CSRF checks.
 * `action` may depend on the request (the series a form edits); null means any signed-in account.
 */
export function guard(
  opts: AuthOptions,
  action: Action | null | ((c: Context<AuthEnv>) => Promise<{ action: Action; seriesId?: number }>),
): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const auth = c.get('auth');
    if (!auth) throw new Unauthenticated(c.get('sessionEnded'));
    if (!SAFE.has(c.req.method) && !c.get('bearer')) {
      checkOrigin(c, opts.baseUrl());
      if (!sameToken(await csrfTokenOf(c), auth.csrfToken)) throw new Forbidden(formMessage('csrf'));
    }
    if (action !== null) {
      const need = typeof action === 'function' ? await action(c) : { action };
      if (!may(auth.account, need.action, need.seriesId)) throw new Forbidden(formMessage('mayNot'));
    }
    await next();
  };
}
