// Routes of the single documents: /v1/programme and /v1/dataset (registered under the API prefix), and /health.
import type { FastifyInstance } from 'fastify';
import { Type, type TObject } from '@sinclair/typebox';
import { Dataset, Programme } from '../resources/documents.js';
import { Health } from '../schemas/list.js';
import { problemExample } from '../formats/problem.js';
import { failure, parameterValidation } from '../query/validation.js';
import { apiPrefix } from '../resources/links.js';
import { commonProblems, notModified, ok, problem } from './responses.js';

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
}

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
    app.get(
      document.url,
      {
        validatorCompiler: noParameters.validatorCompiler,
        schema: {
          operationId: document.operationId,
          tags: [document.tag],
          summary: document.summary,
          description: document.description,
          ...noParameters.schemas,
          response: {
            200: ok(document.summary, { 'application/json': { schema: Type.Ref(document.schema.$id as string), example: JSON.parse(document.body(app)) } }),
            304: notModified,
            400: problem(
              'This resource takes no query parameter.',
              problemExample(`${path}?limit=10`, () => failure({}, { limit: '10' })),
            ),
            ...commonProblems(path),
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

/** The schemas of the single documents, for the app to add to the root. */
export const documentSchemas = documents.map((document) => document.schema);
