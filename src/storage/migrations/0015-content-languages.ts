// Frozen in time: typed against Kysely<any> and importing nothing from the app.
// Content in several languages (issue 13).
//  - `translations` on series, event, session and material (and the published copies pub_event,
//    pub_session, pub_material): a JSON object, field → language → text, of the texts editors
//    entered in languages other than the record's own (`lang`, the original). A theme is the field
//    "theme:" followed by the original theme's text. Kept on the row, so a release copies and
//    freezes it with the rest, a backup carries it, and a save of it is checked against the
//    record's version and logged like any other field.
//  - material.original_id: a material that is another language's version of one document points
//    to the original (null for an original); each version keeps its own file and address.
//  - material.version: materials become versioned like the other records (their translations are
//    saved over the version the form was made from).
// The `translation` table of 0001 was never written: it stays, empty, for older backups.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>, _engine: 'sqlite' | 'postgres'): Promise<void> {
  for (const table of ['series', 'event', 'session', 'material', 'pub_event', 'pub_session', 'pub_material']) {
    await db.schema.alterTable(table).addColumn('translations', 'text', (c: any) => c.notNull().defaultTo('{}')).execute();
  }
  for (const table of ['material', 'pub_material']) {
    await db.schema.alterTable(table).addColumn('version', 'integer', (c: any) => c.notNull().defaultTo(1)).execute();
  }
  // The working copy's versions point to a material of the working copy; the published copy's
  // rows are copied from it whole (a foreign key there would only order the copy).
  await db.schema.alterTable('material').addColumn('original_id', 'integer', (c: any) => c.references('material.id').onDelete('set null')).execute();
  await db.schema.alterTable('pub_material').addColumn('original_id', 'integer').execute();
  await db.schema.createIndex('material_original_idx').on('material').column('original_id').execute();
}
