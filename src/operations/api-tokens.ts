// Tokens for the API's writes: made, listed and revoked with `plenary user token|tokens|revoke-token`.
// A token stands for its account (the same role and series); it is shown once, and only its
// SHA-256 is stored. Like sessions, tokens are not written through write(): they change no page.
import { createHash, randomBytes } from 'node:crypto';
import { normaliseEmail } from '../domain/account.ts';
import { InvalidInput, NotFound } from '../domain/errors.ts';
import { accountById, accountByEmail } from '../storage/queries/accounts.ts';
import type { Storage } from '../storage/storage.ts';
import { accountOf, type CurrentSession } from './accounts.ts';

const TOKEN = /^pln_([a-z0-9]{8})_([A-Za-z0-9_-]{43})$/;
const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

export type TokenSummary = { prefix: string; email: string; label: string; createdAt: string; lastUsedAt: string | null; revokedAt: string | null };

export async function createToken(storage: Storage, input: { email: string; label: string }, now = new Date()): Promise<{ token: string; prefix: string }> {
  const label = input.label.trim();
  if (!label || label.length > 100) throw new InvalidInput('--label: name what the token is for, in 1 to 100 characters (e.g. "agenda sync script")');
  const a = await accountByEmail(storage.db, normaliseEmail(input.email));
  if (!a) throw new NotFound(`there is no account ${input.email}`);
  if (a.disabledAt !== null) throw new InvalidInput(`the account ${a.email} is disabled: enable it first`);
  const prefix = randomBytes(6).toString('hex').slice(0, 8);
  const token = `pln_${prefix}_${randomBytes(32).toString('base64url')}`;
  await storage.db.insertInto('api_token').values({ id: hashOf(token), prefix, account_id: a.id, label, created_at: now.toISOString(), last_used_at: null, revoked_at: null }).execute();
  return { token, prefix };
}

export async function listTokens(storage: Storage): Promise<TokenSummary[]> {
  const rows = await storage.db
    .selectFrom('api_token as t')
    .innerJoin('account as a', 'a.id', 't.account_id')
    .select(['t.prefix', 'a.email', 't.label', 't.created_at', 't.last_used_at', 't.revoked_at'])
    .orderBy('t.created_at')
    .orderBy('t.prefix')
    .execute();
  return rows.map((r) => ({ prefix: r.prefix, email: r.email, label: r.label, createdAt: r.created_at, lastUsedAt: r.last_used_at, revokedAt: r.revoked_at }));
}

export async function revokeToken(storage: Storage, prefix: string, now = new Date()): Promise<void> {
  const r = await storage.db.updateTable('api_token').set({ revoked_at: now.toISOString() }).where('prefix', '=', prefix).where('revoked_at', 'is', null).executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) throw new NotFound(`there is no token ${prefix} that is still valid (see plenary user tokens)`);
}

/** The account a bearer token stands for, or null when it is unknown, revoked or its account disabled. */
export async function tokenAccount(storage: Storage, token: string, now = new Date()): Promise<CurrentSession | null> {
  if (!TOKEN.test(token)) return null;
  const id = hashOf(token);
  const t = await storage.db.selectFrom('api_token').selectAll().where('id', '=', id).executeTakeFirst();
  if (!t || t.revoked_at !== null) return null;
  const a = await accountById(storage.db, t.account_id);
  if (!a || a.disabledAt !== null) return null;
  // Noted at most once a minute: reading should not be a write each time.
  if (!t.last_used_at || now.getTime() - Date.parse(t.last_used_at) > 60_000) {
    await storage.db.updateTable('api_token').set({ last_used_at: now.toISOString() }).where('id', '=', id).execute();
  }
  return { sessionId: `token:${t.prefix}`, csrfToken: '', account: accountOf(a), email: a.email };
}
