// What organizers changed by hand in the workspace, read back from the audit log, so that a
// re-import of an agenda keeps it: a field changed by hand is not overwritten by the page, a
// record created or edited by hand is not deleted because the page no longer lists it, and a
// record is still recognised by the values the page gave it before someone edited them, and a
// record deleted by hand is not made again.
import type { Values } from '../domain/audit.ts';
import { handEditEntries } from '../storage/queries/editing.ts';
import type { Tx } from '../storage/database.ts';

/** The records of an event that an import writes; persons and organizations it never overwrites. */
export type ImportedEntity = 'series' | 'event' | 'day' | 'session' | 'appearance' | 'material';

type HandEdit = { created: boolean; fields: Set<string>; original: Values };

const parse = (json: string | null): Values => (json ? (JSON.parse(json) as Values) : {});

export class HandEdits {
  private readonly edits = new Map<string, HandEdit>();
  /** Rows deleted by hand and not put back, by the entry that deleted them. */
  private readonly tombstones = new Map<number, { entity: string; row: Values }>();

  /** Every hand change of a series' records, oldest first (imports' own entries are not hand changes). */
  static async read(trx: Tx, seriesId: number): Promise<HandEdits> {
    const out = new HandEdits();
    for (const e of await handEditEntries(trx, seriesId)) {
      if (e.reverted_entry_id !== null) out.tombstones.delete(e.reverted_entry_id);
      if (e.after === null && e.before !== null) out.tombstones.set(e.id, { entity: e.entity, row: parse(e.before) });
      const key = `${e.entity}:${e.entity_id}`;
      let h = out.edits.get(key);
      if (!h) out.edits.set(key, (h = { created: false, fields: new Set(), original: {} }));
      if (e.action === 'create') {
        h.created = true;
        continue;
      }
      const before = parse(e.before);
      for (const field of Object.keys(parse(e.after))) {
        if (field === 'version') continue;
        // The value before the first hand change is what the page (or whoever made it) gave.
        if (!h.fields.has(field)) {
          h.fields.add(field);
          if (!h.created) h.original[field] = before[field] ?? null;
        }
      }
    }
    return out;
  }

  /** A row of this kind deleted by hand (and not put back) that `test` recognises, if any. */
  deleted(entity: ImportedEntity, test: (row: Values) => boolean): Values | undefined {
    for (const t of this.tombstones.values()) if (t.entity === entity && test(t.row)) return t.row;
    return undefined;
  }

  /** Whether anyone created or changed this record in the workspace. */
  touched(entity: ImportedEntity, id: number): boolean {
    return this.edits.has(`${entity}:${id}`);
  }

  /** Whether a field of this record was set by hand (on a record made by hand, every field was). */
  setByHand(entity: ImportedEntity, id: number, field: string): boolean {
    const h = this.edits.get(`${entity}:${id}`);
    return !!h && (h.created || h.fields.has(field));
  }

  /** Whether a field of this record was changed by hand after it was made (moves and reorders included). */
  changed(entity: ImportedEntity, id: number, field: string): boolean {
    return !!this.edits.get(`${entity}:${id}`)?.fields.has(field);
  }

  /** Whether the record holds `value` in `field`, now or before it was edited by hand. */
  holds(entity: ImportedEntity, row: Values & { id: number }, field: string, value: unknown): boolean {
    if ((row[field] ?? null) === (value ?? null)) return true;
    const h = this.edits.get(`${entity}:${row.id}`);
    return !!h && !h.created && h.fields.has(field) && (h.original[field] ?? null) === (value ?? null);
  }
}
