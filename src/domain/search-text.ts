// Search text: one folding and stemming for what is indexed and what is asked, so that a query
// meets the index by the same function on both engines (the database only matches tokens).
//
// Folding: lower case, then letters that Unicode does not decompose are spelled out (ø → o,
// ł → l, ß → ss, æ → ae, đ → d, ı → i, þ → th …), then NFKD and the combining marks dropped.
// So "Gómez", "Sørensen", "Wałęsa", "Straße" index as gomez, sorensen, walesa, strasse.
// Stemming: Snowball (snowball-stemmers) for English, French and Spanish, on the folded word,
// by the language of the text; names and other languages are indexed folded only. A query does
// not know its language: each word asks for any of its folded form and its three stems.
// Han, Hiragana and Katakana are written without spaces: each character is a token of its own,
// and a word of them is asked as a phrase.
import * as snowballModule from 'snowball-stemmers';

// A CommonJS module: its functions are on the namespace or on its default export, by loader.
const snowball = ((snowballModule as unknown as { default?: typeof snowballModule }).default ?? snowballModule) as typeof snowballModule;

const SPELLED: Record<string, string> = {
  ø: 'o', ł: 'l', ß: 'ss', ẞ: 'ss', æ: 'ae', œ: 'oe', đ: 'd', ð: 'd', þ: 'th', ı: 'i', ħ: 'h', ŀ: 'l', ŧ: 't', ſ: 's', ĸ: 'k', ŋ: 'n', ɲ: 'n', ƒ: 'f', ʒ: 'z', ɨ: 'i',
};
const SPELLED_RE = new RegExp(`[${Object.keys(SPELLED).join('')}]`, 'gu');
const MARKS = /\p{Mn}+/gu;
/** A word as written: letters, digits and the marks that go with them. */
const WORD = /[\p{L}\p{N}\p{M}]+/gu;
/** Scripts written without spaces between words: one token per character. */
const NO_SPACES = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const FOLDED_PART = /[\p{L}\p{N}]+/gu;
/** Longer tokens are cut: nothing longer is a word anyone types. */
const MAX_TOKEN = 64;
/** What one document indexes at most (characters of text); the rest is kept for nobody to search. */
export const MAX_INDEXED_CHARS = 400_000;

/** A word folded: lower case, letters spelled out, marks dropped. */
export function fold(word: string): string {
  return word.toLowerCase().replace(SPELLED_RE, (c) => SPELLED[c]!).normalize('NFKD').replace(MARKS, '');
}

/** Folded tokens by word as written: words follow Zipf's law, so most are met again (bounded). */
const foldCache = new Map<string, string[]>();
const FOLD_CACHE_MAX = 300_000;
const ASCII_LOWER_WORD = /^[a-z0-9]+$/;

/** The folded tokens of one word as written (usually one; a word in Han characters gives one per character). */
export function foldedTokens(word: string): string[] {
  const hit = foldCache.get(word);
  if (hit) return hit;
  const out = ASCII_LOWER_WORD.test(word) ? [word.slice(0, MAX_TOKEN)] : foldWord(word);
  if (foldCache.size >= FOLD_CACHE_MAX) foldCache.clear();
  foldCache.set(word, out);
  return out;
}

function foldWord(word: string): string[] {
  const out: string[] = [];
  for (const m of fold(word).matchAll(FOLDED_PART)) {
    const part = m[0];
    if (NO_SPACES.test(part)) {
      let run = '';
      for (const ch of part) {
        if (NO_SPACES.test(ch)) {
          if (run) out.push(run.slice(0, MAX_TOKEN));
          run = '';
          out.push(ch);
        } else run += ch;
      }
      if (run) out.push(run.slice(0, MAX_TOKEN));
    } else out.push(part.slice(0, MAX_TOKEN));
  }
  return out;
}

export type StemLanguage = 'en' | 'fr' | 'es';
export const STEM_LANGUAGES: readonly StemLanguage[] = ['en', 'fr', 'es'];
const STEMMER_NAMES: Record<StemLanguage, string> = { en: 'english', fr: 'french', es: 'spanish' };
const CACHE_MAX = 200_000;

type Stemmer = (token: string) => string;
const identity: Stemmer = (t) => t;
const stemmerFns = new Map<StemLanguage, Stemmer>();

/** The stemming function of a language (the identity for languages this module does not stem), with its cache. */
export function stemmerFor(lang: string | null | undefined): Stemmer {
  const l = stemLanguage(lang);
  if (!l) return identity;
  let fn = stemmerFns.get(l);
  if (fn) return fn;
  const cache = new Map<string, string>();
  const s = snowball.newStemmer(STEMMER_NAMES[l]);
  fn = (token) => {
    const hit = cache.get(token);
    if (hit !== undefined) return hit;
    // The stemmers work on the folded word: a query typed without accents stems the same way.
    const out = token.length < 3 || /^\p{N}+$/u.test(token) ? token : s.stem(token) || token;
    if (cache.size >= CACHE_MAX) cache.clear();
    cache.set(token, out);
    return out;
  };
  stemmerFns.set(l, fn);
  return fn;
}

/** The stem of a folded token in a language this module stems; the token itself otherwise. */
export function stem(token: string, lang: string | null | undefined): string {
  return stemmerFor(lang)(token);
}

export function stemLanguage(lang: string | null | undefined): StemLanguage | null {
  const l = (lang ?? '').slice(0, 2).toLowerCase();
  return l === 'en' || l === 'fr' || l === 'es' ? l : null;
}

/** A word of a text with where it stands, and its tokens. */
export type TextWord = { start: number; end: number; tokens: string[] };

export function* wordsOf(text: string): Generator<TextWord> {
  for (const m of text.matchAll(WORD)) yield { start: m.index!, end: m.index! + m[0].length, tokens: foldedTokens(m[0]) };
}

/** Between words: anything but letters, digits and marks. */
const NOT_WORD = /[^\p{L}\p{N}\p{M}]+/u;
/** A word as written → its index tokens, per language stemmed (or not): one lookup per word when indexing. */
const indexCaches = new Map<string, Map<string, string[]>>();

/** The index's tokens for a text in a language, in order (positions make phrases). */
export function indexTokens(text: string | null | undefined, lang: string | null | undefined): string[] {
  if (!text) return [];
  const out: string[] = [];
  const l = stemLanguage(lang) ?? '';
  let cache = indexCaches.get(l);
  if (!cache) indexCaches.set(l, (cache = new Map()));
  const st = stemmerFor(lang);
  const t = text.length > MAX_INDEXED_CHARS ? text.slice(0, MAX_INDEXED_CHARS) : text;
  // split() rather than matchAll(): no match object per word (a statement has a thousand).
  for (const w of t.split(NOT_WORD)) {
    if (!w) continue;
    let toks = cache.get(w);
    if (!toks) {
      toks = foldedTokens(w).map(st);
      if (cache.size >= FOLD_CACHE_MAX) cache.clear();
      cache.set(w, toks);
    }
    for (const tok of toks) out.push(tok);
  }
  return out;
}

/** One word of a query: any of these tokens (its folded form, its stems). */
export type QueryTerm = string[];
/** A query: every group must match; a group is a word (one term) or a phrase (terms in a row), in any of its readings. */
export type QueryGroup = { phrase: boolean; readings: string[][] };
export type ParsedQuery = { groups: QueryGroup[]; /** every token a match may hold, for highlighting */ tokens: Set<string> };

const MAX_GROUPS = 12;

/** The readings of a run of tokens: as folded, and stemmed in each language (duplicates removed). */
function readingsOf(tokens: string[]): string[][] {
  const seen = new Map<string, string[]>();
  const add = (r: string[]) => seen.set(r.join(' '), r);
  add(tokens);
  for (const l of STEM_LANGUAGES) add(tokens.map((t) => stem(t, l)));
  return [...seen.values()];
}

/** A query as typed: words, and "quoted phrases"; everything else is ignored. */
export function parseQuery(q: string): ParsedQuery {
  const groups: QueryGroup[] = [];
  const tokens = new Set<string>();
  const push = (toks: string[], phrase: boolean) => {
    if (!toks.length || groups.length >= MAX_GROUPS) return;
    const readings = readingsOf(toks);
    const key = readings.map((r) => r.join(' ')).join('|');
    if (groups.some((g) => g.readings.map((r) => r.join(' ')).join('|') === key)) return;
    groups.push({ phrase: phrase || toks.length > 1, readings });
    for (const r of readings) for (const t of r) tokens.add(t);
  };
  const text = q.slice(0, 500);
  let rest = '';
  let last = 0;
  for (const m of text.matchAll(/["“”«»„]([^"“”«»„]*)["“”«»„]?/gu)) {
    rest += `${text.slice(last, m.index)} `;
    last = m.index! + m[0].length;
    push([...wordsOf(m[1]!)].flatMap((w) => w.tokens), true);
  }
  rest += text.slice(last);
  for (const w of wordsOf(rest)) push(w.tokens, false);
  return { groups, tokens };
}

/** SQLite FTS5's MATCH expression for a query (tokens are letters and digits, so quoting is safe). */
export function fts5Match(q: ParsedQuery): string {
  return q.groups.map((g) => `(${g.readings.map((r) => `"${r.join(' ')}"`).join(' OR ')})`).join(' AND ');
}

const QUOTE_OR_BACKSLASH = /['\\]/;
/** A token as a quoted lexeme (tokens are letters and digits: the escapes are for anything else). */
const lexeme = (t: string) => (QUOTE_OR_BACKSLASH.test(t) ? `'${t.replace(/'/g, "''").replace(/\\/g, '\\\\')}'` : `'${t}'`);

/** PostgreSQL's tsquery text for a query (read with ::tsquery, no parser in between). */
export function tsquery(q: ParsedQuery): string {
  return q.groups.map((g) => `(${g.readings.map((r) => `(${r.map(lexeme).join(' <-> ')})`).join(' | ')})`).join(' & ');
}

/**
 * PostgreSQL's phrase queries (issue 12, scale): besides `tsv` (tokens with positions), a document
 * has `pair_tsv`, its distinct tokens and its distinct pairs of adjacent *common* tokens
 * ("human right"), without positions. Common tokens are those a rebuild found in many documents
 * (storage/queries/search.ts, search_pair_token); every document is indexed with the same set.
 * A word, and a two-token phrase of common tokens, is then a lookup in pair_tsv's GIN index, exact
 * without reading a row's tsvector (a phrase's positions were checked by reading the out-of-line
 * tsv of every document holding its words: 0.4 s for a common phrase at 30,000 statements). Other
 * phrases have their positions checked in tsv, on the documents that hold their pairs and tokens:
 * few, since a token that is not common is in few documents. Pairs of rare tokens are not indexed:
 * they would be most of the index's keys (373 MB for 5,000 statements with every pair).
 * A tsvector holds at most 1 MB of lexemes: a document whose pairs would pass PAIR_BUDGET keeps
 * its tokens and the pairs that fit, and is marked partial (this lexeme, and pairs_partial): its
 * phrases are checked in tsv. Tokens are letters and digits only, so neither a pair (with its
 * space) nor this lexeme can be a token.
 */
export const PARTIAL_PAIRS = '~partial';
/** Characters of lexemes a document's pair_tsv holds at most (a character may take 3 bytes: within the 1 MB a tsvector holds). */
const PAIR_BUDGET = 300_000;

/** The common tokens numbered (per set, kept while the set is), so that a pair is a number while it is looked for. */
const commonIds = new WeakMap<ReadonlySet<string>, Map<string, number>>();
function idsOf(common: ReadonlySet<string>): Map<string, number> {
  let ids = commonIds.get(common);
  if (!ids) {
    ids = new Map();
    for (const t of common) ids.set(t, ids.size);
    commonIds.set(common, ids);
  }
  return ids;
}

/**
 * A document's pair_tsv as a tsvector literal: distinct tokens and distinct adjacent pairs of
 * common tokens, no positions. (Pairs are told apart as numbers, ids of the two common tokens:
 * only a pair not met before in the document is made into text.)
 */
export function pairTsvectorLiteral(tokens: string[], common: ReadonlySet<string>): { literal: string; partial: boolean } {
  const seen = new Set<string>();
  const parts: string[] = [];
  let size = 0;
  for (const t of tokens) {
    if (seen.has(t)) continue;
    seen.add(t);
    parts.push(lexeme(t));
    size += t.length + 3;
  }
  let partial = false;
  if (common.size && tokens.length > 1) {
    const ids = idsOf(common);
    const base = ids.size;
    const pairs = new Set<number>();
    let prev = ids.get(tokens[0]!);
    for (let i = 1; i < tokens.length; i++) {
      const id = ids.get(tokens[i]!);
      if (prev !== undefined && id !== undefined) {
        const key = prev * base + id;
        if (!pairs.has(key)) {
          const p = `${tokens[i - 1]} ${tokens[i]}`;
          if (size + p.length + 3 > PAIR_BUDGET) {
            partial = true;
            break;
          }
          pairs.add(key);
          parts.push(lexeme(p));
          size += p.length + 3;
        }
      }
      prev = id;
    }
  }
  if (partial) parts.push(lexeme(PARTIAL_PAIRS));
  return { literal: parts.join(' '), partial };
}

/**
 * PostgreSQL's query of a search, given the common tokens the index was made with. `pairs`, for
 * pair_tsv's index: every group must match, a word by any of its readings, a phrase by any
 * reading's pairs of common tokens and its other tokens (or, on a partial document, its tokens).
 * `checks`, one per phrase that pairs alone do not make exact (of three tokens or more, or with a
 * reading holding a token that is not common, such as the unstemmed reading of a stemmed word):
 * a document passes by `byPairs` (the readings exact by their pair, asked of the index once) or
 * else by `byPositions` (the other readings, by position in tsv, read for those documents only).
 * `phrases`: every phrase by position, for partial documents. Null where there is nothing.
 */
export function pgQuery(q: ParsedQuery, common: ReadonlySet<string>): { pairs: string; checks: Array<{ byPairs: string | null; byPositions: string }>; phrases: string | null } {
  const pairs: string[] = [];
  const checks: Array<{ byPairs: string | null; byPositions: string }> = [];
  const phrases: string[] = [];
  const phrase = (r: string[]) => `(${r.map(lexeme).join(' <-> ')})`;
  for (const g of q.groups) {
    const n = g.readings[0]!.length;
    if (n === 1) {
      pairs.push(`(${g.readings.map((r) => lexeme(r[0]!)).join(' | ')})`);
      continue;
    }
    const exact: string[] = [];
    const positional: string[][] = [];
    const arms = g.readings.map((r) => {
      const terms = new Set<string>();
      let all = true;
      for (let i = 1; i < r.length; i++) {
        if (common.has(r[i - 1]!) && common.has(r[i]!)) terms.add(`${r[i - 1]} ${r[i]}`);
        else {
          all = false;
          terms.add(r[i - 1]!).add(r[i]!);
        }
      }
      if (all && n === 2) exact.push(lexeme(`${r[0]} ${r[1]}`));
      else positional.push(r);
      return `(${[...terms].map(lexeme).join(' & ')})`;
    });
    arms.push(`(${lexeme(PARTIAL_PAIRS)} & (${g.readings.map((r) => `(${r.map(lexeme).join(' & ')})`).join(' | ')}))`);
    pairs.push(`(${arms.join(' | ')})`);
    phrases.push(`(${g.readings.map(phrase).join(' | ')})`);
    if (positional.length) checks.push({ byPairs: exact.length ? exact.join(' | ') : null, byPositions: positional.map(phrase).join(' | ') });
  }
  return { pairs: pairs.join(' & '), checks, phrases: phrases.length ? phrases.join(' & ') : null };
}

/** The tokens as a tsvector literal with their positions (1…16383, PostgreSQL's limit), for ::tsvector. */
export function tsvectorLiteral(tokens: string[]): string {
  const positions = new Map<string, number[]>();
  tokens.forEach((t, i) => {
    const p = Math.min(i + 1, 16383);
    const list = positions.get(t);
    if (!list) positions.set(t, [p]);
    else if (list.length < 256 && list[list.length - 1] !== p) list.push(p);
  });
  return [...positions].map(([t, ps]) => `${lexeme(t)}:${ps.join(',')}`).join(' ');
}

/** A piece of a snippet: text, marked when it matched. */
export type SnippetPart = { text: string; mark: boolean };

/**
 * Where a text holds words the query asked for, as [start, end) offsets, at most `max`. The text
 * is folded once, character by character; the words that begin like a token of the query (a stem
 * keeps its word's first three letters) are found with indexOf, and only those are stemmed.
 */
function hitRanges(text: string, lang: string | null, q: ParsedQuery, max: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  if (!text || !q.tokens.size) return out;
  const st = stemmerFor(lang);
  const isHit = (folded: string) => {
    for (const t of foldedTokens(folded)) if (q.tokens.has(t) || q.tokens.has(st(t))) return true;
    return false;
  };
  const { folded, at } = foldWithOrigins(text);
  {
    // Each token's first three letters are looked for with indexOf (native and fast), and only
    // the words that start there are read and stemmed.
    const seen = new Set<number>();
    for (const p of new Set([...q.tokens].map((t) => t.slice(0, 3)))) {
      const single = NO_SPACES.test(p);
      for (let i = folded.indexOf(p); i >= 0; i = folded.indexOf(p, i + 1)) {
        if (single) {
          if (q.tokens.has(p) && !seen.has(i)) out.push([at(i), at(i + p.length)]), seen.add(i);
          continue;
        }
        if (i > 0 && isWordChar(folded, i - 1)) continue;
        let j = i + p.length;
        while (j < folded.length && isWordChar(folded, j)) j++;
        if (!seen.has(i) && isHit(folded.slice(i, j))) out.push([at(i), at(j)]), seen.add(i);
        if (out.length >= max * 4) break;
      }
    }
    out.sort((x, y) => x[0] - y[0]);
    return out.slice(0, max);
  }
}

/** A character folded on its own (the same rule as fold()). */
const charFolds = new Map<string, string>();
function foldChar(ch: string): string {
  let f = charFolds.get(ch);
  if (f === undefined) {
    f = fold(ch);
    if (charFolds.size < 50_000) charFolds.set(ch, f);
  }
  return f;
}

/** A BMP character's fold by its code (the same as foldChar's), filled as met. */
const codeFolds: Array<string | undefined> = new Array(0x10000);

/**
 * A text folded character by character, with where each folded unit came from in the text (`at`,
 * up to and including the folded text's end, which is the text's end), so that matches found in the
 * folded text mark the words as written, whatever folding did to lengths (ß → ss, a letter and its
 * combining mark → one). Where each unit came from is kept as segments, not a unit at a time: a run
 * of ASCII (the same offset throughout) and each other character's units (all from that
 * character); `at` finds a unit's segment by bisection. Writing an offset for each of a statement's
 * thousands of characters was half of a snippet's time, for the few dozen that are asked.
 */
export function foldWithOrigins(text: string): { folded: string; at: (k: number) => number } {
  const cap = text.length * 3;
  // Segments by the folded offset they start at: a constant (every unit from one character) or an
  // ASCII run's offset (the text's index minus the folded one); the last of equal starts counts.
  const starts: number[] = [0];
  const values: number[] = [0];
  const constant: boolean[] = [false];
  const parts: string[] = [];
  let n = 0;
  let run = 0;
  for (let i = 0; i < text.length; ) {
    const c = text.charCodeAt(i);
    if (c < 128) {
      if (n >= cap) return byParts(text);
      n++;
      i++;
      continue;
    }
    if (i > run) parts.push(text.slice(run, i).toLowerCase());
    const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    let f: string;
    if (pair) f = foldChar(text.slice(i, i + 2));
    else {
      const known = codeFolds[c];
      f = known === undefined ? (codeFolds[c] = foldChar(text[i]!)) : known;
    }
    // More than three units a character overall: the rare text that would overflow is folded the other way.
    if (n + f.length > cap) return byParts(text);
    if (f.length) starts.push(n), values.push(i), constant.push(true);
    parts.push(f);
    n += f.length;
    i += pair ? 2 : 1;
    run = i;
    starts.push(n), values.push(i - n), constant.push(false);
  }
  if (run < text.length) parts.push(text.slice(run).toLowerCase());
  const end = n;
  const at = (k: number): number => {
    if (k >= end) return text.length;
    let lo = 0;
    let hi = starts.length - 1;
    // The last segment starting at or before k.
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= k) lo = mid;
      else hi = mid - 1;
    }
    return constant[lo] ? values[lo]! : k + values[lo]!;
  };
  return { folded: parts.join(''), at };
}

function byParts(text: string): { folded: string; at: (k: number) => number } {
  const { folded, origin } = foldWithOriginsByParts(text);
  return { folded, at: (k) => origin[k]! };
}

/** The same with an offset for every folded unit (origin has one more entry, the text's end); the fallback, and what foldWithOrigins is checked against. */
export function foldWithOriginsByParts(text: string): { folded: string; origin: Int32Array } {
  const origin = new Int32Array(text.length * 3 + 1);
  const parts: string[] = [];
  let n = 0;
  let run = 0;
  // Runs of ASCII are lower-cased whole; other characters (a surrogate pair whole) are folded one by
  // one. A loop over char codes: a regular expression's match object per accented letter cost more.
  for (let i = 0; i < text.length; ) {
    const c = text.charCodeAt(i);
    if (c < 128) {
      origin[n++] = i++;
      continue;
    }
    if (i > run) parts.push(text.slice(run, i).toLowerCase());
    const len = c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
    const f = foldChar(text.slice(i, i + len));
    for (let k = 0; k < f.length && n < origin.length - 1; k++) origin[n++] = i;
    parts.push(f);
    i += len;
    run = i;
  }
  if (run < text.length) parts.push(text.slice(run).toLowerCase());
  origin[n] = text.length;
  return { folded: parts.join(''), origin: origin.subarray(0, n + 1) };
}

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
/** Whether the UTF-16 unit at i belongs to a word (letters, digits, marks; a surrogate pair counts as a letter). */
function isWordChar(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90);
  if (c >= 0xd800 && c <= 0xdfff) return true;
  return WORD_CHAR.test(s[i]!);
}

/** The parts of text[from, to) with the given ranges marked. */
function marked(text: string, from: number, to: number, ranges: Array<[number, number]>): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let at = from;
  for (const [start, end] of ranges) {
    if (start < from || end > to) continue;
    if (start > at) parts.push({ text: text.slice(at, start), mark: false });
    parts.push({ text: text.slice(start, end), mark: true });
    at = end;
  }
  if (to > at) parts.push({ text: text.slice(at, to), mark: false });
  return parts;
}

/** A text with the query's words marked, whole (for titles). */
export function highlight(text: string, lang: string | null, q: ParsedQuery): SnippetPart[] {
  return marked(text, 0, text.length, hitRanges(text, lang, q, 1000));
}

/** How much of a text is looked at first for a snippet's hits. */
const SNIPPET_FIRST_CHARS = 2500;

/**
 * About `length` characters of a text around its first words that the query asked for (the
 * window with the most of them among the first few), with those words marked; the start of
 * the text when none is in it. Computed in the application for the page's results only.
 */
export function snippet(text: string, lang: string | null, q: ParsedQuery, length = 220): SnippetPart[] {
  if (!text) return [];
  const limit = Math.min(text.length, MAX_INDEXED_CHARS);
  // The window is chosen among the first few hits: the text's start is folded first, and the rest
  // only when it holds too few (a statement of 9,000 characters: a third of the work, or less).
  const WANTED = 12;
  let ranges = hitRanges(text.slice(0, Math.min(limit, SNIPPET_FIRST_CHARS)), lang, q, WANTED);
  if (ranges.length < WANTED && limit > SNIPPET_FIRST_CHARS) ranges = hitRanges(limit < text.length ? text.slice(0, limit) : text, lang, q, WANTED);
  const found = ranges.map((r) => r[0]);
  let from = 0;
  if (found.length) {
    // The window holding the most hits, starting a little before the first of them.
    let best = found[0]!;
    let bestCount = 0;
    for (let i = 0; i < found.length; i++) {
      let n = 0;
      while (i + n < found.length && found[i + n]! - found[i]! < length * 0.7) n++;
      if (n > bestCount) {
        bestCount = n;
        best = found[i]!;
      }
    }
    from = Math.max(0, best - Math.floor(length * 0.3));
    if (from > 0) {
      const space = text.indexOf(' ', from);
      from = space >= 0 && space < best ? space + 1 : from;
    }
  }
  let to = Math.min(text.length, from + length);
  if (to < text.length) {
    const space = text.lastIndexOf(' ', to);
    if (space > from + length / 2) to = space;
  }
  // A word cut at the window's edge is not marked.
  const parts = marked(text, from, to, ranges).map((p) => ({ ...p, text: p.text.replace(/\s+/g, ' ') }));
  if (from > 0) parts.unshift({ text: '… ', mark: false });
  if (to < text.length) parts.push({ text: ' …', mark: false });
  return parts;
}
