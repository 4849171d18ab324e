// `plenary demo-archive` (issue 12, scale) through the command line on a real database, the public
// pages over what it stores, and the paged public pages (?page=N) through the running server.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { planArchive, planTotals, statementText, storeArchive } from '../src/operations/demo-archive.ts';
import { openStorage, type Storage } from '../src/storage/storage.ts';
import { startServer } from '../src/web/server.ts';
import { ENGINES, freshDatabase, migratedStorage } from './engines.ts';
import { runPlenary } from './plenary-cli.ts';

const THREE = [
  'demo-archive: seed 1: 3 events in 3 series (2006–2025), 3 days, 22 sessions, 52 appearances, 26 statements',
  'demo-archive: 21 persons and 24 organizations named; stored anew 21 persons and 24 organizations; 3 releases published',
];

/** What a database holds, without timestamps or generated ids: the same seed must give the same. */
async function contents(storage: Storage) {
  const db = storage.db;
  return {
    series: await db.selectFrom('series').select(['slug', 'title', 'lang']).orderBy('slug').execute(),
    events: await db.selectFrom('event').select(['slug', 'title', 'start_date', 'end_date', 'time_zone', 'city', 'country_code', 'status']).orderBy('slug').execute(),
    persons: await db.selectFrom('person').select(['slug', 'name', 'honorific']).orderBy('slug').execute(),
    organizations: await db.selectFrom('organization').select(['slug', 'name', 'kind', 'country_code']).orderBy('slug').execute(),
    appearances: (await db.selectFrom('pub_appearance').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n,
  };
}

async function opened(url: string): Promise<Storage> {
  const storage = await openStorage(url, { pollMs: 200 });
  await storage.generation.start();
  return storage;
}

const get = async (url: string) => {
  const r = await fetch(url, { redirect: 'manual' });
  return { status: r.status, html: await r.text() };
};

/** The links of a list page's items, in page order. */
const listed = (html: string, prefix: string) => [...html.matchAll(new RegExp(`<li><bdi><a href="(${prefix}[^"]+)"(?: lang="[a-z]+")?>`, 'g'))].map((m) => m[1]!);

test('statement texts: 300 to 1,500 words, the same for the same seed and key, in the language asked', () => {
  for (const lang of ['en', 'fr', 'es'] as const) {
    for (let i = 0; i < 40; i++) {
      const text = statementText(7, `e/${i}`, lang);
      const words = text.split(/\s+/).filter(Boolean).length;
      assert.ok(words >= 300 && words <= 1500, `${lang} ${i}: ${words} words`);
      assert.equal(statementText(7, `e/${i}`, lang), text);
    }
  }
  assert.notEqual(statementText(7, 'e/1', 'en'), statementText(8, 'e/1', 'en'));
  assert.match(statementText(1, 'a', 'fr'), /^(Excellences|Mesdames|Madame)/);
  assert.match(statementText(1, 'a', 'es'), /^(Excelencias|Distinguidos|Señora)/);
});

test('small archives are planned for every seed: a long programme with few people does not hang', () => {
  // `--events 4 --seed 3` drew forever: 24 people, each at most twice in an event, could not fill it.
  for (const events of [1, 2, 3, 4, 5, 8]) {
    for (const seed of [1, 2, 3, 4, 5]) {
      const plan = planArchive(events, seed);
      assert.equal(plan.events.length, events);
      assert.deepEqual(planTotals(plan), planTotals(planArchive(events, seed)));
      for (const e of plan.events) {
        const names = e.agenda.days.flatMap((d) => d.sessions.flatMap((s) => [...s.moderators, ...s.speakers].map((p) => p.name)));
        for (const d of e.agenda.days) for (const s of d.sessions) {
          const inSession = [...s.moderators, ...s.speakers].map((p) => p.name);
          assert.equal(new Set(inSession).size, inSession.length, `${e.target.event.slug}: nobody twice in one session`);
        }
        assert.ok(names.length > 0, `${e.target.event.slug} has people`);
      }
    }
  }
});

test('the plan: twenty years, names in many scripts, every person one name', () => {
  const plan = planArchive(200, 3);
  assert.deepEqual(planTotals(plan), planTotals(planArchive(200, 3)));
  const years = new Set(plan.events.map((e) => e.year));
  assert.equal(Math.min(...years), 2006);
  assert.equal(Math.max(...years), 2025);
  const names = plan.events.flatMap((e) => e.agenda.days.flatMap((d) => d.sessions.flatMap((s) => [...s.moderators, ...s.speakers].map((p) => p.name))));
  for (const script of [/\p{Script=Arabic}/u, /\p{Script=Han}/u, /\p{Script=Cyrillic}/u, /\p{Script=Devanagari}/u, /\p{Script=Greek}/u, /\p{Script=Hangul}/u, /[À-ž]/u]) {
    assert.ok(names.some((n) => script.test(n)), `a name in ${script}`);
  }
  assert.deepEqual(new Set(plan.events.map((e) => e.target.event.lang)), new Set(['en', 'fr', 'es']));
});

for (const engine of ENGINES) {
  describe(`demo-archive on ${engine}`, () => {
    test('plenary demo-archive --events 3 --seed 1: exact counts, the same twice, aliases, public pages', async () => {
      const a = await freshDatabase(engine);
      const b = await freshDatabase(engine);
      try {
        const first = runPlenary(['demo-archive', '--events', '3', '--seed', '1'], a.url, { env: { PLENARY_DEMO: 'off' } });
        assert.equal(first.code, 0, first.err);
        const lines = first.out.trim().split('\n');
        assert.deepEqual(lines.slice(0, 2), THREE);
        assert.match(lines[2]!, /^demo-archive: took \d+\.\d s, \d+\.\d events\/s, \d+ appearances\/s$/);
        // Not a terminal: plain progress lines on stderr.
        assert.deepEqual(first.err.trim().split('\n').map((l) => l.replace(/, [\d.]+ events\/s$/, '')), ['demo-archive: 1/3 events (33%)', 'demo-archive: 2/3 events (66%)', 'demo-archive: 3/3 events (100%)']);

        const second = runPlenary(['demo-archive', '--events', '3', '--seed', '1'], b.url, { env: { PLENARY_DEMO: 'off' } });
        assert.equal(second.code, 0, second.err);
        assert.deepEqual(second.out.trim().split('\n').slice(0, 2), THREE);

        const sa = await opened(a.url);
        const sb = await opened(b.url);
        try {
          const ca = await contents(sa);
          assert.deepEqual(ca, await contents(sb));
          assert.equal(ca.events.length, 3);
          assert.equal(ca.series.length, 3);
          assert.equal(ca.persons.length, 21);
          assert.equal(ca.organizations.length, 24);
          assert.equal(Number(ca.appearances), 52);
          assert.deepEqual(
            ca.events.map((e) => [e.slug, e.status]),
            [
              ['drmc-2012-nairobi', 'published'],
              ['fimd-2019-bangkok', 'published'],
              ['gdwg-2006-bangkok', 'published'],
            ],
          );
          const statements = await sa.db.selectFrom('pub_material').where('kind', '=', 'statement').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
          assert.equal(Number(statements.n), 26);
          // Every person and organization is known by its own name (migration 0012's aliases), as imports leave them.
          const personAliases = await sa.db.selectFrom('person as p').innerJoin('person_alias as a', 'a.person_id', 'p.id').whereRef('a.name', '=', 'p.name').where('a.source', '=', 'name').select((eb) => eb.fn.count('p.id').distinct().as('n')).executeTakeFirstOrThrow();
          assert.equal(Number(personAliases.n), 21);
          const orgAliases = await sa.db.selectFrom('organization as o').innerJoin('organization_alias as a', 'a.organization_id', 'o.id').whereRef('a.name', '=', 'o.name').where('a.source', '=', 'name').select((eb) => eb.fn.count('o.id').distinct().as('n')).executeTakeFirstOrThrow();
          assert.equal(Number(orgAliases.n), 24);
          // Each event is one release, with one import entry in the audit log.
          assert.equal((await sa.db.selectFrom('release').select('id').execute()).length, 3);
          assert.equal((await sa.db.selectFrom('audit_entry').where('action', '=', 'import').select('id').execute()).length, 3);

          // The public pages answer and show the events.
          const server = await startServer(sa, { port: 0, host: '127.0.0.1' });
          try {
            const base = `http://127.0.0.1:${server.port}`;
            const home = await get(`${base}/`);
            assert.equal(home.status, 200);
            const events = await sa.db.selectFrom('event').select(['slug', 'title']).orderBy('slug').execute();
            for (const e of events) {
              assert.ok(home.html.includes(`href="/events/${e.slug}"`), e.slug);
              const page = await get(`${base}/events/${e.slug}`);
              assert.equal(page.status, 200);
              assert.ok(page.html.includes('Statement') || page.html.includes('Declaración') || page.html.includes('Déclaration'));
            }
            for (const path of ['/people', '/organizations', '/countries', '/events', '/series']) assert.equal((await get(`${base}${path}`)).status, 200, path);
            const people = listed((await get(`${base}/people`)).html, '/people/');
            assert.equal(people.length, 21);
            for (const href of people) assert.equal((await get(`${base}${href}`)).status, 200, href);
          } finally {
            await server.close();
          }
        } finally {
          await sa.close();
          await sb.close();
        }

        // Again on the same database: the imports find everything as it is.
        const again = runPlenary(['demo-archive', '--events', '3', '--seed', '1'], a.url, { env: { PLENARY_DEMO: 'off' } });
        assert.equal(again.code, 0, again.err);
        assert.equal(again.out.split('\n')[1], 'demo-archive: 21 persons and 24 organizations named; stored anew 0 persons and 0 organizations; 0 releases published');
      } finally {
        await a.drop();
        await b.drop();
      }
    });

    test('demo-archive refuses a missing or bad --events', () => {
      for (const [args, message] of [
        [[], '--events N is missing'],
        [['--events', '0'], '--events must be a whole number from 1'],
        [['--events', 'x'], '--events must be a whole number from 1'],
        [['--events', '2', '--seed', '1.5'], '--seed must be a whole number'],
      ] as const) {
        const r = runPlenary(['demo-archive', ...args], 'sqlite:/nonexistent/never-opened.db');
        assert.equal(r.code, 1);
        assert.ok(r.err.startsWith(`plenary: ${message}\n`), r.err);
      }
    });

    test('paged public pages: page 1 and 2 exactly, rel=next/prev, past the end 404, bad numbers 400', async () => {
      const t = await migratedStorage(engine);
      try {
        await storeArchive(t.storage, planArchive(44, 1));
        const server = await startServer(t.storage, { port: 0, host: '127.0.0.1' });
        try {
          const base = `http://127.0.0.1:${server.port}`;
          // The people who appear, by the key of their name (bytes, then id): the order of /people and the API.
          const all = (await t.storage.db.selectFrom('person').select(['id', 'slug', 'name_key']).execute()).sort(
            (x, y) => Buffer.compare(Buffer.from(x.name_key), Buffer.from(y.name_key)) || x.id - y.id,
          );
          assert.equal(all.length, 262);
          const one = await get(`${base}/people`);
          assert.equal(one.status, 200);
          assert.deepEqual(listed(one.html, '/people/'), all.slice(0, 100).map((p) => `/people/${p.slug}`));
          assert.match(one.html, /<title>[^<]*People, page 1 of 3[^<]*<\/title>/);
          assert.ok(one.html.includes('<nav class="pager" aria-label="Pages"><ul><li aria-current="page">Page 1 of 3</li><li><a href="/people?page=2" rel="next">Next page</a></li></ul></nav>'));
          assert.ok(!one.html.includes('rel="prev"'));
          const two = await get(`${base}/people?page=2`);
          assert.equal(two.status, 200);
          assert.deepEqual(listed(two.html, '/people/'), all.slice(100, 200).map((p) => `/people/${p.slug}`));
          assert.ok(
            two.html.includes(
              '<nav class="pager" aria-label="Pages"><ul><li><a href="/people" rel="prev">Previous page</a></li><li aria-current="page">Page 2 of 3</li><li><a href="/people?page=3" rel="next">Next page</a></li></ul></nav>',
            ),
          );
          const three = await get(`${base}/people?page=3`);
          assert.deepEqual(listed(three.html, '/people/'), all.slice(200).map((p) => `/people/${p.slug}`));
          assert.ok(three.html.includes('<li><a href="/people?page=2" rel="prev">Previous page</a></li><li aria-current="page">Page 3 of 3</li></ul></nav>'));
          // ?page=1 is the first page; other parameters are ignored.
          assert.equal((await get(`${base}/people?page=1`)).html, one.html);
          assert.equal((await get(`${base}/people?page=2&perPage=5&x=1`)).html, two.html);
          // Past the end: not found. Not a page number: 400, saying what a page number is.
          for (const path of ['/people?page=4', '/events?page=2', '/countries?page=9', `/people/${all[0]!.slug}?page=2`]) assert.equal((await get(`${base}${path}`)).status, 404, path);
          for (const bad of ['0', '-1', 'x', '1.5', '', '1e2', '%201']) {
            const r = await get(`${base}/people?page=${bad}`);
            assert.equal(r.status, 400, bad);
            assert.ok(r.html.includes('<h1>No such page number</h1>'), bad);
            assert.ok(r.html.includes('The page number in this address must be a whole number from 1.'));
          }
          // Short lists have no pager; the events list shows all 44, newest first.
          const events = await get(`${base}/events`);
          assert.ok(!events.html.includes('class="pager"'));
          const slugs = (await t.storage.db.selectFrom('event').select(['id', 'slug', 'start_date']).execute()).sort((x, y) => y.start_date.localeCompare(x.start_date) || y.id - x.id);
          assert.deepEqual(listed(events.html, '/events/'), slugs.map((e) => `/events/${e.slug}`));
          // The home page lists each series' latest five and links to the rest.
          const home = await get(`${base}/`);
          assert.ok(home.html.includes('<a href="/events">All events, newest first</a>'));
          assert.match(home.html, /<a href="\/series\/[a-z-]+">All 6 events of this series<\/a>/);
          // A person's calendar holds the sessions of their latest 10 events.
          const busiest = await t.storage.db
            .selectFrom('pub_appearance as a')
            .innerJoin('pub_session as s', 's.id', 'a.session_id')
            .innerJoin('person as p', 'p.id', 'a.person_id')
            .select(['p.id', 'p.slug', (eb) => eb.fn.count('s.event_id').distinct().as('events')])
            .groupBy(['p.id', 'p.slug'])
            .orderBy('events', 'desc')
            .orderBy('p.id')
            .executeTakeFirstOrThrow();
          assert.ok(Number(busiest.events) > 10, `${busiest.slug} is in ${busiest.events} events`);
          const theirs = await t.storage.db
            .selectFrom('pub_appearance as a')
            .innerJoin('pub_session as s', 's.id', 'a.session_id')
            .innerJoin('pub_event as e', 'e.id', 's.event_id')
            .select(['s.uuid', 'e.slug', 'e.start_date'])
            .where('a.person_id', '=', busiest.id)
            .execute();
          const latest = [...new Map(theirs.map((r) => [r.slug, r.start_date]))].sort((x, y) => y[1].localeCompare(x[1]) || y[0].localeCompare(x[0])).slice(0, 10).map(([slug]) => slug);
          const ics = (await get(`${base}/people/${busiest.slug}/calendar.ics`)).html;
          const uids = [...ics.matchAll(/^UID:([0-9a-f-]+)@/gm)].map((m) => m[1]!).sort();
          assert.deepEqual(uids, theirs.filter((r) => latest.includes(r.slug)).map((r) => r.uuid).sort());

          // A page is kept under its path and page alone.
          assert.ok(server.cache.holds('/people?page=2'));
          assert.ok(server.cache.holds('/people'));
        } finally {
          await server.close();
        }
      } finally {
        await t.cleanup();
      }
    });
  });
}
