// Speakers hand in their own statements, over HTTP through the running server, on every engine:
// an editor makes a personal link (shown once, stored only as a hash) with a prepared e-mail; the
// speaker, without an account, sees their session and affiliation as printed, sends a PDF and a
// DOCX made on disk in two languages and proposes a corrected position; an editor approves them
// from the queue, so the working copy holds the materials and the new position, logged as coming
// from the link. Used, revoked, expired and unknown links, a POST without the link's CSRF token or
// from another origin, and a file that is not what its name says are each refused exactly.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { importAgenda } from '../src/operations/import-agenda.ts';
import { startServer } from '../src/web/server.ts';
import { blocks, toDocx, toPdf } from './convert.ts';
import { ENGINES, migratedStorage } from './engines.ts';
import { agenda, person, session } from './factories.ts';
import { decode, type Got, hidden, http, signedIn } from './http-client.ts';
import { runPlenary } from './plenary-cli.ts';
import { stampIn } from './intl-dates.ts';

const LIMIT = 1024 * 1024;
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** A form with a file as a browser sends it (multipart), from this site unless told otherwise. */
async function multipart(url: string, fields: Record<string, string>, file: { name: string; type: string; bytes: Uint8Array } | null, headers: Record<string, string>): Promise<Got> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (file) form.append('file', new Blob([file.bytes], { type: file.type }), file.name);
  const req = new Request(url, { method: 'POST', body: form });
  const bytes = Buffer.from(await req.arrayBuffer());
  return await http('POST', url, { ...headers, 'content-type': req.headers.get('content-type')!, 'content-length': String(bytes.length) }, bytes);
}

const section = (html: string, cls: string) => decode(html.match(new RegExp(`<dl class="${cls}">([\\s\\S]*?)</dl>`))?.[1] ?? '');

for (const engine of ENGINES) {
  describe(`speaker links on ${engine}`, () => {
    test('link made and sent, statement in two languages and a correction sent, approved into the working copy; used, revoked, expired, unknown links and refusals', async () => {
      const db = await migratedStorage(engine);
      const dir = await mkdtemp(join(tmpdir(), 'plenary-speaker-'));
      const server = await startServer(db.storage, { port: 0, host: '127.0.0.1', uploadMaxBytes: LIMIT });
      const base = `http://127.0.0.1:${server.port}`;
      try {
        await importAgenda(
          db.storage,
          agenda([
            {
              date: '2025-05-06',
              sessions: [
                session({
                  title: 'Migration and health',
                  start: '10:00',
                  end: '11:30',
                  speakers: [person('Amina Diallo', { honorific: 'H.E. Ms.', position: 'Minister of Health', organization: 'Ministry of Health', country: 'Senegal', countryCode: 'SN' })],
                }),
              ],
            },
          ]),
          { series: { slug: 'idm', title: 'IDM' }, event: { slug: 'idm-2025', title: 'International Dialogue on Migration 2025', timeZone: 'Europe/Zurich' } },
        );
        const q = db.storage.db;
        const appearance = await q.selectFrom('appearance').select(['id', 'version']).executeTakeFirstOrThrow();
        const ed = await signedIn(db.storage, base, { email: 'ed@example.org', role: 'editor', series: ['idm'] });
        const edId = (await q.selectFrom('account').select('id').where('email', '=', 'ed@example.org').executeTakeFirstOrThrow()).id;

        // The appearance's page offers a link; none made yet.
        const before = await ed.get(`/admin/appearances/${appearance.id}`);
        assert.equal(before.status, 200);
        assert.ok(decode(before.body).includes('Speaker links A personal link lets this speaker'), decode(before.body));
        assert.ok(decode(before.body).includes('No link made yet.'));

        // A day already past is refused; a link made until a day is shown once, with the prepared e-mail.
        const past = await ed.post(`/admin/appearances/${appearance.id}/speaker-links`, { expires: '2020-01-01' });
        assert.equal(past.status, 400);
        // The error page says it without the field's English name (the message is keyed: formError.linkExpiryPassed).
        assert.ok(past.body.includes('<p role="alert">the day has passed: give today or a later day</p>'), decode(past.body));
        const until = day(30);
        // Links and what speakers send are workspace data: the public pages' generation does not move until an approval.
        const generation = async () => Number((await q.selectFrom('site_state').select('value').where('key', '=', 'generation').executeTakeFirstOrThrow()).value);
        const unchanged = await generation();
        const made = await ed.post(`/admin/appearances/${appearance.id}/speaker-links`, { expires: until });
        assert.equal(made.status, 200, made.body);
        assert.equal(made.headers['cache-control'], 'no-store');
        const url = made.body.match(/<input id="f-link-url" type="text" readonly="" value="([^"]+)"/)?.[1] ?? '';
        assert.match(url, new RegExp(`^${base}/speak/[A-Za-z0-9_-]{43}$`));
        const token = url.slice(`${base}/speak/`.length);
        assert.ok(decode(made.body).includes('Copy this address now: it is shown only once. If it is lost, revoke the link and make another.'));
        const mailto = made.body.match(/<a href="(mailto:[^"]+)" id="link-mail">/)?.[1]?.replace(/&amp;/g, '&') ?? '';
        const mail = new URL(mailto);
        assert.equal(mail.pathname, '');
        assert.equal(mail.searchParams.get('subject'), 'Your statement for International Dialogue on Migration 2025');
        assert.equal(
          mail.searchParams.get('body'),
          `Dear H.E. Ms. Amina Diallo,\n\nThis personal link lets you send your statement or presentation for “Migration and health” (Tuesday, May 6, 2025, 10:00–11:30) at International Dialogue on Migration 2025, and check how your name and affiliation will be printed:\n\n${url}\n\nThe link works until ${stampIn('en', `${until}T23:59:59.999Z`)}. Please do not share it.\n\nWith thanks,\nThe organizers`,
        );

        // Only the token's SHA-256 is stored.
        const stored = await q.selectFrom('speaker_link').selectAll().execute();
        assert.equal(stored.length, 1);
        assert.ok(!JSON.stringify(stored).includes(token));
        assert.equal(stored[0]!.token_hash, createHash('sha256').update(token).digest('hex'));
        assert.deepEqual({ appearance: stored[0]!.appearance_id, expires: stored[0]!.expires_at, by: stored[0]!.created_by, revoked: stored[0]!.revoked_at, used: stored[0]!.used_at }, { appearance: appearance.id, expires: `${until}T23:59:59.999Z`, by: edId, revoked: null, used: null });

        // The speaker opens it: their session and affiliation as printed; never cached, indexed or referred.
        const opened = await http('GET', url);
        assert.equal(opened.status, 200);
        assert.equal(opened.headers['cache-control'], 'no-store');
        assert.equal(opened.headers['referrer-policy'], 'same-origin');
        assert.equal(opened.headers['x-robots-tag'], 'noindex, nofollow');
        assert.ok(opened.body.includes('<meta name="robots" content="noindex"/>'));
        assert.equal(section(opened.body, 'speaker-session'), 'Event International Dialogue on Migration 2025 Day Tuesday, May 6, 2025 Time 10:00–11:30 (Central European Time) Session Migration and health');
        assert.equal(section(opened.body, 'speaker-printed'), 'Name Amina Diallo Honorific H.E. Ms. Position Minister of Health Organization Ministry of Health Country Senegal');
        assert.ok(decode(opened.body).includes(`This link works until ${stampIn('en', `${until}T23:59:59.999Z`)}.`));
        const csrf = hidden(opened.body, '_csrf')[0]!;
        assert.equal(hidden(opened.body, '_csrf').length, 4, 'statement, correction, about you (gender) and send');

        // A PDF and a DOCX, made on disk, in two languages.
        const text = blocks('Statement of H.E. Ms. Amina Diallo\n\nMigration and health go together.');
        await writeFile(join(dir, 'statement-en.pdf'), await toPdf(text, true));
        await writeFile(join(dir, 'déclaration-fr.docx'), await toDocx(text));
        const pdf = await readFile(join(dir, 'statement-en.pdf'));
        const docx = await readFile(join(dir, 'déclaration-fr.docx'));
        const send = (fields: Record<string, string>, file: { name: string; type: string; bytes: Uint8Array } | null, headers: Record<string, string> = { origin: base }) => multipart(`${url}/materials`, fields, file, headers);
        const en = await send({ _csrf: csrf, kind: 'statement', lang: 'en', label: '' }, { name: 'statement-en.pdf', type: 'application/pdf', bytes: pdf });
        assert.equal(en.status, 303, en.body);
        assert.equal(en.location, `/speak/${token}?sent=material#sent-heading`);
        const fr = await send({ _csrf: csrf, kind: 'statement', lang: 'fr', label: 'Déclaration' }, { name: 'déclaration-fr.docx', type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', bytes: docx });
        assert.equal(fr.status, 303, fr.body);
        const thanked = await http('GET', `${base}${en.location}`);
        assert.ok(decode(thanked.body).includes('Thank you: your file was received. It waits for the organizers.'));

        // A text file named .pdf is refused by its content, as an editor's upload is.
        const fake = await send({ _csrf: csrf, kind: 'statement', lang: 'en', label: '' }, { name: 'statement.pdf', type: 'application/pdf', bytes: Buffer.from('not a PDF at all, just words\n') });
        assert.equal(fake.status, 400);
        assert.ok(decode(fake.body).includes('Nothing was sent: statement.pdf is not a file type Plenary recognises although its name ends in .pdf; upload a PDF, DOCX, PPTX, ODT, JPEG, PNG or WebP file'), decode(fake.body));
        // Past the size limit, refused by Content-Length before the body is read.
        const big = await send({ _csrf: csrf, kind: 'statement', lang: 'en', label: '' }, { name: 'big.pdf', type: 'application/pdf', bytes: Buffer.concat([pdf, Buffer.alloc(2 * LIMIT, 0x20)]) });
        assert.equal(big.status, 400);
        assert.ok(decode(big.body).includes('Nothing was sent: the upload is larger than 1 MB, the most a file may be'), decode(big.body));
        // Without the link's CSRF token, with another token, from another site.
        const noCsrf = await send({ kind: 'statement', lang: 'en', label: '' }, { name: 'statement-en.pdf', type: 'application/pdf', bytes: pdf });
        assert.equal(noCsrf.status, 403);
        assert.ok(decode(noCsrf.body).includes('Nothing was sent: the form is missing its security token or it is out of date: reload the page and try again'), decode(noCsrf.body));
        const foreign = await send({ _csrf: csrf, kind: 'statement', lang: 'en', label: '' }, { name: 'statement-en.pdf', type: 'application/pdf', bytes: pdf }, { origin: 'https://evil.example' });
        assert.equal(foreign.status, 403);
        const noCsrfCorrection = await http('POST', `${url}/correction`, { origin: base }, { affiliation_position: 'x' });
        assert.equal(noCsrfCorrection.status, 403);

        // A corrected position.
        const printed = { name: 'Amina Diallo', honorific: 'H.E. Ms.', affiliation_position: 'Minister of Health', organization: 'Ministry of Health', country: 'Senegal' };
        const same = await http('POST', `${url}/correction`, { origin: base }, { _csrf: csrf, ...printed });
        assert.equal(same.status, 400);
        assert.ok(decode(same.body).includes('Nothing was sent: nothing differs from what is printed'));
        const corrected = await http('POST', `${url}/correction`, { origin: base }, { _csrf: csrf, ...printed, affiliation_position: 'Minister of Health and Social Action' });
        assert.equal(corrected.status, 303, corrected.body);
        assert.equal(corrected.location, `/speak/${token}?sent=correction#sent-heading`);
        const listed = await http('GET', url);
        assert.deepEqual(
          [...listed.body.matchAll(/<ul class="speaker-sent">([\s\S]*?)<\/ul>/g)].map((m) => [...m[1]!.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((li) => decode(li[1]!)))[0],
          ['Statement in English: statement-en.pdf · waiting for the organizers', 'Statement in French: déclaration-fr.docx · waiting for the organizers', 'Correction: Position: Minister of Health and Social Action · waiting for the organizers'],
        );

        // Nothing of it is public, nor changed, before approval.
        const waiting = await q.selectFrom('speaker_submission').selectAll().orderBy('id').execute();
        assert.deepEqual(
          waiting.map((x) => [x.id, x.link_id, x.kind, x.lang, x.status, x.file_id === null]),
          [
            [1, 1, 'material', 'en', 'pending', false],
            [2, 1, 'material', 'fr', 'pending', false],
            [3, 1, 'correction', null, 'pending', true],
          ],
        );
        assert.equal((await http('GET', `${base}/files/${waiting[0]!.file_id}`)).status, 404);
        assert.equal((await q.selectFrom('material').select('id').where('appearance_id', '=', appearance.id).execute()).length, 0);
        assert.equal(JSON.parse(waiting[2]!.payload).proposed.affiliation_position, 'Minister of Health and Social Action');

        assert.equal(await generation(), unchanged);

        // The queue, and the dashboard's count; the editor reads the file privately.
        assert.ok(decode((await ed.get('/admin')).body).includes('Speakers’ submissions waiting for approval: 3'));
        const queue = await ed.get('/admin/speaker-submissions');
        assert.equal(queue.status, 200);
        assert.deepEqual(
          [...queue.body.matchAll(/<tr id="submission-(\d+)">([\s\S]*?)<\/tr>/g)].map((m) => decode(m[2]!)),
          [
            `1 Amina Diallo ( International Dialogue on Migration 2025 , Migration and health ) · through link 1 Statement in English: statement-en.pdf · Open the file ${stampIn('en', waiting[0]!.created_at)} Approve submission 1 Reject submission 1`,
            `2 Amina Diallo ( International Dialogue on Migration 2025 , Migration and health ) · through link 1 Statement in French: déclaration-fr.docx · Open the file ${stampIn('en', waiting[1]!.created_at)} Approve submission 2 Reject submission 2`,
            `3 Amina Diallo ( International Dialogue on Migration 2025 , Migration and health ) · through link 1 Correction: Position: “Minister of Health” → “Minister of Health and Social Action” ${stampIn('en', waiting[2]!.created_at)} Approve submission 3 Reject submission 3`,
          ],
        );
        const privately = await ed.get('/admin/speaker-submissions/1/file');
        assert.equal(privately.status, 200);
        assert.equal(privately.headers['content-type'], 'application/pdf');
        assert.equal(privately.headers['cache-control'], 'private, no-store');
        assert.ok(privately.bytes.equals(pdf));
        assert.equal((await http('GET', `${base}/admin/speaker-submissions/1/file`)).status, 303, 'not signed in: to the sign-in form');

        // Approved: the materials belong to the appearance in the working copy; the position changed; the log names the link.
        for (const id of [1, 2, 3]) assert.equal((await ed.post(`/admin/speaker-submissions/${id}/approve`, {})).status, 303);
        assert.equal(await generation(), unchanged + 3);
        const again = await ed.post('/admin/speaker-submissions/1/approve', {});
        assert.equal(again.status, 409);
        assert.ok(decode(again.body).includes('submission 1 was already approved'));
        const materials = await q.selectFrom('material').select(['appearance_id', 'kind', 'lang', 'label', 'file_id']).where('appearance_id', '=', appearance.id).orderBy('id').execute();
        assert.deepEqual(materials, [
          { appearance_id: appearance.id, kind: 'statement', lang: 'en', label: 'Statement', file_id: waiting[0]!.file_id },
          { appearance_id: appearance.id, kind: 'statement', lang: 'fr', label: 'Déclaration', file_id: waiting[1]!.file_id },
        ]);
        const now = await q.selectFrom('appearance').select(['affiliation_position', 'version']).where('id', '=', appearance.id).executeTakeFirstOrThrow();
        assert.deepEqual(now, { affiliation_position: 'Minister of Health and Social Action', version: appearance.version + 1 });
        const log = await q.selectFrom('audit_entry').select(['account_id', 'action', 'entity', 'source', 'after']).where('source', 'is not', null).orderBy('id').execute();
        assert.deepEqual(
          log.map((e) => [e.account_id, e.action, e.entity, e.source, e.after]),
          [
            [edId, 'create', 'material', 'speaker link 1', JSON.stringify({ kind: 'statement', label: 'Statement', lang: 'en', appearance_id: appearance.id, file: 'statement-en.pdf' })],
            [edId, 'create', 'material', 'speaker link 1', JSON.stringify({ kind: 'statement', label: 'Déclaration', lang: 'fr', appearance_id: appearance.id, file: 'déclaration-fr.docx' })],
            [edId, 'update', 'appearance', 'speaker link 1', JSON.stringify({ affiliation_position: 'Minister of Health and Social Action', version: appearance.version + 1 })],
          ],
        );
        assert.ok(decode((await ed.get('/admin/audit')).body).includes('ed@example.org (via speaker link 1) update appearance'));
        assert.ok(decode((await http('GET', url)).body).includes('Statement in English: statement-en.pdf · approved'));

        // A presentation rejected: kept, shown as rejected, never attached.
        const pres = await send({ _csrf: csrf, kind: 'presentation', lang: 'es', label: '' }, { name: 'slides.pdf', type: 'application/pdf', bytes: pdf });
        assert.equal(pres.status, 303);
        assert.equal((await ed.post('/admin/speaker-submissions/4/reject', {})).status, 303);
        const decided = await ed.get('/admin/speaker-submissions');
        assert.ok(decode(decided.body).includes('Nothing waits for approval.'));
        assert.match(decode(decided.body), /4 Amina Diallo \( International Dialogue on Migration 2025 , Migration and health \) · through link 1 Presentation in Spanish: slides\.pdf · Open the file \w+ \d+, \d{4} at \d{2}:\d{2} UTC not accepted by ed@example\.org, \w+ \d+, \d{4} at \d{2}:\d{2} UTC/);
        assert.equal((await q.selectFrom('material').select('id').where('appearance_id', '=', appearance.id).execute()).length, 2);
        // A rejected submission keeps its file: `plenary files check` does not count it as unlinked.
        assert.deepEqual(runPlenary(['files', 'check'], db.url, { env: { PLENARY_DEMO: 'off' } }), { code: 0, out: '0 files no material points to; 0 damaged\n', err: '' });

        // Sent to the organizers: the link is used and opens no more.
        const done = await http('POST', `${url}/send`, { origin: base }, { _csrf: csrf });
        assert.equal(done.status, 200);
        assert.ok(decode(done.body).includes('Thank you Everything you sent is with the organizers. This link is now closed.'));
        const used = await http('GET', url);
        assert.equal(used.status, 410);
        assert.equal(used.headers['cache-control'], 'no-store');
        assert.ok(decode(used.body).includes('This link has been used You already sent your contribution to the organizers through this link, which is now closed. Ask them for a new link if you need to send more.'), decode(used.body));
        const usedPost = await send({ _csrf: csrf, kind: 'statement', lang: 'en', label: '' }, { name: 'statement-en.pdf', type: 'application/pdf', bytes: pdf });
        assert.equal(usedPost.status, 410);

        // Revoked.
        const second = await ed.post(`/admin/appearances/${appearance.id}/speaker-links`, { expires: day(10) });
        const url2 = second.body.match(/<input id="f-link-url" type="text" readonly="" value="([^"]+)"/)![1]!;
        assert.equal((await http('GET', url2)).status, 200);
        assert.equal((await ed.post('/admin/speaker-links/2/revoke', {})).status, 303);
        const revoked = await http('GET', url2);
        assert.equal(revoked.status, 410);
        assert.ok(decode(revoked.body).includes('This link was withdrawn The organizers withdrew this link. Ask them for a new one if you still need to send something.'));

        // Expired: its last day has passed.
        const third = await ed.post(`/admin/appearances/${appearance.id}/speaker-links`, { expires: day(1) });
        const url3 = third.body.match(/<input id="f-link-url" type="text" readonly="" value="([^"]+)"/)![1]!;
        await q.updateTable('speaker_link').set({ expires_at: '2025-05-01T23:59:59.999Z' }).where('id', '=', 3).execute();
        const expired = await http('GET', url3);
        assert.equal(expired.status, 410);
        assert.ok(decode(expired.body).includes('This link has expired It worked until May 1, 2025 at 23:59 UTC. Ask the organizers for a new link if you still need to send something.'));

        // A token nobody was given, well formed or not.
        for (const wrong of [`${base}/speak/${'A'.repeat(43)}`, `${base}/speak/nope`, `${url}x`]) {
          const r = await http('GET', wrong);
          assert.equal(r.status, 404, wrong);
          assert.ok(decode(r.body).includes('Link not found This address is not a speaker link Plenary knows.'));
        }

        // The appearance's page lists its links and their states.
        const after = await ed.get(`/admin/appearances/${appearance.id}`);
        assert.deepEqual(
          [...after.body.matchAll(/<tr id="speaker-link-(\d+)">([\s\S]*?)<\/tr>/g)].map((m) => decode(m[2]!).split(' ').slice(7).join(' ')), // the id and when it was made ('November 30, 2026 at 04:05 UTC') left out
          [
            'ed@example.org May 1, 2025 at 23:59 UTC expired 0',
            `ed@example.org ${stampIn('en', `${day(10)}T23:59:59.999Z`)} revoked 0`,
            `ed@example.org ${stampIn('en', `${until}T23:59:59.999Z`)} used (sent to the organizers) 4`,
          ],
        );
        // With a zone chosen on an event page (the plenary_tz cookie), the same moments in that zone, named as the event page names it.
        const zoned = await http('GET', `${base}/admin/appearances/${appearance.id}`, { cookie: `${ed.cookie}; plenary_tz=Asia%2FTokyo` });
        const link3 = decode(zoned.body.match(/<tr id="speaker-link-3">([\s\S]*?)<\/tr>/)![1]!).replace(/\s+/g, ' ');
        assert.ok(link3.endsWith(' Japan Standard Time ed@example.org May 2, 2025 at 08:59 Japan Standard Time expired 0'), link3);
        assert.ok(!link3.includes('UTC'), link3);
      } finally {
        await server.close();
        await rm(dir, { recursive: true, force: true });
        await db.cleanup();
      }
    });
  });
}
