// /intercommunalites/{siren}: an intercommunality on a map with every member commune, its members in a table
// sorted by the server (`?tri=`), its conventions, the départements it covers, uncertain facts and sources.
import type { FastifyInstance } from 'fastify';
import { pages } from '../resources/links.js';
import { read, type Epci, type Member } from './data.js';
import { collator, department, list, number, time } from './format.js';
import { h, safeUrl, type Html } from './html.js';
import { layout, note, notesAbout, sources, type PageContext } from './layout.js';
import { citedSources, convention, neighbourAreas, townPoint } from './common.js';
import { renderMap, type MapItem } from './map.js';

/** Sort keys of the members table, in French: `?tri=population`, `?tri=-population` (descending)… */
export const memberSorts = {
  nom: (a: Member, b: Member) => collator.compare(a.name, b.name),
  code: (a: Member, b: Member) => a.code.localeCompare(b.code),
  departement: (a: Member, b: Member) => a.department.localeCompare(b.department) || collator.compare(a.name, b.name),
  population: (a: Member, b: Member) => a.population.total - b.population.total || collator.compare(a.name, b.name),
} as const;
export type MemberSortKey = keyof typeof memberSorts;
export const defaultSort = 'nom';
/** Every accepted value of `tri`. */
export const sortValues = Object.keys(memberSorts).flatMap((key) => [key, `-${key}`]);

export interface MemberSort {
  key: MemberSortKey;
  descending: boolean;
}

export function parseSort(value: string): MemberSort | undefined {
  const descending = value.startsWith('-');
  const key = (descending ? value.slice(1) : value) as MemberSortKey;
  return Object.hasOwn(memberSorts, key) ? { key, descending } : undefined;
}

function sortHeader(siren: string, label: string, key: MemberSortKey, current: MemberSort, numeric = false): Html {
  const active = current.key === key;
  // A click sorts by the column, in its natural first direction (largest first for numbers), or reverses it.
  const descending = active ? !current.descending : numeric;
  const value = `${descending ? '-' : ''}${key}`;
  const href = value === defaultSort ? `${pages.intercommunality(siren)}#membres` : `${pages.intercommunality(siren)}?tri=${value}#membres`;
  const sort = active ? h` aria-sort="${current.descending ? 'descending' : 'ascending'}"` : '';
  const title = `Trier par ${label.toLowerCase()}${descending ? ' (décroissant)' : ' (croissant)'}`;
  return h`<th scope="col"${sort}${numeric ? h` class="n"` : ''}><a href="${href}" title="${title}">${label}</a></th>`;
}

const sortNames: Record<MemberSortKey, string> = { nom: 'nom', code: 'code INSEE', departement: 'département', population: 'population' };

export function intercommunalityPage(app: FastifyInstance, context: PageContext, epci: Epci, sort: MemberSort): string {
  const epcis = read.epcis(app);
  const towns = read.towns(app).filter((town) => town.intercommunality.siren === epci.siren);
  const laureates = new Set(towns.map((town) => town.code));
  const conventions = read.conventions(app).filter((item) => item.intercommunality.siren === epci.siren);
  const pending = [...epci.notes];
  const withContour = epci.members.filter((member) => member.contour);
  const departments = list(epci.departments.map(department));

  const items: MapItem[] = [
    ...neighbourAreas(epcis, epci.siren),
    { geometry: epci.contour, className: 'epci-here', title: `${epci.name} — contour de l’intercommunalité`, code: epci.siren },
    // One path per member commune, with its INSEE code in data-code, once the data has member contours.
    ...withContour.map((member): MapItem => ({
      geometry: member.contour as NonNullable<Member['contour']>,
      className: laureates.has(member.code) ? 'member-laureate' : 'member',
      title: `${member.name} (${member.code})${laureates.has(member.code) ? ' — petite ville de demain' : ''}`,
      code: member.code,
      ...(laureates.has(member.code) ? { href: pages.commune(member.code) } : {}),
    })),
    ...towns.map((town) => townPoint(town, 'town', { radius: 7 })),
  ];
  const drawn =
    withContour.length === epci.members.length
      ? ` et ses ${number(epci.members.length)} communes membres`
      : withContour.length > 0
        ? ` et ${number(withContour.length)} de ses ${number(epci.members.length)} communes membres (les autres n’ont pas encore de contour dans les données)`
        : ' : les contours des communes membres ne sont pas encore dans les données ; le tableau plus bas les liste toutes';
  const map = renderMap(
    {
      id: 'carte',
      title: `Carte : ${epci.name}`,
      description: `${epci.name} (en orange)${withContour.length > 0 ? ` et ses ${withContour.length} communes membres dessinées` : ''}, ses petites villes de demain (points rouges : ${list(
        towns.map((town) => town.name),
      )}) et les intercommunalités voisines.`,
      fit: [epci.contour],
      margin: 0.06,
      items,
    },
    h`${epci.name}${drawn}. En rouge, les petites villes de demain ; cliquez pour leur page.
${notesAbout(pending, 'contour')}`,
  );

  const compare = memberSorts[sort.key];
  const members = [...epci.members].sort((a, b) => (sort.descending ? compare(b, a) : compare(a, b)));
  const rows = members.map((member) => {
    const laureate = laureates.has(member.code);
    const name = laureate ? h`<a href="${pages.commune(member.code)}">${member.name}</a> <span class="muted">(petite ville de demain)</span>` : member.name;
    return h`<tr${laureate ? h` class="laureate"` : ''}><th scope="row">${name}</th><td><code>${member.code}</code></td><td>${member.department}</td><td class="n">${number(
      member.population.total,
    )}</td></tr>
`;
  });
  const populationYear = epci.members[0]?.population.referenceYear ?? epci.population.referenceYear;
  const seat = epci.seat
    ? laureates.has(epci.seat.code)
      ? h`<a href="${pages.commune(epci.seat.code)}">${epci.seat.name}</a>`
      : epci.seat.name
    : h`<span class="muted">non renseigné</span>`;
  const byDepartment =
    epci.departments.length > 1
      ? h`<br><span class="muted">${list(epci.departments.map((code) => `${number(epci.members.filter((member) => member.department === code).length)} communes en ${department(code)}`))}</span>`
      : '';

  const cited = citedSources(epci, conventions);
  const body = h`<h1>${epci.name}</h1>
<p class="lead">${epci.legalForm.label} · ${number(epci.memberCount)} communes · ${departments}</p>
<div class="overview">
${map}
<section aria-labelledby="chiffres">
<h2 id="chiffres">Chiffres clés</h2>
<dl class="facts">
<dt>Lauréates</dt><dd>${towns.map((town, index) => h`${index > 0 ? ', ' : ''}<a href="${pages.commune(town.code)}">${town.name}</a>`)}</dd>
<dt>Communes membres</dt><dd>${number(epci.memberCount)} (<a href="#membres">liste</a>)
${notesAbout(pending, 'members', 'memberCount')}</dd>
<dt>Départements</dt><dd>${departments}${byDepartment}
${notesAbout(pending, 'departments')}</dd>
<dt>Population</dt><dd>${number(epci.population.total)} habitants <span class="muted">(population totale, recensement ${epci.population.referenceYear}, en vigueur au ${time(epci.population.inForceFrom)})</span>
${notesAbout(pending, 'population')}</dd>
<dt>Siège</dt><dd>${seat}
${notesAbout(pending, 'seat')}</dd>
<dt>Forme juridique</dt><dd>${epci.legalForm.label} <span class="muted">(${epci.legalForm.code})</span>
${notesAbout(pending, 'legalForm')}</dd>
<dt>Fiscalité</dt><dd>${epci.taxRegime.label} <span class="muted">(${epci.taxRegime.code})</span>
${notesAbout(pending, 'taxRegime')}</dd>
<dt>SIREN</dt><dd><code>${epci.siren}</code>
${notesAbout(pending, 'siren', 'name')}</dd>
<dt>Ailleurs</dt><dd><a href="${safeUrl(epci.links.geoApiGouv)}">geo.api.gouv.fr</a> · <a href="${safeUrl(epci.links.annuaireEntreprises)}">Annuaire des entreprises</a></dd>
</dl>
</section>
</div>

<h2 id="membres">Les ${number(epci.members.length)} communes membres</h2>
<p>Population totale (recensement ${populationYear}) du fichier DGCL. Un clic sur un titre de colonne trie le tableau.</p>
<table>
<caption class="muted">Communes membres de ${epci.name}, triées par ${sortNames[sort.key]}${sort.descending ? ' (ordre décroissant)' : ''}</caption>
<thead><tr>${sortHeader(epci.siren, 'Commune', 'nom', sort)}${sortHeader(epci.siren, 'Code INSEE', 'code', sort)}${sortHeader(epci.siren, 'Dép.', 'departement', sort)}${sortHeader(
    epci.siren,
    'Population',
    'population',
    sort,
    true,
  )}</tr></thead>
<tbody>
${rows}</tbody>
</table>

<h2 id="conventions">Conventions</h2>
${conventions.length > 0 ? conventions.map((item) => convention(item)) : h`<p>Aucune convention dans les données.</p>`}
${pending.length > 0 ? h`<h2 id="a-savoir">Autres points incertains</h2>\n${pending.map(note)}` : ''}
<h2 id="sources">Sources</h2>
<p>Chaque fait de cette page vient d’une de ces sources ; les remarques y renvoient par leur identifiant.</p>
${sources(context.dataset, cited)}
<p>Les mêmes données pour les programmes : <a href="${epci.links.self}"><code>${epci.links.self}</code></a> (JSON), <a href="${epci.links.members}"><code>${
    epci.links.members
  }</code></a> (membres).</p>`;

  return layout(
    context,
    {
      path: pages.intercommunality(epci.siren),
      title: epci.name,
      description: `${epci.name} : ${number(epci.memberCount)} communes, ${number(epci.population.total)} habitants, ${departments}. Petites villes de demain : ${list(
        towns.map((town) => town.name),
      )}. Carte, communes membres, conventions et sources.`,
      alternate: epci.links.self,
      breadcrumb: [{ href: '/', label: 'Accueil' }],
    },
    body,
  );
}
