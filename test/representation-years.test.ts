// The representation figures of one year of a series (issue 14), through the running server on
// every engine: /series/{slug}/representation/{year} and its .csv and .json, linked from each year
// row of the series' trend table (in the reader's language), cached like the series' page and
// dropped on the next write; a year without a published event, or not a year, is 404. The seed's
// series gets a second year through `plenary import --publish`, counted by hand below.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { CSV_COLUMNS } from '../src/exports/representation.ts';
import { parseCsvBytes } from './csv.ts';
import { ENGINES } from './engines.ts';
import { http } from './http-client.ts';
import { runPlenary } from './plenary-cli.ts';
import { demoSite, type TestSite } from './server.ts';

const SERIES = '/series/international-dialogue-on-migration/representation';

/*
 * 2018, counted by hand: one panel of 90 minutes, one moderator and three speakers (1,800 s each).
 *   Anna Keller, moderating: Switzerland (Europe, Western Europe); State Secretariat for Migration,
 *     which the importer guesses "other" (a government body it does not recognise by its name).
 *   Jean Dupont: France (Europe, Western Europe); no organization printed: kind not known.
 *   Maria Rossi: Italy (Europe, Southern Europe); University of Bologna: academia.
 *   Laura Thompson: no country printed (region not known); IOM: UN or other intergovernmental. She
 *     is the seed's Laura Thompson (same name, same organization): one person across both years.
 * 2017 is the seed event alone: 35 persons, 37 appearances (test/representation.test.ts counts them).
 * The series: 35 + 4 - 1 = 38 persons, 37 + 4 = 41 appearances.
 */
const AGENDA_2018 = (extra: string) => `International Dialogue on Migration 2018: youth and migration
Geneva, 10 October 2018

DAY 1 – Wednesday, 10 October 2018

10:00 – 11:30 Panel 1: Youth and migration
Moderator: Ms. Anna Keller, Director, State Secretariat for Migration, Switzerland
Speakers:
Mr. Jean Dupont, Minister of the Interior, France
Ms. Maria Rossi, Professor, University of Bologna, Italy
Ms. Laura Thompson, Deputy Director General, International Organization for Migration
${extra}`;

type Group = { key: string; persons: number; appearances: number; speakingSeconds: number };
type Body = {
  scope: { kind: string; slug: string; year: number | null; events: Array<{ slug: string }> };
  totals: { persons: number; appearances: number; speakingAppearances: number; moderatingAppearances: number; speakingSeconds: number };
  dimensions: Record<string, Group[]>;
  years?: Array<{ year: number; events: number; totals: { persons: number; appearances: number } }>;
};
/** A dimension's groups with someone in them, as key → [persons, appearances, speaking seconds]. */
const groups = (b: Body, d: string) => Object.fromEntries(b.dimensions[d]!.filter((g) => g.appearances > 0).map((g) => [g.key, [g.persons, g.appearances, g.speakingSeconds]]));
const totals = (b: Body) => [b.totals.persons, b.totals.appearances, b.totals.speakingAppearances, b.totals.moderatingAppearances];

for (const engine of ENGINES) {
  describe(`representation figures of a series' year (${engine})`, () => {
    let site: TestSite;
    const dir = mkdtempSync(join(tmpdir(), 'plenary-rep-years-'));
    const json = async (path: string) => {
      const r = await http('GET', `${site.base}${path}`);
      assert.equal(r.status, 200, path);
      return JSON.parse(r.body) as Body;
    };
    const importYear = (extra: string) => {
      const file = join(dir, 'idm-2018.txt');
      writeFileSync(file, AGENDA_2018(extra));
      const r = runPlenary(['import', file, '--series', 'international-dialogue-on-migration', '--event', 'idm-2018-geneva', '--title', 'IDM 2018: youth and migration', '--time-zone', 'Europe/Zurich', '--publish'], site.url);
      assert.equal(r.code, 0, r.err);
    };
    before(async () => {
      site = await demoSite(engine);
    });
    after(async () => {
      await site.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    test("one year of one event: the seed event's figures, as JSON, CSV and a page", async () => {
      const y = await json(`${SERIES}/2017.json`);
      assert.deepEqual([y.scope.kind, y.scope.slug, y.scope.year, y.scope.events.map((e) => e.slug)], ['series', 'international-dialogue-on-migration', 2017, ['idm-2017-new-york']]);
      assert.deepEqual(totals(y), [35, 37, 31, 6]);
      assert.deepEqual(
        Object.fromEntries(Object.entries(groups(y, 'region')).map(([k, v]) => [k, v[1]])),
        { africa: 6, americas: 4, asia: 3, europe: 4, 'not-known': 20 },
      );
      // The same as the event's own figures.
      const event = await json('/events/idm-2017-new-york/representation.json');
      assert.deepEqual(y.dimensions, event.dimensions);
      assert.equal(y.years, undefined, 'a year has no trend of its own');
      const csv = await http('GET', `${site.base}${SERIES}/2017.csv`);
      assert.equal(csv.status, 200);
      assert.equal(csv.headers['content-type'], 'text/csv; charset=utf-8');
      assert.equal(csv.headers['content-disposition'], 'attachment; filename="international-dialogue-on-migration-2017-representation.csv"');
      const rows = parseCsvBytes(csv.bytes);
      assert.deepEqual(rows[0], [...CSV_COLUMNS]);
      const col = (name: string) => CSV_COLUMNS.indexOf(name as (typeof CSV_COLUMNS)[number]);
      assert.ok(rows.slice(1).every((r) => r[col('scope')] === 'series' && r[col('year')] === '2017'));
      const page = await http('GET', `${site.base}${SERIES}/2017`);
      assert.equal(page.status, 200);
      assert.match(page.body, /<h1>Who was heard: <span lang="en">International Dialogue on Migration<\/span>, 2017<\/h1>/);
      assert.match(page.body, /<a href="\/series\/international-dialogue-on-migration\/representation\/2017\.csv" type="text\/csv">/);
    });

    test("a second year: its own figures counted by hand, the series' whole, and a link from each year of the trend table", async () => {
      importYear('');
      const y = await json(`${SERIES}/2018.json`);
      assert.deepEqual(y.scope.events.map((e) => e.slug), ['idm-2018-geneva']);
      assert.deepEqual(totals(y), [4, 4, 3, 1]);
      assert.equal(y.totals.speakingSeconds, 5400);
      assert.deepEqual(groups(y, 'region'), { europe: [3, 3, 3600], 'not-known': [1, 1, 1800] });
      assert.deepEqual(groups(y, 'subregion'), { 'southern-europe': [1, 1, 1800], 'western-europe': [2, 2, 1800], 'not-known': [1, 1, 1800] });
      assert.deepEqual(groups(y, 'organizationKind'), { igo: [1, 1, 1800], academia: [1, 1, 1800], other: [1, 1, 0], 'not-known': [1, 1, 1800] });
      assert.deepEqual(groups(y, 'role'), { moderator: [1, 1, 0], speaker: [3, 3, 5400] });
      assert.deepEqual(groups(y, 'gender'), { 'not-known': [4, 4, 5400] });
      // 2017 is unchanged; the series counts Laura Thompson once across both years.
      assert.deepEqual(totals(await json(`${SERIES}/2017.json`)), [35, 37, 31, 6]);
      const series = await json(`${SERIES}.json`);
      assert.deepEqual([series.totals.persons, series.totals.appearances], [38, 41]);
      assert.deepEqual(series.years!.map((x) => [x.year, x.events, x.totals.persons, x.totals.appearances]), [
        [2017, 1, 35, 37],
        [2018, 1, 4, 4],
      ]);
      // Each year row of the trend table leads to that year's page, in the reader's language.
      for (const prefix of ['', '/fr', '/ar']) {
        const page = (await http('GET', `${site.base}${prefix}${SERIES}`)).body;
        const links = [...page.matchAll(/<th scope="row"><a href="([^"]+)" aria-label="([^"]+)">(\d{4})<\/a><\/th>/g)].map((m) => [m[1], m[3]]);
        assert.deepEqual(links, [
          [`${prefix}${SERIES}/2017`, '2017'],
          [`${prefix}${SERIES}/2018`, '2018'],
        ]);
        const year = await http('GET', `${site.base}${prefix}${SERIES}/2018`);
        assert.equal(year.status, 200, `${prefix}${SERIES}/2018`);
        assert.match(year.body, new RegExp(`<html lang="${prefix ? prefix.slice(1) : 'en'}"`));
      }
      assert.match((await http('GET', `${site.base}/fr${SERIES}/2018`)).body, /<h1>Qui a pris la parole\u00a0: <span lang="en">International Dialogue on Migration<\/span>, 2018<\/h1>/);
      // The year's page is cached as the series' is: the next write (a speaker added and published) drops it.
      const before = await http('GET', `${site.base}${SERIES}/2018`);
      assert.equal((await http('GET', `${site.base}${SERIES}/2018`)).headers.etag, before.headers.etag);
      importYear('Ms. Ana Gómez, Director, Migrant Forum in Asia\n');
      const after2 = await json(`${SERIES}/2018.json`);
      assert.deepEqual(totals(after2), [5, 5, 4, 1]);
      assert.equal(after2.totals.speakingSeconds, 5400);
      const page = await http('GET', `${site.base}${SERIES}/2018`);
      assert.notEqual(page.headers.etag, before.headers.etag);
      assert.match(page.body, /<dt>Appearances<\/dt><dd>5<\/dd>/);
    });

    test('a year without a published event, or not a year: 404', async () => {
      for (const path of [`${SERIES}/2016`, `${SERIES}/2016.json`, `${SERIES}/2016.csv`, `${SERIES}/17`, `${SERIES}/2017.xml`, '/series/no-such-series/representation/2017']) {
        assert.equal((await http('GET', `${site.base}${path}`)).status, 404, path);
      }
    });
  });
}
