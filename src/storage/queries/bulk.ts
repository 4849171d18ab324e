// Set-based writes for an import: many rows in one statement rather than one statement a row, so
// that the event's transaction (which holds SQLite's only write lock) is short. A statement costs
// tens of microseconds in Kysely and the driver whatever its size; an agenda of 3,000 appearances
// was 7,000 of them (npm run bench:editor-wait).
import { CompiledQuery, type Kysely, PostgresAdapter, sql } from 'kysely';
import type { Tx } from '../database.ts';

/**
 * Rows per multi-row INSERT or CASE update: at 500 rows of up to 12 columns a statement binds at most
 * 6,000 values, well within SQLite's 32,766 and PostgreSQL's 65,535.
 */
export const ROWS_PER_STATEMENT = 500;

export function chunks<T>(rows: readonly T[], size = ROWS_PER_STATEMENT): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/**
 * Sets each row's position (and moves the version of those marked `bump`) in one UPDATE per
 * ROWS_PER_STATEMENT rows. The positions given must not collide with any other row's while they are
 * written (the import parks an event's sessions at -id first), since a unique index is checked row by row.
 * Ids and positions are integers, written into the statement as numbers: building 500 bound
 * fragments through Kysely cost more than the update itself, and a number literal is an integer to
 * PostgreSQL as to SQLite (a bound value in a CASE would be text to PostgreSQL).
 */
export async function setPositions(trx: Tx, table: 'session' | 'appearance' | 'day', rows: ReadonlyArray<{ id: number; position: number; bump: boolean }>): Promise<void> {
  const int = (n: number) => {
    if (!Number.isSafeInteger(n)) throw new TypeError(`setPositions: ${n} is not an integer`);
    return String(n);
  };
  for (const chunk of chunks(rows)) {
    const cases = chunk.map((r) => `WHEN ${int(r.id)} THEN ${int(r.position)}`).join(' ');
    const ids = chunk.map((r) => int(r.id)).join(', ');
    const bumped = chunk.filter((r) => r.bump).map((r) => int(r.id));
    const version = bumped.length ? `, version = version + CASE WHEN id IN (${bumped.join(', ')}) THEN 1 ELSE 0 END` : '';
    await sql.raw(`UPDATE ${table} SET position = CASE id ${cases} END${version} WHERE id IN (${ids})`).execute(trx);
  }
}

type Compiled = { query: CompiledQuery; order: Array<string | typeof ID> };
const ID = Symbol('id');
/** Per transaction, the UPDATE ... WHERE id = ? of each table and set of columns, compiled once. */
const updates = new WeakMap<Tx, Map<string, Compiled>>();

/**
 * `UPDATE table SET … WHERE id = ?` for one row, compiled once per transaction, table and set of
 * columns, then run again with each row's values: building and compiling the statement through Kysely
 * cost more than running it (an import updates each of 500 sessions in turn). The parameters' order
 * is read from the compiled query (each value a distinct marker), not assumed.
 */
export async function updateRow(trx: Tx, table: string, id: number, set: Record<string, unknown>): Promise<void> {
  let kept = updates.get(trx);
  if (!kept) updates.set(trx, (kept = new Map()));
  const columns = Object.keys(set);
  const key = `${table}\u0000${columns.join('\u0000')}`;
  let c = kept.get(key);
  if (!c) {
    const marker = (i: number | 'id') => `\u0000plenary-update-${i}\u0000`;
    const query = (trx as unknown as Kysely<any>)
      .updateTable(table)
      .set(Object.fromEntries(columns.map((k, i) => [k, marker(i)])))
      .where('id', '=', marker('id'))
      .compile();
    const order = query.parameters.map((p) => {
      if (p === marker('id')) return ID;
      const i = columns.findIndex((_, j) => p === marker(j));
      if (i < 0) throw new Error(`updateRow: unexpected parameter in ${query.sql}`);
      return columns[i]!;
    });
    c = { query, order };
    kept.set(key, c);
  }
  await trx.executeQuery(CompiledQuery.raw(c.query.sql, c.order.map((k) => (k === ID ? id : set[k]))));
}

/**
 * Several rows' UPDATE, each row its own values, in one statement per ROWS_PER_STATEMENT rows that set the
 * same columns: the rows are one bound JSON array (its text does not depend on the count, so the
 * statement stays prepared), read back by json_each on SQLite (json_extract gives a JSON number as an
 * integer, a string as text) and by json_populate_recordset over the table's own row type on PostgreSQL,
 * which so gives every column its type. 500 sessions retitled by an import were 500 statements.
 */
export async function updateRows(trx: Tx, table: 'session', rows: ReadonlyArray<{ id: number; set: Record<string, unknown> }>): Promise<void> {
  const groups = new Map<string, Array<{ id: number; set: Record<string, unknown> }>>();
  for (const r of rows) {
    const key = Object.keys(r.set).sort().join(',');
    if (!key) continue;
    const list = groups.get(key);
    if (list) list.push(r);
    else groups.set(key, [r]);
  }
  const postgres = trx.getExecutor().adapter instanceof PostgresAdapter;
  for (const [key, list] of groups) {
    const columns = key.split(',');
    for (const c of columns) if (!/^[a-z_]+$/.test(c) || c === 'id') throw new TypeError(`updateRows: no column ${JSON.stringify(c)}`);
    const assign = columns.map((c) => `"${c}" = v."${c}"`).join(', ');
    const statement = postgres
      ? `UPDATE "${table}" AS t SET ${assign} FROM json_populate_recordset(NULL::"${table}", $1::json) AS v WHERE t.id = v.id`
      : `UPDATE "${table}" SET ${assign} FROM (SELECT ${['id', ...columns].map((c) => `json_extract(value, '$.${c}') AS "${c}"`).join(', ')} FROM json_each(?)) AS v WHERE "${table}".id = v.id`;
    for (const chunk of chunks(list)) {
      for (const r of chunk) if (!Number.isSafeInteger(r.id)) throw new TypeError(`updateRows: ${r.id} is not an id`);
      await trx.executeQuery(CompiledQuery.raw(statement, [JSON.stringify(chunk.map((r) => ({ ...r.set, id: r.id })))]));
    }
  }
}
