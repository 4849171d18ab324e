// DOCX → HTML through mammoth (lists, headings and tables survive), then → text like any page.
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { InvalidInput } from '../domain/errors.ts';
import { htmlToText } from './extract-html.ts';

/** What the parts of a Word file may expand to: a few MB of agenda is a long one. */
export const MAX_DOCX_EXPANDED = 64 * 1024 * 1024;

/** A small file that inflates to gigabytes would exhaust memory inside mammoth: look at the sizes first. */
async function checkExpandedSize(buffer: Buffer, name: string): Promise<void> {
  const zip = await JSZip.loadAsync(buffer);
  let total = 0;
  zip.forEach((_path, entry) => {
    // JSZip keeps each entry's declared size from the central directory without inflating it.
    total += (entry as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize ?? 0;
  });
  if (total > MAX_DOCX_EXPANDED) {
    throw new InvalidInput(`${name} expands to ${(total / 1024 / 1024).toFixed(0)} MB of Word data; an agenda expands to at most ${MAX_DOCX_EXPANDED / 1024 / 1024} MB`);
  }
}

export async function docxToText(bytes: Uint8Array, name = 'the input'): Promise<{ text: string; messages: string[] }> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  await checkExpandedSize(buffer, name);
  const r = await mammoth.convertToHtml({ buffer });
  return { text: htmlToText(r.value), messages: r.messages.filter((m) => m.type === 'error').map((m) => m.message) };
}
