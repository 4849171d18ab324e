/** @jsxImportSource hono/jsx */
// The form that chooses the reader's own time zone for an event's programme (web/viewer-zone.ts):
// a GET form, so it works without JavaScript; /time-zone.js preselects the browser's zone.
import type { InterfaceLanguage } from '../../domain/language.ts';
import type { EventRow, SeriesRow } from '../../storage/database.ts';
import type { Translate } from '../i18n/t.ts';
import { zonesByRegion } from '../viewer-zone.ts';
import { Layout } from './layout.tsx';
import { href } from './render-context.ts';
import { pickField } from '../../domain/translations.ts';

export function TimeZonePage(p: { lang: InterfaceLanguage; t: Translate; event: EventRow; series: SeriesRow }) {
  const { t, event } = p;
  // The series' and event's titles in the reader's language where an editor gave them (issue 13).
  const seriesTitle = pickField(p.series, 'title', p.series.title, p.lang) ?? { text: p.series.title, lang: p.series.lang };
  const eventTitle = pickField(event, 'title', event.title, p.lang) ?? { text: event.title, lang: event.lang };
  return (
    <Layout
      lang={p.lang}
      t={t}
      title={`${t('zone.title')} · ${eventTitle.text}`}
      noindex
      crumbs={[
        { href: '/', label: t('nav.home') },
        { href: `/series/${p.series.slug}`, label: seriesTitle.text, lang: seriesTitle.lang },
        { href: `/events/${event.slug}`, label: eventTitle.text, lang: eventTitle.lang },
      ]}
      head={<script src="/time-zone.js" defer></script>}
    >
      <h1>{t('zone.title')}</h1>
      <p>{t('zone.intro', { event: eventTitle.text, zone: event.time_zone })}</p>
      <form method="get" action={href(`/events/${event.slug}`)}>
        <p>
          <label for="tz">{t('zone.label')}</label>{' '}
          <select id="tz" name="tz" data-viewer-zone="">
            <option value="">{t('zone.none')}</option>
            {zonesByRegion().map((g) => (
              <optgroup label={g.region}>
                {g.zones.map((z) => (
                  <option value={z}>{z.replace(/_/g, ' ')}</option>
                ))}
              </optgroup>
            ))}
          </select>{' '}
          <button type="submit">{t('zone.submit')}</button>
        </p>
      </form>
    </Layout>
  );
}
