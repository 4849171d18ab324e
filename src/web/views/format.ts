// Presentation helpers shared by the views: dates, times and labels in the reader's language.
import { Temporal } from 'temporal-polyfill';
import type { Language } from '../../domain/language.ts';
import type { Translate } from '../i18n/t.ts';

export function longDate(date: string, lang: Language): string {
  return Temporal.PlainDate.from(date).toLocaleString(lang, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
}

export function dateRange(start: string, end: string, lang: Language): string {
  const a = Temporal.PlainDate.from(start);
  const b = Temporal.PlainDate.from(end);
  const fmt = new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  const toDate = (d: Temporal.PlainDate) => new Date(Date.UTC(d.year, d.month - 1, d.day));
  return a.equals(b) ? fmt.format(toDate(a)) : fmt.formatRange(toDate(a), toDate(b));
}

export function sessionHeading(s: { kind: string; number: number | null; title: string | null }, t: Translate): string {
  const prefix = s.number !== null ? t('session.panel', { n: s.number }) : null;
  if (prefix && s.title) return `${prefix}: ${s.title}`;
  return prefix ?? s.title ?? t(`session.kind.${s.kind}` as Parameters<Translate>[0]);
}

// Explicit direction marks, embeddings, overrides and isolates, and the right-to-left scripts
// (Hebrew to NKo and their presentation forms; the supplementary planes' RTL blocks).
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]|[\uD802\uD803\uD83A\uD83B][\uDC00-\uDFFF]/;

/**
 * Isolates text for places where markup cannot (a <title>, an attribute shown as text): FSI …
 * PDI, added only where the text could change the order of what follows it.
 */
export function isolate(text: string): string {
  return BIDI.test(text) ? `\u2068${text}\u2069` : text;
}
