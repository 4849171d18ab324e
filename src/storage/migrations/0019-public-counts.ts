// Frozen in time: typed against Kysely<any> and importing nothing from the app.
// Stored appearance counts (issue 12): how many published appearances each person, organization
// and country has, so that the public lists (/people, /organizations, /countries) and the
// person, organization and country pages read a count instead of counting the archive on every
// render (165 ms for /people at 1,000 events on SQLite).
//  - public_person_count(person_id, appearances), public_organization_count(organization_id,
//    appearances), public_country_count(country_code, appearances): a row only while the count is
//    above zero, so each table is exactly the set the public sees.
//  - Kept by triggers on pub_appearance (insert, delete, and updates of person_id, organization_id
//    or country_code), which is the published copy: every write that changes what the public sees
//    (publish, withdraw, merge, undo, split, a restore's rows, a cascade) goes through it, and
//    the working copy (drafts) never does. pub_appearance rows exist only for published events
//    (publishing copies them, withdrawing deletes them), so every row counts.
//    SQLite: row triggers. PostgreSQL: statement triggers over transition tables, each statement's
//    rows grouped and applied in key order (one publish touches each count once).
//  - Derived: left out of backups like the search index; a restore's rows fill them through the
//    triggers (or through this migration, for a backup older than it).
//  - Filled here for the rows that exist.
// A later migration that rebuilds pub_appearance (SQLite) must create these triggers again.
// Also indexes for the events lists: pub_event by date (/events) and by series and date (the
// home page's latest five per series, a series' page), as the working table has.
import { type Kysely, sql } from 'kysely';

const COUNTS = [
  { table: 'public_person_count', key: 'person_id', type: 'integer', column: 'person_id' },
  { table: 'public_organization_count', key: 'organization_id', type: 'integer', column: 'organization_id' },
  { table: 'public_country_count', key: 'country_code', type: 'text', column: 'country_code' },
] as const;

export async function up(db: Kysely<any>, engine: 'sqlite' | 'postgres'): Promise<void> {
  for (const c of COUNTS) {
    await sql`CREATE TABLE ${sql.table(c.table)} (${sql.ref(c.key)} ${sql.raw(c.type)} PRIMARY KEY, appearances integer NOT NULL)`.execute(db);
    await sql`INSERT INTO ${sql.table(c.table)} (${sql.ref(c.key)}, appearances)
      SELECT ${sql.ref(c.column)}, count(*) FROM pub_appearance WHERE ${sql.ref(c.column)} IS NOT NULL GROUP BY ${sql.ref(c.column)}`.execute(db);
  }
  if (engine === 'sqlite') await sqliteTriggers(db);
  else await postgresTriggers(db);

  await sql`CREATE INDEX pub_event_date_idx ON pub_event (start_date, id)`.execute(db);
  await sql`CREATE INDEX pub_event_series_date_idx ON pub_event (series_id, start_date, id)`.execute(db);
}

async function sqliteTriggers(db: Kysely<any>): Promise<void> {
  const add = (c: (typeof COUNTS)[number], v: 'NEW' | 'OLD') =>
    `INSERT INTO ${c.table} (${c.key}, appearances) SELECT ${v}.${c.column}, 1 WHERE ${v}.${c.column} IS NOT NULL
       ON CONFLICT (${c.key}) DO UPDATE SET appearances = appearances + 1;`;
  const remove = (c: (typeof COUNTS)[number], v: 'NEW' | 'OLD') =>
    `UPDATE ${c.table} SET appearances = appearances - 1 WHERE ${c.key} = ${v}.${c.column};
     DELETE FROM ${c.table} WHERE ${c.key} = ${v}.${c.column} AND appearances <= 0;`;
  await sql.raw(`CREATE TRIGGER pub_appearance_counts_insert AFTER INSERT ON pub_appearance BEGIN ${COUNTS.map((c) => add(c, 'NEW')).join('\n')} END`).execute(db);
  await sql.raw(`CREATE TRIGGER pub_appearance_counts_delete AFTER DELETE ON pub_appearance BEGIN ${COUNTS.map((c) => remove(c, 'OLD')).join('\n')} END`).execute(db);
  for (const c of COUNTS) {
    await sql
      .raw(
        `CREATE TRIGGER pub_appearance_counts_${c.column} AFTER UPDATE OF ${c.column} ON pub_appearance WHEN OLD.${c.column} IS NOT NEW.${c.column}
         BEGIN ${remove(c, 'OLD')} ${add(c, 'NEW')} END`,
      )
      .execute(db);
  }
}

async function postgresTriggers(db: Kysely<any>): Promise<void> {
  // rows: a relation of (key) values, one per appearance; sign: +1 or -1.
  const apply = (c: (typeof COUNTS)[number], rows: string, sign: 1 | -1) =>
    sign > 0
      ? `INSERT INTO ${c.table} (${c.key}, appearances)
           SELECT k, count(*) FROM (${rows}) r(k) WHERE k IS NOT NULL GROUP BY k ORDER BY k
           ON CONFLICT (${c.key}) DO UPDATE SET appearances = ${c.table}.appearances + EXCLUDED.appearances;`
      : // The count rows are locked in key order first (an UPDATE … FROM may join them in any order),
        // so that two writes lowering the same counts cannot deadlock.
        `PERFORM 1 FROM ${c.table} t WHERE t.${c.key} IN (SELECT k FROM (${rows}) r(k)) ORDER BY t.${c.key} FOR UPDATE;
         UPDATE ${c.table} t SET appearances = t.appearances - d.n
           FROM (SELECT k, count(*) AS n FROM (${rows}) r(k) WHERE k IS NOT NULL GROUP BY k ORDER BY k) d WHERE t.${c.key} = d.k;
         DELETE FROM ${c.table} t WHERE t.appearances <= 0 AND t.${c.key} IN (SELECT k FROM (${rows}) r(k));`;
  const fn = async (name: string, body: string) =>
    sql.raw(`CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $fn$ BEGIN ${body} RETURN NULL; END $fn$`).execute(db);
  await fn('pub_appearance_counts_insert', COUNTS.map((c) => apply(c, `SELECT ${c.column} FROM new_rows`, 1)).join('\n'));
  await fn('pub_appearance_counts_delete', COUNTS.map((c) => apply(c, `SELECT ${c.column} FROM old_rows`, -1)).join('\n'));
  // Only the rows whose value changed (a merge moves a person's appearances; other updates leave the counts).
  const changed = (c: (typeof COUNTS)[number], side: 'o' | 'n') =>
    `SELECT ${side}.${c.column} FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE o.${c.column} IS DISTINCT FROM n.${c.column}`;
  await fn('pub_appearance_counts_update', COUNTS.map((c) => `${apply(c, changed(c, 'o'), -1)}\n${apply(c, changed(c, 'n'), 1)}`).join('\n'));
  await sql`CREATE TRIGGER pub_appearance_counts_insert AFTER INSERT ON pub_appearance REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION pub_appearance_counts_insert()`.execute(db);
  await sql`CREATE TRIGGER pub_appearance_counts_delete AFTER DELETE ON pub_appearance REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION pub_appearance_counts_delete()`.execute(db);
  await sql`CREATE TRIGGER pub_appearance_counts_update AFTER UPDATE ON pub_appearance REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION pub_appearance_counts_update()`.execute(db);
}
