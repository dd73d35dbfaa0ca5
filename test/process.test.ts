// The real processes: the server over HTTP on a real socket, and the commands that stop on bad data.
import t from 'tap';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../src/config.js';
import { dataCopy, editJson } from './helper.js';

const node = process.execPath;
const server = ['--import', 'tsx', join(projectRoot, 'src/server.ts')];

function tempDir(t: { teardown: (fn: () => void) => void }) {
  const dir = mkdtempSync(join(tmpdir(), 'pvd65-process-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

t.test('the server builds its database, serves over HTTP and stops cleanly on SIGTERM', async (t) => {
  const databasePath = join(tempDir(t), 'db.sqlite');
  const child = spawn(node, server, { cwd: projectRoot, env: { ...process.env, PORT: '0', DATABASE_PATH: databasePath, LOG_LEVEL: 'info' } });
  t.teardown(() => child.kill('SIGKILL'));
  const address = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) resolve(match[1] as string);
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
  const health = await fetch(`${address}/health`);
  t.equal(health.status, 200);
  const communes = await fetch(`${address}/v1/communes?fields=name`);
  t.equal(communes.status, 200);
  t.equal(((await communes.json()) as { meta: { total: number } }).meta.total, 14);
  const csv = await fetch(`${address}/v1/intercommunalities?format=csv`);
  t.match(csv.headers.get('content-type'), /^text\/csv/);
  const missing = await fetch(`${address}/v1/communes/99999`);
  t.equal(missing.status, 404);
  t.match(missing.headers.get('content-type'), /^application\/problem\+json/);
  const exit = new Promise<number | null>((resolve) => child.on('exit', resolve));
  child.kill('SIGTERM');
  t.equal(await exit, 0, 'exit code 0 after SIGTERM');
});

t.test('bad data/ stops `npm start` and `npm run data:check` with the file, record and path; the database is untouched', async (t) => {
  const dir = tempDir(t);
  const databasePath = join(dir, 'db.sqlite');
  const built = spawnSync(node, ['--import', 'tsx', join(projectRoot, 'src/db/build-cli.ts')], { cwd: projectRoot, env: { ...process.env, DATABASE_PATH: databasePath }, encoding: 'utf8' });
  t.equal(built.status, 0, built.stderr);
  const before = createHash('sha256').update(readFileSync(databasePath)).digest('hex');
  const data = dataCopy(t);
  editJson(data, 'intercommunalities.json', (epcis) => (epcis[0].population.total = -1));
  const env = { ...process.env, DATA_DIR: data, DATABASE_PATH: databasePath, PORT: '0' };

  const check = spawnSync('npm', ['run', '--silent', 'data:check'], { cwd: projectRoot, env, encoding: 'utf8' });
  t.equal(check.status, 1);
  t.match(check.stderr, 'data/intercommunalities.json record "200070787" at /population/total: Expected integer to be greater or equal to 0');

  const start = spawnSync(node, server, { cwd: projectRoot, env, encoding: 'utf8', timeout: 60_000 });
  t.equal(start.status, 1);
  t.match(start.stderr, 'data/intercommunalities.json record "200070787" at /population/total');
  t.match(start.stderr, 'Nothing was changed');
  t.equal(createHash('sha256').update(readFileSync(databasePath)).digest('hex'), before, 'database unchanged');
});

t.test('bad settings stop the server with the variable named', async (t) => {
  const start = spawnSync(node, server, { cwd: projectRoot, env: { ...process.env, PORT: 'eighty', LOG_LEVEL: 'loud' }, encoding: 'utf8', timeout: 60_000 });
  t.equal(start.status, 1);
  t.match(start.stderr, 'PORT="eighty"');
  t.match(start.stderr, 'LOG_LEVEL="loud"');
});
