// Plural forms through t(): Intl.PluralRules of the reader's language picks key.zero/.one/.two/
// .few/.many when the catalogue has it, else the plain key. Arabic has all six categories; French
// counts 0 as singular; English only 1.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { translator } from '../src/web/i18n/t.ts';
import { interfaceLanguage } from '../src/interface-languages.ts';

const counts = (lang: string, key: 'list.eventCount' | 'list.count' | 'search.total', ns: number[]) => ns.map((n) => translator(interfaceLanguage(lang))(key, { n }));

test('Arabic: zero, one, two, few (3–10), many (11–99) and other (100)', () => {
  assert.deepEqual(counts('ar', 'list.eventCount', [0, 1, 2, 3, 11, 100]), ['لا توجد فعاليات', 'فعالية واحدة', 'فعاليتان', '3 فعاليات', '11 فعالية', '100 فعالية']);
  assert.deepEqual(counts('ar', 'search.total', [0, 1, 2, 3, 11, 100]), ['لا توجد نتائج', 'نتيجة واحدة', 'نتيجتان', '3 نتائج', '11 نتيجة', '100 نتيجة']);
  assert.deepEqual(counts('ar', 'list.count', [0, 1, 2, 3, 11, 100]), ['لا توجد مشاركات', 'مشاركة واحدة', 'مشاركتان', '3 مشاركات', '11 مشاركة', '100 مشاركة']);
});

test('French: 0 and 1 are singular, 2 plural', () => {
  assert.deepEqual(counts('fr', 'list.eventCount', [0, 1, 2]), ['0 événement', '1 événement', '2 événements']);
  assert.deepEqual(counts('fr', 'search.total', [0, 1, 2]), ['0 résultat', '1 résultat', '2 résultats']);
});

test('English and Spanish: only 1 is singular', () => {
  assert.deepEqual(counts('en', 'list.eventCount', [0, 1, 2]), ['0 events', '1 event', '2 events']);
  assert.deepEqual(counts('en', 'search.total', [0, 1, 2]), ['0 results', '1 result', '2 results']);
  assert.deepEqual(counts('es', 'list.eventCount', [0, 1, 2]), ['0 eventos', '1 evento', '2 eventos']);
});

test('{count} chooses the form too; a count given as a numeric string counts; no count, the plain key', () => {
  const ar = translator(interfaceLanguage('ar'));
  assert.equal(ar('edit.errors', { count: 2 }), 'يتضمن النموذج خطأين؛ لم يُحفظ أي شيء:');
  assert.equal(ar('list.eventCount', { n: '2' }), 'فعاليتان');
  // A count already formatted for display: Arabic-Indic digits, a group separator.
  assert.equal(ar('list.eventCount', { n: '١١' }), '١١ فعالية');
  assert.equal(ar('list.eventCount', { n: '٣' }), '٣ فعاليات');
  assert.equal(translator(interfaceLanguage('fr'))('list.eventCount', { n: '1\u202f000' }), '1\u202f000 événements');
  assert.equal(translator('en')('list.eventCount', { n: '1,000' }), '1,000 events');
  assert.equal(ar('day.heading', { n: 2 }), 'اليوم 2');
});

test('a key no catalogue has comes back as itself, its placeholders filled', () => {
  assert.equal(translator(interfaceLanguage('fr'))('no.such.key {n}' as 'list.count', { n: 1 }), 'no.such.key 1');
});
