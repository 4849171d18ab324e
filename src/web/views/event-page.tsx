/** @jsxImportSource hono/jsx */
import { type InterfaceLanguage, intlLocale } from '../../interface-languages.ts';
import { jsonLdScriptText } from '../../exports/jsonld.ts';
import type { EventExport } from '../../exports/model.ts';
import { paragraphs } from '../../domain/text.ts';
import { isoWithOffset, offsetLabel } from '../../domain/time.ts';
import type { EventRow, SeriesRow } from '../../storage/database.ts';
import type { AgendaAppearance, AgendaSessionView, EventAgenda, MaterialView } from '../../storage/queries.ts';
import type { MessageKey } from '../i18n/messages.ts';
import type { Translate } from '../i18n/t.ts';
import { dateRange, listOf, longDate, sessionHeading, zoneName } from './format.ts';
import { Layout } from './layout.tsx';
import { Affiliation, Materials } from './people.tsx';
import { parseTranslations, pickField, pickText, themeField } from '../../domain/translations.ts';
import { textAttrs } from './content-text.tsx';
import { inZone } from '../viewer-zone.ts';
import { href, hrefIn } from './render-context.ts';

/**
 * `data` is the same event as every export sees it: the page embeds it as JSON-LD. `printCss` is
 * the page's own style (the running title of the printed programme), allowed by its hash.
 */
type Props = {
  lang: InterfaceLanguage;
  t: Translate;
  event: EventRow;
  series: SeriesRow;
  agenda: EventAgenda;
  data: EventExport;
  printCss?: string;
  /** the workspace's preview: says what it is, kept out of search engines */
  banner?: string;
  noindex?: boolean;
  /** the reader's own zone (web/viewer-zone.ts): each time is shown in it too, labelled, beside the venue's */
  viewerZone?: string | null;
};

/** Every export of an event, linked from the head (rel=alternate) and listed on the page. */
export function eventDownloads(slug: string): Array<{ href: string; type: string; label: MessageKey }> {
  return [
    { href: `/events/${slug}/calendar.ics`, type: 'text/calendar', label: 'downloads.calendar' },
    { href: `/events/${slug}/schedule.xml`, type: 'application/xml', label: 'downloads.scheduleXml' },
    { href: `/events/${slug}/schedule.json`, type: 'application/json', label: 'downloads.scheduleJson' },
    { href: `/api/events/${slug}`, type: 'application/json', label: 'downloads.api' },
    { href: `/events/${slug}/participants.csv`, type: 'text/csv', label: 'downloads.participantsCsv' },
    { href: `/events/${slug}/participants.xlsx`, type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', label: 'downloads.participantsXlsx' },
  ];
}

function Person(p: { a: AgendaAppearance; lang: InterfaceLanguage; t: Translate }) {
  const { a } = p;
  return (
    <li>
      {a.roleLabel ? (
        <>
          <bdi>{a.roleLabel}</bdi>:{' '}
        </>
      ) : null}
      <bdi>
        <a href={href(`/people/${a.person.slug}`)}>{a.person.name}</a>
      </bdi>
      {a.honorific ? (
        <>
          , <bdi>{a.honorific}</bdi>
        </>
      ) : null}
      {a.affiliationPosition || a.organization || a.country ? ', ' : null}
      <Affiliation position={a.affiliationPosition} organization={a.organization} country={a.country} countryCode={a.countryCode} lang={p.lang} />
      {a.talkTitle ? (
        <>
          {' — '}
          <bdi>
            <cite>{a.talkTitle}</cite>
          </bdi>
        </>
      ) : null}
      <Materials materials={a.materials} t={p.t} lang={p.lang} />
    </li>
  );
}

/** "14:00", or "14:00 (March 21)" when the reader's date is not the one before it (the venue's, for a start). */
function ViewerTime(p: { at: ReturnType<typeof inZone>; date: string; lang: InterfaceLanguage }) {
  const day = p.at.toPlainDate();
  const hhmm = p.at.toPlainTime().toString({ smallestUnit: 'minute' });
  return (
    <time datetime={p.at.toString({ timeZoneName: 'never', smallestUnit: 'second' })}>
      {day.toString() === p.date ? hhmm : `${hhmm} (${day.toLocaleString(intlLocale(p.lang), { day: 'numeric', month: 'long' })})`}
    </time>
  );
}

function Session(p: { s: AgendaSessionView; date: string; tz: string; lang: InterfaceLanguage; t: Translate; slug: string; viewerZone?: string | null | undefined }) {
  const { s, t } = p;
  const moderators = s.appearances.filter((a) => a.role === 'moderator');
  const speakers = s.appearances.filter((a) => a.role === 'speaker');
  const viewer = p.viewerZone && p.viewerZone !== p.tz ? p.viewerZone : null;
  // The title in the reader's language where an editor gave one, else the original (issue 13).
  const title = pickField(s, 'title', s.title, p.lang);
  return (
    <li id={`session-${s.id}`} class={s.kind === 'break' ? 'break' : undefined}>
      <p class="slot">
        {s.start ? <time datetime={isoWithOffset(p.date, s.start, p.tz)}>{s.start}</time> : null}
        {s.end ? (
          <>
            {'–'}
            <time datetime={isoWithOffset(p.date, s.end, p.tz)}>{s.end}</time>
          </>
        ) : null}
        {viewer && s.start ? (
          <>
            {' '}
            <span class="zl">{zoneName(p.tz, p.lang, p.date)}</span>
            <br />
            <span class="viewer">
              <ViewerTime at={inZone(p.date, s.start, p.tz, viewer)} date={p.date} lang={p.lang} />
              {s.end ? (
                <>
                  {'–'}
                  <ViewerTime at={inZone(p.date, s.end, p.tz, viewer)} date={inZone(p.date, s.start, p.tz, viewer).toPlainDate().toString()} lang={p.lang} />
                </>
              ) : null}{' '}
              <span class="zl">{zoneName(viewer, p.lang, p.date)}</span>
            </span>
          </>
        ) : null}
      </p>
      <article class="session" aria-label={sessionHeading({ ...s, title: title?.text ?? null }, t)}>
        <h4>
          {title ? (
            <>
              {s.number !== null ? `${t('session.panel', { n: s.number })}${t('punct.colon')}` : null}
              <span {...textAttrs(title, p.lang)}>{title.text}</span>
            </>
          ) : (
            sessionHeading(s, t)
          )}
        </h4>
        {moderators.length ? (
          <>
            <h5>{moderators.length > 1 ? t('role.moderators') : t('role.moderator')}</h5>
            <ul class="people">
              {moderators.map((a) => (
                <Person a={a} lang={p.lang} t={t} />
              ))}
            </ul>
          </>
        ) : null}
        {speakers.length ? (
          <>
            {moderators.length || s.kind === 'panel' ? <h5>{t('role.speakers')}</h5> : null}
            <ol class="people">
              {speakers.map((a) => (
                <Person a={a} lang={p.lang} t={t} />
              ))}
            </ol>
          </>
        ) : null}
        {/* A session without a start cannot be placed in a calendar (its feed is 404). */}
        {s.start ? (
          <p class="downloads">
            <a href={href(`/events/${p.slug}/sessions/${s.id}/calendar.ics`)} type="text/calendar">
              {t('session.calendar')}
            </a>
          </p>
        ) : null}
      </article>
    </li>
  );
}

export function EventPage(p: Props) {
  const { t, event, series, agenda, lang } = p;
  // Texts in the reader's language where an editor gave them, else the original, each marked with its language (issue 13).
  const tr = parseTranslations(event.translations);
  const original = (text: string | null) => ({ text, lang: event.lang });
  const title = pickText(original(event.title), tr, 'title', lang) ?? { text: event.title, lang: event.lang, translated: false };
  const overview = pickText(original(event.overview), tr, 'overview', lang);
  const themes = (JSON.parse(event.themes) as string[]).map((x) => pickText(original(x), tr, themeField(x), lang) ?? { text: x, lang: event.lang, translated: false });
  const place = [event.venue, event.address, event.city].filter(Boolean).join(t('punct.comma'));
  const convener = p.data.series.convener;
  const downloads = eventDownloads(event.slug);
  const seriesTitle = pickField(series, 'title', series.title, lang) ?? { text: series.title, lang: series.lang };
  const words = { moderator: t('role.moderator'), moderators: t('role.moderators'), speakers: t('role.speakers'), colon: t('punct.colon'), list: (xs: readonly string[]) => listOf(xs, lang, 'unit') };
  const viewer = p.viewerZone && p.viewerZone !== event.time_zone ? p.viewerZone : null;
  const zonePage = href(`/events/${event.slug}/time-zone`);
  return (
    <Layout
      lang={lang}
      t={t}
      title={title.text}
      description={`${dateRange(event.start_date, event.end_date, lang)}${place ? `, ${place}` : ''}`}
      // A page for one reader's zone is the shared page's copy: search engines keep the shared one.
      noindex={p.noindex ?? viewer !== null}
      crumbs={[
        { href: '/', label: t('nav.home') },
        { href: `/series/${series.slug}`, label: seriesTitle.text, lang: seriesTitle.lang },
      ]}
      head={
        <>
          {downloads.map((d) => (
            <link rel="alternate" type={d.type} href={href(d.href)} title={t(d.label)} />
          ))}
          {/* A data block, not a script: CSP does not apply to it and nothing runs. */}
          <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonLdScriptText(p.data, words, { url: `${p.data.baseUrl}${hrefIn(lang, `/events/${event.slug}`)}`, lang }) }} />
          {p.printCss ? <style dangerouslySetInnerHTML={{ __html: p.printCss }} /> : null}
          {p.data.release ? <link rel="alternate" type="application/atom+xml" href={href(`/events/${event.slug}/changes.atom`)} title={t('changes.feed')} /> : null}
          <script src="/time-zone.js" defer></script>
        </>
      }
    >
      {p.banner ? (
        <p role="status" class="banner">
          {p.banner}
        </p>
      ) : null}
      <h1 {...textAttrs(title, lang)}>{title.text}</h1>
      <dl class="meta">
        <dt>{t('event.dates')}</dt>
        <dd>
          <time datetime={event.start_date}>{dateRange(event.start_date, event.end_date, lang)}</time>
        </dd>
        {place ? (
          <>
            <dt>{t('event.venue')}</dt>
            <dd>{place}</dd>
          </>
        ) : null}
        {convener ? (
          <>
            <dt>{t('event.convener')}</dt>
            <dd>
              <a href={href(`/organizations/${convener.slug}`)}>{convener.name}</a>
            </dd>
          </>
        ) : null}
        {event.contact_email ? (
          <>
            <dt>{t('event.contact')}</dt>
            <dd>
              <a href={`mailto:${event.contact_email}`}>{event.contact_email}</a>
            </dd>
          </>
        ) : null}
      </dl>
      {overview ? (
        <section aria-labelledby="overview">
          <h2 id="overview">{t('event.overview')}</h2>
          <div {...textAttrs(overview, lang)}>
            {paragraphs(overview.text).map((para) => (
              <p>{para}</p>
            ))}
          </div>
        </section>
      ) : null}
      {themes.length ? (
        <section aria-labelledby="themes">
          <h2 id="themes">{t('event.themes')}</h2>
          <ul class="list">
            {themes.map((x) => (
              <li {...textAttrs(x, lang)}>{x.text}</li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="agenda">
        <h2 id="agenda">{t('event.agenda')}</h2>
        {/* Not in the workspace's preview: the form is the published event's. */}
        {p.banner ? null : (
          <p class="tz-choice">
            {viewer ? <>{t('zone.shown', { zone: zoneName(viewer, lang, event.start_date) })} </> : null}
            <a href={zonePage} data-event-path={href(`/events/${event.slug}`)} data-venue-zone={event.time_zone} data-shown-zone={viewer ?? undefined} data-detected-label={t('zone.detected')} data-locale={intlLocale(lang)}>
              {viewer ? t('zone.change') : t('zone.link')}
            </a>
          </p>
        )}
        {agenda.days.map((d, i) => {
          const firstStart = d.sessions.find((s) => s.start)?.start ?? '12:00';
          return (
            <section aria-labelledby={`day-${i + 1}`}>
              <h3 id={`day-${i + 1}`}>
                <time datetime={d.date}>{longDate(d.date, lang)}</time>
              </h3>
              <p class="tz">
                {t('event.timesIn', { zone: zoneName(event.time_zone, lang, d.date), offset: offsetLabel(d.date, firstStart, event.time_zone) })}
                {viewer ? <> {t('zone.alsoIn', { zone: zoneName(viewer, lang, d.date), offset: viewerOffset(d.date, firstStart, event.time_zone, viewer) })}</> : null}
              </p>
              <ol class="agenda">
                {d.sessions.map((s) => (
                  <Session s={s} date={d.date} tz={event.time_zone} lang={lang} t={t} slug={event.slug} viewerZone={viewer} />
                ))}
              </ol>
            </section>
          );
        })}
      </section>
      {agenda.documents.length ? (
        <section aria-labelledby="documents">
          <h2 id="documents">{t('event.documents')}</h2>
          {agenda.documents.some((m) => !m.photo) ? (
            <ul class="list">
              {agenda.documents
                .filter((m) => !m.photo)
                .map((m) => (
                  <li>
                    <Materials materials={[m]} t={t} lang={lang} />
                  </li>
                ))}
            </ul>
          ) : null}
          {agenda.documents.some((m) => m.photo) ? (
            <ul class="photos">
              {agenda.documents
                .filter((m) => m.photo)
                .map((m) => (
                  <li>
                    <Photo m={m} />
                  </li>
                ))}
            </ul>
          ) : null}
        </section>
      ) : null}
      <section class="downloads" aria-labelledby="downloads">
        <h2 id="downloads">{t('downloads.heading')}</h2>
        <ul class="list">
          {downloads.map((d) => (
            <li>
              <a href={href(d.href)} type={d.type}>
                {t(d.label)}
              </a>
            </li>
          ))}
        </ul>
        {p.data.release ? (
          <p>
            <a href={href(`/events/${event.slug}/changes`)}>{t('changes.link')}</a>
          </p>
        ) : null}
        {p.banner ? null : (
          <p>
            <a href={href(`/events/${event.slug}/representation`)}>{t('rep.link')}</a>
          </p>
        )}
      </section>
    </Layout>
  );
}

/** The reader's zone's offset at a venue's local time, as offsetLabel writes it: "UTC+01:00". */
function viewerOffset(date: string, time: string, venue: string, viewer: string): string {
  return `UTC${inZone(date, time, venue, viewer).offset.replace('-', '\u2212')}`;
}

/** An event's photo: the narrowest variant at least 320 px wide, the others for wider screens, linked to the original. */
function Photo(p: { m: MaterialView }) {
  const variants = p.m.photo?.variants ?? [];
  const src = `/files/${variants[0]?.fileId ?? p.m.fileId}`;
  const srcset = variants.map((v) => `/files/${v.fileId} ${v.width}w`).join(', ');
  return (
    <figure>
      <a href={`/files/${p.m.fileId}`} hreflang={p.m.lang}>
        <img src={src} {...(srcset ? { srcset, sizes: '(max-width: 40rem) 100vw, 20rem' } : {})} alt={p.m.label} loading="lazy" decoding="async" />
      </a>
      <figcaption>
        <bdi>{p.m.label}</bdi>
      </figcaption>
    </figure>
  );
}
