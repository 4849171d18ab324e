// Frozen in time: typed against Kysely<any> and importing nothing from the app.
// An agenda uploaded in the workspace waits here, as read and as corrected so far, until the
// editor confirms it (then it is imported and deleted), discards it, or it expires. In the
// database rather than in a process's memory: the upload and the confirmation may reach two
// instances behind a load balancer.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('import_draft')
    // a random token, so one draft's address tells nothing of another's
    .addColumn('id', 'text', (c: any) => c.primaryKey())
    .addColumn('account_id', 'integer', (c: any) => c.notNull().references('account.id').onDelete('cascade'))
    .addColumn('series_id', 'integer', (c: any) => c.notNull().references('series.id').onDelete('cascade'))
    // null: the confirmation makes a new event (its slug, title and time zone are in `target`)
    .addColumn('event_id', 'integer', (c: any) => c.references('event.id').onDelete('cascade'))
    .addColumn('source_name', 'text', (c: any) => c.notNull())
    .addColumn('format', 'text', (c: any) => c.notNull())
    // JSON: the event the confirmation stores into (slug, title, time zone, start date, language)
    .addColumn('target', 'text', (c: any) => c.notNull())
    // JSON: the agenda (domain/agenda.ts) as read, with the editor's corrections so far
    .addColumn('agenda', 'text', (c: any) => c.notNull())
    // JSON: the reader's warnings, each with its line
    .addColumn('warnings', 'text', (c: any) => c.notNull())
    .addColumn('created_at', 'text', (c: any) => c.notNull())
    .addColumn('expires_at', 'text', (c: any) => c.notNull())
    .execute();
  await db.schema.createIndex('import_draft_expires_idx').on('import_draft').column('expires_at').execute();
}
