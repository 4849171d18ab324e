// A publication as one accessible HTML document (no script, its style inline): headings in order,
// a table of contents of links, landmarks, each name in <bdi> so that Arabic and Latin text keep
// their order, and an index whose references are links to the appearances' anchors. Every value
// from the records is escaped here; the editors' texts are Markdown rendered by markdown-it with
// raw HTML off (so a typed <script> stays text) and only http(s)/mailto links.
import MarkdownIt from 'markdown-it';
import { paragraphs } from '../domain/text.ts';
import { textDirection } from '../domain/translations.ts';
import type { IndexEntry, PubPerson, PubText, PublicationModel, PublicationWords } from './publication-model.ts';

const md = new MarkdownIt({ html: false, linkify: false, typographer: false });
// markdown-it already refuses javascript:, vbscript:, file: and most data: links; allow fewer still.
md.validateLink = (url: string) => /^(https?:|mailto:|#)/i.test(url.trim());

/** Editors' Markdown as safe HTML (raw HTML is shown as text). */
export function markdownHtml(text: string): string {
  return md.render(text);
}

/** The Markdown's tokens, for the PDF (paragraphs, headings, lists, emphasis, links). */
export function markdownTokens(text: string) {
  return md.parse(text, {});
}

export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
const bdi = (s: string) => `<bdi>${esc(s)}</bdi>`;
const fill = (s: string, vars: Record<string, string | number>) => s.replace(/\{(\w+)\}/g, (_, k) => String(vars[k] ?? ''));

/** The style of the document; the edition page inlines it too (its hash is allowed by the CSP). */
export const PUBLICATION_CSS = `
.pub{font-family:"Noto Sans",system-ui,sans-serif;line-height:1.5;max-width:48rem;margin:0 auto;padding:1rem;color:#1a1a1a;background:#fff}
.pub h1{font-size:2rem;margin:.5rem 0}.pub h2{font-size:1.5rem;margin-top:2.5rem;border-bottom:1px solid #767676}.pub h3{font-size:1.25rem;margin-top:2rem}.pub h4{font-size:1.1rem;margin:1.5rem 0 .5rem}
.pub a{color:#0b57a4}.pub .titlepage{border-bottom:2px solid #1a1a1a;padding-bottom:1rem}.pub .meta{color:#3a3a3a}
.pub .person{margin:.25rem 0}.pub .statement{border-left:3px solid #767676;padding-left:1rem;margin:.5rem 0 1rem;white-space:pre-line}
.pub .toc ol{list-style:none;padding-left:1rem}.pub .index li{margin:.15rem 0}.pub .time{font-variant-numeric:tabular-nums}
`;

function person(p: PubPerson, w: PublicationWords): string {
  const name = [p.honorific, p.name].filter(Boolean).join(' ');
  const parts = [`<strong>${bdi(name)}</strong>`];
  if (p.roleLabel) parts.unshift(`${bdi(p.roleLabel)}: `);
  if (p.affiliation) parts.push(`, ${bdi(p.affiliation)}`);
  if (p.talkTitle) parts.push(` — <cite>${bdi(p.talkTitle)}</cite>`);
  const statements = p.statements
    .map(
      (s) =>
        `<figure><figcaption>${esc(s.excerpt ? w.excerpt : w.statement)}: ${bdi(s.label)}</figcaption><blockquote class="statement" lang="${esc(s.lang)}">${esc(s.text)}</blockquote></figure>`,
    )
    .join('');
  return `<li class="person" id="${p.anchor}">${parts.join('')}${statements}</li>`;
}

function indexList(entries: IndexEntry[]): string {
  return `<ul class="index">${entries
    .map((e) => `<li>${bdi(e.name)}: ${e.refs.map((r, i) => `<a href="#${r.anchor}">${i + 1}<span class="visually-hidden"> (${esc(r.label)})</span></a>`).join(', ')}</li>`)
    .join('')}</ul>`;
}

/**
 * An editor's text in each language it was written in, each marked with its language (and
 * direction); with more than one, each under a heading naming its language.
 */
function textVersionsHtml(anchor: string, versions: PubText[], w: PublicationWords): string {
  return versions
    .map((v) => {
      const heading = versions.length > 1 ? `<h3 id="${anchor}-${esc(v.lang)}">${esc(w.languages[v.lang] ?? v.lang)}</h3>` : '';
      return `${heading}<div class="text-version" lang="${esc(v.lang)}" dir="${textDirection(v.lang)}">${markdownHtml(v.text)}</div>`;
    })
    .join('');
}

/** The publication's body: title page, contents, texts, programme, documents, index, appendix. */
export function publicationBody(m: PublicationModel, w: PublicationWords): string {
  const toc: Array<{ anchor: string; label: string; sub?: Array<{ anchor: string; label: string }> }> = [];
  const out: string[] = [];
  for (const [anchor, label, versions] of [['foreword', w.foreword, m.foreword], ['summary', w.summary, m.summary]] as const) {
    if (!versions.length) continue;
    toc.push({ anchor, label });
    out.push(`<section aria-labelledby="${anchor}"><h2 id="${anchor}">${esc(label)}</h2>${textVersionsHtml(anchor, versions, w)}</section>`);
  }
  for (const e of m.events) {
    toc.push({ anchor: e.anchor, label: e.title, sub: e.days.map((d) => ({ anchor: d.anchor, label: d.heading })) });
    const s: string[] = [];
    s.push(`<section aria-labelledby="${e.anchor}"><h2 id="${e.anchor}">${bdi(e.title)}</h2>`);
    s.push(`<p class="meta">${bdi(e.dates)}${e.place ? ` · ${bdi(e.place)}` : ''}</p>`);
    s.push(`<p class="meta">${esc(fill(w.madeFrom, { n: e.release }))} <a href="${esc(e.url)}">${esc(e.url)}</a></p>`);
    if (e.overview) s.push(`<h3>${esc(w.overview)}</h3>${paragraphs(e.overview).map((para) => `<p>${bdi(para)}</p>`).join('')}`);
    if (e.themes.length) s.push(`<h3>${esc(w.themes)}</h3><ul>${e.themes.map((t) => `<li>${bdi(t)}</li>`).join('')}</ul>`);
    s.push(`<h3>${esc(w.programme)}</h3>`);
    for (const d of e.days) {
      s.push(`<section aria-labelledby="${d.anchor}"><h4 id="${d.anchor}">${bdi(d.heading)}</h4>`);
      for (const ses of d.sessions) {
        s.push(`<div class="session" id="${ses.anchor}"><h5>${ses.time ? `<span class="time">${esc(ses.time)}</span> ` : ''}${bdi(ses.heading)}</h5>`);
        if (ses.moderators.length) s.push(`<p>${esc(w.moderators)}</p><ul>${ses.moderators.map((p) => person(p, w)).join('')}</ul>`);
        if (ses.speakers.length) s.push(`<p>${esc(w.speakers)}</p><ul>${ses.speakers.map((p) => person(p, w)).join('')}</ul>`);
        s.push('</div>');
      }
      s.push('</section>');
    }
    if (e.documents.length) {
      s.push(`<h3 id="${e.anchor}-documents">${esc(w.documents)}</h3><ul>${e.documents.map((d) => `<li><a href="${esc(d.url)}">${bdi(d.label)}</a></li>`).join('')}</ul>`);
    }
    s.push('</section>');
    out.push(s.join(''));
  }
  toc.push({ anchor: 'index', label: w.index });
  out.push(
    `<section aria-labelledby="index" class="index"><h2 id="index">${esc(w.index)}</h2>` +
      `<h3>${esc(w.persons)}</h3>${indexList(m.index.persons)}` +
      `<h3>${esc(w.organizations)}</h3>${indexList(m.index.organizations)}` +
      `<h3>${esc(w.countries)}</h3>${indexList(m.index.countries)}</section>`,
  );
  if (m.appendix) {
    toc.push({ anchor: 'appendix', label: `${w.appendix}: ${m.appendix.title}` });
    out.push(`<section aria-labelledby="appendix"><h2 id="appendix">${esc(w.appendix)}: ${esc(m.appendix.title)}</h2>${m.appendix.html}</section>`);
  }
  const title = `<header class="titlepage"><h1>${bdi(m.title)}</h1>${m.subtitle ? `<p class="subtitle">${bdi(m.subtitle)}</p>` : ''}<p class="meta">${esc(m.seriesTitle)}</p>${
    m.publisher ? `<p class="meta">${esc(fill(w.publishedBy, { publisher: m.publisher }))}</p>` : ''
  }<p class="meta">${esc(fill(w.edition, { n: m.edition }))} · <time datetime="${m.date}">${esc(m.dateText)}</time></p></header>`;
  const contents = `<nav class="toc" aria-labelledby="contents"><h2 id="contents">${esc(w.contents)}</h2><ol>${toc
    .map((x) => `<li><a href="#${x.anchor}">${bdi(x.label)}</a>${x.sub?.length ? `<ol>${x.sub.map((y) => `<li><a href="#${y.anchor}">${bdi(y.label)}</a></li>`).join('')}</ol>` : ''}</li>`)
    .join('')}</ol></nav>`;
  return `<div class="pub">${title}${contents}${out.join('')}</div>`;
}

/** The frozen document: a whole page of its own, readable without the site. */
export function publicationDocument(m: PublicationModel, w: PublicationWords): string {
  return `<!DOCTYPE html>
<html lang="${esc(m.lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(m.title)} · ${esc(fill(w.edition, { n: m.edition }))}</title><link rel="canonical" href="${esc(m.url)}"><link rel="alternate" type="application/pdf" href="${esc(m.pdfUrl)}"><style>${PUBLICATION_CSS}.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}</style></head>
<body><main id="main">${publicationBody(m, w)}</main></body></html>
`;
}
