/** @jsxImportSource hono/jsx */
// The representation figures (issue 14): charts drawn on the server as SVG (no script), each
// with its data in a real table beside it, and the notes that say what was counted. The same
// fragment is the public page's body and the publication's appendix (representationHtml).
import type { InterfaceLanguage } from '../../interface-languages.ts';
import { type Dimension, type Figures, GROUPS, NOT_KNOWN, percent, type YearFigures } from '../../domain/representation.ts';
import { m49Code, type Subregion } from '../../domain/region.ts';
import type { Representation } from '../../operations/representation.ts';
import type { MessageKey } from '../i18n/messages.ts';
import { translator, type Translate } from '../i18n/t.ts';
import { pickField } from '../../domain/translations.ts';
import { textAttrs } from './content-text.tsx';
import { dateRange } from './format.ts';
import { Layout } from './layout.tsx';
import { href, renderingAt } from './render-context.ts';
import { numberFormat } from '../i18n/numbers.ts';

type Base = { lang: InterfaceLanguage; t: Translate };

/** What each dimension's chart counts: gender is a person's, the rest an appearance's. */
export const CHARTED: Record<Dimension, 'persons' | 'appearances'> = { gender: 'persons', region: 'appearances', subregion: 'appearances', organizationKind: 'appearances', role: 'appearances' };

/** A group's name in the reader's language. */
export function groupLabel(t: Translate, d: Dimension, key: string): string {
  if (key === NOT_KNOWN) return t(d === 'gender' ? 'gender.not-known' : 'rep.notKnown');
  switch (d) {
    case 'gender':
      return t(`gender.${key}` as MessageKey);
    case 'region':
      return t(`search.region.${key}` as MessageKey);
    case 'subregion':
      return t(`rep.subregion.${key}` as MessageKey);
    case 'organizationKind':
      return t(`org.kind.${key}` as MessageKey);
    case 'role':
      return t(`rep.role.${key}` as MessageKey);
  }
}

// Through i18n/numbers.ts, as every number of the site: French groups and its space before % are U+00A0 ("1 234", "9,8 %").
const numberIn = (lang: InterfaceLanguage) => {
  const whole = numberFormat(lang, { maximumFractionDigits: 0 });
  const one = numberFormat(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  // A share (0–100) as the language writes a percentage: "9.8%", French "9,8 %".
  const share = numberFormat(lang, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const axis = numberFormat(lang, { style: 'percent', maximumFractionDigits: 0 });
  return { n: (v: number) => whole(v), pct: (v: number | null) => (v === null ? '–' : share(v / 100)), axis: (v: number) => axis(v / 100), min: (seconds: number) => one(seconds / 60) };
};

// ---- charts ----------------------------------------------------------------------------------

const INK = '#1b1f24';
const BAR = '#0b57a4';
const SECOND = '#a33d00';
const GRID = '#9aa3ad';

/** Horizontal bars, one per group, each with its value written after it. */
function BarChart(p: { id: string; title: string; desc: string; items: Array<{ label: string; value: number; text: string }> }) {
  const row = 26;
  const labelW = 300;
  const barW = 330;
  const width = labelW + barW + 70;
  const top = 8;
  const height = top + p.items.length * row + 8;
  const max = Math.max(1, ...p.items.map((i) => i.value));
  return (
    <svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby={`${p.id}-t ${p.id}-d`} viewBox={`0 0 ${width} ${height}`} width="100%" direction="ltr" font-size="14" class="chart">
      <title id={`${p.id}-t`}>{p.title}</title>
      <desc id={`${p.id}-d`}>{p.desc}</desc>
      <line x1={labelW} y1={top - 4} x2={labelW} y2={height - 4} stroke={GRID} stroke-width="1" />
      {p.items.map((i, n) => {
        const y = top + n * row;
        const w = (i.value / max) * barW;
        return (
          <g>
            <text x={labelW - 8} y={y + 17} text-anchor="end" fill={INK}>
              {i.label}
            </text>
            <rect x={labelW} y={y + 4} width={w.toFixed(1)} height={row - 8} fill={BAR} />
            <text x={(labelW + w + 6).toFixed(1)} y={y + 17} fill={INK}>
              {i.text}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** Shares per year as lines on a 0–100 % scale; a second line dashed with square marks, so colour is never the only difference. */
function LineChart(p: { id: string; title: string; desc: string; years: number[]; lines: Array<{ label: string; values: Array<number | null> }>; axis: string; fmt: (v: number) => string }) {
  const left = 56;
  const right = 180;
  const top = 16;
  const plotW = 460;
  const plotH = 220;
  const width = left + plotW + right;
  const height = top + plotH + 48;
  const x = (i: number) => left + (p.years.length === 1 ? plotW / 2 : (i / (p.years.length - 1)) * plotW);
  const y = (v: number) => top + plotH - (v / 100) * plotH;
  const styles = [
    { stroke: BAR, dash: undefined },
    { stroke: SECOND, dash: '6 4' },
  ];
  // At most about twelve year labels, evenly spread.
  const every = Math.max(1, Math.ceil(p.years.length / 12));
  return (
    <svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby={`${p.id}-t ${p.id}-d`} viewBox={`0 0 ${width} ${height}`} width="100%" direction="ltr" font-size="13" class="chart">
      <title id={`${p.id}-t`}>{p.title}</title>
      <desc id={`${p.id}-d`}>{p.desc}</desc>
      {[0, 25, 50, 75, 100].map((v) => (
        <g>
          <line x1={left} x2={left + plotW} y1={y(v)} y2={y(v)} stroke={GRID} stroke-width="1" stroke-dasharray={v === 0 ? undefined : '2 3'} />
          <text x={left - 6} y={y(v) + 4} text-anchor="end" fill={INK}>
            {p.fmt(v)}
          </text>
        </g>
      ))}
      {p.years.map((yr, i) =>
        i % every === 0 || i === p.years.length - 1 ? (
          <text x={x(i)} y={top + plotH + 18} text-anchor="middle" fill={INK}>
            {String(yr)}
          </text>
        ) : null,
      )}
      <text x={left} y={top + plotH + 40} fill={INK}>
        {p.axis}
      </text>
      {p.lines.map((l, k) => {
        const s = styles[k % styles.length]!;
        const pts = l.values.map((v, i) => (v === null ? null : ([x(i), y(v)] as const)));
        // A year without a share (nobody spoke) breaks the line rather than bridging it.
        let d = '';
        let pen = false;
        for (const pt of pts) {
          if (pt === null) pen = false;
          else {
            d += `${pen ? 'L' : 'M'}${pt[0].toFixed(1)},${pt[1].toFixed(1)}`;
            pen = true;
          }
        }
        const last = [...pts].reverse().find((pt) => pt !== null);
        return (
          <g>
            {d ? <path d={d} fill="none" stroke={s.stroke} stroke-width="2.5" stroke-dasharray={s.dash} /> : null}
            {pts.map((pt) =>
              pt === null ? null : k % 2 === 0 ? <circle cx={pt[0].toFixed(1)} cy={pt[1].toFixed(1)} r="4" fill={s.stroke} /> : <rect x={(pt[0] - 4).toFixed(1)} y={(pt[1] - 4).toFixed(1)} width="8" height="8" fill={s.stroke} />,
            )}
            {last ? (
              <text x={(last[0] + 10).toFixed(1)} y={(last[1] + 4 + k * 14).toFixed(1)} fill={INK}>
                {l.label}
              </text>
            ) : null}
          </g>
        );
      })}
    </svg>
  );
}

// ---- tables --------------------------------------------------------------------------------

const COLUMNS = ['persons', 'appearances', 'speakingPersons', 'speakingAppearances', 'moderatingPersons', 'moderatingAppearances'] as const;

function DimensionTable(p: Base & { id: string; dimension: Dimension; figures: Figures }) {
  const { t } = p;
  const f = numberIn(p.lang);
  const dim = p.figures.dimensions.find((d) => d.dimension === p.dimension)!;
  const total = p.figures;
  return (
    <div class="table-scroll" role="region" aria-labelledby={`${p.id}-caption`} tabindex={0}>
      <table class="figures">
        <caption id={`${p.id}-caption`}>{t(`rep.table.${p.dimension}` as MessageKey)}</caption>
        <thead>
          <tr>
            <th scope="col">{t('rep.col.group')}</th>
            {COLUMNS.map((c) => (
              <th scope="col">{t(`rep.col.${c}` as MessageKey)}</th>
            ))}
            <th scope="col">{t('rep.col.minutes')}</th>
            <th scope="col">{t('rep.col.share')}</th>
          </tr>
        </thead>
        <tbody>
          {dim.groups.map((g) => (
            <tr>
              <th scope="row">
                {groupLabel(t, p.dimension, g.key)}
                {p.dimension === 'subregion' && g.key !== NOT_KNOWN ? <span class="aff"> ({t('rep.m49', { code: m49Code(g.key as Subregion) })})</span> : null}
              </th>
              {COLUMNS.map((c) => (
                <td>{f.n(g[c])}</td>
              ))}
              <td>{f.min(g.speakingSeconds)}</td>
              <td>{f.pct(percent(g.speakingSeconds, total.speakingSeconds))}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('rep.total')}</th>
            {COLUMNS.map((c) => (
              <td>{f.n(total[c])}</td>
            ))}
            <td>{f.min(total.speakingSeconds)}</td>
            <td>{f.pct(percent(total.speakingSeconds, total.speakingSeconds))}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

// ---- the fragment ----------------------------------------------------------------------------

export type FragmentOptions = {
  /** the level of the fragment's section headings (2 on the public page; deeper inside a publication) */
  headingLevel?: 2 | 3 | 4;
  /** prefixes every id, so that several fragments can share one document */
  idPrefix?: string;
  /** the address of a year's own figures, linked from its row of the trend table (a series' page) */
  yearHref?: (year: number) => string;
};

function Heading(p: { level: 2 | 3 | 4 | 5; id?: string; children: unknown }) {
  const children = p.children as string;
  return p.level === 2 ? <h2 id={p.id}>{children}</h2> : p.level === 3 ? <h3 id={p.id}>{children}</h3> : p.level === 4 ? <h4 id={p.id}>{children}</h4> : <h5 id={p.id}>{children}</h5>;
}

/** The figures of one scope: what was counted, a chart and a table per dimension, and (a series) the years. */
export function RepresentationFigures(p: Base & { rep: Representation } & FragmentOptions) {
  const { t, rep } = p;
  const fig = rep.figures;
  const f = numberIn(p.lang);
  const level = p.headingLevel ?? 2;
  const id = (s: string) => `${p.idPrefix ?? 'rep'}-${s}`;
  if (fig.appearances === 0) return <p>{t('rep.empty')}</p>;
  return (
    <div class="representation">
      <p>{t('rep.intro')}</p>
      <dl class="meta figures-summary">
        <dt>{t('rep.summary.persons')}</dt>
        <dd>{f.n(fig.persons)}</dd>
        <dt>{t('rep.summary.appearances')}</dt>
        <dd>{f.n(fig.appearances)}</dd>
        <dt>{t('rep.summary.speaking')}</dt>
        <dd>{t('rep.summary.ofPersons', { count: f.n(fig.speakingAppearances), persons: f.n(fig.speakingPersons) })}</dd>
        <dt>{t('rep.summary.moderating')}</dt>
        <dd>{t('rep.summary.ofPersons', { count: f.n(fig.moderatingAppearances), persons: f.n(fig.moderatingPersons) })}</dd>
        <dt>{t('rep.summary.time')}</dt>
        <dd>{t('rep.summary.minutes', { minutes: f.min(fig.speakingSeconds), timed: f.n(fig.timedSpeakingAppearances), n: f.n(fig.speakingAppearances) })}</dd>
      </dl>
      {(['gender', 'region', 'subregion', 'organizationKind', 'role'] as const).map((d) => {
        const groups = fig.dimensions.find((x) => x.dimension === d)!.groups;
        const items = groups.map((g) => ({ label: groupLabel(t, d, g.key), value: g[CHARTED[d]], text: f.n(g[CHARTED[d]]) }));
        const title = t(`rep.chart.${d}` as MessageKey);
        return (
          <section aria-labelledby={id(`${d}-h`)}>
            <Heading level={level} id={id(`${d}-h`)}>
              {t(`rep.dimension.${d}` as MessageKey)}
            </Heading>
            <figure class="chart">
              <BarChart id={id(`${d}-chart`)} title={title} desc={items.map((i) => `${i.label}${t('punct.colon')}${i.text}`).join(t('punct.semicolon'))} items={items} />
              <figcaption>{title}</figcaption>
            </figure>
            <DimensionTable lang={p.lang} t={t} id={id(`${d}-table`)} dimension={d} figures={fig} />
            {d === 'gender' && fig.speakingSeconds > 0 ? <TimeChart {...p} id={id('time-chart')} /> : null}
          </section>
        );
      })}
      {rep.years && rep.years.length ? <Trend lang={p.lang} t={t} years={rep.years} level={level} id={id} {...(p.yearHref ? { yearHref: p.yearHref } : {})} /> : null}
      <Heading level={level} id={id('notes-h')}>
        {t('rep.notes')}
      </Heading>
      <ul>
        <li>{t('rep.note.persons')}</li>
        <li>{t('rep.note.gender')}</li>
        <li>{t('rep.note.region')}</li>
        <li>{t('rep.note.kind')}</li>
        <li>{t('rep.note.role')}</li>
        <li>{t('rep.note.time', { timed: f.n(fig.timedSpeakingAppearances), n: f.n(fig.speakingAppearances) })}</li>
      </ul>
    </div>
  );
}

function TimeChart(p: Base & { rep: Representation; id: string }) {
  const { t } = p;
  const f = numberIn(p.lang);
  const groups = p.rep.figures.dimensions.find((x) => x.dimension === 'gender')!.groups;
  const items = groups.map((g) => ({ label: groupLabel(t, 'gender', g.key), value: g.speakingSeconds, text: f.min(g.speakingSeconds) }));
  const title = t('rep.chart.time');
  return (
    <figure class="chart">
      <BarChart id={p.id} title={title} desc={items.map((i) => `${i.label}${t('punct.colon')}${i.text}`).join(t('punct.semicolon'))} items={items} />
      <figcaption>{title}</figcaption>
    </figure>
  );
}

function Trend(p: Base & { years: YearFigures[]; level: 2 | 3 | 4; id: (s: string) => string; yearHref?: (year: number) => string }) {
  const { t } = p;
  const f = numberIn(p.lang);
  const years = p.years.map((y) => y.year);
  const women = p.years.map((y) => percent(y.speakers.female, y.speakers.persons));
  const notKnown = p.years.map((y) => percent(y.speakers.notKnown, y.speakers.persons));
  const civil = p.years.map((y) => percent(y.panellists.civilSociety, y.panellists.appearances));
  const describe = (values: Array<number | null>) => years.map((yr, i) => `${yr}${t('punct.colon')}${f.pct(values[i] ?? null)}`).join(t('punct.semicolon'));
  const pctAxis = f.axis;
  const sub = (p.level + 1) as 3 | 4 | 5;
  return (
    <section aria-labelledby={p.id('trend-h')}>
      <Heading level={p.level} id={p.id('trend-h')}>
        {t('rep.trend.heading')}
      </Heading>
      <Heading level={sub}>{t('rep.trend.women.title')}</Heading>
      <figure class="chart">
        <LineChart
          id={p.id('trend-women')}
          title={t('rep.trend.women.title')}
          desc={`${t('rep.trend.women.line')}${t('punct.colon')}${describe(women)}. ${t('rep.trend.notKnown.line')}${t('punct.colon')}${describe(notKnown)}.`}
          years={years}
          lines={[
            { label: t('rep.trend.women.line'), values: women },
            { label: t('rep.trend.notKnown.line'), values: notKnown },
          ]}
          axis={t('rep.trend.axis.speakers')}
          fmt={pctAxis}
        />
        <figcaption>{t('rep.trend.women.title')}</figcaption>
      </figure>
      <Heading level={sub}>{t('rep.trend.civil.title')}</Heading>
      <figure class="chart">
        <LineChart
          id={p.id('trend-civil')}
          title={t('rep.trend.civil.title')}
          desc={`${t('rep.trend.civil.line')}${t('punct.colon')}${describe(civil)}.`}
          years={years}
          lines={[{ label: t('rep.trend.civil.line'), values: civil }]}
          axis={t('rep.trend.axis.panellists')}
          fmt={pctAxis}
        />
        <figcaption>{t('rep.trend.civil.title')}</figcaption>
      </figure>
      <div class="table-scroll" role="region" aria-labelledby={p.id('trend-caption')} tabindex={0}>
        <table class="figures">
          <caption id={p.id('trend-caption')}>{t('rep.trend.table')}</caption>
          <thead>
            <tr>
              {(['year', 'events', 'speakers', 'women', 'womenShare', 'notKnown', 'notKnownShare', 'panellists', 'civil', 'civilShare'] as const).map((c) => (
                <th scope="col">{t(`rep.trend.col.${c}` as MessageKey)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {p.years.map((y, i) => (
              <tr>
                <th scope="row">
                  {p.yearHref ? (
                    <a href={href(p.yearHref(y.year))} aria-label={t('rep.trend.yearLink', { year: String(y.year) })}>
                      {String(y.year)}
                    </a>
                  ) : (
                    String(y.year)
                  )}
                </th>
                <td>{f.n(y.events)}</td>
                <td>{f.n(y.speakers.persons)}</td>
                <td>{f.n(y.speakers.female)}</td>
                <td>{f.pct(women[i] ?? null)}</td>
                <td>{f.n(y.speakers.notKnown)}</td>
                <td>{f.pct(notKnown[i] ?? null)}</td>
                <td>{f.n(y.panellists.appearances)}</td>
                <td>{f.n(y.panellists.civilSociety)}</td>
                <td>{f.pct(civil[i] ?? null)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="aff">{t('rep.trend.note')}</p>
    </section>
  );
}

/** Links to the downloads of a figures page. */
function Downloads(p: Base & { base: string }) {
  return (
    <p class="downloads">
      <a href={href(`${p.base}.csv`)} type="text/csv">
        {p.t('rep.download.csv')}
      </a>
      {' · '}
      <a href={href(`${p.base}.json`)} type="application/json">
        {p.t('rep.download.json')}
      </a>
    </p>
  );
}

/** Stands for the title in a message, to find where the message puts it (a private-use character no catalogue holds). */
const TITLE_MARK = '\uE000';

/** /events/{slug}/representation, /series/{slug}/representation and a series' year, /series/{slug}/representation/{year}. */
export function RepresentationPage(p: Base & { rep: Representation; path: string }) {
  const { t, rep } = p;
  const s = rep.scope;
  const year = s.kind === 'series' ? s.year : null;
  // The event's and the series' titles in the reader's language where an editor gave one (as the series page and the event page show them).
  const own = pickField(s, 'title', s.title, p.lang) ?? { text: s.title, lang: s.lang };
  const series = pickField(s.series, 'title', s.series.title, p.lang) ?? { text: s.series.title, lang: s.series.lang };
  const crumbs = [
    { href: '/', label: t('nav.home') },
    { href: `/series/${s.series.slug}`, label: series.text, lang: series.lang },
    ...(s.kind === 'event' ? [{ href: `/events/${s.slug}`, label: own.text, lang: own.lang }] : []),
    ...(year !== null ? [{ href: `/series/${s.slug}/representation`, label: t('rep.title', { title: own.text }) }] : []),
  ];
  const heading = (title: string) => (year !== null ? t('rep.title.year', { title, year: String(year) }) : t('rep.title', { title }));
  const title = heading(own.text);
  // The heading with the title marked in its own language: the message around it is the page's.
  const [before, after] = heading(TITLE_MARK).split(TITLE_MARK) as [string, string | undefined];
  return (
    <Layout lang={p.lang} t={t} title={title} description={t('rep.intro')} crumbs={crumbs}>
      <h1>
        {before}
        <span {...textAttrs(own, p.lang)}>{own.text}</span>
        {after ?? ''}
      </h1>
      {s.from && s.to ? (
        <p class="meta">
          {s.kind === 'series' ? t('rep.scope.series', { n: s.events.length, dates: dateRange(s.from, s.to, p.lang) }) : <time datetime={s.from}>{dateRange(s.from, s.to, p.lang)}</time>}
        </p>
      ) : null}
      <Downloads lang={p.lang} t={t} base={p.path} />
      <RepresentationFigures lang={p.lang} t={t} rep={rep} {...(s.kind === 'series' && year === null ? { yearHref: (y: number) => `/series/${s.slug}/representation/${y}` } : {})} />
    </Layout>
  );
}

/**
 * The figures as an HTML fragment (no document around it), for the publication's appendix:
 * headings from `headingLevel`, ids under `idPrefix`, words in `lang`. Its charts use presentation
 * attributes only (no style attribute, no script), so they pass a strict Content-Security-Policy.
 */
export async function representationHtml(rep: Representation, lang: InterfaceLanguage, opts: FragmentOptions = {}): Promise<string> {
  const node = <RepresentationFigures lang={lang} t={translator(lang)} rep={rep} {...opts} />;
  return String(await renderingAt({ lang, path: '/', base: '' }, () => (node as unknown as { toString(): string | Promise<string> }).toString()));
}
