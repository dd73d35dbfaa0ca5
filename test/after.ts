// tap's `after` script: removes the run's shared database (test/run-database.ts).
import { rmSync } from 'node:fs';
import { runDatabaseDir } from './run-database.js';

rmSync(runDatabaseDir, { recursive: true, force: true });
