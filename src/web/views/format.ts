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
