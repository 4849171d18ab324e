// Accounts, sign-in sessions and login counters. These are written straight to the database,
// never through write(): signing in must not drop the public pages' cache.
import { sql } from 'kysely';
import type { AccountRole } from '../../domain/account.ts';
import type { Db, DbOrTx } from '../database.ts';


export type AccountRecord = {
  id: number;
  email: string;
  role: AccountRole;
  passwordHash: string;
  disabledAt: string | null;
  passwordChangedAt: string;
  createdAt: string;
  seriesIds: number[];
  seriesSlugs: string[];
};

async function withSeries(db: DbOrTx, rows: { id: number; email: string; role: AccountRole; password_hash: string; disabled_at: string | null; password_changed_at: string; created_at: string }[]): Promise<AccountRecord[]> {
  if (!rows.length) return [];
  const grants = await db
    .selectFrom('account_series')
    .innerJoin('series', 'series.id', 'account_series.series_id')
    .select(['account_series.account_id', 'series.id', 'series.slug'])
    .where(
      'account_series.account_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('series.slug')
    .execute();
  return rows.map((r) => {
    const mine = grants.filter((g) => g.account_id === r.id);
    return {
      id: r.id,
      email: r.email,
      role: r.role,
      passwordHash: r.password_hash,
      disabledAt: r.disabled_at,
      passwordChangedAt: r.password_changed_at,
      createdAt: r.created_at,
      seriesIds: mine.map((g) => g.id),
      seriesSlugs: mine.map((g) => g.slug),
    };
  });
}

const ACCOUNT_COLUMNS = ['id', 'email', 'role', 'password_hash', 'disabled_at', 'password_changed_at', 'created_at'] as const;

export async function accountByEmail(db: DbOrTx, email: string): Promise<AccountRecord | undefined> {
  const row = await db.selectFrom('account').select(ACCOUNT_COLUMNS).where('email', '=', email).executeTakeFirst();
  return row ? (await withSeries(db, [row]))[0] : undefined;
}

export async function accountById(db: DbOrTx, id: number): Promise<AccountRecord | undefined> {
  const row = await db.selectFrom('account').select(ACCOUNT_COLUMNS).where('id', '=', id).executeTakeFirst();
  return row ? (await withSeries(db, [row]))[0] : undefined;
}

export async function listAccounts(db: DbOrTx): Promise<AccountRecord[]> {
  return withSeries(db, await db.selectFrom('account').select(ACCOUNT_COLUMNS).orderBy('email').execute());
}

export async function insertAccount(db: DbOrTx, a: { email: string; role: AccountRole; passwordHash: string; now: string; seriesIds: number[] }): Promise<number> {
  const row = await db
    .insertInto('account')
    .values({ email: a.email, role: a.role, password_hash: a.passwordHash, disabled_at: null, password_changed_at: a.now, created_at: a.now })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (a.seriesIds.length) await db.insertInto('account_series').values(a.seriesIds.map((series_id) => ({ account_id: row.id, series_id }))).execute();
  return row.id;
}

export async function setAccountDisabled(db: DbOrTx, id: number, disabledAt: string | null): Promise<void> {
  await db.updateTable('account').set({ disabled_at: disabledAt }).where('id', '=', id).execute();
}

export async function setAccountPassword(db: DbOrTx, id: number, passwordHash: string, now: string): Promise<void> {
  await db.updateTable('account').set({ password_hash: passwordHash, password_changed_at: now }).where('id', '=', id).execute();
}

export async function seriesIdsBySlugs(db: DbOrTx, slugs: string[]): Promise<Map<string, number>> {
  if (!slugs.length) return new Map();
  const rows = await db.selectFrom('series').select(['id', 'slug']).where('slug', 'in', slugs).execute();
  return new Map(rows.map((r) => [r.slug, r.id]));
}

// Sign-in sessions

export type SessionRecord = { id: string; accountId: number; csrfToken: string; createdAt: string; lastSeenAt: string; expiresAt: string };

export async function insertSession(db: DbOrTx, s: SessionRecord): Promise<void> {
  await db
    .insertInto('auth_session')
    .values({ id: s.id, account_id: s.accountId, csrf_token: s.csrfToken, created_at: s.createdAt, last_seen_at: s.lastSeenAt, expires_at: s.expiresAt })
    .execute();
}

export async function sessionById(db: DbOrTx, id: string): Promise<SessionRecord | undefined> {
  const r = await db.selectFrom('auth_session').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? { id: r.id, accountId: r.account_id, csrfToken: r.csrf_token, createdAt: r.created_at, lastSeenAt: r.last_seen_at, expiresAt: r.expires_at } : undefined;
}

export async function touchSession(db: DbOrTx, id: string, now: string): Promise<void> {
  await db.updateTable('auth_session').set({ last_seen_at: now }).where('id', '=', id).execute();
}

export async function deleteSession(db: DbOrTx, id: string): Promise<void> {
  await db.deleteFrom('auth_session').where('id', '=', id).execute();
}

export async function deleteSessionsOf(db: DbOrTx, accountId: number): Promise<number> {
  const r = await db.deleteFrom('auth_session').where('account_id', '=', accountId).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Sessions past their absolute end or idle since before `idleBefore`. */
export async function deleteExpiredSessions(db: DbOrTx, now: string, idleBefore: string): Promise<number> {
  const r = await db
    .deleteFrom('auth_session')
    .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<', idleBefore)]))
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

// Login counters

export type ThrottleRecord = { key: string; failures: number; windowStartedAt: string; lockedUntil: string | null };

export async function throttleByKeys(db: DbOrTx, keys: string[]): Promise<ThrottleRecord[]> {
  if (!keys.length) return [];
  const rows = await db.selectFrom('login_throttle').selectAll().where('key', 'in', keys).execute();
  return rows.map((r) => ({ key: r.key, failures: r.failures, windowStartedAt: r.window_started_at, lockedUntil: r.locked_until }));
}

/**
 * Counts one failure for a key in one statement, so that two instances counting at once both
 * count: a window older than `windowStart` starts again at 1; reaching `limit` locks until `lockUntil`.
 */
export async function countFailure(db: Db, key: string, now: string, windowStart: string, limit: number, lockUntil: string): Promise<ThrottleRecord> {
  const row = await db
    .insertInto('login_throttle')
    .values({ key, failures: 1, window_started_at: now, locked_until: limit <= 1 ? lockUntil : null })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        failures: sql<number>`CASE WHEN login_throttle.window_started_at < ${windowStart} THEN 1 ELSE login_throttle.failures + 1 END`,
        window_started_at: sql<string>`CASE WHEN login_throttle.window_started_at < ${windowStart} THEN ${now} ELSE login_throttle.window_started_at END`,
        locked_until: sql<string | null>`CASE WHEN login_throttle.window_started_at >= ${windowStart} AND login_throttle.failures + 1 >= ${limit} THEN ${lockUntil} ELSE login_throttle.locked_until END`,
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
  return { key: row.key, failures: row.failures, windowStartedAt: row.window_started_at, lockedUntil: row.locked_until };
}

export async function clearThrottle(db: DbOrTx, key: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('key', '=', key).execute();
}
