// Accounts of the secretariat: who may read drafts, edit a series, or run the site.
// Pure: roles, what each may do, and the rules for e-mail addresses and passwords.
import { z } from 'zod';
import { InvalidInput } from './errors.ts';

/**
 * admin: everything, accounts included.
 * editor: the content of the series they are granted.
 * viewer: reads the drafts and the audit log of the series they are granted.
 */
export const ACCOUNT_ROLES = ['admin', 'editor', 'viewer'] as const;
export type AccountRole = (typeof ACCOUNT_ROLES)[number];

export type Account = {
  id: number;
  email: string;
  role: AccountRole;
  /** series ids this account is granted (editors and viewers); admins need none */
  seriesIds: number[];
  disabled: boolean;
};

export type Action = 'read-drafts' | 'edit-content' | 'read-audit' | 'manage-accounts';

/** Whether an account may do an action; content actions are scoped to one series. */
export function may(account: Account, action: Action, seriesId?: number): boolean {
  if (account.disabled) return false;
  if (account.role === 'admin') return true;
  if (action === 'manage-accounts') return false;
  // Creating a new series is an admin's: an editor's rights start at a series they are given.
  if (seriesId === undefined) return false;
  if (!account.seriesIds.includes(seriesId)) return false;
  if (action === 'edit-content') return account.role === 'editor';
  return true;
}

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: 'is not an e-mail address' }));

/** The normalised address, or InvalidInput naming what is wrong. */
export function normaliseEmail(raw: string): string {
  const r = emailSchema.safeParse(raw);
  if (!r.success) throw new InvalidInput(`"${raw}" is not an e-mail address`);
  return r.data;
}

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 1024;

/** Length is what makes a password strong; no composition rules (NIST SP 800-63B). */
export function checkPassword(password: string): void {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) throw new InvalidInput(`the password is too short: ${length} characters, at least ${MIN_PASSWORD_LENGTH} are needed`);
  if (length > MAX_PASSWORD_LENGTH) throw new InvalidInput(`the password is too long: at most ${MAX_PASSWORD_LENGTH} characters`);
  if (/[\u0000-\u001f\u007f]/.test(password)) throw new InvalidInput('the password contains a control character');
}

export function parseRole(raw: string): AccountRole {
  if ((ACCOUNT_ROLES as readonly string[]).includes(raw)) return raw as AccountRole;
  throw new InvalidInput(`unknown role "${raw}": use ${ACCOUNT_ROLES.join(', ')}`);
}
