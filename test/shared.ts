// Tests may read ../shared (CI lays it beside the clone); where it is absent they skip, saying so.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SHARED_DIR = fileURLToPath(new URL('../../shared/', import.meta.url));
export const HAS_SHARED = existsSync(SHARED_DIR);
export const SHARED_SKIP = HAS_SHARED ? false : `../shared is absent (looked in ${SHARED_DIR}); this test needs the shared seed and fixtures`;

export function sharedPath(rel: string): string {
  return `${SHARED_DIR}${rel}`;
}
