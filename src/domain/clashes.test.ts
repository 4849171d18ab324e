// Clash rules on their own: spans that only touch do not clash; a session without an end
// clashes with one it starts inside; breaks never clash with the room.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eventWarnings, type SlotSession } from './clashes.ts';

const s = (id: number, start: string | null, end: string | null, kind = 'panel'): SlotSession => ({ id, eventId: 1, eventTitle: 'E', date: '2025-06-02', start, end, timeZone: 'Europe/Zurich', kind, title: `S${id}` });
const codes = (sessions: SlotSession[]) =>
  eventWarnings({ event: { id: 1, startDate: '2025-06-02', endDate: '2025-06-02' }, sessions, appearances: sessions.map((x) => ({ sessionId: x.id, personId: 9, personName: 'P', role: 'moderator', hasOrganization: true, hasCountry: true })), elsewhere: [], materials: [] }).map((w) => w.code);

test('back to back is no clash; inside is; a point inside a span is; breaks are not', () => {
  assert.deepEqual(codes([s(1, '10:00', '11:00'), s(2, '11:00', '12:00')]), []);
  assert.deepEqual(codes([s(1, '10:00', '11:00'), s(2, '10:59', '12:00')]), ['session-overlap', 'person-overlap']);
  assert.deepEqual(codes([s(1, '10:00', '11:00'), s(2, '10:30', null)]), ['session-overlap', 'person-overlap']);
  assert.deepEqual(codes([s(1, '10:00', '11:00'), s(2, '11:00', null)]), []);
  assert.deepEqual(codes([s(1, '10:00', '11:00'), s(2, '10:30', '10:45', 'break')]).filter((c) => c === 'session-overlap'), []);
  assert.deepEqual(codes([s(1, null, null), s(2, null, null)]), []);
});
