import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mayBeSameOrganization, mayBeSamePerson } from './likeness.ts';

test('initials, a missing middle name or half a double surname make a doubtful person match', () => {
  assert.equal(mayBeSamePerson('w l swing', 'william lacy swing'), true);
  assert.equal(mayBeSamePerson('william swing', 'william lacy swing'), true);
  assert.equal(mayBeSamePerson('juan gomez', 'juan jose gomez camacho'), true);
  assert.equal(mayBeSamePerson('austin fragomen', 'austin t fragomen jr'), true);
});

test('different given names, different surnames or the same key are not doubtful', () => {
  assert.equal(mayBeSamePerson('mary swing', 'william lacy swing'), false);
  assert.equal(mayBeSamePerson('william lacy swing', 'william lacy swing'), false);
  assert.equal(mayBeSamePerson('swing', 'william swing'), false);
  assert.equal(mayBeSamePerson('w k swing', 'william lacy swing'), false);
});

test('an organization with or without its acronym, or as its acronym, is doubtful', () => {
  assert.equal(mayBeSameOrganization('International Organization for Migration (IOM)', 'International Organization for Migration'), true);
  assert.equal(mayBeSameOrganization('IOM', 'International Organization for Migration'), true);
  assert.equal(mayBeSameOrganization('OECD', 'International Organization for Migration'), false);
  assert.equal(mayBeSameOrganization('Migrant Forum in Asia', 'Migrant Forum in Africa'), false);
});
