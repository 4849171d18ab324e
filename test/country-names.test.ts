// One country name everywhere (issue 13): an agenda that prints "Turkey", "Republic of Azerbaijan"
// and "Plurinational State of Bolivia" and "Islamic Republic of Iran", imported with `plenary import
// --publish`, reads "Türkiye", "Azerbaijan", "Bolivia" and "Iran (Islamic Republic of)" (domain/country.ts
// countryLabel) on the event page, in the participants CSV and XLSX, the iCalendar file, frab's XML
// and JSON, the page's JSON-LD and the API, and what was printed is in none of them.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { DomUtils, parseDocument } from 'htmlparser2';
import ICAL from 'ical.js';
import { ENGINES } from './engines.ts';
import { runPlenary } from './plenary-cli.ts';
import { demoSite } from './server.ts';

const PAGE = `Dialogue on Migration and Trade 2024

Tuesday, 14 May 2024
10:00 – 11:30 Panel 1: Corridors
Moderator: Ayşe Demir, Director General, Ministry of Foreign Affairs, Turkey
• Elnur Mammadov, Chief, State Migration Service, Republic of Azerbaijan
• Rosa Quispe, Vice-Minister, Ministry of Labour, Plurinational State of Bolivia
• Reza Karimi, Counsellor, Ministry of Interior, Islamic Republic of Iran
`;

const PEOPLE = [
  { name: 'Ayşe Demir', slug: 'ayse-demir', position: 'Director General', organization: 'Ministry of Foreign Affairs', country: 'Türkiye', code: 'TR', printed: 'Turkey' },
  { name: 'Elnur Mammadov', slug: 'elnur-mammadov', position: 'Chief', organization: 'State Migration Service', country: 'Azerbaijan', code: 'AZ', printed: 'Republic of Azerbaijan' },
  { name: 'Rosa Quispe', slug: 'rosa-quispe', position: 'Vice-Minister', organization: 'Ministry of Labour', country: 'Bolivia', code: 'BO', printed: 'Plurinational State of Bolivia' },
  { name: 'Reza Karimi', slug: 'reza-karimi', position: 'Counsellor', organization: 'Ministry of Interior', country: 'Iran (Islamic Republic of)', code: 'IR', printed: 'Islamic Republic of Iran' },
];

const EVENT = '/events/trade-2024';

for (const engine of ENGINES) {
  describe(`one country name everywhere on ${engine}`, () => {
    test('the page, CSV, XLSX, iCalendar, frab XML and JSON, JSON-LD and the API give each country the same short name', async () => {
      const site = await demoSite(engine, { demo: false });
      const dir = mkdtempSync(join(tmpdir(), 'plenary-countries-'));
      try {
        const file = join(dir, 'agenda.txt');
        writeFileSync(file, PAGE);
        const r = runPlenary(['import', file, '--series', 'trade', '--series-title', 'Trade Dialogues', '--event', 'trade-2024', '--title', 'Trade 2024', '--time-zone', 'Europe/Zurich', '--publish'], site.url);
        assert.equal(r.code, 0, r.err);
        const stored = Number((await site.storage.db.selectFrom('site_state').select('value').where('key', '=', 'generation').executeTakeFirstOrThrow()).value);
        for (let i = 0; i < 200 && site.server.cache.currentGeneration() < stored; i++) await new Promise((res) => setTimeout(res, 50));

        const get = async (path: string) => {
          const res = await fetch(site.base + path);
          assert.equal(res.status, 200, path);
          return res;
        };
        const html = await (await get(EVENT)).text();
        const csvText = (await (await get(`${EVENT}/participants.csv`)).text()).replace(/^\uFEFF/, '');
        const csv = csvText.split('\r\n').filter(Boolean).map((l) => l.split(','));
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load((await (await get(`${EVENT}/participants.xlsx`)).arrayBuffer()) as ArrayBuffer);
        const ws = wb.worksheets[0]!;
        const sheet: string[][] = [];
        ws.eachRow((row) => void sheet.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
        const ics = await (await get(`${EVENT}/calendar.ics`)).text();
        const description = String(new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!.getFirstPropertyValue('description'));
        const xml = await (await get(`${EVENT}/schedule.xml`)).text();
        const json = (await (await get(`${EVENT}/schedule.json`)).json()) as {
          schedule: { conference: { days: Array<{ rooms: Record<string, Array<{ persons: Array<{ name: string; biography?: string; country?: string | null }> }>> }> } };
        };
        const frabPersons = json.schedule.conference.days.flatMap((d) => Object.values(d.rooms).flat().flatMap((t) => t.persons));
        const api = (await (await get(`/api${EVENT}`)).json()) as {
          days: Array<{ sessions: Array<{ appearances: Array<{ person: { name: string }; affiliation: { country: string | null; countryCode: string | null; text: string } }> }> }>;
        };
        const apiAppearances = api.days.flatMap((d) => d.sessions.flatMap((s) => s.appearances));
        const doc = parseDocument(html);
        const ldText = DomUtils.textContent(DomUtils.findOne((e) => e.name === 'script' && e.attribs.type === 'application/ld+json', doc.children)!);
        const ld = JSON.parse(ldText) as { subEvent: Array<{ performer?: Array<{ name: string; workLocation?: { '@type': string; name: string; identifier: string } }> }> };
        const ldPersons = ld.subEvent.flatMap((s) => s.performer ?? []);

        const countryColumn = csv[0]!.indexOf('Country');
        assert.ok(countryColumn > 0);
        for (const p of PEOPLE) {
          const affiliation = `${p.position}, ${p.organization}, ${p.country}`;
          // The page: the country's link in the person's line.
          const countryLink = DomUtils.findOne((e) => e.name === 'a' && e.attribs.href === `/countries/${p.code.toLowerCase()}`, doc.children);
          assert.equal(countryLink && DomUtils.textContent(countryLink), p.country, `${p.name} on the page`);
          // CSV and XLSX: the country and its code.
          const row = csv.find((x) => x[1] === p.name);
          assert.deepEqual(row?.slice(countryColumn, countryColumn + 2), [p.country, p.code], `${p.name} in the CSV`);
          const cells = sheet.find((x) => x[1] === p.name);
          assert.deepEqual(cells?.slice(countryColumn, countryColumn + 2), [p.country, p.code], `${p.name} in the XLSX`);
          // iCalendar, frab XML and JSON.
          assert.ok(description.includes(`: ${p.name}, ${affiliation}\n`), `${p.name} in the calendar`);
          assert.ok(xml.includes(`${p.name} (${affiliation})`), `${p.name} in schedule.xml`);
          const fp = frabPersons.find((x) => x.name === p.name);
          assert.equal(fp?.biography, affiliation, `${p.name} in schedule.json`);
          assert.equal(fp?.country, p.code);
          // JSON-LD.
          assert.deepEqual(ldPersons.find((x) => x.name === p.name)?.workLocation, { '@type': 'Country', name: p.country, identifier: p.code });
          // The API: the event's appearance and the person's.
          const a = apiAppearances.find((x) => x.person.name === p.name);
          assert.deepEqual([a?.affiliation.country, a?.affiliation.countryCode, a?.affiliation.text], [p.country, p.code, affiliation]);
          const mine = (await (await get(`/api/people/${p.slug}`)).json()) as { appearances: Array<{ affiliation: { country: string | null } }> };
          assert.deepEqual(mine.appearances.map((x) => x.affiliation.country), [p.country]);
        }
        // What the agenda printed is in none of them (the long forms, and "Turkey").
        for (const [what, text] of Object.entries({ html, csv: csvText, xlsx: JSON.stringify(sheet), ics, xml, json: JSON.stringify(json), api: JSON.stringify(api) })) {
          for (const p of PEOPLE) assert.ok(!text.includes(p.printed), `"${p.printed}" is not in the ${what}`);
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
        await site.stop();
      }
    });
  });
}
