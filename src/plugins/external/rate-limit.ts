// Rate limit per client address, counted for every request whatever its answer (hits, 404s, 405s, preflights,
// malformed URLs; what Node's parser rejects too, when the server is reached directly), with the IETF RateLimit-*
// headers on every response and a 429 problem with Retry-After beyond the limit.
// The counting is @fastify/rate-limit's (https://github.com/fastify/fastify-rate-limit): its in-memory store (an LRU
// of fixed windows by key, 5,000 keys) and its key (the address, IPv6 by its /64, through `ip-address` as the plugin
// does). The store is called directly, synchronously: the plugin's own check wraps it in three promises, which cost a
// cached answer about 2 µs of its 22, and its route hooks do not run for 404s, preflights and malformed URLs.
import { isIPv6 } from 'node:net';
import LocalStore from '@fastify/rate-limit/store/LocalStore.js';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Address6 } from 'ip-address';
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
    countRequest(address: string): ClientLimit | undefined;
  }
}

/** The RateLimit-* headers (draft-ietf-httpapi-ratelimit-headers), and Retry-After beyond the limit. */
export function rateLimitHeaders(limit: ClientLimit): Record<string, string> {
  const headers: Record<string, string> = {
    'ratelimit-limit': String(limit.max),
    'ratelimit-remaining': String(limit.remaining),
    'ratelimit-reset': String(limit.reset),
  };
  if (limit.exceeded) headers['retry-after'] = String(limit.reset);
  return headers;
}

export function tooManyRequests(limit: ClientLimit, windowMs: number): HttpProblem {
  return new HttpProblem(429, `Rate limit reached: ${limit.max} requests per ${Math.round(windowMs / 1000)} s from one address. Retry in ${limit.reset} s.`);
}

/**
 * The key a client is counted under: its address; an IPv6 address by its /64 (a host usually holds a whole /64, and
 * could otherwise change address at every request), an IPv4-mapped one as the IPv4 address.
 */
export function clientKey(address: string): string {
  if (!address.includes(':') || !isIPv6(address)) return address.toLowerCase();
  const ip = new Address6(address);
  if (ip.isMapped4()) return ip.to4().correctForm();
  return new Address6(`${address}/64`).startAddress().correctForm();
}

async function rateLimitPlugin(app: FastifyInstance, options: RateLimitOptions) {
  if (options.max === 0) {
    app.decorate('countRequest', () => undefined);
    return;
  }
  // The plugin's defaults: no extension of the window while exceeded, no back-off, 5,000 keys.
  const store = new LocalStore(false, false, 5000);
  // The in-memory store answers within the call: one callback for every request, which keeps the window counted.
  let window = { current: 0, ttl: 0 };
  const counted = (_error: Error | null, result: { current: number; ttl: number }) => {
    window = result;
  };
  app.decorate('countRequest', (address: string): ClientLimit => {
    store.incr(clientKey(address), counted, options.windowMs, options.max);
    return {
      max: options.max,
      remaining: Math.max(0, options.max - window.current),
      reset: Math.ceil(window.ttl / 1000),
      exceeded: window.current > options.max,
    };
  });
  // An app-level hook: it runs for every request Fastify routes, the not-found handler included.
  app.addHook('onRequest', (request, reply, done) => {
    const limit = app.countRequest(request.ip);
    if (!limit) return done();
    reply.headers(rateLimitHeaders(limit));
    done(limit.exceeded ? tooManyRequests(limit, options.windowMs) : undefined);
  });
}

export default fp(rateLimitPlugin, { name: 'rate-limit' });
