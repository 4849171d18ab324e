// Accounts and signing in: one set of operations for the CLI (`plenary user …`) and the web.
import { createHash, randomBytes } from 'node:crypto';
import { type Account, type AccountRole, checkPassword, normaliseEmail } from '../domain/account.ts';
import { Conflict, Forbidden, InvalidInput, NotFound, PlenaryError } from '../domain/errors.ts';
import * as q from '../storage/queries/accounts.ts';
import type { Storage } from '../storage/storage.ts';
import { DUMMY_HASH, hashPassword, verifyPassword } from './password.ts';
import { formMessage } from '../domain/form-messages.ts';

const dbOf = (storage: Storage) => storage.db;

export type Clock = () => Date;
const systemClock: Clock = () => new Date();

export type AccountSummary = { id: number; email: string; role: AccountRole; series: string[]; disabled: boolean; createdAt: string };

const summary = (a: q.AccountRecord): AccountSummary => ({ id: a.id, email: a.email, role: a.role, series: a.seriesSlugs, disabled: a.disabledAt !== null, createdAt: a.createdAt });

export function accountOf(a: q.AccountRecord): Account {
  return { id: a.id, email: a.email, role: a.role, seriesIds: a.seriesIds, disabled: a.disabledAt !== null };
}

export async function addAccount(
  storage: Storage,
  input: { email: string; role: AccountRole; series: string[]; password: string },
  clock: Clock = systemClock,
): Promise<AccountSummary> {
  const email = normaliseEmail(input.email);
  checkPassword(input.password);
  if (input.role === 'admin' && input.series.length) throw new InvalidInput('an admin reaches every series: give --series only to editors and viewers');
  if (input.role !== 'admin' && !input.series.length) throw new InvalidInput(`${input.role === 'editor' ? 'an editor' : 'a viewer'} needs at least one --series`);
  const db = dbOf(storage);
  const ids = await q.seriesIdsBySlugs(db, input.series);
  const unknown = input.series.filter((s) => !ids.has(s));
  if (unknown.length) throw new NotFound(`no series with the slug ${unknown.map((s) => `"${s}"`).join(', ')}`);
  if (await q.accountByEmail(db, email)) throw new Conflict(`an account for ${email} already exists`);
  const passwordHash = await hashPassword(input.password);
  const now = clock().toISOString();
  try {
    await db.transaction().execute((trx) => q.insertAccount(trx, { email, role: input.role, passwordHash, now, seriesIds: [...new Set(input.series.map((s) => ids.get(s)!))] }));
  } catch (e) {
    // Two creations of one address at once: the unique index decides, and says so.
    if (await q.accountByEmail(db, email)) throw new Conflict(`an account for ${email} already exists`);
    throw e;
  }
  return summary((await q.accountByEmail(db, email))!);
}

export async function listAccounts(storage: Storage): Promise<AccountSummary[]> {
  return (await q.listAccounts(dbOf(storage))).map(summary);
}

async function existing(storage: Storage, rawEmail: string): Promise<q.AccountRecord> {
  const email = normaliseEmail(rawEmail);
  const a = await q.accountByEmail(dbOf(storage), email);
  if (!a) throw new NotFound(`no account for ${email}`);
  return a;
}

/** Disables an account and ends its sessions on every instance (they live in the database). */
export async function disableAccount(storage: Storage, email: string, clock: Clock = systemClock): Promise<{ endedSessions: number }> {
  const a = await existing(storage, email);
  const db = dbOf(storage);
  return db.transaction().execute(async (trx) => {
    if (a.disabledAt === null) await q.setAccountDisabled(trx, a.id, clock().toISOString());
    return { endedSessions: await q.deleteSessionsOf(trx, a.id) };
  });
}

export async function enableAccount(storage: Storage, email: string): Promise<void> {
  const a = await existing(storage, email);
  await q.setAccountDisabled(dbOf(storage), a.id, null);
}

/** Sets a new password and ends every session of the account. */
export async function resetPassword(storage: Storage, email: string, password: string, clock: Clock = systemClock): Promise<{ endedSessions: number }> {
  checkPassword(password);
  const a = await existing(storage, email);
  const hash = await hashPassword(password);
  return dbOf(storage)
    .transaction()
    .execute(async (trx) => {
      await q.setAccountPassword(trx, a.id, hash, clock().toISOString());
      await q.clearThrottle(trx, `account:${a.email}`);
      return { endedSessions: await q.deleteSessionsOf(trx, a.id) };
    });
}

// Signing in

export type SessionPolicy = {
  /** a session unused this long ends */
  idleMinutes: number;
  /** and every session ends this long after sign-in */
  absoluteHours: number;
};
export const DEFAULT_SESSION_POLICY: SessionPolicy = { idleMinutes: 120, absoluteHours: 12 };

export type ThrottlePolicy = { windowMinutes: number; perAccount: number; perAddress: number; lockMinutes: number };
export const DEFAULT_THROTTLE: ThrottlePolicy = { windowMinutes: 15, perAccount: 5, perAddress: 20, lockMinutes: 15 };

export class TooManyAttempts extends PlenaryError {
  constructor(readonly until: string) {
    super('forbidden', formMessage('tooManySignIns', { time: until.slice(11, 16) }));
  }
}

const minutes = (d: Date, m: number) => new Date(d.getTime() + m * 60_000).toISOString();
export const sessionIdOf = (token: string) => createHash('sha256').update(token).digest('hex');

export type SignedIn = { token: string; csrfToken: string; account: Account; expiresAt: string };

/**
 * Checks a password, counting failures per account and per address in the database (shared by
 * every instance), and opens a session. Every refusal says the same for an unknown address and a
 * wrong password, and both take as long.
 */
export async function signIn(
  storage: Storage,
  input: { email: string; password: string; address: string },
  opts: { clock?: Clock; session?: SessionPolicy; throttle?: ThrottlePolicy } = {},
): Promise<SignedIn> {
  const clock = opts.clock ?? systemClock;
  const policy = opts.session ?? DEFAULT_SESSION_POLICY;
  const throttle = opts.throttle ?? DEFAULT_THROTTLE;
  const db = dbOf(storage);
  const now = clock();
  const email = input.email.trim().toLowerCase();
  const keys = [`account:${email}`, `address:${input.address}`];
  const locked = (await q.throttleByKeys(db, keys)).filter((t) => t.lockedUntil !== null && t.lockedUntil > now.toISOString());
  if (locked.length) throw new TooManyAttempts(locked.map((t) => t.lockedUntil!).sort().at(-1)!);

  const a = await q.accountByEmail(db, email);
  const ok = await verifyPassword(input.password, a?.passwordHash ?? DUMMY_HASH);
  if (!a || !ok || a.disabledAt !== null) {
    const windowStart = minutes(now, -throttle.windowMinutes);
    const lockUntil = minutes(now, throttle.lockMinutes);
    await q.countFailure(db, keys[0]!, now.toISOString(), windowStart, throttle.perAccount, lockUntil);
    await q.countFailure(db, keys[1]!, now.toISOString(), windowStart, throttle.perAddress, lockUntil);
    throw new Forbidden('the e-mail address or the password is wrong, or the account is disabled');
  }
  await q.clearThrottle(db, keys[0]!);
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const expiresAt = minutes(now, policy.absoluteHours * 60);
  await q.insertSession(db, { id: sessionIdOf(token), accountId: a.id, csrfToken, createdAt: now.toISOString(), lastSeenAt: now.toISOString(), expiresAt });
  return { token, csrfToken, account: accountOf(a), expiresAt };
}

export type CurrentSession = { sessionId: string; csrfToken: string; account: Account; email: string };

/** The session a cookie's token opens, or null when it is unknown, expired, idle too long or its account disabled. */
export async function currentSession(storage: Storage, token: string, opts: { clock?: Clock; session?: SessionPolicy } = {}): Promise<CurrentSession | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const clock = opts.clock ?? systemClock;
  const policy = opts.session ?? DEFAULT_SESSION_POLICY;
  const db = dbOf(storage);
  const id = sessionIdOf(token);
  const s = await q.sessionById(db, id);
  if (!s) return null;
  const now = clock();
  const idleSince = minutes(now, -policy.idleMinutes);
  if (s.expiresAt <= now.toISOString() || s.lastSeenAt < idleSince) {
    await q.deleteSession(db, id);
    return null;
  }
  const a = await q.accountById(db, s.accountId);
  if (!a || a.disabledAt !== null) {
    await q.deleteSession(db, id);
    return null;
  }
  // Refreshed at most once a minute: a page view should not be a write.
  if (now.getTime() - Date.parse(s.lastSeenAt) > 60_000) await q.touchSession(db, id, now.toISOString());
  return { sessionId: id, csrfToken: s.csrfToken, account: accountOf(a), email: a.email };
}

/** Ends a session; every instance sees it at the next request, since sessions are read from the database. */
export async function signOut(storage: Storage, token: string): Promise<void> {
  await q.deleteSession(dbOf(storage), sessionIdOf(token));
}

export async function purgeExpiredSessions(storage: Storage, opts: { clock?: Clock; session?: SessionPolicy } = {}): Promise<number> {
  const now = (opts.clock ?? systemClock)();
  const policy = opts.session ?? DEFAULT_SESSION_POLICY;
  return q.deleteExpiredSessions(dbOf(storage), now.toISOString(), minutes(now, -policy.idleMinutes));
}

/** Lifts a sign-in lock (and its count of failures) from an account or an address, at once on every instance. */
export async function unlockSignIn(storage: Storage, who: { email?: string; address?: string }): Promise<string[]> {
  const keys = [...(who.email ? [`account:${normaliseEmail(who.email)}`] : []), ...(who.address ? [`address:${who.address.trim()}`] : [])];
  if (!keys.length) throw new InvalidInput('name the account (--email) or the address (--address) to unlock');
  const found = (await q.throttleByKeys(dbOf(storage), keys)).map((t) => t.key);
  for (const k of found) await q.clearThrottle(dbOf(storage), k);
  return found;
}

/**
 * Changes what an account may reach: its role, and series granted or withdrawn. It holds at the
 * account's next request on every instance (sessions read the account each time).
 */
export async function changeAccess(storage: Storage, rawEmail: string, change: { role?: AccountRole; grant?: string[]; revoke?: string[] }): Promise<AccountSummary> {
  const a = await existing(storage, rawEmail);
  const db = dbOf(storage);
  const slugs = [...(change.grant ?? []), ...(change.revoke ?? [])];
  const ids = await q.seriesIdsBySlugs(db, slugs);
  const unknown = slugs.filter((s) => !ids.has(s));
  if (unknown.length) throw new NotFound(`no series with the slug ${unknown.map((s) => `"${s}"`).join(', ')}`);
  const role = change.role ?? a.role;
  const series = new Set(a.seriesIds);
  for (const s of change.grant ?? []) series.add(ids.get(s)!);
  for (const s of change.revoke ?? []) series.delete(ids.get(s)!);
  if (role === 'admin' && (change.grant ?? []).length) throw new InvalidInput('an admin reaches every series: grant series only to editors and viewers');
  if (role === 'admin') series.clear();
  if (role !== 'admin' && series.size === 0) throw new InvalidInput(`${role === 'editor' ? 'an editor' : 'a viewer'} needs at least one series: grant one (--series) before withdrawing the last`);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('account').set({ role }).where('id', '=', a.id).execute();
    await trx.deleteFrom('account_series').where('account_id', '=', a.id).execute();
    if (series.size) await trx.insertInto('account_series').values([...series].map((series_id) => ({ account_id: a.id, series_id }))).execute();
  });
  return summary((await q.accountByEmail(db, a.email))!);
}
