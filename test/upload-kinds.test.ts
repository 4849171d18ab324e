// The other kinds of upload, over HTTP through the workspace's materials form (multipart, with the
// form's CSRF token), on every engine: a presentation made by LibreOffice Impress (PPTX), a
// statement made by LibreOffice Writer (ODT), and photos as PNG and WebP carrying EXIF GPS and
// camera data (made by sharp). Each is served once published with its media type, its name in
// Content-Disposition, nosniff and its exact bytes (documents); photos as re-encoded copies of
// 320 and 960 pixels besides the original, none of them with EXIF or the camera's name, shown on
// the public event page through srcset. Skips without LibreOffice Impress and Writer.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import { addAccount } from '../src/operations/accounts.ts';
import { importDemo } from '../src/operations/demo.ts';
import { startServer } from '../src/web/server.ts';
import { ENGINES, migratedStorage } from './engines.ts';
import { http, multipart, signInThroughForm } from './http-client.ts';

const PASSWORD = 'correct horse battery staple';
const LIBREOFFICE = '/usr/lib/libreoffice/program';
const OFFICE_SKIP =
  spawnSync('sh', ['-c', 'command -v soffice'], { encoding: 'utf8' }).status !== 0 || !existsSync(join(LIBREOFFICE, 'libsdlo.so')) || !existsSync(join(LIBREOFFICE, 'libswlo.so'))
    ? 'LibreOffice Impress and Writer are missing: apt-get install -y libreoffice-impress-nogui libreoffice-writer-nogui'
    : false;

/** A slide deck written as a flat OpenDocument presentation, which Impress saves as PPTX. */
const FODP = `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:presentation:1.0" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.presentation">
<office:body><office:presentation><draw:page draw:name="page1"><draw:frame svg:x="2cm" svg:y="2cm" svg:width="20cm" svg:height="3cm"><draw:text-box><text:p>Health systems for everyone</text:p></draw:text-box></draw:frame></draw:page></office:presentation></office:body></office:document>
`;

/** `soffice --convert-to ext` of one file, in a profile of its own; the converted bytes. */
function convert(dir: string, source: string, ext: 'pptx' | 'odt'): Buffer {
  const out = join(dir, `out-${ext}`);
  const r = spawnSync('soffice', [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', ext, '--outdir', out, source], { encoding: 'utf8', timeout: 300_000 });
  const file = join(out, source.replace(/^.*\//, '').replace(/\.[^.]+$/, `.${ext}`));
  assert.ok(r.status === 0 && existsSync(file), `soffice ${ext}: ${r.status} ${r.stderr}`);
  return readFileSync(file);
}

/** A 1200 × 800 photo with the GPS position and camera of a phone. */
const photo = (format: 'png' | 'webp') =>
  sharp({ create: { width: 1200, height: 800, channels: 3, background: { r: 20, g: 120, b: 60 } } })
    [format]()
    .withExif({ IFD0: { Make: 'PlenaryTestCam', Model: 'Model X1' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '46/1 12/1 30/1', GPSLongitudeRef: 'E', GPSLongitude: '6/1 8/1 0/1' } })
    .toBuffer();

type Upload = { name: string; kind: string; label: string; speaker: boolean; bytes: Buffer; type: string; disposition: string };

describe('uploads of every kind over HTTP', { skip: OFFICE_SKIP }, () => {
  let dir: string;
  const made: Upload[] = [];
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'plenary-upload-kinds-'));
    writeFileSync(join(dir, 'talk.fodp'), FODP);
    writeFileSync(join(dir, 'statement.txt'), 'Statement\n\nHealth systems that reach everyone who moves.\n');
    const pptx = convert(dir, join(dir, 'talk.fodp'), 'pptx');
    const odt = convert(dir, join(dir, 'statement.txt'), 'odt');
    const png = await photo('png');
    const webp = await photo('webp');
    for (const [format, bytes] of [
      ['png', png],
      ['webp', webp],
    ] as const) {
      const meta = await sharp(bytes).metadata();
      assert.deepEqual([meta.format, meta.width, meta.exif !== undefined], [format, 1200, true], `the ${format} sent carries EXIF`);
      assert.ok(bytes.includes('PlenaryTestCam') && bytes.includes('Model X1'), `the ${format} sent names its camera`);
    }
    assert.equal(pptx.subarray(0, 2).toString(), 'PK');
    assert.equal(odt.subarray(0, 2).toString(), 'PK');
    made.push(
      {
        name: 'Présentation santé.pptx',
        kind: 'presentation',
        label: 'Slides on health systems',
        speaker: true,
        bytes: pptx,
        type: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
        disposition: `inline; filename="Presentation sante.pptx"; filename*=UTF-8''Pr%C3%A9sentation%20sant%C3%A9.pptx`,
      },
      {
        name: 'Déclaration (révisée).odt',
        kind: 'statement',
        label: 'Statement on health systems',
        speaker: true,
        bytes: odt,
        type: 'application/vnd.oasis.opendocument.text',
        disposition: `inline; filename="Declaration (revisee).odt"; filename*=UTF-8''D%C3%A9claration%20%28r%C3%A9vis%C3%A9e%29.odt`,
      },
      { name: 'Photo de groupe.png', kind: 'other', label: 'Group photo (PNG)', speaker: false, bytes: png, type: 'image/png', disposition: `inline; filename="Photo de groupe.png"; filename*=UTF-8''Photo%20de%20groupe.png` },
      { name: 'Panel—Genève.webp', kind: 'other', label: 'Panel photo (WebP)', speaker: false, bytes: webp, type: 'image/webp', disposition: `inline; filename="Panel_Geneve.webp"; filename*=UTF-8''Panel%E2%80%94Gen%C3%A8ve.webp` },
    );
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const engine of ENGINES) {
    test(`PPTX, ODT, PNG and WebP through the materials form on ${engine}: type, name, bytes; photos without EXIF, in 320 and 960 pixels`, async () => {
      const t = await migratedStorage(engine);
      await importDemo(t.storage);
      const db = t.storage.db;
      const event = await db.selectFrom('event').select(['id', 'slug', 'series_id']).executeTakeFirstOrThrow();
      const series = await db.selectFrom('series').select('slug').where('id', '=', event.series_id).executeTakeFirstOrThrow();
      await addAccount(t.storage, { email: 'editor@example.org', role: 'editor', series: [series.slug], password: PASSWORD });
      const server = await startServer(t.storage, { port: 0, host: '127.0.0.1' });
      const base = `http://127.0.0.1:${server.port}`;
      try {
        const { cookie } = await signInThroughForm(base, 'editor@example.org', PASSWORD);
        const materialsPage = await http('GET', `${base}/admin/events/${event.id}/materials`, { cookie });
        assert.equal(materialsPage.status, 200);
        const csrf = materialsPage.body.match(/<form[^>]*enctype="multipart\/form-data"[^>]*>[\s\S]*?name="_csrf" value="([^"]+)"/)?.[1];
        assert.ok(csrf, 'the upload form carries its CSRF token');
        const appearance = await db.selectFrom('appearance as a').innerJoin('session as s', 's.id', 'a.session_id').select('a.id').where('s.event_id', '=', event.id).orderBy('a.id').executeTakeFirstOrThrow();
        // The speaker can be chosen in the form.
        assert.ok(materialsPage.body.includes(`<option value="${appearance.id}"`), 'the appearance is offered');

        const stored = new Map<string, { material: number; file: string }>();
        for (const u of made) {
          const m = multipart({ _csrf: csrf, kind: u.kind, lang: 'en', label: u.label, appearance: u.speaker ? String(appearance.id) : '' }, { name: u.name, type: 'application/octet-stream', bytes: u.bytes });
          const r = await http('POST', `${base}/admin/events/${event.id}/materials`, { cookie, origin: base, 'content-type': m.type, 'content-length': String(m.body.length) }, m.body);
          assert.deepEqual([r.status, r.location], [303, `/admin/events/${event.id}/materials`], `${u.name}: ${r.body.slice(0, 800)}`);
          const row = await db.selectFrom('material').select(['id', 'file_id', 'kind', 'lang', 'appearance_id']).where('label', '=', u.label).executeTakeFirstOrThrow();
          assert.deepEqual([row.kind, row.lang, row.appearance_id], [u.kind, 'en', u.speaker ? appearance.id : null], u.name);
          stored.set(u.name, { material: row.id, file: row.file_id! });
        }
        // Recognised by their content: the type sent (application/octet-stream) was not taken.
        const files = await db.selectFrom('file').select(['id', 'media_type', 'original_name']).where('id', 'in', [...stored.values()].map((s) => s.file)).orderBy('original_name').execute();
        assert.deepEqual(
          files.map((f) => [f.original_name, f.media_type]),
          made.map((u) => [u.name, u.type]).sort((a, b) => (a[0]! < b[0]! ? -1 : 1)),
        );

        // A draft's files: in the workspace only; then published.
        for (const s of stored.values()) assert.equal((await http('GET', `${base}/files/${s.file}`)).status, 404);
        const published = await http('POST', `${base}/admin/events/${event.id}/publish`, { cookie, origin: base }, { _csrf: csrf, note: 'Materials' });
        assert.deepEqual([published.status, published.location], [303, `/admin/events/${event.id}/publish?published=2`], published.body.slice(0, 500));
        const publicPage = (await http('GET', `${base}/events/${event.slug}`)).body;

        for (const u of made) {
          const s = stored.get(u.name)!;
          const served = await http('GET', `${base}/files/${s.file}`);
          assert.equal(served.status, 200, u.name);
          assert.equal(served.headers['content-type'], u.type, u.name);
          assert.equal(served.headers['content-disposition'], u.disposition, u.name);
          assert.equal(served.headers['x-content-type-options'], 'nosniff', u.name);
          const variants = await db.selectFrom('file_variant').select(['width', 'variant_id']).where('file_id', '=', s.file).orderBy('width').execute();
          if (u.type.startsWith('image/')) {
            // Photos: re-encoded in their own format, 1200 px wide, and the 320 and 960 px copies; no EXIF in any.
            assert.deepEqual(variants.map((v) => Number(v.width)), [320, 960], u.name);
            for (const [id, width] of [
              [s.file, 1200],
              [variants[0]!.variant_id, 320],
              [variants[1]!.variant_id, 960],
            ] as const) {
              const r = id === s.file ? served : await http('GET', `${base}/files/${id}`);
              assert.equal(r.status, 200, `${u.name} ${width}`);
              assert.equal(r.headers['content-type'], u.type, `${u.name} ${width}`);
              const meta = await sharp(r.bytes).metadata();
              assert.deepEqual([meta.format, meta.width, meta.height, meta.exif], [u.type.slice('image/'.length), width, Math.round((width * 2) / 3), undefined], `${u.name} ${width}`);
              assert.ok(!r.bytes.includes('PlenaryTestCam') && !r.bytes.includes('Model X1'), `${u.name} ${width} names no camera`);
            }
            assert.ok(
              publicPage.includes(`<img src="/files/${variants[0]!.variant_id}" srcset="/files/${variants[0]!.variant_id} 320w, /files/${variants[1]!.variant_id} 960w" sizes="(max-width: 40rem) 100vw, 20rem" alt="${u.label}"`),
              `${u.name} on the public page`,
            );
          } else {
            // Documents: the bytes as sent, no copies.
            assert.ok(served.bytes.equals(u.bytes), `${u.name}: the bytes as sent`);
            assert.deepEqual(variants, [], u.name);
            assert.ok(publicPage.includes(`href="/files/${s.file}"`), `${u.name} linked from the public page`);
            assert.ok(publicPage.includes(u.label), `${u.name}'s label on the public page`);
          }
        }
      } finally {
        await server.close();
        await t.cleanup();
      }
    });
  }
});
