// The audit log's vocabulary and the versions that keep concurrent saves from overwriting
// each other. Pure: what an entry may say, and how two versions of a record differ.
import { z } from 'zod';

/**
 * `import`: what one `plenary import` did to an event, in counts (its changes are not hand edits).
 * `merge`, `unmerge`, `split`: an admin's merge of two persons or organizations (on the survivor),
 * its undoing (on the record put back), a person split in two (on the new one); undone from the
 * merge record, never reverted from the log (operations/identities.ts).
 */
export const AUDIT_ACTIONS = ['create', 'update', 'move', 'reorder', 'delete', 'revert', 'import', 'publish', 'withdraw', 'merge', 'unmerge', 'split'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** The records an organizer edits; each but a material (logged, not versioned) carries a `version`. */
export const AUDITED_ENTITIES = ['series', 'event', 'day', 'session', 'appearance', 'person', 'organization', 'material'] as const;
export type AuditedEntity = (typeof AUDITED_ENTITIES)[number];

/** A record's columns as an audit entry keeps them. */
export type Values = Record<string, string | number | null>;

/** A record's version: the first save makes it 1; at most an int4 (PostgreSQL's integer). */
export const versionSchema = z.coerce
  .number({ error: 'must be a whole number' })
  .int('must be a whole number')
  .min(1, 'must be 1 or more')
  .max(2_147_483_647, 'must fit in a 32-bit integer');

/** An entry's `before` or `after`: a JSON object of column values. */
export const valuesJsonSchema = z.string().superRefine((text, ctx) => {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'must be a JSON object of column values; it is not JSON' });
    return;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    ctx.addIssue({ code: 'custom', message: 'must be a JSON object of column values' });
    return;
  }
  for (const [k, v] of Object.entries(value)) {
    if (v !== null && typeof v !== 'string' && typeof v !== 'number') ctx.addIssue({ code: 'custom', message: `holds ${k}, which is neither text, a number nor null` });
  }
});

/** The fields whose values differ between two versions of a record, in the order of `fields`. */
export function changedFields(fields: readonly string[], a: Values, b: Values): string[] {
  return fields.filter((f) => (a[f] ?? null) !== (b[f] ?? null));
}
