// `plenary serve`: migrate, import the demo into an empty database, then serve. With
// PLENARY_WORKERS > 1 the primary prepares the database once and forks that many servers
// on the same port; they share the database as instances behind a load balancer do.
import cluster from 'node:cluster';
import { loadConfig } from '../config.ts';
import { ensureDemo } from '../operations/demo.ts';
import { startServer } from '../web/server.ts';
import { openMigrated } from './open.ts';

async function serveHere(): Promise<void> {
  const config = loadConfig();
  const storage = await openMigrated(config);
  const running = await startServer(storage, { port: config.port, host: config.host, publicUrl: config.publicUrl });
  const shown = config.host && config.host !== '0.0.0.0' && config.host !== '::' ? config.host : 'localhost';
  if (cluster.isPrimary) console.log(`plenary: serving http://${shown}:${running.port} (${storage.engine})`);
  const stop = async () => {
    await running.close();
    await storage.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

export async function run(_argv: string[]): Promise<number> {
  const config = loadConfig();
  if (cluster.isWorker) {
    await serveHere();
    return 0;
  }
  const storage = await openMigrated(config);
  try {
    if (config.demo && (await ensureDemo(storage))) console.log('plenary: the database held no events; imported the demo event');
  } finally {
    await storage.close();
  }
  if (config.workers === 1) {
    await serveHere();
    return 0;
  }
  const shown = config.host && config.host !== '0.0.0.0' && config.host !== '::' ? config.host : 'localhost';
  let listening = 0;
  for (let i = 0; i < config.workers; i++) {
    const worker = cluster.fork();
    worker.once('listening', (address) => {
      if (++listening === config.workers) console.log(`plenary: serving http://${shown}:${address.port} with ${config.workers} workers`);
    });
  }
  let stopping = false;
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    console.error(`plenary: worker ${worker.process.pid} stopped (${signal ?? code}); starting another`);
    cluster.fork();
  });
  const stop = () => {
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.kill('SIGTERM');
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return 0;
}
