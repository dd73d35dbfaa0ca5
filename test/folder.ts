// Runs the test files of one folder of test/ in the calling process, in name order: each file's subtests as they
// are, after a comment naming the file. Each test process pays about 2 s of CPU before its first test (tap, the
// TypeScript loader, the app's modules), so `npm test` runs one process per folder (test/<folder>.test.ts) rather than
// one per file. A file that tap's `include` (package.json) names runs in a process of its own instead: the long ones,
// so that they run beside the others. One file alone: `npx tap test/<folder>/<file>.test.ts`.
import t from 'tap';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectRoot } from '../src/config.js';

/** The test files tap runs in processes of their own, as named in package.json (globs aside). */
export const ownProcess = new Set((JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { tap: { include: string[] } }).tap.include);

/** The test files of test/`folder`, as paths from the project's root, in name order. */
export function testFiles(folder: string): string[] {
  return readdirSync(join(projectRoot, 'test', folder))
    .filter((name) => name.endsWith('.test.ts'))
    .sort()
    .map((name) => `test/${folder}/${name}`);
}

/** Loads every test file of test/`folder` that has no process of its own: their subtests run here, in turn. */
export async function runFolder(folder: string) {
  for (const path of testFiles(folder).filter((file) => !ownProcess.has(file))) {
    t.comment(path);
    await import(pathToFileURL(join(projectRoot, path)).href);
  }
}
