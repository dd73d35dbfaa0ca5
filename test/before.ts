// tap's `before` script: builds the run's shared database (test/run-database.ts), fresh, before any test file; and
// removes the folders of earlier runs whose tap process is gone (a run that was killed skips its `after` script).
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDatabase } from '../src/build/database.js';
import { projectRoot } from '../src/config.js';
import { runDatabaseDir, runDatabasePath } from './run-database.js';

/** Whether process `pid` still runs (signal 0 only checks). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

for (const name of readdirSync(tmpdir())) {
  const pid = /^pvd65-tap-(\d+)$/.exec(name)?.[1];
  if (pid && !running(Number(pid))) rmSync(join(tmpdir(), name), { recursive: true, force: true });
}
rmSync(runDatabaseDir, { recursive: true, force: true });
mkdirSync(runDatabaseDir, { recursive: true });
buildDatabase({ dataDir: join(projectRoot, 'data'), databasePath: runDatabasePath, migrationsDir: join(projectRoot, 'migrations') });
