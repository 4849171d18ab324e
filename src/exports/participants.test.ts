// The participants list from a hand-built export: one row per person, the words, quoting,
// formula defusing in every reader's idea of a field, XLSX heading, print set-up and cells.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import { translator } from '../web/i18n/t.ts';
import { participantWords } from '../web/routes/organizer.ts';
import type { EventExport, ExportAppearance, ExportSession } from './model.ts';
import { defuse, PARTICIPANT_COLUMNS, participantRows, participantsCsv, participantsXlsx, wrappedLines, XLSX_HEADER_ROW } from './participants.ts';
import { interfaceLanguage } from '../interface-languages.ts';

function appearance(id: number, personId: number, name: string, extra: Partial<ExportAppearance> = {}): ExportAppearance {
  return {
    id,
    role: 'speaker',
    roleLabel: null,
    position: id,
    honorific: null,
    person: { id: personId, guid: `p${personId}`, slug: `p${personId}`, name, url: `https://x.test/people/p${personId}` },
    affiliation: { position: null, organization: null, country: null, countryCode: null, text: '' },
    talkTitle: null,
    materials: [],
    ...extra,
  };
}

const MFA = { id: 1, slug: 'mfa', name: 'Ministry of Foreign Affairs', kind: 'member-state', url: 'https://x.test/organizations/mfa' };
const ZOE = {
  honorific: 'H.E.',
  affiliation: { position: 'Ambassador', organization: MFA, country: 'Switzerland', countryCode: 'CH', text: 'Ambassador, Ministry of Foreign Affairs, Switzerland' },
};

function session(id: number, date: string, title: string, appearances: ExportAppearance[]): ExportSession {
  return {
    id,
    guid: `g${id}`,
    kind: 'panel',
    number: id,
    title,
    displayTitle: `Panel ${id}: ${title}`,
    lang: 'en',
    date,
    start: '09:00',
    end: '10:30',
    startsAt: `${date}T09:00:00+01:00`,
    endsAt: `${date}T10:30:00+01:00`,
    startsAtUtc: `${date}T08:00:00Z`,
    endsAtUtc: `${date}T09:30:00Z`,
    durationMinutes: 90,
    url: `https://x.test/events/e#session-${id}`,
    appearances,
  };
}

function sample(): EventExport {
  const s1 = session(1, '2024-03-05', 'Budgets, "costs" and more', [
    appearance(1, 1, 'Zoë Müller', {
      ...ZOE,
      role: 'moderator',
      roleLabel: 'Chair',
      materials: [{ id: 1, kind: 'statement', label: 'Statement', lang: 'en', url: null, mediaType: null }],
    }),
    appearance(2, 2, '=HYPERLINK("http://evil.test","click")'),
    appearance(3, 3, '@SUM(A1)', { affiliation: { position: 'Director;=2+5', organization: null, country: '+41 22', countryCode: null, text: '' } }),
  ]);
  const s2 = session(2, '2024-03-06', 'Cities', [
    appearance(4, 4, 'Ana Pérez', {
      affiliation: { position: 'Mayor,\t-1', organization: { ...MFA, id: 2, slug: 'un', name: 'UN-Habitat', kind: 'igo' }, country: null, countryCode: null, text: '' },
    }),
    appearance(5, 1, 'Zoë Müller', { ...ZOE, materials: [{ id: 2, kind: 'presentation', label: 'Slides, part 2', lang: 'en', url: null, mediaType: null }] }),
  ]);
  const brk: ExportSession = { ...session(3, '2024-03-06', '', []), kind: 'break', number: null, title: null, displayTitle: 'Break' };
  return {
    baseUrl: 'https://x.test',
    generation: 7,
    updatedAt: '2024-01-02T03:04:05.000Z',
    series: { id: 1, slug: 's', title: 'Series', url: 'https://x.test/series/s', convener: null },
    event: {
      id: 1,
      guid: 'e',
      roomGuid: 'r',
      slug: 'e',
      title: 'Dialogue & Forum 2024',
      lang: 'en',
      startDate: '2024-03-05',
      endDate: '2024-03-06',
      timeZone: 'Europe/Zurich',
      venue: 'Palais des Nations',
      address: null,
      city: 'Geneva',
      countryCode: 'CH',
      countryName: 'Switzerland',
      overview: null,
      themes: [],
      contactEmail: null,
      status: 'published',
      url: 'https://x.test/events/e',
    },
    days: [
      { index: 1, date: '2024-03-05', label: null, sessions: [s1] },
      { index: 2, date: '2024-03-06', label: null, sessions: [s2, brk] },
    ],
    documents: [],
    release: null,
    cancelled: [],
  };
}

const words = () => participantWords(sample(), 'en', translator('en'));
const HEADER = ['Honorific', 'Name', 'Position', 'Organization', 'Organization kind', 'Country', 'Country code', 'Roles', 'Sessions', 'Days', 'Materials'];
const S1 = 'Panel 1: Budgets, "costs" and more';

test('one row per person, in the order of first appearance, roles and sessions listed; kinds as words', () => {
  assert.deepEqual(
    PARTICIPANT_COLUMNS.map((c) => words().columns[c.key]),
    HEADER,
  );
  assert.deepEqual(participantRows(sample(), words()), [
    ['H.E.', 'Zoë Müller', 'Ambassador', 'Ministry of Foreign Affairs', 'Member State government', 'Switzerland', 'CH', 'Chair; Speaker', `${S1}; Panel 2: Cities`, '2024-03-05; 2024-03-06', 'Statement; Slides, part 2'],
    ['', '=HYPERLINK("http://evil.test","click")', '', '', '', '', '', 'Speaker', S1, '2024-03-05', ''],
    ['', '@SUM(A1)', 'Director;=2+5', '', '', '+41 22', '', 'Speaker', S1, '2024-03-05', ''],
    ['', 'Ana Pérez', 'Mayor,\t-1', 'UN-Habitat', 'UN or other intergovernmental organization', '', '', 'Speaker', 'Panel 2: Cities', '2024-03-06', ''],
  ]);
});

test('French words come from the same catalogue', () => {
  const fr = participantWords(sample(), interfaceLanguage('fr'));
  assert.deepEqual(participantRows(sample(), fr)[3]!.slice(4, 8), ['ONU ou autre organisation intergouvernementale', '', '', 'Intervenant(e)']);
  assert.equal(fr.columns.organizationKind, 'Type d’organisation');
});

test('defuse puts an apostrophe before a formula sign wherever any reader may start a cell', () => {
  assert.equal(defuse('=1+1'), "'=1+1");
  assert.equal(defuse('+41 22'), "'+41 22");
  assert.equal(defuse('-2+3'), "'-2+3");
  assert.equal(defuse('@SUM(A1)'), "'@SUM(A1)");
  assert.equal(defuse('\t=1'), "\t'=1");
  assert.equal(defuse(' =1'), " '=1");
  assert.equal(defuse('"=1"'), `"'=1"`);
  // After a separator of another locale's list (";"), a comma, a tab or a line break.
  assert.equal(defuse('Director;=2+5'), "Director;'=2+5");
  assert.equal(defuse('Director; =2+5'), "Director; '=2+5");
  assert.equal(defuse('Mayor,\t-1'), "Mayor,\t'-1");
  assert.equal(defuse('a\r\n@b'), "a\r\n'@b");
  assert.equal(defuse('x;"+1'), `x;"'+1`);
  // Signs inside a word or after other characters are left alone.
  assert.equal(defuse('Mary-Ann = chair'), 'Mary-Ann = chair');
  assert.equal(defuse('Vice-Minister, Ministry of A+B'), 'Vice-Minister, Ministry of A+B');
  assert.equal(defuse(''), '');
});

test('CSV: BOM, CRLF rows, every field with a separator of any locale quoted, formulas defused (exact bytes)', () => {
  const csv = Buffer.from(participantsCsv(sample(), words())).toString('utf8');
  assert.equal(
    csv,
    '\uFEFF' +
      [
        HEADER.join(','),
        `H.E.,Zoë Müller,Ambassador,Ministry of Foreign Affairs,Member State government,Switzerland,CH,"Chair; Speaker","Panel 1: Budgets, ""costs"" and more; Panel 2: Cities","2024-03-05; 2024-03-06","Statement; Slides, part 2"`,
        `,"'=HYPERLINK(""http://evil.test"",""click"")",,,,,,Speaker,"Panel 1: Budgets, ""costs"" and more",2024-03-05,`,
        `,'@SUM(A1),"Director;'=2+5",,,'+41 22,,Speaker,"Panel 1: Budgets, ""costs"" and more",2024-03-05,`,
        `,Ana Pérez,"Mayor,\t'-1",UN-Habitat,UN or other intergovernmental organization,,,Speaker,Panel 2: Cities,2024-03-06,`,
        '',
      ].join('\r\n'),
  );
});

test('a reader splitting on ";" (or on tabs) finds no cell that starts with a formula sign', () => {
  const csv = Buffer.from(participantsCsv(sample(), words())).toString('utf8').slice(1);
  for (const sep of [';', '\t', ',']) {
    // The crudest reader: no quotes honoured, every separator and line break starts a cell.
    const cells = csv.split(/\r\n|[\r\n]/).flatMap((line) => line.split(sep));
    const live = cells.map((c) => c.replace(/^[\s"]+/, '')).filter((c) => /^[=+\-@]/.test(c));
    assert.deepEqual(live, [], `split on ${JSON.stringify(sep)}`);
  }
});

test('wrappedLines: words wrapped at the column width, long words broken', () => {
  assert.equal(wrappedLines('', 10), 1);
  assert.equal(wrappedLines('Speaker', 10), 1);
  assert.equal(wrappedLines('Chair; Speaker', 10), 2);
  assert.equal(wrappedLines('a'.repeat(25), 10), 3);
  assert.equal(wrappedLines('one\ntwo', 30), 2);
});

test('XLSX: the event as a heading, bold frozen header row, one row per person, strings only', async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await participantsXlsx(sample(), words())) as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('Participants');
  assert.ok(ws, 'a Participants sheet');
  assert.equal(XLSX_HEADER_ROW, 4);
  assert.equal(ws.getCell('A1').value, 'Dialogue & Forum 2024');
  assert.equal(ws.getCell('A1').font?.bold, true);
  assert.equal(ws.getCell('A2').value, 'March 5\u2009–\u20096, 2024 · Palais des Nations, Geneva');
  assert.equal(ws.rowCount, 8);
  assert.deepEqual((ws.getRow(4).values as unknown[]).slice(1), HEADER);
  assert.equal(ws.getRow(4).getCell(1).font?.bold, true);
  assert.deepEqual(
    ws.views.map((v) => [v.state, (v as { ySplit?: number }).ySplit]),
    [['frozen', 4]],
  );
  assert.deepEqual(
    ws.columns.map((c) => c.width),
    PARTICIPANT_COLUMNS.map((c) => c.width),
  );
  assert.deepEqual((ws.getRow(5).values as unknown[]).slice(1, 10), ['H.E.', 'Zoë Müller', 'Ambassador', 'Ministry of Foreign Affairs', 'Member State government', 'Switzerland', 'CH', 'Chair; Speaker', `${S1}; Panel 2: Cities`]);
  const evil = ws.getRow(6).getCell(2);
  assert.equal(evil.type, ExcelJS.ValueType.String);
  assert.equal(evil.value, '=HYPERLINK("http://evil.test","click")');
  assert.equal(ws.getRow(7).getCell(3).value, 'Director;=2+5');
  assert.equal(ws.getRow(7).getCell(3).type, ExcelJS.ValueType.String);
  // Unknown values are empty cells, not zero-length strings.
  assert.equal(ws.getRow(6).getCell(1).type, ExcelJS.ValueType.Null);
  // Wrapped, top-aligned, and each row as tall as its longest cell wraps to: two sessions in
  // 51 characters take 2 lines of the 38-wide column; a 38-character name breaks in the 22-wide one.
  assert.deepEqual(ws.getRow(5).getCell(9).alignment, { vertical: 'top', wrapText: true });
  assert.equal(ws.getRow(5).height, 2 * 14.5 + 2);
  assert.equal(ws.getRow(6).height, 2 * 14.5 + 2);
  // "UN or other / intergovernmental / organization" in the 16-wide kind column.
  assert.equal(ws.getRow(8).height, 3 * 14.5 + 2);
});

test('XLSX prints: A4 landscape, one page wide, header row on every page, title and page numbers in the footer', async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await participantsXlsx(sample(), words())) as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('Participants')!;
  const p = ws.pageSetup;
  assert.deepEqual(
    { paperSize: p.paperSize, orientation: p.orientation, fitToPage: p.fitToPage, fitToWidth: p.fitToWidth, fitToHeight: p.fitToHeight, printTitlesRow: p.printTitlesRow },
    { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '4:4' },
  );
  assert.equal(ws.headerFooter.oddFooter, '&L&8Dialogue && Forum 2024&R&8&P / &N');
});
