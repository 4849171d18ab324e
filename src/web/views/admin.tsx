/** @jsxImportSource hono/jsx */
// The workspace's pages. Never cached, never indexed; forms work without JavaScript.
import type { Child } from 'hono/jsx';
import type { AccountRole } from '../../domain/account.ts';
import type { InterfaceLanguage } from '../../domain/language.ts';
import type { Translate } from '../i18n/t.ts';
import { CATALOGUES, type MessageKey } from '../i18n/messages.ts';
import { Layout } from './layout.tsx';
import { href } from './render-context.ts';
import { longDate } from './format.ts';

type Base = { lang: InterfaceLanguage; t: Translate };
export type Viewer = { email: string; role: AccountRole; csrfToken: string };

/** The sign-out button is a form: signing out changes state, so it is a POST with the token. */
function AccountBar(p: Base & { viewer: Viewer }) {
  const { t } = p;
  return (
    <div class="account-bar">
      <p>
        {t('admin.signedInAs', { email: p.viewer.email })} · {t(`admin.role.${p.viewer.role}`)}
      </p>
      <form method="post" action={href('/admin/logout')}>
        <input type="hidden" name="_csrf" value={p.viewer.csrfToken} />
        <button type="submit">{t('admin.signOut')}</button>
      </form>
    </div>
  );
}

export function AdminLayout(p: Base & { title: string; viewer?: Viewer; children?: Child }) {
  return (
    <Layout
      lang={p.lang}
      t={p.t}
      title={p.title}
      noindex
      crumbs={p.viewer ? [{ href: '/admin', label: p.t('admin.title') }] : []}
      head={p.viewer ? <script src="/admin/suggest.js" defer></script> : undefined}
    >
      {p.viewer ? <AccountBar lang={p.lang} t={p.t} viewer={p.viewer} /> : null}
      {p.children}
    </Layout>
  );
}

export function LoginPage(p: Base & { csrf: string; next: string; email?: string; error?: string; notice?: string }) {
  const { t } = p;
  return (
    <AdminLayout lang={p.lang} t={t} title={t('admin.signIn.title')}>
      <h1>{t('admin.signIn.title')}</h1>
      <p>{t('admin.signIn.intro')}</p>
      {p.notice ? (
        <p class="form-error" role="status" id="login-notice">
          {p.notice}
        </p>
      ) : null}
      {p.error ? (
        <p class="form-error" role="alert" id="login-error">
          {p.error}
        </p>
      ) : null}
      <form method="post" action={href('/admin/login')} class="stack">
        <input type="hidden" name="_csrf" value={p.csrf} />
        <input type="hidden" name="next" value={p.next} />
        <p>
          <label for="email">{t('admin.email')}</label>
          <input id="email" name="email" type="email" autocomplete="username" required value={p.email ?? ''} aria-describedby={p.error ? 'login-error' : undefined} />
        </p>
        <p>
          <label for="password">{t('admin.password')}</label>
          <input id="password" name="password" type="password" autocomplete="current-password" required />
        </p>
        <p>
          <button type="submit">{t('admin.signIn')}</button>
        </p>
      </form>
    </AdminLayout>
  );
}

export type DashboardSeries = { id: number; slug: string; title: string; events: { id: number; slug: string; title: string; startDate: string; status: 'draft' | 'published' }[] };

export function DashboardPage(p: Base & { viewer: Viewer; series: DashboardSeries[]; speakerWaiting?: number }) {
  const { t } = p;
  return (
    <AdminLayout lang={p.lang} t={t} title={t('admin.title')} viewer={p.viewer}>
      <h1>{t('admin.title')}</h1>
      <ul>
        <li>
          <a href={href('/admin/audit')}>{t('audit.title')}</a>
        </li>
        {p.speakerWaiting !== undefined ? (
          <li>
            <a href={href('/admin/speaker-submissions')}>{t('speakerLink.dashboard', { n: p.speakerWaiting })}</a>
          </li>
        ) : null}
        {p.viewer.role === 'admin' ? (
          <li>
            <a href={href('/admin/new-series')}>{t('edit.newSeries')}</a>
          </li>
        ) : null}
      </ul>
      <h2>{t('admin.series')}</h2>
      {p.series.length === 0 ? <p>{t('admin.series.none')}</p> : null}
      {p.series.map((s) => (
        <section aria-labelledby={`series-${s.id}`}>
          <h3 id={`series-${s.id}`}>
            <bdi>{s.title}</bdi>
          </h3>
          <p>
            <a href={href(`/admin/series/${s.slug}/edit`)}>
              {t('edit.openSeries')}: <bdi>{s.title}</bdi>
            </a>
          </p>
          <p>
            <a href={href(`/admin/series/${s.slug}/publications`)}>
              {t('publication.admin.open')}: <bdi>{s.title}</bdi>
            </a>
          </p>
          {s.events.length === 0 ? (
            <p>{t('admin.events.none')}</p>
          ) : (
            <ul>
              {s.events.map((e) => (
                <li>
                  {e.status === 'published' ? (
                    <a href={href(`/events/${e.slug}`)}>
                      <bdi>{e.title}</bdi>
                    </a>
                  ) : (
                    <bdi>{e.title}</bdi>
                  )}{' '}
                  (<time datetime={e.startDate}>{longDate(e.startDate, p.lang)}</time>, {t(`admin.status.${e.status}`)}){' '}
                  <a href={href(`/admin/events/${e.id}`)}>
                    {t('edit.openEvent')}: <bdi>{e.title}</bdi>
                  </a>
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </AdminLayout>
  );
}

/** A posted field's name as the forms label it (edit.field.*); another form's field by the name it was sent under, as code. */
function FieldName(p: { t: Translate; name: string }) {
  const key = `edit.field.${p.name}`;
  return key in CATALOGUES.en ? <>{p.t(key as MessageKey)}</> : <code>{p.name}</code>;
}

export function AdminErrorPage(p: Base & { status: number; title: string; message: string; viewer?: Viewer; kept?: Array<[string, string]>; signInAgain?: string }) {
  return (
    <AdminLayout lang={p.lang} t={p.t} title={p.title} viewer={p.viewer}>
      <h1>{p.title}</h1>
      <p role="alert">{p.message}</p>
      {p.kept?.length ? (
        <section aria-labelledby="kept-heading">
          <h2 id="kept-heading">{p.t('admin.error.kept')}</h2>
          <dl class="kept">
            {p.kept.map(([k, v]) => (
              <>
                <dt>
                  <FieldName t={p.t} name={k} />
                </dt>
                <dd>
                  <bdi>{v}</bdi>
                </dd>
              </>
            ))}
          </dl>
        </section>
      ) : null}
      <p>{p.signInAgain ? <a href={href(p.signInAgain)}>{p.t('admin.signIn')}</a> : <a href={href('/admin')}>{p.t('admin.error.back')}</a>}</p>
    </AdminLayout>
  );
}
