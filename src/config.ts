// The one place that reads the environment. Everything else receives a Config.
import { delimiter } from 'node:path';
import { z } from 'zod';

const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** interface to listen on; unset listens on all interfaces */
  HOST: z.string().min(1).optional(),
  /** `sqlite:PATH` (default, embedded) or `postgres://…` */
  DATABASE_URL: z.string().min(1).default('sqlite:data/plenary.db'),
  /** absolute address of the site, used in exports and links that leave the site */
  PUBLIC_URL: z.url().optional(),
  /** import the demo event when the database holds no events */
  PLENARY_DEMO: z.enum(['on', 'off']).default('on'),
  /** server processes on this machine; they share the database like instances behind a load balancer */
  PLENARY_WORKERS: z.coerce.number().int().min(1).max(64).default(1),
  /** how often (ms) an instance on PostgreSQL re-reads the cache generation as a safety net for LISTEN/NOTIFY */
  PLENARY_CACHE_POLL_MS: z.coerce.number().int().min(50).default(1000),
  /** `production` asks for PUBLIC_URL even on a loopback HOST (see publicUrlMissing) */
  NODE_ENV: z.string().optional(),
  /** memory for rendered pages in each server process, in MB; the least recently used go first */
  PLENARY_CACHE_MB: z.coerce.number().int().min(1).max(65536).default(64),
  /** a workspace sign-in unused this many minutes ends */
  PLENARY_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(7 * 24 * 60).default(120),
  /** and every sign-in ends this many hours after it began */
  PLENARY_SESSION_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
  /** the largest file an organizer or speaker may upload, in MB (at most 1024: the largest stored file, domain/file.ts) */
  PLENARY_UPLOAD_MAX_MB: z.coerce.number().int().min(1).max(1024).default(50),
  /** reverse proxies in front of each instance (load balancer, nginx): the client is the address X-Forwarded-For gives that many hops back */
  PLENARY_TRUSTED_PROXIES: z.coerce.number().int().min(0).max(10).default(0),
  /** directories of further interface languages' catalogues, beside the built-in ones (src/interface-languages.ts) */
  PLENARY_CATALOGUES: z.string().optional(),
});

export type Config = {
  port: number;
  host: string | undefined;
  databaseUrl: string;
  publicUrl: string | undefined;
  demo: boolean;
  cachePollMs: number;
  /** the page cache's budget in bytes (PLENARY_CACHE_MB) */
  cacheBytes: number;
  workers: number;
  production: boolean;
  /** workspace sign-in sessions (PLENARY_SESSION_IDLE_MINUTES, PLENARY_SESSION_HOURS) */
  session: { idleMinutes: number; absoluteHours: number };
  /** the largest upload in bytes (PLENARY_UPLOAD_MAX_MB) */
  uploadMaxBytes: number;
  /** reverse proxies in front (PLENARY_TRUSTED_PROXIES): how a client's address is read */
  trustedProxies: number;
  /** directories of further catalogue files (PLENARY_CATALOGUES); read once at start by src/interface-languages.ts */
  catalogueDirs: string[];
};

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  return {
    port: c.PORT,
    host: c.HOST,
    databaseUrl: c.DATABASE_URL,
    publicUrl: c.PUBLIC_URL?.replace(/\/+$/, ''),
    demo: c.PLENARY_DEMO === 'on',
    cachePollMs: c.PLENARY_CACHE_POLL_MS,
    cacheBytes: c.PLENARY_CACHE_MB * 1024 * 1024,
    workers: c.PLENARY_WORKERS,
    production: c.NODE_ENV === 'production',
    session: { idleMinutes: c.PLENARY_SESSION_IDLE_MINUTES, absoluteHours: c.PLENARY_SESSION_HOURS },
    uploadMaxBytes: c.PLENARY_UPLOAD_MAX_MB * 1024 * 1024,
    trustedProxies: c.PLENARY_TRUSTED_PROXIES,
    catalogueDirs: catalogueDirectories(env),
  };
}

/**
 * PLENARY_CATALOGUES: directories (separated as PATH is, ":" on Unix) whose catalogue files add
 * interface languages to the built-in ones. Read on its own, when the languages are found at start
 * (src/interface-languages.ts, before any command has loaded the rest of its configuration).
 */
export function catalogueDirectories(env: Record<string, string | undefined> = process.env): string[] {
  return (env.PLENARY_CATALOGUES ?? '').split(delimiter).filter((d) => d.trim() !== '');
}

/** 127.0.0.0/8, ::1 and localhost: addresses only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return h === 'localhost' || h === '::1' || /^(::ffff:)?127(\.\d{1,3}){3}$/.test(h);
}

/**
 * Whether the site's absolute address is missing where others will read it. Without PUBLIC_URL,
 * links that leave the site (exports, JSON-LD, the API) and calendar UIDs name the address the
 * server listens on. That is right only in development, which is a server on a loopback HOST
 * outside NODE_ENV=production; anything else (all interfaces, the default; a LAN address;
 * production behind a proxy) should say where the site lives.
 */
export function publicUrlMissing(config: Config): boolean {
  return config.publicUrl === undefined && (config.production || config.host === undefined || !isLoopbackHost(config.host));
}
