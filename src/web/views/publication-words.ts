// The words and date formats a publication is compiled with, from the message catalogue: shared by
// the workspace, the CLI (`plenary publication compile`) and the tests.
import type { CompileOptions } from '../../operations/publications.ts';
import type { PublicationWords } from '../../exports/publication-model.ts';
import { type CitationWords, englishOrdinal } from '../../exports/citation.ts';
import { INTERFACE_LANGUAGES, type InterfaceLanguage, isInterfaceLanguage } from '../../interface-languages.ts';
import { translator } from '../i18n/t.ts';
import { dateRange, longDate, sessionHeading } from './format.ts';
import type { AppendixProvider } from '../../operations/publications.ts';
import { representationOf } from '../../operations/representation.ts';
import { groupLabel, representationHtml } from './representation.tsx';

/**
 * The appendix: the representation figures (operations/representation.ts, views/representation.tsx)
 * of the publication's event or series' year, as their own HTML fragment (charts with tables) for
 * the page, and as tables of counts for the PDF.
 */
export const representationAppendix: AppendixProvider = async (db, scope, lang) => {
  const l: InterfaceLanguage = isInterfaceLanguage(lang) ? lang : 'en';
  const t = translator(l);
  const rep = await representationOf(db, scope.eventSlug ? { kind: 'event', slug: scope.eventSlug } : { kind: 'series', slug: scope.seriesSlug, ...(scope.year !== null ? { year: scope.year } : {}) });
  if (!rep || rep.figures.appearances === 0) return null;
  return {
    title: t('publication.appendixFigures'),
    html: await representationHtml(rep, l, { headingLevel: 3, idPrefix: 'rep-' }),
    pdf: rep.figures.dimensions.map((d) => ({
      heading: t(`rep.table.${d.dimension}` as Parameters<typeof t>[0]),
      columns: [t('rep.col.group'), t('publication.persons'), t('publication.appearances')],
      rows: d.groups.map((g) => [groupLabel(t, d.dimension, g.key), String(g.persons), String(g.appearances)]),
    })),
  };
};

/** A language's name in another ("French", "anglais"), capitalised as a heading. */
export function languageNameIn(l: string, inLang: InterfaceLanguage): string {
  const name = new Intl.DisplayNames([inLang], { type: 'language' }).of(l) ?? l;
  return name.charAt(0).toLocaleUpperCase(inLang) + name.slice(1);
}

export function publicationWords(lang: InterfaceLanguage): PublicationWords {
  const t = translator(lang);
  // Placeholders stay in ({n}, {publisher}): the renderers fill them.
  return {
    contents: t('publication.contents'),
    foreword: t('publication.foreword'),
    summary: t('publication.summary'),
    overview: t('event.overview'),
    themes: t('event.themes'),
    programme: t('publication.programme'),
    moderators: t('role.moderators'),
    speakers: t('role.speakers'),
    statement: t('publication.statement'),
    excerpt: t('publication.excerpt'),
    index: t('publication.index'),
    persons: t('publication.persons'),
    organizations: t('publication.organizations'),
    countries: t('publication.countries'),
    documents: t('event.documents'),
    appendix: t('publication.appendix'),
    edition: t('publication.edition', { n: '{n}' }),
    publishedBy: t('publication.publishedBy', { publisher: '{publisher}' }),
    page: t('publication.page', { n: '{n}' }),
    madeFrom: t('publication.madeFrom', { n: '{n}' }),
    // Language names from Intl, in the publication's language (as the language switch names them).
    languages: Object.fromEntries(INTERFACE_LANGUAGES.map((l) => [l, languageNameIn(l, lang)])),
  };
}

/** Everything compiling needs but the records: words and dates in the publication's language. */
export function publicationOptions(baseUrl: string, lang: string): CompileOptions {
  const l: InterfaceLanguage = isInterfaceLanguage(lang) ? lang : 'en';
  const t = translator(l);
  return {
    baseUrl,
    words: publicationWords(l),
    longDate: (d) => longDate(d, l),
    dateRange: (a, b) => dateRange(a, b, l),
    sessionHeading: (s) => sessionHeading(s, t),
    appendix: representationAppendix,
  };
}

/** "Cite this" in the reader's language: the APA reference's CSL locale, Chicago's words from the catalogue. */
export function citationWords(lang: InterfaceLanguage): CitationWords {
  const t = translator(lang);
  return {
    lang,
    edition: (n) => t('publication.cite.edition', { n: lang === 'en' ? englishOrdinal(n) : n }),
    // A date without its weekday, as references give it ("November 29, 2026", "29 novembre 2026").
    published: (date) => t('publication.cite.published', { date: new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`)) }),
  };
}
