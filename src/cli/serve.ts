// `plenary serve`: migrate, import the demo into an empty database, then serve. With
// PLENARY_WORKERS > 1 the primary prepares the database once and forks that many servers
// on the same port; they share the database as instances behind a load balancer do.
import cluster from 'node:cluster';
import { type Config, loadConfig, publicUrlMissing } from '../config.ts';
import { ensureDemo } from '../operations/demo.ts';
import { startFileTextWorker } from '../operations/search.ts';
import { listeningUrl, startServer } from '../web/server.ts';
import { openMigrated } from './open.ts';

export const HELP = `usage: plenary serve

  Migrates the database at DATABASE_URL, imports the demo into an empty one, then serves the
  site on PORT (HOST, PUBLIC_URL, PLENARY_WORKERS and the rest: see README).`;

async function serveHere(): Promise<void> {
  const config = loadConfig();
  const storage = await openMigrated(config);
  const running = await startServer(storage, { port: config.port, host: config.host, publicUrl: config.publicUrl, cacheBytes: config.cacheBytes, session: config.session, uploadMaxBytes: config.uploadMaxBytes, trustedProxies: config.trustedProxies });
  // Stored PDF and Word files are read for search here, one at a time, claimed from a queue that every instance shares.
  const reader = startFileTextWorker(storage, { log: (m) => console.error(`plenary: ${m}`) });
  if (cluster.isPrimary) {
    console.log(`plenary: serving ${listeningUrl(config.host, running.port)} (${storage.engine})`);
    warnWithoutPublicUrl(config, running.port);
  }
  const stop = async () => {
    await reader.stop();
    await running.close();
    await storage.close();
    process.exit(0);
  };
  const stopLogged = () => stop().catch((e: Error) => {
    console.error(`plenary: stopping failed: ${e.message}`);
    process.exit(1);
  });
  process.once('SIGINT', stopLogged);
  process.once('SIGTERM', stopLogged);
}

/** Said once, by the process that says where it serves. See publicUrlMissing in config.ts. */
function warnWithoutPublicUrl(config: Config, port: number): void {
  if (!publicUrlMissing(config)) return;
  console.error(
    `plenary: warning: PUBLIC_URL is not set: absolute links and calendar UIDs will use ${listeningUrl(config.host, port)}; ` +
      "set PUBLIC_URL to the site's public address (e.g. https://events.example.org) before calendars subscribe, as the UIDs change with it",
  );
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
  let listening = 0;
  for (let i = 0; i < config.workers; i++) {
    const worker = cluster.fork();
    worker.once('listening', (address) => {
      if (++listening !== config.workers) return;
      console.log(`plenary: serving ${listeningUrl(config.host, address.port)} with ${config.workers} workers`);
      warnWithoutPublicUrl(config, address.port);
    });
  }
  let stopping = false;
  // A worker that dies is replaced; one that keeps dying (database down, bad settings) is
  // replaced ever more slowly, and after 10 deaths in a minute the server gives up.
  const deaths: number[] = [];
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    const now = Date.now();
    deaths.push(now);
    while (deaths.length && deaths[0]! < now - 60_000) deaths.shift();
    if (deaths.length >= 10) {
      console.error(`plenary: ${deaths.length} workers stopped within a minute; giving up`);
      stopping = true;
      for (const w of Object.values(cluster.workers ?? {})) w?.kill('SIGTERM');
      process.exitCode = 1;
      return;
    }
    const delay = Math.min(100 * 2 ** (deaths.length - 1), 10_000);
    console.error(`plenary: worker ${worker.process.pid} stopped (${signal ?? code}); starting another in ${delay} ms`);
    setTimeout(() => {
      if (!stopping) cluster.fork();
    }, delay);
  });
  const stop = () => {
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.kill('SIGTERM');
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return 0;
}
