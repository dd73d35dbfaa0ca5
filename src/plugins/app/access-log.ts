// One log line per answered request, with its request id, method, URL, client address, status and time: Fastify's
// own request logging writes two ("incoming request", then "request completed"), each a JSON line to serialise and
// write, the largest fixed cost of a cached answer at the default level (info).
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

async function accessLogPlugin(app: FastifyInstance) {
  app.addHook('onResponse', (request, reply, done) => {
    // `req` and `res` go through Fastify's serialisers: method, URL, host, remote address and port; status code.
    request.log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed');
    done();
  });
}

/** Registered with the log controller's `disableRequestLogging` (app.ts). */
export default fp(accessLogPlugin, { name: 'access-log' });
