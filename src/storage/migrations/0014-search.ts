// Frozen in time: typed against Kysely<any> and importing nothing from the app.
// Search (issue 12): what the public sees, as documents with their facets and their folded,
// stemmed tokens (search_doc; SQLite FTS5 search_fts, PostgreSQL tsvector columns with GIN
// indexes), and the text read from stored PDF and Word files (search_file_text, also the queue
// of files still to read). Everything here is derived: backups leave it out, and
// `plenary search rebuild` (or a restore) makes it again.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>, engine: 'sqlite' | 'postgres'): Promise<void> {
  const pg = engine === 'postgres';
  await db.schema
    .createTable('search_doc')
    .addColumn('id', 'integer', (c: any) => (pg ? c.primaryKey().generatedAlwaysAsIdentity() : c.primaryKey().autoIncrement()))
    // event, session, material, person, organization; ref_id is that record's id
    .addColumn('kind', 'text', (c: any) => c.notNull())
    .addColumn('ref_id', 'integer', (c: any) => c.notNull())
    // its facet values other than those its event decides, as one row of search_combo (on SQLite
    // the id is event << 37 | combo << 21 | n, so that facets are counted from FTS5's rowids alone)
    .addColumn('combo_id', 'integer', (c: any) => c.notNull())
    // the facets, denormalised so that counting them needs no join
    .addColumn('event_id', 'integer')
    .addColumn('series_id', 'integer')
    .addColumn('year', 'integer')
    .addColumn('country', 'text')
    .addColumn('region', 'text')
    .addColumn('org_kind', 'text')
    .addColumn('role', 'text')
    .addColumn('material_kind', 'text')
    .addColumn('lang', 'text')
    // what a result shows
    .addColumn('person_id', 'integer')
    .addColumn('file_id', 'text')
    .addColumn('title', 'text', (c: any) => c.notNull())
    .addColumn('person_name', 'text')
    .addColumn('event_title', 'text')
    .addColumn('date', 'text')
    .addColumn('href', 'text', (c: any) => c.notNull())
    // the text as written, for snippets
    .addColumn('body', 'text', (c: any) => c.notNull().defaultTo(''))
    .execute();
  // Each distinct set of facet values, numbered; rows are never deleted (processes keep them in memory).
  await db.schema
    .createTable('search_combo')
    .addColumn('id', 'integer', (c: any) => (pg ? c.primaryKey().generatedAlwaysAsIdentity() : c.primaryKey().autoIncrement()))
    .addColumn('key', 'text', (c: any) => c.notNull().unique())
    .execute();
  await db.schema.createTable('search_state').addColumn('key', 'text', (c: any) => c.primaryKey()).addColumn('value', 'integer', (c: any) => c.notNull()).execute();
  await db.insertInto('search_state').values({ key: 'seq', value: 0 }).execute();
  await db.schema.createIndex('search_doc_ref_idx').on('search_doc').columns(['kind', 'ref_id']).unique().execute();
  await db.schema.createIndex('search_doc_event_idx').on('search_doc').column('event_id').execute();
  await db.schema.createIndex('search_doc_person_idx').on('search_doc').column('person_id').execute();
  await db.schema.createIndex('search_doc_file_idx').on('search_doc').column('file_id').execute();
  if (pg) {
    // The tokens of title and body, and of the title alone (a title match ranks first), as built
    // by the application (domain/search-text.ts): PostgreSQL's own parser never sees the text.
    await sql`ALTER TABLE search_doc ADD COLUMN tsv tsvector NOT NULL DEFAULT ''::tsvector`.execute(db);
    await sql`ALTER TABLE search_doc ADD COLUMN title_tsv tsvector NOT NULL DEFAULT ''::tsvector`.execute(db);
    await sql`CREATE INDEX search_doc_tsv_idx ON search_doc USING gin (tsv) WITH (fastupdate = off)`.execute(db);
    await sql`CREATE INDEX search_doc_title_tsv_idx ON search_doc USING gin (title_tsv) WITH (fastupdate = off)`.execute(db);
  } else {
    // Contentless: the text is search_doc's; rowid = search_doc.id. Tokens arrive folded and
    // stemmed, separated by spaces (unicode61 without diacritics removal or porter changes nothing).
    await sql`CREATE VIRTUAL TABLE search_fts USING fts5(title, body, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0')`.execute(db);
  }
  await db.schema
    .createTable('search_file_text')
    .addColumn('file_id', 'text', (c: any) => c.primaryKey())
    // pending, running (claimed_at says since when), done, failed (error says why)
    .addColumn('state', 'text', (c: any) => c.notNull())
    .addColumn('text', 'text')
    .addColumn('error', 'text')
    .addColumn('attempts', 'integer', (c: any) => c.notNull().defaultTo(0))
    .addColumn('claimed_at', 'text')
    .addColumn('created_at', 'text', (c: any) => c.notNull())
    .execute();
  await db.schema.createIndex('search_file_text_state_idx').on('search_file_text').columns(['state', 'created_at']).execute();
}
