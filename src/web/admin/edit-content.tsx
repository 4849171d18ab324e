/** @jsxImportSource hono/jsx */
// /admin editing: series, events, days, sessions and who speaks in them. Every route is behind
// guard() (authentication, role for the record's series, and Origin + CSRF for posts); the
// record's series is resolved from the path before anything else answers, so an account
// without rights gets 403 whether or not the record exists.
import type { Context, Hono } from 'hono';
import type { AuditedEntity } from '../../domain/audit.ts';
import { type FieldErrors, FORM_FIELDS, type FormEntity } from '../../domain/editing.ts';
import { DEFAULT_LANGUAGE } from '../../domain/language.ts';
import { InvalidInput, NotFound } from '../../domain/errors.ts';
import { addAppearance, createDay, createEvent, createSeries, createSession, moveSession, reorder } from '../../operations/edit-agenda.ts';
import { type Actor, FormInvalid, organizationName, parseVersion, saveForm, VersionConflict } from '../../operations/edit-record.ts';
import { eventForWorkspace, recordById, searchPersons, seriesBySlug, sessionForWorkspace } from '../../storage/queries/editing.ts';
import { normaliseName } from '../../domain/names.ts';
import { type AuthEnv, type AuthOptions, guard } from '../auth.ts';
import { translator } from '../i18n/t.ts';
import { fieldError, refusalText } from '../i18n/form-errors.ts';
import { renderDocument } from '../views/layout.tsx';
import type { Viewer } from '../views/admin.tsx';
import { warningText, ActionButton, ConflictPage, DeletePage, FormPage, formValues, readOnly } from '../views/admin-edit.tsx';
import { deleteRecord } from '../../operations/edit-delete.ts';
import { reachOf, similarPersons, suggestNames } from './suggest.ts';
import { warningsForEvent } from '../../operations/event-warnings.ts';
import { unpublishedChanges } from '../../operations/releases.ts';
import { ADMIN_HEADERS, viewerOf } from './routes.tsx';
import { speakerLinksSection } from './speaker-links.tsx';
import { TranslationLinks } from './translations.tsx';
import { idParam, onNamed as onNamedOf, onRecord as onRecordOf } from '../record-access.ts';
import { IdentitySection } from './identities.tsx';
import type { MatchReason } from '../../domain/identity.ts';
import { href, hrefIn, placeOfRequest } from '../views/render-context.ts';
import { listOf, longDate } from '../views/format.ts';
import { formMessage, noRecord } from '../../domain/form-messages.ts';

type C = Context<AuthEnv>;
type Status = 200 | 400 | 409;

const EMPTY: Record<FormEntity, Record<string, string>> = {
  series: { slug: '', title: '', description: '' },
  event: { slug: '', title: '', lang: 'en', start_date: '', end_date: '', time_zone: 'Europe/Zurich', venue: '', address: '', city: '', country_code: '', overview: '', themes: '', contact_email: '' },
  day: { date: '', label: '' },
  session: { kind: 'panel', number: '', title: '', start_time: '', end_time: '' },
  appearance: { role: 'speaker', role_label: '', honorific: '', affiliation_position: '', country: '', talk_title: '' },
  person: { name: '', honorific: '', gender: 'not-known', gender_term: '' },
  organization: { name: '', kind: 'other', country_code: '' },
};

export function editContentRoutes(app: Hono<AuthEnv>, opts: AuthOptions): void {
  const lang = opts.lang ?? DEFAULT_LANGUAGE;
  const t = translator(lang);
  const db = opts.storage.db;
  const html = async (c: C, node: unknown, status: Status = 200) => c.html(await renderDocument(node, placeOfRequest(c.req, opts.baseUrl())), status, ADMIN_HEADERS);
  const actorOf = (c: C): Actor => ({ accountId: c.get('auth')!.account.id });
  const base = (c: C) => ({ lang, t, viewer: viewerOf(c) });
  const body = async (c: C) => (await c.req.parseBody()) as Record<string, unknown>;
  const onRecord = (entity: AuditedEntity) => onRecordOf(db, entity);
  const isAdmin = (c: C) => c.get('auth')?.account.role === 'admin';
  const onSeries = async (c: C) => {
    const action = c.req.method === 'GET' ? ('read-drafts' as const) : ('edit-content' as const);
    const s = await seriesBySlug(db, c.req.param('slug') ?? '');
    if (!s && isAdmin(c)) throw new NotFound(formMessage('noSeries', { slug: c.req.param('slug') ?? '' }));
    return s ? { action, seriesId: s.id } : { action };
  };

  /** Runs a save; a form error shows the form again with the messages, a stale version the conflict page. */
  const saving = async (c: C, entity: FormEntity, title: string, action: string, editUrl: string, run: () => Promise<Response>, page: (values: Record<string, string>, errors: FieldErrors) => unknown) => {
    try {
      return await run();
    } catch (e) {
      if (e instanceof FormInvalid) return await html(c, await page({ ...formValuesFromBody(entity, e.input) }, e.errors), 400);
      if (e instanceof VersionConflict) {
        return await html(c, <ConflictPage {...base(c)} entity={entity} title={title} action={action} editUrl={editUrl} message={refusalText(t, e.refusals)} mine={e.mine} theirs={e.theirs} />, 409);
      }
      throw e;
    }
  };
  const formValuesFromBody = (entity: FormEntity, input: Record<string, string>) => Object.fromEntries(FORM_FIELDS[entity].map((f) => [f, input[f] ?? '']));

  // ---- series -------------------------------------------------------------------------------
  // Creating a series is an admin's (an editor's rights start at a series given to them):
  // 'edit-content' without a series passes for admins only.
  const newSeriesPage = (c: C, values: Record<string, string>, errors: FieldErrors = {}) => (
    <FormPage {...base(c)} entity="series" title={t('edit.newSeries')} action={href('/admin/series')} values={values} errors={errors} submit={t('edit.create')} />
  );
  app.get('/new-series', guard(opts, 'edit-content'), (c) => html(c, newSeriesPage(c, EMPTY.series)));
  app.post('/series', guard(opts, 'edit-content'), async (c) =>
    saving(
      c,
      'series',
      '',
      '/admin/series',
      '/admin',
      async () => {
        const s = await createSeries(opts.storage, actorOf(c), await body(c));
        return c.redirect(`/admin/series/${s.slug}/edit?saved=1`, 303);
      },
      (v, e) => newSeriesPage(c, v, e),
    ),
  );

  const seriesPage = async (c: C, slug: string, values?: Record<string, string>, errors: FieldErrors = {}) => {
    const s = (await seriesBySlug(db, slug))!;
    const events = await db.selectFrom('event').select(['id', 'title', 'start_date', 'status']).where('series_id', '=', s.id).orderBy('start_date', 'desc').orderBy('id').execute();
    return (
      <FormPage
        {...base(c)}
        entity="series"
        title={t('edit.editSeries', { title: s.title })}
        action={href(`/admin/series/${s.slug}/edit`)}
        values={values ?? formValues('series', s)}
        errors={errors}
        version={s.version}
        submit={t('edit.save')}
        saved={c.req.query('saved') === '1'}
        nav={
          <p>
            <TranslationLinks t={t} uiLang={lang} base={`/admin/series/${s.slug}/translations`} eventLang={s.lang} />
          </p>
        }
      >
        <h2>{t('edit.events')}</h2>
        <ul>
          {events.map((e) => (
            <li>
              <a href={href(`/admin/events/${e.id}`)}>
                <bdi>{e.title}</bdi>
              </a>{' '}
              (<time datetime={e.start_date}>{longDate(e.start_date, lang)}</time>, {t(`admin.status.${e.status}`)})
            </li>
          ))}
        </ul>
        {readOnly(viewerOf(c)) ? null : (
          <p>
            <a href={href(`/admin/series/${s.slug}/events/new`)}>{t('edit.newEvent', { title: s.title })}</a>
            {' · '}
            <a href={href(`/admin/series/${s.slug}/import`)}>{t('importPage.link')}</a>
          </p>
        )}
      </FormPage>
    );
  };
  app.get('/series/:slug/edit', guard(opts, onSeries), async (c) => html(c, await seriesPage(c, c.req.param('slug'))));
  app.post('/series/:slug/edit', guard(opts, onSeries), async (c) => {
    const s = (await seriesBySlug(db, c.req.param('slug')))!;
    const b = await body(c);
    return saving(
      c,
      'series',
      s.title,
      `/admin/series/${s.slug}/edit`,
      `/admin/series/${s.slug}/edit`,
      async () => {
        await saveForm(opts.storage, actorOf(c), 'series', s.id, parseVersion(b.version), b);
        const slug = typeof b.slug === 'string' ? b.slug.trim() : s.slug;
        return c.redirect(`/admin/series/${slug}/edit?saved=1`, 303);
      },
      (v, e) => seriesPage(c, s.slug, v, e),
    );
  });

  // ---- events -------------------------------------------------------------------------------
  const newEventPage = async (c: C, slug: string, values: Record<string, string>, errors: FieldErrors = {}) => {
    const s = (await seriesBySlug(db, slug))!;
    return <FormPage {...base(c)} entity="event" title={t('edit.newEvent', { title: s.title })} action={href(`/admin/series/${s.slug}/events`)} values={values} errors={errors} submit={t('edit.create')} />;
  };
  app.get('/series/:slug/events/new', guard(opts, onSeries), async (c) => html(c, await newEventPage(c, c.req.param('slug'), EMPTY.event)));
  app.post('/series/:slug/events', guard(opts, onSeries), async (c) => {
    const s = (await seriesBySlug(db, c.req.param('slug')))!;
    const v = await body(c);
    return saving(
      c,
      'event',
      '',
      `/admin/series/${s.slug}/events`,
      `/admin/series/${s.slug}/edit`,
      async () => c.redirect(`/admin/events/${await createEvent(opts.storage, actorOf(c), s.id, v)}?saved=1`, 303),
      (vals, e) => newEventPage(c, s.slug, vals, e),
    );
  });

  const eventPage = async (c: C, id: number, values?: Record<string, string>, errors: FieldErrors = {}) => {
    const w = (await eventForWorkspace(db, id))!;
    const { event, days, sessions } = w;
    const viewer = viewerOf(c);
    // What to look at before publishing; nothing here blocks it.
    const warnings = await warningsForEvent(db, id);
    // The release the public sees, and whether the working copy has changed since.
    const changes = await unpublishedChanges(db, id);
    const publicSlug = (await db.selectFrom('pub_event').select('slug').where('id', '=', id).executeTakeFirst())?.slug;
    const pending = changes && publicSlug ? { ...changes, slug: publicSlug } : null;
    return (
      <FormPage
        {...base(c)}
        entity="event"
        title={t('edit.editEvent', { title: event.title })}
        action={href(`/admin/events/${id}`)}
        values={values ?? formValues('event', event)}
        errors={errors}
        version={event.version}
        submit={t('edit.save')}
        saved={c.req.query('saved') === '1'}
        nav={
          <p>
            <a href={href(`/admin/series/${w.series.slug}/edit`)}>
              <bdi>{w.series.title}</bdi>
            </a>
            {' · '}
            <a href={href(`/admin/events/${id}/materials`)}>{t('materials.label')}</a>
            {' · '}
            <TranslationLinks t={t} uiLang={lang} eventId={id} eventLang={event.lang} />
            {readOnly(viewer) ? null : (
              <>
                {' · '}
                <a href={href(`/admin/events/${id}/import`)}>{t('importPage.linkEvent')}</a>
              </>
            )}
            {' · '}
            <a href={href(`/admin/events/${id}/preview`)}>{t('publish.preview')}</a>
            {' · '}
            <a href={href(`/admin/events/${id}/publish`)}>{t('publish.link')}</a>
            {pending ? (
              <>
                {' · '}
                {/* Built in the handler, before the render sets the place: href() would give the English page. */}
                <a href={hrefIn(lang, `/events/${pending.slug}`)}>{t('edit.view')}</a>
              </>
            ) : null}
          </p>
        }
      >
        <p role="status" class="release-state">
          {pending === null
            ? t('publish.never')
            : pending.same
              ? t('publish.upToDate', { n: pending.release })
              : t('publish.unpublished', { n: pending.release })}
        </p>
        <h2 id="warnings">{t('edit.warnings')}</h2>
        {warnings.length ? (
          <ul class="warnings">
            {warnings.map((w) => (
              <li>
                <bdi>{warningText(w, t)}</bdi>
                {w.sessionId !== undefined ? (
                  <>
                    {' '}
                    <a href={href(`/admin/sessions/${w.sessionId}`)}>{t('edit.warnings.open')}</a>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('edit.warnings.none')}</p>
        )}
        <h2>{t('edit.days')}</h2>
        {days.map((d) => {
          const list = sessions.filter((s) => s.day_id === d.id);
          return (
            <section aria-labelledby={`day-${d.id}`}>
              <h3 id={`day-${d.id}`}>
                <a href={href(`/admin/days/${d.id}`)}>
                  <time datetime={d.date}>{longDate(d.date, lang)}</time>
                  {d.label ? (
                    <>
                      {' '}
                      (<bdi>{d.label}</bdi>)
                    </>
                  ) : null}
                </a>
              </h3>
              <ol>
                {list.map((s, i) => {
                  const name = s.title ?? t('edit.untitled');
                  return (
                    <li id={`s-${s.id}`}>
                      <a href={href(`/admin/sessions/${s.id}`)}>
                        {s.start_time ?? ''} <bdi>{name}</bdi>
                      </a>{' '}
                      {i > 0 ? (
                        <ActionButton viewer={viewer} action={href(`/admin/sessions/${s.id}/order`)} fields={{ version: String(s.version) }} name="direction" value="up">
                          {t('edit.moveUp')}: <bdi>{name}</bdi>
                        </ActionButton>
                      ) : null}
                      {i < list.length - 1 ? (
                        <ActionButton viewer={viewer} action={href(`/admin/sessions/${s.id}/order`)} fields={{ version: String(s.version) }} name="direction" value="down">
                          {t('edit.moveDown')}: <bdi>{name}</bdi>
                        </ActionButton>
                      ) : null}
                    </li>
                  );
                })}
              </ol>
              {readOnly(viewer) ? null : (
                <p>
                  <a href={href(`/admin/days/${d.id}/sessions/new`)}>
                    {t('edit.addSession')} (<time datetime={d.date}>{longDate(d.date, lang)}</time>)
                  </a>
                </p>
              )}
            </section>
          );
        })}
        {readOnly(viewer) ? null : (
          <p>
            <a href={href(`/admin/events/${id}/days/new`)}>{t('edit.addDay')}</a>
          </p>
        )}
      </FormPage>
    );
  };
  app.get('/events/:id', guard(opts, onRecord('event')), async (c) => html(c, await eventPage(c, idParam(c))));
  app.post('/events/:id', guard(opts, onRecord('event')), async (c) => {
    const id = idParam(c);
    const b = await body(c);
    const title = String((await recordById(db, 'event', id))?.title ?? '');
    return saving(
      c,
      'event',
      title,
      `/admin/events/${id}`,
      `/admin/events/${id}`,
      async () => {
        await saveForm(opts.storage, actorOf(c), 'event', id, parseVersion(b.version), b);
        return c.redirect(`/admin/events/${id}?saved=1`, 303);
      },
      (v, e) => eventPage(c, id, v, e),
    );
  });

  // ---- days ---------------------------------------------------------------------------------
  const newDayPage = async (c: C, eventId: number, values: Record<string, string>, errors: FieldErrors = {}) => {
    const e = (await recordById(db, 'event', eventId))!;
    return (
      <FormPage
        {...base(c)}
        entity="day"
        title={t('edit.newDay', { title: String(e.title) })}
        action={href(`/admin/events/${eventId}/days`)}
        values={values}
        errors={errors}
        submit={t('edit.create')}
        nav={
          <p>
            <a href={href(`/admin/events/${eventId}`)}>
              <bdi>{String(e.title)}</bdi>
            </a>
          </p>
        }
      />
    );
  };
  app.get('/events/:id/days/new', guard(opts, onRecord('event')), async (c) => html(c, await newDayPage(c, idParam(c), EMPTY.day)));
  app.post('/events/:id/days', guard(opts, onRecord('event')), async (c) => {
    const id = idParam(c);
    const b = await body(c);
    return saving(
      c,
      'day',
      '',
      `/admin/events/${id}/days`,
      `/admin/events/${id}`,
      async () => {
        await createDay(opts.storage, actorOf(c), id, b);
        return c.redirect(`/admin/events/${id}?saved=1`, 303);
      },
      (v, e) => newDayPage(c, id, v, e),
    );
  });

  const dayPage = async (c: C, id: number, values?: Record<string, string>, errors: FieldErrors = {}) => {
    const d = (await recordById(db, 'day', id))!;
    return (
      <FormPage
        {...base(c)}
        entity="day"
        title={t('edit.editDay', { date: longDate(String(d.date), lang) })}
        action={href(`/admin/days/${id}`)}
        values={values ?? formValues('day', d)}
        errors={errors}
        version={Number(d.version)}
        submit={t('edit.save')}
        saved={c.req.query('saved') === '1'}
        nav={
          <p>
            <a href={href(`/admin/events/${d.event_id}`)}>{t('admin.events')}</a>
            {readOnly(viewerOf(c)) ? null : (
              <>
                {' · '}
                <a href={href(`/admin/days/${id}/delete`)}>{t('edit.delete.day')}</a>
              </>
            )}
          </p>
        }
      />
    );
  };
  app.get('/days/:id', guard(opts, onRecord('day')), async (c) => html(c, await dayPage(c, idParam(c))));
  app.post('/days/:id', guard(opts, onRecord('day')), async (c) => {
    const id = idParam(c);
    const b = await body(c);
    const d = (await recordById(db, 'day', id))!;
    return saving(
      c,
      'day',
      String(d.date),
      `/admin/days/${id}`,
      `/admin/days/${id}`,
      async () => {
        await saveForm(opts.storage, actorOf(c), 'day', id, parseVersion(b.version), b);
        return c.redirect(`/admin/days/${id}?saved=1`, 303);
      },
      (v, e) => dayPage(c, id, v, e),
    );
  });

  // ---- sessions -----------------------------------------------------------------------------
  const newSessionPage = async (c: C, dayId: number, values: Record<string, string>, errors: FieldErrors = {}) => {
    const d = (await recordById(db, 'day', dayId))!;
    return (
      <FormPage
        {...base(c)}
        entity="session"
        title={t('edit.newSession', { date: longDate(String(d.date), lang) })}
        action={href(`/admin/days/${dayId}/sessions`)}
        values={values}
        errors={errors}
        submit={t('edit.create')}
        nav={
          <p>
            <a href={href(`/admin/events/${d.event_id}`)}>{t('admin.events')}</a>
          </p>
        }
      />
    );
  };
  app.get('/days/:id/sessions/new', guard(opts, onRecord('day')), async (c) => html(c, await newSessionPage(c, idParam(c), EMPTY.session)));
  app.post('/days/:id/sessions', guard(opts, onRecord('day')), async (c) => {
    const id = idParam(c);
    const b = await body(c);
    return saving(
      c,
      'session',
      '',
      `/admin/days/${id}/sessions`,
      `/admin/days/${id}`,
      async () => c.redirect(`/admin/sessions/${await createSession(opts.storage, actorOf(c), id, b)}?saved=1`, 303),
      (v, e) => newSessionPage(c, id, v, e),
    );
  });

  const sessionPage = async (c: C, id: number, values?: Record<string, string>, errors: FieldErrors = {}, typedName?: string, similar?: { name: string; role: string; people: Array<{ id: number; name: string; reason?: MatchReason; organizations?: string[] }> }) => {
    const w = (await sessionForWorkspace(db, id))!;
    const { session: s } = w;
    const viewer = viewerOf(c);
    const name = s.title ?? t('edit.untitled');
    const q = (c.req.query('q') ?? '').trim().slice(0, 200);
    const words = normaliseName(q).split(' ').filter(Boolean);
    const found = words.length ? await searchPersons(db, words, 20, reachOf(c.get('auth')!.account)) : [];
    // A person found by another of their names says which (the reason they are listed).
    const knownAs = new Map<number, string>();
    if (found.length) {
      const own = new Map(found.map((p) => [p.id, normaliseName(p.name)]));
      for (const a of await db.selectFrom('person_alias').select(['person_id', 'name', 'name_key']).where('person_id', 'in', found.map((p) => p.id)).orderBy('id').execute()) {
        const holds = (k: string) => words.every((w) => k.split(' ').includes(w));
        if (!holds(own.get(a.person_id) ?? '') && holds(a.name_key) && !knownAs.has(a.person_id)) knownAs.set(a.person_id, a.name);
      }
    }
    const roleGroups = (['moderator', 'speaker'] as const).map((role) => ({ role, list: w.appearances.filter((a) => a.role === role) }));
    return (
      <FormPage
        {...base(c)}
        entity="session"
        title={t('edit.editSession', { title: name })}
        action={href(`/admin/sessions/${id}`)}
        values={values ?? formValues('session', s)}
        errors={errors}
        version={s.version}
        submit={t('edit.save')}
        saved={c.req.query('saved') === '1'}
        nav={
          <p>
            <a href={href(`/admin/events/${w.event.id}`)}>
              <bdi>{w.event.title}</bdi>
            </a>
            {readOnly(viewer) ? null : (
              <>
                {' · '}
                <a href={href(`/admin/sessions/${id}/delete`)}>{t('edit.delete.session')}</a>
              </>
            )}
          </p>
        }
      >
        {readOnly(viewer) ? null : (
          <>
        <h2>{t('edit.moveToDay')}</h2>
        <form method="post" action={href(`/admin/sessions/${id}/move`)} class="stack">
          <input type="hidden" name="_csrf" value={viewer.csrfToken} />
          <input type="hidden" name="version" value={String(s.version)} />
          <p>
            <label for="f-day_id">{t('edit.field.day_id')}</label>
            <select id="f-day_id" name="day_id">
              {w.days.map((d) => (
                <option value={String(d.id)} selected={d.id === s.day_id}>
                  {longDate(String(d.date), t.lang ?? 'en')}
                  {d.label ? ` (${d.label})` : ''}
                </option>
              ))}
            </select>
          </p>
          <p>
            <button type="submit">{t('edit.move')}</button>
          </p>
        </form>
          </>
        )}
        <h2>{t('edit.people')}</h2>
        {w.appearances.length === 0 ? <p>{t('edit.people.none')}</p> : null}
        {roleGroups.map((g) =>
          g.list.length ? (
            <section aria-labelledby={`role-${g.role}`}>
              <h3 id={`role-${g.role}`}>{t(`edit.role.${g.role}`)}</h3>
              <ol>
                {g.list.map((a, i) => (
                  <li id={`a-${a.id}`}>
                    <a href={href(`/admin/appearances/${a.id}`)}>
                      <bdi>{a.name}</bdi>
                    </a>{' '}
                    {i > 0 ? (
                      <ActionButton viewer={viewer} action={href(`/admin/appearances/${a.id}/order`)} fields={{ version: String(a.version) }} name="direction" value="up">
                        {t('edit.moveUp')}: <bdi>{a.name}</bdi>
                      </ActionButton>
                    ) : null}
                    {i < g.list.length - 1 ? (
                      <ActionButton viewer={viewer} action={href(`/admin/appearances/${a.id}/order`)} fields={{ version: String(a.version) }} name="direction" value="down">
                        {t('edit.moveDown')}: <bdi>{a.name}</bdi>
                      </ActionButton>
                    ) : null}
                  </li>
                ))}
              </ol>
            </section>
          ) : null,
        )}
        {readOnly(viewer) ? null : (
          <>
        <h3 id="search-heading">{t('edit.search')}</h3>
        <form method="get" action={href(`/admin/sessions/${id}#search-heading`)} class="stack" role="search" aria-labelledby="search-heading">
          <p>
            <label for="f-q">{t('edit.field.name')}</label>
            <input id="f-q" name="q" type="search" value={q} />
          </p>
          <p>
            <button type="submit">{t('edit.search.button')}</button>
          </p>
        </form>
        {q ? (
          found.length ? (
            <section aria-labelledby="results-heading">
              <h4 id="results-heading">{t('edit.search.results', { q })}</h4>
              <ul>
                {found.map((p) => (
                  <li>
                    <bdi>{p.name}</bdi>
                    {knownAs.has(p.id) ? (
                      <span class="hint">{` (${t('identity.knownAs')} `}<bdi>{knownAs.get(p.id)}</bdi>)</span>
                    ) : null}{' '}
                    {(['speaker', 'moderator'] as const).map((role) => (
                      <ActionButton viewer={viewer} action={href(`/admin/sessions/${id}/appearances`)} fields={{ person_id: String(p.id), role }}>
                        {t('edit.addAs', { role: t(`edit.role.${role}`) })}: <bdi>{p.name}</bdi>
                      </ActionButton>
                    ))}
                  </li>
                ))}
              </ul>
            </section>
          ) : (
            <p role="status">{t('edit.search.none')}</p>
          )
        ) : null}
        {similar ? (
          <section aria-labelledby="similar-heading" class="notice">
            <h3 id="similar-heading">{t('edit.similar', { name: similar.name })}</h3>
            <ul>
              {similar.people.map((p) => (
                <li>
                  <ActionButton viewer={viewer} action={href(`/admin/sessions/${id}/appearances`)} fields={{ person_id: String(p.id), role: similar.role }}>
                    {t('edit.addAs', { role: t(`edit.role.${similar.role as 'speaker' | 'moderator'}`) })}{t('punct.colon')}<bdi>{p.name}</bdi>
                  </ActionButton>{' '}
                  {p.reason ? <span class="hint">{t(`identity.reason.${p.reason}`)}{p.organizations?.length ? ` (${listOf(p.organizations, lang, 'unit')})` : ''}</span> : null}
                </li>
              ))}
            </ul>
            <ActionButton viewer={viewer} action={href(`/admin/sessions/${id}/appearances`)} fields={{ name: similar.name, role: similar.role, confirm_new: '1' }}>
              {t('edit.similar.new', { name: similar.name })}
            </ActionButton>
          </section>
        ) : null}
        <h3 id="new-person">{t('edit.addNew')}</h3>
        <form method="post" action={href(`/admin/sessions/${id}/appearances`)} class="stack" aria-labelledby="new-person">
          <input type="hidden" name="_csrf" value={viewer.csrfToken} />
          <p>
            <label for="f-name">{t('edit.field.name')}</label>
            {errors.name ? (
              <strong class="field-error" id="f-name-error">
                {fieldError(t, errors.name)}
              </strong>
            ) : null}
            <input id="f-name" name="name" type="text" data-suggest="person" value={typedName ?? q} aria-describedby={errors.name ? 'f-name-error' : undefined} aria-invalid={errors.name ? 'true' : undefined} />
          </p>
          <p>
            <label for="f-new-role">{t('edit.field.role')}</label>
            <select id="f-new-role" name="role">
              <option value="speaker">{t('edit.role.speaker')}</option>
              <option value="moderator">{t('edit.role.moderator')}</option>
            </select>
          </p>
          <p>
            <button type="submit">{t('edit.add')}</button>
          </p>
        </form>
          </>
        )}
      </FormPage>
    );
  };
  app.get('/sessions/:id', guard(opts, onRecord('session')), async (c) => html(c, await sessionPage(c, idParam(c))));
  app.post('/sessions/:id', guard(opts, onRecord('session')), async (c) => {
    const id = idParam(c);
    const b = await body(c);
    const s = (await recordById(db, 'session', id))!;
    return saving(
      c,
      'session',
      String(s.title ?? t('edit.untitled')),
      `/admin/sessions/${id}`,
      `/admin/sessions/${id}`,
      async () => {
        await saveForm(opts.storage, actorOf(c), 'session', id, parseVersion(b.version), b);
        return c.redirect(`/admin/sessions/${id}?saved=1`, 303);
      },
      (v, e) => sessionPage(c, id, v, e),
    );
  });
  app.post('/sessions/:id/move', guard(opts, onRecord('session')), async (c) => {
    const id = idParam(c);
    const b = await body(c);
    const dayId = typeof b.day_id === 'string' && /^\d{1,10}$/.test(b.day_id) ? Number(b.day_id) : NaN;
    if (!Number.isSafeInteger(dayId)) throw new InvalidInput({ field: 'day_id', message: formMessage('chooseDay') });
    try {
      await moveSession(opts.storage, actorOf(c), id, parseVersion(b.version), dayId);
    } catch (e) {
      if (e instanceof FormInvalid) throw new InvalidInput(e.refusals);
      throw e;
    }
    return c.redirect(`/admin/sessions/${id}?saved=1`, 303);
  });
  const direction = (b: Record<string, unknown>) => {
    if (b.direction !== 'up' && b.direction !== 'down') throw new InvalidInput({ field: 'direction', message: formMessage('upOrDown') });
    return b.direction;
  };
  app.post('/sessions/:id/order', guard(opts, onRecord('session')), async (c) => {
    const id = idParam(c);
    const b = await body(c);
    await reorder(opts.storage, actorOf(c), 'session', id, parseVersion(b.version), direction(b));
    const s = (await recordById(db, 'session', id))!;
    // Back to where the button was, so the keyboard goes on from there.
    return c.redirect(`/admin/events/${s.event_id}?saved=1#s-${id}`, 303);
  });

  // ---- appearances --------------------------------------------------------------------------
  app.post('/sessions/:id/appearances', guard(opts, onRecord('session')), async (c) => {
    const id = idParam(c);
    const b = await body(c);
    const role = b.role === 'moderator' || b.role === 'speaker' ? b.role : null;
    if (!role) throw new InvalidInput({ field: 'role', message: formMessage('role') });
    const personId = typeof b.person_id === 'string' && /^[1-9]\d{0,9}$/.test(b.person_id) ? Number(b.person_id) : undefined;
    // A name typed anew that resembles someone already in the archive ("W. L. Swing", "William
    // Swing"): the page asks first, so that one person does not become two.
    if (personId === undefined && typeof b.name === 'string' && b.confirm_new !== '1') {
      const people = await similarPersons(db, b.name, reachOf(c.get('auth')!.account));
      if (people.length) return await html(c, await sessionPage(c, id, undefined, {}, b.name, { name: b.name.trim(), role, people }), 200);
    }
    try {
      await addAppearance(opts.storage, actorOf(c), { sessionId: id, role, ...(personId !== undefined ? { personId } : { name: typeof b.name === 'string' ? b.name : '', newPerson: b.confirm_new === '1' }) });
    } catch (e) {
      if (e instanceof FormInvalid) return await html(c, await sessionPage(c, id, undefined, e.errors, typeof b.name === 'string' ? b.name : ''), 400);
      throw e;
    }
    return c.redirect(`/admin/sessions/${id}?saved=1`, 303);
  });
  // The affiliation as printed for this occasion, apart from the person.
  const appearancePage = async (c: C, id: number, values?: Record<string, string>, errors: FieldErrors = {}) => {
    const a = (await recordById(db, 'appearance', id))!;
    const person = (await recordById(db, 'person', Number(a.person_id)))!;
    // Without JavaScript, organizations are found first by a search; a result fills the field (saved with the form).
    const chosen = c.req.query('organization');
    const organization = chosen ?? (await organizationName(db, a.organization_id)) ?? '';
    const oq = (c.req.query('oq') ?? '').trim().slice(0, 200);
    const found = oq ? await suggestNames(db, 'organization', oq, reachOf(c.get('auth')!.account)) : [];
    return (
      <FormPage
        {...base(c)}
        entity="appearance"
        title={t('edit.editAppearance', { name: String(person.name) })}
        action={href(`/admin/appearances/${id}`)}
        values={values ?? { ...formValues('appearance', a), organization }}
        errors={errors}
        version={Number(a.version)}
        submit={t('edit.save')}
        saved={c.req.query('saved') === '1'}
        nav={
          <p>
            <a href={href(`/admin/sessions/${a.session_id}`)}>{t('edit.people')}</a>
            {readOnly(viewerOf(c)) ? null : (
              <>
                {' · '}
                <a href={href(`/admin/appearances/${id}/delete`)}>{t('edit.delete.appearance')}</a>
              </>
            )}
            {' · '}
            <a href={href(`/admin/persons/${a.person_id}`)}>
              {t('edit.editPerson')}: <bdi>{String(person.name)}</bdi>
            </a>
            {a.organization_id !== null ? (
              <>
                {' · '}
                <a href={href(`/admin/organizations/${a.organization_id}`)}>{t('edit.editOrganization')}</a>
              </>
            ) : null}
          </p>
        }
      >
        <h2 id="org-search-heading">{t('edit.orgSearch')}</h2>
        <form method="get" action={href(`/admin/appearances/${id}#org-search-heading`)} class="stack" role="search" aria-labelledby="org-search-heading">
          <p>
            <label for="f-oq">{t('edit.field.organization')}</label>
            <input id="f-oq" name="oq" type="search" value={oq} />
          </p>
          <p>
            <button type="submit">{t('edit.search.button')}</button>
          </p>
        </form>
        {oq ? (
          found.length ? (
            <ul aria-label={t('edit.orgSearch.results', { q: oq })}>
              {found.map((name) => (
                <li>
                  <a href={href(`/admin/appearances/${id}?organization=${encodeURIComponent(name)}#f-organization`)}>
                    {t('edit.useOrganization')}: <bdi>{name}</bdi>
                  </a>
                </li>
              ))}
            </ul>
          ) : (
            <p role="status">{t('edit.search.none')}</p>
          )
        ) : null}
        {await speakerLinksSection(db, t, viewerOf(c), id)}
      </FormPage>
    );
  };
  app.get('/appearances/:id', guard(opts, onRecord('appearance')), async (c) => html(c, await appearancePage(c, idParam(c))));
  app.post('/appearances/:id', guard(opts, onRecord('appearance')), async (c) => {
    const id = idParam(c);
    const b = await body(c);
    const a = (await recordById(db, 'appearance', id))!;
    const person = (await recordById(db, 'person', Number(a.person_id)))!;
    return saving(
      c,
      'appearance',
      String(person.name),
      `/admin/appearances/${id}`,
      `/admin/appearances/${id}`,
      async () => {
        await saveForm(opts.storage, actorOf(c), 'appearance', id, parseVersion(b.version), b);
        return c.redirect(`/admin/appearances/${id}?saved=1`, 303);
      },
      (v, e) => appearancePage(c, id, v, e),
    );
  });
  // ---- persons and organizations -----------------------------------------------------------
  const onNamed = (table: 'person' | 'organization') => onNamedOf(db, table);
  for (const table of ['person', 'organization'] as const) {
    const path = table === 'person' ? '/persons' : '/organizations';
    const namedPage = async (c: C, id: number, values?: Record<string, string>, errors: FieldErrors = {}) => {
      const r = await recordById(db, table, id);
      if (!r) throw new NotFound(noRecord(table, id));
      // Its aliases, merges, and an admin's merge and split (web/admin/identities.tsx).
      const identity = await IdentitySection({ db, t, viewer: viewerOf(c), entity: table, id, name: String(r.name) });
      return (
        <FormPage
          {...base(c)}
          entity={table}
          title={String(r.name)}
          action={href(`/admin${path}/${id}`)}
          values={values ?? formValues(table, r)}
          errors={errors}
          version={Number(r.version)}
          submit={t('edit.save')}
          saved={c.req.query('saved') === '1' || c.req.query('merged') !== undefined || c.req.query('unmerged') === '1' || c.req.query('split') === '1'}
        >
          {identity}
        </FormPage>
      );
    };
    app.get(`${path}/:id`, guard(opts, onNamed(table)), async (c) => html(c, await namedPage(c, idParam(c))));
    app.post(`${path}/:id`, guard(opts, onNamed(table)), async (c) => {
      const id = idParam(c);
      const b = await body(c);
      const r = await recordById(db, table, id);
      if (!r) throw new NotFound(noRecord(table, id));
      return saving(
        c,
        table,
        String(r.name),
        `/admin${path}/${id}`,
        `/admin${path}/${id}`,
        async () => {
          await saveForm(opts.storage, actorOf(c), table, id, parseVersion(b.version), b);
          return c.redirect(`/admin${path}/${id}?saved=1`, 303);
        },
        (v, e) => namedPage(c, id, v, e),
      );
    });
  }

  app.post('/appearances/:id/order', guard(opts, onRecord('appearance')), async (c) => {
    const id = idParam(c);
    const b = await body(c);
    await reorder(opts.storage, actorOf(c), 'appearance', id, parseVersion(b.version), direction(b));
    const a = (await recordById(db, 'appearance', id))!;
    return c.redirect(`/admin/sessions/${a.session_id}?saved=1#a-${id}`, 303);
  });

  // ---- deleting ---------------------------------------------------------------------------
  // A page that says what goes, then a button: deleting works without JavaScript and is never one stray click.
  for (const [entity, path] of [['day', '/days'], ['session', '/sessions'], ['appearance', '/appearances']] as const) {
    app.get(`${path}/:id/delete`, guard(opts, onRecord(entity)), async (c) => {
      const id = idParam(c);
      const row = await recordById(db, entity, id);
      if (!row) throw new NotFound(noRecord(entity, id));
      const what =
        entity === 'day'
          ? longDate(String(row.date), lang)
          : entity === 'session'
            ? String(row.title ?? t('edit.untitled'))
            : String((await recordById(db, 'person', Number(row.person_id)))?.name ?? '');
      const people = entity === 'session' ? (await db.selectFrom('appearance').select('id').where('session_id', '=', id).execute()).length : 0;
      // A day that still holds sessions cannot go: the page says so instead of offering a button that fails.
      const held = entity === 'day' ? (await db.selectFrom('session').select('id').where('day_id', '=', id).execute()).length : 0;
      return html(
        c,
        <DeletePage
          {...base(c)}
          title={t(`edit.delete.${entity}.title`, { what })}
          body={held ? t('edit.delete.day.held', { n: String(held) }) : t(`edit.delete.${entity}.body`, { n: String(people) })}
          blocked={held > 0}
          action={href(`/admin${path}/${id}/delete`)}
          version={Number(row.version)}
          back={`/admin${path}/${id}`}
        />,
      );
    });
    app.post(`${path}/:id/delete`, guard(opts, onRecord(entity)), async (c) => {
      const b = await body(c);
      const gone = await deleteRecord(opts.storage, actorOf(c), entity, idParam(c), parseVersion(b.version));
      return c.redirect(gone.sessionId !== undefined ? `/admin/sessions/${gone.sessionId}?saved=1` : `/admin/events/${gone.eventId}?saved=1`, 303);
    });
  }
}
