// Frozen in time: typed against Kysely<any> and importing nothing from the app.
// A person's gender, for the representation figures (issue 14): recorded by an editor or given
// by the speaker through their link, never guessed from a name.
//  - person.gender: 'female', 'male', 'another' (the person's own term in gender_term),
//    'not-known' (every person until someone records it) or 'declined' (they chose not to say);
//  - person.gender_term: the term a person gave, only with 'another'.
// Personal data: the workspace shows it; the public sees it only as counts.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('person').addColumn('gender', 'text', (c: any) => c.notNull().defaultTo('not-known')).execute();
  await db.schema.alterTable('person').addColumn('gender_term', 'text').execute();
}
