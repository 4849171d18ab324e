// The API's writes: /api/workspace/{series|events|days|sessions|appearances|persons|organizations}/{id}.
// GET reads a record as the workspace edits it, with its version (also as the ETag); PATCH
// changes the fields it names. Same validation, version check and audit log as the workspace's
// forms (operations/edit-record.ts): a PATCH from an old version is a 409 that carries the
// record as it now is, and nothing is overwritten. A script signs with an API token
// (Authorization: Bearer, from `plenary user token`); a page of this site may use its session
// cookie with the X-CSRF-Token header and its own Origin.
import { Hono, type Context } from 'hono';
import type { AuditedEntity, Values } from '../../domain/audit.ts';
import { FORM_FIELDS, type FormEntity, formValues } from '../../domain/editing.ts';
import { InvalidInput, NotFound, PlenaryError } from '../../domain/errors.ts';
import { FormInvalid, organizationName, saveForm, VersionConflict } from '../../operations/edit-record.ts';
import { recordById } from '../../storage/queries/editing.ts';
import type { DbOrTx } from '../../storage/database.ts';
import { type AuthEnv, type AuthOptions, guard, readApiAuth } from '../auth.ts';
import { idParam, onNamed, onRecord } from '../record-access.ts';
import { apiMessage, errorHeaders, errorLanguage, STATUS, type ApiErrorCode } from './errors.ts';
import { DEFAULT_LANGUAGE } from '../../domain/language.ts';
import { fieldError } from '../i18n/form-errors.ts';
import { translator } from '../i18n/t.ts';
import { formMessage, noRecord, entityMessage } from '../../domain/form-messages.ts';

const PATHS: Record<string, FormEntity> = {
  series: 'series',
  events: 'event',
  days: 'day',
  sessions: 'session',
  appearances: 'appearance',
  persons: 'person',
  organizations: 'organization',
};

const HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };
const MAX_BODY = 256 * 1024;

function json(c: Context, status: number, body: unknown, extra: Record<string, string> = {}): Response {
  return c.body(JSON.stringify(body), status as 200, { ...HEADERS, ...extra });
}

/** A record's editable fields as JSON: stored types (null, numbers), themes as a list, and its version. */
function present(entity: FormEntity, row: Values, organization: string | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = { id: row.id };
  for (const f of FORM_FIELDS[entity]) {
    if (f === 'organization') out[f] = organization ?? null;
    else if (f === 'themes' && typeof row[f] === 'string') out[f] = JSON.parse(row[f] as string) as unknown;
    else out[f] = row[f] ?? null;
  }
  out.version = row.version;
  return out;
}

async function current(db: DbOrTx, entity: FormEntity, id: number): Promise<Record<string, unknown>> {
  const row = await recordById(db, entity as AuditedEntity, id);
  if (!row) throw new NotFound(noRecord(entity, id));
  return present(entity, row, entity === 'appearance' ? await organizationName(db, row.organization_id) : undefined);
}

/** The version a PATCH was made from: If-Match ("3" or W/"3"), else the body's `version`. */
function versionOf(c: Context, body: Record<string, unknown>): number {
  const header = c.req.header('if-match');
  const raw = header !== undefined ? header.replace(/^W\//, '').replace(/^"(.*)"$/, '$1') : body.version;
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d{1,10}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > 2_147_483_647) {
    throw new InvalidInput({ field: 'version', message: formMessage('apiVersion') });
  }
  return n;
}

/** A JSON value of one field as the form would hold it. */
function asFormValue(field: string, v: unknown): string {
  if (v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (field === 'themes' && Array.isArray(v) && v.every((x) => typeof x === 'string')) return v.join('\n');
  throw new FormInvalid({ [field]: formMessage(field === 'themes' ? 'apiTextList' : 'apiScalar') }, {});
}

export function workspaceApi(opts: AuthOptions): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  const db = opts.storage.db;
  app.use('*', readApiAuth(opts));
  // Errors in English, or in the language asked for with ?lang= (api/errors.ts): code, fields' names and status unchanged.
  app.onError((err, c) => {
    const lang = errorLanguage(c);
    const said = (status: number, error: Record<string, unknown>, more: Record<string, unknown> = {}) => json(c, status, { error, ...more }, errorHeaders(lang));
    if (err instanceof VersionConflict) {
      return said(409, { code: 'conflict', message: apiMessage(lang, err) }, { current: present(err.entity, err.theirs, typeof err.theirs.organization === 'string' ? err.theirs.organization : undefined) });
    }
    if (err instanceof FormInvalid) {
      const t = translator(lang);
      const fields = lang === DEFAULT_LANGUAGE ? err.errors : Object.fromEntries(Object.entries(err.errors).map(([k, m]) => [k, fieldError(t, m)]));
      return said(400, { code: 'invalid_input', message: apiMessage(lang, err), fields });
    }
    if (err instanceof PlenaryError) {
      const code = err.code as ApiErrorCode;
      return said(STATUS[code] ?? 400, { code, message: apiMessage(lang, err) });
    }
    console.error(`plenary: ${c.req.method} ${c.req.path} failed:`, err);
    return said(500, { code: 'internal', message: apiMessage(lang, formMessage('apiInternal')) });
  });

  for (const [path, entity] of Object.entries(PATHS)) {
    const access = entity === 'person' || entity === 'organization' ? onNamed(db, entity) : onRecord(db, entity);
    app.get(`/${path}/:id`, guard(opts, access), async (c) => {
      const data = await current(db, entity, idParam(c));
      return json(c, 200, { data }, { etag: `"${data.version}"` });
    });
    app.patch(`/${path}/:id`, guard(opts, access), async (c) => {
      const id = idParam(c);
      if (!(c.req.header('content-type') ?? '').startsWith('application/json')) throw new InvalidInput(formMessage('apiJson'));
      const text = await c.req.text();
      if (text.length > MAX_BODY) throw new InvalidInput(formMessage('apiBodyLength', { length: text.length, max: MAX_BODY }));
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch (e) {
        throw new InvalidInput(formMessage('apiNotJson', { detail: (e as Error).message }));
      }
      if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new InvalidInput(formMessage('apiNotObject'));
      const fields = body as Record<string, unknown>;
      const allowed = FORM_FIELDS[entity] as readonly string[];
      const unknown = Object.keys(fields).filter((k) => k !== 'version' && !allowed.includes(k));
      if (unknown.length) throw new InvalidInput({ field: unknown.join(', '), message: formMessage('apiUnknownFields', { entity: entityMessage(entity), fields: allowed.join(', ') }) });
      const version = versionOf(c, fields);
      // What the PATCH does not name stays as stored.
      const row = await recordById(db, entity as AuditedEntity, id);
      if (!row) throw new NotFound(noRecord(entity, id));
      const form: Record<string, string> = { ...formValues(entity, row), ...(entity === 'appearance' ? { organization: (await organizationName(db, row.organization_id)) ?? '' } : {}) };
      for (const [k, v] of Object.entries(fields)) if (k !== 'version') form[k] = asFormValue(k, v);
      await saveForm(opts.storage, { accountId: c.get('auth')!.account.id }, entity, id, version, form);
      const data = await current(db, entity, id);
      return json(c, 200, { data }, { etag: `"${data.version}"` });
    });
  }
  app.all('*', (c) => {
    const lang = errorLanguage(c);
    return json(c, 404, { error: { code: 'not_found', message: apiMessage(lang, formMessage('apiNoWorkspaceRecord', { path: c.req.path })) } }, errorHeaders(lang));
  });
  return app;
}
