// The database shared by every test file of one tap run: tap's `before` script (test/before.ts) builds it from data/
// once, before any test file starts, in a folder named after the tap process (the parent of every test process);
// its `after` script (test/after.ts) removes it. A test process started otherwise builds its own (test/helper.ts).
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The folder of the run's database: per tap process, so that two runs at once never share one. */
export const runDatabaseDir = join(tmpdir(), `pvd65-tap-${process.ppid}`);
export const runDatabasePath = join(runDatabaseDir, 'pvd65.sqlite');
