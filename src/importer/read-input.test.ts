import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_INPUT_BYTES, readInput } from './read-input.ts';

const bytes = (s: string) => new TextEncoder().encode(s);

test('text is decoded, the BOM dropped and line endings unified', () => {
  assert.deepEqual(readInput(bytes('\ufeffAgenda\r\nDay 1\r10:00 Opening')), { format: 'text', text: 'Agenda\nDay 1\n10:00 Opening' });
});

test('empty, blank, binary, non-UTF-8 and oversized inputs are refused with what is wrong and where', () => {
  assert.throws(() => readInput(new Uint8Array(0), 'a.txt'), { name: 'InvalidInput', message: 'a.txt is empty: there is no agenda to read' });
  assert.throws(() => readInput(bytes(' \n\t\n'), 'a.txt'), { message: 'a.txt holds only white space: there is no agenda to read' });
  assert.throws(() => readInput(new Uint8Array([65, 66, 0, 67]), 'a.bin'), { message: 'a.bin is binary, not a text agenda (a NUL byte at offset 2)' });
  assert.throws(() => readInput(new Uint8Array([65, 0xc3, 0x28, 66]), 'a.txt'), { message: 'a.txt is not UTF-8 text (an invalid byte sequence at offset 1)' });
  assert.throws(() => readInput(new Uint8Array(MAX_INPUT_BYTES + 1).fill(65), 'big.txt'), { message: 'big.txt is 10.0 MB; an agenda page is at most 10.0 MB' });
  assert.throws(() => readInput(bytes('a\u0001b\u0002c\u0003'), 'c.txt'), { message: 'c.txt is binary, not a text agenda (3 control characters)' });
});
