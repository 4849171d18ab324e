// PDF → text lines. pdf.js (through unpdf) gives positioned text runs, and in a tagged PDF the
// paragraph, list item or cell each belongs to; lines are rebuilt from their positions, wrapped
// lines are joined (by the structure where there is one, else by the greedy-wrap rule), and
// running headers, footers and lone page numbers are dropped.
import { fileURLToPath } from 'node:url';
import { readInChild, type ReaderLimits } from './child-reader.ts';

/**
 * What reading one PDF may take. pdf.js runs in a child process (pdf-child.mjs, through
 * child-reader.ts) that is stopped past `maxMemoryMb` resident or `timeoutMs`. A long agenda
 * needs about 100 MB, most of it Node.js and pdf.js themselves.
 */
export type PdfLimits = ReaderLimits;
export const PDF_LIMITS: PdfLimits = { maxMemoryMb: 512, timeoutMs: 60_000 };

const CHILD = fileURLToPath(new URL('./pdf-child.mjs', import.meta.url));

type BlockKind = 'para' | 'item' | 'cell';
/**
 * A text run. In a tagged PDF, `block` numbers the paragraph, heading, list item or table cell
 * (within its page) that the run belongs to, and `kind` says which of these it is.
 */
type Item = { str: string; x: number; y: number; width: number; fontSize: number; block?: number | null; kind?: BlockKind | null; continued?: boolean };
type Line = {
  y: number;
  x: number;
  right: number;
  size: number;
  text: string;
  firstWord: number;
  charWidth: number;
  /** The blocks of the line's first and last runs, as `page:block`, and their kinds, in a tagged PDF. */
  firstBlock: string | null;
  lastBlock: string | null;
  firstKind: BlockKind | null;
  lastKind: BlockKind | null;
};

/** A marker, a time or a date opens an entry whatever its case. */
const STARTS_ENTRY = /^(?:[•·▪◦‣∙●○■□–—*-]\s|\d{1,2}[:.h]\d{2}\b|\d{1,2}\s?(?:am|pm)\b|\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))/i;
/**
 * A capitalised heading word opens one too; written in lower case ("session of the General
 * Assembly", "facilitated exchange") it continues a sentence.
 */
const STARTS_ENTRY_WORD =
  /^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|june|july|august|september|october|november|december|panel|session|day|keynote|opening|closing|welcome|coffee|lunch|break)/i;
/** A role opens an entry as a label ("Chair:", "Moderator – ", "Facilitated by"), not as a word of a sentence ("Chair of the OECD …", "Co-Chairmanship"). */
const STARTS_ROLE =
  /^(?:(?:co-)?(?:chair(?:s|man|woman|person|persons)?|moderators?|moderation|facilitators?|rapporteurs?|speakers?|panell?ists?)(?:\s?\(s\))?(?:\s?[:：]|\s[–—-]\s|\s*$)|(?:co-)?(?:chair|moderat|facilitat)ed by\s)/i;

const startsEntry = (text: string) => STARTS_ENTRY.test(text) || STARTS_ROLE.test(text) || (/^\p{Lu}/u.test(text) && STARTS_ENTRY_WORD.test(text));
/** A list item's own marker: a bullet or a number (not a letter: "L. Aujean" starts with an initial). */
const LIST_MARKER = /^(?:[•·▪◦‣∙●○■□–—*-]|\(?\d{1,3}[.)])\s/;

function linesOfPage(items: Item[], page: number): Line[] {
  const runs = items.filter((i) => i.str.trim() !== '').sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: Array<{ y: number; size: number; runs: Item[] }> = [];
  for (const r of runs) {
    const size = r.fontSize || 10;
    const line = lines.find((l) => Math.abs(l.y - r.y) <= Math.max(l.size, size) * 0.4);
    if (line) line.runs.push(r);
    else lines.push({ y: r.y, size, runs: [r] });
  }
  const started = new Set<number>();
  const blockKey = (r: Item) => (r.block === null || r.block === undefined ? null : `${page}:${r.block}`);
  return lines
    .sort((a, b) => b.y - a.y)
    .map((l) => {
      const rs = logicalOrder(l.runs.sort((a, b) => a.x - b.x));
      const head = rs[0]!;
      let text = '';
      let end = rs[0]!.x;
      for (const r of rs) {
        const gap = r.x - end;
        if (text) text += gap > l.size * 2 ? '    ' : gap > l.size * 0.15 && !text.endsWith(' ') && !r.str.startsWith(' ') ? ' ' : '';
        text += r.str;
        end = r.x + r.width;
      }
      text = text.trimEnd();
      // Width of the first word, estimated from the line's average character width.
      const word = /^\S+/.exec(text.trimStart())?.[0].length ?? 0;
      const charWidth = text.length ? (end - rs[0]!.x) / text.length : l.size / 2;
      // A tagged list item whose marker is drawn, not written (Chromium draws its bullets):
      // its first line gets the bullet that a reader sees; not the rest of an item begun on the
      // page before (its label is there), which the page-break rule joins to it.
      if (head.kind === 'item' && head.block !== null && head.block !== undefined && !head.continued && !started.has(head.block)) {
        started.add(head.block);
        if (!LIST_MARKER.test(text.trimStart())) text = `• ${text.trimStart()}`;
      }
      return {
        y: l.y,
        x: rs[0]!.x,
        right: end,
        size: l.size,
        text,
        firstWord: charWidth * (word + 1),
        charWidth,
        firstBlock: blockKey(head),
        lastBlock: blockKey(rs[rs.length - 1]!),
        firstKind: head.kind ?? null,
        lastKind: rs[rs.length - 1]!.kind ?? null,
      };
    });
}

// Arabic written as shaped presentation forms (U+FB50–U+FDFF, U+FE70–U+FEFF) is text in visual order: what a
// printer (Chromium among them) put on the page glyph by glyph, right to left.
const SHAPED_RTL = /[\uFB50-\uFDFF\uFE70-\uFEFC]/;
// Letters of the right-to-left scripts, shaped or not, that such a run is made of.
const RTL = /^[\s\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFC]+$/;

/**
 * Runs of shaped right-to-left text back in the order they are read: each run's characters reversed and the
 * presentation forms mapped to their letters (NFKC), and neighbouring such runs in reverse order. Positions are
 * kept, so the line is still built left to right.
 */
function logicalOrder(runs: Item[]): Item[] {
  if (!runs.some((r) => SHAPED_RTL.test(r.str))) return runs;
  const out: Item[] = [];
  for (let i = 0; i < runs.length; ) {
    if (!RTL.test(runs[i]!.str) || runs[i]!.str.trim() === '') { out.push(runs[i]!); i++; continue; }
    let j = i;
    while (j < runs.length && (RTL.test(runs[j]!.str) || runs[j]!.str.trim() === '')) j++;
    const group = runs.slice(i, j);
    // Glyph by glyph: a gap wider than a thin space between two glyphs is the space between two words.
    let text = '';
    let end = group[0]!.x;
    for (const r of group) {
      if (text !== '' && r.x - end > (r.fontSize || 10) * 0.15 && !text.endsWith(' ')) text += ' ';
      text += r.str;
      end = r.x + r.width;
    }
    const logical = [...text].reverse().join('').normalize('NFKC');
    const first = group[0]!;
    const last = group[group.length - 1]!;
    out.push({ ...first, str: logical, width: last.x + last.width - first.x });
    i = j;
  }
  return out;
}

/** Lone page numbers at the top or bottom of a page are furniture. */
function dropFurniture(lines: Line[]): Line[] {
  return lines.filter((l, i) => !(/^(?:page\s+)?\d{1,3}(?:\s*(?:\/|of)\s*\d{1,3})?$/i.test(l.text.trim()) && (i === 0 || i === lines.length - 1)));
}

function joinLines(lines: Line[]): string[] {
  const out: string[] = [];
  if (!lines.length) return out;
  const right = Math.max(...lines.map((l) => l.right));
  const left = Math.min(...lines.map((l) => l.x));
  const width = right - left;
  // The usual distance between lines of one paragraph: a larger gap is a paragraph break.
  const gaps = lines
    .slice(1)
    .map((l, i) => lines[i]!.y - l.y)
    .filter((g, i) => g > 0 && g < Math.max(lines[i]!.size, lines[i + 1]!.size) * 2)
    .sort((a, b) => a - b);
  const pitch = gaps.length ? gaps[Math.floor(gaps.length / 4)]! : (lines[0]?.size ?? 10) * 1.2;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const prev = lines[i - 1];
    const text = l.text.trim();
    if (prev) {
      const gap = prev.y - l.y;
      // Layout engines wrap greedily: a line was wrapped only if the next line's first word
      // would not have fitted in the room left at its end.
      // The word's width is estimated, so allow one character more.
      const prevFull = right - prev.right < l.firstWord + l.charWidth && prev.right >= left + width * 0.6;
      // An entry that closes with its parenthesis, followed by a capital, is a new entry ("… (Statement)" / "Name, …").
      const closesEntry = /\)$/.test(prev.text) && /^[\p{Lu}]/u.test(text);
      // In a tagged PDF the structure says which lines make one paragraph, on one page; across a
      // page break, and in untagged PDFs, the positions tell.
      const samePage = prev.firstBlock !== null && l.firstBlock !== null && prev.firstBlock.split(':')[0] === l.firstBlock.split(':')[0];
      const wrapped = samePage
        ? prev.lastBlock === l.firstBlock
        : gap <= pitch * 1.15 && prevFull && !closesEntry && !startsEntry(text) && l.x >= prev.x - 1;
      if (wrapped && out.length && out[out.length - 1] !== '') {
        const last = out[out.length - 1]!;
        // A word broken at a hyphen ("Co-" / "facilitator") or a slash continues without a
        // space; a dash standing between words ("… --" / "Supporting …") does not.
        out[out.length - 1] = /(?:[\p{L}\p{N}]-|\S\/)$/u.test(last) ? last + text : `${last} ${text}`;
        continue;
      }
      // Paragraphs and headings stand apart, as the HTML reader sets them; list items and
      // table cells follow one another.
      const apart = samePage ? prev.lastKind === 'para' || l.firstKind === 'para' : gap > pitch * 1.5;
      if (apart && out[out.length - 1] !== '') out.push('');
    }
    out.push(l.text);
  }
  return out;
}

export async function pdfToText(bytes: Uint8Array, name = 'the input', limits: PdfLimits = PDF_LIMITS): Promise<string> {
  const items = await readInChild<Item[][]>(CHILD, { bytes }, name, 'a PDF', limits);
  // Pages are laid end to end, each starting one line below the last, so that an entry
  // wrapped across a page break is joined like any other.
  const all: Line[] = [];
  for (const [n, page] of items.entries()) {
    const lines = dropFurniture(linesOfPage(page, n));
    if (!lines.length) continue;
    const last = all[all.length - 1];
    const shift = last ? last.y - (lines[0]!.size * 1.15) - lines[0]!.y : 0;
    for (const l of lines) all.push({ ...l, y: l.y + shift });
  }
  return joinLines(all).join('\n').trim();
}
