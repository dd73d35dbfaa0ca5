// Routes of the single documents: /v1/programme, /v1/dataset and /health.
import type { FastifyInstance } from 'fastify';
import { Type, type TObject } from '@sinclair/typebox';
import { Dataset } from '../schemas/dataset.js';
import { Health } from '../schemas/list.js';
import { Programme } from '../schemas/programme.js';
import { badRequest, problemExample, problemMediaType, unknownParameter } from '../plugins/app/problems.js';

const json = 'application/json; charset=utf-8';
const noQuery = Type.Object({}, { additionalProperties: false });
const badQuery = (url: string) => ({
  description: 'This resource takes no query parameter.',
  content: {
    [problemMediaType]: {
      schema: Type.Ref('Problem'),
      example: problemExample(`${url}?limit=10`, () => {
        throw badRequest([unknownParameter('limit')]);
      }),
    },
  },
});

interface SingleDocument {
  url: string;
  schema: TObject & { $id?: string };
  operationId: string;
  tag: string;
  summary: string;
  description: string;
  /** The body, as JSON text. */
  body: (app: FastifyInstance) => string;
  cacheControl?: string;
}

const documents: SingleDocument[] = [
  {
    url: '/v1/programme',
    schema: Programme,
    operationId: 'getProgramme',
    tag: 'Programme',
    summary: 'The programme, nationally and in the Hautes-Pyrénées',
    description:
      "National facts (operator, period, launch, targets, laureate counts as each source states them), the département's facts, the strategy themes and a dated timeline. Where sources disagree, `notes` says so.",
    body: (app) => app.document('programme'),
  },
  {
    url: '/v1/dataset',
    schema: Dataset,
    operationId: 'getDataset',
    tag: 'Dataset',
    summary: 'Metadata: licence, sources, version, counts, downloads',
    description:
      'The licence (Licence Ouverte 2.0), the publisher, how to credit, every source with its origin, the dataset version (a content hash of data/), the date of last change, the number of records of each collection and the files to download.',
    body: (app) => app.document('dataset'),
  },
  {
    url: '/health',
    schema: Health,
    operationId: 'getHealth',
    tag: 'Service',
    summary: 'Liveness and the dataset version',
    description: 'Answers 200 while the service runs with its database open. Never cached.',
    body: (app) => JSON.stringify({ status: 'ok', version: app.dataset.version }),
    cacheControl: 'no-store',
  },
];

export function registerDocuments(app: FastifyInstance) {
  for (const document of documents) {
    app.addSchema(document.schema);
    app.get(
      document.url,
      {
        schema: {
          operationId: document.operationId,
          tags: [document.tag],
          summary: document.summary,
          description: document.description,
          querystring: noQuery,
          response: {
            200: {
              description: document.summary,
              content: { 'application/json': { schema: Type.Ref(document.schema.$id as string), example: JSON.parse(document.body(app)) } },
            },
            400: badQuery(document.url),
          },
        },
      },
      (_request, reply) => {
        if (document.cacheControl) reply.header('cache-control', document.cacheControl);
        return reply.type(json).send(document.body(app));
      },
    );
  }
}
