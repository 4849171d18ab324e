import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import type { GenerationSource } from '../storage/storage.ts';
import { acceptsGzip, type CachedPage, PageCache } from './page-cache.ts';

test('acceptsGzip reads Accept-Encoding with its q values', () => {
  const cases: Array<[string | undefined, boolean]> = [
    [undefined, false],
    ['', false],
    ['gzip', true],
    ['gzip, deflate, br, zstd', true],
    ['br;q=1.0, gzip;q=0.8, *;q=0.1', true],
    ['GZIP', true],
    ['gzip;q=0', false],
    ['gzip;q=0, identity', false],
    ['gzip; q=0.000', false],
    ['identity', false],
    ['br', false],
    ['*', true],
    ['*;q=0', false],
    ['br, *', true],
    ['gzip;q=0, *', false],
  ];
  // Twice over: the second pass is answered from the remembered answers and must agree.
  for (let pass = 0; pass < 2; pass++) for (const [header, expected] of cases) assert.equal(acceptsGzip(header), expected, `pass ${pass + 1}: ${JSON.stringify(header)}`);
});

test('acceptsGzip stays right when more distinct values arrive than it remembers', () => {
  for (let i = 0; i < 1000; i++) {
    assert.equal(acceptsGzip(`gzip;q=0.${i % 10}, x-${i}`), i % 10 !== 0, `value ${i}`);
    assert.equal(acceptsGzip(`br, x-${i}`), false, `value ${i}`);
  }
  assert.equal(acceptsGzip('gzip;q=0'), false);
  assert.equal(acceptsGzip('gzip'), true);
});

function source(): GenerationSource & { value: number } {
  const s = { value: 1, current: () => s.value, start: async () => undefined, noteLocalWrite: (v: number) => void (s.value = v) };
  return s;
}

/** What an entry should count: key, body, gzip and every header string as written, in UTF-8 bytes. */
function counted(key: string, page: CachedPage): number {
  const strings = [key, ...page.plain200, ...page.gzip200, ...page.notModified];
  return page.body.length + page.gzip.length + strings.reduce((n, s) => n + Buffer.byteLength(s), 0);
}

test('the page cache keeps within its byte budget and drops the least recently used first', () => {
  const gen = source();
  const headers = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' };
  // Random bytes do not compress: each entry's size is about twice its body.
  const body = (n: number) => randomBytes(n);
  const probe = new PageCache(gen, { maxBytes: 1 << 30 });
  const sizes = new Map<string, number>();
  const bodies = new Map<string, Buffer>([
    ['/a', body(1000)],
    ['/b', body(1000)],
    ['/c', body(1000)],
    ['/d', body(1500)],
    ['/e', body(10)],
    ['/f', body(1000)],
  ]);
  for (const [key, b] of bodies) sizes.set(key, counted(key, probe.set(key, 1, b, headers)));
  const size = (k: string) => sizes.get(k)!;
  const budget = size('/a') + size('/b') + size('/c');
  // The case below needs /d to displace both /b and /c, and /e to fit beside /a and /d.
  assert.ok(size('/d') > size('/b') && size('/a') + size('/d') + size('/e') <= budget);

  const cache = new PageCache(gen, { maxBytes: budget });
  const put = (k: string) => cache.set(k, gen.current(), bodies.get(k)!, headers);
  const keys = () => cache.entries().map((e) => e.key);
  const check = (expected: string[], evicted: number) => {
    assert.deepEqual(keys(), expected);
    assert.deepEqual(
      cache.entries().map((e) => e.bytes),
      expected.map(size),
    );
    const bytes = expected.reduce((n, k) => n + size(k), 0);
    assert.deepEqual(cache.stats(), { entries: expected.length, bytes, maxBytes: budget, evicted });
    assert.ok(bytes <= budget);
  };

  put('/a');
  put('/b');
  put('/c');
  check(['/a', '/b', '/c'], 0);
  // A hit makes /a the most recently used.
  assert.equal(cache.get('/a')?.body.equals(bodies.get('/a')!), true);
  check(['/b', '/c', '/a'], 0);
  put('/d');
  check(['/a', '/d'], 2);
  put('/e');
  check(['/a', '/d', '/e'], 2);
  assert.ok(cache.get('/a'));
  assert.equal(cache.get('/b'), undefined);
  put('/f');
  check(['/e', '/a', '/f'], 3);

  // A render of the same key replaces the entry and its count.
  cache.set('/e', gen.current(), bodies.get('/e')!, headers);
  check(['/a', '/f', '/e'], 3);

  // An entry larger than the whole budget is served once, never kept, and displaces nothing.
  const huge = cache.set('/huge', gen.current(), body(budget), headers);
  assert.equal(huge.body.length, budget);
  check(['/a', '/f', '/e'], 3);
  assert.equal(cache.get('/huge'), undefined);

  // A write elsewhere (a new generation) empties it.
  gen.value = 2;
  assert.equal(cache.get('/a'), undefined);
  assert.deepEqual(cache.stats(), { entries: 0, bytes: 0, maxBytes: budget, evicted: 3 });
});

test('the page cache budget defaults to 64 MB', () => {
  assert.equal(new PageCache(source()).stats().maxBytes, 64 * 1024 * 1024);
});
