// CORS (https://github.com/fastify/fastify-cors): any origin may read, nobody sends credentials.
import cors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

async function corsPlugin(app: FastifyInstance) {
  await app.register(cors, {
    origin: '*',
    methods: ['GET', 'HEAD'],
    credentials: false,
    exposedHeaders: ['ETag', 'Link', 'X-Total-Count', 'Content-Disposition'],
    maxAge: 86400,
  });
}

export default fp(corsPlugin, { name: 'cors' });
