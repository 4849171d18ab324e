// DOCX → HTML through mammoth (lists, headings and tables survive), then → text like any page.
import mammoth from 'mammoth';
import { htmlToText } from './extract-html.ts';

export async function docxToText(bytes: Uint8Array): Promise<{ text: string; messages: string[] }> {
  const r = await mammoth.convertToHtml({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length) });
  return { text: htmlToText(r.value), messages: r.messages.filter((m) => m.type === 'error').map((m) => m.message) };
}
