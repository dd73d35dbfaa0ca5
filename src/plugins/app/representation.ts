// HTTP semantics of every successful GET/HEAD: strong ETags, Last-Modified, conditional requests (304),
// Cache-Control and Vary, br/gzip compression (errors too), and a bounded in-memory cache of the finished bytes.
// Data cannot change while the process runs, so a response depends only on the representation chosen for it:
// normalised path and query, media type negotiated against the route's offer, content coding (cache-policy.ts).
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { FastifyContextConfig, FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler, onSendHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import etag from 'etag';
import fresh from 'fresh';
import { LRUCache } from 'lru-cache';
import { anyMediaType, cacheKey, entrySize, normalisedTarget, ownedBuffer, type Representation } from './cache-policy.js';
import { chooseEncoding, chooseMediaType, type Encoding } from '../../formats/negotiation.js';
import type { Rendered } from '../../formats/render.js';

export interface RepresentationOptions {
  /** Cache-Control max-age, in seconds. */
  maxAge: number;
  /** Memory bound of the response cache, in bytes (0: no cache). */
  cacheBytes: number;
}

/** What the response cache holds, for tests and monitoring. */
export interface ResponseCacheStats {
  /** Bytes accounted for every entry (key, headers, body, overhead); never above `maxBytes`. */
  readonly bytes: number;
  readonly entries: number;
  readonly maxBytes: number;
  /** Requests answered from the cache, and requests looked up and not found, since start. */
  readonly hits: number;
  readonly misses: number;
}

/** Text: text/*, JSON and XML (with their +json, +xml suffixes: GeoJSON, JSON-LD, problems, SVG), NDJSON, YAML, JavaScript. */
const compressible = /^(?:text\/|application\/(?:[\w.-]+\+)?(?:json|xml)\b|application\/(?:x-ndjson|yaml|javascript)\b|image\/svg\+xml\b)/;
const minimumCompressedSize = 1024;

function compress(body: Buffer, encoding: Encoding): Buffer {
  if (encoding === 'br') return brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 6, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } });
  if (encoding === 'gzip') return gzipSync(body); // level 6, zlib's default
  return body;
}

/** The content coding of a body of `type` and `length` for `request`: compressed when it is worth it. */
function encodingFor(request: FastifyRequest, type: string, length: number): Encoding {
  return compressible.test(type) && length >= minimumCompressedSize ? chooseEncoding(request.headers['accept-encoding']) : 'identity';
}

/**
 * The cache key of a request to the route of `config` (its `offer` and `perOrigin`, formats/negotiation.ts): the
 * media type the route would choose (negotiated with the function the route uses), the encoding, the normalised
 * target. Empty when Accept allows nothing the route offers: the route answers that (406, or the format its
 * parameters ask for), uncached.
 */
function keyOf(request: FastifyRequest, { offer, perOrigin }: FastifyContextConfig): string {
  const mediaType = offer ? chooseMediaType(request.headers.accept, offer) : anyMediaType;
  if (mediaType === undefined) return '';
  // Web pages write absolute URLs (og:url, sitemap, the curl example): their entries are per origin. No API
  // answer depends on Host, so a client varying it cannot evict them.
  const target = perOrigin ? `${request.protocol}://${request.host}${normalisedTarget(request.url)}` : normalisedTarget(request.url);
  return cacheKey(target, mediaType, chooseEncoding(request.headers['accept-encoding']));
}

async function representationPlugin(app: FastifyInstance, options: RepresentationOptions) {
  const lastModified = new Date(`${app.dataset.modified}T00:00:00Z`).toUTCString();
  const cacheControl = `public, max-age=${options.maxAge}`;
  const cache =
    options.cacheBytes > 0
      ? new LRUCache<string, Representation>({ maxSize: options.cacheBytes, sizeCalculation: (entry, key) => entrySize(key, entry) })
      : undefined;

  let hits = 0;
  let misses = 0;
  app.decorate('responseCache', {
    get bytes() {
      return cache?.calculatedSize ?? 0;
    },
    get entries() {
      return cache?.size ?? 0;
    },
    maxBytes: options.cacheBytes,
    get hits() {
      return hits;
    },
    get misses() {
      return misses;
    },
  } satisfies ResponseCacheStats);

  /** Whether the client's copy of the representation with `etag` is current (RFC 9110 §13.1.2, §13.1.3). */
  function current(request: FastifyRequest, etag: string): boolean {
    const noneMatch = request.headers['if-none-match'];
    // A revalidation sends back the ETag it was given: that case exactly, without parsing.
    if (noneMatch === etag) return true;
    const modifiedSince = request.headers['if-modified-since'];
    if (noneMatch === undefined && modifiedSince === undefined) return false;
    // Only the preconditions go to `fresh`: a request's `Cache-Control: no-cache` (fetch() adds it to every
    // conditional request) speaks to caches on the way, while an origin server still evaluates preconditions (RFC 9110 §13.2).
    return fresh({ 'if-none-match': noneMatch, 'if-modified-since': modifiedSince }, { etag, 'last-modified': lastModified });
  }

  /**
   * The body of a finished representation, or none with a 304 when the client's copy is current (no body: Fastify
   * then sends neither a content type nor a length, as a 304 must not).
   */
  function answer(request: FastifyRequest, reply: FastifyReply, representation: Representation): Buffer | undefined {
    const { headers, body } = representation;
    if (!current(request, headers.etag as string)) {
      reply.headers(headers);
      return body;
    }
    reply.code(304);
    // HEAD: Fastify's HEAD handling needs a payload to state a length: the 200's, with its type, as a HEAD 200
    // would say (neither HEAD nor 304 sends a body).
    if (request.method === 'HEAD') {
      reply.headers(headers);
      return body;
    }
    // The 200's headers but those of its body (set, not set then removed: deleting a property slows every later
    // access to the reply's headers).
    for (const name in headers) if (name !== 'content-type' && name !== 'content-encoding') reply.header(name, headers[name]);
    return undefined;
  }

  /** The finished representation of what a route rendered: compressed as the request asks, with its validators. */
  function finish(request: FastifyRequest, rendered: Rendered): Representation {
    const identity = typeof rendered.body === 'string' ? Buffer.from(rendered.body) : rendered.body;
    const encoding = encodingFor(request, rendered.type, identity.length);
    const body = ownedBuffer(compress(identity, encoding));
    const headers: Record<string, string> = {
      'content-type': rendered.type,
      ...rendered.headers,
      etag: `"${app.dataset.version}-${etag(body).slice(1)}`,
      'last-modified': lastModified,
      'cache-control': rendered.cacheControl ?? cacheControl,
      vary: 'Accept, Accept-Encoding',
    };
    if (encoding !== 'identity') headers['content-encoding'] = encoding;
    const representation = { body, headers };
    // A route's own Cache-Control (no-cache, no-store) keeps its answer out of the shared cache.
    if (cache && rendered.cacheControl === undefined && request.representationKey) cache.set(request.representationKey, representation);
    return representation;
  }

  app.decorateRequest('representationKey', '');
  app.decorateReply('represented', false);
  app.decorateReply('represent', function represent(this: FastifyReply, rendered: Rendered) {
    this.represented = true;
    return this.send(answer(this.request, this, finish(this.request, rendered)));
  });

  // A hit is answered in an onRequest hook of each GET route, with the route's offer in its closure: route hooks run
  // after every instance's (the rate limit, CORS and the request checks, which count and mark hits too), and before
  // parsing and validation. Requests no route answers (404, 405) are not looked up.
  app.addHook('onRoute', (route) => {
    if (!cache || ![route.method].flat().every((method) => method === 'GET' || method === 'HEAD')) return;
    const config = route.config ?? {};
    const lookup: onRequestHookHandler = (request, reply, done) => {
      request.representationKey = keyOf(request, config);
      if (!request.representationKey) return done();
      const cached = cache.get(request.representationKey);
      if (cached) {
        hits++;
        reply.represented = true;
        reply.send(answer(request, reply, cached));
        return;
      }
      misses++;
      done();
    };
    route.onRequest = route.onRequest === undefined ? lookup : [route.onRequest, lookup].flat();
  });

  // An error's body (a problem document, an error page), sent by the error and not-found handlers: compressed when
  // worth it, never cached.
  app.decorateReply('sendError', function sendError(this: FastifyReply, payload: string) {
    this.represented = true;
    return this.send(compressedError(this.request, this, payload));
  });

  // The onSend hook of routes this app does not write (Swagger UI's, registered in a context of their own): their 200s
  // represented here from their content type, their errors compressed. A hook of that context alone, so that the
  // API's own answers, all represented already, do not run it.
  app.decorate('representSent', function representSent(
    request: FastifyRequest,
    reply: FastifyReply,
    payload: unknown,
    done: (error: null, payload: unknown) => void,
  ) {
    if (reply.represented || (typeof payload !== 'string' && !Buffer.isBuffer(payload))) return done(null, payload);
    if (reply.statusCode >= 400) return done(null, compressedError(request, reply, payload));
    if ((request.method !== 'GET' && request.method !== 'HEAD') || reply.statusCode !== 200) return done(null, payload);
    const routeCacheControl = reply.getHeader('cache-control');
    const representation = finish(request, {
      body: payload,
      type: String(reply.getHeader('content-type')),
      ...(routeCacheControl === undefined ? {} : { cacheControl: String(routeCacheControl) }),
    });
    const body = answer(request, reply, representation);
    if (body) return done(null, body);
    // A 304 to GET: without the type the route set, and null, not undefined: an onSend hook's undefined keeps the
    // handler's payload (and its length).
    reply.removeHeader('content-type');
    done(null, null);
  } satisfies onSendHookHandler);

  /** An error, compressed like any answer when it is large enough to be worth it. */
  function compressedError(request: FastifyRequest, reply: FastifyReply, payload: string | Buffer): string | Buffer {
    reply.header('vary', 'Accept, Accept-Encoding');
    const identity = Buffer.isBuffer(payload) ? payload : Buffer.from(payload);
    const encoding = encodingFor(request, String(reply.getHeader('content-type')), identity.length);
    if (encoding === 'identity') return payload;
    reply.header('content-encoding', encoding);
    return compress(identity, encoding);
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Size and bound of the response cache. */
    responseCache: ResponseCacheStats;
    /** The onSend hook for a context of routes that send their answers themselves (`reply.send`), not `represent()`. */
    representSent: onSendHookHandler;
  }
  interface FastifyRequest {
    /** Key of the request in the response cache (cache-policy.ts); empty when the request is not cached. */
    representationKey: string;
  }
  interface FastifyReply {
    /**
     * Answers with what the route rendered, as one value: body, media type, the headers that belong to it (Link,
     * X-Total-Count, Content-Disposition) and, rarely, its own Cache-Control. The plugin compresses it, adds its
     * validators and caching headers, keeps it in the response cache, and answers 304 when the client's copy is current.
     */
    represent(rendered: Rendered): FastifyReply;
    /**
     * Sends an error's body (problem document, error page) with the status and type already set: compressed when it
     * is worth it, with Vary; never cached.
     */
    sendError(payload: string): FastifyReply;
    /** Whether the answer is finished here (hits, `represent()`, `sendError()`). */
    represented: boolean;
  }
}

export default fp(representationPlugin, { name: 'representation', dependencies: ['database'] });
