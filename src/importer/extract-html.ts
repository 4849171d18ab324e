// HTML → the agenda's text lines. Keeps headings, paragraphs, lists and table rows as lines;
// drops navigation, page chrome, scripts and forms.
import type { ChildNode, Element } from 'domhandler';
import { parseDocument } from 'htmlparser2';

const DROP = new Set(['script', 'style', 'noscript', 'template', 'nav', 'header', 'footer', 'aside', 'form', 'button', 'select', 'svg', 'iframe', 'object', 'canvas', 'head', 'dialog']);
const DROP_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'search', 'menu', 'menubar', 'complementary', 'dialog', 'alert']);
// Class or id words that saved pages use for their chrome.
const CHROME = /(?:^|[\s_-])(?:nav|navbar|navigation|menu|breadcrumbs?|site-header|site-footer|footer|header-bar|sidebar|cookies?|cookie-banner|share|social|skip-link|visually-hidden|sr-only|pager|pagination)(?:$|[\s_-])/i;
const BLOCK = new Set(['p', 'div', 'section', 'article', 'main', 'blockquote', 'pre', 'address', 'figure', 'figcaption', 'dl', 'dt', 'dd', 'ul', 'ol', 'table', 'thead', 'tbody', 'tfoot', 'caption', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'center', 'details', 'summary', 'fieldset', 'legend', 'body', 'html']);
const TIME_CELL = /^\s*\d{1,2}[:.h]\d{2}/;

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
    if (name === 'tr') {
      l.break();
      const cells = el.children.filter((c): c is Element => c.type === 'tag' && (c.name === 'td' || c.name === 'th'));
      const texts = cells.map((c) => cellText(c.children)).filter(Boolean);
      // A time in the first cell heads a slot ("10:00 - 11:30    Title"); other rows read as a sentence.
      if (texts.length) l.text(texts.join(TIME_CELL.test(texts[0]!) ? '    ' : ', '));
      l.break();
      continue;
    }
    const block = BLOCK.has(name);
    if (block) (name.startsWith('h') || name === 'p' || name === 'table' ? l.blank() : l.break());
    walk(el.children, l, emphasis === 'strong' || emphasis === 'b' ? emphasis : EMPHASIS.has(name) ? name : emphasis);
    if (block) (name.startsWith('h') || name === 'p' || name === 'table' ? l.blank() : l.break());
  }
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
