// Doubtful identities: two names that differ but may well be one person or one organization.
// The importer never merges these; it warns, and an organizer decides.

const SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii', 'iv']);

function tokens(key: string): string[] {
  return key.split(' ').filter((t) => t && !SUFFIXES.has(t));
}

function compatibleGiven(a: string, b: string): boolean {
  return a === b || (a.length === 1 && b.startsWith(a)) || (b.length === 1 && a.startsWith(b));
}

/**
 * Keys are normalised names (domain/names.ts). Same surname (or one of a double surname) and
 * compatible given names: "w l swing" ~ "william lacy swing", "william swing" ~ "william lacy swing",
 * "juan gomez" ~ "juan jose gomez camacho". Not "william swing" ~ "mary swing".
 */
export function mayBeSamePerson(aKey: string, bKey: string): boolean {
  if (aKey === bKey) return false;
  const a = tokens(aKey);
  const b = tokens(bKey);
  if (a.length < 2 || b.length < 2) return false;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (!compatibleGiven(short[0]!, long[0]!)) return false;
  const surname = short[short.length - 1]!;
  if (!long.slice(1).includes(surname)) return false;
  // Every other part of the shorter name must fit a part of the longer one, in order.
  let j = 1;
  for (const part of short.slice(1, -1)) {
    while (j < long.length && !compatibleGiven(part, long[j]!)) j++;
    if (j >= long.length) return false;
    j++;
  }
  return true;
}

const ORGANIZATION_STOPWORDS = new Set(['of', 'for', 'the', 'and', 'on', 'de', 'la', 'des', 'du', 'et', 'y', 'del', 'el']);

/** The name without a final "(…)", lower case: found with indexOf rather than a backtracking pattern. */
function bareName(s: string): string {
  const t = s.trim();
  const open = t.lastIndexOf('(');
  return (t.endsWith(')') && open > 0 ? t.slice(0, open) : t).trim().toLowerCase();
}

/** The initials of the bare name's words, small words left out: "international organization for migration" → "iom". */
function initials(bare: string): string {
  return bare
    .split(/[\s-]+/)
    .filter((w) => w && !ORGANIZATION_STOPWORDS.has(w))
    .map((w) => w[0])
    .join('');
}

const isAcronym = (x: string) => /^[A-Z]{2,8}$/.test(x.trim());

/** "(IOM)" at the end of a name, or the name as an acronym of the other: "IOM" ~ "International Organization for Migration". */
export function mayBeSameOrganization(a: string, b: string): boolean {
  if (a.toLowerCase() === b.toLowerCase()) return false;
  const bareA = bareName(a);
  const bareB = bareName(b);
  if (bareA === bareB) return true;
  return (isAcronym(a) && a.trim().toLowerCase() === initials(bareB)) || (isAcronym(b) && b.trim().toLowerCase() === initials(bareA));
}

/**
 * Organizations kept by the two keys under which mayBeSameOrganization can find them alike (the
 * bare name, and its initials), so that finding those like a new name looks up a few keys
 * instead of comparing it with every organization: an import of 2,400 new organizations
 * compared each with all the others.
 */
export class OrganizationLikeness<T extends { name: string }> {
  private readonly byBare = new Map<string, Array<[number, T]>>();
  private readonly byInitials = new Map<string, Array<[number, T]>>();
  private added = 0;

  add(o: T): void {
    const bare = bareName(o.name);
    const seq = this.added++;
    const push = (map: Map<string, Array<[number, T]>>, key: string) => {
      const list = map.get(key);
      if (list) list.push([seq, o]);
      else map.set(key, [[seq, o]]);
    };
    push(this.byBare, bare);
    push(this.byInitials, initials(bare));
  }

  /** Those added that mayBeSameOrganization says may be `name`, in the order they were added. */
  similarTo(name: string): T[] {
    const bare = bareName(name);
    const candidates = [
      // The same bare name.
      ...(this.byBare.get(bare) ?? []),
      // An acronym that spells this name's initials.
      ...(this.byBare.get(initials(bare)) ?? []),
      // This name is an acronym: those whose initials it spells.
      ...(isAcronym(name) ? (this.byInitials.get(name.trim().toLowerCase()) ?? []) : []),
    ];
    const seen = new Set<number>();
    return candidates
      .filter(([seq, o]) => !seen.has(seq) && seen.add(seq) && mayBeSameOrganization(name, o.name))
      .sort((x, y) => x[0] - y[0])
      .map(([, o]) => o);
  }
}

/**
 * People kept under the parts of their names that mayBeSamePerson can find shared (every part
 * but the first, suffixes left out: a surname, or half of a double one), so that finding those
 * like a new name looks up its own parts instead of comparing it with everyone stored.
 */
export class PersonLikeness<T extends { nameKey: string }> {
  private readonly byPart = new Map<string, Array<[number, T]>>();
  private added = 0;

  add(p: T): void {
    const seq = this.added++;
    for (const part of new Set(tokens(p.nameKey).slice(1))) {
      const list = this.byPart.get(part);
      if (list) list.push([seq, p]);
      else this.byPart.set(part, [[seq, p]]);
    }
  }

  /** Those added that mayBeSamePerson says may be the person of `nameKey`, in the order they were added. */
  similarTo(nameKey: string): T[] {
    // Whichever name is the shorter, its surname is among the other's later parts and is the
    // shorter's last part: so the two share a part past the first, under which both are kept.
    const seen = new Set<number>();
    const out: Array<[number, T]> = [];
    for (const part of new Set(tokens(nameKey).slice(1))) {
      for (const [seq, p] of this.byPart.get(part) ?? []) {
        if (seen.has(seq)) continue;
        seen.add(seq);
        if (mayBeSamePerson(nameKey, p.nameKey)) out.push([seq, p]);
      }
    }
    return out.sort((x, y) => x[0] - y[0]).map(([, p]) => p);
  }
}
