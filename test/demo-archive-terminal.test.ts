// `plenary demo-archive` on a terminal draws a progress bar on one line (carriage returns, at most
// ten redraws a second, always the last), then its summary; run on a real pseudo-terminal
// (test/terminal.py), as a user sees it. SQLite (the bar does not depend on the engine).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { freshDatabase } from './engines.ts';
import { ROOT } from './plenary-cli.ts';

test('plenary demo-archive --events 4 on a terminal: a bar redrawn in place, ending full', async () => {
  const db = await freshDatabase('sqlite');
  try {
    const r = spawnSync('python3', [join(ROOT, 'test/terminal.py'), JSON.stringify([process.execPath, 'bin/plenary.mjs', 'demo-archive', '--events', '4', '--seed', '1']), '[]'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: db.url, PLENARY_DEMO: 'off' },
    });
    assert.equal(r.stderr, '');
    const { code, out } = JSON.parse(r.stdout) as { code: number; out: string };
    assert.equal(code, 0, out);
    // Every drawing starts with a carriage return and is a bar of 30 cells with its percentage and count.
    const drawings = out.split('\r\n')[0]!.split('\r').filter(Boolean);
    assert.ok(drawings.length >= 1 && drawings.length <= 4, JSON.stringify(drawings));
    for (const d of drawings) assert.match(d, /^\[[#-]{30}\] {1,2}\d{1,3}% [1-4]\/4 events, \d+\.\d\/s, (about \d+ s left|done) {3}$/);
    assert.match(drawings.at(-1)!, /^\[#{30}\] 100% 4\/4 events, \d+\.\d\/s, done {3}$/);
    // No plain progress lines on a terminal; then the summary.
    assert.doesNotMatch(out, /demo-archive: \d\/4 events \(/);
    assert.match(out, /\r\ndemo-archive: seed 1: 4 events in \d+ series \(\d{4}–\d{4}\)/);
  } finally {
    await db.drop();
  }
});
