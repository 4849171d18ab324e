// Upload types are read from the content: Office and OpenDocument files are zips told apart by
// what they declare inside; a plain zip, a program and an empty file are refused with what they are.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import JSZip from 'jszip';
import { recogniseUpload } from './materials.ts';

const limits = { maxBytes: 10 * 1024 * 1024 };

async function zip(entries: Array<[string, string]>, opts: { storeFirst?: boolean } = {}): Promise<Uint8Array> {
  const z = new JSZip();
  for (const [i, [name, text]] of entries.entries()) z.file(name, text, { compression: i === 0 && opts.storeFirst ? 'STORE' : 'DEFLATE' });
  return z.generateAsync({ type: 'uint8array' });
}

const contentTypes = (main: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/${main.split('|')[0]}" ContentType="${main.split('|')[1]}"/></Types>`;

test('DOCX, PPTX and ODT are recognised inside their zips, whatever their names', async () => {
  const docx = await zip([
    ['[Content_Types].xml', contentTypes('word/document.xml|application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml')],
    ['word/document.xml', '<w:document/>'],
  ]);
  assert.equal(await recogniseUpload({ name: 'statement.bin', bytes: docx }, limits), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  const pptx = await zip([
    ['[Content_Types].xml', contentTypes('ppt/presentation.xml|application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml')],
    ['ppt/presentation.xml', '<p:presentation/>'],
  ]);
  assert.equal(await recogniseUpload({ name: 'slides.pdf', bytes: pptx }, limits), 'application/vnd.openxmlformats-officedocument.presentationml.presentation');
  const odt = await zip([['mimetype', 'application/vnd.oasis.opendocument.text'], ['content.xml', '<office:document-content/>']], { storeFirst: true });
  assert.equal(await recogniseUpload({ name: 'notes.docx', bytes: odt }, limits), 'application/vnd.oasis.opendocument.text');
});

test('a plain zip, an empty file and unknown bytes are refused with what they are', async () => {
  const plain = await zip([['readme.txt', 'hello']]);
  await assert.rejects(recogniseUpload({ name: 'report.docx', bytes: plain }, limits), {
    message: 'report.docx is a ZIP file (application/zip) although its name ends in .docx; upload a PDF, DOCX, PPTX, ODT, JPEG, PNG or WebP file',
  });
  await assert.rejects(recogniseUpload({ name: 'empty.pdf', bytes: new Uint8Array(0) }, limits), { message: 'empty.pdf is empty' });
  await assert.rejects(recogniseUpload({ name: 'notes.txt', bytes: Buffer.from('just some text\n') }, limits), {
    message: 'notes.txt is not a file type Plenary recognises although its name ends in .txt; upload a PDF, DOCX, PPTX, ODT, JPEG, PNG or WebP file',
  });
  await assert.rejects(recogniseUpload({ name: '../../etc/x.pdf', bytes: Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, ...new Array(60).fill(0)]) }, limits), {
    message: 'x.pdf is a Linux program (ELF) although its name ends in .pdf: it was refused; upload a PDF, DOCX, PPTX, ODT, JPEG, PNG or WebP file',
  });
});
