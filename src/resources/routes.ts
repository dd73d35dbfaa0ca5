// Routes of the single documents (/v1/programme, /v1/dataset) and of /health.
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { Dataset } from '../schemas/dataset.js';
import { Health } from '../schemas/list.js';
import { Programme } from '../schemas/programme.js';
import { problemMediaType } from '../http/problem.js';

const json = 'application/json; charset=utf-8';
const noQuery = Type.Object({}, { additionalProperties: false });
const badQuery = { description: 'This resource takes no query parameter.', content: { [problemMediaType]: { schema: Type.Ref('Problem') } } };

export function registerDocuments(app: FastifyInstance) {
  app.addSchema(Programme);
  app.addSchema(Dataset);
  app.addSchema(Health);

  app.get('/v1/programme', {
    schema: {
      operationId: 'getProgramme',
      tags: ['Programme'],
      summary: 'The programme, nationally and in the Hautes-Pyrénées',
      description: 'National facts (operator, period, launch, targets, laureate counts as each source states them), the département\'s facts, the strategy themes and a dated timeline. Where sources disagree, `notes` says so.',
      querystring: noQuery,
      response: { 200: { description: 'The programme.', content: { 'application/json': { schema: Type.Ref('Programme') } } }, 400: badQuery },
    },
  }, (_request, reply) => reply.type(json).send(app.document('programme')));

  app.get('/v1/dataset', {
    schema: {
      operationId: 'getDataset',
      tags: ['Dataset'],
      summary: 'Metadata: licence, sources, version, counts',
      description: 'The licence (Licence Ouverte 2.0), the publisher, how to credit, every source with its origin, the dataset version (a content hash of data/), the date of last change and the number of records of each collection.',
      querystring: noQuery,
      response: { 200: { description: 'The dataset metadata.', content: { 'application/json': { schema: Type.Ref('Dataset') } } }, 400: badQuery },
    },
  }, (_request, reply) => reply.type(json).send(app.document('dataset')));

  app.get('/health', {
    schema: {
      operationId: 'getHealth',
      tags: ['Service'],
      summary: 'Liveness and the dataset version',
      description: 'Answers 200 while the service runs with its database open.',
      querystring: noQuery,
      response: { 200: { description: 'The service is up.', content: { 'application/json': { schema: Type.Ref('Health') } } }, 400: badQuery },
    },
  }, (_request, reply) => reply.type(json).header('cache-control', 'no-store').send(JSON.stringify({ status: 'ok', version: app.dataset.version })));
}
