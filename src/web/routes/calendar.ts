// iCalendar feeds: a whole event, one session, one person. Rendered once per change through
// cached(), like the pages, and 404 for anything unknown or unpublished.
import { Hono } from 'hono';
import { type CalendarEntry, type CalendarWords, eventCalendar, personCalendar, sessionCalendar } from '../../exports/ical.ts';
import { translator } from '../i18n/t.ts';
import { sessionHeading } from '../views/format.ts';
import { loadEventExport } from '../../operations/event-export.ts';
import { loadPersonCalendar } from '../../operations/person-calendar.ts';
import { cached } from '../cached.ts';
import type { AppDeps } from '../deps.ts';
import type { InterfaceLanguage } from '../../domain/language.ts';
import type { EventExport, ExportSession } from '../../exports/model.ts';
import { hrefIn } from '../views/render-context.ts';

function icsHeaders(name: string): Record<string, string> {
  return {
    'content-type': 'text/calendar; charset=utf-8',
    // inline: a click opens the calendar application; the name is what a download is saved as.
    'content-disposition': `inline; filename="${name.replace(/[^a-z0-9-]/gi, '-')}.ics"`,
    'cache-control': 'no-cache',
    'x-content-type-options': 'nosniff',
  };
}

export function calendarRoutes(deps: AppDeps, lang: InterfaceLanguage = 'en'): Hono {
  const { storage, cache } = deps;
  const app = new Hono();
  const t = translator(lang);
  // The descriptions' words in the language of the address (/fr/events/x/calendar.ics).
  const words: CalendarWords = { lang, moderator: t('role.moderator'), speaker: t('role.speaker'), heading: (s) => sessionHeading(s, t), colon: t('punct.colon') };

  app.get('/events/:slug/calendar.ics', (c) => {
    const slug = c.req.param('slug');
    return cached(cache, c, icsHeaders(slug), async (event) => {
      const data = await loadEventExport(storage.db, slug, deps.baseUrl(), cache.currentGeneration(), lang);
      if (data) event(data.event.id);
      return data && eventCalendar(pagesIn(data, lang), words);
    });
  });

  app.get('/events/:slug/sessions/:id/calendar.ics', (c) => {
    const slug = c.req.param('slug');
    const id = c.req.param('id');
    return cached(cache, c, icsHeaders(`${slug}-session-${id}`), async (event) => {
      if (!/^[1-9][0-9]{0,14}$/.test(id)) return undefined;
      const data = await loadEventExport(storage.db, slug, deps.baseUrl(), cache.currentGeneration(), lang);
      if (data) event(data.event.id);
      return data && sessionCalendar(pagesIn(data, lang), Number(id), words);
    });
  });

  app.get('/people/:slug/calendar.ics', (c) => {
    const slug = c.req.param('slug');
    return cached(cache, c, icsHeaders(slug), async () => {
      const base = deps.baseUrl();
      const found = await loadPersonCalendar(storage.db, slug, base, cache.currentGeneration(), lang);
      if (!found) return undefined;
      // The person's page and each session's in the calendar's language (/fr/people/x, /fr/events/y#session-2).
      const person = { ...found.person, url: found.person.url.startsWith(`${base}/`) ? `${base}${hrefIn(lang, found.person.url.slice(base.length))}` : found.person.url };
      return personCalendar(person, entriesIn(found.entries, lang), words);
    });
  });

  return app;
}

/**
 * The export with the event's and its sessions' page addresses in the calendar's language: a French
 * calendar's links (URL, the description's last line, the feed's SOURCE) open the French page
 * (/fr/events/x#session-2). UIDs, people's and organizations' addresses (ATTENDEE, ORGANIZER) stay as they are.
 */
export function pagesIn(x: EventExport, lang: InterfaceLanguage): EventExport {
  if (lang === 'en') return x;
  const local = (url: string) => (url.startsWith(`${x.baseUrl}/`) ? `${x.baseUrl}${hrefIn(lang, url.slice(x.baseUrl.length))}` : url);
  const session = (s: ExportSession): ExportSession => ({ ...s, url: local(s.url) });
  return {
    ...x,
    event: { ...x.event, url: local(x.event.url) },
    days: x.days.map((d) => ({ ...d, sessions: d.sessions.map(session) })),
    cancelled: x.cancelled.map(session),
  };
}

/** A person's calendar entries with their events' and sessions' addresses in the calendar's language (pagesIn per event). */
export function entriesIn(entries: CalendarEntry[], lang: InterfaceLanguage): CalendarEntry[] {
  if (lang === 'en') return entries;
  const local = new Map<EventExport, EventExport>();
  return entries.map((e) => {
    let data = local.get(e.data);
    if (!data) local.set(e.data, (data = pagesIn(e.data, lang)));
    const day = data.days.find((d) => d.index === e.day.index) ?? e.day;
    const session = day.sessions.find((s) => s.id === e.session.id) ?? e.session;
    return { ...e, data, day, session };
  });
}
