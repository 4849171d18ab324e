import assert from 'node:assert/strict';
import { request } from 'node:http';
import { describe, test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { eventExportOf } from '../src/operations/event-export.ts';
import { importAgenda } from '../src/operations/import-agenda.ts';
import { publishEvent } from '../src/operations/releases.ts';
import type { DbOrTx, EventRow, SeriesRow } from '../src/storage/database.ts';
import type { EventAgenda } from '../src/storage/queries.ts';
import { startServer } from '../src/web/server.ts';
import { openStorage } from '../src/storage/storage.ts';
import { ENGINES } from './engines.ts';
import { agenda, person, session } from './factories.ts';
import { demoSite } from './server.ts';

// Checked by the type checker (tsc fails when the line below stops being an error): only an
// event read through publishedEventBySlug, which admits published events alone, can be exported.
export function draftEventsCannotBeExported(db: DbOrTx, event: EventRow, series: SeriesRow, agenda: EventAgenda) {
  // @ts-expect-error a plain event row is not a PublishedEvent
  return eventExportOf(db, { event, series }, agenda, 'http://localhost', 0);
}

type Got = { status: number; headers: Record<string, string | string[] | undefined>; body: Buffer };

function get(url: string, headers: Record<string, string> = {}): Promise<Got> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

const text = async (url: string) => {
  const r = await get(url);
  return { status: r.status, html: r.body.toString('utf8'), headers: r.headers };
};

/** The person links of one session, in page order, taken from its article. */
function namesInSession(html: string, heading: string): string[] {
  // The heading's text, whatever marks its parts (the title carries its language: <span lang>).
  const h4 = [...html.matchAll(/<h4>([\s\S]*?)<\/h4>/g)].find((m) => m[1]!.replace(/<[^>]+>/g, '') === heading);
  assert.ok(h4, `no session headed "${heading}"`);
  const start = h4.index!;
  const end = html.indexOf('</article>', start);
  return [...html.slice(start, end).matchAll(/<a href="\/people\/[^"]+">([^<]+)<\/a>/g)].map((m) => m[1]!);
}

const DEMO_TITLE = 'International Dialogue on Migration 2017 — first workshop, New York';

for (const engine of ENGINES) {
  describe(`public site on ${engine}`, () => {
    test('the event page shows the agenda by day, in the venue time zone, with people in order', async () => {
      const site = await demoSite(engine);
      try {
        const { status, html, headers } = await text(`${site.base}/events/idm-2017-new-york`);
        assert.equal(status, 200);
        assert.equal(headers['content-type'], 'text/html; charset=utf-8');
        assert.ok(html.startsWith('<!DOCTYPE html><html lang="en" dir="ltr">'));
        assert.ok(html.includes(`<h1 lang="en">${DEMO_TITLE}</h1>`));
        assert.equal((html.match(/<h3 id="day-\d">/g) ?? []).length, 2);
        assert.ok(html.includes('<time datetime="2017-04-18">Tuesday, April 18, 2017</time>'));
        assert.ok(html.includes('<time datetime="2017-04-19">Wednesday, April 19, 2017</time>'));
        assert.equal((html.match(/Times are given in the venue’s time zone: Eastern Time \(UTC−04:00\)\./g) ?? []).length, 2);
        assert.ok(html.includes('<time datetime="2017-04-18T10:00:00-04:00">10:00</time>–<time datetime="2017-04-18T11:30:00-04:00">11:30</time>'));
        assert.deepEqual(namesInSession(html, 'Panel 1: Implementing the SDGs and other major frameworks: how the Global Compact on Migration can help meet commitments made'), [
          'William Lacy Swing',
          'Ahmed Hussen',
          'Isata Kabia',
          'Juan José Gómez Camacho',
          'Robert J. Vitillo',
          'Gregory Maniatis',
        ]);
        assert.deepEqual(namesInSession(html, 'Closing session'), ['Peter Thomson', 'Amina J. Mohammed', 'Laura Thompson']);
        assert.equal((html.match(/<li id="session-\d+" class="break">/g) ?? []).length, 2);
        assert.ok(html.includes('<span class="mat" lang="en">Statement</span>'));
        assert.ok(html.includes('<h2 id="overview">Overview</h2>'));
        assert.ok(html.includes('<h2 id="themes">Themes</h2>'));
      } finally {
        await site.stop();
      }
    });

    test('home, series, person, organization and country pages link the archive together', async () => {
      const site = await demoSite(engine);
      try {
        const home = await text(`${site.base}/`);
        assert.equal(home.status, 200);
        assert.ok(home.html.includes('<a href="/series/international-dialogue-on-migration" lang="en">International Dialogue on Migration</a>'));
        assert.ok(home.html.includes(`<a href="/events/idm-2017-new-york" lang="en">${DEMO_TITLE}</a>`));
        const series = await text(`${site.base}/series/international-dialogue-on-migration`);
        assert.equal(series.status, 200);
        assert.ok(series.html.includes(`<a href="/events/idm-2017-new-york" lang="en">${DEMO_TITLE}</a>`));

        const swing = await text(`${site.base}/people/william-lacy-swing`);
        assert.equal(swing.status, 200);
        assert.ok(swing.html.includes('<h1><bdi>William Lacy Swing</bdi></h1>'));
        assert.ok(swing.html.includes('10:00: <bdi lang="en">Opening Session</bdi> (<bdi>Speaker</bdi>)'));
        assert.ok(swing.html.includes('11:30: <bdi lang="en">Panel 1: Implementing the SDGs'));
        assert.ok(swing.html.includes('(<bdi>Moderator</bdi>)'));

        const people = await text(`${site.base}/people`);
        assert.equal((people.html.match(/<a href="\/people\//g) ?? []).length, 35);

        const canada = await text(`${site.base}/countries/ca`);
        assert.equal(canada.status, 200);
        assert.ok(canada.html.includes('<h1>Canada</h1>'));
        assert.ok(canada.html.includes('<a href="/people/ahmed-hussen">Ahmed Hussen</a>'));

        const orgs = await text(`${site.base}/organizations`);
        const iom = '/organizations/international-organization-for-migration';
        assert.ok(orgs.html.includes(`<a href="${iom}">International Organization for Migration</a>`));
        const org = await text(`${site.base}${iom}`);
        assert.equal(org.status, 200);
        assert.ok(org.html.includes('<dd>UN or other intergovernmental organization</dd>'));
        assert.equal((org.html.match(/<a href="\/people\/william-lacy-swing">/g) ?? []).length, 2);
      } finally {
        await site.stop();
      }
    });

    test('unknown addresses get the HTML 404 page', async () => {
      const site = await demoSite(engine);
      try {
        for (const path of ['/no-such-page', '/events/no-such-event', '/people/nobody', '/countries/zz', '/countries/CA', '/files/x']) {
          const r = await text(`${site.base}${path}`);
          assert.equal(r.status, 404, path);
          assert.ok(r.html.includes('<h1>Page not found</h1>'), path);
          assert.ok(r.html.includes('<meta name="robots" content="noindex"/>'), path);
        }
      } finally {
        await site.stop();
      }
    });

    test('cached pages answer conditional requests and gzip', async () => {
      const site = await demoSite(engine);
      try {
        const url = `${site.base}/events/idm-2017-new-york`;
        const first = await get(url);
        const second = await get(url); // from memory
        assert.deepEqual(second.body, first.body);
        assert.equal(second.headers.etag, first.headers.etag);
        const notModified = await get(url, { 'if-none-match': String(first.headers.etag) });
        assert.equal(notModified.status, 304);
        assert.equal(notModified.body.length, 0);
        const gz = await get(url, { 'accept-encoding': 'gzip, br' });
        assert.equal(gz.headers['content-encoding'], 'gzip');
        assert.equal(Number(gz.headers['content-length']), gz.body.length);
        assert.deepEqual(gunzipSync(gz.body), first.body);
        const refused = await get(url, { 'accept-encoding': 'gzip;q=0, identity' });
        assert.equal(refused.headers['content-encoding'], undefined);
        assert.deepEqual(refused.body, first.body);
        // The stylesheet's hash and the page's own running-title style's.
        assert.match(String(first.headers['content-security-policy']), /^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+' 'sha256-[A-Za-z0-9+/=]+';/);
      } finally {
        await site.stop();
      }
    });

    test('the next request after a write shows it, on this instance and on another one sharing the database', async () => {
      const site = await demoSite(engine, { demo: false });
      const otherStorage = await openStorage(site.url, { pollMs: 100 });
      await otherStorage.generation.start();
      const other = await startServer(otherStorage, { port: 0, host: '127.0.0.1' });
      try {
        const target = { series: { slug: 's', title: 'S' }, event: { slug: 'e', title: 'First title', timeZone: 'Europe/Zurich' } };
        await importAgenda(site.storage, agenda([{ date: '2024-03-30', sessions: [session({ speakers: [person('Ana Lee')] })] }]), target);
        const { id: eventId } = await site.storage.db.selectFrom('event').select('id').where('slug', '=', 'e').executeTakeFirstOrThrow();
        const urlA = `${site.base}/events/e`;
        const urlB = `http://127.0.0.1:${other.port}/events/e`;
        // Imported into the working copy: the public sees it once it is published.
        assert.equal((await text(urlA)).status, 404);
        assert.equal((await publishEvent(site.storage, eventId)).changed, true);
        assert.ok((await text(urlA)).html.includes('<h1 lang="en">First title</h1>'));
        for (let i = 0; i < 100 && !(await text(urlB)).html.includes('<h1 lang="en">First title</h1>'); i++) await new Promise((r) => setTimeout(r, 20));
        assert.ok((await text(urlB)).html.includes('<h1 lang="en">First title</h1>'));

        await importAgenda(site.storage, agenda([{ date: '2024-03-30', sessions: [session({ speakers: [person('Ana Lee'), person('Ben <b>Bold</b>')] })] }]), {
          ...target,
          event: { ...target.event, title: 'Second title' },
        });
        assert.ok((await text(urlA)).html.includes('<h1 lang="en">First title</h1>'), 'the release before, until the next is published');
        assert.equal((await publishEvent(site.storage, eventId)).changed, true);
        const a = (await text(urlA)).html;
        assert.ok(a.includes('<h1 lang="en">Second title</h1>'));
        assert.ok(a.includes('Ben &lt;b&gt;Bold&lt;/b&gt;'), 'names are escaped');
        let b = (await text(urlB)).html;
        for (let i = 0; i < 100 && !b.includes('<h1 lang="en">Second title</h1>'); i++) {
          await new Promise((r) => setTimeout(r, 20));
          b = (await text(urlB)).html;
        }
        assert.ok(b.includes('<h1 lang="en">Second title</h1>'));
      } finally {
        await other.close();
        await otherStorage.close();
        await site.stop();
      }
    });

    test('a draft event is not public', async () => {
      const site = await demoSite(engine, { demo: false });
      try {
        await importAgenda(site.storage, agenda([{ date: '2024-03-30', sessions: [session({ speakers: [person('Ana Lee')] })] }]), {
          series: { slug: 's', title: 'S' },
          event: { slug: 'draft', title: 'Draft', timeZone: 'Europe/Zurich', status: 'draft' },
        });
        assert.equal((await text(`${site.base}/events/draft`)).status, 404);
        assert.ok(!(await text(`${site.base}/people`)).html.includes('Ana Lee'));
        // Someone named only in a draft has no public page yet: slugs follow from names.
        assert.equal((await text(`${site.base}/people/ana-lee`)).status, 404);
      } finally {
        await site.stop();
      }
    });
  });
}
