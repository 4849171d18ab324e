/** @jsxImportSource hono/jsx */
// /admin/audit: who changed what and when. Admins read every entry and may revert one change
// (a new, logged change, refused when the record changed since); editors and viewers read
// the entries of their series.
import type { Context, Hono } from 'hono';
import { NotFound } from '../../domain/errors.ts';
import { DEFAULT_LANGUAGE } from '../../domain/language.ts';
import { AUDIT_PAGE_SIZE, readAuditLog, revertEntry } from '../../operations/edit-audit.ts';
import { type AuthEnv, type AuthOptions, guard } from '../auth.ts';
import { translator } from '../i18n/t.ts';
import { renderDocument } from '../views/layout.tsx';
import { type AuditDay, AuditPage } from '../views/admin-edit.tsx';
import type { Storage } from '../../storage/storage.ts';
import { ADMIN_HEADERS } from './routes.tsx';
import { auditRecords } from '../../storage/queries/editing.ts';
import { placeOfRequest } from '../views/render-context.ts';
import { formMessage } from '../../domain/form-messages.ts';

export function editAuditRoutes(app: Hono<AuthEnv>, opts: AuthOptions): void {
  const lang = opts.lang ?? DEFAULT_LANGUAGE;
  const t = translator(lang);

  // Any signed-in account: what it reads is limited to its series below.
  app.get('/audit', guard(opts, null), async (c: Context<AuthEnv>) => {
    const a = c.get('auth')!;
    const before = c.req.query('before');
    const beforeId = before && /^[1-9]\d{0,9}$/.test(before) ? Number(before) : undefined;
    const entries = await readAuditLog(opts.storage, a.account, beforeId);
    const reverted = c.req.query('reverted');
    const records = await auditRecords(opts.storage.db, entries.map((e) => ({ entity: e.entity, id: e.entity_id })));
    const rows = entries.map((e) => {
      const record = records.get(`${e.entity}:${e.entity_id}`);
      return { id: e.id, at: e.at, email: e.email, action: e.action, entity: e.entity, entityId: e.entity_id, before: e.before, after: e.after, reverts: e.reverted_entry_id, ...(e.source ? { source: e.source } : {}), ...(record ? { record } : {}) };
    });
    const days = await daysNamed(opts.storage.db, entries);
    const last = rows.at(-1);
    const node = (
      <AuditPage
        lang={lang}
        t={t}
        viewer={{ email: a.email, role: a.account.role, csrfToken: a.csrfToken }}
        rows={rows}
        canRevert={a.account.role === 'admin'}
        days={days}
        {...(reverted && /^\d{1,10}$/.test(reverted) ? { reverted: Number(reverted) } : {})}
        {...(last && rows.length === AUDIT_PAGE_SIZE ? { older: `/admin/audit?before=${last.id}` } : {})}
      />
    );
    return c.html(await renderDocument(node, placeOfRequest(c.req, opts.baseUrl())), 200, ADMIN_HEADERS);
  });

  // Reverting is an admin's: 'edit-content' without a series passes for admins only.
  app.post('/audit/:id/revert', guard(opts, 'edit-content'), async (c) => {
    const raw = c.req.param('id');
    if (!/^[1-9]\d{0,9}$/.test(raw)) throw new NotFound(formMessage('notAuditNumber', { raw }));
    await revertEntry(opts.storage, { accountId: c.get('auth')!.account.id }, Number(raw));
    return c.redirect(`/admin/audit?reverted=${raw}`, 303);
  });
}

/**
 * The days the entries name by id (a session's `day_id` before and after a move), by their date and label: from the
 * database where the day is still there, else from an entry of the page that kept the day's values (its deletion).
 */
async function daysNamed(db: Storage['db'], entries: ReadonlyArray<{ entity: string; entity_id: number; before: string | null; after: string | null }>): Promise<Map<number, AuditDay>> {
  const out = new Map<number, AuditDay>();
  const parse = (json: string | null): Record<string, unknown> => {
    try {
      const v = json ? (JSON.parse(json) as unknown) : null;
      return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  };
  const wanted = new Set<number>();
  for (const e of entries) {
    for (const v of [parse(e.before), parse(e.after)]) {
      if (v.day_id !== undefined && v.day_id !== null && Number.isSafeInteger(Number(v.day_id))) wanted.add(Number(v.day_id));
      if (e.entity === 'day' && typeof v.date === 'string') out.set(e.entity_id, { date: v.date, label: typeof v.label === 'string' ? v.label : null });
    }
  }
  if (wanted.size) for (const d of await db.selectFrom('day').select(['id', 'date', 'label']).where('id', 'in', [...wanted]).execute()) out.set(d.id, { date: d.date, label: d.label });
  return out;
}
