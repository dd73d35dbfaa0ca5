// The database as a Fastify decorator: opened read-only, closed with the server.
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Db } from '../../query/sql.js';
import { meta } from '../../db/tables.js';

export interface DatasetInfo {
  /** Content hash of data/. */
  version: string;
  /** Date data/ was last changed (dataset.json `modified`). */
  modified: string;
  /** The database file. */
  databasePath: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    dataset: DatasetInfo;
    /** A stored document of the meta table (`programme`, `dataset`) as JSON text. */
    document(key: 'programme' | 'dataset'): string;
  }
}

async function databasePlugin(app: FastifyInstance, options: { databasePath: string }) {
  const sqlite = new Database(options.databasePath, { readonly: true, fileMustExist: true });
  // 16 MB of page cache (SQLite's default is 2 MB): at national scale the narrow tables and the search index of a
  // collection then stay in memory, which halves a selective search's time; the Hautes-Pyrénées file is 1 MB anyway.
  sqlite.pragma('cache_size = -16384');
  const db = drizzle(sqlite);
  const read = (key: string) => {
    const row = db.select({ value: meta.value }).from(meta).where(eq(meta.key, key)).get();
    if (!row) throw new Error(`${options.databasePath} has no "${key}" in its meta table: rebuild it with npm run db:build`);
    return row.value;
  };
  const documents = { programme: read('programme'), dataset: read('dataset') };
  app.decorate('db', db);
  app.decorate('dataset', { version: read('version'), modified: read('modified'), databasePath: options.databasePath });
  app.decorate('document', (key: keyof typeof documents) => documents[key]);
  app.addHook('onClose', async () => sqlite.close());
}

export default fp(databasePlugin, { name: 'database' });
