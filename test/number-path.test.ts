// One Intl path for numbers (issue 13): every number a page or an export writes for a reader is made by
// src/web/i18n/numbers.ts, so French groups digits (and spaces units and %) one way everywhere: U+00A0, as the
// catalogues write it, never Intl's U+202F (CLDR 42 on). The source scan fails on an Intl.NumberFormat made
// anywhere else in src/web or src/exports (a number's toLocaleString likewise); test/grouped-counts.test.ts reads
// the results over HTTP.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { interfaceLanguage } from '../src/interface-languages.ts';
import { quantity } from '../src/web/i18n/form-errors.ts';
import { formatNumber } from '../src/web/i18n/numbers.ts';
import { decimal, fileSize } from '../src/web/views/format.ts';

const fr = interfaceLanguage('fr');

test('no Intl.NumberFormat but numbers.ts in the views, the routes and the exports', () => {
  const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? files(join(dir, d.name)) : /\.tsx?$/.test(d.name) && !d.name.endsWith('.test.ts') ? [join(dir, d.name)] : []));
  const found: string[] = [];
  for (const file of [...files('src/web'), ...files('src/exports')]) {
    if (file === join('src', 'web', 'i18n', 'numbers.ts')) continue;
    const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    for (const m of text.matchAll(/new Intl\.NumberFormat\(|\bIntl\.NumberFormat\(|(?<!day|date|at|Date\(\))\.toLocaleString\(/g)) found.push(`${file}: ${m[0]}`);
  }
  assert.deepEqual(found, []);
});

test('French numbers group and space with U+00A0 on every path', () => {
  assert.equal(formatNumber(fr, 1234567.5, { maximumFractionDigits: 1 }), '1\u00a0234\u00a0567,5');
  assert.equal(formatNumber(fr, 0.098, { style: 'percent', minimumFractionDigits: 1 }), '9,8\u00a0%');
  assert.equal(quantity(fr, 2091), '2\u00a0091');
  assert.equal(decimal(1234.5, fr), '1\u00a0234,5');
  assert.equal(fileSize(1500 * 1024 * 1024, fr), '1\u00a0500\u00a0Mo');
  for (const s of [formatNumber(fr, 12345678), quantity(fr, 12345678), decimal(12345678, fr), fileSize(5000 * 1024 * 1024, fr), formatNumber(fr, 123.4, { style: 'percent' })]) assert.doesNotMatch(s, /\u202f/, s);
  // Other languages as Intl writes them.
  assert.equal(formatNumber(interfaceLanguage('en'), 1234567.5, { maximumFractionDigits: 1 }), '1,234,567.5');
  assert.equal(formatNumber(interfaceLanguage('es'), 1234, { maximumFractionDigits: 1 }), '1234');
  assert.equal(formatNumber(interfaceLanguage('es'), 12345, { maximumFractionDigits: 1 }), '12.345');
  assert.equal(formatNumber(interfaceLanguage('ar'), 12345.5, { maximumFractionDigits: 1 }), '12,345.5');
});
