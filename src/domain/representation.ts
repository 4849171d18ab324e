// Who was heard: the representation figures of an event, a series, or a series year by year
// (issue 14). Pure: appearances in, counts out; the caller reads the published appearances.
//
// What is counted, and how:
//  - appearances: a person in a session in one role (moderator or speaker), as published;
//  - persons: each person once per group; a person who appears for two kinds of organization
//    (or from two countries, or in two roles) counts in each of them, so a dimension's persons
//    may add up to more than the total of persons (never its appearances);
//  - gender is the person's (recorded by an editor or given by the person; never guessed);
//    region, sub-region (UN M49, from the country printed for the appearance, else its
//    organization's country) and organization kind are the appearance's, as printed that day;
//  - role: moderating, or speaking as keynote, with opening remarks, with closing remarks, or as
//    another speaker; the first that holds (a keynote: the session's kind, "Keynote" as the role
//    printed, or keynote remarks attached; opening and closing likewise);
//  - speaking time: a session's time (start to end, as the agenda gives it) shared equally among
//    its speakers; moderators are given none. Sessions without both times give no time, and
//    the figures say how many speaking appearances that leaves out;
//  - "not known" is its own group in every dimension, always shown.
import { GENDERS } from './gender.ts';
import { ORGANIZATION_KINDS } from './organization.ts';
import { REGIONS, regionOf, SUBREGIONS, subregionOf } from './region.ts';

export const NOT_KNOWN = 'not-known';
export const ROLE_GROUPS = ['moderator', 'keynote', 'opening', 'closing', 'speaker'] as const;
export type RoleGroup = (typeof ROLE_GROUPS)[number];

export const DIMENSIONS = ['gender', 'region', 'subregion', 'organizationKind', 'role'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** Every dimension's groups in the order they are shown, "not known" last (role is always known). */
export const GROUPS: Record<Dimension, readonly string[]> = {
  // GENDERS holds not-known before declined: shown last here, after the answers people gave.
  gender: [...GENDERS.filter((g) => g !== NOT_KNOWN), NOT_KNOWN],
  region: [...REGIONS, NOT_KNOWN],
  subregion: [...SUBREGIONS, NOT_KNOWN],
  organizationKind: [...ORGANIZATION_KINDS, NOT_KNOWN],
  role: ROLE_GROUPS,
};

/** One published appearance with what the figures need of it. */
export type RepresentationAppearance = {
  appearanceId: number;
  personId: number;
  /** the person's recorded gender (person.gender) */
  gender: string;
  role: 'moderator' | 'speaker';
  /** the role as printed ("Keynote", "Chair") */
  roleLabel: string | null;
  sessionId: number;
  sessionKind: string;
  /** the session's local start and end, HH:MM, when the agenda gives them */
  start: string | null;
  end: string | null;
  /** the kinds of the materials attached to the appearance (keynote-remarks…) */
  materialKinds: string[];
  /** the country printed for the appearance, else its organization's */
  countryCode: string | null;
  /** the kind of the organization printed for the appearance; null without one */
  organizationKind: string | null;
  /** the event's year (its first day) */
  year: number;
};

/** The counts of a group, and of the whole. */
export type Counts = {
  persons: number;
  appearances: number;
  speakingPersons: number;
  speakingAppearances: number;
  moderatingPersons: number;
  moderatingAppearances: number;
  /** the share of the speaking time, in whole seconds (of the sessions that record both times) */
  speakingSeconds: number;
};

export type GroupFigures = { key: string } & Counts;

export type DimensionFigures = { dimension: Dimension; groups: GroupFigures[] };

export type Figures = Counts & {
  /** speaking appearances in sessions that record both times (their time is counted) */
  timedSpeakingAppearances: number;
  dimensions: DimensionFigures[];
};

export function roleGroupOf(a: Pick<RepresentationAppearance, 'role' | 'roleLabel' | 'sessionKind' | 'materialKinds'>): RoleGroup {
  if (a.role === 'moderator') return 'moderator';
  const label = a.roleLabel ?? '';
  const has = (k: string) => a.materialKinds.includes(k);
  if (a.sessionKind === 'keynote' || /\bkeynote\b/i.test(label) || has('keynote-remarks')) return 'keynote';
  if (a.sessionKind === 'opening' || has('opening-remarks')) return 'opening';
  if (a.sessionKind === 'closing' || has('closing-remarks')) return 'closing';
  return 'speaker';
}

/** The group an appearance falls in for a dimension. */
export function groupOf(a: RepresentationAppearance, d: Dimension): string {
  switch (d) {
    case 'gender':
      return (GENDERS as readonly string[]).includes(a.gender) ? a.gender : NOT_KNOWN;
    case 'region':
      return regionOf(a.countryCode) ?? NOT_KNOWN;
    case 'subregion':
      return subregionOf(a.countryCode) ?? NOT_KNOWN;
    case 'organizationKind':
      return a.organizationKind !== null && (ORGANIZATION_KINDS as readonly string[]).includes(a.organizationKind) ? a.organizationKind : NOT_KNOWN;
    case 'role':
      return roleGroupOf(a);
  }
}

const minutesOf = (hhmm: string | null): number | null => {
  const m = hhmm ? /^(\d{2}):(\d{2})$/.exec(hhmm) : null;
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
};

/** Each speaking appearance's share of its session's time, in seconds (absent: the session gives no time). */
export function speakingShares(list: RepresentationAppearance[]): Map<number, number> {
  const speakers = new Map<number, RepresentationAppearance[]>();
  for (const a of list) {
    if (a.role !== 'speaker') continue;
    const s = speakers.get(a.sessionId) ?? [];
    s.push(a);
    speakers.set(a.sessionId, s);
  }
  const shares = new Map<number, number>();
  for (const s of speakers.values()) {
    const from = minutesOf(s[0]!.start);
    const to = minutesOf(s[0]!.end);
    // An end at or before the start (past midnight, or mistyped) is no duration we can trust.
    if (from === null || to === null || to <= from) continue;
    for (const a of s) shares.set(a.appearanceId, ((to - from) * 60) / s.length);
  }
  return shares;
}

/** Persons (distinct) and appearances: kept for everyone, for those speaking and for those moderating. */
type Count = { persons: Set<number>; appearances: number };
type Tally = { all: Count; speaker: Count; moderator: Count; seconds: number };
const count = (): Count => ({ persons: new Set(), appearances: 0 });
const tally = (): Tally => ({ all: count(), speaker: count(), moderator: count(), seconds: 0 });

function add(t: Tally, a: RepresentationAppearance, share: number | undefined): void {
  for (const c of [t.all, t[a.role === 'speaker' ? 'speaker' : 'moderator']]) {
    c.persons.add(a.personId);
    c.appearances++;
  }
  t.seconds += share ?? 0;
}

/** The figures of a set of appearances (an event's, a series', a year's). */
export function computeFigures(list: RepresentationAppearance[]): Figures {
  const shares = speakingShares(list);
  const all = tally();
  const by = Object.fromEntries(DIMENSIONS.map((d) => [d, new Map(GROUPS[d].map((g) => [g, tally()]))])) as Record<Dimension, Map<string, Tally>>;
  for (const a of list) {
    const share = shares.get(a.appearanceId);
    add(all, a, share);
    for (const d of DIMENSIONS) add(by[d].get(groupOf(a, d))!, a, share);
  }
  const counts = (t: Tally): Counts => ({
    persons: t.all.persons.size,
    appearances: t.all.appearances,
    speakingPersons: t.speaker.persons.size,
    speakingAppearances: t.speaker.appearances,
    moderatingPersons: t.moderator.persons.size,
    moderatingAppearances: t.moderator.appearances,
    speakingSeconds: Math.round(t.seconds),
  });
  const out = (key: string, t: Tally): GroupFigures => ({ key, ...counts(t) });
  return {
    ...counts(all),
    timedSpeakingAppearances: shares.size,
    dimensions: DIMENSIONS.map((d) => ({ dimension: d, groups: GROUPS[d].map((g) => out(g, by[d].get(g)!)) })),
  };
}

/** One year of a series: its figures and the shares the trend follows. */
export type YearFigures = {
  year: number;
  events: number;
  figures: Figures;
  /** women among the persons who spoke that year, and those whose gender is not known */
  speakers: { persons: number; female: number; notKnown: number };
  /** speaking appearances in panels, and those for civil society */
  panellists: { appearances: number; civilSociety: number };
};

/** The series year by year, in order; years without published appearances are left out. */
export function computeTrend(list: RepresentationAppearance[], eventsByYear: Map<number, number>): YearFigures[] {
  const years = new Map<number, RepresentationAppearance[]>();
  for (const a of list) {
    const y = years.get(a.year) ?? [];
    y.push(a);
    years.set(a.year, y);
  }
  return [...years.keys()]
    .sort((x, y) => x - y)
    .map((year) => {
      const own = years.get(year)!;
      const speaking = own.filter((a) => a.role === 'speaker');
      const genderOf = new Map(speaking.map((a) => [a.personId, groupOf(a, 'gender')]));
      const panel = speaking.filter((a) => a.sessionKind === 'panel');
      return {
        year,
        events: eventsByYear.get(year) ?? 0,
        figures: computeFigures(own),
        speakers: { persons: genderOf.size, female: [...genderOf.values()].filter((g) => g === 'female').length, notKnown: [...genderOf.values()].filter((g) => g === NOT_KNOWN).length },
        panellists: { appearances: panel.length, civilSociety: panel.filter((a) => groupOf(a, 'organizationKind') === 'civil-society').length },
      };
    });
}

/** What the figures are of: an event, a series, or one year of a series. */
export type RepresentationScope = { kind: 'event'; slug: string } | { kind: 'series'; slug: string; year?: number };

export type Representation = {
  scope: {
    kind: 'event' | 'series';
    /** the event's or the series' slug */
    slug: string;
    title: string;
    /** the language of `title` and the translations editors entered (the record's `translations` JSON) */
    lang: string;
    translations: string | null;
    /** the series (for an event: the one it belongs to), its title's language and translations */
    series: { slug: string; title: string; lang: string; translations: string | null };
    /** only the events of this year (a series by year) */
    year: number | null;
    /** the first and last day of the events counted (null: none published) */
    from: string | null;
    to: string | null;
    /** the published events counted, each title with its language and translations */
    events: Array<{ id: number; slug: string; title: string; lang: string; translations: string | null; startDate: string }>;
  };
  figures: Figures;
  /** a series' years, oldest first (absent for an event and for one year) */
  years?: YearFigures[];
};

/** A share as a percentage with one decimal (null when there is nothing to share). */
export const percent = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((part / whole) * 1000) / 10);
