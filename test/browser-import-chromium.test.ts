// Import in the browser, in Debian's Chromium through playwright-core: an editor signs in, opens
// the import from the series page, uploads a Word file made on disk (test/convert.ts, from the
// demo's agenda text), corrects one session title in the preview, confirms, and finds the event
// in the workspace with that title, as a draft. The preview has no axe-core violation (WCAG 2.2
// A/AA) and no Nu HTML Checker error, also when it shows a correction's error.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { chromium, type Page } from 'playwright-core';
import { addAccount } from '../src/operations/accounts.ts';
import { blocks, toDocx } from './convert.ts';
import { demoSite } from './server.ts';

const require = createRequire(import.meta.url);
const CHROMIUM = '/usr/bin/chromium';
const AXE_SOURCE_PATH = require.resolve('axe-core/axe.min.js');
const VNU_JAR = String(require('vnu-jar') as string);
const PASSWORD = 'a long editor password';
const SERIES = 'international-dialogue-on-migration';

type AxeResult = { violations: Array<{ id: string; help: string; nodes: Array<{ target: unknown[] }> }>; passes: Array<{ id: string }> };

async function axe(p: Page, source: string, name: string, rules = ['color-contrast', 'document-title', 'html-has-lang', 'label']): Promise<void> {
  await p.addScriptTag({ content: source });
  const r = (await p.evaluate(() =>
    (globalThis as unknown as { axe: { run(o: unknown): Promise<AxeResult> } }).axe
      .run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'] } })
      .then((x) => ({ violations: x.violations, passes: x.passes.map((y) => ({ id: y.id })) })),
  )) as AxeResult;
  for (const rule of rules) assert.ok(r.passes.some((x) => x.id === rule), `axe checked ${rule} on ${name}`);
  assert.deepEqual(
    r.violations.map((v) => v.id),
    [],
    `axe violations on ${name}:\n${r.violations.map((v) => `  ${v.id}: ${v.help} at ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`).join('\n')}`,
  );
}

function vnuErrors(pages: Map<string, string>, dir: string): string[] {
  const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
  assert.ok(!java.error && java.status === 0, 'java is missing: the Nu HTML Checker needs it (apt-get install -y default-jre-headless)');
  const files = new Map<string, string>();
  let i = 0;
  for (const [name, html] of pages) {
    const file = join(dir, `${i++}.html`);
    writeFileSync(file, html);
    files.set(`file:${file}`, name);
  }
  const r = spawnSync('java', ['-jar', VNU_JAR, '--format', 'json', '--stdout', ...[...files.keys()].map((f) => f.slice('file:'.length))], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.ok(!r.error, `vnu did not run: ${r.error?.message}`);
  const report = JSON.parse(r.stdout) as { messages: Array<{ type: string; url?: string; message: string; lastLine?: number }> };
  return report.messages.filter((m) => m.type === 'error' || m.type === 'non-document-error').map((m) => `${files.get(m.url ?? '') ?? m.url}:${m.lastLine ?? '?'}: ${m.message}`);
}

if (!existsSync(CHROMIUM)) {
  test('import in the browser, in Chromium', { skip: `${CHROMIUM} is missing: apt-get install -y chromium` }, () => {});
} else {
  describe('import in the browser, in Chromium', () => {
    test('upload a Word agenda, correct a session title, confirm, see it in the workspace; the preview passes axe and the Nu HTML Checker', async () => {
      const site = await demoSite();
      const profile = mkdtempSync(join(tmpdir(), 'plenary-import-chromium-'));
      const files = mkdtempSync(join(tmpdir(), 'plenary-import-files-'));
      const context = await chromium.launchPersistentContext(profile, {
        executablePath: CHROMIUM,
        headless: true,
        // axe is added to the page as a script of its own
        bypassCSP: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      });
      try {
        const axeSource = readFileSync(AXE_SOURCE_PATH, 'utf8');
        await addAccount(site.storage, { email: 'editor@example.org', role: 'editor', series: [SERIES], password: PASSWORD });
        // The programme as an organizer's Word file, made on disk.
        const docx = join(files, 'programme-new-york.docx');
        writeFileSync(docx, await toDocx(blocks(readFileSync(new URL('../demo/idm-2017-new-york.agenda.txt', import.meta.url), 'utf8'))));

        const page = context.pages()[0] ?? (await context.newPage());
        const at = (path: string) => `${site.base}${path}`;
        const served = new Map<string, string>();

        // Sign in.
        await page.goto(at('/admin'));
        await page.fill('#email', 'editor@example.org');
        await page.fill('#password', PASSWORD);
        await Promise.all([page.waitForNavigation(), page.press('#password', 'Enter')]);
        assert.equal(page.url(), at('/admin'));

        // From the series page to the upload form.
        await Promise.all([page.waitForNavigation(), page.click(`a[href="/admin/series/${SERIES}/edit"]`)]);
        await Promise.all([page.waitForNavigation(), page.click(`a[href="/admin/series/${SERIES}/import"]`)]);
        await page.setInputFiles('#f-file', docx);
        await page.fill('#f-event-slug', 'idm-2017-new-york-word');
        await page.fill('#f-event-title', 'IDM 2017 (from the Word file)');
        await page.fill('#f-event-timeZone', 'America/New_York');
        const [uploaded] = await Promise.all([page.waitForNavigation(), page.click(`form[action="/admin/series/${SERIES}/import"] button[type="submit"]`)]);
        assert.equal(uploaded?.status(), 200, (await page.textContent('main'))?.slice(0, 800));
        assert.match(page.url(), /\/admin\/imports\/[A-Za-z0-9_-]{24}$/);
        const draftUrl = page.url();

        // The preview: what the reader made of the Word file.
        assert.equal((await page.textContent('#import-summary'))?.trim(), 'Read as DOCX: 2 days, 10 sessions, 37 appearances; warnings: 0.');
        assert.equal(await page.inputValue('#f-s0-0-title'), 'Opening Session');
        assert.equal(await page.inputValue('#f-p0-0-s0-name'), 'William Lacy Swing');
        const preview = await page.goto(draftUrl, { waitUntil: 'load' });
        served.set('preview', await preview!.text());
        await axe(page, axeSource, 'the import preview');

        // A correction with a mistake: said by its field, the page still accessible.
        await page.fill('#f-s0-1-start', '25:99');
        const [bad] = await Promise.all([page.waitForNavigation(), page.click('button[name="do"][value="apply"]')]);
        assert.equal(bad?.status(), 400);
        served.set('preview with an error', await bad!.text());
        assert.equal(await page.getAttribute('#f-s0-1-start', 'aria-describedby'), 'f-s0-1-start-error f-s0-1-start-hint');
        assert.equal(await page.textContent('#f-s0-1-start-error'), 'must be a time of day written HH:MM, e.g. 09:30, or left empty');
        await axe(page, axeSource, 'the import preview with an error');

        // Put right, one session retitled, confirmed.
        await page.fill('#f-s0-1-start', '11:30');
        await page.fill('#f-s0-0-title', 'Opening of the New York workshop');
        const [confirmed] = await Promise.all([page.waitForNavigation(), page.click('button[name="do"][value="confirm"]')]);
        assert.equal(confirmed?.status(), 200, (await page.textContent('main'))?.slice(0, 800));
        assert.equal((await page.textContent('#import-done'))?.trim(), 'Stored in the workspace as a new event (Draft): the public sees nothing of it until it is published.');
        served.set('import result', await confirmed!.text());
        await axe(page, axeSource, 'the import result', ['color-contrast', 'document-title', 'html-has-lang', 'link-name']);
        await Promise.all([page.waitForNavigation(), page.click('#imported-event')]);
        const eventId = Number(/\/admin\/events\/(\d+)$/.exec(page.url())?.[1]);
        assert.ok(eventId > 0, page.url());
        const sessions = await page.$$eval('#main ol a, main ol a', (as) => as.map((a) => (a.textContent ?? '').trim()));
        assert.ok(sessions.some((s) => s.includes('Opening of the New York workshop')), sessions.join(' | '));
        const stored = await site.storage.db.selectFrom('event').select(['status', 'title']).where('id', '=', eventId).executeTakeFirstOrThrow();
        assert.deepEqual(stored, { status: 'draft', title: 'IDM 2017 (from the Word file)' });
        // The workspace lists it as a draft in its series.
        await page.goto(at(`/admin/series/${SERIES}/edit`));
        assert.ok((await page.textContent('main'))?.includes('IDM 2017 (from the Word file) (2017-04-18, Draft)'), (await page.textContent('main'))?.slice(0, 1200));

        assert.deepEqual(vnuErrors(served, files), []);
      } finally {
        await context.close();
        await site.stop();
        rmSync(profile, { recursive: true, force: true });
        rmSync(files, { recursive: true, force: true });
      }
    });
  });
}
