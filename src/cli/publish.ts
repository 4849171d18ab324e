// `plenary publish --event SLUG [--note TEXT]`: the event's working copy becomes its next release.
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { NotFound } from '../domain/errors.ts';
import { publishEvent, withdrawEvent } from '../operations/releases.ts';
import { usageError } from './args.ts';
import { openMigrated } from './open.ts';
import { forTerminal } from './terminal.ts';

export const HELP = `usage: plenary publish --event SLUG [--note TEXT]
       plenary publish --event SLUG --withdraw

  --event SLUG   the event whose working copy to publish as its next release
  --note TEXT    what the release changes, in a line ("Panel 3 moved to the afternoon"),
                 shown on the event's public changelog
  --withdraw     take the event off the public site (its releases are kept)

Says so, and publishes nothing, when nothing changed since the latest release.`;

export async function run(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, strict: true, options: { event: { type: 'string' }, note: { type: 'string' }, withdraw: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (e) {
    throw usageError((e as Error).message, HELP);
  }
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (!values.event) throw usageError('--event SLUG is missing', HELP);
  if (values.withdraw && values.note !== undefined) throw usageError('--note goes with a release, not with --withdraw', HELP);
  const storage = await openMigrated(loadConfig());
  try {
    const event = await storage.db.selectFrom('event').select(['id', 'slug']).where('slug', '=', values.event).executeTakeFirst();
    if (!event) throw new NotFound(`no event "${values.event}"`);
    if (values.withdraw) {
      const done = await withdrawEvent(storage, event.id, null);
      console.log(forTerminal(done ? `event ${event.slug}: withdrawn from the public site` : `event ${event.slug}: was not on the public site`));
      return 0;
    }
    const r = await publishEvent(storage, event.id, { note: values.note ?? null });
    if (!r.changed) {
      console.log(forTerminal(`event ${event.slug}: nothing changed since release ${r.number}; nothing published`));
      return 0;
    }
    const n = r.changes?.items.length;
    console.log(forTerminal(`event ${event.slug}: published release ${r.number}${n === undefined ? ' (the first)' : ` (${n} change${n === 1 ? '' : 's'})`}`));
    return 0;
  } finally {
    await storage.close();
  }
}
