// What every export renders from: one event with its full agenda, instants already computed.
// Renderers are pure functions of this data (no database, no clock unless passed in).

export type ExportMaterial = {
  id: number;
  kind: string;
  /** in the reader's language where an editor gave one, else as entered (labelLang says which) */
  label: string;
  labelLang?: string;
  /** the document's language */
  lang: string;
  /** the original this is another language's version of (issue 13), null for an original */
  originalId?: number | null;
  /** absolute URL of the file or link, or null when the material is only named on the page */
  url: string | null;
  mediaType: string | null;
};

/** An organization with the absolute URL of its page. */
export type ExportOrganization = { id: number; slug: string; name: string; kind: string; url: string };

export type ExportAppearance = {
  id: number;
  role: 'moderator' | 'speaker';
  /** the role as printed ("Chair", "Keynote"), or null for a plain moderator or speaker */
  roleLabel: string | null;
  position: number;
  honorific: string | null;
  /** guid: stored, stable across renames (migration 0007) */
  person: { id: number; guid: string; slug: string; name: string; url: string };
  affiliation: {
    position: string | null;
    organization: { id: number; slug: string; name: string; kind: string; url: string } | null;
    /** the country's short name (domain/country.ts countryLabel), as printed only where no code was recognised */
    country: string | null;
    countryCode: string | null;
    /** "Position, Organization, Country" as printed */
    text: string;
  };
  talkTitle: string | null;
  materials: ExportMaterial[];
};

export type ExportSession = {
  id: number;
  /** stored, stable across renames and new slugs (migration 0007) */
  guid: string;
  kind: 'opening' | 'panel' | 'keynote' | 'break' | 'closing' | 'other';
  number: number | null;
  /** in the reader's language where an editor gave one, else the original (`lang` says which) */
  title: string | null;
  /** "Panel 1: Title", or the title, or the kind's name */
  displayTitle: string;
  /** the language of `title` */
  lang: string;
  date: string;
  /** local wall time HH:MM in the event's zone, null when the page gave none */
  start: string | null;
  end: string | null;
  /** ISO 8601 with offset, e.g. 2017-04-18T10:00:00-04:00 */
  startsAt: string | null;
  endsAt: string | null;
  /** UTC instants, e.g. 2017-04-18T14:00:00Z */
  startsAtUtc: string | null;
  endsAtUtc: string | null;
  durationMinutes: number | null;
  url: string;
  appearances: ExportAppearance[];
};

export type ExportDay = { index: number; date: string; label: string | null; sessions: ExportSession[] };

export type EventExport = {
  baseUrl: string;
  /** the latest change to the site, for versions and DTSTAMP-like fields */
  generation: number;
  updatedAt: string;
  series: {
    id: number;
    slug: string;
    /** in the reader's language where an editor gave one, else the original (`titleLang` says which) */
    title: string;
    titleLang?: string;
    url: string;
    /** the organization that convenes the series: the events' organizer in every export; null when not recorded */
    convener: ExportOrganization | null;
  };
  event: {
    id: number;
    /** stored, stable across renames and new slugs (migration 0007) */
    guid: string;
    /** the frab room's guid, stored likewise */
    roomGuid: string;
    slug: string;
    /** title, overview and themes in the reader's language where an editor gave one, else the original */
    title: string;
    /** the language of `title` (of `overview`: overviewLang) */
    titleLang?: string;
    /** the language the event's texts were written in (the original) */
    lang: string;
    startDate: string;
    endDate: string;
    timeZone: string;
    venue: string | null;
    /** street and number, one line */
    address: string | null;
    city: string | null;
    countryCode: string | null;
    countryName: string | null;
    overview: string | null;
    overviewLang?: string;
    themes: string[];
    /** the language of each theme, in order */
    themeLangs?: string[];
    contactEmail: string | null;
    status: 'draft' | 'published';
    url: string;
  };
  days: ExportDay[];
  documents: ExportMaterial[];
  /** the release these are (operations/releases.ts): calendars' SEQUENCE and frab's version follow it */
  release: { number: number; createdAt: string; note: string | null } | null;
  /** sessions an earlier release had and this one dropped: calendars send them as cancelled */
  cancelled: ExportSession[];
};
