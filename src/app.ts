// buildApp(): the application (plugins, documents, collections) without the process around it; tests inject into it.
import Fastify, { type FastifyServerOptions } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import database from './db/plugin.js';
import { registerCollections } from './http/collections.js';
import cors from './http/cors.js';
import problems from './http/problem.js';
import swagger from './http/swagger.js';
import { collections } from './resources/index.js';
import { registerDocuments } from './resources/routes.js';
import { Problem } from './schemas/problem.js';
import { FeatureCollection, ListLinks, ListMeta } from './schemas/list.js';

export interface AppOptions {
  databasePath: string;
  logger?: FastifyServerOptions['logger'];
}

export async function buildApp(options: AppOptions) {
  const app = Fastify({
    logger: options.logger ?? false,
    // Unknown query parameters are errors, not silently dropped.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false } },
    // Every route answers HEAD as it answers GET.
    exposeHeadRoutes: true,
  }).withTypeProvider<TypeBoxTypeProvider>();

  await app.register(problems);
  await app.register(cors);
  await app.register(database, { databasePath: options.databasePath });
  await app.register(swagger);
  for (const schema of [Problem, ListMeta, ListLinks, FeatureCollection]) app.addSchema(schema);
  registerDocuments(app);
  registerCollections(app, collections);
  return app;
}
