// Hostile text in an agenda: a right-to-left override (U+202E) must stay inside the name or
// title that holds it, and control characters (ESC, BEL) must not reach the pages raw.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import JSZip from 'jszip';
import { importAgenda } from '../src/operations/import-agenda.ts';
import { publishEvent } from '../src/operations/releases.ts';
import { write } from '../src/storage/write.ts';
import { ENGINES } from './engines.ts';
import { agenda, person, session, TARGET } from './factories.ts';
import { demoSite } from './server.ts';

const RLO = '\u202E';
const ESC = '\u001b';
const BEL = '\u0007';
/** Controls that neither HTML nor JSON text may carry raw (tab, LF and CR aside). */
const RAW_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

const strip = (s: string) => s.replace(/[\u0000-\u001F]/g, '');

for (const engine of ENGINES) {
  test(`[${engine}] names and titles are isolated with <bdi> and control characters never reach a page`, async () => {
    const site = await demoSite(engine, { demo: false });
    try {
      const name = `Nadia ${RLO}Haddad${ESC}[2J`;
      await importAgenda(
        site.storage,
        agenda([
          {
            date: '2020-01-10',
            sessions: [
              session({
                title: `Routes ${RLO}and${ESC}[31m risks`,
                speakers: [
                  person(name, {
                    honorific: 'Dr.',
                    position: `Director${RLO} of${ESC} policy`,
                    organization: `Office ${RLO}of${BEL} Migration`,
                    roleLabel: `Keynote${RLO}`,
                    talkTitle: `Why ${RLO}it${ESC} matters`,
                  }),
                ],
              }),
            ],
          },
        ]),
        TARGET,
        { publish: true },
      );
      const db = site.storage.db;
      const { slug } = await db.selectFrom('person').select('slug').executeTakeFirstOrThrow();
      const org = await db.selectFrom('organization').select('slug').executeTakeFirstOrThrow();
      const get = async (path: string) => {
        const res = await fetch(`${site.base}${path}`);
        assert.equal(res.status, 200, path);
        return res.text();
      };
      const getBytes = async (path: string) => {
        const res = await fetch(`${site.base}${path}`);
        assert.equal(res.status, 200, path);
        return new Uint8Array(await res.arrayBuffer());
      };

      const event = await get('/events/test-event');
      const people = event.slice(event.indexOf('<ol class="people">'), event.indexOf('</ol>', event.indexOf('<ol class="people">')) + 5);
      assert.equal(
        people,
        '<ol class="people"><li>' +
          `<bdi>Keynote${RLO}</bdi>: <bdi><a href="/people/${slug}">${strip(name)}</a></bdi>, <bdi>Dr.</bdi>, ` +
          `<span class="aff"><bdi>Director${RLO} of policy</bdi>, <bdi><a href="/organizations/${org.slug}">Office ${RLO}of Migration</a></bdi></span>` +
          ` — <bdi><cite>Why ${RLO}it matters</cite></bdi></li></ol>`,
      );

      const page = await get(`/people/${slug}`);
      assert.equal(page.slice(page.indexOf('<title>'), page.indexOf('</title>') + 8), `<title>\u2068${strip(name)}\u2069 · Plenary</title>`);
      assert.equal(page.slice(page.indexOf('<h1>'), page.indexOf('</h1>') + 5), `<h1><bdi>${strip(name)}</bdi><span class="aff">, <bdi>Dr.</bdi></span></h1>`);
      assert.ok(
        page.includes(
          `<time datetime="2020-01-10">Friday, January 10, 2020</time>, 10:00: <bdi lang="en">Routes ${RLO}and[31m risks</bdi> (<bdi>Keynote${RLO}</bdi>) — ` +
            `<span class="aff"><bdi>Director${RLO} of policy</bdi>, <bdi><a href="/organizations/${org.slug}">Office ${RLO}of Migration</a></bdi></span></li>`,
        ),
      );

      const index = await get('/people');
      assert.ok(index.includes(`<li><bdi><a href="/people/${slug}">${strip(name)}</a></bdi><span class="aff"> (1 appearance)</span></li>`));

      // Rows stored before the import dropped controls (or restored from such a time) still
      // hold them: the pages leave them out too.
      await write(site.storage, async (trx) => {
        await trx.updateTable('organization').set({ name: `Office${ESC}[2J${BEL} of Migration` }).execute();
        await trx.updateTable('session').set({ title: `Routes${ESC}[31m and risks` }).execute();
      });
      // The session's title reaches the public once published (the organization is shared).
      const { id: eventId } = await db.selectFrom('event').select('id').where('slug', '=', 'test-event').executeTakeFirstOrThrow();
      assert.equal((await publishEvent(site.storage, eventId)).changed, true);
      const pages = ['/', '/series/test-series', '/events/test-event', '/people', `/people/${slug}`, '/organizations', `/organizations/${org.slug}`];
      for (const path of pages) assert.doesNotMatch(await get(path), RAW_CONTROL, path);
      assert.ok((await get(`/organizations/${org.slug}`)).includes('<h1>Office[2J of Migration</h1>'));
      // iCalendar allows none in a value (RFC 5545: no CONTROL but HTAB).
      for (const path of ['/events/test-event/calendar.ics', `/people/${slug}/calendar.ics`]) {
        const ics = await get(path);
        assert.doesNotMatch(ics, RAW_CONTROL, path);
        assert.match(ics, /^SUMMARY:Routes\[31m and risks/m, path);
      }
      // Participants lists: a CSV goes to terminals and spreadsheets, an XLSX is XML, which cannot hold them.
      const csv = await get('/events/test-event/participants.csv');
      assert.doesNotMatch(csv, RAW_CONTROL, 'participants.csv');
      assert.ok(csv.includes('Office[2J of Migration'), 'participants.csv keeps the rest of the name');
      const xlsx = await getBytes('/events/test-event/participants.xlsx');
      const sheet = await (await JSZip.loadAsync(xlsx)).file('xl/sharedStrings.xml')!.async('string');
      assert.doesNotMatch(sheet, RAW_CONTROL, 'participants.xlsx');
      assert.ok(sheet.includes('Office[2J of Migration'), 'participants.xlsx keeps the rest of the name');
      // JSON escapes them (\u001b), which is how the API may carry them.
      for (const path of [`/api/people/${slug}`, `/api/organizations/${org.slug}`, '/api/events/test-event']) {
        const text = await get(path);
        assert.doesNotMatch(text, RAW_CONTROL, path);
      }
    } finally {
      await site.stop();
    }
  });
}
