// First steps of the import pipeline: check the bytes and turn them into text.
// Format detection looks at the content, never at the file's name.
import { InvalidInput } from '../domain/errors.ts';

export const MAX_INPUT_BYTES = 10 * 1024 * 1024;

export type InputFormat = 'text';

export type ReadInput = { format: InputFormat; text: string };

function describeSize(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${(n / 1024).toFixed(1)} KB`;
}

/** Bytes → text, or a clear InvalidInput that says what is wrong and where. */
export function readInput(bytes: Uint8Array, name = 'the input'): ReadInput {
  if (bytes.length === 0) throw new InvalidInput(`${name} is empty: there is no agenda to read`);
  if (bytes.length > MAX_INPUT_BYTES) {
    throw new InvalidInput(`${name} is ${describeSize(bytes.length)}; an agenda page is at most ${describeSize(MAX_INPUT_BYTES)}`);
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) throw new InvalidInput(`${name} is binary, not a text agenda (a NUL byte at offset ${nul})`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    throw new InvalidInput(`${name} is not UTF-8 text (an invalid byte sequence at offset ${at})`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const controls = (text.match(/[\u0001-\u0008\u000e-\u001f\u007f]/g) ?? []).length;
  if (controls > 0 && controls / text.length > 0.01) {
    throw new InvalidInput(`${name} is binary, not a text agenda (${controls} control characters)`);
  }
  if (!/\S/.test(text)) throw new InvalidInput(`${name} holds only white space: there is no agenda to read`);
  return { format: 'text', text: text.replace(/\r\n?/g, '\n') };
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
