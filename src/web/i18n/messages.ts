// The one message catalogue, one file per language under catalogues/, found when the process starts
// (src/interface-languages.ts). English is complete and is the fallback, so a missing string shows
// in English rather than as a key.
export type { Catalogue, CatalogueFile, MessageKey } from './catalogues/en.ts';
export { CATALOGUES } from '../../interface-languages.ts';
