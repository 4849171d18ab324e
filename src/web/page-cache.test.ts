import assert from 'node:assert/strict';
import { test } from 'node:test';
import { acceptsGzip } from './page-cache.ts';

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
