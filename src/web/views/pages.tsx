/** @jsxImportSource hono/jsx */
// The public pages other than the event page. Each takes what it shows and the translator.
import { PersonIdentity, type PersonIdentityView } from './person-identity.tsx';
import { countryName } from '../../domain/country.ts';
import type { InterfaceLanguage } from '../../domain/language.ts';
import type { EventRow, OrganizationRow, PersonRow, SeriesRow } from '../../storage/database.ts';
import type { AppearanceInContext } from '../../storage/queries.ts';
import type { MessageKey } from '../i18n/messages.ts';
import type { Translate } from '../i18n/t.ts';
import { AppearanceList } from './appearance-list.tsx';
import { dateRange, isolate } from './format.ts';
import { Layout } from './layout.tsx';
import type { PageInfo } from '../paging.ts';
import { Pager, pagedTitle } from './pager.tsx';
import { href } from './render-context.ts';
import { pickField } from '../../domain/translations.ts';
import { textAttrs } from './content-text.tsx';

type Base = { lang: InterfaceLanguage; t: Translate };

function EventList(p: Base & { events: EventRow[] }) {
  return (
    <ul class="list">
      {p.events.map((e) => {
        // The title in the reader's language where an editor gave one, marked with its language (issue 13).
        const title = pickField(e, 'title', e.title, p.lang) ?? { text: e.title, lang: e.lang };
        return (
        <li>
          <bdi>
            <a href={href(`/events/${e.slug}`)} {...textAttrs(title, p.lang)}>
              {title.text}
            </a>
          </bdi>
          <span class="aff">
            {' '}
            — <time datetime={e.start_date}>{dateRange(e.start_date, e.end_date, p.lang)}</time>
            {e.city ? (
              <>
                , <bdi>{e.city}</bdi>
              </>
            ) : ''}
          </span>
        </li>
        );
      })}
    </ul>
  );
}

export function HomePage(p: Base & { series: Array<SeriesRow & { events: EventRow[]; eventCount?: number }> }) {
  const { t } = p;
  return (
    <Layout lang={p.lang} t={t} title={t('home.title')} description={t('site.tagline')}>
      <h1>{t('home.title')}</h1>
      <p>{t('site.tagline')}</p>
      {p.series.length === 0 ? <p>{t('home.empty')}</p> : null}
      {p.series.map((s) => {
        const title = seriesTitle(s, p.lang);
        return (
        <section aria-labelledby={`series-${s.slug}`}>
          <h2 id={`series-${s.slug}`}>
            <a href={href(`/series/${s.slug}`)} {...textAttrs(title, p.lang)}>
              {title.text}
            </a>
          </h2>
          <EventList lang={p.lang} t={t} events={s.events} />
          <MoreEvents series={s} t={t} />
        </section>
        );
      })}
      {p.series.length ? (
        <p>
          <a href={href('/events')}>{t('home.everything')}</a>
        </p>
      ) : null}
    </Layout>
  );
}

/** On the home page, a series that has more events than it lists links to all of them. */
function MoreEvents(p: { series: SeriesRow & { events: EventRow[]; eventCount?: number }; t: Translate }) {
  const n = p.series.eventCount;
  if (n === undefined || n <= p.series.events.length) return null;
  return (
    <p>
      <a href={href(`/series/${p.series.slug}`)}>{p.t('home.allEvents', { n })}</a>
    </p>
  );
}

/** Every published event, newest first, a page at a time. */
export function EventsPage(p: Base & { events: EventRow[]; pager?: PageInfo }) {
  const { t } = p;
  return (
    <Layout lang={p.lang} t={t} title={pagedTitle(t('list.events'), p.pager, t)} crumbs={[{ href: '/', label: t('nav.home') }]}>
      <h1>{t('list.events')}</h1>
      {p.events.length ? <EventList lang={p.lang} t={t} events={p.events} /> : <p>{t('list.empty')}</p>}
      <Pager info={p.pager} t={t} />
    </Layout>
  );
}

/** A series' title in the reader's language where an editor gave one, else the original (issue 13). */
export function seriesTitle(s: SeriesRow, lang: string) {
  return pickField(s, 'title', s.title, lang) ?? { text: s.title, lang: s.lang, translated: false };
}

export function SeriesPage(p: Base & { series: SeriesRow; events: EventRow[]; pager?: PageInfo }) {
  const { t } = p;
  const title = seriesTitle(p.series, p.lang);
  const description = pickField(p.series, 'description', p.series.description, p.lang);
  return (
    <Layout lang={p.lang} t={t} title={pagedTitle(title.text, p.pager, t)} description={description?.text} crumbs={[{ href: '/', label: t('nav.home') }]}>
      <h1 {...textAttrs(title, p.lang)}>{title.text}</h1>
      {description ? <p {...textAttrs(description, p.lang)}>{description.text}</p> : null}
      <h2>{t('series.events')}</h2>
      {p.events.length ? <EventList lang={p.lang} t={t} events={p.events} /> : <p>{t('series.none')}</p>}
      <Pager info={p.pager} t={t} />
      {p.events.length ? (
        <p>
          <a href={href(`/series/${p.series.slug}/representation`)}>{t('rep.link')}</a>
        </p>
      ) : null}
    </Layout>
  );
}

export function PersonPage(p: Base & { person: PersonRow; appearances: AppearanceInContext[]; pager?: PageInfo; identity?: PersonIdentityView }) {
  const { t, person } = p;
  // The page exists only for someone in a published event, and so does their calendar.
  const calendar = href(`/people/${person.slug}/calendar.ics`);
  return (
    <Layout
      lang={p.lang}
      t={t}
      title={pagedTitle(person.name, p.pager, t)}
      crumbs={[{ href: '/', label: t('nav.home') }, { href: '/people', label: t('nav.people') }]}
      head={<link rel="alternate" type="text/calendar" href={calendar} title={t('person.calendar')} />}
    >
      <h1>
        <bdi>{person.name}</bdi>
        {person.honorific ? (
          <span class="aff">
            , <bdi>{person.honorific}</bdi>
          </span>
        ) : null}
      </h1>
      {p.identity ? <PersonIdentity identity={p.identity} t={t} /> : null}
      <h2>{t('person.appearances')}</h2>
      {p.appearances.length ? <AppearanceList items={p.appearances} lang={p.lang} t={t} showPerson={false} /> : <p>{t('person.none')}</p>}
      <Pager info={p.pager} t={t} />
      <p class="downloads">
        <a href={calendar} type="text/calendar">
          {t('person.calendar')}
        </a>
      </p>
    </Layout>
  );
}

export function OrganizationPage(p: Base & { organization: OrganizationRow; appearances: AppearanceInContext[]; convenes?: SeriesRow[]; pager?: PageInfo }) {
  const { t, organization: o } = p;
  const country = o.country_code ? countryName(o.country_code, p.lang) : undefined;
  return (
    <Layout lang={p.lang} t={t} title={pagedTitle(country ? `${isolate(o.name)} (${country})` : o.name, p.pager, t)} crumbs={[{ href: '/', label: t('nav.home') }, { href: '/organizations', label: t('nav.organizations') }]}>
      <h1>{o.name}</h1>
      <dl class="meta">
        <dt>{t('org.kind')}</dt>
        <dd>{t(`org.kind.${o.kind}` as MessageKey)}</dd>
        {o.country_code && country ? (
          <>
            <dt>{t('org.country')}</dt>
            <dd>
              <a href={href(`/countries/${o.country_code.toLowerCase()}`)}>{country}</a>
            </dd>
          </>
        ) : null}
      </dl>
      {p.convenes?.length ? (
        <>
          <h2>{t('org.convenes')}</h2>
          <ul class="list">
            {p.convenes.map((s) => {
              const title = seriesTitle(s, p.lang);
              return (
                <li>
                  <a href={href(`/series/${s.slug}`)} {...textAttrs(title, p.lang)}>
                    {title.text}
                  </a>
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
      <h2>{t('person.appearances')}</h2>
      {p.appearances.length ? <AppearanceList items={p.appearances} lang={p.lang} t={t} showPerson={true} /> : <p>{t('person.none')}</p>}
      <Pager info={p.pager} t={t} />
    </Layout>
  );
}

export function CountryPage(p: Base & { code: string; name: string; appearances: AppearanceInContext[]; pager?: PageInfo }) {
  const { t } = p;
  return (
    <Layout lang={p.lang} t={t} title={pagedTitle(p.name, p.pager, t)} crumbs={[{ href: '/', label: t('nav.home') }, { href: '/countries', label: t('nav.countries') }]}>
      <h1>{p.name}</h1>
      <h2>{t('country.speakers', { country: p.name })}</h2>
      {p.appearances.length ? <AppearanceList items={p.appearances} lang={p.lang} t={t} showPerson={true} /> : <p>{t('person.none')}</p>}
      <Pager info={p.pager} t={t} />
    </Layout>
  );
}

export function IndexPage(p: Base & { title: string; items: Array<{ href: string; label: string; count: number; note?: string; lang?: string }>; pager?: PageInfo; counts?: 'appearances' | 'events' }) {
  const { t } = p;
  const count = (n: number) =>
    p.counts === 'events' ? t('list.eventCount', { n }) : t('list.count', { n });
  return (
    <Layout lang={p.lang} t={t} title={pagedTitle(p.title, p.pager, t)} crumbs={[{ href: '/', label: t('nav.home') }]}>
      <h1>{p.title}</h1>
      {p.items.length ? (
        <ul class="list">
          {p.items.map((i) => (
            <li>
              <bdi>
                <a href={href(i.href)} {...(i.lang ? textAttrs({ lang: i.lang }, p.lang) : {})}>
                  {i.label}
                </a>
              </bdi>
              <span class="aff">
                {i.note ? ` — ${i.note}` : ''} ({count(i.count)})
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('list.empty')}</p>
      )}
      <Pager info={p.pager} t={t} />
    </Layout>
  );
}

export function ErrorPage(p: Base & { status: 400 | 404 | 500 }) {
  const { t } = p;
  // 400: the only bad request a public page refuses is its ?page= number (web/paging.ts).
  const title = p.status === 404 ? t('error.notFound.title') : p.status === 400 ? t('error.page.title') : t('error.server.title');
  return (
    <Layout lang={p.lang} t={t} title={title} noindex={true}>
      <h1>{title}</h1>
      <p>{p.status === 404 ? t('error.notFound.body') : p.status === 400 ? t('error.page.body') : t('error.server.body')}</p>
      <p>
        <a href={href('/')}>{t('error.back')}</a>
      </p>
    </Layout>
  );
}
