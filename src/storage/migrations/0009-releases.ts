// Frozen in time: typed against Kysely<any> and importing nothing from the app.
// Releases. The tables event, day, session, appearance and material become the working copy that
// editors change; the public reads copies of them (pub_event, pub_day, pub_session,
// pub_appearance, pub_material) made when an editor publishes, each publication a numbered
// `release` with its note and what it changed. Rows keep their ids and UUIDs in the copies, so
// links, calendar UIDs and frab guids stay the same from the working copy to the public.
//
// An event published before releases existed becomes release 1 as it stands, dated by its last
// change, so that calendars see the SEQUENCE they saw before.
import { type Kysely, sql } from 'kysely';

const EVENT_COLUMNS = [
  'id', 'series_id', 'slug', 'title', 'lang', 'start_date', 'end_date', 'venue', 'address', 'city', 'country_code', 'time_zone',
  'overview', 'themes', 'contact_email', 'status', 'uuid', 'room_uuid', 'created_at', 'updated_at', 'version',
];
const DAY_COLUMNS = ['id', 'event_id', 'position', 'date', 'label', 'version'];
const SESSION_COLUMNS = ['id', 'event_id', 'day_id', 'position', 'kind', 'number', 'title', 'lang', 'start_time', 'end_time', 'uuid', 'version'];
const APPEARANCE_COLUMNS = [
  'id', 'session_id', 'person_id', 'role', 'role_label', 'position', 'honorific', 'affiliation_position', 'organization_id', 'country',
  'country_code', 'talk_title', 'lang', 'version',
];
const MATERIAL_COLUMNS = ['id', 'event_id', 'appearance_id', 'kind', 'label', 'lang', 'position', 'url', 'file_id', 'created_at'];

export async function up(db: Kysely<any>, engine: string): Promise<void> {
  const pk = (t: any) =>
    engine === 'postgres' ? t.addColumn('id', 'integer', (c: any) => c.primaryKey().generatedByDefaultAsIdentity()) : t.addColumn('id', 'integer', (c: any) => c.primaryKey().autoIncrement());

  await pk(db.schema.createTable('release'))
    .addColumn('event_id', 'integer', (c: any) => c.notNull().references('event.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c: any) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('account_id', 'integer', (c: any) => c.references('account.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c: any) => c.notNull())
    // JSON: what changed since the release before (null for the first), as operations/releases.ts computes it
    .addColumn('changes', 'text')
    .execute();
  await db.schema.createIndex('release_event_number_key').on('release').columns(['event_id', 'number']).unique().execute();

  await db.schema
    .createTable('pub_event')
    .addColumn('id', 'integer', (c: any) => c.primaryKey().references('event.id').onDelete('cascade'))
    .addColumn('series_id', 'integer', (c: any) => c.notNull().references('series.id').onDelete('restrict'))
    .addColumn('slug', 'text', (c: any) => c.notNull().unique())
    .addColumn('title', 'text', (c: any) => c.notNull())
    .addColumn('lang', 'text', (c: any) => c.notNull())
    .addColumn('start_date', 'text', (c: any) => c.notNull())
    .addColumn('end_date', 'text', (c: any) => c.notNull())
    .addColumn('venue', 'text')
    .addColumn('address', 'text')
    .addColumn('city', 'text')
    .addColumn('country_code', 'text')
    .addColumn('time_zone', 'text', (c: any) => c.notNull())
    .addColumn('overview', 'text')
    .addColumn('themes', 'text', (c: any) => c.notNull())
    .addColumn('contact_email', 'text')
    .addColumn('status', 'text', (c: any) => c.notNull())
    .addColumn('uuid', 'text', (c: any) => c.notNull())
    .addColumn('room_uuid', 'text', (c: any) => c.notNull())
    .addColumn('created_at', 'text', (c: any) => c.notNull())
    .addColumn('updated_at', 'text', (c: any) => c.notNull())
    .addColumn('version', 'integer', (c: any) => c.notNull())
    .execute();

  await db.schema
    .createTable('pub_day')
    .addColumn('id', 'integer', (c: any) => c.primaryKey())
    .addColumn('event_id', 'integer', (c: any) => c.notNull().references('pub_event.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c: any) => c.notNull())
    .addColumn('date', 'text', (c: any) => c.notNull())
    .addColumn('label', 'text')
    .addColumn('version', 'integer', (c: any) => c.notNull())
    .execute();
  await db.schema.createIndex('pub_day_event_idx').on('pub_day').column('event_id').execute();

  await db.schema
    .createTable('pub_session')
    .addColumn('id', 'integer', (c: any) => c.primaryKey())
    .addColumn('event_id', 'integer', (c: any) => c.notNull().references('pub_event.id').onDelete('cascade'))
    .addColumn('day_id', 'integer', (c: any) => c.notNull().references('pub_day.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c: any) => c.notNull())
    .addColumn('kind', 'text', (c: any) => c.notNull())
    .addColumn('number', 'integer')
    .addColumn('title', 'text')
    .addColumn('lang', 'text', (c: any) => c.notNull())
    .addColumn('start_time', 'text')
    .addColumn('end_time', 'text')
    .addColumn('uuid', 'text', (c: any) => c.notNull())
    .addColumn('version', 'integer', (c: any) => c.notNull())
    .execute();
  await db.schema.createIndex('pub_session_event_idx').on('pub_session').column('event_id').execute();
  await db.schema.createIndex('pub_session_day_idx').on('pub_session').column('day_id').execute();

  await db.schema
    .createTable('pub_appearance')
    .addColumn('id', 'integer', (c: any) => c.primaryKey())
    .addColumn('session_id', 'integer', (c: any) => c.notNull().references('pub_session.id').onDelete('cascade'))
    .addColumn('person_id', 'integer', (c: any) => c.notNull().references('person.id').onDelete('restrict'))
    .addColumn('role', 'text', (c: any) => c.notNull())
    .addColumn('role_label', 'text')
    .addColumn('position', 'integer', (c: any) => c.notNull())
    .addColumn('honorific', 'text')
    .addColumn('affiliation_position', 'text')
    .addColumn('organization_id', 'integer', (c: any) => c.references('organization.id').onDelete('set null'))
    .addColumn('country', 'text')
    .addColumn('country_code', 'text')
    .addColumn('talk_title', 'text')
    .addColumn('lang', 'text', (c: any) => c.notNull())
    .addColumn('version', 'integer', (c: any) => c.notNull())
    .execute();
  await db.schema.createIndex('pub_appearance_session_idx').on('pub_appearance').column('session_id').execute();
  await db.schema.createIndex('pub_appearance_person_idx').on('pub_appearance').column('person_id').execute();
  await db.schema.createIndex('pub_appearance_organization_idx').on('pub_appearance').column('organization_id').execute();
  await db.schema.createIndex('pub_appearance_country_idx').on('pub_appearance').column('country_code').execute();

  await db.schema
    .createTable('pub_material')
    .addColumn('id', 'integer', (c: any) => c.primaryKey())
    .addColumn('event_id', 'integer', (c: any) => c.notNull().references('pub_event.id').onDelete('cascade'))
    .addColumn('appearance_id', 'integer', (c: any) => c.references('pub_appearance.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c: any) => c.notNull())
    .addColumn('label', 'text', (c: any) => c.notNull())
    .addColumn('lang', 'text', (c: any) => c.notNull())
    .addColumn('position', 'integer', (c: any) => c.notNull())
    .addColumn('url', 'text')
    // a file a release still shows is kept while the working copy replaces or deletes it
    .addColumn('file_id', 'text', (c: any) => c.references('file.id').onDelete('restrict'))
    .addColumn('created_at', 'text', (c: any) => c.notNull())
    .execute();
  await db.schema.createIndex('pub_material_event_idx').on('pub_material').column('event_id').execute();
  await db.schema.createIndex('pub_material_appearance_idx').on('pub_material').column('appearance_id').execute();
  await db.schema.createIndex('pub_material_file_idx').on('pub_material').column('file_id').execute();

  // Published events as they stand become release 1.
  const published = await db.selectFrom('event').select(['id', 'updated_at']).where('status', '=', 'published').orderBy('id').execute();
  for (const e of published as Array<{ id: number; updated_at: string }>) {
    const copy = (table: string, columns: string[], where: ReturnType<typeof sql>) =>
      sql`INSERT INTO ${sql.table(`pub_${table}`)} (${sql.join(columns.map((c) => sql.ref(c)))}) SELECT ${sql.join(columns.map((c) => sql.ref(c)))} FROM ${sql.table(table)} WHERE ${where}`.execute(db);
    await copy('event', EVENT_COLUMNS, sql`id = ${e.id}`);
    await copy('day', DAY_COLUMNS, sql`event_id = ${e.id}`);
    await copy('session', SESSION_COLUMNS, sql`event_id = ${e.id}`);
    await copy('appearance', APPEARANCE_COLUMNS, sql`session_id IN (SELECT id FROM session WHERE event_id = ${e.id})`);
    await copy('material', MATERIAL_COLUMNS, sql`event_id = ${e.id}`);
    await db.insertInto('release').values({ event_id: e.id, number: 1, note: null, account_id: null, created_at: e.updated_at, changes: null }).execute();
  }
}
