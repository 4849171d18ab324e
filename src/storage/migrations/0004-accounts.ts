// Frozen in time: typed against Kysely<any> and importing nothing from the app.
// Accounts, their series, sign-in sessions and login counters. None of these tables is
// written through write(): they must not move the public pages' cache generation.
import type { Kysely } from 'kysely';

type Engine = 'sqlite' | 'postgres';

export async function up(db: Kysely<any>, engine: Engine): Promise<void> {
  const id = (t: any) =>
    engine === 'postgres'
      ? t.addColumn('id', 'integer', (c: any) => c.primaryKey().generatedByDefaultAsIdentity())
      : t.addColumn('id', 'integer', (c: any) => c.primaryKey().autoIncrement());

  await id(db.schema.createTable('account'))
    .addColumn('email', 'text', (c: any) => c.notNull().unique())
    .addColumn('password_hash', 'text', (c: any) => c.notNull())
    .addColumn('role', 'text', (c: any) => c.notNull())
    .addColumn('disabled_at', 'text')
    .addColumn('password_changed_at', 'text', (c: any) => c.notNull())
    .addColumn('created_at', 'text', (c: any) => c.notNull())
    .execute();

  await db.schema
    .createTable('account_series')
    .addColumn('account_id', 'integer', (c: any) => c.notNull().references('account.id').onDelete('cascade'))
    .addColumn('series_id', 'integer', (c: any) => c.notNull().references('series.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('account_series_pk', ['account_id', 'series_id'])
    .execute();

  // The token itself is never stored: the id is its SHA-256, so a leaked table opens nothing.
  await db.schema
    .createTable('auth_session')
    .addColumn('id', 'text', (c: any) => c.primaryKey())
    .addColumn('account_id', 'integer', (c: any) => c.notNull().references('account.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (c: any) => c.notNull())
    .addColumn('created_at', 'text', (c: any) => c.notNull())
    .addColumn('last_seen_at', 'text', (c: any) => c.notNull())
    .addColumn('expires_at', 'text', (c: any) => c.notNull())
    .execute();
  await db.schema.createIndex('auth_session_account_idx').on('auth_session').column('account_id').execute();

  // One row per counted key ("account:EMAIL", "address:IP"), shared by every instance.
  await db.schema
    .createTable('login_throttle')
    .addColumn('key', 'text', (c: any) => c.primaryKey())
    .addColumn('failures', 'integer', (c: any) => c.notNull())
    .addColumn('window_started_at', 'text', (c: any) => c.notNull())
    .addColumn('locked_until', 'text')
    .execute();
}
