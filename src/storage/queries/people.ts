// People as the importer compares them.
import type { DbOrTx } from '../database.ts';

/** Every person's name, slug and name key, in the order they were stored: read once per import, when a first new person is compared for likeness. */
export async function personNames(db: DbOrTx): Promise<Array<{ name: string; slug: string; nameKey: string }>> {
  const rows = await db.selectFrom('person').select(['name', 'slug', 'name_key']).orderBy('id').execute();
  return rows.map((r) => ({ name: r.name, slug: r.slug, nameKey: r.name_key }));
}
