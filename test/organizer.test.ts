// The participants list of the demo event as served: CSV parsed back, XLSX read back with exceljs.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { ENGINES } from './engines.ts';
import { demoSite } from './server.ts';

const PATH = '/events/idm-2017-new-york/participants';
const HEADER = ['Honorific', 'Name', 'Position', 'Organization', 'Organization kind', 'Country', 'Country code', 'Role', 'Session', 'Date', 'Start', 'End', 'Materials'];
const PANEL_1 = 'Panel 1: Implementing the SDGs and other major frameworks: how the Global Compact on Migration can help meet commitments made';
const IOM = 'International Organization for Migration';
const FIRST_ROWS = [
  ['', 'William Lacy Swing', 'Director General', IOM, 'igo', '', '', 'Speaker', 'Opening Session', '2017-04-18', '10:00', '11:30', 'Opening remarks'],
  ['', 'Louise Arbour', 'Special Representative of the Secretary General for International Migration', '', '', '', '', 'Speaker', 'Opening Session', '2017-04-18', '10:00', '11:30', 'Keynote remarks'],
  ['', 'William Lacy Swing', 'Director General', IOM, 'igo', '', '', 'Moderator', PANEL_1, '2017-04-18', '11:30', '13:00', ''],
  ['', 'Ahmed Hussen', 'Minister of Immigration, Refugees, and Citizenship', '', '', 'Canada', 'CA', 'Speaker', PANEL_1, '2017-04-18', '11:30', '13:00', 'Statement'],
  ['', 'Isata Kabia', 'Minister of State II', 'Ministry of Foreign Affairs and International Cooperation', 'member-state', 'Sierra Leone', 'SL', 'Speaker', PANEL_1, '2017-04-18', '11:30', '13:00', ''],
];
const VITILLO = ['Msgr.', 'Robert J. Vitillo', 'Secretary General', 'International Catholic Migration Commission', 'civil-society', '', '', 'Speaker', PANEL_1, '2017-04-18', '11:30', '13:00', 'Statement'];
const LAST = ['', 'Laura Thompson', 'Deputy Director General', IOM, 'igo', '', '', 'Speaker', 'Closing session', '2017-04-19', '16:30', '17:00', 'Closing remarks'];

/** RFC 4180: fields split on commas, records on CRLF, quoted fields with "" for a quote. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(field), (field = '');
    else if (ch === '\r' && text[i + 1] === '\n') row.push(field), rows.push(row), (row = []), (field = ''), i++;
    else if (ch === '\n' || ch === '\r') assert.fail(`a bare line break outside quotes at ${i}`);
    else field += ch;
  }
  assert.equal(field + row.join(''), '', 'the last record ends with CRLF');
  return rows;
}

for (const engine of ENGINES) {
  describe(`participants list on ${engine}`, () => {
    test('CSV: headers, BOM, CRLF, one row per appearance in agenda order', async () => {
      const site = await demoSite(engine);
      try {
        const res = await fetch(`${site.base}${PATH}.csv`);
        assert.equal(res.status, 200);
        assert.equal(res.headers.get('content-type'), 'text/csv; charset=utf-8');
        assert.equal(res.headers.get('content-disposition'), 'attachment; filename="idm-2017-new-york-participants.csv"');
        assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
        const bytes = Buffer.from(await res.arrayBuffer());
        assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a UTF-8 byte-order mark');
        const rows = parseCsv(bytes.subarray(3).toString('utf8'));
        assert.deepEqual(rows[0], HEADER);
        assert.equal(rows.length - 1, 37, '37 appearances');
        assert.deepEqual(rows.slice(1, 6), FIRST_ROWS);
        assert.deepEqual(rows[7], VITILLO);
        assert.deepEqual(rows.at(-1), LAST);
        assert.ok(rows.some((r) => r[1] === 'Juan José Gómez Camacho'), 'accents survive');
        assert.ok(rows.every((r) => r.length === HEADER.length));

        // Served from the cache the second time: the same bytes, and 304 for the ETag.
        const again = await fetch(`${site.base}${PATH}.csv`);
        assert.ok(Buffer.from(await again.arrayBuffer()).equals(bytes));
        const etag = again.headers.get('etag');
        assert.ok(etag);
        assert.equal((await fetch(`${site.base}${PATH}.csv`, { headers: { 'if-none-match': etag } })).status, 304);
      } finally {
        await site.stop();
      }
    });

    test('XLSX: read back with exceljs, header bold and frozen, same rows as the CSV', async () => {
      const site = await demoSite(engine);
      try {
        const res = await fetch(`${site.base}${PATH}.xlsx`);
        assert.equal(res.status, 200);
        assert.equal(res.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
        assert.equal(res.headers.get('content-disposition'), 'attachment; filename="idm-2017-new-york-participants.xlsx"');
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load((await res.arrayBuffer()) as ArrayBuffer);
        const ws = wb.getWorksheet('Participants');
        assert.ok(ws);
        assert.equal(ws.rowCount, 38);
        const row = (n: number) => HEADER.map((_, i) => ws.getRow(n).getCell(i + 1).value ?? '');
        assert.deepEqual(row(1), HEADER);
        assert.equal(ws.getRow(1).font?.bold, true);
        assert.equal(ws.views[0]?.state, 'frozen');
        assert.equal((ws.views[0] as { ySplit?: number }).ySplit, 1);
        assert.equal(ws.getColumn(2).width, 28);
        assert.deepEqual([2, 3, 4, 5, 6].map(row), FIRST_ROWS);
        assert.deepEqual(row(8), VITILLO);
        assert.deepEqual(row(38), LAST);
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
