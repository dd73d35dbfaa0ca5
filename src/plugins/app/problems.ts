// One error shape everywhere: every failure becomes an RFC 9457 problem document; a 5xx never shows internals.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { HttpProblem, problemDocument, problemMediaType } from '../../formats/problem.js';
import type { ProblemErrorType } from '../../schemas/problem.js';

export function sendProblem(reply: FastifyReply, status: number, detail: string, errors?: ProblemErrorType[]) {
  return reply
    .code(status)
    .type(problemMediaType)
    .header('cache-control', 'no-store')
    .send(JSON.stringify(problemDocument(reply.request.url, status, detail, errors)));
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

async function problemPlugin(app: FastifyInstance, options: { maxUrlLength: number }) {
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    // The API is read-only: a resource that answers GET answers nothing else.
    if (!readMethods.includes(request.method) && app.findRoute({ method: 'GET', url: path })) {
      reply.header('allow', 'GET, HEAD, OPTIONS');
      return sendProblem(reply, 405, `${request.method} is not allowed: this API is read-only. Use GET or HEAD.`);
    }
    return sendProblem(reply, 404, `No resource at ${path}. The API's resources are listed at /openapi.json and browsable at /docs.`);
  });
  app.addHook('onRequest', (request, _reply, done) => {
    if (request.url.length > options.maxUrlLength) {
      return done(new HttpProblem(414, `The URL is ${request.url.length} characters long; the limit is ${options.maxUrlLength}.`));
    }
    done();
  });
}

export default fp(problemPlugin, { name: 'problem' });
