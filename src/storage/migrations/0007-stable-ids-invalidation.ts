// Frozen in time: typed against Kysely<any> and importing nothing from the app.
//
// 1. Stable identifiers. Series, events, sessions, persons and organizations get a stored `uuid`
//    (events also `room_uuid`, the frab room's guid), so that calendar UIDs, frab guids and
//    JSON-LD ids survive a rename or a new slug. Existing rows get exactly the UUIDv5 that the
//    exports computed from slugs and ids until now, so that subscribers see no change. New rows
//    get a random UUID from the database itself (a default on PostgreSQL, a trigger on SQLite,
//    which cannot add a column with a computed default), so every way of creating a record
//    (import, editing, demo) gets one without having to ask.
// 2. Scoped cache invalidation: one row per write, keyed by the generation that write moved to,
//    naming the events whose pages it changed (NULL: every page).
import { type Kysely, sql } from 'kysely';
import { v5 } from 'uuid';

type Engine = 'sqlite' | 'postgres';

// The namespace the exports have used since issue 8 (was src/domain/guid.ts).
const NAMESPACE = 'd1f3b3a0-5c59-4f38-9d1e-7c0b8a9e6f21';

const TABLES = ['series', 'event', 'session', 'person', 'organization'] as const;

// A version 4 UUID in SQLite's SQL: random hex with the version nibble 4 and the variant 8-b.
const SQLITE_UUID = `lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))`;

async function fill(db: Kysely<any>, table: string, rows: Array<{ id: number; name: string }>, column = 'uuid'): Promise<void> {
  for (const r of rows) await db.updateTable(table).set({ [column]: v5(r.name, NAMESPACE) }).where('id', '=', r.id).execute();
}

export async function up(db: Kysely<any>, engine: Engine): Promise<void> {
  for (const t of TABLES) await db.schema.alterTable(t).addColumn('uuid', 'text').execute();
  await db.schema.alterTable('event').addColumn('room_uuid', 'text').execute();

  // The names the exports hashed: event:SLUG, event:SLUG:room, event:SLUG:session:ID, person:SLUG.
  // Series and organizations had none; theirs follow the same pattern.
  const events = await db.selectFrom('event').select(['id', 'slug']).execute();
  await fill(db, 'event', events.map((e) => ({ id: e.id, name: `event:${e.slug}` })));
  await fill(db, 'event', events.map((e) => ({ id: e.id, name: `event:${e.slug}:room` })), 'room_uuid');
  const sessions = await db.selectFrom('session as s').innerJoin('event as e', 'e.id', 's.event_id').select(['s.id as id', 'e.slug as slug']).execute();
  await fill(db, 'session', sessions.map((s) => ({ id: s.id, name: `event:${s.slug}:session:${s.id}` })));
  for (const t of ['series', 'person', 'organization']) {
    const rows = await db.selectFrom(t).select(['id', 'slug']).execute();
    await fill(db, t, rows.map((r) => ({ id: r.id, name: `${t}:${r.slug}` })));
  }

  for (const t of TABLES) await db.schema.createIndex(`${t}_uuid_key`).on(t).column('uuid').unique().execute();
  await db.schema.createIndex('event_room_uuid_key').on('event').column('room_uuid').unique().execute();

  if (engine === 'postgres') {
    for (const t of TABLES) await sql`ALTER TABLE ${sql.table(t)} ALTER COLUMN uuid SET DEFAULT gen_random_uuid()::text, ALTER COLUMN uuid SET NOT NULL`.execute(db);
    await sql`ALTER TABLE event ALTER COLUMN room_uuid SET DEFAULT gen_random_uuid()::text, ALTER COLUMN room_uuid SET NOT NULL`.execute(db);
  } else {
    for (const t of TABLES) {
      await sql
        .raw(`CREATE TRIGGER ${t}_uuid AFTER INSERT ON ${t} FOR EACH ROW WHEN NEW.uuid IS NULL BEGIN UPDATE ${t} SET uuid = (${SQLITE_UUID}) WHERE id = NEW.id; END`)
        .execute(db);
    }
    await sql
      .raw(`CREATE TRIGGER event_room_uuid AFTER INSERT ON event FOR EACH ROW WHEN NEW.room_uuid IS NULL BEGIN UPDATE event SET room_uuid = (${SQLITE_UUID}) WHERE id = NEW.id; END`)
      .execute(db);
  }

  await db.schema
    .createTable('cache_invalidation')
    .addColumn('generation', 'bigint', (c) => c.primaryKey())
    // JSON array of event ids, or NULL when the write may have changed any page.
    .addColumn('events', 'text')
    .execute();
}
