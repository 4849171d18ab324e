// The demo event: imported on first start so that a new instance shows something real.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { parseAgendaText } from '../importer/parse-text.ts';
import type { Storage } from '../storage/storage.ts';
import { importAgenda, type ImportReport } from './import-agenda.ts';

const DEMO_DIR = new URL('../../demo/', import.meta.url);

const demoSchema = z.object({
  series: z.object({ slug: z.string(), title: z.string(), description: z.string().optional(), convener: z.string().optional() }),
  event: z.object({ slug: z.string() }).passthrough(),
});

export async function importDemo(storage: Storage): Promise<ImportReport> {
  const meta = demoSchema.parse(JSON.parse(await readFile(new URL('idm-2017-new-york.json', DEMO_DIR), 'utf8')));
  const text = await readFile(new URL('idm-2017-new-york.agenda.txt', DEMO_DIR), 'utf8');
  return importAgenda(storage, parseAgendaText(text), meta as Parameters<typeof importAgenda>[2]);
}

/** Imports the demo when the database holds no events; returns whether it did. */
export async function ensureDemo(storage: Storage): Promise<boolean> {
  const any = await storage.db.selectFrom('event').select('id').limit(1).executeTakeFirst();
  if (any) return false;
  await importDemo(storage);
  return true;
}
