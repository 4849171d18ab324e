// The participants list from a hand-built export: columns, quoting, formula defusing, XLSX cells.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import type { EventExport, ExportAppearance, ExportSession } from './model.ts';
import { defuse, PARTICIPANT_COLUMNS, participantRows, participantsCsv, participantsXlsx } from './participants.ts';

function appearance(id: number, name: string, extra: Partial<ExportAppearance> = {}): ExportAppearance {
  return {
    id,
    role: 'speaker',
    roleLabel: null,
    position: id,
    honorific: null,
    person: { id, slug: `p${id}`, name, url: `https://x.test/people/p${id}` },
    affiliation: { position: null, organization: null, country: null, countryCode: null, text: '' },
    talkTitle: null,
    materials: [],
    ...extra,
  };
}

function sample(): EventExport {
  const s: ExportSession = {
    id: 1,
    guid: 'g1',
    kind: 'panel',
    number: 1,
    title: 'Budgets, "costs" and more',
    displayTitle: 'Panel 1: Budgets, "costs" and more',
    lang: 'en',
    date: '2024-03-05',
    start: '09:00',
    end: '10:30',
    startsAt: '2024-03-05T09:00:00+01:00',
    endsAt: '2024-03-05T10:30:00+01:00',
    startsAtUtc: '2024-03-05T08:00:00Z',
    endsAtUtc: '2024-03-05T09:30:00Z',
    durationMinutes: 90,
    url: 'https://x.test/events/e#session-1',
    appearances: [
      appearance(1, 'Zoë Müller', {
        role: 'moderator',
        roleLabel: 'Chair',
        honorific: 'H.E.',
        affiliation: {
          position: 'Ambassador',
          organization: { id: 1, slug: 'mfa', name: 'Ministry of Foreign Affairs', kind: 'member-state', url: 'https://x.test/organizations/mfa' },
          country: 'Switzerland',
          countryCode: 'CH',
          text: 'Ambassador, Ministry of Foreign Affairs, Switzerland',
        },
        materials: [
          { id: 1, kind: 'statement', label: 'Statement', lang: 'en', url: null, mediaType: null },
          { id: 2, kind: 'presentation', label: 'Slides, part 2', lang: 'en', url: null, mediaType: null },
        ],
      }),
      appearance(2, '=HYPERLINK("http://evil.test","click")'),
      appearance(3, '@SUM(A1)', { affiliation: { position: '-2+3', organization: null, country: '+41 22', countryCode: null, text: '' } }),
    ],
  };
  const empty: Partial<ExportSession> = { id: 2, guid: 'g2', kind: 'break', number: null, title: null, displayTitle: 'Break', appearances: [] };
  return {
    baseUrl: 'https://x.test',
    generation: 7,
    updatedAt: '2024-01-02T03:04:05.000Z',
    series: { id: 1, slug: 's', title: 'Series', url: 'https://x.test/series/s' },
    event: {
      id: 1,
      guid: 'e',
      slug: 'e',
      title: 'E',
      lang: 'en',
      startDate: '2024-03-05',
      endDate: '2024-03-05',
      timeZone: 'Europe/Zurich',
      venue: null,
      city: null,
      countryCode: null,
      countryName: null,
      overview: null,
      themes: [],
      contactEmail: null,
      status: 'published',
      url: 'https://x.test/events/e',
    },
    days: [{ index: 1, date: '2024-03-05', label: null, sessions: [s, { ...s, ...empty }] }],
    documents: [],
  };
}

const HEADER = ['Honorific', 'Name', 'Position', 'Organization', 'Organization kind', 'Country', 'Country code', 'Role', 'Session', 'Date', 'Start', 'End', 'Materials'];

test('one row per appearance with the columns in order; a break adds none', () => {
  assert.deepEqual(
    PARTICIPANT_COLUMNS.map((c) => c.header),
    HEADER,
  );
  const rows = participantRows(sample());
  assert.equal(rows.length, 3);
  assert.deepEqual(rows[0], [
    'H.E.',
    'Zoë Müller',
    'Ambassador',
    'Ministry of Foreign Affairs',
    'member-state',
    'Switzerland',
    'CH',
    'Chair',
    'Panel 1: Budgets, "costs" and more',
    '2024-03-05',
    '09:00',
    '10:30',
    'Statement; Slides, part 2',
  ]);
  assert.deepEqual(rows[1]!.slice(0, 8), ['', '=HYPERLINK("http://evil.test","click")', '', '', '', '', '', 'Speaker']);
});

test('defuse quotes what a spreadsheet would run as a formula, and only that', () => {
  assert.equal(defuse('=1+1'), "'=1+1");
  assert.equal(defuse('+41 22'), "'+41 22");
  assert.equal(defuse('-2+3'), "'-2+3");
  assert.equal(defuse('@SUM(A1)'), "'@SUM(A1)");
  assert.equal(defuse('\t=1'), "'\t=1");
  assert.equal(defuse('Mary-Ann = chair'), 'Mary-Ann = chair');
  assert.equal(defuse(''), '');
});

test('CSV: BOM, CRLF rows, RFC 4180 quoting, formulas defused', () => {
  const csv = Buffer.from(participantsCsv(sample())).toString('utf8');
  assert.ok(csv.startsWith('\uFEFFHonorific,Name,Position,'), 'starts with the BOM and the header');
  const lines = csv.slice(1).split('\r\n');
  assert.equal(lines.length, 5, 'header, three rows and the empty string after the last CRLF');
  assert.equal(lines[4], '');
  assert.equal(lines[0], HEADER.join(','));
  assert.equal(
    lines[1],
    'H.E.,Zoë Müller,Ambassador,Ministry of Foreign Affairs,member-state,Switzerland,CH,Chair,"Panel 1: Budgets, ""costs"" and more",2024-03-05,09:00,10:30,"Statement; Slides, part 2"',
  );
  assert.equal(lines[2], `,"'=HYPERLINK(""http://evil.test"",""click"")",,,,,,Speaker,"Panel 1: Budgets, ""costs"" and more",2024-03-05,09:00,10:30,`);
  assert.equal(lines[3], `,'@SUM(A1),'-2+3,,,'+41 22,,Speaker,"Panel 1: Budgets, ""costs"" and more",2024-03-05,09:00,10:30,`);
});

test('XLSX: bold frozen header, widths, every value a string cell and never a formula', async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await participantsXlsx(sample())) as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('Participants');
  assert.ok(ws, 'a Participants sheet');
  assert.equal(ws.rowCount, 4);
  assert.deepEqual((ws.getRow(1).values as unknown[]).slice(1), HEADER);
  assert.equal(ws.getRow(1).getCell(1).font?.bold, true);
  assert.deepEqual(
    ws.views.map((v) => [v.state, (v as { ySplit?: number }).ySplit]),
    [['frozen', 1]],
  );
  assert.deepEqual(
    ws.columns.map((c) => c.width),
    PARTICIPANT_COLUMNS.map((c) => c.width),
  );
  const evil = ws.getRow(3).getCell(2);
  assert.equal(evil.type, ExcelJS.ValueType.String);
  assert.equal(evil.value, '=HYPERLINK("http://evil.test","click")');
  assert.equal(ws.getRow(4).getCell(3).value, '-2+3');
  assert.equal(ws.getRow(4).getCell(3).type, ExcelJS.ValueType.String);
  assert.deepEqual((ws.getRow(2).values as unknown[]).slice(1, 4), ['H.E.', 'Zoë Müller', 'Ambassador']);
  // Unknown values are empty cells, not zero-length strings.
  assert.equal(ws.getRow(3).getCell(1).value, null);
  assert.equal(ws.getRow(3).getCell(1).type, ExcelJS.ValueType.Null);
});
