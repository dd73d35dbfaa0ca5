// One error shape everywhere: every failure becomes an RFC 9457 problem document; a 5xx never shows internals.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { HttpProblem, problemBounds, problemDocument, problemMediaType, truncate } from '../../formats/problem.js';
import type { ProblemErrorType } from '../../schemas/problem.js';

/** The URL length beyond which a request is a 414. */
export const maxUrlLength = 4096;

/** Sends a problem document, compressed when worth it (`reply.sendError`, the representation plugin's). */
export function sendProblem(reply: FastifyReply, status: number, detail: string, errors?: ProblemErrorType[]) {
  return reply
    .code(status)
    .type(problemMediaType)
    .header('cache-control', 'no-store')
    .sendError(JSON.stringify(problemDocument(requestTarget(reply.request), status, detail, errors)));
}

/** A problem of Fastify's router, carried by a request routed again (see `frameworkErrors`). */
const frameworkProblem = Symbol('frameworkProblem');
type CarryingRequest = IncomingMessage & { [frameworkProblem]?: { problem: HttpProblem; url: string } };

/** The path and query the client sent (before a framework error's rerouting). */
function requestTarget(request: FastifyRequest): string {
  return (request.raw as CarryingRequest)[frameworkProblem]?.url ?? request.url;
}

/** Where a request carrying a framework error is routed: a path no route has, so the not-found context's hooks run. */
const reroutedPath = '/.well-known/pvd65/unroutable';

function describeFrameworkError(error: FastifyError): HttpProblem {
  if (error.code === 'FST_ERR_BAD_URL')
    return new HttpProblem(400, 'The URL is malformed: a percent-encoded sequence in its path does not decode to UTF-8 text.');
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') return new HttpProblem(414, 'A segment of the URL path is longer than 200 characters.');
  return new HttpProblem(500, 'The server could not answer this request. It has been logged; try again later.');
}

/**
 * Fastify's `frameworkErrors` option. What its router rejects (a path that does not decode, a segment over
 * `maxParamLength`) is answered before any hook runs; instead, the request is routed again to a path no route has,
 * carrying its problem, so that it passes the hooks of every request (rate limit, security headers, request id, CORS,
 * logging, compression) and the problem hook below answers it. It keeps its request id.
 */
export function frameworkErrors(routing: () => (request: IncomingMessage, response: ServerResponse) => void) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const raw = request.raw as CarryingRequest;
    if (raw[frameworkProblem]) {
      sendProblem(reply, 500, 'The server could not answer this request.'); // never routed twice
      return;
    }
    if (describeFrameworkError(error).status >= 500) request.log.error({ err: error }, 'router failed');
    raw[frameworkProblem] = { problem: describeFrameworkError(error), url: raw.url ?? '' };
    raw.url = reroutedPath;
    raw.headers['x-request-id'] = request.id;
    routing()(raw, reply.raw);
  };
}

function handleError(error: FastifyError | HttpProblem, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof HttpProblem) {
    if (error.status >= 500) request.log.error({ err: error }, 'request failed');
    reply.headers(error.headers);
    return sendProblem(reply, error.status, error.detail, error.errors);
  }
  const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
  if (status >= 500) {
    request.log.error({ err: error }, 'request failed');
    return sendProblem(reply, status, 'The server could not answer this request. It has been logged; try again later.');
  }
  // Fastify's own client errors (bad content type, body too large, bad URL…) carry a safe message.
  return sendProblem(reply, status, error.message);
}

const readMethods = ['GET', 'HEAD'];

async function problemPlugin(app: FastifyInstance) {
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    // The API is read-only: a resource that answers GET answers nothing else.
    if (!readMethods.includes(request.method) && app.findRoute({ method: 'GET', url: path })) {
      reply.header('allow', 'GET, HEAD, OPTIONS');
      return sendProblem(reply, 405, `${request.method} is not allowed: this API is read-only. Use GET or HEAD.`);
    }
    return sendProblem(
      reply,
      404,
      `No resource at ${truncate(path, problemBounds.instance)}. The API's resources are listed at /openapi.json and browsable at /docs.`,
    );
  });
}

/** Checks of every request that end it with a problem: a URL over the limit (414), a framework error carried (see above). */
async function requestChecksPlugin(app: FastifyInstance) {
  app.addHook('onRequest', (request, _reply, done) => {
    const carried = (request.raw as CarryingRequest)[frameworkProblem];
    if (carried) return done(carried.problem);
    if (request.url.length > maxUrlLength) {
      return done(new HttpProblem(414, `The URL is ${request.url.length} characters long; the limit is ${maxUrlLength}.`));
    }
    done();
  });
}

/** The error and not-found handlers: registered before any route, so that every route's context has them. */
export default fp(problemPlugin, { name: 'problem' });

/** Registered after the rate limit, security and CORS hooks, so that these answers carry their headers. */
export const requestChecks = fp(requestChecksPlugin, { name: 'request-checks', dependencies: ['problem'] });
