import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SLUG_PATTERN, slugify } from './slug.ts';

test('slugs are lowercase ASCII words joined by hyphens, cut at a word boundary', () => {
  assert.equal(slugify('Juan José Gómez Camacho'), 'juan-jose-gomez-camacho');
  assert.equal(slugify('  --Ministry of Foreign Affairs (Italy)-- '), 'ministry-of-foreign-affairs-italy');
  assert.equal(slugify('International Organization for Migration', 30), 'international-organization-for');
  assert.equal(slugify('Supercalifragilisticexpialidocious', 10), 'supercalif');
  assert.equal(slugify('Ministère de l’Économie'), 'ministere-de-l-economie');
  assert.equal(slugify('—'), 'item');
});

test('Latin letters beyond accents are spelled out, not cut', () => {
  assert.equal(slugify('Ingrid Sørensen'), 'ingrid-sorensen');
  assert.equal(slugify('Lech Wałęsa'), 'lech-walesa');
  assert.equal(slugify('Straße'), 'strasse');
  assert.equal(slugify('Æsir Ærø'), 'aesir-aero');
  assert.equal(slugify('Đorđe Đukanović'), 'dorde-dukanovic');
  assert.equal(slugify('Þórunn Egilsdóttir'), 'thorunn-egilsdottir');
  assert.equal(slugify('İstanbul Ünal Çağ'), 'istanbul-unal-cag');
  assert.equal(slugify('Nguyễn Thị Minh Khai'), 'nguyen-thi-minh-khai');
  assert.equal(slugify('Đặng Thị Ngọc Thịnh'), 'dang-thi-ngoc-thinh');
  // decomposed accents (NFD) give the same slug as precomposed ones
  assert.equal(slugify('Sørensen Gómez'.normalize('NFD')), 'sorensen-gomez');
  // full-width letters
  assert.equal(slugify('ＡＢＣ'), 'abc');
});

test('every script gets a readable slug (any-ascii), never "item"', () => {
  const cases: Array<[string, string]> = [
    ['محمد عبد الله', 'mhmd-bd-llh'], // Arabic
    ['王毅', 'wang-yi'], // Chinese: a syllable per character
    ['习近平', 'xi-jin-ping'],
    ['Анна Петрова', 'anna-petrova'], // Cyrillic
    ['Александр Солженицын', 'aleksandr-solzhenitsyn'],
    ['Юлия Тимошенко', 'yuliya-timoshenko'],
    ['Γιώργος Παπανδρέου', 'giorgos-papandreoy'], // Greek
    ['בנימין נתניהו', 'vnymyn-ntnyhv'], // Hebrew
    ['नरेंद्र मोदी', 'nremdr-modi'], // Devanagari
    ['ประยุทธ์ จันทร์โอชา', 'prayuthth-chanthroocha'], // Thai
    ['やまだ たろう', 'yamada-tarou'], // hiragana: kana join into words
    ['カタカナ', 'katakana'], // katakana
    ['岸田文雄', 'an-tian-wen-xiong'], // kanji, read as Chinese syllables
    ['문재인', 'mun-jae-in'], // Korean: a syllable per character
    ['Ахмед ibn Ḥasan', 'akhmed-ibn-hasan'], // scripts mixed
  ];
  for (const [name, slug] of cases) {
    assert.equal(slugify(name), slug, name);
    assert.match(slug, SLUG_PATTERN);
  }
});

test('a slug is cut between words after transliteration too', () => {
  assert.equal(slugify('王毅 王毅 王毅', 12), 'wang-yi-wang');
  assert.equal(slugify('Анна Петрова', 7), 'anna');
});
