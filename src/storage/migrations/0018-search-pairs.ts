// Frozen in time: typed against Kysely<any> and importing nothing from the app.
// Search at scale (issue 12), PostgreSQL only: phrases answered from an index. Each document gets
// pair_tsv, its distinct tokens and, for the tokens a rebuild found common (search_pair_token),
// its distinct pairs of adjacent common tokens ('human right'), without positions, with a GIN
// index: words, and two-token phrases of common tokens, are looked up there without reading a
// row's tsvector. tsv keeps the positions (checked for other phrases, whose rarer token keeps
// the documents to read few) and loses its GIN index, which nothing asks any more.
// pairs_partial (and the lexeme '~partial' in pair_tsv) marks a document too long for all its
// pairs (a tsvector holds at most 1 MB): its phrases are checked in tsv.
// search_state 'pairs' numbers the set of common tokens: it changes only in a rebuild, which
// makes every document again with it. Existing documents get their tokens (no pairs: the set
// starts empty, so everything answers as before until `plenary search rebuild`).
// SQLite: nothing (FTS5 keeps positions in its index).
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>, engine: 'sqlite' | 'postgres'): Promise<void> {
  if (engine !== 'postgres') return;
  await sql`CREATE TABLE search_pair_token (token text PRIMARY KEY)`.execute(db);
  await sql`INSERT INTO search_state (key, value) VALUES ('pairs', 0)`.execute(db);
  await sql`ALTER TABLE search_doc ADD COLUMN pair_tsv tsvector NOT NULL DEFAULT ''::tsvector`.execute(db);
  await sql`ALTER TABLE search_doc ADD COLUMN pairs_partial boolean NOT NULL DEFAULT false`.execute(db);
  await sql`UPDATE search_doc SET pair_tsv = strip(tsv)`.execute(db);
  await sql`DROP INDEX IF EXISTS search_doc_tsv_idx`.execute(db);
  await sql`CREATE INDEX search_doc_pair_tsv_idx ON search_doc USING gin (pair_tsv) WITH (fastupdate = off)`.execute(db);
}
