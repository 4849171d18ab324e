// The PDF reader's own process (forked by extract-pdf.ts through child-reader.ts): pdf.js
// (through unpdf) parses the bytes it is sent and answers with the positioned text runs of each
// page. A PDF can hold streams that expand to gigabytes, in ways no scan of the bytes catches
// (nested or abbreviated filters, LZW, encryption), and pdf.js's buffers live outside the
// JavaScript heap; in a process of its own the parent can watch its memory and time, and stop it.
// Plain JavaScript, so that it starts without the TypeScript loader.
import { getDocumentProxy } from 'unpdf';

/**
 * Structure elements that hold one block of text in a tagged PDF (ISO 32000 §14.8.4): a
 * paragraph, a heading, a list item, a table cell. Chromium, Word and LibreOffice (when asked)
 * write them; the lines of one such element are one paragraph, whatever their positions say.
 */
const BLOCK_ROLES = new Set(['P', 'H', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'LI', 'TD', 'TH', 'Caption', 'Title', 'TOCI', 'Note']);
/** @param {string} role @returns {'para' | 'item' | 'cell'} */
const kindOf = (role) => (role === 'LI' || role === 'TOCI' ? 'item' : role === 'TD' || role === 'TH' ? 'cell' : 'para');
/**
 * `continued`: a list item whose label (Lbl) has no content on this page while its body has: it
 * began on the page before (a page's structure tree still names the label, empty), so its first
 * line here goes on from there; it is no new item. An item written with no label at all is not.
 * @typedef {{ block: number, kind: 'para' | 'item' | 'cell', continued?: boolean, label?: 'empty' | 'here', body?: boolean }} Owner
 */

/**
 * Marked-content id → the block element it belongs to, numbered in the page's order, and
 * what kind of block it is.
 * @param {any} root
 * @returns {Map<string, Owner>}
 */
function blocksOf(root) {
  /** @type {Map<string, Owner>} */
  const out = new Map();
  let next = 0;
  /** @type {Array<[any, Owner | null, boolean]>} */
  const stack = [[root, null, false]];
  // Depth-first in document order, without recursion (a crafted tree may be deep).
  while (stack.length) {
    const [node, owner, inLabel] = /** @type {[any, Owner | null, boolean]} */ (stack.pop());
    if (!node || typeof node !== 'object') continue;
    if (node.type === 'content' && typeof node.id === 'string') {
      if (owner) out.set(node.id, owner);
      if (owner?.kind === 'item') {
        if (inLabel) owner.label = 'here';
        else owner.body = true;
      }
      continue;
    }
    const mine = typeof node.role === 'string' && BLOCK_ROLES.has(node.role) ? { block: next++, kind: kindOf(node.role) } : owner;
    const label = node.role === 'Lbl';
    if (label && mine?.kind === 'item' && mine.label === undefined) mine.label = 'empty';
    const children = Array.isArray(node.children) ? node.children : [];
    for (let i = children.length - 1; i >= 0; i--) stack.push([children[i], mine, inLabel || label]);
  }
  for (const o of out.values()) if (o.kind === 'item') o.continued = o.body === true && o.label === 'empty';
  return out;
}

/** @param {any} page */
async function pageItems(page) {
  const content = await page.getTextContent({ includeMarkedContent: true });
  /** @type {Map<string, Owner>} */
  let blocks = new Map();
  try {
    const tree = await page.getStructTree();
    if (tree) blocks = blocksOf(tree);
  } catch {
    // An untagged or broken structure tree: the positions alone are read.
  }
  /** @type {Array<{ tag: string, id: string | null }>} */
  const marks = [];
  /** @type {Array<{ str: string, x: number, y: number, width: number, fontSize: number, block: number | null, kind: 'para' | 'item' | 'cell' | null, continued?: boolean }>} */
  const out = [];
  for (const i of content.items) {
    if (i.type === 'beginMarkedContent' || i.type === 'beginMarkedContentProps') {
      marks.push({ tag: String(i.tag ?? ''), id: typeof i.id === 'string' ? i.id : null });
      continue;
    }
    if (i.type === 'endMarkedContent') {
      marks.pop();
      continue;
    }
    if (typeof i.str !== 'string') continue;
    // Running headers and footers (a browser's date, title, address and page numbers) are
    // marked as artifacts: not part of the document.
    if (marks.some((m) => m.tag === 'Artifact')) continue;
    let owner = null;
    for (let k = marks.length - 1; k >= 0 && !owner; k--) {
      const id = marks[k].id;
      if (id !== null) owner = blocks.get(id) ?? null;
    }
    const [, , c, d, e, f] = i.transform;
    out.push({ str: i.str, x: e, y: f, width: i.width, fontSize: Math.hypot(c, d), block: owner ? owner.block : null, kind: owner ? owner.kind : null, ...(owner?.continued ? { continued: true } : {}) });
  }
  return out;
}

process.once('message', async (/** @type {{ bytes: Uint8Array }} */ msg) => {
  /** @type {{ ok: true, result: Array<Awaited<ReturnType<typeof pageItems>>> } | { ok: false, invalid: false, message: string }} */
  let answer;
  try {
    // The bytes may arrive as a Buffer (they do when the parent read a file): pdf.js refuses
    // those, so they are viewed as a plain Uint8Array over the same memory.
    const bytes = new Uint8Array(msg.bytes.buffer, msg.bytes.byteOffset, msg.bytes.byteLength);
    const pdf = await getDocumentProxy(bytes);
    const pages = [];
    for (let n = 1; n <= pdf.numPages; n++) pages.push(await pageItems(await pdf.getPage(n)));
    answer = { ok: true, result: pages };
  } catch (e) {
    answer = { ok: false, invalid: false, message: e instanceof Error ? e.message : String(e) };
  }
  process.send?.(answer, () => process.exit(0));
});
