/** @jsxImportSource hono/jsx */
// The form that chooses the reader's own time zone for an event's programme (web/viewer-zone.ts):
// a GET form, so it works without JavaScript; /time-zone.js preselects the browser's zone.
import type { InterfaceLanguage } from '../../domain/language.ts';
import type { EventRow, SeriesRow } from '../../storage/database.ts';
import type { Translate } from '../i18n/t.ts';
import { zonesByRegion } from '../viewer-zone.ts';
import { zoneName } from './format.ts';
import type { MessageKey } from '../i18n/messages.ts';
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
      <p>{t('zone.intro', { event: eventTitle.text, zone: zoneName(event.time_zone, p.lang, event.start_date) })}</p>
      <form method="get" action={href(`/events/${event.slug}`)}>
        <p>
          <label for="tz">{t('zone.label')}</label>{' '}
          <select id="tz" name="tz" data-viewer-zone="">
            <option value="">{t('zone.none')}</option>
            {zoneOptions(p.lang, p.t).map((g) => (
              <optgroup label={g.label}>
                {g.zones.map((z) => (
                  <option value={z.zone}>{z.label}</option>
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

/**
 * The select's groups and options in the reader's language: each region by the catalogue's word (`zone.region.*`), each
 * zone by its place in the tz database (the part after the region, as the tz database spells it: the identifier readers
 * know their zone by) and its name in the reader's language (`zoneName`, Intl): "New York — heure de l’Est
 * nord-américain"; UTC by its name alone. Made once per language (400-odd names cost a fifth of a second).
 */
function zoneOptions(lang: InterfaceLanguage, t: Translate): Array<{ label: string; zones: Array<{ zone: string; label: string }> }> {
  let out = optionsByLanguage.get(lang);
  if (!out) {
    out = zonesByRegion().map((g) => ({
      label: t(`zone.region.${g.region}` as MessageKey),
      zones: g.zones.map((z) => ({ zone: z, label: z.includes('/') ? t('zone.option', { place: z.slice(z.indexOf('/') + 1).replace(/_/g, ' '), name: zoneName(z, lang) }) : zoneName(z, lang) })),
    }));
    optionsByLanguage.set(lang, out);
  }
  return out;
}
const optionsByLanguage = new Map<string, ReturnType<typeof zoneOptions>>();
