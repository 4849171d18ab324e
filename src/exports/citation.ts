// "Cite this" for a publication's edition: one CSL-JSON item (the citation standard's data model)
// from which citation-js writes the APA reference, BibTeX and RIS; Chicago (author-date, 17th ed.)
// is put together here from the same fields, since no Chicago style ships with citation-js.
// The author is the organization convening the series (a corporate author), as is the publisher.
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-ris';
import '@citation-js/plugin-csl';

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

const ordinal = (n: number) => `${n}${n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th')}`;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** The references as text, and the three downloads. */
export function citations(c: CitationInput): { apa: string; chicago: string; bibtex: string; ris: string; csl: string } {
  const item = cslItem(c);
  const cite = new Cite(item);
  const apa = (cite.format('bibliography', { format: 'text', template: 'apa', lang: 'en-US' }) as string).trim();
  const title = c.subtitle ? `${c.title}: ${c.subtitle}` : c.title;
  const [y, m, d] = c.date.split('-').map(Number) as [number, number, number];
  const chicago = [
    c.author ? `${c.author}. ` : '',
    `${y}. `,
    `${title}. `,
    c.edition > 1 ? `${ordinal(c.edition)} ed. ` : '',
    c.series !== c.title ? `${c.series}. ` : '',
    c.publisher && c.publisher !== c.author ? `${c.publisher}. ` : '',
    `Published ${MONTHS[m - 1]} ${d}, ${y}. `,
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

