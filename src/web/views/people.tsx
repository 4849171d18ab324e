/** @jsxImportSource hono/jsx */
// How a person is shown wherever they appear: name, then the affiliation as printed for that occasion.
// Text from the database that shares a line with other text sits in <bdi>, so that a name in a
// right-to-left script, or one holding a direction override (U+202E), cannot reorder its neighbours.
import { countryLabel } from '../../domain/country.ts';
import type { InterfaceLanguage } from '../../domain/language.ts';
import type { MaterialView } from '../../storage/queries.ts';
import type { Translate } from '../i18n/t.ts';
import { href } from './render-context.ts';
import { parseTranslations, pickText, versionOrder } from '../../domain/translations.ts';
import { languageName, textAttrs } from './content-text.tsx';

/**
 * Materials, one entry per document (issue 13): its label in the reader's language where an
 * editor translated it (marked with its language), linked to the version in the reader's
 * language if there is one, else the original; a document with language versions lists them
 * (the reader's first, then the original, then the others) and says which is the original.
 */
export function Materials(p: { materials: MaterialView[]; t: Translate; lang?: string }) {
  if (!p.materials.length) return null;
  const reader = p.lang ?? 'en';
  return (
    <>
      {p.materials.map((m) => {
        const label = pickText({ text: m.label, lang: m.lang }, parseTranslations(m.translations), 'label', reader) ?? { text: m.label, lang: m.lang, translated: false };
        const versions = versionOrder([{ ...m, original: true }, ...(m.versions ?? []).map((v) => ({ ...v, original: false }))], reader);
        const first = versions[0]!;
        const link = first.fileId ? `/files/${first.fileId}` : first.url;
        const main = link ? (
          <bdi>
            <a class="mat" href={link} hreflang={first.lang} {...textAttrs(label, reader)}>
              {label.text}
            </a>
          </bdi>
        ) : (
          <bdi>
            <span class="mat" {...textAttrs(label, reader)}>
              {label.text}
            </span>
          </bdi>
        );
        if (versions.length === 1) return main;
        return (
          <span class="doc">
            {main}{' '}
            <span class="versions">
              ({p.t('material.versions')}:{' '}
              {versions.map((v, i) => {
                const to = v.fileId ? `/files/${v.fileId}` : v.url;
                const name = languageName(v.lang, reader);
                return (
                  <>
                    {i > 0 ? ', ' : null}
                    {to ? (
                      <a href={to} hreflang={v.lang}>
                        {name}
                      </a>
                    ) : (
                      name
                    )}
                  </>
                );
              })}
              ; {p.t('material.original', { language: languageName(m.lang, reader) })})
            </span>
          </span>
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
