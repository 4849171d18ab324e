// Organizations as diplomacy sees them: who a speaker speaks for.
import { normaliseOrganizationName } from './names.ts';
export const ORGANIZATION_KINDS = [
  'member-state',
  'igo',
  'civil-society',
  'private-sector',
  'academia',
  'parliament',
  'local-authority',
  'other',
] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

// Ordered: the first rule that matches wins. Names are matched on words, not on any one page.
const RULES: ReadonlyArray<readonly [RegExp, OrganizationKind]> = [
  [/\b(parliament|parliamentary|senate|congress|national assembly)\b/i, 'parliament'],
  [/\b(city|municipality|mayor|county|province|prefecture|metropolitan|local government)\b/i, 'local-authority'],
  [/\b(united nations|un [a-z]+|unhcr|unicef|undp|unesco|ilo|who|world bank|international organization for|european union|european commission|african union|oecd|intergovernmental|economic community|league of arab states|asean)\b/i, 'igo'],
  [/\b(university|universit[éy]|institute of technology|school of|college|academy|research centre|research center)\b/i, 'academia'],
  [/\b(ministry|ministère|ministerio|department of|government|embassy|permanent mission|office of the (prime minister|president)|state migration service|federal foreign office|agency for)\b/i, 'member-state'],
  [/\b(inc\.?|ltd\.?|llc|plc|corporation|company|group s\.a\.|chamber of commerce|business|bank)\b/i, 'private-sector'],
  [/\b(foundation|ngo|association|council|network|forum|commission|alliance|federation|society|caritas|red cross|red crescent|committee|trust|movement)\b/i, 'civil-society'],
];

/** A first guess at an organization's kind from its name; organizers correct it where it is wrong. */
export function guessOrganizationKind(name: string): OrganizationKind {
  for (const [re, kind] of RULES) if (re.test(name)) return kind;
  return 'other';
}

/**
 * Who an organization is, from its name as printed and the country printed beside it: only a
 * government body belongs to that country ("Ministry of Foreign Affairs" of Jordan is not
 * Mexico's); an NGO may just be based there. The key is the one stored name_key.
 */
export function organizationIdentity(name: string, countryCode: string | null): { key: string; kind: OrganizationKind; countryCode: string | null } {
  const kind = guessOrganizationKind(name);
  const cc = kind === 'member-state' ? countryCode : null;
  return { key: `${normaliseOrganizationName(name)}|${cc ?? ''}`, kind, countryCode: cc };
}
