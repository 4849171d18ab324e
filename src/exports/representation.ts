// The representation figures (issue 14) as downloads: CSV (csv-stringify, as the participants
// list) and JSON. Pure renderers over domain/representation.ts's Representation; the group
// names in the reader's language come from the caller. Only counts: no person is named.
import { stringify } from 'csv-stringify/sync';
import { type Dimension, DIMENSIONS, type Figures, NOT_KNOWN, percent, type Representation } from '../domain/representation.ts';
import { m49Code, type Region, type Subregion } from '../domain/region.ts';
import { pickField } from '../domain/translations.ts';

/** A group's name in the reader's language. */
export type GroupLabel = (dimension: Dimension, key: string) => string;

/** The CSV's columns, in order: stable names, whatever the language of the labels. */
export const CSV_COLUMNS = [
  'scope',
  'slug',
  'year',
  'dimension',
  'group',
  'label',
  'm49',
  'persons',
  'appearances',
  'speaking_persons',
  'speaking_appearances',
  'moderating_persons',
  'moderating_appearances',
  'speaking_seconds',
] as const;

const m49Of = (d: Dimension, key: string): string => ((d === 'region' || d === 'subregion') && key !== NOT_KNOWN ? m49Code(key as Region | Subregion) : '');

function figureRows(rep: Representation, year: number | null, f: Figures, label: GroupLabel, total: string): string[][] {
  const head = [rep.scope.kind, rep.scope.slug, year === null ? '' : String(year)];
  const rows: string[][] = [
    [...head, 'total', 'all', total, '', ...[f.persons, f.appearances, f.speakingPersons, f.speakingAppearances, f.moderatingPersons, f.moderatingAppearances, f.speakingSeconds].map(String)],
  ];
  for (const d of f.dimensions) {
    for (const g of d.groups) {
      rows.push([
        ...head,
        d.dimension,
        g.key,
        label(d.dimension, g.key),
        m49Of(d.dimension, g.key),
        ...[g.persons, g.appearances, g.speakingPersons, g.speakingAppearances, g.moderatingPersons, g.moderatingAppearances, g.speakingSeconds].map(String),
      ]);
    }
  }
  return rows;
}

/**
 * One row per group of every dimension, after a total row; a series has its rows for all its
 * years (year empty), then each year's. UTF-8 with a byte-order mark (so spreadsheets read the
 * labels' accents), CRLF. Labels are ours (the catalogue's), never a person's text,
 * so no cell can start a spreadsheet formula.
 */
export function representationCsv(rep: Representation, label: GroupLabel, total: string): Uint8Array {
  const rows: string[][] = [[...CSV_COLUMNS], ...figureRows(rep, rep.scope.year, rep.figures, label, total)];
  for (const y of rep.years ?? []) rows.push(...figureRows(rep, y.year, y.figures, label, total));
  return new TextEncoder().encode(stringify(rows, { record_delimiter: 'windows', bom: true }));
}

function figuresJson(f: Figures, label: GroupLabel) {
  return {
    totals: {
      persons: f.persons,
      appearances: f.appearances,
      speakingPersons: f.speakingPersons,
      speakingAppearances: f.speakingAppearances,
      moderatingPersons: f.moderatingPersons,
      moderatingAppearances: f.moderatingAppearances,
      speakingSeconds: f.speakingSeconds,
      timedSpeakingAppearances: f.timedSpeakingAppearances,
    },
    dimensions: Object.fromEntries(
      DIMENSIONS.map((d) => [
        d,
        f.dimensions
          .find((x) => x.dimension === d)!
          .groups.map((g) => ({
            key: g.key,
            label: label(d, g.key),
            ...(m49Of(d, g.key) ? { m49: m49Of(d, g.key) } : {}),
            persons: g.persons,
            appearances: g.appearances,
            speakingPersons: g.speakingPersons,
            speakingAppearances: g.speakingAppearances,
            moderatingPersons: g.moderatingPersons,
            moderatingAppearances: g.moderatingAppearances,
            speakingSeconds: g.speakingSeconds,
            speakingTimeShare: percent(g.speakingSeconds, f.speakingSeconds),
          })),
      ]),
    ),
  };
}

/** The same figures as JSON: scope, what was counted (`notes`, in the reader's language), totals, dimensions, and a series' years. */
/**
 * The figures as JSON. `reader`: the language of the address it is fetched from (/fr/…): the scope's, its series' and
 * its events' titles in it where an editor translated them, else the originals, each with the language it is in (`titleLang`).
 */
export function representationJson(rep: Representation, label: GroupLabel, notes: Record<string, string>, url: string, reader = 'en'): Uint8Array {
  const s = rep.scope;
  const title = pickField(s, 'title', s.title, reader) ?? { text: s.title, lang: s.lang };
  const seriesTitle = pickField(s.series, 'title', s.series.title, reader) ?? { text: s.series.title, lang: s.series.lang };
  const body = {
    scope: {
      kind: s.kind,
      slug: s.slug,
      title: title.text,
      titleLang: title.lang,
      series: { slug: s.series.slug, title: seriesTitle.text, titleLang: seriesTitle.lang },
      year: s.year,
      from: s.from,
      to: s.to,
      events: s.events.map((e) => {
        const t = pickField(e, 'title', e.title, reader) ?? { text: e.title, lang: e.lang };
        return { slug: e.slug, title: t.text, titleLang: t.lang, startDate: e.startDate };
      }),
    },
    url,
    notes,
    ...figuresJson(rep.figures, label),
    ...(rep.years
      ? {
          years: rep.years.map((y) => ({
            year: y.year,
            events: y.events,
            speakers: { ...y.speakers, femaleShare: percent(y.speakers.female, y.speakers.persons), notKnownShare: percent(y.speakers.notKnown, y.speakers.persons) },
            panellists: { ...y.panellists, civilSocietyShare: percent(y.panellists.civilSociety, y.panellists.appearances) },
            ...figuresJson(y.figures, label),
          })),
        }
      : {}),
  };
  return new TextEncoder().encode(`${JSON.stringify(body, null, 2)}\n`);
}
