// A publication as a PDF, made in this process by pdfkit (no browser): A4, Noto Sans and Noto
// Sans Arabic embedded (subsets, from the @fontsource packages' files: nothing is fetched), a
// title page, a table of contents whose entries are links with page numbers, running heads and
// page numbers, an outline (bookmarks), the title and language in the document's metadata, and an
// index of persons, organizations and countries with the pages they appear on.
//
// Text is cut into runs by the font that has its letters: @fontsource ships Noto Sans in subsets
// (latin, latin-ext, cyrillic, greek, vietnamese…) whose Unicode ranges its unicode.json lists, and
// Noto Sans Arabic for Arabic script. fontkit shapes Arabic (joining forms, lam-alef) and lays a
// right-to-left run out in visual order; a space between two Arabic letters stays in the run, so a
// name of several words keeps its order. The text a reader extracts maps each glyph back to its
// letters (pdfkit's ToUnicode), and PDF readers put right-to-left runs back in reading order.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { paragraphs } from '../domain/text.ts';
import { markdownTokens } from './publication-html.ts';
import type { IndexEntry, PubPerson, PublicationModel, PublicationWords } from './publication-model.ts';

const require = createRequire(import.meta.url);

type Range = [number, number];
function parseRanges(spec: string): Range[] {
  return spec.split(',').map((r) => {
    const [a, b] = r.trim().replace(/^U\+/i, '').split('-');
    return [Number.parseInt(a!, 16), Number.parseInt(b ?? a!, 16)] as Range;
  });
}

type Face = { name: string; ranges: Range[]; regular: string; bold: string };
let faces: Face[] | null = null;
/** The fonts, in the order a letter is looked up: Latin first, then the other subsets, Arabic last. */
function fontFaces(): Face[] {
  if (faces) return faces;
  const latin = JSON.parse(readFileSync(require.resolve('@fontsource/noto-sans/unicode.json'), 'utf8')) as Record<string, string>;
  const arabic = JSON.parse(readFileSync(require.resolve('@fontsource/noto-sans-arabic/unicode.json'), 'utf8')) as Record<string, string>;
  const file = (pkg: string, family: string, subset: string, weight: number) => require.resolve(`@fontsource/${pkg}/files/${family}-${subset}-${weight}-normal.woff`);
  const out: Face[] = [];
  for (const subset of ['latin', 'latin-ext', 'cyrillic', 'cyrillic-ext', 'greek', 'greek-ext', 'vietnamese']) {
    if (!latin[subset]) continue;
    out.push({ name: `sans-${subset}`, ranges: parseRanges(latin[subset]), regular: file('noto-sans', 'noto-sans', subset, 400), bold: file('noto-sans', 'noto-sans', subset, 700) });
  }
  out.push({ name: 'arabic', ranges: parseRanges(arabic.arabic!), regular: file('noto-sans-arabic', 'noto-sans-arabic', 'arabic', 400), bold: file('noto-sans-arabic', 'noto-sans-arabic', 'arabic', 700) });
  faces = out;
  return out;
}

const covers = (f: Face, cp: number) => f.ranges.some(([a, b]) => cp >= a && cp <= b);

/** The text cut into runs, each with the face that has its letters. */
export function fontRuns(text: string): Array<{ face: string; text: string }> {
  const all = fontFaces();
  const chars = [...text];
  const faceOf = chars.map((ch) => {
    const cp = ch.codePointAt(0)!;
    // Latin's subset holds the spaces and punctuation: tried first, except for Arabic letters.
    const arabic = all.at(-1)!;
    if (covers(arabic, cp) && !/[\s\u0020-\u0040]/.test(ch)) return arabic.name;
    return (all.find((f) => covers(f, cp)) ?? all[0]!).name;
  });
  // A space between two Arabic letters belongs to their run (a name of several words).
  for (let i = 0; i < chars.length; i++) {
    if (!/\s/.test(chars[i]!)) continue;
    let a = i - 1;
    while (a >= 0 && /\s/.test(chars[a]!)) a--;
    let b = i + 1;
    while (b < chars.length && /\s/.test(chars[b]!)) b++;
    if (a >= 0 && b < chars.length && faceOf[a] === 'arabic' && faceOf[b] === 'arabic') faceOf[i] = 'arabic';
  }
  const runs: Array<{ face: string; text: string }> = [];
  chars.forEach((ch, i) => {
    const last = runs.at(-1);
    if (last && last.face === faceOf[i]) last.text += ch;
    else runs.push({ face: faceOf[i]!, text: ch });
  });
  return runs;
}

type Span = { text: string; bold?: boolean; link?: string; goTo?: string };
type TextOpts = { size?: number; indent?: number; gap?: number; color?: string; align?: 'left' | 'right' | 'center' };

const MARGIN = { top: 72, bottom: 72, left: 64, right: 64 };

export async function publicationPdf(m: PublicationModel, w: PublicationWords): Promise<{ bytes: Uint8Array; pages: number }> {
  const all = fontFaces();
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    autoFirstPage: false,
    lang: m.lang,
    displayTitle: true,
    pdfVersion: '1.7',
    // The default font is our own, so that no standard (unembedded) font is ever written.
    font: all[0]!.regular,
    info: {
      Title: `${m.title} (${w.edition.replace('{n}', String(m.edition))})`,
      ...(m.publisher ? { Author: m.publisher } : {}),
      Subject: m.seriesTitle,
      Keywords: [m.seriesTitle, ...m.events.map((e) => e.title)].join('; '),
      CreationDate: new Date(`${m.date}T00:00:00Z`),
      ModDate: new Date(`${m.date}T00:00:00Z`),
    },
  } as PDFKit.PDFDocumentOptions & { font: string });
  for (const f of all) {
    doc.registerFont(`${f.name}-r`, f.regular);
    doc.registerFont(`${f.name}-b`, f.bold);
  }
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });

  const pageNo = () => doc.bufferedPageRange().start + doc.bufferedPageRange().count; // 1-based number of the current page
  const bottom = () => doc.page.height - MARGIN.bottom;
  const width = () => doc.page.width - MARGIN.left - MARGIN.right;

  /** Spans on one paragraph, each cut into font runs; `continued` joins them on the line. */
  const para = (spans: Span[], o: TextOpts = {}) => {
    const size = o.size ?? 10.5;
    const pieces: Array<{ face: string; bold: boolean; text: string; link?: string; goTo?: string }> = [];
    for (const s of spans) for (const r of fontRuns(s.text)) pieces.push({ face: r.face, bold: !!s.bold, text: r.text, ...(s.link ? { link: s.link } : {}), ...(s.goTo ? { goTo: s.goTo } : {}) });
    if (!pieces.length) return;
    doc.fillColor(o.color ?? '#1a1a1a');
    if (pieces.some((p) => p.face === 'arabic')) {
      mixedLines(pieces, size, o);
      doc.moveDown(o.gap ?? 0.4);
      return;
    }
    pieces.forEach((p, i) => {
      doc.font(`${p.face}-${p.bold ? 'b' : 'r'}`).fontSize(size);
      const last = i === pieces.length - 1;
      const opts: PDFKit.Mixins.TextOptions = { continued: !last, width: width() - (o.indent ?? 0), align: o.align ?? 'left', lineGap: 2 };
      if (p.link) Object.assign(opts, { link: p.link, underline: true });
      if (p.goTo) Object.assign(opts, { goTo: p.goTo });
      if (i === 0) doc.text(p.text, MARGIN.left + (o.indent ?? 0), doc.y, opts);
      else doc.text(p.text, opts);
    });
    doc.moveDown(o.gap ?? 0.4);
  };

  /**
   * A paragraph with right-to-left runs, laid out here: each Arabic run stays whole on its line and
   * is drawn as one piece, its glyphs in the visual order fontkit lays them out, space glyphs
   * included, so that a PDF reader puts the run back in reading order with its spaces. fontkit's
   * glyph composition (the font's `ccmp`) is left off for Arabic: Noto Sans Arabic decomposes
   * letters into a dotless form and its dots, and pdf.js then split the run at the dots, dropped the
   * spaces between words and gave the words backwards. Drawing each word on its own, in reading
   * order, kept the words' order but not their spaces (pdf.js places spaces by the left-to-right advance).
   */
  const ARABIC_FEATURES = { ccmp: false } as unknown as PDFKit.Mixins.TextOptions['features'];
  const mixedLines = (pieces: Array<{ face: string; bold: boolean; text: string; link?: string; goTo?: string }>, size: number, o: TextOpts) => {
    type Token = { face: string; bold: boolean; text: string; link?: string; goTo?: string; width: number };
    const featuresOf = (face: string) => (face === 'arabic' ? { features: ARABIC_FEATURES } : {});
    const measure = (t: Omit<Token, 'width'>) => {
      doc.font(`${t.face}-${t.bold ? 'b' : 'r'}`).fontSize(size);
      return doc.widthOfString(t.text, featuresOf(t.face));
    };
    const tokens: Token[] = [];
    for (const p of pieces) {
      const parts = p.face === 'arabic' ? [p.text] : p.text.split(/(?<= )/);
      for (const text of parts) if (text) tokens.push({ ...p, text, width: measure({ ...p, text }) });
    }
    const left = MARGIN.left + (o.indent ?? 0);
    const max = width() - (o.indent ?? 0);
    const lines: Token[][] = [[]];
    let used = 0;
    for (const t of tokens) {
      const line = lines.at(-1)!;
      if (line.length && used + t.width > max && t.text.trim()) {
        lines.push([t]);
        used = t.width;
      } else {
        line.push(t);
        used += t.width;
      }
    }
    for (const line of lines) {
      doc.font(`${line[0]!.face}-r`).fontSize(size);
      const h = doc.currentLineHeight(true) + 2;
      if (doc.y + h > bottom()) doc.addPage();
      const y = doc.y;
      let x = left;
      for (const t of line) {
        doc.font(`${t.face}-${t.bold ? 'b' : 'r'}`).fontSize(size);
        const opts: PDFKit.Mixins.TextOptions = { lineBreak: false, ...(t.link ? { link: t.link } : {}), ...(t.goTo ? { goTo: t.goTo } : {}) };
        doc.text(t.text, x, y, { ...opts, ...featuresOf(t.face) });
        x += t.width;
      }
      doc.x = left;
      doc.y = y + h;
    }
  };

  const pages = new Map<string, number>();
  const mark = (anchor: string) => {
    doc.addNamedDestination(anchor, 'XYZ', MARGIN.left, doc.page.height - doc.y, 0);
    pages.set(anchor, pageNo());
  };
  const room = (need: number) => {
    if (doc.y + need > bottom()) doc.addPage();
  };
  const heading = (text: string, level: 1 | 2 | 3 | 4, anchor?: string) => {
    const size = ({ 1: 18, 2: 14, 3: 12, 4: 11 } as const)[level];
    if (level === 1) doc.addPage();
    else {
      doc.moveDown(0.6);
      room(size * 5);
    }
    if (anchor) mark(anchor);
    para([{ text, bold: true }], { size, gap: 0.3 });
  };

  // Title page.
  doc.addPage();
  doc.y = 220;
  para([{ text: m.title, bold: true }], { size: 26, gap: 0.6 });
  if (m.subtitle) para([{ text: m.subtitle }], { size: 15, gap: 1 });
  para([{ text: m.seriesTitle }], { size: 12 });
  if (m.publisher) para([{ text: w.publishedBy.replace('{publisher}', m.publisher) }], { size: 12 });
  para([{ text: `${w.edition.replace('{n}', String(m.edition))} · ${m.dateText}` }], { size: 12 });
  para([{ text: m.url, link: m.url }], { size: 10, color: '#0b57a4' });

  // The contents: its pages are kept now and written at the end, when every page number is known.
  type TocEntry = { label: string; anchor: string; depth: number };
  const toc: TocEntry[] = [];
  if (m.foreword.length) toc.push({ label: w.foreword, anchor: 'foreword', depth: 0 });
  if (m.summary.length) toc.push({ label: w.summary, anchor: 'summary', depth: 0 });
  for (const e of m.events) {
    toc.push({ label: e.title, anchor: e.anchor, depth: 0 });
    for (const d of e.days) toc.push({ label: d.heading, anchor: d.anchor, depth: 1 });
    if (e.documents.length) toc.push({ label: w.documents, anchor: `${e.anchor}-documents`, depth: 1 });
  }
  toc.push({ label: w.index, anchor: 'index', depth: 0 });
  if (m.appendix) toc.push({ label: `${w.appendix}: ${m.appendix.title}`, anchor: 'appendix', depth: 0 });
  const TOC_LINES = 30;
  const tocPages: number[] = [];
  for (let i = 0; i < Math.ceil(toc.length / TOC_LINES); i++) {
    doc.addPage();
    tocPages.push(pageNo());
  }
  doc.outline.addItem(w.contents);

  const markdown = (text: string) => {
    for (const tok of walkMarkdown(text)) {
      if (tok.kind === 'heading') {
        doc.moveDown(0.3);
        para(tok.spans.map((s) => ({ ...s, bold: true })), { size: 12 });
      } else para(tok.spans, { indent: tok.indent });
    }
  };

  // The editors' texts in each language written, each under its language's name when there are several.
  for (const [anchor, label, versions] of [['foreword', w.foreword, m.foreword], ['summary', w.summary, m.summary]] as const) {
    if (!versions.length) continue;
    heading(label, 1, anchor);
    doc.outline.addItem(label);
    for (const v of versions) {
      if (versions.length > 1) heading(w.languages[v.lang] ?? v.lang, 2, `${anchor}-${v.lang}`);
      markdown(v.text);
    }
  }

  const person = (p: PubPerson) => {
    room(30);
    mark(p.anchor);
    const name = [p.honorific, p.name].filter(Boolean).join(' ');
    const spans: Span[] = [];
    if (p.roleLabel) spans.push({ text: `${p.roleLabel}: ` });
    spans.push({ text: name, bold: true });
    if (p.affiliation) spans.push({ text: `, ${p.affiliation}` });
    if (p.talkTitle) spans.push({ text: ` — ${p.talkTitle}` });
    para(spans, { indent: 12, gap: 0.2 });
    for (const s of p.statements) {
      para([{ text: `${s.excerpt ? w.excerpt : w.statement}: ${s.label}`, bold: true }], { indent: 24, size: 9.5, gap: 0.1 });
      for (const chunk of paragraphs(s.text)) para([{ text: chunk.replace(/\s*\n\s*/g, ' ') }], { indent: 24, size: 9.5, gap: 0.3 });
    }
  };

  for (const e of m.events) {
    heading(e.title, 1, e.anchor);
    const item = doc.outline.addItem(e.title);
    para([{ text: e.dates + (e.place ? ` · ${e.place}` : '') }], { color: '#3a3a3a' });
    para([{ text: `${w.madeFrom.replace('{n}', String(e.release))} ` }, { text: e.url, link: e.url }], { size: 9, color: '#3a3a3a' });
    if (e.overview) {
      heading(w.overview, 2);
      for (const p of paragraphs(e.overview)) para([{ text: p }]);
    }
    if (e.themes.length) {
      heading(w.themes, 2);
      for (const t of e.themes) para([{ text: `• ${t}` }], { indent: 8, gap: 0.15 });
    }
    heading(w.programme, 2);
    for (const d of e.days) {
      heading(d.heading, 3, d.anchor);
      item.addItem(d.heading);
      for (const s of d.sessions) {
        room(60);
        mark(s.anchor);
        para([{ text: `${s.time ? `${s.time}  ` : ''}${s.heading}`, bold: true }], { size: 11, gap: 0.2 });
        if (s.moderators.length) {
          para([{ text: w.moderators }], { size: 9.5, color: '#3a3a3a', gap: 0.1 });
          s.moderators.forEach(person);
        }
        if (s.speakers.length) {
          para([{ text: w.speakers }], { size: 9.5, color: '#3a3a3a', gap: 0.1 });
          s.speakers.forEach(person);
        }
        doc.moveDown(0.4);
      }
    }
    if (e.documents.length) {
      heading(w.documents, 2, `${e.anchor}-documents`);
      item.addItem(w.documents);
      for (const d of e.documents) para([{ text: `• ${d.label} ` }, { text: d.url, link: d.url }], { indent: 8, gap: 0.15 });
    }
  }

  // The index: each name with the pages of its appearances (links to them).
  heading(w.index, 1, 'index');
  doc.outline.addItem(w.index);
  const indexPart = (title: string, entries: IndexEntry[]) => {
    heading(title, 2);
    for (const e of entries) {
      const seen = new Set<number>();
      const refs: Span[] = [];
      for (const r of e.refs) {
        const n = pages.get(r.anchor);
        if (n === undefined || seen.has(n)) continue;
        seen.add(n);
        if (refs.length) refs.push({ text: ', ' });
        refs.push({ text: String(n), goTo: r.anchor });
      }
      room(16);
      para([{ text: `${e.name}  ` }, ...refs], { size: 9.5, gap: 0.1 });
    }
  };
  indexPart(w.persons, m.index.persons);
  indexPart(w.organizations, m.index.organizations);
  indexPart(w.countries, m.index.countries);

  if (m.appendix) {
    heading(`${w.appendix}: ${m.appendix.title}`, 1, 'appendix');
    doc.outline.addItem(`${w.appendix}: ${m.appendix.title}`);
    for (const t of m.appendix.pdf) {
      heading(t.heading, 2);
      para([{ text: t.columns.join(' · '), bold: true }], { size: 9.5, gap: 0.1 });
      for (const r of t.rows) para([{ text: r.join(' · ') }], { size: 9.5, gap: 0.1 });
    }
  }

  // The contents, now that the pages are known.
  toc.forEach((entry, i) => {
    const page = tocPages[Math.floor(i / TOC_LINES)]!;
    doc.switchToPage(page - 1);
    if (i % TOC_LINES === 0) {
      doc.y = MARGIN.top;
      if (i === 0) {
        mark('contents');
        para([{ text: w.contents, bold: true }], { size: 18, gap: 0.5 });
      }
    }
    const n = pages.get(entry.anchor);
    const y = doc.y;
    para([{ text: entry.label, goTo: entry.anchor, ...(entry.depth === 0 ? { bold: true } : {}) }], { indent: entry.depth * 14, size: 10.5, gap: 0 });
    const after = doc.y;
    if (n !== undefined) {
      doc.font('sans-latin-r').fontSize(10.5).text(String(n), MARGIN.left, y, { width: width(), align: 'right', goTo: entry.anchor, lineBreak: false });
    }
    doc.y = after + 4;
  });

  // Running heads and page numbers on every page but the title page.
  const range = doc.bufferedPageRange();
  for (let i = range.start + 1; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const keep = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const head = `${m.title} · ${w.edition.replace('{n}', String(m.edition))}`;
    doc.y = 36;
    const runs = fontRuns(head);
    runs.forEach((r, k) => {
      doc.font(`${r.face}-r`).fontSize(8.5).fillColor('#3a3a3a');
      if (k === 0) doc.text(r.text, MARGIN.left, 36, { continued: k < runs.length - 1, width: width(), lineBreak: false, height: 12 });
      else doc.text(r.text, { continued: k < runs.length - 1, lineBreak: false });
    });
    doc.font('sans-latin-r').fontSize(8.5).fillColor('#3a3a3a').text(w.page.replace('{n}', String(i + 1)), MARGIN.left, doc.page.height - 48, { width: width(), align: 'center', lineBreak: false });
    doc.page.margins.bottom = keep;
  }
  const count = range.count;
  // A glyph that stands for no letter of its own (Noto Sans Arabic draws ب as a dotless beh and a
  // dot below, the dot mapped to nothing) is given a zero-width space in the text readers extract,
  // which they drop; an empty mapping made pdf.js put out a control character inside the word.
  for (const font of Object.values((doc as unknown as { _fontFamilies: Record<string, { unicode?: number[][] }> })._fontFamilies)) {
    if (font.unicode) font.unicode = font.unicode.map((u) => (u && u.length === 0 ? [0x200b] : u));
  }
  doc.end();
  await done;
  return { bytes: new Uint8Array(Buffer.concat(chunks)), pages: count };
}

type Block = { kind: 'heading' | 'para'; spans: Span[]; indent: number };

/** Markdown (markdown-it's tokens) as paragraphs of spans: headings, paragraphs, list items, strong, links. */
function walkMarkdown(text: string): Block[] {
  const out: Block[] = [];
  let depth = 0;
  const bullets: Array<{ ordered: boolean; n: number }> = [];
  let pending: string | null = null;
  let kind: Block['kind'] = 'para';
  for (const t of markdownTokens(text)) {
    if (t.type === 'bullet_list_open' || t.type === 'ordered_list_open') {
      bullets.push({ ordered: t.type === 'ordered_list_open', n: Number(t.attrGet('start') ?? 1) });
      depth++;
    } else if (t.type === 'bullet_list_close' || t.type === 'ordered_list_close') {
      bullets.pop();
      depth--;
    } else if (t.type === 'list_item_open') {
      const b = bullets.at(-1)!;
      pending = b.ordered ? `${b.n++}. ` : '• ';
    } else if (t.type === 'heading_open') kind = 'heading';
    else if (t.type === 'heading_close') kind = 'para';
    else if (t.type === 'inline') {
      const spans: Span[] = pending ? [{ text: pending }] : [];
      pending = null;
      let bold = false;
      let link: string | undefined;
      for (const c of t.children ?? []) {
        if (c.type === 'strong_open') bold = true;
        else if (c.type === 'strong_close') bold = false;
        else if (c.type === 'link_open') link = String(c.attrGet('href') ?? '') || undefined;
        else if (c.type === 'link_close') link = undefined;
        else if (c.type === 'softbreak' || c.type === 'hardbreak') spans.push({ text: ' ' });
        else if (c.type === 'text' || c.type === 'code_inline') spans.push({ text: c.content, ...(bold ? { bold } : {}), ...(link ? { link } : {}) });
      }
      out.push({ kind, spans, indent: depth * 12 });
    }
  }
  return out;
}
