/** @jsxImportSource hono/jsx */
// What releases changed, as sentences: the public changelog, its Atom feed, the API's text and
// the workspace's "unpublished changes" all say it the same way.
import { type InterfaceLanguage, intlLocale } from '../../interface-languages.ts';
import type { Release, ReleaseChange, SessionRef, SlotRef } from '../../operations/releases.ts';
import type { EventRow, SeriesRow } from '../../storage/database.ts';
import type { Translate } from '../i18n/t.ts';
import { dateAndTime, listOf, longDate } from './format.ts';
import { Layout } from './layout.tsx';
import { href } from './render-context.ts';
import { pickField } from '../../domain/translations.ts';

function slot(s: SlotRef, lang: InterfaceLanguage): string {
  const date = s.date ? longDate(s.date, lang) : '';
  const time = s.start ? (s.end ? `${s.start}–${s.end}` : s.start) : '';
  return dateAndTime(date, time, lang);
}

const EVENT_FIELD_KEYS: Record<string, string> = {
  slug: 'changes.field.slug', title: 'changes.field.title', lang: 'changes.field.lang', start_date: 'changes.field.dates', end_date: 'changes.field.dates',
  venue: 'changes.field.venue', address: 'changes.field.venue', city: 'changes.field.venue', country_code: 'changes.field.venue',
  time_zone: 'changes.field.timeZone', overview: 'changes.field.overview', themes: 'changes.field.themes', contact_email: 'changes.field.contact',
};

/** One change as a sentence in the reader's language. */
export function changeText(c: ReleaseChange, t: Translate, lang: InterfaceLanguage): string {
  const name = (s: SessionRef) => s.displayTitle;
  const role = (r: 'moderator' | 'speaker') => t(`changes.role.${r}`);
  const owner = (x: { person: string | null; session: SessionRef | null }) =>
    x.person && x.session ? t('changes.owner', { person: x.person, session: name(x.session) }) : t('changes.ownerEvent');
  switch (c.type) {
    case 'event-changed':
      return t('changes.eventChanged', { fields: listOf([...new Set(c.fields.map((f) => t((EVENT_FIELD_KEYS[f] ?? 'changes.field.other') as Parameters<Translate>[0])))], lang) });
    case 'session-added':
      return t('changes.sessionAdded', { session: name(c.session), when: slot(c.session, lang) });
    case 'session-removed':
      return t('changes.sessionRemoved', { session: name(c.session), when: slot(c.session, lang) });
    case 'session-moved':
      return t('changes.sessionMoved', { session: name(c.session), from: slot(c.from, lang), to: slot(c.session, lang) });
    case 'session-retitled':
      return t('changes.sessionRetitled', { from: c.from, to: name(c.session) });
    case 'person-added':
      return t('changes.personAdded', { person: c.person, role: role(c.role), session: name(c.session) });
    case 'person-removed':
      return t('changes.personRemoved', { person: c.person, role: role(c.role), session: name(c.session) });
    case 'person-replaced':
      return t('changes.personReplaced', { person: c.person, from: c.from, role: role(c.role), session: name(c.session) });
    case 'affiliation-changed':
      return t('changes.affiliationChanged', { person: c.person, session: name(c.session), from: c.from || '—', to: c.to || '—' });
    case 'material-added':
      return t('changes.materialAdded', { label: c.label, lang: c.lang, owner: owner(c) });
    case 'material-replaced':
      return t('changes.materialReplaced', { label: c.label, lang: c.lang, owner: owner(c) });
    case 'material-removed':
      return t('changes.materialRemoved', { label: c.label, lang: c.lang, owner: owner(c) });
    case 'translations-changed':
      return t('changes.translations', { label: c.label, languages: listOf(c.languages.map((l) => new Intl.DisplayNames([lang], { type: 'language' }).of(l) ?? l), lang) });
    case 'other-changes':
      return t('changes.other');
  }
}

/** A release's changes as sentences; the first release says so. */
export function releaseLines(r: Pick<Release, 'changes'>, t: Translate, lang: InterfaceLanguage): string[] {
  if (!r.changes) return [t('changes.first')];
  return r.changes.items.map((c) => changeText(c, t, lang));
}

export function releaseHeading(r: Pick<Release, 'number' | 'createdAt'>, t: Translate, lang: InterfaceLanguage): string {
  const at = new Date(r.createdAt);
  const when = new Intl.DateTimeFormat(intlLocale(lang), { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC', timeZoneName: 'short' }).format(at);
  return t('changes.release', { n: r.number, when });
}

export function ChangesPage(p: { lang: InterfaceLanguage; t: Translate; event: EventRow; series: SeriesRow; releases: Release[] }) {
  const { t, lang } = p;
  const eventUrl = `/events/${p.event.slug}`;
  // The series' and event's titles in the reader's language where an editor gave them (issue 13).
  const seriesTitle = pickField(p.series, 'title', p.series.title, lang) ?? { text: p.series.title, lang: p.series.lang };
  const eventTitle = pickField(p.event, 'title', p.event.title, lang) ?? { text: p.event.title, lang: p.event.lang };
  return (
    <Layout
      lang={lang}
      t={t}
      title={t('changes.title', { event: eventTitle.text })}
      crumbs={[{ href: '/', label: t('nav.home') }, { href: `/series/${p.series.slug}`, label: seriesTitle.text, lang: seriesTitle.lang }, { href: eventUrl, label: eventTitle.text, lang: eventTitle.lang }]}
      head={<link rel="alternate" type="application/atom+xml" href={href(`${eventUrl}/changes.atom`)} title={t('changes.feed')} />}
    >
      <h1>{t('changes.title', { event: eventTitle.text })}</h1>
      <p>
        {t('changes.intro')} <a href={href(`${eventUrl}/changes.atom`)}>{t('changes.feed')}</a>
      </p>
      {p.releases.map((r) => (
        <section id={`release-${r.number}`} aria-labelledby={`release-${r.number}-h`}>
          <h2 id={`release-${r.number}-h`}>
            <time datetime={r.createdAt}>{releaseHeading(r, t, lang)}</time>
          </h2>
          {r.note ? <p class="note"><bdi>{r.note}</bdi></p> : null}
          <ul>
            {releaseLines(r, t, lang).map((line) => (
              <li><bdi>{line}</bdi></li>
            ))}
          </ul>
        </section>
      ))}
    </Layout>
  );
}
