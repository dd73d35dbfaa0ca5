// tap's `before` script: builds the run's shared database (test/run-database.ts), fresh, before any test file.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildDatabase } from '../src/build/database.js';
import { projectRoot } from '../src/config.js';
import { runDatabaseDir, runDatabasePath } from './run-database.js';

rmSync(runDatabaseDir, { recursive: true, force: true });
mkdirSync(runDatabaseDir, { recursive: true });
buildDatabase({ dataDir: join(projectRoot, 'data'), databasePath: runDatabasePath, migrationsDir: join(projectRoot, 'migrations') });
