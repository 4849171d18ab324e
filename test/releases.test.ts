// Releases (issue 11): an import goes into the working copy and publishes nothing; `plenary
// publish` makes release 1; edits in the workspace (a session moved, a speaker replaced, a session
// deleted) stay invisible to the public until an editor publishes again; then the changelog page,
// its Atom feed (read by Python's feedparser), the API, the calendar (SEQUENCE raised, the new
// time, the dropped session CANCELLED) and frab's version follow release 2. Every engine.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { sql } from 'kysely';
import { COPIED_COLUMNS } from '../src/operations/releases.ts';
import { startServer } from '../src/web/server.ts';
import { ENGINES, migratedStorage } from './engines.ts';
import { decode, hidden, http, signedIn } from './http-client.ts';
import { runPlenary } from './plenary-cli.ts';

const AGENDA = `Dialogue on Labour Mobility
Geneva, 3–4 March 2025

DAY 1 – Monday, 3 March 2025

10:00 – 10:30 Opening remarks by H.E. Ms. Amina Diallo, Minister of Labour, Republic of Senegal

14:00 – 15:30 Panel 2 – Fair recruitment
Ms. Nadia Rahman, Secretary, Ministry of Expatriates' Welfare, Bangladesh

DAY 2 – Tuesday, 4 March 2025

09:30 – 11:00 Panel 3 – Data on labour migration
Mr. Henrik Olsen, Statistician, Statistics Norway

11:00 – 11:30 Closing remarks by Mr. Peter Lang, Director, International Labour Office
`;

const FEEDPARSER = spawnSync('/usr/bin/python3', ['-c', 'import feedparser'], { encoding: 'utf8' }).status === 0;

/** The feed as Python's feedparser reads it: title and content of each entry. */
function readAtom(xml: string): { bozo: number; title: string; entries: Array<{ id: string; title: string; link: string; content: string }> } {
  const code = `import feedparser, json, sys
d = feedparser.parse(sys.stdin.read())
print(json.dumps({"bozo": int(d.bozo), "title": d.feed.get("title"), "entries": [{"id": e.id, "title": e.title, "link": e.link, "content": e.content[0].value} for e in d.entries]}))`;
  const r = spawnSync('/usr/bin/python3', ['-c', code], { input: xml, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

/** Unfolded VEVENTs of an .ics, as property maps (the first value of each name). */
function vevents(ics: string): Array<Map<string, string>> {
  const lines = ics.replace(/\r\n[ \t]/g, '').split('\r\n');
  const out: Array<Map<string, string>> = [];
  let cur: Map<string, string> | null = null;
  for (const l of lines) {
    if (l === 'BEGIN:VEVENT') cur = new Map();
    else if (l === 'END:VEVENT') {
      out.push(cur!);
      cur = null;
    } else if (cur) {
      const m = /^([A-Z-]+)([^:]*):(.*)$/.exec(l);
      if (m && !cur.has(m[1]!)) cur.set(m[1]!, `${m[2]}:${m[3]}`);
    }
  }
  return out;
}

for (const engine of ENGINES) {
  describe(`releases on ${engine}`, () => {
    test('the published copies have exactly the columns of the working tables', async () => {
      const db = await migratedStorage(engine);
      try {
        const columns = async (table: string): Promise<string[]> => {
          const r =
            engine === 'postgres'
              ? await sql<{ name: string }>`SELECT column_name AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ${table}`.execute(db.storage.db)
              : await sql<{ name: string }>`SELECT name FROM pragma_table_info(${table})`.execute(db.storage.db);
          return r.rows.map((x) => x.name).sort();
        };
        for (const [table, copied] of Object.entries(COPIED_COLUMNS)) {
          const working = await columns(table);
          assert.deepEqual(await columns(`pub_${table}`), working, `pub_${table}`);
          assert.deepEqual([...copied].sort(), working, `${table}: COPIED_COLUMNS`);
        }
      } finally {
        await db.cleanup();
      }
    });

    test('import, publish, edit, publish again: the public follows releases only, and says what changed', async () => {
      const db = await migratedStorage(engine);
      const dir = mkdtempSync(join(tmpdir(), 'plenary-releases-'));
      const server = await startServer(db.storage, { port: 0, host: '127.0.0.1' });
      const base = `http://127.0.0.1:${server.port}`;
      try {
        const page = join(dir, 'agenda.txt');
        writeFileSync(page, AGENDA);
        const imported = runPlenary(['import', page, '--series', 'labour', '--series-title', 'Labour Dialogues', '--event', 'labour-2025', '--title', 'Dialogue on Labour Mobility', '--time-zone', 'Europe/Zurich'], db.url);
        assert.equal(imported.code, 0, imported.err);
        assert.match(imported.out, /^event labour-2025: created \(draft, 2025-03-03 to 2025-03-04\)$/m);
        assert.match(imported.out, /^not published: stored in the working copy \(publish with: plenary publish --event labour-2025\)$/m);
        // Nothing public yet: the page, its calendar and the changelog are 404.
        for (const path of ['/events/labour-2025', '/events/labour-2025/calendar.ics', '/events/labour-2025/changes', '/api/events/labour-2025/releases']) {
          assert.equal((await http('GET', base + path)).status, 404, path);
        }

        // Another process's write reaches this server's cache through the database (on PostgreSQL a
        // notification, a moment after the command exits): wait until it has seen the generation.
        const caughtUp = async () => {
          const stored = Number((await db.storage.db.selectFrom('site_state').select('value').where('key', '=', 'generation').executeTakeFirstOrThrow()).value);
          for (let i = 0; i < 200 && server.cache.currentGeneration() < stored; i++) await new Promise((r) => setTimeout(r, 50));
          assert.ok(server.cache.currentGeneration() >= stored, `the server saw generation ${stored}`);
        };
        const first = runPlenary(['publish', '--event', 'labour-2025'], db.url);
        assert.equal(first.code, 0, first.err);
        await caughtUp();
        assert.equal(first.out, 'event labour-2025: published release 1 (the first)\n');
        const again = runPlenary(['publish', '--event', 'labour-2025'], db.url);
        assert.equal(again.out, 'event labour-2025: nothing changed since release 1; nothing published\n');

        const ics1 = (await http('GET', `${base}/events/labour-2025/calendar.ics`)).body;
        const seq1 = Number(vevents(ics1)[0]!.get('SEQUENCE')!.slice(1));
        assert.equal(vevents(ics1).length, 4);
        assert.match((await http('GET', `${base}/events/labour-2025/schedule.xml`)).body, /<version>release 1<\/version>/);

        // The editor's changes, through the workspace's forms.
        const q = db.storage.db;
        const ed = await signedIn(db.storage, base, { email: 'editor@example.org', role: 'editor', series: ['labour'] });
        const panel2 = await q.selectFrom('session').selectAll().where('title', '=', 'Fair recruitment').executeTakeFirstOrThrow();
        const form = (await ed.get(`/admin/sessions/${panel2.id}`)).body;
        const value = (name: string) => decode(new RegExp(`name="${name}"[^>]*value="([^"]*)"`).exec(form)?.[1] ?? '');
        const moved = await ed.post(`/admin/sessions/${panel2.id}`, {
          kind: 'panel', number: value('number'), title: value('title'), lang: 'en', start_time: '16:00', end_time: '17:30', version: hidden(form, 'version')[0]!,
        });
        assert.equal(moved.status, 303, moved.body);
        const nadia = await q.selectFrom('appearance as a').innerJoin('person as p', 'p.id', 'a.person_id').select(['a.id', 'a.version']).where('p.name', '=', 'Nadia Rahman').executeTakeFirstOrThrow();
        assert.equal((await ed.post(`/admin/appearances/${nadia.id}/delete`, { version: String(nadia.version) })).status, 303);
        const added = await ed.post(`/admin/sessions/${panel2.id}/appearances`, { role: 'speaker', name: 'Sofia Marin', confirm_new: '1' });
        assert.equal(added.status, 303, added.body);
        const closing = await q.selectFrom('session').selectAll().where('kind', '=', 'closing').executeTakeFirstOrThrow();
        assert.equal((await ed.post(`/admin/sessions/${closing.id}/delete`, { version: String(closing.version) })).status, 303);

        // The public still sees release 1.
        const before = decode((await http('GET', `${base}/events/labour-2025`)).body);
        assert.ok(before.includes('Nadia Rahman') && !before.includes('Sofia Marin') && before.includes('Peter Lang'), 'the public page shows release 1');
        const ws = decode((await ed.get(`/admin/events/${panel2.event_id}`)).body);
        assert.ok(ws.includes('Unpublished changes: the public still sees release 1.'), 'the workspace says there are unpublished changes');
        const preview = decode((await ed.get(`/admin/events/${panel2.event_id}/preview`)).body);
        assert.ok(preview.includes('Sofia Marin') && !preview.includes('Nadia Rahman'), 'the preview shows the working copy');
        assert.equal((await ed.get(`/admin/events/${panel2.event_id}/preview`)).headers['cache-control'], 'no-store');

        const publishPage = decode((await ed.get(`/admin/events/${panel2.event_id}/publish`)).body);
        const expected = [
          'Removed: Closing remarks (was Tuesday, March 4, 2025, 11:00–11:30).',
          'Moved: Panel 2: Fair recruitment, from Monday, March 3, 2025, 14:00–15:30 to Monday, March 3, 2025, 16:00–17:30.',
          'Sofia Marin replaces Nadia Rahman as speaker of Panel 2: Fair recruitment.',
        ];
        assert.ok(publishPage.includes('Publishing makes release 2, which changes:'));
        for (const line of expected) assert.ok(publishPage.includes(line), `publish page: ${line}`);

        const published = await ed.post(`/admin/events/${panel2.event_id}/publish`, { note: 'Panel 2 moved to the afternoon' });
        assert.equal(published.status, 303);
        assert.equal(published.location, `/admin/events/${panel2.event_id}/publish?published=2`);

        const after = decode((await http('GET', `${base}/events/labour-2025`)).body);
        assert.ok(after.includes('Sofia Marin') && !after.includes('Nadia Rahman') && !after.includes('Peter Lang'), 'the public page shows release 2');

        // The changelog page, newest release first.
        const changes = (await http('GET', `${base}/events/labour-2025/changes`)).body;
        const items = [...changes.matchAll(/<li><bdi>(.*?)<\/bdi><\/li>/g)].map((m) => decode(m[1]!));
        assert.deepEqual(items, [...expected, 'First published.']);
        assert.ok(changes.includes('<p class="note"><bdi>Panel 2 moved to the afternoon</bdi></p>'));

        // The API: the same data.
        const api = JSON.parse((await http('GET', `${base}/api/events/labour-2025/releases`)).body);
        assert.deepEqual(
          api.data.map((r: { number: number; note: string | null; first: boolean; changes: Array<{ type: string; text: string }> }) => [r.number, r.note, r.first, r.changes.map((c) => `${c.type}: ${c.text}`)]),
          [
            [2, 'Panel 2 moved to the afternoon', false, [`session-removed: ${expected[0]}`, `session-moved: ${expected[1]}`, `person-replaced: ${expected[2]}`]],
            [1, null, true, []],
          ],
        );

        // The Atom feed, as a feed reader reads it.
        const atom = await http('GET', `${base}/events/labour-2025/changes.atom`);
        assert.equal(atom.headers['content-type'], 'application/atom+xml; charset=utf-8');
        if (!FEEDPARSER) console.log('# skipped: the Atom feed in feedparser (apt-get install -y python3-feedparser)');
        else {
          const feed = readAtom(atom.body);
          assert.equal(feed.bozo, 0);
          assert.equal(feed.title, 'Changes to the programme: Dialogue on Labour Mobility');
          assert.deepEqual(feed.entries.map((e) => e.link), [`${base}/events/labour-2025/changes#release-2`, `${base}/events/labour-2025/changes#release-1`]);
          assert.match(feed.entries[0]!.title, /^Release 2, /);
          assert.equal(feed.entries[0]!.content, `<p>Panel 2 moved to the afternoon</p><ul>${expected.map((l) => `<li>${l.replace(/&/g, '&amp;')}</li>`).join('')}</ul>`);
        }

        // Calendars: SEQUENCE raised, the new time, the dropped session cancelled under its old UID.
        const ics2 = (await http('GET', `${base}/events/labour-2025/calendar.ics`)).body;
        const ev = vevents(ics2);
        const byUid = new Map(ev.map((e) => [e.get('UID')!.slice(1), e]));
        const seq2 = Number(ev[0]!.get('SEQUENCE')!.slice(1));
        assert.ok(seq2 > seq1, `SEQUENCE ${seq2} > ${seq1}`);
        assert.ok(ev.every((e) => e.get('SEQUENCE') === `:${seq2}`));
        const host = new URL(base).hostname;
        assert.equal(byUid.get(`${panel2.uuid}@${host}`)!.get('DTSTART'), ';TZID=Europe/Zurich:20250303T160000');
        assert.equal(byUid.get(`${closing.uuid}@${host}`)!.get('STATUS'), ':CANCELLED');
        assert.equal(ev.filter((e) => e.get('STATUS') === ':CONFIRMED').length, 3);
        assert.match((await http('GET', `${base}/events/labour-2025/schedule.xml`)).body, /<version>release 2<\/version>/);

        // The withdrawn event leaves the public site; its releases stay.
        const withdrawn = runPlenary(['publish', '--event', 'labour-2025', '--withdraw'], db.url);
        assert.equal(withdrawn.out, 'event labour-2025: withdrawn from the public site\n');
        await caughtUp();
        assert.equal((await http('GET', `${base}/events/labour-2025`)).status, 404);
        assert.equal(Number((await q.selectFrom('release').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n), 2);
      } finally {
        await server.close();
        await db.cleanup();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}

if (!existsSync('/usr/bin/python3')) console.log('# note: /usr/bin/python3 is missing; the Atom feed is checked only where feedparser is installed');
