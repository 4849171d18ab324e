// Slugs in every script (issue 12), on every engine: `plenary import` of names in Arabic, Chinese,
// Cyrillic, Greek, Korean and Latin letters beyond accents gives the exact slugs in the page's
// links; a database made before migration 0013, with slugs the old rule damaged, is re-slugged by
// `plenary migrate` (and by a restore of its backup), and its old addresses answer 301 to the new
// ones, path and query kept, pages, exports, feeds and the API alike; a slug an organizer changes
// in the workspace redirects once published; a new record and an old slug: see each test.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import type { Kysely } from 'kysely';
import { formValues } from '../src/domain/editing.ts';
import { slugify } from '../src/domain/slug.ts';
import { createBackup } from '../src/operations/backup.ts';
import { publishEvent } from '../src/operations/releases.ts';
import { restoreBackup } from '../src/operations/restore.ts';
import { migrateWithin } from '../src/storage/migrate.ts';
import { oldSlugify, slugify0013 } from '../src/storage/migrations/0013-slugs-every-script.ts';
import { openStorage, type Engine, type Storage } from '../src/storage/storage.ts';
import { startServer, type RunningServer } from '../src/web/server.ts';
import { ENGINES, freshDatabase, migratedStorage } from './engines.ts';
import { http, signedIn } from './http-client.ts';
import { runPlenary } from './plenary-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'plenary-slugs-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const PAGE = `Regional Dialogue on Labour Mobility

Agenda

DAY ONE – 4 November 2019

10:00 – 11:30 Panel 1 – Labour mobility
Moderator: محمد عبد الله, Director, Ministry of Labour, Jordan
• 王毅, Counsellor, Ministry of Foreign Affairs, China
• Анна Петрова, Counsellor, Ministry of Foreign Affairs, Russian Federation
• Ingrid Sørensen, Director, Ministry of Labour, Norway
• Lech Wałęsa, Former President, Solidarność Foundation
• Γιώργος Παπανδρέου, Former Prime Minister, Greece
• 문재인, Former President, Republic of Korea

11:30 – 12:00 Coffee break
`;

/** The distinct hrefs under `prefix` in a page, in page order. */
const links = (html: string, prefix: string) => [...new Set([...html.matchAll(new RegExp(`href="(${prefix}[^"]*)"`, 'g'))].map((m) => m[1]!))];

test('the migration keeps a frozen copy of the app rule: both give the same slug for every script', () => {
  const names = ['Ingrid Sørensen', 'Lech Wałęsa', 'محمد عبد الله', '王毅', 'Анна Петрова', 'Γιώργος Παπανδρέου', 'בנימין נתניהו', 'नरेंद्र मोदी', 'ประยุทธ์ จันทร์โอชา', 'やまだ たろう', '岸田文雄', '문재인', 'Straße Æ Đ', 'Nguyễn Thị Minh Khai', '—', 'Ministry of Labour NO'];
  for (const n of names) assert.equal(slugify0013(n), slugify(n), n);
  for (const n of names) assert.equal(slugify0013(n, 7), slugify(n, 7), n);
  // and the old rule as it was
  assert.equal(oldSlugify('Ingrid Sørensen'), 'ingrid-s-rensen');
  assert.equal(oldSlugify('Lech Wałęsa'), 'lech-wa-esa');
  assert.equal(oldSlugify('王毅'), 'item');
});

const T = '2019-10-01T12:00:00.000Z';

/**
 * A database migrated to 0012 only, as the app made it before 0013: slugs by the old rule, a
 * published event, and records whose slugs were chosen by hand.
 */
async function databaseAt0012(engine: Engine): Promise<{ storage: Storage; url: string; drop(): Promise<void> }> {
  const fresh = await freshDatabase(engine);
  const storage = await openStorage(fresh.url, { pollMs: 200 });
  const db = storage.db as unknown as Kysely<any>;
  await db.transaction().execute(async (trx) => {
    await migrateWithin(trx, engine, { to: '0012-identities' });
    await trx.insertInto('series').values({ id: 1, slug: 'rdlm', title: 'Regional Dialogues', lang: 'en', description: null, created_at: T, updated_at: T }).execute();
    // Its slug is the old rule's of its title, which that rule damaged: re-slugged with its published copy.
    const event = { series_id: 1, lang: 'en', start_date: '2019-11-04', end_date: '2019-11-04', venue: null, address: null, city: null, country_code: null, time_zone: 'Europe/Warsaw', overview: null, themes: '[]', contact_email: null, status: 'published', created_at: T, updated_at: T };
    await trx.insertInto('event').values({ id: 2, slug: 'forum-odz-2019', title: 'Forum Łódź 2019', ...event }).execute();
    // A slug chosen by hand (not the old rule's of its title): kept.
    await trx.insertInto('event').values({ id: 3, slug: 'geneva-2019', title: 'Dialogue à Genève', ...event }).execute();
    await trx.insertInto('day').values([{ id: 4, event_id: 2, position: 0, date: '2019-11-04', label: null }, { id: 5, event_id: 3, position: 0, date: '2019-11-04', label: null }]).execute();
    await trx
      .insertInto('session')
      .values([
        { id: 6, event_id: 2, day_id: 4, position: 0, kind: 'panel', number: 1, title: 'Labour mobility', lang: 'en', start_time: '10:00', end_time: '11:30' },
        { id: 7, event_id: 3, day_id: 5, position: 0, kind: 'panel', number: 1, title: 'Health', lang: 'en', start_time: '10:00', end_time: '11:30' },
      ])
      .execute();
    const persons = [
      { id: 10, slug: 'ingrid-s-rensen', name: 'Ingrid Sørensen' },
      { id: 11, slug: 'item', name: '王毅' },
      { id: 12, slug: 'item-2', name: 'Анна Петрова' },
      { id: 13, slug: 'lech-walesa', name: 'Lech Walesa' }, // ASCII: unchanged, and it keeps its slug
      { id: 14, slug: 'lech-wa-esa', name: 'Lech Wałęsa' }, // the new slug is taken: the next free one
      { id: 15, slug: 'tomas-herrera', name: 'Tomás Herrera' }, // accents only: the old rule did it right
    ];
    await trx.insertInto('person').values(persons.map((p) => ({ ...p, name_key: p.name.toLowerCase(), honorific: null, created_at: T, updated_at: T }))).execute();
    const orgs = [
      { id: 20, slug: 'fundacja-wa-esy', name: 'Fundacja Wałęsy', country_code: null, kind: 'civil-society' },
      { id: 21, slug: 'ministry-of-labour-no', name: 'Ministry of Labour', country_code: 'NO', kind: 'member-state' },
      // made from "name country", of which the old rule kept the country alone
      { id: 22, slug: 'ru', name: 'Министерство труда', country_code: 'RU', kind: 'member-state' },
    ];
    await trx.insertInto('organization').values(orgs.map((o) => ({ ...o, name_key: o.name.toLowerCase(), created_at: T, updated_at: T }))).execute();
    const appearance = { role: 'speaker', role_label: null, honorific: null, affiliation_position: null, country: null, country_code: null, talk_title: null, lang: 'en' };
    await trx
      .insertInto('appearance')
      .values([
        { id: 30, session_id: 6, person_id: 10, position: 0, organization_id: 21, ...appearance },
        { id: 31, session_id: 6, person_id: 11, position: 1, organization_id: null, ...appearance },
        { id: 32, session_id: 6, person_id: 12, position: 2, organization_id: 22, ...appearance },
        { id: 33, session_id: 6, person_id: 13, position: 3, organization_id: null, ...appearance },
        { id: 34, session_id: 6, person_id: 14, position: 4, organization_id: 20, ...appearance },
        { id: 35, session_id: 7, person_id: 15, position: 0, organization_id: null, ...appearance },
      ])
      .execute();
    // Both events published as release 1: the published copies hold the same rows.
    for (const table of ['event', 'day', 'session', 'appearance']) await trx.insertInto(`pub_${table}`).values(await trx.selectFrom(table).selectAll().execute()).execute();
    await trx.insertInto('release').values([{ event_id: 2, number: 1, note: null, account_id: null, created_at: T, changes: null }, { event_id: 3, number: 1, note: null, account_id: null, created_at: T, changes: null }]).execute();
  });
  return {
    storage,
    url: fresh.url,
    drop: async () => {
      await storage.close();
      await fresh.drop();
    },
  };
}

/** What migration 0013 must have made of databaseAt0012's rows. */
async function assertResluged(storage: Storage): Promise<void> {
  const db = storage.db;
  assert.deepEqual(
    (await db.selectFrom('person').select(['id', 'slug']).orderBy('id').execute()).map((r) => [Number(r.id), r.slug]),
    [
      [10, 'ingrid-sorensen'],
      [11, 'wang-yi'],
      [12, 'anna-petrova'],
      [13, 'lech-walesa'],
      [14, 'lech-walesa-2'],
      [15, 'tomas-herrera'],
    ],
  );
  assert.deepEqual(
    (await db.selectFrom('organization').select(['id', 'slug']).orderBy('id').execute()).map((r) => [Number(r.id), r.slug]),
    [
      [20, 'fundacja-walesy'],
      [21, 'ministry-of-labour-no'],
      [22, 'ministerstvo-truda-ru'],
    ],
  );
  assert.deepEqual((await db.selectFrom('event').select(['id', 'slug', 'version']).orderBy('id').execute()).map((r) => [Number(r.id), r.slug, Number(r.version)]), [
    [2, 'forum-lodz-2019', 2],
    [3, 'geneva-2019', 1],
  ]);
  assert.deepEqual((await db.selectFrom('pub_event').select(['id', 'slug']).orderBy('id').execute()).map((r) => [Number(r.id), r.slug]), [
    [2, 'forum-lodz-2019'],
    [3, 'geneva-2019'],
  ]);
  assert.deepEqual((await db.selectFrom('series').select('slug').execute()).map((r) => r.slug), ['rdlm']);
  assert.deepEqual(
    (await db.selectFrom('slug_redirect').select(['entity', 'slug', 'target_id']).orderBy('entity').orderBy('slug').execute()).map((r) => [r.entity, r.slug, Number(r.target_id)]),
    [
      ['event', 'forum-odz-2019', 2],
      ['organization', 'fundacja-wa-esy', 20],
      ['organization', 'ru', 22],
      ['person', 'ingrid-s-rensen', 10],
      ['person', 'item', 11],
      ['person', 'item-2', 12],
      ['person', 'lech-wa-esa', 14],
    ],
  );
}

async function serve(storage: Storage): Promise<{ server: RunningServer; base: string }> {
  const server = await startServer(storage, { port: 0, host: '127.0.0.1' });
  return { server, base: `http://127.0.0.1:${server.port}` };
}

for (const engine of ENGINES) {
  describe(`slugs in every script on ${engine}`, () => {
    test('plenary import of names in many scripts: the event page links each person and organization under its exact slug, and each answers', async () => {
      const db = await migratedStorage(engine);
      const { server, base } = await serve(db.storage);
      try {
        const page = join(dir, `page-${engine}.txt`);
        writeFileSync(page, PAGE);
        const r = runPlenary(['import', page, '--series', 'rdlm', '--series-title', 'Regional Dialogues', '--event', 'rdlm-2019', '--title', 'Regional Dialogue 2019', '--time-zone', 'Asia/Amman', '--publish'], db.url);
        assert.equal(r.code, 0, r.err);
        assert.match(r.out, /^persons: 7 created, 0 matched$/m);
        // the command wrote from another process: wait until this server has seen its generation
        const stored = Number((await db.storage.db.selectFrom('site_state').select('value').where('key', '=', 'generation').executeTakeFirstOrThrow()).value);
        for (let i = 0; i < 200 && server.cache.currentGeneration() < stored; i++) await new Promise((res) => setTimeout(res, 50));
        const html = (await http('GET', `${base}/events/rdlm-2019`)).body;
        assert.deepEqual(links(html, '/people/'), [
          '/people/mhmd-bd-llh',
          '/people/wang-yi',
          '/people/anna-petrova',
          '/people/ingrid-sorensen',
          '/people/lech-walesa',
          '/people/giorgos-papandreoy',
          '/people/mun-jae-in',
        ]);
        assert.deepEqual(links(html, '/organizations/'), [
          '/organizations/ministry-of-labour-jo',
          '/organizations/ministry-of-foreign-affairs-cn',
          '/organizations/ministry-of-foreign-affairs-ru',
          '/organizations/ministry-of-labour-no',
          '/organizations/solidarnosc-foundation',
        ]);
        for (const path of [...links(html, '/people/'), ...links(html, '/organizations/')]) assert.equal((await http('GET', base + path)).status, 200, path);
        const wang = await http('GET', `${base}/people/wang-yi`);
        assert.ok(wang.body.includes('王毅'), 'the person page of wang-yi is 王毅’s');
        assert.equal((await http('GET', `${base}/people/item`)).status, 404, 'no person is `item`');
      } finally {
        await server.close();
        await db.cleanup();
      }
    });

    test('a database made before migration 0013: plenary migrate re-slugs what the old rule damaged, and old addresses answer 301 to the new ones', async () => {
      const old = await databaseAt0012(engine);
      try {
        const migrated = runPlenary(['migrate'], old.url);
        assert.equal(migrated.code, 0, migrated.err);
        assert.match(migrated.out, /^applying 0013-slugs-every-script$/m);
        await assertResluged(old.storage);
        await old.storage.generation.start();
        const { server, base } = await serve(old.storage);
        try {
          const ingrid = await http('GET', `${base}/people/ingrid-sorensen`);
          assert.equal(ingrid.status, 200);
          assert.ok(ingrid.body.includes('Ingrid Sørensen'));
          // Every public address under an old slug: 301 to the same address under the new one, query kept.
          const moved: Array<[string, string]> = [
            ['/people/ingrid-s-rensen', '/people/ingrid-sorensen'],
            ['/people/ingrid-s-rensen?lang=fr&x=%C3%B8', '/people/ingrid-sorensen?lang=fr&x=%C3%B8'],
            ['/people/ingrid-s-rensen/calendar.ics', '/people/ingrid-sorensen/calendar.ics'],
            ['/people/item', '/people/wang-yi'],
            ['/people/item-2', '/people/anna-petrova'],
            ['/people/lech-wa-esa', '/people/lech-walesa-2'],
            ['/organizations/fundacja-wa-esy', '/organizations/fundacja-walesy'],
            ['/organizations/ru', '/organizations/ministerstvo-truda-ru'],
            ['/events/forum-odz-2019', '/events/forum-lodz-2019'],
            ['/events/forum-odz-2019/calendar.ics', '/events/forum-lodz-2019/calendar.ics'],
            ['/events/forum-odz-2019/sessions/6/calendar.ics', '/events/forum-lodz-2019/sessions/6/calendar.ics'],
            ['/events/forum-odz-2019/schedule.xml', '/events/forum-lodz-2019/schedule.xml'],
            ['/events/forum-odz-2019/schedule.json', '/events/forum-lodz-2019/schedule.json'],
            ['/events/forum-odz-2019/changes', '/events/forum-lodz-2019/changes'],
            ['/events/forum-odz-2019/changes.atom', '/events/forum-lodz-2019/changes.atom'],
            ['/api/people/ingrid-s-rensen', '/api/people/ingrid-sorensen'],
            ['/api/organizations/fundacja-wa-esy?page=1', '/api/organizations/fundacja-walesy?page=1'],
            ['/api/events/forum-odz-2019', '/api/events/forum-lodz-2019'],
            ['/api/events/forum-odz-2019/releases', '/api/events/forum-lodz-2019/releases'],
          ];
          for (const [from, to] of moved) {
            const r = await http('GET', base + from);
            assert.equal(r.status, 301, from);
            assert.equal(r.location, to, from);
            assert.equal(r.headers['cache-control'], 'no-cache', from);
            assert.equal(r.body, '', from);
            assert.equal((await http('GET', base + to)).status, 200, to);
          }
          assert.equal((await http('HEAD', `${base}/people/ingrid-s-rensen`)).status, 301);
          // Asked again (a cache would answer a second time, if it kept anything): still the redirect, not the page.
          const again = await http('GET', `${base}/people/ingrid-s-rensen`, { 'accept-encoding': 'gzip' });
          assert.deepEqual([again.status, again.location], [301, '/people/ingrid-sorensen']);
          // Slugs nobody had stay 404; a slug chosen by hand stays as it was; the unchanged ones answer.
          for (const path of ['/people/nobody', '/people/ingrid-s-rensen-3', '/events/forum-od-2020', '/api/people/nobody']) assert.equal((await http('GET', base + path)).status, 404, path);
          for (const path of ['/events/geneva-2019', '/people/lech-walesa', '/people/tomas-herrera', '/organizations/ministry-of-labour-no', '/series/rdlm']) assert.equal((await http('GET', base + path)).status, 200, path);
          // A POST under an old slug is not redirected.
          assert.notEqual((await http('POST', `${base}/people/ingrid-s-rensen`)).status, 301);
          // The event page links the people under their new slugs.
          const forum = (await http('GET', `${base}/events/forum-lodz-2019`)).body;
          assert.deepEqual(links(forum, '/people/'), ['/people/ingrid-sorensen', '/people/wang-yi', '/people/anna-petrova', '/people/lech-walesa', '/people/lech-walesa-2']);

          // A new person whose name makes an old slug that still leads elsewhere gets the next free one:
          // the old address keeps its record (`item` is 王毅's old one, `item-2` Анна Петрова's).
          const admin = await signedIn(old.storage, base, { email: 'admin@example.org', role: 'admin' });
          const added = await admin.post('/admin/sessions/6/appearances', { name: 'Item', role: 'speaker' });
          assert.equal(added.status, 303, added.body);
          assert.equal((await old.storage.db.selectFrom('person').select('slug').where('name', '=', 'Item').executeTakeFirstOrThrow()).slug, 'item-3');
          assert.equal((await http('GET', `${base}/people/item`)).location, '/people/wang-yi');
        } finally {
          await server.close();
        }
        // Migrating again changes nothing.
        assert.equal(runPlenary(['migrate'], old.url).code, 0);
        assert.equal((await old.storage.db.selectFrom('slug_redirect').select('slug').execute()).length, 7);
      } finally {
        await old.drop();
      }
    });

    test('a backup taken before migration 0013 restores into this Plenary re-slugged, with the same redirects', async () => {
      const old = await databaseAt0012(engine);
      const target = await freshDatabase(engine);
      const storage = await openStorage(target.url);
      try {
        const backup = await createBackup(old.storage);
        assert.equal(backup.manifest.schemaVersion, '0012-identities');
        const report = await restoreBackup(storage, backup.bytes, 'before-0013.tar.gz');
        assert.ok(report.migrated.includes('0013-slugs-every-script'), JSON.stringify(report.migrated));
        await assertResluged(storage);
      } finally {
        await storage.close();
        await target.drop();
        await old.drop();
      }
    });

    test('an event slug changed in the workspace: the old address answers 301 once the change is published; a new event may take the old slug back', async () => {
      const db = await migratedStorage(engine);
      const { server, base } = await serve(db.storage);
      try {
        const page = join(dir, `page2-${engine}.txt`);
        writeFileSync(page, PAGE);
        const r = runPlenary(['import', page, '--series', 'rdlm', '--series-title', 'Regional Dialogues', '--event', 'rdlm-2019', '--title', 'Regional Dialogue 2019', '--time-zone', 'Asia/Amman', '--publish'], db.url);
        assert.equal(r.code, 0, r.err);
        const stored = Number((await db.storage.db.selectFrom('site_state').select('value').where('key', '=', 'generation').executeTakeFirstOrThrow()).value);
        for (let i = 0; i < 200 && server.cache.currentGeneration() < stored; i++) await new Promise((res) => setTimeout(res, 50));
        const q = db.storage.db;
        const event = await q.selectFrom('event').selectAll().where('slug', '=', 'rdlm-2019').executeTakeFirstOrThrow();
        // The page is cached at its old address.
        assert.equal((await http('GET', `${base}/events/rdlm-2019`)).status, 200);
        assert.equal((await http('GET', `${base}/events/rdlm-2019`)).status, 200);

        const admin = await signedIn(db.storage, base, { email: 'admin@example.org', role: 'admin' });
        const saved = await admin.post(`/admin/events/${event.id}`, { ...formValues('event', event as never), slug: 'amman-2019', version: String(event.version) });
        assert.equal(saved.status, 303, saved.body);
        assert.deepEqual(
          (await q.selectFrom('slug_redirect').select(['entity', 'slug', 'target_id']).execute()).map((x) => [x.entity, x.slug, Number(x.target_id)]),
          [['event', 'rdlm-2019', event.id]],
        );
        // Not published yet: the public still sees the release at its address, and nothing at the new one.
        assert.equal((await http('GET', `${base}/events/rdlm-2019`)).status, 200);
        assert.equal((await http('GET', `${base}/events/amman-2019`)).status, 404);
        await publishEvent(db.storage, event.id);
        for (const [from, to] of [
          ['/events/rdlm-2019', '/events/amman-2019'],
          ['/events/rdlm-2019/calendar.ics?v=2', '/events/amman-2019/calendar.ics?v=2'],
          ['/api/events/rdlm-2019', '/api/events/amman-2019'],
        ]) {
          const moved = await http('GET', base + from!);
          assert.deepEqual([moved.status, moved.location], [301, to], from);
        }
        assert.equal((await http('GET', `${base}/events/amman-2019`)).status, 200);

        // The series' slug too.
        const series = await q.selectFrom('series').selectAll().where('slug', '=', 'rdlm').executeTakeFirstOrThrow();
        const seriesSaved = await admin.post('/admin/series/rdlm/edit', { slug: 'regional', title: series.title, description: '', version: String(series.version) });
        assert.equal(seriesSaved.status, 303, seriesSaved.body);
        assert.deepEqual([(await http('GET', `${base}/series/rdlm`)).status, (await http('GET', `${base}/series/rdlm`)).location], [301, '/series/regional']);
        assert.deepEqual([(await http('GET', `${base}/api/series/rdlm`)).status, (await http('GET', `${base}/api/series/rdlm`)).location], [301, '/api/series/regional']);

        // A new event given the old slug by hand: the live record wins, and the redirect goes.
        const created = await admin.post('/admin/series/regional/events', { ...formValues('event', event as never), slug: 'rdlm-2019', title: 'Another dialogue' });
        assert.equal(created.status, 303, created.body);
        assert.deepEqual((await q.selectFrom('slug_redirect').select(['entity', 'slug']).orderBy('slug').execute()).map((x) => [x.entity, x.slug]), [['series', 'rdlm']]);
        // Until it is published, its address answers nothing (the public sees no draft), and never the other event.
        assert.equal((await http('GET', `${base}/events/rdlm-2019`)).status, 404);
        const other = await q.selectFrom('event').select('id').where('slug', '=', 'rdlm-2019').executeTakeFirstOrThrow();
        assert.notEqual(other.id, event.id);

        // Changing the slug back to one it had: that slug is its own again, the other one redirects.
        const current = await q.selectFrom('series').selectAll().where('id', '=', series.id).executeTakeFirstOrThrow();
        assert.equal((await admin.post('/admin/series/regional/edit', { slug: 'rdlm', title: series.title, description: '', version: String(current.version) })).status, 303);
        assert.deepEqual((await q.selectFrom('slug_redirect').select(['entity', 'slug']).orderBy('slug').execute()).map((x) => [x.entity, x.slug]), [['series', 'regional']]);
        assert.equal((await http('GET', `${base}/series/rdlm`)).status, 200);
        assert.deepEqual([(await http('GET', `${base}/series/regional`)).status, (await http('GET', `${base}/series/regional`)).location], [301, '/series/rdlm']);
      } finally {
        await server.close();
        await db.cleanup();
      }
    });
  });
}
