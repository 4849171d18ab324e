// "Cite this" for a publication's edition: one CSL-JSON item (the citation standard's data model)
// from which citation-js writes the APA reference, BibTeX and RIS; Chicago (author-date, 17th ed.)
// is put together here from the same fields, since no Chicago style ships with citation-js.
// The author is the organization convening the series (a corporate author), as is the publisher.
import { createRequire } from 'node:module';
import { Cite, plugins } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-ris';
import '@citation-js/plugin-csl';

// citation-js ships CSL locales for English, French and Spanish (among others), not Arabic: the
// Arabic one is English's with the terms an APA reference of a report prints put in Arabic (the
// edition, no ordinal suffix); anything else falls back as citeproc does.
const require = createRequire(import.meta.url);
const cslLocales = require('@citation-js/plugin-csl/lib/locales.json') as Record<string, string>;
const ARABIC_LOCALE = cslLocales['en-US']!
  .replace('xml:lang="en-US"', 'xml:lang="ar"')
  .replace(/<term name="ordinal(-\d\d)?">[^<]*<\/term>/g, (_m, n: string | undefined) => `<term name="ordinal${n ?? ''}"></term>`)
  .replace(/<term name="edition" form="short">[\s\S]*?<\/term>/, '<term name="edition" form="short"><single>ط.</single><multiple>ط.</multiple></term>')
  .replace(/<term name="edition">[\s\S]*?<\/term>/, '<term name="edition"><single>طبعة</single><multiple>طبعات</multiple></term>');
(plugins.config.get('@csl') as { locales: { add(name: string, xml: string): void } }).locales.add('ar', ARABIC_LOCALE);

/**
 * The CSL locale of a citation in an interface language: the one of citation-js's (and Arabic) that is
 * the language itself or its country form ("fr" → fr-FR, "de" → de-DE), else American English, as citeproc falls back.
 */
const CSL_LOCALES = [...Object.keys(cslLocales), 'ar'];
export function cslLocaleOf(lang: string): string {
  const l = lang.toLowerCase();
  return CSL_LOCALES.find((x) => x.toLowerCase() === l) ?? CSL_LOCALES.find((x) => x.toLowerCase().startsWith(`${l.split('-')[0]}-`)) ?? 'en-US';
}

/** The words of the Chicago reference in the reader's language (from the catalogue: exports stay pure). */
export type CitationWords = {
  /** the interface language (the APA reference's CSL locale) */
  lang: string;
  /** "2nd ed." */
  edition: (n: number) => string;
  /** "Published November 29, 2026" */
  published: (date: string) => string;
};

export type CitationInput = {
  id: string;
  title: string;
  subtitle: string | null;
  author: string | null;
  publisher: string | null;
  series: string;
  edition: number;
  /** YYYY-MM-DD */
  date: string;
  url: string;
  lang: string;
};

export type CslItem = Record<string, unknown>;

export function cslItem(c: CitationInput): CslItem {
  const [y, m, d] = c.date.split('-').map(Number);
  return {
    id: c.id,
    type: 'report',
    title: c.subtitle ? `${c.title}: ${c.subtitle}` : c.title,
    ...(c.author ? { author: [{ literal: c.author }] } : {}),
    issued: { 'date-parts': [[y, m, d]] },
    edition: String(c.edition),
    ...(c.publisher ? { publisher: c.publisher } : {}),
    'collection-title': c.series,
    URL: c.url,
    language: c.lang,
  };
}

/** English ordinals for "2nd ed." */
export const englishOrdinal = (n: number) => `${n}${n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th')}`;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** The English words (the downloads, and anything without a reader's language). */
export const ENGLISH_CITATION_WORDS: CitationWords = {
  lang: 'en',
  edition: (n) => `${englishOrdinal(n)} ed.`,
  published: (date) => {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    return `Published ${MONTHS[m - 1]} ${d}, ${y}`;
  },
};

/** The references as text, in the reader's language, and the three downloads. */
export function citations(c: CitationInput, words: CitationWords = ENGLISH_CITATION_WORDS): { apa: string; chicago: string; bibtex: string; ris: string; csl: string } {
  const item = cslItem(c);
  const cite = new Cite(item);
  const apa = (cite.format('bibliography', { format: 'text', template: 'apa', lang: cslLocaleOf(words.lang) }) as string).trim();
  const title = c.subtitle ? `${c.title}: ${c.subtitle}` : c.title;
  const y = Number(c.date.slice(0, 4));
  const chicago = [
    c.author ? `${c.author}. ` : '',
    `${y}. `,
    `${title}. `,
    c.edition > 1 ? `${words.edition(c.edition)} ` : '',
    c.series !== c.title ? `${c.series}. ` : '',
    c.publisher && c.publisher !== c.author ? `${c.publisher}. ` : '',
    `${words.published(c.date)}. `,
    `${c.url}.`,
  ].join('');
  return {
    apa,
    chicago,
    bibtex: cite.format('bibtex', { format: 'text' }) as string,
    ris: cite.format('ris', { format: 'text' }) as string,
    csl: `${JSON.stringify([item], null, 2)}\n`,
  };
}

