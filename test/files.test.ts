// /files/{id} through the running server: only files of published events (as released: a file
// added in the workspace is public once published), streamed a slice at a time, byte ranges,
// revalidation by ETag. On every engine.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sha256 } from '../src/operations/archive-codec.ts';
import { publishEvent, withdrawEvent } from '../src/operations/releases.ts';
import type { Storage } from '../src/storage/storage.ts';
import { insertFile } from '../src/storage/queries/files.ts';
import { write } from '../src/storage/write.ts';
import { FILE_SLICE_BYTES, inlineDisposition, parseRange } from '../src/web/routes/files.ts';
import { ENGINES } from './engines.ts';
import { demoSite } from './server.ts';

const T = '2024-05-06T07:08:09.000Z';
// Larger than two slices and not a multiple of one, every byte value, no two slices alike.
const BIG = Buffer.from(Array.from({ length: 2 * FILE_SLICE_BYTES + 12345 }, (_, i) => (i * 131 + (i >> 16)) % 256));
const SMALL = Buffer.from('%PDF-1.4 a short statement\n');
const IDS = {
  big: '0b7a3c4e-1111-5222-8333-444455556666',
  small: '1c8b4d5f-2222-5333-9444-555566667777',
  draft: '2d9c5e6a-3333-5444-a555-666677778888',
  orphan: '3e0d6f7b-4444-5555-b666-777788889999',
};

/** Files on the demo event (published), on a draft event of the same series, and on nothing; in the working copy. */
async function seedFiles(storage: Storage): Promise<{ demoEventId: number; draftEventId: number }> {
  return write(storage, async (trx) => {
    const published = await trx.selectFrom('event').select(['id', 'series_id']).where('status', '=', 'published').executeTakeFirstOrThrow();
    const draft = await trx
      .insertInto('event')
      .values({
        series_id: published.series_id, slug: 'next-workshop', title: 'Next workshop', lang: 'en', start_date: '2018-04-18', end_date: '2018-04-18', venue: null, city: null,
        country_code: null, time_zone: 'Europe/Zurich', overview: null, themes: '[]', contact_email: null, status: 'draft', created_at: T, updated_at: T,
      } as never)
      .returning('id')
      .executeTakeFirstOrThrow();
    const files: Array<[string, Buffer, string, string | null]> = [
      [IDS.big, BIG, 'application/pdf', 'Déclaration "finale".pdf'],
      [IDS.small, SMALL, 'application/pdf', null],
      [IDS.draft, SMALL, 'application/pdf', 'draft.pdf'],
      [IDS.orphan, SMALL, 'application/pdf', 'orphan.pdf'],
    ];
    for (const [id, data, media_type, original_name] of files) {
      await insertFile(trx, { id, sha256: sha256(data), mediaType: media_type, originalName: original_name, createdAt: T }, data);
    }
    const material = (event_id: number, file_id: string, position: number) => ({ event_id, appearance_id: null, kind: 'other', label: 'Document', lang: 'en', position, url: null, file_id, created_at: T });
    await trx.insertInto('material').values([material(published.id, IDS.big, 90), material(published.id, IDS.small, 91), material(draft.id, IDS.draft, 0)]).execute();
    return { demoEventId: published.id, draftEventId: draft.id };
  });
}

/** The same, with the demo event's files published as its next release. */
async function seedPublishedFiles(storage: Storage): Promise<{ demoEventId: number; draftEventId: number }> {
  const ids = await seedFiles(storage);
  const r = await publishEvent(storage, ids.demoEventId);
  assert.deepEqual([r.changed, r.number], [true, 2]);
  return ids;
}

const bytesOf = async (r: Response) => Buffer.from(await r.arrayBuffer());

describe('parseRange', () => {
  test('single ranges, suffixes and open ends; several ranges, other units and nonsense give the whole file', () => {
    assert.deepEqual(parseRange('bytes=0-0', 10), { start: 0, end: 0 });
    assert.deepEqual(parseRange('bytes=3-', 10), { start: 3, end: 9 });
    assert.deepEqual(parseRange('bytes=-4', 10), { start: 6, end: 9 });
    assert.deepEqual(parseRange('bytes=-40', 10), { start: 0, end: 9 });
    assert.deepEqual(parseRange('bytes=8-400', 10), { start: 8, end: 9 });
    assert.equal(parseRange('bytes=10-', 10), 'unsatisfiable');
    assert.equal(parseRange('bytes=-0', 10), 'unsatisfiable');
    assert.equal(parseRange('bytes=0-0', 0), 'unsatisfiable');
    assert.equal(parseRange('bytes=0-1,4-5', 10), null);
    assert.equal(parseRange('items=0-1', 10), null);
    assert.equal(parseRange('bytes=5-2', 10), null);
    assert.equal(parseRange('bytes=-', 10), null);
    assert.equal(parseRange(undefined, 10), null);
  });

  test('the download name: ASCII for old clients, the name as given in filename*', () => {
    assert.equal(inlineDisposition('Déclaration "finale".pdf'), `inline; filename="Declaration _finale_.pdf"; filename*=UTF-8''D%C3%A9claration%20%22finale%22.pdf`);
  });
});

for (const engine of ENGINES) {
  describe(`/files/{id} on ${engine}`, () => {
    test('a published event\'s file: exact bytes across slices, exact headers, revalidated by ETag, never immutable', async () => {
      const site = await demoSite(engine);
      try {
        const { demoEventId } = await seedFiles(site.storage);
        // In the working copy only: not public until the event is published again.
        for (const id of [IDS.big, IDS.small]) assert.equal((await fetch(`${site.base}/files/${id}`)).status, 404, `${id} before publishing`);
        const release = await publishEvent(site.storage, demoEventId);
        assert.deepEqual([release.changed, release.number], [true, 2]);
        const r = await fetch(`${site.base}/files/${IDS.big}`);
        assert.equal(r.status, 200);
        assert.deepEqual(Object.fromEntries([...r.headers].filter(([k]) => k !== 'date' && k !== 'connection' && k !== 'keep-alive')), {
          'accept-ranges': 'bytes',
          'cache-control': 'public, no-cache',
          'content-disposition': `inline; filename="Declaration _finale_.pdf"; filename*=UTF-8''D%C3%A9claration%20%22finale%22.pdf`,
          'content-length': String(BIG.length),
          'content-security-policy': "default-src 'none'; sandbox",
          'content-type': 'application/pdf',
          etag: `"${sha256(BIG)}"`,
          'x-content-type-options': 'nosniff',
        });
        assert.ok((await bytesOf(r)).equals(BIG));

        // Without a stored name, no Content-Disposition.
        const small = await fetch(`${site.base}/files/${IDS.small}`);
        assert.equal(small.headers.get('content-disposition'), null);
        assert.ok((await bytesOf(small)).equals(SMALL));

        const again = await fetch(`${site.base}/files/${IDS.big}`, { headers: { 'if-none-match': `"${sha256(BIG)}"` } });
        assert.equal(again.status, 304);
        assert.equal((await bytesOf(again)).length, 0);
        assert.equal(again.headers.get('etag'), `"${sha256(BIG)}"`);

        const head = await fetch(`${site.base}/files/${IDS.big}`, { method: 'HEAD' });
        assert.equal(head.status, 200);
        assert.equal(head.headers.get('content-length'), String(BIG.length));
        assert.equal((await bytesOf(head)).length, 0);
      } finally {
        await site.stop();
      }
    });

    test('ranges: first byte, suffix, past the end, across slice boundaries, unsatisfiable, If-Range', async () => {
      const site = await demoSite(engine);
      try {
        await seedPublishedFiles(site.storage);
        const size = BIG.length;
        const get = (range: string, extra: Record<string, string> = {}) => fetch(`${site.base}/files/${IDS.big}`, { headers: { range, ...extra } });
        const cases: Array<[string, number, number]> = [
          ['bytes=0-0', 0, 0],
          ['bytes=-1', size - 1, size - 1],
          ['bytes=-500', size - 500, size - 1],
          [`bytes=-${size + 1000}`, 0, size - 1],
          [`bytes=${FILE_SLICE_BYTES - 10}-${FILE_SLICE_BYTES + 9}`, FILE_SLICE_BYTES - 10, FILE_SLICE_BYTES + 9],
          [`bytes=${FILE_SLICE_BYTES - 1}-${2 * FILE_SLICE_BYTES}`, FILE_SLICE_BYTES - 1, 2 * FILE_SLICE_BYTES],
          [`bytes=${size - 3}-${size + 5000}`, size - 3, size - 1],
          ['bytes=100-', 100, size - 1],
        ];
        for (const [range, start, end] of cases) {
          const r = await get(range);
          assert.equal(r.status, 206, range);
          assert.equal(r.headers.get('content-range'), `bytes ${start}-${end}/${size}`, range);
          assert.equal(r.headers.get('content-length'), String(end - start + 1), range);
          assert.ok((await bytesOf(r)).equals(BIG.subarray(start, end + 1)), range);
        }
        for (const range of [`bytes=${size}-`, `bytes=${size + 10}-${size + 20}`, 'bytes=-0']) {
          const r = await get(range);
          assert.equal(r.status, 416, range);
          assert.equal(r.headers.get('content-range'), `bytes */${size}`, range);
          assert.equal((await bytesOf(r)).length, 0, range);
        }
        // Ranges it does not serve (several, other units, malformed) get the whole file.
        for (const range of ['bytes=0-1,5-6', 'items=0-1', 'bytes=x-y']) {
          const r = await get(range);
          assert.equal(r.status, 200, range);
          assert.equal(r.headers.get('content-range'), null, range);
          assert.ok((await bytesOf(r)).equals(BIG), range);
        }
        // If-Range: the range only while the ETag still matches.
        const same = await get('bytes=10-19', { 'if-range': `"${sha256(BIG)}"` });
        assert.equal(same.status, 206);
        assert.ok((await bytesOf(same)).equals(BIG.subarray(10, 20)));
        for (const ifRange of [`"${'0'.repeat(64)}"`, 'Wed, 21 Oct 2015 07:28:00 GMT']) {
          const other = await get('bytes=10-19', { 'if-range': ifRange });
          assert.equal(other.status, 200, ifRange);
          assert.ok((await bytesOf(other)).equals(BIG), ifRange);
        }
      } finally {
        await site.stop();
      }
    });

    test("a draft event's file and a file linked from nothing are 404 to the public, until the event is published, and again when it is withdrawn", async () => {
      const site = await demoSite(engine);
      try {
        const { draftEventId } = await seedPublishedFiles(site.storage);
        for (const id of [IDS.draft, IDS.orphan, '9f9f9f9f-0000-5000-8000-000000000000']) {
          const r = await fetch(`${site.base}/files/${id}`);
          assert.equal(r.status, 404, id);
          assert.equal(r.headers.get('content-type'), 'text/html; charset=utf-8', id);
          assert.ok(!(await r.text()).includes('short statement'), id);
          const ranged = await fetch(`${site.base}/files/${id}`, { headers: { range: 'bytes=0-3' } });
          assert.equal(ranged.status, 404, id);
          await ranged.arrayBuffer();
        }
        // The status set by SQL is only a label: it publishes nothing.
        await write(site.storage, (trx) => trx.updateTable('event').set({ status: 'published' }).where('id', '=', draftEventId).execute());
        assert.equal((await fetch(`${site.base}/files/${IDS.draft}`)).status, 404, 'a status is not a release');
        const release = await publishEvent(site.storage, draftEventId);
        assert.deepEqual([release.changed, release.number], [true, 1]);
        const published = await fetch(`${site.base}/files/${IDS.draft}`);
        assert.equal(published.status, 200);
        assert.ok((await bytesOf(published)).equals(SMALL));
        assert.equal(await withdrawEvent(site.storage, draftEventId, null), true);
        // The cached copy is revalidated (no-cache), and the answer is now 404.
        const withdrawn = await fetch(`${site.base}/files/${IDS.draft}`, { headers: { 'if-none-match': `"${sha256(SMALL)}"` } });
        assert.equal(withdrawn.status, 404);
        await withdrawn.arrayBuffer();
        assert.equal((await fetch(`${site.base}/files/${IDS.orphan}`)).status, 404);
      } finally {
        await site.stop();
      }
    });
  });
}
