// An organizer's day in the workspace, in Debian's Chromium through playwright-core, by clicks
// and typing only: the account made with `plenary user add`; sign in; a series; an event with
// two days, three sessions and four speakers, one of them an existing person found by the
// search; a statement (a PDF printed by Chromium) and a photo uploaded; the event published from its publish page and
// its public page showing both; one session saved from two tabs (the second gets the conflict
// page); the audit log; one change reverted; sign out. On every engine of PLENARY_TEST_ENGINES.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import sharp from 'sharp';
import type { Page } from 'playwright-core';
import { chromiumMissing, launchChromium } from './browser-kit.ts';
import { runPlenary } from './plenary-cli.ts';
import { ENGINES } from './engines.ts';
import { demoSite } from './server.ts';

const PASSWORD = 'a long organizer password';

if (chromiumMissing) {
  test('organizer journey', { skip: chromiumMissing }, () => {});
} else {
  for (const engine of ENGINES) describe(`an organizer in Chromium on ${engine}`, () => {
    test('signs in, builds and publishes an event with materials, meets a conflict, reads the log, reverts, signs out', async () => {
      const site = await demoSite(engine);
      const files = mkdtempSync(join(tmpdir(), 'plenary-journey-files-'));
      const browser = await launchChromium({ prefix: 'plenary-journey-' });
      const { context } = browser;
      try {
        const made = runPlenary(['user', 'add', '--email', 'organizer@example.org', '--role', 'admin'], site.url, { input: `${PASSWORD}\n` });
        assert.equal(made.code, 0, made.err);

        const page = context.pages()[0] ?? (await context.newPage());
        const at = (path: string) => `${site.base}${path}`;
        /** Submits the form posting to `action` and waits for the page it leads to. */
        async function submit(p: Page, action: string, status = 200): Promise<void> {
          const [res] = await Promise.all([p.waitForNavigation(), p.click(`form[action="${action}"] button[type="submit"]`)]);
          assert.equal(res?.status(), status, `${action} led to ${res?.status()}: ${(await p.textContent('main'))?.slice(0, 600)}`);
        }
        const idFrom = (url: string, re: RegExp) => Number(url.match(re)?.[1]);

        // Sign in.
        await page.goto(at('/admin'));
        assert.match(page.url(), /\/admin\/login\?next=%2Fadmin$/);
        await page.fill('#email', 'organizer@example.org');
        await page.fill('#password', PASSWORD);
        await Promise.all([page.waitForNavigation(), page.press('#password', 'Enter')]);
        assert.equal(page.url(), at('/admin'));

        // A series and its event.
        await Promise.all([page.waitForNavigation(), page.click('a[href="/admin/new-series"]')]);
        await page.fill('#f-slug', 'health-dialogue');
        await page.fill('#f-title', 'Dialogue on Migration and Health');
        await submit(page, '/admin/series');
        await Promise.all([page.waitForNavigation(), page.click('a[href="/admin/series/health-dialogue/events/new"]')]);
        const event = {
          '#f-slug': 'health-2026',
          '#f-title': 'Dialogue on Migration and Health 2026',
          '#f-start_date': '2026-06-02',
          '#f-end_date': '2026-06-03',
          '#f-time_zone': 'Europe/Zurich',
          '#f-venue': 'Palais des Nations',
          '#f-city': 'Geneva',
          '#f-country_code': 'CH',
          '#f-overview': 'Two days on health and mobility.',
        };
        for (const [sel, v] of Object.entries(event)) await page.fill(sel, v);
        await submit(page, '/admin/series/health-dialogue/events');
        const eventId = idFrom(page.url(), /\/admin\/events\/(\d+)/);
        assert.ok(eventId > 0, page.url());

        // Two days, three sessions.
        for (const date of ['2026-06-02', '2026-06-03']) {
          await Promise.all([page.waitForNavigation(), page.click(`a[href="/admin/events/${eventId}/days/new"]`)]);
          await page.fill('#f-date', date);
          await submit(page, `/admin/events/${eventId}/days`);
        }
        const dayLinks = await page.$$eval('a[href$="/sessions/new"]', (as) => as.map((a) => a.getAttribute('href')!));
        assert.equal(dayLinks.length, 2);
        const sessions: number[] = [];
        for (const [link, kind, title, start, end] of [
          [dayLinks[0]!, 'opening', 'Opening', '10:00', '10:30'],
          [dayLinks[0]!, 'panel', 'Health systems for everyone', '10:30', '12:00'],
          [dayLinks[1]!, 'panel', 'Data on health and mobility', '09:30', '11:00'],
        ] as const) {
          await page.goto(at(link));
          await page.selectOption('#f-kind', kind);
          await page.fill('#f-title', title);
          await page.fill('#f-start_time', start);
          await page.fill('#f-end_time', end);
          await submit(page, link.replace(/\/new$/, ''));
          sessions.push(idFrom(page.url(), /\/admin\/sessions\/(\d+)/));
        }

        // Four speakers: three typed anew, one already in the archive, found by the search.
        for (const [session, name] of [
          [sessions[0]!, 'H.E. Ms. Amina Diallo'],
          [sessions[1]!, 'Dr. Kofi Mensah'],
          [sessions[2]!, 'Ms. Lena Novak'],
        ] as const) {
          await page.goto(at(`/admin/sessions/${session}`));
          await page.fill('#f-name', name);
          await submit(page, `/admin/sessions/${session}/appearances`);
        }
        await page.goto(at(`/admin/sessions/${sessions[1]}`));
        await page.fill('#f-q', 'swing');
        await Promise.all([page.waitForNavigation(), page.press('#f-q', 'Enter')]);
        const addSwing = page.locator(`form[action="/admin/sessions/${sessions[1]}/appearances"] button`, { hasText: 'Add as Speaker: William Lacy Swing' });
        assert.equal(await addSwing.count(), 1, (await page.textContent('main'))?.slice(0, 1500));
        await Promise.all([page.waitForNavigation(), addSwing.click()]);
        const swingPeople = await site.storage.db.selectFrom('person').select('id').where('name', '=', 'William Lacy Swing').execute();
        assert.equal(swingPeople.length, 1, 'the search added the existing person, not a new one');

        // With JavaScript, names are suggested as they are typed.
        await page.goto(at(`/admin/sessions/${sessions[2]}`));
        await page.click('#f-name');
        await page.keyboard.type('mens');
        await page.waitForSelector('#f-name-suggestions option[value="Kofi Mensah"]', { state: 'attached' });
        assert.equal(await page.getAttribute('#f-name', 'list'), 'f-name-suggestions');

        // The affiliation as printed for this occasion, the organization suggested as it is typed.
        const mensahAt = await site.storage.db.selectFrom('appearance as a').innerJoin('person as p', 'p.id', 'a.person_id').select('a.id').where('p.name', '=', 'Kofi Mensah').executeTakeFirstOrThrow();
        await page.goto(at(`/admin/appearances/${mensahAt.id}`));
        await page.fill('#f-affiliation_position', 'Minister of Health');
        await page.click('#f-organization');
        await page.keyboard.type('Ghana Health');
        await page.fill('#f-country', 'Ghana');
        await submit(page, `/admin/appearances/${mensahAt.id}`);
        await page.goto(at(`/admin/appearances/${mensahAt.id + 1}`));
        await page.click('#f-organization');
        await page.keyboard.type('ghana hea');
        await page.waitForSelector('#f-organization-suggestions option[value="Ghana Health"]', { state: 'attached' });

        // A statement printed by Chromium and a photo, uploaded from disk.
        const printer = await context.newPage();
        await printer.setContent('<h1>Statement</h1><p>Health systems that reach everyone who moves.</p>');
        const pdfPath = join(files, 'statement.pdf');
        writeFileSync(pdfPath, await printer.pdf());
        await printer.close();
        const photoPath = join(files, 'group-photo.jpg');
        await sharp({ create: { width: 1200, height: 800, channels: 3, background: { r: 30, g: 90, b: 160 } } }).jpeg().toFile(photoPath);

        await page.goto(at(`/admin/events/${eventId}`));
        await Promise.all([page.waitForNavigation(), page.click(`a[href="/admin/events/${eventId}/materials"]`)]);
        await page.setInputFiles('#upload-file', pdfPath);
        await page.selectOption('#upload-kind', 'statement');
        await page.fill('#upload-label', 'Statement by Dr. Kofi Mensah');
        const mensah = await page.$$eval('#upload-attach option', (os) => os.find((o) => (o.textContent ?? '').includes('Kofi Mensah'))?.getAttribute('value') ?? '');
        assert.ok(mensah, 'the speaker can be chosen for the statement');
        await page.selectOption('#upload-attach', mensah);
        await submit(page, `/admin/events/${eventId}/materials`);
        await page.setInputFiles('#upload-file', photoPath);
        await page.selectOption('#upload-kind', 'other');
        await page.fill('#upload-label', 'Group photo of the panellists');
        await submit(page, `/admin/events/${eventId}/materials`);

        // Not public yet; published from the publish page (reached from the event's page), the
        // public page shows the statement and the photo.
        const pub = await context.newPage();
        assert.equal((await pub.goto(at('/events/health-2026'), { waitUntil: 'load' }))?.status(), 404);
        await page.goto(at(`/admin/events/${eventId}`));
        assert.equal(await page.textContent('p.release-state'), 'Not published: the public does not see this event yet.');
        await Promise.all([page.waitForNavigation(), page.click(`a[href="/admin/events/${eventId}/publish"]`)]);
        assert.ok((await page.textContent('main'))?.includes('Publishing makes release 1: the event becomes public.'));
        await page.fill('#note', 'First programme');
        await submit(page, `/admin/events/${eventId}/publish`);
        assert.equal(new URL(page.url()).search, '?published=1');
        assert.equal(await page.textContent('main [role="status"]'), 'Published release 1.');
        const res = await pub.goto(at('/events/health-2026'), { waitUntil: 'load' });
        assert.equal(res?.status(), 200);
        assert.ok((await pub.textContent('main'))?.includes('Kofi Mensah, Dr., Minister of Health, Ghana Health, Ghana'), (await pub.textContent('main'))?.slice(0, 3000));
        const statement = pub.locator('a', { hasText: 'Statement by Dr. Kofi Mensah' });
        assert.equal(await statement.count(), 1);
        const pdf = await pub.request.get(at((await statement.getAttribute('href'))!));
        assert.equal(pdf.headers()['content-type'], 'application/pdf');
        assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-');
        const img = pub.locator('img[alt="Group photo of the panellists"]');
        assert.equal(await img.count(), 1);
        await img.scrollIntoViewIfNeeded();
        type Img = { complete: boolean; naturalWidth: number };
        await pub.waitForFunction(
          (sel) => (globalThis as unknown as { document: { querySelector(s: string): { complete: boolean } | null } }).document.querySelector(sel)?.complete === true,
          'img[alt="Group photo of the panellists"]',
        );
        assert.ok((await img.evaluate((i) => (i as unknown as Img).naturalWidth)) >= 320, 'the photo is shown');
        assert.match((await img.getAttribute('srcset')) ?? '', /^\/files\/[^ ]+ 320w, \/files\/[^ ]+ 960w$/);
        await pub.close();

        // The same session in two tabs, both saved: the second gets the conflict page.
        const second = await context.newPage();
        await page.goto(at(`/admin/sessions/${sessions[1]}`));
        await second.goto(at(`/admin/sessions/${sessions[1]}`));
        await page.fill('#f-title', 'Health systems that reach everyone');
        await submit(page, `/admin/sessions/${sessions[1]}`);
        await second.fill('#f-title', 'Health for all who move');
        await submit(second, `/admin/sessions/${sessions[1]}`, 409);
        assert.equal(await second.textContent('h1'), 'Changed meanwhile');
        await second.close();

        // The audit log, and a revert of the title change.
        await page.goto(at('/admin/audit'));
        const row = page.locator('table.audit tr', { hasText: 'Title: Health systems that reach everyone' });
        assert.equal(await row.count(), 1);
        const entry = Number((await row.getAttribute('id'))?.replace('entry-', ''));
        await submit(page, `/admin/audit/${entry}/revert`);
        const title = await site.storage.db.selectFrom('session').select('title').where('id', '=', sessions[1]!).executeTakeFirstOrThrow();
        assert.equal(title.title, 'Health systems for everyone');
        await page.goto(at('/admin/audit'));
        assert.equal(await page.locator('table.audit tr', { hasText: `revert session ${sessions[1]} (reverts entry ${entry})` }).count(), 1);

        // Sign out: the workspace asks to sign in again.
        await submit(page, '/admin/logout');
        await page.goto(at('/admin'));
        assert.match(page.url(), /\/admin\/login\?next=%2Fadmin$/);
      } finally {
        await browser.close();
        await site.stop();
        rmSync(files, { recursive: true, force: true });
      }
    });
  });
}
