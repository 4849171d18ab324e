// Warnings before publishing, on the event's workspace page through the running server: a
// person in two events at the same moment though their local times differ (Geneva and New York),
// two sessions of one room at once, a session outside the event's dates, a panel without a title
// or people, a speaker who speaks for nobody named, a material without a file. Every engine.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { importAgenda } from '../src/operations/import-agenda.ts';
import { startServer } from '../src/web/server.ts';
import { ENGINES, migratedStorage } from './engines.ts';
import { agenda, person, session } from './factories.ts';
import { decode, signedIn } from './http-client.ts';

for (const engine of ENGINES) {
  describe(`clash warnings on ${engine}`, () => {
    test('compared as instants across time zones; shown, never blocking', async () => {
      const db = await migratedStorage(engine);
      const server = await startServer(db.storage, { port: 0, host: '127.0.0.1' });
      const base = `http://127.0.0.1:${server.port}`;
      try {
        const diallo = person('Amina Diallo', { organization: 'Ministry of Labour', country: 'Senegal', countryCode: 'SN' });
        // Geneva, 10 March 2025, 15:00–16:00 CET = 14:00–15:00 UTC.
        await importAgenda(
          db.storage,
          agenda([
            {
              date: '2025-03-10',
              sessions: [
                session({ start: '15:00', end: '16:00', title: 'Labour pathways', speakers: [diallo] }),
                session({ start: '15:30', end: '16:30', title: 'Skills', speakers: [person('Kofi Mensah', { materials: [{ kind: 'statement', label: 'Statement' }] })] }),
                session({ start: '16:30', end: '17:00', title: null, speakers: [] }),
              ],
            },
            { date: '2025-03-11', sessions: [session({ start: '10:00', end: '11:00', title: 'Closing panel', speakers: [person('Lena Novak', { country: 'Germany', countryCode: 'DE' })] })] },
          ]),
          { series: { slug: 'labour', title: 'Labour' }, event: { slug: 'geneva-2025', title: 'Geneva dialogue', timeZone: 'Europe/Zurich' } },
        );
        // New York, the same day, 09:30–10:30 EDT = 13:30–14:30 UTC: the same person, half an hour together.
        await importAgenda(
          db.storage,
          agenda([{ date: '2025-03-10', sessions: [session({ start: '09:30', end: '10:30', title: 'Regional review', speakers: [diallo] })] }]),
          { series: { slug: 'labour', title: 'Labour' }, event: { slug: 'new-york-2025', title: 'New York review', timeZone: 'America/New_York' } },
        );
        const geneva = await db.storage.db.selectFrom('event').select(['id', 'version']).where('slug', '=', 'geneva-2025').executeTakeFirstOrThrow();
        const ed = await signedIn(db.storage, base, { email: 'ed@example.org', role: 'editor', series: ['labour'] });
        // The event's dates narrowed by hand: its second day falls outside them.
        const form = { slug: 'geneva-2025', title: 'Geneva dialogue', lang: 'en', start_date: '2025-03-10', end_date: '2025-03-10', time_zone: 'Europe/Zurich', venue: '', address: '', city: '', country_code: '', overview: '', themes: '', contact_email: '', version: String(geneva.version) };
        assert.equal((await ed.post(`/admin/events/${geneva.id}`, form)).status, 303);

        const page = (await ed.get(`/admin/events/${geneva.id}`)).body;
        const items = [...(page.match(/<ul class="warnings">([\s\S]*?)<\/ul>/)?.[1] ?? '').matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => decode(m[1]!));
        assert.deepEqual(items, [
          'session (untitled panel) (Monday, March 10, 2025, 16:30–17:00) has no title Open the session',
          'session (untitled panel) (Monday, March 10, 2025, 16:30–17:00) has nobody in it Open the session',
          'session “Closing panel” (Tuesday, March 11, 2025, 10:00–11:00) is outside the event’s dates (Monday, March 10, 2025 to Monday, March 10, 2025) Open the session',
          'session “Skills” (Monday, March 10, 2025, 15:30–16:30) overlaps session “Labour pathways” (Monday, March 10, 2025, 15:00–16:00) in the same room Open the session',
          'Amina Diallo is in session “Labour pathways” (Monday, March 10, 2025, 15:00–16:00) and, at the same time, in session “Regional review” (Monday, March 10, 2025, 09:30–10:30) of New York review Open the session',
          'Kofi Mensah speaks in session “Skills” (Monday, March 10, 2025, 15:30–16:30) without an organization or a country Open the session',
          'the material “Statement” has no file or link yet',
        ]);
        // The other event sees the same clash from its side.
        const ny = await db.storage.db.selectFrom('event').select('id').where('slug', '=', 'new-york-2025').executeTakeFirstOrThrow();
        const nyItems = [...((await ed.get(`/admin/events/${ny.id}`)).body.match(/<ul class="warnings">([\s\S]*?)<\/ul>/)?.[1] ?? '').matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => decode(m[1]!));
        assert.deepEqual(nyItems, ['Amina Diallo is in session “Regional review” (Monday, March 10, 2025, 09:30–10:30) and, at the same time, in session “Labour pathways” (Monday, March 10, 2025, 15:00–16:00) of Geneva dialogue Open the session']);
      } finally {
        await server.close();
        await db.cleanup();
      }
    });
  });
}
