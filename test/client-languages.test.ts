// The seed event in French and Arabic as real programs read it (issue 13), on every engine: an
// admin enters French titles on the translation form and publishes; then
// - the /fr/ and /ar/ iCalendar files are read by Python's icalendar (SUMMARY, DESCRIPTION,
//   LOCATION, instants) and by khal (imported into a fresh calendar, `khal list`), with exact French
//   titles and descriptions (sessions headed as the French page heads them: "Table ronde 1: …"),
//   country names in French and Arabic, Arabic role words, links to the French and Arabic pages,
//   and the venue's times as UTC instants; a person's /fr/ and /ar/ calendar likewise (its URL and
//   SOURCE under the prefix, each session as the event's calendar in that language has it);
// - the French participants CSV and XLSX, the Arabic participants CSV and the representation
//   figures CSV in French and Arabic are opened by LibreOffice Calc (headless, saved as CSV): every
//   cell as the file has it, accents and Arabic script intact, dates kept as written.
// - Spanish, where nothing is translated: the original titles with Spanish role words, language and
//   country names (Marruecos) in the iCalendar file (Python's icalendar) and the participants CSV and
//   XLSX (LibreOffice); each XLSX's sheet is named in its language (Participants, Participantes,
//   المشاركون), as LibreOffice reads it;
// - the frab schedule.xml and schedule.json under /fr/ give country names in French (Maroc).
// - the /fr/ event page: its printed running title (@top-center) is the French title, allowed by its hash in
//   the CSP, and the material label entered in French is shown marked lang="fr".
// Each program is skipped, visibly, where it is not installed.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { KHAL_SKIP, khalRead, LIBREOFFICE_SKIP, libreOfficeCells, parseCsv, PY_ICALENDAR_SKIP, pythonIcalendarCalendar, pythonIcalendarEvents } from './calendar-clients.ts';
import { ENGINES } from './engines.ts';
import { http, signedIn, versions } from './http-client.ts';
import { demoSite, type TestSite } from './server.ts';
import { translator } from '../src/web/i18n/t.ts';
import { sessionHeading } from '../src/web/views/format.ts';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { interfaceLanguage } from '../src/interface-languages.ts';

const EVENT = '/events/idm-2017-new-york';
const PERSON = '/people/william-lacy-swing';
// The words the files take from the catalogue: role words, the colon after them (French puts a
// no-break space before it), a numbered panel's heading.
const tFr = translator(interfaceLanguage('fr'));
const tAr = translator(interfaceLanguage('ar'));
const SPEAKER_FR = `${tFr('role.speaker')}${tFr('punct.colon')}`;
const MODERATOR_FR = `${tFr('role.moderator')}${tFr('punct.colon')}`;
const tEs = translator(interfaceLanguage('es'));
const SPEAKER_ES = `${tEs('role.speaker')}${tEs('punct.colon')}`;
const MODERATOR_ES = `${tEs('role.moderator')}${tEs('punct.colon')}`;
const SPEAKER_AR = `${tAr('role.speaker')}${tAr('punct.colon')}`;
const MODERATOR_AR = `${tAr('role.moderator')}${tAr('punct.colon')}`;

/** The names of a spreadsheet's sheets as LibreOffice Calc reads them (converted to a flat ODF spreadsheet). */
function libreOfficeSheetNames(bytes: Buffer, ext: 'xlsx'): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'plenary-calc-'));
  try {
    const file = join(dir, `in.${ext}`);
    writeFileSync(file, bytes);
    const out = join(dir, 'out');
    const r = spawnSync('soffice', [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', 'fods', '--outdir', out, file], { encoding: 'utf8', timeout: 300_000 });
    assert.equal(r.status, 0, r.stderr);
    const xml = readFileSync(join(out, 'in.fods'), 'utf8');
    return [...xml.matchAll(/<table:table table:name="([^"]*)"/g)].map((m) => m[1]!);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** khal's records (each format ended by ␞), without the day headings it prints ("Tuesday, 2017-04-18"). */
const khalRecords = (raw: string) => raw.replace(/^[A-Z][a-z]+day, \d{4}-\d{2}-\d{2}\n/gm, '').split('␞').map((x) => x.trim()).filter(Boolean);

const EVENT_FR = 'Dialogue international sur la migration 2017 — premier atelier, New York';
const OPENING_FR = 'Séance d’ouverture';
const PANEL_1_FR = 'Mettre en œuvre les ODD et les autres grands cadres : comment le Pacte mondial sur les migrations peut aider à tenir les engagements pris';
/** Panel 1 headed as the French page heads it ("Table ronde 1 : …"). */
const panel1Fr = sessionHeading({ kind: 'panel', number: 1, title: PANEL_1_FR }, tFr);
const REMARKS_FR = 'Allocution d’ouverture';
const PANEL_1 = 'Implementing the SDGs and other major frameworks: how the Global Compact on Migration can help meet commitments made';
const EVENT_EN = 'International Dialogue on Migration 2017 — first workshop, New York';

for (const engine of ENGINES) {
  describe(`the seed event in French and Arabic, read by real programs (${engine})`, () => {
    let site: TestSite;
    const files: Record<string, Buffer> = {};
    before(async () => {
      site = await demoSite(engine);
      const admin = await signedIn(site.storage, site.base, { email: 'admin@example.org', role: 'admin' });
      const event = await site.storage.db.selectFrom('event').select('id').where('slug', '=', 'idm-2017-new-york').executeTakeFirstOrThrow();
      const sessions = await site.storage.db.selectFrom('session').select(['id', 'title']).where('event_id', '=', event.id).execute();
      const id = (title: string) => sessions.find((s) => s.title === title)!.id;
      const remarks = await site.storage.db.selectFrom('material').select('id').where('event_id', '=', event.id).where('label', '=', 'Opening remarks').executeTakeFirstOrThrow();
      const form = await admin.get(`/admin/events/${event.id}/translations/fr`);
      assert.equal(form.status, 200);
      // Every field of the form is sent (empty where nothing is translated), as a browser sends it.
      const fields = Object.fromEntries([...form.body.matchAll(/<(?:input|textarea) id="[^"]+" name="([^"]+)"/g)].map((m) => [m[1]!, '']));
      const saved = await admin.post(`/admin/events/${event.id}/translations/fr`, {
        ...fields,
        ...versions(form.body),
        'event.title': EVENT_FR,
        [`session.${id('Opening Session')}.title`]: OPENING_FR,
        [`session.${id(PANEL_1)}.title`]: PANEL_1_FR,
        [`material.${remarks.id}.label`]: REMARKS_FR,
      });
      assert.equal(saved.status, 303, saved.body);
      assert.equal((await admin.post(`/admin/events/${event.id}/publish`, { note: 'Titres en français' })).status, 303);
      for (const [name, path] of [
        ['fr.ics', `/fr${EVENT}/calendar.ics`],
        ['ar.ics', `/ar${EVENT}/calendar.ics`],
        ['fr-person.ics', `/fr${PERSON}/calendar.ics`],
        ['ar-person.ics', `/ar${PERSON}/calendar.ics`],
        ['en-person.ics', `${PERSON}/calendar.ics`],
        ['fr-participants.csv', `/fr${EVENT}/participants.csv`],
        ['fr-participants.xlsx', `/fr${EVENT}/participants.xlsx`],
        ['ar-participants.csv', `/ar${EVENT}/participants.csv`],
        ['ar-participants.xlsx', `/ar${EVENT}/participants.xlsx`],
        ['es.ics', `/es${EVENT}/calendar.ics`],
        ['es-participants.csv', `/es${EVENT}/participants.csv`],
        ['es-participants.xlsx', `/es${EVENT}/participants.xlsx`],
        ['fr-schedule.xml', `/fr${EVENT}/schedule.xml`],
        ['fr-schedule.json', `/fr${EVENT}/schedule.json`],
        ['fr-representation.csv', `/fr${EVENT}/representation.csv`],
        ['ar-representation.csv', `/ar${EVENT}/representation.csv`],
      ] as const) {
        const r = await http('GET', site.base + path);
        assert.equal(r.status, 200, path);
        files[name] = r.bytes;
      }
    });
    after(() => site?.stop());

    const text = (name: string) => files[name]!.toString('utf8');
    // The calendar's links open the page in its own language.
    const page = (n: number, lang: 'fr' | 'ar' | 'es' = 'fr') => `${site.base}/${lang}${EVENT}#session-${n}`;

    test('python-icalendar reads the French titles, descriptions and the venue’s times, the Arabic role words, and the Spanish role words, language and country names', { skip: PY_ICALENDAR_SKIP }, () => {
      const fr = pythonIcalendarEvents(text('fr.ics'));
      assert.equal(fr.length, 10);
      assert.deepEqual(fr[0], {
        summary: `${OPENING_FR} — ${EVENT_FR}`,
        description: [
          `${SPEAKER_FR}William Lacy Swing, Director General, International Organization for Migration`,
          `  ${REMARKS_FR} (anglais)`,
          `${SPEAKER_FR}Louise Arbour, Special Representative of the Secretary General for International Migration`,
          '  Keynote remarks (anglais)',
          '',
          page(1),
        ].join('\n'),
        location: 'United Nations Headquarters, New York',
        url: page(1),
        start: '2017-04-18T14:00:00Z',
        end: '2017-04-18T15:30:00Z',
      });
      assert.equal(fr[1]!.summary, `${panel1Fr} — ${EVENT_FR}`);
      assert.ok(fr[1]!.description!.startsWith(`${MODERATOR_FR}William Lacy Swing, Director General, International Organization for Migration\n${SPEAKER_FR}Ahmed Hussen, Minister of Immigration, Refugees, and Citizenship, Canada\n  Statement (anglais)\n`), fr[1]!.description!);
      assert.deepEqual([fr[1]!.start, fr[1]!.end], ['2017-04-18T15:30:00Z', '2017-04-18T17:00:00Z']);
      // Country names in the calendar's language: Morocco is Maroc (and المغرب below).
      assert.ok(fr[3]!.description!.startsWith(`${MODERATOR_FR}El Habib Nadir, Secretary General, Ministry in Charge of Moroccans living abroad and migration affairs, Maroc\n`), fr[3]!.description!);
      // A session without a translation keeps its original title; the event's is French in every summary.
      assert.equal(fr[2]!.summary, `Break — ${EVENT_FR}`);
      assert.deepEqual(fr.map((e) => e.start), ['2017-04-18T14:00:00Z', '2017-04-18T15:30:00Z', '2017-04-18T17:00:00Z', '2017-04-18T19:00:00Z', '2017-04-18T20:30:00Z', '2017-04-19T14:00:00Z', '2017-04-19T15:30:00Z', '2017-04-19T17:00:00Z', '2017-04-19T19:00:00Z', '2017-04-19T20:30:00Z']);

      // Arabic: no content is written in Arabic, so the original titles, with the Arabic role words and language names.
      const ar = pythonIcalendarEvents(text('ar.ics'));
      assert.equal(ar[0]!.summary, `Opening Session — ${EVENT_EN}`);
      assert.equal(
        ar[0]!.description,
        [`${SPEAKER_AR}William Lacy Swing, Director General, International Organization for Migration`, '  Opening remarks (الإنجليزية)', `${SPEAKER_AR}Louise Arbour, Special Representative of the Secretary General for International Migration`, '  Keynote remarks (الإنجليزية)', '', page(1, 'ar')].join('\n'),
      );
      assert.ok(ar[1]!.description!.startsWith(`${MODERATOR_AR}William Lacy Swing, `), ar[1]!.description!);
      assert.equal(ar[0]!.url, page(1, 'ar'));
      assert.ok(ar[3]!.description!.startsWith(`${MODERATOR_AR}El Habib Nadir, Secretary General, Ministry in Charge of Moroccans living abroad and migration affairs, المغرب\n`), ar[3]!.description!);
      assert.deepEqual(ar.map((e) => [e.start, e.end]), fr.map((e) => [e.start, e.end]));

      // Spanish: nothing translated, so the original titles, with Spanish role words, language and country names.
      const es = pythonIcalendarEvents(text('es.ics'));
      assert.equal(es[0]!.summary, `Opening Session — ${EVENT_EN}`);
      assert.equal(
        es[0]!.description,
        [`${SPEAKER_ES}William Lacy Swing, Director General, International Organization for Migration`, '  Opening remarks (inglés)', `${SPEAKER_ES}Louise Arbour, Special Representative of the Secretary General for International Migration`, '  Keynote remarks (inglés)', '', page(1, 'es')].join('\n'),
      );
      assert.equal(es[1]!.summary, `${sessionHeading({ kind: 'panel', number: 1, title: PANEL_1 }, tEs)} — ${EVENT_EN}`);
      assert.ok(es[1]!.description!.startsWith(`${MODERATOR_ES}William Lacy Swing, `), es[1]!.description!);
      assert.ok(es[1]!.description!.includes(`${SPEAKER_ES}Ahmed Hussen, Minister of Immigration, Refugees, and Citizenship, Canadá\n`), es[1]!.description!);
      assert.ok(es[3]!.description!.startsWith(`${MODERATOR_ES}El Habib Nadir, Secretary General, Ministry in Charge of Moroccans living abroad and migration affairs, Marruecos\n`), es[3]!.description!);
      assert.equal(es[0]!.url, page(1, 'es'));
      assert.deepEqual(es.map((e) => [e.start, e.end]), fr.map((e) => [e.start, e.end]));
    });

    test('python-icalendar reads a person’s calendar in French and Arabic: titles, role words, country names and links in the calendar’s language', { skip: PY_ICALENDAR_SKIP }, () => {
      // The calendar itself: the person's name, their page and the feed under the calendar's prefix.
      assert.deepEqual(pythonIcalendarCalendar(text('fr-person.ics')), { name: 'William Lacy Swing', url: `${site.base}/fr${PERSON}`, source: `${site.base}/fr${PERSON}/calendar.ics` });
      assert.deepEqual(pythonIcalendarCalendar(text('ar-person.ics')), { name: 'William Lacy Swing', url: `${site.base}/ar${PERSON}`, source: `${site.base}/ar${PERSON}/calendar.ics` });
      assert.deepEqual(pythonIcalendarCalendar(text('en-person.ics')), { name: 'William Lacy Swing', url: `${site.base}${PERSON}`, source: `${site.base}${PERSON}/calendar.ics` });
      // Each of their sessions exactly as the event's own calendar in that language has it (French
      // titles, French role words and colon, links to the French page), and only theirs.
      const fr = pythonIcalendarEvents(text('fr-person.ics'));
      const frEvent = pythonIcalendarEvents(text('fr.ics'));
      assert.deepEqual(fr, frEvent.filter((e) => e.description!.includes('William Lacy Swing')));
      assert.deepEqual(fr.slice(0, 2).map((e) => [e.summary, e.url]), [
        [`${OPENING_FR} — ${EVENT_FR}`, page(1)],
        [`${panel1Fr} — ${EVENT_FR}`, page(2)],
      ]);
      assert.ok(fr[1]!.description!.startsWith(`${MODERATOR_FR}William Lacy Swing, Director General, International Organization for Migration\n`), fr[1]!.description!);
      const ar = pythonIcalendarEvents(text('ar-person.ics'));
      assert.deepEqual(ar, pythonIcalendarEvents(text('ar.ics')).filter((e) => e.description!.includes('William Lacy Swing')));
      assert.deepEqual(ar.slice(0, 2).map((e) => [e.summary, e.url]), [
        [`Opening Session — ${EVENT_EN}`, page(1, 'ar')],
        [`${sessionHeading({ kind: 'panel', number: 1, title: PANEL_1 }, tAr)} — ${EVENT_EN}`, page(2, 'ar')],
      ]);
      // English: the pages at the root, as before.
      const en = pythonIcalendarEvents(text('en-person.ics'));
      assert.equal(en.length, fr.length);
      assert.deepEqual(en.slice(0, 2).map((e) => [e.summary, e.url]), [
        [`Opening Session — ${EVENT_EN}`, `${site.base}${EVENT}#session-1`],
        [`Panel 1: ${PANEL_1} — ${EVENT_EN}`, `${site.base}${EVENT}#session-2`],
      ]);
    });

    test('khal imports the French and Arabic calendars and lists the French titles and descriptions at the venue’s times (in UTC)', { skip: KHAL_SKIP }, () => {
      const fr = khalRead(text('fr.ics'), '2017-04-18', 2, '{title}|{start-long}|{end-long}|{location}|{description}␞');
      const events = khalRecords(fr.raw);
      assert.equal(events.length, 10);
      assert.equal(
        events[0],
        [
          `${OPENING_FR} — ${EVENT_FR}|2017-04-18 14:00|2017-04-18 15:30|United Nations Headquarters, New York|${SPEAKER_FR}William Lacy Swing, Director General, International Organization for Migration`,
          `  ${REMARKS_FR} (anglais)`,
          `${SPEAKER_FR}Louise Arbour, Special Representative of the Secretary General for International Migration`,
          '  Keynote remarks (anglais)',
          '',
          page(1),
        ].join('\n'),
      );
      assert.ok(events[1]!.startsWith(`${panel1Fr} — ${EVENT_FR}|2017-04-18 15:30|2017-04-18 17:00|United Nations Headquarters, New York|${MODERATOR_FR}William Lacy Swing,`), events[1]);
      assert.equal(events[9]!.split('|').slice(1, 3).join('|'), '2017-04-19 20:30|2017-04-19 21:00');
      const ar = khalRead(text('ar.ics'), '2017-04-18', 2, '{title}|{start-long}|{description}␞');
      const arEvents = khalRecords(ar.raw);
      assert.equal(arEvents.length, 10);
      assert.ok(arEvents[0]!.startsWith(`Opening Session — ${EVENT_EN}|2017-04-18 14:00|${SPEAKER_AR}William Lacy Swing, `), arEvents[0]);
      assert.ok(arEvents[0]!.includes('\n  Opening remarks (الإنجليزية)\n'), arEvents[0]);
    });

    test('LibreOffice Calc opens the French, Spanish and Arabic participants lists (CSV and XLSX, each sheet named in its language) and representation figures with every cell as written', { skip: LIBREOFFICE_SKIP }, () => {
      // The French participants CSV: Calc reads exactly the cells the file holds.
      const csvFr = parseCsv(text('fr-participants.csv'));
      const calcCsvFr = libreOfficeCells(files['fr-participants.csv']!, 'csv');
      assert.deepEqual(calcCsvFr, csvFr);
      assert.deepEqual(calcCsvFr[0], ['Titre', 'Nom', 'Fonction', 'Organisation', 'Type d’organisation', 'Pays', 'Code pays', 'Rôles', 'Séances', 'Jours', 'Documents']);
      assert.deepEqual(calcCsvFr[1], [
        '', 'William Lacy Swing', 'Director General', 'International Organization for Migration', 'ONU ou autre organisation intergouvernementale', '', '',
        `${tFr('role.speaker')}; ${tFr('role.moderator')}`, `${OPENING_FR}; ${panel1Fr}`, '2017-04-18', REMARKS_FR,
      ]);
      const gomez = calcCsvFr.find((r) => r[1] === 'Juan José Gómez Camacho');
      assert.ok(gomez, 'the accented name is read intact');
      // Country names in French (countryLabel in the reader's language): Morocco is Maroc.
      assert.deepEqual(calcCsvFr.find((r) => r[1] === 'El Habib Nadir')!.slice(5, 7), ['Maroc', 'MA']);

      // The XLSX: its heading (the event's French title, the dates and place in French), then the same table.
      const calcXlsxFr = libreOfficeCells(files['fr-participants.xlsx']!, 'xlsx');
      const width = csvFr[0]!.length;
      const pad = (cells: string[]) => [...cells, ...Array(width - cells.length).fill('')];
      assert.deepEqual(calcXlsxFr.slice(0, 3), [pad([EVENT_FR]), pad(['18–19 avril 2017 · United Nations Headquarters, New York']), pad([])]);
      assert.deepEqual(calcXlsxFr.slice(3), csvFr);

      // Arabic: the headers and words in Arabic script, intact.
      const csvAr = parseCsv(text('ar-participants.csv'));
      const calcCsvAr = libreOfficeCells(files['ar-participants.csv']!, 'csv');
      assert.deepEqual(calcCsvAr, csvAr);
      assert.deepEqual(calcCsvAr[0], ['اللقب', 'الاسم', 'المنصب', 'المنظمة', 'نوع المنظمة', 'البلد', 'رمز البلد', 'الأدوار', 'الجلسات', 'الأيام', 'الوثائق']);
      assert.equal(calcCsvAr.find((r) => r[1] === 'Ahmed Hussen')![5], 'كندا');

      // Spanish: the headers, role words and country names in Spanish; the XLSX the same table under its heading.
      const csvEs = parseCsv(text('es-participants.csv'));
      const calcCsvEs = libreOfficeCells(files['es-participants.csv']!, 'csv');
      assert.deepEqual(calcCsvEs, csvEs);
      assert.deepEqual(calcCsvEs[0], ['Tratamiento', 'Nombre', 'Cargo', 'Organización', 'Tipo de organización', 'País', 'Código de país', 'Funciones', 'Sesiones', 'Días', 'Documentos']);
      assert.deepEqual(calcCsvEs.find((r) => r[1] === 'El Habib Nadir')!.slice(4, 8), ['Gobierno de un Estado Miembro', 'Marruecos', 'MA', tEs('role.moderator')]);
      assert.equal(calcCsvEs.find((r) => r[1] === 'Ahmed Hussen')![5], 'Canadá');
      const calcXlsxEs = libreOfficeCells(files['es-participants.xlsx']!, 'xlsx');
      assert.deepEqual(calcXlsxEs.slice(3), csvEs);
      assert.equal(calcXlsxEs[0]![0], EVENT_EN);

      // Each XLSX's sheet is named in the file's language.
      assert.deepEqual(libreOfficeSheetNames(files['fr-participants.xlsx']!, 'xlsx'), ['Participants']);
      assert.deepEqual(libreOfficeSheetNames(files['es-participants.xlsx']!, 'xlsx'), ['Participantes']);
      assert.deepEqual(libreOfficeSheetNames(files['ar-participants.xlsx']!, 'xlsx'), ['المشاركون']);

      // The representation figures: the labels in French and in Arabic as written; the counts as numbers.
      for (const name of ['fr-representation.csv', 'ar-representation.csv']) {
        const written = parseCsv(text(name));
        const calc = libreOfficeCells(files[name]!, 'csv');
        assert.equal(calc.length, written.length, name);
        const m49 = written[0]!.indexOf('m49');
        // Every cell as written, but the M49 codes, which Calc reads as the numbers they are ("002" is 2).
        assert.deepEqual(calc.map((r) => r.filter((_, i) => i !== m49)), written.map((r) => r.filter((_, i) => i !== m49)), name);
        assert.deepEqual(calc.map((r) => r[m49]), written.map((r, i) => (i === 0 || r[m49] === '' ? r[m49] : String(Number(r[m49])))), name);
      }
      const fr = libreOfficeCells(files['fr-representation.csv']!, 'csv');
      assert.deepEqual(fr[1], ['event', 'idm-2017-new-york', '', 'total', 'all', 'Ensemble', '', '35', '37', '31', '31', '6', '6', '39600']);
      assert.deepEqual(fr.find((r) => r[4] === 'declined')!.slice(5, 6), ['Préfère ne pas répondre']);
      const ar = libreOfficeCells(files['ar-representation.csv']!, 'csv');
      assert.deepEqual(ar.find((r) => r[4] === 'africa')!.slice(5, 8), ['أفريقيا', '2', '6']);
    });

    test('the /fr/ event page: the printed running title is the French title, the translated material label is marked lang="fr"', async () => {
      const res = await fetch(`${site.base}/fr${EVENT}`);
      assert.equal(res.status, 200);
      const html = await res.text();
      const styles = [...html.matchAll(/<style>([^<]*)<\/style>/g)].map((m) => m[1]!);
      assert.equal(styles[1], `@page{@top-center{content:"${EVENT_FR}"}}@page:first{@top-center{content:none}}`);
      const csp = res.headers.get('content-security-policy') ?? '';
      assert.ok(csp.includes(`'sha256-${createHash('sha256').update(styles[1]!).digest('base64')}'`), csp);
      // The label entered in French, marked as French (the page is French too: said so that screen readers keep
      // their voice whatever the page); a label without a French text stays in its original, marked English.
      assert.equal(html.split(`<bdi><span class="mat" lang="fr">${REMARKS_FR}</span></bdi>`).length - 1, 1, 'the French label once, with lang="fr"');
      assert.ok(!html.includes('>Opening remarks<'), 'the original label is not shown beside it');
      assert.ok(html.includes('<bdi><span class="mat" lang="en">Keynote remarks</span></bdi>'), 'an untranslated label keeps lang="en"');
    });

    test('the French frab schedule.xml and schedule.json give country names in French', () => {
      const moderation = `${tFr('role.moderator')}${tFr('punct.colon')}`;
      const nadir = 'El Habib Nadir (Secretary General, Ministry in Charge of Moroccans living abroad and migration affairs, Maroc)';
      const descriptions = [...text('fr-schedule.xml').matchAll(/<description>([^<]*)<\/description>/g)].map((m) => m[1]!);
      assert.ok(descriptions.some((d) => d.startsWith(`${moderation}${nadir}\n`)), descriptions.join('\n---\n'));
      assert.ok(!text('fr-schedule.xml').includes('Morocco,') && !text('fr-schedule.xml').includes('Morocco)'));
      type Talk = { description: string | null; persons: Array<{ public_name?: string; name?: string; biography: string; country: string | null }> };
      const json = JSON.parse(text('fr-schedule.json')) as { schedule: { conference: { days: Array<{ rooms: Record<string, Talk[]> }> } } };
      const talks = json.schedule.conference.days.flatMap((d) => Object.values(d.rooms).flat());
      const talk = talks.find((x) => (x.description ?? '').startsWith(`${moderation}${nadir}\n`));
      assert.ok(talk, 'the session El Habib Nadir moderates');
      const person = talk.persons.find((p) => (p.public_name ?? p.name) === 'El Habib Nadir')!;
      assert.deepEqual([person.biography, person.country], ['Secretary General, Ministry in Charge of Moroccans living abroad and migration affairs, Maroc', 'MA']);
    });
  });
}
