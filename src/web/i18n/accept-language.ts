// Accept-Language decides only where the URL says nothing: a visitor at the bare root "/" is sent
// to /fr/, /es/, /ar/ (any language a catalogue gives) when their browser prefers that language to
// English. Everywhere else the URL decides (a shared or bookmarked address shows the same page to everyone).
import { type InterfaceLanguage, isInterfaceLanguage } from '../../interface-languages.ts';

/**
 * The answers for the Accept-Language values seen lately: browsers send a handful of distinct
 * values, so the root looks the answer up instead of parsing each time.
 */
const answers = new Map<string, InterfaceLanguage>();
const ANSWERS_MAX = 256;

/** Our language the header ranks first (its highest q; the earlier among equals), English when none or English ranks first. */
export function preferredLanguage(header: string | undefined | null): InterfaceLanguage {
  if (!header) return 'en';
  let answer = answers.get(header);
  if (answer === undefined) {
    answer = parse(header);
    if (answers.size >= ANSWERS_MAX) answers.clear();
    answers.set(header, answer);
  }
  return answer;
}

function parse(header: string): InterfaceLanguage {
  let best: InterfaceLanguage = 'en';
  let bestQ = -1;
  for (const part of header.split(',').slice(0, 50)) {
    const [range = '', ...params] = part.trim().toLowerCase().split(';');
    // The whole tag where a catalogue gives it ("pt-br"), else its language ("fr-ch" → "fr").
    const tag = range.trim();
    const lang = isInterfaceLanguage(tag) ? tag : tag.split('-')[0]!;
    const qParam = params.map((x) => x.trim()).find((x) => x.startsWith('q='));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    if (!(q > 0) || q > 1) continue;
    if (!isInterfaceLanguage(lang)) continue;
    if (q > bestQ) {
      best = lang;
      bestQ = q;
    }
  }
  return best;
}
