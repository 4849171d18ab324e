// Frozen in time: typed against Kysely<any> and importing nothing from the app.
// Tokens for the API's writes: a script sends one as `Authorization: Bearer …` in place of a
// sign-in session. Like sessions, the token itself is never stored: the id is its SHA-256.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('api_token')
    .addColumn('id', 'text', (c: any) => c.primaryKey())
    // what `plenary user tokens` shows of it, to name it when revoking
    .addColumn('prefix', 'text', (c: any) => c.notNull().unique())
    .addColumn('account_id', 'integer', (c: any) => c.notNull().references('account.id').onDelete('cascade'))
    .addColumn('label', 'text', (c: any) => c.notNull())
    .addColumn('created_at', 'text', (c: any) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('api_token_account_idx').on('api_token').column('account_id').execute();
}
