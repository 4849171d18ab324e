// Pseudo-locale (issue 13): every message of the English catalogue wrapped as ⟦…⟧ with accented
// letters, made here at test time and put in the place of French (never a public URL: only this
// process's catalogue object is changed, before the server is made). Every page of the app
// (test/page-instances.ts: every GET route instantiated with real records, the list checked against
// the app's route table, so a page added later fails here until it is listed), public pages signed
// out and the workspace signed in, plus the workspace's 403, forms refused (400), the 409 conflict
// page and the 500 pages, are rendered under /fr/, and any visible interface text (text nodes, alt,
// title, aria-label, placeholder, a button's value) that did not come through the catalogue fails the test. What may show unmarked is computed
// from the database (every text column of the records the pages show, as whole values) and from Intl
// (month and day names, language names, zone offsets), never from a list of strings written here.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sql } from 'kysely';
import { parseDocument } from 'htmlparser2';
import type { AnyNode, Element } from 'domhandler';
import countries from 'i18n-iso-countries';
import { countryName } from '../src/domain/country.ts';
import { LANGUAGES } from '../src/domain/language.ts';
import { VIEWER_ZONES, zoneCity } from '../src/web/viewer-zone.ts';
import { zoneName } from '../src/web/views/format.ts';
import { linkCsrf } from '../src/operations/speaker-links.ts';
import { UPLOAD_TYPES } from '../src/operations/materials.ts';
import { citations } from '../src/exports/citation.ts';
import { editionsOf, ensurePublication } from '../src/operations/publications.ts';
import { citationInput } from '../src/web/routes/publications.tsx';
import { citationWords } from '../src/web/views/publication-words.ts';
import { CATALOGUES } from '../src/web/i18n/messages.ts';
import { cookiesOf, http, multipart } from './http-client.ts';
import { EVENT, everyPage, type PostState, uncheckedRoutes, wordsOf } from './page-instances.ts';
import { INTERFACE_LANGUAGES, interfaceLanguage } from '../src/interface-languages.ts';

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

/**
 * What a browser sends for the form of `html` whose action is `action`: its inputs (a checkbox or radio when checked,
 * not its buttons), selects (the option selected, else the first) and textareas, then `fill` over them, then the
 * button pressed.
 */
function formFields(html: string, action: string, fill: Record<string, string>, press?: { name: string; value: string }): { fields: Record<string, string>; multipart: boolean; file: boolean } {
  const doc = parseDocument(html);
  const find = (node: AnyNode): Element | undefined => {
    if (node.type === 'tag' && (node as Element).name === 'form' && (node as Element).attribs.method === 'post' && (node as Element).attribs.action === action) return node as Element;
    for (const c of (node as unknown as { children?: AnyNode[] }).children ?? []) {
      const f = find(c);
      if (f) return f;
    }
    return undefined;
  };
  const form = find(doc);
  assert.ok(form, `a form posting to ${action}`);
  const fields: Record<string, string> = {};
  let file = false;
  const text = (n: AnyNode): string => (n.type === 'text' ? (n as unknown as { data: string }).data : ((n as unknown as { children?: AnyNode[] }).children ?? []).map(text).join(''));
  const walk = (node: AnyNode) => {
    if (node.type !== 'tag') {
      for (const c of (node as unknown as { children?: AnyNode[] }).children ?? []) walk(c);
      return;
    }
    const el = node as Element;
    const name = el.attribs.name;
    if (el.name === 'input' && name) {
      const type = el.attribs.type ?? 'text';
      if (type === 'file') file = true;
      else if (type === 'checkbox' || type === 'radio') {
        if (el.attribs.checked !== undefined) fields[name] = el.attribs.value ?? 'on';
      } else if (!['submit', 'button', 'reset', 'image'].includes(type)) fields[name] = el.attribs.value ?? '';
    } else if (el.name === 'select' && name) {
      const options: Element[] = [];
      const collect = (n: AnyNode) => {
        if (n.type === 'tag' && (n as Element).name === 'option') options.push(n as Element);
        for (const c of (n as unknown as { children?: AnyNode[] }).children ?? []) collect(c);
      };
      collect(el);
      const chosen = options.find((o) => o.attribs.selected !== undefined) ?? options[0];
      if (chosen) fields[name] = chosen.attribs.value ?? text(chosen);
      return;
    } else if (el.name === 'textarea' && name) {
      fields[name] = text(el).replace(/^\n/, '');
      return;
    }
    for (const c of el.children) walk(c);
  };
  walk(form);
  Object.assign(fields, fill);
  if (press) fields[press.name] = press.value;
  return { fields, multipart: form.attribs.enctype === 'multipart/form-data', file };
}

const decode = (s: string) => s.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'");

describe('pseudo-locale', () => {
  test('every page of the app, public and workspace, and its error pages show no interface text outside the catalogue', async () => {
    // The publication is frozen in the pseudo-locale: its words come from the catalogue too.
    const { site, pages, workspace, admin, viewerCookie, forbidden, eventPath, sessionPath, materialsPath, materialId, posts } = await everyPage({ publicationLang: 'fr' });
    try {
      // What each post uses up is made before the database is read for what may show as it is.
      const prepared: Array<[PostState, Awaited<ReturnType<PostState['prepare']>>]> = [];
      for (const x of posts) prepared.push([x, await x.prepare('fr')]);
      const { unchecked, gone } = uncheckedRoutes(site, pages);
      assert.deepEqual(unchecked, [], 'GET routes neither instantiated in test/page-instances.ts nor listed there as not HTML');
      assert.deepEqual(gone, []);
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
            // Translations nest by language and field: every string at any depth.
            const walk = (x: unknown): void => {
              if (typeof x === 'string') addValue(x);
              else if (Array.isArray(x)) x.forEach(walk);
              else if (x && typeof x === 'object') for (const [k, y] of Object.entries(x)) (addValue(k), walk(y));
            };
            walk(JSON.parse(v) as unknown);
          } catch {
            /* not JSON: kept whole */
          }
        }
      };
      const seed = await ensurePublication(site.storage, { event: EVENT });
      // (`file`: a stored file's name as uploaded, shown beside its material.)
      for (const table of ['series', 'event', 'day', 'session', 'appearance', 'material', 'file', 'person', 'organization', 'person_alias', 'organization_alias', 'translation', 'account', 'audit_entry', 'search_doc', 'publication', 'import_draft'] as const) {
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
      // The words Intl puts between a date and its time of day ("30 novembre 2026 à 04:05 UTC").
      for (const part of new Intl.DateTimeFormat('fr', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC', timeZoneName: 'short' }).formatToParts(new Date(Date.UTC(2017, 3, 18, 10))))
        if (part.type === 'literal' && /\p{L}/u.test(part.value)) intl.add(part.value.trim());
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
        // and their names in the page's language (Intl's generic names, UTC's long one: views/format.ts zoneName)
        intl.add(zoneName(z, interfaceLanguage('fr')));
      }
      intl.add(new Intl.DateTimeFormat('fr', { timeZone: 'UTC', timeZoneName: 'short' }).formatToParts(new Date()).find((p) => p.type === 'timeZoneName')!.value);
      // File sizes' units (Intl's, as `fileSize` formats them: "2 ko").
      for (const unit of ['kilobyte', 'megabyte'] as const) {
        for (const unitDisplay of ['short', 'long', 'narrow'] as const) for (const part of new Intl.NumberFormat('fr', { style: 'unit', unit, unitDisplay }).formatToParts(2)) if (part.type === 'unit') intl.add(part.value);
      }
      // Every country's short name, and the content languages' names (Intl), in every interface language.
      for (const code of Object.keys(countries.getAlpha2Codes())) for (const l of INTERFACE_LANGUAGES) addValue(countryName(code, l));
      // The site's own address, shown as text where a publication names its sources; the APA reference,
      // whose words are citation-js's CSL locale of the language (the Chicago one's are the catalogue's).
      intl.add(site.base);
      const edition = (await editionsOf(db, seed.id))[0]!;
      intl.add(edition.metadata.url);
      intl.add(citations(citationInput(seed, edition), citationWords(interfaceLanguage('fr'))).apa);
      const allowed = [...content, ...intl].filter((s) => /\p{L}/u.test(s)).sort((a, b) => b.length - a.length);
      const escape = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const patterns = new Map(allowed.map((a) => [a, new RegExp(`(?<!\\p{L})${escape(a)}(?!\\p{L})`, 'gu')]));

      /** What is left of a text once every catalogue string (⟦…⟧) and every allowed value is taken out. */
      // Stored text as a search snippet shows it: runs of white space as one space.
      const corpus = [...content].map((c) => c.replace(/\s+/g, ' ')).join('\n');
      /**
       * Takes out every catalogue string: nested ones (a message whose placeholder is another message) from the
       * inside out, and the pieces of one whose placeholder is an element (its text runs on in other nodes).
       */
      const unmarked = (text: string) => {
        let t = text;
        for (let before = ''; before !== t; ) (before = t), (t = t.replace(/⟦[^⟦⟧]*⟧/g, ' '));
        return t.replace(/⟦[^⟧]*$/, ' ').replace(/^[^⟦]*⟧/, ' ');
      };
      const leftover = (text: string, where: string) => {
        // Code is literal in every language: the API's paths, its curl line and JSON answers (English, as the API speaks).
        if (/> (?:code|pre)\b/.test(where)) return '';
        let rest = unmarked(decode(text));
        if (!/\p{L}/u.test(rest)) return '';
        // A whole stored value, or a whole word of Intl's: at once (the pages show thousands).
        if (content.has(rest.trim()) || intl.has(rest.trim())) return '';
        // A stored value (or a line of one) cut short with an ellipsis: a quoted original beside its translation.
        if (/…$/.test(rest.trim())) {
          const cut = rest.trim().slice(0, -1).trim().replace(/\s+/g, ' ');
          if ([...content].some((c) => c.length > cut.length && c.replace(/\s+/g, ' ').startsWith(cut))) return '';
        }
        for (const a of allowed) if (rest.includes(a)) rest = rest.replace(patterns.get(a)!, ' ');
        // Words from the database as parts of longer values (a name inside "Name (Org)").
        rest = rest.replace(/\s+/g, ' ').trim();
        // Inside an isolate of database text (<bdi>, a search match's <mark>): a piece of a stored value.
        if (/> (bdi|mark)\b/.test(where) && unmarked(decode(text)).split(/ {2,}/).every((piece) => !/\p{L}/u.test(piece) || corpus.includes(piece.trim().replace(/\s+/g, ' ').replace(/^…\s*|\s*…$/g, '')) || intl.has(piece.trim()))) return '';
        return /\p{L}/u.test(rest) ? rest : '';
      };

      /**
       * Dates and moments are shown by Intl in the reader's language ("mardi 18 avril 2017"), never as ISO text
       * ("2017-04-18", "2026-11-30 04:05 UTC"): a visible text holding YYYY-MM-DD fails, except in code (<code>, <pre>),
       * in a form's value (a <textarea>, an input's value or placeholder: what is typed is ISO) and the machine-readable
       * `datetime` attribute (not a visible text). Allowed: an ISO date written in a catalogue message itself (the format a
       * field asks for, "e.g. 2024-05-02") or inside a stored text with words ("Report of 2024-05-02").
       */
      const ISO_DATE = /\d{4}-\d{2}-\d{2}/g;
      const isoAllowed = new Set<string>();
      for (const m of Object.values(CATALOGUES.en)) for (const d of String(m).match(ISO_DATE) ?? []) isoAllowed.add(d);
      for (const c of content) if (/\p{L}{2}/u.test(c) && !/^[[{]/.test(c)) for (const d of c.match(ISO_DATE) ?? []) isoAllowed.add(d);
      const isoDates = (text: string, where: string): string[] => {
        if (/> (?:code|pre|textarea)\b/.test(where) || /\[(?:value|placeholder)\]$/.test(where)) return [];
        return (decode(text).match(ISO_DATE) ?? []).filter((d) => !isoAllowed.has(d));
      };

      const event = await db.selectFrom('event').selectAll().where('slug', '=', EVENT).executeTakeFirstOrThrow();
      const misses: string[] = [];
      const seen = new Set<string>();
      let documents = 0;
      // The publication is written in French, so its frozen document is French too, its words the pseudo-locale's.
      const check = (what: string, html: string) => {
        assert.ok(html.includes('<html lang="fr"'), `${what} is the pseudo-locale's page`);
        documents++;
        for (const { where, text } of visibleTexts(html)) {
          const left = leftover(text, where);
          if (left && !seen.has(left)) {
            seen.add(left);
            misses.push(`${what} ${where}: "${left}" (in "${decode(text).trim().slice(0, 120)}")`);
          }
          for (const date of isoDates(text, where)) {
            if (seen.has(`${what} ${date}`)) continue;
            seen.add(`${what} ${date}`);
            misses.push(`${what} ${where}: a date shown as ISO text, not through Intl: "${date}" (in "${decode(text).trim().slice(0, 120)}")`);
          }
        }
      };
      const fr = (path: string) => `${site.base}/fr${path === '/' ? '/' : path}`;
      let instances = 0;
      const noSearchBox: string[] = [];
      for (const [route, list] of pages) {
        for (const x of list) {
          const r = await http('GET', fr(x.path), workspace.has(route) ? { cookie: admin.cookie } : {});
          assert.equal(r.status, x.status ?? 200, `${x.path}: ${r.status}`);
          instances++;
          check(x.path, r.body);
          // The public site's search box, on every public page (issue 12); not inside the frozen publication's own
          // document (a file like its PDF, with no site around it).
          if (!workspace.has(route) && route !== '/publications/:slug/:edition/publication.html' && !r.body.includes('<form class="site-search" method="get" action="/fr/search" role="search"><label for="site-search-q">')) noSearchBox.push(x.path);
        }
      }
      // The workspace's 403: a viewer of another series.
      const refusedPage = await http('GET', fr(forbidden), { cookie: `${viewerCookie.name}=${viewerCookie.value}` });
      assert.equal(refusedPage.status, 403);
      check(`${forbidden} (403)`, refusedPage.body);
      const cookie = admin.cookie;
      const speakerLink = { token: pages.get('/speak/:token')![0]!.path.split('/').at(-1)! };
      // Forms sent back with errors: every message beside a field comes from the catalogue too.
      const eventForm = await http('GET', fr(eventPath), { cookie });
      const hidden = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(eventForm.body)![1]!;
      const refused = [
        ['POST /admin/events/{id}', await http('POST', fr(eventPath), { cookie, origin: site.base }, { _csrf: hidden('_csrf'), version: hidden('version'), slug: 'Not A Slug', title: '', lang: 'en', start_date: '2017-13-01', end_date: '2017-07-18', time_zone: 'Mars/Olympus', venue: '', address: '', city: '', country_code: 'ZZ', overview: '', themes: '', contact_email: 'nobody' })],
        ['POST /speak/{token}/correction', await http('POST', `${site.base}/fr/speak/${speakerLink.token}/correction`, { origin: site.base }, { _csrf: linkCsrf(speakerLink.token), name: '' })],
      ] as const;
      for (const [what, r] of refused) {
        assert.equal(r.status, 400, what);
        assert.ok(r.body.includes('class="field-error"') || r.body.includes('class="form-error"'), `${what} shows its errors`);
        check(what, r.body);
      }
      // A session saved from a version another tab has moved on: the 409 conflict page.
      const sessionForm = await http('GET', fr(sessionPath), { cookie });
      const sessionId = Number(sessionPath.split('/').at(-1));
      const row = await db.selectFrom('session').select(['kind', 'number', 'title', 'start_time', 'end_time', 'version']).where('id', '=', sessionId).executeTakeFirstOrThrow();
      const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1]!;
      const opened = { _csrf: csrfOf(sessionForm.body), kind: row.kind, number: row.number === null ? '' : String(row.number), start_time: row.start_time ?? '', end_time: row.end_time ?? '', version: String(row.version) };
      // Titles other sessions have (stored values, which may show as they are).
      const [first, second] = (await db.selectFrom('session').select('title').where('title', 'is not', null).where('id', '!=', sessionId).orderBy('id').limit(2).execute()).map((x) => x.title!);
      const saved = await http('POST', fr(sessionPath), { cookie, origin: site.base }, { ...opened, title: first! });
      assert.equal(saved.status, 303, saved.body.match(/class="field-error"[^>]*>[^<]*/g)?.join(' '));
      const conflict = await http('POST', fr(sessionPath), { cookie, origin: site.base }, { ...opened, title: second! });
      assert.equal(conflict.status, 409);
      check(`POST ${sessionPath} (409)`, conflict.body);
      // A material saved and replaced from the version its page showed, changed meanwhile (409), as the every-page
      // browser test posts them (a stale delete is among the posts below).
      const materialForm = await http('GET', fr(materialsPath), { cookie });
      const bump = async (label: string) => {
        const { version } = await db.selectFrom('material').select('version').where('id', '=', materialId).executeTakeFirstOrThrow();
        await db.updateTable('material').set({ label, version: version + 1 }).where('id', '=', materialId).execute();
      };
      const materialVersion = new RegExp(`<form method="post" action="/fr/admin/materials/${materialId}"><input type="hidden" name="_csrf" value="[^"]*"/><input type="hidden" name="version" value="(\\d+)"`).exec(materialForm.body)?.[1];
      assert.ok(materialVersion, 'the kind/language/label form of the material');
      await bump('Background note (relabelled meanwhile)');
      // What was stored meanwhile and what this page sent (typed, never stored) may show as it is.
      for (const v of ['Background note (relabelled meanwhile)', 'Background note (mine)', 'mine.pdf']) content.add(v);
      // A file type is shown by its format's own name (PDF, DOCX, WebP), the same in every language, like a country's code.
      for (const v of Object.values(UPLOAD_TYPES)) content.add(v);
      const stale = [
        ['edit', await http('POST', fr(`/admin/materials/${materialId}`), { cookie, origin: site.base }, { _csrf: csrfOf(materialForm.body), version: materialVersion, kind: 'other', lang: 'en', label: 'Background note (mine)' })],
        [
          'replace',
          await (async () => {
            const m = multipart({ _csrf: csrfOf(materialForm.body), version: materialVersion }, { name: 'mine.pdf', type: 'application/pdf', bytes: Buffer.from('%PDF-1.4\nmine\n%%EOF\n') });
            return http('POST', fr(`/admin/materials/${materialId}/replace`), { cookie, origin: site.base, 'content-type': m.type, 'content-length': String(m.body.length) }, m.body);
          })(),
        ],
      ] as const;
      for (const [what, r] of stale) {
        assert.equal(r.status, 409, `a stale ${what} of a material: ${r.status}`);
        check(`POST /admin/materials/{id} (a stale ${what}, 409)`, r.body);
      }
      // Every other page answering a post (test/page-instances.ts's list): the form as the page gives it, filled, posted.
      for (const [x, { open, action, fill, meanwhile, as }] of prepared) {
        const signed = x.signedOut ? '' : (as?.cookie ?? cookie);
        const opened = await http('GET', fr(open), signed ? { cookie: signed } : {});
        assert.equal(opened.status, 200, `${x.name}: ${open} ${opened.status}`);
        const form = formFields(opened.body, `/fr${action}`, fill ?? {}, x.press);
        const jar = [signed, x.forgetCookies ? '' : cookiesOf(opened)].filter(Boolean).join('; ');
        if (meanwhile) await meanwhile();
        // What was typed, and what was stored meanwhile, may show as it is.
        for (const v of Object.values(fill ?? {})) addValue(v);
        for (const row of await db.selectFrom('material').selectAll().execute()) for (const v of Object.values(row)) addValue(v);
        let r;
        if (form.multipart) {
          const m = multipart(form.fields, x.file ? { name: x.file, type: 'application/pdf', bytes: Buffer.from('%PDF-1.4\nmine\n%%EOF\n') } : undefined);
          r = await http('POST', fr(action), { cookie: jar, origin: site.base, 'content-type': m.type, 'content-length': String(m.body.length) }, m.body);
        } else r = await http('POST', fr(action), { cookie: jar, origin: site.base }, form.fields);
        assert.equal(r.status, x.status, `${x.name}: POST ${action} ${r.status} ${r.location ?? ''} ${r.body.slice(r.body.indexOf('<main'), r.body.indexOf('<main') + 600)}`);
        const text = decode(r.body);
        for (const key of x.shows ?? []) for (const w of wordsOf(pseudoCatalogue[key]!)) assert.ok(text.includes(w), `${x.name}: the page shows ${key} ("${w}")`);
        check(`POST ${action} (${x.name})`, r.body);
      }
      // The 500 pages, last: the series table is gone from under the running server.
      await sql`ALTER TABLE series RENAME TO series_gone`.execute(db);
      const broken = [await http('GET', fr('/admin'), { cookie }), await http('GET', fr('/search?q=migration&kind=event'))];
      for (const r of broken) assert.equal(r.status, 500);
      check('/admin (500)', broken[0]!.body);
      check('/search (500)', broken[1]!.body);
      await sql`ALTER TABLE series_gone RENAME TO series`.execute(db);
      assert.equal(documents, instances + 1 + refused.length + 1 + stale.length + prepared.length + 2);
      assert.deepEqual(noSearchBox, []);
      console.log(`pseudo-locale: ${documents} documents (${pages.size} routes) rendered under /fr/`);
      assert.deepEqual(misses, [], `interface text outside the catalogue:\n${misses.join('\n')}`);
    } finally {
      await site.stop();
    }
  });
});
