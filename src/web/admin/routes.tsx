/** @jsxImportSource hono/jsx */
// /admin: the organizers' workspace. Nothing here is cached or answered before the session is
// read; every state-changing route is behind guard() (authentication, role, Origin, CSRF).
import { randomBytes } from 'node:crypto';
import { getConnInfo } from '@hono/node-server/conninfo';
import { type Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { DEFAULT_LANGUAGE } from '../../domain/language.ts';
import { PlenaryError } from '../../domain/errors.ts';
import { signIn, signOut, TooManyAttempts } from '../../operations/accounts.ts';
import { seriesForWorkspace } from '../../storage/queries/workspace.ts';
import { type AuthEnv, type AuthOptions, checkOrigin, guard, isSecure, loginCookieName, readSession, sameToken, sessionCookieName } from '../auth.ts';
import { translator } from '../i18n/t.ts';
import { HTML_HEADERS } from '../security.ts';
import { renderDocument } from '../views/layout.tsx';
import { DashboardPage, LoginPage, type Viewer } from '../views/admin.tsx';

/** Workspace pages may show drafts: no shared cache keeps them, and no browser history restores them. */
export const ADMIN_HEADERS: Record<string, string> = { ...HTML_HEADERS, 'cache-control': 'no-store' };

/** Only a path on this site may follow sign-in, never another host ("//evil", "/\\evil"). */
export function safeNext(raw: unknown): string {
  return typeof raw === 'string' && /^\/(?![\/\\])[\x21-\x7e]*$/.test(raw) && raw.startsWith('/admin') ? raw : '/admin';
}

export function adminRoutes(opts: AuthOptions & { now?: () => Date }) {
  const lang = DEFAULT_LANGUAGE;
  const t = translator(lang);
  const app = new Hono<AuthEnv>();
  const html = async (c: Context, node: unknown, status: 200 | 400 | 401 | 403 | 429 = 200) => c.html(await renderDocument(node), status, ADMIN_HEADERS);
  const secure = () => isSecure(opts.baseUrl());
  const viewerOf = (c: Context<AuthEnv>): Viewer => {
    const a = c.get('auth')!;
    return { email: a.email, role: a.account.role, csrfToken: a.csrfToken };
  };

  app.use('*', readSession(opts));

  // Sign-in has no session yet, so its form is protected by a token also set as a cookie
  // (double submit) and by the Origin check: a foreign page cannot sign a visitor in.
  const loginForm = async (c: Context, status: 200 | 400 | 401 | 403 | 429, fields: { next: string; email?: string; error?: string }) => {
    const csrf = randomBytes(32).toString('base64url');
    setCookie(c, loginCookieName(secure()), csrf, { httpOnly: true, sameSite: 'Lax', secure: secure(), path: '/' });
    return html(c, <LoginPage lang={lang} t={t} csrf={csrf} {...fields} />, status);
  };

  app.get('/login', (c) => {
    if (c.get('auth')) return c.redirect(safeNext(c.req.query('next')), 303);
    return loginForm(c, 200, { next: safeNext(c.req.query('next')) });
  });

  app.post('/login', async (c) => {
    checkOrigin(c, opts.baseUrl());
    const body = await c.req.parseBody();
    const next = safeNext(body['next']);
    const email = typeof body['email'] === 'string' ? body['email'] : '';
    const password = typeof body['password'] === 'string' ? body['password'] : '';
    const cookie = getCookie(c, loginCookieName(secure()));
    if (!cookie || !sameToken(typeof body['_csrf'] === 'string' ? body['_csrf'] : undefined, cookie)) {
      return loginForm(c, 403, { next, email, error: 'The form is missing its security token or it is out of date: please sign in again.' });
    }
    const address = getConnInfo(c).remote.address ?? 'unknown';
    try {
      const s = await signIn(opts.storage, { email, password, address }, { ...(opts.now ? { clock: opts.now } : {}), ...(opts.session ? { session: opts.session } : {}) });
      deleteCookie(c, loginCookieName(secure()), { path: '/', secure: secure() });
      setCookie(c, sessionCookieName(secure()), s.token, { httpOnly: true, sameSite: 'Lax', secure: secure(), path: '/', expires: new Date(s.expiresAt) });
      return c.redirect(next, 303);
    } catch (e) {
      if (e instanceof TooManyAttempts) return loginForm(c, 429, { next, email, error: e.message });
      if (e instanceof PlenaryError && e.code === 'forbidden') return loginForm(c, 401, { next, email, error: 'The e-mail address or the password is wrong, or the account is disabled.' });
      throw e;
    }
  });

  app.post('/logout', guard(opts, null), async (c) => {
    const token = getCookie(c, sessionCookieName(secure()));
    if (token) await signOut(opts.storage, token);
    deleteCookie(c, sessionCookieName(secure()), { path: '/', secure: secure() });
    return c.redirect('/', 303);
  });

  app.get('/', guard(opts, null), async (c) => {
    const a = c.get('auth')!.account;
    const series = await seriesForWorkspace(opts.storage.db, a.role === 'admin' ? 'all' : a.seriesIds);
    return html(c, <DashboardPage lang={lang} t={t} viewer={viewerOf(c)} series={series} />);
  });

  return app;
}
