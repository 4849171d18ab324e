// A write drops the cached pages it changes and leaves the others: two instances on one
// database, an editor writing from a third connection (as another process would). Edits of the
// programme go to the working copy and reach the public when the editor publishes them.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { importAgenda } from '../src/operations/import-agenda.ts';
import { publishEvent } from '../src/operations/releases.ts';
import { openStorage, type Storage } from '../src/storage/storage.ts';
import { declareChange, write } from '../src/storage/write.ts';
import { startServer, type RunningServer } from '../src/web/server.ts';
import { ENGINES } from './engines.ts';
import { agenda, person, session } from './factories.ts';
import { demoSite } from './server.ts';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function html(url: string): Promise<string> {
  const r = await fetch(url);
  assert.equal(r.status, 200, `${url} answers 200`);
  return r.text();
}

/** Asks until `ok` holds (another instance learns of a write when its notification arrives). */
async function until(what: string, ok: () => Promise<boolean> | boolean): Promise<void> {
  for (let i = 0; i < 250; i++) {
    if (await ok()) return;
    await pause(20);
  }
  assert.fail(`gave up waiting: ${what}`);
}

async function eventId(storage: Storage, slug: string): Promise<number> {
  return (await storage.db.selectFrom('event').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
}

for (const engine of ENGINES) {
  describe(`scoped cache invalidation on ${engine}`, () => {
    test('an edit to one event leaves the other event cached on both instances and shows on both at once', async () => {
      const site = await demoSite(engine, { demo: false });
      const secondStorage = await openStorage(site.url, { pollMs: 100 });
      await secondStorage.generation.start();
      const second: RunningServer = await startServer(secondStorage, { port: 0, host: '127.0.0.1' });
      const editor = await openStorage(site.url, { pollMs: 100 });
      try {
        const series = { slug: 's', title: 'Series' };
        await importAgenda(site.storage, agenda([{ date: '2024-03-30', sessions: [session({ title: 'Old panel', speakers: [person('Ana Lee')] })] }]), {
          series,
          event: { slug: 'one', title: 'Event one', timeZone: 'Europe/Zurich' },
        }, { publish: true });
        await importAgenda(site.storage, agenda([{ date: '2024-04-30', sessions: [session({ title: 'Other panel', speakers: [person('Ben Okafor')] })] }]), {
          series,
          event: { slug: 'two', title: 'Event two', timeZone: 'Europe/Zurich' },
        }, { publish: true });
        const one = await eventId(site.storage, 'one');
        const instances = [
          { name: 'first', base: site.base, cache: site.server.cache },
          { name: 'second', base: `http://127.0.0.1:${second.port}`, cache: second.cache },
        ];
        // Both instances render and keep both events' pages, their calendars and the people list.
        const kept = ['/events/one', '/events/two', '/events/two/calendar.ics', '/api/events/two', '/people'];
        const before = new Map<string, string>();
        for (const i of instances) {
          await until(`${i.name} instance shows both events`, async () => (await html(`${i.base}/events/two`)).includes('Other panel') && (await html(`${i.base}/events/one`)).includes('Old panel'));
          for (const path of kept) before.set(`${i.name}${path}`, await html(`${i.base}${path}`));
          for (const path of kept) assert.ok(i.cache.holds(path), `${i.name} holds ${path}`);
        }

        // The editor saves a session of event one, declaring what it changed: event one's pages
        // are dropped, event two's kept; the public still reads the release before until the
        // editor publishes.
        await write(editor, async (trx, scope) => {
          const s = await trx.selectFrom('session').select('id').where('event_id', '=', one).executeTakeFirstOrThrow();
          await trx.updateTable('session').set({ title: 'New panel' }).where('id', '=', s.id).execute();
          scope.event(one);
        });
        for (const i of instances) {
          await until(`${i.name} instance drops event one's page`, () => !i.cache.holds('/events/one'));
          assert.ok(i.cache.holds('/events/two'), `${i.name}: the other event's page is still cached`);
          assert.equal(await html(`${i.base}/events/one`), before.get(`${i.name}/events/one`), `${i.name}: not published yet`);
        }
        assert.equal((await publishEvent(editor, one)).changed, true);

        for (const i of instances) {
          await until(`${i.name} instance shows the edit`, async () => (await html(`${i.base}/events/one`)).includes('New panel'));
          assert.ok(i.cache.holds('/events/two'), `${i.name}: the other event's page is still cached`);
          assert.ok(i.cache.holds('/events/two/calendar.ics'), `${i.name}: the other event's calendar is still cached`);
          assert.ok(i.cache.holds('/api/events/two'), `${i.name}: the other event's API answer is still cached`);
          assert.equal(i.cache.holds('/people'), false, `${i.name}: lists are dropped on every write`);
          const counted = i.cache.counters();
          const page = await html(`${i.base}/events/two`);
          assert.deepEqual(i.cache.counters(), { hits: counted.hits + 1, misses: counted.misses }, `${i.name}: event two answered from the cache`);
          assert.equal(page, before.get(`${i.name}/events/two`));
          assert.ok(!(await html(`${i.base}/events/one`)).includes('Old panel'));
        }

        // A person's new name reaches the events they appear in (one), and no other.
        for (const i of instances) await html(`${i.base}/events/one`);
        await write(editor, async (trx, scope) => {
          const p = await trx.selectFrom('person').select('id').where('name', '=', 'Ana Lee').executeTakeFirstOrThrow();
          await trx.updateTable('person').set({ name: 'Ana Lee-Park' }).where('id', '=', p.id).execute();
          scope.person(p.id);
        });
        for (const i of instances) {
          await until(`${i.name} instance shows the new name`, async () => (await html(`${i.base}/events/one`)).includes('Ana Lee-Park'));
          assert.ok(i.cache.holds('/events/two'), `${i.name}: event two does not show the person and stays cached`);
        }

        // An operation that passes only the transaction around declares what it changed by entity:
        // a session counts as its event.
        const released = new Map<string, string>();
        for (const i of instances) released.set(i.name, await html(`${i.base}/events/one`));
        for (const i of instances) assert.ok(i.cache.holds('/events/one'), `${i.name} holds event one`);
        await write(editor, async (trx) => {
          const s = await trx.selectFrom('session').select('id').where('event_id', '=', one).executeTakeFirstOrThrow();
          await trx.updateTable('session').set({ title: 'Newer panel' }).where('id', '=', s.id).execute();
          await declareChange(trx, 'session', s.id);
        });
        for (const i of instances) {
          await until(`${i.name} instance drops event one's page for the session declared by entity`, () => !i.cache.holds('/events/one'));
          assert.ok(i.cache.holds('/events/two'), `${i.name}: event two stays cached`);
          assert.equal(await html(`${i.base}/events/one`), released.get(i.name), `${i.name}: not published yet`);
        }
        assert.equal((await publishEvent(editor, one)).changed, true);
        for (const i of instances) {
          await until(`${i.name} instance shows the session declared by entity`, async () => (await html(`${i.base}/events/one`)).includes('Newer panel'));
          assert.ok(i.cache.holds('/events/two'), `${i.name}: event two stays cached`);
        }

        // A write that declares nothing may have changed anything: every page goes. (A person is
        // shared by the working and the published copies: their new name shows without a release.)
        for (const i of instances) assert.ok(i.cache.holds('/events/two') && i.cache.holds('/events/one'), `${i.name} holds both events`);
        await write(editor, async (trx) => {
          await trx.updateTable('person').set({ name: 'Ben Okafor-Mensah' }).where('name', '=', 'Ben Okafor').execute();
        });
        for (const i of instances) {
          await until(`${i.name} instance shows the undeclared write`, async () => (await html(`${i.base}/events/two`)).includes('Ben Okafor-Mensah'));
          assert.equal(i.cache.holds('/events/one'), false, `${i.name}: event one, where the person does not appear, went too`);
        }
      } finally {
        await editor.close();
        await second.close();
        await secondStorage.close();
        await site.stop();
      }
    });
  });
}
