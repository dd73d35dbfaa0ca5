// Starts the real server process (src/server.ts through tsx) on a free port, for end-to-end tests.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../src/config.js';

/** Starts the server with its own database; resolves with its port once it listens. Killed when `t` ends. */
export async function startServer(t: { teardown: (fn: () => void) => void }, env: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'pvd65-server-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const child = spawn(process.execPath, ['--import', 'tsx', join(projectRoot, 'src/server.ts')], {
    cwd: projectRoot,
    env: { ...process.env, PORT: '0', DATABASE_PATH: join(dir, 'db.sqlite'), LOG_LEVEL: 'info', ...env },
  });
  t.teardown(() => child.kill('SIGKILL'));
  const port = await new Promise<number>((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Server listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (match) resolve(Number(match[1]));
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
  const exit = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { child, port, exit };
}
