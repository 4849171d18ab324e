// What every browser test shares: Debian's Chromium through playwright-core with the flags that
// keep it from dialling out, axe-core run for WCAG 2.2 A/AA, and the Nu HTML Checker (vnu-jar)
// over the pages a test kept. Tests skip with a visible message where Chromium is missing.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

const require = createRequire(import.meta.url);

export const CHROMIUM = '/usr/bin/chromium';
/** Why browser tests are skipped here, or null when Chromium is installed. */
export const chromiumMissing: string | null = existsSync(CHROMIUM) ? null : `${CHROMIUM} is missing: apt-get install -y chromium`;

/** Playwright refuses --user-data-dir in launch(); without these flags Chromium keeps dialling out. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export type Browser = { context: BrowserContext; page: Page; close(): Promise<void> };

/**
 * Chromium on a fresh profile in a temporary directory, removed on close. `bypassCSP` for tests that
 * run axe, which is added to each page as a script of its own (the pages' CSP allows only the
 * site's scripts); tests of how pages behave keep the CSP.
 */
export async function launchChromium(opts: { prefix?: string; bypassCSP?: boolean } = {}): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), opts.prefix ?? 'plenary-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, bypassCSP: opts.bypassCSP ?? false, args: CHROMIUM_ARGS });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

type AxeResult = { violations: Array<{ id: string; help: string; nodes: Array<{ target: unknown[] }> }>; passes: Array<{ id: string }> };

let axeSource: string | undefined;

/** The rules a page with a form must be seen to pass (a check that ran nothing proves nothing). */
export const FORM_RULES = ['color-contrast', 'document-title', 'html-has-lang', 'label'];

/**
 * axe-core over the page as it stands, with the tags wcag2a, wcag2aa, wcag21aa and wcag22aa (target
 * size is checked only with wcag22aa): no violation, and each of `rules` among the passes.
 */
export async function checkAxe(p: Page, name: string, rules: string[] = FORM_RULES): Promise<void> {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await p.addScriptTag({ content: axeSource });
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

export type VnuMessage = { type: string; subType?: string; url?: string; message: string; lastLine?: number; extract?: string };

/** The Nu HTML Checker's messages over pages (name → HTML), each with the page's name as `url`. */
export function vnuMessages(pages: Map<string, string>): VnuMessage[] {
  const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
  assert.ok(!java.error && java.status === 0, 'java is missing: the Nu HTML Checker needs it (apt-get install -y default-jre-headless)');
  const dir = mkdtempSync(join(tmpdir(), 'plenary-vnu-'));
  try {
    const files = new Map<string, string>();
    let i = 0;
    for (const [name, html] of pages) {
      const file = join(dir, `${i++}.html`);
      writeFileSync(file, html);
      files.set(`file:${file}`, name);
    }
    const jar = String(require('vnu-jar') as string);
    const r = spawnSync('java', ['-jar', jar, '--format', 'json', '--stdout', ...[...files.keys()].map((f) => f.slice('file:'.length))], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    assert.ok(!r.error, `vnu did not run: ${r.error?.message}`);
    let report: { messages: VnuMessage[] };
    try {
      report = JSON.parse(r.stdout) as { messages: VnuMessage[] };
    } catch {
      assert.fail(`vnu printed no JSON (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
    }
    return report.messages.map((m) => ({ ...m, url: files.get(m.url ?? '') ?? m.url }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The Nu HTML Checker's errors over pages (name → HTML), as "page:line: message". */
export function vnuErrors(pages: Map<string, string>): string[] {
  return vnuMessages(pages)
    .filter((m) => m.type === 'error' || m.type === 'non-document-error')
    .map((m) => `${m.url}:${m.lastLine ?? '?'}: ${m.message}`);
}
