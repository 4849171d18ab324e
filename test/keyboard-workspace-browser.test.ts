// The workspace by keyboard alone (issue 9), in Debian's Chromium, on every engine of
// PLENARY_TEST_ENGINES: sign in; find a person already in the archive with the session's search
// form and add them; move them up among the speakers; move the session to the other day; upload a
// statement (the file chosen from the file field opened with the space bar) attached to a speaker;
// revert the move from the audit log; sign out. Tab, typing, arrows, Space and Enter only: only the
// workspace's address is typed (at the start, and after signing out to see it ask again), every other
// page is reached by a link or a form; every control focused on the way shows its focus
// (test/keyboard-kit.ts), and axe-core (WCAG 2.2 A/AA) finds no violation on any page reached.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { checkAxe, chromiumMissing, launchChromium } from './browser-kit.ts';
import { ENGINES } from './engines.ts';
import { runPlenary } from './plenary-cli.ts';
import { chooseFileWithSpace, follow, KEYBOARD_PASSWORD, send, signIn, tabTo } from './keyboard-kit.ts';
import { demoSite } from './server.ts';

const LINK_RULES = ['color-contrast', 'document-title', 'html-has-lang', 'link-name'];
const TABLE_RULES = ['color-contrast', 'document-title', 'html-has-lang', 'th-has-data-cells'];

const speakers = (p: Page) => p.$$eval('section[aria-labelledby="role-speaker"] li > a bdi', (els) => els.map((e) => e.textContent ?? ''));

if (chromiumMissing) {
  test('the workspace by keyboard', { skip: chromiumMissing }, () => {});
} else {
  for (const engine of ENGINES) {
    describe(`the workspace by keyboard alone in Chromium on ${engine}`, () => {
      test('sign in, add a person found by the search, reorder, move, upload, revert from the log, sign out; no axe violation on any page', async () => {
        const site = await demoSite(engine);
        const files = mkdtempSync(join(tmpdir(), 'plenary-keyboard-files-'));
        const browser = await launchChromium({ prefix: 'plenary-keyboard-', bypassCSP: true });
        try {
          const made = runPlenary(['user', 'add', '--email', 'keys@example.org', '--role', 'admin'], site.url, { input: `${KEYBOARD_PASSWORD}\n` });
          assert.equal(made.code, 0, made.err);
          const page = browser.page;
          const at = (path: string) => `${site.base}${path}`;
          const db = site.storage.db;

          // Sign in.
          await signIn(page, site.base, 'keys@example.org', { onSignInPage: (p) => checkAxe(p, 'sign-in page') });
          await checkAxe(page, 'dashboard', LINK_RULES);

          // Louise Arbour (of the opening session) found by the search form of session 2 and added as a speaker.
          assert.equal(await follow(page, 'a[href="/admin/events/1"]'), 200);
          assert.equal(await follow(page, 'a[href="/admin/sessions/2"]'), 200);
          assert.deepEqual(await speakers(page), ['Ahmed Hussen', 'Isata Kabia', 'Juan José Gómez Camacho', 'Robert J. Vitillo', 'Gregory Maniatis']);
          await tabTo(page, '#f-q');
          await page.keyboard.type('arbour');
          assert.equal(await send(page), 200);
          assert.equal(new URL(page.url()).search, '?q=arbour');
          await checkAxe(page, 'session page with search results');
          await tabTo(page, 'button', 'Add as speaker: Louise Arbour');
          assert.equal(await send(page), 200);
          assert.deepEqual(await speakers(page), ['Ahmed Hussen', 'Isata Kabia', 'Juan José Gómez Camacho', 'Robert J. Vitillo', 'Gregory Maniatis', 'Louise Arbour']);
          assert.equal((await db.selectFrom('person').select('id').where('name', '=', 'Louise Arbour').execute()).length, 1, 'the person found, not a new one');
          await checkAxe(page, 'session page after adding');

          // Moved up one place.
          await tabTo(page, 'button', 'Move up: Louise Arbour');
          assert.equal(await send(page), 200);
          assert.deepEqual(await speakers(page), ['Ahmed Hussen', 'Isata Kabia', 'Juan José Gómez Camacho', 'Robert J. Vitillo', 'Louise Arbour', 'Gregory Maniatis']);
          await checkAxe(page, 'session page after reordering');

          // The session moved to the second day: the day chosen with the arrow key.
          await tabTo(page, '#f-day_id');
          await page.keyboard.press('ArrowDown');
          assert.equal(await page.inputValue('#f-day_id'), '2');
          await tabTo(page, 'button', 'Move');
          assert.equal(await send(page), 200);
          assert.equal(await page.inputValue('#f-day_id'), '2');
          assert.equal((await db.selectFrom('session').select('day_id').where('id', '=', 2).executeTakeFirstOrThrow()).day_id, 2);
          await checkAxe(page, 'session page after moving');

          // A statement uploaded, attached to Louise Arbour's opening speech (typed to the option).
          const printer = await browser.context.newPage();
          await printer.setContent('<h1>Statement</h1><p>On the rights of migrants.</p>');
          const pdfPath = join(files, 'arbour.pdf');
          writeFileSync(pdfPath, await printer.pdf());
          await printer.close();
          assert.equal(await follow(page, 'a[href="/admin"]'), 200);
          assert.equal(await follow(page, 'a[href="/admin/events/1"]'), 200);
          assert.equal(await follow(page, 'a[href="/admin/events/1/materials"]'), 200);
          await checkAxe(page, 'materials page');
          await tabTo(page, '#upload-file');
          await chooseFileWithSpace(page, pdfPath);
          await tabTo(page, '#upload-label');
          await page.keyboard.type('Statement by Louise Arbour');
          await tabTo(page, '#upload-attach');
          await page.keyboard.type('Louise');
          assert.equal(await page.inputValue('#upload-attach'), '2');
          await tabTo(page, 'button', 'Upload');
          assert.equal(await send(page), 200);
          const material = await db.selectFrom('material').select(['kind', 'lang', 'appearance_id', 'file_id']).where('label', '=', 'Statement by Louise Arbour').executeTakeFirstOrThrow();
          assert.deepEqual([material.kind, material.lang, material.appearance_id, material.file_id !== null], ['statement', 'en', 2, true]);
          assert.ok((await page.textContent('main'))?.includes('Statement by Louise Arbour'));
          await checkAxe(page, 'materials page after the upload');

          // The move reverted from the audit log.
          const move = await db.selectFrom('audit_entry').select('id').where('action', '=', 'move').where('entity', '=', 'session').where('entity_id', '=', 2).executeTakeFirstOrThrow();
          assert.equal(await follow(page, 'a[href="/admin"]'), 200);
          assert.equal(await follow(page, 'a[href="/admin/audit"]'), 200);
          await checkAxe(page, 'audit log', TABLE_RULES);
          await tabTo(page, 'button', `Revert entry ${move.id}`);
          assert.equal(await send(page), 200);
          assert.equal(new URL(page.url()).search, `?reverted=${move.id}`);
          assert.equal(await page.textContent('[role="status"]'), `Entry ${move.id} was reverted.`);
          assert.equal((await db.selectFrom('session').select('day_id').where('id', '=', 2).executeTakeFirstOrThrow()).day_id, 1);
          await checkAxe(page, 'audit log after the revert', TABLE_RULES);

          // Sign out: the workspace asks to sign in again.
          await tabTo(page, 'button', 'Sign out');
          assert.equal(await send(page), 200);
          assert.equal(page.url(), at('/'));
          // The workspace's address typed again: it asks to sign in.
          await page.goto(at('/admin'), { waitUntil: 'load' });
          assert.equal(page.url(), at('/admin/login?next=%2Fadmin'));
          await checkAxe(page, 'sign-in page after signing out');
        } finally {
          await browser.close();
          await site.stop();
          rmSync(files, { recursive: true, force: true });
        }
      });
    });
  }
}
