// The whole stylesheet, inlined in every page so that a page arrives in one round trip.
// Its hash goes into the Content-Security-Policy instead of allowing any inline style.
// The print rules make the event page a clean A4 programme: no site chrome or downloads, black
// text, link targets not printed; a session may break between speakers (never inside one, and
// never right after a heading), days follow on without a forced page break; page numbers at the
// foot of every page and, from the second page, the event's title at the head (runningTitleCss).
// Logical properties only (margin-inline-start, inset-inline-start, float:inline-start…), so that
// an Arabic page (<html dir="rtl">) mirrors the layout, the navigation included. On such a page the
// texts from the database (titles, names, affiliations) take their direction from their own first
// letter (unicode-bidi: plaintext, as dir="auto" would), so a Latin name reads left to right.
// A focused link or scroll box gets a dark ring (16:1 on white; WCAG 1.4.11 asks 3:1) with a yellow
// halo in the gap between it and the ring, so the focus shows on light and dark backgrounds alike.
import { createHash } from 'node:crypto';

export const CSS = `
:root{--fg:#1b1f24;--muted:#4a5360;--accent:#0b57a4;--line:#d5dae1;--bg:#fff;--soft:#f3f5f8;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.55;color:var(--fg);background:var(--bg)}
*{box-sizing:border-box}
body{margin:0}
a{color:var(--accent);text-underline-offset:2px}
a:focus-visible{outline:3px solid var(--fg);outline-offset:2px;box-shadow:0 0 0 2px #f5b400}
input[type=date]:focus-within{outline:2px solid var(--accent);outline-offset:2px}
.skip{position:absolute;inset-inline-start:-999px}
.skip:focus{inset-inline-start:1rem;top:1rem;background:#fff;padding:.5rem;z-index:9}
header.site,footer.site{background:var(--soft);border-bottom:1px solid var(--line)}
footer.site{border-top:1px solid var(--line);border-bottom:0;margin-top:3rem;color:var(--muted);font-size:.9rem}
.wrap{max-width:60rem;margin:0 auto;padding:0 1rem}
header.site .wrap{display:flex;flex-wrap:wrap;align-items:center;gap:.25rem 1.5rem;padding:.5rem 1rem}
.brand{font-weight:700;font-size:1.2rem;text-decoration:none;color:var(--fg)}
nav ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}
.langs{font-size:.9rem}
form.inline{margin:.3rem 0}
[dir=rtl] :is(h1,.session h4,.people a,.aff,.list a,.crumbs a,.results a){unicode-bidi:plaintext}
.site-search{display:flex;flex-wrap:wrap;align-items:center;gap:.25rem .5rem;margin-inline-start:auto}.site-search input,.site-search button{min-height:28px;font:inherit}.results p{margin:.25rem 0 0}
nav a,.brand,.crumbs a{display:inline-block;min-height:24px;min-width:24px;padding:.2rem 0}
.crumbs{font-size:.9rem;margin:1rem 0 0}
.crumbs ol{list-style:none;padding:0;margin:0;display:flex;flex-wrap:wrap;gap:.5rem}
.crumbs li+li::before{content:"/";margin-inline-end:.5rem;color:var(--muted)}
h1{font-size:1.9rem;line-height:1.25;margin:.75rem 0}
h2{font-size:1.4rem;margin:2rem 0 .5rem;border-bottom:2px solid var(--line);padding-bottom:.25rem}
h3{font-size:1.15rem;margin:1.5rem 0 .5rem}
.meta{color:var(--muted);margin:.25rem 0}
.meta dt{font-weight:600;display:inline}
.meta dd{display:inline;margin:0;margin-inline:.25rem 1rem}
.tz{background:var(--soft);border-inline-start:4px solid var(--accent);padding:.5rem .75rem}
ol.agenda{list-style:none;padding:0;margin:0}
ol.agenda>li{display:grid;grid-template-columns:8.5rem 1fr;gap:1rem;border-top:1px solid var(--line);padding:1rem 0}
.slot{font-variant-numeric:tabular-nums;font-weight:600}
.slot .zl{font-weight:400;font-size:.85rem;color:var(--muted)}.slot .viewer{font-weight:400}.tz-choice,.tz-detected{margin:.25rem 0}.tz-choice a,.tz-detected a{display:inline-block;min-height:24px;padding:.1rem 0}
.session h4{margin:0 0 .5rem;font-size:1.05rem}
.session h5{margin:.75rem 0 .25rem;font-size:.95rem;color:var(--muted);text-transform:uppercase;letter-spacing:.03em}
.people{margin:0;padding-inline-start:1.25rem}
.people li{margin:.35rem 0}
.aff{color:var(--muted)}
.mat{display:inline-block;font-size:.85rem;border:1px solid var(--line);border-radius:3px;padding:0 .35rem;margin-inline-start:.25rem}
.break{color:var(--muted)}
.list{padding-inline-start:1.25rem}
.list li{margin:.45rem 0}
.pager ul{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:1rem}.pager a{display:inline-block;min-height:24px;padding:.1rem 0}
.downloads a{display:inline-block;min-height:24px;padding:.1rem 0}fieldset.plain{border:0;margin:0;padding:0;min-width:0}.photos{list-style:none;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(14rem,1fr));gap:1rem}.photos figure{margin:0}.photos img{display:block;width:100%;height:auto;border:1px solid var(--line)}.photos figcaption{font-size:.9rem;color:var(--muted);margin-top:.25rem}
.chart{margin:1rem 0}.chart svg{display:block;max-width:44rem;height:auto}.chart figcaption{font-size:.9rem;color:var(--muted)}.table-scroll{overflow-x:auto;margin:.5rem 0 1.5rem}.table-scroll:focus-visible{outline:3px solid var(--fg);outline-offset:2px;box-shadow:0 0 0 2px #f5b400}table.figures{border-collapse:collapse;font-size:.9rem}table.figures caption{text-align:start;font-weight:600;padding:.25rem 0}table.figures th,table.figures td{padding:.25rem .5rem;border-bottom:1px solid var(--line);text-align:end;vertical-align:top}table.figures th[scope=row],table.figures thead th:first-child{text-align:start}table.figures tfoot th,table.figures tfoot td{font-weight:600;border-top:2px solid var(--fg)}
@media (max-width:40rem){ol.agenda>li{grid-template-columns:1fr;gap:.25rem}}
@page{size:A4;margin:16mm 15mm;@top-center{font-size:8pt;color:#444;vertical-align:bottom;padding-bottom:2mm}@bottom-center{content:counter(page) " / " counter(pages);font-size:8pt;color:#444;vertical-align:top;padding-top:2mm}}
@media print{
:root{color:#000;background:#fff;font-size:10pt;line-height:1.4}
header.site,footer.site,.skip,.crumbs,.downloads,.pager,.tz-choice,.tz-detected{display:none}
.wrap{max-width:none;padding:0}
a{color:inherit;text-decoration:none}
a::after{content:none}
.meta,.aff,.break,.session h5,.crumbs li+li::before{color:#000}
h1{font-size:18pt;margin-top:0}
h2{font-size:14pt;border-color:#000;margin:1.25rem 0 .4rem}
h2,h3,h4,h5,.tz{break-after:avoid}
.tz{background:none;border:0;padding:0;font-style:italic}
ol.agenda>li{display:block;padding:.4rem 0;border-color:#888}
.people li{margin:.2rem 0;break-inside:avoid}
.session h5{margin:.4rem 0 .1rem}
.slot{float:inline-start;width:7.5rem;margin:0;white-space:nowrap;break-inside:avoid}
.session{margin-inline-start:7.5rem}
p,li{orphans:2;widows:2}
.mat{border-color:#888}
}
`.replace(/\n/g, '');

/** The value of a Content-Security-Policy hash source for an inline style. */
export function styleHash(css: string): string {
  return `sha256-${createHash('sha256').update(css).digest('base64')}`;
}

export const CSS_HASH = styleHash(CSS);

/**
 * A CSS string literal of any text: quotes, backslashes and line breaks escaped, and "<" too, so
 * that the text cannot close the <style> element it is written into.
 */
export function cssString(text: string): string {
  return `"${text.replace(/[\\"<>\p{Cc}]/gu, (ch) => `\\${ch.codePointAt(0)!.toString(16)} `)}"`;
}

/** The running title at the head of every printed page but the first (which has it as its heading). */
export function runningTitleCss(title: string): string {
  return `@page{@top-center{content:${cssString(title)}}}@page:first{@top-center{content:none}}`;
}
