import { Hono } from 'hono';
import type { AppDeps } from '../deps.ts';

export function apiRoutes(_deps: AppDeps): Hono {
  return new Hono();
}
