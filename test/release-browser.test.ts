// Issue 11's release walk in Debian's Chromium through playwright-core, by clicks and typing: the
// demo event is public as release 1; an editor moves Panel 2 and replaces one of its speakers in
// the workspace; the public page still shows the old programme; the editor publishes release 2
// with a note; the changelog page says what changed, the Atom feed (read by Python's feedparser)
// carries it, and the calendar has SEQUENCE raised and the panel's new time.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { chromiumMissing, launchChromium } from './browser-kit.ts';
import { runPlenary } from './plenary-cli.ts';
import { demoSite } from './server.ts';

const PASSWORD = 'a long editor password';
const EVENT = '/events/idm-2017-new-york';
const FEEDPARSER = spawnSync('/usr/bin/python3', ['-c', 'import feedparser'], { encoding: 'utf8' }).status === 0;

/** SEQUENCE and DTSTART of the VEVENT with this UID prefix, unfolded. */
function vevent(ics: string, uuid: string): { sequence: number; start: string } {
  const text = ics.replace(/\r\n[ \t]/g, '');
  const block = text.split('BEGIN:VEVENT').find((b) => b.includes(`UID:${uuid}@`));
  assert.ok(block, `no VEVENT ${uuid}`);
  return { sequence: Number(/\r\nSEQUENCE:(\d+)/.exec(block)![1]), start: /\r\nDTSTART([^\r]*)/.exec(block)![1]! };
}

if (chromiumMissing) {
  test('release walk in Chromium', { skip: chromiumMissing }, () => {});
} else {
  describe('a release in Chromium', () => {
    test('moves a session and replaces a speaker, the public keeps release 1 until release 2 is published, then the changelog, the feed and the calendar follow', async () => {
      const site = await demoSite();
      const browser = await launchChromium({ prefix: 'plenary-release-' });
      const { context } = browser;
      try {
        const made = runPlenary(['user', 'add', '--email', 'editor@example.org', '--role', 'editor', '--series', 'international-dialogue-on-migration'], site.url, { input: `${PASSWORD}\n` });
        assert.equal(made.code, 0, made.err);
        const q = site.storage.db;
        const panel2 = await q.selectFrom('session').select(['id', 'uuid', 'event_id']).where('kind', '=', 'panel').where('number', '=', 2).executeTakeFirstOrThrow();
        const zalami = await q.selectFrom('appearance as a').innerJoin('person as p', 'p.id', 'a.person_id').select('a.id').where('p.name', '=', 'Alex Zalami').executeTakeFirstOrThrow();

        const page = context.pages()[0] ?? (await context.newPage());
        const at = (path: string) => `${site.base}${path}`;
        async function submit(p: Page, action: string): Promise<void> {
          const [res] = await Promise.all([p.waitForNavigation(), p.click(`form[action="${action}"] button[type="submit"]`)]);
          assert.equal(res?.status(), 200, `${action} led to ${res?.status()}: ${(await p.textContent('main'))?.slice(0, 600)}`);
        }
        const publicText = async () => {
          const p = await context.newPage();
          await p.goto(at(EVENT));
          const text = (await p.textContent('main')) ?? '';
          await p.close();
          return text;
        };
        const ics1 = await (await page.request.get(at(`${EVENT}/calendar.ics`))).text();
        const before = vevent(ics1, panel2.uuid);
        assert.equal(before.start, ';TZID=America/New_York:20170418T150000');

        // Sign in.
        await page.goto(at('/admin'));
        await page.fill('#email', 'editor@example.org');
        await page.fill('#password', PASSWORD);
        await Promise.all([page.waitForNavigation(), page.press('#password', 'Enter')]);
        assert.equal(page.url(), at('/admin'));

        // Panel 2 moves to 17:00–18:30.
        await page.goto(at(`/admin/sessions/${panel2.id}`));
        await page.fill('#f-start_time', '17:00');
        await page.fill('#f-end_time', '18:30');
        await submit(page, `/admin/sessions/${panel2.id}`);
        // Alex Zalami is replaced by Zanele Mokoena.
        await page.goto(at(`/admin/appearances/${zalami.id}/delete`));
        await submit(page, `/admin/appearances/${zalami.id}/delete`);
        await page.goto(at(`/admin/sessions/${panel2.id}`));
        await page.fill('#f-name', 'Zanele Mokoena');
        await page.selectOption('#f-new-role', 'speaker');
        await submit(page, `/admin/sessions/${panel2.id}/appearances`);

        // The public still sees release 1.
        const old = await publicText();
        assert.ok(old.includes('Alex Zalami') && !old.includes('Zanele Mokoena'), 'the public page still shows Alex Zalami');

        // The event's workspace page says so; the publish page lists the changes; publish with a note.
        await page.goto(at(`/admin/events/${panel2.event_id}`));
        assert.equal((await page.textContent('.release-state'))?.trim(), 'Unpublished changes: the public still sees release 1.');
        await Promise.all([page.waitForNavigation(), page.click(`a[href="/admin/events/${panel2.event_id}/publish"]`)]);
        const changes = (await page.locator('ul.changes li').allTextContents()).map((s) => s.trim());
        const title = 'Panel 2: The Global Compact on Migration as a tool for migration governance and the role of global and regional actors';
        const expected = [
          `Moved: ${title}, from Tuesday, April 18, 2017, 15:00–16:30 to Tuesday, April 18, 2017, 17:00–18:30.`,
          `Zanele Mokoena replaces Alex Zalami as speaker of ${title}.`,
          // The programme printed "(Statement)" after his name, a label without a file: it goes with him.
          `Document removed: Statement (en), Alex Zalami, ${title}.`,
        ];
        assert.deepEqual(changes, expected);
        await page.fill('#note', 'Panel 2 moved to the evening');
        await submit(page, `/admin/events/${panel2.event_id}/publish`);
        assert.equal((await page.textContent('p[role="status"]'))?.trim(), 'Published release 2.');

        // The public page now shows release 2.
        const now = await publicText();
        assert.ok(now.includes('Zanele Mokoena') && !now.includes('Alex Zalami'), 'the public page shows release 2');

        // The changelog page, in the browser.
        await page.goto(at(`${EVENT}/changes`));
        assert.equal(await page.textContent('#release-2 .note'), 'Panel 2 moved to the evening');
        const listed = (await page.locator('#release-2 li').allTextContents()).map((s) => s.trim());
        assert.deepEqual(listed, expected);
        assert.deepEqual(await page.locator('#release-1 li').allTextContents(), ['First published.']);

        // The Atom feed, as a feed reader reads it.
        const atom = await (await page.request.get(at(`${EVENT}/changes.atom`))).text();
        if (!FEEDPARSER) console.log('# skipped: the Atom feed in feedparser (apt-get install -y python3-feedparser)');
        else {
          const code = 'import feedparser, json, sys\nd = feedparser.parse(sys.stdin.read())\nprint(json.dumps([[e.title, e.content[0].value] for e in d.entries]))';
          const r = spawnSync('/usr/bin/python3', ['-c', code], { input: atom, encoding: 'utf8' });
          assert.equal(r.status, 0, r.stderr);
          const entries = JSON.parse(r.stdout) as Array<[string, string]>;
          assert.equal(entries.length, 2);
          assert.match(entries[0]![0], /^Release 2, /);
          assert.ok(entries[0]![1].startsWith(`<p>Panel 2 moved to the evening</p><ul><li>${expected[0]}</li><li>${expected[1]}</li>`), entries[0]![1]);
        }

        // The calendar: SEQUENCE raised, the panel at its new time, under the same UID.
        const ics2 = await (await page.request.get(at(`${EVENT}/calendar.ics`))).text();
        const after = vevent(ics2, panel2.uuid);
        assert.ok(after.sequence > before.sequence, `SEQUENCE ${after.sequence} > ${before.sequence}`);
        assert.equal(after.start, ';TZID=America/New_York:20170418T170000');
      } finally {
        await browser.close();
        await site.stop();
      }
    });
  });
}
