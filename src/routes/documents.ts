// Routes of the single documents: /v1/programme, /v1/dataset and /health.
import type { FastifyInstance } from 'fastify';
import { Type, type TObject } from '@sinclair/typebox';
import { Dataset } from '../schemas/dataset.js';
import { Health } from '../schemas/list.js';
import { Programme } from '../schemas/programme.js';
import { badRequest, problemExample, problemMediaType, unknownParameter } from '../plugins/app/problems.js';
import Negotiator from 'negotiator';
import type { FastifyRequest } from 'fastify';
import { datasetJsonLd, jsonLdMediaType } from '../formats/json-ld.js';
import type { DatasetType } from '../schemas/dataset.js';

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
  /** Another representation, chosen by Accept: its media type, its body for a request, and a description. */
  alternate?: {
    type: string;
    body: (app: FastifyInstance, request: FastifyRequest) => string;
    example: (app: FastifyInstance) => unknown;
    description: string;
  };
}

/** The origin the client used (behind a proxy: as TRUST_PROXY allows reading it). */
const originOf = (request: FastifyRequest) => `${request.protocol}://${request.host}`;

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
    alternate: {
      type: jsonLdMediaType,
      body: (app, request) => JSON.stringify(datasetJsonLd(JSON.parse(app.document('dataset')) as DatasetType, originOf(request))),
      example: (app) => datasetJsonLd(JSON.parse(app.document('dataset')) as DatasetType, 'https://pvd65.example.org'),
      description:
        'With `Accept: application/ld+json`: a schema.org `Dataset` in JSON-LD, for data.gouv.fr harvesting and dataset search engines: licence, publisher, date modified, version, keywords, spatial coverage, every download as a `DataDownload` (absolute `contentUrl`), every source in `isBasedOn`.',
    },
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
              description: document.alternate ? `${document.summary}. ${document.alternate.description}` : document.summary,
              content: {
                'application/json': { schema: Type.Ref(document.schema.$id as string), example: JSON.parse(document.body(app)) },
                ...(document.alternate
                  ? {
                      [document.alternate.type]: {
                        schema: Type.Object({}, { additionalProperties: true, description: document.alternate.description }),
                        example: document.alternate.example(app),
                      },
                    }
                  : {}),
              },
            },
            400: badQuery(document.url),
          },
        },
      },
      (request, reply) => {
        if (document.cacheControl) reply.header('cache-control', document.cacheControl);
        const { alternate } = document;
        if (alternate) {
          reply.header('link', `<${document.url}>; rel="alternate"; type="${alternate.type}"`);
          if (request.headers.accept && new Negotiator(request.raw).mediaType(['application/json', alternate.type]) === alternate.type) {
            // Absolute URLs depend on the Host the client used: revalidated each time (ETag), never kept in the shared response cache.
            return reply.header('cache-control', 'no-cache').type(`${alternate.type}; charset=utf-8`).send(alternate.body(app, request));
          }
        }
        return reply.type(json).send(document.body(app));
      },
    );
  }
}
