// The problem document (RFC 9457): the error routes and the query grammar throw, and how it is written.
import { STATUS_CODES } from 'node:http';
import type { ProblemErrorType, ProblemType } from '../schemas/problem.js';

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

const places = { query: 'Query parameter', path: 'Path parameter', header: 'Header', body: 'Body field' } as const;

function describe(error: ProblemErrorType): string {
  const allowed = error.allowed ? ` Allowed: ${error.allowed.join(', ')}.` : '';
  return `${places[error.in]} "${error.name}" ${error.detail}.${allowed}`;
}

/**
 * 400 for one or more bad parameters; with several, the detail names them and `errors` says what each allows.
 * `total` counts the bad parameters when `errors` lists only the first of them.
 */
export function badRequest(errors: ProblemErrorType[], total = errors.length): HttpProblem {
  const named = errors.filter((error) => error.name !== '…').map((error) => `"${error.name}"`);
  const detail =
    total === 1
      ? describe(errors[0] as ProblemErrorType)
      : `${total} parameters are invalid: ${named.join(', ')}${total > named.length ? ', …' : ''}. See \`errors\` for what each allows.`;
  return new HttpProblem(400, detail, errors);
}

/** The error of a query parameter a resource does not take. */
export function unknownParameter(name: string): ProblemErrorType {
  return { in: 'query', name, detail: 'is not a parameter of this resource' };
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
