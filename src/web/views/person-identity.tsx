/** @jsxImportSource hono/jsx */
// A person's page, past their appearances (issue 12): their positions over time, read from their
// published appearances ("Director General, International Organization for Migration, 2008–2018"),
// and the other names they are known by. A component of its own, beside the paginated list.
import { positionsOverTime } from '../../domain/identity.ts';
import type { Translate } from '../i18n/t.ts';
import { href } from './render-context.ts';

export type PersonIdentityView = { rows: Array<{ position: string | null; organization: { slug: string; name: string } | null; date: string }>; aliases: string[] };

export function PersonIdentity(p: { identity: PersonIdentityView; t: Translate }) {
  const { t } = p;
  const spans = positionsOverTime(p.identity.rows);
  return (
    <>
      {spans.length ? (
        <section aria-labelledby="positions">
          <h2 id="positions">{t('person.positions')}</h2>
          <ul class="positions">
            {spans.map((s) => (
              <li>
                {s.position ? <bdi>{s.position}</bdi> : null}
                {s.position && s.organization ? ', ' : null}
                {s.organization ? (
                  <bdi>
                    <a href={href(`/organizations/${s.organization.slug}`)}>{s.organization.name}</a>
                  </bdi>
                ) : null}
                , <span class="years">{s.from === s.to ? s.from : `${s.from}–${s.to}`}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {p.identity.aliases.length ? (
        <p class="aliases">
          {t('person.aliases')}:{' '}
          {p.identity.aliases.map((a, i) => (
            <>
              {i ? ', ' : ''}
              <bdi>{a}</bdi>
            </>
          ))}
        </p>
      ) : null}
    </>
  );
}
