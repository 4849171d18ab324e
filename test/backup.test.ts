// plenary backup / restore: round trips across engines, refusals of damaged archives, the CLI.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { Writable } from 'node:stream';
import { after, describe, test } from 'node:test';
import { sql } from 'kysely';
import { sha256 } from '../src/operations/archive-codec.ts';
import { TABLES, type Manifest } from '../src/operations/archive-format.ts';
import { packArchive, unpackArchive } from '../src/operations/archive-stream.ts';
import { createBackup, writeBackup } from '../src/operations/backup.ts';
import { importDemo } from '../src/operations/demo.ts';
import { restoreBackup } from '../src/operations/restore.ts';
import { migrate, migrationNames } from '../src/storage/migrate.ts';
import { openStorage, type Engine, type Storage } from '../src/storage/storage.ts';
import { fileChunks, insertFile } from '../src/storage/queries/files.ts';
import { write } from '../src/storage/write.ts';
import { ENGINES, migratedStorage } from './engines.ts';
import { runPlenary } from './plenary-cli.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'plenary-backup-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const FIXED = '2024-05-06T07:08:09.000Z';
const LATEST = migrationNames().at(-1)!;
// Every byte value, so that no encoding step can pass by accident.
const FILE_BYTES = Buffer.from(Array.from({ length: 1024 }, (_, i) => (i * 7) % 256));
// Above PostgreSQL's 65535 bound parameters for one INSERT of this 5-column table.
const BULK = 14000;
// The demo event's rows; its agenda lists 26 materials, and seed() adds one with a stored file;
// the import's own entry in the audit log. The demo is published as it is imported: release 1,
// its copies of the days, sessions, appearances and the agenda's 26 materials (seed() adds the
// stored file's material to the working copy only), and the publication's audit entry.
const DEMO_ROWS = { series: 1, event: 1, day: 2, session: 10, person: 35, organization: 24, appearance: 37, file: 2, file_chunk: 2, file_variant: 0, material: 27, account: 1, account_series: 1, api_token: 1, release: 1, pub_event: 1, pub_day: 2, pub_session: 10, pub_appearance: 37, pub_material: 26, audit_entry: 2, person_alias: 35, organization_alias: 24, slug_redirect: 0, identity_merge: 0, speaker_link: 1, speaker_submission: 1, publication: 0, publication_edition: 0 };

/** The demo event, two stored files (ids that sort differently by bytes and by locale), a material using one, translations. */
async function seed(storage: Storage, bulk = 0): Promise<void> {
  await importDemo(storage);
  await write(storage, async (trx) => {
    const event = await trx.selectFrom('event').select('id').executeTakeFirstOrThrow();
    for (const [id, data] of [['f-a', FILE_BYTES], ['f-B', Buffer.from('%PDF-1.4 tiny\n')]] as const) {
      await insertFile(trx, { id, sha256: sha256(data), mediaType: 'application/pdf', originalName: id === 'f-a' ? 'Déclaration finale.pdf' : null, createdAt: FIXED }, data);
    }
    await trx.insertInto('material').values({ event_id: event.id, appearance_id: null, kind: 'other', label: 'Photos', lang: 'en', position: 1, url: null, file_id: 'f-a', created_at: FIXED }).execute();
    const translations = [{ entity: 'event', entity_id: event.id, field: 'title', lang: 'fr', value: 'Dialogue international sur la migration — « atelier »' }];
    for (let i = 1; i <= bulk; i++) translations.push({ entity: 'person', entity_id: i, field: 'name', lang: 'es', value: `Nombre ${i}` });
    for (let i = 0; i < translations.length; i += 1000) await trx.insertInto('translation').values(translations.slice(i, i + 1000)).execute();
    // Pinned times make the archive's bytes depend on nothing but this seed.
    for (const table of ['series', 'event', 'person', 'organization'] as const) await trx.updateTable(table).set({ created_at: FIXED, updated_at: FIXED }).execute();
    await trx.updateTable('material').set({ created_at: FIXED }).execute();
    // An editor of the demo's series, signed in: the account and its grant are kept, the session is not.
    const series = await trx.selectFrom('series').select('id').executeTakeFirstOrThrow();
    const hash = `scrypt$32768$8$1$${Buffer.alloc(16, 1).toString('base64url')}$${Buffer.alloc(32, 2).toString('base64url')}`;
    const account = await trx
      .insertInto('account')
      .values({ email: 'editor@example.org', password_hash: hash, role: 'editor', disabled_at: null, password_changed_at: FIXED, created_at: FIXED })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.insertInto('account_series').values({ account_id: account.id, series_id: series.id }).execute();
    await trx.insertInto('auth_session').values({ id: 'a'.repeat(64), account_id: account.id, csrf_token: 'token', created_at: FIXED, last_seen_at: FIXED, expires_at: FIXED }).execute();
    // An agenda it uploaded and has not confirmed: working data, left out like the session.
    await trx
      .insertInto('import_draft')
      .values({ id: 'c'.repeat(24), account_id: account.id, series_id: series.id, event_id: null, source_name: 'agenda.txt', format: 'text', target: '{}', agenda: '{}', warnings: '[]', created_at: FIXED, expires_at: FIXED })
      .execute();
    // A speaker's link (only its hash is stored) and the correction sent through it are kept too.
    const appearance = await trx.selectFrom('appearance').select('id').orderBy('id').executeTakeFirstOrThrow();
    const link = await trx
      .insertInto('speaker_link')
      .values({ appearance_id: appearance.id, token_hash: 'd'.repeat(64), expires_at: FIXED, created_by: account.id, created_at: FIXED, revoked_at: null, used_at: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('speaker_submission')
      .values({ link_id: link.id, kind: 'correction', payload: JSON.stringify({ proposed: { affiliation_position: 'Minister' }, was: { affiliation_position: '' } }), file_id: null, lang: null, status: 'pending', decided_by: null, decided_at: null, created_at: FIXED })
      .execute();
    // Its API token (only the hash is stored) is kept like the account.
    await trx.insertInto('api_token').values({ id: 'b'.repeat(64), prefix: 'abcd1234', account_id: account.id, label: 'sync', created_at: FIXED, last_used_at: null, revoked_at: null }).execute();
  });
}

/** A stored file's bytes, its chunks in order. */
async function bytesOfFile(storage: Storage, id: string): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const c of fileChunks(storage.db, id)) parts.push(c);
  return Buffer.concat(parts);
}

async function rowCounts(storage: Storage): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of TABLES) out[t.name] = Number((await storage.db.selectFrom(t.name).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return out;
}

const generation = async (storage: Storage) => Number((await storage.db.selectFrom('site_state').select('value').where('key', '=', 'generation').executeTakeFirstOrThrow()).value);

async function openArchive(bytes: Buffer) {
  const entries = await unpackArchive(bytes, 'test');
  return { entries, manifest: JSON.parse(entries.get('manifest.json')!.toString()) as Manifest };
}

/** The archive with some entries changed, packed again. */
async function repack(bytes: Buffer, change: (entries: Map<string, Buffer>, manifest: Manifest) => void): Promise<Buffer> {
  const { entries, manifest } = await openArchive(bytes);
  change(entries, manifest);
  if (entries.has('manifest.json')) entries.set('manifest.json', Buffer.from(JSON.stringify(manifest)));
  return packArchive([...entries], new Date(FIXED));
}

/** A changed table entry whose manifest row still vouches for it. */
function replaceEntry(entries: Map<string, Buffer>, manifest: Manifest, table: string, edit: (text: string) => string): void {
  const t = manifest.tables.find((x) => x.name === table)!;
  const bytes = Buffer.from(edit(entries.get(t.entry)!.toString()));
  entries.set(t.entry, bytes);
  t.bytes = bytes.length;
  t.sha256 = sha256(bytes);
}

// sqlite → sqlite always; with PostgreSQL among ENGINES every pair across the two.
const engines: Engine[] = [...new Set<Engine>(['sqlite', ...ENGINES])];
const pairs = engines.flatMap((from) => engines.map((to) => [from, to] as const));

describe('backup and restore round trips', () => {
  for (const [from, to] of pairs) {
    test(`${from} → ${to}: a second backup after restore is identical but for created-at and engine; ids, bytes and the generation are kept; new inserts get fresh ids`, async () => {
      const source = await migratedStorage(from);
      const target = await migratedStorage(to);
      try {
        await seed(source.storage, BULK);
        const first = await createBackup(source.storage);
        const report = await restoreBackup(target.storage, first.bytes, 'backup.tar.gz');
        const expected = { ...DEMO_ROWS, translation: BULK + 1, site_state: 3 };
        assert.deepEqual(report.rows, expected);
        assert.deepEqual(await rowCounts(target.storage), expected);
        // Sign-in sessions are not part of a backup: the restored site starts with everyone signed out.
        assert.deepEqual(await target.storage.db.selectFrom('auth_session').select('id').execute(), []);
        assert.equal((await source.storage.db.selectFrom('auth_session').select('id').execute()).length, 1);
        // Nor are uploaded agendas waiting for their confirmation (import drafts).
        assert.deepEqual(await target.storage.db.selectFrom('import_draft').select('id').execute(), []);
        assert.equal((await source.storage.db.selectFrom('import_draft').select('id').execute()).length, 1);

        const second = await createBackup(target.storage);
        const a = await openArchive(first.bytes);
        const b = await openArchive(second.bytes);
        assert.equal(a.manifest.engine, from);
        assert.equal(b.manifest.engine, to);
        const { createdAt: _a, engine: _ea, ...restA } = a.manifest;
        const { createdAt: _b, engine: _eb, ...restB } = b.manifest;
        assert.deepEqual(restB, restA);
        assert.deepEqual([...b.entries.keys()], [...a.entries.keys()]);
        for (const [name, bytes] of a.entries) if (name !== 'manifest.json') assert.ok(bytes.equals(b.entries.get(name)!), `${name} differs`);

        // Primary-key order, compared by code unit on both engines: 'f-B' before 'f-a'.
        assert.deepEqual(
          a.entries.get('tables/file.ndjson')!.toString().trim().split('\n').map((l) => JSON.parse(l).id),
          ['f-B', 'f-a'],
        );
        const file = await target.storage.db.selectFrom('file').select(['id', 'original_name']).where('id', '=', 'f-a').executeTakeFirstOrThrow();
        assert.ok((await bytesOfFile(target.storage, 'f-a')).equals(FILE_BYTES));
        assert.equal(file.original_name, 'Déclaration finale.pdf');
        const material = await target.storage.db.selectFrom('material').select('file_id').where('label', '=', 'Photos').executeTakeFirstOrThrow();
        assert.equal(material.file_id, 'f-a');
        // A restore into a new database keeps the archived generation (write() moved it there).
        assert.equal(await generation(target.storage), await generation(source.storage));

        // The identities were moved past the restored ids.
        const max = async (table: 'series' | 'person' | 'material') => Number((await target.storage.db.selectFrom(table).select((eb) => eb.fn.max('id').as('m')).executeTakeFirstOrThrow()).m);
        const [series, person, materialMax] = [await max('series'), await max('person'), await max('material')];
        const added = await write(target.storage, async (trx) => ({
          series: (await trx.insertInto('series').values({ slug: 'new', title: 'New', lang: 'en', description: null, created_at: FIXED, updated_at: FIXED }).returning('id').executeTakeFirstOrThrow()).id,
          person: (await trx.insertInto('person').values({ slug: 'new-person', name: 'New Person', name_key: 'new person', honorific: null, created_at: FIXED, updated_at: FIXED }).returning('id').executeTakeFirstOrThrow()).id,
          material: (
            await trx
              .insertInto('material')
              .values({ event_id: 1, appearance_id: null, kind: 'other', label: 'New', lang: 'en', position: 2, url: 'https://example.org/', file_id: null, created_at: FIXED })
              .returning('id')
              .executeTakeFirstOrThrow()
          ).id,
        }));
        assert.deepEqual(added, { series: series + 1, person: person + 1, material: materialMax + 1 });
      } finally {
        await source.cleanup();
        await target.cleanup();
      }
    });
  }
});

describe('backup and restore read and write tables a batch at a time', () => {
  for (const [from, to] of pairs) {
    test(`${from} → ${to}: stored files across several batches, one of them 3 MB, come back byte for byte and in key order`, async () => {
      const source = await migratedStorage(from);
      const target = await migratedStorage(to);
      try {
        // Ids that sort differently by bytes and by locale, and more rows than one batch of file rows (4).
        const ids = ['F-10', 'f-2', 'f-10', 'F-2', 'f-A', 'f-a', 'f-B', 'f-b', 'f-1', 'F-1', 'f-_'];
        const big = Buffer.alloc(3 * 1024 * 1024);
        for (let i = 0; i < big.length; i++) big[i] = (i * 31 + (i >> 11)) % 256;
        await write(source.storage, async (trx) => {
          for (const [n, id] of ids.entries()) {
            const data = n === 3 ? big : Buffer.from(`file ${id}`);
            await insertFile(trx, { id, sha256: sha256(data), mediaType: 'application/pdf', originalName: null, createdAt: FIXED }, data);
          }
        });
        const first = await createBackup(source.storage);
        const report = await restoreBackup(target.storage, first.bytes, 'backup.tar.gz');
        assert.equal(report.rows.file, ids.length);
        const archived = (await openArchive(first.bytes)).entries.get('tables/file.ndjson')!.toString().trim().split('\n').map((l) => JSON.parse(l).id as string);
        assert.deepEqual(archived, [...ids].sort());
        const rows = await target.storage.db.selectFrom('file').select(['id']).execute();
        assert.equal(rows.length, ids.length);
        for (const r of rows) assert.ok((await bytesOfFile(target.storage, r.id)).equals(r.id === 'F-2' ? big : Buffer.from(`file ${r.id}`)), `file ${r.id}`);
        const second = await createBackup(target.storage);
        assert.ok((await openArchive(second.bytes)).entries.get('tables/file.ndjson')!.equals((await openArchive(first.bytes)).entries.get('tables/file.ndjson')!));
      } finally {
        await source.cleanup();
        await target.cleanup();
      }
    });
  }
});

describe('backup errors and key order', () => {
  test('an output that fails partway makes the backup reject with its error, not crash', async () => {
    const t = await migratedStorage('sqlite');
    try {
      await seed(t.storage, 3000);
      let written = 0;
      const failing = new Writable({
        write(chunk: Buffer, _enc, done) {
          written += chunk.length;
          done(written > 20_000 ? Object.assign(new Error('no space left on device'), { code: 'ENOSPC' }) : null);
        },
      });
      await assert.rejects(writeBackup(t.storage, failing), { code: 'ENOSPC', message: 'no space left on device' });
      // The storage is still usable: the read-only transaction ended.
      assert.equal((await rowCounts(t.storage)).translation, 3001);
    } finally {
      await t.cleanup();
    }
  });

  for (const [from, to] of pairs) {
    test(`${from} → ${to}: text keys beyond the Basic Multilingual Plane sort by UTF-8 bytes on both engines and round-trip`, async () => {
      const source = await migratedStorage(from);
      const target = await migratedStorage(to);
      try {
        // U+FF21 sorts after U+1F600 in UTF-16 code units, before it in UTF-8 bytes and code points.
        const langs = ['😀', 'Ａ', 'z', 'é'];
        await write(source.storage, (trx) => trx.insertInto('translation').values(langs.map((lang) => ({ entity: 'event', entity_id: 1, field: 'title', lang, value: `title ${lang}` }))).execute());
        const first = await createBackup(source.storage);
        const order = (await openArchive(first.bytes)).entries.get('tables/translation.ndjson')!.toString().trim().split('\n').map((l) => JSON.parse(l).lang as string);
        assert.deepEqual(order, ['z', 'é', 'Ａ', '😀']);
        await restoreBackup(target.storage, first.bytes, 'backup.tar.gz');
        const second = await createBackup(target.storage);
        assert.ok((await openArchive(second.bytes)).entries.get('tables/translation.ndjson')!.equals((await openArchive(first.bytes)).entries.get('tables/translation.ndjson')!));
      } finally {
        await source.cleanup();
        await target.cleanup();
      }
    });
  }
});

// One archive for the refusals, written from SQLite with pinned times: the same bytes every run,
// so that the flipped byte always lands in the same place of the same stream.
let validArchive: Promise<Buffer> | undefined;
function archive(): Promise<Buffer> {
  validArchive ??= (async () => {
    const source = await migratedStorage('sqlite');
    try {
      await seed(source.storage);
      return (await createBackup(source.storage, { now: new Date(FIXED) })).bytes;
    } finally {
      await source.cleanup();
    }
  })();
  return validArchive;
}

const EMPTY = { series: 0, event: 0, day: 0, session: 0, person: 0, organization: 0, appearance: 0, file: 0, file_chunk: 0, file_variant: 0, material: 0, translation: 0, site_state: 3, account: 0, account_series: 0, api_token: 0, release: 0, pub_event: 0, pub_day: 0, pub_session: 0, pub_appearance: 0, pub_material: 0, audit_entry: 0, person_alias: 0, organization_alias: 0, slug_redirect: 0, identity_merge: 0, speaker_link: 0, speaker_submission: 0, publication: 0, publication_edition: 0 };

for (const engine of ENGINES) {
  describe(`restore refusals on ${engine}`, () => {
    const cases: Array<[string, () => Promise<Buffer>, string]> = [
      ['cut in half', async () => (await archive()).subarray(0, (await archive()).length >> 1), 'backup.tar.gz is truncated: the gzip stream ends early'],
      [
        // In the trailer's CRC-32: a byte flipped inside the deflate data may also decode to
        // garbage that another check refuses first, depending on the archive's bytes.
        'a flipped byte in the gzip checksum',
        async () => {
          const b = Buffer.from(await archive());
          b[b.length - 8]! ^= 0xff;
          return b;
        },
        'backup.tar.gz is damaged: its gzip data is corrupt',
      ],
      ['an empty file', async () => Buffer.alloc(0), 'backup.tar.gz is empty: it is not a Plenary backup'],
      [
        'a tar cut in half inside an intact gzip',
        async () => {
          const tar = gunzipSync(await archive());
          return gzipSync(tar.subarray(0, tar.length >> 1));
        },
        'backup.tar.gz is damaged: its tar archive ends early',
      ],
      ['not an archive', async () => Buffer.from('This is a letter, not a backup.\n'), 'backup.tar.gz is not a Plenary backup: it is not gzip-compressed'],
      ['gzip without a tar', async () => gzipSync(Buffer.from('not a tar header '.repeat(100))), 'backup.tar.gz is not a Plenary backup: it does not hold a tar archive'],
      ['no manifest', async () => repack(await archive(), (e) => e.delete('manifest.json')), 'backup.tar.gz is not a Plenary backup: it has no manifest.json'],
      ['a later format', async () => repack(await archive(), (_, m) => Object.assign(m, { formatVersion: 2 })), 'backup.tar.gz has backup format version 2; this Plenary reads version 1'],
      [
        'a newer schema',
        async () => repack(await archive(), (_, m) => Object.assign(m, { schemaVersion: '9999-future', migrations: [...m.migrations, '9999-future'] })),
        `backup.tar.gz has schema version 9999-future, newer than this Plenary's ${LATEST}: restore it with a newer Plenary`,
      ],
      [
        'an older schema',
        async () => repack(await archive(), (_, m) => Object.assign(m, { schemaVersion: '0000-past', migrations: ['0000-past'] })),
        `backup.tar.gz has schema version 0000-past, which this Plenary does not know (its migrations are ${migrationNames().join(', ')})`,
      ],
      [
        'an entry changed after the manifest was written',
        async () => repack(await archive(), (e) => e.set('tables/person.ndjson', Buffer.from(e.get('tables/person.ndjson')!.toString().replace('"slug":"', '"slug":"X')))),
        'backup.tar.gz is damaged: checksum mismatch for entry tables/person.ndjson',
      ],
      ['a missing entry', async () => repack(await archive(), (e) => e.delete('tables/day.ndjson')), 'backup.tar.gz is damaged: entry tables/day.ndjson is missing'],
      [
        'entries out of foreign-key order',
        async () =>
          repack(await archive(), (e) => {
            const day = e.get('tables/day.ndjson')!;
            e.delete('tables/day.ndjson');
            e.set('tables/day.ndjson', day);
          }),
        'backup.tar.gz is damaged: entry tables/session.ndjson comes where tables/day.ndjson belongs; the tables must come in foreign-key order',
      ],
      [
        'a row count that does not match',
        async () => repack(await archive(), (_, m) => (m.tables.find((t) => t.name === 'person')!.rows = 36)),
        'backup.tar.gz is damaged: entry tables/person.ndjson holds 35 rows, its manifest.json says 36',
      ],
      [
        'an invalid row',
        async () => repack(await archive(), (e, m) => replaceEntry(e, m, 'person', (t) => t.replace(/"name":"[^"]*"/, '"name":5'))),
        'backup.tar.gz: table person row 1 is invalid: name: Invalid input: expected string, received number',
      ],
      // Rows are checked with the rules imports follow (domain/records.ts), before anything is written.
      [
        'themes that are not JSON',
        async () => repack(await archive(), (e, m) => replaceEntry(e, m, 'event', (t) => t.replace(/"themes":"(?:[^"\\]|\\.)*"/, '"themes":"[not json"'))),
        'backup.tar.gz: table event row 1 is invalid: themes: must be a JSON list of themes, e.g. ["Migration and health"]; it is not JSON',
      ],
      [
        'themes that are JSON but not a list of strings',
        async () => repack(await archive(), (e, m) => replaceEntry(e, m, 'event', (t) => t.replace(/"themes":"(?:[^"\\]|\\.)*"/, '"themes":"{\\"a\\":1}"'))),
        'backup.tar.gz: table event row 1 is invalid: themes: must be a JSON list of non-empty strings (Invalid input: expected array, received object)',
      ],
      [
        'a time zone that is not IANA',
        async () => repack(await archive(), (e, m) => replaceEntry(e, m, 'event', (t) => t.replace(/"time_zone":"[^"]*"/, '"time_zone":"Mars/Olympus_Mons"'))),
        'backup.tar.gz: table event row 1 is invalid: time_zone: must be an IANA time zone such as Europe/Zurich or America/New_York',
      ],
      [
        'a javascript: material URL',
        async () => repack(await archive(), (e, m) => replaceEntry(e, m, 'material', (t) => t.replace('"url":null', '"url":"javascript:alert(document.cookie)"'))),
        'backup.tar.gz: table material row 1 is invalid: url: must be an http or https address',
      ],
      [
        'a file size that is not the length of its bytes',
        // Row 1 is f-B ('%PDF-1.4 tiny\n', 14 bytes): 'B' sorts before 'a'.
        async () => repack(await archive(), (e, m) => replaceEntry(e, m, 'file', (t) => t.replace('"size":14,', '"size":15,'))),
        `backup.tar.gz: file f-B could not be restored: its size is 15 bytes, in 1 chunks of at most 262144; it has 1 chunks holding 14 bytes, 1 of them out of place or of the wrong length`,
      ],
      [
        'a file whose bytes do not match its sha256',
        async () => repack(await archive(), (e, m) => replaceEntry(e, m, 'file', (t) => t.replace(/"sha256":"[0-9a-f]{64}"/, `"sha256":"${'0'.repeat(64)}"`))),
        'backup.tar.gz: file f-B could not be restored: its chunks do not match its sha256',
      ],
      [
        'a generation near the top of the int4 range',
        async () => repack(await archive(), (e, m) => replaceEntry(e, m, 'site_state', (t) => t.replace(/"value":\d+/, '"value":2147483647'))),
        'backup.tar.gz: table site_state row 1 is invalid: value: must be at most 1000000000: later writes would overflow the counter',
      ],
      [
        'an integer beyond 32 bits',
        async () => repack(await archive(), (e, m) => replaceEntry(e, m, 'day', (t) => t.replace(/"position":\d+/, '"position":4294967296'))),
        'backup.tar.gz: table day row 1 is invalid: position: Too big: expected number to be <=2147483647',
      ],
      [
        'a status that is neither draft nor published',
        async () => repack(await archive(), (e, m) => replaceEntry(e, m, 'event', (t) => t.replace('"status":"published"', '"status":"public"'))),
        'backup.tar.gz: table event row 1 is invalid: status: Invalid option: expected one of "draft"|"published"',
      ],
      [
        'a line longer than the limit',
        async () => repack(await archive(), (e, m) => replaceEntry(e, m, 'translation', (t) => t.replace(/"value":"/, `"value":"${'x'.repeat(5000)}`))),
        'backup.tar.gz: table translation row 1 is longer than 4096 bytes, the most a backup line holds (a stored file of the largest size, in base64): it was not written by Plenary, or is damaged',
      ],
      [
        'a blob that is not base64',
        async () => repack(await archive(), (e, m) => replaceEntry(e, m, 'file_chunk', (t) => t.replace(/"data":"[^"]*"/, '"data":"not base64!"'))),
        'backup.tar.gz: table file_chunk row 1 is invalid: data: Invalid base64-encoded string',
      ],
    ];
    for (const [name, make, message] of cases) {
      test(`${name}: refused with the exact message, nothing restored, the generation unchanged`, async () => {
        const t = await migratedStorage(engine);
        try {
          const before = await generation(t.storage);
          // A small line limit, so that the line-length case needs no large archive (the real one is tested through the command).
          await assert.rejects(restoreBackup(t.storage, await make(), 'backup.tar.gz', { maxLineBytes: 4096 }), { message });
          assert.deepEqual(await rowCounts(t.storage), EMPTY);
          assert.equal(await generation(t.storage), before);
        } finally {
          await t.cleanup();
        }
      });
    }

    test('a row that breaks a foreign key fails the insert, and the rows already inserted are rolled back', async () => {
      const t = await migratedStorage(engine);
      try {
        const before = await generation(t.storage);
        const bad = await repack(await archive(), (e, m) => replaceEntry(e, m, 'material', (text) => text.replace('"file_id":"f-a"', '"file_id":"no-such-file"')));
        await assert.rejects(restoreBackup(t.storage, bad, 'backup.tar.gz'), (e: Error) => e.message.startsWith('backup.tar.gz: table material could not be restored: '));
        assert.deepEqual(await rowCounts(t.storage), EMPTY);
        assert.equal(await generation(t.storage), before);
      } finally {
        await t.cleanup();
      }
    });

    test('a key that refers forward (checked at commit) and points at nothing is named, and nothing is restored', async () => {
      const t = await migratedStorage(engine);
      try {
        const before = await generation(t.storage);
        const bad = await repack(await archive(), (e, m) => replaceEntry(e, m, 'series', (text) => text.replace(/"convener_id":(null|\d+)/, '"convener_id":999')));
        await assert.rejects(restoreBackup(t.storage, bad, 'backup.tar.gz'), { message: 'backup.tar.gz: table series could not be restored: Key (convener_id)=(999) is not present in table "organization".' });
        assert.deepEqual(await rowCounts(t.storage), EMPTY);
        assert.equal(await generation(t.storage), before);
      } finally {
        await t.cleanup();
      }
    });

    test('a database that is not empty is refused and left as it was', async () => {
      const t = await migratedStorage(engine);
      try {
        await restoreBackup(t.storage, await archive(), 'backup.tar.gz');
        const counts = await rowCounts(t.storage);
        const before = await generation(t.storage);
        await assert.rejects(restoreBackup(t.storage, await archive(), 'backup.tar.gz'), {
          message: 'the database is not empty (series: 1, event: 1, day: 2, session: 10, person: 35, organization: 24, appearance: 37, file: 2, file_chunk: 2, material: 27, translation: 1, account: 1, account_series: 1, api_token: 1, release: 1, pub_event: 1, pub_day: 2, pub_session: 10, pub_appearance: 37, pub_material: 26, audit_entry: 2, person_alias: 35, organization_alias: 24, speaker_link: 1, speaker_submission: 1); restore needs a new database',
        });
        assert.deepEqual(await rowCounts(t.storage), counts);
        assert.equal(await generation(t.storage), before);
      } finally {
        await t.cleanup();
      }
    });

    test('a column the archive format does not know makes backup refuse rather than leave it out', async () => {
      const t = await migratedStorage(engine);
      try {
        await sql`ALTER TABLE person ADD COLUMN nickname text`.execute(t.storage.db);
        await assert.rejects(createBackup(t.storage), { message: 'the backup format does not know column person.nickname: refusing to write an incomplete backup' });
      } finally {
        await t.cleanup();
      }
    });
  });
}

describe('plenary backup and plenary restore', () => {
  const plenary = (args: string[], db: string) => runPlenary(args, `sqlite:${join(dir, db)}`);
  const lines = (counts: Record<string, number>) => Object.entries(counts).map(([t, n]) => `${t}: ${n}`);

  test('backup into a directory that does not exist says so, before any database work, and leaves nothing behind', () => {
    const file = join(dir, 'no-such-dir', 'x.tar.gz');
    assert.deepEqual(plenary(['backup', file], 'never-opened.db'), { code: 1, out: '', err: `plenary: cannot write ${file}: no such directory\n` });
    assert.throws(() => statSync(join(dir, 'never-opened.db')), { code: 'ENOENT' });
  });

  test('backup writes the archive and refuses to overwrite it without --force; restore loads it into an empty database only', async () => {
    const source = await openStorage(`sqlite:${join(dir, 'source.db')}`);
    await migrate(source);
    await seed(source);
    const counts = await rowCounts(source);
    await source.close();
    const total = Object.values(counts).reduce((n, v) => n + v, 0);
    const file = join(dir, 'site.tar.gz');

    const first = plenary(['backup', file], 'source.db');
    assert.equal(first.err, '');
    assert.equal(first.code, 0);
    assert.equal(first.out, [`wrote ${file} (schema ${LATEST}, ${TABLES.length} tables, ${total} rows, ${statSync(file).size} bytes)`, ...lines(counts), ''].join('\n'));
    assert.deepEqual(counts, { ...DEMO_ROWS, translation: 1, site_state: 3 });

    const again = plenary(['backup', file], 'source.db');
    assert.deepEqual(again, { code: 1, out: '', err: `plenary: ${file} exists; use --force to replace it\n` });
    const forced = plenary(['backup', file, '--force'], 'source.db');
    assert.equal(forced.code, 0);
    assert.equal(forced.out.split('\n')[0], `wrote ${file} (schema ${LATEST}, ${TABLES.length} tables, ${total} rows, ${statSync(file).size} bytes)`);

    const { manifest } = await openArchive(readFileSync(file));
    const restored = plenary(['restore', file], 'target.db');
    assert.equal(restored.err, '');
    assert.equal(restored.code, 0);
    assert.equal(restored.out, [`restored ${file} (schema ${LATEST}, written ${manifest.createdAt} on sqlite, ${TABLES.length} tables, ${total} rows)`, ...lines(counts), ''].join('\n'));

    const twice = plenary(['restore', file], 'target.db');
    assert.deepEqual(twice, {
      code: 1,
      out: '',
      err: 'plenary: the database is not empty (series: 1, event: 1, day: 2, session: 10, person: 35, organization: 24, appearance: 37, file: 2, file_chunk: 2, material: 27, translation: 1, account: 1, account_series: 1, api_token: 1, release: 1, pub_event: 1, pub_day: 2, pub_session: 10, pub_appearance: 37, pub_material: 26, audit_entry: 2, person_alias: 35, organization_alias: 24, speaker_link: 1, speaker_submission: 1); restore needs a new database\n',
    });

    // The restored database backs up to the same table entries.
    const copy = join(dir, 'copy.tar.gz');
    assert.equal(plenary(['backup', copy], 'target.db').code, 0);
    const a = await openArchive(readFileSync(file));
    const b = await openArchive(readFileSync(copy));
    assert.deepEqual(b.manifest.tables, a.manifest.tables);
  });

  test('restore refuses a damaged or missing file with exit 1 and restores nothing', async () => {
    const half = join(dir, 'half.tar.gz');
    writeFileSync(half, (await archive()).subarray(0, (await archive()).length >> 1));
    assert.deepEqual(plenary(['restore', half], 'refused.db'), { code: 1, out: '', err: `plenary: ${half} is truncated: the gzip stream ends early\n` });
    const missing = join(dir, 'missing.tar.gz');
    assert.deepEqual(plenary(['restore', missing], 'refused.db'), { code: 1, out: '', err: `plenary: cannot read ${missing}: no such file\n` });
    // Restore migrates the database itself, in its one transaction: refused, it leaves no table behind.
    const storage = await openStorage(`sqlite:${join(dir, 'refused.db')}`);
    try {
      assert.deepEqual((await sql<{ name: string }>`SELECT name FROM sqlite_master`.execute(storage.db)).rows, []);
    } finally {
      await storage.close();
    }
  });

  test('a backup killed with SIGKILL leaves FILE.<pid>.tmp; the next backup to FILE removes it (a live process\'s is kept) and writes FILE', async () => {
    // Enough stored bytes (20 MB that gzip cannot shrink) that the backup is still writing when it is killed.
    const source = await openStorage(`sqlite:${join(dir, 'killed-source.db')}`);
    await migrate(source);
    await write(source, async (trx) => {
      for (let i = 0; i < 5; i++) {
        const data = randomBytes(4 * 1024 * 1024);
        await insertFile(trx, { id: `big-${i}`, sha256: sha256(data), mediaType: 'application/octet-stream', originalName: null, createdAt: FIXED }, data);
      }
    });
    await source.close();
    const file = join(dir, 'killed.tar.gz');
    const child = spawn(process.execPath, ['bin/plenary.mjs', 'backup', file], { cwd: ROOT, env: { ...process.env, DATABASE_URL: `sqlite:${join(dir, 'killed-source.db')}` }, stdio: 'ignore' });
    const tmp = `${file}.${child.pid}.tmp`;
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    // Killed once it has written part of the archive.
    const poll = setInterval(() => {
      if (existsSync(tmp) && statSync(tmp).size > 1024 * 1024) {
        clearInterval(poll);
        child.kill('SIGKILL');
      }
    }, 2);
    assert.equal(await exited, 'SIGKILL');
    clearInterval(poll);
    assert.ok(statSync(tmp).size > 1024 * 1024, 'the killed backup left its temporary file');
    assert.throws(() => statSync(file), { code: 'ENOENT' });
    // This test's own process is alive: a backup it were running must keep its file.
    const live = `${file}.${process.pid}.tmp`;
    writeFileSync(live, 'a backup in progress');

    const r = plenary(['backup', file], 'killed-source.db');
    assert.equal(r.err, '');
    assert.equal(r.code, 0);
    assert.equal(r.out.split('\n')[0], `removed ${tmp}, left by a backup that was stopped before it finished`);
    assert.equal(r.out.split('\n')[1]!.startsWith(`wrote ${file} (`), true, r.out);
    assert.throws(() => statSync(tmp), { code: 'ENOENT' });
    assert.equal(readFileSync(live, 'utf8'), 'a backup in progress');
    rmSync(live);
    const { manifest } = await openArchive(readFileSync(file));
    assert.equal(manifest.tables.find((t) => t.name === 'file')!.rows, 5);
  });

  test('usage errors say what is missing', () => {
    const r = plenary(['backup'], 'usage.db');
    assert.equal(r.code, 1);
    assert.ok(r.err.startsWith('plenary: FILE is missing\n\nusage: plenary backup FILE [--force]'), r.err);
    const s = plenary(['restore', 'a', 'b'], 'usage.db');
    assert.equal(s.code, 1);
    assert.ok(s.err.startsWith('plenary: give one FILE\n\nusage: plenary restore FILE'), s.err);
  });
});
