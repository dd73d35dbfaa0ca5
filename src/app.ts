// buildApp(): the application (plugins, documents, collections) without the process around it; tests inject into it.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import Fastify, { LogController, type FastifyServerOptions } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { loadConfig, trustProxy, type Config } from './config.js';
import database from './plugins/app/database.js';
import collectionRoutes from './routes/collections.js';
import cors from './plugins/external/cors.js';
import downloadRoutes from './routes/downloads.js';
import { registerLanding } from './routes/landing.js';
import problems from './plugins/app/problems.js';
import { rawProblem } from './formats/problem.js';
import { maxUrlLength } from './routes/responses.js';
import { registerPages } from './routes/pages.js';
import rateLimit from './plugins/external/rate-limit.js';
import representation from './plugins/app/representation.js';
import security from './plugins/external/helmet.js';
import swagger from './plugins/external/swagger.js';
import { collections } from './resources/index.js';
import documentRoutes, { documentSchemas } from './routes/documents.js';
import { Problem } from './schemas/problem.js';
import { ListLinks, ListMeta, ListOf } from './schemas/list.js';
import { Sparse } from './schemas/sparse.js';
import { documentedGeoJsonSchemas } from './formats/geojson.js';
import { apiPrefix } from './resources/links.js';

export type HttpSettings = Pick<Config, 'CACHE_MAX_AGE' | 'RATE_LIMIT_MAX' | 'RATE_LIMIT_WINDOW' | 'TRUST_PROXY' | 'RESPONSE_CACHE_BYTES' | 'REQUEST_TIMEOUT'>;

export interface AppOptions {
  databasePath: string;
  logger?: FastifyServerOptions['logger'];
  /** HTTP settings; each defaults to the default of its environment variable. */
  settings?: Partial<HttpSettings>;
}

/** The client's X-Request-Id when it is a reasonable token, else a new UUID. */
function requestId(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && /^[\w.:@/+-]{1,128}$/.test(given) ? given : randomUUID();
}

export async function buildApp(options: AppOptions) {
  const settings = { ...loadConfig({}), ...options.settings };
  const app = Fastify({
    logger: options.logger ?? false,
    genReqId: requestId,
    logController: new LogController({ requestIdLogLabel: 'requestId' }),
    trustProxy: trustProxy(settings.TRUST_PROXY),
    requestTimeout: settings.REQUEST_TIMEOUT,
    // Node checks request timeouts every 30 s by default, far coarser than the timeout itself.
    http: { connectionsCheckingInterval: Math.min(1000, settings.REQUEST_TIMEOUT) },
    connectionTimeout: settings.REQUEST_TIMEOUT * 2,
    bodyLimit: 1024,
    // On close, requests already on an open connection are answered, not refused with 503.
    return503OnClosing: false,
    routerOptions: { maxParamLength: 200 },
    // Every route answers HEAD as it answers GET.
    exposeHeadRoutes: true,
    // What Node's parser rejects (oversized headers, malformed requests) still gets a problem document.
    clientErrorHandler: (error, socket) => {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ECONNRESET' || !socket.writable) return socket.destroy();
      if (code === 'HPE_HEADER_OVERFLOW') return socket.end(rawProblem(431, 'The request headers are larger than 16 KB.'));
      if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return socket.end(rawProblem(408, `The request was not complete within ${settings.REQUEST_TIMEOUT} ms.`));
      socket.end(rawProblem(400, 'The request could not be parsed as HTTP.'));
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  // Routes send text already serialised (stored JSON, CSV…); their response schemas document, so no
  // serialiser is compiled for them.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  // Security headers and the request id first: every answer carries them, the errors of the next hooks included.
  await app.register(security);
  await app.register(problems, { maxUrlLength });
  await app.register(cors);
  await app.register(rateLimit, { max: settings.RATE_LIMIT_MAX, windowMs: settings.RATE_LIMIT_WINDOW });
  await app.register(database, { databasePath: options.databasePath });
  await app.register(representation, { maxAge: settings.CACHE_MAX_AGE, cacheBytes: settings.RESPONSE_CACHE_BYTES });
  await app.register(swagger);
  // Shared schemas on the root instance, where the OpenAPI document collects them.
  for (const schema of [Problem, ListMeta, ListLinks, ...documentSchemas]) app.addSchema(schema);
  for (const collection of collections) {
    app.addSchema(collection.schema);
    app.addSchema(Sparse(collection.schema, collection.id.name));
    app.addSchema(ListOf(collection.schema));
    if (collection.geometry) {
      const { feature, featureCollection } = documentedGeoJsonSchemas(collection);
      app.addSchema(feature);
      app.addSchema(featureCollection);
    }
  }
  await app.register(documentRoutes, { root: true });
  await app.register(
    async (v1) => {
      await v1.register(documentRoutes, { root: false });
      await v1.register(collectionRoutes, { collections });
    },
    { prefix: apiPrefix },
  );
  await app.register(downloadRoutes);
  registerLanding(app);
  registerPages(app);
  return app;
}
