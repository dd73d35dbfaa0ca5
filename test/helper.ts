// Test helpers: a database built once per test process from data/ (or from a copy), and apps built on it.
import { copyFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Test } from 'tap';
import { buildApp, type AppOptions } from '../src/app.js';
import { projectRoot } from '../src/config.js';
import { buildDatabase } from '../src/build/database.js';
import { publicationPath } from '../src/build/publication.js';
import { runDatabasePath } from './run-database.js';

export const dataDir = join(projectRoot, 'data');
export const migrationsDir = join(projectRoot, 'migrations');

let shared: string | undefined;

/**
 * The database built from data/ for the tests: TEST_DATABASE_PATH when set (mutation testing builds one before its
 * thousands of runs); else the one tap's `before` script built for the whole run (test/run-database.ts); else (a test
 * file run without tap's runner) one built into a temporary folder, once per process.
 */
export function sharedDatabase(): string {
  if (!shared && process.env.TEST_DATABASE_PATH) shared = process.env.TEST_DATABASE_PATH;
  if (!shared && existsSync(runDatabasePath)) shared = runDatabasePath;
  if (!shared) {
    const dir = mkdtempSync(join(tmpdir(), 'pvd65-test-'));
    shared = join(dir, 'pvd65.sqlite');
    buildDatabase({ dataDir, databasePath: shared, migrationsDir });
    process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  }
  return shared;
}

/**
 * A copy of the shared database (and its publication file) at `databasePath`, as a build from data/ would write it
 * there: for tests whose subject is what happens to an existing database.
 */
export function copyOfSharedDatabase(databasePath: string): string {
  const source = sharedDatabase();
  copyFileSync(source, databasePath);
  copyFileSync(publicationPath(source), publicationPath(databasePath));
  return databasePath;
}

/** An app on the shared database (rate limit off unless `settings` sets it), closed when `t` ends. */
export async function build(t: Test, settings: AppOptions['settings'] = {}, databasePath = sharedDatabase()) {
  const app = await buildApp({ databasePath, settings: { RATE_LIMIT_MAX: 0, ...settings } });
  t.teardown(() => app.close());
  await app.ready();
  return app;
}

/** An empty temporary folder, removed when `t` ends. */
export function tempDir(t: { teardown: (fn: () => void) => void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'pvd65-test-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A temporary copy of data/ that a test may break; removed when `t` ends. */
export function dataCopy(t: Test): string {
  const dir = mkdtempSync(join(tmpdir(), 'pvd65-data-'));
  cpSync(dataDir, dir, { recursive: true });
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Reads, changes and writes back one JSON file of a data folder. */
export function editJson(dir: string, file: string, change: (value: any) => void) {
  const path = join(dir, file);
  const value = JSON.parse(readFileSync(path, 'utf8'));
  change(value);
  writeFileSync(path, JSON.stringify(value, null, 2));
}

/** The JSON body of a response, failing clearly when it is not JSON. */
export function json(response: { body: string }): any {
  return JSON.parse(response.body);
}

/**
 * The shared folder of reference extracts and the prefecture page (`reference/`, `source/`) beside the project, when
 * this checkout has one (PVD_SHARED_DIR, or ../shared from the project or from its worktree folder); tests that
 * compare data/ with it skip otherwise.
 */
export function sharedDir(): string | undefined {
  const candidates = [process.env.PVD_SHARED_DIR, join(projectRoot, '..', 'shared'), join(projectRoot, '..', '..', 'shared')];
  return candidates.find((dir): dir is string => dir !== undefined && existsSync(join(dir, 'reference', 'README.md')));
}

const csp =
  "default-src 'self';base-uri 'self';font-src 'self';form-action 'self';frame-ancestors 'none';img-src 'self' data:;object-src 'none';" +
  "script-src 'self';script-src-attr 'none';style-src 'self' 'unsafe-inline';connect-src 'self'";

/** The security and CORS headers every response carries, exactly. */
export const expectedHeaders: Readonly<Record<string, string>> = {
  'content-security-policy': csp,
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'cross-origin',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'access-control-allow-origin': '*',
  'access-control-expose-headers':
    'ETag, Link, X-Total-Count, Content-Disposition, X-Request-Id, Retry-After, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset',
};
