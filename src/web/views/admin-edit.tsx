/** @jsxImportSource hono/jsx */
// The workspace's editing pages: one form per record, the conflict page and the audit log.
// Forms work without JavaScript and by keyboard alone; every field has its label, and its
// error (and hint) are tied to it with aria-describedby, the typed value kept.
import type { Child } from 'hono/jsx';
import { SESSION_KINDS } from '../../domain/agenda.ts';
import type { Values } from '../../domain/audit.ts';
import { FORM_FIELDS, type FieldErrors, type FormEntity } from '../../domain/editing.ts';
import { EVENT_STATUSES } from '../../domain/event.ts';
import { type InterfaceLanguage, LANGUAGES, type Language } from '../../domain/language.ts';
import { ORGANIZATION_KINDS } from '../../domain/organization.ts';
import { GENDERS } from '../../domain/gender.ts';
import type { MessageKey } from '../i18n/messages.ts';
import type { Translate } from '../i18n/t.ts';
import { fieldError } from '../i18n/form-errors.ts';
import type { FieldMessage } from '../../domain/form-messages.ts';
import { AdminLayout, type Viewer } from './admin.tsx';
import { dateParam, listOf, longDate, timestamp } from './format.ts';
import { CATALOGUES } from '../i18n/messages.ts';
import { countryLabel } from '../../domain/country.ts';
import { parseTranslations } from '../../domain/translations.ts';

type Base = { lang: InterfaceLanguage; t: Translate; viewer: Viewer };

type FieldMeta = { type: 'text' | 'textarea' | 'date' | 'time' | 'email' | 'select' | 'number'; options?: readonly string[]; hint?: MessageKey; required?: boolean; suggest?: 'person' | 'organization' };
const META: Record<string, FieldMeta> = {
  slug: { type: 'text', hint: 'edit.hint.slug', required: true },
  title: { type: 'text' },
  description: { type: 'textarea' },
  lang: { type: 'select', options: LANGUAGES },
  start_date: { type: 'date', required: true },
  end_date: { type: 'date', required: true },
  date: { type: 'date', required: true },
  time_zone: { type: 'text', hint: 'edit.hint.time_zone', required: true },
  venue: { type: 'text' },
  address: { type: 'text' },
  city: { type: 'text' },
  country_code: { type: 'text', hint: 'edit.hint.country_code' },
  overview: { type: 'textarea' },
  themes: { type: 'textarea', hint: 'edit.hint.themes' },
  contact_email: { type: 'email' },
  label: { type: 'text' },
  kind: { type: 'select', options: SESSION_KINDS },
  number: { type: 'number' },
  start_time: { type: 'time', hint: 'edit.hint.time' },
  end_time: { type: 'time', hint: 'edit.hint.time' },
  role: { type: 'select', options: ['moderator', 'speaker'] },
  role_label: { type: 'text' },
  honorific: { type: 'text' },
  affiliation_position: { type: 'text' },
  organization: { type: 'text', hint: 'edit.hint.organization', suggest: 'organization' },
  country: { type: 'text', hint: 'edit.hint.country' },
  talk_title: { type: 'text' },
  name: { type: 'text', required: true },
  gender: { type: 'select', options: GENDERS, hint: 'edit.hint.gender' },
  gender_term: { type: 'text', hint: 'edit.hint.gender_term' },
};

const fieldLabel = (t: Translate, f: string) => t(`edit.field.${f}` as MessageKey);

import { formValueOf, formValues } from '../../domain/editing.ts';
import { href, readerLanguage } from './render-context.ts';
import type { Warning } from '../../domain/clashes.ts';
export { formValueOf, formValues };

function Field(p: { t: Translate; entity: FormEntity; name: string; value: string; error?: FieldMessage | undefined }) {
  // An organization's kind is not a session's.
  // Its options are labelled from the catalogue, and the hint says a government body needs its country.
  const m: FieldMeta =
    p.entity === 'organization' && p.name === 'kind' ? { type: 'select' as const, options: ORGANIZATION_KINDS, hint: 'edit.hint.kind.organization' } : (META[p.name] ?? { type: 'text' });
  // Every option in the reader's words: kinds, roles and genders from the catalogue, languages by Intl.
  const optionLabel = (o: string) =>
    p.entity === 'organization' && p.name === 'kind'
      ? p.t(`org.kind.${o}` as MessageKey)
      : p.name === 'gender'
        ? p.t(`gender.${o}` as MessageKey)
        : p.name === 'kind'
          ? p.t(`session.kind.${o}` as MessageKey)
          : p.name === 'role'
            ? p.t(`role.${o}` as MessageKey)
            : p.name === 'lang'
              ? languageLabel(o)
              : o;
  const id = `f-${p.name}`;
  const hintId = m.hint ? `${id}-hint` : undefined;
  const errorId = p.error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  const common = { id, name: p.name, 'aria-describedby': describedBy, 'aria-invalid': p.error ? 'true' : undefined, required: m.required || undefined };
  return (
    <p class={p.error ? 'field invalid' : 'field'}>
      <label for={id}>{fieldLabel(p.t, p.name)}</label>
      {m.hint ? (
        <span class="hint" id={hintId}>
          {p.t(m.hint)}
        </span>
      ) : null}
      {p.error ? (
        <strong class="field-error" id={errorId}>
          {fieldError(p.t, p.error)}
        </strong>
      ) : null}
      {m.type === 'textarea' ? (
        <textarea {...common} rows={p.name === 'overview' || p.name === 'description' ? 8 : 4}>
          {p.value}
        </textarea>
      ) : m.type === 'select' ? (
        <select {...common}>
          {(m.options ?? []).map((o) => (
            <option value={o} selected={o === p.value}>
              {optionLabel(o)}
            </option>
          ))}
        </select>
      ) : (
        <input {...common} type={m.type === 'date' || m.type === 'time' ? 'text' : m.type} value={p.value} inputmode={m.type === 'number' ? 'numeric' : undefined} data-suggest={m.suggest} />
      )}
    </p>
  );
}

/** The list of errors above a form, each a link to its field. */
function ErrorSummary(p: { t: Translate; errors: FieldErrors }) {
  const entries = Object.entries(p.errors);
  if (!entries.length) return null;
  return (
    <div class="form-error" role="alert" id="errors">
      <p>{p.t('edit.errors', { count: entries.length })}</p>
      <ul>
        {entries.map(([f, m]) => (
          <li>
            <a href={`#f-${f}`}>{fieldLabel(p.t, f)}</a>
            {p.t('punct.colon')}
            {fieldError(p.t, m)}
          </li>
        ))}
      </ul>
    </div>
  );
}

const Csrf = (p: { viewer: Viewer }) => <input type="hidden" name="_csrf" value={p.viewer.csrfToken} />;

export type FormProps = Base & {
  entity: FormEntity;
  title: string;
  action: string;
  values: Record<string, string>;
  errors?: FieldErrors;
  /** the version the form was made from; absent for a new record */
  version?: number;
  submit: string;
  saved?: boolean;
  /** links above the form (the event, the public page) */
  nav?: Child;
  children?: Child;
};

/** Whether the signed-in account only reads (a viewer): the workspace shows it no control it may not use. */
export const readOnly = (v: Viewer) => v.role === 'viewer';

/** One record's form, then whatever the page adds below it. */
export function FormPage(p: FormProps) {
  const { t } = p;
  const errors = p.errors ?? {};
  return (
    <AdminLayout lang={p.lang} t={t} title={p.title} viewer={p.viewer}>
      <h1>
        <bdi>{p.title}</bdi>
      </h1>
      {p.nav}
      {p.saved ? (
        <p role="status" class="saved">
          {t('edit.saved')}
        </p>
      ) : null}
      <ErrorSummary t={t} errors={errors} />
      {readOnly(p.viewer) ? <p class="hint">{t('edit.readOnly')}</p> : null}
      <form method="post" action={href(p.action)} class="stack" novalidate>
        <Csrf viewer={p.viewer} />
        {p.version !== undefined ? <input type="hidden" name="version" value={String(p.version)} /> : null}
        {/* A viewer reads the same form, its fields disabled and without the button. */}
        <fieldset class="plain" disabled={readOnly(p.viewer)}>
          {FORM_FIELDS[p.entity].map((f) => (
            <Field t={t} entity={p.entity} name={f} value={p.values[f] ?? ''} error={errors[f]} />
          ))}
        </fieldset>
        {readOnly(p.viewer) ? null : (
          <p>
            <button type="submit">{p.submit}</button>
          </p>
        )}
      </form>
      {p.children}
    </AdminLayout>
  );
}

/** A small form that posts one action (move up, revert…) with the version it was made from. */
export function ActionButton(p: { viewer: Viewer; action: string; fields?: Record<string, string>; name?: string; value?: string; children?: Child }) {
  if (readOnly(p.viewer)) return null;
  return (
    <form method="post" action={href(p.action)} class="inline">
      <Csrf viewer={p.viewer} />
      {Object.entries(p.fields ?? {}).map(([k, v]) => (
        <input type="hidden" name={k} value={v} />
      ))}
      <button type="submit" name={p.name} value={p.value}>
        {p.children}
      </button>
    </form>
  );
}

/** One row of a conflict page: a field, the user's value and the stored one (marked when they differ). */
export type ConflictRow = { label: string; mine: Child; theirs: Child; differs: boolean };

/**
 * A save made from an old version (the 409 of every record: the forms' and the materials'): the
 * refusal, then what the user sent and what is stored side by side, field by field; the page's
 * choices (keep the stored version, apply mine) come as children.
 */
export function ConflictView(p: Base & { entity: string; title: string; message: string; version: number; rows: ConflictRow[]; children?: Child }) {
  const { t } = p;
  return (
    <AdminLayout lang={p.lang} t={t} title={t('error.conflict.title')} viewer={p.viewer}>
      <h1>{t('error.conflict.title')}</h1>
      <p role="alert">{p.message}</p>
      <p>{t('edit.conflict.intro', { entity: p.entity })}</p>
      <table class="conflict">
        <caption>
          {t('edit.conflict.caption')}{t('punct.colon')}<bdi>{p.title}</bdi>
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('edit.conflict.field')}</th>
            <th scope="col">{t('edit.conflict.yours')}</th>
            <th scope="col">{t('edit.conflict.theirs', { version: p.version })}</th>
          </tr>
        </thead>
        <tbody>
          {p.rows.map((r) => (
            <tr class={r.differs ? 'differs' : undefined}>
              <th scope="row">
                {r.label}
                {r.differs ? <em> ({t('edit.conflict.differs')})</em> : null}
              </th>
              <td>
                <bdi>{r.mine}</bdi>
              </td>
              <td>
                <bdi>{r.theirs}</bdi>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {p.children}
    </AdminLayout>
  );
}

/**
 * A record form's save made from an old version: the user's values and the stored ones side by side. Keeping
 * theirs reloads the form; applying mine posts the user's values again, now over the stored version.
 */
export function ConflictPage(p: Base & { entity: FormEntity; title: string; action: string; editUrl: string; message: string; mine: Record<string, string>; theirs: Values }) {
  const { t } = p;
  const theirs = formValues(p.entity, p.theirs);
  const version = Number(p.theirs.version);
  const rows = FORM_FIELDS[p.entity].map((f) => ({ label: fieldLabel(t, f), mine: p.mine[f] ?? '', theirs: theirs[f] ?? '', differs: (p.mine[f] ?? '').trim() !== (theirs[f] ?? '').trim() }));
  return (
    <ConflictView lang={p.lang} t={t} viewer={p.viewer} entity={t(`audit.entity.${p.entity}`)} title={p.title} message={p.message} version={version} rows={rows}>
      <p>
        <a href={href(p.editUrl)}>{t('edit.conflict.keepTheirs')}</a>
      </p>
      <ActionButton viewer={p.viewer} action={href(p.action)} fields={{ ...p.mine, version: String(version) }}>
        {t('edit.conflict.applyMine')}
      </ActionButton>
    </ConflictView>
  );
}

export type AuditRow = {
  id: number;
  at: string;
  email: string | null;
  action: string;
  entity: string;
  entityId: number;
  before: string | null;
  after: string | null;
  reverts: number | null;
  /** where the change came from besides the account's own form ("speaker link 3") */
  source?: string;
  /** the record as it is now, when it still exists: its name and its workspace page */
  record?: { label: string; href: string };
};

/** A day an entry names by its id (a session's `day_id`): its date and printed label, when the day is still there or an entry of the page kept them. */
export type AuditDay = { date: string; label: string | null };

const CATALOGUE: Readonly<Record<string, string>> = CATALOGUES.en;

/** A column's word in the reader's language: the log's own (`audit.field.*`), else the form's label (`edit.field.*`), else null (an internal name, shown as code). */
function auditFieldWord(t: Translate, key: string): string | null {
  for (const k of [`audit.field.${key}`, `edit.field.${key}`]) if (k in CATALOGUE) return t(k as MessageKey);
  return null;
}

/**
 * A value as the reader reads it: kinds, roles, genders and statuses by the catalogue's words, languages and countries
 * by their names in the reader's language (Intl, domain/country.ts), dates by their long date, a session's day by its
 * date, themes as a list, translations by language; anything else as stored (text, times, numbers). Null is "—".
 */
function auditValue(t: Translate, lang: InterfaceLanguage, entity: string, key: string, x: string | number | null, days: ReadonlyMap<number, AuditDay>): string {
  if (x === null || x === '') return '—';
  const v = String(x);
  const word = (k: string) => (k in CATALOGUE ? t(k as MessageKey) : v);
  switch (key) {
    case 'kind':
      return word(entity === 'organization' ? `org.kind.${v}` : entity === 'material' ? `search.materialKind.${v}` : `session.kind.${v}`);
    case 'role':
      return word(`role.${v}`);
    case 'gender':
      return word(`gender.${v}`);
    case 'status':
      return word(`admin.status.${v}`);
    case 'lang':
      return /^[a-z]{2,3}(?:-[A-Za-z0-9]+)*$/.test(v) ? languageLabel(v) : v;
    case 'country_code':
      return countryLabel(v, null, lang) ?? v;
    case 'date':
    case 'start_date':
    case 'end_date':
      return /^\d{4}-\d{2}-\d{2}$/.test(v) ? longDate(v, lang) : v;
    case 'day_id': {
      const day = days.get(Number(v));
      if (!day) return t('audit.dayNumber', { id: v });
      return day.label ? `${longDate(day.date, lang)} (${day.label})` : longDate(day.date, lang);
    }
    case 'themes': {
      try {
        const list = JSON.parse(v) as unknown;
        if (Array.isArray(list) && list.every((y) => typeof y === 'string')) return list.length ? listOf(list, lang, 'unit') : '—';
      } catch {
        /* shown as stored */
      }
      return v;
    }
    case 'translations': {
      // { field: { lang: text } } (domain/translations.ts): each language by name, each field by its word.
      const tr = parseTranslations(v);
      const byLang = new Map<string, string[]>();
      for (const [field, texts] of Object.entries(tr)) {
        for (const [l, text] of Object.entries(texts)) byLang.set(l, [...(byLang.get(l) ?? []), `${auditFieldWord(t, field) ?? field}${t('punct.colon')}${text}`]);
      }
      return byLang.size ? [...byLang].map(([l, xs]) => `${languageLabel(l)} (${xs.join(t('punct.semicolon'))})`).join(t('punct.semicolon')) : '—';
    }
    default:
      return v;
  }
}

/** An entry's values, each column by its word and its value as the reader reads it ("Kind: Panel; Day: Tuesday, May 6, 2025"). */
function AuditValues(p: { json: string | null; entity: string; t: Translate; lang: InterfaceLanguage; days: ReadonlyMap<number, AuditDay> }) {
  if (!p.json) return null;
  let values: Values;
  try {
    values = JSON.parse(p.json) as Values;
  } catch {
    return <bdi>{p.json}</bdi>;
  }
  const entries = Object.entries(values);
  return (
    <>
      {entries.map(([k, x], i) => {
        const word = auditFieldWord(p.t, k);
        return (
          <>
            {i > 0 ? p.t('punct.semicolon') : null}
            {word ?? <code>{k}</code>}
            {p.t('punct.colon')}
            <bdi>{auditValue(p.t, p.lang, p.entity, k, x, p.days)}</bdi>
          </>
        );
      })}
    </>
  );
}

export function AuditPage(p: Base & { rows: AuditRow[]; canRevert: boolean; reverted?: number; older?: string; days?: ReadonlyMap<number, AuditDay> }) {
  const days = p.days ?? new Map<number, AuditDay>();
  const { t } = p;
  return (
    <AdminLayout lang={p.lang} t={t} title={t('audit.title')} viewer={p.viewer}>
      <h1>{t('audit.title')}</h1>
      {p.reverted !== undefined ? (
        <p role="status" class="saved">
          {t('audit.reverted', { id: p.reverted })}
        </p>
      ) : null}
      {p.rows.length === 0 ? (
        <p>{t('audit.none')}</p>
      ) : (
        <table class="audit">
          <caption>{t('audit.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t('audit.when')}</th>
              <th scope="col">{t('audit.who')}</th>
              <th scope="col">{t('audit.what')}</th>
              <th scope="col">{t('audit.before')}</th>
              <th scope="col">{t('audit.after')}</th>
              {p.canRevert ? <td></td> : null}
            </tr>
          </thead>
          <tbody>
            {p.rows.map((r) => (
              <tr id={`entry-${r.id}`}>
                <td>{r.id}</td>
                <td>
                  <time datetime={r.at}>{timestamp(r.at, p.lang)}</time>
                </td>
                <td>
                  {r.email ?? (r.action === 'import' ? t('audit.import') : t('audit.unknown'))}
                  {r.source ? ` (${t('speakerLink.audit.source', { source: r.source })})` : ''}
                </td>
                <td>
                  {t(`audit.action.${r.action}` as MessageKey)} {t(`audit.entity.${r.entity}` as MessageKey)} {r.entityId}
                  {r.reverts !== null ? ` (${t('audit.reverts', { id: r.reverts })})` : ''}
                  {r.record ? (
                    <>
                      {t('punct.colon')}
                      <a href={href(r.record.href)}>
                        <bdi>{r.entity === 'day' && /^\d{4}-\d{2}-\d{2}$/.test(r.record.label) ? longDate(r.record.label, p.lang) : r.record.label}</bdi>
                      </a>
                    </>
                  ) : null}
                </td>
                <td>
                  <AuditValues json={r.before} entity={r.entity} t={t} lang={p.lang} days={days} />
                </td>
                <td>
                  <AuditValues json={r.after} entity={r.entity} t={t} lang={p.lang} days={days} />
                </td>
                {p.canRevert ? (
                  <td>
                    {revertable(r.action, r.entity) ? (
                      <ActionButton viewer={p.viewer} action={href(`/admin/audit/${r.id}/revert`)}>
                        {t('audit.revert', { id: r.id })}
                      </ActionButton>
                    ) : null}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {p.older ? (
        <p>
          <a href={href(p.older)}>{t('audit.older')}</a>
        </p>
      ) : null}
    </AdminLayout>
  );
}

/** Says what a deletion takes away, and asks once. */
export function DeletePage(p: Base & { title: string; body: string; action: string; version: number; back: string; blocked?: boolean }) {
  const { t } = p;
  return (
    <AdminLayout lang={p.lang} t={t} title={p.title} viewer={p.viewer}>
      <h1>{p.title}</h1>
      <p>{p.body}</p>
      {p.blocked ? (
        <p>
          <a href={href(p.back)}>{t('edit.delete.cancel')}</a>
        </p>
      ) : (
      <form method="post" action={href(p.action)} class="stack">
        <input type="hidden" name="_csrf" value={p.viewer.csrfToken} />
        <input type="hidden" name="version" value={String(p.version)} />
        <p>
          <button type="submit">{t('edit.delete.confirm')}</button> <a href={href(p.back)}>{t('edit.delete.cancel')}</a>
        </p>
      </form>
      )}
    </AdminLayout>
  );
}

/** Entries the log can undo (operations/edit-audit.ts): changes of fields, moves, and what was made or deleted of an agenda. */
function revertable(action: string, entity: string): boolean {
  if (entity === 'material') return false;
  if (action === 'update' || action === 'move' || action === 'revert') return true;
  return (action === 'create' || action === 'delete') && (entity === 'day' || entity === 'session' || entity === 'appearance');
}

const languageNames = new Map<string, Intl.DisplayNames>();

/**
 * A content language's name in the reader's language ("espagnol" on a French page), from Intl. A stored
 * value Intl does not take as a language tag ("en-a", kept in an old audit entry, say) is shown as it is
 * stored: one odd value must not take the audit log's page down.
 */
export function languageLabel(code: string): string {
  const lang = readerLanguage();
  let names = languageNames.get(lang);
  if (!names) languageNames.set(lang, (names = new Intl.DisplayNames([lang], { type: 'language' })));
  let name: string;
  try {
    name = names.of(code) ?? code;
  } catch (e) {
    if (e instanceof RangeError) return code;
    throw e;
  }
  return name.charAt(0).toLocaleUpperCase(lang) + name.slice(1);
}

/** A warning before publishing (domain/clashes.ts), said in the reader's language. */
export function warningText(w: Warning, t: Translate): string {
  // The event's dates ({start}, {end}) as the language writes them, and a session's day in its label
  // ('“Opening” (2017-04-18 10:00–11:30)', clashes.ts `label`) too: '“Opening” (mardi 18 avril 2017, 10:00–11:30)'.
  const lang = t.lang ?? 'en';
  const shown = (k: string, v: string) =>
    k === 'session' || k === 'other' ? v.replace(/\((\d{4}-\d{2}-\d{2})(?: ([^()]*))?\)$/, (_, date: string, time?: string) => `(${dateParam('when', time ? `${date} ${time}` : date, lang)})`) : dateParam(k, v, lang);
  const params = Object.fromEntries(Object.entries(w.params).map(([k, v]) => [k, shown(k, v)]));
  return t((w.code === 'person-overlap' && w.params.event !== undefined ? 'warning.person-overlap.elsewhere' : `warning.${w.code}`) as MessageKey, params);
}
