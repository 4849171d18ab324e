// Files for the organizers' own work: the participants list for protocol and badges.
// Rendered once per change through cached(), like the pages.
import { Hono, type Context } from 'hono';
import { NotFound } from '../../domain/errors.ts';
import type { EventExport } from '../../exports/model.ts';
import { participantsCsv, participantsXlsx } from '../../exports/participants.ts';
import { loadEventExport } from '../../operations/event-export.ts';
import { cached } from '../cached.ts';
import type { AppDeps } from '../deps.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function download(type: string, filename: string): Record<string, string> {
  return {
    'content-type': type,
    'content-disposition': `attachment; filename="${filename}"`,
    'cache-control': 'no-cache',
    'x-content-type-options': 'nosniff',
  };
}

export function organizerRoutes(deps: AppDeps): Hono {
  const app = new Hono();

  /** One export of one event: the slug is checked before it goes into a header. */
  const exportFile = (c: Context, ext: string, type: string, render: (x: EventExport) => Uint8Array | Promise<Uint8Array>) => {
    const slug = c.req.param('slug') ?? '';
    if (!/^[a-z0-9][a-z0-9-]*$/.test(slug)) throw new NotFound('no such event');
    return cached(deps.cache, c, download(type, `${slug}-participants.${ext}`), async () => {
      const x = await loadEventExport(deps.storage.db, slug, deps.baseUrl(), deps.cache.currentGeneration());
      return x ? render(x) : undefined;
    });
  };

  app.get('/events/:slug/participants.csv', (c) => exportFile(c, 'csv', 'text/csv; charset=utf-8', participantsCsv));
  app.get('/events/:slug/participants.xlsx', (c) => exportFile(c, 'xlsx', XLSX_TYPE, participantsXlsx));
  return app;
}
