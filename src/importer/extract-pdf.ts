// PDF → text lines. pdf.js (through unpdf) gives positioned text runs; lines are rebuilt from
// their positions, wrapped lines are joined, and lone page numbers are dropped.
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { InvalidInput } from '../domain/errors.ts';

/**
 * What reading one PDF may take. pdf.js runs in a child process (pdf-child.mjs) that is
 * stopped when its resident memory passes `maxMemoryMb` (read from /proc every 20 ms; where
 * there is no /proc only the JavaScript heap is capped) or when it takes longer than
 * `timeoutMs`. A long agenda needs about 100 MB, most of it Node.js and pdf.js themselves.
 */
export type PdfLimits = { maxMemoryMb: number; timeoutMs: number };
export const PDF_LIMITS: PdfLimits = { maxMemoryMb: 512, timeoutMs: 60_000 };

const CHILD = fileURLToPath(new URL('./pdf-child.mjs', import.meta.url));

/** The resident memory of a process in bytes, or null where /proc does not tell. */
function residentBytes(pid: number): number | null {
  try {
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'latin1'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

type ChildAnswer = { ok: true; pages: Item[][] } | { ok: false; message: string };

/** The text runs of each page, read by pdf.js in a child process held to the limits. */
function readItems(bytes: Uint8Array, name: string, limits: PdfLimits): Promise<Item[][]> {
  return new Promise((resolve, reject) => {
    const child = fork(CHILD, [], {
      execArgv: [`--max-old-space-size=${limits.maxMemoryMb}`],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let stderr = '';
    child.stderr?.on('data', (c: Buffer) => {
      stderr = (stderr + c.toString('utf8')).slice(-2000);
    });
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearInterval(watch);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      outcome();
    };
    const timer = setTimeout(
      () => settle(() => reject(new InvalidInput(`${name} took longer than ${limits.timeoutMs / 1000} s to read as a PDF; an agenda reads in a second or two`))),
      limits.timeoutMs,
    );
    const limit = limits.maxMemoryMb * 1024 * 1024;
    const watch = setInterval(() => {
      const rss = child.pid === undefined ? null : residentBytes(child.pid);
      if (rss !== null && rss > limit) {
        settle(() => reject(new InvalidInput(`${name} needs more than ${limits.maxMemoryMb} MB of memory to read as a PDF: it holds data that expands far beyond its size; an agenda needs a few MB`)));
      }
    }, 20);
    child.once('message', (m: ChildAnswer) => settle(() => (m.ok ? resolve(m.pages) : reject(new Error(m.message)))));
    child.once('error', (e) => settle(() => reject(e)));
    child.once('exit', (code, signal) => {
      const heap = /heap out of memory|Allocation failed/i.test(stderr);
      settle(() =>
        reject(
          heap
            ? new InvalidInput(`${name} needs more than ${limits.maxMemoryMb} MB of memory to read as a PDF: it holds data that expands far beyond its size; an agenda needs a few MB`)
            : new Error(`the PDF reader stopped (${signal ?? `exit code ${code}`}) before answering${stderr.trim() ? `: ${stderr.trim().split('\n').at(-1)}` : ''}`),
        ),
      );
    });
    child.send({ bytes });
  });
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

export async function pdfToText(bytes: Uint8Array, name = 'the input', limits: PdfLimits = PDF_LIMITS): Promise<string> {
  const items = await readItems(bytes, name, limits);
  // Pages are laid end to end, each starting one line below the last, so that an entry
  // wrapped across a page break is joined like any other.
  const all: Line[] = [];
  for (const page of items) {
    const lines = dropFurniture(linesOfPage(page));
    if (!lines.length) continue;
    const last = all[all.length - 1];
    const shift = last ? last.y - (lines[0]!.size * 1.15) - lines[0]!.y : 0;
    for (const l of lines) all.push({ ...l, y: l.y + shift });
  }
  return joinLines(all).join('\n').trim();
}
