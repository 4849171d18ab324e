import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { InvalidInput } from '../src/domain/errors.ts';
import { importAgenda } from '../src/operations/import-agenda.ts';
import { importDemo } from '../src/operations/demo.ts';
import { migrate } from '../src/storage/migrate.ts';
import { eventAgenda, personBySlug } from '../src/storage/queries.ts';
import { openStorage } from '../src/storage/storage.ts';
import { write } from '../src/storage/write.ts';
import { ENGINES, migratedStorage } from './engines.ts';
import { agenda, person, session, TARGET } from './factories.ts';

async function counts(db: Awaited<ReturnType<typeof migratedStorage>>['storage']['db']) {
  const n = async (table: 'series' | 'event' | 'day' | 'session' | 'person' | 'organization' | 'appearance' | 'material') =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return {
    series: await n('series'),
    events: await n('event'),
    days: await n('day'),
    sessions: await n('session'),
    persons: await n('person'),
    organizations: await n('organization'),
    appearances: await n('appearance'),
    materials: await n('material'),
  };
}

for (const engine of ENGINES) {
  describe(`storage on ${engine}`, () => {
    test('migrations run once and a second run applies nothing', async () => {
      const t = await migratedStorage(engine);
      try {
        assert.deepEqual(await migrate(t.storage), []);
        assert.deepEqual(await counts(t.storage.db), { series: 0, events: 0, days: 0, sessions: 0, persons: 0, organizations: 0, appearances: 0, materials: 0 });
      } finally {
        await t.cleanup();
      }
    });

    test('the demo event stores 2 days, 10 sessions, 37 appearances and 35 persons', async () => {
      const t = await migratedStorage(engine);
      try {
        const r = await importDemo(t.storage);
        assert.equal(r.event.created, true);
        assert.deepEqual(r.sessions, { created: 10, updated: 0, removed: 0 });
        assert.deepEqual(r.appearances, { created: 37, updated: 0, removed: 0 });
        assert.deepEqual(r.persons, { created: 35, matched: 0 });
        const c = await counts(t.storage.db);
        assert.equal(c.days, 2);
        assert.equal(c.sessions, 10);
        assert.equal(c.appearances, 37);
        assert.equal(c.persons, 35);
        const event = await t.storage.db.selectFrom('event').selectAll().executeTakeFirstOrThrow();
        assert.deepEqual(
          [event.slug, event.start_date, event.end_date, event.time_zone, event.venue, event.status],
          ['idm-2017-new-york', '2017-04-18', '2017-04-19', 'America/New_York', 'United Nations Headquarters', 'published'],
        );
        const swing = await personBySlug(t.storage.db, 'william-lacy-swing');
        assert.ok(swing);
        assert.deepEqual(
          swing.appearances.map((a) => [a.date, a.session.start, a.role, a.roleLabel]).sort(),
          [['2017-04-18', '10:00', 'speaker', null], ['2017-04-18', '11:30', 'moderator', null]].sort(),
        );
        assert.deepEqual(swing.appearances.find((a) => a.role === 'speaker')?.materials.map((m) => [m.kind, m.label]), [['opening-remarks', 'Opening remarks']]);
        const thompson = await personBySlug(t.storage.db, 'laura-thompson');
        assert.equal(thompson?.appearances.length, 2);
      } finally {
        await t.cleanup();
      }
    });

    test('importing the same agenda again updates in place and duplicates nothing', async () => {
      const t = await migratedStorage(engine);
      try {
        await importDemo(t.storage);
        const before = await counts(t.storage.db);
        const sessionIds = (await t.storage.db.selectFrom('session').select('id').orderBy('id').execute()).map((r) => r.id);
        const r = await importDemo(t.storage);
        assert.equal(r.event.created, false);
        assert.deepEqual(r.sessions, { created: 0, updated: 10, removed: 0 });
        assert.deepEqual(r.appearances, { created: 0, updated: 37, removed: 0 });
        assert.deepEqual(r.persons, { created: 0, matched: 35 });
        assert.deepEqual(await counts(t.storage.db), before);
        assert.deepEqual((await t.storage.db.selectFrom('session').select('id').orderBy('id').execute()).map((r) => r.id), sessionIds);
      } finally {
        await t.cleanup();
      }
    });

    test('a person keeps one identity across events, matched by normalised name', async () => {
      const t = await migratedStorage(engine);
      try {
        // Both published: a person's page lists only published appearances.
        await importAgenda(t.storage, agenda([{ date: '2020-01-10', sessions: [session({ speakers: [person('José Müller', { honorific: 'Dr.' })] })] }]), TARGET, { publish: true });
        const r = await importAgenda(
          t.storage,
          agenda([{ date: '2021-02-11', sessions: [session({ moderators: [person('JOSE  MULLER')] })] }]),
          { series: { slug: 'test-series' }, event: { slug: 'second', title: 'Second', timeZone: 'Asia/Bangkok' } },
          { publish: true },
        );
        assert.deepEqual(r.persons, { created: 0, matched: 1 });
        const rows = await t.storage.db.selectFrom('person').select(['slug', 'name', 'honorific']).execute();
        assert.deepEqual(rows, [{ slug: 'jose-muller', name: 'José Müller', honorific: 'Dr.' }]);
        const found = await personBySlug(t.storage.db, 'jose-muller');
        assert.deepEqual(found?.appearances.map((a) => [a.event.slug, a.role]), [['second', 'moderator'], ['test-event', 'speaker']]);
      } finally {
        await t.cleanup();
      }
    });

    test('government bodies with the same name in two countries are two organizations', async () => {
      const t = await migratedStorage(engine);
      try {
        const mfa = (name: string, country: string, code: string) =>
          person(name, { position: 'Director', organization: 'Ministry of Foreign Affairs', country, countryCode: code });
        await importAgenda(t.storage, agenda([{ date: '2020-01-10', sessions: [session({ speakers: [mfa('A B', 'Italy', 'IT'), mfa('C D', 'Egypt', 'EG'), mfa('E F', 'Italy', 'IT')] })] }]), TARGET);
        const orgs = await t.storage.db.selectFrom('organization').select(['slug', 'name', 'kind', 'country_code']).orderBy('slug').execute();
        assert.deepEqual(orgs, [
          { slug: 'ministry-of-foreign-affairs-eg', name: 'Ministry of Foreign Affairs', kind: 'member-state', country_code: 'EG' },
          { slug: 'ministry-of-foreign-affairs-it', name: 'Ministry of Foreign Affairs', kind: 'member-state', country_code: 'IT' },
        ]);
      } finally {
        await t.cleanup();
      }
    });

    test('a re-import keeps a file or link already attached to a material', async () => {
      const t = await migratedStorage(engine);
      try {
        const a = agenda([{ date: '2020-01-10', sessions: [session({ speakers: [person('Ana Lee', { materials: [{ kind: 'statement', label: 'Statement' }] })] })] }]);
        await importAgenda(t.storage, a, TARGET);
        await write(t.storage, (trx) => trx.updateTable('material').set({ url: 'https://example.org/s.pdf' }).execute());
        const changed = agenda([{ date: '2020-01-10', sessions: [session({ speakers: [person('Ana Lee', { materials: [] })] })] }]);
        await importAgenda(t.storage, changed, TARGET);
        const mats = await t.storage.db.selectFrom('material').select(['kind', 'label', 'url']).execute();
        assert.deepEqual(mats, [{ kind: 'statement', label: 'Statement', url: 'https://example.org/s.pdf' }]);
      } finally {
        await t.cleanup();
      }
    });

    test('a shorter agenda removes the sessions and appearances it no longer lists', async () => {
      const t = await migratedStorage(engine);
      try {
        // Both published: the public agenda shows the shorter one once it is published.
        await importAgenda(t.storage, agenda([{ date: '2020-01-10', sessions: [session({ speakers: [person('A B'), person('C D')] }), session({ start: '12:00', end: null })] }, { date: '2020-01-11', sessions: [session()] }]), TARGET, { publish: true });
        const r = await importAgenda(t.storage, agenda([{ date: '2020-01-10', sessions: [session({ speakers: [person('C D')] })] }]), TARGET, { publish: true });
        assert.deepEqual(r.sessions, { created: 0, updated: 1, removed: 2 });
        assert.deepEqual(r.appearances, { created: 0, updated: 1, removed: 1 });
        const event = await t.storage.db.selectFrom('event').select(['id', 'start_date', 'end_date']).executeTakeFirstOrThrow();
        assert.deepEqual([event.start_date, event.end_date], ['2020-01-10', '2020-01-10']);
        const view = await eventAgenda(t.storage.db, event.id);
        assert.deepEqual(view.days.map((d) => [d.date, d.sessions.map((s) => s.appearances.map((x) => x.person.name))]), [['2020-01-10', [['C D']]]]);
      } finally {
        await t.cleanup();
      }
    });

    test('bad input is refused with a clear message and stores nothing', async () => {
      const t = await migratedStorage(engine);
      try {
        const good = agenda([{ date: '2020-01-10', sessions: [session({ speakers: [person('A B')] })] }]);
        await assert.rejects(importAgenda(t.storage, good, { ...TARGET, event: { ...TARGET.event, timeZone: 'Mars/Olympus' } }), {
          name: 'InvalidInput',
          message: 'import target: event.timeZone: must be an IANA time zone such as Europe/Zurich or America/New_York',
        });
        await assert.rejects(importAgenda(t.storage, agenda([]), TARGET), InvalidInput);
        await assert.rejects(importAgenda(t.storage, agenda([{ date: null, sessions: [session()] }]), TARGET), {
          message: 'day 1 ("") has no date and no start date was given (--start-date)',
        });
        await assert.rejects(importAgenda(t.storage, good, { series: { slug: 'new-series' }, event: TARGET.event }), {
          message: 'series "new-series" does not exist yet: give its title (--series-title)',
        });
        assert.deepEqual(await counts(t.storage.db), { series: 0, events: 0, days: 0, sessions: 0, persons: 0, organizations: 0, appearances: 0, materials: 0 });
      } finally {
        await t.cleanup();
      }
    });

    test('a failure inside an import rolls back everything it wrote', async () => {
      const t = await migratedStorage(engine);
      try {
        await importAgenda(t.storage, agenda([{ date: '2020-01-10', sessions: [session({ speakers: [person('A B')] })] }]), TARGET);
        const before = await counts(t.storage.db);
        const generation = t.storage.generation.current();
        // The same date twice is only detected after the series has been renamed.
        const twice = agenda([{ date: '2020-01-10', sessions: [session()] }, { date: '2020-01-10', sessions: [session()] }]);
        await assert.rejects(importAgenda(t.storage, twice, { ...TARGET, series: { slug: 'test-series', title: 'Renamed' } }), {
          message: 'two days of the agenda fall on 2020-01-10',
        });
        assert.deepEqual(await counts(t.storage.db), before);
        assert.equal((await t.storage.db.selectFrom('series').select('title').executeTakeFirstOrThrow()).title, 'Test series');
        assert.equal(t.storage.generation.current(), generation);
      } finally {
        await t.cleanup();
      }
    });

    test('every write moves the cache generation, and another instance on the same database sees it', async () => {
      const t = await migratedStorage(engine);
      const other = await openStorage(t.url, { pollMs: 100 });
      try {
        await other.generation.start();
        const g0 = t.storage.generation.current();
        assert.equal(other.generation.current(), g0);
        await importAgenda(t.storage, agenda([{ date: '2020-01-10', sessions: [session()] }]), TARGET);
        assert.equal(t.storage.generation.current(), g0 + 1);
        // PostgreSQL delivers the change by NOTIFY; wait for it without assuming how long it takes.
        for (let i = 0; i < 100 && other.generation.current() !== g0 + 1; i++) await new Promise((r) => setTimeout(r, 20));
        assert.equal(other.generation.current(), g0 + 1);
      } finally {
        await other.close();
        await t.cleanup();
      }
    });
  });
}

for (const engine of ENGINES) {
  test(`on ${engine}, a doubtful match is a warning, never a merge`, async () => {
    const t = await migratedStorage(engine);
    try {
      const iom = (name: string, org: string) => person(name, { position: 'Director General', organization: org });
      await importAgenda(t.storage, agenda([{ date: '2020-01-10', sessions: [session({ speakers: [iom('William Lacy Swing', 'International Organization for Migration')] })] }]), TARGET);
      const r = await importAgenda(
        t.storage,
        agenda([{ date: '2021-01-10', sessions: [session({ speakers: [iom('W. L. Swing', 'IOM'), iom('Mary Swing', 'International Organization for Migration')] })] }]),
        { series: { slug: 'test-series' }, event: { slug: 'second', title: 'Second', timeZone: 'Europe/Zurich' } },
      );
      assert.deepEqual(r.doubtful.map(String), [
        '"IOM" may be the same organization as "International Organization for Migration" (/organizations/international-organization-for-migration): one is the acronym of the other; stored as a new organization, not merged',
        '"W. L. Swing" may be the same person as "William Lacy Swing" (/people/william-lacy-swing): initials that fit; stored as a new person, not merged',
      ]);
      assert.deepEqual(r.warnings.map(String), []);
      assert.deepEqual(r.persons, { created: 2, matched: 0 });
      assert.deepEqual(r.organizations, { created: 1, matched: 1 });
    } finally {
      await t.cleanup();
    }
  });
}

for (const engine of ENGINES) {
  test(`on ${engine}, imports from several processes at once all land, and a shared person is created once`, async () => {
    const { spawn } = await import('node:child_process');
    const t = await migratedStorage(engine);
    try {
      const script = `
        import { openStorage } from './src/storage/storage.ts';
        import { importAgenda } from './src/operations/import-agenda.ts';
        import { agenda, person, session } from './test/factories.ts';
        const n = process.argv[1];
        const s = await openStorage(process.env.TEST_DB_URL);
        await s.generation.start();
        await importAgenda(s, agenda([{ date: '2020-01-10', sessions: [session({ speakers: [person('P ' + n), person('Shared Person')] })] }]),
          { series: { slug: 's' + n, title: 'S' }, event: { slug: 'e' + n, title: 'E', timeZone: 'Europe/Zurich' } });
        await s.close();`;
      const runs = [1, 2, 3, 4, 5, 6].map(
        (n) =>
          new Promise<{ code: number | null; err: string }>((resolve) => {
            const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, String(n)], {
              cwd: new URL('..', import.meta.url),
              env: { ...process.env, TEST_DB_URL: t.url },
            });
            let err = '';
            child.stderr.on('data', (c: Buffer) => (err += c.toString()));
            child.on('exit', (code) => resolve({ code, err }));
          }),
      );
      assert.deepEqual(await Promise.all(runs), Array.from({ length: 6 }, () => ({ code: 0, err: '' })));
      assert.equal((await counts(t.storage.db)).events, 6);
      assert.deepEqual(await t.storage.db.selectFrom('person').select('name').where('name', '=', 'Shared Person').execute(), [{ name: 'Shared Person' }]);
    } finally {
      await t.cleanup();
    }
  });
}

for (const engine of ENGINES) {
  test(`on ${engine}, a session moved on the page keeps its row, and a file or link of a dropped speaker is kept with the event`, async () => {
    const t = await migratedStorage(engine);
    try {
      const panel = (speakers: ReturnType<typeof person>[]) => session({ start: '10:00', end: '11:00', number: 1, title: 'Panel one', speakers });
      const closing = session({ start: '12:00', end: '12:30', kind: 'closing', title: 'Closing', speakers: [person('C D')] });
      const withStatement = person('A B', { materials: [{ kind: 'statement', label: 'Statement' }] });
      await importAgenda(t.storage, agenda([{ date: '2020-01-10', sessions: [panel([withStatement, person('E F')]), closing] }]), TARGET);
      const before = await t.storage.db.selectFrom('session').select(['id', 'title']).orderBy('position').execute();
      await write(t.storage, (trx) => trx.updateTable('material').set({ url: 'https://example.org/a-b.pdf' }).execute());

      // A break is added at the top and A B no longer speaks.
      const coffee = session({ start: '09:30', end: '10:00', kind: 'break', title: 'Coffee' });
      const r = await importAgenda(t.storage, agenda([{ date: '2020-01-10', sessions: [coffee, panel([person('E F')]), closing] }]), TARGET);
      const after = await t.storage.db.selectFrom('session').select(['id', 'title', 'position']).orderBy('position').execute();
      assert.deepEqual(after.slice(1).map((x) => [x.id, x.title]), before.map((x) => [x.id, x.title]));
      assert.deepEqual(after.map((x) => x.position), [0, 1, 2]);
      assert.deepEqual(r.sessions, { created: 1, updated: 2, removed: 0 });
      assert.deepEqual(r.warnings.map(String), ['"Statement" of A B is no longer on the agenda; kept among the event\'s documents']);
      const mats = await t.storage.db.selectFrom('material').select(['label', 'url', 'appearance_id']).execute();
      assert.deepEqual(mats, [{ label: 'Statement', url: 'https://example.org/a-b.pdf', appearance_id: null }]);
    } finally {
      await t.cleanup();
    }
  });
}
