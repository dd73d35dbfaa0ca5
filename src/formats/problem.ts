// The problem document (RFC 9457): the error routes and the query grammar throw, and how it is written, within
// bounds whatever the request.
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

/**
 * Bounds of every problem document, whatever the request: the first `errors` errors are listed (and the count of
 * the others), and no text a client can make long is echoed beyond its bound (`…` marks a cut).
 */
export const problemBounds = { errors: 20, detail: 2000, instance: 4096, name: 200, errorDetail: 500 } as const;

/** `text` cut to `max` characters, the last one an ellipsis, when longer. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

const places = { query: 'Query parameter', path: 'Path parameter', header: 'Header', body: 'Body field' } as const;

function describe(error: ProblemErrorType): string {
  const allowed = error.allowed ? ` Allowed: ${error.allowed.join(', ')}.` : '';
  return `${places[error.in]} "${error.name}" ${error.detail}.${allowed}`;
}

/** 400 for one or more bad parameters; with several, the detail names them (the first few) and `errors` says what each allows. */
export function badRequest(errors: ProblemErrorType[]): HttpProblem {
  if (errors.length === 1) return new HttpProblem(400, describe(errors[0] as ProblemErrorType), errors);
  const named = errors.slice(0, problemBounds.errors).map((error) => `"${error.name}"`);
  const detail = `${errors.length} parameters are invalid: ${named.join(', ')}${errors.length > named.length ? ', …' : ''}. See \`errors\` for what each allows.`;
  return new HttpProblem(400, detail, errors);
}

/** The error of a query parameter a resource does not take. */
export function unknownParameter(name: string): ProblemErrorType {
  return { in: 'query', name, detail: 'is not a parameter of this resource' };
}

function boundError(error: ProblemErrorType): ProblemErrorType {
  return { ...error, name: truncate(error.name, problemBounds.name), detail: truncate(error.detail, problemBounds.errorDetail) };
}

/** A problem document, within `problemBounds` whatever its source. */
export function problemDocument(instance: string, status: number, detail: string, errors?: ProblemErrorType[]): ProblemType {
  const listed = errors?.slice(0, problemBounds.errors).map(boundError);
  const omitted = errors && listed ? errors.length - listed.length : 0;
  return {
    type: 'about:blank',
    title: STATUS_CODES[status] ?? 'Error',
    status,
    detail: truncate(detail, problemBounds.detail),
    instance: truncate(instance, problemBounds.instance),
    ...(listed ? { errors: listed } : {}),
    ...(omitted > 0 ? { omittedErrors: omitted } : {}),
  };
}

/**
 * A problem written straight to a socket, for what Node's HTTP parser rejects before Fastify sees a request
 * (headers too large, malformed request line).
 */
export function rawProblem(status: number, detail: string, headers: Readonly<Record<string, string>> = {}): string {
  const body = JSON.stringify(problemDocument('', status, detail));
  const lines = Object.entries({ ...headers, 'content-type': problemMediaType, 'cache-control': 'no-store', 'content-length': String(Buffer.byteLength(body)) })
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  return `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n${lines}connection: close\r\n\r\n${body}`;
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
