// Loads one published event as the data every export renders (exports/model.ts).
import { countryLabel } from '../domain/country.ts';
import { isInterfaceLanguage } from '../interface-languages.ts';
import { utcSecond, zoned, zonedFast } from '../domain/time.ts';
import type { EventExport, ExportAppearance, ExportMaterial, ExportSession } from '../exports/model.ts';
import type { DbOrTx } from '../storage/database.ts';
import { parseTranslations, pickText, themeField } from '../domain/translations.ts';
import { cancelledSessions, releasesOf, type Release } from './releases.ts';
import { eventAgenda, publishedEventBySlug, type AgendaAppearance, type EventAgenda, type MaterialView, type PublishedEvent } from '../storage/queries.ts';

/** The language country names are given in for a reader: theirs where the country list has it, else English. */
const countryLanguage = (reader: string) => (isInterfaceLanguage(reader) ? reader : 'en');

const KIND_NAMES: Record<string, string> = { opening: 'Opening', panel: 'Panel', keynote: 'Keynote', break: 'Break', closing: 'Closing', other: 'Session' };

export function displayTitle(s: { kind: string; number: number | null; title: string | null }): string {
  const prefix = s.number !== null ? `Panel ${s.number}` : null;
  if (prefix && s.title) return `${prefix}: ${s.title}`;
  return prefix ?? s.title ?? KIND_NAMES[s.kind] ?? 'Session';
}


/** A session's local wall times as instants in the event's zone; an end not after the start runs past midnight. */
export function sessionInstants(date: string, start: string | null, end: string | null, timeZone: string) {
  // Without Temporal where the day has one offset and the end is after the start (domain/time.ts zonedFast).
  const fs = start ? zonedFast(date, start, timeZone) : undefined;
  const fe = end ? zonedFast(date, end, timeZone) : undefined;
  if (fs !== null && fe !== null && !(fs && fe && fe.epochMs <= fs.epochMs)) {
    return {
      startsAt: fs?.iso ?? null,
      endsAt: fe?.iso ?? null,
      startsAtUtc: fs ? utcSecond(fs.epochMs) : null,
      endsAtUtc: fe ? utcSecond(fe.epochMs) : null,
      durationMinutes: fs && fe ? Math.round((fe.epochMs - fs.epochMs) / 60000) : null,
    };
  }
  const s = start ? zoned(date, start, timeZone) : null;
  let e = end ? zoned(date, end, timeZone) : null;
  if (s && e && e.epochMilliseconds <= s.epochMilliseconds) e = e.add({ days: 1 });
  return {
    startsAt: s ? s.toString({ timeZoneName: 'never', smallestUnit: 'second' }) : null,
    endsAt: e ? e.toString({ timeZoneName: 'never', smallestUnit: 'second' }) : null,
    startsAtUtc: s ? s.toInstant().toString({ smallestUnit: 'second' }) : null,
    endsAtUtc: e ? e.toInstant().toString({ smallestUnit: 'second' }) : null,
    durationMinutes: s && e ? Math.round((e.epochMilliseconds - s.epochMilliseconds) / 60000) : null,
  };
}

/**
 * A material with an absolute URL; `mediaTypes` maps stored files' ids to their media types. Its
 * label in `reader`'s language where an editor gave one (a version shows its original's).
 */
export function exportMaterial(m: MaterialView, baseUrl: string, mediaTypes: ReadonlyMap<string, string>, reader = 'en', original?: MaterialView): ExportMaterial {
  const doc = original ?? m;
  const label = pickText({ text: doc.label, lang: doc.lang }, parseTranslations(doc.translations), 'label', reader) ?? { text: m.label, lang: m.lang };
  return {
    id: m.id,
    kind: m.kind,
    label: label.text,
    labelLang: label.lang,
    lang: m.lang,
    originalId: original ? original.id : null,
    url: m.fileId ? `${baseUrl}/files/${m.fileId}` : m.url,
    mediaType: m.fileId ? (mediaTypes.get(m.fileId) ?? null) : null,
  };
}

/** An appearance as every export (and the API) carries it: absolute URLs, the affiliation also as one text. */
/** A document and its language versions, each an ExportMaterial (the original first). */
export function exportDocuments(list: readonly MaterialView[], baseUrl: string, mediaTypes: ReadonlyMap<string, string>, reader = 'en'): ExportMaterial[] {
  return list.flatMap((m) => [exportMaterial(m, baseUrl, mediaTypes, reader), ...(m.versions ?? []).map((v) => exportMaterial(v, baseUrl, mediaTypes, reader, m))]);
}

export function exportAppearance(a: AgendaAppearance, baseUrl: string, mediaTypes: ReadonlyMap<string, string>, reader = 'en'): ExportAppearance {
  // The same name in every export and the API: see countryLabel; in the reader's language (a French
  // calendar or participants list says "Maroc", issue 13).
  const country = countryLabel(a.countryCode, a.country, countryLanguage(reader));
  return {
    id: a.id,
    role: a.role,
    roleLabel: a.roleLabel,
    position: a.position,
    honorific: a.honorific,
    person: { id: a.person.id, guid: a.person.uuid, slug: a.person.slug, name: a.person.name, url: `${baseUrl}/people/${a.person.slug}` },
    affiliation: {
      position: a.affiliationPosition,
      organization: a.organization ? { ...a.organization, url: `${baseUrl}/organizations/${a.organization.slug}` } : null,
      country,
      countryCode: a.countryCode,
      text: [a.affiliationPosition, a.organization?.name, country].filter(Boolean).join(', '),
    },
    talkTitle: a.talkTitle,
    materials: exportDocuments(a.materials, baseUrl, mediaTypes, reader),
  };
}

/** Every stored file an agenda's materials point to (documents, appearances' materials and their versions). */
function agendaFileIds(agenda: EventAgenda): string[] {
  return [...agenda.documents, ...agenda.days.flatMap((d) => d.sessions.flatMap((s) => s.appearances.flatMap((a) => a.materials)))]
    .flatMap((m) => [m, ...(m.versions ?? [])])
    .map((m) => m.fileId)
    .filter((x): x is string => x !== null);
}

/** The media types of these stored files, by id (one statement). */
export async function mediaTypesOf(db: DbOrTx, fileIds: readonly string[]): Promise<Map<string, string>> {
  return new Map(fileIds.length ? (await db.selectFrom('file').select(['id', 'media_type']).where('id', 'in', [...new Set(fileIds)]).execute()).map((f) => [f.id, f.media_type]) : []);
}

/**
 * A published event whose agenda is already loaded (the event page has read it) as EventExport;
 * reads only the media types of its stored files and the event's releases.
 */
export async function eventExportOf(
  db: DbOrTx,
  found: PublishedEvent,
  agenda: EventAgenda,
  baseUrl: string,
  generation: number,
  /** the reader's language: titles, overview, themes and labels in it where an editor gave them (issue 13) */
  reader = 'en',
): Promise<EventExport> {
  const mediaTypes = await mediaTypesOf(db, agendaFileIds(agenda));
  return buildEventExport(found, agenda, mediaTypes, await releasesOf(db, found.event.id), baseUrl, generation, reader);
}

/**
 * EventExport from what eventExportOf reads (pure): several events' exports can be made from reads
 * done for all of them at once (a person's calendar: operations/person-calendar.ts). `releases`
 * newest first, as releasesOf gives them.
 */
export function buildEventExport(
  found: PublishedEvent,
  agenda: EventAgenda,
  mediaTypes: ReadonlyMap<string, string>,
  releases: readonly Release[],
  baseUrl: string,
  generation: number,
  reader = 'en',
): EventExport {
  const { event, series, convener } = found;
  const eventUrl = `${baseUrl}/events/${event.slug}`;
  const tz = event.time_zone;
  const latest = releases[0];
  const current = new Set(agenda.days.flatMap((d) => d.sessions.map((s) => s.uuid)));
  const cancelled = cancelledSessions(releases, current).map(
    (s): ExportSession => ({
      id: s.id,
      guid: s.uuid,
      kind: s.kind as ExportSession['kind'],
      number: s.number,
      title: s.title,
      displayTitle: s.displayTitle,
      lang: event.lang,
      date: s.date,
      start: s.start,
      end: s.end,
      ...sessionInstants(s.date, s.start, s.end, tz),
      url: `${eventUrl}/changes`,
      appearances: [],
    }),
  );

  const tr = parseTranslations(event.translations);
  const original = (text: string | null) => ({ text, lang: event.lang });
  const title = pickText(original(event.title), tr, 'title', reader) ?? { text: event.title, lang: event.lang };
  const overview = pickText(original(event.overview), tr, 'overview', reader);
  const themes = (JSON.parse(event.themes) as string[]).map((x) => pickText(original(x), tr, themeField(x), reader) ?? { text: x, lang: event.lang });
  const seriesTitle = pickText({ text: series.title, lang: series.lang }, parseTranslations(series.translations), 'title', reader) ?? { text: series.title, lang: series.lang };
  return {
    baseUrl,
    generation,
    updatedAt: event.updated_at,
    series: {
      id: series.id,
      slug: series.slug,
      title: seriesTitle.text,
      titleLang: seriesTitle.lang,
      url: `${baseUrl}/series/${series.slug}`,
      convener: convener && { id: convener.id, slug: convener.slug, name: convener.name, kind: convener.kind, url: `${baseUrl}/organizations/${convener.slug}` },
    },
    event: {
      id: event.id,
      guid: event.uuid,
      roomGuid: event.room_uuid,
      slug: event.slug,
      title: title.text,
      titleLang: title.lang,
      lang: event.lang,
      startDate: event.start_date,
      endDate: event.end_date,
      timeZone: tz,
      venue: event.venue,
      address: event.address,
      city: event.city,
      countryCode: event.country_code,
      countryName: countryLabel(event.country_code, null, countryLanguage(reader)),
      overview: overview?.text ?? null,
      overviewLang: overview?.lang ?? event.lang,
      themes: themes.map((x) => x.text),
      themeLangs: themes.map((x) => x.lang),
      contactEmail: event.contact_email,
      status: event.status,
      url: eventUrl,
    },
    days: agenda.days.map((d, i) => ({
      index: i + 1,
      date: d.date,
      label: d.label,
      sessions: d.sessions.map((s): ExportSession => {
        const picked = pickText({ text: s.title, lang: s.lang }, parseTranslations(s.translations), 'title', reader);
        return {
          id: s.id,
          guid: s.uuid,
          kind: s.kind as ExportSession['kind'],
          number: s.number,
          title: picked?.text ?? s.title,
          displayTitle: displayTitle({ ...s, title: picked?.text ?? s.title }),
          lang: picked?.lang ?? s.lang,
          date: d.date,
          start: s.start,
          end: s.end,
          ...sessionInstants(d.date, s.start, s.end, tz),
          url: `${eventUrl}#session-${s.id}`,
          appearances: s.appearances.map((a) => exportAppearance(a, baseUrl, mediaTypes, reader)),
        };
      }),
    })),
    documents: exportDocuments(agenda.documents, baseUrl, mediaTypes, reader),
    release: latest ? { number: latest.number, createdAt: latest.createdAt, note: latest.note } : null,
    cancelled,
  };
}

export async function loadEventExport(db: DbOrTx, slug: string, baseUrl: string, generation: number, reader = 'en'): Promise<EventExport | undefined> {
  const found = await publishedEventBySlug(db, slug);
  if (!found) return undefined;
  return eventExportOf(db, found, await eventAgenda(db, found.event.id), baseUrl, generation, reader);
}
