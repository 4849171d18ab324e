/** @jsxImportSource hono/jsx */
// The readable API page at /api: conventions, then every endpoint with a working example link.
// Examples use real slugs from the archive when there are any, so each link answers 200.
import type { InterfaceLanguage } from '../../domain/language.ts';
import type { MessageKey } from '../i18n/messages.ts';
import type { Translate } from '../i18n/t.ts';
import { Layout, renderDocument } from './layout.tsx';
import type { Place } from './render-context.ts';

export type ApiExamples = {
  series?: string | undefined;
  event?: string | undefined;
  session?: number | undefined;
  person?: string | undefined;
  organization?: string | undefined;
  country?: string | undefined;
};

type Endpoint = { path: string; about: MessageKey; example: string | undefined };

function endpoints(x: ApiExamples): Endpoint[] {
  const at = (prefix: string, v: string | number | undefined) => (v === undefined ? undefined : `${prefix}${v}`);
  return [
    { path: '/api/series', about: 'api.endpoint.series', example: '/api/series' },
    { path: '/api/series/{slug}', about: 'api.endpoint.seriesOne', example: at('/api/series/', x.series) },
    { path: '/api/events', about: 'api.endpoint.events', example: '/api/events?page=1&perPage=20' },
    { path: '/api/events/{slug}', about: 'api.endpoint.eventsOne', example: at('/api/events/', x.event) },
    { path: '/api/sessions/{id}', about: 'api.endpoint.session', example: at('/api/sessions/', x.session) },
    { path: '/api/people', about: 'api.endpoint.people', example: '/api/people' },
    { path: '/api/people/{slug}', about: 'api.endpoint.peopleOne', example: at('/api/people/', x.person) },
    { path: '/api/organizations', about: 'api.endpoint.organizations', example: '/api/organizations' },
    { path: '/api/organizations/{slug}', about: 'api.endpoint.organizationsOne', example: at('/api/organizations/', x.organization) },
    { path: '/api/countries', about: 'api.endpoint.countries', example: '/api/countries' },
    { path: '/api/countries/{code}', about: 'api.endpoint.countriesOne', example: at('/api/countries/', x.country) },
    { path: '/api/search', about: 'api.endpoint.search', example: '/api/search?q=migration' },
  ];
}

const ERROR_EXAMPLE = JSON.stringify({ error: { code: 'invalid_input', message: 'page must be a whole number from 1' } }, null, 2);

export type ApiPageProps = { lang: InterfaceLanguage; t: Translate; baseUrl: string; maxPerPage: number; defaultPerPage: number; examples: ApiExamples };

/** The complete document, so that routes/api.ts stays free of JSX. */
export function renderApiPage(p: ApiPageProps, place?: Place): Promise<string> {
  return renderDocument(<ApiPage {...p} />, place);
}

export function ApiPage(p: ApiPageProps) {
  const { t } = p;
  const firstExample = p.examples.event ? `/api/events/${p.examples.event}` : '/api/events';
  return (
    <Layout lang={p.lang} t={t} title={t('api.title')} description={t('api.description')} head={<link rel="alternate" type="application/vnd.oai.openapi+json" href="/api/openapi.json" />}>
      <h1>{t('api.title')}</h1>
      <p>{t('api.intro')}</p>
      <p>
        <a href="/api/openapi.json">{t('api.openapi')}</a> (<code>/api/openapi.json</code>) {t('api.openapi.note')}
      </p>
      <section aria-labelledby="conventions">
        <h2 id="conventions">{t('api.conventions')}</h2>
        <ul>
          <li>{t('api.conventions.published')}</li>
          <li>{t('api.conventions.paging', { max: p.maxPerPage, default: p.defaultPerPage })}</li>
          <li>{t('api.conventions.etag')}</li>
          <li>{t('api.conventions.errors')}</li>
        </ul>
        <h3 id="example-request">{t('api.example')}</h3>
        <pre>
          <code>{`curl -H 'Accept: application/json' ${p.baseUrl}${firstExample}`}</code>
        </pre>
        <h3 id="example-error">{t('api.errorExample')}</h3>
        <pre>
          <code>{ERROR_EXAMPLE}</code>
        </pre>
      </section>
      <section aria-labelledby="endpoints">
        <h2 id="endpoints">{t('api.endpoints')}</h2>
        {endpoints(p.examples).map((e) => (
          // Plain blocks, not eleven more landmarks: the h3 headings already structure the list.
          <div>
            <h3>
              <code>GET {e.path}</code>
            </h3>
            <p>{t(e.about)}</p>
            {e.example ? (
              <p>
                {t('api.example')}
                {t('punct.colon')}
                <a href={e.example}>
                  <code>{e.example}</code>
                </a>
              </p>
            ) : null}
          </div>
        ))}
      </section>
    </Layout>
  );
}
