/** @jsxImportSource hono/jsx */
// /admin: the organizers' workspace. Nothing here is cached or answered before the session is
// read; every state-changing route is behind guard() (authentication, role, Origin, CSRF).
import { publishRoutes } from './publish.tsx';
import { publicationAdminRoutes } from './publications.tsx';
import { randomBytes } from 'node:crypto';
import { getConnInfo } from '@hono/node-server/conninfo';
import { type Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { DEFAULT_LANGUAGE } from '../../domain/language.ts';
import { NotFound, PlenaryError } from '../../domain/errors.ts';
import { signIn, signOut, TooManyAttempts } from '../../operations/accounts.ts';
import { seriesIdsBySlugs } from '../../storage/queries/accounts.ts';
import { seriesForWorkspace } from '../../storage/queries/workspace.ts';
import { type AuthEnv, type AuthOptions, checkOrigin, guard, isSecure, loginCookieName, readSession, sameToken, sessionCookieName, Unauthenticated } from '../auth.ts';
import { clientAddress } from '../client-address.ts';
import { translator } from '../i18n/t.ts';
import { HTML_HEADERS } from '../security.ts';
import { renderDocument } from '../views/layout.tsx';
import { AdminErrorPage, DashboardPage, LoginPage, type Viewer } from '../views/admin.tsx';
import { editAuditRoutes } from './edit-audit.tsx';
import { editContentRoutes } from './edit-content.tsx';
import { materialRoutes } from './materials.tsx';
import { translationRoutes } from './translations.tsx';
import { speakerLinkRoutes, waitingFor } from './speaker-links.tsx';
import { importRoutes } from './import.tsx';
import { identityRoutes } from './identities.tsx';
import { suggestRoutes } from './suggest.ts';
import { hrefIn, placeOfRequest, withoutPrefix } from '../views/render-context.ts';
import { refusalText } from '../i18n/form-errors.ts';
import { formMessage } from '../../domain/form-messages.ts';

/** Workspace pages may show drafts: no shared cache keeps them, and no browser history restores them. */
// Workspace pages may load the suggestions script from this site and ask it for names.
export const ADMIN_HEADERS: Record<string, string> = {
  ...HTML_HEADERS,
  'cache-control': 'no-store',
  'content-security-policy': `${HTML_HEADERS['content-security-policy']}; script-src 'self'; connect-src 'self'`,
};

/** The fields of a posted form as typed, without the token, the version and any password or file. */
async function typedFields(c: Context): Promise<Array<[string, string]>> {
  const type = c.req.header('content-type') ?? '';
  if (!type.startsWith('application/x-www-form-urlencoded') && !type.startsWith('multipart/form-data')) return [];
  try {
    const body = await c.req.parseBody();
    return Object.entries(body).flatMap(([k, v]) => (typeof v === 'string' && v !== '' && !['_csrf', 'version', 'password'].includes(k) ? [[k, v.slice(0, 20000)] as [string, string]] : []));
  } catch {
    return [];
  }
}

/** The path of the page a request came from, when it is this site's. */
function refererPath(c: Context): string | undefined {
  const r = c.req.header('referer');
  if (!r) return undefined;
  try {
    const u = new URL(r);
    return u.origin === new URL(c.req.url).origin ? u.pathname : undefined;
  } catch {
    return undefined;
  }
}

/** Only a path on this site may follow sign-in, never another host ("//evil", "/\\evil"). */
/** Who is signed in, as the workspace's pages show them (the guard has run: `auth` is set). */
export function viewerOf(c: Context<AuthEnv>): Viewer {
  const a = c.get('auth')!;
  return { email: a.email, role: a.account.role, csrfToken: a.csrfToken };
}

export function safeNext(raw: unknown): string {
  return typeof raw === 'string' && /^\/(?![\/\\])[\x21-\x7e]*$/.test(raw) && /^\/admin(?:[/?]|$)/.test(withoutPrefix(raw)) ? raw : '/admin';
}

export function adminRoutes(opts: AuthOptions & { now?: () => Date; uploadMaxBytes?: number | undefined; trustedProxies?: number | undefined }) {
  const lang = opts.lang ?? DEFAULT_LANGUAGE;
  const t = translator(lang);
  const app = new Hono<AuthEnv>();
  const html = async (c: Context, node: unknown, status: 200 | 400 | 401 | 403 | 429 = 200) => c.html(await renderDocument(node, placeOfRequest(c.req, opts.baseUrl())), status, ADMIN_HEADERS);
  const secure = () => isSecure(opts.baseUrl());

  // The workspace in another language (/fr/admin…): every redirect its routes give to a site path
  // ("/admin/events/3", "/") stays in that language.
  if (lang !== 'en') {
    app.use('*', async (c, next) => {
      await next();
      const location = c.res.headers.get('location');
      if (location?.startsWith('/')) c.res.headers.set('location', hrefIn(lang, location));
    });
  }
  app.use('*', readSession(opts));

  // Sign-in has no session yet, so its form is protected by a token also set as a cookie
  // (double submit) and by the Origin check: a foreign page cannot sign a visitor in.
  const loginForm = async (c: Context, status: 200 | 400 | 401 | 403 | 429, fields: { next: string; email?: string; error?: string; notice?: string }) => {
    const csrf = randomBytes(32).toString('base64url');
    setCookie(c, loginCookieName(secure()), csrf, { httpOnly: true, sameSite: 'Lax', secure: secure(), path: '/' });
    return html(c, <LoginPage lang={lang} t={t} csrf={csrf} {...fields} />, status);
  };

  app.get('/login', (c) => {
    if (c.get('auth')) return c.redirect(safeNext(c.req.query('next')), 303);
    return loginForm(c, 200, { next: safeNext(c.req.query('next')), ...(c.req.query('ended') === '1' ? { notice: t('admin.signIn.ended') } : {}) });
  });

  app.post('/login', async (c) => {
    checkOrigin(c, opts.baseUrl());
    const body = await c.req.parseBody();
    const next = safeNext(body['next']);
    const email = typeof body['email'] === 'string' ? body['email'] : '';
    const password = typeof body['password'] === 'string' ? body['password'] : '';
    const cookie = getCookie(c, loginCookieName(secure()));
    if (!cookie || !sameToken(typeof body['_csrf'] === 'string' ? body['_csrf'] : undefined, cookie)) {
      return loginForm(c, 403, { next, email, error: t('admin.signIn.noToken') });
    }
    const address = clientAddress(getConnInfo(c).remote.address, c.req.header('x-forwarded-for'), opts.trustedProxies ?? 0);
    try {
      const s = await signIn(opts.storage, { email, password, address }, { ...(opts.now ? { clock: opts.now } : {}), ...(opts.session ? { session: opts.session } : {}) });
      deleteCookie(c, loginCookieName(secure()), { path: '/', secure: secure() });
      setCookie(c, sessionCookieName(secure()), s.token, { httpOnly: true, sameSite: 'Lax', secure: secure(), path: '/', expires: new Date(s.expiresAt) });
      return c.redirect(next, 303);
    } catch (e) {
      if (e instanceof TooManyAttempts) return loginForm(c, 429, { next, email, error: refusalText(t, e.refusals) });
      if (e instanceof PlenaryError && e.code === 'forbidden') return loginForm(c, 401, { next, email, error: t('admin.signIn.wrong') });
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
    return html(c, <DashboardPage lang={lang} t={t} viewer={viewerOf(c)} series={series} speakerWaiting={await waitingFor(opts.storage.db, a)} />);
  });

  // One series' events, drafts included: viewers and editors of that series, and admins.
  const seriesParam = async (c: Context<AuthEnv>) => {
    const slug = c.req.param('slug') ?? '';
    const id = (await seriesIdsBySlugs(opts.storage.db, [slug])).get(slug);
    if (id === undefined) throw new NotFound(formMessage('noSuchSeries'));
    return { action: 'read-drafts' as const, seriesId: id };
  };
  app.get('/series/:slug', guard(opts, seriesParam), async (c) => {
    const { seriesId } = await seriesParam(c);
    const series = await seriesForWorkspace(opts.storage.db, [seriesId]);
    return html(c, <DashboardPage lang={lang} t={t} viewer={viewerOf(c)} series={series} />);
  });

  editContentRoutes(app, opts);
  editAuditRoutes(app, opts);
  materialRoutes(app, opts);
  translationRoutes(app, opts);
  speakerLinkRoutes(app, opts);
  importRoutes(app, opts);
  publishRoutes(app, opts);
  publicationAdminRoutes(app, opts);
  identityRoutes(app, opts);
  suggestRoutes(app, opts);

  // The workspace's own error pages: a visitor who is not signed in is sent to the form; a
  // refusal says what was refused. Anything else is a fault, logged and shown as one.
  app.onError(async (err, c) => {
    if (err instanceof PlenaryError) {
      if (err instanceof Unauthenticated && err.ended) deleteCookie(c, sessionCookieName(secure()), { path: '/', secure: secure() });
      if (err.code === 'unauthenticated' && (c.req.method === 'GET' || c.req.method === 'HEAD')) {
        const ended = err instanceof Unauthenticated && err.ended ? '&ended=1' : '';
        return c.redirect(`/admin/login?next=${encodeURIComponent(safeNext(c.req.path))}${ended}`, 303);
      }
      const status = ({ unauthenticated: 401, forbidden: 403, not_found: 404, invalid_input: 400, conflict: 409 } as const)[err.code];
      const title = t(err.code === 'forbidden' || err.code === 'unauthenticated' ? 'error.forbidden.title' : err.code === 'not_found' ? 'error.notFound.title' : err.code === 'conflict' ? 'error.conflict.title' : 'error.badRequest.title');
      const auth = c.get('auth');
      const viewer = auth ? { email: auth.email, role: auth.account.role, csrfToken: auth.csrfToken } : undefined;
      // A form sent after the sign-in ended: what was typed is shown back, to copy before signing in again.
      const ended = err instanceof Unauthenticated && err.ended;
      const kept = ended ? await typedFields(c) : [];
      const signInAgain = ended ? `/admin/login?next=${encodeURIComponent(safeNext(refererPath(c) ?? c.req.path))}` : undefined;
      return c.html(
        await renderDocument(
          <AdminErrorPage lang={lang} t={t} status={status} title={title} message={refusalText(t, err.refusals)} {...(viewer ? { viewer } : {})} {...(kept.length ? { kept } : {})} {...(signInAgain ? { signInAgain } : {})} />,
          placeOfRequest(c.req, opts.baseUrl()),
        ),
        status,
        ADMIN_HEADERS,
      );
    }
    console.error(`plenary: ${c.req.method} ${c.req.path} failed:`, err);
    return c.html(await renderDocument(<AdminErrorPage lang={lang} t={t} status={500} title={t('error.server.title')} message={t('error.server.body')} />, placeOfRequest(c.req, opts.baseUrl())), 500, ADMIN_HEADERS);
  });

  return app;
}
