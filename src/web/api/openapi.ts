// The OpenAPI 3.1 description of the API, served at /api/openapi.json. Schemas are JSON Schema
// 2020-12 and closed (every property required, no others), so test/api.test.ts, which checks
// real responses against them with Ajv, fails as soon as code and description drift apart.
import { MATERIAL_KINDS, SESSION_KINDS } from '../../domain/agenda.ts';
import { ORGANIZATION_KINDS } from '../../domain/organization.ts';
import { INTERFACE_LANGUAGES } from '../../interface-languages.ts';
import { API_ERROR_CODES } from './errors.ts';
import { DEFAULT_PER_PAGE, MAX_PER_PAGE } from './pagination.ts';

/**
 * Search's facets and kinds of result (operations/search.ts), named here so the document imports no
 * storage; the language of the text is `textLang` in the API (`lang` is the language read in).
 */
export const SEARCH_FACETS = ['kind', 'year', 'series', 'event', 'country', 'region', 'orgKind', 'role', 'materialKind', 'textLang'] as const;
export const SEARCH_KINDS = ['event', 'session', 'material', 'person', 'organization'] as const;

type Schema = Record<string, unknown>;
type Props = Record<string, Schema>;

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const str: Schema = { type: 'string' };
const int: Schema = { type: 'integer' };
const id: Schema = { type: 'integer', minimum: 1 };
const uri: Schema = { type: 'string', format: 'uri' };
const date: Schema = { type: 'string', format: 'date' };
const nullable = (s: Schema): Schema => ({ ...s, type: [s.type as string, 'null'] });
const nullStr = nullable(str);
const nullInt = nullable(int);
const arrayOf = (s: Schema): Schema => ({ type: 'array', items: s });
/** A closed object: all listed properties are present (null where allowed), no others. */
const object = (properties: Props, description?: string): Schema => ({
  type: 'object',
  ...(description ? { description } : {}),
  properties,
  required: Object.keys(properties),
  additionalProperties: false,
});

const links: Props = { url: { ...uri, description: 'the public web page, in the language asked for with lang (/fr/…)' }, apiUrl: { ...uri, description: 'this resource in the API' } };
/** The language a text is in (issue 13): the one asked for with ?lang= where an editor entered it, else the original's. */
const textLang = (what: string): Schema => ({ type: 'string', pattern: '^[a-z]{2,3}$', description: `the language ${what} is in: the one asked for with lang where an editor translated it, else the original's` });
const seriesRef: Props = { id, slug: str, title: str, titleLang: textLang('title'), ...links };
const seriesSummary: Props = { ...seriesRef, lang: { type: 'string', description: 'the language the series’ texts were written in (the original)' }, description: nullStr, descriptionLang: textLang('description'), eventCount: { type: 'integer', minimum: 0 } };
const eventSummary: Props = {
  id,
  slug: str,
  title: str,
  titleLang: textLang('title'),
  lang: { type: 'string', description: 'the language the event’s texts were written in (the original)' },
  startDate: date,
  endDate: date,
  timeZone: { type: 'string', description: 'IANA time zone of the venue, e.g. America/New_York' },
  venue: nullStr,
  city: nullStr,
  countryCode: nullable({ type: 'string', pattern: '^[A-Z]{2}$' }),
  series: ref('SeriesRef'),
  ...links,
};
const sessionKind: Schema = { type: 'string', enum: [...SESSION_KINDS] };
const localTime: Schema = { type: ['string', 'null'], pattern: '^[0-9]{2}:[0-9]{2}$', description: 'wall time HH:MM in the event’s zone' };
const offsetTime: Schema = { type: ['string', 'null'], format: 'date-time', description: 'ISO 8601 with the venue’s offset' };
const session: Props = {
  id,
  guid: { type: 'string', format: 'uuid', description: 'stable across exports and re-imports' },
  kind: sessionKind,
  number: nullInt,
  title: nullStr,
  displayTitle: { type: 'string', description: '"Panel 1: Title", or the title, or the kind’s name' },
  lang: textLang('title'),
  date,
  start: localTime,
  end: localTime,
  startsAt: offsetTime,
  endsAt: offsetTime,
  startsAtUtc: { type: ['string', 'null'], format: 'date-time' },
  endsAtUtc: { type: ['string', 'null'], format: 'date-time' },
  durationMinutes: nullInt,
  url: uri,
  apiUrl: uri,
  appearances: arrayOf(ref('Appearance')),
};
const dayRef: Props = { index: { type: 'integer', minimum: 1 }, date, label: nullStr };
const appearance: Props = {
  id,
  role: { type: 'string', enum: ['moderator', 'speaker'] },
  roleLabel: { type: ['string', 'null'], description: 'the role as printed (Chair, Keynote…), null for a plain moderator or speaker' },
  position: { type: 'integer', minimum: 0 },
  honorific: nullStr,
  person: ref('PersonRef'),
  affiliation: ref('Affiliation'),
  talkTitle: nullStr,
  materials: arrayOf(ref('Material')),
};
const personSummary: Props = { id, slug: str, name: str, honorific: nullStr, appearanceCount: { type: 'integer', minimum: 0 }, ...links };
const organizationKind: Schema = { type: 'string', enum: [...ORGANIZATION_KINDS] };
const organizationSummary: Props = {
  id,
  slug: str,
  name: str,
  kind: organizationKind,
  countryCode: nullable({ type: 'string', pattern: '^[A-Z]{2}$' }),
  countryName: nullStr,
  appearanceCount: { type: 'integer', minimum: 0 },
  ...links,
};
const countrySummary: Props = {
  code: { type: 'string', pattern: '^[A-Z]{2}$' },
  name: str,
  appearanceCount: { type: 'integer', minimum: 0 },
  ...links,
};
const inContext: Props = { appearances: arrayOf(ref('AppearanceInContext')) };
const list = (item: string): Schema => object({ data: arrayOf(ref(item)), pagination: ref('Pagination') });

const sha256: Schema = { type: 'string', pattern: '^[0-9a-f]{64}$' };
const schemas: Record<string, Schema> = {
  PublicationDetail: object(
    {
      slug: str,
      title: str,
      url: { ...uri, description: 'leads to the latest edition' },
      apiUrl: uri,
      latestEdition: { type: 'integer', minimum: 1 },
      editions: arrayOf(
        object({
          number: { type: 'integer', minimum: 1 },
          date,
          note: { ...nullStr, description: 'what changed since the edition before' },
          superseded: { type: 'boolean' },
          url: { ...uri, description: 'the edition’s permanent page' },
          pdfUrl: uri,
          htmlUrl: { ...uri, description: 'the frozen HTML document' },
          pdfSha256: sha256,
          htmlSha256: sha256,
          pages: { type: 'integer', minimum: 1 },
          events: arrayOf(object({ slug: str, title: str, release: { type: 'integer', minimum: 1, description: 'the release of the event the edition was compiled from' } })),
          jsonLd: { type: 'object', description: 'schema.org Report, as in the edition’s page', required: ['@context', '@type', '@id', 'name', 'version', 'datePublished'] },
        }),
      ),
    },
    'A publication compiled from published records, and its frozen editions, newest first.',
  ),
  Error: object(
    {
      error: {
        type: 'object',
        properties: {
          code: { type: 'string', enum: [...API_ERROR_CODES] },
          message: str,
          fields: { type: 'object', additionalProperties: str, description: 'invalid_input from a write: the message for each field at fault' },
        },
        required: ['code', 'message'],
        additionalProperties: false,
      },
    },
    'Every error: a stable code to branch on and a message for people (English, or the language asked for with lang).',
  ),
  Pagination: object({
    page: { type: 'integer', minimum: 1 },
    perPage: { type: 'integer', minimum: 1, maximum: MAX_PER_PAGE },
    total: { type: 'integer', minimum: 0 },
    totalPages: { type: 'integer', minimum: 0 },
  }),
  SeriesRef: object(seriesRef),
  SeriesSummary: object(seriesSummary),
  SeriesDetail: object({ ...seriesSummary, events: arrayOf(ref('EventSummary')) }, 'A series with its published events, newest first.'),
  SeriesList: list('SeriesSummary'),
  EventRef: object({ id, slug: str, title: str, titleLang: textLang('title'), timeZone: str, ...links }),
  EventSummary: object(eventSummary),
  EventList: list('EventSummary'),
  EventDetail: object(
    {
      ...eventSummary,
      guid: { type: 'string', format: 'uuid' },
      countryName: { type: ['string', 'null'], description: 'the short name of countryCode in the language asked for' },
      overview: nullStr,
      overviewLang: nullable(textLang('overview')),
      themes: arrayOf(str),
      themeLangs: { ...arrayOf(textLang('theme')), description: 'the language of each theme, in order' },
      contactEmail: nullable({ type: 'string', format: 'email' }),
      updatedAt: { type: 'string', format: 'date-time' },
      days: arrayOf(ref('Day')),
      documents: { ...arrayOf(ref('Material')), description: 'event documents and photos, not tied to an appearance' },
    },
    'A published event with its full agenda.',
  ),
  Day: object({ ...dayRef, sessions: arrayOf(ref('Session')) }),
  DayRef: object(dayRef),
  Session: object(session),
  SessionDetail: object({ ...session, day: ref('DayRef'), event: ref('EventRef') }, 'A session of a published event.'),
  ReleaseList: object(
    {
      data: arrayOf(
        object(
          {
            number: { type: 'integer', minimum: 1 },
            createdAt: { type: 'string', format: 'date-time' },
            note: nullStr,
            url: { ...uri, description: 'this release on the public changelog' },
            first: { type: 'boolean', description: 'the first release: it changed nothing, it made the event public' },
            changes: arrayOf({
              type: 'object',
              required: ['type', 'text'],
              properties: {
                type: { type: 'string', enum: ['event-changed', 'session-added', 'session-removed', 'session-moved', 'session-retitled', 'person-added', 'person-removed', 'person-replaced', 'affiliation-changed', 'material-added', 'material-replaced', 'material-removed', 'translations-changed', 'other-changes'] },
                text: { ...str, description: 'the change as one sentence, as the changelog page says it, in the language asked for with lang' },
              },
              additionalProperties: true,
              description: 'What changed since the release before; the other fields depend on the type (session, from, person, role, fields, label…)',
            }),
          },
          'One release of the programme.',
        ),
      ),
    },
    'The releases of a published event, newest first, with what each changed since the one before.',
  ),
  SessionRef: object({
    id,
    guid: { type: 'string', format: 'uuid' },
    kind: sessionKind,
    number: nullInt,
    title: nullStr,
    displayTitle: str,
    lang: textLang('title'),
    date,
    start: localTime,
    end: localTime,
    startsAt: offsetTime,
    endsAt: offsetTime,
    url: uri,
    apiUrl: uri,
  }),
  Material: object({
    id,
    kind: { type: 'string', enum: [...MATERIAL_KINDS] },
    label: str,
    labelLang: textLang('label'),
    lang: { type: 'string', description: 'the language of the document itself' },
    url: { type: ['string', 'null'], description: 'where to read or watch it; null when the programme only names it' },
    mediaType: { type: ['string', 'null'], description: 'for stored files' },
  }),
  PersonRef: object({ id, slug: str, name: str, ...links }),
  OrganizationRef: object({ id, slug: str, name: str, kind: organizationKind, ...links }),
  Affiliation: object(
    {
      position: nullStr,
      organization: { oneOf: [ref('OrganizationRef'), { type: 'null' }] },
      country: { type: ['string', 'null'], description: 'the short name of countryCode in the language asked for (the same name on the page and in every export); as printed where no code was recognised' },
      countryCode: nullable({ type: 'string', pattern: '^[A-Z]{2}$' }),
      text: { type: 'string', description: '"Position, Organization, Country" as printed, the country by its short name' },
    },
    'The affiliation as printed for this appearance.',
  ),
  Appearance: object(appearance, 'A person in a session, in a role.'),
  AppearanceInContext: object(
    { ...appearance, session: ref('SessionRef'), event: ref('EventRef') },
    'An appearance with the session and event it belongs to.',
  ),
  PersonSummary: object(personSummary),
  PersonList: list('PersonSummary'),
  PersonDetail: object({ ...personSummary, ...inContext }, 'A person with their appearances in published events, latest first.'),
  OrganizationSummary: object(organizationSummary),
  OrganizationList: list('OrganizationSummary'),
  OrganizationDetail: object({ ...organizationSummary, ...inContext }),
  CountrySummary: object(countrySummary),
  CountryList: list('CountrySummary'),
  CountryDetail: object({ ...countrySummary, ...inContext }),
  SnippetPart: object({ text: str, mark: { type: 'boolean', description: 'a word the query asked for' } }),
  SearchHit: object(
    {
      kind: { type: 'string', enum: [...SEARCH_KINDS] },
      id: { ...id, description: 'the id of the event, session, material, person or organization' },
      title: str,
      titleParts: { ...arrayOf(ref('SnippetPart')), description: 'the title with the words the query asked for marked' },
      titleLang: { ...nullStr, description: 'the language the title is in: an event’s or a session’s in the one asked for with lang where an editor translated it, else the original’s' },
      url: { ...uri, description: 'where the result is shown: its page or its session on the event page (in the language asked for with lang), or the file' },
      event: { ...nullStr, description: 'the title of the event it belongs to (in the language asked for with lang where translated)' },
      eventLang: { ...nullStr, description: 'the language of event' },
      person: { ...nullStr, description: 'who made the statement' },
      date: nullable(date),
      lang: nullStr,
      materialKind: { type: ['string', 'null'], enum: [...MATERIAL_KINDS, null] },
      role: { type: ['string', 'null'], enum: ['moderator', 'speaker', null] },
      snippet: { ...arrayOf(ref('SnippetPart')), description: 'about 220 characters of the text around the words found, with them marked; empty when the result has no text' },
    },
    'One result.',
  ),
  FacetValue: object({ value: str, label: str, labelLang: { type: 'string', pattern: '^[a-z]{2,3}$', description: 'the language the label is in: the one asked for with lang (a series’ or an event’s title: where an editor translated it, else the original’s)' }, count: { type: 'integer', minimum: 1, description: 'exact: the results with this value under the query and all filters' }, selected: { type: 'boolean' }, url: { ...uri, description: 'the search page (in the language asked for with lang) with the value added to the filters (removed, when selected)' } }),
  SearchResults: object(
    {
      query: str,
      filters: { type: 'object', propertyNames: { enum: [...SEARCH_FACETS] }, additionalProperties: str },
      total: { type: 'integer', minimum: 0, description: 'exact number of results under the query and the filters' },
      page: { type: 'integer', minimum: 1 },
      perPage: { type: 'integer', minimum: 1, maximum: MAX_PER_PAGE },
      pages: { type: 'integer', minimum: 0 },
      results: arrayOf(ref('SearchHit')),
      facets: object(Object.fromEntries(SEARCH_FACETS.map((f) => [f, arrayOf(ref('FacetValue'))]))),
    },
    'A page of results, ranked (a match in the title first, then events, persons and organizations, sessions, statements; then the newest), and every facet with its exact counts.',
  ),
};

const json = (schema: Schema) => ({ 'application/json': { schema } });
const errorResponse = (description: string) => ({ description, headers: { 'Access-Control-Allow-Origin': { $ref: '#/components/headers/AccessControlAllowOrigin' } }, content: json(ref('Error')) });
const common = { ETag: { $ref: '#/components/headers/ETag' }, 'Access-Control-Allow-Origin': { $ref: '#/components/headers/AccessControlAllowOrigin' } };
const conditional = { $ref: '#/components/parameters/IfNoneMatch' };

function op(summary: string, schema: string, extra: { params?: Schema[]; list?: boolean; description?: string; lang?: boolean } = {}) {
  return {
    get: {
      summary,
      ...(extra.description ? { description: extra.description } : {}),
      operationId: summary.replace(/[^A-Za-z]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : '')).replace(/^./, (c) => c.toLowerCase()),
      tags: ['archive'],
      parameters: [
        ...(extra.params ?? []),
        ...(extra.list ? [{ $ref: '#/components/parameters/Page' }, { $ref: '#/components/parameters/PerPage' }] : []),
        ...(extra.lang ? [{ $ref: '#/components/parameters/Lang' }] : []),
        conditional,
      ],
      responses: {
        '200': {
          description: 'OK',
          headers: { ...common, ...(extra.list ? { Link: { $ref: '#/components/headers/Link' } } : {}), ...(extra.lang ? { 'Content-Language': { $ref: '#/components/headers/ContentLanguage' } } : {}) },
          content: json(ref(schema)),
        },
        '304': { $ref: '#/components/responses/NotModified' },
        ...(extra.list || extra.params || extra.lang ? { '400': { $ref: '#/components/responses/InvalidInput' } } : {}),
        ...(extra.list ? {} : { '404': { $ref: '#/components/responses/NotFound' } }),
        '500': { $ref: '#/components/responses/Internal' },
      },
    },
  };
}

/** The API's writes (web/api/workspace.ts): one path for every kind of record. */
function workspacePath() {
  const params = [
    { name: 'collection', in: 'path', required: true, schema: { type: 'string', enum: ['series', 'events', 'days', 'sessions', 'appearances', 'persons', 'organizations'] } },
    { name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1, maximum: 2147483647 } },
    { $ref: '#/components/parameters/Lang' },
  ];
  const record = {
    type: 'object',
    required: ['id', 'version'],
    properties: { id: { type: 'integer' }, version: { type: 'integer', minimum: 1 } },
    additionalProperties: true,
    description: "The record's editable fields (as the workspace's form for it lists them; an appearance's organization by name, an event's themes as a list) and its version.",
  };
  const data = json({ type: 'object', required: ['data'], properties: { data: record } });
  const etag = { ETag: { description: 'the record\'s version, quoted', schema: { type: 'string' } } };
  const err = (description: string) => ({ description, content: json(ref('Error')) });
  const security = [{ token: [] }, { session: [] }];
  return {
    parameters: params,
    get: {
      summary: 'Get a record to edit',
      operationId: 'getWorkspaceRecord',
      tags: ['workspace'],
      security,
      responses: { '200': { description: 'The record and its version', headers: etag, content: data }, '401': err('No valid token or sign-in (code unauthenticated).'), '403': err('The account may not read this series (code forbidden).'), '404': err('No such record (code not_found; told to admins only).') },
    },
    patch: {
      summary: 'Change a record',
      description: 'Send only the fields to change, and the version they were made from (If-Match: "N", or "version": N). A change from an older version is refused with 409 and the record as it now is; nothing is overwritten. Every change is in the audit log.',
      operationId: 'patchWorkspaceRecord',
      tags: ['workspace'],
      security,
      parameters: [{ name: 'If-Match', in: 'header', required: false, description: 'the version the change was made from, e.g. "3"', schema: { type: 'string' } }],
      requestBody: { required: true, content: json({ type: 'object', additionalProperties: { type: ['string', 'number', 'null', 'array'] } }) },
      responses: {
        '200': { description: 'Changed: the record as stored now', headers: etag, content: data },
        '400': err('A field is invalid (code invalid_input; error.fields names each field at fault), unknown, or the version is missing.'),
        '401': err('No valid token or sign-in (code unauthenticated).'),
        '403': err("The account may not edit this series, or a sign-in's request lacks its CSRF token or came from another Origin (code forbidden)."),
        '409': {
          description: 'Changed by someone else since that version (code conflict): nothing was saved; `current` is the record as it now is.',
          content: json({ type: 'object', required: ['error', 'current'], properties: { error: { $ref: '#/components/schemas/Error/properties/error' }, current: record } }),
        },
      },
    },
  };
}

/** GET /api/search: answered fresh for each query (no ETag, not cached). */
function searchPath() {
  const q = (name: string, description: string, schema: Schema = str) => ({ name, in: 'query', required: false, description, schema });
  return {
    get: {
      summary: 'Search',
      description:
        'Events, sessions, persons, organizations and the text of statements (read from their PDF and Word files). Accents and letters such as ø, ł and ß do not matter; English, French and Spanish words match their other forms; "quoted words" match in a row. Facets are filters that combine with each other and with the query; each carries its exact count.',
      operationId: 'search',
      tags: ['archive'],
      parameters: [
        { name: 'q', in: 'query', required: true, description: 'the words to find; "quoted phrases" match in a row', schema: { type: 'string', maxLength: 500 } },
        { name: 'page', in: 'query', required: false, description: 'page number, from 1', schema: { type: 'integer', minimum: 1, maximum: 1000, default: 1 } },
        { name: 'perPage', in: 'query', required: false, description: `results per page, at most ${MAX_PER_PAGE}`, schema: { type: 'integer', minimum: 1, maximum: MAX_PER_PAGE, default: 20 } },
        q('kind', 'only results of this kind', { type: 'string', enum: [...SEARCH_KINDS] }),
        q('year', "only events (and their sessions and statements) of this year, e.g. 2017"),
        q('series', "only this series' events (its id)"),
        q('event', 'only this event (its id)'),
        q('country', 'ISO 3166-1 alpha-2: the speaker\'s country for statements, the venue\'s for events and sessions, the record\'s own for persons and organizations'),
        q('region', 'africa, americas, asia, europe or oceania (of country)'),
        q('orgKind', "the kind of the speaker's organization, or of the organization", { type: 'string', enum: [...ORGANIZATION_KINDS] }),
        q('role', "the speaker's role, for statements", { type: 'string', enum: ['moderator', 'speaker'] }),
        q('materialKind', 'the kind of material', { type: 'string', enum: [...MATERIAL_KINDS] }),
        q('textLang', 'the language of the text, e.g. en, fr, es'),
        { $ref: '#/components/parameters/Lang' },
      ],
      responses: {
        '200': {
          description: 'OK',
          headers: { 'Access-Control-Allow-Origin': { $ref: '#/components/headers/AccessControlAllowOrigin' }, 'Content-Language': { $ref: '#/components/headers/ContentLanguage' } },
          content: json(ref('SearchResults')),
        },
        '400': { $ref: '#/components/responses/InvalidInput' },
        '500': { $ref: '#/components/responses/Internal' },
      },
    },
  };
}

const slugParam = (what: string) => ({ name: 'slug', in: 'path', required: true, description: `the ${what}’s slug`, schema: { type: 'string' } });

export function openApiDocument(baseUrl: string) {
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'Plenary archive API',
      version: '1.0.0',
      summary: 'Read-only JSON for the published policy dialogues: series, events and their agendas, people, organizations and countries.',
      description:
        'Only published events, and the people and organizations appearing in them, are visible. Every response carries an ETag: send it back in If-None-Match to get 304 Not Modified. Lists are paged with page and perPage and carry a Link header. Errors are JSON with a stable code. CORS is open to every origin.',
      license: { name: 'AGPL-3.0-or-later', identifier: 'AGPL-3.0-or-later' },
    },
    servers: [{ url: baseUrl }],
    tags: [
      { name: 'archive', description: 'The public archive' },
      { name: 'workspace', description: 'Records as organizers edit them: read with their version, changed with PATCH' },
    ],
    paths: {
      '/api/series': op('List series', 'SeriesList', { list: true, lang: true, description: 'Series with at least one published event, by slug.' }),
      '/api/series/{slug}': op('Get a series', 'SeriesDetail', { params: [slugParam('series')], lang: true }),
      '/api/events': op('List events', 'EventList', { list: true, lang: true, description: 'Published events, newest first.' }),
      '/api/events/{slug}': op('Get an event', 'EventDetail', {
        params: [slugParam('event')],
        lang: true,
        description: 'The event with its full agenda: days, sessions with local times and instants, appearances with affiliations as printed, and materials.',
      }),
      '/api/events/{slug}/releases': op('List the releases of an event', 'ReleaseList', {
        params: [slugParam('event')],
        lang: true,
        description: 'The changelog: every release of the programme, newest first, with what it changed since the one before.',
      }),
      '/api/sessions/{id}': op('Get a session', 'SessionDetail', {
        params: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1, maximum: 2147483647 } }],
        lang: true,
      }),
      '/api/people': op('List people', 'PersonList', { list: true, lang: true, description: 'People appearing in published events, alphabetically.' }),
      '/api/people/{slug}': op('Get a person', 'PersonDetail', { params: [slugParam('person')], lang: true }),
      '/api/organizations': op('List organizations', 'OrganizationList', { list: true, lang: true, description: 'Organizations appearing in published events, alphabetically.' }),
      '/api/organizations/{slug}': op('Get an organization', 'OrganizationDetail', { params: [slugParam('organization')], lang: true }),
      '/api/countries': op('List countries', 'CountryList', { list: true, lang: true, description: 'Countries of appearances in published events, by name in the language asked for (English by default).' }),
      '/api/countries/{code}': op('Get a country', 'CountryDetail', {
        lang: true,
        params: [
          {
            name: 'code',
            in: 'path',
            required: true,
            description: 'ISO 3166-1 alpha-2, in either case',
            schema: { type: 'string', pattern: '^[A-Za-z]{2}$' },
          },
        ],
      }),
      '/api/publications/{slug}': op('Get a publication', 'PublicationDetail', {
        params: [slugParam('publication')],
        description: 'A publication and its frozen editions (newest first): files, SHA-256, what changed, and schema.org Report metadata.',
      }),
      '/api/search': searchPath(),
      '/api/workspace/{collection}/{id}': workspacePath(),
      '/api/openapi.json': {
        get: {
          summary: 'This description',
          operationId: 'getOpenApi',
          tags: ['archive'],
          parameters: [conditional],
          responses: { '200': { description: 'OpenAPI 3.1 document', headers: common, content: json({ type: 'object' }) }, '304': { $ref: '#/components/responses/NotModified' } },
        },
      },
    },
    components: {
      schemas,
      parameters: {
        Page: { name: 'page', in: 'query', required: false, description: 'page number, from 1', schema: { type: 'integer', minimum: 1, default: 1 } },
        PerPage: {
          name: 'perPage',
          in: 'query',
          required: false,
          description: `items per page, at most ${MAX_PER_PAGE}`,
          schema: { type: 'integer', minimum: 1, maximum: MAX_PER_PAGE, default: DEFAULT_PER_PAGE },
        },
        IfNoneMatch: { name: 'If-None-Match', in: 'header', required: false, description: 'an ETag from an earlier response', schema: { type: 'string' } },
        Lang: {
          name: 'lang',
          in: 'query',
          required: false,
          description:
            'the language to read in: titles, overviews, themes, session titles, material labels and series’ texts in it where an editor entered a translation (each with the language it is in: titleLang, overviewLang, themeLangs, a session’s lang, a material’s labelLang), else the original; country names always in it. Names, honorifics and positions are never translated. Without it, English. An error\'s message (and each of error.fields\' messages) is said in it too, on every endpoint; its code and the fields\' names never change.',
          schema: { type: 'string', enum: [...INTERFACE_LANGUAGES], default: 'en' },
        },
      },
      headers: {
        ETag: { description: 'version of this response; changes whenever the archive changes', schema: { type: 'string' } },
        Link: { description: 'RFC 8288 links to the first, previous, next and last pages', schema: { type: 'string' } },
        ContentLanguage: { description: 'the language asked for with lang (en without it)', schema: { type: 'string', enum: [...INTERFACE_LANGUAGES] } },
        AccessControlAllowOrigin: { description: 'always *', schema: { type: 'string', const: '*' } },
      },
      securitySchemes: {
        token: { type: 'http', scheme: 'bearer', description: 'an API token from `plenary user token --email E --label L`; it acts as its account (role and series)' },
        session: { type: 'apiKey', in: 'cookie', name: 'plenary_session', description: "a workspace sign-in; a write also needs X-CSRF-Token and this site's Origin" },
      },
      responses: {
        NotModified: { description: 'Not modified: the ETag sent in If-None-Match is current', headers: { ETag: { $ref: '#/components/headers/ETag' } } },
        InvalidInput: errorResponse('A parameter is malformed or out of range (code invalid_input); the message names it.'),
        NotFound: errorResponse('No such published resource (code not_found).'),
        Internal: errorResponse('The server failed (code internal).'),
      },
    },
  };
}
