import type { SessionPolicy } from '../operations/accounts.ts';
import type { Storage } from '../storage/storage.ts';
import type { PageCache } from './page-cache.ts';

export type AppDeps = {
  storage: Storage;
  cache: PageCache;
  /** the site's absolute address without a trailing slash: PUBLIC_URL, or where this server listens */
  baseUrl(): string;
  /** workspace sign-in lifetimes; the defaults of operations/accounts.ts when absent */
  session?: SessionPolicy | undefined;
  /** the largest upload in bytes (PLENARY_UPLOAD_MAX_MB) */
  uploadMaxBytes?: number | undefined;
  /** reverse proxies in front (PLENARY_TRUSTED_PROXIES); 0 or absent: the socket's peer is the client */
  trustedProxies?: number | undefined;
};
