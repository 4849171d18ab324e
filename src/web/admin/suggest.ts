// Suggestions as you type, for the workspace's name fields: persons when adding one to a
// session, organizations on an appearance. Without JavaScript the plain search form and the
// same-name matching do the same work; with it, a script fills a <datalist> (the browser's own
// accessible combobox) from /admin/suggest as the user types.
import type { Hono } from 'hono';
import { type MatchReason, type PersonCandidate, personLikenessReason } from '../../domain/identity.ts';
import { fillAppearances, personCandidatesByKeys } from '../../storage/queries/identities.ts';
import { normaliseName, splitHonorific } from '../../domain/names.ts';
import { InvalidInput } from '../../domain/errors.ts';
import type { DbOrTx } from '../../storage/database.ts';
import { type Reach, searchNames, searchPersonsWithKeys } from '../../storage/queries/editing.ts';
import { type AuthEnv, type AuthOptions, guard } from '../auth.ts';
import { formMessage } from '../../domain/form-messages.ts';

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
    if (kind !== 'person' && kind !== 'organization') throw new InvalidInput({ field: 'kind', message: formMessage('personOrOrganization') });
    const q = (c.req.query('q') ?? '').slice(0, 200);
    return c.json(await suggestNames(opts.storage.db, kind, q, reachOf(c.get('auth')!.account)), 200, { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  });
}

/**
 * Persons already in the archive (within reach) who may be the one a typed name means, each with
 * its reason: when several share the typed name exactly (any of their names), all of them (the
 * editor chooses, or makes a new one); when none has it, those alike by the likeness rules of
 * imports (domain/likeness.ts: initials, parts left out). None when exactly one has the name: that
 * one is joined.
 */
export async function similarPersons(db: DbOrTx, typed: string, reach: Reach): Promise<Array<{ id: number; name: string; reason: MatchReason; organizations: string[] }>> {
  const key = normaliseName(splitHonorific(typed.trim()).name);
  if (!key) return [];
  let same = (await personCandidatesByKeys(db, [key])).get(key) ?? [];
  if (reach !== 'all' && same.length > 1) {
    // Only those within the account's reach are shown (another series' drafts stay private).
    const words = key.split(' ').filter(Boolean);
    const within = new Set((await searchPersonsWithKeys(db, words[words.length - 1]!, 500, reach)).map((p) => p.id));
    const hidden = same.some((p) => !within.has(p.id));
    same = same.filter((p) => within.has(p.id));
    // Someone out of reach shares the name: asked about the others all the same, so no one is joined silently.
    if (hidden && same.length === 1) return same.map((p) => ({ id: p.id, name: p.name, reason: 'same-name' as const, organizations: p.organizationNames }));
  }
  same = same.slice(0, LIMIT);
  if (same.length === 1) return [];
  if (same.length > 1) return same.map((p) => ({ id: p.id, name: p.name, reason: 'same-name' as const, organizations: p.organizationNames }));
  const parts = key.split(' ').filter(Boolean);
  if (parts.length < 2) return [];
  const surname = parts[parts.length - 1]!;
  const candidates = await searchPersonsWithKeys(db, surname, 200, reach);
  const like = candidates.flatMap((p) => {
    const reason = personLikenessReason(key, p.name_key);
    return reason ? [{ id: p.id, name: p.name, name_key: p.name_key, reason }] : [];
  });
  const seen = new Set<number>();
  const out = like.filter((p) => !seen.has(p.id) && seen.add(p.id)).slice(0, LIMIT);
  const filled: PersonCandidate[] = out.map((p) => ({ id: p.id, name: p.name, slug: '', organizationIds: [], organizationNames: [], countryCodes: [], inEvent: false }));
  await fillAppearances(db, filled);
  return out.map((p, i) => ({ id: p.id, name: p.name, reason: p.reason, organizations: filled[i]!.organizationNames }));
}
