// The participants list of the demo event as served: CSV parsed back, XLSX read back with exceljs;
// one country name in every output; CSV cells that no reader runs as formulas; and, where
// LibreOffice is installed, the XLSX printed to PDF and the CSV opened as a spreadsheet.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import type { ParentNode } from 'domhandler';
import { DomUtils, parseDocument } from 'htmlparser2';
import ICAL from 'ical.js';
import { extractText, getDocumentProxy } from 'unpdf';
import type { EventExport } from '../src/exports/model.ts';
import { importAgenda } from '../src/operations/import-agenda.ts';
import { translator } from '../src/web/i18n/t.ts';
import { contentDisposition, downloadName } from '../src/web/routes/organizer.ts';
import { parseCsvBytes } from './csv.ts';
import { ENGINES } from './engines.ts';
import { agenda, person, session, TARGET } from './factories.ts';
import { demoSite, type TestSite } from './server.ts';

const EVENT = '/events/idm-2017-new-york';
const PATH = `${EVENT}/participants`;
const TITLE = 'International Dialogue on Migration 2017 — first workshop, New York';
const HEADER = ['Honorific', 'Name', 'Position', 'Organization', 'Organization kind', 'Country', 'Country code', 'Roles', 'Sessions', 'Days', 'Materials'];
const PANEL_1 = 'Panel 1: Implementing the SDGs and other major frameworks: how the Global Compact on Migration can help meet commitments made';
const PANEL_4 = 'Panel 4: Building from the ground up: promoting a whole-of-society approach to good migration governance';
const PANEL_5 = 'Panel 5: The Global Compact on Migration: an opportunity to synergize the efforts of the international community';
const PANEL_6 = 'Panel 6: Implementing the Global Compact on Migration: existing and envisaged cooperation and follow-up mechanisms';
const IOM = 'International Organization for Migration';
const IGO = 'UN or other intergovernmental organization';
const MSG = 'Member State government';
const FIRST_ROWS = [
  ['', 'William Lacy Swing', 'Director General', IOM, IGO, '', '', 'Speaker; Moderator', `Opening Session; ${PANEL_1}`, '2017-04-18', 'Opening remarks'],
  ['', 'Louise Arbour', 'Special Representative of the Secretary General for International Migration', '', '', '', '', 'Speaker', 'Opening Session', '2017-04-18', 'Keynote remarks'],
  ['', 'Ahmed Hussen', 'Minister of Immigration, Refugees, and Citizenship', '', '', 'Canada', 'CA', 'Speaker', PANEL_1, '2017-04-18', 'Statement'],
  ['', 'Isata Kabia', 'Minister of State II', 'Ministry of Foreign Affairs and International Cooperation', MSG, 'Sierra Leone', 'SL', 'Speaker', PANEL_1, '2017-04-18', ''],
];
const VITILLO = ['Msgr.', 'Robert J. Vitillo', 'Secretary General', 'International Catholic Migration Commission', 'Civil society', '', '', 'Speaker', PANEL_1, '2017-04-18', 'Statement'];
const NABIYEV = ['', 'Firudin Nabiyev', 'Chief', 'State Migration Service', MSG, 'Azerbaijan', 'AZ', 'Speaker', PANEL_4, '2017-04-19', 'Statement'];
const SAMSAR = ['', 'Mehmet Samsar', 'Director General for Consular Affairs', 'Ministry of Foreign Affairs', MSG, 'Türkiye', 'TR', 'Speaker', PANEL_5, '2017-04-19', 'Statement'];
const THOMPSON = ['', 'Laura Thompson', 'Deputy Director General', IOM, IGO, '', '', 'Moderator; Speaker', `${PANEL_6}; Closing session`, '2017-04-19', 'Closing remarks'];
const LAST = ['', 'Amina J. Mohammed', 'Deputy Secretary-General', 'United Nations', IGO, '', '', 'Speaker', 'Closing session', '2017-04-19', 'Closing remarks'];
/** 37 appearances of 35 people: William Lacy Swing and Laura Thompson appear twice. */
const PEOPLE = 35;

const ASCII_NAME = 'International-Dialogue-on-Migration-2017-first-workshop-New-York-2017-04-18_2017-04-19-participants';
const UTF8_NAME = 'International%20Dialogue%20on%20Migration%202017%20%E2%80%94%20first%20workshop%2C%20New%20York%202017-04-18%E2%80%932017-04-19%20participants';
const disposition = (ext: string) => `attachment; filename="${ASCII_NAME}.${ext}"; filename*=UTF-8''${UTF8_NAME}.${ext}`;

async function csvRows(base: string, path = `${PATH}.csv`): Promise<string[][]> {
  return parseCsvBytes(Buffer.from(await (await fetch(base + path)).arrayBuffer()));
}

async function sheetOf(bytes: ArrayBuffer | Uint8Array): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as ArrayBuffer);
  const ws = wb.worksheets[0];
  assert.ok(ws, 'a worksheet');
  return ws;
}

const cellText = (ws: ExcelJS.Worksheet, r: number, n: number) => HEADER.map((_, i) => String(ws.getRow(r).getCell(i + 1).value ?? '')).slice(0, n);

/** A hostile position: a reader whose list separator is ";" would otherwise run =2+5. */
const HOSTILE = agenda([
  {
    date: '2024-03-05',
    sessions: [session({ title: 'Budgets', speakers: [person('Ana Lee', { position: 'Director;=2+5' }), person('Bo Chan', { position: 'Adviser,\t@SUM(1)' })] })],
  },
]);
const HOSTILE_CSV = [
  HEADER.join(','),
  `,Ana Lee,"Director;'=2+5",,,,,Speaker,Budgets,2024-03-05,`,
  `,Bo Chan,"Adviser,\t'@SUM(1)",,,,,Speaker,Budgets,2024-03-05,`,
  '',
].join('\r\n');

test('a download is named after any title: unsafe characters dropped, an ASCII name for old clients, RFC 8187 for the rest', () => {
  const name = (title: string, startDate: string, endDate: string) =>
    contentDisposition(downloadName({ event: { title, startDate, endDate, slug: 'e' } } as EventExport, translator('en'), 'csv'));
  assert.equal(
    name('Forum "A/B": Côte d\'Ivoire\r\n* (2024)', '2024-03-05', '2024-03-05'),
    `attachment; filename="Forum-A-B-Cote-d-Ivoire-2024-2024-03-05-participants.csv"; filename*=UTF-8''Forum%20A%20B%20C%C3%B4te%20d%27Ivoire%20%282024%29%202024-03-05%20participants.csv`,
  );
  assert.equal(name('حوار', '2024-03-05', '2024-03-06'), `attachment; filename="2024-03-05_2024-03-06-participants.csv"; filename*=UTF-8''%D8%AD%D9%88%D8%A7%D8%B1%202024-03-05%E2%80%932024-03-06%20participants.csv`);
});

for (const engine of ENGINES) {
  describe(`participants list on ${engine}`, () => {
    test('CSV: one row per person (Swing and Thompson once, with both roles and sessions), kinds in words, named after the event', async () => {
      const site = await demoSite(engine);
      try {
        const res = await fetch(`${site.base}${PATH}.csv`);
        assert.equal(res.status, 200);
        assert.equal(res.headers.get('content-type'), 'text/csv; charset=utf-8');
        assert.equal(res.headers.get('content-disposition'), disposition('csv'));
        assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
        const bytes = Buffer.from(await res.arrayBuffer());
        const rows = await csvRows(site.base);
        assert.deepEqual(rows[0], HEADER);
        assert.equal(rows.length - 1, PEOPLE);
        assert.equal(new Set(rows.slice(1).map((r) => r[1])).size, PEOPLE, 'nobody listed twice');
        assert.deepEqual(rows.slice(1, 5), FIRST_ROWS);
        const byName = (name: string) => rows.filter((r) => r[1] === name);
        assert.deepEqual(byName('Robert J. Vitillo'), [VITILLO]);
        assert.deepEqual(byName('Firudin Nabiyev'), [NABIYEV]);
        assert.deepEqual(byName('Mehmet Samsar'), [SAMSAR]);
        assert.deepEqual(byName('Laura Thompson'), [THOMPSON]);
        assert.deepEqual(rows.at(-1), LAST);
        assert.ok(rows.some((r) => r[1] === 'Juan José Gómez Camacho'), 'accents survive');
        assert.ok(rows.every((r) => r.length === HEADER.length));
        const kinds = new Set(rows.slice(1).map((r) => r[4]));
        assert.deepEqual([...kinds].sort(), ['', 'Academia', 'Civil society', 'Local authority', MSG, 'Other', IGO].sort());

        // Served from the cache the second time: the same bytes and headers, and 304 for the ETag.
        const again = await fetch(`${site.base}${PATH}.csv`);
        assert.ok(Buffer.from(await again.arrayBuffer()).equals(bytes));
        assert.equal(again.headers.get('content-disposition'), disposition('csv'));
        const etag = again.headers.get('etag');
        assert.ok(etag);
        assert.equal((await fetch(`${site.base}${PATH}.csv`, { headers: { 'if-none-match': etag } })).status, 304);
      } finally {
        await site.stop();
      }
    });

    test('XLSX: the event as a heading, header row frozen and printed on every page, the same rows as the CSV', async () => {
      const site = await demoSite(engine);
      try {
        const res = await fetch(`${site.base}${PATH}.xlsx`);
        assert.equal(res.status, 200);
        assert.equal(res.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
        assert.equal(res.headers.get('content-disposition'), disposition('xlsx'));
        const ws = await sheetOf(await res.arrayBuffer());
        assert.equal(ws.name, 'Participants');
        assert.equal(ws.getCell('A1').value, TITLE);
        assert.equal(ws.getCell('A2').value, 'April 18\u2009–\u200919, 2017 · United Nations Headquarters, New York');
        assert.equal(ws.rowCount, 4 + PEOPLE);
        assert.deepEqual(cellText(ws, 4, HEADER.length), HEADER);
        assert.equal(ws.getRow(4).font?.bold, true);
        assert.deepEqual(
          ws.views.map((v) => [v.state, (v as { ySplit?: number }).ySplit]),
          [['frozen', 4]],
        );
        const csv = await csvRows(site.base);
        for (let i = 1; i <= PEOPLE; i++) assert.deepEqual(cellText(ws, 4 + i, HEADER.length), csv[i], `row of ${csv[i]![1]}`);
        const p = ws.pageSetup;
        assert.deepEqual(
          [p.orientation, p.fitToPage, p.fitToWidth, p.fitToHeight, p.printTitlesRow],
          ['landscape', true, 1, 0, '4:4'],
        );
      } finally {
        await site.stop();
      }
    });

    test('one country name for an appearance on the page, in CSV, XLSX, the API, iCalendar and frab', async () => {
      const site = await demoSite(engine);
      try {
        const get = async (path: string) => {
          const res = await fetch(site.base + path);
          assert.equal(res.status, 200, path);
          return res;
        };
        const html = await (await get(EVENT)).text();
        const csv = await csvRows(site.base);
        const ws = await sheetOf(await (await get(`${PATH}.xlsx`)).arrayBuffer());
        const api = (await (await get(`/api${EVENT}`)).json()) as {
          days: Array<{ sessions: Array<{ appearances: Array<{ person: { name: string }; affiliation: { country: string | null; countryCode: string | null; text: string } }> }> }>;
        };
        const ics = await (await get(`${EVENT}/calendar.ics`)).text();
        const xml = await (await get(`${EVENT}/schedule.xml`)).text();
        const json = (await (await get(`${EVENT}/schedule.json`)).json()) as {
          schedule: { conference: { days: Array<{ rooms: Record<string, Array<{ description: string; persons: Array<{ name: string; biography?: string }> }>> }> } };
        };

        const doc = parseDocument(html);
        const vevents = new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent').map((v) => String(v.getFirstPropertyValue('description')));
        const talks = json.schedule.conference.days.flatMap((d) => Object.values(d.rooms).flat());
        for (const [name, slug, position, country, code, printedAs] of [
          ['Mehmet Samsar', 'mehmet-samsar', 'Director General for Consular Affairs, Ministry of Foreign Affairs', 'Türkiye', 'TR', 'Turkey'],
          ['Firudin Nabiyev', 'firudin-nabiyev', 'Chief, State Migration Service', 'Azerbaijan', 'AZ', 'Republic of Azerbaijan'],
        ] as const) {
          const affiliation = `${position}, ${country}`;
          // The page: the person's line in the agenda.
          const link = DomUtils.findOne((e) => e.name === 'a' && e.attribs.href === `/people/${slug}`, doc.children);
          assert.ok(link, `${name} on the page`);
          let line: ParentNode | null = link;
          while (line && !(line.type === 'tag' && line.name === 'li')) line = line.parent;
          assert.ok(line, `${name}'s line in the agenda`);
          assert.equal(DomUtils.textContent(line).trim(), `${name}, ${affiliation}Statement`);
          const countryLink = DomUtils.findOne((e) => e.name === 'a' && e.attribs.href === `/countries/${code.toLowerCase()}`, [line]);
          assert.equal(countryLink && DomUtils.textContent(countryLink), country);
          // CSV and XLSX.
          const row = csv.findIndex((r) => r[1] === name);
          assert.deepEqual(csv[row]!.slice(5, 7), [country, code]);
          assert.deepEqual(cellText(ws, 4 + row, 7).slice(5), [country, code]);
          // The API.
          const a = api.days.flatMap((d) => d.sessions.flatMap((s) => s.appearances)).find((x) => x.person.name === name);
          assert.deepEqual(a?.affiliation, { ...a?.affiliation, country, countryCode: code, text: affiliation });
          const mine = (await (await get(`/api/people/${slug}`)).json()) as { appearances: Array<{ affiliation: { country: string | null } }> };
          assert.deepEqual(
            mine.appearances.map((x) => x.affiliation.country),
            [country],
          );
          // iCalendar: the speaker's line in the session's description.
          assert.equal(vevents.filter((d) => d.includes(`Speaker: ${name}, ${affiliation}\n`)).length, 1, `${name} in the calendar`);
          // frab: schedule.xml's description and schedule.json's person.
          assert.ok(xml.includes(`${name} (${affiliation})`), `${name} in schedule.xml`);
          const talk = talks.find((t) => t.persons.some((p) => p.name === name));
          assert.equal(talk?.persons.find((p) => p.name === name)?.biography, affiliation);
          assert.ok(talk?.description.includes(`${name} (${affiliation})`));
          // What the agenda printed is in none of them.
          for (const [what, text] of Object.entries({ html, csv: JSON.stringify(csv), api: JSON.stringify(api), ics, xml, json: JSON.stringify(json) })) {
            assert.ok(!text.includes(printedAs), `"${printedAs}" is not in the ${what}`);
          }
        }
      } finally {
        await site.stop();
      }
    });

    test('CSV: a formula after a separator of any locale is defused and its field quoted (exact bytes)', async () => {
      const site = await demoSite(engine, { demo: false });
      try {
        await importAgenda(site.storage, HOSTILE, TARGET, { publish: true });
        const res = await fetch(`${site.base}/events/${TARGET.event.slug}/participants.csv`);
        assert.equal(res.status, 200);
        assert.equal(Buffer.from(await res.arrayBuffer()).toString('utf8'), `\uFEFF${HOSTILE_CSV}`);
      } finally {
        await site.stop();
      }
    });

    test('an unknown or malformed event slug is a 404', async () => {
      const site = await demoSite(engine);
      try {
        for (const path of ['/events/no-such-event/participants.csv', '/events/no-such-event/participants.xlsx', '/events/Bad%22Slug/participants.csv']) {
          const res = await fetch(site.base + path);
          assert.equal(res.status, 404, path);
          assert.equal(res.headers.get('content-disposition'), null, `${path} is not offered as a download`);
          await res.arrayBuffer();
        }
      } finally {
        await site.stop();
      }
    });
  });
}

// LibreOffice: the program a secretariat without Excel opens the files with. Once, on the first engine.
const SOFFICE_MISSING = spawnSync('soffice', ['--version'], { stdio: 'ignore' }).status !== 0;
const INSTALL = 'soffice is missing: apt-get install -y --no-install-recommends libreoffice-calc-nogui';

describe('participants list in LibreOffice', { skip: SOFFICE_MISSING ? INSTALL : false }, () => {
  let site: TestSite;
  let dir: string;

  before(async () => {
    site = await demoSite(ENGINES[0]);
    dir = mkdtempSync(join(tmpdir(), 'plenary-lo-'));
  });
  after(async () => {
    await site?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** soffice --convert-to, with a profile of its own; returns the output file's bytes. */
  function convert(input: string, to: string, infilter?: string): Buffer {
    const out = join(dir, `out-${Math.random().toString(36).slice(2)}`);
    const args = [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', to, '--outdir', out, ...(infilter ? [`--infilter=${infilter}`] : []), input];
    const r = spawnSync('soffice', args, { encoding: 'utf8', timeout: 120_000 });
    assert.equal(r.status, 0, `soffice ${args.join(' ')}: ${r.stderr}`);
    const files = readdirSync(out);
    assert.equal(files.length, 1, `one output file: ${r.stdout} ${r.stderr}`);
    return readFileSync(join(out, files[0]!));
  }

  async function download(path: string, name: string): Promise<string> {
    const res = await fetch(site.base + path);
    assert.equal(res.status, 200);
    const file = join(dir, name);
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    return file;
  }

  test('the XLSX prints on 3 landscape A4 pages, every column on each page under the repeated header row, nothing cut off', async () => {
    const pdf = new Uint8Array(convert(await download(`${PATH}.xlsx`, 'participants.xlsx'), 'pdf'));
    const doc = await getDocumentProxy(pdf);
    const sizes = await Promise.all(Array.from({ length: doc.numPages }, async (_, i) => (await doc.getPage(i + 1)).view.slice(2).map(Math.round)));
    const { totalPages, text } = await extractText(doc, { mergePages: false });
    console.log(`participants XLSX in LibreOffice: ${totalPages} pages`);
    assert.equal(totalPages, 3);
    assert.deepEqual(sizes, [
      [842, 595],
      [842, 595],
      [842, 595],
    ]);
    const pages = text.map((p) => p.replace(/\s+/g, ' '));
    assert.ok(pages[0]!.includes(`${TITLE} April 18 – 19, 2017 · United Nations Headquarters, New York Honorific`), 'the heading above the header row');
    pages.forEach((p, i) => {
      for (const h of ['Honorific', 'Name', 'Position', 'Organization', 'kind', 'Country', 'code', 'Roles', 'Sessions', 'Days', 'Materials']) assert.ok(p.includes(h), `"${h}" on page ${i + 1}`);
      assert.ok(p.includes(`${i + 1} / 3`), `page number ${i + 1} / 3`);
      assert.ok(p.includes(TITLE), `the title in the footer of page ${i + 1}`);
    });
    // A row too short for its wrapped text would hide its last lines: every word of every cell is
    // printed (words split at hyphens too, where lines may break).
    const all = pages.join(' ');
    const rows = (await csvRows(site.base)).slice(1);
    for (const word of new Set(rows.flat().flatMap((c) => c.split(/[\s-]+/)).filter(Boolean))) assert.ok(all.includes(word), `"${word}" is printed`);
  });

  test('LibreOffice opens the CSV with the same columns and cells', async () => {
    // Comma, double quote, UTF-8, from line 1, every column as text (ISO dates would become date cells).
    const asText = HEADER.map((_, i) => `${i + 1}/2`).join('/');
    const xlsx = convert(await download(`${PATH}.csv`, 'participants.csv'), 'xlsx', `CSV:44,34,76,1,${asText}`);
    const ws = await sheetOf(xlsx);
    const rows = await csvRows(site.base);
    assert.equal(ws.rowCount, rows.length);
    for (let r = 1; r <= rows.length; r++) assert.deepEqual(cellText(ws, r, HEADER.length), rows[r - 1], `row ${r}`);
  });

  test('LibreOffice runs no formula from the CSV, whichever separator it splits on', async () => {
    const t = await demoSite(ENGINES[0], { demo: false });
    try {
      await importAgenda(t.storage, HOSTILE, TARGET, { publish: true });
      const res = await fetch(`${t.base}/events/${TARGET.event.slug}/participants.csv`);
      const file = join(dir, 'hostile.csv');
      writeFileSync(file, Buffer.from(await res.arrayBuffer()));
      // The same bytes without the guard, as a control: LibreOffice does run =2+5 when it splits on ";".
      const unguarded = join(dir, 'unguarded.csv');
      writeFileSync(unguarded, readFileSync(file, 'utf8').replace(/'(?=[=@])/g, ''));
      for (const [sep, code] of [
        [',', 44],
        [';', 59],
        ['tab', 9],
      ] as const) {
        const formulas = async (path: string) => {
          const ws = await sheetOf(convert(path, 'xlsx', `CSV:${code},34,76,1`));
          const found: string[] = [];
          ws.eachRow((row) => row.eachCell((c) => void (c.type === ExcelJS.ValueType.Formula && found.push(String(c.formula)))));
          return found;
        };
        assert.deepEqual(await formulas(file), [], `no formula when split on ${sep}`);
        // (LibreOffice takes the rest of the line into the formula, as it has no ";" to end it.)
        if (sep === ';') assert.deepEqual(await formulas(unguarded), ['2+5",,,,,speaker,budgets,2024-03-05,'], 'the control: unguarded, =2+5 is a formula');
      }
    } finally {
      await t.stop();
    }
  });
});
