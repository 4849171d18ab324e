// Splitting what follows a name ("Director General, Ministry of X, Canada") into position, organization, country.
import { findCountry } from '../domain/country.ts';
import { JOB_WORDS, ORG_WORDS } from './lexicon.ts';

export interface Affiliation {
  position: string | null;
  organization: string | null;
  country: string | null;
  countryCode: string | null;
}

const POSITION_WORDS = JOB_WORDS;
const HEAD_STOP = new Set(['of', 'for', 'to', 'in', 'on', 'at', 'with', 'from', 'and', 'de', 'du', 'des', 'del', 'la', 'of,']);

const words = (s: string): string[] =>
  s.toLowerCase().replace(/[’']s\b/g, '').split(/[\s\-–,()]+/).filter(Boolean);

/** Whether a phrase reads as a job: "Regional Coordinator", "Permanent Representative of Mexico to the UN". */
export function isPositionLike(part: string): boolean {
  if (/^The\s\p{Lu}/u.test(part)) return false;
  const ws = words(part.replace(/^and\s+/i, ''));
  for (const w of ws) {
    if (HEAD_STOP.has(w)) break;
    if (POSITION_WORDS.has(w)) return true;
  }
  return false;
}

/** Whether a phrase reads as an institution: a keyword ("Ministry", "University") or an acronym ("OECD", "(IOM)"). */
export function isOrganizationLike(part: string): boolean {
  if (words(part).some((w) => ORG_WORDS.has(w))) return true;
  // Jobs are not written with "The" in front; names of institutions often are ("The Economist").
  if (/^The\s\p{Lu}/u.test(part)) return true;
  // An acronym of two or more capitals that is not a Roman numeral.
  return /(?:^|[\s(])(?![IVXLC]+\b)\p{Lu}{2,}(?:[\s),]|$)/u.test(part);
}

// "Head of Section", "Chief of Staff": the job names a unit, not a field, so it ends there.
const UNITS = new Set(`section unit division department office branch service staff cabinet delegation mission team
  programme program operations research studies secretariat desk sector`.split(/\s+/));

/** A job named without its field or place: "Journalist", "Senior Director", "Head of Section". */
function isBareJob(part: string): boolean {
  const ws = words(part);
  const at = ws.findIndex((w) => HEAD_STOP.has(w));
  if (at < 0) return true;
  const tail = ws.slice(at + 1).filter((w) => w !== 'the');
  return (ws[at] === 'of' || ws[at] === 'de' || ws[at] === 'du') && tail.length === 1 && UNITS.has(tail[0]!);
}

/** "Director of Research at the National Institute ..." → ["Director of Research", "National Institute ..."]. */
function splitAt(part: string): [string, string] | null {
  const m = /^(.{2,200}?)\s+at\s+(?:the\s+)?(.+)$/.exec(part);
  if (m === null || !isPositionLike(m[1]!) || !isOrganizationLike(m[2]!)) return null;
  return [m[1]!, m[2]!];
}

// Words that make a country's name part of a longer one ("República Argentina", "the Kingdom Netherlands").
const COUNTRY_LEAD = /^(?:the|a|an|le|la|les|el|los|las|republic|rep[úu]blica|r[ée]publique|kingdom|reino|royaume|states?|estados?|[ée]tats?|federation|federal|commonwealth|union|uni[óo]n|embassy|embajada|ambassade|islamic|isl[áa]mica|democratic|democr[áa]tica|d[ée]mocratique|united|unidos|unis|people['’]s|popular|populaire|plurinational|bolivarian|bolivariana|arab|[áa]rabe|socialist|sultanate|sultanato|sultanat|principality|principado|principaut[ée]|grand|duchy|ducado|oriental|eastern|sovereign)$/i;

/** Splits comma parts after a name. Jobs come first and institutions after the last job; a trailing country is taken off. */
export function splitAffiliation(input: readonly string[]): Affiliation {
  // A sentence's full stop is no part of the last name in it ("..., Perú."); "Inc." and "U.S." keep theirs.
  const parts = input.map((p) => p.trim().replace(/(?<=\p{Ll}{3})\.$/u, '')).filter(Boolean);
  let country: string | null = null;
  let countryCode: string | null = null;
  // "Pedro Alvarez (Spain) Director General, …": the country in parentheses before the job.
  parts.forEach((p, k) => {
    const m = /^\(([^()]{2,60})\)\s+(\S.*)$/u.exec(p);
    const found = m === null || country !== null ? null : findCountry(m[1]!);
    if (found === null) return;
    country = m![1]!.trim();
    countryCode = found.code;
    parts[k] = m![2]!;
  });
  const last = parts[parts.length - 1];
  if (last !== undefined) {
    const found = findCountry(last);
    if (found !== null) {
      country = last;
      countryCode = found.code;
      parts.pop();
    }
  }
  // "Minister of Health Morocco": a country written after the job with no comma, not after "of", "to" or "the".
  if (country === null && last !== undefined) {
    const ws = last.split(/\s+/);
    for (let k = Math.min(4, ws.length - 2); k >= 1; k--) {
      const found = findCountry(ws.slice(-k).join(' '));
      const head = ws.slice(0, -k).join(' ');
      const before = ws[ws.length - k - 1]!;
      if (found === null || HEAD_STOP.has(before.toLowerCase()) || COUNTRY_LEAD.test(before)) continue;
      if (!/^\p{Lu}/u.test(ws[ws.length - k]!) || !(isPositionLike(head) || isOrganizationLike(head)) || head.split(/\s+/).length < 2) continue;
      country = ws.slice(-k).join(' ');
      countryCode = found.code;
      parts[parts.length - 1] = head;
      break;
    }
  }
  // "Ms X, Finland, Professor, …": some pages name the country first, right after the name.
  if (country === null && parts.length > 1) {
    const found = findCountry(parts[0]!);
    if (found !== null) {
      country = parts[0]!;
      countryCode = found.code;
      parts.shift();
    }
  }
  if (parts.length === 1) {
    const split = splitAt(parts[0]!);
    if (split !== null) parts.splice(0, 1, ...split);
  }
  const join = (ps: string[]): string | null => (ps.length === 0 ? null : ps.join(', '));
  if (parts.length === 0) return { position: null, organization: null, country, countryCode };
  // Written institution first ("World Organization for ..., Chair of ..."): it is all affiliation.
  if (!isPositionLike(parts[0]!) && isOrganizationLike(parts[0]!)) {
    return { position: null, organization: join(parts), country, countryCode };
  }
  let lastJob = 0;
  parts.forEach((p, i) => { if (isPositionLike(p)) lastJob = i; });
  let orgAt = parts.findIndex((p, i) => i > lastJob && isOrganizationLike(p));
  // "Journalist, Der Standard": nothing after a bare job reads as an institution, yet something follows it, and a
  // job is followed by where it is held, so the rest is the institution. A job that names its field ("Minister of
  // Immigration, Refugees, and Citizenship") may go on past its comma, so there the rest stays in the position.
  if (orgAt < 0) orgAt = isPositionLike(parts[lastJob]!) && isBareJob(parts[lastJob]!) ? lastJob + 1 : parts.length;
  return { position: join(parts.slice(0, orgAt)), organization: join(parts.slice(orgAt)), country, countryCode };
}
