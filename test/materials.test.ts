// Uploads through the workspace, over HTTP with a signed-in editor, on every engine: a PDF reaches
// the public page once the event is published and is served with its type, name, nosniff and ranges; a program named .pdf,
// an oversized file and an editor of another series are refused with exact messages; a photo's
// location and camera data are gone from everything served; `plenary files check`.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { describe, test } from 'node:test';
import sharp from 'sharp';
import { addAccount } from '../src/operations/accounts.ts';
import { importDemo } from '../src/operations/demo.ts';
import { addMaterialFile, addMaterialVersion } from '../src/operations/materials.ts';
import { insertFile, insertVariant } from '../src/storage/queries/files.ts';
import { write } from '../src/storage/write.ts';
import { startServer } from '../src/web/server.ts';
import { ENGINES, migratedStorage } from './engines.ts';
import { multipart, signInThroughForm } from './http-client.ts';
import { runPlenary } from './plenary-cli.ts';

const PASSWORD = 'correct horse battery staple';
const LIMIT = 1024 * 1024;
const T = '2024-05-06T07:08:09.000Z';

type Got = { status: number; headers: Record<string, string | string[] | undefined>; body: Buffer };
function http(method: string, url: string, headers: Record<string, string> = {}, body?: Buffer | string): Promise<Got> {
  return new Promise((resolve, reject) => {
    const h = body === undefined ? headers : { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(Buffer.byteLength(body)), ...headers };
    const req = request(url, { method, headers: h }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}
async function signIn(base: string, email: string) {
  const s = await signInThroughForm(base, email, PASSWORD);
  return { cookie: s.cookie, csrf: s.csrf! };
}

/** A PDF-shaped file of three chunks (256 KiB each), every byte position telling. */
const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from(Array.from({ length: 600_000 }, (_, i) => 32 + ((i * 7 + (i >> 10)) % 90))), Buffer.from('\n%%EOF\n')]);
/** The first bytes of a Windows program (DOS header and PE signature), named like a PDF. */
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(58), Buffer.from([0x80, 0, 0, 0]), Buffer.alloc(64), Buffer.from('PE\0\0'), Buffer.alloc(400)]);

for (const engine of ENGINES) {
  describe(`uploads through /admin on ${engine}`, () => {
    test('PDF to the public page with type, name, nosniff and ranges; exe and oversized refused; other series 403; photo metadata removed; replace and delete', async () => {
      const t = await migratedStorage(engine);
      await importDemo(t.storage);
      const event = await t.storage.db.selectFrom('event').select(['id', 'slug', 'series_id']).executeTakeFirstOrThrow();
      const series = await t.storage.db.selectFrom('series').select('slug').where('id', '=', event.series_id).executeTakeFirstOrThrow();
      await write(t.storage, (trx) => trx.insertInto('series').values({ slug: 'other', title: 'Other dialogue', lang: 'en', description: null, created_at: T, updated_at: T } as never).execute());
      await addAccount(t.storage, { email: 'editor@example.org', role: 'editor', series: [series.slug], password: PASSWORD });
      await addAccount(t.storage, { email: 'stranger@example.org', role: 'editor', series: ['other'], password: PASSWORD });
      await addAccount(t.storage, { email: 'viewer@example.org', role: 'viewer', series: [series.slug], password: PASSWORD });
      const server = await startServer(t.storage, { port: 0, host: '127.0.0.1', uploadMaxBytes: LIMIT });
      const base = `http://127.0.0.1:${server.port}`;
      try {
        const editor = await signIn(base, 'editor@example.org');
        const appearance = await t.storage.db
          .selectFrom('appearance as a')
          .innerJoin('session as s', 's.id', 'a.session_id')
          .select('a.id')
          .where('s.event_id', '=', event.id)
          .orderBy('a.id')
          .executeTakeFirstOrThrow();
        const upload = (who: { cookie: string; csrf: string }, fields: Record<string, string>, file?: { name: string; type: string; bytes: Buffer }) => {
          const m = multipart({ _csrf: who.csrf, ...fields }, file);
          return http('POST', `${base}/admin/events/${event.id}/materials`, { cookie: who.cookie, origin: base, 'content-type': m.type, 'content-length': String(m.body.length) }, m.body);
        };
        const fields = { kind: 'statement', lang: 'en', label: 'Statement of Ms. Thompson', appearance: String(appearance.id) };
        // The editor publishes the working copy as the next release, through the publish page's form.
        let releases = 1; // the demo was imported published
        const publish = async () => {
          const r = await http('POST', `${base}/admin/events/${event.id}/publish`, { cookie: editor.cookie, origin: base }, new URLSearchParams({ _csrf: editor.csrf, note: '' }).toString());
          releases += 1;
          assert.deepEqual([r.status, r.headers.location], [303, `/admin/events/${event.id}/publish?published=${releases}`], r.body.toString());
        };

        // The form is there, and works without JavaScript (a multipart form).
        const page = await http('GET', `${base}/admin/events/${event.id}/materials`, { cookie: editor.cookie });
        assert.equal(page.status, 200);
        assert.match(page.body.toString(), /enctype="multipart\/form-data"/);

        const ok = await upload(editor, fields, { name: 'Déclaration finale.pdf', type: 'application/pdf', bytes: PDF });
        assert.equal(ok.status, 303, ok.body.toString());
        const material = await t.storage.db.selectFrom('material').select(['id', 'file_id', 'kind', 'label', 'lang']).where('label', '=', fields.label).executeTakeFirstOrThrow();
        assert.deepEqual({ kind: material.kind, lang: material.lang }, { kind: 'statement', lang: 'en' });
        const fileId = material.file_id!;

        // In the working copy only until it is published.
        assert.ok(!(await http('GET', `${base}/events/${event.slug}`)).body.toString().includes(`/files/${fileId}`), 'not on the public page before publishing');
        assert.equal((await http('GET', `${base}/files/${fileId}`)).status, 404, 'not served before publishing');
        await publish();
        const publicPage = await http('GET', `${base}/events/${event.slug}`);
        assert.ok(publicPage.body.toString().includes(`/files/${fileId}`), 'the public event page links the uploaded statement');
        const served = await http('GET', `${base}/files/${fileId}`);
        assert.equal(served.status, 200);
        assert.equal(served.headers['content-type'], 'application/pdf');
        assert.equal(served.headers['content-disposition'], `inline; filename="Declaration finale.pdf"; filename*=UTF-8''D%C3%A9claration%20finale.pdf`);
        assert.equal(served.headers['x-content-type-options'], 'nosniff');
        assert.ok(served.body.equals(PDF));
        const C = 256 * 1024;
        const ranged = await http('GET', `${base}/files/${fileId}`, { range: `bytes=${C - 5}-${2 * C + 4}` });
        assert.equal(ranged.status, 206);
        assert.equal(ranged.headers['content-range'], `bytes ${C - 5}-${2 * C + 4}/${PDF.length}`);
        assert.ok(ranged.body.equals(PDF.subarray(C - 5, 2 * C + 5)));

        // A program named .pdf.
        const exe = await upload(editor, fields, { name: 'statement.pdf', type: 'application/pdf', bytes: EXE });
        assert.equal(exe.status, 400);
        assert.ok(exe.body.toString().includes('statement.pdf is a Windows program (.exe) although its name ends in .pdf: it was refused; upload a PDF, DOCX, PPTX, ODT, JPEG, PNG or WebP file'), exe.body.toString());
        // One byte over the limit, and a body far over it (cut off as it arrives).
        const over = await upload(editor, fields, { name: 'big.pdf', type: 'application/pdf', bytes: Buffer.concat([PDF, Buffer.alloc(LIMIT + 1 - PDF.length, 0x20)]) });
        assert.equal(over.status, 400);
        assert.ok(over.body.toString().includes(`big.pdf is 1,048,577 bytes; an upload may be at most 1,048,576 bytes (1 MB)`), over.body.toString());
        const huge = await upload(editor, fields, { name: 'huge.pdf', type: 'application/pdf', bytes: Buffer.concat([PDF, Buffer.alloc(2 * LIMIT, 0x20)]) });
        assert.equal(huge.status, 400);
        assert.ok(huge.body.toString().includes('the upload is larger than 1 MB, the most a file may be'), huge.body.toString());

        // An editor of another series.
        const stranger = await signIn(base, 'stranger@example.org');
        const foreign = await upload(stranger, fields, { name: 'x.pdf', type: 'application/pdf', bytes: PDF });
        assert.equal(foreign.status, 403);
        assert.ok(foreign.body.toString().includes('your account may not do this'));
        assert.equal((await http('GET', `${base}/admin/events/${event.id}/materials`, { cookie: stranger.cookie })).status, 403);
        // Without the token.
        const m = multipart({ ...fields }, { name: 'x.pdf', type: 'application/pdf', bytes: PDF });
        const noToken = await http('POST', `${base}/admin/events/${event.id}/materials`, { cookie: editor.cookie, origin: base, 'content-type': m.type, 'content-length': String(m.body.length) }, m.body);
        assert.equal(noToken.status, 403);

        // A photo with GPS position and camera make: neither is in anything served.
        const photo = await sharp({ create: { width: 1200, height: 800, channels: 3, background: { r: 200, g: 40, b: 40 } } })
          .jpeg()
          .withExif({ IFD0: { Make: 'PlenaryTestCam', Model: 'Model X1' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '46/1 12/1 30/1', GPSLongitudeRef: 'E', GPSLongitude: '6/1 8/1 0/1' } })
          .toBuffer();
        assert.ok((await sharp(photo).metadata()).exif, 'the uploaded photo carries EXIF');
        assert.ok(photo.includes('PlenaryTestCam'));
        const sent = await upload(editor, { kind: 'other', lang: 'en', label: 'Group photo', appearance: '' }, { name: 'group.jpg', type: 'image/jpeg', bytes: photo });
        assert.equal(sent.status, 303, sent.body.toString());
        const photoMaterial = await t.storage.db.selectFrom('material').select('file_id').where('label', '=', 'Group photo').executeTakeFirstOrThrow();
        const variants = await t.storage.db.selectFrom('file_variant').select(['width', 'variant_id']).where('file_id', '=', photoMaterial.file_id!).orderBy('width').execute();
        assert.deepEqual(variants.map((v) => Number(v.width)), [320, 960]);
        for (const id of [photoMaterial.file_id!, ...variants.map((v) => v.variant_id)]) assert.equal((await http('GET', `${base}/files/${id}`)).status, 404, `${id} before publishing`);
        await publish();
        for (const id of [photoMaterial.file_id!, ...variants.map((v) => v.variant_id)]) {
          const r = await http('GET', `${base}/files/${id}`);
          assert.equal(r.status, 200, id);
          assert.equal(r.headers['content-type'], 'image/jpeg');
          const meta = await sharp(r.body).metadata();
          assert.equal(meta.exif, undefined, `${id} has no EXIF`);
          assert.ok(!r.body.includes('PlenaryTestCam') && !r.body.includes('Model X1'), `${id} names no camera`);
        }
        assert.deepEqual((await sharp((await http('GET', `${base}/files/${variants[0]!.variant_id}`)).body).metadata()).width, 320);

        // A draft's files: not public, but the workspace opens them for those who may read its drafts.
        // The event is withdrawn from the public site (its status by SQL would be only a label).
        const withdrawn = await http('POST', `${base}/admin/events/${event.id}/withdraw`, { cookie: editor.cookie, origin: base }, new URLSearchParams({ _csrf: editor.csrf }).toString());
        assert.deepEqual([withdrawn.status, withdrawn.headers.location], [303, `/admin/events/${event.id}/publish?withdrawn=1`]);
        assert.equal((await http('GET', `${base}/events/${event.slug}`)).status, 404);
        assert.equal((await http('GET', `${base}/files/${fileId}`)).status, 404);
        const own = await http('GET', `${base}/admin/files/${fileId}`, { cookie: editor.cookie });
        assert.deepEqual([own.status, own.headers['cache-control'], own.headers['content-type']], [200, 'private, no-store', 'application/pdf']);
        assert.ok(own.body.equals(PDF));
        assert.ok((await http('GET', `${base}/admin/events/${event.id}/materials`, { cookie: editor.cookie })).body.toString().includes(`href="/admin/files/${fileId}"`));
        const viewer = await signIn(base, 'viewer@example.org');
        assert.equal((await http('GET', `${base}/admin/files/${fileId}`, { cookie: viewer.cookie })).status, 200, 'a viewer reads drafts');
        assert.equal((await http('GET', `${base}/admin/events/${event.id}/materials`, { cookie: viewer.cookie })).status, 200);
        assert.equal((await upload(viewer, fields, { name: 'v.pdf', type: 'application/pdf', bytes: PDF })).status, 403, 'a viewer uploads nothing');
        // A viewer is shown no control it may not use: no upload form, fields disabled, no buttons but
        // the site's search (public content) and sign-out.
        const viewerMaterials = (await http('GET', `${base}/admin/events/${event.id}/materials`, { cookie: viewer.cookie })).body.toString();
        assert.ok(!viewerMaterials.includes('multipart/form-data') && !viewerMaterials.includes('/delete'), 'no upload, replace or delete');
        const viewerEvent = (await http('GET', `${base}/admin/events/${event.id}`, { cookie: viewer.cookie })).body.toString();
        assert.ok(viewerEvent.includes('<fieldset class="plain" disabled="">'));
        assert.ok(viewerEvent.includes('Your account reads this series; it may not change it.'));
        assert.deepEqual([...viewerEvent.matchAll(/<button type="submit"[^>]*>([^<]*)</g)].map((m) => m[1]), ['Search', 'Sign out']);
        assert.equal((await http('GET', `${base}/admin/files/${fileId}`, { cookie: stranger.cookie })).status, 403);
        await publish();
        assert.equal((await http('GET', `${base}/files/${fileId}`)).status, 200, 'public again once published');

        // Replace: a new URL; the old file is gone once the replacement is published. Delete: the
        // file goes with the material, once published.
        const replace = multipart({ _csrf: editor.csrf, version: '1' }, { name: 'Déclaration révisée.pdf', type: 'application/pdf', bytes: PDF.subarray(0, 1000) });
        const replaced = await http('POST', `${base}/admin/materials/${material.id}/replace`, { cookie: editor.cookie, origin: base, 'content-type': replace.type, 'content-length': String(replace.body.length) }, replace.body);
        assert.equal(replaced.status, 303, replaced.body.toString());
        const after = await t.storage.db.selectFrom('material').select('file_id').where('id', '=', material.id).executeTakeFirstOrThrow();
        assert.notEqual(after.file_id, fileId);
        // The public still has the release with the old file, and the new one is not public yet.
        assert.equal((await http('GET', `${base}/files/${fileId}`)).status, 200, 'the released file stays until the next release');
        assert.equal((await http('GET', `${base}/files/${after.file_id}`)).status, 404, 'the replacement is not public before publishing');
        await publish();
        assert.equal((await http('GET', `${base}/files/${fileId}`)).status, 404);
        assert.equal((await http('GET', `${base}/files/${after.file_id}`)).status, 200);
        assert.equal(await t.storage.db.selectFrom('file').select('id').where('id', '=', fileId).executeTakeFirst(), undefined);
        const del = await http('POST', `${base}/admin/materials/${material.id}/delete`, { cookie: editor.cookie, origin: base }, `_csrf=${editor.csrf}&version=2`);
        assert.equal(del.status, 303);
        assert.ok(await t.storage.db.selectFrom('file').select('id').where('id', '=', after.file_id!).executeTakeFirst(), 'kept while the latest release shows it');
        await publish();
        assert.equal((await http('GET', `${base}/files/${after.file_id}`)).status, 404);
        assert.equal(await t.storage.db.selectFrom('file').select('id').where('id', '=', after.file_id!).executeTakeFirst(), undefined);
        assert.equal(await t.storage.db.selectFrom('file_chunk').select('file_id').where('file_id', '=', after.file_id!).executeTakeFirst(), undefined);
        // Each of those changes is in the audit log, under the editor who made it.
        const logged = await t.storage.db
          .selectFrom('audit_entry as x')
          .innerJoin('account as a', 'a.id', 'x.account_id')
          .select(['a.email', 'x.action', 'x.entity_id', 'x.before', 'x.after'])
          .where('x.entity', '=', 'material')
          .orderBy('x.id')
          .execute();
        assert.deepEqual(
          logged.map((e) => [e.email, e.action, e.entity_id, e.before === null ? null : JSON.parse(e.before), e.after === null ? null : JSON.parse(e.after)]),
          [
            ['editor@example.org', 'create', material.id, null, { kind: 'statement', label: 'Statement of Ms. Thompson', lang: 'en', appearance_id: appearance.id, file: 'Déclaration finale.pdf' }],
            ['editor@example.org', 'create', logged[1]!.entity_id, null, { kind: 'other', label: 'Group photo', lang: 'en', appearance_id: null, file: 'group.jpg' }],
            ['editor@example.org', 'update', material.id, { file_id: fileId }, { file_id: after.file_id, file: 'Déclaration révisée.pdf' }],
            ['editor@example.org', 'delete', material.id, { kind: 'statement', label: 'Statement of Ms. Thompson', lang: 'en', appearance_id: appearance.id, file_id: after.file_id }, null],
          ],
        );
      } finally {
        await server.close();
        await t.cleanup();
      }
    });
  });
}

// Issue 9: replace, delete and the kind/language/label form carry the material's version; a stale
// one is refused with 409 and changes nothing, a fresh one works and moves the version on.
for (const engine of ENGINES) {
  describe(`material versions through /admin on ${engine}`, () => {
    test('stale replace, delete and edit get 409 and change nothing; fresh ones work, are logged and bump the version', async () => {
      const t = await migratedStorage(engine);
      await importDemo(t.storage);
      const event = await t.storage.db.selectFrom('event').select(['id', 'series_id']).executeTakeFirstOrThrow();
      const series = await t.storage.db.selectFrom('series').select('slug').where('id', '=', event.series_id).executeTakeFirstOrThrow();
      await addAccount(t.storage, { email: 'editor@example.org', role: 'editor', series: [series.slug], password: PASSWORD });
      const server = await startServer(t.storage, { port: 0, host: '127.0.0.1', uploadMaxBytes: LIMIT });
      const base = `http://127.0.0.1:${server.port}`;
      try {
        const editor = await signIn(base, 'editor@example.org');
        const first = Buffer.concat([Buffer.from('%PDF-1.4\nfirst\n'), PDF.subarray(9, 2000)]);
        const { materialId: id, fileId } = await addMaterialFile(t.storage, { eventId: event.id, appearanceId: null, fields: { kind: 'other', lang: 'en', label: 'Report' }, upload: { name: 'report.pdf', bytes: first } }, { maxBytes: LIMIT });
        const row = () => t.storage.db.selectFrom('material').select(['kind', 'lang', 'label', 'version', 'file_id', 'original_id']).where('id', '=', id).executeTakeFirst();
        const auth = { cookie: editor.cookie, origin: base };
        const replace = (version: string, bytes: Buffer) => {
          const m = multipart({ _csrf: editor.csrf, version }, { name: 'report-2.pdf', type: 'application/pdf', bytes });
          return http('POST', `${base}/admin/materials/${id}/replace`, { ...auth, 'content-type': m.type, 'content-length': String(m.body.length) }, m.body);
        };
        const post = (path: string, fields: Record<string, string>) => http('POST', `${base}${path}`, auth, new URLSearchParams({ _csrf: editor.csrf, ...fields }).toString());
        const message = (r: Got) => /<p[^>]*>([^<]*nothing was [^<]*)<\/p>/.exec(r.body.toString())?.[1];

        // The page's forms carry the version the page showed.
        const page = (await http('GET', `${base}/admin/events/${event.id}/materials`, { cookie: editor.cookie })).body.toString();
        for (const action of [`/admin/materials/${id}/replace`, `/admin/materials/${id}/delete`, `/admin/materials/${id}`]) {
          const form = new RegExp(`<form method="post" action="${action}"[^>]*>(.*?)</form>`, 's').exec(page)?.[1] ?? '';
          assert.ok(form.includes('<input type="hidden" name="version" value="1"/>'), `${action}: ${form}`);
        }

        // Another tab edits the kind, language and label: version 2.
        const edited = await post(`/admin/materials/${id}`, { version: '1', kind: 'presentation', lang: 'fr', label: '  Rapport final ' });
        assert.deepEqual([edited.status, edited.headers.location], [303, `/admin/events/${event.id}/materials`], edited.body.toString());
        assert.deepEqual(await row(), { kind: 'presentation', lang: 'fr', label: 'Rapport final', version: 2, file_id: fileId, original_id: null });

        // This tab, still at version 1: replace, delete and edit are refused; nothing changes.
        const staleReplace = await replace('1', Buffer.concat([Buffer.from('%PDF-1.4\nsecond\n'), PDF.subarray(9, 3000)]));
        assert.equal(staleReplace.status, 409);
        assert.equal(message(staleReplace), 'this material was changed by someone else after you opened it (you edited version 1; it is now at version 2): nothing was saved');
        const staleDelete = await post(`/admin/materials/${id}/delete`, { version: '1' });
        assert.equal(staleDelete.status, 409);
        assert.equal(message(staleDelete), 'this material was changed by someone else after you opened it (you saw version 1; it is now at version 2): nothing was deleted; look at it again first');
        const staleEdit = await post(`/admin/materials/${id}`, { version: '1', kind: 'statement', lang: 'en', label: 'Old' });
        assert.equal(staleEdit.status, 409);
        assert.deepEqual(await row(), { kind: 'presentation', lang: 'fr', label: 'Rapport final', version: 2, file_id: fileId, original_id: null });
        const served = await http('GET', `${base}/admin/files/${fileId}`, { cookie: editor.cookie });
        assert.deepEqual([served.status, Buffer.compare(served.body, first)], [200, 0], 'the file is the first one still');
        assert.equal((await t.storage.db.selectFrom('file').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n.toString(), '1');
        // A form without a version cannot be saved safely.
        const noVersion = await post(`/admin/materials/${id}/delete`, {});
        assert.equal(noVersion.status, 400);

        // The upload's checks: an empty label, a language a version of the document has.
        await addMaterialVersion(t.storage, { materialId: id, lang: 'es', upload: { name: 'informe.pdf', bytes: first } }, { maxBytes: LIMIT });
        const empty = await post(`/admin/materials/${id}`, { version: '2', kind: 'presentation', lang: 'fr', label: ' ' });
        assert.equal(empty.status, 400);
        const fieldError = (r: Got) => new RegExp(`<strong class="field-error" id="fields-${id}-error">([^<]*)</strong>`).exec(r.body.toString())?.[1];
        assert.equal(fieldError(empty), 'must not be empty');
        const clash = await post(`/admin/materials/${id}`, { version: '2', kind: 'presentation', lang: 'es', label: 'Rapport final' });
        assert.equal(clash.status, 400);
        assert.equal(fieldError(clash), 'this document already has a version in es; replace that version&#39;s file instead');
        assert.deepEqual(await row(), { kind: 'presentation', lang: 'fr', label: 'Rapport final', version: 2, file_id: fileId, original_id: null });

        // Fresh ones: replace at 2 (now 3), delete at 3; the version becomes the original.
        const second = Buffer.concat([Buffer.from('%PDF-1.4\nsecond\n'), PDF.subarray(9, 3000)]);
        const fresh = await replace('2', second);
        assert.deepEqual([fresh.status, fresh.headers.location], [303, `/admin/events/${event.id}/materials`], fresh.body.toString());
        const now = (await row())!;
        assert.notEqual(now.file_id, fileId);
        assert.deepEqual({ ...now, file_id: null }, { kind: 'presentation', lang: 'fr', label: 'Rapport final', version: 3, file_id: null, original_id: null });
        const replacedFile = await http('GET', `${base}/admin/files/${now.file_id}`, { cookie: editor.cookie });
        assert.equal(Buffer.compare(replacedFile.body, second), 0);
        const deleted = await post(`/admin/materials/${id}/delete`, { version: '3' });
        assert.deepEqual([deleted.status, deleted.headers.location], [303, `/admin/events/${event.id}/materials`]);
        assert.equal(await row(), undefined);
        const left = await t.storage.db.selectFrom('material').select(['lang', 'original_id', 'version']).where('event_id', '=', event.id).where('label', '=', 'Rapport final').execute();
        assert.deepEqual(left, [{ lang: 'es', original_id: null, version: 2 }], 'the Spanish version, promoted');

        const logged = await t.storage.db.selectFrom('audit_entry').select(['action', 'before', 'after']).where('entity', '=', 'material').where('entity_id', '=', id).orderBy('id').execute();
        assert.deepEqual(
          logged.map((e) => [e.action, e.before === null ? null : JSON.parse(e.before), e.after === null ? null : JSON.parse(e.after)]),
          [
            ['update', { kind: 'other', lang: 'en', label: 'Report' }, { kind: 'presentation', lang: 'fr', label: 'Rapport final' }],
            ['update', { file_id: fileId }, { file_id: now.file_id, file: 'report-2.pdf' }],
            ['delete', { kind: 'presentation', label: 'Rapport final', lang: 'fr', appearance_id: null, file_id: now.file_id }, null],
          ],
        );
      } finally {
        await server.close();
        await t.cleanup();
      }
    });
  });
}

const plenary = (args: string[], url: string) => runPlenary(args, url, { env: { PLENARY_DEMO: 'off' } });

for (const engine of ENGINES) {
  describe(`plenary files check on ${engine}`, () => {
    test('lists the files no material points to (a photo variant of a linked photo is not one) and exits 1; exits 0 once they are gone', async () => {
      const t = await migratedStorage(engine);
      try {
        await importDemo(t.storage);
        const ids = { linked: '11111111-1111-4111-8111-111111111111', variant: '22222222-2222-4222-8222-222222222222', orphan: '33333333-3333-4333-8333-333333333333' };
        await write(t.storage, async (trx) => {
          const event = await trx.selectFrom('event').select('id').executeTakeFirstOrThrow();
          const bytes = Buffer.from('%PDF-1.4 statement\n');
          await insertFile(trx, { id: ids.linked, sha256: 'a'.repeat(64), mediaType: 'image/jpeg', originalName: 'photo.jpg', createdAt: T }, bytes);
          await insertFile(trx, { id: ids.variant, sha256: 'b'.repeat(64), mediaType: 'image/jpeg', originalName: 'photo-320w.jpg', createdAt: T }, bytes);
          await insertVariant(trx, ids.linked, 320, ids.variant);
          await insertFile(trx, { id: ids.orphan, sha256: 'c'.repeat(64), mediaType: 'application/pdf', originalName: 'Left behind.pdf', createdAt: T }, Buffer.alloc(300_000, 1));
          await trx.insertInto('material').values({ event_id: event.id, appearance_id: null, kind: 'other', label: 'Photo', lang: 'en', position: 99, url: null, file_id: ids.linked, created_at: T }).execute();
        });
        assert.deepEqual(plenary(['files', 'check'], t.url), {
          code: 1,
          out: `unlinked ${ids.orphan} 300000 bytes application/pdf Left behind.pdf\n1 file no material points to; 0 damaged\n`,
          err: '',
        });
        assert.deepEqual(plenary(['files', 'check', '--remove-unlinked'], t.url), {
          code: 0,
          out: `unlinked ${ids.orphan} 300000 bytes application/pdf Left behind.pdf\n1 file no material points to; 0 damaged\nremoved 1 file\n`,
          err: '',
        });
        assert.equal(await t.storage.db.selectFrom('file_chunk').select('file_id').where('file_id', '=', ids.orphan).executeTakeFirst(), undefined);
        assert.ok(await t.storage.db.selectFrom('file').select('id').where('id', '=', ids.variant).executeTakeFirst(), 'a linked photo keeps its copies');
        assert.deepEqual(plenary(['files', 'check'], t.url), { code: 0, out: '0 files no material points to; 0 damaged\n', err: '' });
        assert.equal(plenary(['files'], t.url).code, 2);
      } finally {
        await t.cleanup();
      }
    });
  });
}
