// HTML → the agenda's text lines. Keeps headings, paragraphs, lists and table rows as lines;
// drops navigation, page chrome, scripts and forms.
import type { ChildNode, Element } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import { readTimeSlot } from './times.ts';

const DROP = new Set(['script', 'style', 'noscript', 'template', 'nav', 'header', 'footer', 'aside', 'form', 'button', 'select', 'svg', 'iframe', 'object', 'canvas', 'head', 'dialog']);
const DROP_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'search', 'menu', 'menubar', 'complementary', 'dialog', 'alert']);
// Class or id words that saved pages use for their chrome.
const CHROME = /(?:^|[\s_-])(?:nav|navbar|navigation|menu|breadcrumbs?|site-header|site-footer|footer|header-bar|sidebar|cookies?|cookie-banner|share|social|skip-link|visually-hidden|sr-only|pager|pagination)(?:$|[\s_-])/i;
const BLOCK = new Set(['p', 'div', 'section', 'article', 'main', 'blockquote', 'pre', 'address', 'figure', 'figcaption', 'dl', 'dt', 'dd', 'ul', 'ol', 'table', 'thead', 'tbody', 'tfoot', 'caption', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'center', 'details', 'summary', 'fieldset', 'legend', 'body', 'html']);
const TIME_CELL = /^\s*\d{1,2}[:.h]\d{2}/;
/** A cell that starts with a clock time, or is one ("0800 – 0830", "9 am", "14h"). */
function isTimeCell(text: string): boolean {
  return TIME_CELL.test(text) || readTimeSlot(text)?.rest === '';
}

function isChrome(el: Element): boolean {
  if (DROP.has(el.name)) return true;
  const role = el.attribs.role?.toLowerCase();
  if (role && DROP_ROLES.has(role)) return true;
  if (el.attribs.hidden !== undefined || el.attribs['aria-hidden'] === 'true') return true;
  const cls = `${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`;
  return cls.trim() !== '' && CHROME.test(cls);
}

// Type that sets a line apart: bold, strong, and (for short lines) italics.
const EMPHASIS = new Set(['strong', 'b', 'em', 'i']);
// A line set wholly in bold is a strong heading signal; it reaches the parser as "**text**" (after any bullet).
const MAX_EMPHASIZED = 150;

class Lines {
  out: string[] = [];
  private cur = '';
  private emphasized = false;
  private plain = false;
  private bold = false;
  constructor(private readonly mark = false) {}
  text(s: string, emphasis: string | null = null) {
    this.cur += s;
    if (!/\S/.test(s)) return;
    if (emphasis === null) this.plain = true;
    else { this.emphasized = true; if (emphasis === 'strong' || emphasis === 'b') this.bold = true; }
  }
  /** Layout added by the reader (a list's bullet): it neither makes nor breaks a line's emphasis. */
  neutral(s: string) {
    this.cur += s;
  }
  break() {
    let line = this.cur.replace(/[ \t\r\n\f]+/g, ' ').trim();
    if (line && this.mark && this.emphasized && !this.plain && !line.includes('*')) {
      const bullet = /^• /.exec(line)?.[0] ?? '';
      const body = line.slice(bullet.length);
      if (body.length <= (this.bold ? MAX_EMPHASIZED : 100)) line = `${bullet}**${body}**`;
    }
    if (line) this.out.push(line);
    this.cur = '';
    this.emphasized = this.plain = this.bold = false;
  }
  blank() {
    this.break();
    if (this.out.length && this.out[this.out.length - 1] !== '') this.out.push('');
  }
  prefix(s: string) {
    this.cur = s + this.cur;
  }
}

function cellText(nodes: ChildNode[]): string {
  const l = new Lines();
  walk(nodes, l);
  l.break();
  return l.out.filter(Boolean).join(' ');
}

function walk(nodes: ChildNode[], l: Lines, emphasis: string | null = null): void {
  for (const node of nodes) {
    if (node.type === 'text') {
      l.text((node as unknown as { data: string }).data, emphasis);
      continue;
    }
    if (node.type !== 'tag' && node.type !== 'script' && node.type !== 'style') continue;
    const el = node as Element;
    if (isChrome(el)) continue;
    const name = el.name;
    if (name === 'br') {
      l.break();
      continue;
    }
    if (name === 'li') {
      l.break();
      l.neutral('• ');
      walk(el.children, l, emphasis);
      l.break();
      continue;
    }
    if (name === 'table' && readTable(el, l)) continue;
    if (name === 'tr') {
      l.break();
      const cells = el.children.filter((c): c is Element => c.type === 'tag' && (c.name === 'td' || c.name === 'th'));
      const texts = cells.map((c) => cellText(c.children)).filter(Boolean);
      // A time in the first cell heads a slot: the time and the next cell's first line make the slot's line, and
      // every other line of the cells (people in paragraphs, a list, the next cell) is a line of its own. Other rows
      // read as a sentence.
      // A cell of punctuation only ("0800 – 0830 | : | Registration") is layout, not content.
      const parts = cells.map((c) => cellLines(c.children)).filter((x) => x.length > 0 && !/^[\s:|–—.-]*$/.test(x.join('')));
      if (texts.length > 1 && isTimeCell(texts[0]!)) {
        const [time, title = [], ...rest] = parts;
        l.text([time!.join(' '), title[0] ?? ''].join(' ').trim());
        l.break();
        for (const x of [...title.slice(1), ...rest.flat()]) { l.text(x); l.break(); }
        continue;
      }
      if (texts.length) l.text(texts.join(', '));
      l.break();
      continue;
    }
    const block = BLOCK.has(name);
    if (block) (name.startsWith('h') || name === 'p' || name === 'table' ? l.blank() : l.break());
    walk(el.children, l, emphasis === 'strong' || emphasis === 'b' ? emphasis : EMPHASIS.has(name) ? name : emphasis);
    if (block) (name.startsWith('h') || name === 'p' || name === 'table' ? l.blank() : l.break());
  }
}

// What a table's column holds, from its header cell: "Time", "Session", "Speakers", "Moderator", "Venue".
type Column = 'time' | 'title' | 'speakers' | 'moderators' | 'other';
const TIME_HEAD = /^(?:time|times|hour|hours|heure|heures|horaire|horaires|hora|horas|horario|schedule|when|start|début|inicio)$/;
const TITLE_HEAD = /^(?:session|sessions|topic|topics|title|titre|título|programme|program|programa|agenda|agenda item|item|items|activity|activities|activité|activités|actividad|actividades|theme|thème|tema|event|événement|evento|séance|sesión|panel|description|details|subject|sujet|asunto)$/;
const SPEAKER_HEAD = /^(?:speakers?|speaker\(s\)|presenters?|presenter\(s\)|panell?ists?|participants|resource persons?|intervenants?|intervenant\(e\)s|orateurs?|conférenciers?|ponentes?|oradores?|panelistas?|expositores?|who|people|led by|presented by|responsible|responsable|responsables|lead|leads)$/;
const MODERATOR_HEAD = /^(?:moderators?|moderator\(s\)|chairs?|chair\(s\)|chairpersons?|co-chairs|facilitators?|facilitator\(s\)|host|hosts|modérateurs?|modératrices?|animateurs?|animatrices?|président(?:e)? de séance|moderador(?:a|es|as)?|facilitador(?:a|es)?)$/;

function columnOf(head: string): Column | null {
  if (head.length > 60) return null;
  const h = head.toLowerCase().replace(/\s+/g, ' ').trim().replace(/[:*]$/, '').trim();
  if (TIME_HEAD.test(h)) return 'time';
  if (TITLE_HEAD.test(h)) return 'title';
  if (SPEAKER_HEAD.test(h)) return 'speakers';
  if (MODERATOR_HEAD.test(h)) return 'moderators';
  if (/^(?:venue|room|location|place|salle|lieu|sala|lugar|format|language|langue|idioma|notes?|remarks|documents?|materials?)$/.test(h)) return 'other';
  return null;
}

/** A cell's own lines: its paragraphs, line breaks and list items, each as one line (no emphasis marks). */
function cellLines(nodes: ChildNode[]): string[] {
  const l = new Lines();
  walk(nodes, l);
  l.break();
  return l.out.filter((x) => x !== '');
}

function rowsOf(el: Element): Element[] {
  const rows: Element[] = [];
  for (const c of el.children) {
    if (c.type !== 'tag') continue;
    const e = c as Element;
    if (e.name === 'tr') rows.push(e);
    else if (e.name === 'thead' || e.name === 'tbody' || e.name === 'tfoot') rows.push(...rowsOf(e));
  }
  return rows;
}

/**
 * A table read as rows × columns when a header row names its columns (Time, Session, Speakers, Moderator): each
 * row becomes the time and title on one line, then "Moderator:" and "Speakers:" with one person a line, so the
 * parser reads the people of a column in that column's role. Tables without such a header are left to the rows.
 */
function readTable(el: Element, l: Lines): boolean {
  const rows = rowsOf(el);
  const cellsOf = (tr: Element): Element[] => tr.children.filter((c): c is Element => c.type === 'tag' && (c.name === 'td' || c.name === 'th'));
  const headAt = rows.findIndex((tr) => {
    const cells = cellsOf(tr);
    return cells.length >= 2 && cells.every((c) => { const t = cellText(c.children); return t === '' || columnOf(t) !== null; }) &&
      cells.filter((c) => columnOf(cellText(c.children)) !== null).length >= 2;
  });
  if (headAt < 0 || headAt > 2) return false;
  const columns: Array<Column | null> = [];
  for (const c of cellsOf(rows[headAt]!)) {
    const span = Math.min(Math.max(Number(c.attribs.colspan ?? 1) || 1, 1), 20);
    for (let k = 0; k < span; k++) columns.push(columnOf(cellText(c.children)));
  }
  if (!columns.includes('speakers') && !columns.includes('moderators') && !columns.includes('title')) return false;
  l.blank();
  for (const tr of rows.slice(0, headAt)) { const t = cellText(tr.children); if (t !== '') { l.text(t); l.break(); } }
  for (const tr of rows.slice(headAt + 1)) {
    const byColumn: Record<Column, string[]> = { time: [], title: [], speakers: [], moderators: [], other: [] };
    let at = 0;
    for (const c of cellsOf(tr)) {
      const span = Math.min(Math.max(Number(c.attribs.colspan ?? 1) || 1, 1), 20);
      // A cell that spans several columns ("Coffee break" across the row) is the row's title.
      const kind = span > 1 && columns[at] !== 'time' ? 'title' : columns[at] ?? 'other';
      byColumn[kind].push(...cellLines(c.children));
      at += span;
    }
    const head = [byColumn.time.join(' '), byColumn.title[0] ?? ''].filter((x) => x !== '').join(' ');
    if (head !== '') { l.text(head); l.break(); }
    for (const x of byColumn.title.slice(1)) { l.text(x); l.break(); }
    if (byColumn.moderators.length > 0) { l.text('Moderator:'); l.break(); }
    for (const x of byColumn.moderators) { l.text(x); l.break(); }
    if (byColumn.speakers.length > 0) { l.text('Speakers:'); l.break(); }
    for (const x of byColumn.speakers) { l.text(x); l.break(); }
    for (const x of byColumn.other) { l.text(x); l.break(); }
    l.blank();
  }
  return true;
}

function findMain(nodes: ChildNode[]): Element | null {
  for (const node of nodes) {
    if (node.type !== 'tag') continue;
    const el = node as Element;
    if (el.name === 'main' || el.attribs.role === 'main') return el;
    const inner = findMain(el.children);
    if (inner) return inner;
  }
  return null;
}

export function htmlToText(html: string): string {
  const doc = parseDocument(html, { decodeEntities: true, lowerCaseTags: true });
  const main = findMain(doc.children);
  const lines = new Lines(true);
  walk(main ? [main] : doc.children, lines);
  lines.break();
  // When <main> holds too little, the page did not use it for its content: read the whole body.
  if (main && lines.out.filter(Boolean).length < 3) {
    const all = new Lines(true);
    walk(doc.children, all);
    all.break();
    return all.out.join('\n').trim();
  }
  return lines.out.join('\n').trim();
}
