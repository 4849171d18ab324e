// DOCX → HTML through mammoth (lists, headings and tables survive), then → text like any page.
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { InvalidInput } from '../domain/errors.ts';
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

export async function docxToText(bytes: Uint8Array, name = 'the input'): Promise<{ text: string; messages: string[] }> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  await checkExpandedSize(buffer, name);
  const r = await mammoth.convertToHtml({ buffer });
  return { text: htmlToText(r.value), messages: r.messages.filter((m) => m.type === 'error').map((m) => m.message) };
}
