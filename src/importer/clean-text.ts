// What an agenda's text may hold, whatever the format it came in: applied to the text every
// reader extracts, before the parser sees it, so nothing downstream (storage, pages, .ics, CSV,
// the API, the terminal) receives a control character from an agenda.

/**
 * Characters that break a line in plain text: CR and CRLF, vertical tab (Word's line break),
 * form feed (a page break), and the Unicode line and paragraph separators. They become
 * newlines, as the parser would read them. (HTML has already made its own white space spaces.)
 */
const LINE_BREAK = /\r\n?|[\u000b\u000c\u2028\u2029]/g;

/**
 * Removed: C0 controls other than tab and newline (ESC starts terminal sequences, BEL rings,
 * NUL ends C strings), DEL, C1 controls (NEL too: a line break only in EBCDIC text), a
 * byte-order mark inside the text, and the bidirectional embeddings, overrides and isolates
 * (U+202A–U+202E, U+2066–U+2069). An agenda needs none of these explicit formatting
 * characters: every output isolates each field's direction itself (`<bdi>`, `dir="auto"`),
 * which shows Arabic or Hebrew names correctly, while an override, paired or not, reorders
 * what follows it ("exe.gpj" shown as "jpg.exe"), and an unpaired one leaks into the text
 * around the field. The zero-width marks LRM, RLM and ALM are kept: they open no state, and
 * right-to-left text uses them to place punctuation.
 */
const REMOVED = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** A line (1-based) from which characters were removed, and those characters in order, each once. */
export type Cleaned = { line: number; removed: string[] };

/** The text with line breaks unified and those characters removed, and which lines lost which. */
export function cleanLines(text: string): { text: string; cleaned: Cleaned[] } {
  const cleaned: Cleaned[] = [];
  const lines = text.replace(LINE_BREAK, '\n').split('\n');
  for (const [i, line] of lines.entries()) {
    const found = line.match(REMOVED);
    if (!found) continue;
    cleaned.push({ line: i + 1, removed: [...new Set(found)] });
    lines[i] = line.replace(REMOVED, '');
  }
  return { text: lines.join('\n'), cleaned };
}
