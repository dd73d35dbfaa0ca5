// Routes of the single documents: /v1/programme and /v1/dataset (registered under the API prefix), and /health.
import type { FastifyInstance } from 'fastify';
import { Type, type TObject } from '@sinclair/typebox';
import { Dataset, Programme } from '../resources/documents.js';
import { Health } from '../schemas/list.js';
import { problemExample } from '../formats/problem.js';
import { failure, parameterValidation } from '../query/validation.js';
import { apiPrefix } from '../resources/links.js';
import { commonProblems, notModified, ok, problem } from './responses.js';
import { chooseMediaType, type MediaOffer } from '../formats/negotiation.js';
import type { FastifyRequest } from 'fastify';
import { DatasetJsonLd, datasetJsonLd, jsonLdMediaType } from '../formats/json-ld.js';
import type { DatasetType } from '../resources/documents.js';

const json = 'application/json; charset=utf-8';
const noParameters = parameterValidation({});

interface SingleDocument {
  /** Path, under the API prefix unless `root`. */
  url: string;
  root?: boolean;
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
    url: '/programme',
    schema: Programme,
    operationId: 'getProgramme',
    tag: 'Programme',
    summary: 'The programme, nationally and in the Hautes-Pyrénées',
    description:
      "National facts (operator, period, launch, targets, laureate counts as each source states them), the département's facts, the strategy themes and a dated timeline. Where sources disagree, `notes` says so.",
    body: (app) => app.document('programme'),
  },
  {
    url: '/dataset',
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
    root: true,
    schema: Health,
    operationId: 'getHealth',
    tag: 'Service',
    summary: 'Liveness and the dataset version',
    description: 'Answers 200 while the service runs with its database open. Never cached.',
    body: (app) => JSON.stringify({ status: 'ok', version: app.dataset.version }),
    cacheControl: 'no-store',
  },
];

/** The single documents: those under the API prefix when `root` is false, /health when true. */
export default async function documentRoutes(app: FastifyInstance, options: { root: boolean }) {
  for (const document of documents.filter((candidate) => Boolean(candidate.root) === options.root)) {
    const path = `${options.root ? '' : apiPrefix}${document.url}`;
    const { alternate } = document;
    const offer: MediaOffer | undefined = alternate && { types: ['application/json', alternate.type], fallbacks: [] };
    app.get(
      document.url,
      {
        validatorCompiler: noParameters.validatorCompiler,
        // The response cache negotiates Accept against the same offer as the handler below.
        ...(offer ? { config: { offer } } : {}),
        schema: {
          operationId: document.operationId,
          tags: [document.tag],
          summary: document.summary,
          description: document.description,
          ...noParameters.schemas,
          response: {
            200: ok(alternate ? `${document.summary}. ${alternate.description}` : document.summary, {
              'application/json': { schema: Type.Ref(document.schema.$id as string), example: () => JSON.parse(document.body(app)) },
              ...(alternate ? { [alternate.type]: { schema: DatasetJsonLd, example: () => alternate.example(app) } } : {}),
            }),
            304: notModified,
            400: problem('This resource takes no query parameter.', () => problemExample(`${path}?limit=10`, () => failure({}, { limit: '10' }))),
            ...commonProblems(path),
          },
        },
      },
      (request, reply) => {
        const cacheControl = document.cacheControl ? { cacheControl: document.cacheControl } : {};
        if (!alternate || !offer) return reply.represent({ type: json, body: document.body(app), ...cacheControl });
        const headers = { link: `<${path}>; rel="alternate"; type="${alternate.type}"` };
        if (chooseMediaType(request.headers.accept, offer) === alternate.type) {
          // Absolute URLs depend on the Host the client used: revalidated each time (ETag), never kept in the shared response cache.
          return reply.represent({ type: `${alternate.type}; charset=utf-8`, body: alternate.body(app, request), headers, cacheControl: 'no-cache' });
        }
        return reply.represent({ type: json, body: document.body(app), headers, ...cacheControl });
      },
    );
  }
}

/** The schemas of the single documents, for the app to add to the root. */
export const documentSchemas = documents.map((document) => document.schema);
