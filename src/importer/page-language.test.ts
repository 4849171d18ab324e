import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readPageLanguage } from './page-language.ts';
import { parseAgendaText } from './parse-text.ts';

test('a page with French day names, "Mme" and "Pause café" reads as French; an English page does not', () => {
  assert.equal(readPageLanguage(['Lundi 14 mars 2016', '10h00 Pause café', 'Mme Awa Ndiaye, Directrice']).french, true);
  assert.equal(readPageLanguage(['Modératrice : Mme Awa Ndiaye', 'Intervenants :']).french, true);
  assert.equal(readPageLanguage(['Monday 4 June', '10:00 Coffee break', 'M. Riaz Hamidullah, Director General']).french, false);
  // One French word on an English page is not enough.
  assert.equal(readPageLanguage(['Monday 4 June', 'Speakers:', 'Mme Awa Ndiaye, Director, Ministry of Labour']).french, false);
  assert.equal(readPageLanguage([]).french, false);
});

test('"M." is an honorific on a French page and an initial on an English one', () => {
  const fr = parseAgendaText('Mardi 15 mars 2016\n09h00 – 10h30 Séance 2 : Protection sociale\nModérateur : M. Ousmane Traoré, Professeur, Université Cheikh Anta Diop\n');
  const m = fr.days[0]!.sessions[0]!.moderators[0]!;
  assert.equal(m.name, 'Ousmane Traoré');
  assert.equal(m.honorific, 'M.');
  const en = parseAgendaText('Wednesday 3 June 2015\n09:30 – 10:30 Session 1: Concepts\nSpeakers:\n• M. Riaz Hamidullah, High Commissioner of Bangladesh in Sri Lanka\n');
  const p = en.days[0]!.sessions[0]!.speakers[0]!;
  assert.equal(p.name, 'M. Riaz Hamidullah');
  assert.equal(p.honorific, null);
});
