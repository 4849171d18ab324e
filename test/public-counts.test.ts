// Stored appearance counts (issue 12, migration 0019), on every engine: the counts the public
// lists and pages show follow every write that changes the published copy — publishing, a draft
// edit published later, another event imported with --publish, merging persons and undoing it,
// splitting a person, merging organizations, withdrawing an event — and never a draft. After each
// step the counts shown over HTTP (/people, /organizations, /countries) and read by the pages'
// query functions are asserted exactly, and the stored counts equal a count made from scratch
// over the published appearances. A database migrated to 0018 with published events gets its
// counts when 0019 applies.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sql, type Kysely } from 'kysely';
import { addAccount } from '../src/operations/accounts.ts';
import { createBackup } from '../src/operations/backup.ts';
import { restoreBackup } from '../src/operations/restore.ts';
import { addAppearance } from '../src/operations/edit-agenda.ts';
import { deleteRecord } from '../src/operations/edit-delete.ts';
import { mergeRecords, splitPerson, undoMerge } from '../src/operations/identities.ts';
import { importAgenda } from '../src/operations/import-agenda.ts';
import { publishEvent, withdrawEvent } from '../src/operations/releases.ts';
import type { DbOrTx } from '../src/storage/database.ts';
import { migrate, migrateWithin, migrationNames } from '../src/storage/migrate.ts';
import { countPublicAppearances, countriesIndex, publicAppearances } from '../src/storage/queries.ts';
import { organizationsPage, peoplePage } from '../src/storage/queries/public-lists.ts';
import { openStorage, type Storage } from '../src/storage/storage.ts';
import { startServer } from '../src/web/server.ts';
import { write } from '../src/storage/write.ts';
import { ENGINES, freshDatabase, migratedStorage } from './engines.ts';
import { agenda, person, session } from './factories.ts';
import { http } from './http-client.ts';

const SERIES = { slug: 'idm', title: 'International Dialogue on Migration' };
const target = (slug: string) => ({ series: SERIES, event: { slug, title: slug.toUpperCase(), timeZone: 'Europe/Zurich' } });
const at = (name: string, organization: string, country: string, countryCode: string) => person(name, { position: 'Officer', organization, country, countryCode });
const ana = () => at('Ana Silva', 'IOM', 'Ghana', 'GH');
const aSilva = () => at('A. Silva', 'IOM', 'Ghana', 'GH');
const juan = () => at('Juan Perez', 'UNHCR', 'Kenya', 'KE');

type Counts = { people: Record<string, number>; organizations: Record<string, number>; countries: Record<string, number> };

/** The stored counts, by slug (persons, organizations) and code (countries). */
async function stored(db: DbOrTx): Promise<Counts> {
  const people = await db.selectFrom('public_person_count as c').innerJoin('person as p', 'p.id', 'c.person_id').select(['p.slug as k', 'c.appearances as n']).execute();
  const organizations = await db.selectFrom('public_organization_count as c').innerJoin('organization as o', 'o.id', 'c.organization_id').select(['o.slug as k', 'c.appearances as n']).execute();
  const countries = await db.selectFrom('public_country_count').select(['country_code as k', 'appearances as n']).execute();
  const obj = (rows: Array<{ k: string; n: unknown }>) => Object.fromEntries(rows.map((r) => [r.k, Number(r.n)]).sort((a, b) => String(a[0]).localeCompare(String(b[0]))));
  return { people: obj(people), organizations: obj(organizations), countries: obj(countries) };
}

/** The same counted from scratch: every appearance in the published copy of a published event. */
async function recount(db: DbOrTx): Promise<Counts> {
  const base = () => publicAppearances(db);
  const people = await base().innerJoin('person as p', 'p.id', 'a.person_id').select(['p.slug as k', (eb) => eb.fn.countAll().as('n')]).groupBy('p.slug').execute();
  const organizations = await base().innerJoin('organization as o', 'o.id', 'a.organization_id').select(['o.slug as k', (eb) => eb.fn.countAll().as('n')]).groupBy('o.slug').execute();
  const countries = await base().where('a.country_code', 'is not', null).select(['a.country_code as k', (eb) => eb.fn.countAll().as('n')]).groupBy('a.country_code').execute();
  const obj = (rows: Array<{ k: string | null; n: unknown }>) => Object.fromEntries(rows.map((r) => [r.k!, Number(r.n)]).sort((a, b) => String(a[0]).localeCompare(String(b[0]))));
  return { people: obj(people), organizations: obj(organizations), countries: obj(countries) };
}

/** What a list page shows: each entry's link and its count, "(3 appearances)". */
async function listed(base: string, path: string): Promise<Record<string, number>> {
  const r = await http('GET', `${base}${path}`);
  assert.equal(r.status, 200, `${path}: ${r.status}`);
  const out: Record<string, number> = {};
  for (const m of r.body.matchAll(/<li><bdi><a href="\/(?:people|organizations|countries)\/([^"]+)"[^>]*>[^<]*<\/a><\/bdi><span class="aff">[^(]*\((\d+) appearances?\)<\/span><\/li>/g)) out[m[1]!] = Number(m[2]);
  return Object.fromEntries(Object.entries(out).sort((a, b) => a[0].localeCompare(b[0])));
}

/** The counts as the public sees them: over HTTP, through the pages' query functions, stored, and counted anew. */
async function shown(storage: Storage, base: string): Promise<Counts> {
  const db = storage.db;
  const fromHttp: Counts = { people: await listed(base, '/people'), organizations: await listed(base, '/organizations'), countries: Object.fromEntries(Object.entries(await listed(base, '/countries')).map(([k, n]) => [k.toUpperCase(), n])) };
  const range = { offset: 0, limit: 100 };
  const people = await peoplePage(db, storage.engine, range);
  const organizations = await organizationsPage(db, storage.engine, range);
  const sorted = (rows: Array<[string, number]>) => Object.fromEntries(rows.sort((a, b) => a[0].localeCompare(b[0])));
  const fromQueries: Counts = {
    people: sorted(people.rows.map((r) => [r.slug, r.appearances])),
    organizations: sorted(organizations.rows.map((r) => [r.slug, r.appearances])),
    countries: sorted((await countriesIndex(db)).map((r) => [r.country_code, Number(r.appearances)])),
  };
  assert.equal(people.total, people.rows.length);
  assert.equal(organizations.total, organizations.rows.length);
  assert.deepEqual(fromQueries, fromHttp, 'the query functions and the pages agree');
  // Each person's, organization's and country's own page reads its count alone.
  for (const p of people.rows) assert.equal(await countPublicAppearances(db, { personId: p.id }), p.appearances);
  for (const o of organizations.rows) assert.equal(await countPublicAppearances(db, { organizationId: o.id }), o.appearances);
  for (const [code, n] of Object.entries(fromQueries.countries)) assert.equal(await countPublicAppearances(db, { countryCode: code }), n);
  assert.deepEqual(await stored(db), fromHttp, 'what is stored is what is shown');
  assert.deepEqual(await recount(db), fromHttp, 'the stored counts equal a count from scratch');
  return fromHttp;
}

const status = async (base: string, path: string) => (await http('GET', `${base}${path}`)).status;

for (const engine of ENGINES) {
  describe(`stored appearance counts on ${engine}`, () => {
    test('publishing, draft edits, another import, merges and their undo, a split and a withdrawal change the counts shown exactly; drafts never count', async () => {
      const t = await migratedStorage(engine);
      const server = await startServer(t.storage, { port: 0, host: '127.0.0.1' });
      const base = `http://127.0.0.1:${server.port}`;
      try {
        const { storage } = t;
        const db = storage.db;
        const admin = await addAccount(storage, { email: 'admin@example.org', role: 'admin', series: [], password: 'a long enough password 1' });
        const actor = { accountId: admin.id };
        const none: Counts = { people: {}, organizations: {}, countries: {} };

        // A draft: nobody is public yet.
        await importAgenda(
          storage,
          agenda([{ date: '2019-05-02', sessions: [session({ title: 'Opening', speakers: [ana(), juan()] }), session({ start: '11:00', end: '12:00', title: 'Panel', moderators: [ana()], speakers: [aSilva()] })] }]),
          target('idm-2019'),
        );
        assert.deepEqual(await shown(storage, base), none);
        assert.equal(await status(base, '/people/ana-silva'), 404);

        // Published: Ana Silva twice, A. Silva and Juan Perez once.
        const first = (await db.selectFrom('event').select('id').where('slug', '=', 'idm-2019').executeTakeFirstOrThrow()).id;
        await publishEvent(storage, first);
        assert.deepEqual(await shown(storage, base), { people: { 'a-silva': 1, 'ana-silva': 2, 'juan-perez': 1 }, organizations: { iom: 3, unhcr: 1 }, countries: { GH: 3, KE: 1 } });
        assert.equal(await status(base, '/people/ana-silva'), 200);

        // Draft edits (Juan Perez added to the panel, A. Silva taken off it) change nothing the public sees until published.
        const panel = (await db.selectFrom('session').select('id').where('event_id', '=', first).where('title', '=', 'Panel').executeTakeFirstOrThrow()).id;
        const juanId = (await db.selectFrom('person').select('id').where('slug', '=', 'juan-perez').executeTakeFirstOrThrow()).id;
        await addAppearance(storage, actor, { sessionId: panel, role: 'speaker', personId: juanId });
        const aSilvaAppearance = await db.selectFrom('appearance as a').innerJoin('person as p', 'p.id', 'a.person_id').select(['a.id', 'a.version']).where('p.slug', '=', 'a-silva').executeTakeFirstOrThrow();
        await deleteRecord(storage, actor, 'appearance', aSilvaAppearance.id, aSilvaAppearance.version);
        const afterFirst = { people: { 'a-silva': 1, 'ana-silva': 2, 'juan-perez': 1 }, organizations: { iom: 3, unhcr: 1 }, countries: { GH: 3, KE: 1 } };
        assert.deepEqual(await shown(storage, base), afterFirst);

        // Another event, imported and published in one write.
        await importAgenda(storage, agenda([{ date: '2020-05-02', sessions: [session({ title: 'Closing', moderators: [aSilva()], speakers: [juan(), ana()] })] }]), target('idm-2020'), { publish: true });
        assert.deepEqual(await shown(storage, base), { people: { 'a-silva': 2, 'ana-silva': 3, 'juan-perez': 2 }, organizations: { iom: 5, unhcr: 2 }, countries: { GH: 5, KE: 2 } });

        // The draft edits published: Juan Perez on the panel (no organization or country printed), A. Silva off it.
        await publishEvent(storage, first);
        const published = { people: { 'a-silva': 1, 'ana-silva': 3, 'juan-perez': 3 }, organizations: { iom: 4, unhcr: 2 }, countries: { GH: 4, KE: 2 } };
        assert.deepEqual(await shown(storage, base), published);

        // A. Silva merged into Ana Silva: one person with both counts; the merged address redirects.
        const anaId = (await db.selectFrom('person').select('id').where('slug', '=', 'ana-silva').executeTakeFirstOrThrow()).id;
        const aSilvaId = (await db.selectFrom('person').select('id').where('slug', '=', 'a-silva').executeTakeFirstOrThrow()).id;
        const { mergeId } = await mergeRecords(storage, actor, 'person', anaId, aSilvaId);
        assert.deepEqual(await shown(storage, base), { ...published, people: { 'ana-silva': 4, 'juan-perez': 3 } });
        assert.equal(await status(base, '/people/a-silva'), 301);

        // Undone: exactly as before.
        await undoMerge(storage, actor, mergeId);
        assert.deepEqual(await shown(storage, base), published);

        // Ana Silva split: her 2020 appearance goes to a new person.
        const closing2020 = await db
          .selectFrom('appearance as a')
          .innerJoin('session as s', 's.id', 'a.session_id')
          .select('a.id')
          .where('a.person_id', '=', anaId)
          .where('s.title', '=', 'Closing')
          .executeTakeFirstOrThrow();
        const split = await splitPerson(storage, actor, anaId, [closing2020.id], 'Ana M. Silva');
        assert.deepEqual(await shown(storage, base), { ...published, people: { 'a-silva': 1, 'ana-silva': 2, [split.slug]: 1, 'juan-perez': 3 } });

        // UNHCR merged into IOM: one organization; the countries stay.
        const org = async (slug: string) => (await db.selectFrom('organization').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
        await mergeRecords(storage, actor, 'organization', await org('iom'), await org('unhcr'));
        const merged = { people: { 'a-silva': 1, 'ana-silva': 2, [split.slug]: 1, 'juan-perez': 3 }, organizations: { iom: 6 }, countries: { GH: 4, KE: 2 } };
        assert.deepEqual(await shown(storage, base), merged);

        // 2019 withdrawn: only 2020's appearances count (Juan Perez, Ana M. Silva, A. Silva).
        await withdrawEvent(storage, first, admin.id);
        assert.deepEqual(await shown(storage, base), { people: { 'a-silva': 1, [split.slug]: 1, 'juan-perez': 1 }, organizations: { iom: 3 }, countries: { GH: 2, KE: 1 } });
        assert.equal(await status(base, '/people/ana-silva'), 404);
        assert.equal(await status(base, '/countries/gh'), 200);

        // A write that changes only the working copy (the whole draft's appearances gone) leaves them.
        await write(storage, async (trx) => {
          await trx.deleteFrom('material').where('event_id', '=', first).execute();
          await trx.deleteFrom('appearance').where('session_id', 'in', (eb) => eb.selectFrom('session').select('id').where('event_id', '=', first)).execute();
        });
        assert.deepEqual(await shown(storage, base), { people: { 'a-silva': 1, [split.slug]: 1, 'juan-perez': 1 }, organizations: { iom: 3 }, countries: { GH: 2, KE: 1 } });
      } finally {
        await server.close();
        await t.cleanup();
      }
    });

    test('a database with published events gets its counts when migration 0019 applies', async () => {
      const fresh = await freshDatabase(engine);
      const storage = await openStorage(fresh.url, { pollMs: 200 });
      try {
        await write(storage, async (trx) => void (await migrateWithin(trx as unknown as Kysely<any>, storage.engine, { to: '0018-search-pairs' })), { exclusive: true });
        await storage.generation.start();
        await importAgenda(storage, agenda([{ date: '2019-05-02', sessions: [session({ speakers: [ana(), juan()], moderators: [aSilva()] })] }]), target('idm-2019'), { publish: true });
        await importAgenda(storage, agenda([{ date: '2020-05-02', sessions: [session({ speakers: [ana()] })] }]), target('idm-2020'), { publish: true });
        // A draft that must not count.
        await importAgenda(storage, agenda([{ date: '2021-05-02', sessions: [session({ speakers: [ana(), juan()] })] }]), target('idm-2021'));
        // 0019 and every migration after it (0020 on are later ones, in their order).
        assert.deepEqual(await migrate(storage), migrationNames().filter((n) => n > '0018-search-pairs'));
        assert.equal(migrationNames().filter((n) => n > '0018-search-pairs')[0], '0019-public-counts');
        const expected = { people: { 'a-silva': 1, 'ana-silva': 2, 'juan-perez': 1 }, organizations: { iom: 3, unhcr: 1 }, countries: { GH: 3, KE: 1 } };
        assert.deepEqual(await stored(storage.db), expected);
        assert.deepEqual(await recount(storage.db), expected);
      } finally {
        await storage.close();
        await fresh.drop();
      }
    });

    test('a backup restored into an empty database has the same counts, and its triggers keep them after the next publish', async () => {
      const source = await migratedStorage(engine);
      const fresh = await freshDatabase(engine);
      const storage = await openStorage(fresh.url, { pollMs: 200 });
      try {
        await importAgenda(source.storage, agenda([{ date: '2019-05-02', sessions: [session({ speakers: [ana(), juan()], moderators: [aSilva()] })] }]), target('idm-2019'), { publish: true });
        await importAgenda(source.storage, agenda([{ date: '2021-05-02', sessions: [session({ speakers: [ana(), juan()] })] }]), target('idm-2021'));
        const backup = await createBackup(source.storage);
        await restoreBackup(storage, backup.bytes, 'counts.tar.gz');
        await storage.generation.start();
        const expected = { people: { 'a-silva': 1, 'ana-silva': 1, 'juan-perez': 1 }, organizations: { iom: 2, unhcr: 1 }, countries: { GH: 2, KE: 1 } };
        assert.deepEqual(await stored(storage.db), expected);
        assert.deepEqual(await recount(storage.db), expected);
        if (engine === 'sqlite') {
          const triggers = await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'pub_appearance' AND name LIKE 'pub_appearance_counts_%' ORDER BY name`.execute(storage.db);
          assert.deepEqual(
            triggers.rows.map((r) => r.name),
            ['pub_appearance_counts_country_code', 'pub_appearance_counts_delete', 'pub_appearance_counts_insert', 'pub_appearance_counts_organization_id', 'pub_appearance_counts_person_id'],
          );
        }
        // The restored draft published: its two appearances count.
        const draft = await storage.db.selectFrom('event').select('id').where('slug', '=', 'idm-2021').executeTakeFirstOrThrow();
        await publishEvent(storage, draft.id);
        const after = { people: { 'a-silva': 1, 'ana-silva': 2, 'juan-perez': 2 }, organizations: { iom: 3, unhcr: 2 }, countries: { GH: 3, KE: 2 } };
        assert.deepEqual(await stored(storage.db), after);
        assert.deepEqual(await recount(storage.db), after);
      } finally {
        await storage.close();
        await fresh.drop();
        await source.cleanup();
      }
    });
  });
}
