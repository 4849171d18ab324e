// Run by test/render-context.test.ts in a process of its own (the test runner itself turns on
// async hooks): serves every kind of page, then reports whether promises run under async hooks.
import { AsyncLocalStorage, executionAsyncId } from 'node:async_hooks';
import { demoSite } from './server.ts';

/** 0 inside a promise reaction unless async hooks (or AsyncLocalStorage) are on. */
const promiseAsyncId = () => Promise.resolve().then(() => executionAsyncId());

const before = await promiseAsyncId();
const site = await demoSite('sqlite');
const statuses: Record<string, number> = {};
try {
  for (const path of ['/', '/series/international-dialogue-on-migration', '/events/idm-2017-new-york', '/people/william-lacy-swing', '/people', '/organizations', '/countries', '/api', '/no-such-page']) {
    const res = await fetch(site.base + path);
    await res.arrayBuffer();
    statuses[path] = res.status;
  }
} finally {
  await site.stop();
}
const after = await promiseAsyncId();
// The control: the same probe, once AsyncLocalStorage has been used, must see the hooks.
new AsyncLocalStorage().run({}, () => undefined);
const control = await promiseAsyncId();
console.log(JSON.stringify({ before, after, control, statuses }));
