// Starts a real server on a free port over a fresh, migrated database with the demo imported.
import type { Engine } from '../src/storage/storage.ts';
import { importDemo } from '../src/operations/demo.ts';
import { startServer, type RunningServer } from '../src/web/server.ts';
import { migratedStorage, type TestDb } from './engines.ts';

export type TestSite = TestDb & { server: RunningServer; base: string; stop(): Promise<void> };

export async function demoSite(engine: Engine = 'sqlite', opts: { demo?: boolean } = {}): Promise<TestSite> {
  const t = await migratedStorage(engine);
  if (opts.demo !== false) await importDemo(t.storage);
  const server = await startServer(t.storage, { port: 0, host: '127.0.0.1' });
  return {
    ...t,
    server,
    base: `http://127.0.0.1:${server.port}`,
    stop: async () => {
      await server.close();
      await t.cleanup();
    },
  };
}
