// `npm start` in a copy of the project, as a user runs it: dist/ built on the first start, not again while nothing
// changed, rebuilt after an edit of src/ (and the edit served); the bundled server builds the database, finds one
// built from the sources current, and rebuilds it when the code that builds it changed.
import t, { type Test } from 'tap';
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../src/config.js';
import { buildDatabase } from '../src/build/database.js';
import { tempDir } from './helper.js';

const project = tempDir(t);
for (const path of ['package.json', 'package-lock.json', 'tsconfig.json', 'scripts', 'src', 'migrations', 'data']) {
  cpSync(join(projectRoot, path), join(project, path), { recursive: true });
}
symlinkSync(join(projectRoot, 'node_modules'), join(project, 'node_modules'));

const env = (databasePath: string) => ({ ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', DATABASE_PATH: databasePath });

/** Runs `command` in the copy until the server listens; its output (stdout and stderr) and port. Stopped with `t`. */
async function start(t: Test, databasePath: string, command = ['npm', 'start']) {
  // A process group of its own: npm, its shell and the server are stopped together.
  const child = spawn(command[0] as string, command.slice(1), { cwd: project, env: env(databasePath), detached: true });
  const exit = new Promise<number | null>((resolve) => child.on('exit', resolve));
  t.teardown(async () => {
    process.kill(-(child.pid as number), 'SIGTERM');
    await exit;
  });
  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const listening = /Server listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (listening) resolve(Number(listening[1]));
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    void exit.then((code) => reject(new Error(`exited with ${code}: ${output}`)));
  });
  const health = (await (await fetch(`http://127.0.0.1:${port}/health`)).json()) as { status: string };
  return { output, health };
}

const built = /Built dist\/ in \d+ ms/;
const serverBundle = join(project, 'dist/server.js');

t.test('the first start builds dist/; the bundled server builds the missing database', async (t) => {
  const { output, health } = await start(t, join(project, 'var/first.sqlite'));
  t.match(output, built, 'dist/ built');
  t.match(output, '"built":true', 'database built from data/');
  t.equal(health.status, 'ok');
});

// Built here, from src/ (the tests run the sources), and used by the bundle below.
const fromSources = join(project, 'var/sources.sqlite');
buildDatabase({ dataDir: join(project, 'data'), databasePath: fromSources, migrationsDir: join(project, 'migrations') });

t.test('a second start compiles nothing, and a database built from the sources is current for the bundle', async (t) => {
  const before = statSync(serverBundle).mtimeMs;
  const { output } = await start(t, fromSources);
  t.notMatch(output, built, 'dist/ not rebuilt');
  t.equal(statSync(serverBundle).mtimeMs, before, 'dist/server.js untouched');
  t.match(output, '"built":false', 'database current');
});

t.test('an edit of src/ is built and served; the database is kept when the edit does not touch what builds it', async (t) => {
  const routes = join(project, 'src/routes/documents.ts');
  writeFileSync(routes, readFileSync(routes, 'utf8').replace("status: 'ok'", "status: 'edited'"));
  const { output, health } = await start(t, fromSources);
  t.match(output, built, 'dist/ rebuilt');
  t.equal(health.status, 'edited', 'the edited code answers');
  t.match(output, '"built":false', 'database kept');
});

t.test('an edit of the code that builds the database rebuilds it; the sources then find that database current', async (t) => {
  appendFileSync(join(project, 'src/build/load.ts'), '// edited\n');
  const bundled = await start(t, fromSources);
  t.match(bundled.output, built, 'dist/ rebuilt');
  t.match(bundled.output, '"built":true', 'database rebuilt by the bundle');
  const sources = await start(t, fromSources, [process.execPath, '--import', 'tsx', 'src/server.ts']);
  t.match(sources.output, '"built":false', 'current for the server run from src/');
});

t.test('a build that fails starts nothing and says so', async (t) => {
  appendFileSync(join(project, 'src/app.ts'), 'export const = ;\n');
  const run = spawnSync('npm', ['start'], { cwd: project, env: env(fromSources), encoding: 'utf8', timeout: 120_000 });
  t.equal(run.status, 1);
  t.match(run.stderr, 'src/app.ts');
  t.match(run.stderr, 'the build failed');
});
