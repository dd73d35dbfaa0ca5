// `npm run db:build`: (re)builds the database from data/ even when it looks current.
import { join } from 'node:path';
import { loadConfig, projectRoot } from '../config.js';
import { DataError } from '../build/problems.js';
import { buildDatabase } from '../build/database.js';

const config = loadConfig();
try {
  const started = performance.now();
  const result = buildDatabase({ dataDir: config.DATA_DIR, databasePath: config.DATABASE_PATH, migrationsDir: join(projectRoot, 'migrations') });
  const counts = Object.entries(result.counts)
    .map(([name, count]) => `${count} ${name}`)
    .join(', ');
  console.log(`Built ${config.DATABASE_PATH} (version ${result.version}) in ${Math.round(performance.now() - started)} ms: ${counts}.`);
} catch (error) {
  if (!(error instanceof DataError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
