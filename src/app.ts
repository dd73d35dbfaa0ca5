// buildApp(): the application (plugins, documents, collections) without the process around it; tests inject into it.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import Fastify, { LogController, type FastifyServerOptions } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { loadConfig, trustProxy, type Config } from './config.js';
import type { Socket } from 'node:net';
import accessLog, { requestIdLogLabel, requestLogger } from './plugins/app/access-log.js';
import database from './plugins/app/database.js';
import problems, { frameworkErrors, requestChecks } from './plugins/app/problems.js';
import representation from './plugins/app/representation.js';
import cors from './plugins/external/cors.js';
import security, { everyResponseHeaders } from './plugins/external/helmet.js';
import rateLimit, { rateLimitHeaders, tooManyRequests } from './plugins/external/rate-limit.js';
import swagger from './plugins/external/swagger.js';
import collectionRoutes from './routes/collections.js';
import documentRoutes, { documentSchemas } from './routes/documents.js';
import downloadRoutes from './routes/downloads.js';
import { registerLanding } from './routes/landing.js';
import { registerPages } from './routes/pages.js';
import { rawProblem } from './formats/problem.js';
import { documentedGeoJsonSchemas } from './formats/geojson.js';
import { collections } from './resources/index.js';
import { apiPrefix } from './resources/links.js';
import { Problem } from './schemas/problem.js';
import { ListLinks, ListMeta, ListOf } from './schemas/list.js';
import { Sparse } from './schemas/sparse.js';

export type HttpSettings = Pick<
  Config,
  | 'CACHE_MAX_AGE'
  | 'RATE_LIMIT_MAX'
  | 'RATE_LIMIT_WINDOW'
  | 'TRUST_PROXY'
  | 'RESPONSE_CACHE_BYTES'
  | 'REQUEST_TIMEOUT'
  | 'KEEP_ALIVE_TIMEOUT'
  | 'MAX_CONNECTIONS'
>;

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

/** What Node's HTTP parser rejects, before any request exists: status and detail of its problem. */
function parserProblem(code: string | undefined, requestTimeout: number): [number, string] {
  if (code === 'HPE_HEADER_OVERFLOW') return [431, 'The request headers are larger than 16 KB.'];
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return [408, `The request was not complete within ${requestTimeout} ms.`];
  return [400, 'The request could not be parsed as HTTP.'];
}

export async function buildApp(options: AppOptions) {
  const settings = { ...loadConfig({}), ...options.settings };
  const trust = trustProxy(settings.TRUST_PROXY);
  let routing: (request: IncomingMessage, response: ServerResponse) => void = () => undefined;
  const app = Fastify({
    logger: options.logger ?? false,
    genReqId: requestId,
    // One line per request (plugins/app/access-log.ts) rather than Fastify's two.
    logController: new LogController({ requestIdLogLabel, disableRequestLogging: true }),
    childLoggerFactory: requestLogger,
    trustProxy: trust,
    requestTimeout: settings.REQUEST_TIMEOUT,
    // Idle keep-alive connections close after KEEP_ALIVE_TIMEOUT; headers, like the whole request, must arrive
    // within REQUEST_TIMEOUT (Node checks both every second here rather than every 30 s by default).
    keepAliveTimeout: settings.KEEP_ALIVE_TIMEOUT,
    http: { connectionsCheckingInterval: Math.min(1000, settings.REQUEST_TIMEOUT), headersTimeout: settings.REQUEST_TIMEOUT },
    connectionTimeout: settings.REQUEST_TIMEOUT * 2,
    bodyLimit: 1024,
    // On close, requests already on an open connection are answered, not refused with 503.
    return503OnClosing: false,
    routerOptions: { maxParamLength: 200 },
    // Every route answers HEAD as it answers GET.
    exposeHeadRoutes: true,
    // What the router rejects (a path that does not decode) goes through every hook like any request.
    frameworkErrors: frameworkErrors(() => routing),
    // What Node's parser rejects (oversized headers, malformed requests) still gets a problem document with the
    // headers of every answer; it counts against the rate limit when the peer is the client (no proxy trusted).
    clientErrorHandler: (error, socket) => {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ECONNRESET' || !socket.writable) return socket.destroy();
      answerParserError(socket, ...parserProblem(code, settings.REQUEST_TIMEOUT));
    },
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.server.maxConnections = settings.MAX_CONNECTIONS;
  routing = app.routing.bind(app);

  function answerParserError(socket: Socket, status: number, detail: string): void {
    const requestId = randomUUID();
    const limit = trust === false && socket.remoteAddress ? app.countRequest(socket.remoteAddress) : undefined;
    const problem = limit?.exceeded ? tooManyRequests(limit, settings.RATE_LIMIT_WINDOW) : { status, detail };
    app.log.info({ requestId, remoteAddress: socket.remoteAddress, status: problem.status }, 'request rejected by the HTTP parser');
    const headers = { ...everyResponseHeaders, 'x-request-id': requestId, ...(limit ? rateLimitHeaders(limit) : {}) };
    if (socket.writable) socket.end(rawProblem(problem.status, problem.detail, headers));
    else socket.destroy();
  }

  // Routes send text already serialised (stored JSON, CSV…); their response schemas document, so no
  // serialiser is compiled for them.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  // The error handler first: a route keeps the error handler of the moment it is declared (CORS declares one).
  // Then the onRequest hooks, in this order: security and CORS headers and request id, the rate limit, the checks
  // that end a request with a problem (414, framework errors); so every answer, refused or not, carries the same
  // headers. Preflights (OPTIONS, CORS) are answered in a context of their own, before the checks (a browser needs
  // a 2xx preflight to read even a problem). The response cache's hook last.
  await app.register(problems);
  await app.register(accessLog);
  await app.register(security);
  await app.register(rateLimit, { max: settings.RATE_LIMIT_MAX, windowMs: settings.RATE_LIMIT_WINDOW });
  await app.register(cors);
  await app.register(requestChecks);
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
