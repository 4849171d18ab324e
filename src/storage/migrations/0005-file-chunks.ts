// Frozen in time: typed against Kysely<any> and importing nothing from the app.
// Stored files move from one value per file (file.data) to chunks of 256 KiB (file_chunk), so
// that both engines read only the chunks a byte range needs: SQLite reads a stored value whole
// to take a slice of it, so a Range request on a 200 MB file cost 200 MB of reading.
// Photos get resized variants, each a file of its own, linked to the original in file_variant.
import { type Kysely, sql } from 'kysely';

type Engine = 'sqlite' | 'postgres';

/** Every chunk but a file's last holds exactly this many bytes; the last holds the rest (an empty file has none). */
const CHUNK = 256 * 1024;

export async function up(db: Kysely<any>, engine: Engine): Promise<void> {
  const blob = engine === 'postgres' ? sql`bytea` : sql`blob`;
  await db.schema
    .createTable('file_chunk')
    .addColumn('file_id', 'text', (c: any) => c.notNull().references('file.id').onDelete('cascade'))
    .addColumn('n', 'integer', (c: any) => c.notNull())
    .addColumn('data', blob as any, (c: any) => c.notNull())
    .addPrimaryKeyConstraint('file_chunk_pk', ['file_id', 'n'])
    .execute();

  // The bytes already stored, cut by the database itself (no file passes through this process whole).
  if (engine === 'postgres') {
    await sql`
      INSERT INTO file_chunk (file_id, n, data)
      SELECT f.id, g.n, substring(f.data from g.n * ${sql.lit(CHUNK)} + 1 for ${sql.lit(CHUNK)})
      FROM file f CROSS JOIN LATERAL generate_series(0, (f.size - 1) / ${sql.lit(CHUNK)}) AS g(n)
      WHERE f.size > 0`.execute(db);
  } else {
    await sql`
      WITH RECURSIVE c(file_id, n, size) AS (
        SELECT id, 0, length(data) FROM file WHERE length(data) > 0
        UNION ALL
        SELECT file_id, n + 1, size FROM c WHERE (n + 1) * ${sql.lit(CHUNK)} < size
      )
      INSERT INTO file_chunk (file_id, n, data)
      SELECT c.file_id, c.n, substr(f.data, c.n * ${sql.lit(CHUNK)} + 1, ${sql.lit(CHUNK)}) FROM c JOIN file f ON f.id = c.file_id`.execute(db);
  }
  await db.schema.alterTable('file').dropColumn('data').execute();

  // A photo's resized copies: width in pixels → the file holding it. Removing the original removes the links.
  await db.schema
    .createTable('file_variant')
    .addColumn('file_id', 'text', (c: any) => c.notNull().references('file.id').onDelete('cascade'))
    .addColumn('width', 'integer', (c: any) => c.notNull())
    .addColumn('variant_id', 'text', (c: any) => c.notNull().unique().references('file.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('file_variant_pk', ['file_id', 'width'])
    .execute();
}
