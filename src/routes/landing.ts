// `/`: a page for people who arrive with a browser (Accept asks for HTML), and an index of links for programs.
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import escapeHtml from 'escape-html';
import { allItems } from '../query/sql.js';
import { communes } from '../resources/communes.js';
import { downloadPath, downloads } from '../resources/download-files.js';
import type { DatasetType } from '../schemas/dataset.js';
import type { CommuneType } from '../schemas/commune.js';
import { HttpProblem, problemExample, problemMediaType } from '../plugins/app/problems.js';
import { chooseMediaType, type MediaOffer } from '../plugins/app/negotiation.js';

function page(app: FastifyInstance): string {
  const dataset = JSON.parse(app.document('dataset')) as DatasetType;
  const towns = allItems(app.db, communes).map((item) => JSON.parse(item) as CommuneType);
  const rows = towns
    .map(
      (town) =>
        `<tr><td><a href="${escapeHtml(town.links.self)}">${escapeHtml(town.name)}</a></td><td>${escapeHtml(town.code)}</td><td><a href="${escapeHtml(town.links.intercommunality)}">${escapeHtml(town.intercommunality.name)}</a></td><td class="n">${town.population.municipal.toLocaleString('fr-FR')}</td></tr>`,
    )
    .join('\n');
  const files = downloads
    .map((download) => `<li><a href="${downloadPath(download.file)}">${escapeHtml(download.file)}</a> — ${escapeHtml(download.title)}</li>`)
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${escapeHtml(dataset.title)} — open-data API</title>
<style>
body { font: 16px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #1e1e1e; }
h1 { font-size: 1.6rem; } table { border-collapse: collapse; width: 100%; } td, th { padding: .3rem .6rem; border-bottom: 1px solid #ddd; text-align: left; }
.n { text-align: right; } code { background: #f3f3f3; padding: 0 .2rem; } nav a { margin-right: 1rem; }
</style>
</head>
<body>
<h1>${escapeHtml(dataset.title)}</h1>
<p>${escapeHtml(dataset.description)}</p>
<nav><a href="/docs">API documentation (Swagger UI)</a><a href="/openapi.json">OpenAPI</a><a href="/v1/dataset">Sources and metadata</a><a href="${escapeHtml(dataset.licence.url)}">Licence: ${escapeHtml(dataset.licence.name)}</a></nav>
<h2>The ${towns.length} laureate towns</h2>
<table>
<thead><tr><th>Commune</th><th>INSEE code</th><th>Intercommunality</th><th class="n">Population (2023)</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<h2>Try it</h2>
<p><code>curl ${escapeHtml('https://<this host>/v1/communes?fields=name,population.municipal')}</code></p>
<h2>Downloads</h2>
<ul>
${files}
</ul>
<p>Data under the ${escapeHtml(dataset.licence.name)} (<code>${escapeHtml(dataset.licence.id)}</code>). ${escapeHtml(dataset.attribution)} Version <code>${escapeHtml(dataset.version)}</code>, last changed ${escapeHtml(dataset.modified)}.</p>
</body>
</html>
`;
}

function index(app: FastifyInstance): string {
  const dataset = JSON.parse(app.document('dataset')) as DatasetType;
  return JSON.stringify({
    title: dataset.title,
    description: dataset.description,
    version: dataset.version,
    licence: dataset.licence,
    links: { ...dataset.links, self: '/', downloads: dataset.downloads.map((download) => download.url) },
  });
}

/** The home page's representations; the JSON index is the default. */
const offer: MediaOffer = { types: ['application/json', 'text/html'] };

const notAcceptable = () => new HttpProblem(406, 'The home page is available as text/html or application/json.');

export function registerLanding(app: FastifyInstance) {
  app.get(
    '/',
    {
      config: { offer },
      schema: {
        operationId: 'getIndex',
        tags: ['Service'],
        summary: 'Home: a web page for browsers, an index of links for programs',
        description:
          'With `Accept: text/html` (a browser), a page presenting the dataset, the 14 towns and the downloads; otherwise a JSON index of the resources.',
        querystring: Type.Object({}, { additionalProperties: false }),
        response: {
          200: {
            description: 'The home page or the index.',
            content: {
              'text/html': { schema: Type.String({ description: 'HTML page.' }) },
              'application/json': {
                schema: Type.Object({}, { additionalProperties: true, description: 'Title, version, licence and links to every resource.' }),
              },
            },
          },
          406: {
            description: 'Neither HTML nor JSON is acceptable.',
            content: {
              [problemMediaType]: {
                schema: Type.Ref('Problem'),
                example: problemExample('/', () => {
                  throw notAcceptable();
                }),
              },
            },
          },
        },
      },
    },
    (request, reply) => {
      const type = chooseMediaType(request.headers.accept, offer);
      if (type === 'text/html') return reply.type('text/html; charset=utf-8').send(page(app));
      if (type === 'application/json') return reply.type('application/json; charset=utf-8').send(index(app));
      throw notAcceptable();
    },
  );
}
