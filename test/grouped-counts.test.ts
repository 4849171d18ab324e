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

          // The representation figures of a series (tables and charts: views/representation.tsx) group as the counts in
          // messages do, through the one Intl path (web/i18n/numbers.ts): French with U+00A0, never Intl's U+202F, which
          // they kept while messages and file sizes wrote U+00A0 ("4 890,0 minutes" in a sentence, "4 890,0" in its table).
          const series = (JSON.parse((await http('GET', `${base}/api/series`)).body) as { data: Array<{ slug: string }> }).data[0]!.slug;
          type Figures = { totals: { speakingSeconds: number }; dimensions: Record<string, Array<{ speakingSeconds: number }>> };
          const figures = JSON.parse((await http('GET', `${base}/series/${series}/representation.json`)).body) as Figures;
          // Speaking time in minutes with one decimal (the tables' last figures): those of four digits.
          const minutes = [figures.totals.speakingSeconds, ...Object.values(figures.dimensions).flatMap((gs) => gs.map((g) => g.speakingSeconds))]
            .map((sec) => (sec / 60).toFixed(1))
            .filter((m) => m.length === 6);
          assert.ok(minutes.length > 1, `minutes of four digits (${minutes.join(' ')})`);
          const written = (m: string, sep: string, point: string, from = 4) => `${grouped(Number(m.split('.')[0]), sep, from)}${point}${m.split('.')[1]}`;
          const groupedIn: Record<string, (m: string) => string> = { '': (m) => written(m, ',', '.'), '/fr': (m) => written(m, '\u00a0', ','), '/es': (m) => written(m, '.', ',', 5), '/ar': (m) => written(m, ',', '.') };
          for (const [prefix, write] of Object.entries(groupedIn)) {
            const page = await http('GET', `${base}${prefix}/series/${series}/representation`);
            assert.equal(page.status, 200, `${prefix} representation`);
            for (const m of minutes) assert.ok(page.body.includes(`<td>${write(m)}</td>`), `${prefix}: ${JSON.stringify(write(m))} in a cell`);
          }
          // No French page shown here writes a number with U+202F (the search page's counts, facets' counts, the figures).
          for (const path of ['/fr/search?q=of', `/fr/series/${series}/representation`, '/fr/people', `/fr/series/${series}`]) {
            const page = await http('GET', `${base}${path}`);
            assert.equal(page.status, 200, path);
            assert.doesNotMatch(page.body, /\u202f/, path);
          }
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
