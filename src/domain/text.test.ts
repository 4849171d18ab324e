import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normaliseLineEnds, paragraphs } from './text.ts';

test('line ends: CR LF and a lone CR become LF', () => {
  assert.equal(normaliseLineEnds('a\r\nb\rc\nd\r\n\r\ne'), 'a\nb\nc\nd\n\ne');
});

test('paragraphs split at blank lines, of LF, CR LF (texts stored before line ends were normalised) or CR', () => {
  assert.deepEqual(paragraphs('One\nline two\n\nTwo\n\n\nThree'), ['One\nline two', 'Two', 'Three']);
  assert.deepEqual(paragraphs('One\r\nline two\r\n\r\nTwo\r\n\r\n\r\nThree'), ['One\r\nline two', 'Two', 'Three']);
  assert.deepEqual(paragraphs('One\r\rTwo'), ['One', 'Two']);
  assert.deepEqual(paragraphs('Only one\r\nparagraph'), ['Only one\r\nparagraph']);
});
