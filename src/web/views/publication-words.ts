// The words and date formats a publication is compiled with, from the message catalogue: shared by
// the workspace, the CLI (`plenary publication compile`) and the tests.
import type { CompileOptions } from '../../operations/publications.ts';
import type { PublicationWords } from '../../exports/publication-model.ts';
import { type InterfaceLanguage, isInterfaceLanguage } from '../../domain/language.ts';
import { translator } from '../i18n/t.ts';
import { dateRange, longDate, sessionHeading } from './format.ts';

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
  };
}
