/** @jsxImportSource hono/jsx */
// Import in the browser: /admin/series/{slug}/import (a new event) and /admin/events/{id}/import
// (an existing one) take an agenda file; /admin/imports/{draft} shows what the reader made of it,
// day by day and session by session with each warning by its line, and whom it found or will make,
// in forms the editor corrects before confirming (plain POST and re-render, no JavaScript).
// Editors of the series only; the reading waits in the database (operations/import-draft.ts).
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { type AgendaPerson, type AgendaWarning, SESSION_KINDS } from '../../domain/agenda.ts';
import { InvalidInput, NotFound, type Refusal } from '../../domain/errors.ts';
import { DEFAULT_LANGUAGE, LANGUAGES } from '../../domain/language.ts';
import { normaliseName } from '../../domain/names.ts';
import { MAX_INPUT_BYTES } from '../../importer/read-input.ts';
import {
  confirmImportDraft,
  correctImportDraft,
  createImportDraft,
  discardImportDraft,
  draftDigest,
  type DraftPreview,
  fieldName,
  type ImportDraft,
  loadImportDraft,
  type NamedInDraft,
  type Identity,
  newEventTarget,
  previewImportDraft,
  UploadRefused,
} from '../../operations/import-draft.ts';
import type { ImportReport } from '../../operations/import-agenda.ts';
import { importDraftSeries } from '../../storage/queries/import-drafts.ts';
import { eventForMaterials } from '../../storage/queries/materials.ts';
import { seriesBySlug } from '../../storage/queries/editing.ts';
import { type AuthEnv, type AuthOptions, guard } from '../auth.ts';
import { translator } from '../i18n/t.ts';
import { fieldError, quantityIn, refusalText } from '../i18n/form-errors.ts';
import { importWarningText } from '../i18n/import-warnings.ts';
import type { FieldErrors } from '../../domain/editing.ts';
import type { MessageKey } from '../i18n/messages.ts';
import { AdminLayout, type Viewer } from '../views/admin.tsx';
import { renderDocument } from '../views/layout.tsx';
import { languageLabel } from '../views/admin-edit.tsx';
import { DEFAULT_UPLOAD_MAX_BYTES } from './materials.tsx';
import { ADMIN_HEADERS, viewerOf } from './routes.tsx';
import { href, placeOfRequest } from '../views/render-context.ts';
import { decimal, listOf, longDate, timestamp } from '../views/format.ts';
import { type FieldMessage, FormMessage, formMessage, noRecord } from '../../domain/form-messages.ts';

/** Room for the form's other fields and the multipart framing around the file. */
const FORM_OVERHEAD = 64 * 1024;

type C = Context<AuthEnv>;
type Status = 200 | 400 | 409;
type Errors = FieldErrors;
type Typed = Record<string, string>;

/** A form field's name as an element id. */
const idOf = (name: string) => `f-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;

export function importRoutes(app: Hono<AuthEnv>, opts: AuthOptions & { uploadMaxBytes?: number | undefined }): void {
  const lang = opts.lang ?? DEFAULT_LANGUAGE;
  const t = translator(lang);
  const db = opts.storage.db;
  // The workspace's upload limit, and never more than the reader takes (importer/read-input.ts).
  const maxBytes = Math.min(opts.uploadMaxBytes ?? DEFAULT_UPLOAD_MAX_BYTES, MAX_INPUT_BYTES);
  const maxMb = Math.round((maxBytes / 1024 / 1024) * 10) / 10;
  const html = async (c: C, node: unknown, status: Status = 200) => c.html(await renderDocument(node, placeOfRequest(c.req, opts.baseUrl())), status, ADMIN_HEADERS);
  const isAdmin = (c: C) => c.get('auth')?.account.role === 'admin';
  const intParam = (c: C, name: string) => {
    const v = c.req.param(name) ?? '';
    if (!/^\d{1,9}$/.test(v)) throw new NotFound(formMessage('noSuchPage'));
    return Number(v);
  };

  // Importing changes content: viewers may not, even to look at a reading.
  const onSeries = async (c: C) => {
    const s = await seriesBySlug(db, c.req.param('slug') ?? '');
    if (!s && isAdmin(c)) throw new NotFound(formMessage('noSeries', { slug: c.req.param('slug') ?? '' }));
    return s ? { action: 'edit-content' as const, seriesId: s.id } : { action: 'edit-content' as const };
  };
  const onEvent = async (c: C) => {
    const e = await eventForMaterials(db, intParam(c, 'eventId'));
    if (!e && isAdmin(c)) throw new NotFound(noRecord('event', c.req.param('eventId') ?? ''));
    return e ? { action: 'edit-content' as const, seriesId: e.seriesId } : { action: 'edit-content' as const };
  };
  // A draft's address is a random token, so that one confirmed or discarded is said to be gone
  // (to whoever reloads its page) without telling anyone which others exist; anything that is not
  // such a token is refused like another series' record, and admins are told there is none.
  const onDraft = async (c: C) => {
    const id = c.req.param('draftId') ?? '';
    const seriesId = await importDraftSeries(db, id);
    if (seriesId === undefined && (isAdmin(c) || /^[A-Za-z0-9_-]{24}$/.test(id))) await loadImportDraft(opts.storage, id);
    return seriesId === undefined ? { action: 'edit-content' as const } : { action: 'edit-content' as const, seriesId };
  };

  // A body that says it is too large is refused before it is read; one without a length is cut off past the limit as it arrives.
  const tooLarge = () => new InvalidInput(formMessage('importTooLarge', { mb: maxMb }));
  const cutOff = bodyLimit({
    maxSize: maxBytes + FORM_OVERHEAD,
    onError: () => {
      throw tooLarge();
    },
  });
  const limitBody = async (c: C, next: () => Promise<void>) => {
    const length = Number(c.req.header('content-length') ?? 'NaN');
    if (length > maxBytes + FORM_OVERHEAD) throw tooLarge();
    return cutOff(c, next);
  };
  /** The posted fields as strings (files and the token left out). */
  const fieldsOf = (body: Record<string, unknown>): Typed =>
    Object.fromEntries(Object.entries(body).flatMap(([k, v]) => (typeof v === 'string' && k !== '_csrf' ? [[k, v]] : [])));

  // ---- upload ---------------------------------------------------------------------------------
  type UploadInto = { kind: 'series'; seriesId: number; slug: string; title: string } | { kind: 'event'; seriesId: number; eventId: number; title: string };
  const uploadInto = async (c: C): Promise<UploadInto> => {
    if (c.req.param('slug') !== undefined) {
      const s = (await seriesBySlug(db, c.req.param('slug')!))!;
      return { kind: 'series', seriesId: s.id, slug: s.slug, title: s.title };
    }
    const e = (await eventForMaterials(db, intParam(c, 'eventId')))!;
    return { kind: 'event', seriesId: e.seriesId, eventId: e.id, title: e.title };
  };
  const actionOf = (into: UploadInto) => (into.kind === 'series' ? `/admin/series/${into.slug}/import` : `/admin/events/${into.eventId}/import`);

  const uploadForm = async (c: C, status: Status = 200, typed: Typed = {}, error?: { at: string; refusals: readonly Refusal[] }) => {
    const into = await uploadInto(c);
    return html(c, <UploadPage viewer={viewerOf(c)} into={into} typed={typed} {...(error ? { error } : {})} />, status);
  };
  const upload = async (c: C) => {
    const into = await uploadInto(c);
    const body = (await c.req.parseBody()) as Record<string, unknown>;
    const typed = fieldsOf(body);
    try {
      const file = body['file'];
      if (!(file instanceof File) || (file.size === 0 && file.name === '')) throw new UploadRefused({ field: 'file', message: formMessage('chooseUpload') }, 'file');
      const bytes = new Uint8Array(await file.arrayBuffer());
      const target =
        into.kind === 'series'
          ? newEventTarget(typed)
          : await (async () => {
              const e = (await db.selectFrom('event').select(['slug', 'lang']).where('id', '=', into.eventId).executeTakeFirstOrThrow());
              return { slug: e.slug, title: null, timeZone: null, startDate: null, lang: LANGUAGES.find((l) => l === e.lang) ?? DEFAULT_LANGUAGE };
            })();
      const id = await createImportDraft(opts.storage, {
        accountId: c.get('auth')!.account.id,
        seriesId: into.seriesId,
        eventId: into.kind === 'event' ? into.eventId : null,
        target,
        upload: { name: file.name, bytes },
      });
      return c.redirect(`/admin/imports/${id}`, 303);
    } catch (e) {
      if (!(e instanceof InvalidInput)) throw e;
      return uploadForm(c, 400, typed, { at: e instanceof UploadRefused ? e.field : 'file', refusals: e.refusals });
    }
  };
  app.get('/series/:slug/import', guard(opts, onSeries), (c) => uploadForm(c));
  app.post('/series/:slug/import', limitBody, guard(opts, onSeries), upload);
  app.get('/events/:eventId/import', guard(opts, onEvent), (c) => uploadForm(c));
  app.post('/events/:eventId/import', limitBody, guard(opts, onEvent), upload);

  // ---- the reading, its corrections, its confirmation -----------------------------------------
  const draftPage = async (c: C, draft: ImportDraft, status: Status = 200, typed: Typed = {}, errors: Errors = {}) => {
    const preview = await previewImportDraft(opts.storage, draft);
    const series = await db.selectFrom('series').select(['slug', 'title']).where('id', '=', draft.seriesId).executeTakeFirstOrThrow();
    const event = draft.eventId === null ? null : await eventForMaterials(db, draft.eventId);
    return html(
      c,
      <DraftPage viewer={viewerOf(c)} draft={draft} preview={preview} series={series} event={event} typed={typed} errors={errors} corrected={c.req.query('corrected') === '1'} />,
      status,
    );
  };
  const draftId = (c: C) => c.req.param('draftId') ?? '';

  app.get('/imports/:draftId', guard(opts, onDraft), async (c) => draftPage(c, await loadImportDraft(opts.storage, draftId(c))));

  app.post('/imports/:draftId', guard(opts, onDraft), async (c) => {
    const id = draftId(c);
    const form = fieldsOf((await c.req.parseBody()) as Record<string, unknown>);
    const r = await correctImportDraft(opts.storage, id, form);
    if (!r.ok) return draftPage(c, r.draft, 400, form, r.errors);
    if (form['do'] !== 'confirm') return c.redirect(`/admin/imports/${id}?corrected=1`, 303);
    try {
      const { eventId, report } = await confirmImportDraft(opts.storage, id, c.get('auth')!.account.id);
      // What was done, as the command line prints it: counts, what was kept as edited by hand, the import's warnings.
      const event = (await eventForMaterials(db, eventId))!;
      return html(c, <ImportedPage viewer={viewerOf(c)} event={event} report={report} />);
    } catch (e) {
      // What importAgenda refuses (a day without a date, a slug taken meanwhile) is said on the page, nothing stored.
      if (!(e instanceof InvalidInput)) throw e;
      // The command line's option names mean nothing here: `--start-date` is the First day field above, named as the page names it.
      return draftPage(c, await loadImportDraft(opts.storage, id), 400, {}, { agenda: e.refusals.length === 1 ? asField(e.refusals[0]!.message) : refusalText(t, e.refusals.map((r) => ({ ...r, message: asField(r.message) }))) });
    }
  });

  app.post('/imports/:draftId/discard', guard(opts, onDraft), async (c) => {
    const draft = await loadImportDraft(opts.storage, draftId(c));
    await discardImportDraft(opts.storage, draft.id);
    if (draft.eventId !== null) return c.redirect(`/admin/events/${draft.eventId}`, 303);
    const s = await db.selectFrom('series').select('slug').where('id', '=', draft.seriesId).executeTakeFirstOrThrow();
    return c.redirect(`/admin/series/${s.slug}/edit`, 303);
  });

  /** An import's refusal with its `{option}` (a command line's option) given as the form's field that holds it. */
  const OPTION_FIELDS: Record<string, MessageKey> = { '--start-date': 'importPage.startDate', '--title': 'importPage.eventTitleField', '--time-zone': 'importPage.timeZone', '--event': 'importPage.eventSlug' };
  const asField = (m: FieldMessage): FieldMessage => {
    if (!(m instanceof FormMessage) || typeof m.params.option !== 'string') return m;
    const field = OPTION_FIELDS[m.params.option];
    return field ? new FormMessage(m.key, { ...m.params, option: t(field) }) : m;
  };

  // ---- views ----------------------------------------------------------------------------------
  const Csrf = (p: { viewer: Viewer }) => <input type="hidden" name="_csrf" value={p.viewer.csrfToken} />;

  /** A labelled text input (or select) of the correction and upload forms, its error tied to it. */
  function Input(p: { name: string; label: string; value: string | null | undefined; typed: Typed; errors: Errors; hint?: string; options?: Array<[string, string]>; required?: boolean; size?: number }) {
    const id = idOf(p.name);
    const error = p.errors[p.name];
    const hintId = p.hint ? `${id}-hint` : undefined;
    const errorId = error ? `${id}-error` : undefined;
    const value = p.typed[p.name] ?? p.value ?? '';
    const common = { id, name: p.name, 'aria-describedby': [errorId, hintId].filter(Boolean).join(' ') || undefined, 'aria-invalid': error ? 'true' : undefined, required: p.required || undefined };
    return (
      <p class={error ? 'field invalid' : 'field'}>
        <label for={id}>{p.label}</label>{' '}
        {p.hint ? (
          <>
            <span class="hint" id={hintId}>
              ({p.hint})
            </span>{' '}
          </>
        ) : null}
        {error ? (
          <>
            <strong class="field-error" id={errorId}>
              {fieldError(t, error)}
            </strong>{' '}
          </>
        ) : null}
        {p.options ? (
          <select {...common}>
            {p.options.map(([v, label]) => (
              <option value={v} selected={v === value}>
                {label}
              </option>
            ))}
          </select>
        ) : (
          <input {...common} type="text" value={value} size={p.size} />
        )}
      </p>
    );
  }

  function Check(p: { name: string; label: string; typed: Typed }) {
    const id = idOf(p.name);
    return (
      <p class="field">
        <input type="checkbox" id={id} name={p.name} value="1" checked={p.typed[p.name] === '1'} /> <label for={id}>{p.label}</label>
      </p>
    );
  }

  function UploadPage(p: { viewer: Viewer; into: UploadInto; typed: Typed; error?: { at: string; refusals: readonly Refusal[] } }) {
    const title = p.into.kind === 'series' ? t('importPage.newTitle', { title: p.into.title }) : t('importPage.eventTitle', { title: p.into.title });
    const errors: Errors = p.error ? { [p.error.at]: refusalText(t, p.error.refusals) + (p.error.at === 'file' ? '' : ` ${t('importPage.chooseAgain')}`) } : {};
    const fileError = errors['file'];
    return (
      <AdminLayout lang={lang} t={t} title={title} viewer={p.viewer}>
        <h1>{title}</h1>
        <p>{t(p.into.kind === 'series' ? 'importPage.intro' : 'importPage.introEvent')}</p>
        <form method="post" action={href(actionOf(p.into))} enctype="multipart/form-data" class="stack">
          <Csrf viewer={p.viewer} />
          <p class={fileError ? 'field invalid' : 'field'}>
            <label for="f-file">{t('importPage.file')}</label>{' '}
            <span class="hint" id="f-file-hint">
              ({t('importPage.fileHelp', { mb: decimal(maxMb, lang) })})
            </span>{' '}
            {fileError ? (
              <>
                <strong class="field-error" id="f-file-error">
                  {fieldError(t, fileError)} {t('importPage.chooseAgain')}
                </strong>{' '}
              </>
            ) : null}
            <input id="f-file" type="file" name="file" required aria-describedby={fileError ? 'f-file-error f-file-hint' : 'f-file-hint'} aria-invalid={fileError ? 'true' : undefined} accept=".txt,.html,.htm,.docx,.pdf,text/plain,text/html,application/pdf" />
          </p>
          {p.into.kind === 'series' ? (
            <>
              <Input name="event.slug" label={t('importPage.eventSlug')} hint={t('importPage.eventSlugHelp')} value="" typed={p.typed} errors={errors} required />
              <Input name="event.title" label={t('importPage.eventTitleField')} hint={t('importPage.eventTitleHelp')} value="" typed={p.typed} errors={errors} />
              <Input name="event.timeZone" label={t('importPage.timeZone')} hint={t('importPage.timeZoneHelp')} value="" typed={p.typed} errors={errors} required />
              <Input name="event.startDate" label={t('importPage.startDate')} hint={t('importPage.startDateHelp')} value="" typed={p.typed} errors={errors} />
              <Input name="event.lang" label={t('importPage.lang')} value="en" typed={p.typed} errors={errors} options={LANGUAGES.map((l) => [l, languageLabel(l)])} />
            </>
          ) : null}
          <p>
            <button type="submit">{t('importPage.upload')}</button>
          </p>
        </form>
      </AdminLayout>
    );
  }

  /** Where each warning goes: by the session or person read last at or before its line; the rest above the agenda. */
  function placeWarnings(draft: ImportDraft): { top: AgendaWarning[]; at: Map<string, AgendaWarning[]> } {
    const anchors: Array<{ line: number; key: string }> = [];
    draft.agenda.days.forEach((day, d) =>
      day.sessions.forEach((s, si) => {
        if (s.line !== undefined) anchors.push({ line: s.line, key: `s${d}.${si}` });
        for (const role of ['moderator', 'speaker'] as const) {
          (role === 'moderator' ? s.moderators : s.speakers).forEach((p, i) => {
            if (p.line !== undefined) anchors.push({ line: p.line, key: fieldName.person(d, si, role, i, 'name') });
          });
        }
      }),
    );
    anchors.sort((a, b) => a.line - b.line);
    const top: AgendaWarning[] = [];
    const at = new Map<string, AgendaWarning[]>();
    for (const w of draft.warnings) {
      let found: string | undefined;
      for (const a of anchors) {
        if (a.line > w.line) break;
        found = a.key;
      }
      if (found === undefined) top.push(w);
      else at.set(found, [...(at.get(found) ?? []), w]);
    }
    return { top, at };
  }

  /** "Line 12: venue or room; not read:" in the page's language; a warning the catalogue does not know, in English, marked so. */
  function WarningLine(p: { line: number; message: string }) {
    const said = importWarningText(t, p.message);
    if (said !== null) return <>{t('importPage.warning', { line: quantityIn(t, p.line), message: said })}</>;
    const [before, after] = t('importPage.warning', { line: quantityIn(t, p.line), message: '\u0000' }).split('\u0000') as [string, string];
    return (
      <>
        {before}
        <span lang="en">{p.message}</span>
        {after}
      </>
    );
  }

  function Warnings(p: { list: AgendaWarning[] | undefined }) {
    if (!p.list?.length) return null;
    return (
      <ul class="warnings">
        {p.list.map((w) => (
          <li>
            <WarningLine line={w.line} message={w.message} /> <q>{w.text}</q>
          </li>
        ))}
      </ul>
    );
  }

  /** Why a stored record is offered: its reasons (domain/identity.ts) and the organizations of its appearances. */
  function Reasons(p: { who: Identity }) {
    if (!p.who.reasons?.length) return null;
    return (
      <span class="hint">
        ({listOf(p.who.reasons.map((r) => t(`identity.reason.${r}` as MessageKey)), lang, 'unit')}
        {p.who.organizations?.length ? (
          <>
            {t('punct.semicolon')}
            <bdi>{listOf(p.who.organizations, lang, 'unit')}</bdi>
          </>
        ) : null}
        )
      </span>
    );
  }

  /**
   * The persons the editor chose among stored ones (or a new one) in an earlier correction, by the key
   * of the name read: the draft keeps them on the names (personChoice), and the form shows them
   * chosen again, so that a later "apply" or "confirm" sends the same answer instead of the default.
   */
  function personChoices(draft: ImportDraft): Map<string, number | 'new'> {
    const out = new Map<string, number | 'new'>();
    for (const day of draft.agenda.days)
      for (const s of day.sessions) for (const x of [...s.moderators, ...s.speakers]) if (x.personChoice !== undefined) out.set(normaliseName(x.name), x.personChoice);
    return out;
  }

  function Named(p: { kind: 'person' | 'organization'; list: NamedInDraft[]; typed: Typed; choices?: Map<string, number | 'new'> }) {
    const found = p.list.filter((n) => n.existing);
    const made = p.list.filter((n) => !n.existing);
    const path = p.kind === 'person' ? '/admin/persons' : '/admin/organizations';
    const field = p.kind === 'person' ? fieldName.samePerson : fieldName.sameOrganization;
    /** The slug (or 'new') chosen earlier for a name, among those offered. */
    const earlier = (n: NamedInDraft, offered: Identity[]) => {
      const c = p.choices?.get(n.key);
      return c === 'new' ? 'new' : offered.find((s) => s.id === c)?.slug;
    };
    return (
      <>
        <p>{t('importPage.counts', { found: found.length, made: made.length })}</p>
        {found.length ? (
          <>
            <h3>{t('importPage.found')}</h3>
            <ul>
              {found.map((n, i) => {
                if (!n.similar.length) return (
                  <li>
                    <a href={`${path}/${n.existing!.id}`}>
                      <bdi>{n.existing!.name}</bdi>
                    </a>
                  </li>
                );
                // A name several stored records share: the import's choice first, the others, or a new one.
                const name = field(n.key);
                const chosen = p.typed[name] ?? earlier(n, [n.existing!, ...n.similar]) ?? n.existing!.slug;
                const base = `shared-${p.kind}-${i}`;
                return (
                  <li>
                    <fieldset>
                      <legend>{t('importPage.sharedName', { name: n.name, n: String(n.similar.length + 1) })}</legend>
                      {[n.existing!, ...n.similar].map((s, j) => (
                        <p class="field">
                          <input type="radio" id={`${base}-${j}`} name={name} value={s.slug} checked={chosen === s.slug} />{' '}
                          <label for={`${base}-${j}`}>{t(p.kind === 'person' ? 'importPage.samePerson' : 'importPage.sameOrganization', { name: s.name })}</label> <Reasons who={s} />{' '}
                          (<a href={`${path}/${s.id}`}>{t('importPage.look')}</a>)
                        </p>
                      ))}
                      <p class="field">
                        <input type="radio" id={`${base}-new`} name={name} value="new" checked={chosen === 'new'} />{' '}
                        <label for={`${base}-new`}>{t(p.kind === 'person' ? 'importPage.newPerson' : 'importPage.newOrganization', { name: n.name })}</label>
                      </p>
                    </fieldset>
                  </li>
                );
              })}
            </ul>
          </>
        ) : null}
        {made.length ? (
          <>
            <h3>{t('importPage.made')}</h3>
            <ul>
              {made.map((n, i) => {
                if (!n.similar.length) return (
                  <li>
                    <bdi>{n.name}</bdi>
                  </li>
                );
                const name = field(n.key);
                const chosen = p.typed[name] ?? earlier(n, n.similar) ?? 'new';
                const base = `like-${p.kind}-${i}`;
                return (
                  <li>
                    <fieldset>
                      <legend>{t(p.kind === 'person' ? 'importPage.doubtfulPerson' : 'importPage.doubtfulOrganization', { name: n.name })}</legend>
                      {n.similar.map((s, j) => (
                        <p class="field">
                          <input type="radio" id={`${base}-${j}`} name={name} value={s.slug} checked={chosen === s.slug} />{' '}
                          <label for={`${base}-${j}`}>{t(p.kind === 'person' ? 'importPage.samePerson' : 'importPage.sameOrganization', { name: s.name })}</label> <Reasons who={s} />{' '}
                          (<a href={`${path}/${s.id}`}>{t('importPage.look')}</a>)
                        </p>
                      ))}
                      <p class="field">
                        <input type="radio" id={`${base}-new`} name={name} value="new" checked={chosen === 'new'} />{' '}
                        <label for={`${base}-new`}>{t(p.kind === 'person' ? 'importPage.newPerson' : 'importPage.newOrganization', { name: n.name })}</label>
                      </p>
                    </fieldset>
                  </li>
                );
              })}
            </ul>
          </>
        ) : null}
      </>
    );
  }

  function PersonFields(p: { d: number; s: number; role: 'moderator' | 'speaker'; i: number; person: AgendaPerson; typed: Typed; errors: Errors; warnings: AgendaWarning[] | undefined }) {
    const f = (x: Parameters<typeof fieldName.person>[4]) => fieldName.person(p.d, p.s, p.role, p.i, x);
    const common = { typed: p.typed, errors: p.errors };
    return (
      <fieldset>
        <legend>
          {t(`edit.role.${p.role}`)}: <bdi>{p.person.name}</bdi>
          {p.person.line !== undefined ? ` (${t('importPage.line', { line: quantityIn(t, p.person.line) })})` : ''}
        </legend>
        <Warnings list={p.warnings} />
        <Input name={f('name')} label={t('importPage.name')} value={p.person.name} {...common} required />
        <Input name={f('honorific')} label={t('importPage.honorific')} value={p.person.honorific} {...common} />
        <Input name={f('role')} label={t('importPage.role')} value={p.role} {...common} options={[['moderator', t('edit.role.moderator')], ['speaker', t('edit.role.speaker')]]} />
        <Input name={f('roleLabel')} label={t('importPage.roleLabel')} value={p.person.roleLabel ?? null} {...common} />
        <Input name={f('position')} label={t('importPage.position')} value={p.person.position} {...common} size={60} />
        <Input name={f('organization')} label={t('importPage.organization')} value={p.person.organization} {...common} size={60} />
        <Input name={f('country')} label={t('importPage.country')} value={p.person.country} {...common} />
        <Check name={f('remove')} label={t('importPage.removePerson', { name: p.person.name })} typed={p.typed} />
      </fieldset>
    );
  }

  /** A line of the import's report: a keyed message in the page's language (names and titles in it as printed); a text without a key as it is. */
  function ReportLine(p: { line: FieldMessage }) {
    return p.line instanceof FormMessage ? (
      <li>{fieldError(t, p.line)}</li>
    ) : (
      <li>
        <bdi>{p.line}</bdi>
      </li>
    );
  }

  function ImportedPage(p: { viewer: Viewer; event: { id: number; title: string; status: string }; report: ImportReport }) {
    const r = p.report;
    const title = t('importPage.doneTitle', { title: p.event.title });
    return (
      <AdminLayout lang={lang} t={t} title={title} viewer={p.viewer}>
        <h1>{title}</h1>
        <p class="form-error" role="status" id="import-done">
          {t(r.event.created ? 'importPage.doneNew' : 'importPage.doneExisting', { status: t(`admin.status.${p.event.status as 'draft' | 'published'}`) })}
        </p>
        <ul id="import-counts">
          <li>{t('importPage.doneSessions', { created: r.sessions.created, updated: r.sessions.updated, removed: r.sessions.removed })}</li>
          <li>{t('importPage.doneAppearances', { created: r.appearances.created, updated: r.appearances.updated, removed: r.appearances.removed })}</li>
          <li>{t('importPage.donePersons', { created: r.persons.created, matched: r.persons.matched })}</li>
          <li>{t('importPage.doneOrganizations', { created: r.organizations.created, matched: r.organizations.matched })}</li>
        </ul>
        {r.kept.length ? (
          <>
            <h2>{t('importPage.doneKept')}</h2>
            <ul>
              {r.kept.map((k) => (
                <ReportLine line={k} />
              ))}
            </ul>
          </>
        ) : null}
        {r.doubtful.length ? (
          <>
            <h2>{t('importPage.doneDoubtful')}</h2>
            <ul>
              {r.doubtful.map((d) => (
                <ReportLine line={d} />
              ))}
            </ul>
          </>
        ) : null}
        {r.warnings.length ? (
          <>
            <h2>{t('importPage.doneWarnings')}</h2>
            <ul class="warnings">
              {r.warnings.map((w) => (
                <ReportLine line={w} />
              ))}
            </ul>
          </>
        ) : null}
        <p>
          <a href={href(`/admin/events/${p.event.id}`)} id="imported-event">
            {t('importPage.doneOpen', { title: p.event.title })}
          </a>
        </p>
      </AdminLayout>
    );
  }

  function DraftPage(p: {
    viewer: Viewer;
    draft: ImportDraft;
    preview: DraftPreview;
    series: { slug: string; title: string };
    event: { id: number; title: string; status: string } | null;
    typed: Typed;
    errors: Errors;
    corrected: boolean;
  }) {
    const { draft, typed, errors } = p;
    const a = draft.agenda;
    const sessions = a.days.reduce((n, d) => n + d.sessions.length, 0);
    const appearances = a.days.reduce((n, d) => n + d.sessions.reduce((m, s) => m + s.moderators.length + s.speakers.length, 0), 0);
    const title = t('importPage.previewTitle', { file: draft.sourceName });
    const placed = placeWarnings(draft);
    const common = { typed, errors };
    const errorList = Object.entries(errors);
    return (
      <AdminLayout lang={lang} t={t} title={title} viewer={p.viewer}>
        <h1>
          {t('importPage.previewHeading')} <bdi>{draft.sourceName}</bdi>
        </h1>
        <p>
          {p.event ? (
            <>
              {t('importPage.intoEvent')}{' '}
              <a href={href(`/admin/events/${p.event.id}`)}>
                <bdi>{p.event.title}</bdi>
              </a>{' '}
              ({t(`admin.status.${p.event.status as 'draft' | 'published'}`)}). {t('importPage.keepsStatus')}
            </>
          ) : (
            <>
              {t('importPage.intoNew')}{' '}
              <a href={href(`/admin/series/${p.series.slug}/edit`)}>
                <bdi>{p.series.title}</bdi>
              </a>
              . {t('importPage.asDraft')}
            </>
          )}
        </p>
        <p id="import-summary">
          {t('importPage.summary', { days: a.days.length, sessions, appearances, warnings: draft.warnings.length, format: draft.format.toUpperCase() })}
        </p>
        <p>{t('importPage.nothingStored', { expires: timestamp(draft.expiresAt, lang) })}</p>
        {p.corrected && !errorList.length ? (
          <p class="form-error" role="status" id="import-notice">
            {t('importPage.corrected')}
          </p>
        ) : null}
        {errorList.length ? (
          <div class="form-error" role="alert" id="errors">
            <p>{t('importPage.errors', { count: errorList.length })}</p>
            <ul>
              {errorList.map(([f, m]) => (
                <li>{f === 'agenda' ? fieldError(t, m) : <a href={`#${idOf(f)}`}>{fieldError(t, m)}</a>}</li>
              ))}
            </ul>
          </div>
        ) : null}
        <form method="post" action={href(`/admin/imports/${draft.id}`)}>
          <Csrf viewer={p.viewer} />
          <input type="hidden" name="digest" value={draftDigest(draft)} />
          <h2>{t('importPage.eventHeading')}</h2>
          {draft.eventId === null ? (
            <>
              <Input name="event.slug" label={t('importPage.eventSlug')} hint={t('importPage.eventSlugHelp')} value={draft.target.slug} {...common} required />
              <Input name="event.title" label={t('importPage.eventTitleField')} hint={t('importPage.eventTitleHelp')} value={draft.target.title ?? a.title} {...common} />
              <Input name="event.timeZone" label={t('importPage.timeZone')} hint={t('importPage.timeZoneHelp')} value={draft.target.timeZone} {...common} required />
              <Input name="event.lang" label={t('importPage.lang')} value={draft.target.lang} {...common} options={LANGUAGES.map((l) => [l, languageLabel(l)])} />
            </>
          ) : null}
          <Input name="event.startDate" label={t('importPage.startDate')} hint={t('importPage.startDateHelp')} value={draft.target.startDate} {...common} />
          {placed.top.length ? (
            <>
              <h3>{t('importPage.pageWarnings')}</h3>
              <Warnings list={placed.top} />
            </>
          ) : null}
          {a.days.map((day, d) => (
            <section aria-labelledby={`day-${d}`}>
              <h2 id={`day-${d}`}>
                {t('importPage.day', { n: d + 1 })}: {day.date ? <time datetime={day.date}>{longDate(day.date, lang)}</time> : t('importPage.noDate')}
                {day.label ? (
                  <>
                    {' '}
                    (<bdi>{day.label}</bdi>)
                  </>
                ) : null}
              </h2>
              <Input name={fieldName.day(d, 'date')} label={t('importPage.dayDate')} hint={t('importPage.dayDateHelp')} value={day.date} {...common} />
              <Input name={fieldName.day(d, 'label')} label={t('importPage.dayLabel')} value={day.label} {...common} size={60} />
              {day.sessions.map((s, si) => {
                const f = (x: Parameters<typeof fieldName.session>[2]) => fieldName.session(d, si, x);
                return (
                  <section aria-labelledby={`session-${d}-${si}`} class="import-session">
                    <h3 id={`session-${d}-${si}`}>
                      {s.start ?? '--:--'}–{s.end ?? '--:--'} <bdi>{s.title ?? t('edit.untitled')}</bdi>
                      {s.line !== undefined ? ` (${t('importPage.line', { line: quantityIn(t, s.line) })})` : ''}
                    </h3>
                    <Warnings list={placed.at.get(`s${d}.${si}`)} />
                    <Input name={f('title')} label={t('importPage.sessionTitle')} value={s.title} {...common} size={80} />
                    <Input name={f('kind')} label={t('importPage.kind')} value={s.kind} {...common} options={SESSION_KINDS.map((k) => [k, t(`session.kind.${k}`)])} />
                    <Input name={f('start')} label={t('importPage.start')} hint={t('importPage.timeHelp')} value={s.start} {...common} size={6} />
                    <Input name={f('end')} label={t('importPage.end')} hint={t('importPage.timeHelp')} value={s.end} {...common} size={6} />
                    <Check name={f('remove')} label={t('importPage.removeSession', { title: s.title ?? t('edit.untitled') })} typed={typed} />
                    {s.moderators.length + s.speakers.length === 0 ? <p>{t('importPage.noPeople')}</p> : null}
                    {(['moderator', 'speaker'] as const).flatMap((role) =>
                      (role === 'moderator' ? s.moderators : s.speakers).map((person, i) => (
                        <PersonFields d={d} s={si} role={role} i={i} person={person} typed={typed} errors={errors} warnings={placed.at.get(fieldName.person(d, si, role, i, 'name'))} />
                      )),
                    )}
                  </section>
                );
              })}
            </section>
          ))}
          <h2>{t('importPage.persons')}</h2>
          <Named kind="person" list={p.preview.persons} typed={typed} choices={personChoices(draft)} />
          <h2>{t('importPage.organizations')}</h2>
          <Named kind="organization" list={p.preview.organizations} typed={typed} />
          <p id="confirm-help">{t('importPage.confirmHelp')}</p>
          <p>
            <button type="submit" name="do" value="apply">
              {t('importPage.apply')}
            </button>{' '}
            <button type="submit" name="do" value="confirm" aria-describedby="confirm-help">
              {t('importPage.confirm')}
            </button>
          </p>
        </form>
        <form method="post" action={href(`/admin/imports/${draft.id}/discard`)}>
          <Csrf viewer={p.viewer} />
          <button type="submit">{t('importPage.discard')}</button>
        </form>
      </AdminLayout>
    );
  }
}
