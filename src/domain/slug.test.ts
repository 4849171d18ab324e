import assert from 'node:assert/strict';
import { test } from 'node:test';
import { slugify } from './slug.ts';

test('slugs are lowercase ASCII words joined by hyphens, cut at a word boundary', () => {
  assert.equal(slugify('Juan José Gómez Camacho'), 'juan-jose-gomez-camacho');
  assert.equal(slugify('  --Ministry of Foreign Affairs (Italy)-- '), 'ministry-of-foreign-affairs-italy');
  assert.equal(slugify('International Organization for Migration', 30), 'international-organization-for');
  assert.equal(slugify('Supercalifragilisticexpialidocious', 10), 'supercalif');
  assert.equal(slugify('—'), 'item');
});
