// Parts of the town and intercommunality pages: the map of a territory, conventions, sources cited on a page.
import type { NoteType } from '../schemas/common.js';
import { pages } from '../resources/links.js';
import type { ConventionItem, Epci, Town } from './data.js';
import { conventionType, time } from './format.js';
import { h, type Html } from './html.js';
import { note } from './layout.js';
import type { MapItem } from './map.js';

/** Every source id cited anywhere in `values` (record `sources` and notes' `sources`), in first-cited order. */
export function citedSources(...values: unknown[]): Set<string> {
  const ids = new Set<string>();
  const visit = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        if (key === 'sources' && Array.isArray(child)) child.forEach((id) => typeof id === 'string' && ids.add(id));
        else visit(child);
      }
    }
  };
  values.forEach(visit);
  return ids;
}

/** The intercommunalities (but `except`), each a link to its page; on the home page each has its own colour. */
export function neighbourAreas(epcis: Epci[], except?: string, coloured = false): MapItem[] {
  return epcis
    .filter((epci) => epci.siren !== except)
    .map((epci, index) => ({
      geometry: epci.contour,
      className: coloured ? `epci epci-${index % 8}` : 'epci',
      title: `${epci.name} — intercommunalité`,
      href: pages.intercommunality(epci.siren),
      code: epci.siren,
    }));
}

/** A laureate town as a point at its centre, linked to its page unless it is the page's own town. */
export function townPoint(town: Town, className: string, options: { href?: boolean; radius?: number } = {}): MapItem {
  return {
    geometry: town.centre,
    className,
    title: `${town.name} — petite ville de demain`,
    ...(options.href === false ? {} : { href: pages.commune(town.code) }),
    code: town.code,
    label: town.name,
    radius: options.radius ?? 6,
  };
}

/** A convention: title, type, date and what it contains, with its uncertain facts. */
export function convention(item: ConventionItem): Html {
  const covered = item.communes.map((commune, index) => h`${index > 0 ? ', ' : ''}<a href="${pages.commune(commune.code)}">${commune.name}</a>`);
  return h`<article class="convention" id="convention-${item.id}">
<h3>${item.title}</h3>
<p>${conventionType[item.type] ?? item.type}, signée le ${time(item.signedOn)} · intercommunalité : <a href="${pages.intercommunality(item.intercommunality.siren)}">${item.intercommunality.name}</a> · ${
    item.communes.length > 1 ? 'villes' : 'ville'
  } : ${covered}</p>
<p>${item.content}</p>
${item.notes.map((entry: NoteType) => note(entry))}<p class="muted">Données : <a href="/v1/conventions/${item.id}"><code>/v1/conventions/${item.id}</code></a></p>
</article>
`;
}
