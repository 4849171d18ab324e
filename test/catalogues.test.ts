// Every interface language gives every message English has, and nothing else: the same keys, the
// same {placeholders}, no markup, and a real translation rather than the English copied over. The
// languages are the catalogue files found at start (src/interface-languages.ts): a new file is checked
// as soon as it is there, and PLENARY_CATALOGUES=DIR checks the catalogues of DIR with the built-in ones
// (test/catalogue-discovery.test.ts runs this file so over a catalogue that lacks a key).
// Plural variants (key.zero/.one/.two/.few/.many, see the note at the top of en.ts) are allowed
// for the plural categories the language has, on keys that take a count.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { INTERFACE_LANGUAGES } from '../src/interface-languages.ts';
import { CATALOGUES } from '../src/web/i18n/messages.ts';

const en: Record<string, string> = CATALOGUES.en;
const LANGS = INTERFACE_LANGUAGES.filter((l) => l !== 'en');
const PLURAL = /^(.*)\.(zero|one|two|few|many)$/;

/**
 * Messages of more than three words that are rightly the same as English in a language, by key, each
 * with its reason. None today: what stays the same is short and needs no entry — the product name
 * (Plenary), formats and standards (API, HH:MM, SHA-256: {hash}, APA, BibTeX, CSL-JSON, M49 {code}),
 * and words the languages share ("Pages", "Dialogues", "Contact", "Series", "Original: {language}").
 * A longer one (a command line, a code sample) goes here as, e.g., fr: ['key'] with a comment saying why.
 */
const SAME_AS_ENGLISH: Partial<Record<string, string[]>> = {};

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
const words = (s: string) => s.replace(/\{\w+\}/g, 'X').split(/\s+/).filter(Boolean).length;

/** The English message a key of a catalogue answers to: itself, or the plain key of a plural variant. */
function englishOf(key: string): { base: string; variant: string | null } | null {
  const m = PLURAL.exec(key);
  if (m && m[1]! in en) return { base: m[1]!, variant: m[2]! };
  return key in en ? { base: key, variant: null } : null;
}

test('the catalogues are the ones the interface speaks: English and at least French, Spanish and Arabic', () => {
  assert.deepEqual(['en', 'fr', 'es', 'ar'].filter((l) => !INTERFACE_LANGUAGES.includes(l as never)), []);
});

for (const lang of LANGS) {
  const cat: Record<string, string> = CATALOGUES[lang] ?? {};
  const categories = new Set(new Intl.PluralRules(lang).resolvedOptions().pluralCategories);

  test(`${lang}: every English key is translated`, () => {
    const missing = Object.keys(en).filter((k) => cat[k] === undefined || cat[k] === '');
    assert.deepEqual(missing, [], `${lang}.ts lacks ${missing.length} keys English has`);
  });

  test(`${lang}: no key English does not have (plural variants only for the language's categories, on keys with a count)`, () => {
    const extra = Object.keys(cat).filter((k) => {
      const e = englishOf(k);
      if (!e) return true;
      if (e.variant === null || k in en) return false; // a plain key, or a variant English gives too
      return !categories.has(e.variant as Intl.LDMLPluralRule) || !/\{(n|count)\}/.test(en[e.base]!);
    });
    assert.deepEqual(extra, []);
  });

  test(`${lang}: the same {placeholders} as English (a plural variant: a subset of its key's)`, () => {
    const wrong: string[] = [];
    for (const [k, v] of Object.entries(cat)) {
      const e = englishOf(k);
      if (!e) continue;
      const mine = placeholders(v);
      const theirs = placeholders(en[e.base]!);
      if (e.variant === null) {
        if (mine.join() !== theirs.join()) wrong.push(`${k}: {${mine.join('},{')}} where English has {${theirs.join('},{')}}`);
      } else if (!mine.every((p) => theirs.includes(p))) {
        // A plural variant may leave out the count ('1 event', 'حدثان'), nothing more, and adds none.
        wrong.push(`${k}: {${mine.join('},{')}} not among {${theirs.join('},{')}}`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  test(`${lang}: no markup where English has none`, () => {
    const tagged = Object.entries(cat).filter(([k, v]) => /<\/?[a-z][^>]*>/i.test(v) && !/<\/?[a-z][^>]*>/i.test(en[englishOf(k)?.base ?? k] ?? ''));
    assert.deepEqual(tagged.map(([k]) => k), []);
  });

  test(`${lang}: translated, not copied: no message of more than three words identical to English`, () => {
    const allowed = new Set(SAME_AS_ENGLISH[lang] ?? []);
    const copied = Object.entries(cat).filter(([k, v]) => en[k] === v && words(v) > 3 && !allowed.has(k));
    assert.deepEqual(copied.map(([k]) => k), []);
  });
}

test('fr: a no-break space (U+00A0) before : ; ? ! and inside « », never a plain or missing one', () => {
  const wrong = (v: string) => {
    const s = v.replace(/\{\w+\}/g, 'X');
    return (
      / [:;!»]| \?(?![\w=])/.test(s) || // a plain space (not the ?q= of an address)
      /«[^\u00a0]/.test(s) ||
      /[^\s\u00a0][;!»](?=\s|$)/.test(s) || // no space at all
      /[^\s\u00a0]\?(?=\s|$)/.test(s) ||
      /[\p{L})’]:(?=\s|$)/u.test(s)
    );
  };
  const bad = Object.entries(CATALOGUES.fr as Record<string, string>).filter(([, v]) => wrong(v));
  assert.deepEqual(bad.map(([k, v]) => `${k}: ${v}`), []);
});

test('fr: a no-break space (U+00A0) between a size and its unit ("{mb} Mo", "{bytes} octets"), as fileSize writes "1,2 Mo"', () => {
  const bad = Object.entries(CATALOGUES.fr as Record<string, string>).filter(([, v]) => /(?:\d|\})[ \u202f]?(?:[kMG]o|octets)\b/.test(v));
  assert.deepEqual(bad.map(([k, v]) => `${k}: ${v}`), []);
});
