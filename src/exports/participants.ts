// The list of participants for protocol and badges: one row per appearance, in agenda order,
// as CSV (opens in any spreadsheet) and as XLSX (typed cells, header frozen).
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { EventExport } from './model.ts';

export const PARTICIPANT_COLUMNS = [
  { header: 'Honorific', width: 12 },
  { header: 'Name', width: 28 },
  { header: 'Position', width: 40 },
  { header: 'Organization', width: 40 },
  { header: 'Organization kind', width: 16 },
  { header: 'Country', width: 20 },
  { header: 'Country code', width: 8 },
  { header: 'Role', width: 12 },
  { header: 'Session', width: 48 },
  { header: 'Date', width: 11 },
  { header: 'Start', width: 7 },
  { header: 'End', width: 7 },
  { header: 'Materials', width: 30 },
] as const;

/** The data rows, every cell a string ('' when unknown), in the order of PARTICIPANT_COLUMNS. */
export function participantRows(x: EventExport): string[][] {
  return x.days.flatMap((d) =>
    d.sessions.flatMap((s) =>
      s.appearances.map((a) => [
        a.honorific ?? '',
        a.person.name,
        a.affiliation.position ?? '',
        a.affiliation.organization?.name ?? '',
        // The stable code (member-state, igo, …): lists are sorted and filtered on it.
        a.affiliation.organization?.kind ?? '',
        a.affiliation.country ?? '',
        a.affiliation.countryCode ?? '',
        a.roleLabel ?? (a.role === 'moderator' ? 'Moderator' : 'Speaker'),
        s.displayTitle,
        s.date,
        s.start ?? '',
        s.end ?? '',
        a.materials.map((m) => m.label).join('; '),
      ]),
    ),
  );
}

/**
 * A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return, which some
 * strip first) as a formula: names come from imported agendas, so such cells are quoted.
 */
export function defuse(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/** UTF-8 with a byte-order mark (without it Excel reads the accents as Windows-1252), CRLF rows. */
export function participantsCsv(x: EventExport): Uint8Array {
  const rows = [PARTICIPANT_COLUMNS.map((c) => c.header), ...participantRows(x).map((r) => r.map(defuse))];
  return Buffer.from(`\uFEFF${stringify(rows, { record_delimiter: 'windows' })}`, 'utf8');
}

/**
 * Every value is written as a string cell (a shared string, never a formula), so nothing a
 * speaker's name contains is evaluated; the bold header row stays frozen while scrolling.
 */
export async function participantsXlsx(x: EventExport): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Plenary';
  // The workbook's dates are the event's last change, so a re-render of the same data matches.
  wb.created = wb.modified = new Date(x.updatedAt);
  const ws = wb.addWorksheet('Participants', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = PARTICIPANT_COLUMNS.map((c) => ({ header: c.header, width: c.width }));
  ws.getRow(1).font = { bold: true };
  // An unknown value is an empty cell rather than an empty string, which COUNTA would count.
  for (const r of participantRows(x)) ws.addRow(r.map((v) => (v === '' ? null : v)));
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: PARTICIPANT_COLUMNS.length } };
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
