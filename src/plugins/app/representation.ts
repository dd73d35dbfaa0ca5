// HTTP semantics of every successful GET/HEAD: strong ETags, Last-Modified, conditional requests (304),
// Cache-Control and Vary, br/gzip compression, and a bounded in-memory cache of the finished bytes.
// Data cannot change while the process runs, so a response depends only on its normalised request.
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import etag from 'etag';
import fresh from 'fresh';
import { LRUCache } from 'lru-cache';
import Negotiator from 'negotiator';

export interface RepresentationOptions {
  /** Cache-Control max-age, in seconds. */
  maxAge: number;
  /** Memory bound of the response cache, in bytes (0: no cache). */
  cacheBytes: number;
}

type Encoding = 'br' | 'gzip' | 'identity';

interface Representation {
  body: Buffer;
  headers: Record<string, string>;
}

/** Headers that belong to the representation (the rest are per request: request id, rate limit, CORS, security). */
const representationHeaders = ['content-type', 'content-disposition', 'link', 'x-total-count'];
const compressible = /^(?:application\/(?:json|geo\+json|x-ndjson|yaml|problem\+json)|text\/)/;
const minimumCompressedSize = 1024;

function compress(body: Buffer, encoding: Encoding): Buffer {
  if (encoding === 'br') return brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 6, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } });
  if (encoding === 'gzip') return gzipSync(body, { level: 6 });
  return body;
}

/**
 * The normalised request: origin (the web pages write absolute URLs: og:url, sitemap, the curl example), path,
 * sorted query, and the headers the representation varies on, as sent.
 */
function cacheKey(request: FastifyRequest): string {
  const url = request.url;
  const mark = url.indexOf('?');
  const normalised =
    mark === -1 || url.indexOf('&', mark) === -1
      ? url
      : `${url.slice(0, mark)}?${url
          .slice(mark + 1)
          .split('&')
          .sort()
          .join('&')}`;
  return `${request.protocol}://${request.host}\n${request.headers['accept-encoding'] ?? ''}\n${request.headers.accept ?? ''}\n${normalised}`;
}

async function representationPlugin(app: FastifyInstance, options: RepresentationOptions) {
  const lastModified = new Date(`${app.dataset.modified}T00:00:00Z`).toUTCString();
  const cacheControl = `public, max-age=${options.maxAge}`;
  const cache =
    options.cacheBytes > 0
      ? new LRUCache<string, Representation>({ maxSize: options.cacheBytes, sizeCalculation: (entry) => entry.body.length + 512 })
      : undefined;

  // `preferred` (negotiator ≥ 1.0, missing from its types) picks br when the client ranks br and gzip equal.
  type EncodingNegotiator = { encoding(available: Encoding[], options: { preferred: Encoding[] }): Encoding | undefined };
  const encodings: Encoding[] = ['br', 'gzip', 'identity'];
  const encodingOf = (request: FastifyRequest): Encoding =>
    (new Negotiator(request.raw) as unknown as EncodingNegotiator).encoding(encodings, { preferred: encodings }) ?? 'identity';

  /** Sends a finished representation, or 304 when the client's copy is current. */
  function answer(request: FastifyRequest, reply: FastifyReply, representation: Representation) {
    reply.headers(representation.headers);
    // Only the preconditions go to `fresh`: a request's `Cache-Control: no-cache` (fetch() adds it to every
    // conditional request) speaks to caches on the way, while an origin server still evaluates preconditions (RFC 9110 §13.2).
    const preconditions = { 'if-none-match': request.headers['if-none-match'], 'if-modified-since': request.headers['if-modified-since'] };
    if (fresh(preconditions, { etag: representation.headers.etag, 'last-modified': lastModified })) {
      reply.code(304);
      reply.removeHeader('content-type');
      reply.removeHeader('content-encoding');
      return '';
    }
    return representation.body;
  }

  app.decorateRequest('representationKey', '');

  // preValidation, not onRequest: route-level onRequest hooks (the rate limit) must count cache hits too.
  app.addHook('preValidation', (request, reply, done) => {
    if (!cache || (request.method !== 'GET' && request.method !== 'HEAD')) return done();
    request.representationKey = cacheKey(request);
    const cached = cache.get(request.representationKey);
    if (cached) return reply.send(answer(request, reply, cached));
    done();
  });

  app.addHook('onSend', (request, reply, payload, done) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || reply.statusCode !== 200) return done(null, payload);
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return done(null, payload);
    if (reply.getHeader('etag') !== undefined) return done(null, payload); // already a finished representation (cache hit)
    const routeCacheControl = reply.getHeader('cache-control');
    const identity = Buffer.isBuffer(payload) ? payload : Buffer.from(payload);
    const type = String(reply.getHeader('content-type') ?? '');
    const encoding = compressible.test(type) && identity.length >= minimumCompressedSize ? encodingOf(request) : 'identity';
    const body = compress(identity, encoding);
    const headers: Record<string, string> = {};
    for (const name of representationHeaders) {
      const value = reply.getHeader(name);
      if (value !== undefined) headers[name] = String(value);
    }
    Object.assign(headers, {
      etag: `"${app.dataset.version}-${etag(body).slice(1)}`,
      'last-modified': lastModified,
      'cache-control': routeCacheControl === undefined ? cacheControl : String(routeCacheControl),
      vary: 'Accept, Accept-Encoding',
      ...(encoding === 'identity' ? {} : { 'content-encoding': encoding }),
    });
    const representation = { body, headers };
    if (cache && routeCacheControl === undefined && request.representationKey) cache.set(request.representationKey, representation);
    done(null, answer(request, reply, representation));
  });
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Key of the request in the response cache: encoding, Accept, path and sorted query. */
    representationKey: string;
  }
}

export default fp(representationPlugin, { name: 'representation', dependencies: ['database'] });
