// Name keys follow the normaliser's rules (review M2): a database whose keys were made by older rules
// (e.g. before 'Captain' was an honorific) has them made again when a command opens it, so that the
// same printed name still finds its person rather than making a new one.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { NAME_KEY_RULES, nameKeyFingerprint, NAME_KEY_PROBES } from '../src/domain/name-key-rules.ts';
import { HONORIFICS, normaliseName } from '../src/domain/names.ts';
import { openStorage, type Storage } from '../src/storage/storage.ts';
import { startServer } from '../src/web/server.ts';
import { ENGINES, freshDatabase } from './engines.ts';
import { signedIn } from './http-client.ts';
import { runPlenary } from './plenary-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'plenary-name-keys-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const PAGE = join(dir, 'rank.txt');
writeFileSync(PAGE, 'Navy Conference\n\nMonday 3 March 2025\n\n10:00 - 11:00 Opening session\nSpeakers:\nCaptain John Smith, Commander, United States Navy\nJane Roe, Director, Ocean Institute\n');
const STORE = (event: string) => ['--series', 'navy', '--series-title', 'Navy', '--event', event, '--title', 'Navy Conference', '--time-zone', 'Europe/Zurich'];

test('the fingerprint stands for every honorific: dropping any one of them from the rules changes it', () => {
  for (const h of HONORIFICS) assert.ok(NAME_KEY_PROBES.includes(`${h} John Smith`), h);
  assert.equal(nameKeyFingerprint(), NAME_KEY_RULES);
  // The rules before d7f4ba8 left 'Captain' in the key.
  const older = (name: string) => (name.startsWith('Captain ') ? normaliseName(`X ${name}`).replace(/^x /, '') : normaliseName(name));
  assert.equal(older('Captain John Smith'), 'captain john smith');
  assert.notEqual(nameKeyFingerprint(older), NAME_KEY_RULES);
});

/** The database as an older Plenary left it: 'Captain' kept in the name and its key, and no fingerprint stored. */
async function makeStale(storage: Storage): Promise<void> {
  const db = storage.db as any;
  // An older Plenary read 'Captain' as part of the name.
  await db.updateTable('person').set({ name: 'Captain John Smith', name_key: 'captain john smith', honorific: null }).where('name', '=', 'John Smith').execute();
  await db.updateTable('person_alias').set({ name: 'Captain John Smith', name_key: 'captain john smith' }).where('name', '=', 'John Smith').execute();
  const p = await db.selectFrom('person').select('id').where('name', '=', 'Captain John Smith').executeTakeFirstOrThrow();
  // A later alias of the same person whose key is the same under the new rules: they collapse into the earliest.
  await db.insertInto('person_alias').values({ person_id: p.id, name: 'John Smith', name_key: 'john smith', source: 'import', created_at: '2099-01-01T00:00:00.000Z' }).execute();
  await db.updateTable('organization').set({ name_key: 'stale ocean institute|' }).where('name', '=', 'Ocean Institute').execute();
  await db.updateTable('organization_alias').set({ name_key: 'stale ocean institute|' }).where('name', '=', 'Ocean Institute').execute();
  await db.deleteFrom('site_state').where('key', '=', 'name_key_rules').execute();
}

async function keys(storage: Storage) {
  const db = storage.db as any;
  return {
    persons: await db.selectFrom('person').select(['name', 'name_key']).orderBy('id').execute(),
    personAliases: await db.selectFrom('person_alias').select(['name', 'name_key', 'source']).orderBy('id').execute(),
    organizations: await db.selectFrom('organization').select(['name', 'name_key']).orderBy('id').execute(),
    organizationAliases: await db.selectFrom('organization_alias').select(['name', 'name_key']).orderBy('id').execute(),
    rules: await db.selectFrom('site_state').select('value').where('key', '=', 'name_key_rules').execute(),
  };
}

const LOG = `name keys made again (normaliser rules unrecorded -> ${NAME_KEY_RULES}): 1 persons, 1 person aliases (1 merged into an earlier alias of the same person), 1 organizations, 1 organization aliases (0 merged into an earlier alias of the same organization)`;
const REKEYED = {
  persons: [{ name: 'Captain John Smith', name_key: 'john smith' }, { name: 'Jane Roe', name_key: 'jane roe' }],
  personAliases: [{ name: 'Captain John Smith', name_key: 'john smith', source: 'name' }, { name: 'Jane Roe', name_key: 'jane roe', source: 'name' }],
  organizations: [{ name: 'United States Navy', name_key: 'united states navy|' }, { name: 'Ocean Institute', name_key: 'ocean institute|' }],
  organizationAliases: [{ name: 'United States Navy', name_key: 'united states navy|' }, { name: 'Ocean Institute', name_key: 'ocean institute|' }],
  rules: [{ value: NAME_KEY_RULES }],
};

for (const engine of ENGINES) {
  describe(`name keys on ${engine}`, () => {
    for (const door of ['migrate', 'import'] as const) {
      test(`keys made by older rules are made again by plenary ${door} (logged), and the same printed name then finds its person`, async (t) => {
        const fresh = await freshDatabase(engine);
        t.after(() => fresh.drop());
        const first = runPlenary(['import', PAGE, ...STORE('e1')], fresh.url);
        assert.equal(first.err, '');
        assert.ok(first.out.includes('persons: 2 created, 0 matched\n'), first.out);
        let storage = await openStorage(fresh.url);
        try {
          await makeStale(storage);
        } finally {
          await storage.close();
        }
        if (door === 'migrate') {
          const m = runPlenary(['migrate'], fresh.url);
          assert.deepEqual(m, { code: 0, out: `${LOG}\nthe schema is up to date\n`, err: '' });
        }
        const second = runPlenary(['import', PAGE, ...STORE('e2')], fresh.url);
        assert.equal(second.code, 0);
        assert.equal(second.err, door === 'import' ? `plenary: ${LOG}\n` : '');
        assert.ok(second.out.includes('persons: 0 created, 2 matched\norganizations: 0 created, 2 matched\n'), second.out);
        storage = await openStorage(fresh.url);
        try {
          assert.deepEqual(await keys(storage), REKEYED);
        } finally {
          await storage.close();
        }
        // Once made, the keys are not made again.
        assert.deepEqual(runPlenary(['migrate'], fresh.url), { code: 0, out: 'the schema is up to date\n', err: '' });
      });
    }
  });
}

// Undo of a merge made before the keys were made again (review L4): the merged record was kept whole,
// with the key the older rules gave it, and so were the aliases the merge dropped; undo puts them
// back keyed by this Plenary's rules, so that the same printed name finds the record again.
const NAVY = join(dir, 'navy.txt');
const OCEAN = join(dir, 'ocean.txt');
writeFileSync(NAVY, 'Navy Conference\n\nMonday 3 March 2025\n\n10:00 - 11:00 Opening session\nSpeakers:\nCaptain John Smith, Commander, United States Navy\n');
writeFileSync(OCEAN, 'Ocean Forum\n\nTuesday 4 March 2025\n\n10:00 - 11:00 Opening session\nSpeakers:\nCaptain John Smith, Professor, Ocean Institute\n');

for (const engine of ENGINES) {
  describe(`undo of a merge made before the name keys were made again, on ${engine}`, () => {
    test('the merged person comes back with its name key and dropped alias by the current rules; the same printed name then finds it (plenary import)', async (t) => {
      const fresh = await freshDatabase(engine);
      t.after(() => fresh.drop());
      assert.equal(runPlenary(['import', NAVY, ...STORE('navy-2025')], fresh.url).code, 0);
      const ocean = runPlenary(['import', OCEAN, '--series', 'navy', '--event', 'ocean-2025', '--title', 'Ocean Forum', '--time-zone', 'Europe/Zurich'], fresh.url);
      assert.equal(ocean.code, 0, ocean.err);
      assert.ok(ocean.out.includes('persons: 1 created, 0 matched\n'), ocean.out);

      const storage = await openStorage(fresh.url, { pollMs: 200 });
      t.after(() => storage.close());
      const db = storage.db as any;
      // As an older Plenary left them: 'Captain' part of both names and keys, no fingerprint stored.
      await db.updateTable('person').set({ name: 'Captain John Smith', name_key: 'captain john smith', honorific: null }).execute();
      await db.updateTable('person_alias').set({ name: 'Captain John Smith', name_key: 'captain john smith' }).execute();
      await db.deleteFrom('site_state').where('key', '=', 'name_key_rules').execute();
      const [navy, oceanic] = (await db.selectFrom('person').select('id').orderBy('id').execute()).map((r: { id: number }) => Number(r.id));
      await storage.generation.start();
      const server = await startServer(storage, { port: 0, host: '127.0.0.1' });
      t.after(() => server.close());
      const base = `http://127.0.0.1:${server.port}`;
      const admin = await signedIn(storage, base, { email: 'admin@example.org', role: 'admin' });

      // The older Plenary's merge: the Navy's John Smith into the Ocean Institute's (the same name: its alias dropped).
      const merged = await admin.post(`/admin/persons/${oceanic}/merge`, { other: String(navy) });
      assert.deepEqual([merged.status, merged.location], [303, `/admin/persons/${oceanic}?merged=1#merge-1`]);
      const kept = await db.selectFrom('identity_merge').select(['merged_row', 'moved']).executeTakeFirstOrThrow();
      assert.equal(JSON.parse(kept.merged_row).name_key, 'captain john smith');
      assert.deepEqual(JSON.parse(kept.moved).droppedAliases.map((a: { name_key: string }) => a.name_key), ['captain john smith']);

      // This Plenary opens the database: the stored keys are made again (the kept row is not a stored key).
      assert.deepEqual(runPlenary(['migrate'], fresh.url), {
        code: 0,
        out: `name keys made again (normaliser rules unrecorded -> ${NAME_KEY_RULES}): 1 persons, 1 person aliases (0 merged into an earlier alias of the same person), 0 organizations, 0 organization aliases (0 merged into an earlier alias of the same organization)\nthe schema is up to date\n`,
        err: '',
      });

      const undone = await admin.post('/admin/merges/1/undo', {});
      assert.deepEqual([undone.status, undone.location], [303, `/admin/persons/${navy}?unmerged=1`]);
      assert.deepEqual(await db.selectFrom('person').select(['id', 'name', 'name_key']).orderBy('id').execute(), [
        { id: navy, name: 'Captain John Smith', name_key: 'john smith' },
        { id: oceanic, name: 'Captain John Smith', name_key: 'john smith' },
      ]);
      assert.deepEqual(
        (await db.selectFrom('person_alias').select(['person_id', 'name', 'name_key', 'source']).orderBy('person_id').execute()).map((a: any) => ({ ...a, person_id: Number(a.person_id) })),
        [
          { person_id: navy, name: 'Captain John Smith', name_key: 'john smith', source: 'name' },
          { person_id: oceanic, name: 'Captain John Smith', name_key: 'john smith', source: 'name' },
        ],
      );

      // The Navy's page again: its John Smith is found (by name and organization), nobody new.
      const again = runPlenary(['import', NAVY, ...STORE('navy-2025')], fresh.url);
      // (The appearance is updated: the older Plenary had printed 'Captain' into the name, not as the honorific.)
      assert.deepEqual(again, {
        code: 0,
        out: [
          'series navy: existing',
          'event navy-2025: updated (draft, 2025-03-03 to 2025-03-03)',
          'days: 1',
          'sessions: 0 created, 1 updated, 0 removed',
          'appearances: 0 created, 1 updated, 0 removed',
          'persons: 0 created, 1 matched',
          'organizations: 0 created, 1 matched',
          'not published: stored in the working copy (publish with: plenary publish --event navy-2025)',
          '',
        ].join('\n'),
        err: '',
      });
      assert.deepEqual((await db.selectFrom('person').select('id').orderBy('id').execute()).map((r: { id: number }) => Number(r.id)), [navy, oceanic]);
      const navyEvent = await db.selectFrom('appearance as a').innerJoin('session as s', 's.id', 'a.session_id').innerJoin('event as e', 'e.id', 's.event_id').select(['e.slug', 'a.person_id']).orderBy('e.slug').execute();
      assert.deepEqual(navyEvent.map((r: any) => [r.slug, Number(r.person_id)]), [['navy-2025', navy], ['ocean-2025', oceanic]]);
    });
  });
}
