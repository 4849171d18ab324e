// Frozen in time: typed against Kysely<any> and importing nothing from the app.
// Safe concurrent editing: every record an organizer edits carries a version, which a save
// must name (a save made from an older version is refused, never applied over the newer one),
// and the audit log of who changed what, when, with the values before and after.
import type { Kysely } from 'kysely';

type Engine = 'sqlite' | 'postgres';

const VERSIONED = ['series', 'event', 'day', 'session', 'appearance', 'person', 'organization'];

export async function up(db: Kysely<any>, engine: Engine): Promise<void> {
  for (const table of VERSIONED) {
    await db.schema
      .alterTable(table)
      .addColumn('version', 'integer', (c: any) => c.notNull().defaultTo(1))
      .execute();
  }

  const id = (t: any) =>
    engine === 'postgres'
      ? t.addColumn('id', 'integer', (c: any) => c.primaryKey().generatedByDefaultAsIdentity())
      : t.addColumn('id', 'integer', (c: any) => c.primaryKey().autoIncrement());

  // No foreign keys to the content: an entry outlives the record it describes (a deleted
  // session's entry still says what it held). The account is kept (accounts are disabled, not deleted).
  await id(db.schema.createTable('audit_entry'))
    .addColumn('at', 'text', (c: any) => c.notNull())
    .addColumn('account_id', 'integer', (c: any) => c.references('account.id').onDelete('set null'))
    .addColumn('action', 'text', (c: any) => c.notNull())
    .addColumn('entity', 'text', (c: any) => c.notNull())
    .addColumn('entity_id', 'integer', (c: any) => c.notNull())
    .addColumn('series_id', 'integer')
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .addColumn('reverted_entry_id', 'integer', (c: any) => c.references('audit_entry.id'))
    .execute();
  await db.schema.createIndex('audit_entry_series_idx').on('audit_entry').columns(['series_id', 'id']).execute();
  await db.schema.createIndex('audit_entry_entity_idx').on('audit_entry').columns(['entity', 'entity_id']).execute();
}
