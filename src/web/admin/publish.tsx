/** @jsxImportSource hono/jsx */
// /admin/events/{id}/publish: what publishing would change (computed from the latest release and
// the working copy), the warnings to look at first, a note, and the button that makes the next
// release; /admin/events/{id}/preview: the public page as it would be, from the working copy;
// /admin/events/{id}/withdraw takes the event off the public site.
import type { Context, Hono } from 'hono';
import { NotFound } from '../../domain/errors.ts';
import { DEFAULT_LANGUAGE } from '../../domain/language.ts';
import { eventExportOf } from '../../operations/event-export.ts';
import { warningsForEvent } from '../../operations/event-warnings.ts';
import { publishEvent, releasesOf, unpublishedChanges, withdrawEvent } from '../../operations/releases.ts';
import { eventAgenda, type PublishedEvent } from '../../storage/queries.ts';
import { type AuthEnv, type AuthOptions, guard } from '../auth.ts';
import { translator } from '../i18n/t.ts';
import { idParam, onRecord } from '../record-access.ts';
import { htmlHeadersWithStyles } from '../security.ts';
import { AdminLayout, type Viewer } from '../views/admin.tsx';
import { warningText, ActionButton, readOnly } from '../views/admin-edit.tsx';
import { changeText, releaseHeading, releaseLines } from '../views/changes.tsx';
import { EventPage } from '../views/event-page.tsx';
import { renderDocument } from '../views/layout.tsx';
import { runningTitleCss } from '../views/styles.ts';
import { ADMIN_HEADERS, viewerOf } from './routes.tsx';
import { href, hrefIn, placeOfRequest } from '../views/render-context.ts';
import { everyPageIn } from '../export-pages.ts';
import { formMessage } from '../../domain/form-messages.ts';

type C = Context<AuthEnv>;

export function publishRoutes(app: Hono<AuthEnv>, opts: AuthOptions): void {
  const lang = opts.lang ?? DEFAULT_LANGUAGE;
  const t = translator(lang);
  const db = opts.storage.db;
  const eventOf = async (id: number) => {
    const event = await db.selectFrom('event').selectAll().where('id', '=', id).executeTakeFirst();
    if (!event) throw new NotFound(formMessage('noEventWithId', { id }));
    return event;
  };

  app.get('/events/:id/publish', guard(opts, onRecord(db, 'event')), async (c) => {
    const id = idParam(c);
    const event = await eventOf(id);
    const viewer = viewerOf(c);
    const pending = await unpublishedChanges(db, id);
    const warnings = await warningsForEvent(db, id);
    const releases = await releasesOf(db, id);
    const next = (releases[0]?.number ?? 0) + 1;
    const done = c.req.query('published');
    const notice =
      done && /^\d{1,9}$/.test(done) ? t('publish.done', { n: done }) : c.req.query('unchanged') && /^\d{1,9}$/.test(c.req.query('unchanged')!) ? t('publish.doneNothing', { n: c.req.query('unchanged')! }) : c.req.query('withdrawn') === '1' ? t('publish.withdrawn') : null;
    const page = (
      <AdminLayout lang={lang} t={t} title={t('publish.title', { event: event.title })} viewer={viewer}>
        <p>
          <a href={href(`/admin/events/${id}`)}>
            <bdi>{event.title}</bdi>
          </a>
          {' · '}
          <a href={href(`/admin/events/${id}/preview`)}>{t('publish.preview')}</a>
          {releases.length ? (
            <>
              {' · '}
              <a href={hrefIn(lang, `/events/${event.slug}/changes`)}>{t('publish.changelog')}</a>
            </>
          ) : null}
        </p>
        {notice ? <p role="status">{notice}</p> : null}
        {pending === null ? (
          <p>{t('publish.first')}</p>
        ) : pending.same ? (
          <p>{t('publish.nothing', { n: pending.release })}</p>
        ) : (
          <>
            <p>{t('publish.willChange', { n: next })}</p>
            <ul class="changes">
              {pending.changes.items.map((ch) => (
                <li>
                  <bdi>{changeText(ch, t, lang)}</bdi>
                </li>
              ))}
            </ul>
          </>
        )}
        {warnings.length ? (
          <>
            <h2>{t('publish.warnings')}</h2>
            <ul class="warnings">
              {warnings.map((w) => (
                <li>
                  <bdi>{warningText(w, t)}</bdi>
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {readOnly(viewer) || (pending !== null && pending.same) ? null : (
          <form method="post" action={href(`/admin/events/${id}/publish`)}>
            <input type="hidden" name="_csrf" value={viewer.csrfToken} />
            <p>
              <label for="note">{t('publish.note')}</label>
              <input id="note" name="note" type="text" maxlength={500} aria-describedby="note-help" />
              <small id="note-help">{t('publish.noteHelp')}</small>
            </p>
            <button type="submit">{t('publish.submit', { n: next })}</button>
          </form>
        )}
        {releases.length ? (
          <>
            <h2>{t('publish.releases')}</h2>
            {releases.map((r) => (
              <section>
                <h3>{releaseHeading(r, t, lang)}</h3>
                {r.note ? (
                  <p>
                    <bdi>{r.note}</bdi>
                  </p>
                ) : null}
                <ul>
                  {releaseLines(r, t, lang).map((l) => (
                    <li>
                      <bdi>{l}</bdi>
                    </li>
                  ))}
                </ul>
              </section>
            ))}
          </>
        ) : null}
        {event.status === 'published' && !readOnly(viewer) ? (
          <>
            <h2>{t('publish.withdraw')}</h2>
            <p>{t('publish.withdrawHelp')}</p>
            <ActionButton viewer={viewer} action={href(`/admin/events/${id}/withdraw`)}>
              {t('publish.withdraw')}
            </ActionButton>
          </>
        ) : null}
      </AdminLayout>
    );
    return c.html(await renderDocument(page, placeOfRequest(c.req, opts.baseUrl())), 200, ADMIN_HEADERS);
  });

  app.post('/events/:id/publish', guard(opts, onRecord(db, 'event')), async (c) => {
    const id = idParam(c);
    await eventOf(id);
    const form = (await c.req.parseBody()) as Record<string, unknown>;
    const note = typeof form.note === 'string' ? form.note.slice(0, 500) : null;
    const r = await publishEvent(opts.storage, id, { note, accountId: c.get('auth')!.account.id });
    return c.redirect(`/admin/events/${id}/publish?${r.changed ? 'published' : 'unchanged'}=${r.number}`, 303);
  });

  app.post('/events/:id/withdraw', guard(opts, onRecord(db, 'event')), async (c) => {
    const id = idParam(c);
    await eventOf(id);
    await withdrawEvent(opts.storage, id, c.get('auth')!.account.id);
    return c.redirect(`/admin/events/${id}/publish?withdrawn=1`, 303);
  });

  // The public page as publishing would make it: rendered from the working copy, never cached.
  app.get('/events/:id/preview', guard(opts, onRecord(db, 'event')), async (c) => {
    const id = idParam(c);
    const event = await eventOf(id);
    const series = await db.selectFrom('series').selectAll().where('id', '=', event.series_id).executeTakeFirstOrThrow();
    const convener = series.convener_id === null ? null : ((await db.selectFrom('organization').selectAll().where('id', '=', series.convener_id).executeTakeFirst()) ?? null);
    const agenda = await eventAgenda(db, id, 'working');
    // Not published: the working copy stands in for the release it would become.
    const found = { event, series, convener } as unknown as PublishedEvent;
    // As the public page in this language would carry them (its JSON-LD: titles and page addresses in the reader's language).
    const data = everyPageIn(await eventExportOf(db, found, agenda, opts.baseUrl(), 0, lang), lang);
    const last = (await releasesOf(db, id))[0];
    const printCss = runningTitleCss(event.title);
    const banner = last ? t('publish.previewBanner', { n: last.number }) : t('publish.previewBannerNever');
    const html = await renderDocument(
      <EventPage lang={lang} t={t} event={event} series={series} agenda={agenda} data={data} printCss={printCss} banner={banner} noindex />,
      placeOfRequest(c.req, opts.baseUrl()),
    );
    return c.html(html, 200, { ...htmlHeadersWithStyles([printCss]), 'cache-control': 'no-store' });
  });
}
