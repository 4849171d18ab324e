// Restore of a backup taken before later migrations (loaded at its own schema version, then
// migrated), and the longest line an archive may hold, through the command.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { type Kysely, sql } from 'kysely';
import { encodeLine, sha256 } from '../src/operations/archive-codec.ts';
import { FORMAT, FORMAT_VERSION, type Manifest, MAX_LINE_BYTES } from '../src/operations/archive-format.ts';
import { writeArchive } from '../src/operations/archive-stream.ts';
import { createBackup } from '../src/operations/backup.ts';
import { restoreBackup } from '../src/operations/restore.ts';
import { importAgenda } from '../src/operations/import-agenda.ts';
import { appliedMigrations, MIGRATIONS, migrate, migrateWithin, migrationNames } from '../src/storage/migrate.ts';
import type { TableShape } from '../src/storage/queries/archive.ts';
import { openStorage, type Engine, type Storage } from '../src/storage/storage.ts';
import { ENGINES, freshDatabase, migratedStorage } from './engines.ts';
import { agenda, person, session } from './factories.ts';
import { runPlenary } from './plenary-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'plenary-restore-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const FIRST = '0001-initial';
const T = '2017-03-01T12:00:00.000Z';
// Three chunks once migration 0005 cuts it (256 KiB, 256 KiB, 3000 bytes).
const FILE_BYTES = Buffer.from(Array.from({ length: 2 * 256 * 1024 + 3000 }, (_, i) => (i * 13 + 5 + (i >> 12)) % 256));

/** The tables and columns of schema 0001-initial, as its migration made them, in foreign-key order. */
const SCHEMA_0001: Record<string, string[]> = {
  series: ['id', 'slug', 'title', 'lang', 'description', 'created_at', 'updated_at'],
  event: ['id', 'series_id', 'slug', 'title', 'lang', 'start_date', 'end_date', 'venue', 'city', 'country_code', 'time_zone', 'overview', 'themes', 'contact_email', 'status', 'created_at', 'updated_at'],
  day: ['id', 'event_id', 'position', 'date', 'label'],
  session: ['id', 'event_id', 'day_id', 'position', 'kind', 'number', 'title', 'lang', 'start_time', 'end_time'],
  person: ['id', 'slug', 'name', 'name_key', 'honorific', 'created_at', 'updated_at'],
  organization: ['id', 'slug', 'name', 'name_key', 'kind', 'country_code', 'created_at', 'updated_at'],
  appearance: ['id', 'session_id', 'person_id', 'role', 'role_label', 'position', 'honorific', 'affiliation_position', 'organization_id', 'country', 'country_code', 'talk_title', 'lang'],
  file: ['id', 'sha256', 'media_type', 'size', 'original_name', 'data', 'created_at'],
  material: ['id', 'event_id', 'appearance_id', 'kind', 'label', 'lang', 'position', 'url', 'file_id', 'created_at'],
  translation: ['entity', 'entity_id', 'field', 'lang', 'value'],
  site_state: ['key', 'value'],
};
const KEY: Record<string, string> = { translation: 'entity_id', site_state: 'key' };

/** A database migrated only to 0001-initial, with rows in every table written in that schema's columns. */
async function databaseAt0001(engine: Engine): Promise<{ storage: Storage; drop(): Promise<void> }> {
  const fresh = await freshDatabase(engine);
  const storage = await openStorage(fresh.url);
  const db = storage.db as unknown as Kysely<any>;
  await db.transaction().execute(async (trx) => {
    assert.deepEqual(await migrateWithin(trx, engine, { to: FIRST }), [FIRST]);
    await trx.insertInto('series').values({ id: 3, slug: 'idm', title: 'International Dialogue on Migration', lang: 'en', description: null, created_at: T, updated_at: T }).execute();
    await trx
      .insertInto('event')
      .values({
        id: 5, series_id: 3, slug: 'idm-2017-new-york', title: 'IDM 2017 New York', lang: 'en', start_date: '2017-04-18', end_date: '2017-04-19', venue: 'UN Headquarters', city: 'New York',
        country_code: 'US', time_zone: 'America/New_York', overview: 'Understanding migration.', themes: '["Migration and health","Remittances"]', contact_email: 'idm@example.org',
        status: 'published', created_at: T, updated_at: T,
      })
      .execute();
    await trx.insertInto('day').values({ id: 7, event_id: 5, position: 0, date: '2017-04-18', label: 'Tuesday, 18 April' }).execute();
    await trx.insertInto('session').values({ id: 11, event_id: 5, day_id: 7, position: 0, kind: 'panel', number: 1, title: 'Migration and health', lang: 'en', start_time: '10:00', end_time: '11:30' }).execute();
    await trx.insertInto('person').values({ id: 13, slug: 'laura-thompson', name: 'Laura Thompson', name_key: 'laura thompson', honorific: 'Ms.', created_at: T, updated_at: T }).execute();
    await trx.insertInto('organization').values({ id: 17, slug: 'iom', name: 'International Organization for Migration', name_key: 'international organization for migration', kind: 'igo', country_code: null, created_at: T, updated_at: T }).execute();
    await trx
      .insertInto('appearance')
      .values({ id: 19, session_id: 11, person_id: 13, role: 'moderator', role_label: 'Chair', position: 0, honorific: 'Ms.', affiliation_position: 'Deputy Director General', organization_id: 17, country: null, country_code: null, talk_title: null, lang: 'en' })
      .execute();
    await trx.insertInto('file').values({ id: '0b7a3c4e-1111-5222-8333-444455556666', sha256: sha256(FILE_BYTES), media_type: 'application/pdf', size: FILE_BYTES.length, original_name: 'Statement.pdf', data: FILE_BYTES, created_at: T }).execute();
    await trx
      .insertInto('material')
      .values([
        { id: 23, event_id: 5, appearance_id: 19, kind: 'statement', label: 'Statement', lang: 'en', position: 0, url: null, file_id: '0b7a3c4e-1111-5222-8333-444455556666', created_at: T },
        { id: 29, event_id: 5, appearance_id: null, kind: 'video', label: 'Webcast', lang: 'en', position: 1, url: 'https://webtv.un.org/idm-2017', file_id: null, created_at: T },
      ])
      .execute();
    await trx.insertInto('translation').values({ entity: 'event', entity_id: 5, field: 'title', lang: 'fr', value: 'DIM 2017 New York' }).execute();
    await trx.updateTable('site_state').set({ value: 42 }).where('key', '=', 'generation').execute();
  });
  return { storage, drop: async () => { await storage.close(); await fresh.drop(); } };
}

/** Every 0001-initial column of every table, in key order. */
async function rowsOf0001(storage: Storage): Promise<Record<string, unknown[]>> {
  const db = storage.db as unknown as Kysely<any>;
  const out: Record<string, unknown[]> = {};
  // From migration 0005 on, a file's bytes are its chunks in order.
  const chunked = (await appliedMigrations(db, storage.engine)).includes('0005-file-chunks');
  for (const [table, columns] of Object.entries(SCHEMA_0001)) {
    // site_state: the rows of 0001 (the generation); a restore's rebuild records the search documents' rules beside it.
    const rows = (await db.selectFrom(table).select(chunked && table === 'file' ? columns.filter((c) => c !== 'data') : columns).orderBy(KEY[table] ?? 'id').execute()).filter((r) => table !== 'site_state' || r.key !== 'search_doc_rules');
    if (chunked && table === 'file') {
      for (const r of rows) {
        const chunks = await db.selectFrom('file_chunk').select(['n', 'data']).where('file_id', '=', r.id).orderBy('n').execute();
        assert.deepEqual(chunks.map((c) => Number(c.n)), [0, 1, 2]);
        r.data = Buffer.concat(chunks.map((c) => Buffer.from(c.data)));
      }
    }
    out[table] = rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v instanceof Uint8Array ? Buffer.from(v).toString('hex') : typeof v === 'bigint' ? Number(v) : v])));
  }
  return out;
}

const engines: Engine[] = [...new Set<Engine>(['sqlite', ...ENGINES])];
const pairs = engines.flatMap((from) => engines.map((to) => [from, to] as const));

describe('a backup taken at schema 0001-initial restores into this Plenary', () => {
  for (const [from, to] of pairs) {
    test(`${from} → ${to}: loaded at 0001-initial, then every later migration applied; rows, ids, bytes and the generation kept`, async () => {
      const source = await databaseAt0001(from);
      const target = await freshDatabase(to);
      const storage = await openStorage(target.url);
      try {
        const backup = await createBackup(source.storage);
        assert.equal(backup.manifest.schemaVersion, FIRST);
        assert.deepEqual(backup.manifest.migrations, [FIRST]);
        assert.deepEqual(Object.fromEntries(backup.manifest.tables.map((t) => [t.name, t.columns])), SCHEMA_0001);

        const report = await restoreBackup(storage, backup.bytes, 'idm-0001.tar.gz');
        assert.deepEqual(report.migrated, migrationNames().slice(1));
        assert.deepEqual(await appliedMigrations(storage.db, to), migrationNames());
        assert.deepEqual(await rowsOf0001(storage), await rowsOf0001(source.storage));
        const generation = await storage.db.selectFrom('site_state').select('value').where('key', '=', 'generation').executeTakeFirstOrThrow();
        assert.equal(Number(generation.value), 42);
        // Migration 0009 made the event, published before releases existed, release 1 as it stood,
        // dated by its last change, with the same rows in the published copies.
        const releases = await storage.db.selectFrom('release').select(['event_id', 'number', 'note', 'account_id', 'created_at', 'changes']).execute();
        assert.deepEqual(releases, [{ event_id: 5, number: 1, note: null, account_id: null, created_at: T, changes: null }]);
        for (const [table, ids] of [['pub_event', [5]], ['pub_day', [7]], ['pub_session', [11]], ['pub_appearance', [19]], ['pub_material', [23, 29]]] as const) {
          assert.deepEqual((await storage.db.selectFrom(table).select('id').orderBy('id').execute()).map((r) => Number(r.id)), ids, table);
        }
        const pubSession = await storage.db.selectFrom('pub_session').selectAll().executeTakeFirstOrThrow();
        const session = await storage.db.selectFrom('session').selectAll().executeTakeFirstOrThrow();
        assert.deepEqual(pubSession, session);
        // Migration 0012 gave every person and organization its own name as an alias, and the kind is a guess.
        const persons = await storage.db.selectFrom('person').select(['id', 'name', 'name_key']).orderBy('id').execute();
        assert.deepEqual(
          (await storage.db.selectFrom('person_alias').select(['person_id', 'name', 'name_key', 'source']).orderBy('id').execute()).map((a) => ({ ...a, person_id: Number(a.person_id) })),
          persons.map((p) => ({ person_id: Number(p.id), name: p.name, name_key: p.name_key, source: 'name' })),
        );
        const orgs = await storage.db.selectFrom('organization').select(['id', 'name', 'name_key', 'kind_confirmed']).orderBy('id').execute();
        assert.deepEqual(
          (await storage.db.selectFrom('organization_alias').select(['organization_id', 'name', 'name_key', 'source']).orderBy('id').execute()).map((a) => ({ ...a, organization_id: Number(a.organization_id) })),
          orgs.map((o) => ({ organization_id: Number(o.id), name: o.name, name_key: o.name_key, source: 'name' })),
        );
        assert.ok(orgs.length > 0 && orgs.every((o) => Number(o.kind_confirmed) === 0));

        // The restored database is a current one: it backs up at the latest schema, and new rows get fresh ids.
        const again = await createBackup(storage);
        assert.equal(again.manifest.schemaVersion, migrationNames().at(-1));
        const id = (await storage.db.insertInto('person').values({ slug: 'new', name: 'New Person', name_key: 'new person', honorific: null, created_at: T, updated_at: T } as never).returning('id').executeTakeFirstOrThrow()).id;
        assert.equal(id, 14);
      } finally {
        await storage.close();
        await target.drop();
        await source.drop();
      }
    });
  }

  for (const engine of ENGINES) {
    test(`${engine}: into a database already at 0001-initial it loads and migrates the rest; into one migrated past it, refused with what to do`, async () => {
      const source = await databaseAt0001('sqlite');
      const atFirst = await freshDatabase(engine);
      const first = await openStorage(atFirst.url);
      const latest = await migratedStorage(engine);
      try {
        const { bytes } = await createBackup(source.storage);
        await first.db.transaction().execute((trx) => migrateWithin(trx as unknown as Kysely<any>, engine, { to: FIRST }));
        assert.deepEqual((await restoreBackup(first, bytes, 'idm-0001.tar.gz')).migrated, migrationNames().slice(1));
        assert.deepEqual(await rowsOf0001(first), await rowsOf0001(source.storage));

        if (migrationNames().length > 1) {
          await assert.rejects(restoreBackup(latest.storage, bytes, 'idm-0001.tar.gz'), {
            message: `idm-0001.tar.gz has schema version ${FIRST}, and this database was already migrated to ${migrationNames().at(-1)}: restore an older backup into a new database, which restore migrates itself (do not run "plenary migrate" or "plenary serve" on it first)`,
          });
          assert.deepEqual(await appliedMigrations(latest.storage.db, engine), migrationNames());
          assert.equal((await latest.storage.db.selectFrom('series').selectAll().execute()).length, 0);
        }
      } finally {
        await first.close();
        await atFirst.drop();
        await latest.cleanup();
        await source.drop();
      }
    });
  }
});

const plenary = (args: string[], db: string) => runPlenary(args, `sqlite:${join(dir, db)}`);

describe('plenary restore', () => {
  test('a 0001-initial backup file restores into a new database and says which migrations followed; migrate then has nothing to do', async () => {
    const source = await databaseAt0001('sqlite');
    try {
      const { bytes, manifest } = await createBackup(source.storage);
      const file = join(dir, 'idm-0001.tar.gz');
      writeFileSync(file, bytes);
      const total = manifest.tables.reduce((n, t) => n + t.rows, 0);
      const r = plenary(['restore', file], 'from-0001.db');
      assert.equal(r.err, '');
      assert.equal(r.code, 0);
      const later = migrationNames().slice(1);
      assert.equal(
        r.out,
        [
          `restored ${file} (schema ${FIRST}, written ${manifest.createdAt} on sqlite, ${manifest.tables.length} tables, ${total} rows)`,
          ...manifest.tables.map((t) => `${t.name}: ${t.rows}`),
          ...(later.length ? [`then applied: ${later.join(', ')}`] : []),
          '',
        ].join('\n'),
      );
      assert.deepEqual(plenary(['migrate'], 'from-0001.db'), { code: 0, out: 'the schema is up to date\n', err: '' });
    } finally {
      await source.drop();
    }
  });

  test('backup refuses to write a row longer than restore reads, naming it', () => {
    const shape: TableShape = { name: 'translation', key: ['entity'], columns: { entity: 'text', value: 'text' } };
    assert.equal(encodeLine(shape, { entity: 'event', value: 'x'.repeat(50) }, 0, 100), `{"entity":"event","value":"${'x'.repeat(50)}"}\n`);
    assert.throws(() => encodeLine(shape, { entity: 'event', value: 'x'.repeat(100) }, 6, 100), {
      message: 'translation row 7 takes 129 bytes in a backup, more than the 100 a backup line may hold: refusing to write a backup that restore would refuse',
    });
  });

  test('a line just over the longest a backup writes is refused with a message, read as a stream (no 171 MB string)', async () => {
    // One file row whose data runs one byte past the limit, written a megabyte at a time.
    const head = Buffer.from('{"id":"x","sha256":"0","media_type":"application/pdf","size":1,"original_name":null,"data":"');
    const body = MAX_LINE_BYTES + 1 - head.length;
    const chunk = Buffer.alloc(1024 * 1024, 'A');
    const lineChunks = function* () {
      yield head;
      for (let left = body; left > 0; left -= chunk.length) yield left >= chunk.length ? chunk : chunk.subarray(0, left);
      yield Buffer.from('\n');
    };
    const hash = createHash('sha256');
    for (const c of lineChunks()) hash.update(c);
    const size = head.length + body + 1;
    const empty = sha256(Buffer.alloc(0));
    const tables = Object.entries(SCHEMA_0001).map(([name, columns]) => ({
      name, entry: `tables/${name}.ndjson`, columns, rows: name === 'file' ? 1 : 0, bytes: name === 'file' ? size : 0, sha256: name === 'file' ? hash.digest('hex') : empty,
    }));
    const manifest: Manifest = { format: FORMAT, formatVersion: FORMAT_VERSION, schemaVersion: FIRST, migrations: [FIRST], engine: 'sqlite', createdAt: T, tables };
    const manifestBytes = Buffer.from(JSON.stringify(manifest));
    const file = join(dir, 'long-line.tar.gz');
    const out = createWriteStream(file);
    await writeArchive(out, new Date(T), [
      { name: 'manifest.json', size: manifestBytes.length, chunks: async function* () { yield manifestBytes; } },
      ...tables.map((t) => ({ name: t.entry, size: t.bytes, chunks: async function* () { if (t.name === 'file') yield* lineChunks(); } })),
    ]);
    assert.ok(statSync(file).size < 1024 * 1024, 'the archive itself is small: its line is one repeated byte');
    const r = plenary(['restore', file], 'long-line.db');
    assert.deepEqual(r, {
      code: 1,
      out: '',
      err: `plenary: ${file}: table file row 1 is longer than ${MAX_LINE_BYTES} bytes, the most a backup line holds (a stored file of the largest size, in base64): it was not written by Plenary, or is damaged\n`,
    });
  });
});

// Migrations that landed in either order (storage/migrate.ts independentOf: 0021 of 0020). A database
// migrated by a Plenary that had 0021 before 0020 landed records 0021 without 0020; migrate accepts it
// and applies 0020 then, and so does restore with a backup of it: loaded at exactly its own migrations,
// then 0020 applied. A gap no migration declared is refused, as migrate refuses it.
const M0019 = '0019-public-counts';
const M0020 = '0020-appearance-page-indexes';
const M0021 = '0021-material-version-languages';

/** A database migrated by this Plenary's migrations but `omit`, with an event imported and published. */
async function databaseWithout(engine: Engine, omit: string[]): Promise<{ storage: Storage; drop(): Promise<void> }> {
  const fresh = await freshDatabase(engine);
  const storage = await openStorage(fresh.url);
  const migrations = Object.fromEntries(Object.entries(MIGRATIONS).filter(([name]) => !omit.includes(name)));
  await migrate(storage, { migrations });
  await storage.generation.start();
  await importAgenda(
    storage,
    agenda([{ date: '2025-05-06', sessions: [session({ title: 'Labour mobility', speakers: [person('Amina Diallo', { organization: 'Ministry of Labour', countryCode: 'SN', country: 'Senegal' }), person('Henrik Olsen', { organization: 'Statistics Norway' })] })] }]),
    { series: { slug: 'idm', title: 'International Dialogue on Migration' }, event: { slug: 'idm-2025', title: 'IDM 2025', timeZone: 'Europe/Zurich' } },
    { publish: true },
  );
  return { storage, drop: async () => { await storage.close(); await fresh.drop(); } };
}

async function indexNames(storage: Storage): Promise<string[]> {
  const r =
    storage.engine === 'postgres'
      ? await sql<{ name: string }>`SELECT indexname AS name FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'pub_appearance' ORDER BY 1`.execute(storage.db)
      : await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'pub_appearance' AND sql IS NOT NULL ORDER BY 1`.execute(storage.db);
  return r.rows.map((x) => x.name).filter((n) => n.includes('country') || n.includes('organization'));
}

const PAGE_INDEXES = ['pub_appearance_country_page_idx', 'pub_appearance_organization_page_idx'];

for (const engine of ENGINES) {
  describe(`plenary restore of a backup whose migrations have a gap that independentOf allows, on ${engine}`, () => {
    const url = async (t: { after(fn: () => Promise<void>): void }) => {
      const target = await freshDatabase(engine);
      t.after(() => target.drop());
      return target.url;
    };

    test(`a backup recording ${M0021} without ${M0020} restores at its own migrations, then ${M0020} is applied; every table as backed up`, async (t) => {
      for (const [omit, then] of [[[M0020], [M0020]], [[M0020, M0021], [M0020, M0021]]] as const) {
        const source = await databaseWithout(engine, [...omit]);
        t.after(() => source.drop());
        const { bytes, manifest } = await createBackup(source.storage);
        assert.deepEqual(manifest.migrations, migrationNames().filter((n) => !(omit as readonly string[]).includes(n)));
        assert.equal(manifest.schemaVersion, omit.length === 1 ? M0021 : M0019);
        const file = join(dir, `gap-${engine}-${omit.length}.tar.gz`);
        writeFileSync(file, bytes);
        const db = await url(t);
        const total = manifest.tables.reduce((n, x) => n + x.rows, 0);
        assert.deepEqual(runPlenary(['restore', file], db), {
          code: 0,
          out: [
            `restored ${file} (schema ${manifest.schemaVersion}, written ${manifest.createdAt} on ${engine}, ${manifest.tables.length} tables, ${total} rows)`,
            ...manifest.tables.map((x) => `${x.name}: ${x.rows}`),
            `then applied: ${then.join(', ')}`,
            '',
          ].join('\n'),
          err: '',
        });
        assert.deepEqual(runPlenary(['migrate'], db), { code: 0, out: 'the schema is up to date\n', err: '' });
        const restored = await openStorage(db);
        try {
          assert.deepEqual(await appliedMigrations(restored.db, engine), migrationNames());
          assert.deepEqual(await indexNames(restored), PAGE_INDEXES);
          // Every table as the source held it (0020 adds indexes only); site_state's generation moved on.
          const again = await createBackup(restored);
          const entries = (m: Manifest) => Object.fromEntries(m.tables.filter((x) => x.name !== 'site_state').map((x) => [x.name, [x.rows, x.sha256]]));
          assert.deepEqual(entries(again.manifest), entries(manifest));
          assert.ok(manifest.tables.find((x) => x.name === 'pub_appearance')!.rows === 2);
        } finally {
          await restored.close();
        }
      }
    });

    test('a gap no later migration declared is refused, naming the migrations; a database already migrated by the one the backup lacks is refused, and one at the backup\'s own migrations takes it', async (t) => {
      // 0021 is independent of 0020 only: a backup lacking 0019 too was not written by this Plenary's migrations.
      const bad = await databaseWithout(engine, [M0019, M0020]);
      t.after(() => bad.drop());
      const badFile = join(dir, `bad-gap-${engine}.tar.gz`);
      writeFileSync(badFile, (await createBackup(bad.storage)).bytes);
      const recorded = migrationNames().filter((n) => n !== M0019 && n !== M0020);
      assert.deepEqual(runPlenary(['restore', badFile], await url(t)), {
        code: 1,
        out: '',
        err: `plenary: ${badFile} records the migrations ${recorded.join(', ')}; schema ${M0021} is reached by ${migrationNames().join(', ')}\n`,
      });

      const good = await databaseWithout(engine, [M0020]);
      t.after(() => good.drop());
      const file = join(dir, `gap-into-${engine}.tar.gz`);
      writeFileSync(file, (await createBackup(good.storage)).bytes);
      // An empty database that 0020 was applied to (and not 0021): it cannot take rows written without 0020.
      for (const [omit, code] of [[[M0021], 1], [[M0020], 0]] as const) {
        const db = await url(t);
        const target = await openStorage(db);
        try {
          await migrate(target, { migrations: Object.fromEntries(Object.entries(MIGRATIONS).filter(([name]) => !(omit as readonly string[]).includes(name))) });
        } finally {
          await target.close();
        }
        const r = runPlenary(['restore', file], db);
        if (code === 1) {
          assert.deepEqual(r, {
            code: 1,
            out: '',
            err: `plenary: ${file} has schema version ${M0021}, and this database was already migrated by ${M0020}, which ${file} lacks: restore it into a new database, which restore migrates itself (do not run "plenary migrate" or "plenary serve" on it first)\n`,
          });
        } else {
          assert.equal(r.err, '');
          assert.equal(r.code, 0);
          assert.ok(r.out.endsWith(`\nthen applied: ${M0020}\n`), r.out);
        }
        const check = await openStorage(db);
        try {
          assert.deepEqual(await appliedMigrations(check.db, engine), code === 1 ? migrationNames().filter((n) => n !== M0021) : migrationNames());
          assert.equal((await check.db.selectFrom('series').selectAll().execute()).length, code === 1 ? 0 : 1);
        } finally {
          await check.close();
        }
      }
    });
  });
}
