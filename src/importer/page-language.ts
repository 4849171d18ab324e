// A page-level reading of the language an agenda is written in, computed once before people are read.
// Used where one token means different things by language: "M." is "Monsieur" on a French page, an initial elsewhere.
import { type NameStyle } from '../domain/names.ts';

// Words only a French agenda uses; month names that English shares or that are words ("mars", "mai") are left out.
const FRENCH_WORDS = new Set(
  `lundi mardi mercredi jeudi vendredi samedi dimanche janvier février fevrier avril juin juillet août aout septembre
  octobre novembre décembre decembre mme mmes mlle modérateur modératrice moderateur moderatrice intervenants
  intervenant intervenante intervenantes déjeuner dejeuner séance seance cérémonie ceremonie ouverture clôture
  cloture allocution accueil enregistrement présidence rapporteure panélistes panelistes ministère ministre
  directeur directrice`.split(/\s+/),
);
const FRENCH_PHRASES = ['pause café', 'pause-café', 'mot de bienvenue', "mot d'ouverture", 'mot d’ouverture', 'ordre du jour'];
const ENGLISH_WORDS = new Set(
  `monday tuesday wednesday thursday friday saturday sunday january february march april june july august september
  october november december moderator moderators speakers speaker panellists panelists chair chairperson lunch
  opening closing remarks welcome registration break ministry minister director`.split(/\s+/),
);

export interface PageLanguage {
  french: boolean;
}

/** Counts distinct French and English agenda words on the page; French when it has at least two and more than English. */
export function readPageLanguage(lines: readonly string[]): PageLanguage {
  const fr = new Set<string>();
  const en = new Set<string>();
  for (const line of lines.slice(0, 5000)) {
    const t = line.slice(0, 2000).toLowerCase();
    for (const w of t.match(/\p{L}+/gu) ?? []) {
      if (FRENCH_WORDS.has(w)) fr.add(w);
      else if (ENGLISH_WORDS.has(w)) en.add(w);
    }
    for (const p of FRENCH_PHRASES) if (t.includes(p)) fr.add(p);
  }
  return { french: fr.size >= 2 && fr.size > en.size };
}

/** How names are written on a page of this language. */
export function nameStyleOf(lang: PageLanguage): NameStyle {
  return { french: lang.french };
}
