// The HTTP server: cached pages are answered before the framework is entered.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import type { SessionPolicy } from '../operations/accounts.ts';
import type { Storage } from '../storage/storage.ts';
import { createApp } from './app.tsx';
import { preferredLanguage } from './i18n/accept-language.ts';
import { PageCache, sendCached } from './page-cache.ts';
import { hasZoneCookie } from './viewer-zone.ts';

export type RunningServer = {
  server: Server;
  port: number;
  cache: PageCache;
  /** PUBLIC_URL, or the address this server listens on */
  baseUrl(): string;
  close(): Promise<void>;
};

/** The address used for absolute links when PUBLIC_URL is unset: where the server listens. */
export function listeningUrl(host: string | undefined, port: number): string {
  const shown = host && host !== '0.0.0.0' && host !== '::' ? host : 'localhost';
  return `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}`;
}

export async function startServer(
  storage: Storage,
  opts: { port: number; host?: string | undefined; publicUrl?: string | undefined; cacheBytes?: number | undefined; session?: SessionPolicy | undefined; uploadMaxBytes?: number | undefined; trustedProxies?: number | undefined },
): Promise<RunningServer> {
  const cache = new PageCache(storage.generation, { maxBytes: opts.cacheBytes });
  let port = opts.port;
  const baseUrl = () => opts.publicUrl ?? listeningUrl(opts.host, port);
  const app = createApp({ storage, cache, baseUrl, session: opts.session, uploadMaxBytes: opts.uploadMaxBytes, trustedProxies: opts.trustedProxies });
  const slow = getRequestListener(app.fetch);
  // Pages are larger than the default 16 KB stream buffer; a larger one writes each in one go.
  const server = createServer({ highWaterMark: 64 * 1024 }, (req, res) => {
    const url = req.url ?? '/';
    // A reader who chose a time zone (its cookie) may see another page at the same path: web/viewer-zone.ts.
    // At the bare root a browser that prefers French, Spanish or Arabic is redirected by the app
    // (i18n/accept-language.ts); every other address, /fr/… included, is answered from memory.
    if ((req.method === 'GET' || req.method === 'HEAD') && !url.includes('?') && !hasZoneCookie(req.headers.cookie) && (url.length > 1 || preferredLanguage(req.headers['accept-language']) === 'en')) {
      const hit = cache.get(url);
      if (hit) return sendCached(req, res, hit);
    }
    void slow(req, res);
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    cache,
    baseUrl,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}
