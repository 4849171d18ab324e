/** @jsxImportSource hono/jsx */
// The form that chooses the reader's own time zone for an event's programme (web/viewer-zone.ts):
// a GET form, so it works without JavaScript; /time-zone.js preselects the browser's zone.
import type { InterfaceLanguage } from '../../domain/language.ts';
import type { EventRow, SeriesRow } from '../../storage/database.ts';
import type { Translate } from '../i18n/t.ts';
import { zonesByRegion } from '../viewer-zone.ts';
import { Layout } from './layout.tsx';
import { href } from './render-context.ts';

export function TimeZonePage(p: { lang: InterfaceLanguage; t: Translate; event: EventRow; series: SeriesRow }) {
  const { t, event } = p;
  return (
    <Layout
      lang={p.lang}
      t={t}
      title={`${t('zone.title')} · ${event.title}`}
      noindex
      crumbs={[
        { href: '/', label: t('nav.home') },
        { href: `/series/${p.series.slug}`, label: p.series.title },
        { href: `/events/${event.slug}`, label: event.title },
      ]}
      head={<script src="/time-zone.js" defer></script>}
    >
      <h1>{t('zone.title')}</h1>
      <p>{t('zone.intro', { event: event.title, zone: event.time_zone })}</p>
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
