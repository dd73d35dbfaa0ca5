// Starts the real server process (src/server.ts through tsx) on a free port, for end-to-end tests.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../src/config.js';
import { runDatabaseDir, runDatabasePath } from './run-database.js';

/**
 * Starts the server with its own database; resolves with its port once it listens. Killed when `t` ends. The database
 * is a copy of the run's (test/run-database.ts), which the server finds current, unless `fresh` (or there is none):
 * then the server builds it from data/, as on a first start.
 */
export async function startServer(t: { teardown: (fn: () => void) => void }, env: Record<string, string> = {}, { fresh = false } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'pvd65-server-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  if (!fresh && existsSync(runDatabasePath)) cpSync(runDatabaseDir, dir, { recursive: true });
  const child = spawn(process.execPath, ['--import', 'tsx', join(projectRoot, 'src/server.ts')], {
    cwd: projectRoot,
    env: { ...process.env, PORT: '0', DATABASE_PATH: join(dir, 'pvd65.sqlite'), LOG_LEVEL: 'info', ...env },
  });
  t.teardown(() => child.kill('SIGKILL'));
  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Server listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (match) resolve(Number(match[1]));
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
  const exit = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { child, port, exit, output: () => output };
}
