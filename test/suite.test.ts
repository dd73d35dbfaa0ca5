// `npm test` runs every test file: each folder of test/ has its process file (test/<folder>.test.ts, test/folder.ts),
// and each file tap's `include` names on its own exists.
import t from 'tap';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../src/config.js';
import { ownProcess, testFiles } from './folder.js';

t.test('every folder of test/ with test files has its process file; every file named on its own exists', async (t) => {
  const folders = readdirSync(join(projectRoot, 'test'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && testFiles(entry.name).length > 0)
    .map((entry) => entry.name);
  t.ok(folders.includes('http') && folders.includes('unit'), `folders with test files: ${folders.join(', ')}`);
  t.strictSame(
    folders.filter((folder) => !existsSync(join(projectRoot, 'test', `${folder}.test.ts`))),
    [],
    'a test/<folder>.test.ts for each',
  );
  t.strictSame(
    [...ownProcess].filter((path) => !path.includes('*') && !existsSync(join(projectRoot, path))),
    [],
    "tap's include names no missing file",
  );
});
