// The PDF reader's own process (forked by extract-pdf.ts): pdf.js (through unpdf) parses the
// bytes it is sent and answers with the positioned text runs of each page. A PDF can hold
// streams that expand to gigabytes, in ways no scan of the bytes catches (nested or abbreviated
// filters, LZW, encryption), and pdf.js's buffers live outside the JavaScript heap; in a
// process of its own the parent can watch its memory and time, and stop it.
// Plain JavaScript, so that it starts without the TypeScript loader.
import { extractTextItems, getDocumentProxy } from 'unpdf';

process.once('message', async (/** @type {{ bytes: Uint8Array }} */ msg) => {
  /** @type {{ ok: true, pages: Array<Array<{ str: string, x: number, y: number, width: number, fontSize: number }>> } | { ok: false, message: string }} */
  let answer;
  try {
    const pdf = await getDocumentProxy(msg.bytes);
    const { items } = await extractTextItems(pdf);
    // Only what the line rebuilder reads.
    answer = { ok: true, pages: items.map((page) => page.map((i) => ({ str: i.str, x: i.x, y: i.y, width: i.width, fontSize: i.fontSize }))) };
  } catch (e) {
    answer = { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
  process.send?.(answer, () => process.exit(0));
});
