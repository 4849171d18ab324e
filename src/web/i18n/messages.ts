// The one message catalogue, one file per language under catalogues/. English is complete and is
// the fallback, so a missing string shows in English rather than as a key.
import { ar } from './catalogues/ar.ts';
import { en } from './catalogues/en.ts';
import { es } from './catalogues/es.ts';
import { fr } from './catalogues/fr.ts';

export type { Catalogue, MessageKey } from './catalogues/en.ts';

export const CATALOGUES = { en, fr, es, ar } as const;
