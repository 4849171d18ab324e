// URL slugs: lowercase ASCII words joined by hyphens, in every script.
//
// Letters outside ASCII are transliterated by any-ascii (one fixed table per code point: Latin
// letters with their accents folded and ø, ł, ß, æ, đ, þ spelled out; Cyrillic and Greek as
// English spells them; Arabic, Hebrew, Devanagari, Thai, kana as their letters; Han characters
// and Hangul syllables as syllables). A Han character or a Hangul syllable is a word of its own
// (王毅 → wang-yi): any-ascii capitalises such syllables, which is how they are recognised (a
// character without case whose letters come out capitalised).
//
// Migration 0013 keeps a frozen copy of this rule: change it there never, and here only with a
// migration that re-slugs (with redirects) what the change would damage.
import anyAscii from 'any-ascii';

/** The letters of a text in ASCII, a caseless character spelled capitalised (a syllable) standing as its own word. */
export function transliterate(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    if (ch.charCodeAt(0) < 0x80) {
      out += ch;
      continue;
    }
    const latin = anyAscii(ch);
    const caseless = ch.toLowerCase() === ch && ch.toUpperCase() === ch;
    out += caseless && /^[A-Z]/.test(latin) ? ` ${latin} ` : latin;
  }
  return out;
}

/** The slug of a text: its words in ASCII, lowercase, joined by hyphens, at most maxLength long (cut between words). */
export function slugify(text: string, maxLength = 80): string {
  const words = transliterate(text)
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let s = '';
  for (const w of words) {
    const next = s ? `${s}-${w}` : w;
    if (next.length > maxLength) {
      if (!s) s = w.slice(0, maxLength);
      break;
    }
    s = next;
  }
  return s || 'item';
}

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
