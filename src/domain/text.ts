// Line ends and paragraphs of the long texts (overviews, descriptions, translations, excerpts).
// A browser sends a text area's line ends as CR LF: every multi-line field is stored with LF, as
// the API and the importer store it, and every page and export splits paragraphs the same way.

/** CR LF and a lone CR as LF. */
export function normaliseLineEnds(s: string): string {
  return s.replace(/\r\n?/g, '\n');
}

/** A text's paragraphs, split at blank lines; a text still stored with CR LF splits the same. */
export function paragraphs(s: string): string[] {
  // A line end is CR LF, LF or a lone CR (not the CR of a CR LF: that would make one line end two).
  return s.split(/(?:\r\n|\r(?!\n)|\n){2,}/);
}
