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

async function corsPlugin(app: FastifyInstance) {
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
