// How the routes document their responses: the headers each status carries, and the problem responses every
// operation can give, each with an example made by the code that makes the real one. Examples are made when the
// OpenAPI document is generated (app.swagger()), not at start: some take a query or compile a validator.
import { Type, type TSchema } from '@sinclair/typebox';
import { problemDocument, problemMediaType } from '../formats/problem.js';
import type { ProblemType } from '../schemas/problem.js';
import { maxUrlLength } from '../plugins/app/problems.js';

/** A documented response header; `required` ones are sent on every response of that status (the contract test checks it). */
function header(description: string, required: boolean, schema: TSchema = Type.String()) {
  return { ...schema, description, ...(required ? { 'x-required': true } : {}) };
}

const rateLimitHeaders = {
  'RateLimit-Limit': header('Requests allowed per window and client address (sent while the rate limit is on, as by default).', false, Type.Integer()),
  'RateLimit-Remaining': header('Requests left in the current window.', false, Type.Integer()),
  'RateLimit-Reset': header('Seconds until the window resets.', false, Type.Integer()),
};

/** Headers of every response. */
const everyResponse = {
  'X-Request-Id': header('The request id: the one the client sent (a token of up to 128 characters), else a new UUID. It is in every log line.', true),
  ...rateLimitHeaders,
};

/** Headers of a representation, on 200 and on 304. */
const representation = {
  ETag: header('Strong validator of this representation: the dataset version and a hash of the bytes (each format and encoding has its own).', true),
  'Last-Modified': header('The day data/ last changed.', true),
  'Cache-Control': header('`public, max-age=…` (CACHE_MAX_AGE); `no-store` on /health.', true),
  Vary: header('`Accept, Accept-Encoding`.', true),
  ...everyResponse,
};

export const listHeaders = {
  Link: header('Paging links (RFC 8288): first, prev, next, last.', true),
  'X-Total-Count': header('Number of items matching the query, over all pages.', true, Type.Integer()),
};

export const attachmentHeader = (required: boolean) => ({
  'Content-Disposition': header(
    required ? 'The file name to save under.' : 'With a file format (csv, ndjson, geojson): the file name to save under.',
    required,
  ),
});

/** The entry of one media type: its schema, and an example made by `example` when first read, then kept. */
function media(schema: TSchema, example?: () => unknown): { schema: TSchema; example?: unknown } {
  const entry = { schema };
  if (!example) return entry;
  let made: [unknown] | undefined;
  return Object.defineProperty(entry, 'example', { enumerable: true, get: () => (made ??= [example()])[0] });
}

type Content = Record<string, { schema: TSchema; example?: () => unknown }>;

export function ok(description: string, content: Content, headers: Record<string, TSchema> = {}) {
  const entries = Object.entries(content).map(([type, { schema, example }]) => [type, media(schema, example)]);
  return { description, headers: { ...representation, ...headers }, content: Object.fromEntries(entries) };
}

export const notModified = {
  description: "Not Modified: the client's copy (If-None-Match, If-Modified-Since) is current. No body, no Content-Type.",
  headers: representation,
  type: 'null',
};

const errorHeaders = {
  ...everyResponse,
  'Cache-Control': header('`no-store`: errors are never cached.', true),
};

export function problem(description: string, example: () => ProblemType, headers: Record<string, TSchema> = {}) {
  return { description, headers: { ...errorHeaders, ...headers }, content: { [problemMediaType]: media(Type.Ref('Problem'), example) } };
}

/** The problems any operation can give whatever its parameters: a URL too long, too many requests. */
export function commonProblems(path: string) {
  return {
    414: problem(`The URL is longer than ${maxUrlLength} characters.`, () =>
      problemDocument(`${path}?q=…`, 414, `The URL is 5000 characters long; the limit is ${maxUrlLength}.`),
    ),
    429: problem(
      'Too many requests from this address in the current window (RATE_LIMIT_MAX per RATE_LIMIT_WINDOW).',
      () => problemDocument(path, 429, 'Rate limit reached: 600 requests per 60 s from one address. Retry in 42 s.'),
      { 'Retry-After': header('Seconds to wait before retrying.', true, Type.Integer()) },
    ),
  };
}
