// One error shape everywhere: every failure becomes an RFC 9457 problem document; a 5xx never shows internals.
import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { ProblemErrorType, ProblemType } from '../../schemas/problem.js';

export const problemMediaType = 'application/problem+json';

/** An error a client can act on, carried to the error handler as a problem document. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly errors?: ProblemErrorType[],
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
  }
}

/** 400 for one or more bad parameters. */
export function badRequest(errors: ProblemErrorType[]): HttpProblem {
  const detail = errors.length === 1 ? describe(errors[0] as ProblemErrorType) : `${errors.length} parameters are invalid: ${errors.map(describe).join(' ')}`;
  return new HttpProblem(400, detail, errors);
}

function describe(error: ProblemErrorType): string {
  const place = { query: 'Query parameter', path: 'Path parameter', header: 'Header', body: 'Body field' }[error.in];
  const allowed = error.allowed ? ` Allowed: ${error.allowed.join(', ')}.` : '';
  return `${place} "${error.name}" ${error.detail}.${allowed}`;
}

/**
 * A problem written straight to a socket, for what Node's HTTP parser rejects before Fastify sees a request
 * (headers too large, malformed request line).
 */
export function rawProblem(status: number, detail: string): string {
  const body = JSON.stringify({ type: 'about:blank', title: STATUS_CODES[status] ?? 'Error', status, detail, instance: '' });
  return `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\nContent-Type: ${problemMediaType}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;
}

export function problemDocument(instance: string, status: number, detail: string, errors?: ProblemErrorType[]): ProblemType {
  return {
    type: 'about:blank',
    title: STATUS_CODES[status] ?? 'Error',
    status,
    detail,
    instance,
    ...(errors ? { errors } : {}),
  };
}

/** The problem document `fail` throws, as an example for the OpenAPI document: made by the code that makes real ones. */
export function problemExample(instance: string, fail: () => unknown): ProblemType {
  try {
    fail();
  } catch (error) {
    if (error instanceof HttpProblem) return problemDocument(instance, error.status, error.detail, error.errors);
    throw error;
  }
  throw new Error(`no problem for ${instance}`);
}

export function sendProblem(reply: FastifyReply, status: number, detail: string, errors?: ProblemErrorType[]) {
  return reply
    .code(status)
    .type(problemMediaType)
    .header('cache-control', 'no-store')
    .send(JSON.stringify(problemDocument(reply.request.url, status, detail, errors)));
}

/** The error of a query parameter a resource does not take. */
export function unknownParameter(name: string): ProblemErrorType {
  return { in: 'query', name, detail: 'is not a parameter of this resource' };
}

/** Fastify's own validation errors (path parameters), named the way this API names them. */
function validationErrors(error: FastifyError): ProblemErrorType[] {
  const part = error.validationContext === 'params' ? 'path' : error.validationContext === 'headers' ? 'header' : 'query';
  return (error.validation ?? []).map((issue) => {
    if (issue.keyword === 'additionalProperties') {
      return { ...unknownParameter(String(issue.params.additionalProperty)), in: part };
    }
    const name = issue.instancePath.replace(/^\//, '') || String(issue.params?.missingProperty ?? '');
    return { in: part, name, detail: issue.message ?? 'is invalid' };
  });
}

function handleError(error: FastifyError | HttpProblem, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof HttpProblem) {
    if (error.status >= 500) request.log.error({ err: error }, 'request failed');
    reply.headers(error.headers);
    return sendProblem(reply, error.status, error.detail, error.errors);
  }
  if (error.validation) {
    const errors = validationErrors(error);
    return sendProblem(reply, 400, badRequest(errors).detail, errors);
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
