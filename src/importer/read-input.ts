// The first steps of the import pipeline: check the bytes, detect the format from the content,
// and extract the text that the parser reads.
import type { Agenda } from '../domain/agenda.ts';
import { InvalidInput } from '../domain/errors.ts';
import { detectFormat } from './detect.ts';
import type { ReaderLimits } from './child-reader.ts';
import { cleanLines, type Cleaned } from './clean-text.ts';
import { DOCX_LIMITS, docxToText } from './extract-docx.ts';
import { htmlToText } from './extract-html.ts';
import { PDF_LIMITS, pdfToText } from './extract-pdf.ts';
import { parseAgendaText } from './parse-text.ts';

export const MAX_INPUT_BYTES = 10 * 1024 * 1024;

export type InputFormat = 'text' | 'html' | 'docx' | 'pdf';

/** The text the parser reads; `cleaned` names the lines that held control characters, now removed. */
export type ReadInput = { format: InputFormat; text: string; cleaned?: Cleaned[] };

function describeSize(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${(n / 1024).toFixed(1)} KB`;
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const len = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (len === 0) return i;
    for (let k = 1; k < len; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += len;
  }
  return i;
}

function decodeText(bytes: Uint8Array, name: string): string {
  const nul = bytes.indexOf(0);
  if (nul >= 0) throw new InvalidInput(`${name} is binary, not a text agenda (a NUL byte at offset ${nul})`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InvalidInput(`${name} is not UTF-8 text (an invalid byte sequence at offset ${firstInvalidUtf8(bytes)})`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const controls = (text.match(/[\u0001-\u0008\u000e-\u001f\u007f]/g) ?? []).length;
  if (controls > 0 && controls / text.length > 0.01) throw new InvalidInput(`${name} is binary, not a text agenda (${controls} control characters)`);
  return text;
}

function normalise(text: string, name: string, format: InputFormat): ReadInput {
  const { text: t, cleaned } = cleanLines(text);
  if (!/\S/.test(t)) {
    throw new InvalidInput(format === 'text' ? `${name} holds only white space: there is no agenda to read` : `${name} (${format.toUpperCase()}) holds no text: there is no agenda to read`);
  }
  return cleaned.length ? { format, text: t, cleaned } : { format, text: t };
}

/** Bytes → text, or a clear InvalidInput that says what is wrong and where. */
export async function readInput(bytes: Uint8Array, name = 'the input', opts: { pdfLimits?: ReaderLimits; docxLimits?: ReaderLimits } = {}): Promise<ReadInput> {
  if (bytes.length === 0) throw new InvalidInput(`${name} is empty: there is no agenda to read`);
  if (bytes.length > MAX_INPUT_BYTES) {
    throw new InvalidInput(`${name} is ${describeSize(bytes.length)}; an agenda page is at most ${describeSize(MAX_INPUT_BYTES)}`);
  }
  const format = detectFormat(bytes);
  switch (format) {
    case 'pdf': {
      let text: string;
      try {
        text = await pdfToText(bytes, name, opts.pdfLimits ?? PDF_LIMITS);
      } catch (e) {
        if (e instanceof InvalidInput) throw e;
        throw new InvalidInput(`${name} looks like a PDF but cannot be read: ${(e as Error).message}`);
      }
      return normalise(text, name, 'pdf');
    }
    case 'docx': {
      let r: Awaited<ReturnType<typeof docxToText>>;
      try {
        r = await docxToText(bytes, name, opts.docxLimits ?? DOCX_LIMITS);
      } catch (e) {
        if (e instanceof InvalidInput) throw e;
        throw new InvalidInput(`${name} looks like a Word document but cannot be read: ${(e as Error).message}`);
      }
      return normalise(r.text, name, 'docx');
    }
    case 'html': {
      const html = decodeText(bytes, name);
      try {
        return normalise(htmlToText(html), name, 'html');
      } catch (e) {
        // The walk recurses per element; a page nested deeper than the stack allows is not an agenda.
        if (e instanceof RangeError) throw new InvalidInput(`${name} is HTML nested too deeply to read`);
        throw e;
      }
    }
    case 'text':
      return normalise(decodeText(bytes, name), name, 'text');
    case 'zip':
      throw new InvalidInput(`${name} is a ZIP archive but not a Word (.docx) document`);
    case 'doc':
      throw new InvalidInput(`${name} is a legacy Word .doc file; save it as .docx, PDF or HTML and import that`);
    case 'rtf':
      throw new InvalidInput(`${name} is an RTF file; save it as .docx, PDF or HTML and import that`);
    case 'image':
      throw new InvalidInput(`${name} is an image; an agenda must be text, HTML, DOCX or PDF`);
    default:
      throw new InvalidInput(`${name} is binary, not a text agenda`);
  }
}

/** Bytes → the agenda they hold, with a warning on each line from which control characters were removed. */
export async function readAgenda(bytes: Uint8Array, name = 'the input', opts: Parameters<typeof readInput>[2] = {}): Promise<Agenda> {
  const { text, cleaned } = await readInput(bytes, name, opts);
  const agenda = parseAgendaText(text);
  if (cleaned?.length) {
    const lines = text.split('\n');
    for (const c of cleaned) {
      const removed = c.removed.map((ch) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`).join(', ');
      agenda.warnings.push({ line: c.line, text: (lines[c.line - 1] ?? '').trim().slice(0, 2000), message: `control characters removed (${removed})` });
    }
    agenda.warnings.sort((a, b) => a.line - b.line);
  }
  return agenda;
}
