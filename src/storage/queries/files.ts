// Stored files as the public site serves them: only those of published events, read a slice at a time.
import { sql } from 'kysely';
import type { DbOrTx } from '../database.ts';
import type { Engine } from '../storage.ts';

export type PublicFile = { id: string; sha256: string; mediaType: string; size: number; originalName: string | null };

/** A file that a material of a published event links to; a draft's files, and files linked from nothing published, are not public. */
export async function publicFile(db: DbOrTx, id: string): Promise<PublicFile | null> {
  const row = await db
    .selectFrom('file as f')
    .select(['f.id', 'f.sha256', 'f.media_type', 'f.size', 'f.original_name'])
    .where('f.id', '=', id)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('material as m')
          .innerJoin('event as e', 'e.id', 'm.event_id')
          .select(sql`1`.as('one'))
          .whereRef('m.file_id', '=', 'f.id')
          .where('e.status', '=', 'published'),
      ),
    )
    .executeTakeFirst();
  return row ? { id: row.id, sha256: row.sha256, mediaType: row.media_type, size: Number(row.size), originalName: row.original_name } : null;
}

/**
 * `length` bytes of a file from `offset` (0-based), read by the database out of the stored value
 * so that only the slice reaches this process; fewer at the end, null if the file is gone.
 */
export async function fileSlice(db: DbOrTx, engine: Engine, id: string, offset: number, length: number): Promise<Uint8Array | null> {
  const slice =
    engine === 'postgres' ? sql<Uint8Array>`substring(data from ${offset + 1} for ${length})` : sql<Uint8Array>`substr(data, ${offset + 1}, ${length})`;
  const row = await db.selectFrom('file').select(slice.as('bytes')).where('id', '=', id).executeTakeFirst();
  return row ? row.bytes : null;
}
