import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openStorage } from '../src/storage/storage.ts';
import { ENGINES, freshDatabase } from './engines.ts';
import { SHARED_SKIP, sharedPath } from './shared.ts';
import { runPlenary } from './plenary-cli.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'plenary-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

// The commands that store run on every engine of PLENARY_TEST_ENGINES, each on a fresh database.
const plenary = (args: string[], env: Record<string, string> = {}, url = `sqlite:${join(dir, 'cli.db')}`) => runPlenary(args, url, { env });

const STORE = ['--series', 'idm', '--series-title', 'International Dialogue on Migration', '--event', 'idm-2017-ny', '--title', 'IDM 2017 New York', '--time-zone', 'America/New_York', '--venue', 'UN Headquarters'];

test('import --json prints the seed exactly as the expected reading, and the score tool gives 100 on every measure', { skip: SHARED_SKIP }, () => {
  const r = plenary(['import', sharedPath('seed/idm-2017-new-york.txt'), '--json']);
  assert.equal(r.err, '');
  assert.equal(r.code, 0);
  const out = join(dir, 'seed.json');
  writeFileSync(out, r.out);
  const score = spawnSync(process.execPath, [sharedPath('tools/score-agenda.mjs'), sharedPath('seed/idm-2017-new-york.expected.json'), out], { encoding: 'utf8' });
  assert.equal(
    score.stdout.trim(),
    'sessions_f1=100.0 appearances_f1=100.0 session_fields=100.0 materials=100.0 affiliation=100.0 country=100.0 honorific=100.0 (expected 10 sessions/37 appearances; got 10/37)',
  );
  const doc = JSON.parse(r.out) as { source: string; warnings: unknown[] };
  assert.equal(doc.source, 'idm-2017-new-york.txt');
  // The page ends with an empty "Event documents and photos" section: the one line it cannot place.
  assert.deepEqual(doc.warnings, [{ line: 113, text: 'Event documents and photos', message: 'line not understood' }]);
});

test('usage errors say what is missing', () => {
  const r = plenary(['import']);
  assert.equal(r.code, 1);
  assert.ok(r.err.startsWith('plenary: FILE is missing\n\nusage: plenary import FILE [options]'), r.err);
  const u = plenary(['frobnicate']);
  assert.equal(u.code, 2);
  assert.ok(u.err.startsWith('plenary: unknown command "frobnicate"'));
});

for (const engine of ENGINES) describe(`the command line on ${engine}`, () => {
  test('import stores into a series and event, reports what it created, and a second import updates in place', { skip: SHARED_SKIP }, async (t) => {
    const fresh = await freshDatabase(engine);
    t.after(() => fresh.drop());
    const plenary = (args: string[]) => runPlenary(args, fresh.url);
    const seed = sharedPath('seed/idm-2017-new-york.txt');
    // Without --publish the agenda goes into the working copy of a new draft event.
    const first = plenary(['import', seed, ...STORE]);
    assert.equal(first.err, '');
    assert.equal(first.code, 0);
    assert.equal(
      first.out,
      [
        'series idm: created',
        'event idm-2017-ny: created (draft, 2017-04-18 to 2017-04-19)',
        'days: 2',
        'sessions: 10 created, 0 updated, 0 removed',
        'appearances: 37 created, 0 updated, 0 removed',
        'persons: 35 created, 0 matched',
        'organizations: 24 created, 0 matched',
        'not published: stored in the working copy (publish with: plenary publish --event idm-2017-ny)',
        'warning: line 113: line not understood: Event documents and photos',
        '',
      ].join('\n'),
    );
    // With --publish the second import updates in place and publishes it as release 1.
    const second = plenary(['import', seed, ...STORE, '--publish']);
    assert.equal(second.err, '');
    assert.equal(second.code, 0);
    assert.equal(
      second.out,
      [
        'series idm: existing',
        'event idm-2017-ny: updated (published, 2017-04-18 to 2017-04-19)',
        'days: 2',
        'sessions: 0 created, 10 updated, 0 removed',
        'appearances: 0 created, 37 updated, 0 removed',
        'persons: 0 created, 35 matched',
        'organizations: 0 created, 24 matched',
        'published: release 1',
        'warning: line 113: line not understood: Event documents and photos',
        '',
      ].join('\n'),
    );
  });

  test('inputs that are not agendas are refused with a clear message, a non-zero exit, and nothing stored', async (t) => {
    const fresh = await freshDatabase(engine);
    t.after(() => fresh.drop());
    const db = fresh.url;
    const empty = join(dir, 'empty.txt');
    writeFileSync(empty, '');
    const png = join(dir, 'agenda.txt');
    writeFileSync(png, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
    const binary = join(dir, 'binary.bin');
    writeFileSync(binary, Buffer.from([0x01, 0x02, 0x03, 0x41, 0x42, 0x00, 0x43]));
    const noise = join(dir, 'noise.txt');
    writeFileSync(noise, Buffer.alloc(50 * 1024 * 1024, 'x'));
    const prose = join(dir, 'prose.txt');
    writeFileSync(prose, 'This is a letter.\n\nIt has no agenda in it at all.\n');
    const cases: Array<[string, string]> = [
      [empty, `plenary: ${empty} is empty: there is no agenda to read\n`],
      [png, `plenary: ${png} is an image; an agenda must be text, HTML, DOCX or PDF\n`],
      [binary, `plenary: ${binary} is binary, not a text agenda (a NUL byte at offset 5)\n`],
      [noise, `plenary: ${noise} is 50.0 MB; an agenda page is at most 10.0 MB\n`],
      [prose, 'plenary: the input holds no agenda: no day and no time slot or session was recognised\n'],
      [join(dir, 'missing.txt'), `plenary: cannot read ${join(dir, 'missing.txt')}: no such file\n`],
    ];
    for (const [file, message] of cases) {
      const r = plenary(['import', file, ...STORE], { DATABASE_URL: db });
      assert.equal(r.err, message, file);
      assert.equal(r.code, 1, file);
      assert.equal(r.out, '', file);
    }
    // The prose case got as far as opening the database: it must hold no event.
    const storage = await openStorage(db);
    try {
      for (const table of ['event', 'person'] as const) {
        const row = await storage.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
        assert.equal(Number(row.n), 0, table);
      }
    } finally {
      await storage.close();
    }
  });


  test('serve, started from any directory on an empty database, imports the demo event and serves its page', async (t) => {
    const fresh = await freshDatabase(engine);
    t.after(() => fresh.drop());
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, [join(ROOT, 'bin/plenary.mjs'), 'serve'], {
      cwd: dir,
      env: { ...process.env, DATABASE_URL: fresh.url, PORT: '0', HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let out = '';
      let err = '';
      child.stderr.on('data', (c: Buffer) => (err += c.toString()));
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          const m = new RegExp(`serving (http://\\S+) \\(${engine}\\)`).exec(out);
          if (m) resolve(m[1]!);
        });
        child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${err}`)));
      });
      assert.equal(out.split('\n')[0], 'plenary: the database held no events; imported the demo event');
      const res = await fetch(`${url}/events/idm-2017-new-york`);
      assert.equal(res.status, 200);
      assert.ok((await res.text()).includes('<h1 lang="en">International Dialogue on Migration 2017 — first workshop, New York</h1>'));
      assert.equal(err, '');
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  });
});
