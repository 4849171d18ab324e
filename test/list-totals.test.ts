// A list's total and its rows agree for one render even when another connection writes meanwhile
// (issue 12, review): on every engine, each paged read (people, organizations, events, a series'
// events, a person's, organization's and country's appearances) is run with a write by another
// connection slipped in after its first statement — an event published, then withdrawn — and the
// total it returns must count exactly the rows it returns (every list fits one page here). Read
// as two statements, the total came from before the write and the rows from after it.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { importAgenda } from '../src/operations/import-agenda.ts';
import { publishEvent, withdrawEvent } from '../src/operations/releases.ts';
import { appearancesPage } from '../src/storage/queries.ts';
import { eventsPage, organizationsPage, peoplePage } from '../src/storage/queries/public-lists.ts';
import { openStorage } from '../src/storage/storage.ts';
import { ENGINES, migratedStorage } from './engines.ts';
import { agenda, person, session } from './factories.ts';

const SERIES = { slug: 'idm', title: 'International Dialogue on Migration' };
const target = (slug: string) => ({ series: SERIES, event: { slug, title: slug.toUpperCase(), timeZone: 'Europe/Zurich' } });
const at = (name: string, organization: string, country: string, countryCode: string) => person(name, { position: 'Officer', organization, country, countryCode });

/** Runs `between` once, after the first statement that follows `arm()` has returned its rows. */
class AfterFirstStatement implements KyselyPlugin {
  private pending: (() => Promise<void>) | null = null;
  fired = 0;
  arm(between: () => Promise<void>): void {
    this.pending = between;
  }
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const run = this.pending;
    this.pending = null;
    if (run) {
      await run();
      this.fired++;
    }
    return args.result;
  }
}

for (const engine of ENGINES) {
  describe(`list totals on ${engine}`, () => {
    test('a write between the statements of a paged read never makes its total disagree with its rows', async () => {
      const t = await migratedStorage(engine);
      // The other connection (another process's, on SQLite; another pooled one, on PostgreSQL).
      const writer = await openStorage(t.url, { pollMs: 200 });
      try {
        const { storage } = t;
        await importAgenda(
          storage,
          agenda([{ date: '2019-05-02', sessions: [session({ title: 'Opening', speakers: [at('Ana Silva', 'IOM', 'Ghana', 'GH'), at('Juan Perez', 'UNHCR', 'Kenya', 'KE')] })] }]),
          target('idm-2019'),
          { publish: true },
        );
        await importAgenda(
          storage,
          agenda([{ date: '2020-05-02', sessions: [session({ title: 'Closing', speakers: [at('Ana Silva', 'IOM', 'Ghana', 'GH'), at('Lena Berg', 'ILO', 'Ghana', 'GH')] })] }]),
          target('idm-2020'),
        );
        const second = (await storage.db.selectFrom('event').select('id').where('slug', '=', 'idm-2020').executeTakeFirstOrThrow()).id;
        const ids = async (table: 'person' | 'organization', slug: string) => (await storage.db.selectFrom(table).select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
        const ana = await ids('person', 'ana-silva');
        const iom = await ids('organization', 'iom');
        const series = (await storage.db.selectFrom('series').select('id').where('slug', '=', 'idm').executeTakeFirstOrThrow()).id;

        const plugin = new AfterFirstStatement();
        const db = storage.db.withPlugin(plugin);
        let isPublished = false;
        // Alternately publishes and withdraws the second event: each changes every total below.
        const flip = async () => {
          if (isPublished) await withdrawEvent(writer, second, null);
          else await publishEvent(writer, second);
          isPublished = !isPublished;
        };
        const range = { offset: 0, limit: 100 };
        const reads: Array<[string, () => Promise<{ total: number; count: number }>]> = [
          ['people', async () => { const r = await peoplePage(db, engine, range); return { total: r.total, count: r.rows.length }; }],
          ['organizations', async () => { const r = await organizationsPage(db, engine, range); return { total: r.total, count: r.rows.length }; }],
          ['events', async () => { const r = await eventsPage(db, range); return { total: r.total, count: r.rows.length }; }],
          ["a series' events", async () => { const r = await eventsPage(db, range, series); return { total: r.total, count: r.rows.length }; }],
          ["a person's appearances", async () => { const r = await appearancesPage(db, { personId: ana }, range); return { total: r.total, count: r.items.length }; }],
          ["an organization's appearances", async () => { const r = await appearancesPage(db, { organizationId: iom }, range); return { total: r.total, count: r.items.length }; }],
          ["a country's appearances", async () => { const r = await appearancesPage(db, { countryCode: 'GH' }, range); return { total: r.total, count: r.items.length }; }],
        ];
        for (const [name, read] of reads) {
          for (let i = 0; i < 2; i++) {
            const before = plugin.fired;
            plugin.arm(flip);
            const { total, count } = await read();
            assert.equal(plugin.fired, before + 1, `${name}: the write ran during the read`);
            assert.ok(total > 0, `${name}: something to list`);
            assert.equal(total, count, `${name} (${isPublished ? 'after publishing' : 'after withdrawing'}): the total counts the rows shown`);
          }
        }
        // And without a write in between, the totals are what each state has.
        assert.deepEqual([(await peoplePage(storage.db, engine, range)).total, (await eventsPage(storage.db, range)).total], isPublished ? [3, 2] : [2, 1]);
      } finally {
        await writer.close();
        await t.cleanup();
      }
    });
  });
}
