// Counts in the reader's language (issue 13): a number a message carries ({n}, {count}, any quantity) is
// written by Intl after the plural form is chosen, so the search page of a demo archive (`plenary
// demo-archive --events 80`, over a thousand hits for "of") says "1,126 results", "1 126 résultats"
// (U+00A0, as every French number of the site), "1126 resultados" (Spanish groups from five digits on) and
// "1,126 نتيجة" (Arabic with Latin digits), checked over HTTP through a running server against the total the
// JSON API gives as a number, grouped here by hand.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { openStorage } from '../src/storage/storage.ts';
import { startServer } from '../src/web/server.ts';
import { ENGINES, freshDatabase } from './engines.ts';
import { http } from './http-client.ts';
import { runPlenary } from './plenary-cli.ts';

/** Digits grouped by threes from the right with `sep`, only from `from` digits on. */
function grouped(n: number, sep: string, from = 4): string {
  const s = String(n);
  if (s.length < from) return s;
  return s.replace(/\B(?=(\d{3})+$)/g, sep);
}

for (const engine of ENGINES) {
  describe(`grouped counts on ${engine}`, () => {
    test('the search page of a demo archive gives its total grouped in en, fr, es and ar', async () => {
      const fresh = await freshDatabase(engine);
      try {
        const made = runPlenary(['demo-archive', '--events', '80', '--seed', '1'], fresh.url, { env: { PLENARY_DEMO: 'off' } });
        assert.equal(made.code, 0, made.err);
        const storage = await openStorage(fresh.url);
        const server = await startServer(storage, { port: 0, host: '127.0.0.1' });
        const base = `http://127.0.0.1:${server.port}`;
        try {
          const api = await http('GET', `${base}/api/search?q=of`);
          assert.equal(api.status, 200, api.body);
          const total = (JSON.parse(api.body) as { total: number }).total;
          assert.ok(total >= 1000 && total < 10000, `a total of four digits (it is ${total})`);
          const expected: Record<string, string> = {
            '': `${grouped(total, ',')} results`,
            '/fr': `${grouped(total, '\u00a0')} résultats`,
            '/es': `${grouped(total, '.', 5)} resultados`,
            '/ar': `${grouped(total, ',')} نتيجة`,
          };
          for (const [prefix, text] of Object.entries(expected)) {
            const page = await http('GET', `${base}${prefix}/search?q=of`);
            assert.equal(page.status, 200, `${prefix}/search`);
            assert.equal(/<p role="status">([^<]*)</.exec(page.body)?.[1], text, `${prefix}/search?q=of`);
          }
          // The same total on the second page of results.
          const second = await http('GET', `${base}/fr/search?q=of&page=2`);
          assert.equal(/<p role="status">([^<]*)</.exec(second.body)?.[1], expected['/fr']);
        } finally {
          await server.close();
          await storage.close();
        }
      } finally {
        await fresh.drop();
      }
    });
  });
}
