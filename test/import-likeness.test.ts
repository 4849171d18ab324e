// Doubtful identities found through the likeness indexes (domain/likeness.ts) instead of a scan
// of every stored row per new one, and slugs found through the unique index: the same warnings
// in every direction the rules allow, on every engine.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { importAgenda } from '../src/operations/import-agenda.ts';
import { freeSlug } from '../src/storage/queries/slugs.ts';
import { write } from '../src/storage/write.ts';
import { ENGINES, migratedStorage } from './engines.ts';
import { agenda, person, session, TARGET } from './factories.ts';

const at = (name: string, organization: string) => person(name, { position: 'Director', organization });
const second = { series: { slug: 'test-series' }, event: { slug: 'second', title: 'Second', timeZone: 'Europe/Zurich' } };

for (const engine of ENGINES) {
  test(`on ${engine}, every kind of likeness is found against stored rows and within one import, whichever name is the longer`, async () => {
    const t = await migratedStorage(engine);
    try {
      await importAgenda(
        t.storage,
        agenda([
          {
            date: '2020-01-10',
            sessions: [
              session({
                speakers: [
                  at('Juan Gómez', 'International Organization for Migration'),
                  at('William Lacy Swing', 'UNHCR'),
                  at('Ana Pérez', 'Migration Policy Institute (MPI)'),
                ],
              }),
            ],
          },
        ]),
        TARGET,
      );
      const r = await importAgenda(
        t.storage,
        agenda([
          {
            date: '2021-01-10',
            sessions: [
              session({
                speakers: [
                  // The stored name is the shorter: its surname is a middle part of the new one.
                  at('Juan José Gómez Camacho', 'IOM'),
                  // The new name is the shorter.
                  at('W. L. Swing', 'United Nations High Commissioner for Refugees'),
                  // Neither: another given name, and organizations alike in name only by chance.
                  at('Mary Swing', 'Migration Policy Institute'),
                  // Alike to one stored in this same import.
                  at('Juan Camacho', 'International Organization for Migration (IOM)'),
                ],
              }),
            ],
          },
        ]),
        second,
      );
      // Organizations are found first (a person's match weighs their organization), each doubtful one with its reason.
      assert.deepEqual(r.doubtful.map(String), [
        '"IOM" may be the same organization as "International Organization for Migration" (/organizations/international-organization-for-migration): one is the acronym of the other; stored as a new organization, not merged',
        '"Juan José Gómez Camacho" may be the same person as "Juan Gómez" (/people/juan-gomez): the same surname and given name, parts left out; stored as a new person, not merged',
        '"United Nations High Commissioner for Refugees" may be the same organization as "UNHCR" (/organizations/unhcr): one is the acronym of the other; stored as a new organization, not merged',
        '"W. L. Swing" may be the same person as "William Lacy Swing" (/people/william-lacy-swing): initials that fit; stored as a new person, not merged',
        '"Migration Policy Institute" may be the same organization as "Migration Policy Institute (MPI)" (/organizations/migration-policy-institute-mpi): the same name but for the part in brackets; stored as a new organization, not merged',
        '"International Organization for Migration (IOM)" may be the same organization as "International Organization for Migration" (/organizations/international-organization-for-migration): the same name but for the part in brackets; stored as a new organization, not merged',
        '"International Organization for Migration (IOM)" may be the same organization as "IOM" (/organizations/iom): one is the acronym of the other; stored as a new organization, not merged',
        '"Juan Camacho" may be the same person as "Juan José Gómez Camacho" (/people/juan-jose-gomez-camacho): the same surname and given name, parts left out; stored as a new person, not merged',
      ]);
      assert.deepEqual(r.warnings.map(String), []);
      assert.deepEqual(r.persons, { created: 4, matched: 0 });
      assert.deepEqual(r.organizations, { created: 4, matched: 0 });
    } finally {
      await t.cleanup();
    }
  });

  test(`on ${engine}, a slug taken is followed by the first free numbered one`, async () => {
    const t = await migratedStorage(engine);
    try {
      const ts = '2020-01-01T00:00:00.000Z';
      // a, a-2 … a-20 but a-7, and the look-alikes a-b and ab, which a prefix search also found.
      const slugs = ['a', ...Array.from({ length: 19 }, (_, i) => `a-${i + 2}`).filter((s) => s !== 'a-7'), 'a-b', 'ab'];
      await write(t.storage, async (trx) => {
        for (const slug of slugs) await trx.insertInto('person').values({ slug, name: slug, name_key: slug, honorific: null, created_at: ts, updated_at: ts }).execute();
      });
      await write(t.storage, async (trx) => {
        assert.equal(await freeSlug(trx, 'person', 'a'), 'a-7');
        await trx.insertInto('person').values({ slug: 'a-7', name: 'a-7', name_key: 'a-7', honorific: null, created_at: ts, updated_at: ts }).execute();
        // Past the first batch of candidates.
        assert.equal(await freeSlug(trx, 'person', 'a'), 'a-21');
        assert.equal(await freeSlug(trx, 'person', 'b'), 'b');
        assert.equal(await freeSlug(trx, 'organization', 'a'), 'a');
      });
    } finally {
      await t.cleanup();
    }
  });
}
