// An editor for `npm run bench:pages`: a separate process on the same database that saves a
// session of another event once per second while it is told to (SIGUSR1 starts, SIGUSR2
// pauses and prints how many saves it made), through write() with the event it changed
// declared, as an editing operation does, and publishes it in the same write as the next release
// (so that the public page shows each edit, and the bench can check it does).
//   DATABASE_URL=... node --import tsx bench/editor.ts
import type { Agenda } from '../src/domain/agenda.ts';
import { importAgenda } from '../src/operations/import-agenda.ts';
import { publishWithin } from '../src/operations/releases.ts';
import { openStorage } from '../src/storage/storage.ts';
import { write } from '../src/storage/write.ts';

export const OTHER_EVENT = 'bench-other-event';

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set');
  const storage = await openStorage(url);
  const agenda: Agenda = {
    title: null,
    warnings: [],
    days: [
      {
        date: '2024-05-06',
        label: null,
        sessions: [
          {
            start: '10:00',
            end: '11:00',
            kind: 'panel',
            number: 1,
            title: 'Edited panel 0',
            moderators: [],
            speakers: [{ name: 'Ana Lee', honorific: null, position: null, organization: null, country: null, countryCode: null, materials: [] }],
          },
        ],
      },
    ],
  };
  await importAgenda(storage, agenda, {
    series: { slug: 'bench-series', title: 'Bench series' },
    event: { slug: OTHER_EVENT, title: 'Another event', timeZone: 'Europe/Zurich' },
  }, { publish: true });
  const event = await storage.db.selectFrom('event').select('id').where('slug', '=', OTHER_EVENT).executeTakeFirstOrThrow();
  const session = await storage.db.selectFrom('session').select('id').where('event_id', '=', event.id).executeTakeFirstOrThrow();

  let timer: NodeJS.Timeout | null = null;
  let saves = 0;
  let failures = 0;
  const save = () => {
    const n = saves + failures + 1;
    write(storage, async (trx, scope) => {
      await trx.updateTable('session').set({ title: `Edited panel ${n}` }).where('id', '=', session.id).execute();
      scope.event(event.id);
      await publishWithin(trx, scope, event.id);
    }).then(
      () => void saves++,
      (e: Error) => {
        failures++;
        console.error(`editor: save failed: ${e.message}`);
      },
    );
  };
  process.on('SIGUSR1', () => {
    if (timer) return;
    saves = 0;
    failures = 0;
    save();
    timer = setInterval(save, 1000);
  });
  process.on('SIGUSR2', () => {
    if (timer) clearInterval(timer);
    timer = null;
    console.log(`editor: ${saves} saves, ${failures} failed, last title "Edited panel ${saves + failures}"`);
  });
  process.on('SIGTERM', () => {
    if (timer) clearInterval(timer);
    void storage.close().finally(() => process.exit(0));
  });
  console.log('editor: ready');
  // Stay alive until told to stop.
  setInterval(() => undefined, 1 << 30);
}

main().catch((e: unknown) => {
  console.error('editor:', e instanceof Error ? e.message : e);
  process.exit(1);
});
