// Frozen in time: typed against Kysely<any> and importing nothing from the app.
// Publications (issue 14): a report compiled from the published records of one event, or of a
// series' events of one year, with texts its editors write (foreword and summary, Markdown, in a
// language) and the excerpts of statements they choose. Publishing one freezes an edition: its
// HTML and PDF are stored files (file, file_chunk) whose bytes never change; a corrected edition
// is the next number, with a note saying what changed.
import type { Kysely } from 'kysely';

type Engine = 'sqlite' | 'postgres';

export async function up(db: Kysely<any>, engine: Engine): Promise<void> {
  const id = (t: any) =>
    engine === 'postgres'
      ? t.addColumn('id', 'integer', (c: any) => c.primaryKey().generatedByDefaultAsIdentity())
      : t.addColumn('id', 'integer', (c: any) => c.primaryKey().autoIncrement());

  // scope: 'event' (event_id set) or 'year' (year set: every published event of the series that year).
  await id(db.schema.createTable('publication'))
    .addColumn('slug', 'text', (c: any) => c.notNull().unique())
    .addColumn('series_id', 'integer', (c: any) => c.notNull().references('series.id').onDelete('cascade'))
    .addColumn('event_id', 'integer', (c: any) => c.references('event.id').onDelete('cascade'))
    .addColumn('year', 'integer')
    .addColumn('title', 'text', (c: any) => c.notNull())
    .addColumn('subtitle', 'text')
    .addColumn('lang', 'text', (c: any) => c.notNull())
    // Markdown (markdown-it, raw HTML off), in `lang`
    .addColumn('foreword', 'text')
    .addColumn('summary', 'text')
    // JSON: { "<material id>": "full" | "<excerpt text>" } for statements whose text was extracted
    .addColumn('excerpts', 'text', (c: any) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', 'text', (c: any) => c.notNull())
    .addColumn('updated_at', 'text', (c: any) => c.notNull())
    .addColumn('version', 'integer', (c: any) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('publication_series_idx').on('publication').column('series_id').execute();

  // The files are kept while the edition is (no cascade from file: an edition's bytes never go).
  await id(db.schema.createTable('publication_edition'))
    .addColumn('publication_id', 'integer', (c: any) => c.notNull().references('publication.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c: any) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('account_id', 'integer', (c: any) => c.references('account.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c: any) => c.notNull())
    .addColumn('html_file_id', 'text', (c: any) => c.notNull().references('file.id'))
    .addColumn('pdf_file_id', 'text', (c: any) => c.notNull().references('file.id'))
    // JSON: the frozen metadata (title, date, publisher, language, releases of the events it was made from)
    .addColumn('metadata', 'text', (c: any) => c.notNull())
    .addUniqueConstraint('publication_edition_number_key', ['publication_id', 'number'])
    .execute();
}
