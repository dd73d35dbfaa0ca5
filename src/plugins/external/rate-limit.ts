// Rate limit per client address (https://github.com/fastify/fastify-rate-limit), answered as a 429 problem
// with Retry-After and the IETF RateLimit-* headers.
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { HttpProblem } from '../../formats/problem.js';

export interface RateLimitOptions {
  /** Requests per window and client address; 0 disables the limit. */
  max: number;
  /** Window length in milliseconds. */
  windowMs: number;
}

async function rateLimitPlugin(app: FastifyInstance, options: RateLimitOptions) {
  if (options.max === 0) return;
  await app.register(rateLimit, {
    global: true,
    max: options.max,
    timeWindow: options.windowMs,
    enableDraftSpec: true,
    errorResponseBuilder: (_request, context) =>
      new HttpProblem(
        429,
        `Rate limit reached: ${context.max} requests per ${Math.round(options.windowMs / 1000)} s from one address. Retry in ${Math.ceil(context.ttl / 1000)} s.`,
      ),
  });
}

export default fp(rateLimitPlugin, { name: 'rate-limit' });
