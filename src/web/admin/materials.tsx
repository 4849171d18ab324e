/** @jsxImportSource hono/jsx */
// /admin/events/{id}/materials: an event's documents, photos and statements; upload, replace and
// delete with plain multipart forms (no JavaScript). Editors of the event's series only. Replace,
// delete and the kind/language/label form carry the material's version: a stale one is a 409 (issue 9),
// the conflict page with what was sent beside the material as stored, and the choice of either.
import { type Context, Hono } from 'hono';
import { MATERIAL_KINDS } from '../../domain/agenda.ts';
import { InvalidInput, NotFound, type Refusal } from '../../domain/errors.ts';
import { formMessage, issueMessage } from '../../domain/form-messages.ts';
import { DEFAULT_LANGUAGE, LANGUAGES } from '../../domain/language.ts';
import { addMaterialFile, addMaterialVersion, deleteMaterial, editMaterialFields, MaterialConflict, materialFieldsSchema, missingMaterial, replaceMaterialFile, UPLOAD_TYPES, type Upload } from '../../operations/materials.ts';
import { parseVersion } from '../../operations/edit-record.ts';
import { languageName } from '../views/content-text.tsx';
import { decimal, fileSize, timestamp } from '../views/format.ts';
import { appearancesOfEvent, eventForMaterials, materialById, materialsOfEvent, type AppearanceChoice, type MaterialRow } from '../../storage/queries/materials.ts';
import { type AuthEnv, type AuthOptions, checkOrigin, guard } from '../auth.ts';
import { may } from '../../domain/account.ts';
import { deletionOf } from '../../storage/queries/editing.ts';
import { uploadForm, uploadFormOf } from '../upload-form.ts';
import { translator } from '../i18n/t.ts';
import { refusalText } from '../i18n/form-errors.ts';
import { AdminLayout, type Viewer } from '../views/admin.tsx';
import { ActionButton, type ConflictRow, ConflictView, languageLabel, readOnly } from '../views/admin-edit.tsx';
import { renderDocument } from '../views/layout.tsx';
import { ADMIN_HEADERS, viewerOf } from './routes.tsx';
import { sendFile } from '../routes/files.ts';
import { fileWithSeries } from '../../storage/queries/files.ts';
import { href, placeOfRequest } from '../views/render-context.ts';

/** PLENARY_UPLOAD_MAX_MB's default. */
export const DEFAULT_UPLOAD_MAX_BYTES = 50 * 1024 * 1024;

type C = Context<AuthEnv>;

export function materialRoutes(app: Hono<AuthEnv>, opts: AuthOptions & { uploadMaxBytes?: number | undefined }): void {
  const lang = opts.lang ?? DEFAULT_LANGUAGE;
  const t = translator(lang);
  const db = opts.storage.db;
  const maxBytes = opts.uploadMaxBytes ?? DEFAULT_UPLOAD_MAX_BYTES;
  const limits = { maxBytes };
  const intParam = (c: C, name: string) => {
    const v = c.req.param(name) ?? '';
    if (!/^\d{1,9}$/.test(v)) throw new NotFound(formMessage('noSuchPage'));
    return Number(v);
  };
  const eventSeries = async (c: C) => {
    const event = await eventForMaterials(db, intParam(c, 'eventId'));
    if (!event) throw new NotFound(formMessage('noSuchEvent'));
    // Viewers read an event's materials; only editors change them.
    return { action: c.req.method === 'GET' ? ('read-drafts' as const) : ('edit-content' as const), seriesId: event.seriesId };
  };
  const materialSeries = async (c: C) => {
    const id = intParam(c, 'id');
    const m = await materialById(db, id);
    if (!m) {
      // Deleted in the workspace: those who may read its series are told by whom and when.
      const gone = await deletionOf(db, 'material', id);
      const account = c.get('auth')?.account;
      if (gone && account && may(account, 'read-drafts', gone.series_id ?? undefined)) throw await missingMaterial(db, id);
      throw new NotFound(formMessage('noSuchMaterial'));
    }
    const event = await eventForMaterials(db, m.eventId);
    return { action: 'edit-content' as const, seriesId: event!.seriesId };
  };
  // A signed-out visitor or a foreign Origin is refused by guard() without the body being read.
  const limitBody = uploadForm(maxBytes, (c) => {
    if (!c.get('auth')) return false;
    checkOrigin(c, opts.baseUrl());
    return true;
  });
  const uploadOf = (c: C): { body: Record<string, unknown>; upload: Upload } => {
    const { fields: body, upload } = uploadFormOf(c);
    if (!upload) throw new InvalidInput({ field: 'file', message: formMessage('chooseUpload') });
    return { body, upload };
  };
  const field = (body: Record<string, unknown>, name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '');

  // A draft's files, for those who may read its drafts: never cached, never public.
  app.get('/files/:id', guard(opts, async (c) => {
    const found = /^[0-9a-f-]{36}$/.test(c.req.param('id') ?? '') ? await fileWithSeries(db, c.req.param('id')!) : null;
    if (!found) throw new NotFound(formMessage('noSuchFile'));
    return { action: 'read-drafts' as const, seriesId: found.seriesId };
  }), async (c) => sendFile(c, opts.storage, (await fileWithSeries(db, c.req.param('id')))!.file, 'private, no-store'));

  app.get('/events/:eventId/materials', guard(opts, eventSeries), async (c) => {
    const event = (await eventForMaterials(db, intParam(c, 'eventId')))!;
    const [materials, appearances] = await Promise.all([materialsOfEvent(db, event.id), appearancesOfEvent(db, event.id)]);
    const page = <MaterialsPage viewer={viewerOf(c)} title={event.title} eventId={event.id} materials={materials} appearances={appearances} maxMb={Math.round((maxBytes / 1024 / 1024) * 10) / 10} />;
    return c.html(await renderDocument(page, placeOfRequest(c.req, opts.baseUrl())), 200, ADMIN_HEADERS);
  });

  app.post('/events/:eventId/materials', limitBody, guard(opts, eventSeries), async (c) => {
    const eventId = intParam(c, 'eventId');
    const { fields: body, upload: chosen } = uploadFormOf(c);
    const typed = { kind: field(body, 'kind'), lang: field(body, 'lang'), label: field(body, 'label'), appearance: field(body, 'appearance') };
    try {
      if (!chosen) throw new InvalidInput({ field: 'file', message: formMessage('chooseUpload') });
      const upload: Upload = chosen;
      const appearanceId = typed.appearance === '' ? null : /^\d{1,9}$/.test(typed.appearance) ? Number(typed.appearance) : NaN;
      if (Number.isNaN(appearanceId)) throw new InvalidInput({ field: 'appearance', message: formMessage('notAppearance') });
      const parsed = materialFieldsSchema.safeParse({ kind: typed.kind, lang: typed.lang, label: typed.label });
      if (!parsed.success) throw new InvalidInput(parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: issueMessage(i) })));
      await addMaterialFile(opts.storage, { eventId, appearanceId, fields: parsed.data, upload, actor: { accountId: c.get('auth')!.account.id } }, limits);
    } catch (e) {
      if (!(e instanceof InvalidInput)) throw e;
      // The form again, with what was chosen kept and the message by the field at fault (a file must be chosen again: browsers never refill one).
      const event = (await eventForMaterials(db, eventId))!;
      const [materials, appearances] = await Promise.all([materialsOfEvent(db, event.id), appearancesOfEvent(db, event.id)]);
      const first = e.refusals[0]?.field;
      const at = first === 'label' || first === 'kind' || first === 'lang' || first === 'appearance' ? first : 'file';
      const page = <MaterialsPage viewer={viewerOf(c)} title={event.title} eventId={event.id} materials={materials} appearances={appearances} maxMb={Math.round((maxBytes / 1024 / 1024) * 10) / 10} typed={typed} error={{ at, refusals: e.refusals }} />;
      return c.html(await renderDocument(page, placeOfRequest(c.req, opts.baseUrl())), 400, ADMIN_HEADERS);
    }
    return c.redirect(`/admin/events/${eventId}/materials`, 303);
  });

  app.post('/materials/:id/replace', limitBody, guard(opts, materialSeries), async (c) => {
    const id = intParam(c, 'id');
    const { body, upload } = uploadOf(c);
    const at = new Date();
    try {
      await replaceMaterialFile(opts.storage, id, parseVersion(body.version), upload, limits, () => at, { accountId: c.get('auth')!.account.id });
    } catch (e) {
      if (!(e instanceof MaterialConflict)) throw e;
      return conflict(c, e, { what: 'replace', name: upload.name, type: e.uploadType ?? '', size: 'bytes' in upload ? upload.bytes.length : upload.spooled.size, at: at.toISOString() });
    }
    const m = await materialById(db, id);
    if (!m) throw await missingMaterial(db, id, true);
    return c.redirect(`/admin/events/${m.eventId}/materials`, 303);
  });

  // Another language's version of a document (issue 13): the same upload checks, a file of its own.
  app.post('/materials/:id/versions', limitBody, guard(opts, materialSeries), async (c) => {
    const id = intParam(c, 'id');
    const m = (await materialById(db, id))!;
    const { fields: body, upload } = uploadFormOf(c);
    const versionLang = field(body, 'lang');
    try {
      if (!upload) throw new InvalidInput({ field: 'file', message: formMessage('chooseUpload') });
      await addMaterialVersion(opts.storage, { materialId: id, lang: versionLang, upload, actor: { accountId: c.get('auth')!.account.id } }, limits);
    } catch (e) {
      if (!(e instanceof InvalidInput)) throw e;
      const event = (await eventForMaterials(db, m.eventId))!;
      const [materials, appearances] = await Promise.all([materialsOfEvent(db, event.id), appearancesOfEvent(db, event.id)]);
      const at = e.refusals[0]?.field === 'lang' ? 'lang' : 'file';
      const page = <MaterialsPage viewer={viewerOf(c)} title={event.title} eventId={event.id} materials={materials} appearances={appearances} maxMb={Math.round((maxBytes / 1024 / 1024) * 10) / 10} versionError={{ id, at, lang: versionLang, refusals: e.refusals }} />;
      return c.html(await renderDocument(page, placeOfRequest(c.req, opts.baseUrl())), 400, ADMIN_HEADERS);
    }
    return c.redirect(`/admin/events/${m.eventId}/materials`, 303);
  });

  app.post('/materials/:id/delete', guard(opts, materialSeries), async (c) => {
    const id = intParam(c, 'id');
    const m = await materialById(db, id);
    if (!m) throw await missingMaterial(db, id, true);
    const body = (await c.req.parseBody()) as Record<string, unknown>;
    try {
      await deleteMaterial(opts.storage, id, parseVersion(body.version), { accountId: c.get('auth')!.account.id });
    } catch (e) {
      if (!(e instanceof MaterialConflict)) throw e;
      return conflict(c, e, { what: 'delete' });
    }
    return c.redirect(`/admin/events/${m.eventId}/materials`, 303);
  });

  // A material's kind, language and label after its upload: the upload's checks, version-checked, logged.
  app.post('/materials/:id', guard(opts, materialSeries), async (c) => {
    const id = intParam(c, 'id');
    const m = await materialById(db, id);
    if (!m) throw await missingMaterial(db, id, true);
    const body = (await c.req.parseBody()) as Record<string, unknown>;
    const typed = { kind: field(body, 'kind'), lang: field(body, 'lang'), label: field(body, 'label') };
    try {
      await editMaterialFields(opts.storage, id, parseVersion(body.version), typed, { accountId: c.get('auth')!.account.id });
    } catch (e) {
      if (e instanceof MaterialConflict) return conflict(c, e, { what: 'edit', ...typed });
      if (!(e instanceof InvalidInput)) throw e;
      const event = (await eventForMaterials(db, m.eventId))!;
      const [materials, appearances] = await Promise.all([materialsOfEvent(db, event.id), appearancesOfEvent(db, event.id)]);
      const first = e.refusals[0]?.field;
      const at = first === 'kind' || first === 'lang' || first === 'label' || first === 'version' ? first : 'label';
      const page = <MaterialsPage viewer={viewerOf(c)} title={event.title} eventId={event.id} materials={materials} appearances={appearances} maxMb={Math.round((maxBytes / 1024 / 1024) * 10) / 10} fieldsError={{ id, at, typed, refusals: e.refusals }} />;
      return c.html(await renderDocument(page, placeOfRequest(c.req, opts.baseUrl())), 400, ADMIN_HEADERS);
    }
    return c.redirect(`/admin/events/${m.eventId}/materials`, 303);
  });

  /** What the refused post sent: the fields of the kind/language/label form, a file, or a delete. */
  type Sent = { what: 'edit'; kind: string; lang: string; label: string } | { what: 'replace'; name: string; type: string; size: number; at: string } | { what: 'delete' };

  /** A stale replace, delete or edit (409): the material as stored beside what was sent, and the choice of either. */
  const conflict = async (c: C, e: MaterialConflict, sent: Sent) => {
    const page = <MaterialConflictPage viewer={viewerOf(c)} stored={e.stored} sent={sent} message={refusalText(t, e.refusals)} />;
    return c.html(await renderDocument(page, placeOfRequest(c.req, opts.baseUrl())), 409, ADMIN_HEADERS);
  };

  function MaterialConflictPage(p: { viewer: Viewer; stored: MaterialRow; sent: Sent; message: string }) {
    const m = p.stored;
    const s = p.sent;
    const kindName = (k: string) => ((MATERIAL_KINDS as readonly string[]).includes(k) ? t(`search.materialKind.${k as (typeof MATERIAL_KINDS)[number]}`) : k);
    const langName = (l: string) => ((LANGUAGES as readonly string[]).includes(l) ? languageLabel(l) : l);
    const when = (iso: string) => <time datetime={iso}>{timestamp(iso, lang)}</time>;
    const typeName = (mediaType: string) => UPLOAD_TYPES[mediaType] ?? mediaType;
    const notSent = t('materialConflict.notSent');
    /** A row: the stored value and the sent one, compared when the post sent that field. */
    const row = (label: string, theirs: string, mine: string | null, show: (v: string) => unknown = (v) => v): ConflictRow => ({
      label,
      theirs: theirs === '' ? '' : (show(theirs) as ConflictRow['theirs']),
      mine: s.what === 'delete' ? t('materialConflict.deleted') : mine === null ? notSent : (show(mine) as ConflictRow['mine']),
      differs: s.what !== 'delete' && mine !== null && mine.trim() !== theirs.trim(),
    });
    const edit = s.what === 'edit' ? s : null;
    const file = s.what === 'replace' ? s : null;
    const rows: ConflictRow[] = [
      row(t('upload.kind'), m.kind, edit && edit.kind !== '' ? edit.kind : null, kindName),
      row(t('upload.lang'), m.lang, edit ? edit.lang : null, langName),
      row(t('upload.label'), m.label, edit && edit.label !== '' ? edit.label : null),
      row(t('upload.file'), m.originalName ?? '', file ? file.name : null),
      row(t('materialConflict.type'), m.mediaType ?? '', file ? file.type : null, typeName),
      row(t('materialConflict.size'), m.size === null ? '' : String(m.size), file ? String(file.size) : null, (v) => fileSize(Number(v), lang)),
      { ...row(t('materialConflict.uploaded'), m.fileCreatedAt ?? '', file ? file.at : null, when), differs: false },
    ];
    const back = `/admin/events/${m.eventId}/materials`;
    return (
      <ConflictView lang={lang} t={t} viewer={p.viewer} entity={t('audit.entity.material')} title={m.label} message={p.message} version={m.version} rows={rows}>
        <p>
          <a href={href(back)}>{t('edit.conflict.keepTheirs')}</a>
        </p>
        {s.what === 'edit' ? (
          <ActionButton viewer={p.viewer} action={`/admin/materials/${m.id}`} fields={{ kind: s.kind, lang: s.lang, label: s.label, version: String(m.version) }}>
            {t('edit.conflict.applyMine')}
          </ActionButton>
        ) : null}
        {s.what === 'delete' ? (
          <ActionButton viewer={p.viewer} action={`/admin/materials/${m.id}/delete`} fields={{ version: String(m.version) }}>
            {t('materialConflict.deleteAnyway')}
          </ActionButton>
        ) : null}
        {s.what === 'replace' && !readOnly(p.viewer) && m.fileId ? (
          <form method="post" action={href(`/admin/materials/${m.id}/replace`)} enctype="multipart/form-data">
            <p id="reupload-help">{t('materialConflict.reupload')}</p>
            <input type="hidden" name="_csrf" value={p.viewer.csrfToken} />
            <input type="hidden" name="version" value={String(m.version)} />
            <label for="reupload-file">{t('upload.file')}</label> <input id="reupload-file" type="file" name="file" required aria-describedby="reupload-help" />{' '}
            <button type="submit">{t('upload.replace')}</button>
          </form>
        ) : null}
      </ConflictView>
    );
  }

  function MaterialsPage(p: {
    viewer: Viewer;
    title: string;
    eventId: number;
    materials: MaterialRow[];
    appearances: AppearanceChoice[];
    maxMb: number;
    typed?: { kind: string; lang: string; label: string; appearance: string };
    error?: { at: string; refusals: readonly Refusal[] };
    versionError?: { id: number; at: string; lang: string; refusals: readonly Refusal[] };
    fieldsError?: { id: number; at: string; typed: { kind: string; lang: string; label: string }; refusals: readonly Refusal[] };
  }) {
    const label = new Map(p.materials.map((m) => [m.id, m.label]));
    const err = (at: string) =>
      p.error?.at === at ? (
        <strong class="field-error" id="upload-error">
          {refusalText(t, p.error.refusals)}
          {at === 'file' ? ` ${t('upload.chooseAgain')}` : ''}
        </strong>
      ) : null;
    const described = (at: string, base?: string) => [base, p.error?.at === at ? 'upload-error' : undefined].filter(Boolean).join(' ') || undefined;
    /** A version in another language: a file and its language, posted as an upload. */
    const VersionForm = (q: { m: MaterialRow }) => {
      const e = p.versionError?.id === q.m.id ? p.versionError : undefined;
      const id = `version-${q.m.id}`;
      const errorId = e ? `${id}-error` : undefined;
      return (
        <form method="post" action={href(`/admin/materials/${q.m.id}/versions`)} enctype="multipart/form-data">
          <input type="hidden" name="_csrf" value={p.viewer.csrfToken} />
          <fieldset>
            <legend>
              {t('upload.addVersion')}: <bdi>{q.m.label}</bdi>
            </legend>
            {e ? (
              <strong class="field-error" id={errorId}>
                {refusalText(t, e.refusals)}
                {e.at === 'file' ? ` ${t('upload.chooseAgain')}` : ''}
              </strong>
            ) : null}
            <label for={`${id}-file`}>{t('upload.file')}</label>{' '}
            <input id={`${id}-file`} type="file" name="file" required aria-describedby={e?.at === 'file' ? errorId : undefined} aria-invalid={e?.at === 'file' ? 'true' : undefined} accept=".pdf,.docx,.pptx,.odt" />{' '}
            <label for={`${id}-lang`}>{t('upload.versionLang')}</label>{' '}
            <select id={`${id}-lang`} name="lang" aria-describedby={e?.at === 'lang' ? errorId : undefined} aria-invalid={e?.at === 'lang' ? 'true' : undefined}>
              {LANGUAGES.filter((l) => l !== q.m.lang && !p.materials.some((x) => x.originalId === q.m.id && x.lang === l)).map((l) => (
                <option value={l} selected={e?.lang === l}>
                  {languageName(l, lang)}
                </option>
              ))}
            </select>{' '}
            <button type="submit">{t('upload.upload')}</button>
          </fieldset>
        </form>
      );
    };
    /** A material's kind, language and label (a language version's kind and label are its document's: only its language). */
    const FieldsForm = (q: { m: MaterialRow }) => {
      const e = p.fieldsError?.id === q.m.id ? p.fieldsError : undefined;
      const v = e ? e.typed : { kind: q.m.kind, lang: q.m.lang, label: q.m.label };
      const id = `fields-${q.m.id}`;
      const errorId = e ? `${id}-error` : undefined;
      const at = (f: string) => (e?.at === f ? { 'aria-describedby': errorId, 'aria-invalid': 'true' as const } : {});
      return (
        <form method="post" action={href(`/admin/materials/${q.m.id}`)}>
          <input type="hidden" name="_csrf" value={p.viewer.csrfToken} />
          <input type="hidden" name="version" value={String(q.m.version)} />
          <fieldset>
            <legend>
              {t('upload.editFields')}: <bdi>{q.m.label}</bdi>
            </legend>
            {e ? (
              <strong class="field-error" id={errorId}>
                {refusalText(t, e.refusals)}
              </strong>
            ) : null}
            {q.m.originalId === null ? (
              <>
                <label for={`${id}-kind`}>{t('upload.kind')}</label>{' '}
                <select id={`${id}-kind`} name="kind" {...at('kind')}>
                  {MATERIAL_KINDS.filter((k) => k !== 'video' || q.m.kind === 'video').map((k) => (
                    <option value={k} selected={v.kind === k}>
                      {t(`search.materialKind.${k}`)}
                    </option>
                  ))}
                </select>{' '}
              </>
            ) : null}
            <label for={`${id}-lang`}>{t('upload.lang')}</label>{' '}
            <select id={`${id}-lang`} name="lang" {...at('lang')}>
              {LANGUAGES.map((l) => (
                <option value={l} selected={v.lang === l}>
                  {languageLabel(l)}
                </option>
              ))}
            </select>{' '}
            {q.m.originalId === null ? (
              <>
                <label for={`${id}-label`}>{t('upload.label')}</label> <input id={`${id}-label`} name="label" required maxlength={300} value={v.label} {...at('label')} />{' '}
              </>
            ) : null}
            <button type="submit">{t('edit.save')}</button>
          </fieldset>
        </form>
      );
    };
    // The role too: one person may both moderate and speak in a session.
    const who = new Map(p.appearances.map((a) => [a.id, `${a.person} (${t(`edit.role.${a.role as 'speaker' | 'moderator'}`)})${a.sessionTitle ? ` — ${a.sessionTitle}` : ''}`]));
    return (
      <AdminLayout lang={lang} t={t} title={t('upload.title', { title: p.title })} viewer={p.viewer}>
        <h1>{t('upload.title', { title: p.title })}</h1>
        {p.materials.length === 0 ? <p>{t('upload.none')}</p> : null}
        <ul class="materials">
          {p.materials.map((m) => (
            <li>
              <p>
                {m.originalId !== null ? <>{t('upload.versionOf', { language: languageName(m.lang, lang) })}: </> : null}
                <bdi>{m.originalId !== null ? (label.get(m.originalId) ?? m.label) : m.label}</bdi> · {m.kind} · {m.lang} · <bdi>{m.appearanceId === null ? t('upload.eventDocuments') : (who.get(m.appearanceId) ?? '')}</bdi>
                {m.fileId ? (
                  <>
                    {' · '}
                    <a href={href(`/admin/files/${m.fileId}`)}>
                      {t('upload.open')} <bdi>{m.originalName ?? ''}</bdi>
                    </a>
                  </>
                ) : null}
              </p>
              {m.fileId && !readOnly(p.viewer) ? (
                <form method="post" action={href(`/admin/materials/${m.id}/replace`)} enctype="multipart/form-data">
                  <input type="hidden" name="_csrf" value={p.viewer.csrfToken} />
                  <input type="hidden" name="version" value={String(m.version)} />
                  <label for={`replace-${m.id}`}>{t('upload.replace')}</label> <input id={`replace-${m.id}`} type="file" name="file" required />
                  <button type="submit">{t('upload.replace')}</button>
                </form>
              ) : null}
              {m.fileId && m.originalId === null && !readOnly(p.viewer) ? <VersionForm m={m} /> : null}
              {readOnly(p.viewer) ? null : <FieldsForm m={m} />}
              {readOnly(p.viewer) ? null : (
                <form method="post" action={href(`/admin/materials/${m.id}/delete`)}>
                  <input type="hidden" name="_csrf" value={p.viewer.csrfToken} />
                  <input type="hidden" name="version" value={String(m.version)} />
                  <button type="submit">{t('upload.delete')}</button>
                </form>
              )}
            </li>
          ))}
        </ul>
        {readOnly(p.viewer) ? null : (
          <>
        <h2>{t('upload.uploadHeading')}</h2>
        <form method="post" action={href(`/admin/events/${p.eventId}/materials`)} enctype="multipart/form-data">
          <input type="hidden" name="_csrf" value={p.viewer.csrfToken} />
          <p id="upload-help">{t('upload.uploadHelp', { mb: decimal(p.maxMb, lang) })}</p>
          <p>
            <label for="upload-file">{t('upload.file')}</label> {err('file')}
            <input id="upload-file" type="file" name="file" required aria-describedby={described('file', 'upload-help')} aria-invalid={p.error?.at === 'file' ? 'true' : undefined} accept=".pdf,.docx,.pptx,.odt,.jpg,.jpeg,.png,.webp" />
          </p>
          <p>
            <label for="upload-kind">{t('upload.kind')}</label>{' '}
            {err('kind')}
            <select id="upload-kind" name="kind" aria-describedby={described('kind')}>
              {MATERIAL_KINDS.filter((k) => k !== 'video').map((k) => (
                <option value={k} selected={p.typed?.kind === k}>
                  {t(`search.materialKind.${k}`)}
                </option>
              ))}
            </select>
          </p>
          <p>
            <label for="upload-lang">{t('upload.lang')}</label>{' '}
            {err('lang')}
            <select id="upload-lang" name="lang" aria-describedby={described('lang')}>
              {LANGUAGES.map((l) => (
                <option value={l} selected={p.typed?.lang === l}>
                  {languageLabel(l)}
                </option>
              ))}
            </select>
          </p>
          <p>
            <label for="upload-label">{t('upload.label')}</label> {err('label')}
            <input id="upload-label" name="label" required maxlength={300} value={p.typed?.label ?? ''} aria-describedby={described('label')} aria-invalid={p.error?.at === 'label' ? 'true' : undefined} />
          </p>
          <p>
            <label for="upload-attach">{t('upload.attachTo')}</label>{' '}
            {err('appearance')}
            <select id="upload-attach" name="appearance" aria-describedby={described('appearance')}>
              <option value="">{t('upload.eventDocuments')}</option>
              {p.appearances.map((a) => (
                <option value={String(a.id)} selected={p.typed?.appearance === String(a.id)}>
                  {who.get(a.id)}
                </option>
              ))}
            </select>
          </p>
          <button type="submit">{t('upload.upload')}</button>
        </form>
          </>
        )}
      </AdminLayout>
    );
  }
}
