// Frozen in time: typed against Kysely<any> and importing nothing from the app.
//
// One version per language of a document (issue 9). A document is its original material and the
// materials whose original_id points to it (its versions in other languages, migration 0015), so
// COALESCE(original_id, id) names the document of every row; a unique index on that and the
// language keeps two editors who add (or move) a version to the same language at the same moment
// from both committing on PostgreSQL, where workspace saves run side by side. The operations check
// first and give the clear refusal; the index is what holds when both checks ran before either wrote.
//
// A database may already hold such twins (saved at the same moment before this index). Nothing is
// deleted: the original keeps its language, the oldest version (lowest id) of a language stays a
// version, and each other one is detached into a document of its own (original_id NULL; same kind,
// label, language and file), its version moved on so that a form opened before is refused. The
// editors then see two documents of that label and delete the one they do not want. The operator is
// told which (a note that migrate, serve and restore print: storage/migrate.ts MigrationModule).
//
// Independent of 0020 (search, another change landed in any order): it touches only material's
// rows and adds an index, so it may be applied before it (storage/migrate.ts independentOf).
import { type Kysely, sql } from 'kysely';

type Engine = 'sqlite' | 'postgres';

export const independentOf = ['0020'] as const;

export async function up(db: Kysely<any>, _engine: Engine): Promise<string[]> {
  const twins = await sql<{ id: number; lang: string; original_id: number }>`
    SELECT v.id, v.lang, v.original_id FROM material v
    WHERE v.original_id IS NOT NULL
      AND EXISTS (SELECT 1 FROM material o WHERE o.lang = v.lang AND (o.id = v.original_id OR (o.original_id = v.original_id AND o.id < v.id)))
    ORDER BY v.id`.execute(db);
  const ids = twins.rows.map((r) => Number(r.id));
  if (ids.length) await db.updateTable('material').set((eb: any) => ({ original_id: null, version: eb('version', '+', 1) })).where('id', 'in', ids).execute();
  await sql`CREATE UNIQUE INDEX material_version_lang_idx ON material ((COALESCE(original_id, id)), lang)`.execute(db);
  if (!ids.length) return [];
  const which = twins.rows.map((r) => `material ${Number(r.id)} (${r.lang}, of material ${Number(r.original_id)})`).join(', ');
  const one = ids.length === 1;
  return [
    `${ids.length} language ${one ? 'version' : 'versions'} repeated a language of ${one ? 'its' : 'their'} document: ${one ? 'it is' : 'each is'} now a document of its own, nothing deleted (keep or delete ${one ? 'it' : 'each'} in the workspace): ${which}`,
  ];
}
