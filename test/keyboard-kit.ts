// What the keyboard-only browser tests share: moving through a page with Tab (or Shift+Tab) until a
// control is reached, checking on the way that every control focused shows it (an outline or box
// shadow in its computed style while it is :focus-visible; an outline of at least 3:1 against the
// background behind the control, WCAG 1.4.11), and pressing a key that leads to another page; and
// the walks' common steps (the demo site with an admin, signing in, reaching an appearance, merging
// two records, publishing an event), each by keyboard.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { addAccount } from '../src/operations/accounts.ts';
import type { Engine } from '../src/storage/storage.ts';
import { type Browser, launchChromium } from './browser-kit.ts';
import { demoSite, type TestSite } from './server.ts';

type Focused = { here: boolean; what: string; shown: boolean } | null;

/** In the page: whether the focused element matches, how it reads, and whether its focus is visible. */
function inspectFocus([sel, txt]: readonly [string, string | null]): Focused {
  type El = { matches(s: string): boolean; textContent: string | null; tagName: string; id: string; getAttribute(n: string): string | null; parentElement: El | null };
  type Doc = { activeElement: El | null; body: El };
  type Style = { outlineStyle: string; outlineWidth: string; outlineColor: string; boxShadow: string; backgroundColor: string };
  const g = globalThis as unknown as { document: Doc; getComputedStyle(e: El): Style };
  const el = g.document.activeElement;
  if (!el || el === g.document.body) return null;
  const s = g.getComputedStyle(el);
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
  const shadow = s.boxShadow !== 'none' && s.boxShadow !== '';
  const label = (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 60);
  const what = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.getAttribute('name') ? `[name="${el.getAttribute('name')}"]` : ''}${el.getAttribute('href') ? `[href="${el.getAttribute('href')}"]` : ''}${label ? ` "${label}"` : ''}`;
  // A date field's own parts (its calendar button) take the focus inside the field: the field then
  // matches :focus-within but neither :focus nor :focus-visible, and shows it by :focus-within.
  const visible = el.matches(':focus-visible') || (el.matches(':focus-within') && !el.matches(':focus'));
  // The outline's contrast with the first opaque background behind the element (white if none).
  // (No named inner functions: the bundler would wrap them in a helper the page does not have.)
  let behind = 'rgb(255, 255, 255)';
  for (let p = el.parentElement; p; p = p.parentElement) {
    const bg = g.getComputedStyle(p).backgroundColor;
    const alpha = (bg.match(/[\d.]+/g) ?? []).map(Number)[3];
    if (bg !== 'transparent' && alpha !== 0) {
      behind = bg;
      break;
    }
  }
  const [hi, lo] = [s.outlineColor, behind]
    .map((c) => (c.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => Number(v) / 255).map((v) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)))
    .map(([r = 0, gr = 0, b = 0]) => 0.2126 * r + 0.7152 * gr + 0.0722 * b)
    .sort((a, b) => b - a) as [number, number];
  const contrast = (hi + 0.05) / (lo + 0.05);
  // Chromium's own ring (outline-style auto) is two colours, one of which always contrasts.
  const outlineSeen = outline && (s.outlineStyle === 'auto' || contrast >= 3);
  const shown = visible && (outlineSeen || (!outline && shadow));
  const why = shown
    ? ''
    : ` (${visible ? '' : 'not :focus-visible; '}outline ${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}${outline ? `, ${contrast.toFixed(2)}:1 against ${behind}` : ''}, box-shadow ${s.boxShadow})`;
  return { here: el.matches(sel) && (txt === null || el.textContent === txt), what: what + why, shown };
}

/** Fails unless the focused element shows its focus (an outline or a box shadow while :focus-visible). */
export async function assertFocusShown(p: Page): Promise<void> {
  const f = await p.evaluate(inspectFocus, ['*', null] as const);
  assert.ok(f, 'nothing has the focus');
  assert.ok(f.shown, `the focus is not visible on ${f.what}`);
}

/**
 * Presses Tab (Shift+Tab with `back`) until the focused element matches `selector` (and has exactly
 * `text`, when given); every element focused on the way, the last one included, must show its focus.
 */
export async function tabTo(p: Page, selector: string, text?: string, opts: { back?: boolean } = {}): Promise<void> {
  const hidden: string[] = [];
  for (let i = 0; i < 300; i++) {
    await p.keyboard.press(opts.back ? 'Shift+Tab' : 'Tab');
    const f = await p.evaluate(inspectFocus, [selector, text ?? null] as const);
    if (f && !f.shown && !hidden.includes(f.what)) hidden.push(f.what);
    if (f?.here) {
      assert.deepEqual(hidden, [], `focus not visible on the way to ${selector} at ${p.url()}`);
      return;
    }
  }
  assert.fail(`Tab never reached ${selector}${text ? ` "${text}"` : ''} at ${p.url()}`);
}

/** Presses a key that sends a form or follows a link, and waits for the page it leads to; its status. */
export async function send(p: Page, key = 'Enter'): Promise<number> {
  const [res] = await Promise.all([p.waitForNavigation(), p.keyboard.press(key)]);
  return res?.status() ?? 0;
}

/** Tabs to a link (or button) and presses Enter on it: the status of the page it leads to. */
export async function follow(p: Page, selector: string, text?: string): Promise<number> {
  await tabTo(p, selector, text);
  return send(p);
}

/** Presses `key` until the focus leaves the page (the body has it again): the stops on the way. */
async function cycle(p: Page, key: 'Tab' | 'Shift+Tab', hidden: string[]): Promise<string[]> {
  const stops: string[] = [];
  for (let i = 0; i < 600; i++) {
    await p.keyboard.press(key);
    const f = await p.evaluate(inspectFocus, ['*', null] as const);
    if (!f) return stops;
    stops.push(f.what);
    if (!f.shown && !hidden.includes(f.what)) hidden.push(f.what);
  }
  assert.fail(`${key} never left ${p.url()}: a focus trap after ${stops.slice(-5).join(', ')}`);
}

/**
 * Goes once around the page with Tab and once back with Shift+Tab, from the body to the body: no
 * focus trap, the same stops both ways, and every stop shows its focus. Leaves the body focused
 * (the next Tab goes to the page's first control); the stops, in order.
 */
export async function tabAround(p: Page): Promise<string[]> {
  const hidden: string[] = [];
  // From wherever the page put the starting point (a #fragment) to the end of the page.
  await cycle(p, 'Tab', hidden);
  hidden.length = 0;
  const forward = await cycle(p, 'Tab', hidden);
  const backward = await cycle(p, 'Shift+Tab', hidden);
  assert.ok(forward.length > 0, `no control to reach on ${p.url()}`);
  assert.deepEqual([...backward].reverse(), forward, `Shift+Tab goes back through other stops than Tab on ${p.url()}`);
  assert.deepEqual(hidden, [], `focus not visible on ${p.url()}`);
  return forward;
}

/**
 * Opens the focused file field's chooser with Space and gives it the file. Playwright switches the
 * browser's file-chooser interception on without waiting when a listener is added, so a key pressed at
 * once can reach Chromium first: the chooser then opens natively (cancelled at once when headless) and
 * no event comes (CI stop 24 timed out that way). The key is pressed again, at most three times,
 * until the intercepted chooser arrives; the field keeps its focus across a cancelled chooser.
 */
export async function chooseFileWithSpace(p: Page, path: string): Promise<void> {
  let resolve!: (c: import('playwright-core').FileChooser) => void;
  const arrived = new Promise<import('playwright-core').FileChooser>((r) => { resolve = r; });
  p.on('filechooser', resolve);
  try {
    for (let attempt = 1; ; attempt++) {
      await p.keyboard.press('Space');
      const chooser = await Promise.race([arrived, new Promise<null>((r) => setTimeout(() => r(null), 5000))]);
      if (chooser) { await chooser.setFiles(path); return; }
      if (attempt === 3) throw new Error('no file chooser opened after Space was pressed three times on the focused field');
    }
  } finally {
    p.off('filechooser', resolve);
  }
}

export const KEYBOARD_PASSWORD = 'a long keyboard password';

/**
 * Signs in by keyboard: the workspace's address is typed (the only address of the walk), the sign-in
 * page it leads to (looked at first by `onSignInPage`, when given) is filled with Tab and typing and
 * sent with Enter; the dashboard must answer.
 */
export async function signIn(p: Page, base: string, email: string, opts: { password?: string; onSignInPage?: (p: Page) => Promise<void> } = {}): Promise<void> {
  const password = opts.password ?? KEYBOARD_PASSWORD;
  await p.goto(`${base}/admin`, { waitUntil: 'load' });
  assert.equal(p.url(), `${base}/admin/login?next=%2Fadmin`);
  await opts.onSignInPage?.(p);
  await tabTo(p, '#email');
  await p.keyboard.type(email);
  await tabTo(p, '#password');
  await p.keyboard.type(password);
  assert.equal(await send(p), 200);
  assert.equal(p.url(), `${base}/admin`);
}

/** Back to the dashboard by the workspace's breadcrumb. */
export async function toDashboard(p: Page, base: string): Promise<void> {
  assert.equal(await follow(p, 'a[href="/admin"]'), 200);
  assert.equal(p.url(), `${base}/admin`);
}

/** From the dashboard to an appearance's workspace page: its event, its session, the person in it. */
export async function toAppearance(p: Page, base: string, at: { event: number; session: number; appearance: number }): Promise<void> {
  assert.equal(await follow(p, `a[href="/admin/events/${at.event}"]`), 200);
  assert.equal(await follow(p, `a[href="/admin/sessions/${at.session}"]`), 200);
  assert.equal(await follow(p, `a[href="/admin/appearances/${at.appearance}"]`), 200);
  assert.equal(p.url(), `${base}/admin/appearances/${at.appearance}`);
}

/** A keyboard walk's world: the demo site with an admin account, Chromium, a folder for the files it uploads. */
export type AdminWalk = { site: TestSite; browser: Browser; page: Page; files: string; email: string; url(path: string): string; close(): Promise<void> };

/** Starts a walk (not yet signed in: signIn does it); `close` ends the browser and the site and removes the folder. */
export async function adminWalk(engine: Engine, prefix: string, email = 'keys@example.org'): Promise<AdminWalk> {
  const site = await demoSite(engine);
  const files = mkdtempSync(join(tmpdir(), `${prefix}files-`));
  const close = async (browser?: Browser) => {
    await browser?.close();
    await site.stop();
    rmSync(files, { recursive: true, force: true });
  };
  try {
    await addAccount(site.storage, { email, role: 'admin', series: [], password: KEYBOARD_PASSWORD });
    const browser = await launchChromium({ prefix });
    return { site, browser, page: browser.page, files, email, url: (path) => `${site.base}${path}`, close: () => close(browser) };
  } catch (e) {
    await close();
    throw e;
  }
}

/**
 * From a person's or organization's workspace page: its merge page, the other record found with the
 * search form (`query` typed), chosen from the results, merged into this one with the confirming
 * button (the result and confirmation pages gone around with Tab and back). Ends on the survivor's
 * page at its merge line; the merge's id.
 */
export async function mergeByKeyboard(p: Page, base: string, kind: 'persons' | 'organizations', survivor: { id: number; name: string }, other: { id: number; name: string }, query: string): Promise<number> {
  assert.equal(await follow(p, `a[href="/admin/${kind}/${survivor.id}/merge"]`), 200);
  await tabTo(p, '#f-q');
  await p.keyboard.type(query);
  assert.equal(await send(p), 200);
  assert.equal(new URL(p.url()).searchParams.get('q'), query);
  await tabAround(p);
  assert.equal(await follow(p, `a[href="/admin/${kind}/${survivor.id}/merge?other=${other.id}"]`, other.name), 200);
  await tabAround(p);
  await tabTo(p, 'button', `Merge ${other.name} into ${survivor.name}`);
  assert.equal(await send(p), 200);
  const m = new RegExp(`^${base}/admin/${kind}/${survivor.id}\\?merged=(\\d+)#merge-(\\d+)$`).exec(p.url());
  assert.ok(m && m[1] === m[2], `after the merge: ${p.url()}`);
  return Number(m[1]);
}

/** From an event's workspace page: its publish page (gone around with Tab), a note typed, published; the release's number. */
export async function publishByKeyboard(p: Page, base: string, eventId: number, note: string): Promise<number> {
  assert.equal(await follow(p, `a[href="/admin/events/${eventId}/publish"]`), 200);
  await tabAround(p);
  await tabTo(p, '#note');
  await p.keyboard.type(note);
  await tabTo(p, `form[action="/admin/events/${eventId}/publish"] button`);
  assert.equal(await send(p), 200);
  const m = new RegExp(`^${base}/admin/events/${eventId}/publish\\?published=(\\d+)$`).exec(p.url());
  assert.ok(m, `after publishing: ${p.url()}`);
  return Number(m[1]);
}

/** On a series' import page: the agenda file chosen with the space bar, the new event's address, title and time zone typed (not sent). */
export async function fillImportForm(p: Page, file: string, event: { slug: string; title: string; timeZone: string }): Promise<void> {
  await tabTo(p, '#f-file');
  await chooseFileWithSpace(p, file);
  for (const [field, text] of [['#f-event-slug', event.slug], ['#f-event-title', event.title], ['#f-event-timeZone', event.timeZone]] as const) {
    await tabTo(p, field);
    await p.keyboard.type(text);
  }
}

/**
 * On a speaker's page: a statement's file chosen with the space bar, the kind and the document's
 * language passed over as offered (statement, and `lang`: the page's language first), a label typed (not sent).
 */
export async function fillStatement(p: Page, file: string, lang: string, label: string): Promise<void> {
  await tabTo(p, '#s-file');
  await chooseFileWithSpace(p, file);
  await tabTo(p, '#s-kind');
  assert.equal(await p.inputValue('#s-kind'), 'statement');
  await tabTo(p, '#s-lang');
  assert.equal(await p.inputValue('#s-lang'), lang);
  await tabTo(p, '#s-label');
  await p.keyboard.type(label);
}
