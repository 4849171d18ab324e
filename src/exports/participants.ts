// The list of participants for protocol and badges: one row per person, in the order of their
// first appearance in the agenda, with their roles and sessions in columns; as CSV (opens in
// any spreadsheet) and as XLSX (typed cells, a heading that names the event, prints on A4).
// Every word the files show comes from the caller (the web layer's message catalogue).
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { OrganizationKind } from '../domain/organization.ts';
import type { EventExport, ExportAppearance, ExportSession } from './model.ts';

/** Columns in order; widths in characters, chosen so that the sheet fits A4 landscape at a legible scale. */
export const PARTICIPANT_COLUMNS = [
  { key: 'honorific', width: 10 },
  { key: 'name', width: 22 },
  { key: 'position', width: 28 },
  { key: 'organization', width: 26 },
  { key: 'organizationKind', width: 16 },
  { key: 'country', width: 14 },
  { key: 'countryCode', width: 8 },
  { key: 'roles', width: 12 },
  { key: 'sessions', width: 38 },
  { key: 'days', width: 11 },
  { key: 'materials', width: 18 },
] as const;

export type ParticipantColumn = (typeof PARTICIPANT_COLUMNS)[number]['key'];

export type ParticipantWords = {
  columns: Record<ParticipantColumn, string>;
  kinds: Record<OrganizationKind, string>;
  moderator: string;
  speaker: string;
  /** the XLSX sheet's name in the list's language ("Participantes") */
  sheet: string;
  /** the event's dates as the site writes them ("April 18 – 19, 2017"), for the XLSX heading */
  dates: string;
  /** a session's title as the page heads it in the list's language ("Table ronde 1: …"); without it, displayTitle */
  heading?: (s: Pick<ExportSession, 'kind' | 'number' | 'title'>) => string;
};

/** What one cell lists when a person's appearances differ (two positions, two roles). */
export const LIST_SEPARATOR = '; ';

function distinct(values: Array<string | null | undefined>): string {
  return [...new Set(values.filter((v): v is string => !!v))].join(LIST_SEPARATOR);
}

/** The data rows, one per person, every cell a string ('' when unknown), in the order of PARTICIPANT_COLUMNS. */
export function participantRows(x: EventExport, words: ParticipantWords): string[][] {
  const people = new Map<number, Array<{ a: ExportAppearance; session: string; date: string }>>();
  for (const d of x.days) {
    for (const s of d.sessions) {
      for (const a of s.appearances) {
        const list = people.get(a.person.id) ?? [];
        list.push({ a, session: words.heading ? words.heading(s) : s.displayTitle, date: s.date });
        people.set(a.person.id, list);
      }
    }
  }
  const kindWord = (kind: string) => words.kinds[kind as OrganizationKind] ?? kind;
  return [...people.values()].map((list) => {
    const as = list.map((l) => l.a);
    const orgs = as.map((a) => a.affiliation.organization).filter((o) => o !== null);
    const cells: Record<ParticipantColumn, string> = {
      honorific: distinct(as.map((a) => a.honorific)),
      name: as[0]!.person.name,
      position: distinct(as.map((a) => a.affiliation.position)),
      organization: distinct(orgs.map((o) => o.name)),
      organizationKind: distinct(orgs.map((o) => kindWord(o.kind))),
      country: distinct(as.map((a) => a.affiliation.country)),
      countryCode: distinct(as.map((a) => a.affiliation.countryCode)),
      roles: distinct(as.map((a) => a.roleLabel ?? (a.role === 'moderator' ? words.moderator : words.speaker))),
      sessions: distinct(list.map((l) => l.session)),
      days: distinct(list.map((l) => l.date)),
      materials: distinct(as.flatMap((a) => a.materials.map((m) => m.label))),
    };
    return PARTICIPANT_COLUMNS.map((c) => withoutControls(cells[c.key]));
  });
}

/**
 * Control characters other than tab and line breaks are dropped from every cell: rows stored
 * before imports removed them must not reach a terminal through a CSV, and XML (inside XLSX)
 * cannot hold them at all.
 */
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
export const withoutControls = (cell: string): string => cell.replace(CONTROLS, '');

// A cell starts again wherever a reader might split: at the start of the field, and after a
// comma, semicolon, tab or line break (a reader whose list separator is ";" splits
// "Director;=2+5" in two, whatever the quoting, since its fields are not delimited by ",").
// Spaces and quotes may come between, as readers trim or unquote them.
const FORMULA_START = /(^|[,;\t\r\n])([\s"]*)(?=[=+\-@])/g;

/**
 * A spreadsheet runs a cell that starts with = + - @ as a formula (a leading tab or carriage
 * return is stripped by some first, and splits a cell for others). Names come from imported
 * agendas, so wherever such a cell could start, in any reader's idea of the fields, an
 * apostrophe is put before the sign: Excel and LibreOffice show it as text.
 */
export function defuse(cell: string): string {
  return cell.replace(FORMULA_START, "$1$2'");
}

/** Quoted: every field holding a separator of any locale, a quote or a line break. */
const NEEDS_QUOTES = /[,;\t\r\n"]/;

/** UTF-8 with a byte-order mark (without it Excel reads the accents as Windows-1252), CRLF rows. */
export function participantsCsv(x: EventExport, words: ParticipantWords): Uint8Array {
  const rows = [PARTICIPANT_COLUMNS.map((c) => words.columns[c.key]), ...participantRows(x, words)].map((r) => r.map(defuse));
  return Buffer.from(`\uFEFF${stringify(rows, { record_delimiter: 'windows', quoted_match: NEEDS_QUOTES })}`, 'utf8');
}

/**
 * How many lines a text takes in a column `width` characters wide, wrapped at spaces (long
 * words broken). An estimate on the wide side: neither LibreOffice nor every other reader fits
 * rows to wrapped text when it opens a file, so each row is given its height.
 */
export function wrappedLines(text: string, width: number): number {
  const perLine = Math.max(1, Math.floor(width * 1.1));
  let lines = 0;
  for (const paragraph of text.split(/\r\n|\r|\n/)) {
    let used = 0;
    lines++;
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const need = used === 0 ? word.length : used + 1 + word.length;
      if (need <= perLine) used = need;
      else if (used === 0) (lines += Math.ceil(word.length / perLine) - 1), (used = word.length % perLine || perLine);
      else (lines += Math.ceil(word.length / perLine)), (used = word.length % perLine || perLine);
    }
  }
  return lines;
}

/** Points per line of the default 11-point font, and a row's padding. */
const LINE_HEIGHT = 14.5;
const ROW_PADDING = 2;

function fitRow(row: ExcelJS.Row, values: Array<string | null>): void {
  const lines = Math.max(1, ...values.map((v, i) => (v ? wrappedLines(v, PARTICIPANT_COLUMNS[i]!.width) : 1)));
  row.height = lines * LINE_HEIGHT + ROW_PADDING;
}

/** A sheet's name as Excel takes it: none of [ ] : * ? / \, not empty, at most 31 characters. */
export function sheetName(name: string): string {
  const clean = [...name.replace(/[[\]:*?/\\]/g, ' ').replace(/\s+/g, ' ').trim().replace(/^'|'$/g, '')].slice(0, 31).join('').trim();
  return clean || 'Participants';
}

/** The sheet's first rows: the event's title, then its dates and place; the column headers follow a blank row. */
export const XLSX_HEADER_ROW = 4;

/**
 * Every value is written as a string cell (a shared string, never a formula), so nothing a
 * speaker's name contains is evaluated. The heading names the event; the header row stays
 * frozen while scrolling and is repeated on every printed page; cells wrap, and the sheet
 * prints landscape, scaled to one page wide and as many pages long as it needs.
 */
export async function participantsXlsx(x: EventExport, words: ParticipantWords): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Plenary';
  wb.title = x.event.title;
  // The workbook's dates are the event's last change, so a re-render of the same data matches.
  wb.created = wb.modified = new Date(x.updatedAt);
  const last = PARTICIPANT_COLUMNS.length;
  const ws = wb.addWorksheet(sheetName(words.sheet), {
    views: [{ state: 'frozen', ySplit: XLSX_HEADER_ROW }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0, // as many pages long as the list needs
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.3, footer: 0.3 },
      printTitlesRow: `${XLSX_HEADER_ROW}:${XLSX_HEADER_ROW}`,
    },
    // The event's title and the page number on every printed page (& is the codes' escape).
    headerFooter: { oddFooter: `&L&8${x.event.title.slice(0, 200).replace(/&/g, '&&')}&R&8&P / &N` },
  });
  PARTICIPANT_COLUMNS.forEach((c, i) => (ws.getColumn(i + 1).width = c.width));

  const place = [x.event.venue, x.event.city].filter(Boolean).join(', ');
  ws.getCell(1, 1).value = x.event.title;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.getCell(2, 1).value = [words.dates, place].filter(Boolean).join(' · ');
  for (const r of [1, 2]) ws.mergeCells(r, 1, r, last);

  const header = ws.getRow(XLSX_HEADER_ROW);
  header.values = PARTICIPANT_COLUMNS.map((c) => words.columns[c.key]);
  fitRow(header, PARTICIPANT_COLUMNS.map((c) => words.columns[c.key]));
  header.font = { bold: true };
  header.alignment = { vertical: 'bottom', wrapText: true };
  header.eachCell((cell) => (cell.border = { bottom: { style: 'thin' } }));

  // An unknown value is an empty cell rather than an empty string, which COUNTA would count.
  for (const r of participantRows(x, words)) {
    const values = r.map((v) => (v === '' ? null : v));
    const row = ws.addRow(values);
    row.alignment = { vertical: 'top', wrapText: true };
    fitRow(row, values);
  }
  ws.autoFilter = { from: { row: XLSX_HEADER_ROW, column: 1 }, to: { row: XLSX_HEADER_ROW, column: last } };
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
