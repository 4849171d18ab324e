// Files for the organizers' own work: the participants list for protocol and badges.
// Rendered once per change through cached(), like the pages.
import { Hono, type Context } from 'hono';
import { NotFound } from '../../domain/errors.ts';
import type { InterfaceLanguage } from '../../domain/language.ts';
import { ORGANIZATION_KINDS, type OrganizationKind } from '../../domain/organization.ts';
import type { EventExport } from '../../exports/model.ts';
import { PARTICIPANT_COLUMNS, participantsCsv, participantsXlsx, type ParticipantColumn, type ParticipantWords } from '../../exports/participants.ts';
import { loadEventExport } from '../../operations/event-export.ts';
import { cached } from '../cached.ts';
import type { AppDeps } from '../deps.ts';

import { translator, type Translate } from '../i18n/t.ts';
import { dateRange, sessionHeading } from '../views/format.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The participants lists' words, from the message catalogue. */
export function participantWords(x: EventExport, lang: InterfaceLanguage, t: Translate = translator(lang)): ParticipantWords {
  return {
    columns: Object.fromEntries(PARTICIPANT_COLUMNS.map((c) => [c.key, t(`participants.column.${c.key}`)])) as Record<ParticipantColumn, string>,
    kinds: Object.fromEntries(ORGANIZATION_KINDS.map((k) => [k, t(`org.kind.${k}`)])) as Record<OrganizationKind, string>,
    moderator: t('role.moderator'),
    speaker: t('role.speaker'),
    sheet: t('participants.sheet'),
    dates: dateRange(x.event.startDate, x.event.endDate, lang),
    heading: (s) => sessionHeading(s, t),
  };
}

// Characters no common file system takes in a name, and control characters.
const UNSAFE_IN_NAME = /[\\/:*?"<>|\p{Cc}]+/gu;

/**
 * The download's name: the event's title, its dates and what the file is, e.g.
 * "International Dialogue on Migration 2017 — first workshop, New York 2017-04-18–2017-04-19 participants.xlsx";
 * `ascii` is the same without accents and punctuation, for clients that ignore filename*.
 */
export function downloadName(x: EventExport, t: Translate, ext: string): { utf8: string; ascii: string } {
  const { startDate: a, endDate: b } = x.event;
  const title = x.event.title.replace(UNSAFE_IN_NAME, ' ').replace(/\s+/g, ' ').trim().slice(0, 120).trim();
  const utf8 = `${t('participants.fileName', { title, dates: a === b ? a : `${a}–${b}` })}.${ext}`;
  const asciiTitle = title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  const asciiBase = t('participants.fileName', { title: asciiTitle, dates: a === b ? a : `${a}_${b}` })
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9_]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return { utf8, ascii: `${asciiBase || x.event.slug}.${ext}` };
}

/** RFC 8187 ext-value: UTF-8, every byte outside attr-char percent-encoded. */
function extValue(s: string): string {
  return `UTF-8''${encodeURIComponent(s).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

/** Content-Disposition per RFC 6266: an ASCII filename for old clients, filename* for the rest. */
export function contentDisposition(name: { utf8: string; ascii: string }): string {
  return `attachment; filename="${name.ascii}"; filename*=${extValue(name.utf8)}`;
}

function download(type: string, disposition: string): Record<string, string> {
  return {
    'content-type': type,
    'content-disposition': disposition,
    'cache-control': 'no-cache',
    'x-content-type-options': 'nosniff',
  };
}

export function organizerRoutes(deps: AppDeps, lang: InterfaceLanguage = 'en'): Hono {
  const app = new Hono();
  const t = translator(lang);

  /** One export of one event: the slug is checked before the database is asked. */
  const exportFile = (
    c: Context,
    ext: string,
    type: string,
    render: (x: EventExport, words: ParticipantWords) => Uint8Array | Promise<Uint8Array>,
  ) => {
    const slug = c.req.param('slug') ?? '';
    if (!/^[a-z0-9][a-z0-9-]*$/.test(slug)) throw new NotFound('no such event');
    let disposition = '';
    return cached(
      deps.cache,
      c,
      () => download(type, disposition),
      async () => {
        const x = await loadEventExport(deps.storage.db, slug, deps.baseUrl(), deps.cache.currentGeneration(), lang);
        if (!x) return undefined;
        disposition = contentDisposition(downloadName(x, t, ext));
        return render(x, participantWords(x, lang, t));
      },
    );
  };

  app.get('/events/:slug/participants.csv', (c) => exportFile(c, 'csv', 'text/csv; charset=utf-8', participantsCsv));
  app.get('/events/:slug/participants.xlsx', (c) => exportFile(c, 'xlsx', XLSX_TYPE, participantsXlsx));
  return app;
}
