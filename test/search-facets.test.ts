// Search facets by series, event and organization kind (issue 12), on every engine: three agendas
// in two series imported and published with `plenary import --publish`, then /api/search and
// /search over HTTP. The expected counts are worked out by hand below from what each page says.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { startServer } from '../src/web/server.ts';
import { ENGINES, migratedStorage } from './engines.ts';
import { http } from './http-client.ts';
import { runPlenary } from './plenary-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'plenary-search-facets-'));
after(() => rmSync(dir, { recursive: true, force: true }));

// Which documents hold "mobility" (a session's text is its title and its people's names; an
// organization's its name; an event's its title, overview and place; a person's the positions,
// organizations and countries printed on their appearances):
//   health-2023: the event (its title); Panel 1 (title); Panel 2 no.                      → 2
//   health-2024: the event no; Panel 1 and Panel 2 (titles).                              → 2
//   labour-2024: the event (its title); Opening no; Panel 1 and Panel 2 (titles).         → 3
//   organizations (no series or event): Ministry of Mobility of Ghana and of Kenya (a
//   government body is its country's: two member-state records), Mobility Research
//   University (academia), Mobility Rights Network (civil society), Mobility Partners Ltd
//   (private sector), each one record across events.                                     → 5
//   persons (no series or event): all eight spoke for one of those organizations, each for
//   the country printed (Ama Owusu Ghana, Brian Kim Kenya, Carla Diaz Spain, Dan Otieno Kenya,
//   Eva Berg Norway, Frank Moss United Kingdom, Gita Rao India, Hana Sato Japan).        → 8
// Total 20: person 8, event 2, session 5, organization 5. Countries: Kenya 3 (the ministry,
// Brian Kim, Dan Otieno), Ghana 2, the others 1; regions Africa 5, Europe 3, Asia 2.
const PAGES = [
  {
    args: ['--series', 'health', '--series-title', 'Health Dialogue', '--event', 'health-2023', '--title', 'Health and Mobility 2023'],
    text: `Health and Mobility 2023

Agenda

DAY ONE – 6 June 2023

10:00 – 11:30 Panel 1 – Mobility of health workers
• Ama Owusu, Minister, Ministry of Mobility, Ghana
• Brian Kim, Professor, Mobility Research University, Kenya

12:00 – 13:00 Panel 2 – Financing clinics
• Carla Diaz, Director, Mobility Rights Network, Spain
`,
  },
  {
    args: ['--series', 'health', '--series-title', 'Health Dialogue', '--event', 'health-2024', '--title', 'Health Dialogue 2024'],
    text: `Health Dialogue 2024

Agenda

DAY ONE – 4 June 2024

10:00 – 11:30 Panel 1 – Clinics and mobility
• Ama Owusu, Minister, Ministry of Mobility, Ghana
• Dan Otieno, Minister, Ministry of Mobility, Kenya

14:00 – 15:00 Panel 2 – Mobility and care
• Eva Berg, Analyst, Mobility Partners Ltd, Norway
`,
  },
  {
    args: ['--series', 'labour', '--series-title', 'Labour Dialogue', '--event', 'labour-2024', '--title', 'Labour Mobility Forum 2024'],
    text: `Labour Mobility Forum 2024

Agenda

DAY ONE – 8 October 2024

09:00 – 10:00 Opening
• Frank Moss, Director, Mobility Rights Network, United Kingdom

10:00 – 11:30 Panel 1 – Mobility in the labour market
• Gita Rao, Professor, Mobility Research University, India

11:30 – 12:30 Panel 2 – Labour mobility and skills
• Hana Sato, Director, Mobility Partners Ltd, Japan
`,
  },
];

type Facet = { value: string; label?: string; count: number; selected: boolean };
type Answer = { total: number; results: Array<{ kind: string; title: string }>; facets: Record<string, Facet[]> };

for (const engine of ENGINES) {
  describe(`search facets on ${engine}`, () => {
    test('series, event and organization kind counted exactly, alone and combined', async () => {
      const db = await migratedStorage(engine);
      const server = await startServer(db.storage, { port: 0, host: '127.0.0.1' });
      const base = `http://127.0.0.1:${server.port}`;
      try {
        for (const [i, p] of PAGES.entries()) {
          const file = join(dir, `${engine}-${i}.txt`);
          writeFileSync(file, p.text);
          const r = runPlenary(['import', file, ...p.args, '--time-zone', 'Europe/Zurich', '--publish'], db.url);
          assert.equal(r.code, 0, r.err);
        }
        const q = db.storage.db;
        const idOf = async (table: 'series' | 'event', slug: string) => String((await q.selectFrom(table).select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id);
        const S = { health: await idOf('series', 'health'), labour: await idOf('series', 'labour') };
        const E = { h23: await idOf('event', 'health-2023'), h24: await idOf('event', 'health-2024'), l24: await idOf('event', 'labour-2024') };
        // The organizations as the importer typed them: the by-hand kinds above.
        assert.deepEqual(
          (await q.selectFrom('organization').select(['name', 'kind', 'country_code']).orderBy('name').orderBy('country_code').execute()).map((o) => `${o.name}|${o.kind}|${o.country_code ?? ''}`),
          ['Ministry of Mobility|member-state|GH', 'Ministry of Mobility|member-state|KE', 'Mobility Partners Ltd|private-sector|', 'Mobility Research University|academia|', 'Mobility Rights Network|civil-society|'],
        );

        const ask = async (query: string): Promise<Answer> => {
          const r = await http('GET', `${base}/api/search?${query}`);
          assert.equal(r.status, 200, r.body);
          return JSON.parse(r.body) as Answer;
        };
        const counts = (a: Answer, facet: string) => a.facets[facet]!.map((f) => `${f.value}=${f.count}${f.selected ? '*' : ''}`);

        const all = await ask('q=mobility');
        assert.equal(all.total, 20);
        assert.deepEqual(counts(all, 'kind'), ['person=8', 'organization=5', 'session=5', 'event=2']);
        assert.deepEqual(counts(all, 'country'), ['KE=3', 'GH=2', 'ES=1', 'GB=1', 'IN=1', 'JP=1', 'NO=1']);
        assert.deepEqual(counts(all, 'region'), ['africa=5', 'europe=3', 'asia=2']);
        assert.deepEqual(counts(all, 'series'), [`${S.health}=4`, `${S.labour}=3`]);
        assert.deepEqual(counts(all, 'event'), [`${E.l24}=3`, ...[`${E.h23}=2`, `${E.h24}=2`].sort()]);
        assert.deepEqual(counts(all, 'orgKind'), ['member-state=2', 'academia=1', 'civil-society=1', 'private-sector=1']);

        // One series: its events' documents only; organizations and persons belong to no series.
        const health = await ask(`q=mobility&series=${S.health}`);
        assert.equal(health.total, 4);
        assert.deepEqual(counts(health, 'series'), [`${S.health}=4*`]);
        assert.deepEqual(counts(health, 'event'), [`${E.h23}=2`, `${E.h24}=2`].sort());
        assert.deepEqual(counts(health, 'kind'), ['session=3', 'event=1']);
        assert.deepEqual(counts(health, 'orgKind'), []);
        const h24 = await ask(`q=mobility&event=${E.h24}`);
        assert.deepEqual([h24.total, h24.results.map((r) => `${r.kind}: ${r.title}`).sort()], [2, ['session: Clinics and mobility', 'session: Mobility and care']]);
        assert.deepEqual([counts(h24, 'event'), counts(h24, 'series')], [[`${E.h24}=2*`], [`${S.health}=2`]]);
        const labourPanels = await ask(`q=mobility&series=${S.labour}&kind=session`);
        assert.deepEqual([labourPanels.total, counts(labourPanels, 'event'), counts(labourPanels, 'kind')], [2, [`${E.l24}=2`], ['session=2*']]);

        // One organization kind: those organizations; no series or event to count.
        const government = await ask('q=mobility&orgKind=member-state');
        assert.equal(government.total, 2);
        assert.deepEqual(government.results.map((r) => `${r.kind}: ${r.title}`), ['organization: Ministry of Mobility', 'organization: Ministry of Mobility']);
        assert.deepEqual([counts(government, 'orgKind'), counts(government, 'series'), counts(government, 'event'), counts(government, 'country')], [['member-state=2*'], [], [], ['GH=1', 'KE=1']]);
        const academia = await ask('q=university&orgKind=academia');
        assert.deepEqual([academia.total, academia.results.map((r) => r.title), counts(academia, 'orgKind')], [1, ['Mobility Research University'], ['academia=1*']]);
        // Combined with a series: nothing, and every facet says so.
        const none = await ask(`q=mobility&orgKind=member-state&series=${S.health}`);
        assert.deepEqual([none.total, counts(none, 'orgKind'), counts(none, 'series')], [0, [], []]);

        // The page shows the same counts beside its facet links.
        const page = await http('GET', `${base}/search?q=mobility`);
        assert.equal(page.status, 200);
        const main = page.body.slice(page.body.indexOf('<main')).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
        assert.equal(
          main.slice(main.indexOf('Refine') + 'Refine '.length, main.indexOf(' Results ')),
          'Type Person (8) Organization (5) Session (5) Event (2) Year 2024 (5) 2023 (2) Series Health Dialogue (4) Labour Dialogue (3) Event Labour Mobility Forum 2024 (3) Health and Mobility 2023 (2) Health Dialogue 2024 (2) Country Kenya (3) Ghana (2) Spain (1) United Kingdom (1) India (1) Japan (1) Norway (1) Region Africa (5) Europe (3) Asia (2) Organization kind Member State government (2) Academia (1) Civil society (1) Private sector (1) Language English (7)',
        );
      } finally {
        await server.close();
        await db.cleanup();
      }
    });
  });
}
