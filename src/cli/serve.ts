import { loadConfig } from '../config.ts';
import { ensureDemo } from '../operations/demo.ts';
import { startServer } from '../web/server.ts';
import { openMigrated } from './open.ts';

export async function run(_argv: string[]): Promise<number> {
  const config = loadConfig();
  const storage = await openMigrated(config);
  if (config.demo && (await ensureDemo(storage))) console.log('plenary: the database held no events; imported the demo event');
  const running = await startServer(storage, { port: config.port, host: config.host });
  const shown = config.host && config.host !== '0.0.0.0' && config.host !== '::' ? config.host : 'localhost';
  console.log(`plenary: serving http://${shown}:${running.port} (${storage.engine})`);
  const stop = async () => {
    await running.close();
    await storage.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  await new Promise<never>(() => {});
  return 0;
}
