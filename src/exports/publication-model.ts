// A publication as its renderers (publication-html.ts, publication-pdf.ts) take it: everything
// already read from the published records and put into words, so that both outputs show the same.

/** An editor's text (Markdown) in one language. */
export type PubText = { lang: string; text: string };

export type PubStatement = { materialId: number; label: string; lang: string; text: string; excerpt: boolean };

export type PubPerson = {
  /** the anchor of this appearance (HTML id, PDF destination) */
  anchor: string;
  name: string;
  honorific: string | null;
  /** the affiliation as printed that day: position, organization, country */
  affiliation: string;
  roleLabel: string | null;
  talkTitle: string | null;
  statements: PubStatement[];
};

export type PubSession = { anchor: string; heading: string; time: string | null; moderators: PubPerson[]; speakers: PubPerson[] };
export type PubDay = { anchor: string; heading: string; sessions: PubSession[] };
export type PubDocument = { label: string; kind: string; url: string };

export type PubEvent = {
  anchor: string;
  slug: string;
  title: string;
  dates: string;
  place: string;
  url: string;
  /** the release of the event this edition was made from */
  release: number;
  overview: string | null;
  themes: string[];
  days: PubDay[];
  documents: PubDocument[];
};

/** Index entries: a name and the appearances (anchors) or events where it occurs, in programme order. */
export type IndexEntry = { name: string; refs: Array<{ anchor: string; label: string }> };

/**
 * An appendix another part of Plenary supplies (the representation figures, issue 14): an HTML
 * fragment for the page, and for the PDF a title with tables of rows (the same figures as text).
 */
export type PublicationAppendix = {
  title: string;
  html: string;
  pdf: Array<{ heading: string; columns: string[]; rows: string[][] }>;
};

export type PublicationModel = {
  slug: string;
  title: string;
  subtitle: string | null;
  lang: string;
  edition: number;
  /** the edition's date (YYYY-MM-DD) and the date as words */
  date: string;
  dateText: string;
  publisher: string | null;
  seriesTitle: string;
  /** the edition's permanent address and its PDF's */
  url: string;
  pdfUrl: string;
  /** the editors' texts as Markdown, each in every language it was written in (the publication's own first); none: left out */
  foreword: PubText[];
  summary: PubText[];
  events: PubEvent[];
  index: { persons: IndexEntry[]; organizations: IndexEntry[]; countries: IndexEntry[] };
  appendix: PublicationAppendix | null;
};

/** The words both outputs print, from the message catalogue (passed in: exports stay pure). */
export type PublicationWords = {
  contents: string;
  foreword: string;
  summary: string;
  overview: string;
  themes: string;
  programme: string;
  moderators: string;
  speakers: string;
  statement: string;
  excerpt: string;
  index: string;
  persons: string;
  organizations: string;
  countries: string;
  documents: string;
  appendix: string;
  edition: string;
  publishedBy: string;
  page: string;
  madeFrom: string;
  /** the names of the languages the editors' texts are in, in the publication's language */
  languages: Record<string, string>;
};
