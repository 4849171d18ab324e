import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chooseByName, type PersonCandidate, personLikenessReason, positionsOverTime } from './identity.ts';

const candidate = (id: number, organizationIds: number[], extra: Partial<PersonCandidate> = {}): PersonCandidate => ({
  id,
  name: 'Maria Garcia',
  slug: id === 1 ? 'maria-garcia' : `maria-garcia-${id}`,
  organizationIds,
  organizationNames: organizationIds.map((o) => `Org ${o}`),
  countryCodes: [],
  inEvent: false,
  ...extra,
});
const printed = (organizationId: number | null, countryCode: string | null = null) => ({ organizationId, organizationName: organizationId === null ? null : `Org ${organizationId}`, countryCode });

test('one stored person of the name: taken unless every appearance of theirs is with another organization', () => {
  assert.equal(chooseByName([candidate(1, [])], printed(7)).take?.id, 1);
  assert.equal(chooseByName([candidate(1, [7])], printed(7)).take?.id, 1);
  assert.equal(chooseByName([candidate(1, [3])], printed(null)).take?.id, 1);
  const other = chooseByName([candidate(1, [3])], printed(7));
  assert.equal(other.take, null);
  assert.deepEqual(other.doubtful.map((d) => [d.candidate.id, d.reasons]), [[1, ['same-name', 'other-organization']]]);
});

test('several share the name: the same organization, then the one in this event, then the same country; each said', () => {
  const two = [candidate(1, [3], { countryCodes: ['MX'] }), candidate(2, [7], { countryCodes: ['ES'] })];
  const byOrg = chooseByName(two, printed(7));
  assert.equal(byOrg.take?.id, 2);
  assert.deepEqual(byOrg.doubtful.map((d) => [d.candidate.id, d.reasons]), [
    [2, ['same-name', 'same-organization']],
    [1, ['same-name', 'other-organization']],
  ]);
  assert.equal(chooseByName(two, printed(null, 'ES')).take?.id, 2);
  // Already in this event with the organization printed as before: nothing doubtful (a re-import).
  const again = chooseByName([candidate(1, [3]), candidate(2, [7], { inEvent: true })], printed(7));
  assert.equal(again.take?.id, 2);
  assert.deepEqual(again.doubtful, []);
  // A third organization: neither is taken.
  assert.equal(chooseByName(two, printed(9)).take, null);
});

test('why two names may be one person', () => {
  assert.equal(personLikenessReason('w l swing', 'william lacy swing'), 'initials');
  assert.equal(personLikenessReason('william swing', 'william lacy swing'), 'name-parts');
  assert.equal(personLikenessReason('mary swing', 'william lacy swing'), null);
});

test('positions over time: one line per position and organization, with the years, newest first', () => {
  const iom = { slug: 'iom', name: 'International Organization for Migration' };
  const un = { slug: 'un', name: 'United Nations' };
  assert.deepEqual(
    positionsOverTime([
      { position: 'Director General', organization: iom, date: '2008-10-02' },
      { position: 'Ambassador', organization: un, date: '2001-03-01' },
      { position: 'director general', organization: iom, date: '2018-05-02' },
      { position: 'Director General', organization: iom, date: '2012-11-20' },
      { position: null, organization: null, date: '2019-01-01' },
    ]),
    [
      { position: 'Director General', organization: iom, from: '2008', to: '2018' },
      { position: 'Ambassador', organization: un, from: '2001', to: '2001' },
    ],
  );
});
