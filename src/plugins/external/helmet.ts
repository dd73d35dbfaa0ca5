// Security headers from helmet (https://helmetjs.github.io), with a content-security policy under which Swagger UI
// runs from this origin alone, the request id echoed in X-Request-Id, and HSTS only over HTTPS.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import helmet from 'helmet';
import { simpleCorsHeaders } from './cors.js';

const middleware = helmet({
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      // Swagger UI sets style attributes from its scripts.
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      fontSrc: ["'self'"],
      objectSrc: ["'none'"],
      frameAncestors: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      // Served over plain HTTP on a workstation too: do not force https for its own requests.
      upgradeInsecureRequests: null,
    },
  },
  // One framing policy: no page may frame these responses (CSP frame-ancestors 'none' for current browsers,
  // X-Frame-Options DENY, not helmet's SAMEORIGIN, for older ones).
  xFrameOptions: { action: 'deny' },
  // Set per request below: HSTS means something only on a response that came over HTTPS.
  strictTransportSecurity: false,
  // Open data: other origins may embed and fetch it.
  crossOriginResourcePolicy: { policy: 'cross-origin' },
  // Headers for old browsers' features that a JSON API does not need (each costs every response some bytes).
  xDnsPrefetchControl: false,
  xDownloadOptions: false,
  xPermittedCrossDomainPolicies: false,
  xXssProtection: false,
  originAgentCluster: false,
});

/**
 * The headers helmet sets, computed once: they depend on no request (no nonces), and building them per request
 * (as @fastify/helmet does) was the largest cost of a cached response.
 */
function helmetHeaders(): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: string) => (headers[name.toLowerCase()] = value),
    removeHeader: (name: string) => delete headers[name.toLowerCase()],
  };
  middleware({} as IncomingMessage, response as unknown as ServerResponse, (error?: unknown) => {
    if (error instanceof Error) throw error;
  });
  return Object.freeze(headers);
}

/** The security headers of every response, computed once. */
export const securityHeaders = helmetHeaders();

/**
 * The static headers of every response: security, and CORS for simple requests (any origin reads). Set first, before
 * anything may refuse the request (rate limit, 414…), so that a refusal is as readable and as safe as an answer;
 * also written on what Node's parser rejects.
 */
export const everyResponseHeaders: Readonly<Record<string, string>> = Object.freeze({ ...securityHeaders, ...simpleCorsHeaders });

/**
 * Strict-Transport-Security, sent only when the request came over TLS, or over HTTPS to a trusted proxy (its
 * X-Forwarded-Proto, read only when TRUST_PROXY trusts the peer): over plain HTTP browsers ignore it, and a
 * workstation or a test on http://127.0.0.1 must not pin HTTPS for its host.
 */
export const strictTransportSecurity = 'max-age=31536000; includeSubDomains';

async function securityPlugin(app: FastifyInstance) {
  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(everyResponseHeaders);
    reply.header('x-request-id', request.id);
    if (request.protocol === 'https') reply.header('strict-transport-security', strictTransportSecurity);
    done();
  });
}

export default fp(securityPlugin, { name: 'security' });
