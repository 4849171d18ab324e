// Keeps hono/jsx from switching on Node's async hooks for the whole process.
//
// hono/jsx keeps a render context for createContext/useContext. Where it finds Node's
// AsyncLocalStorage it runs every render inside one. On Node 20 AsyncLocalStorage is built on
// async_hooks, so after the first render every promise, socket, timer and HTTP parser in the
// process pays an init hook, the cached-page hot path included (bench:pages measured about 9%
// fewer requests per second with it). Plenary's views are synchronous functions and use no JSX
// context, and for synchronous renders hono's fallback (a module-level store set for the
// duration of the render) is exact.
//
// hono looks for AsyncLocalStorage once, at its first render, through
// process.getBuiltinModule and then process.mainModule.require (set when the main module is
// CommonJS, as under some process managers). That first render is done here, while both
// lookups find nothing, and both are put back straight after.
// test/render-context.test.ts checks, in fresh processes (an ES module entry and a CommonJS
// one) that serve every kind of page, that promises still run without async hooks afterwards.
import { jsx } from 'hono/jsx';

let probed = false;

export function renderWithoutAsyncContext(): void {
  if (probed) return;
  probed = true;
  const proc = process as unknown as Record<string, unknown>;
  const hidden = ['getBuiltinModule', 'mainModule'] as const;
  const saved = hidden.map((key) => [key, Object.getOwnPropertyDescriptor(proc, key)] as const);
  for (const key of hidden) Object.defineProperty(proc, key, { value: undefined, configurable: true, writable: true });
  try {
    // Synchronous: the lookup happens before toString returns.
    void jsx('span', {}).toString();
  } finally {
    for (const [key, descriptor] of saved) {
      if (descriptor) Object.defineProperty(proc, key, descriptor);
      else delete proc[key];
    }
  }
}
