// OpenAPI document and Swagger UI (https://github.com/fastify/fastify-swagger, https://github.com/fastify/fastify-swagger-ui).
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Document, visit } from 'yaml';
import { projectRoot } from '../../config.js';
import { collections } from '../../resources/index.js';

const { version } = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string };

const description = `Open data on the « Petites villes de demain » programme in the Hautes-Pyrénées: the 14 laureate towns, their 8 intercommunalities and every member commune, the conventions signed, the programme's key measures and links to funding.

Identifiers are the official ones (INSEE code for communes, SIREN for intercommunalities), so joins with geo.api.gouv.fr, INSEE, DGCL or data.gouv.fr need no mapping. Every record names its \`sources\` (listed in \`/v1/dataset\`) and its \`links\`; uncertain facts are marked in \`notes\`.

Every list takes the same grammar: declared filters (a comma-separated list means any of them), \`q\` (search insensitive to case and accents), \`sort\`, \`fields\`, \`limit\`/\`offset\`, and \`format\` (json, csv, ndjson, and geojson where items have a geometry). Errors are RFC 9457 problem documents.

Data: Licence Ouverte / Open Licence 2.0 (etalab-2.0), with attribution to its sources.

This document lists every operation of the API, the home page and the downloads. The service's own documents are deliberately left out of it: this document itself (\`/openapi.json\`, \`/openapi.yaml\`) and Swagger UI (\`/docs\`). The API is read-only, so only GET (and HEAD, answered as GET without a body) is listed: any other method on a path that exists gets 405 with \`Allow: GET, HEAD, OPTIONS\`, and OPTIONS is the CORS preflight (204). Requests the HTTP parser rejects before any route (headers over 16 KB: 431; a request not sent within REQUEST_TIMEOUT: 408; malformed HTTP: 400) get a problem document too.`;

const title = 'Petites villes de demain — Hautes-Pyrénées';

/** The folder of Swagger UI's static files in @fastify/swagger-ui. */
const swaggerUiStatic = join(dirname(createRequire(import.meta.url).resolve('@fastify/swagger-ui')), 'static');
const staticTypes: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

async function swaggerPlugin(app: FastifyInstance) {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title,
        version,
        description,
        license: { name: 'Data: Licence Ouverte 2.0; code: MIT', identifier: 'etalab-2.0' },
        contact: { name: 'PVD 65 open-data API project' },
      },
      // Root-relative, so that "Try it out" calls the origin the page was loaded from.
      servers: [{ url: '/' }],
      tags: [
        // One tag per declared collection's tag, described by the first collection that has it.
        ...[...new Set(collections.map((collection) => collection.tag))].map((name) => ({
          name,
          description: String(collections.find((collection) => collection.tag === name)?.schema.description ?? ''),
        })),
        { name: 'Programme', description: 'The programme, nationally and in the département.' },
        { name: 'Dataset', description: 'Licence, sources, version, and the files to download.' },
        { name: 'Service', description: 'The home page and the health of the service.' },
      ],
    },
    transformObject: (document) => requiredHeaders(('openapiObject' in document ? document.openapiObject : {}) as OpenApiDocument),
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, index) => (typeof json.$id === 'string' ? json.$id : `def-${index}`),
    },
  });
  // Swagger UI's routes send their answers themselves: in a context of their own, whose onSend hook represents them
  // like every answer (validators, caching headers, compression, the response cache).
  // BaseLayout: no top bar (it would show Fastify's logo and the /docs/json address); the title is the API's.
  await app.register(async (ui) => {
    ui.addHook('onSend', app.representSent);
    await ui.register(swaggerUi, {
      routePrefix: '/docs',
      uiConfig: { docExpansion: 'list', deepLinking: true, tryItOutEnabled: false, layout: 'BaseLayout' },
      theme: { title: `${title} — API documentation` },
    });
  });

  // Swagger UI's files from memory, through the representation plugin like every answer: strong ETags of their bytes,
  // the dataset's Last-Modified, Cache-Control and Vary, compression. Served by @fastify/static from node_modules, they
  // had validators made of each file's modification time (`W/"size-mtime"`), that is of the time `npm ci` ran, so two
  // images built from the same commit disagreed behind one CDN; and `max-age=0`, no Vary, no compression (1.6 MB of JS).
  // These static routes win over @fastify/static's `/docs/static/*`.
  for (const file of readdirSync(swaggerUiStatic)) {
    const type = staticTypes[extname(file)];
    // index.html is swagger-ui's own route (a redirect to /docs/).
    if (!type || file === 'index.html') continue;
    // Read on its first request (1.6 MB that start-up need not load), then kept.
    let body: Buffer | undefined;
    app.get(`/docs/static/${file}`, { schema: { hide: true } }, (_request, reply) =>
      reply.represent({ type, body: (body ??= readFileSync(join(swaggerUiStatic, file))) }),
    );
  }

  app.get('/openapi.json', { schema: { hide: true } }, (_request, reply) =>
    reply.represent({ type: 'application/json; charset=utf-8', body: JSON.stringify(app.swagger()) }),
  );
  app.get('/openapi.yaml', { schema: { hide: true } }, (_request, reply) =>
    reply.represent({ type: 'application/yaml; charset=utf-8', body: openapiYaml(app.swagger()) }),
  );
}

/** Strings a YAML 1.1 reader could take for something else: dates, numbers (sexagesimal, octal…), booleans such as `yes` or `on`, null. */
const ambiguousIn11 = /^(?:[-+.~0-9]|(?:y|n|yes|no|on|off|true|false|null)$)/i;

/**
 * The document as YAML that YAML 1.1 readers (js-yaml's default schema, PyYAML) read as YAML 1.2 readers do:
 * every string that YAML 1.1 would read as a date, a number or a boolean is quoted.
 */
export function openapiYaml(document: object): string {
  const yaml = new Document(document);
  visit(yaml, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && ambiguousIn11.test(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  return yaml.toString();
}

type OpenApiDocument = {
  paths?: Record<string, Record<string, { responses?: Record<string, { headers?: Record<string, { schema: Record<string, unknown>; required?: boolean }> }> }>>;
};

/** Headers the routes mark `x-required` in their schema become `required: true` headers, as OpenAPI says it. */
function requiredHeaders(document: OpenApiDocument): Record<string, unknown> {
  for (const operations of Object.values(document.paths ?? {})) {
    for (const operation of Object.values(operations)) {
      for (const response of Object.values(operation.responses ?? {})) {
        for (const header of Object.values(response.headers ?? {})) {
          if (header.schema['x-required'] === true) header.required = true;
          delete header.schema['x-required'];
        }
      }
    }
  }
  return document;
}

export default fp(swaggerPlugin, { name: 'swagger', dependencies: ['representation'] });
