// Rate limit per client address (https://github.com/fastify/fastify-rate-limit), counted for every request whatever
// its answer (hits, 404s, 405s, preflights, malformed URLs; what Node's parser rejects too, when the server is reached
// directly), with the IETF RateLimit-* headers on every response and a 429 problem with Retry-After beyond the limit.
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { HttpProblem } from '../../formats/problem.js';

export interface RateLimitOptions {
  /** Requests per window and client address; 0 disables the limit. */
  max: number;
  /** Window length in milliseconds. */
  windowMs: number;
}

/** Where a client stands in its window. */
export interface ClientLimit {
  max: number;
  remaining: number;
  /** Seconds until the window resets. */
  reset: number;
  exceeded: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Counts one request of the client at `address`; undefined when the limit is off. */
    countRequest(address: string): Promise<ClientLimit | undefined>;
  }
}

/** The RateLimit-* headers (draft-ietf-httpapi-ratelimit-headers), and Retry-After beyond the limit. */
export function rateLimitHeaders(limit: ClientLimit): Record<string, string> {
  return {
    'ratelimit-limit': String(limit.max),
    'ratelimit-remaining': String(limit.remaining),
    'ratelimit-reset': String(limit.reset),
    ...(limit.exceeded ? { 'retry-after': String(limit.reset) } : {}),
  };
}

export function tooManyRequests(limit: ClientLimit, windowMs: number): HttpProblem {
  return new HttpProblem(429, `Rate limit reached: ${limit.max} requests per ${Math.round(windowMs / 1000)} s from one address. Retry in ${limit.reset} s.`);
}

async function rateLimitPlugin(app: FastifyInstance, options: RateLimitOptions) {
  if (options.max === 0) {
    app.decorate('countRequest', async () => undefined);
    return;
  }
  // The plugin's store and key (the client address, IPv6 by /64); its per-route hooks are not used (global: false)
  // because routes' hooks do not run for 404s, preflights and malformed URLs.
  await app.register(rateLimit, { global: false, max: options.max, timeWindow: options.windowMs });
  const check = app.createRateLimit();
  app.decorate('countRequest', async (address: string): Promise<ClientLimit | undefined> => {
    const result = await check({ ip: address, routeOptions: { config: {} } } as unknown as FastifyRequest);
    if (result.isAllowed) return undefined;
    return { max: result.max, remaining: result.remaining, reset: result.ttlInSeconds, exceeded: result.isExceeded };
  });
  // An app-level hook: it runs for every request Fastify routes, the not-found handler included.
  app.addHook('onRequest', async (request, reply) => {
    const limit = await app.countRequest(request.ip);
    if (!limit) return;
    reply.headers(rateLimitHeaders(limit));
    if (limit.exceeded) throw tooManyRequests(limit, options.windowMs);
  });
}

export default fp(rateLimitPlugin, { name: 'rate-limit' });
