// What kind of document the bytes are, from their content (magic numbers and markup), never the file name.
export type DetectedFormat = 'text' | 'html' | 'docx' | 'pdf' | 'zip' | 'doc' | 'rtf' | 'image' | 'binary';

function startsWith(bytes: Uint8Array, sig: number[], at = 0): boolean {
  return sig.every((b, i) => bytes[at + i] === b);
}

function containsAscii(bytes: Uint8Array, needle: string, limit = bytes.length): boolean {
  const n = Buffer.from(needle, 'latin1');
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(limit, bytes.length)).indexOf(n) >= 0;
}

const HTML_TAG = /^<(?:!doctype\s+html|html|head|body|meta|title|div|p|table|ul|ol|h[1-6]|section|article|main)[\s/>]/i;

/** The text after a leading XML declaration and comments: skipped with indexOf, so in linear time. */
function afterPreamble(s: string): string {
  let rest = s.trimStart();
  if (rest.startsWith('<?xml')) {
    const end = rest.indexOf('?>');
    rest = end < 0 ? '' : rest.slice(end + 2).trimStart();
  }
  while (rest.startsWith('<!--')) {
    const end = rest.indexOf('-->');
    rest = end < 0 ? '' : rest.slice(end + 3).trimStart();
  }
  return rest;
}

export function detectFormat(bytes: Uint8Array): DetectedFormat {
  const head = bytes.subarray(0, 1024);
  if (containsAscii(head, '%PDF-')) return 'pdf';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return containsAscii(bytes, 'word/document.xml') ? 'docx' : 'zip';
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'doc';
  if (startsWith(bytes, [0x7b, 0x5c, 0x72, 0x74, 0x66])) return 'rtf'; // {\rtf
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47]) || startsWith(bytes, [0xff, 0xd8, 0xff]) || startsWith(bytes, [0x47, 0x49, 0x46, 0x38])) return 'image';
  const sniff = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 8192)).replace(/^\ufeff/, '');
  if (HTML_TAG.test(afterPreamble(sniff).slice(0, 200))) return 'html';
  // Markup that does not open with a tag, such as a fragment copied from a page.
  const tags = sniff.match(/<\/?(?:p|div|li|td|tr|br|h[1-6]|span|strong|table)[\s/>]/gi)?.length ?? 0;
  if (tags >= 5) return 'html';
  return 'text';
}
