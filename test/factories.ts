// Small builders for agenda readings, so storage tests do not depend on the parser.
import type { Agenda, AgendaPerson, AgendaSession } from '../src/domain/agenda.ts';
import { importAgenda } from '../src/operations/import-agenda.ts';
import type { Storage } from '../src/storage/storage.ts';

export function person(name: string, extra: Partial<AgendaPerson> = {}): AgendaPerson {
  return { name, honorific: null, position: null, organization: null, country: null, countryCode: null, materials: [], ...extra };
}

export function session(extra: Partial<AgendaSession> = {}): AgendaSession {
  return { start: '10:00', end: '11:00', kind: 'panel', number: null, title: 'A panel', moderators: [], speakers: [], ...extra };
}

export function agenda(days: Array<{ date: string | null; sessions: AgendaSession[] }>): Agenda {
  return { title: null, days: days.map((d) => ({ label: null, ...d })), warnings: [] };
}

export const TARGET = {
  series: { slug: 'test-series', title: 'Test series' },
  event: { slug: 'test-event', title: 'Test event', timeZone: 'Europe/Zurich' },
};

/** Two series, idm and gfmd, each with one event and one panel ("Panel of idm") with one speaker. */
export async function twoSeries(storage: Storage): Promise<void> {
  for (const slug of ['idm', 'gfmd']) {
    await importAgenda(storage, agenda([{ date: '2025-05-06', sessions: [session({ title: `Panel of ${slug}`, speakers: [person(`Speaker ${slug.toUpperCase()}`)] })] }]), {
      series: { slug, title: slug },
      event: { slug: `${slug}-2025`, title: slug, timeZone: 'Europe/Zurich' },
    });
  }
}
