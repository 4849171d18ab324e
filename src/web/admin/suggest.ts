// Suggestions as you type, for the workspace's name fields: persons when adding one to a
// session, organizations on an appearance. Without JavaScript the plain search form and the
// same-name matching do the same work; with it, a script fills a <datalist> (the browser's own
// accessible combobox) from /admin/suggest as the user types.
import type { Hono } from 'hono';
import { mayBeSamePerson } from '../../domain/likeness.ts';
import { normaliseName, splitHonorific } from '../../domain/names.ts';
import { InvalidInput } from '../../domain/errors.ts';
import type { DbOrTx } from '../../storage/database.ts';
import { type Reach, searchNames, searchPersonsWithKeys } from '../../storage/queries/editing.ts';
import { type AuthEnv, type AuthOptions, guard } from '../auth.ts';

const LIMIT = 10;

/** The script: no framework, no inline code (the pages' CSP allows only scripts from this site). */
export const SUGGEST_JS = `'use strict';
for (const input of document.querySelectorAll('input[data-suggest]')) {
  const list = document.createElement('datalist');
  list.id = input.id + '-suggestions';
  input.after(list);
  input.setAttribute('list', list.id);
  input.setAttribute('autocomplete', 'off');
  let timer = 0;
  let last = '';
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const q = input.value.trim();
      if (q.length < 2 || q === last) return;
      last = q;
      const r = await fetch('/admin/suggest?kind=' + encodeURIComponent(input.dataset.suggest) + '&q=' + encodeURIComponent(q), { credentials: 'same-origin', headers: { accept: 'application/json' } });
      if (!r.ok) return;
      const names = await r.json();
      list.replaceChildren(...names.map((n) => Object.assign(document.createElement('option'), { value: n })));
    }, 150);
  });
}
`;

/** Names whose normalised form holds every word typed, persons or organizations, at most 10, within the account's reach. */
export async function suggestNames(db: DbOrTx, kind: 'person' | 'organization', typed: string, reach: Reach): Promise<string[]> {
  const words = normaliseName(typed).split(' ').filter(Boolean).slice(0, 5);
  return await searchNames(db, kind, words, LIMIT, reach);
}

/** Whom an account may find (storage/queries/editing.ts Reach). */
export const reachOf = (a: { role: string; seriesIds: number[] }): Reach => (a.role === 'admin' ? 'all' : a.seriesIds);

export function suggestRoutes(app: Hono<AuthEnv>, opts: AuthOptions): void {
  app.get('/suggest.js', (c) => c.body(SUGGEST_JS, 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' }));
  app.get('/suggest', guard(opts, null), async (c) => {
    const kind = c.req.query('kind');
    if (kind !== 'person' && kind !== 'organization') throw new InvalidInput('kind: must be person or organization');
    const q = (c.req.query('q') ?? '').slice(0, 200);
    return c.json(await suggestNames(opts.storage.db, kind, q, reachOf(c.get('auth')!.account)), 200, { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  });
}

/**
 * Persons already in the archive (within reach) who may be the one a typed name means, by the
 * likeness rules of imports (domain/likeness.ts): none when the name is exactly someone's, since
 * that one is joined anyway.
 */
export async function similarPersons(db: DbOrTx, typed: string, reach: Reach): Promise<Array<{ id: number; name: string }>> {
  const key = normaliseName(splitHonorific(typed.trim()).name);
  const parts = key.split(' ').filter(Boolean);
  if (parts.length < 2) return [];
  const surname = parts[parts.length - 1]!;
  const candidates = await searchPersonsWithKeys(db, surname, 200, reach);
  if (candidates.some((p) => p.name_key === key)) return [];
  return candidates.filter((p) => mayBeSamePerson(key, p.name_key)).slice(0, LIMIT).map((p) => ({ id: p.id, name: p.name }));
}
