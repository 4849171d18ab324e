// The fingerprint of the rules that turn a printed name into its matching key (normaliseName, and
// normaliseOrganizationName for organizations).
// Keys are stored (person.name_key, person_alias, organization and organization_alias), so when
// the rules change the stored keys must follow: the migrator compares this fingerprint with the one
// stored in site_state and, when they differ, makes every key again (storage/name-keys.ts).
// The fingerprint is worked out from the keys the normaliser gives for a list of probe names, every
// honorific among them, so that a change to the rules that touches any probe changes it by itself.
import { HONORIFICS, normaliseName, normaliseOrganizationName } from './names.ts';

/** Names whose keys stand for the normaliser's rules: each honorific before a name and alone, and the folding cases. */
export const NAME_KEY_PROBES: readonly string[] = [
  ...HONORIFICS.flatMap((h) => [`${h} John Smith`, `John Smith ${h}`, h]),
  ...['Sr.', 'D.', 'Dª', 'M.', 'MM.'].map((h) => `${h} Luis Martínez`),
  'H.E. Mr. Jürg LAUBER', 'Jurg  Lauber', 'Berhane Gebre-Christos', 'Austin T. Fragomen Jr.', 'M. Riaz Hamidullah', 'Götz Schmidt-Bremme',
  'Jørgen Straße', 'Ｊｏｈｎ Ｓｍｉｔｈ', 'Æsa Œuvre Łukasz Đorđe Þór Ðan İsmail ı', 'Maj.Gen. (RTd) Ali Khan', 'Jane Doe, PhD', 'John Smith MBE OBE',
  "Dato' Sri Ahmad", 'José María Ñúñez', 'Nguyễn Thị Minh', '李小龙', 'محمد بن سلمان', 'Ministry of Foreign Affairs', 'General Assembly',
];

/** FNV-1a over the probes' keys, as an integer that site_state's column takes (under 10^9). */
export function nameKeyFingerprint(normalise: (name: string) => string = normaliseName, normaliseOrganization: (name: string) => string = normaliseOrganizationName): number {
  let h = 0x811c9dc5;
  for (const probe of NAME_KEY_PROBES) {
    for (const ch of `${probe}\u0000${normalise(probe)}\u0001${normaliseOrganization(probe)}\u0002`) {
      h ^= ch.codePointAt(0)!;
      h = Math.imul(h, 0x01000193) >>> 0;
    }
  }
  return h % 1_000_000_000;
}

/** The fingerprint of this Plenary's rules. */
export const NAME_KEY_RULES: number = nameKeyFingerprint();
