// Organizations as the importer compares them.
import type { DbOrTx } from '../database.ts';

/** Every organization's name and slug, in the order they were stored: read once per import, when a first new organization is compared for likeness. */
export async function organizationNames(db: DbOrTx): Promise<Array<{ name: string; slug: string }>> {
  return db.selectFrom('organization').select(['name', 'slug']).orderBy('id').execute();
}
