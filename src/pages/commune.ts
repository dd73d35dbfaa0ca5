// /communes/{code}: a laureate town on a map, its key facts, intercommunality, conventions, France Services,
// the programme's measures and funding links, uncertain facts and every source.
import type { FastifyInstance } from 'fastify';
import { pages } from '../resources/links.js';
import { read, type FundingLinkItem, type Town } from './data.js';
import { area, date, department, fundingKind, list, measureCategory, number, time } from './format.js';
import { h, safeUrl, type Html } from './html.js';
import { layout, note, notesAbout, sources, type PageContext } from './layout.js';
import { citedSources, convention, neighbourAreas, townPoint } from './common.js';
import { renderMap, type MapItem } from './map.js';

function fundingLink(link: FundingLinkItem, measureNames: Map<string, string>): Html {
  const url = safeUrl(link.url);
  const helps = link.measures.map((id) => measureNames.get(id) ?? id);
  return h`<li>${url ? h`<a href="${url}">${link.name}</a>` : link.name} <span class="muted">— ${fundingKind[link.kind] ?? link.kind}, ${link.provider.name}</span>${
    helps.length > 0 ? h`<br><span class="muted">Pour : ${list(helps)}</span>` : ''
  }
${link.notes.map(note)}</li>
`;
}

/** « Autre petite ville de demain : X » or « Autres petites villes de demain : X, Y ». */
function others(towns: Town[]): Html {
  const many = towns.length > 1;
  const names = towns.map((other, index) => h`${index > 0 ? ', ' : ''}<a href="${pages.commune(other.code)}">${other.name}</a>`);
  return h` ${many ? 'Autres petites villes de demain' : 'Autre petite ville de demain'} de l’intercommunalité : ${names}.`;
}

export function communePage(app: FastifyInstance, context: PageContext, town: Town): string {
  const towns = read.towns(app);
  const epcis = read.epcis(app);
  const epci = epcis.find((item) => item.siren === town.intercommunality.siren);
  const conventions = read.conventions(app).filter((item) => item.communes.some((commune) => commune.code === town.code));
  const measures = read.measures(app);
  const links = read.fundingLinks(app);
  const pending = [...town.notes];
  const population = town.population;
  const otherLaureates = towns.filter((other) => other.intercommunality.siren === town.intercommunality.siren && other.code !== town.code);

  const items: MapItem[] = [...neighbourAreas(epcis, epci?.siren)];
  if (epci)
    items.push({
      geometry: epci.contour,
      className: 'epci-here',
      title: `${epci.name} — intercommunalité de ${town.name}`,
      href: pages.intercommunality(epci.siren),
      code: epci.siren,
    });
  if (town.contour) items.push({ geometry: town.contour, className: 'town-area', title: town.name, code: town.code });
  for (const other of towns) if (other.code !== town.code) items.push(townPoint(other, 'town-other', { radius: 5 }));
  items.push(townPoint(town, 'town-here', { href: false, radius: 8 }));

  const map = renderMap(
    {
      id: 'carte',
      title: `Carte : ${town.name} dans ${town.intercommunality.name}`,
      description: `${town.name} (point rouge foncé${town.contour ? ' et son territoire' : ''}) dans le contour de ${
        town.intercommunality.name
      } (en orange), avec les intercommunalités et les villes lauréates voisines.`,
      fit: epci ? [epci.contour] : [town.centre],
      margin: 0.1,
      items,
    },
    h`${town.name} dans ${town.intercommunality.name}. ${
      town.contour ? '' : 'La commune est figurée par son centre : son contour n’est pas encore dans les données. '
    }Cliquez sur une autre ville ou intercommunalité pour sa page.
${notesAbout(pending, 'centre', 'contour')}`,
  );

  const serviceList = town.franceServices.map((site) => {
    const address = site.address;
    return h`<li class="service"><strong>${site.name}</strong><br>${address.street}${address.complement ? h`, ${address.complement}` : ''}, ${address.postalCode} ${address.city}${
      site.labelledOn ? h`<br><span class="muted">Labellisée le ${time(site.labelledOn)}</span>` : ''
    }</li>
`;
  });

  const measureList = measures.map(
    (measure) =>
      h`<li class="measure"><strong>${measure.name}</strong> <span class="muted">(${measureCategory[measure.category] ?? measure.category})</span>
<blockquote>« ${measure.quote} »</blockquote>
${measure.notes.map(note)}</li>
`,
  );
  const measureNames = new Map(measures.map((measure) => [measure.id, measure.name]));
  const linkList = [...links].sort((a, b) => b.measures.length - a.measures.length).map((link) => fundingLink(link, measureNames));

  const cited = citedSources(town, conventions, measures, links);
  const body = h`<h1>${town.name}</h1>
<p class="lead">Petite ville de demain depuis le ${date(town.pvd.signedOn)} · ${town.intercommunality.name} · ${town.department.name}</p>
<div class="overview">
${map}
<section aria-labelledby="chiffres">
<h2 id="chiffres">Chiffres clés</h2>
<dl class="facts">
<dt>Population</dt><dd>${number(population.municipal)} habitants <span class="muted">(population municipale, recensement ${population.referenceYear}${
    population.inForceFrom ? h`, en vigueur au ${time(population.inForceFrom)}` : ''
  })</span><br>${number(population.total)} en population totale (dont ${number(population.countedApart)} comptés à part)
${notesAbout(pending, 'population')}</dd>
<dt>Superficie</dt><dd>${area(town.area.value)}
${notesAbout(pending, 'area')}</dd>
<dt>Arrondissement</dt><dd>${town.arrondissement.name} <span class="muted">(${town.arrondissement.code})</span>
${notesAbout(pending, 'arrondissement')}</dd>
<dt>Canton</dt><dd>code ${town.cantonCode}
${notesAbout(pending, 'cantonCode')}</dd>
<dt>Codes postaux</dt><dd>${list(town.postalCodes)}
${notesAbout(pending, 'postalCodes')}</dd>
<dt>Département</dt><dd>${department(town.department.code)}, région ${town.region.name}
${notesAbout(pending, 'department', 'region')}</dd>
<dt>Intercommunalité</dt><dd><a href="${pages.intercommunality(town.intercommunality.siren)}">${town.intercommunality.name}</a>
${notesAbout(pending, 'intercommunality')}</dd>
<dt>Signature</dt><dd>${time(town.pvd.signedOn)} <span class="muted">(date du fichier de l’ANCT)</span>
${notesAbout(pending, 'pvd')}</dd>
<dt>Codes</dt><dd>INSEE <code>${town.code}</code> · SIREN <code>${town.siren}</code>
${notesAbout(pending, 'code', 'siren', 'name')}</dd>
<dt>Ailleurs</dt><dd><a href="${safeUrl(town.links.geoApiGouv)}">geo.api.gouv.fr</a> · <a href="${safeUrl(town.links.annuaireEntreprises)}">Annuaire des entreprises</a></dd>
</dl>
</section>
</div>

<h2 id="intercommunalite">Intercommunalité</h2>
${
  epci
    ? h`<p><a href="${pages.intercommunality(epci.siren)}">${epci.name}</a> : ${epci.legalForm.label.toLowerCase()} de ${number(epci.memberCount)} communes et ${number(
        epci.population.total,
      )} habitants (recensement ${epci.population.referenceYear}), ${epci.departments.length > 1 ? `à cheval sur ${list(epci.departments.map(department))}` : department(epci.departments[0] ?? '')}.${
        otherLaureates.length > 0 ? others(otherLaureates) : ''
      }</p>`
    : h`<p>${town.intercommunality.name}</p>`
}

<h2 id="conventions">Conventions</h2>
${conventions.length > 0 ? conventions.map((item) => convention(item)) : h`<p>Aucune convention dans les données.</p>`}
<h2 id="france-services">France Services</h2>
${
  serviceList.length > 0
    ? h`<p>${serviceList.length > 1 ? `${serviceList.length} France Services` : 'Une France Services'} dans la commune (liste de l’ANCT au 1er août 2024) :</p>
<ul class="cards">
${serviceList}</ul>`
    : h`<p>Aucune France Services dans la commune d’après la liste de l’ANCT au 1er août 2024.</p>`
}
${notesAbout(pending, 'franceServices')}
<h2 id="mesures">Mesures du programme</h2>
<p>Comme chaque petite ville de demain, ${town.name} peut s’appuyer sur les mesures du programme, citées de la page de la préfecture :</p>
<ul class="cards">
${measureList}</ul>

<h2 id="financements">Financements et ressources</h2>
<ul class="cards">
${linkList}</ul>
${pending.length > 0 ? h`<h2 id="a-savoir">Autres points incertains</h2>\n${pending.map(note)}` : ''}
<h2 id="sources">Sources</h2>
<p>Chaque fait de cette page vient d’une de ces sources ; les remarques y renvoient par leur identifiant.</p>
${sources(context.dataset, cited)}
<p>Les mêmes données pour les programmes : <a href="${town.links.self}"><code>${town.links.self}</code></a> (JSON).</p>`;

  return layout(
    context,
    {
      path: pages.commune(town.code),
      title: town.name,
      description: `${town.name} (${town.department.name}), petite ville de demain depuis le ${date(town.pvd.signedOn)} : ${number(population.municipal)} habitants (recensement ${
        population.referenceYear
      }), ${town.intercommunality.name}. Carte, conventions, France Services, mesures et sources.`,
      alternate: town.links.self,
      breadcrumb: [
        { href: '/', label: 'Accueil' },
        { href: pages.intercommunality(town.intercommunality.siren), label: town.intercommunality.name },
      ],
    },
    body,
  );
}
