// A re-import never silently undoes what organizers did in the workspace: an agenda imported
// with the command, edited through the running server's forms (a title, an order, a move, a
// session and a talk title added by hand), then imported again from a changed page. Fields set
// by hand stay and are reported as not overwritten; what only the page made follows the page;
// a form opened before the import gets the conflict page. Every engine.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { startServer } from '../src/web/server.ts';
import { ENGINES, migratedStorage } from './engines.ts';
import { decode, signedIn } from './http-client.ts';
import { runPlenary } from './plenary-cli.ts';

const HEAD = `Dialogue on Labour Mobility
Geneva, 3–4 March 2025

DAY 1 – Monday, 3 March 2025

10:00 – 10:30 Opening remarks by H.E. Ms. Amina Diallo, Minister of Labour, Republic of Senegal
`;
const V1 = `${HEAD}
10:30 – 12:00 Panel 1 – Skills partnerships
Ms. Laura Becker, Director, Federal Employment Agency, Germany
Mr. Tomás Rivera, Adviser, Ministry of Labour, Mexico
Moderator: Ms. Grace Otieno, Journalist, Daily Nation

14:00 – 15:30 Panel 2 – Fair recruitment
Ms. Nadia Rahman, Secretary, Ministry of Expatriates' Welfare, Bangladesh

DAY 2 – Tuesday, 4 March 2025

09:30 – 11:00 Panel 3 – Data on labour migration
Mr. Henrik Olsen, Statistician, Statistics Norway

11:00 – 11:30 Closing remarks by Mr. Peter Lang, Director, International Labour Office
`;
// The page a week later: a speaker added to panel 1, panel 3 retitled, the closing gone.
const V2 = `${HEAD}
10:30 – 12:00 Panel 1 – Skills partnerships
Ms. Laura Becker, Director, Federal Employment Agency, Germany
Mr. Tomás Rivera, Adviser, Ministry of Labour, Mexico
Dr. Chen Wei, Professor, Peking University, China
Moderator: Ms. Grace Otieno, Journalist, Daily Nation

14:00 – 15:30 Panel 2 – Fair recruitment
Ms. Nadia Rahman, Secretary, Ministry of Expatriates' Welfare, Bangladesh

DAY 2 – Tuesday, 4 March 2025

09:30 – 11:00 Panel 3 – Data and evidence
Mr. Henrik Olsen, Statistician, Statistics Norway
`;

for (const engine of ENGINES) {
  describe(`re-import over hand edits on ${engine}`, () => {
    test('fields, orders, moves and records made by hand survive a re-import, which reports each one it did not overwrite', async () => {
      const db = await migratedStorage(engine);
      const dir = mkdtempSync(join(tmpdir(), 'plenary-reimport-'));
      const server = await startServer(db.storage, { port: 0, host: '127.0.0.1' });
      const base = `http://127.0.0.1:${server.port}`;
      try {
        const page = join(dir, 'agenda.txt');
        const importPage = (text: string, extra: string[] = []) => {
          writeFileSync(page, text);
          const r = runPlenary(['import', page, '--series', 'labour', '--series-title', 'Labour Dialogues', '--event', 'labour-2025', '--title', 'Dialogue on Labour Mobility', '--time-zone', 'Europe/Zurich', ...extra], db.url);
          assert.equal(r.code, 0, r.err);
          return r.out;
        };
        // The first reading goes to the working copy only; the re-import publishes (--publish).
        const first = importPage(V1).trim().split('\n');
        assert.deepEqual([first[1], first[7]], ['event labour-2025: created (draft, 2025-03-03 to 2025-03-04)', 'not published: stored in the working copy (publish with: plenary publish --event labour-2025)']);
        assert.equal((await fetch(`${base}/events/labour-2025`)).status, 404);

        const q = db.storage.db;
        const sessionId = async (title: string) => (await q.selectFrom('session').select('id').where('title', '=', title).executeTakeFirstOrThrow()).id;
        const version = async (table: 'session' | 'appearance', id: number) => (await q.selectFrom(table).select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;
        const appearanceOf = async (name: string) =>
          (await q.selectFrom('appearance as a').innerJoin('person as p', 'p.id', 'a.person_id').select('a.id').where('p.name', '=', name).executeTakeFirstOrThrow()).id;
        const days = await q.selectFrom('day').select(['id', 'date']).orderBy('date').execute();
        const [day1, day2] = [days[0]!.id, days[1]!.id];
        const panel1 = await sessionId('Skills partnerships');
        const panel2 = await sessionId('Fair recruitment');
        const panel3 = await sessionId('Data on labour migration');

        const ed = await signedIn(db.storage, base, { email: 'ed@example.org', role: 'editor', series: ['labour'] });
        const saved = (r: { status: number; body: string }) => assert.equal(r.status, 303, r.body.slice(0, 2000));
        // A title, the order of two speakers, a move to the other day, a session and a talk title.
        saved(await ed.post(`/admin/sessions/${panel1}`, { kind: 'panel', number: '1', title: 'Skills and talent partnerships', start_time: '10:30', end_time: '12:00', version: String(await version('session', panel1)) }));
        const rivera = await appearanceOf('Tomás Rivera');
        saved(await ed.post(`/admin/appearances/${rivera}/order`, { direction: 'up', version: String(await version('appearance', rivera)) }));
        saved(await ed.post(`/admin/sessions/${panel2}/move`, { day_id: String(day2), version: String(await version('session', panel2)) }));
        saved(await ed.post(`/admin/days/${day1}/sessions`, { kind: 'other', number: '', title: 'Side event: youth voices', start_time: '16:00', end_time: '17:00' }));
        const olsen = await appearanceOf('Henrik Olsen');
        // Only the talk title changes; the rest as stored (however the page was read).
        const olsenRow = await q.selectFrom('appearance').selectAll().where('id', '=', olsen).executeTakeFirstOrThrow();
        const olsenOrg = olsenRow.organization_id === null ? '' : (await q.selectFrom('organization').select('name').where('id', '=', olsenRow.organization_id).executeTakeFirstOrThrow()).name;
        saved(
          await ed.post(`/admin/appearances/${olsen}`, { role: 'speaker', role_label: '', honorific: 'Mr.', affiliation_position: olsenRow.affiliation_position ?? '', organization: olsenOrg, country: olsenRow.country ?? '', talk_title: 'Counting those who move', version: String(await version('appearance', olsen)) }),
        );
        // Someone opens panel 3's form before the import, and saves it after.
        const panel3Version = await version('session', panel3);

        const out = importPage(V2, ['--publish']).trim().split('\n');
        // (How many organizations the page names is the reader's business, tested elsewhere.)
        assert.deepEqual([...out.slice(0, 6), ...out.slice(7)], [
          'series labour: existing',
          'event labour-2025: updated (published, 2025-03-03 to 2025-03-04)',
          'days: 2',
          'sessions: 0 created, 4 updated, 1 removed',
          'appearances: 1 created, 6 updated, 0 removed',
          'persons: 1 created, 6 matched',
          'published: release 1',
          'not overwritten: session "Skills and talent partnerships" (2025-03-03 10:30): kept title "Skills and talent partnerships" as set in the workspace; the page gives "Skills partnerships"',
          `not overwritten: the order of the people of session ${panel1} was set in the workspace; kept it (people new on the page are at the end)`,
          'not overwritten: session "Fair recruitment" (2025-03-03 14:00): kept day "2025-03-04" as set in the workspace; the page gives "2025-03-03"',
          'not overwritten: Henrik Olsen (speaker): kept talk_title "Counting those who move" as set in the workspace; the page gives empty',
          'not overwritten: session "Side event: youth voices" (2025-03-03 16:00): no longer on the page; kept, as it was made or edited in the workspace',
        ]);

        // The agenda as stored: hand edits in place, the page's own changes applied.
        const agenda = await q
          .selectFrom('session as s')
          .innerJoin('day as d', 'd.id', 's.day_id')
          .select(['d.date', 's.position', 's.title', 's.id'])
          .orderBy('d.date')
          .orderBy('s.position')
          .execute();
        assert.deepEqual(
          agenda.map((s) => `${s.date} ${s.position} ${s.title}`),
          [
            '2025-03-03 0 Opening remarks',
            '2025-03-03 1 Skills and talent partnerships',
            '2025-03-03 2 Side event: youth voices',
            '2025-03-04 0 Data and evidence',
            '2025-03-04 1 Fair recruitment',
          ],
        );
        const people = await q
          .selectFrom('appearance as a')
          .innerJoin('person as p', 'p.id', 'a.person_id')
          .select(['p.name', 'a.role', 'a.talk_title'])
          .where('a.session_id', '=', panel1)
          .orderBy('a.position')
          .execute();
        assert.deepEqual(
          people.map((p) => `${p.role} ${p.name}`),
          ['moderator Grace Otieno', 'speaker Tomás Rivera', 'speaker Laura Becker', 'speaker Chen Wei'],
        );
        const olsenNow = await q.selectFrom('appearance').select('talk_title').where('id', '=', olsen).executeTakeFirstOrThrow();
        assert.equal(olsenNow.talk_title, 'Counting those who move');

        // The form opened before the import cannot save over it: the conflict page.
        const stale = await ed.post(`/admin/sessions/${panel3}`, { kind: 'panel', number: '3', title: 'Data on labour migration (rev.)', start_time: '09:30', end_time: '11:00', version: String(panel3Version) });
        assert.equal(stale.status, 409);
        assert.ok(decode(stale.body).includes(`(you edited version ${panel3Version}; it is now at version ${panel3Version + 1})`), decode(stale.body).slice(0, 1500));

        // The public page (release 1, the re-import's) shows the hand title; the audit log says what the import did.
        const pub = await fetch(`${base}/events/labour-2025`);
        const text = decode(await pub.text());
        assert.ok(text.includes('Skills and talent partnerships'));
        assert.ok(!text.includes('Closing remarks'));
        const log = decode((await ed.get('/admin/audit')).body);
        assert.ok(log.includes("plenary import (command line) import event 1: Dialogue on Labour Mobility Sessions created: 0 ; Sessions updated: 4 ; Sessions removed: 1 ; Appearances created: 1 ; Appearances updated: 6 ; Appearances removed: 0 ; Kept as edited by hand: 5"), log.slice(-2500));

        // Importing the same page again changes nothing more and reports the same kept edits.
        const again = importPage(V2, ['--publish']).trim().split('\n');
        assert.equal(again[3], 'sessions: 0 created, 4 updated, 0 removed');
        assert.equal(again[7], 'published: nothing changed since release 1');
        assert.deepEqual(again.slice(8), out.slice(8));
      } finally {
        await server.close();
        await db.cleanup();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}
