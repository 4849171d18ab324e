/** @jsxImportSource hono/jsx */
// How a person is shown wherever they appear: name, then the affiliation as printed for that occasion.
// Text from the database that shares a line with other text sits in <bdi>, so that a name in a
// right-to-left script, or one holding a direction override (U+202E), cannot reorder its neighbours.
import { countryLabel } from '../../domain/country.ts';
import type { InterfaceLanguage } from '../../domain/language.ts';
import type { MaterialView } from '../../storage/queries.ts';
import type { Translate } from '../i18n/t.ts';
import { href } from './render-context.ts';

export function Materials(p: { materials: MaterialView[]; t: Translate }) {
  if (!p.materials.length) return null;
  return (
    <>
      {p.materials.map((m) => {
        const href = m.fileId ? `/files/${m.fileId}` : m.url;
        return href ? (
          <bdi>
            <a class="mat" href={href} hreflang={m.lang}>
              {m.label}
            </a>
          </bdi>
        ) : (
          <bdi>
            <span class="mat">{m.label}</span>
          </bdi>
        );
      })}
    </>
  );
}

export function Affiliation(p: {
  position: string | null;
  organization: { slug: string; name: string } | null;
  country: string | null;
  countryCode: string | null;
  lang: InterfaceLanguage;
}) {
  const parts: unknown[] = [];
  if (p.position) parts.push(p.position);
  if (p.organization) parts.push(<a href={href(`/organizations/${p.organization.slug}`)}>{p.organization.name}</a>);
  const country = countryLabel(p.countryCode, p.country, p.lang);
  if (p.countryCode) parts.push(<a href={href(`/countries/${p.countryCode.toLowerCase()}`)}>{country}</a>);
  else if (country) parts.push(country);
  if (!parts.length) return null;
  return (
    <span class="aff">
      {parts.map((x, i) => (
        <>
          {i ? ', ' : ''}
          <bdi>{x}</bdi>
        </>
      ))}
    </span>
  );
}

export function roleName(role: string, roleLabel: string | null, t: Translate): string {
  return roleLabel ?? (role === 'moderator' ? t('role.moderator') : t('role.speaker'));
}
