// One database value ↔ its archived form, and one row ↔ its NDJSON line. Restore checks each
// row with the same rules imports follow (domain/records.ts) before it is written.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { RECORD_FIELDS, recordProblem } from '../domain/records.ts';
import type { ColumnType, TableShape } from '../storage/queries/archive.ts';
import { MAX_LINE_BYTES } from './archive-format.ts';

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** One database value as it appears in the archive. */
export function encodeValue(type: ColumnType, value: unknown, where: string): string | number | null {
  if (value === null || value === undefined) {
    if (type.endsWith('?')) return null;
    throw new Error(`${where} is NULL in a NOT NULL column`);
  }
  if (type.startsWith('blob')) {
    if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
  } else if (type.startsWith('integer')) {
    // int8 may arrive as a string or bigint; the archive holds plain numbers.
    const n = typeof value === 'bigint' || typeof value === 'string' ? Number(value) : value;
    if (typeof n === 'number' && Number.isSafeInteger(n)) return n;
  } else if (typeof value === 'string') {
    return value;
  }
  throw new Error(`${where} holds an unexpected ${typeof value} for a ${type} column`);
}

/** One table row as its NDJSON line; a row too long for restore to read back is refused here already. */
export function encodeLine(table: TableShape, row: Record<string, unknown>, index: number, maxBytes = MAX_LINE_BYTES): string {
  const out: Record<string, unknown> = {};
  for (const [c, type] of Object.entries(table.columns)) out[c] = encodeValue(type, row[c], `${table.name} row ${index + 1} column ${c}`);
  const line = `${JSON.stringify(out)}\n`;
  const bytes = Buffer.byteLength(line);
  if (bytes - 1 > maxBytes) {
    throw new Error(`${table.name} row ${index + 1} takes ${bytes - 1} bytes in a backup, more than the ${maxBytes} a backup line may hold: refusing to write a backup that restore would refuse`);
  }
  return line;
}

// Both engines store `integer` columns in 32 bits on PostgreSQL; SQLite would take more and
// the archive must restore on either.
const INT32 = z.int32();

/** The zod schema of one archived row of a table: each column's type, and the rules of domain/records.ts. */
export function rowSchema(table: TableShape) {
  const rules = RECORD_FIELDS[table.name] ?? {};
  const shape: Record<string, z.ZodType> = {};
  for (const [column, type] of Object.entries(table.columns)) {
    const base: z.ZodType = type.startsWith('blob') ? z.base64() : type.startsWith('integer') ? INT32 : z.string();
    const rule = rules[column];
    const checked = rule ? base.pipe(rule) : base;
    shape[column] = type.endsWith('?') ? checked.nullable() : checked;
  }
  return z.strictObject(shape);
}

const describe = (e: z.ZodError) => e.issues.map((i) => `${i.path.length ? `${i.path.join('.')}: ` : ''}${i.message}`).join('; ');

/**
 * One archived line back to database values (base64 blobs to bytes), or an error naming what
 * is wrong: `where(detail)` turns the detail into the message (it names the archive, table and row).
 */
export function decodeLine(table: TableShape, schema: ReturnType<typeof rowSchema>, line: string, where: (detail: string) => Error): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw where('not JSON');
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw where(describe(parsed.error));
  // The values as archived (the rules only check them), blobs decoded.
  const archived = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [column, type] of Object.entries(table.columns)) {
    const v = archived[column];
    out[column] = type.startsWith('blob') && typeof v === 'string' ? Buffer.from(v, 'base64') : v;
  }
  const problem = recordProblem(table.name, out);
  if (problem) throw where(`${problem.field}: ${problem.message}`);
  if (table.name === 'file' && out.data instanceof Uint8Array && sha256(out.data) !== out.sha256) throw where('sha256: does not match the data');
  return out;
}
