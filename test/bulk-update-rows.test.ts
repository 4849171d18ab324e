// updateRows (storage/queries/bulk.ts) on its own: rows that set different sets of columns (one statement
// per set, whatever order each row names them in), NULLs, values that look like other types, and more
// rows of one set than one statement takes (ROWS_PER_STATEMENT), on every engine: each row gets its own
// values with its column's type, and rows not named keep theirs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { importAgenda } from '../src/operations/import-agenda.ts';
import { ROWS_PER_STATEMENT, updateRows } from '../src/storage/queries/bulk.ts';
import { write } from '../src/storage/write.ts';
import { ENGINES, migratedStorage } from './engines.ts';
import { agenda, session, TARGET } from './factories.ts';

const COUNT = 1200;

for (const engine of ENGINES) {
  test(`on ${engine}, updateRows writes each row's own values, NULLs included, for several column sets and past one statement's rows`, async () => {
    const t = await migratedStorage(engine);
    try {
      await importAgenda(t.storage, agenda([{ date: '2031-07-01', sessions: Array.from({ length: COUNT }, (_, i) => session({ start: '09:00', end: '10:00', number: i + 1, title: `Session ${i}` })) }]), TARGET);
      const q = t.storage.db;
      const columns = ['id', 'kind', 'number', 'title', 'start_time', 'end_time', 'version'] as const;
      const read = async () => await q.selectFrom('session').select(columns).orderBy('id').execute();
      const before = await read();
      assert.equal(before.length, COUNT);
      assert.ok(550 > ROWS_PER_STATEMENT && 600 > ROWS_PER_STATEMENT, 'each set is more rows than one statement takes');

      // Rows 0-549: title only (some NULL, some text that looks like a number or JSON); 550-1149: number, start_time and
      // version, named in two orders (one set), the number NULL on every third; 1150-1199: not named; and a row with nothing to set.
      const title = (i: number) => (i % 7 === 0 ? null : i % 7 === 1 ? String(i) : i % 7 === 2 ? `{"t": "É ${i}", 'q'}` : `Retitled ${i}`);
      const rows = before.flatMap((r, i) => {
        if (i < 550) return [{ id: r.id, set: { title: title(i) } }];
        if (i < 1150) {
          const number = i % 3 === 0 ? null : i * 2;
          return [{ id: r.id, set: i % 2 ? { version: r.version + 2, number, start_time: i % 5 ? '08:15' : null } : { start_time: i % 5 ? '08:15' : null, number, version: r.version + 2 } }];
        }
        return i === 1150 ? [{ id: r.id, set: {} }] : [];
      });
      await write(t.storage, (trx) => updateRows(trx, 'session', rows));

      const expected = before.map((r, i) => {
        if (i < 550) return { ...r, title: title(i) };
        if (i < 1150) return { ...r, number: i % 3 === 0 ? null : i * 2, start_time: i % 5 ? '08:15' : null, version: r.version + 2 };
        return r;
      });
      const after = await read();
      assert.deepEqual(after, expected);
      // Types as stored, not as JSON carried them: a number-looking title stays text, a number an integer.
      assert.equal(after[1]!.title, '1');
      assert.equal(typeof after[551]!.number, 'number');
      assert.equal(after[552]!.number, null);

      // A column name that is not one is refused before anything is written.
      await assert.rejects(
        write(t.storage, (trx) => updateRows(trx, 'session', [{ id: before[0]!.id, set: { 'title"; --': 'x' } }])),
        (e: unknown) => e instanceof TypeError && e.message === 'updateRows: no column "title\\"; --"',
      );
      assert.deepEqual(await read(), expected);
    } finally {
      await t.cleanup();
    }
  });
}
