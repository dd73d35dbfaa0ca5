// `/`: a page for people who arrive with a browser (Accept asks for HTML; src/pages/home.ts), and an index of links for programs.
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { Dataset, type DatasetType } from '../resources/documents.js';
import { HttpProblem, problemExample } from '../formats/problem.js';
import { failure, parameterValidation } from '../query/validation.js';
import { commonProblems, notModified, ok, problem } from './responses.js';
import { homePage } from '../pages/home.js';
import { pageContext } from './pages.js';
import { chooseMediaType, type MediaOffer } from '../formats/negotiation.js';

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

const Index = Type.Object(
  {
    title: Dataset.properties.title,
    description: Dataset.properties.description,
    version: Dataset.properties.version,
    licence: Dataset.properties.licence,
    links: Type.Object(
      {
        ...Dataset.properties.links.properties,
        downloads: Type.Array(Type.String({ description: 'Path of a file to download.' }), { description: 'Every file to download.' }),
      },
      { additionalProperties: false, description: 'This page, every resource and every download.' },
    ),
  },
  { additionalProperties: false, description: 'Title, version, licence and links to every resource.' },
);

const notAcceptable = () => new HttpProblem(406, 'The home page is available as text/html or application/json.');

const noParameters = parameterValidation({});

/** The home page's representations; the JSON index is the default. */
const offer: MediaOffer = { types: ['application/json', 'text/html'], fallbacks: [] };

export function registerLanding(app: FastifyInstance) {
  app.get(
    '/',
    {
      validatorCompiler: noParameters.validatorCompiler,
      config: { offer, perOrigin: true },
      schema: {
        operationId: 'getIndex',
        tags: ['Service'],
        summary: 'Home: a web page for browsers, an index of links for programs',
        description:
          'With `Accept: text/html` (a browser), a page in French presenting the dataset: a map of the 14 towns and 8 intercommunalities, the timeline, the downloads; otherwise a JSON index of the resources.',
        ...noParameters.schemas,
        response: {
          200: ok('The home page or the index.', {
            'text/html': { schema: Type.String({ description: 'HTML page.' }) },
            'application/json': { schema: Index },
          }),
          304: notModified,
          400: problem('The home page takes no query parameter.', () => problemExample('/?lang=en', () => failure({}, { lang: 'en' }))),
          406: problem('Neither HTML nor JSON is acceptable.', () =>
            problemExample('/', () => {
              throw notAcceptable();
            }),
          ),
          ...commonProblems('/'),
        },
      },
    },
    (request, reply) => {
      const type = chooseMediaType(request.headers.accept, offer);
      if (type === 'text/html') return reply.represent({ type: 'text/html; charset=utf-8', body: homePage(app, pageContext(app, request)) });
      if (type === 'application/json') return reply.represent({ type: 'application/json; charset=utf-8', body: index(app) });
      throw notAcceptable();
    },
  );
}
