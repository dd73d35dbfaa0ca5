// The page shell (head with description and Open Graph tags, header, breadcrumb, footer) and the parts every page
// shares: uncertain facts (`notes`) and the list of sources.
import escapeHtml from 'escape-html';
import type { NoteType } from '../schemas/common.js';
import type { Dataset } from './data.js';
import { noteStatus, time } from './format.js';
import { h, safeUrl, type Html } from './html.js';
import { stylesheetPath } from './assets.js';

/** What every page knows of its request: the origin for absolute URLs (Fastify's protocol and host, proxy-aware only when trusted). */
export interface PageContext {
  origin: string;
  dataset: Dataset;
}

export interface PageMeta {
  /** Path of the page (canonical URL and og:url, made absolute). */
  path: string;
  title: string;
  description: string;
  /** The same entity as JSON in the API. */
  alternate?: string;
  breadcrumb?: { href: string; label: string }[];
  /** Markup added at the end of <head>: the home page's JSON-LD goes there. */
  head?: Html;
  /** `noindex` for error pages. */
  robots?: string;
}

export const siteName = 'Petites villes de demain dans les Hautes-Pyrénées';

/** The <title>: the page's own, then the programme's name while the whole stays within 70 characters (search engines cut longer ones). */
function documentTitle(meta: PageMeta): string {
  // Counted as written in the page, entities included, as html-validate counts.
  const fits = (title: string) => escapeHtml(title).length <= 70;
  const full = `${meta.title} — Petites villes de demain`;
  if (meta.path !== '/' && fits(full)) return full;
  let title = meta.title;
  while (!fits(title)) title = `${title.slice(0, -2)}…`;
  return title;
}

export function layout(context: PageContext, meta: PageMeta, body: Html): string {
  const url = `${context.origin}${meta.path}`;
  const { dataset } = context;
  const crumbs = meta.breadcrumb
    ? h`<nav class="breadcrumb" aria-label="Fil d’Ariane"><ol>${meta.breadcrumb.map((crumb) => h`<li><a href="${crumb.href}">${crumb.label}</a></li>`)}<li aria-current="page">${meta.title}</li></ol></nav>
`
    : '';
  return h`<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${documentTitle(meta)}</title>
<meta name="description" content="${meta.description}">
${meta.robots ? h`<meta name="robots" content="${meta.robots}">` : h`<link rel="canonical" href="${url}">`}
<meta property="og:type" content="website">
<meta property="og:site_name" content="${siteName}">
<meta property="og:locale" content="fr_FR">
<meta property="og:title" content="${meta.title}">
<meta property="og:description" content="${meta.description}">
<meta property="og:url" content="${url}">
<meta name="twitter:card" content="summary">
${meta.alternate ? h`<link rel="alternate" type="application/json" href="${meta.alternate}">\n` : ''}<link rel="stylesheet" href="${stylesheetPath}">
<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">
${meta.head ?? ''}</head>
<body>
<a class="skip" href="#contenu">Aller au contenu</a>
<header class="site">
<a class="brand" href="/">${siteName}</a>
<nav aria-label="Site"><ul><li><a href="/#carte">Carte</a></li><li><a href="/#calendrier">Calendrier</a></li><li><a href="/#telechargements">Téléchargements</a></li><li><a href="/docs">API</a></li></ul></nav>
</header>
${crumbs}<main id="contenu">
${body}
</main>
<footer class="site">
<p>Données sous ${dataset.licence.name} (<a href="${safeUrl(dataset.licence.url)}">texte de la licence</a>), version <code>${dataset.version}</code>, mise à jour le ${time(dataset.modified)}.</p>
<p>${meta.alternate ? h`<a href="${meta.alternate}">Cette page en JSON</a> · ` : ''}<a href="/v1/dataset">Métadonnées et sources (JSON)</a> · <a href="/docs">Documentation de l’API</a> · <a href="/sitemap.xml">Plan du site</a></p>
</footer>
</body>
</html>
`.value;
}

/** A note of the data, marked as such, with its text (written in English by the curators) and its sources. */
export function note(item: NoteType): Html {
  return anchoredNote(item);
}

/** The same, with an id that other places refer to. */
export function anchoredNote(item: NoteType, id?: string): Html {
  const status = noteStatus[item.status] ?? item.status;
  const cites = item.sources
    ? h` <span class="cites">(${item.sources.map((id, index) => h`${index > 0 ? ', ' : ''}<a href="#source-${id}">${id}</a>`)})</span>`
    : '';
  return h`<p class="note note-${item.status}"${id ? h` id="${id}"` : ''}><strong class="flag">${status}</strong> <span lang="en">${item.text}</span>${cites}</p>
`;
}

/** Notes about `field` or a field inside it; each note taken is removed from `pending`, so the rest can be shown apart. */
export function notesAbout(pending: NoteType[], ...fields: string[]): Html {
  const taken = pending.filter((item) => fields.some((field) => item.field === field || item.field.startsWith(`${field}.`)));
  for (const item of taken) pending.splice(pending.indexOf(item), 1);
  return h`${taken.map(note)}`;
}

/** The sources `ids` of the dataset, each with its origin and dates, anchored `#source-{id}`. */
export function sources(dataset: Dataset, ids: Iterable<string>): Html {
  const wanted = new Set(ids);
  const items = dataset.sources
    .filter((source) => wanted.has(source.id))
    .map((source) => {
      const url = safeUrl(source.url);
      const repository = source.repository;
      const repositoryUrl = repository ? safeUrl(`https://github.com/${repository.name}/blob/${repository.commit}/${repository.path}`) : undefined;
      const published = source.publishedOn ? h`, publiée le ${time(source.publishedOn)}` : '';
      const links = [
        url ? h`<a href="${url}">source originale</a>` : '',
        repositoryUrl && repository
          ? h`<a href="${repositoryUrl}">fichier <code>${repository.path}</code> de ${repository.name} (révision ${repository.commit})</a>`
          : '',
      ].filter((link) => link !== '');
      const where =
        links.length > 0
          ? h`${links.map((link, index) => h`${index > 0 ? ' · ' : ''}${link}`)}.`
          : h`<span class="muted">Pas d’adresse publique : la copie conservée par le projet en tient lieu.</span>`;
      return h`<li id="source-${source.id}"><cite>${source.title}</cite> — ${source.publisher}${published}, consultée le ${time(source.retrievedOn)}. Licence : ${source.licence}. ${where}${
        source.note ? h`<br><span class="source-note" lang="en">${source.note}</span>` : ''
      } <span class="muted">(<code>${source.id}</code>)</span></li>
`;
    });
  return h`<ol class="sources">
${items}</ol>`;
}
