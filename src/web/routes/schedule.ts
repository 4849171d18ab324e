// frab schedule exports of a published event, for conference apps (Giggity, EventFahrplan, …):
//   GET /events/:slug/schedule.xml   frab/pentabarf XML
//   GET /events/:slug/schedule.json  C3VOC schedule.json v1
// Rendered once per change through cached(); unknown or unpublished events are 404.
import { Hono, type Context } from 'hono';
import type { FrabWords } from '../../exports/frab-common.ts';
import { renderFrabJson } from '../../exports/frab-json.ts';
import { type InterfaceLanguage, isInterfaceLanguage } from '../../interface-languages.ts';
import { translator } from '../i18n/t.ts';
import { renderFrabXml } from '../../exports/frab-xml.ts';
import type { EventExport } from '../../exports/model.ts';
import { loadEventExport } from '../../operations/event-export.ts';
import { cached } from '../cached.ts';
import { everyPageIn } from '../export-pages.ts';
import type { AppDeps } from '../deps.ts';

// Plain application/xml, not the registered application/vnd.c3voc.schedule+xml: it is what frab
// and pretalx serve, the apps fetch by URL and parse whatever arrives, and browsers and HTTP
// libraries know it as XML (they would offer the vendor type as a download or treat it as bytes).
export const SCHEDULE_XML_TYPE = 'application/xml; charset=utf-8';
export const SCHEDULE_JSON_TYPE = 'application/json; charset=utf-8';

function headers(contentType: string): Record<string, string> {
  return {
    'content-type': contentType,
    // Revalidate every time: the ETag makes that a 304 until the data changes.
    'cache-control': 'no-cache',
    'x-content-type-options': 'nosniff',
    // Public, read-only data that web-based schedule viewers fetch from other origins.
    'access-control-allow-origin': '*',
  };
}

/** `lang`: the reader's (the address's prefix): titles in it where an editor translated them. */
export function scheduleRoutes(deps: AppDeps, lang = 'en'): Hono {
  const app = new Hono();
  // The roles' lines in the language of the address (/fr/events/x/schedule.xml), as the calendars give them.
  const reader: InterfaceLanguage = isInterfaceLanguage(lang) ? lang : 'en';
  const t = translator(reader);
  const words: FrabWords = { moderator: t('role.moderator'), moderators: t('role.moderators'), speaker: t('role.speaker'), speakers: t('role.speakers'), colon: t('punct.colon'), separator: t('punct.semicolon') };
  const serve = (c: Context, contentType: string, render: (x: EventExport) => string) =>
    cached(deps.cache, c, headers(contentType), async (event) => {
      const x = await loadEventExport(deps.storage.db, c.req.param('slug')!, deps.baseUrl(), deps.cache.currentGeneration(), lang);
      if (x) event(x.event.id);
      // The pages it links (the conference's, each session's, each person's) in the address's language; guids and
      // base_url stay as they are (web/export-pages.ts).
      return x && render(everyPageIn(x, reader));
    });
  app.get('/events/:slug/schedule.xml', (c) => serve(c, SCHEDULE_XML_TYPE, (x) => renderFrabXml(x, words)));
  app.get('/events/:slug/schedule.json', (c) => serve(c, SCHEDULE_JSON_TYPE, (x) => renderFrabJson(x, words)));
  return app;
}
