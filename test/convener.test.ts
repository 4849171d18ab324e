// A series' convener and an event's street address, set through `plenary import` on a real
// agenda file, on every engine: the convener is an organization found or stored by the same
// identity as speakers' organizations, and it organizes the event in the JSON-LD and iCalendar.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import ICAL from 'ical.js';
import { migrate } from '../src/storage/migrate.ts';
import { openStorage } from '../src/storage/storage.ts';
import { startServer } from '../src/web/server.ts';
import { ENGINES, freshDatabase } from './engines.ts';
import { runPlenary } from './plenary-cli.ts';

// A real agenda page on disk: the demo's own.
const AGENDA = fileURLToPath(new URL('../demo/idm-2017-new-york.agenda.txt', import.meta.url));

const plenary = (args: string[], databaseUrl: string) => runPlenary(args, databaseUrl);

const STORE = ['--series', 'idm', '--series-title', 'International Dialogue on Migration', '--event', 'idm-2017-ny', '--title', 'IDM 2017 New York', '--time-zone', 'America/New_York'];

/** The JSON-LD of an event page and its calendar, read from a server over the database. */
async function served(databaseUrl: string, paths: { page: string; ics: string; org: string }) {
  const storage = await openStorage(databaseUrl, { pollMs: 200 });
  await storage.generation.start();
  const server = await startServer(storage, { port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${server.port}`;
  try {
    const html = await (await fetch(base + paths.page)).text();
    const ld = JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)![1]!) as { organizer?: unknown; location?: unknown };
    const vevent = new ICAL.Component(ICAL.parse(await (await fetch(base + paths.ics)).text())).getAllSubcomponents('vevent')[1]!;
    const organizer = vevent.getFirstProperty('organizer');
    const org = await fetch(base + paths.org);
    return {
      base,
      organizer: ld.organizer,
      location: ld.location,
      icsOrganizer: organizer ? [organizer.getParameter('cn'), organizer.getFirstValue()] : null,
      orgStatus: org.status,
      orgHtml: await org.text(),
    };
  } finally {
    await server.close();
    await storage.close();
  }
}

for (const engine of ENGINES) {
  describe(`plenary import --convener, --address, --contact-email (${engine})`, () => {
    test('the convener is stored as an organization, matched by name on the next import, and organizes the event everywhere', async () => {
      const db = await freshDatabase(engine);
      try {
        // A convener named by its acronym: a new organization, and the likeness warning when its full name appears.
        // Each import here publishes, so that the public pages and calendar show what it stored.
        const first = plenary(
          ['import', AGENDA, ...STORE, '--publish', '--convener', 'IOM', '--venue', 'United Nations Headquarters', '--address', '405 East 42nd Street', '--city', 'New York', '--contact-email', 'idm@iom.example'],
          db.url,
        );
        assert.equal(first.err, '');
        assert.equal(first.code, 0);
        assert.equal(
          first.out,
          [
            'series idm: created',
            'event idm-2017-ny: created (published, 2017-04-18 to 2017-04-19)',
            'days: 2',
            'sessions: 10 created, 0 updated, 0 removed',
            'appearances: 37 created, 0 updated, 0 removed',
            'persons: 35 created, 0 matched',
            'organizations: 25 created, 0 matched',
            'published: release 1',
            'doubtful: "International Organization for Migration" may be the same organization as "IOM" (/organizations/iom): one is the acronym of the other; stored as a new organization, not merged',
            '',
          ].join('\n'),
        );
        let seen = await served(db.url, { page: '/events/idm-2017-ny', ics: '/events/idm-2017-ny/calendar.ics', org: '/organizations/iom' });
        assert.deepEqual(seen.organizer, { '@type': 'Organization', name: 'IOM', url: `${seen.base}/organizations/iom` });
        assert.deepEqual(seen.location, {
          '@type': 'Place',
          name: 'United Nations Headquarters',
          address: { '@type': 'PostalAddress', streetAddress: '405 East 42nd Street', addressLocality: 'New York' },
        });
        assert.deepEqual(seen.icsOrganizer, ['IOM', 'mailto:idm@iom.example']);
        // IOM appears on no agenda line; as a convener it still has its page, naming the series.
        assert.equal(seen.orgStatus, 200);
        assert.match(seen.orgHtml, /<h2>Convenes<\/h2><ul class="list"><li><a href="\/series\/idm" lang="en">International Dialogue on Migration<\/a><\/li><\/ul>/);

        // The full name matches the organization the agenda's affiliations created: nothing new is stored.
        const second = plenary(['import', AGENDA, ...STORE, '--publish', '--convener', 'International  Organization for Migration'], db.url);
        assert.equal(second.err, '');
        assert.equal(second.code, 0);
        assert.match(second.out, /\norganizations: 0 created, 24 matched\n/);
        // The convener belongs to the series, which is not part of a release: the event's programme is as published.
        assert.match(second.out, /\npublished: nothing changed since release 1\n/);
        seen = await served(db.url, { page: '/events/idm-2017-ny', ics: '/events/idm-2017-ny/calendar.ics', org: '/organizations/iom' });
        assert.deepEqual(seen.organizer, { '@type': 'Organization', name: 'International Organization for Migration', url: `${seen.base}/organizations/international-organization-for-migration` });
        assert.deepEqual(seen.icsOrganizer, ['International Organization for Migration', 'mailto:idm@iom.example'], 'the contact address is kept');
        // IOM no longer convenes anything and appears nowhere: it has no public page.
        assert.equal(seen.orgStatus, 404);

        // An import that names no convener leaves it as it is.
        assert.equal(plenary(['import', AGENDA, ...STORE, '--publish'], db.url).code, 0);
        seen = await served(db.url, { page: '/events/idm-2017-ny', ics: '/events/idm-2017-ny/calendar.ics', org: '/organizations/iom' });
        assert.deepEqual(seen.icsOrganizer, ['International Organization for Migration', 'mailto:idm@iom.example']);
      } finally {
        await db.drop();
      }
    });

    test('an empty convener or a malformed contact address is refused, saying which, and nothing is stored', async () => {
      const db = await freshDatabase(engine);
      try {
        const empty = plenary(['import', AGENDA, ...STORE, '--convener', '  '], db.url);
        assert.deepEqual([empty.code, empty.out, empty.err], [1, '', 'plenary: import target: series.convener: must name an organization\n']);
        const mail = plenary(['import', AGENDA, ...STORE, '--contact-email', 'idm at iom'], db.url);
        assert.deepEqual([mail.code, mail.out, mail.err], [1, '', 'plenary: import target: event.contactEmail: must be an e-mail address such as secretariat@example.org\n']);
        const storage = await openStorage(db.url, { pollMs: 200 });
        try {
          await migrate(storage);
          assert.deepEqual(await storage.db.selectFrom('series').selectAll().execute(), []);
        } finally {
          await storage.close();
        }
      } finally {
        await db.drop();
      }
    });
  });
}
