// Frozen in time: typed against Kysely<any> and importing nothing from the app.
// Speakers' own links: an editor makes a personal link for one appearance; the speaker, without
// an account, hands in statements and proposes corrections through it, which wait for an
// editor's approval. The link's token is never stored: token_hash is its SHA-256.
// audit_entry.source says where a change came from when it was not the editor's own form
// ("speaker link 3": an approved submission).
import type { Kysely } from 'kysely';

type Engine = 'sqlite' | 'postgres';

export async function up(db: Kysely<any>, engine: Engine): Promise<void> {
  const id = (t: any) =>
    engine === 'postgres'
      ? t.addColumn('id', 'integer', (c: any) => c.primaryKey().generatedByDefaultAsIdentity())
      : t.addColumn('id', 'integer', (c: any) => c.primaryKey().autoIncrement());

  // A deleted appearance takes its links and what was sent through them along.
  await id(db.schema.createTable('speaker_link'))
    .addColumn('appearance_id', 'integer', (c: any) => c.notNull().references('appearance.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c: any) => c.notNull().unique())
    .addColumn('expires_at', 'text', (c: any) => c.notNull())
    .addColumn('created_by', 'integer', (c: any) => c.references('account.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c: any) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('used_at', 'text')
    .execute();
  await db.schema.createIndex('speaker_link_appearance_idx').on('speaker_link').column('appearance_id').execute();

  // kind: material (file_id, lang, payload {kind, label}) or correction (payload: the fields proposed).
  await id(db.schema.createTable('speaker_submission'))
    .addColumn('link_id', 'integer', (c: any) => c.notNull().references('speaker_link.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c: any) => c.notNull())
    .addColumn('payload', 'text', (c: any) => c.notNull())
    .addColumn('file_id', 'text', (c: any) => c.references('file.id').onDelete('set null'))
    .addColumn('lang', 'text')
    .addColumn('status', 'text', (c: any) => c.notNull())
    .addColumn('decided_by', 'integer', (c: any) => c.references('account.id').onDelete('set null'))
    .addColumn('decided_at', 'text')
    .addColumn('created_at', 'text', (c: any) => c.notNull())
    .execute();
  await db.schema.createIndex('speaker_submission_link_idx').on('speaker_submission').column('link_id').execute();
  await db.schema.createIndex('speaker_submission_status_idx').on('speaker_submission').column('status').execute();

  await db.schema.alterTable('audit_entry').addColumn('source', 'text').execute();
}
