import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HONORIFICS, isHonorific, normaliseName, normaliseOrganizationName, splitHonorific } from './names.ts';
import { organizationIdentity } from './organization.ts';

test('honorifics before the name are split off, stacked ones kept together', () => {
  assert.deepEqual(splitHonorific('H.E. Mr. Jürg Lauber'), { name: 'Jürg Lauber', honorific: 'H.E. Mr.' });
  assert.deepEqual(splitHonorific('Her Excellency Amina J. Mohammed'), { name: 'Amina J. Mohammed', honorific: 'Her Excellency' });
  assert.deepEqual(splitHonorific('Maj. Gen. (Ret.) John Doe'), { name: 'John Doe', honorific: 'Maj. Gen. (Ret.)' });
  assert.deepEqual(splitHonorific('Dr Jane Roe'), { name: 'Jane Roe', honorific: 'Dr' });
});

test('an initial, "Jr." and a surname that spells a word stay in the name', () => {
  assert.deepEqual(splitHonorific('M. Riaz Hamidullah'), { name: 'M. Riaz Hamidullah', honorific: null });
  assert.deepEqual(splitHonorific('Austin T. Fragomen Jr.'), { name: 'Austin T. Fragomen Jr.', honorific: null });
  assert.deepEqual(splitHonorific('He Yafei'), { name: 'He Yafei', honorific: null });
  assert.deepEqual(splitHonorific('Mr.'), { name: 'Mr.', honorific: null });
});

test('honorifics written after the name are split off', () => {
  assert.deepEqual(splitHonorific('Robert J. Vitillo Msgr.'), { name: 'Robert J. Vitillo', honorific: 'Msgr.' });
  assert.deepEqual(splitHonorific('Jane Roe PhD'), { name: 'Jane Roe', honorific: 'PhD' });
});

test('a string of honorifics only is recognised as such', () => {
  assert.equal(isHonorific('Msgr.'), true);
  assert.equal(isHonorific('Maj.Gen. (RTd)'), true);
  assert.equal(isHonorific('H.E. Mr.'), true);
  assert.equal(isHonorific('Secretary General'), false);
  assert.equal(isHonorific('M.'), false);
  assert.equal(isHonorific('(RTd)'), false);
  assert.ok(HONORIFICS.includes('Msgr.'));
});

test('the matching key ignores accents, case, honorifics and punctuation', () => {
  assert.equal(normaliseName('H.E. Mr. Jürg LAUBER'), 'jurg lauber');
  assert.equal(normaliseName('Jurg  Lauber'), 'jurg lauber');
  assert.equal(normaliseName('Berhane Gebre-Christos'), 'berhane gebre christos');
  assert.equal(normaliseName('Austin T. Fragomen Jr.'), 'austin t fragomen jr');
  assert.equal(normaliseName('M. Riaz Hamidullah'), 'm riaz hamidullah');
  assert.equal(normaliseName('Götz Schmidt-Bremme'), 'gotz schmidt bremme');
  assert.equal(normaliseName('Jørgen Straße'), 'jorgen strasse');
  assert.equal(normaliseName('Ｊｏｈｎ Ｓｍｉｔｈ'), 'john smith');
});

test('Spanish "Sr." in front is an honorific; after a name it stays "Senior"', () => {
  assert.deepEqual(splitHonorific('Sr. José Ángel Núñez Peña'), { name: 'José Ángel Núñez Peña', honorific: 'Sr.' });
  assert.deepEqual(splitHonorific('M. Riaz Hamidullah'), { name: 'M. Riaz Hamidullah', honorific: null });
});

test('on a French page a leading "M." is "Monsieur"; elsewhere it stays an initial', () => {
  assert.deepEqual(splitHonorific('M. Mamadou Diop', { french: true }), { name: 'Mamadou Diop', honorific: 'M.' });
  assert.deepEqual(splitHonorific('M. Riaz Hamidullah'), { name: 'M. Riaz Hamidullah', honorific: null });
  assert.deepEqual(splitHonorific('M. Riaz Hamidullah', { french: false }), { name: 'M. Riaz Hamidullah', honorific: null });
  assert.deepEqual(splitHonorific('Mme Fatou Kane', { french: true }), { name: 'Fatou Kane', honorific: 'Mme' });
  assert.deepEqual(splitHonorific('M.', { french: true }), { name: 'M.', honorific: null });
});

test('Malaysian titles of two words stay together', () => {
  assert.deepEqual(splitHonorific("H.E. Dato' Sri M. Saravanan"), { name: 'M. Saravanan', honorific: "H.E. Dato' Sri" });
  assert.deepEqual(splitHonorific('Tan Sri Muhyiddin Yassin'), { name: 'Muhyiddin Yassin', honorific: 'Tan Sri' });
});

test("an organization's key keeps the words a person's name would lose as honorifics", () => {
  assert.equal(normaliseOrganizationName('General Assembly'), 'general assembly');
  assert.equal(normaliseOrganizationName('Captain Cook Society'), 'captain cook society');
  assert.equal(normaliseOrganizationName('Ministère des Affaires étrangères'), 'ministere des affaires etrangeres');
  assert.equal(normaliseName('General John Smith'), 'john smith');
  assert.equal(organizationIdentity('General Assembly', null).key, 'general assembly|');
});
