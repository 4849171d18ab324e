/** @jsxImportSource hono/jsx */
// The editors' side of speakers' own links: making a link for an appearance (shown once, with a
// prepared e-mail), revoking it, the appearance page's list of its links, and the queue of what
// speakers sent, approved or rejected one by one. Every route behind guard(); a link's or a
// submission's series is resolved from the path first, as the workspace's records are.
import type { Context, Hono } from 'hono';
import { type Account, may } from '../../domain/account.ts';
import { NotFound } from '../../domain/errors.ts';
import { DEFAULT_LANGUAGE, type Language } from '../../domain/language.ts';
import { INTERFACE_LANGUAGES, type InterfaceLanguage, isInterfaceLanguage } from '../../interface-languages.ts';
import { CORRECTION_FIELDS, type LinkState, linkState } from '../../domain/speaker-link.ts';
import { approveSubmission, createSpeakerLink, rejectSubmission, revokeSpeakerLink } from '../../operations/speaker-links.ts';
import { fileById } from '../../storage/queries/files.ts';
import { linksOfAppearance, pendingCount, type QueueRow, seriesOfLink, seriesOfSubmission, speakerContext, submissionById, submissionQueue } from '../../storage/queries/speaker-links.ts';
import type { DbOrTx } from '../../storage/database.ts';
import { type AuthEnv, type AuthOptions, guard } from '../auth.ts';
import { type Translate, translator } from '../i18n/t.ts';
import { idParam, onRecord } from '../record-access.ts';
import { sendFile } from '../routes/files.ts';
import { describeGender } from '../speaker/routes.tsx';
import { AdminLayout, type Viewer } from '../views/admin.tsx';
import { ActionButton, readOnly } from '../views/admin-edit.tsx';
import { longDate, timestamp } from '../views/format.ts';
import { languageName, renderDocument } from '../views/layout.tsx';
import { ADMIN_HEADERS, viewerOf } from './routes.tsx';
import { href, hrefIn, placeOfRequest } from '../views/render-context.ts';
import { formMessage, noRecord } from '../../domain/form-messages.ts';

type C = Context<AuthEnv>;
/** A moment as the language writes it, in UTC with the zone named (format.ts `timestamp`): the prepared e-mail's, for a speaker whose zone is not known. */
const utc = (iso: string, lang: InterfaceLanguage) => timestamp(iso, lang, 'UTC');
/** A moment on the workspace's pages: in the reader's zone where they chose one on an event page, else UTC, named either way. */
const moment = (iso: string, lang: InterfaceLanguage) => timestamp(iso, lang);
/** The same as a component: written during the render (speakerLinksSection is awaited in its route, before the render sets the reader's zone). */
function Moment(p: { iso: string; lang: InterfaceLanguage }) {
  return <>{moment(p.iso, p.lang)}</>;
}
const actionOf = (c: C) => (c.req.method === 'GET' || c.req.method === 'HEAD' ? ('read-drafts' as const) : ('edit-content' as const));

/** For guard(): a link's or submission's series; a missing one is reported missing to admins only (record-access.ts). */
const onSeriesOf = (db: DbOrTx, find: (db: DbOrTx, id: number) => Promise<number | undefined>, what: string) => async (c: C) => {
  const seriesId = await find(db, idParam(c));
  if (seriesId === undefined && c.get('auth')?.account.role === 'admin') throw new NotFound(noRecord(what, c.req.param('id') ?? ''));
  return seriesId === undefined ? { action: actionOf(c) } : { action: actionOf(c), seriesId };
};

/** The series an account reads in the workspace ('all' for an admin). */
const reach = (a: Account): number[] | 'all' => (a.role === 'admin' ? 'all' : a.seriesIds);

/** How many submissions wait for this account (the dashboard's count). */
export async function waitingFor(db: DbOrTx, account: Account): Promise<number> {
  return await pendingCount(db, reach(account));
}

export function speakerLinkRoutes(app: Hono<AuthEnv>, opts: AuthOptions & { now?: () => Date }): void {
  const lang = opts.lang ?? DEFAULT_LANGUAGE;
  const t = translator(lang);
  const db = opts.storage.db;
  const now = () => opts.now?.() ?? new Date();
  const html = async (c: C, node: unknown, status: 200 | 400 = 200) => c.html(await renderDocument(node, placeOfRequest(c.req, opts.baseUrl())), status, ADMIN_HEADERS);
  const onLink = onSeriesOf(db, seriesOfLink, 'speaker link');
  const onSubmission = onSeriesOf(db, seriesOfSubmission, 'submission');

  app.post('/appearances/:id/speaker-links', guard(opts, onRecord(db, 'appearance')), async (c) => {
    const id = idParam(c);
    const body = (await c.req.parseBody()) as Record<string, unknown>;
    const expires = typeof body.expires === 'string' ? body.expires : '';
    const made = await createSpeakerLink(opts.storage, { appearanceId: id, expires, accountId: c.get('auth')!.account.id }, now());
    const ctx = (await speakerContext(db, id))!;
    // The speaker's page and the prepared e-mail in the language chosen (the event's by default): /fr/speak/{token}.
    const linkLang: InterfaceLanguage = typeof body.lang === 'string' && isInterfaceLanguage(body.lang) ? body.lang : isInterfaceLanguage(ctx.eventLang) ? ctx.eventLang : DEFAULT_LANGUAGE;
    const tl = translator(linkLang);
    const url = `${opts.baseUrl().replace(/\/$/, '')}${hrefIn(linkLang, `/speak/${made.token}`)}`;
    const when = [ctx.date ? longDate(ctx.date, linkLang) : ctx.dayLabel, ctx.start ? `${ctx.start}${ctx.end ? `–${ctx.end}` : ''}` : null].filter(Boolean).join(tl('punct.comma'));
    const subject = tl('speakerLink.mail.subject', { event: ctx.eventTitle });
    const mailBody = tl('speakerLink.mail.body', { name: [ctx.honorific, ctx.name].filter(Boolean).join(' '), session: ctx.sessionTitle ?? tl('speakerLink.untitled'), when, event: ctx.eventTitle, url, expires: utc(made.expiresAt, linkLang) });
    const mailto = `mailto:?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(mailBody)}`;
    return html(c, <CreatedPage t={t} lang={lang} viewer={viewerOf(c)} name={ctx.name} url={url} mailto={mailto} appearanceId={id} />);
  });

  app.post('/speaker-links/:id/revoke', guard(opts, onLink), async (c) => {
    const link = await revokeSpeakerLink(opts.storage, idParam(c), now());
    return c.redirect(`/admin/appearances/${link.appearance_id}#speaker-links`, 303);
  });

  app.get('/speaker-submissions', guard(opts, null), async (c) => {
    const account = c.get('auth')!.account;
    const [pending, decided] = await Promise.all([submissionQueue(db, reach(account), 'pending'), submissionQueue(db, reach(account), 'decided', 50)]);
    return html(c, <QueuePage t={t} lang={lang} viewer={viewerOf(c)} account={account} pending={pending} decided={decided} />);
  });

  app.get('/speaker-submissions/:id/file', guard(opts, onSubmission), async (c) => {
    const x = await submissionById(db, idParam(c));
    const file = x?.file_id ? await fileById(db, x.file_id) : null;
    if (!file) throw new NotFound(formMessage('noSubmissionFile'));
    return sendFile(c, opts.storage, file, 'private, no-store');
  });

  app.post('/speaker-submissions/:id/approve', guard(opts, onSubmission), async (c) => {
    await approveSubmission(opts.storage, idParam(c), c.get('auth')!.account.id, now());
    return c.redirect('/admin/speaker-submissions', 303);
  });

  app.post('/speaker-submissions/:id/reject', guard(opts, onSubmission), async (c) => {
    await rejectSubmission(opts.storage, idParam(c), c.get('auth')!.account.id, now());
    return c.redirect('/admin/speaker-submissions', 303);
  });
}

/** The links of one appearance, for its workspace page: each with its state, and a form to make another. */
export async function speakerLinksSection(db: DbOrTx, t: Translate, viewer: Viewer, appearanceId: number, now = new Date()) {
  const links = await linksOfAppearance(db, appearanceId);
  const eventLang = (await speakerContext(db, appearanceId))?.eventLang ?? DEFAULT_LANGUAGE;
  const inDays = (n: number) => new Date(now.getTime() + n * 86_400_000).toISOString().slice(0, 10);
  return (
    <section aria-labelledby="speaker-links">
      <h2 id="speaker-links">{t('speakerLink.admin.heading')}</h2>
      <p>{t('speakerLink.admin.intro')}</p>
      {links.length === 0 ? (
        <p>{t('speakerLink.admin.none')}</p>
      ) : (
        <table class="speaker-links">
          <caption>{t('speakerLink.admin.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t('speakerLink.admin.made')}</th>
              <th scope="col">{t('speakerLink.admin.by')}</th>
              <th scope="col">{t('speakerLink.admin.expiresCol')}</th>
              <th scope="col">{t('speakerLink.admin.state')}</th>
              <th scope="col">{t('speakerLink.admin.submissions')}</th>
              {readOnly(viewer) ? null : <td></td>}
            </tr>
          </thead>
          <tbody>
            {links.map((l) => {
              const state: LinkState = linkState(l, now);
              return (
                <tr id={`speaker-link-${l.id}`}>
                  <td>{l.id}</td>
                  <td>
                    <time datetime={l.created_at}><Moment iso={l.created_at} lang={t.lang ?? 'en'} /></time>
                  </td>
                  <td>{l.creator ?? ''}</td>
                  <td>
                    <time datetime={l.expires_at}><Moment iso={l.expires_at} lang={t.lang ?? 'en'} /></time>
                  </td>
                  <td>{t(`speakerLink.state.${state}`)}</td>
                  <td>{l.submissions}</td>
                  {readOnly(viewer) ? null : (
                    <td>
                      {state === 'active' ? (
                        <ActionButton viewer={viewer} action={href(`/admin/speaker-links/${l.id}/revoke`)}>
                          {t('speakerLink.admin.revoke', { id: l.id })}
                        </ActionButton>
                      ) : null}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <p>
        <a href={href('/admin/speaker-submissions')}>{t('speakerLink.admin.queue')}</a>
      </p>
      {readOnly(viewer) ? null : (
        <form method="post" action={href(`/admin/appearances/${appearanceId}/speaker-links`)} class="stack" aria-labelledby="speaker-links">
          <input type="hidden" name="_csrf" value={viewer.csrfToken} />
          <p>
            <label for="f-link-expires">{t('speakerLink.admin.expires')}</label>
            <input id="f-link-expires" name="expires" type="date" required value={inDays(30)} min={inDays(0)} max={inDays(366)} />
          </p>
          <p>
            <label for="f-link-lang">{t('speakerLink.admin.lang')}</label>
            <select id="f-link-lang" name="lang">
              {INTERFACE_LANGUAGES.map((l) => (
                <option value={l} lang={l} selected={l === eventLang}>
                  {languageName(l)}
                </option>
              ))}
            </select>
          </p>
          <p>
            <button type="submit">{t('speakerLink.admin.create')}</button>
          </p>
        </form>
      )}
    </section>
  );
}

function CreatedPage(p: { t: Translate; lang: InterfaceLanguage; viewer: Viewer; name: string; url: string; mailto: string; appearanceId: number }) {
  const { t } = p;
  const title = t('speakerLink.admin.created.title', { name: p.name });
  return (
    <AdminLayout lang={p.lang} t={t} title={title} viewer={p.viewer}>
      <h1>{title}</h1>
      <p role="status" id="link-once">
        {t('speakerLink.admin.created.once')}
      </p>
      <p>
        <label for="f-link-url">{t('speakerLink.admin.created.label')}</label>
        <input id="f-link-url" type="text" readonly value={p.url} size={80} aria-describedby="link-once" />
      </p>
      <p>
        <a href={p.mailto} id="link-mail">
          {t('speakerLink.admin.created.mail')}
        </a>
      </p>
      <p>
        <a href={href(`/admin/appearances/${p.appearanceId}#speaker-links`)}>{t('speakerLink.admin.back')}</a>
      </p>
    </AdminLayout>
  );
}

function describe(t: Translate, x: QueueRow): string {
  const payload = JSON.parse(x.payload) as { kind?: string; label?: string; proposed?: Record<string, string>; was?: Record<string, string> };
  if (x.kind === 'gender') return describeGender(t, payload);
  if (x.kind === 'material') {
    return t('speakerLink.sent.material', { kind: t(`speakerLink.kind.${payload.kind as 'statement' | 'presentation'}`), lang: t(`speakerLink.lang.${(x.lang ?? 'en') as Language}`), file: x.original_name ?? '' });
  }
  const shown = (v: string | undefined) => (v ? `“${v}”` : t('speakerLink.empty'));
  const changes = Object.entries(payload.proposed ?? {}).map(([f, v]) => `${t(`speakerLink.field.${f as (typeof CORRECTION_FIELDS)[number]}`)}${t('punct.colon')}${shown(payload.was?.[f])} → ${shown(v)}`);
  return t('speakerLink.sent.correction', { changes: changes.join(t('punct.semicolon')) });
}

function QueueTable(p: { t: Translate; viewer: Viewer; account: Account; rows: QueueRow[]; caption: string; decided?: boolean }) {
  const { t } = p;
  return (
    <table class="speaker-queue">
      <caption>{p.caption}</caption>
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">{t('speakerLink.queue.speaker')}</th>
          <th scope="col">{t('speakerLink.queue.what')}</th>
          <th scope="col">{t('speakerLink.queue.sent')}</th>
          <th scope="col">{p.decided ? t('speakerLink.queue.status') : t('speakerLink.queue.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {p.rows.map((x) => (
          <tr id={`submission-${x.id}`}>
            <td>{x.id}</td>
            <td>
              <a href={href(`/admin/appearances/${x.appearance_id}`)}>
                <bdi>{x.person}</bdi>
              </a>{' '}
              (<bdi>{x.event_title}</bdi>
              {x.session_title ? (
                <>
                  {', '}
                  <bdi>{x.session_title}</bdi>
                </>
              ) : null}
              ) · {t('speakerLink.queue.via', { id: x.link_id })}
            </td>
            <td>
              <bdi>{describe(t, x)}</bdi>
              {x.file_id ? (
                <>
                  {' · '}
                  <a href={href(`/admin/speaker-submissions/${x.id}/file`)}>{t('speakerLink.queue.open')}</a>
                </>
              ) : null}
            </td>
            <td>
                    <time datetime={x.created_at}><Moment iso={x.created_at} lang={t.lang ?? 'en'} /></time>
                  </td>
            <td>
              {p.decided ? (
                t('speakerLink.queue.decidedBy', { status: t(`speakerLink.status.${x.status as 'approved' | 'rejected'}`), who: x.decider ?? '', at: x.decided_at ? moment(x.decided_at, t.lang ?? 'en') : '' })
              ) : may(p.account, 'edit-content', x.series_id) ? (
                <>
                  <ActionButton viewer={p.viewer} action={href(`/admin/speaker-submissions/${x.id}/approve`)}>
                    {t('speakerLink.queue.approve', { id: x.id })}
                  </ActionButton>{' '}
                  <ActionButton viewer={p.viewer} action={href(`/admin/speaker-submissions/${x.id}/reject`)}>
                    {t('speakerLink.queue.reject', { id: x.id })}
                  </ActionButton>
                </>
              ) : (
                t('speakerLink.status.pending')
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function QueuePage(p: { t: Translate; lang: InterfaceLanguage; viewer: Viewer; account: Account; pending: QueueRow[]; decided: QueueRow[] }) {
  const { t } = p;
  return (
    <AdminLayout lang={p.lang} t={t} title={t('speakerLink.queue.title')} viewer={p.viewer}>
      <h1>{t('speakerLink.queue.title')}</h1>
      <h2>{t('speakerLink.queue.pending')}</h2>
      {p.pending.length === 0 ? <p>{t('speakerLink.queue.none')}</p> : <QueueTable t={t} viewer={p.viewer} account={p.account} rows={p.pending} caption={t('speakerLink.queue.pending')} />}
      <h2>{t('speakerLink.queue.decided')}</h2>
      {p.decided.length === 0 ? <p>{t('speakerLink.queue.noneDecided')}</p> : <QueueTable t={t} viewer={p.viewer} account={p.account} rows={p.decided} caption={t('speakerLink.queue.decided')} decided />}
    </AdminLayout>
  );
}
