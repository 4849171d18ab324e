// Rendering pages must not switch on async hooks for the process (src/web/views/render-context.ts).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';

for (const [entry, file] of [['an ES module', 'render-context-child.ts'], ['a CommonJS module', 'render-context-child.cjs']] as const) test(`a server that has rendered every kind of page runs its promises without async hooks (main module: ${entry})`, () => {
  const child = join(import.meta.dirname, file);
  const r = spawnSync(process.execPath, ['--import', 'tsx', child], { encoding: 'utf8', cwd: join(import.meta.dirname, '..') });
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { before: number; after: number; control: number; statuses: Record<string, number> };
  assert.deepEqual(out.statuses, {
    '/': 200,
    '/series/international-dialogue-on-migration': 200,
    '/events/idm-2017-new-york': 200,
    '/people/william-lacy-swing': 200,
    '/people': 200,
    '/organizations': 200,
    '/countries': 200,
    '/api': 200,
    '/no-such-page': 404,
  });
  assert.equal(out.before, 0, 'no async hooks before the server starts');
  assert.equal(out.after, 0, 'no async hooks after every kind of page was rendered');
  assert.notEqual(out.control, 0, 'the probe sees async hooks once AsyncLocalStorage is used');
});
