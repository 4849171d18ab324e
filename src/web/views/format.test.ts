import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileSize } from './format.ts';
import { interfaceLanguage } from '../../interface-languages.ts';

test('file sizes: whole kilobytes below what rounds to 1,024 kB, megabytes with one decimal from there', () => {
  assert.equal(fileSize(0, 'en'), '1 kB');
  assert.equal(fileSize(16 * 1024, 'en'), '16 kB');
  assert.equal(fileSize(1023 * 1024 + 511, 'en'), '1,023 kB');
  assert.equal(fileSize(1023 * 1024 + 512, 'en'), '1 MB');
  assert.equal(fileSize(1024 * 1024, 'en'), '1 MB');
  assert.equal(fileSize(1.5 * 1024 * 1024, 'en'), '1.5 MB');
  assert.equal(fileSize(1.5 * 1024 * 1024, interfaceLanguage('fr')), '1,5\u00a0Mo');
  assert.equal(fileSize(16 * 1024, interfaceLanguage('fr')), '16\u00a0ko');
});
