// OpenAPI document and Swagger UI (https://github.com/fastify/fastify-swagger, https://github.com/fastify/fastify-swagger-ui).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { projectRoot } from '../../config.js';

const { version } = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string };

const description = `Open data on the « Petites villes de demain » programme in the Hautes-Pyrénées: the 14 laureate towns, their 8 intercommunalities and every member commune, the conventions signed, the programme's key measures and links to funding.

Identifiers are the official ones (INSEE code for communes, SIREN for intercommunalities), so joins with geo.api.gouv.fr, INSEE, DGCL or data.gouv.fr need no mapping. Every record names its \`sources\` (listed in \`/v1/dataset\`) and its \`links\`; uncertain facts are marked in \`notes\`.

Every list takes the same grammar: declared filters (a comma-separated list means any of them), \`q\` (search insensitive to case and accents), \`sort\`, \`fields\`, \`limit\`/\`offset\`, and \`format\` (json, csv, ndjson, and geojson where items have a geometry). Errors are RFC 9457 problem documents.

Data: Licence Ouverte / Open Licence 2.0 (etalab-2.0), with attribution to its sources.`;

async function swaggerPlugin(app: FastifyInstance) {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Petites villes de demain — Hautes-Pyrénées',
        version,
        description,
        license: { name: 'Data: Licence Ouverte 2.0; code: MIT', identifier: 'etalab-2.0' },
        contact: { name: 'PVD 65 open-data API project' },
      },
      // Root-relative, so that "Try it out" calls the origin the page was loaded from.
      servers: [{ url: '/' }],
      tags: [
        { name: 'Communes', description: 'The 14 laureate towns.' },
        { name: 'Intercommunalities', description: 'Their 8 intercommunalities and every member commune.' },
        { name: 'Conventions', description: "Conventions d'adhésion and ORT conventions." },
        { name: 'Measures', description: "The programme's key measures." },
        { name: 'Funding links', description: "Where to find funding and the programme's resources." },
        { name: 'Programme', description: 'The programme, nationally and in the département.' },
        { name: 'Dataset', description: 'Licence, sources, version.' },
        { name: 'Service', description: 'Health of the service.' },
      ],
    },
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, index) => (typeof json.$id === 'string' ? json.$id : `def-${index}`),
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { docExpansion: 'list', deepLinking: true, tryItOutEnabled: false } });

  app.get('/openapi.json', { schema: { hide: true } }, (_request, reply) => reply.type('application/json; charset=utf-8').send(JSON.stringify(app.swagger())));
  app.get('/openapi.yaml', { schema: { hide: true } }, (_request, reply) => reply.type('application/yaml; charset=utf-8').send(app.swagger({ yaml: true })));
}

export default fp(swaggerPlugin, { name: 'swagger' });
