import assert from 'node:assert/strict';
import { test } from 'node:test';
import { changedLanguages, parseTranslations, pickText, serializeTranslations, textDirection, themeField, versionOrder, withLanguage } from './translations.ts';

test('pickText: the reader’s language where an editor gave it, else the original in its own language', () => {
  const tr = { title: { fr: 'Dialogue international', es: 'Diálogo internacional' }, overview: { es: 'Resumen' } };
  assert.deepEqual(pickText({ text: 'International Dialogue', lang: 'en' }, tr, 'title', 'fr'), { text: 'Dialogue international', lang: 'fr', translated: true });
  assert.deepEqual(pickText({ text: 'Overview', lang: 'en' }, tr, 'overview', 'fr'), { text: 'Overview', lang: 'en', translated: false });
  assert.deepEqual(pickText({ text: 'International Dialogue', lang: 'en' }, tr, 'title', 'ar'), { text: 'International Dialogue', lang: 'en', translated: false });
  // A stored translation in the original's own language never hides the original.
  assert.deepEqual(pickText({ text: 'Original', lang: 'fr' }, tr, 'title', 'fr'), { text: 'Original', lang: 'fr', translated: false });
  assert.equal(pickText({ text: null, lang: 'en' }, {}, 'overview', 'fr'), null);
  assert.deepEqual(pickText({ text: null, lang: 'en' }, tr, 'overview', 'es'), { text: 'Resumen', lang: 'es', translated: true });
});

test('one language replaced, the others kept; empty texts dropped; a fixed serialisation', () => {
  const start = { title: { fr: 'Titre', es: 'Título' } };
  const next = withLanguage(start, 'fr', { title: '', [themeField('Climate')]: 'Climat' });
  assert.deepEqual(next, { title: { es: 'Título' }, 'theme:Climate': { fr: 'Climat' } });
  assert.equal(serializeTranslations(next), '{"theme:Climate":{"fr":"Climat"},"title":{"es":"Título"}}');
  assert.equal(serializeTranslations({ b: { fr: 'x', es: 'y' }, a: { en: '' } }), '{"b":{"es":"y","fr":"x"}}');
  assert.deepEqual(changedLanguages(start, next), ['fr']);
});

test('a stored column that is not translations reads as none', () => {
  assert.deepEqual(parseTranslations('not json'), {});
  assert.deepEqual(parseTranslations('{"title":"flat"}'), {});
  assert.deepEqual(parseTranslations('{"title":{"FR":"x"}}'), {});
  assert.deepEqual(parseTranslations(null), {});
});

test('versions offered: the reader’s language first, then the original, then the others in upload order', () => {
  const v = [
    { lang: 'en', original: true },
    { lang: 'fr', original: false },
    { lang: 'es', original: false },
  ];
  assert.deepEqual(versionOrder(v, 'es').map((x) => x.lang), ['es', 'en', 'fr']);
  assert.deepEqual(versionOrder(v, 'en').map((x) => x.lang), ['en', 'fr', 'es']);
  assert.deepEqual(versionOrder(v, 'ar').map((x) => x.lang), ['en', 'fr', 'es']);
  assert.equal(textDirection('ar'), 'rtl');
  assert.equal(textDirection('fr'), 'ltr');
});
