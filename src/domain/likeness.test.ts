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

test('the likeness indexes find exactly what comparing with every name finds, in the order the names were added', async () => {
  const { OrganizationLikeness, PersonLikeness } = await import('./likeness.ts');
  const fc = await import('fast-check');
  // Few words, so that names share bare forms, initials, acronyms, parentheses and parts often.
  const orgWord = fc.constantFrom('International', 'Organization', 'for', 'Migration', 'IOM', 'of', 'the', 'Office', 'UNHCR', 'United', 'Nations', 'High', 'Commissioner', 'Refugees', 'OIM', '(IOM)', 'iom');
  const orgName = fc.array(orgWord, { minLength: 1, maxLength: 5 }).map((ws) => ws.join(' '));
  const part = fc.constantFrom('w', 'william', 'l', 'lacy', 'swing', 'juan', 'jose', 'gomez', 'camacho', 'mary', 'jr', 'j');
  const nameKey = fc.array(part, { minLength: 1, maxLength: 4 }).map((ws) => ws.join(' '));
  fc.assert(
    fc.property(fc.array(orgName, { maxLength: 30 }), orgName, (stored, name) => {
      const index = new OrganizationLikeness<{ name: string }>();
      const all = stored.map((n) => ({ name: n }));
      for (const o of all) index.add(o);
      assert.deepEqual(index.similarTo(name), all.filter((o) => mayBeSameOrganization(name, o.name)));
    }),
    { numRuns: 500 },
  );
  fc.assert(
    fc.property(fc.array(nameKey, { maxLength: 30 }), nameKey, (stored, key) => {
      const index = new PersonLikeness<{ nameKey: string }>();
      const all = stored.map((k) => ({ nameKey: k }));
      for (const p of all) index.add(p);
      assert.deepEqual(index.similarTo(key), all.filter((p) => mayBeSamePerson(key, p.nameKey)));
    }),
    { numRuns: 500 },
  );
});
