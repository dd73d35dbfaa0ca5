// `/`: a page for people who arrive with a browser (Accept asks for HTML; src/pages/home.ts), and an index of links for programs.
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import Negotiator from 'negotiator';
import type { DatasetType } from '../schemas/dataset.js';
import { homePage } from '../pages/home.js';
import { pageContext } from './pages.js';
import { HttpProblem, problemExample, problemMediaType } from '../plugins/app/problems.js';

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

const notAcceptable = () => new HttpProblem(406, 'The home page is available as text/html or application/json.');

export function registerLanding(app: FastifyInstance) {
  app.get(
    '/',
    {
      schema: {
        operationId: 'getIndex',
        tags: ['Service'],
        summary: 'Home: a web page for browsers, an index of links for programs',
        description:
          'With `Accept: text/html` (a browser), a page in French presenting the dataset: a map of the 14 towns and 8 intercommunalities, the timeline, the downloads; otherwise a JSON index of the resources.',
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
      const type = request.headers.accept ? new Negotiator(request.raw).mediaType(['application/json', 'text/html']) : 'application/json';
      if (type === 'text/html') return reply.type('text/html; charset=utf-8').send(homePage(app, pageContext(app, request)));
      if (type === 'application/json') return reply.type('application/json; charset=utf-8').send(index(app));
      throw notAcceptable();
    },
  );
}
