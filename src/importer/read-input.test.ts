import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deflateSync } from 'node:zlib';
import { detectFormat } from './detect.ts';
import { MAX_INPUT_BYTES, readInput } from './read-input.ts';

const bytes = (s: string) => new TextEncoder().encode(s);

test('text is decoded, the BOM dropped and line endings unified', async () => {
  assert.deepEqual(await readInput(bytes('\ufeffAgenda\r\nDay 1\r10:00 Opening')), { format: 'text', text: 'Agenda\nDay 1\n10:00 Opening' });
});

test('the format comes from the content, not the name', () => {
  assert.equal(detectFormat(bytes('%PDF-1.7\n...')), 'pdf');
  assert.equal(detectFormat(bytes('<!DOCTYPE html><html><body><p>x</p></body></html>')), 'html');
  assert.equal(detectFormat(bytes('  <!-- saved --> <html lang="en">')), 'html');
  assert.equal(detectFormat(bytes('Agenda <p>a</p><p>b</p><br><li>c</li><li>d</li>')), 'html');
  assert.equal(detectFormat(bytes('10:00 - 11:30 Opening <session>')), 'text');
  assert.equal(detectFormat(new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...bytes('....word/document.xml')])), 'docx');
  assert.equal(detectFormat(new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...bytes('....mimetype')])), 'zip');
  assert.equal(detectFormat(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0])), 'doc');
});

test('empty, blank, binary, non-UTF-8, oversized and unsupported inputs are refused with what is wrong and where', async () => {
  await assert.rejects(readInput(new Uint8Array(0), 'a.txt'), { name: 'InvalidInput', message: 'a.txt is empty: there is no agenda to read' });
  await assert.rejects(readInput(bytes(' \n\t\n'), 'a.txt'), { message: 'a.txt holds only white space: there is no agenda to read' });
  await assert.rejects(readInput(new Uint8Array([65, 66, 0, 67]), 'a.bin'), { message: 'a.bin is binary, not a text agenda (a NUL byte at offset 2)' });
  await assert.rejects(readInput(new Uint8Array([65, 0xc3, 0x28, 66]), 'a.txt'), { message: 'a.txt is not UTF-8 text (an invalid byte sequence at offset 1)' });
  await assert.rejects(readInput(new Uint8Array(MAX_INPUT_BYTES + 1).fill(65), 'big.txt'), { message: 'big.txt is 10.0 MB; an agenda page is at most 10.0 MB' });
  await assert.rejects(readInput(bytes('a\u0001b\u0002c\u0003'), 'c.txt'), { message: 'c.txt is binary, not a text agenda (3 control characters)' });
  await assert.rejects(readInput(bytes('%PDF-1.4\nnot really a pdf'), 'x.pdf'), (e: Error) => e.name === 'InvalidInput' && e.message.startsWith('x.pdf looks like a PDF but cannot be read: '));
  await assert.rejects(readInput(new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...bytes('word/document.xml garbage')]), 'x.docx'), (e: Error) =>
    e.message.startsWith('x.docx looks like a Word document but cannot be read: '),
  );
  await assert.rejects(readInput(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]), 'old.doc'), {
    message: 'old.doc is a legacy Word .doc file; save it as .docx, PDF or HTML and import that',
  });
  await assert.rejects(readInput(bytes('<html><body><nav>Home</nav></body></html>'), 'nav.html'), { message: 'nav.html (HTML) holds no text: there is no agenda to read' });
});

test('any bytes up to 1 MB give text or a clear InvalidInput, never another exception', async () => {
  const fc = await import('fast-check');
  const tags = fc.constantFrom('<p>', '</p>', '<li>', '<table><tr><td>', '</td><td>', '<br>', '<nav>', '</nav>', '<!--', '-->', '<main>', '<h2>', '%PDF-', 'PK\u0003\u0004word/document.xml');
  const htmlish = fc.array(fc.oneof(tags, fc.string({ maxLength: 40 }), fc.constant('10:00 - 11:30 Panel 1 – Title\n')), { maxLength: 400 }).map((parts) => bytes(parts.join('')));
  await fc.assert(
    fc.asyncProperty(fc.oneof(fc.uint8Array({ maxLength: 4096 }), htmlish), async (input) => {
      try {
        const r = await readInput(input, 'x');
        return typeof r.text === 'string' && ['text', 'html', 'docx', 'pdf'].includes(r.format);
      } catch (e) {
        return (e as Error).name === 'InvalidInput' && (e as Error).message.startsWith('x ');
      }
    }),
    { numRuns: 300 },
  );
  // The largest input it reads: 1 MB of markup soup.
  const soup = bytes('<div><p>9.30 h Session I</p><ul><li>Dr. A B, Director, X, Kenya (Statement)</li></ul></div>'.repeat(11000));
  assert.ok(soup.length > 1_000_000);
  const r = await readInput(soup, 'soup.html');
  assert.equal(r.format, 'html');
});

test('a Word file that would expand to gigabytes and HTML nested past the stack are refused, not crashes', async () => {
  const JSZip = (await import('jszip')).default;
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<Types/>');
  zip.file('word/document.xml', 'x'.repeat(80 * 1024 * 1024));
  const bomb = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 9 } });
  assert.ok(bomb.length < 1024 * 1024, `the bomb is small (${bomb.length} bytes)`);
  await assert.rejects(readInput(bomb, 'bomb.docx'), { name: 'InvalidInput', message: 'bomb.docx expands to 80 MB of Word data; an agenda expands to at most 64 MB' });
  const deep = bytes(`<html><body>${'<div>'.repeat(200_000)}10:00 Opening${'</div>'.repeat(200_000)}</body></html>`);
  await assert.rejects(readInput(deep, 'deep.html'), { name: 'InvalidInput', message: 'deep.html is HTML nested too deeply to read' });
});

/** A one-page PDF with one content stream, written with the given filters (applied last to first). */
function pdfWithStream(data: Buffer, filters: string[]): Uint8Array {
  const parts: Buffer[] = [];
  const offsets: number[] = [];
  let length = 0;
  const add = (b: Buffer | string) => {
    const buf = typeof b === 'string' ? Buffer.from(b, 'latin1') : b;
    parts.push(buf);
    length += buf.length;
  };
  const obj = (n: number, body: string | Buffer[]) => {
    offsets[n] = length;
    add(`${n} 0 obj\n`);
    for (const b of typeof body === 'string' ? [body] : body) add(b);
    add('\nendobj\n');
  };
  add('%PDF-1.4\n');
  obj(1, '<< /Type /Catalog /Pages 2 0 R >>');
  obj(2, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>');
  obj(3, '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> /Contents 4 0 R >>');
  let encoded = data;
  for (const f of [...filters].reverse()) if (f === '/FlateDecode') encoded = deflateSync(encoded, { level: 9 });
  obj(4, [Buffer.from(`<< /Length ${encoded.length}${filters.length ? ` /Filter [${filters.join(' ')}]` : ''} >>\nstream\n`, 'latin1'), encoded, Buffer.from('\nendstream', 'latin1')]);
  const xref = length;
  add(`xref\n0 5\n0000000000 65535 f \n${offsets.slice(1).map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`);
  add(`trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  return new Uint8Array(Buffer.concat(parts));
}

const TEXT = Buffer.from('BT /F1 12 Tf 72 720 Td (10:00 Opening) Tj ET\n', 'latin1');

test('a PDF is read in a child process: text comes back, twice compressed or not', async () => {
  assert.deepEqual(await readInput(pdfWithStream(TEXT, []), 'plain.pdf'), { format: 'pdf', text: '10:00 Opening' });
  assert.deepEqual(await readInput(pdfWithStream(TEXT, ['/FlateDecode', '/FlateDecode']), 'twice.pdf'), { format: 'pdf', text: '10:00 Opening' });
});

test('a PDF that expands past the memory limit is stopped and refused, whatever its filters', async () => {
  // 300 MB of spaces behind two Flate filters: a few KB on disk, which no scan of the bytes sees.
  const bomb = pdfWithStream(Buffer.concat([TEXT, Buffer.alloc(300 * 1024 * 1024, 0x20)]), ['/FlateDecode', '/FlateDecode']);
  assert.ok(bomb.length < 64 * 1024, `the bomb is small (${bomb.length} bytes)`);
  const limits = { maxMemoryMb: 200, timeoutMs: 60_000 };
  await assert.rejects(readInput(bomb, 'bomb.pdf', { pdfLimits: limits }), {
    name: 'InvalidInput',
    message: 'bomb.pdf needs more than 200 MB of memory to read as a PDF: it holds data that expands far beyond its size; an agenda needs a few MB',
  });
  // The same reader, the same limits: a real page is read.
  assert.equal((await readInput(pdfWithStream(TEXT, ['/FlateDecode']), 'fine.pdf', { pdfLimits: limits })).text, '10:00 Opening');
});

test('a PDF that takes longer than the time limit is stopped and refused', async () => {
  await assert.rejects(readInput(pdfWithStream(TEXT, []), 'slow.pdf', { pdfLimits: { maxMemoryMb: 512, timeoutMs: 1 } }), {
    name: 'InvalidInput',
    message: 'slow.pdf took longer than 0.001 s to read as a PDF; an agenda reads in a second or two',
  });
});

test('a Word file whose archive understates its sizes is still refused at 64 MB', async () => {
  const JSZip = (await import('jszip')).default;
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<Types/>');
  zip.file('word/document.xml', 'x'.repeat(80 * 1024 * 1024));
  const bytes = Buffer.from(await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 9 } }));
  // The document declares 1 KB, in its local header and in the central directory.
  const target = 'word/document.xml';
  let patched = 0;
  for (let i = 0; i + 46 <= bytes.length; i++) {
    const sig = bytes.readUInt32LE(i);
    if (sig === 0x04034b50 && bytes.toString('latin1', i + 30, i + 30 + bytes.readUInt16LE(i + 26)) === target) bytes.writeUInt32LE(1024, i + 22);
    else if (sig === 0x02014b50 && bytes.toString('latin1', i + 46, i + 46 + bytes.readUInt16LE(i + 28)) === target) {
      bytes.writeUInt32LE(1024, i + 24);
      patched++;
    }
  }
  assert.equal(patched, 1, 'the central directory entry was rewritten');
  await assert.rejects(readInput(new Uint8Array(bytes), 'liar.docx'), {
    name: 'InvalidInput',
    message: 'liar.docx expands to more than 64 MB of Word data (its entry word/document.xml passes the limit, whatever size the archive declares); an agenda expands to at most 64 MB',
  });
});

test('a Word file of too many parts is refused before any is inflated', async () => {
  const JSZip = (await import('jszip')).default;
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<Types/>');
  zip.file('word/document.xml', '<w:document/>');
  for (let i = 0; i < 4999; i++) zip.file(`word/media/p${i}.xml`, '');
  const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'STORE' });
  await assert.rejects(readInput(bytes, 'many.docx'), { name: 'InvalidInput', message: 'many.docx holds 5001 parts; a Word document holds at most 5000' });
});
