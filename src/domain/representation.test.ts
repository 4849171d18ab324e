import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeFigures, computeTrend, GROUPS, type RepresentationAppearance, roleGroupOf, speakingShares } from './representation.ts';

let next = 1;
const a = (over: Partial<RepresentationAppearance>): RepresentationAppearance => ({
  appearanceId: next++,
  personId: 1,
  gender: 'not-known',
  role: 'speaker',
  roleLabel: null,
  sessionId: 1,
  sessionKind: 'panel',
  start: '10:00',
  end: '11:30',
  materialKinds: [],
  countryCode: null,
  organizationKind: null,
  year: 2020,
  ...over,
});

test('roles: moderating first, then keynote, opening and closing remarks, else another speaker', () => {
  assert.equal(roleGroupOf(a({ role: 'moderator', sessionKind: 'opening' })), 'moderator');
  assert.equal(roleGroupOf(a({ sessionKind: 'opening', materialKinds: ['keynote-remarks'] })), 'keynote');
  assert.equal(roleGroupOf(a({ roleLabel: 'Keynote speaker' })), 'keynote');
  assert.equal(roleGroupOf(a({ sessionKind: 'keynote' })), 'keynote');
  assert.equal(roleGroupOf(a({ sessionKind: 'opening' })), 'opening');
  assert.equal(roleGroupOf(a({ materialKinds: ['closing-remarks'] })), 'closing');
  assert.equal(roleGroupOf(a({ sessionKind: 'closing' })), 'closing');
  assert.equal(roleGroupOf(a({ roleLabel: 'Panellist' })), 'speaker');
});

test("a session's time is shared equally among its speakers; moderators and sessions without both times get none", () => {
  const list = [
    a({ sessionId: 1, role: 'moderator' }),
    a({ sessionId: 1 }),
    a({ sessionId: 1 }),
    a({ sessionId: 1 }),
    a({ sessionId: 2, start: '09:00', end: null }),
    a({ sessionId: 3, start: '23:00', end: '01:00' }),
  ];
  const shares = speakingShares(list);
  assert.deepEqual([...shares.values()], [1800, 1800, 1800]);
  const f = computeFigures(list);
  assert.equal(f.speakingSeconds, 5400);
  assert.equal(f.timedSpeakingAppearances, 3);
  assert.equal(f.speakingAppearances, 5);
});

test('persons count once per group, appearances each time; "not known" and "declined" are groups of their own', () => {
  const list = [
    a({ personId: 1, gender: 'female', countryCode: 'KE', organizationKind: 'igo' }),
    a({ personId: 1, gender: 'female', countryCode: 'KE', organizationKind: 'civil-society', sessionId: 2 }),
    a({ personId: 2, gender: 'declined', countryCode: 'FR', role: 'moderator' }),
    a({ personId: 3, gender: 'another', countryCode: null }),
  ];
  const f = computeFigures(list);
  assert.equal(f.persons, 3);
  assert.equal(f.appearances, 4);
  const groups = (d: string) => Object.fromEntries(f.dimensions.find((x) => x.dimension === d)!.groups.map((g) => [g.key, [g.persons, g.appearances]]));
  assert.deepEqual(groups('gender'), { female: [1, 2], male: [0, 0], another: [1, 1], declined: [1, 1], 'not-known': [0, 0] });
  assert.deepEqual(groups('region'), { africa: [1, 2], americas: [0, 0], asia: [0, 0], europe: [1, 1], oceania: [0, 0], 'not-known': [1, 1] });
  // one person for two kinds of organization counts in both
  assert.equal(groups('organizationKind').igo![0], 1);
  assert.equal(groups('organizationKind')['civil-society']![0], 1);
  assert.deepEqual(groups('organizationKind')['not-known'], [2, 2]);
  for (const d of f.dimensions) assert.deepEqual(d.groups.map((g) => g.key), [...GROUPS[d.dimension]]);
});

test('the trend follows each year: women among speakers, civil society among panellists', () => {
  const list = [
    a({ year: 2019, personId: 1, gender: 'female', organizationKind: 'civil-society' }),
    a({ year: 2019, personId: 2, gender: 'male' }),
    a({ year: 2019, personId: 3, role: 'moderator', gender: 'female' }),
    a({ year: 2021, personId: 1, gender: 'female', sessionKind: 'opening', organizationKind: 'civil-society' }),
  ];
  const years = computeTrend(list, new Map([[2019, 1], [2021, 2]]));
  assert.deepEqual(
    years.map((y) => [y.year, y.events, y.speakers, y.panellists]),
    [
      [2019, 1, { persons: 2, female: 1, notKnown: 0 }, { appearances: 2, civilSociety: 1 }],
      [2021, 2, { persons: 1, female: 1, notKnown: 0 }, { appearances: 0, civilSociety: 0 }],
    ],
  );
});
