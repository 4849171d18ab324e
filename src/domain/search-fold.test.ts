// Snippets' folding (issue 12, scale): foldWithOrigins keeps where each folded unit came from as
// segments (an ASCII run, each other character) rather than an offset per unit; it must give the
// same folded text and the same offsets as the unit-by-unit fold it replaced (foldWithOriginsByParts),
// on accented, expanding (ß, ﬁ, ﷺ), vanishing (a combining mark), CJK, surrogate and lone-surrogate text.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { foldWithOrigins, foldWithOriginsByParts, parseQuery, snippet } from './search-text.ts';

const same = (text: string) => {
  const a = foldWithOrigins(text);
  const b = foldWithOriginsByParts(text);
  assert.equal(a.folded, b.folded, JSON.stringify(text));
  for (let k = 0; k < b.origin.length; k++) assert.equal(a.at(k), b.origin[k], `${JSON.stringify(text)} at ${k}`);
};

test('foldWithOrigins: the same folded text and offsets as unit by unit', () => {
  for (const t of ['', 'ABC', 'Straße', 'Ingrid Sørensen and Lech Wałęsa', 'e\u0301te\u0301', 'ﬁnance', 'ﷺ', 'aﷺb', 'ﷺﷺﷺﷺﷺﷺ', '王毅 said', '😀 Émile', 'x\ud800y', '\udc00Z', 'ΣΊΣΥΦΟΣ ς', 'Ǆemal ŉ １２', 'A\u00a0B'])
    same(t);
  // Random strings of those characters.
  const pool = ['A', 'z', ' ', '-', 'É', 'é', 'ß', 'Ø', 'ł', 'İ', 'ﷺ', '\u0301', '😀', '\ud800', '\udc00', 'Σ', 'ς', '王', 'Æ', 'ﬁ', '１', 'Ǆ', 'ŉ'];
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let n = 0; n < 3000; n++) {
    let t = '';
    const len = Math.floor(rnd() * 30);
    for (let i = 0; i < len; i++) t += pool[Math.floor(rnd() * pool.length)];
    same(t);
  }
});

test('a snippet marks the words as written, after expanding and vanishing folds', () => {
  const text = 'ﷺ Die Straße von Ingrid Sørensen führt zur Ca\u0301mara, ﬁnance.';
  const marks = (q: string) => snippet(text, null, parseQuery(q)).filter((p) => p.mark).map((p) => p.text);
  assert.deepEqual(marks('strasse'), ['Straße']);
  assert.deepEqual(marks('sorensen'), ['Sørensen']);
  assert.deepEqual(marks('camara'), ['Ca\u0301mara']);
  assert.deepEqual(marks('finance'), ['ﬁnance']);
});
