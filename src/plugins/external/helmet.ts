// Security headers from helmet (https://helmetjs.github.io), with a content-security policy under which Swagger UI
// runs from this origin alone, and the request id echoed in X-Request-Id.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import helmet from 'helmet';

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
function helmetHeaders(): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: string) => (headers[name.toLowerCase()] = value),
    removeHeader: (name: string) => delete headers[name.toLowerCase()],
  };
  middleware({} as IncomingMessage, response as unknown as ServerResponse, (error?: unknown) => {
    if (error instanceof Error) throw error;
  });
  return headers;
}

async function securityPlugin(app: FastifyInstance) {
  const headers = helmetHeaders();
  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(headers);
    reply.header('x-request-id', request.id);
    done();
  });
}

export default fp(securityPlugin, { name: 'security' });
