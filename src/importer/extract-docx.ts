// DOCX → HTML through mammoth (lists, headings and tables survive), then → text like any page,
// in a child process held to a memory and a time limit (docx-child.mjs, through child-reader.ts).
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { InvalidInput } from '../domain/errors.ts';
import { readInChild, type ReaderLimits } from './child-reader.ts';
import { htmlToText } from './extract-html.ts';

/** What the parts of a Word file may expand to: a few MB of agenda is a long one. */
export const MAX_DOCX_EXPANDED = 64 * 1024 * 1024;
/** How many parts a Word file may hold: a document with many images has a few hundred. */
export const MAX_DOCX_ENTRIES = 5000;

function tooLarge(name: string, bytes: number): InvalidInput {
  return new InvalidInput(`${name} expands to ${(bytes / 1024 / 1024).toFixed(0)} MB of Word data; an agenda expands to at most ${MAX_DOCX_EXPANDED / 1024 / 1024} MB`);
}

/** Inflates one entry chunk by chunk, keeping nothing, and stops as soon as the budget is spent. */
function inflatedSize(entry: JSZip.JSZipObject, budget: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let n = 0;
    const stream = entry.nodeStream('nodebuffer');
    const onData = (chunk: Buffer) => {
      n += chunk.length;
      if (n > budget) {
        // Stop reading: the inflater waits on the full buffer and is dropped with the stream.
        stream.off('data', onData);
        stream.pause();
        resolve(n);
      }
    };
    stream.on('data', onData).once('error', reject).once('end', () => resolve(n));
  });
}

/**
 * A small file that inflates to gigabytes would exhaust memory inside mammoth. The sizes the
 * archive declares are checked first; since they can lie, every entry is then inflated as a
 * stream and counted, stopping at the limit.
 */
async function checkExpandedSize(buffer: Buffer, name: string): Promise<void> {
  const zip = await JSZip.loadAsync(buffer);
  const entries = Object.values(zip.files).filter((e) => !e.dir);
  if (entries.length > MAX_DOCX_ENTRIES) throw new InvalidInput(`${name} holds ${entries.length} parts; a Word document holds at most ${MAX_DOCX_ENTRIES}`);
  let declared = 0;
  for (const entry of entries) {
    // JSZip keeps each entry's declared size from the central directory without inflating it.
    declared += (entry as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize ?? 0;
  }
  if (declared > MAX_DOCX_EXPANDED) throw tooLarge(name, declared);
  let total = 0;
  for (const entry of entries) {
    total += await inflatedSize(entry, MAX_DOCX_EXPANDED - total);
    if (total > MAX_DOCX_EXPANDED) throw new InvalidInput(`${name} expands to more than ${MAX_DOCX_EXPANDED / 1024 / 1024} MB of Word data (its entry ${entry.name} passes the limit, whatever size the archive declares); an agenda expands to at most ${MAX_DOCX_EXPANDED / 1024 / 1024} MB`);
  }
}

export type DocxText = { text: string; messages: string[] };

/** Images are not read: an agenda's text is what is imported, and a picture's bytes would only take memory. */
const NO_IMAGES = mammoth.images.imgElement(async () => ({ src: '' }));

/** Reads a Word file in this process: what the child runs. */
export async function readDocx(bytes: Uint8Array, name = 'the input'): Promise<DocxText> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  await checkExpandedSize(buffer, name);
  const r = await mammoth.convertToHtml({ buffer }, { convertImage: NO_IMAGES });
  return { text: htmlToText(r.value), messages: r.messages.filter((m) => m.type === 'error').map((m) => m.message) };
}

/**
 * What reading one Word file may take. mammoth holds the whole document as a tree of objects,
 * and the HTML reader another, so memory grows with the document's XML, not with its file size.
 * Measured in the child without a limit (bench/docx-memory.ts, peak resident memory): the seed's
 * agenda 92 MB (mostly Node.js and the libraries), an agenda of 200 sessions and 1,000 people
 * 126 MB, one of 2,000 sessions and 10,000 people 299 MB (it still reads within 256 MB, the heap
 * being collected harder); a 180 KB file of one-word paragraphs whose document.xml inflates to
 * 60 MB 7.3 GB and 339 s, a 252 KB table of the same size 7.1 GB and 297 s. 256 MB is twice what
 * the longest real agenda needs, and stops those files within a few seconds.
 */
export const DOCX_LIMITS: ReaderLimits = { maxMemoryMb: 256, timeoutMs: 30_000 };

const CHILD = fileURLToPath(new URL('./docx-child.mjs', import.meta.url));

export function docxToText(bytes: Uint8Array, name = 'the input', limits: ReaderLimits = DOCX_LIMITS): Promise<DocxText> {
  return readInChild<DocxText>(CHILD, { bytes, name }, name, 'a Word document', limits);
}
