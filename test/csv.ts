// CSV as our exports must write it, read strictly: the organizer's participant lists and the
// representation figures are checked cell for cell through it.
import assert from 'node:assert/strict';

/** RFC 4180 read strictly: fields split on commas, records ended by CRLF, quoted fields with "" for a quote; a bare line break fails. */
export function parseCsv(text: string): string[][] {
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

/** The bytes of a CSV download: a UTF-8 byte-order mark, then parseCsv. */
export function parseCsvBytes(bytes: Buffer): string[][] {
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a UTF-8 byte-order mark');
  return parseCsv(bytes.subarray(3).toString('utf8'));
}
