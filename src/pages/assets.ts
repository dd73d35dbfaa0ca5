// The site's one stylesheet and its icon, served from this origin (/assets/…) with ETags like every response.
// Kept in TypeScript so that the build (tsc to dist/) carries them without a copy step.

export const stylesheetPath = '/assets/site.css';

export const stylesheet = `/* Petites villes de demain — Hautes-Pyrénées: pages */
:root { --text: #1d1d1b; --muted: #555; --link: #0b4f9c; --line: #d8d8d8; --accent: #b03a2e; --paper: #fff; --soft: #f5f3ee; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0 auto; max-width: 64rem; padding: 0 1rem 2rem; overflow-wrap: break-word; font: 1rem/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--text); background: var(--paper); }
a { color: var(--link); }
a:hover { text-decoration-thickness: 2px; }
a:focus-visible { outline: 3px solid #f2b632; outline-offset: 2px; }
h1 { font-size: 1.75rem; line-height: 1.2; margin: 1rem 0 .25rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 .5rem; padding-top: .5rem; border-top: 1px solid var(--line); }
h3 { font-size: 1.05rem; margin: 1.25rem 0 .25rem; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .9em; background: var(--soft); padding: 0 .2rem; border-radius: 3px; overflow-wrap: anywhere; }
pre { background: var(--soft); padding: .75rem; overflow-x: auto; border-radius: 4px; white-space: pre-wrap; overflow-wrap: anywhere; }
pre code { background: none; padding: 0; }
.skip { position: absolute; left: -999rem; }
.skip:focus { left: 1rem; top: .5rem; background: var(--paper); padding: .25rem .5rem; z-index: 1; }
header.site { display: flex; flex-wrap: wrap; align-items: baseline; justify-content: space-between; gap: .25rem 1rem; padding: .75rem 0; border-bottom: 3px solid var(--accent); }
.brand { font-weight: 700; color: var(--text); text-decoration: none; }
header.site ul, .breadcrumb ol { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: .25rem 1rem; }
.breadcrumb { font-size: .9rem; margin-top: .5rem; }
.breadcrumb li + li::before { content: "›"; margin-right: .5rem; color: var(--muted); }
.lead { font-size: 1.1rem; color: var(--muted); margin-top: 0; }
.muted { color: var(--muted); }
footer.site { margin-top: 3rem; padding-top: 1rem; border-top: 1px solid var(--line); font-size: .9rem; color: var(--muted); }
.overview { display: grid; gap: 1rem 2rem; grid-template-columns: minmax(0, 1fr); }
@media (min-width: 56rem) { .overview { grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); align-items: start; } }
.overview > section > h2:first-child { margin-top: 0; padding-top: 0; border-top: 0; }
dl.facts { display: grid; grid-template-columns: minmax(6rem, max-content) minmax(0, 1fr); gap: .35rem 1rem; margin: 0; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
@media (max-width: 30rem) { dl.facts { grid-template-columns: minmax(0, 1fr); row-gap: 0; } dl.facts dd { margin-bottom: .5rem; } }
.note { margin: .25rem 0; padding: .3rem .5rem; border-left: 4px solid #c98a12; background: #fff7e6; font-size: .9rem; }
.note-conflicting-sources { border-left-color: var(--accent); background: #fdeeee; }
.flag { display: inline-block; font-size: .75rem; text-transform: uppercase; letter-spacing: .04em; padding: 0 .35rem; border-radius: 3px; background: #7a4b00; color: #fff; }
.note-conflicting-sources .flag { background: #8f2b21; }
table { border-collapse: collapse; width: 100%; font-size: .95rem; }
th, td { padding: .3rem .4rem; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid var(--text); }
th[aria-sort], thead th a { white-space: nowrap; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
thead th a { color: inherit; }
tbody th { font-weight: 600; }
tbody th .muted { font-weight: 400; }
th[aria-sort] a::after { content: " ▲"; font-size: .8em; }
th[aria-sort="descending"] a::after { content: " ▼"; }
tr.laureate th, tr.laureate td { background: #fdf0e4; }
@media (max-width: 30rem) {
  table { font-size: .85rem; }
  th, td { padding: .25rem .2rem; hyphens: auto; }
  th[aria-sort], thead th a { white-space: normal; }
}
ul.cards, ol.sources, ol.timeline { padding-left: 1.25rem; }
ol.sources li { margin-bottom: .5rem; overflow-wrap: anywhere; }
.source-note { font-size: .9rem; color: var(--muted); }
ol.timeline { list-style: none; padding: 0; border-left: 3px solid var(--line); margin-left: .5rem; }
ol.timeline > li { position: relative; padding: 0 0 .9rem 1rem; }
ol.timeline > li::before { content: ""; position: absolute; left: -.5rem; top: .45rem; width: .7rem; height: .7rem; border-radius: 50%; background: var(--accent); }
ol.timeline > li.other::before { background: #8a8a8a; }
.when { display: block; font-weight: 700; }
blockquote { margin: .25rem 0 .5rem; padding-left: .75rem; border-left: 3px solid var(--line); font-style: italic; }
.convention, .measure, .service { margin-bottom: 1rem; }
/* Maps: SVG drawn on the server, as wide as the column, labels readable on a phone. */
.map { margin: 0; }
.map svg { display: block; width: 100%; height: auto; max-width: 40rem; background: #fafaf7; border: 1px solid var(--line); border-radius: 4px; }
.map figcaption { font-size: .9rem; color: var(--muted); margin-top: .3rem; }
.map path { stroke-linejoin: round; }
.map .epci { fill: #ecebe6; stroke: #8d8d86; stroke-width: 1; }
.map .epci-0 { fill: #f6e3c6; } .map .epci-1 { fill: #dfe9d2; } .map .epci-2 { fill: #d9e4f0; } .map .epci-3 { fill: #eadcef; }
.map .epci-4 { fill: #f3d9d9; } .map .epci-5 { fill: #d5ece6; } .map .epci-6 { fill: #f0ecd0; } .map .epci-7 { fill: #e2ddd3; }
.map .epci-here { fill: #fbe3c4; stroke: #7a4b00; stroke-width: 2; }
.map .member { fill: #f7f5ef; stroke: #9aa5b1; stroke-width: .6; }
.map .member-laureate { fill: #f4b183; stroke: #7a4b00; stroke-width: .8; }
.map .town-area { fill: #e8826f; stroke: var(--accent); stroke-width: 1.5; }
.map .town { fill: var(--accent); stroke: #fff; stroke-width: 2; }
.map .town-here { fill: #7a1f16; stroke: #fff; stroke-width: 3; }
.map .town-other { fill: #404040; stroke: #fff; stroke-width: 1.5; }
.map a:hover path, .map a:focus path { fill: #ffd28a; }
.map a:hover circle, .map a:focus circle { fill: #0b4f9c; }
.map a:focus { outline: none; }
.map a:focus-visible path, .map a:focus-visible circle { stroke: #0b4f9c; stroke-width: 3; }
.map text { font-size: 20px; font-weight: 600; fill: var(--text); stroke: #fff; stroke-width: 4px; stroke-linejoin: round; paint-order: stroke; pointer-events: none; }
@media (min-width: 40rem) { .map text { font-size: 13px; stroke-width: 3px; } }
.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .25rem 1rem; font-size: .9rem; }
.swatch { display: inline-block; width: .9rem; height: .9rem; vertical-align: -.1rem; border: 1px solid #7a4b00; margin-right: .3rem; }
.swatch-town { background: #b03a2e; border-radius: 50%; }
.swatch-epci { background: #fbe3c4; }
.swatch-member { background: #f7f5ef; border-color: #9aa5b1; }
.swatch-neighbour { background: #ecebe6; border-color: #8d8d86; }
.swatch-laureate { background: #f4b183; }
.columns { columns: 2 16rem; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  header.site nav, .skip, .breadcrumb, footer.site a[href="/sitemap.xml"] { display: none; }
  h2 { break-after: avoid; }
  figure, tr, li, .note, dl.facts { break-inside: avoid; }
  .map svg { max-width: 16cm; background: none; }
  .map path, .map circle, .note, .flag, tr.laureate td, tr.laureate th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .map text { font-size: 11px; }
  a { color: inherit; }
  main a[href^="http"]::after { content: " <" attr(href) ">"; font-size: .8em; overflow-wrap: anywhere; }
}
`;

export const favicon = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#b03a2e"/><path d="M5 25 13 11l5 8 3-4 6 10z" fill="#fff"/></svg>`;
