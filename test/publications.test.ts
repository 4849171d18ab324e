// Publications (issue 14), through the doors a secretariat and a reader open: the seed event's
// publication compiled with `plenary publication compile` on the server's own database, frozen,
// downloaded again over HTTP byte for byte (SHA-256 as printed), its PDF's text read back with
// unpdf (every speaker's name, in programme order; an Arabic name readable), its fonts embedded;
// a second edition supersedes the first and both answer; the citation downloads parsed back by
// citation-js; the API; the workspace's forms (an editor of another series gets 403). Every engine.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-ris';
import '@citation-js/plugin-csl';
import { extractText, getDocumentProxy } from 'unpdf';
import { ENGINES } from './engines.ts';
import { decode, hidden, http, signedIn } from './http-client.ts';
import { runPlenary } from './plenary-cli.ts';
import { demoSite, type TestSite } from './server.ts';

const EVENT = 'idm-2017-new-york';
/** A GET, sent again once if the server closed the kept-alive socket meanwhile (a CLI run takes seconds). */
async function get(url: string) {
  try {
    return await http('GET', url);
  } catch (e) {
    if ((e as { code?: string }).code !== 'ECONNRESET') throw e;
    return await http('GET', url);
  }
}
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

async function pdfText(bytes: Uint8Array): Promise<string[]> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { text } = await extractText(pdf, { mergePages: false });
  return text as string[];
}
const flat = (s: string) => s.replace(/\s+/g, ' ');

/** The lines `plenary publication compile` printed, by their label. */
function printed(out: string): Record<string, string> {
  return Object.fromEntries(out.split('\n').flatMap((l) => { const m = /^(url|pdf|pdf sha256|html sha256): (.*)$/.exec(l); return m ? [[m[1]!, m[2]!]] : []; }));
}

const ARABIC_AGENDA = `Regional consultation on labour migration
Amman, 5 May 2024

DAY 1 – Sunday, 5 May 2024

10:00 – 11:00 Opening session
Moderator: Ms. Lina Haddad, Director, Regional Office, Jordan
Speakers:
H.E. Mr. محمد عبد الله, Minister of Labour, Jordan
Mr. Peter Lang, Director, International Labour Office
`;

for (const engine of ENGINES) {
  describe(`publications (${engine})`, () => {
    let site: TestSite;
    let env: Record<string, string>;
    const dir = mkdtempSync(join(tmpdir(), 'plenary-pub-'));
    before(async () => {
      site = await demoSite(engine);
      env = { PUBLIC_URL: site.base };
    });
    after(async () => {
      await site.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    test('unknown slugs, unpublished events and a year without events: exit code 2, saying what and where; nothing stored', async () => {
      let r = runPlenary(['publication', 'compile', '--event', 'no-such-event'], site.url, { env });
      assert.equal(r.code, 2, r.err);
      assert.match(r.err, /no event "no-such-event"/);
      r = runPlenary(['publication', 'compile', '--series', 'no-such-series', '--year', '2017'], site.url, { env });
      assert.equal(r.code, 2, r.err);
      assert.match(r.err, /no series "no-such-series"/);
      r = runPlenary(['publication', 'compile', '--series', 'international-dialogue-on-migration', '--year', '2016'], site.url, { env });
      assert.equal(r.code, 2, r.err);
      assert.match(r.err, /series "international-dialogue-on-migration" has no published event that starts in 2016/);
      const file = join(dir, 'draft.txt');
      writeFileSync(file, ARABIC_AGENDA);
      r = runPlenary(['import', file, '--series', 'amman-consultations', '--series-title', 'Amman consultations', '--event', 'amman-draft', '--title', 'Draft', '--time-zone', 'Asia/Amman'], site.url);
      assert.equal(r.code, 0, r.err);
      r = runPlenary(['publication', 'compile', '--event', 'amman-draft'], site.url, { env });
      assert.equal(r.code, 2, r.err);
      assert.match(r.err, /event "amman-draft" is not published: .*plenary publish --event amman-draft/);
      r = runPlenary(['publication', 'compile'], site.url, { env });
      assert.equal(r.code, 2);
      assert.match(r.err, /--event SLUG \(or --series SLUG --year YYYY\) is missing/);
      const rows = await site.storage.db.selectFrom('publication_edition').select('id').execute();
      assert.equal(rows.length, 0);
    });

    let first: Record<string, string>;
    test('the seed event compiled by the CLI: frozen, downloaded byte for byte, every speaker in programme order in the PDF, fonts embedded', async () => {
      const r = runPlenary(['publication', 'compile', '--event', EVENT], site.url, { env });
      assert.equal(r.code, 0, r.err);
      first = printed(r.out);
      assert.equal(first.url, `${site.base}/publications/${EVENT}/1`);
      assert.equal(first.pdf, `${site.base}/publications/${EVENT}/1.pdf`);

      const pdf = await get(first.pdf!);
      assert.equal(pdf.status, 200);
      assert.equal(pdf.headers['content-type'], 'application/pdf');
      assert.equal(pdf.headers['cache-control'], 'public, max-age=31536000, immutable');
      assert.equal(sha(pdf.bytes), first['pdf sha256']);
      const html = await get(`${first.url}/publication.html`);
      assert.equal(html.status, 200);
      assert.equal(sha(html.bytes), first['html sha256']);
      // The same bytes again: frozen.
      assert.equal(sha((await get(first.pdf!)).bytes), first['pdf sha256']);

      // Every speaker and moderator of the published programme, in its order, in the PDF's text.
      const api = JSON.parse((await get(`${site.base}/api/events/${EVENT}`)).body);
      const names: string[] = api.days.flatMap((d: any) => d.sessions.flatMap((s: any) => [...s.appearances.filter((a: any) => a.role === 'moderator'), ...s.appearances.filter((a: any) => a.role === 'speaker')].map((a: any) => a.person.name)));
      assert.ok(names.length >= 30, `${names.length} names`);
      const pages = await pdfText(pdf.bytes);
      // The programme: from the event's own title page on (the title page and contents come first), before the index.
      const text = flat(pages.join('\n'));
      const start = text.indexOf('Compiled from release 1');
      const end = text.lastIndexOf('Index Persons');
      assert.ok(start > 0 && end > start, 'the programme and the index are there');
      const programme = text.slice(start, end);
      let at = 0;
      for (const name of names) {
        const i = programme.indexOf(name, at);
        assert.ok(i >= 0, `${name} after position ${at} in programme order`);
        at = i + name.length;
      }
      // The contents and the index carry page numbers; every page but the title page a running head and its number.
      assert.match(flat(pages[1]!), /Contents International Dialogue on Migration 2017 — first workshop, New York 3/);
      for (let i = 1; i < pages.length; i++) assert.match(flat(pages[i]!), new RegExp(`Page ${i + 1}`));

      // Fonts: every font is a Type0/CIDFontType2 with its program embedded (FontFile2), none left to the reader.
      const raw = Buffer.from(pdf.bytes).toString('latin1');
      const descriptors = raw.match(/\/Type \/FontDescriptor/g)?.length ?? 0;
      const embedded = raw.match(/\/FontFile[23] /g)?.length ?? 0;
      assert.ok(descriptors >= 2, `${descriptors} font descriptors`);
      assert.equal(embedded, descriptors, 'every font descriptor has its font file');
      assert.doesNotMatch(raw, /\/Subtype \/Type1|\/BaseFont \/(Helvetica|Times|Courier)/, 'no standard font');
      // Title and language in the document's metadata, and an outline.
      const doc = await getDocumentProxy(new Uint8Array(pdf.bytes));
      const meta = (await doc.getMetadata()).info as Record<string, string>;
      assert.equal(meta.Title, 'International Dialogue on Migration 2017 — first workshop, New York (Edition 1)');
      assert.equal(meta.Language, 'en');
      const outline = await doc.getOutline();
      assert.deepEqual(outline.map((o) => o.title), ['Contents', 'International Dialogue on Migration 2017 — first workshop, New York', 'Index', 'Appendix: Who was heard: representation figures']);
      // The appendix: the representation figures' tables (issue 14's other half).
      assert.match(text.slice(end), /Appendix: Who was heard: representation figures/);
    });

    test('an Arabic name comes back readable from the PDF (shaped, in reading order)', async () => {
      const file = join(dir, 'amman.txt');
      writeFileSync(file, ARABIC_AGENDA);
      let r = runPlenary(['import', file, '--series', 'amman-consultations', '--event', 'amman-2024', '--title', 'Regional consultation on labour migration', '--time-zone', 'Asia/Amman', '--publish'], site.url);
      assert.equal(r.code, 0, r.err);
      r = runPlenary(['publication', 'compile', '--event', 'amman-2024'], site.url, { env });
      assert.equal(r.code, 0, r.err);
      const out = printed(r.out);
      const pdf = await get(out.pdf!);
      assert.equal(sha(pdf.bytes), out['pdf sha256']);
      const text = flat((await pdfText(pdf.bytes)).join('\n'));
      // Its words in reading order, each word's letters in order, the spaces between them, no stray code.
      const context = text.slice(text.indexOf('Speakers'), text.indexOf('Speakers') + 160);
      assert.ok(text.includes('H.E. Mr. محمد عبد الله, Minister of Labour, Jordan'), `the Arabic name in reading order with its spaces; the PDF reads: ${context}`);
      assert.doesNotMatch(context, /[\u0000-\u001f]/);
      assert.ok(text.includes('Lina Haddad') && text.includes('Peter Lang'));
      // And in the frozen HTML, isolated in <bdi>.
      const html = await get(`${out.url}/publication.html`);
      assert.match(html.body, /<bdi>H\.E\. Mr\. محمد عبد الله<\/bdi>|<bdi>محمد عبد الله<\/bdi>|<strong><bdi>[^<]*محمد عبد الله<\/bdi><\/strong>/);
    });

    test('a second edition needs its note, supersedes the first, and both answer', async () => {
      let r = runPlenary(['publication', 'compile', '--event', EVENT], site.url, { env });
      assert.equal(r.code, 2, r.err);
      assert.match(r.err, /edition 2 of "idm-2017-new-york" corrects edition 1: say what changed/);
      r = runPlenary(['publication', 'compile', '--event', EVENT, '--note', 'Affiliations corrected'], site.url, { env });
      assert.equal(r.code, 0, r.err);
      const second = printed(r.out);
      assert.equal(second.url, `${site.base}/publications/${EVENT}/2`);
      const latest = await get(`${site.base}/publications/${EVENT}`);
      assert.equal(latest.status, 302);
      assert.equal(latest.location, `/publications/${EVENT}/2`);
      const one = await get(first.url!);
      assert.equal(one.status, 200);
      const page1 = one.body;
      assert.match(page1, /This edition has been superseded\.<\/strong> <a href="\/publications\/idm-2017-new-york\/2">Read edition 2, the latest<\/a>/);
      assert.ok(page1.includes(`SHA-256: ${first['pdf sha256']}`));
      const two = (await get(second.url!)).body;
      assert.match(two, /This is the latest edition\./);
      assert.match(two, /What changed since edition 1<\/h2><p><bdi>Affiliations corrected<\/bdi>/);
      // The first edition's files are unchanged.
      assert.equal(sha((await get(first.pdf!)).bytes), first['pdf sha256']);
      assert.equal((await get(second.pdf!)).status, 200);
      // schema.org Report in the page.
      const ld = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(one.body)![1]!);
      assert.equal(ld['@type'], 'Report');
      assert.equal(ld.version, '1');
      assert.equal(ld.url, first.url);
      assert.equal(ld.author.name, 'International Organization for Migration');
      assert.equal(ld.workExample['@id'], second.url);
      // The API.
      const api = JSON.parse((await get(`${site.base}/api/publications/${EVENT}`)).body);
      assert.equal(api.latestEdition, 2);
      assert.deepEqual(api.editions.map((e: any) => [e.number, e.superseded, e.pdfSha256]), [[2, false, second['pdf sha256']], [1, true, first['pdf sha256']]]);
    });

    test('the citation downloads parse back with citation-js: title, date, edition and URL', async () => {
      const url = `${site.base}/publications/${EVENT}/2`;
      const today = new Date().toISOString().slice(0, 10).split('-').map(Number);
      for (const ext of ['bib', 'ris', 'csl.json']) {
        const r = await get(`${url}.${ext}`);
        assert.equal(r.status, 200, ext);
        const [item] = (await Cite.async(r.body)).data;
        assert.equal(item!.title, 'International Dialogue on Migration 2017 — first workshop, New York', ext);
        assert.equal(item!.URL, url, ext);
        assert.deepEqual(item!.issued['date-parts'][0].slice(0, ext === 'bib' ? 2 : 3), today.slice(0, ext === 'bib' ? 2 : 3), ext);
        assert.equal(String(item!.edition), '2', ext);
      }
      const page = decode((await get(url)).body);
      assert.match(page, new RegExp(`International Organization for Migration\\. \\(${today[0]}\\)\\. International Dialogue on Migration 2017 — first workshop, New York \\(2nd ed\\.`));
      assert.match(page, new RegExp(`International Organization for Migration\\. ${today[0]}\\. International Dialogue on Migration 2017 — first workshop, New York\\. 2nd ed\\.`));
    });

    test('the workspace: an editor of the series writes the texts and freezes; an editor of another series gets 403', async () => {
      const editor = await signedIn(site.storage, site.base, { email: 'ed@example.org', role: 'editor', series: ['international-dialogue-on-migration'] });
      const other = await signedIn(site.storage, site.base, { email: 'other@example.org', role: 'editor', series: ['amman-consultations'] });
      const list = await editor.get('/admin/series/international-dialogue-on-migration/publications');
      assert.equal(list.status, 200);
      const pub = await site.storage.db.selectFrom('publication').select(['id', 'version']).where('slug', '=', EVENT).executeTakeFirstOrThrow();
      assert.equal((await other.get(`/admin/publications/${pub.id}`)).status, 403);
      assert.equal((await other.get('/admin/series/international-dialogue-on-migration/publications')).status, 403);
      assert.equal((await other.post(`/admin/publications/${pub.id}/freeze`, { note: 'x' })).status, 403);
      const form = await editor.get(`/admin/publications/${pub.id}`);
      assert.equal(form.status, 200);
      const version = hidden(form.body, 'version')[0]!;
      const saved = await editor.post(`/admin/publications/${pub.id}`, {
        version,
        title: 'IDM 2017: New York',
        subtitle: 'Global compact',
        lang: 'en',
        foreword: 'The **first** workshop.\n\n<script>alert(1)</script>\n\n- one\n- two',
        summary: 'See [the event](https://example.org/e) and [this](javascript:alert(1)).',
      });
      assert.equal(saved.status, 303, saved.body);
      // Without the CSRF token: refused, nothing frozen.
      const noToken = await http('POST', `${site.base}/admin/publications/${pub.id}/freeze`, { origin: site.base }, { note: 'x' });
      assert.ok(noToken.status === 401 || noToken.status === 403, String(noToken.status));
      const frozen = await editor.post(`/admin/publications/${pub.id}/freeze`, { note: 'Foreword and summary' });
      assert.equal(frozen.status, 303);
      assert.equal(frozen.location, `/admin/publications/${pub.id}?frozen=3`);
      const html = (await get(`${site.base}/publications/${EVENT}/3/publication.html`)).body;
      assert.match(html, /<h1><bdi>IDM 2017: New York<\/bdi><\/h1>/);
      assert.match(html, /<p>The <strong>first<\/strong> workshop\.<\/p>\n<p>&lt;script&gt;alert\(1\)&lt;\/script&gt;<\/p>/);
      assert.match(html, /<a href="https:\/\/example\.org\/e">the event<\/a>/);
      assert.doesNotMatch(html, /href="javascript:/);
      const audit = await site.storage.db.selectFrom('audit_entry').select(['action', 'entity']).where('entity', '=', 'publication').where('entity_id', '=', pub.id).orderBy('id').execute();
      assert.deepEqual(audit.map((a) => a.action), ['publish', 'publish', 'update', 'publish']);
    });

    test('the foreword and summary in several languages: each version in the edition, marked with its language in the HTML, its text in the PDF', async () => {
      const editor = await signedIn(site.storage, site.base, { email: 'ed2@example.org', role: 'editor', series: ['international-dialogue-on-migration'] });
      const pub = await site.storage.db.selectFrom('publication').select(['id', 'version']).where('slug', '=', EVENT).executeTakeFirstOrThrow();
      const form = await editor.get(`/admin/publications/${pub.id}`);
      // One pair of fields per language, the publication's own first, then the interface's order, each field in its language.
      assert.deepEqual([...form.body.matchAll(/<textarea id="(foreword-\w+)"[^>]* lang="(\w+)" dir="(\w+)"/g)].map((m) => [m[1], m[2], m[3]]), [
        ['foreword-en', 'en', 'ltr'],
        ['foreword-es', 'es', 'ltr'],
        ['foreword-fr', 'fr', 'ltr'],
        ['foreword-ar', 'ar', 'rtl'],
      ]);
      const saved = await editor.post(`/admin/publications/${pub.id}`, {
        version: hidden(form.body, 'version')[0]!,
        title: 'IDM 2017: New York',
        subtitle: '',
        lang: 'en',
        'foreword-en': 'The first workshop of the year.',
        'foreword-fr': 'Le premier atelier de l’année.',
        'foreword-es': '',
        'foreword-ar': 'ورشة العمل الأولى لهذا العام.',
        'summary-en': 'Cities asked to be heard.',
        'summary-fr': '',
        'summary-es': 'Las ciudades pidieron ser escuchadas.',
        'summary-ar': '',
      });
      assert.equal(saved.status, 303, saved.body);
      const rows = await site.storage.db.selectFrom('translation').select(['field', 'lang', 'value']).where('entity', '=', 'publication').where('entity_id', '=', pub.id).orderBy('field').orderBy('lang').execute();
      assert.deepEqual(rows.map((r) => [r.field, r.lang, r.value]), [
        ['foreword', 'ar', 'ورشة العمل الأولى لهذا العام.'],
        ['foreword', 'fr', 'Le premier atelier de l’année.'],
        ['summary', 'es', 'Las ciudades pidieron ser escuchadas.'],
      ]);
      // The form shows them back, each in its field.
      const again = await editor.get(`/admin/publications/${pub.id}`);
      assert.match(again.body, /<textarea id="foreword-fr"[^>]*>Le premier atelier de l’année\.<\/textarea>/);
      assert.match(again.body, /<textarea id="summary-es"[^>]*>Las ciudades pidieron ser escuchadas\.<\/textarea>/);
      const frozen = await editor.post(`/admin/publications/${pub.id}/freeze`, { note: 'Foreword in French and Arabic, summary in Spanish' });
      assert.equal(frozen.status, 303, frozen.body);
      assert.equal(frozen.location, `/admin/publications/${pub.id}?frozen=4`);
      const html = (await get(`${site.base}/publications/${EVENT}/4/publication.html`)).body;
      const section = (id: string) => {
        const at = html.indexOf(`<section aria-labelledby="${id}">`);
        return html.slice(at, html.indexOf('</section>', at));
      };
      assert.equal(
        section('foreword'),
        '<section aria-labelledby="foreword"><h2 id="foreword">Foreword</h2>' +
          '<h3 id="foreword-en">English</h3><div class="text-version" lang="en" dir="ltr"><p>The first workshop of the year.</p>\n</div>' +
          '<h3 id="foreword-fr">French</h3><div class="text-version" lang="fr" dir="ltr"><p>Le premier atelier de l’année.</p>\n</div>' +
          '<h3 id="foreword-ar">Arabic</h3><div class="text-version" lang="ar" dir="rtl"><p>ورشة العمل الأولى لهذا العام.</p>\n</div>',
      );
      assert.equal(
        section('summary'),
        '<section aria-labelledby="summary"><h2 id="summary">Summary</h2>' +
          '<h3 id="summary-en">English</h3><div class="text-version" lang="en" dir="ltr"><p>Cities asked to be heard.</p>\n</div>' +
          '<h3 id="summary-es">Spanish</h3><div class="text-version" lang="es" dir="ltr"><p>Las ciudades pidieron ser escuchadas.</p>\n</div>',
      );
      // The edition's page shows the same frozen body.
      const page = (await get(`${site.base}/publications/${EVENT}/4`)).body;
      assert.ok(page.includes('<div class="text-version" lang="ar" dir="rtl"><p>ورشة العمل الأولى لهذا العام.</p>'));
      // The PDF: each version under its language's name, the Arabic one's words in reading order with their spaces.
      const pdf = await get(`${site.base}/publications/${EVENT}/4.pdf`);
      const text = flat((await pdfText(pdf.bytes)).join('\n'));
      const foreword = text.slice(text.indexOf('Foreword English'), text.indexOf('Summary English'));
      assert.ok(foreword.startsWith('Foreword English The first workshop of the year. French Le premier atelier de l’année. Arabic '), foreword);
      assert.ok(foreword.includes('Arabic ورشة العمل الأولى لهذا العام.'), `the Arabic foreword, its words in order with their spaces: ${foreword}`);
      assert.ok(text.includes('Summary English Cities asked to be heard. Spanish Las ciudades pidieron ser escuchadas.'), text.slice(text.indexOf('Summary English'), text.indexOf('Summary English') + 120));
      const outline = await (await getDocumentProxy(new Uint8Array(pdf.bytes))).getOutline();
      assert.deepEqual(outline.map((o) => o.title).slice(0, 3), ['Contents', 'Foreword', 'Summary']);
    });

    test('a save keeps the texts in a language this instance does not offer (written by an instance with another catalogue)', async () => {
      const editor = await signedIn(site.storage, site.base, { email: 'ed3@example.org', role: 'editor', series: ['international-dialogue-on-migration'] });
      const pub = await site.storage.db.selectFrom('publication').select(['id']).where('slug', '=', EVENT).executeTakeFirstOrThrow();
      // What an instance whose catalogues include Portuguese stored (catalogue-discovery.test.ts serves such one).
      await site.storage.db.insertInto('translation').values({ entity: 'publication', entity_id: pub.id, field: 'foreword', lang: 'pt', value: 'O primeiro seminário do ano.' }).execute();
      const form = await editor.get(`/admin/publications/${pub.id}`);
      assert.doesNotMatch(form.body, /foreword-pt/);
      const saved = await editor.post(`/admin/publications/${pub.id}`, {
        version: hidden(form.body, 'version')[0]!,
        title: 'IDM 2017: New York',
        subtitle: '',
        lang: 'en',
        'foreword-en': 'The first workshop of the year.',
        'foreword-fr': '',
        'foreword-es': 'El primer taller del año.',
        'foreword-ar': 'ورشة العمل الأولى لهذا العام.',
        'summary-en': 'Cities asked to be heard.',
        'summary-fr': '',
        'summary-es': 'Las ciudades pidieron ser escuchadas.',
        'summary-ar': '',
      });
      assert.equal(saved.status, 303, saved.body);
      const rows = await site.storage.db.selectFrom('translation').select(['field', 'lang', 'value']).where('entity', '=', 'publication').where('entity_id', '=', pub.id).orderBy('field').orderBy('lang').execute();
      assert.deepEqual(rows.map((r) => [r.field, r.lang, r.value]), [
        ['foreword', 'ar', 'ورشة العمل الأولى لهذا العام.'],
        ['foreword', 'es', 'El primer taller del año.'],
        ['foreword', 'pt', 'O primeiro seminário do ano.'],
        ['summary', 'es', 'Las ciudades pidieron ser escuchadas.'],
      ]);
      // The audit entry names what this save changed: French emptied, Spanish written; Portuguese on both sides.
      const entry = await site.storage.db.selectFrom('audit_entry').select(['before', 'after']).where('entity', '=', 'publication').where('entity_id', '=', pub.id).orderBy('id', 'desc').executeTakeFirstOrThrow();
      const [b, a] = [JSON.parse(String(entry.before)).translations, JSON.parse(String(entry.after)).translations];
      assert.ok(b.includes('O primeiro seminário do ano.') && a.includes('O primeiro seminário do ano.'), `${b} / ${a}`);
      assert.ok(b.includes('Le premier atelier') && !a.includes('Le premier atelier'), `${b} / ${a}`);
    });
  });
}
