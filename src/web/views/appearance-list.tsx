/** @jsxImportSource hono/jsx */
// Appearances seen from a person, organization or country: grouped by event, newest first.
import type { InterfaceLanguage } from '../../domain/language.ts';
import type { AppearanceInContext } from '../../storage/queries.ts';
import type { Translate } from '../i18n/t.ts';
import { longDate, sessionHeading } from './format.ts';
import { Affiliation, Materials, roleName } from './people.tsx';
import { href } from './render-context.ts';

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
        return (
          <section aria-label={ev.title}>
            <h3>
              <a href={href(`/events/${ev.slug}`)}>{ev.title}</a>
            </h3>
            <ul class="list">
              {list.map((a) => (
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
                  {a.session.start ? `, ${a.session.start}` : ''}: <bdi>{sessionHeading(a.session, t)}</bdi> (<bdi>{roleName(a.role, a.roleLabel, t)}</bdi>)
                  {a.affiliationPosition || a.organization || a.country ? ' — ' : null}
                  <Affiliation position={a.affiliationPosition} organization={a.organization} country={a.country} countryCode={a.countryCode} lang={p.lang} />
                  <Materials materials={a.materials} t={t} />
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </>
  );
}
