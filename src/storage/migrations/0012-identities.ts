// Frozen in time: typed against Kysely<any> and importing nothing from the app.
// Identities (issue 12): a person or an organization is a record with an id, and its names are
// aliases pointing to it. Until now `name_key` was unique, so two people with one name were one
// record; it stays as the key of the record's own name, no longer unique.
//  - person_alias / organization_alias: every name a record is known by (its own name included),
//    with the normalised key the matching compares, and where the name came from;
//  - slug_redirect: slugs a record answered to before (renamed, re-slugged, merged into another),
//    answered with a 301 to the record's current address;
//  - identity_merge: merges of two records, with what moved, so that one can be undone;
//  - organization.kind_confirmed: 0 while the kind is the importer's guess, 1 once an editor set it.
//
// SQLite cannot drop a column's UNIQUE in place: the table is rebuilt (create, copy, drop,
// rename), which its foreign keys must not see (appearance's key on person is ON DELETE
// RESTRICT, and on organization SET NULL). The migration says so (`sqliteForeignKeysOff`): the
// migrator runs it with foreign keys off and checks them all before it commits.
import { type Kysely, sql } from 'kysely';

type Engine = 'sqlite' | 'postgres';

export const sqliteForeignKeysOff = true;

async function dropNameKeyUnique(db: Kysely<any>, engine: Engine, table: 'person' | 'organization'): Promise<void> {
  if (engine === 'postgres') {
    const r = await sql<{ name: string }>`
      SELECT c.conname AS name FROM pg_constraint c
      JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
      WHERE c.conrelid = ${table}::regclass AND c.contype = 'u' AND a.attname = 'name_key' AND array_length(c.conkey, 1) = 1`.execute(db);
    for (const { name } of r.rows) await sql`ALTER TABLE ${sql.table(table)} DROP CONSTRAINT ${sql.id(name)}`.execute(db);
  } else {
    const master = await sql<{ type: string; name: string; sql: string | null }>`SELECT type, name, sql FROM sqlite_master WHERE tbl_name = ${table}`.execute(db);
    const create = master.rows.find((r) => r.type === 'table')?.sql;
    if (!create) throw new Error(`table ${table} is missing`);
    const unique = /("name_key"\s+text\s+not null)\s+unique/i;
    if (!unique.test(create)) throw new Error(`table ${table}: its name_key column is not declared as expected: ${create}`);
    const rebuilt = create.replace(unique, '$1').replace(/^create table\s+"?\w+"?/i, `CREATE TABLE "${table}_rebuilt"`);
    // Indexes and triggers go with the old table; their own SQL makes them again on the new one.
    const others = master.rows.filter((r) => r.type !== 'table' && r.sql !== null).map((r) => r.sql!);
    await sql.raw(rebuilt).execute(db);
    await sql.raw(`INSERT INTO "${table}_rebuilt" SELECT * FROM "${table}"`).execute(db);
    await sql.raw(`DROP TABLE "${table}"`).execute(db);
    await sql.raw(`ALTER TABLE "${table}_rebuilt" RENAME TO "${table}"`).execute(db);
    for (const s of others) await sql.raw(s).execute(db);
  }
  await db.schema.createIndex(`${table}_name_key_idx`).on(table).column('name_key').execute();
}

async function aliasTable(db: Kysely<any>, engine: Engine, owner: 'person' | 'organization'): Promise<void> {
  const t = db.schema.createTable(`${owner}_alias`);
  await (engine === 'postgres'
    ? t.addColumn('id', 'integer', (c: any) => c.primaryKey().generatedByDefaultAsIdentity())
    : t.addColumn('id', 'integer', (c: any) => c.primaryKey().autoIncrement())
  )
    .addColumn(`${owner}_id`, 'integer', (c: any) => c.notNull().references(`${owner}.id`).onDelete('cascade'))
    // the name as written, and its normalised key (the same normalisation as name_key)
    .addColumn('name', 'text', (c: any) => c.notNull())
    .addColumn('name_key', 'text', (c: any) => c.notNull())
    // 'name' (the record's own name, now or before a rename), 'import', 'editor', 'merge'
    .addColumn('source', 'text', (c: any) => c.notNull())
    .addColumn('created_at', 'text', (c: any) => c.notNull())
    .addUniqueConstraint(`${owner}_alias_owner_key_uq`, [`${owner}_id`, 'name_key'])
    .execute();
  await db.schema.createIndex(`${owner}_alias_key_idx`).on(`${owner}_alias`).column('name_key').execute();
  // Every record is known by its own name.
  await sql
    .raw(`INSERT INTO ${owner}_alias (${owner}_id, name, name_key, source, created_at) SELECT id, name, name_key, 'name', created_at FROM ${owner} ORDER BY id`)
    .execute(db);
}

export async function up(db: Kysely<any>, engine: Engine): Promise<void> {
  await dropNameKeyUnique(db, engine, 'person');
  await dropNameKeyUnique(db, engine, 'organization');
  await aliasTable(db, engine, 'person');
  await aliasTable(db, engine, 'organization');

  await db.schema.alterTable('organization').addColumn('kind_confirmed', 'integer', (c: any) => c.notNull().defaultTo(0)).execute();

  await db.schema
    .createTable('slug_redirect')
    // 'series', 'event', 'person', 'organization'
    .addColumn('entity', 'text', (c: any) => c.notNull())
    .addColumn('slug', 'text', (c: any) => c.notNull())
    // the record the slug now leads to (no foreign key: four tables; a redirect to a record
    // that is gone answers 404)
    .addColumn('target_id', 'integer', (c: any) => c.notNull())
    .addColumn('created_at', 'text', (c: any) => c.notNull())
    .addPrimaryKeyConstraint('slug_redirect_pk', ['entity', 'slug'])
    .execute();
  await db.schema.createIndex('slug_redirect_target_idx').on('slug_redirect').columns(['entity', 'target_id']).execute();

  const merge = db.schema.createTable('identity_merge');
  await (engine === 'postgres'
    ? merge.addColumn('id', 'integer', (c: any) => c.primaryKey().generatedByDefaultAsIdentity())
    : merge.addColumn('id', 'integer', (c: any) => c.primaryKey().autoIncrement())
  )
    // 'person' or 'organization'
    .addColumn('entity', 'text', (c: any) => c.notNull())
    .addColumn('survivor_id', 'integer', (c: any) => c.notNull())
    // the merged record's id (its row is gone while the merge stands; `merged_row` keeps it whole)
    .addColumn('merged_id', 'integer', (c: any) => c.notNull())
    // JSON: the merged record's row as it was, uuid and slug included
    .addColumn('merged_row', 'text', (c: any) => c.notNull())
    // JSON: the ids of what moved to the survivor (appearances, aliases, ...), so that undo moves them back
    .addColumn('moved', 'text', (c: any) => c.notNull())
    .addColumn('account_id', 'integer', (c: any) => c.references('account.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c: any) => c.notNull())
    .addColumn('undone_at', 'text')
    .addColumn('undone_by', 'integer', (c: any) => c.references('account.id').onDelete('set null'))
    .execute();
  await db.schema.createIndex('identity_merge_merged_idx').on('identity_merge').columns(['entity', 'merged_id']).execute();
}
