// Calendar UIDs, frab guids and JSON-LD ids are stored (migration 0007): rows older than it get
// exactly the values the exports computed from slugs and ids before, and renames change none.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type Kysely, sql } from 'kysely';
import { stableGuid } from '../src/domain/guid.ts';
import { publishEvent } from '../src/operations/releases.ts';
import { migrate, migrateWithin, migrationNames } from '../src/storage/migrate.ts';
import { openStorage } from '../src/storage/storage.ts';
import { write } from '../src/storage/write.ts';
import { startServer } from '../src/web/server.ts';
import { ENGINES, freshDatabase } from './engines.ts';

const MIGRATION = '0007-stable-ids-invalidation';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const NOW = '2024-01-01T00:00:00.000Z';

/** What subscribers and search engines see of an event's identifiers. */
async function identifiers(base: string, slug: string, personSlug: string) {
  const get = async (path: string) => {
    const r = await fetch(`${base}${path}`);
    assert.equal(r.status, 200, `${path} answers 200`);
    return r.text();
  };
  const uids = (ics: string) => [...ics.matchAll(/^UID:(.+)\r$/gm)].map((m) => m[1]!);
  const page = await get(`/events/${slug}`);
  const ld = JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(page)![1]!) as {
    '@id': string;
    performer: Array<{ '@id': string }>;
    subEvent: Array<{ '@id': string; performer?: Array<{ '@id': string }> }>;
  };
  const json = JSON.parse(await get(`/events/${slug}/schedule.json`)) as unknown;
  const jsonGuids: string[] = [];
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) x.forEach(walk);
    else if (x && typeof x === 'object') for (const [k, v] of Object.entries(x)) k === 'guid' ? jsonGuids.push(String(v)) : walk(v);
  };
  walk(json);
  return {
    eventIcs: uids(await get(`/events/${slug}/calendar.ics`)),
    personIcs: uids(await get(`/people/${personSlug}/calendar.ics`)),
    xml: [...(await get(`/events/${slug}/schedule.xml`)).matchAll(/guid="([^"]+)"/g)].map((m) => m[1]!),
    json: jsonGuids,
    jsonLd: [ld['@id'], ...ld.performer.map((p) => p['@id']), ...ld.subEvent.flatMap((s) => [s['@id'], ...(s.performer ?? []).map((p) => p['@id'])])],
  };
}

for (const engine of ENGINES) {
  describe(`stable identifiers on ${engine}`, () => {
    test('migration 0007 gives existing rows the identifiers the exports computed, and renames keep them', async () => {
      const fresh = await freshDatabase(engine);
      const storage = await openStorage(fresh.url, { pollMs: 100 });
      try {
        // A database as the release before this migration left it, with an event in it.
        const names = migrationNames();
        const before = names[names.indexOf(MIGRATION) - 1]!;
        await storage.db.transaction().execute((trx) => migrateWithin(trx as unknown as Kysely<any>, engine, { to: before }));
        const db = storage.db as unknown as Kysely<any>;
        const id = async (table: string, values: Record<string, unknown>) => Number((await db.insertInto(table).values(values).returning('id').executeTakeFirstOrThrow()).id);
        const series = await id('series', { slug: 'idm', title: 'International Dialogue on Migration', lang: 'en', created_at: NOW, updated_at: NOW });
        const event = await id('event', {
          series_id: series, slug: 'idm-2017', title: 'Workshop', lang: 'en', start_date: '2017-04-18', end_date: '2017-04-18', city: 'New York', country_code: 'US',
          time_zone: 'America/New_York', status: 'published', created_at: NOW, updated_at: NOW,
        });
        const day = await id('day', { event_id: event, position: 1, date: '2017-04-18', label: null });
        const org = await id('organization', { slug: 'iom', name: 'IOM', name_key: 'iom', kind: 'igo', created_at: NOW, updated_at: NOW });
        const ana = await id('person', { slug: 'ana-lee', name: 'Ana Lee', name_key: 'ana lee', created_at: NOW, updated_at: NOW });
        const ben = await id('person', { slug: 'ben-okafor', name: 'Ben Okafor', name_key: 'ben okafor', created_at: NOW, updated_at: NOW });
        const sessions: number[] = [];
        for (const [i, start] of ['10:00', '11:30'].entries()) {
          const s = await id('session', { event_id: event, day_id: day, position: i + 1, kind: 'panel', number: i + 1, title: `Panel ${i + 1}`, lang: 'en', start_time: start, end_time: i ? '13:00' : '11:30' });
          sessions.push(s);
          await id('appearance', { session_id: s, person_id: ana, role: 'moderator', position: 1, organization_id: org, lang: 'en' });
          await id('appearance', { session_id: s, person_id: ben, role: 'speaker', position: 2, lang: 'en' });
        }

        // What the exports computed before this migration: UUIDv5 of names built from slugs and ids.
        const old = {
          event: stableGuid('event:idm-2017'),
          room: stableGuid('event:idm-2017:room'),
          sessions: sessions.map((s) => stableGuid(`event:idm-2017:session:${s}`)),
          ana: stableGuid('person:ana-lee'),
          ben: stableGuid('person:ben-okafor'),
        };

        assert.deepEqual(await migrate(storage), [MIGRATION, ...names.slice(names.indexOf(MIGRATION) + 1)]);
        await storage.generation.start();
        const server = await startServer(storage, { port: 0, host: '127.0.0.1' });
        try {
          const base = `http://127.0.0.1:${server.port}`;
          const host = '127.0.0.1';
          const first = await identifiers(base, 'idm-2017', 'ana-lee');
          const sessionUids = old.sessions.map((g) => `${g}@${host}`);
          assert.deepEqual(first.eventIcs, sessionUids);
          assert.deepEqual(first.personIcs, sessionUids);
          assert.deepEqual([...new Set(first.xml)].sort(), [old.room, ...old.sessions, old.ana, old.ben].sort());
          assert.ok(first.xml.includes(old.room) && first.json.includes(old.room));
          assert.deepEqual([...new Set(first.json)].sort(), [...new Set(first.xml)].sort());
          assert.deepEqual(
            [...new Set(first.jsonLd)].sort(),
            [old.event, ...old.sessions, old.ana, old.ben].map((g) => `urn:uuid:${g}`).sort(),
          );

          // Rename the event (title and slug) and a person (name and slug), as an editor would.
          await write(storage, async (trx, scope) => {
            await trx.updateTable('event').set({ slug: 'idm-2017-new-york', title: 'First workshop, New York' }).where('id', '=', event).execute();
            await trx.updateTable('person').set({ slug: 'ana-lee-park', name: 'Ana Lee-Park' }).where('id', '=', ana).execute();
            scope.event(event);
            scope.person(ana);
          });
          // The event's new title and address reach the public once published (the person is shared).
          assert.equal((await publishEvent(storage, event)).changed, true);
          const renamed = await identifiers(base, 'idm-2017-new-york', 'ana-lee-park');
          assert.deepEqual(renamed, first);
          assert.equal((await fetch(`${base}/events/idm-2017`)).status, 404, 'the old address is gone, its identifiers are not');

          // A record made after the migration gets a random UUID from the database, unlike any other.
          const added = await write(storage, async (trx) => {
            const row = await trx
              .insertInto('session')
              .values({ event_id: event, day_id: day, position: 3, kind: 'closing', number: null, title: null, lang: 'en', start_time: '13:00', end_time: '13:30' })
              .returning('id')
              .executeTakeFirstOrThrow();
            return (await trx.selectFrom('session').select('uuid').where('id', '=', row.id).executeTakeFirstOrThrow()).uuid;
          });
          assert.match(added, UUID);
          assert.equal(added[14], '4', 'a version 4 UUID');
          assert.ok(!old.sessions.includes(added));
          assert.equal((await publishEvent(storage, event)).changed, true);
          const after = await identifiers(base, 'idm-2017-new-york', 'ana-lee-park');
          assert.deepEqual(after.eventIcs, [...sessionUids, `${added}@${host}`]);
          // Every stored identifier is distinct within its table.
          for (const t of ['series', 'event', 'session', 'person', 'organization']) {
            const r = await sql<{ n: number; d: number; missing: number }>`SELECT count(*) AS n, count(DISTINCT uuid) AS d, count(*) - count(uuid) AS missing FROM ${sql.table(t)}`.execute(db);
            assert.equal(Number(r.rows[0]!.missing), 0, `${t}: every row has a uuid`);
            assert.equal(Number(r.rows[0]!.d), Number(r.rows[0]!.n), `${t}: no uuid twice`);
          }
        } finally {
          await server.close();
        }
      } finally {
        await storage.close();
        await fresh.drop();
      }
    });
  });
}
