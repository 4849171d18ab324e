// The import's event write is set-based (storage/queries/bulk.ts): new sessions go in a day at a time,
// new appearances and their materials a few hundred rows to a statement at the end of the write, and
// every session's place in one CASE update. Each row must still land where the page puts it: the right
// person in the right session at the right place, each material with its own person, ids rising in the
// page's order, versions moved only where a row changed, on both engines, past the rows of one statement.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { importAgenda } from '../src/operations/import-agenda.ts';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { openStorage, type Storage } from '../src/storage/storage.ts';
import { ENGINES, migratedStorage } from './engines.ts';
import { agenda, person, session, TARGET } from './factories.ts';

/** The working copy as rows: each session (day, place, title, version) with its people and their materials, in order. */
async function stored(storage: Storage) {
  const db = storage.db;
  const sessions = await db
    .selectFrom('session as s')
    .innerJoin('day as d', 'd.id', 's.day_id')
    .select(['s.id', 'd.date', 's.position', 's.title', 's.version'])
    .orderBy('d.date')
    .orderBy('s.position')
    .execute();
  const appearances = await db
    .selectFrom('appearance as a')
    .innerJoin('person as p', 'p.id', 'a.person_id')
    .select(['a.id', 'a.session_id', 'a.position', 'a.role', 'p.name', 'a.version'])
    .orderBy('a.session_id')
    .orderBy('a.position')
    .execute();
  const materials = await db.selectFrom('material').select(['id', 'appearance_id', 'kind', 'label', 'position']).orderBy('appearance_id').orderBy('position').execute();
  return sessions.map((s) => ({
    id: s.id,
    at: `${s.date} #${s.position}`,
    title: s.title,
    version: s.version,
    people: appearances
      .filter((a) => a.session_id === s.id)
      .map((a) => ({
        id: a.id,
        who: `${a.role} ${a.name} #${a.position}`,
        version: a.version,
        materials: materials.filter((m) => m.appearance_id === a.id).map((m) => `${m.kind} ${m.label} #${m.position}`),
      })),
  }));
}

const GIVEN = ['Anna', 'Omar', 'Lucía', 'Kwame', 'Mei', 'Sven', 'Amara', 'Rahul', 'Olga', 'Tomás'];
const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'ti', 'vo', 'de', 'ba', 'go', 'le'];
/** A distinct, name-like name for each number (as bench/editor-wait.ts makes them). */
function name(k: number): string {
  let s = '';
  for (let n = k + 12 * 12; n > 0; n = Math.floor(n / 12)) s += SYLLABLES[n % 12];
  return `${GIVEN[k % 10]} ${s[0]!.toUpperCase()}${s.slice(1)}`;
}

/** A plugin that, after a statement `at` recognises has run (inside its transaction), awaits `then` once. */
class HoldAt implements KyselyPlugin {
  #ids = new Set<string>();
  #done = false;
  constructor(
    private readonly at: (node: RootOperationNode) => boolean,
    private readonly then: () => Promise<void>,
  ) {}
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (!this.#done && this.at(args.node)) this.#ids.add(args.queryId.queryId);
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    if (this.#ids.delete(args.queryId.queryId) && !this.#done) {
      this.#done = true;
      await this.then();
    }
    return args.result;
  }
}

const rising = (ids: number[]) => ids.every((id, i) => i === 0 || id > ids[i - 1]!);

for (const engine of ENGINES) {
  test(`on ${engine}, an import's new sessions, appearances and materials land where the page puts them, and a re-import moves only what changed`, async () => {
    const t = await migratedStorage(engine);
    try {
      const first = agenda([
        {
          date: '2031-05-06',
          sessions: [
            session({ start: '09:00', title: 'Opening', speakers: [person('Ana Lee', { materials: [{ kind: 'statement', label: 'Statement' }] }), person('Bo Kim')] }),
            session({ start: '10:00', title: 'Panel one', moderators: [person('Cy Dorn')], speakers: [person('Di Esposito', { materials: [{ kind: 'presentation', label: 'Slides' }, { kind: 'statement', label: 'Remarks' }] })] }),
          ],
        },
      ]);
      const r1 = await importAgenda(t.storage, first, TARGET);
      assert.deepEqual([r1.sessions, r1.appearances], [{ created: 2, updated: 0, removed: 0 }, { created: 4, updated: 0, removed: 0 }]);
      const s1 = await stored(t.storage);
      assert.deepEqual(
        s1.map((s) => [s.at, s.title, s.version, s.people.map((p) => [p.who, p.version, p.materials])]),
        [
          ['2031-05-06 #0', 'Opening', 1, [['speaker Ana Lee #0', 1, ['statement Statement #0']], ['speaker Bo Kim #1', 1, []]]],
          ['2031-05-06 #1', 'Panel one', 1, [['moderator Cy Dorn #0', 1, []], ['speaker Di Esposito #1', 1, ['presentation Slides #0', 'statement Remarks #1']]]],
        ],
      );
      // Ids rise in the page's order, as they did when each row was its own statement.
      assert.ok(rising(s1.map((s) => s.id)));
      assert.ok(rising(s1.flatMap((s) => s.people.map((p) => p.id))));

      // A session added at the top, a speaker added between two, a statement dropped, a presentation added.
      const second = agenda([
        {
          date: '2031-05-06',
          sessions: [
            session({ start: '08:30', title: 'Welcome', speakers: [person('Eva Fox', { materials: [{ kind: 'statement', label: 'Welcome address' }] })] }),
            session({ start: '09:00', title: 'Opening', speakers: [person('Ana Lee'), person('Gus Hale', { materials: [{ kind: 'statement', label: 'Statement' }] }), person('Bo Kim', { materials: [{ kind: 'presentation', label: 'Deck' }] })] }),
            session({ start: '10:00', title: 'Panel one', moderators: [person('Cy Dorn')], speakers: [person('Di Esposito', { materials: [{ kind: 'presentation', label: 'Slides' }, { kind: 'statement', label: 'Remarks' }] })] }),
          ],
        },
      ]);
      const r2 = await importAgenda(t.storage, second, TARGET);
      assert.deepEqual([r2.sessions, r2.appearances], [{ created: 1, updated: 2, removed: 0 }, { created: 2, updated: 4, removed: 0 }]);
      const s2 = await stored(t.storage);
      assert.deepEqual(
        s2.map((s) => [s.at, s.title, s.version, s.people.map((p) => [p.who, p.version, p.materials])]),
        [
          ['2031-05-06 #0', 'Welcome', 1, [['speaker Eva Fox #0', 1, ['statement Welcome address #0']]]],
          // Moved down a place in its day: its version moves, so a form opened before is refused.
          ['2031-05-06 #1', 'Opening', 2, [['speaker Ana Lee #0', 1, []], ['speaker Gus Hale #1', 1, ['statement Statement #0']], ['speaker Bo Kim #2', 2, ['presentation Deck #0']]]],
          ['2031-05-06 #2', 'Panel one', 2, [['moderator Cy Dorn #0', 1, []], ['speaker Di Esposito #1', 1, ['presentation Slides #0', 'statement Remarks #1']]]],
        ],
      );
      // The stored rows kept their ids; the new ones come after them, in the page's order.
      assert.deepEqual(s2.slice(1).map((s) => s.id), s1.map((s) => s.id));
      const kept = new Set(s1.flatMap((s) => s.people.map((p) => p.id)));
      const added = s2.flatMap((s) => s.people.filter((p) => !kept.has(p.id)).map((p) => p.id));
      assert.equal(added.length, 2);
      assert.ok(rising(added) && added[0]! > Math.max(...kept));
    } finally {
      await t.cleanup();
    }
  });

  test(`on ${engine}, an agenda of more rows than one statement takes (1,200 appearances) is stored whole, and again with every session retitled`, async () => {
    const t = await migratedStorage(engine);
    try {
      const page = (version: number) =>
        agenda(
          [0, 1, 2].map((d) => ({
            date: `2031-06-0${d + 1}`,
            sessions: Array.from({ length: 200 }, (_, s) =>
              session({
                start: `${String(8 + Math.floor(s / 20)).padStart(2, '0')}:${String((s % 20) * 3).padStart(2, '0')}`,
                end: null,
                title: `Panel ${d + 1}.${s + 1}${version === 2 ? ' (revised)' : ''}`,
                speakers: [person(name((d * 200 + s) * 2), { materials: s % 50 === 0 ? [{ kind: 'statement', label: 'Statement' }] : [] }), person(name((d * 200 + s) * 2 + 1))],
              }),
            ),
          })),
        );
      const expected = (version: number, sessionVersion: number) =>
        [0, 1, 2].flatMap((d) =>
          Array.from({ length: 200 }, (_, s) => [
            `2031-06-0${d + 1} #${s}`,
            `Panel ${d + 1}.${s + 1}${version === 2 ? ' (revised)' : ''}`,
            sessionVersion,
            [`speaker ${name((d * 200 + s) * 2)} #0`, `speaker ${name((d * 200 + s) * 2 + 1)} #1`],
            s % 50 === 0 ? ['statement Statement #0'] : [],
          ]),
        );
      const shape = (rows: Awaited<ReturnType<typeof stored>>) => rows.map((s) => [s.at, s.title, s.version, s.people.map((p) => p.who), s.people.flatMap((p) => p.materials)]);

      const r1 = await importAgenda(t.storage, page(1), TARGET);
      assert.deepEqual([r1.sessions, r1.appearances, r1.persons], [{ created: 600, updated: 0, removed: 0 }, { created: 1200, updated: 0, removed: 0 }, { created: 1200, matched: 0 }]);
      const s1 = await stored(t.storage);
      assert.deepEqual(shape(s1), expected(1, 1));
      assert.ok(rising(s1.map((s) => s.id)));
      assert.ok(rising(s1.flatMap((s) => s.people.map((p) => p.id))));

      const r2 = await importAgenda(t.storage, page(2), TARGET);
      assert.deepEqual([r2.sessions, r2.appearances, r2.persons], [{ created: 0, updated: 600, removed: 0 }, { created: 0, updated: 1200, removed: 0 }, { created: 0, matched: 1200 }]);
      const s2 = await stored(t.storage);
      // Every session retitled (its version moved once), in its place; no appearance touched.
      assert.deepEqual(shape(s2), expected(2, 2));
      assert.deepEqual(s2.map((s) => s.id), s1.map((s) => s.id));
      assert.deepEqual([...new Set(s2.flatMap((s) => s.people.map((p) => p.version)))], [1]);
    } finally {
      await t.cleanup();
    }
  });

  test(`on ${engine}, a reader while an import retitles every session sees the event as it was or as the import left it, never part of each`, async () => {
    const t = await migratedStorage(engine);
    // Another instance's reader: a connection (pool) of its own.
    const reader = await openStorage(t.url, { pollMs: 200 });
    try {
      const page = (version: number) =>
        agenda(
          [0, 1].map((d) => ({
            date: `2031-06-0${d + 1}`,
            sessions: Array.from({ length: 150 }, (_, s) =>
              session({
                start: `${String(8 + Math.floor(s / 20)).padStart(2, '0')}:${String((s % 20) * 3).padStart(2, '0')}`,
                end: null,
                title: `Panel ${d + 1}.${s + 1}${version === 2 ? ' (revised)' : ''}`,
                speakers: [person(name(d * 150 + s))],
              }),
            ),
          })),
        );
      const titles = async () => (await reader.db.selectFrom('session').select(['title', 'version']).orderBy('id').execute()).map((r) => `${r.title} v${r.version}`).join('\n');
      await importAgenda(t.storage, page(1), TARGET);
      const before = await titles();
      // The import's storage as seen through a plugin of the test's: the event's write stops when it logs
      // itself (its audit entry, after every session is written) until the reader has read once, so that
      // at least one read certainly falls between the import's writes and its commit.
      let holding!: () => void;
      const held = new Promise<void>((resolve) => (holding = resolve));
      let letGo!: () => void;
      const gate = new Promise<void>((resolve) => (letGo = resolve));
      const importer: Storage = Object.assign(Object.create(t.storage) as Storage, { db: t.storage.db.withPlugin(new HoldAt((node) => node.kind === 'InsertQueryNode' && JSON.stringify(node).includes('"audit_entry"') && JSON.stringify(node).includes('"import"'), async () => (holding(), gate))) });
      let done = false;
      const importing = importAgenda(importer, page(2), TARGET).finally(() => (done = true));
      const seen = new Set<string>();
      await held;
      const during = await titles();
      seen.add(during);
      letGo();
      while (!done) {
        seen.add(await titles());
        await new Promise((resolve) => setImmediate(resolve));
      }
      const report = await importing;
      assert.deepEqual(report.sessions, { created: 0, updated: 300, removed: 0 });
      const after = await titles();
      assert.equal(after.split('\n').filter((x) => x.endsWith(' (revised) v2')).length, 300);
      // Read while the import's transaction had written every session and not committed: as it was.
      assert.equal(during, before);
      for (const s of seen) assert.ok(s === before || s === after, 'a reader saw some sessions retitled and others not');
    } finally {
      await reader.close();
      await t.cleanup();
    }
  });
}
