import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cleanLines } from './clean-text.ts';

test('C0 controls but tab and newline, DEL, C1 controls, a stray BOM and bidi embeddings, overrides and isolates are removed, and each line that lost some is named', () => {
  const input = [
    'Agenda\u0000\u0007',
    '10:00\t11:00 Opening\u001b[2J',
    '\u202eLouise Arbour\u202c, \u2067Director\u2069 \u202a\u202b\u202d\u2066\u2068',
    'DEL\u007f C1\u0080\u0085\u009f BOM\ufeff',
    'Kept: \u200e LRM \u200f RLM \u061c ALM, é, 中文, العربية',
  ].join('\n');
  assert.deepEqual(cleanLines(input), {
    text: ['Agenda', '10:00\t11:00 Opening[2J', 'Louise Arbour, Director ', 'DEL C1 BOM', 'Kept: \u200e LRM \u200f RLM \u061c ALM, é, 中文, العربية'].join('\n'),
    cleaned: [
      { line: 1, removed: ['\u0000', '\u0007'] },
      { line: 2, removed: ['\u001b'] },
      { line: 3, removed: ['\u202e', '\u202c', '\u2067', '\u2069', '\u202a', '\u202b', '\u202d', '\u2066', '\u2068'] },
      { line: 4, removed: ['\u007f', '\u0080', '\u0085', '\u009f', '\ufeff'] },
    ],
  });
});

test('CR, CRLF, vertical tab, form feed and the Unicode line and paragraph separators become newlines first, so line numbers are the parser’s', () => {
  assert.deepEqual(cleanLines('a\r\nb\rc\u000bd\u000ce\u2028f\u2029g\u0007'), { text: 'a\nb\nc\nd\ne\nf\ng', cleaned: [{ line: 7, removed: ['\u0007'] }] });
  assert.deepEqual(cleanLines('clean text\n'), { text: 'clean text\n', cleaned: [] });
});
