// Search and backups, through the commands and the running server: a backup made with
// `plenary backup` holds no search table (tar lists the archive's entries), and a database made
// by `plenary restore` answers /api/search at once, before anyone runs `plenary search rebuild`,
// exactly as the original did (the restore rebuilds the index in its own transaction). Every engine.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { importDemo } from '../src/operations/demo.ts';
import { openStorage } from '../src/storage/storage.ts';
import { startServer } from '../src/web/server.ts';
import { ENGINES, freshDatabase, migratedStorage } from './engines.ts';
import { http } from './http-client.ts';
import { runPlenary } from './plenary-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'plenary-search-restore-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** What the site answers for each query: the whole JSON (results, snippets, exact facet counts). */
async function answers(base: string, queries: string[]): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const q of queries) {
    const r = await http('GET', `${base}/api/search?q=${encodeURIComponent(q)}`);
    assert.equal(r.status, 200, `${q}: ${r.body.slice(0, 300)}`);
    // Links are absolute: the two servers differ only in their port.
    out[q] = JSON.parse(r.body.replaceAll(base, 'BASE'));
  }
  return out;
}

// ('mexique': a person's text holds the names of the countries they spoke for, made again by the restore.)
const QUERIES = ['migration', 'swing', '"international dialogue"', 'gomez', 'mexique', '"director general"'];

for (const engine of ENGINES) {
  describe(`search after a restore on ${engine}`, () => {
    test('the archive holds no search table, and the restored site searches before any rebuild', async () => {
      const db = await migratedStorage(engine);
      await importDemo(db.storage);
      const server = await startServer(db.storage, { port: 0, host: '127.0.0.1' });
      let restored: Awaited<ReturnType<typeof freshDatabase>> | undefined;
      try {
        const before = await answers(`http://127.0.0.1:${server.port}`, QUERIES);
        const totals = Object.fromEntries(QUERIES.map((q) => [q, (before[q] as { total: number }).total]));
        // Each query finds something in the seed event, so an empty index after the restore would show.
        for (const q of QUERIES) assert.ok(totals[q]! > 0, `"${q}" finds nothing in the demo: ${JSON.stringify(totals)}`);

        const archive = join(dir, `backup-${engine}.tar.gz`);
        const b = runPlenary(['backup', archive], db.url);
        assert.equal(b.code, 0, b.err);
        const listed = spawnSync('tar', ['-tzf', archive], { encoding: 'utf8' });
        assert.equal(listed.status, 0, listed.stderr);
        const entries = listed.stdout.trim().split('\n');
        assert.equal(entries[0], 'manifest.json');
        assert.ok(entries.includes('tables/event.ndjson') && entries.includes('tables/pub_event.ndjson'), entries.join(' '));
        assert.deepEqual(entries.filter((e) => /search/.test(e)), [], 'no search table in the archive');

        restored = await freshDatabase(engine);
        const r = runPlenary(['restore', archive], restored.url);
        assert.equal(r.code, 0, r.err);
        const other = await openStorage(restored.url);
        const otherServer = await startServer(other, { port: 0, host: '127.0.0.1' });
        try {
          const after = await answers(`http://127.0.0.1:${otherServer.port}`, QUERIES);
          assert.deepEqual(after, before);
        } finally {
          await otherServer.close();
          await other.close();
        }
      } finally {
        await server.close();
        await db.cleanup();
        await restored?.drop();
      }
    });
  });
}
