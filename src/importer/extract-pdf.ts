// PDF → text lines. pdf.js (through unpdf) gives positioned text runs; lines are rebuilt from
// their positions, wrapped lines are joined, and lone page numbers are dropped.
import { constants as zlib, inflateSync } from 'node:zlib';
import { extractTextItems, getDocumentProxy } from 'unpdf';
import { InvalidInput } from '../domain/errors.ts';

/** What the compressed streams of a PDF may expand to, all together: as for Word files. */
export const MAX_PDF_EXPANDED = 64 * 1024 * 1024;

const latin1 = new TextDecoder('latin1');

/**
 * A small PDF whose Flate streams inflate to gigabytes would exhaust memory inside pdf.js:
 * inflate each stream first, with zlib stopping at what is left of the budget, and refuse the
 * file when the streams together would go beyond it. Streams that are not Flate-encoded, or
 * whose data does not inflate (encrypted files), are left to pdf.js.
 */
export function checkPdfExpandedSize(bytes: Uint8Array, name = 'the input'): void {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  // latin1 maps each byte to one character, so string offsets are byte offsets.
  const text = latin1.decode(bytes);
  const streamKeyword = /\bstream(?:\r\n|\n|\r)/g;
  let total = 0;
  for (let m = streamKeyword.exec(text); m; m = streamKeyword.exec(text)) {
    const start = m.index + m[0].length;
    // The stream's dictionary is what stands between its object header and the keyword.
    const head = text.lastIndexOf(' obj', m.index);
    const dict = text.slice(Math.max(head, m.index - 4096, 0), m.index);
    const end = text.indexOf('endstream', start);
    if (end < 0) break;
    streamKeyword.lastIndex = end + 9;
    // Only a Flate filter applied first can be inflated from the raw bytes.
    if (!/\/Filter\s*(?:\[\s*)?\/FlateDecode\b/.test(dict)) continue;
    const left = MAX_PDF_EXPANDED - total;
    try {
      total += inflateSync(buf.subarray(start, end), { maxOutputLength: left + 1, finishFlush: zlib.Z_SYNC_FLUSH }).length;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') total = MAX_PDF_EXPANDED + 1;
      else continue;
    }
    if (total > MAX_PDF_EXPANDED) {
      throw new InvalidInput(`${name} is a PDF whose compressed streams expand to more than ${MAX_PDF_EXPANDED / 1024 / 1024} MB (the one at byte ${start} passes the limit); an agenda expands to at most ${MAX_PDF_EXPANDED / 1024 / 1024} MB`);
    }
  }
}

type Item = { str: string; x: number; y: number; width: number; fontSize: number };
type Line = { y: number; x: number; right: number; size: number; text: string; firstWord: number; charWidth: number };

const STARTS_ENTRY =
  /^(?:[•·▪◦‣∙●○■□–—*-]\s|\d{1,2}[:.h]\d{2}\b|\d{1,2}\s?(?:am|pm)\b|\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|june|july|august|september|october|november|december|moderat|chair|co-chair|facilitat|speakers?|panel|session|day|keynote|rapporteur|opening|closing|welcome|coffee|lunch|break)\w*\b)/i;

function linesOfPage(items: Item[]): Line[] {
  const runs = items.filter((i) => i.str.trim() !== '').sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: Array<{ y: number; size: number; runs: Item[] }> = [];
  for (const r of runs) {
    const size = r.fontSize || 10;
    const line = lines.find((l) => Math.abs(l.y - r.y) <= Math.max(l.size, size) * 0.4);
    if (line) line.runs.push(r);
    else lines.push({ y: r.y, size, runs: [r] });
  }
  return lines
    .sort((a, b) => b.y - a.y)
    .map((l) => {
      const rs = l.runs.sort((a, b) => a.x - b.x);
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
      return { y: l.y, x: rs[0]!.x, right: end, size: l.size, text, firstWord: charWidth * (word + 1), charWidth };
    });
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
      const wrapped = gap <= pitch * 1.15 && prevFull && !closesEntry && !STARTS_ENTRY.test(text) && l.x >= prev.x - 1;
      if (wrapped && out.length && out[out.length - 1] !== '') {
        const last = out[out.length - 1]!;
        // A word broken at a hyphen or slash continues without a space.
        out[out.length - 1] = /[-/]$/.test(last) ? last + text : `${last} ${text}`;
        continue;
      }
      if (gap > pitch * 1.5) out.push('');
    }
    out.push(l.text);
  }
  return out;
}

export async function pdfToText(bytes: Uint8Array, name = 'the input'): Promise<string> {
  checkPdfExpandedSize(bytes, name);
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { items } = await extractTextItems(pdf);
  // Pages are laid end to end, each starting one line below the last, so that an entry
  // wrapped across a page break is joined like any other.
  const all: Line[] = [];
  for (const page of items) {
    const lines = dropFurniture(linesOfPage(page as Item[]));
    if (!lines.length) continue;
    const last = all[all.length - 1];
    const shift = last ? last.y - (lines[0]!.size * 1.15) - lines[0]!.y : 0;
    for (const l of lines) all.push({ ...l, y: l.y + shift });
  }
  return joinLines(all).join('\n').trim();
}
