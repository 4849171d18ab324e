// The page cache through HTTP: every distinct list page a client can ask for is rendered and
// kept, yet the cache stays within its byte budget, keeping the most recently used.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { importDemo } from '../src/operations/demo.ts';
import { startServer } from '../src/web/server.ts';
import { ENGINES, migratedStorage } from './engines.ts';

const BUDGET = 200 * 1024;

for (const engine of ENGINES) {
  test(`[${engine}] distinct ?page=&perPage= pairs on /api/people keep the cache within its byte budget`, async (ctx) => {
    const t = await migratedStorage(engine);
    await importDemo(t.storage);
    const server = await startServer(t.storage, { port: 0, host: '127.0.0.1', cacheBytes: BUDGET });
    const base = `http://127.0.0.1:${server.port}`;
    try {
      const cache = server.cache;
      const first = (await (await fetch(`${base}/api/people?page=1&perPage=1`)).json()) as { pagination: { total: number } };
      const total = first.pagination.total;
      assert.ok(total >= 30, `${total} people`);
      const requested: Array<{ key: string; bytes: number }> = [];
      for (let perPage = 1; perPage <= 200; perPage++) {
        for (let page = 1; page <= Math.ceil(total / perPage); page++) {
          const res = await fetch(`${base}/api/people?page=${page}&perPage=${perPage}`);
          assert.equal(res.status, 200);
          const body = (await res.json()) as { data: unknown[]; pagination: { page: number; perPage: number } };
          assert.deepEqual(body.pagination, { page, perPage, total, totalPages: Math.ceil(total / perPage) });
          assert.equal(body.data.length, Math.min(perPage, total - (page - 1) * perPage));
          // The page just rendered is the most recently used entry.
          const entries = cache.entries();
          const newest = entries.at(-1)!;
          assert.equal(newest.key, page === 1 && perPage === 50 ? '/api/people' : `/api/people?page=${page}&perPage=${perPage}`);
          requested.push(newest);
          const stats = cache.stats();
          assert.equal(stats.bytes, entries.reduce((n, e) => n + e.bytes, 0));
          assert.ok(stats.bytes <= BUDGET, `${stats.bytes} bytes kept after ${requested.length} pages`);
        }
      }
      // Each page was asked for once, in order: what is kept is the longest run of the latest
      // pages that fits the budget, and nothing else.
      let fits = 0;
      let sum = 0;
      for (let i = requested.length - 1; i >= 0 && sum + requested[i]!.bytes <= BUDGET; i--) {
        sum += requested[i]!.bytes;
        fits++;
      }
      const kept = requested.slice(requested.length - fits);
      assert.deepEqual(cache.entries(), kept);
      const stats = cache.stats();
      assert.equal(stats.bytes, sum);
      assert.equal(stats.entries, fits);
      assert.ok(fits < requested.length, `${fits} of ${requested.length} pages kept`);
      assert.equal(stats.evicted, requested.length - fits);
      ctx.diagnostic(`${requested.length} distinct pages of ${total} people; ${fits} kept in ${sum} of ${BUDGET} bytes; ${stats.evicted} dropped`);
    } finally {
      await server.close();
      await t.cleanup();
    }
  });
}
