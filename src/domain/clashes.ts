// What an editor should look at before publishing: nothing here blocks publishing. Pure: it
// takes the event's agenda and the other sessions its people speak in, and says what is wrong.
import { zoned } from './time.ts';

export type SlotSession = {
  id: number;
  eventId: number;
  eventTitle: string;
  date: string;
  start: string | null;
  end: string | null;
  timeZone: string;
  kind: string;
  title: string | null;
};
export type CheckedAppearance = { sessionId: number; personId: number; personName: string; role: string; hasOrganization: boolean; hasCountry: boolean };
export type CheckedMaterial = { id: number; label: string; hasFileOrLink: boolean };

export type Warning = {
  code: 'person-overlap' | 'outside-dates' | 'session-overlap' | 'no-title' | 'nobody' | 'no-affiliation' | 'material-empty';
  message: string;
  /** the message's parts, for saying it in another language (web/i18n: warning.{code}) */
  params: Record<string, string>;
  /** the session (of this event) the warning is about, when there is one */
  sessionId?: number;
};

/** The instants a session takes, in epoch milliseconds; a session without an end takes its start. */
function span(s: SlotSession): [number, number] | null {
  if (!s.start) return null;
  const from = zoned(s.date, s.start, s.timeZone).epochMilliseconds;
  const to = s.end && s.end > s.start ? zoned(s.date, s.end, s.timeZone).epochMilliseconds : from;
  return [from, to];
}

/** Whether two spans share a moment; one that ends as the other starts does not. */
function overlaps(a: [number, number], b: [number, number]): boolean {
  const pointA = a[0] === a[1];
  const pointB = b[0] === b[1];
  if (pointA && pointB) return a[0] === b[0];
  if (pointA) return b[0] <= a[0] && a[0] < b[1];
  if (pointB) return a[0] <= b[0] && b[0] < a[1];
  return a[0] < b[1] && b[0] < a[1];
}

const NEEDS_TITLE = new Set(['panel', 'keynote', 'other']);
const NEEDS_PEOPLE = new Set(['panel', 'keynote', 'opening', 'closing']);

export function label(s: SlotSession): string {
  return `${s.title !== null ? `“${s.title}”` : `(untitled ${s.kind})`} (${s.date}${s.start ? ` ${s.start}` : ''}${s.end ? `–${s.end}` : ''})`;
}

export function eventWarnings(input: {
  event: { id: number; startDate: string; endDate: string };
  sessions: SlotSession[];
  appearances: CheckedAppearance[];
  /** sessions of other events in which this event's people appear, with who */
  elsewhere: Array<SlotSession & { personId: number }>;
  materials: CheckedMaterial[];
}): Warning[] {
  const out: Warning[] = [];
  const byId = new Map(input.sessions.map((s) => [s.id, s]));
  const spans = new Map(input.sessions.map((s) => [s.id, span(s)]));

  for (const s of input.sessions) {
    if (s.date < input.event.startDate || s.date > input.event.endDate) {
      out.push({ code: 'outside-dates', sessionId: s.id, message: `session ${label(s)} is outside the event's dates (${input.event.startDate} to ${input.event.endDate})`, params: { session: label(s), start: input.event.startDate, end: input.event.endDate } });
    }
    if (s.title === null && NEEDS_TITLE.has(s.kind)) out.push({ code: 'no-title', sessionId: s.id, message: `session ${label(s)} has no title`, params: { session: label(s) } });
    if (NEEDS_PEOPLE.has(s.kind) && !input.appearances.some((a) => a.sessionId === s.id)) out.push({ code: 'nobody', sessionId: s.id, message: `session ${label(s)} has nobody in it`, params: { session: label(s) } });
  }
  // The event has one room: two sessions of it at the same time clash.
  const timed = input.sessions.filter((s) => spans.get(s.id));
  for (let i = 0; i < timed.length; i++) {
    for (let j = i + 1; j < timed.length; j++) {
      const a = timed[i]!;
      const b = timed[j]!;
      if (a.kind === 'break' || b.kind === 'break') continue;
      if (overlaps(spans.get(a.id)!, spans.get(b.id)!)) out.push({ code: 'session-overlap', sessionId: b.id, message: `session ${label(b)} overlaps session ${label(a)} in the same room`, params: { session: label(b), other: label(a) } });
    }
  }
  // A person in two sessions at once, here or in any other event (instants, across time zones).
  const people = new Map<number, CheckedAppearance[]>();
  for (const a of input.appearances) people.set(a.personId, [...(people.get(a.personId) ?? []), a]);
  for (const [personId, list] of people) {
    const here = [...new Set(list.map((a) => a.sessionId))].map((id) => byId.get(id)!).filter((s) => spans.get(s.id));
    const name = list[0]!.personName;
    for (let i = 0; i < here.length; i++) {
      for (let j = i + 1; j < here.length; j++) {
        if (overlaps(spans.get(here[i]!.id)!, spans.get(here[j]!.id)!)) {
          out.push({ code: 'person-overlap', sessionId: here[j]!.id, message: `${name} is in session ${label(here[i]!)} and in session ${label(here[j]!)} at the same time`, params: { person: name, session: label(here[i]!), other: label(here[j]!) } });
        }
      }
    }
    for (const other of input.elsewhere.filter((o) => o.personId === personId && o.eventId !== input.event.id)) {
      const o = span(other);
      if (!o) continue;
      for (const s of here) {
        if (overlaps(spans.get(s.id)!, o)) {
          out.push({ code: 'person-overlap', sessionId: s.id, message: `${name} is in session ${label(s)} and, at the same time, in session ${label(other)} of ${other.eventTitle}`, params: { person: name, session: label(s), other: label(other), event: other.eventTitle } });
        }
      }
    }
  }
  for (const a of input.appearances) {
    if (a.role === 'speaker' && !a.hasOrganization && !a.hasCountry) {
      const s = byId.get(a.sessionId)!;
      out.push({ code: 'no-affiliation', sessionId: s.id, message: `${a.personName} speaks in session ${label(s)} without an organization or a country`, params: { person: a.personName, session: label(s) } });
    }
  }
  for (const m of input.materials) if (!m.hasFileOrLink) out.push({ code: 'material-empty', message: `the material “${m.label}” has no file or link yet`, params: { label: m.label } });
  return out;
}
