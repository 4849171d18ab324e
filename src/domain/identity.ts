// Who a name printed on a page is (issue 12): persons and organizations are records, their names
// aliases. A name is matched against the aliases; what the page prints beside it (organization,
// country) and the event it is printed for decide between records that share a name, and between
// taking a stored record and making a new one. Pure: the candidates come from storage.
import { type FormMessage, formMessage } from './form-messages.ts';
import { mayBeSamePerson } from './likeness.ts';

/** Why a stored record is proposed for a name. */
export type MatchReason = 'same-name' | 'same-event' | 'same-organization' | 'same-country' | 'other-organization' | 'initials' | 'name-parts' | 'acronym' | 'bare-name';

/** A stored person whose alias is the name read (or like it), with what their appearances say of them. */
export type PersonCandidate = {
  id: number;
  name: string;
  slug: string;
  /** organizations of their appearances (working copy), by id */
  organizationIds: number[];
  /** names of those organizations, for the report */
  organizationNames: string[];
  /** countries printed beside them (ISO codes) */
  countryCodes: string[];
  /** whether they already appear in the event being imported */
  inEvent: boolean;
};

/** What the page prints beside a name: the organization's id once resolved, and the country. */
export type Printed = { organizationId: number | null; organizationName: string | null; countryCode: string | null };

export type Proposal = { candidate: PersonCandidate; reasons: MatchReason[] };

/**
 * The decision for a name that is an alias of stored persons:
 * - `take`: the record to use; `doubtful` says why it may be a wrong one (several share the name), or is empty;
 * - `take` null: a new person, and `doubtful` the stored ones of that name it may be.
 * Rules: one of the same organization (one already in this event first), then one already in this
 * event, then one about whom nothing is known against (no organization yet), then, when the page
 * prints no organization, one of the same country, then the first stored; a record whose
 * appearances are all with other organizations is not taken (two people may share a name).
 */
export function chooseByName(candidates: PersonCandidate[], printed: Printed): { take: PersonCandidate | null; doubtful: Proposal[] } {
  if (!candidates.length) return { take: null, doubtful: [] };
  const reasonsOf = (c: PersonCandidate): MatchReason[] => {
    const r: MatchReason[] = ['same-name'];
    if (c.inEvent) r.push('same-event');
    if (printed.organizationId !== null && c.organizationIds.includes(printed.organizationId)) r.push('same-organization');
    else if (printed.organizationId !== null && c.organizationIds.length) r.push('other-organization');
    if (printed.countryCode && c.countryCodes.includes(printed.countryCode)) r.push('same-country');
    return r;
  };
  const others = (taken: PersonCandidate) => candidates.filter((c) => c !== taken).map((c) => ({ candidate: c, reasons: reasonsOf(c) }));
  const shared = (taken: PersonCandidate) => (candidates.length > 1 ? [{ candidate: taken, reasons: reasonsOf(taken) }, ...others(taken)] : []);
  const inEvent = candidates.find((c) => c.inEvent);
  // The same organization first (among those already in this event, first of all): printed again as before, nothing doubtful.
  if (printed.organizationId !== null) {
    const same = candidates.filter((c) => c.organizationIds.includes(printed.organizationId!));
    const pick = same.find((c) => c.inEvent) ?? same[0];
    if (pick) return { take: pick, doubtful: pick.inEvent ? [] : shared(pick) };
  }
  if (inEvent) {
    const asBefore = printed.organizationId === null || inEvent.organizationIds.includes(printed.organizationId);
    return { take: inEvent, doubtful: asBefore ? [] : shared(inEvent) };
  }
  if (printed.organizationId !== null) {
    const same = candidates.find((c) => c.organizationIds.includes(printed.organizationId!));
    if (same) return { take: same, doubtful: shared(same) };
    // Nothing known against the only one: taken.
    if (candidates.length === 1 && !candidates[0]!.organizationIds.length) return { take: candidates[0]!, doubtful: [] };
    const open = candidates.filter((c) => !c.organizationIds.length);
    if (open.length === 1) return { take: open[0]!, doubtful: shared(open[0]!) };
    return { take: null, doubtful: candidates.map((c) => ({ candidate: c, reasons: reasonsOf(c) })) };
  }
  if (printed.countryCode) {
    const same = candidates.find((c) => c.countryCodes.includes(printed.countryCode!));
    if (same) return { take: same, doubtful: shared(same) };
  }
  return { take: candidates[0]!, doubtful: shared(candidates[0]!) };
}

/** Why two different person names may be one: initials ("W. L." for "William Lacy"), or parts of the name left out. */
export function personLikenessReason(aKey: string, bKey: string): MatchReason | null {
  if (!mayBeSamePerson(aKey, bKey)) return null;
  const a = aKey.split(' ');
  const b = bKey.split(' ');
  const short = a.length <= b.length ? a : b;
  return short.slice(0, -1).some((t) => t.length === 1) ? 'initials' : 'name-parts';
}

/** Why two different organization names may be one: one is the other's acronym, or they differ by a "(…)" only. */
export function organizationLikenessReason(a: string, b: string): MatchReason {
  const acronym = (x: string) => /^[A-Z]{2,8}$/.test(x.trim());
  return acronym(a) || acronym(b) ? 'acronym' : 'bare-name';
}

/**
 * The reasons as the import's report says them: keyed messages (`reason.*`), English in the CLI, the page's
 * language on the workspace's report; a list joined by commas (`{reasonList}`).
 */
export function reasonMessages(reasons: MatchReason[], c?: { organizationNames?: string[]; countryCodes?: string[] }, printed?: Printed): FormMessage[] {
  return reasons.map((r) => {
    switch (r) {
      case 'same-name':
        return formMessage('reason.sameName');
      case 'same-event':
        return formMessage('reason.sameEvent');
      case 'same-organization':
        return printed?.organizationName ? formMessage('reason.sameOrganizationNamed', { organization: printed.organizationName }) : formMessage('reason.sameOrganization');
      case 'other-organization':
        return c?.organizationNames?.length ? formMessage('reason.otherOrganizationNamed', { organizations: c.organizationNames.join(', ') }) : formMessage('reason.otherOrganization');
      case 'same-country':
        return printed?.countryCode ? formMessage('reason.sameCountryNamed', { code: printed.countryCode }) : formMessage('reason.sameCountry');
      case 'initials':
        return formMessage('reason.initials');
      case 'name-parts':
        return formMessage('reason.nameParts');
      case 'acronym':
        return formMessage('reason.acronym');
      case 'bare-name':
        return formMessage('reason.bareName');
    }
  });
}

/** A person's positions over time, from their appearances: one line per position and organization, with the years. */
export type PositionSpan = { position: string | null; organization: { slug: string; name: string } | null; from: string; to: string };

export function positionsOverTime(rows: Array<{ position: string | null; organization: { slug: string; name: string } | null; date: string }>): PositionSpan[] {
  const spans = new Map<string, PositionSpan>();
  for (const r of rows) {
    if (!r.position && !r.organization) continue;
    const key = `${(r.position ?? '').trim().toLowerCase()}|${r.organization?.slug ?? ''}`;
    const year = r.date.slice(0, 4);
    const s = spans.get(key);
    if (!s) spans.set(key, { position: r.position, organization: r.organization, from: year, to: year });
    else {
      if (year < s.from) s.from = year;
      if (year > s.to) s.to = year;
    }
  }
  // Most recent first; among equals, the one held longest.
  return [...spans.values()].sort((a, b) => b.to.localeCompare(a.to) || a.from.localeCompare(b.from) || (a.position ?? '').localeCompare(b.position ?? ''));
}
