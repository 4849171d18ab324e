import { Hono } from 'hono';
import type { AppDeps } from '../deps.ts';

export function calendarRoutes(_deps: AppDeps): Hono {
  return new Hono();
}
