// `/` for browsers: the département on a map (8 intercommunalities, 14 towns, each a link), the towns, the
// programme as a dated timeline, how to call the API from this very host, the downloads and the sources.
import type { FastifyInstance } from 'fastify';
import { pages } from '../resources/links.js';
import { downloadPath, downloads, type Download } from '../resources/download-files.js';
import { read, type ConventionItem } from './data.js';
import { collator, date as dateText, department, list, noteStatus, number, time } from './format.js';
import { h, raw, type Html } from './html.js';
import { datasetJsonLd } from '../formats/json-ld.js';
import { anchoredNote, layout, sources, type PageContext } from './layout.js';
import { citedSources, neighbourAreas, townPoint } from './common.js';
import { renderMap } from './map.js';
import type { NoteType } from '../schemas/common.js';

const collectionTitles: Record<string, string> = {
  communes: 'Les communes lauréates',
  intercommunalities: 'Les intercommunalités',
  members: 'Les communes membres des intercommunalités',
  conventions: 'Les conventions',
  measures: 'Les mesures du programme',
  'funding-links': 'Les liens vers les financements et ressources',
};

/** The French description of a download (the API's list of downloads is written in English). */
function downloadTitle(download: Download): string {
  const { content } = download;
  if (content.kind === 'dataset') return 'Tout le jeu de données en un seul document JSON : métadonnées, programme et chaque enregistrement';
  if (content.kind === 'sqlite') return 'La base SQLite de publication : une table par collection, clés, vues, index de recherche, licence et sources';
  if (content.kind === 'datapackage') return 'La description des fichiers CSV (Data Package Frictionless : types, clés, licences, sources)';
  const what = collectionTitles[content.collection.name] ?? content.collection.name;
  if (content.format === 'csv') return `${what} en CSV (UTF-8, virgules, ligne d’en-tête)`;
  return content.collection.name === 'communes' ? `${what} en GeoJSON (points : centre)` : `${what} en GeoJSON (contours)`;
}

interface Event {
  date: string;
  body: Html;
  notes: NoteType[];
  sources: string[];
  other?: boolean;
}

/** Notes that say the same thing once (every adhesion convention carries the same remark on its date). */
function distinct(notes: NoteType[]): NoteType[] {
  const seen = new Set<string>();
  return notes.filter((item) => !seen.has(item.text) && seen.add(item.text));
}

function timeline(app: FastifyInstance): Event[] {
  const programme = read.programme(app);
  const conventions = read.conventions(app);
  const events: Event[] = [];
  const national = programme.national;
  events.push({
    date: national.launchedOn,
    body: h`Lancement national du programme par l’${national.operator.name}, pour ${national.period.end - national.period.start} ans (${national.period.start}–${national.period.end}).`,
    notes: programme.notes.filter((item) => item.field === 'national.launchedOn'),
    sources: programme.timeline.find((event) => event.date === national.launchedOn)?.sources ?? [],
  });
  const meeting = programme.department.launchMeeting;
  events.push({
    date: meeting.date,
    body: h`Réunion de lancement dans les ${programme.department.name}, présidée par ${meeting.chairedBy}, avec ${list(meeting.invited)}.`,
    notes: [],
    sources: programme.timeline.find((event) => event.date === meeting.date)?.sources ?? ['prefecture-page'],
  });
  const byDate = new Map<string, ConventionItem[]>();
  for (const item of conventions) byDate.set(`${item.signedOn} ${item.type}`, [...(byDate.get(`${item.signedOn} ${item.type}`) ?? []), item]);
  for (const group of byDate.values()) {
    const first = group[0] as ConventionItem;
    const towns = group
      .flatMap((item) => item.communes)
      .sort((a, b) => collator.compare(a.name, b.name))
      .map((commune, index) => h`${index > 0 ? ', ' : ''}<a href="${pages.commune(commune.code)}">${commune.name}</a>`);
    const epcis = group
      .map((item) => item.intercommunality)
      .sort((a, b) => collator.compare(a.name, b.name))
      .map((epci, index) => h`${index > 0 ? ', ' : ''}<a href="${pages.intercommunality(epci.siren)}">${epci.name}</a>`);
    events.push({
      date: first.signedOn,
      body:
        first.type === 'ort'
          ? h`Signature des ${number(group.length)} conventions d’opération de revitalisation de territoire (ORT), une par intercommunalité : ${epcis}.`
          : h`${group.length > 1 ? `Conventions d’adhésion de ${number(group.length)} villes` : 'Convention d’adhésion'} : ${towns}.`,
      notes: distinct(group.flatMap((item) => item.notes.filter((entry) => entry.field === 'signedOn'))),
      sources: [...citedSources(group.map((item) => item.sources))],
    });
  }
  // The programme's other dated events (national facts, sources), in the curators' words.
  const covered = new Set(events.map((event) => event.date));
  for (const event of programme.timeline) {
    if (!covered.has(event.date))
      events.push({ date: event.date, body: h`<span lang="en">${event.event}</span>`, notes: [], sources: event.sources, other: true });
  }
  return events.sort((a, b) => a.date.localeCompare(b.date));
}

export function homePage(app: FastifyInstance, context: PageContext): string {
  const { dataset, origin } = context;
  const programme = read.programme(app);
  const towns = read.towns(app);
  const epcis = read.epcis(app);
  const memberCount = epcis.reduce((sum, epci) => sum + epci.memberCount, 0);
  const byPopulation = [...towns].sort((a, b) => b.population.municipal - a.population.municipal);

  const map = renderMap(
    {
      id: 'carte',
      title: `Carte des ${towns.length} petites villes de demain des ${programme.department.name}`,
      description: `Les ${epcis.length} intercommunalités (contours) et les ${towns.length} villes lauréates (points rouges) ; chacune mène à sa page.`,
      fit: epcis.map((epci) => epci.contour),
      margin: 0.02,
      maxAspect: 1.3,
      items: [
        ...neighbourAreas(epcis, undefined, true),
        ...towns.flatMap((town) =>
          town.contour ? [{ geometry: town.contour, className: 'town-area', title: town.name, code: town.code, href: pages.commune(town.code) }] : [],
        ),
        ...byPopulation.map((town) => townPoint(town, 'town', { radius: 6 })),
      ],
    },
    h`<ul class="legend"><li><span class="swatch swatch-town"></span>petite ville de demain</li><li><span class="swatch swatch-epci"></span>intercommunalité (une couleur chacune)</li></ul>
Contours simplifiés des intercommunalités (ANCT). Un clic sur une ville ou une intercommunalité mène à sa page.`,
  );

  const rows = [...towns]
    .sort((a, b) => collator.compare(a.name, b.name))
    .map(
      (town) =>
        h`<tr><td><a href="${pages.commune(town.code)}">${town.name}</a></td><td><a href="${pages.intercommunality(town.intercommunality.siren)}">${
          town.intercommunality.name
        }</a></td><td class="n">${number(town.population.municipal)}</td></tr>
`,
    );
  const epciList = [...epcis]
    .sort((a, b) => collator.compare(a.name, b.name))
    .map((epci) => {
      const laureates = list(towns.filter((town) => town.intercommunality.siren === epci.siren).map((town) => town.name));
      const across = epci.departments.length > 1 ? h`, à cheval sur ${list(epci.departments.map(department))}` : '';
      return h`<li><a href="${pages.intercommunality(epci.siren)}">${epci.name}</a> — ${number(epci.memberCount)} communes${across} ; ${laureates}</li>
`;
    });
  // A remark repeated on several dates (every adhesion's date has the same) is written once, then referred to.
  const written = new Map<string, { id: string; date: string }>();
  const remark = (item: NoteType, date: string): Html => {
    const first = written.get(item.text);
    if (first) {
      return h`<p class="note note-${item.status}"><strong class="flag">${noteStatus[item.status] ?? item.status}</strong> <a href="#${first.id}">même remarque qu’au ${dateText(first.date)}</a></p>
`;
    }
    const id = `remarque-${written.size + 1}`;
    written.set(item.text, { id, date });
    return anchoredNote(item, id);
  };
  const events = timeline(app).map((event) => {
    const cites =
      event.sources.length > 0
        ? h` <span class="cites muted">(source${event.sources.length > 1 ? 's' : ''} : ${event.sources.map(
            (id, index) => h`${index > 0 ? ', ' : ''}<a href="#source-${id}">${id}</a>`,
          )})</span>`
        : '';
    return h`<li${event.other ? h` class="other"` : ''}><span class="when">${time(event.date)}</span>${event.body}${cites}
${event.notes.map((item) => remark(item, event.date))}</li>
`;
  });
  const files = downloads.map(
    (download) =>
      h`<li><a href="${downloadPath(download.file)}" download>${download.file}</a> — ${downloadTitle(download)} <span class="muted">(${download.mediaType})</span></li>
`,
  );

  // The dataset for harvesters and search engines, as /v1/dataset serves it with Accept: application/ld+json;
  // `<` escaped so that no text of the data can close the element. A data block is not run: the CSP allows it.
  const jsonLd = h`<script type="application/ld+json">${raw(JSON.stringify(datasetJsonLd(dataset, origin)).replace(/</g, '\\u003c'))}</script>
`;

  const example = `${origin}/v1/communes?sort=-population&fields=name,population.municipal&limit=3`;
  const body = h`<h1>${dataset.title}</h1>
<p class="lead">Les ${towns.length} communes lauréates du programme Petites villes de demain dans les ${programme.department.name}, leurs ${epcis.length} intercommunalités et leurs ${number(
    memberCount,
  )} communes membres, les conventions signées, les mesures du programme et les financements : des données ouvertes dont chaque fait cite sa source.</p>
<div class="overview">
${map}
<section aria-labelledby="villes">
<h2 id="villes">Les ${towns.length} villes</h2>
<table>
<thead><tr><th scope="col">Commune</th><th scope="col">Intercommunalité</th><th scope="col" class="n">Habitants (${towns[0]?.population.referenceYear ?? ''})</th></tr></thead>
<tbody>
${rows}</tbody>
</table>
</section>
</div>

<h2 id="intercommunalites">Les ${epcis.length} intercommunalités</h2>
<ul>
${epciList}</ul>

<h2 id="calendrier">Le programme dans le département</h2>
<p>${programme.department.laureateCount} villes lauréates, ${programme.department.intercommunalityCount} intercommunalités, ${
    programme.department.ortConventionCount
  } conventions ORT. Les dates des conventions d’adhésion sont celles du fichier de l’ANCT.</p>
<ol class="timeline">
${events}</ol>

<h2 id="api">Utiliser l’API</h2>
<p>Les mêmes données, en JSON, CSV, GeoJSON ou NDJSON, sans clé ni inscription. Par exemple, les trois villes les plus peuplées :</p>
<pre><code>curl '${example}'</code></pre>
<p>Chaque page de ville ou d’intercommunalité donne son adresse dans l’API. Toutes les opérations : <a href="/docs">documentation interactive</a> et <a href="/openapi.json">document OpenAPI</a>.</p>

<h2 id="telechargements">Téléchargements</h2>
<ul>
${files}</ul>

<h2 id="sources">Sources</h2>
<p>${dataset.attribution}</p>
${sources(dataset, citedSources(dataset.sources.map((source) => ({ sources: [source.id] }))))}`;

  return layout(
    context,
    {
      path: '/',
      title: dataset.title,
      description: `Les ${towns.length} petites villes de demain des ${programme.department.name} sur une carte : ${list(
        towns.map((town) => town.name).sort(collator.compare),
      )}. Intercommunalités, conventions, calendrier, données ouvertes et API.`,
      alternate: '/v1/dataset',
      head: jsonLd,
    },
    body,
  );
}
