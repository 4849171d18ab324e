// Word files for the reader's limits, built the way a hostile tester builds them (a minimal
// package around a document.xml that inflates far beyond its size) and the way an organizer's
// tools write a long agenda (the docx library). Used by the tests and bench/docx-memory.ts.
import JSZip from 'jszip';
import { blocks, toDocx } from './convert.ts';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

/** A minimal Word package around the given body XML, deflated at the highest level. */
export async function wordFile(body: string): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
  );
  zip.file('word/document.xml', `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="${W}"><w:body>${body}</w:body></w:document>`);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

/** Body XML of about `bytes` bytes made of `unit` repeated. */
function repeated(unit: string, bytes: number): string {
  return unit.repeat(Math.floor(bytes / unit.length));
}

/** One-word paragraphs whose document.xml inflates to about `bytes`. */
export function paragraphBomb(bytes: number): Promise<Uint8Array> {
  return wordFile(repeated('<w:p><w:r><w:t>x</w:t></w:r></w:p>', bytes));
}

/** One table of ten-cell rows whose document.xml inflates to about `bytes`. */
export function tableBomb(bytes: number): Promise<Uint8Array> {
  const cell = '<w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc>';
  return wordFile(`<w:tbl>${repeated(`<w:tr>${cell.repeat(10)}</w:tr>`, bytes)}</w:tbl>`);
}

const GIVEN = ['Amina', 'Jean-Pierre', 'María', 'Kwame', 'Olga', 'Hiroshi', 'Fatima', 'Lars', 'Priya', 'Diego'];
const SYLLABLES = ['ba', 'ko', 'mi', 'ta', 'ren', 'so', 'lu', 'vi', 'da', 'ne'];

/** A distinct surname for each number: its decimal digits spelt as syllables ("Kominta"). */
function surname(n: number): string {
  const s = [...String(n).padStart(4, '0')].map((d) => SYLLABLES[Number(d)]!).join('');
  return s[0]!.toUpperCase() + s.slice(1);
}

/**
 * A long agenda's text: `days` days (from Monday 4 March 2030) of `perDay` panels with a
 * moderator and four speakers each, all different people; with `ownOrganizations`, each
 * speaker from an organization of their own.
 */
export function longAgendaText(days: number, perDay: number, ownOrganizations = false): string {
  const lines = ['Agenda', ''];
  const at = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  const weekdays = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
  let person = 0;
  for (let d = 0; d < days; d++) {
    lines.push(`${weekdays[d % 7]} ${4 + d} March 2030`, '');
    // Slots of at most 10 minutes from 08:00, short enough that the day ends by 23:00 (no 24:10).
    const slot = Math.max(1, Math.min(10, Math.floor((15 * 60) / perDay)));
    for (let s = 0; s < perDay; s++) {
      const start = 8 * 60 + s * slot;
      lines.push(`${at(start)} - ${at(start + slot)}    Panel ${d * perDay + s + 1} – Cooperation on labour mobility, return and reintegration`, '');
      lines.push(`Moderator: ${GIVEN[person % 10]} ${surname(person++)}, Director, Department of Migration Policy, Ministry of Interior, Nigeria`, '');
      for (let k = 0; k < 4; k++) {
        const affiliation = ownOrganizations
          ? `Director, ${surname(person)} Institute for Migration Studies`
          : 'Ambassador and Permanent Representative of France to the United Nations Office at Geneva';
        lines.push(`  • ${GIVEN[person % 10]} ${surname(person++)}, ${affiliation} (Statement)`);
      }
      lines.push('');
    }
  }
  return lines.join('\n');
}

/** That agenda as Word writes it (the docx library). */
export function longAgendaDocx(days: number, perDay: number): Promise<Uint8Array> {
  return toDocx(blocks(longAgendaText(days, perDay)));
}
