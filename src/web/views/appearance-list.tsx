/** @jsxImportSource hono/jsx */
// Appearances seen from a person, organization or country: grouped by event, newest first.
import type { InterfaceLanguage } from '../../domain/language.ts';
import type { AppearanceInContext } from '../../storage/queries.ts';
import type { Translate } from '../i18n/t.ts';
import { longDate, sessionHeading } from './format.ts';
import { Affiliation, Materials, roleName } from './people.tsx';
import { href } from './render-context.ts';
import { pickField } from '../../domain/translations.ts';
import { textAttrs } from './content-text.tsx';

export function AppearanceList(p: { items: AppearanceInContext[]; lang: InterfaceLanguage; t: Translate; showPerson: boolean }) {
  const { t } = p;
  const byEvent = new Map<string, AppearanceInContext[]>();
  for (const a of p.items) {
    const list = byEvent.get(a.event.slug) ?? [];
    list.push(a);
    byEvent.set(a.event.slug, list);
  }
  return (
    <>
      {[...byEvent.values()].map((list) => {
        const ev = list[0]!.event;
        // Titles in the reader's language where an editor gave them, marked with their language (issue 13).
        const title = pickField({ lang: ev.lang ?? p.lang, translations: ev.translations ?? null }, 'title', ev.title, p.lang) ?? { text: ev.title, lang: ev.lang ?? p.lang };
        return (
          <section aria-label={title.text}>
            <h3>
              <a href={href(`/events/${ev.slug}`)} {...textAttrs(title, p.lang)}>
                {title.text}
              </a>
            </h3>
            <ul class="list">
              {list.map((a) => {
                // The session's title in the reader's language where an editor gave one (read once per appearance).
                const sessionTitle = a.session.title ? (pickField({ lang: a.session.lang ?? p.lang, translations: a.session.translations ?? null }, 'title', a.session.title, p.lang) ?? null) : null;
                return (
                  <li>
                    {p.showPerson ? (
                      <>
                        <bdi>
                          <a href={href(`/people/${a.person.slug}`)}>{a.person.name}</a>
                        </bdi>
                        ,{' '}
                      </>
                    ) : null}
                    <time datetime={a.date}>{longDate(a.date, p.lang)}</time>
                    {a.session.start ? `, ${a.session.start}` : ''}: <bdi {...textAttrs(sessionTitle, p.lang)}>
                      {sessionHeading({ ...a.session, title: a.session.title ? (sessionTitle?.text ?? a.session.title) : null }, t)}
                    </bdi> (<bdi>{roleName(a.role, a.roleLabel, t)}</bdi>)
                    {a.affiliationPosition || a.organization || a.country ? ' — ' : null}
                    <Affiliation position={a.affiliationPosition} organization={a.organization} country={a.country} countryCode={a.countryCode} lang={p.lang} />
                    <Materials materials={a.materials} t={t} lang={p.lang} />
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
    </>
  );
}
