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

/** "(IOM)" at the end of a name, or the name as an acronym of the other: "IOM" ~ "International Organization for Migration". */
export function mayBeSameOrganization(a: string, b: string): boolean {
  // Drops a final "(…)", found with indexOf rather than a backtracking pattern.
  const bare = (s: string) => {
    const t = s.trim();
    const open = t.lastIndexOf('(');
    return (t.endsWith(')') && open > 0 ? t.slice(0, open) : t).trim().toLowerCase();
  };
  if (a.toLowerCase() === b.toLowerCase()) return false;
  if (bare(a) === bare(b)) return true;
  const acronym = (s: string) =>
    bare(s)
      .split(/[\s-]+/)
      .filter((w) => w && !['of', 'for', 'the', 'and', 'on', 'de', 'la', 'des', 'du', 'et', 'y', 'del', 'el'].includes(w))
      .map((w) => w[0])
      .join('');
  const isAcronym = (x: string) => /^[A-Z]{2,8}$/.test(x.trim());
  return (isAcronym(a) && a.trim().toLowerCase() === acronym(b)) || (isAcronym(b) && b.trim().toLowerCase() === acronym(a));
}
