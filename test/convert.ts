// Makes the other formats of an agenda page from its text with real libraries (docx, pdfkit),
// as an organizer's tools would: used by the format tests and the import benchmark.
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph } from 'docx';
import PDFDocument from 'pdfkit';

export type Block = { kind: 'heading' | 'para' | 'bullet'; text: string };

const BULLET = /^\s*•\s*/;
const HEADING = /^(?:agenda|overview|day\s+\w+\s+[–-].*)$/i;

export function blocks(text: string): Block[] {
  return text
    .split('\n')
    .map((l) => l.replace(/\u00a0/g, ' ').trim())
    .filter((l) => l !== '')
    .map((l) => (BULLET.test(l) ? { kind: 'bullet', text: l.replace(BULLET, '') } : HEADING.test(l) ? { kind: 'heading', text: l } : { kind: 'para', text: l }));
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function toHtml(bs: Block[]): string {
  const body: string[] = [];
  for (const [i, b] of bs.entries()) {
    if (b.kind === 'bullet') {
      if (bs[i - 1]?.kind !== 'bullet') body.push('<ul>');
      body.push(`<li>${esc(b.text)}</li>`);
      if (bs[i + 1]?.kind !== 'bullet') body.push('</ul>');
    } else body.push(b.kind === 'heading' ? `<h2>${esc(b.text)}</h2>` : `<p>${esc(b.text)}</p>`);
  }
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>IDM</title><style>p{margin:0}</style><script>var x = "<p>Not agenda</p>";</script></head>
<body><header class="site-header"><a href="/">Home</a></header>
<nav><ul><li>About IOM</li><li>Where we work</li><li>10:00 - 11:00 Menu item</li></ul></nav>
<div class="breadcrumb">Home / Events</div>
<main>${body.join('\n')}</main>
<footer><p>Contact us · Privacy</p></footer></body></html>`;
}

export async function toDocx(bs: Block[]): Promise<Uint8Array> {
  const children = bs.map((b) =>
    b.kind === 'bullet'
      ? new Paragraph({ text: b.text, bullet: { level: 0 } })
      : b.kind === 'heading'
        ? new Paragraph({ text: b.text, heading: HeadingLevel.HEADING_2 })
        : new Paragraph({ text: b.text, alignment: AlignmentType.LEFT }),
  );
  return new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children }] })));
}

/** `spaced` puts room between paragraphs; without it only the line wrapping tells paragraphs apart. */
export function toPdf(bs: Block[], spaced: boolean): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: 'IDM 2017' } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
    doc.font('Helvetica').fontSize(10);
    for (const b of bs) {
      const gap = spaced ? 0.3 : 0;
      if (b.kind === 'heading') doc.moveDown(gap).font('Helvetica-Bold').fontSize(spaced ? 13 : 10).text(b.text).font('Helvetica').fontSize(10).moveDown(gap);
      else if (b.kind === 'bullet') doc.text(`•  ${b.text}`);
      else doc.moveDown(gap).text(b.text).moveDown(gap);
    }
    doc.end();
  });
}

