// Frozen in time: typed against Kysely<any> and importing nothing from the app.
// Covering indexes for the public pages of a country and of an organization (issue 12, cold pages
// at 1,000 events): a page's ids (storage/queries.ts appearancesPage) are the published
// appearances of one country or organization, joined to their session and ordered by the
// session's day and position and their own position. With an index on the key alone, every
// appearance the country names was read from the table (2,091 rows for the largest country:
// 10 ms of CPU with a cold page cache); with (key, session_id, position) and the id (SQLite's
// rowid, PostgreSQL's INCLUDE) the index alone answers that part. They replace the single-column
// indexes of migration 0009, whose key they begin with.
import { type Kysely, sql } from 'kysely';

const INDEXES = [
  { name: 'pub_appearance_country_page_idx', key: 'country_code', replaces: 'pub_appearance_country_idx' },
  { name: 'pub_appearance_organization_page_idx', key: 'organization_id', replaces: 'pub_appearance_organization_idx' },
] as const;

export async function up(db: Kysely<any>, engine: 'sqlite' | 'postgres'): Promise<void> {
  for (const i of INDEXES) {
    // SQLite's index entries end with the rowid, which is the id; PostgreSQL's carry it as an included column.
    const include = engine === 'postgres' ? sql` INCLUDE (id)` : sql``;
    await sql`CREATE INDEX ${sql.ref(i.name)} ON pub_appearance (${sql.ref(i.key)}, session_id, position)${include}`.execute(db);
    await sql`DROP INDEX ${sql.ref(i.replaces)}`.execute(db);
  }
}
