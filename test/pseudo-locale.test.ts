// Pseudo-locale (issue 13): every message of the English catalogue wrapped as ⟦…⟧ with accented
// letters, made here at test time and put in the place of French (never a public URL: only this
// process's catalogue object is changed, before the server is made). Every public page of the seed
// event and the main workspace pages (signed in through the real sign-in form) are rendered under
// /fr/, and any visible interface text (text nodes, alt, title, aria-label, placeholder, a button's
// value) that did not come through the catalogue fails the test. What may show unmarked is computed
// from the database (every text column of the records the pages show, as whole values) and from Intl
// (month and day names, language names, zone offsets), never from a list of strings written here.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseDocument } from 'htmlparser2';
import type { AnyNode, Element } from 'domhandler';
import countries from 'i18n-iso-countries';
import { countryName } from '../src/domain/country.ts';
import { INTERFACE_LANGUAGES, LANGUAGES } from '../src/domain/language.ts';
import { VIEWER_ZONES, zoneCity } from '../src/web/viewer-zone.ts';
import { addAccount } from '../src/operations/accounts.ts';
import { createSpeakerLink, linkCsrf } from '../src/operations/speaker-links.ts';
import { citations } from '../src/exports/citation.ts';
import { editionsOf, ensurePublication, freezeEdition, savePublication } from '../src/operations/publications.ts';
import { citationInput } from '../src/web/routes/publications.tsx';
import { citationWords, publicationOptions } from '../src/web/views/publication-words.ts';
import { CATALOGUES } from '../src/web/i18n/messages.ts';
import { http } from './http-client.ts';
import { demoSite } from './server.ts';

const ACCENTS: Record<string, string> = { a: 'á', e: 'é', i: 'í', o: 'ó', u: 'ú', n: 'ñ', c: 'ç', A: 'Á', E: 'É', I: 'Í', O: 'Ó', U: 'Ú', N: 'Ñ', C: 'Ç' };

/** "Page {page} of {pages}" → "⟦Págé {page} óf {pages}⟧": letters accented, placeholders kept. */
export function pseudo(message: string): string {
  return `⟦${message.split(/(\{\w+\})/).map((part, i) => (i % 2 ? part : part.replace(/[aeiouncAEIOUNC]/g, (ch) => ACCENTS[ch]!))).join('')}⟧`;
}

const pseudoCatalogue = Object.fromEntries(Object.entries(CATALOGUES.en).map(([k, v]) => [k, pseudo(v)]));
// Before the server is made: translator('fr') reads this object from now on.
(CATALOGUES as unknown as Record<string, Record<string, string>>).fr = pseudoCatalogue;

const HIDDEN = new Set(['script', 'style', 'template', 'noscript']);

/** The visible texts of a page: text nodes (by element), and the attributes people see or hear. */
function visibleTexts(html: string): Array<{ where: string; text: string }> {
  const doc = parseDocument(html);
  const out: Array<{ where: string; text: string }> = [];
  const walk = (node: AnyNode, path: string) => {
    if (node.type === 'text') {
      const text = (node as unknown as { data: string }).data;
      if (text.trim()) out.push({ where: path, text });
      return;
    }
    if (node.type !== 'tag' && node.type !== 'script' && node.type !== 'style') {
      for (const c of (node as unknown as { children?: AnyNode[] }).children ?? []) walk(c, path);
      return;
    }
    const el = node as Element;
    if (HIDDEN.has(el.name)) return;
    const here = `${path} > ${el.name}${el.attribs.id ? `#${el.attribs.id}` : ''}${el.attribs.class ? `.${el.attribs.class.split(' ')[0]}` : ''}`;
    for (const a of ['alt', 'title', 'aria-label', 'placeholder']) if (el.attribs[a]) out.push({ where: `${here}[${a}]`, text: el.attribs[a]! });
    // A button's value is sent, not shown; an input button shows its value.
    if (el.name === 'input' && ['submit', 'button', 'reset'].includes(el.attribs.type ?? '') && el.attribs.value) out.push({ where: `${here}[value]`, text: el.attribs.value });
    for (const c of el.children) walk(c, here);
  };
  walk(doc, '');
  return out;
}

const decode = (s: string) => s.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'");

describe('pseudo-locale', () => {
  test('every public page of the seed event and the workspace show no interface text outside the catalogue', async () => {
    const site = await demoSite('sqlite');
    try {
      const db = site.storage.db;
      // What the database holds, as whole values: any of them may show as it is.
      const content = new Set<string>();
      const addValue = (v: unknown) => {
        if (typeof v !== 'string' || !v.trim()) return;
        content.add(v.trim());
        for (const line of v.split(/\n+/)) if (line.trim()) content.add(line.trim());
        if (v.startsWith('[') || v.startsWith('{')) {
          try {
            // Themes (a list), an audit entry's columns before and after (names and values, as the log shows them).
            const parsed = JSON.parse(v) as unknown;
            const items = Array.isArray(parsed) ? parsed : parsed && typeof parsed === 'object' ? Object.entries(parsed).flat() : [];
            for (const x of items) if (typeof x === 'string' && x.trim()) content.add(x.trim());
          } catch {
            /* not JSON: kept whole */
          }
        }
      };
      // The seed event's publication (issue 14), written and frozen in the pseudo-locale: its words come from the catalogue too.
      const seed = await ensurePublication(site.storage, { event: 'idm-2017-new-york' });
      await savePublication(site.storage, seed.id, seed.version, { title: seed.title, subtitle: 'Rapport de l’atelier', lang: 'fr', foreword: 'Avant-propos des éditeurs.', summary: 'Résumé des débats.', excerpts: {} }, null);
      await freezeEdition(site.storage, seed.id, publicationOptions(site.base, 'fr'));
      // The account that signs in below and a speaker's link it made (its page and the appearance's list of links).
      const firstAppearance = await db.selectFrom('appearance').select('id').orderBy('id').executeTakeFirstOrThrow();
      const password = 'correct horse battery staple';
      const account = await addAccount(site.storage, { email: 'pseudo@example.org', role: 'admin', series: [], password });
      const speakerLink = await createSpeakerLink(site.storage, { appearanceId: firstAppearance.id, expires: new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10), accountId: account.id });
      for (const table of ['series', 'event', 'day', 'session', 'appearance', 'material', 'person', 'organization', 'person_alias', 'organization_alias', 'translation', 'account', 'audit_entry', 'search_doc', 'publication'] as const) {
        for (const row of await db.selectFrom(table as 'series').selectAll().execute()) for (const v of Object.values(row)) addValue(v);
      }
      const codes = (await db.selectFrom('appearance').select('country_code').distinct().execute()).map((r) => r.country_code).filter((c): c is string => !!c);
      const orgCodes = (await db.selectFrom('organization').select('country_code').distinct().execute()).map((r) => r.country_code).filter((c): c is string => !!c);
      for (const c of [...codes, ...orgCodes]) for (const l of INTERFACE_LANGUAGES) addValue(countryName(c, l));
      // Intl's words: the languages' own names (the switch), months and days, zone names and offsets.
      const intl = new Set<string>();
      for (const l of INTERFACE_LANGUAGES) {
        const name = new Intl.DisplayNames([l], { type: 'language' }).of(l)!;
        intl.add(name.charAt(0).toLocaleUpperCase(l) + name.slice(1));
        intl.add(name);
      }
      for (const l of INTERFACE_LANGUAGES) {
        for (const x of LANGUAGES) {
          const name = new Intl.DisplayNames([l], { type: 'language' }).of(x)!;
          intl.add(name);
          intl.add(name.charAt(0).toLocaleUpperCase(l) + name.slice(1));
        }
      }
      for (let m = 0; m < 12; m++) for (const month of ['long', 'short'] as const) intl.add(new Intl.DateTimeFormat('fr', { month, timeZone: 'UTC' }).format(new Date(Date.UTC(2017, m, 15))));
      for (let d = 0; d < 7; d++) intl.add(new Intl.DateTimeFormat('fr', { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2017, 0, 1 + d))));
      const zones = (await db.selectFrom('event').select('time_zone').distinct().execute()).map((r) => r.time_zone);
      for (const tz of zones) {
        for (const z of tz.split(/[/_]/)) intl.add(z);
        for (const timeZoneName of ['long', 'short', 'shortOffset', 'longOffset', 'longGeneric', 'shortGeneric'] as const) {
          for (const part of new Intl.DateTimeFormat('fr', { timeZone: tz, timeZoneName }).formatToParts(new Date(Date.UTC(2017, 3, 18)))) if (part.type === 'timeZoneName') intl.add(part.value);
        }
      }
      // The zones the time-zone form offers and their cities (the tz database's names, from Intl).
      for (const z of [...VIEWER_ZONES, 'Europe/Zurich']) {
        intl.add(z.replace(/_/g, ' '));
        intl.add(zoneCity(z));
      }
      intl.add(new Intl.DateTimeFormat('fr', { timeZone: 'UTC', timeZoneName: 'short' }).formatToParts(new Date()).find((p) => p.type === 'timeZoneName')!.value);
      // Every country's short name, and the content languages' names (Intl), in every interface language.
      for (const code of Object.keys(countries.getAlpha2Codes())) for (const l of INTERFACE_LANGUAGES) addValue(countryName(code, l));
      // The site's own address, shown as text where a publication names its sources; the APA reference,
      // whose words are citation-js's CSL locale of the language (the Chicago one's are the catalogue's).
      intl.add(site.base);
      const edition = (await editionsOf(db, seed.id))[0]!;
      intl.add(edition.metadata.url);
      intl.add(citations(citationInput(seed, edition), citationWords('fr')).apa);
      const allowed = [...content, ...intl].filter((s) => /\p{L}/u.test(s)).sort((a, b) => b.length - a.length);
      const escape = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const patterns = new Map(allowed.map((a) => [a, new RegExp(`(?<!\\p{L})${escape(a)}(?!\\p{L})`, 'gu')]));

      /** What is left of a text once every catalogue string (⟦…⟧) and every allowed value is taken out. */
      const corpus = [...content].join('\n');
      const leftover = (text: string, where: string) => {
        // Code is literal in every language: the API's paths, its curl line and JSON answers (English, as the API speaks).
        if (/> (?:code|pre)\b/.test(where)) return '';
        let rest = decode(text).replace(/⟦[^⟧]*⟧/g, ' ');
        if (!/\p{L}/u.test(rest)) return '';
        for (const a of allowed) if (rest.includes(a)) rest = rest.replace(patterns.get(a)!, ' ');
        // Words from the database as parts of longer values (a name inside "Name (Org)").
        rest = rest.replace(/\s+/g, ' ').trim();
        // Inside an isolate of database text (<bdi>, a search match's <mark>): a piece of a stored value.
        if (/> (bdi|mark)\b/.test(where) && decode(text).split(/⟦[^⟧]*⟧/).every((piece) => !/\p{L}/u.test(piece) || corpus.includes(piece.trim().replace(/^…\s*|\s*…$/g, '')) || intl.has(piece.trim()))) return '';
        return /\p{L}/u.test(rest) ? rest : '';
      };

      const event = await db.selectFrom('event').selectAll().where('slug', '=', 'idm-2017-new-york').executeTakeFirstOrThrow();
      const series = await db.selectFrom('series').selectAll().where('id', '=', event.series_id).executeTakeFirstOrThrow();
      const people = await db.selectFrom('person').select('slug').execute();
      const orgs = await db.selectFrom('organization').select('slug').execute();
      const publicPaths = [
        '/',
        '/events',
        '/series',
        `/series/${series.slug}`,
        `/events/${event.slug}`,
        `/events/${event.slug}/time-zone`,
        `/events/${event.slug}?tz=Europe/Zurich`,
        `/events/${event.slug}/changes`,
        '/people',
        '/organizations',
        '/countries',
        ...codes.map((c) => `/countries/${c.toLowerCase()}`),
        ...people.map((p) => `/people/${p.slug}`),
        ...orgs.map((o) => `/organizations/${o.slug}`),
        '/search',
        '/search?q=migration',
        `/publications/${seed.slug}/1`,
        '/no-such-page',
        '/people?page=0',
        // The API's own page, and a speaker's page (the token authorizes; /fr/speak/{token}).
        '/api',
        `/speak/${speakerLink.token}`,
      ];

      // Signed in through the real form.
      const form = await http('GET', `${site.base}/fr/admin/login`);
      const loginCookie = (form.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]!).join('; ');
      const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)![1]!;
      const signed = await http('POST', `${site.base}/fr/admin/login`, { cookie: loginCookie, origin: site.base }, { _csrf: csrf, email: 'pseudo@example.org', password, next: '/fr/admin' });
      assert.equal(signed.status, 303, 'signed in');
      const cookie = (signed.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]!).find((c) => c.startsWith('plenary_session='))!;
      const session = await db.selectFrom('session').select('id').where('event_id', '=', event.id).orderBy('id').executeTakeFirstOrThrow();
      const appearance = await db.selectFrom('appearance').select(['id', 'person_id', 'organization_id']).where('session_id', '=', session.id).orderBy('id').executeTakeFirstOrThrow();
      const day = await db.selectFrom('day').select('id').where('event_id', '=', event.id).orderBy('id').executeTakeFirstOrThrow();
      const adminPaths = [
        '/admin',
        `/admin/series/${series.slug}`,
        `/admin/series/${series.slug}/edit`,
        `/admin/events/${event.id}`,
        `/admin/events/${event.id}/publish`,
        `/admin/events/${event.id}/materials`,
        `/admin/events/${event.id}/import`,
        `/admin/days/${day.id}`,
        `/admin/sessions/${session.id}`,
        `/admin/appearances/${appearance.id}`,
        `/admin/persons/${appearance.person_id}`,
        ...(appearance.organization_id ? [`/admin/organizations/${appearance.organization_id}`] : []),
        '/admin/audit',
        '/admin/new-series',
        '/admin/speaker-submissions',
        `/admin/series/${series.slug}/publications`,
        `/admin/publications/${seed.id}`,
      ];

      const misses: string[] = [];
      const seen = new Set<string>();
      let pages = 0;
      for (const [path, headers] of [...publicPaths.map((p) => [p, {}] as const), ...adminPaths.map((p) => [p, { cookie }] as const)]) {
        const r = await http('GET', `${site.base}/fr${path === '/' ? '/' : path}`, headers);
        assert.ok([200, 400, 404].includes(r.status), `${path}: ${r.status}`);
        assert.ok(r.body.includes('<html lang="fr"'), `${path} is the pseudo-locale's page`);
        pages++;
        for (const { where, text } of visibleTexts(r.body)) {
          const left = leftover(text, where);
          if (left && !seen.has(left)) {
            seen.add(left);
            misses.push(`${path} ${where}: "${left}" (in "${decode(text).trim().slice(0, 120)}")`);
          }
        }
      }
      // Forms sent back with errors: every message beside a field comes from the catalogue too.
      const eventForm = await http('GET', `${site.base}/fr/admin/events/${event.id}`, { cookie });
      const hidden = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(eventForm.body)![1]!;
      const refused = [
        ['POST /admin/events/{id}', await http('POST', `${site.base}/fr/admin/events/${event.id}`, { cookie, origin: site.base }, { _csrf: hidden('_csrf'), version: hidden('version'), slug: 'Not A Slug', title: '', lang: 'en', start_date: '2017-13-01', end_date: '2017-07-18', time_zone: 'Mars/Olympus', venue: '', address: '', city: '', country_code: 'ZZ', overview: '', themes: '', contact_email: 'nobody' })],
        ['POST /speak/{token}/correction', await http('POST', `${site.base}/fr/speak/${speakerLink.token}/correction`, { origin: site.base }, { _csrf: linkCsrf(speakerLink.token), name: '' })],
      ] as const;
      for (const [what, r] of refused) {
        assert.equal(r.status, 400, what);
        assert.ok(r.body.includes('class="field-error"') || r.body.includes('class="form-error"'), `${what} shows its errors`);
        pages++;
        for (const { where, text } of visibleTexts(r.body)) {
          const left = leftover(text, where);
          if (left && !seen.has(left)) {
            seen.add(left);
            misses.push(`${what} ${where}: "${left}" (in "${decode(text).trim().slice(0, 120)}")`);
          }
        }
      }
      assert.ok(pages >= 30, `${pages} pages`);
      assert.deepEqual(misses, [], `interface text outside the catalogue:\n${misses.join('\n')}`);
    } finally {
      await site.stop();
    }
  });
});
