/** @jsxImportSource hono/jsx */
// /admin/events/{id}/translations/{lang}: an event's texts in another language (issue 13): its
// title, overview and themes, its sessions' titles and its documents' labels, each beside its
// original. A plain form (no JavaScript); errors beside their fields with what was typed kept;
// a save from an older version of any record is the 409 page, the form again over the stored
// texts with the typed ones kept. Behind guard() like every workspace route.
import type { Context, Hono } from 'hono';
import { DEFAULT_LANGUAGE, LANGUAGES } from '../../domain/language.ts';
import { FormInvalid, VersionConflict } from '../../operations/edit-record.ts';
import { saveSeriesTranslations, saveTranslations, seriesTranslationForm, translationForm, type TranslationForm, type TranslationItem, typedTexts, versionName } from '../../operations/edit-translations.ts';
import { NotFound } from '../../domain/errors.ts';
import { seriesBySlug } from '../../storage/queries/editing.ts';
import { type AuthEnv, type AuthOptions, guard } from '../auth.ts';
import { translator, type Translate } from '../i18n/t.ts';
import { fieldError, refusalText } from '../i18n/form-errors.ts';
import type { FieldErrors } from '../../domain/editing.ts';
import type { FieldMessage } from '../../domain/form-messages.ts';
import { AdminLayout, type Viewer } from '../views/admin.tsx';
import { readOnly } from '../views/admin-edit.tsx';
import { languageName, textAttrs } from '../views/content-text.tsx';
import { renderDocument } from '../views/layout.tsx';
import { idParam, onRecord } from '../record-access.ts';
import { ADMIN_HEADERS, viewerOf } from './routes.tsx';
import { href, placeOfRequest } from '../views/render-context.ts';
import { formMessage } from '../../domain/form-messages.ts';

type C = Context<AuthEnv>;

export function translationRoutes(app: Hono<AuthEnv>, opts: AuthOptions): void {
  const lang = opts.lang ?? DEFAULT_LANGUAGE;
  const t = translator(lang);
  const db = opts.storage.db;
  const langParam = (c: C) => c.req.param('lang') ?? '';
  const show = async (c: C, form: TranslationForm, extra: { typed?: Record<string, string>; errors?: FieldErrors; conflict?: string; status?: 200 | 400 | 409 } = {}) =>
    c.html(await renderDocument(<TranslationPage t={t} uiLang={lang} viewer={viewerOf(c)} form={form} saved={c.req.query('saved') === '1'} {...extra} />, placeOfRequest(c.req, opts.baseUrl())), extra.status ?? 200, ADMIN_HEADERS);

  /** A save: back to the form with "saved", or the form again with the errors (400) or over the stored texts (409). */
  const save = async (c: C, load: () => Promise<TranslationForm>, run: (body: Record<string, unknown>) => Promise<unknown>) => {
    const body = (await c.req.parseBody()) as Record<string, unknown>;
    try {
      await run(body);
      return c.redirect(`${(await load()).path}?saved=1`, 303);
    } catch (e) {
      if (e instanceof FormInvalid) return show(c, await load(), { typed: e.input, errors: e.errors, status: 400 });
      if (e instanceof VersionConflict) {
        // The form over the stored texts and versions, the typed ones kept: saving again applies them.
        const form = await load();
        return show(c, form, { typed: typedTexts(form, body), conflict: refusalText(t, e.refusals), status: 409 });
      }
      throw e;
    }
  };
  const actor = (c: C) => ({ accountId: c.get('auth')!.account.id });

  app.get('/events/:id/translations/:lang', guard(opts, onRecord(db, 'event')), async (c) => show(c, await translationForm(db, idParam(c), langParam(c))));
  app.post('/events/:id/translations/:lang', guard(opts, onRecord(db, 'event')), async (c) =>
    save(c, () => translationForm(db, idParam(c), langParam(c)), (body) => saveTranslations(opts.storage, actor(c), idParam(c), langParam(c), body)),
  );

  // A series' title and description (issue 13): the series' editors (and admins) only, as its own form.
  const seriesId = async (c: C) => {
    const s = await seriesBySlug(db, c.req.param('slug') ?? '');
    if (!s) throw new NotFound(formMessage('noSeries', { slug: c.req.param('slug') ?? '' }));
    return s.id;
  };
  const onSeries = async (c: C) => {
    const action = c.req.method === 'GET' ? ('read-drafts' as const) : ('edit-content' as const);
    const s = await seriesBySlug(db, c.req.param('slug') ?? '');
    if (!s && c.get('auth')?.account.role === 'admin') throw new NotFound(formMessage('noSeries', { slug: c.req.param('slug') ?? '' }));
    return s ? { action, seriesId: s.id } : { action };
  };
  app.get('/series/:slug/translations/:lang', guard(opts, onSeries), async (c) => show(c, await seriesTranslationForm(db, await seriesId(c), langParam(c))));
  app.post('/series/:slug/translations/:lang', guard(opts, onSeries), async (c) => {
    const id = await seriesId(c);
    return save(c, () => seriesTranslationForm(db, id, langParam(c)), (body) => saveSeriesTranslations(opts.storage, actor(c), id, langParam(c), body));
  });
}

/** Links to an event's (or, with `base`, a series') translation pages, one per language other than its own. */
export function TranslationLinks(p: { t: Translate; uiLang: string; eventId?: number; base?: string; eventLang: string }) {
  const base = p.base ?? `/admin/events/${p.eventId}/translations`;
  return (
    <span>
      {p.t('translate.into')}{' '}
      {LANGUAGES.filter((l) => l !== p.eventLang).map((l, i) => (
        <>
          {i > 0 ? ', ' : null}
          <a href={href(`${base}/${l}`)}>{languageName(l, p.uiLang)}</a>
        </>
      ))}
    </span>
  );
}

function TranslationPage(p: {
  t: Translate;
  uiLang: string;
  viewer: Viewer;
  form: TranslationForm;
  saved: boolean;
  typed?: Record<string, string>;
  errors?: FieldErrors;
  conflict?: string;
}) {
  const { t, form } = p;
  const target = languageName(form.lang, p.uiLang);
  const title = t('translate.title', { title: form.ownerTitle, language: target });
  const errors = p.errors ?? {};
  const byName = new Map(form.items.map((i) => [i.name, i]));
  const value = (i: TranslationItem) => p.typed?.[i.name] ?? i.stored;
  const group = (entity: TranslationItem['entity']) => form.items.filter((i) => i.entity === entity);
  const errorList = Object.entries(errors);
  return (
    <AdminLayout lang={p.uiLang as 'en'} t={t} title={title} viewer={p.viewer}>
      <h1>
        <bdi>{title}</bdi>
      </h1>
      <p>
        <a href={href(form.back)}>
          <bdi>{form.ownerTitle}</bdi>
        </a>
      </p>
      <p>
        <TranslationLinks t={t} uiLang={p.uiLang} base={form.path.replace(/\/[^/]+$/, '')} eventLang={form.ownerLang} />
      </p>
      {p.saved ? (
        <p role="status" class="saved">
          {t('edit.saved')}
        </p>
      ) : null}
      {p.conflict ? (
        <div class="form-error" role="alert">
          <p>{p.conflict}</p>
          <p>{t('translate.conflict')}</p>
        </div>
      ) : null}
      {errorList.length ? (
        <div class="form-error" role="alert" id="errors">
          <p>{t('edit.errors', { count: errorList.length })}</p>
          <ul>
            {errorList.map(([name, m]) => (
              <li>
                <a href={`#${fieldId(name)}`}>{itemLabel(t, byName.get(name))}</a>
                {t('punct.colon')}
                {fieldError(t, m)}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {form.items.length === 0 ? (
        <p>{form.scope === 'series' ? t('translate.nothingSeries', { language: target }) : t('translate.nothing', { language: target })}</p>
      ) : (
        <>
          <p>{t('translate.intro', { language: target })}</p>
          {readOnly(p.viewer) ? <p class="hint">{t('edit.readOnly')}</p> : null}
          <form method="post" action={href(form.path)} class="stack" novalidate>
            <input type="hidden" name="_csrf" value={p.viewer.csrfToken} />
            {form.records.map((r) => (
              <input type="hidden" name={versionName(r)} value={String(r.version)} />
            ))}
            {(['series', 'event', 'session', 'material'] as const).map((entity) =>
              group(entity).length ? (
                <fieldset disabled={readOnly(p.viewer)}>
                  <legend>{t(`translate.group.${entity}`)}</legend>
                  {group(entity).map((i) => (
                    <Field t={t} uiLang={p.uiLang} item={i} target={form.lang} value={value(i)} error={errors[i.name]} />
                  ))}
                </fieldset>
              ) : null,
            )}
            {readOnly(p.viewer) ? null : (
              <p>
                <button type="submit">{t('translate.save')}</button>
              </p>
            )}
          </form>
        </>
      )}
    </AdminLayout>
  );
}

const fieldId = (name: string) => `f-${name.replace(/[^A-Za-z0-9-]/g, '-')}`;

function itemLabel(t: Translate, i: TranslationItem | undefined): string {
  if (!i) return '';
  if (i.field.startsWith('theme:')) return t('translate.theme', { n: Number(i.name.split('.').pop()) + 1 });
  if (i.entity === 'session') return t('translate.sessionTitle');
  if (i.entity === 'material') return t('translate.materialLabel');
  if (i.field === 'description') return t('edit.field.description');
  return i.field === 'overview' ? t('edit.field.overview') : t('edit.field.title');
}

function Field(p: { t: Translate; uiLang: string; item: TranslationItem; target: string; value: string; error?: FieldMessage | undefined }) {
  const { t, item } = p;
  const id = fieldId(item.name);
  const origId = `${id}-original`;
  const errorId = p.error ? `${id}-error` : undefined;
  const common = {
    id,
    name: item.name,
    lang: p.target,
    'aria-describedby': [errorId, origId].filter(Boolean).join(' '),
    'aria-invalid': p.error ? 'true' : undefined,
  };
  return (
    <div class={p.error ? 'field invalid' : 'field'}>
      <label for={id}>{itemLabel(t, item)}</label>
      <p class="hint" id={origId}>
        {t('translate.original', { language: languageName(item.originalLang, p.uiLang) })}{' '}
        <q {...textAttrs({ lang: item.originalLang }, p.uiLang)}>{item.multiline ? item.original.slice(0, 400) + (item.original.length > 400 ? '…' : '') : item.original}</q>
      </p>
      {p.error ? (
        <strong class="field-error" id={errorId}>
          {fieldError(t, p.error)}
        </strong>
      ) : null}
      {item.multiline ? (
        <textarea {...common} rows={8}>
          {p.value}
        </textarea>
      ) : (
        <input {...common} type="text" value={p.value} />
      )}
    </div>
  );
}
