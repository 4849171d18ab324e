// Loads one published event as the data every export renders (exports/model.ts).
import { countryName } from '../domain/country.ts';
import { stableGuid } from '../domain/guid.ts';
import { zoned } from '../domain/time.ts';
import type { EventExport, ExportMaterial, ExportSession } from '../exports/model.ts';
import type { DbOrTx } from '../storage/database.ts';
import { eventAgenda, publishedEventBySlug, type MaterialView } from '../storage/queries.ts';

const KIND_NAMES: Record<string, string> = { opening: 'Opening', panel: 'Panel', keynote: 'Keynote', break: 'Break', closing: 'Closing', other: 'Session' };

export function displayTitle(s: { kind: string; number: number | null; title: string | null }): string {
  const prefix = s.number !== null ? `Panel ${s.number}` : null;
  if (prefix && s.title) return `${prefix}: ${s.title}`;
  return prefix ?? s.title ?? KIND_NAMES[s.kind] ?? 'Session';
}

function material(m: MaterialView, baseUrl: string, mediaTypes: Map<string, string>): ExportMaterial {
  return {
    id: m.id,
    kind: m.kind,
    label: m.label,
    lang: m.lang,
    url: m.fileId ? `${baseUrl}/files/${m.fileId}` : m.url,
    mediaType: m.fileId ? (mediaTypes.get(m.fileId) ?? null) : null,
  };
}

export async function loadEventExport(db: DbOrTx, slug: string, baseUrl: string, generation: number): Promise<EventExport | undefined> {
  const found = await publishedEventBySlug(db, slug);
  if (!found) return undefined;
  const { event, series } = found;
  const agenda = await eventAgenda(db, event.id);
  const fileIds = [...agenda.documents, ...agenda.days.flatMap((d) => d.sessions.flatMap((s) => s.appearances.flatMap((a) => a.materials)))]
    .map((m) => m.fileId)
    .filter((x): x is string => x !== null);
  const mediaTypes = new Map(
    fileIds.length ? (await db.selectFrom('file').select(['id', 'media_type']).where('id', 'in', fileIds).execute()).map((f) => [f.id, f.media_type]) : [],
  );
  const eventUrl = `${baseUrl}/events/${event.slug}`;
  const tz = event.time_zone;

  return {
    baseUrl,
    generation,
    updatedAt: event.updated_at,
    series: { id: series.id, slug: series.slug, title: series.title, url: `${baseUrl}/series/${series.slug}` },
    event: {
      id: event.id,
      guid: stableGuid(`event:${event.slug}`),
      slug: event.slug,
      title: event.title,
      lang: event.lang,
      startDate: event.start_date,
      endDate: event.end_date,
      timeZone: tz,
      venue: event.venue,
      city: event.city,
      countryCode: event.country_code,
      countryName: event.country_code ? (countryName(event.country_code, 'en') ?? null) : null,
      overview: event.overview,
      themes: JSON.parse(event.themes) as string[],
      contactEmail: event.contact_email,
      status: event.status,
      url: eventUrl,
    },
    days: agenda.days.map((d, i) => ({
      index: i + 1,
      date: d.date,
      label: d.label,
      sessions: d.sessions.map((s): ExportSession => {
        const start = s.start ? zoned(d.date, s.start, tz) : null;
        // An end earlier than the start runs past midnight.
        let end = s.end ? zoned(d.date, s.end, tz) : null;
        if (start && end && end.epochMilliseconds <= start.epochMilliseconds) end = end.add({ days: 1 });
        return {
          id: s.id,
          guid: stableGuid(`event:${event.slug}:session:${s.id}`),
          kind: s.kind as ExportSession['kind'],
          number: s.number,
          title: s.title,
          displayTitle: displayTitle(s),
          lang: s.lang,
          date: d.date,
          start: s.start,
          end: s.end,
          startsAt: start ? start.toString({ timeZoneName: 'never', smallestUnit: 'second' }) : null,
          endsAt: end ? end.toString({ timeZoneName: 'never', smallestUnit: 'second' }) : null,
          startsAtUtc: start ? start.toInstant().toString({ smallestUnit: 'second' }) : null,
          endsAtUtc: end ? end.toInstant().toString({ smallestUnit: 'second' }) : null,
          durationMinutes: start && end ? Math.round((end.epochMilliseconds - start.epochMilliseconds) / 60000) : null,
          url: `${eventUrl}#session-${s.id}`,
          appearances: s.appearances.map((a) => {
            const country = a.countryCode ? (countryName(a.countryCode, 'en') ?? a.country) : a.country;
            return {
              id: a.id,
              role: a.role,
              roleLabel: a.roleLabel,
              position: a.position,
              honorific: a.honorific,
              person: { id: a.person.id, slug: a.person.slug, name: a.person.name, url: `${baseUrl}/people/${a.person.slug}` },
              affiliation: {
                position: a.affiliationPosition,
                organization: a.organization ? { ...a.organization, url: `${baseUrl}/organizations/${a.organization.slug}` } : null,
                country: a.country,
                countryCode: a.countryCode,
                text: [a.affiliationPosition, a.organization?.name, country].filter(Boolean).join(', '),
              },
              talkTitle: a.talkTitle,
              materials: a.materials.map((m) => material(m, baseUrl, mediaTypes)),
            };
          }),
        };
      }),
    })),
    documents: agenda.documents.map((m) => material(m, baseUrl, mediaTypes)),
  };
}
