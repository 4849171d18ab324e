// Frozen in time: typed against Kysely<any> and importing nothing from the app.
// A series' convening organization (the body that holds the dialogue, e.g. IOM for the
// International Dialogue on Migration), and an event's street address.
import { type Kysely, sql } from 'kysely';

type Engine = 'sqlite' | 'postgres';

export async function up(db: Kysely<any>, _engine: Engine): Promise<void> {
  // The same statement on both engines. The key is checked at commit (deferred): a restore
  // inserts series before organizations, in one transaction, and only the whole must hold.
  // Deleting the organization leaves the series without a convener rather than failing.
  await sql`ALTER TABLE series ADD COLUMN convener_id integer REFERENCES organization (id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED`.execute(db);
  await db.schema.createIndex('series_convener_idx').on('series').column('convener_id').execute();

  // The street and number as one line ("405 East 42nd Street"); the city and country have their own columns.
  await db.schema.alterTable('event').addColumn('address', 'text').execute();
}
