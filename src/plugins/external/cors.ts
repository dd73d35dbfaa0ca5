// CORS (https://github.com/fastify/fastify-cors): any origin may read, nobody sends credentials.
import cors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/** Response headers scripts of other origins may read. */
export const exposedHeaders = [
  'ETag',
  'Link',
  'X-Total-Count',
  'Content-Disposition',
  'X-Request-Id',
  'Retry-After',
  'RateLimit-Limit',
  'RateLimit-Remaining',
  'RateLimit-Reset',
];

/** The CORS headers of a simple (non-preflight) response, for answers written outside Fastify. */
export const simpleCorsHeaders: Readonly<Record<string, string>> = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': exposedHeaders.join(', '),
};

/**
 * Preflights (OPTIONS), answered by @fastify/cors in a context of their own: its hook runs for them alone. Every other
 * answer gets `simpleCorsHeaders` with the security headers (helmet.ts), the same for all, set once per request
 * rather than resolved again by the plugin's hook. Registered after the security headers and the rate limit, whose
 * hooks its context inherits, and before the request checks: a browser reads even a refusal only after a 2xx preflight.
 */
async function corsPlugin(app: FastifyInstance) {
  await app.register(preflights);
}

async function preflights(app: FastifyInstance) {
  await app.register(cors, {
    origin: '*',
    methods: ['GET', 'HEAD'],
    credentials: false,
    exposedHeaders,
    // A bare OPTIONS (no preflight headers) gets 204 rather than a plain-text 400.
    strictPreflight: false,
    maxAge: 86400,
  });
}

export default fp(corsPlugin, { name: 'cors' });
