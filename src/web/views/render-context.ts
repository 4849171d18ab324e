// Keeps hono/jsx from switching on Node's async hooks for the whole process.
//
// hono/jsx keeps a render context for createContext/useContext. Where it finds Node's
// AsyncLocalStorage it runs every render inside one. On Node 20 AsyncLocalStorage is built on
// async_hooks, so after the first render every promise, socket, timer and HTTP parser in the
// process pays an init hook, the cached-page hot path included (bench:pages measured about 9%
// fewer requests per second with it). Plenary's views are synchronous functions and use no JSX
// context, and for synchronous renders hono's fallback (a module-level store set for the
// duration of the render) is exact. hono looks for AsyncLocalStorage once, at its first render,
// through process.getBuiltinModule: that first render is done here, while the lookup finds no
// AsyncLocalStorage, and the lookup is put back straight after.
// test/render-context.test.ts checks, in a fresh process that serves every kind of page, that
// promises still run without async hooks afterwards.
import { jsx } from 'hono/jsx';

let probed = false;

export function renderWithoutAsyncContext(): void {
  if (probed) return;
  probed = true;
  const proc = process as unknown as { getBuiltinModule?: (id: string) => unknown };
  const original = proc.getBuiltinModule;
  if (typeof original !== 'function') return;
  proc.getBuiltinModule = (id: string) => (id === 'node:async_hooks' || id === 'async_hooks' ? undefined : original.call(process, id));
  try {
    // Synchronous: the lookup happens before toString returns.
    void jsx('span', {}).toString();
  } finally {
    proc.getBuiltinModule = original;
  }
}
