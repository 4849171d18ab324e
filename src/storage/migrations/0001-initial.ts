// Frozen in time: typed against Kysely<any> and importing nothing from the app.
import { type Kysely, sql } from 'kysely';

type Engine = 'sqlite' | 'postgres';

export async function up(db: Kysely<any>, engine: Engine): Promise<void> {
  const id = (t: any) =>
    engine === 'postgres'
      ? t.addColumn('id', 'integer', (c: any) => c.primaryKey().generatedByDefaultAsIdentity())
      : t.addColumn('id', 'integer', (c: any) => c.primaryKey().autoIncrement());
  const blob = engine === 'postgres' ? sql`bytea` : sql`blob`;

  await id(db.schema.createTable('series'))
    .addColumn('slug', 'text', (c: any) => c.notNull().unique())
    .addColumn('title', 'text', (c: any) => c.notNull())
    .addColumn('lang', 'text', (c: any) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('created_at', 'text', (c: any) => c.notNull())
    .addColumn('updated_at', 'text', (c: any) => c.notNull())
    .execute();

  await id(db.schema.createTable('event'))
    .addColumn('series_id', 'integer', (c: any) => c.notNull().references('series.id').onDelete('restrict'))
    .addColumn('slug', 'text', (c: any) => c.notNull().unique())
    .addColumn('title', 'text', (c: any) => c.notNull())
    .addColumn('lang', 'text', (c: any) => c.notNull())
    .addColumn('start_date', 'text', (c: any) => c.notNull())
    .addColumn('end_date', 'text', (c: any) => c.notNull())
    .addColumn('venue', 'text')
    .addColumn('city', 'text')
    .addColumn('country_code', 'text')
    .addColumn('time_zone', 'text', (c: any) => c.notNull())
    .addColumn('overview', 'text')
    .addColumn('themes', 'text', (c: any) => c.notNull().defaultTo('[]'))
    .addColumn('contact_email', 'text')
    .addColumn('status', 'text', (c: any) => c.notNull().defaultTo('draft'))
    .addColumn('created_at', 'text', (c: any) => c.notNull())
    .addColumn('updated_at', 'text', (c: any) => c.notNull())
    .execute();
  await db.schema.createIndex('event_series_idx').on('event').columns(['series_id', 'start_date']).execute();

  await id(db.schema.createTable('day'))
    .addColumn('event_id', 'integer', (c: any) => c.notNull().references('event.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c: any) => c.notNull())
    .addColumn('date', 'text', (c: any) => c.notNull())
    .addColumn('label', 'text')
    .addUniqueConstraint('day_event_date_uq', ['event_id', 'date'])
    .execute();

  await id(db.schema.createTable('session'))
    .addColumn('event_id', 'integer', (c: any) => c.notNull().references('event.id').onDelete('cascade'))
    .addColumn('day_id', 'integer', (c: any) => c.notNull().references('day.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c: any) => c.notNull())
    .addColumn('kind', 'text', (c: any) => c.notNull())
    .addColumn('number', 'integer')
    .addColumn('title', 'text')
    .addColumn('lang', 'text', (c: any) => c.notNull())
    .addColumn('start_time', 'text')
    .addColumn('end_time', 'text')
    .addUniqueConstraint('session_day_position_uq', ['day_id', 'position'])
    .execute();
  await db.schema.createIndex('session_event_idx').on('session').column('event_id').execute();

  await id(db.schema.createTable('person'))
    .addColumn('slug', 'text', (c: any) => c.notNull().unique())
    .addColumn('name', 'text', (c: any) => c.notNull())
    .addColumn('name_key', 'text', (c: any) => c.notNull().unique())
    .addColumn('honorific', 'text')
    .addColumn('created_at', 'text', (c: any) => c.notNull())
    .addColumn('updated_at', 'text', (c: any) => c.notNull())
    .execute();

  await id(db.schema.createTable('organization'))
    .addColumn('slug', 'text', (c: any) => c.notNull().unique())
    .addColumn('name', 'text', (c: any) => c.notNull())
    .addColumn('name_key', 'text', (c: any) => c.notNull().unique())
    .addColumn('kind', 'text', (c: any) => c.notNull())
    .addColumn('country_code', 'text')
    .addColumn('created_at', 'text', (c: any) => c.notNull())
    .addColumn('updated_at', 'text', (c: any) => c.notNull())
    .execute();

  await id(db.schema.createTable('appearance'))
    .addColumn('session_id', 'integer', (c: any) => c.notNull().references('session.id').onDelete('cascade'))
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
    .addUniqueConstraint('appearance_session_person_role_uq', ['session_id', 'person_id', 'role'])
    .execute();
  await db.schema.createIndex('appearance_person_idx').on('appearance').column('person_id').execute();
  await db.schema.createIndex('appearance_org_idx').on('appearance').column('organization_id').execute();
  await db.schema.createIndex('appearance_country_idx').on('appearance').column('country_code').execute();

  // Files live in the database so that every instance behind a load balancer sees them.
  await db.schema
    .createTable('file')
    .addColumn('id', 'text', (c: any) => c.primaryKey())
    .addColumn('sha256', 'text', (c: any) => c.notNull())
    .addColumn('media_type', 'text', (c: any) => c.notNull())
    .addColumn('size', 'integer', (c: any) => c.notNull())
    .addColumn('original_name', 'text')
    .addColumn('data', blob as any, (c: any) => c.notNull())
    .addColumn('created_at', 'text', (c: any) => c.notNull())
    .execute();

  await id(db.schema.createTable('material'))
    .addColumn('event_id', 'integer', (c: any) => c.notNull().references('event.id').onDelete('cascade'))
    .addColumn('appearance_id', 'integer', (c: any) => c.references('appearance.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c: any) => c.notNull())
    .addColumn('label', 'text', (c: any) => c.notNull())
    .addColumn('lang', 'text', (c: any) => c.notNull())
    .addColumn('position', 'integer', (c: any) => c.notNull())
    .addColumn('url', 'text')
    .addColumn('file_id', 'text', (c: any) => c.references('file.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c: any) => c.notNull())
    .execute();
  await db.schema.createIndex('material_appearance_idx').on('material').column('appearance_id').execute();
  await db.schema.createIndex('material_event_idx').on('material').column('event_id').execute();

  // Texts in further languages: (entity, id, field) in lang. The row itself holds the original.
  await db.schema
    .createTable('translation')
    .addColumn('entity', 'text', (c: any) => c.notNull())
    .addColumn('entity_id', 'integer', (c: any) => c.notNull())
    .addColumn('field', 'text', (c: any) => c.notNull())
    .addColumn('lang', 'text', (c: any) => c.notNull())
    .addColumn('value', 'text', (c: any) => c.notNull())
    .addPrimaryKeyConstraint('translation_pk', ['entity', 'entity_id', 'field', 'lang'])
    .execute();

  // One counter that every write bumps; each instance drops its rendered pages when it moves.
  await db.schema
    .createTable('site_state')
    .addColumn('key', 'text', (c: any) => c.primaryKey())
    .addColumn('value', 'integer', (c: any) => c.notNull())
    .execute();
  await db.insertInto('site_state').values({ key: 'generation', value: 1 }).execute();
}
