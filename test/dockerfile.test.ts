// The Dockerfile, without a Docker engine: its stages' steps run here as written (clean production install,
// build, database built at image build, start from the built output), under the Node major of its images, and the
// result answers. Not part of `npm test` (a clean install takes minutes): `npm run test:dockerfile` runs it under that
// Node (scripts/with-node.sh takes it from the npm registry), and .ci/run runs that.
import t from 'tap';
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { projectRoot } from '../src/config.js';
import { nodeFlags } from '../scripts/node-flags.js';

interface Instruction {
  keyword: string;
  args: string;
}

function parse(dockerfile: string): Instruction[] {
  return dockerfile
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const [keyword = '', ...rest] = line.split(/\s+/);
      return { keyword: keyword.toUpperCase(), args: rest.join(' ') };
    });
}

const instructions = parse(readFileSync(join(projectRoot, 'Dockerfile'), 'utf8'));
const stages = instructions.reduce<Instruction[][]>((all, instruction) => {
  if (instruction.keyword === 'FROM') all.push([]);
  all.at(-1)?.push(instruction);
  return all;
}, []);
const [buildStage = [], runtimeStage = []] = stages;

function copy(args: string, from: string, to: string) {
  const parts = args.split(/\s+/).filter((part) => !part.startsWith('--'));
  const target = parts.pop() as string;
  for (const source of parts) {
    const destination = join(to, target.endsWith('/') || parts.length > 1 ? join(target, source.replace(/\/$/, '').split('/').pop() as string) : target);
    mkdirSync(dirname(destination), { recursive: true });
    cpSync(join(from, source), destination, { recursive: true });
  }
}

t.test('the Dockerfile is what the check below assumes', async (t) => {
  t.equal(stages.length, 2, 'two stages: build and runtime');
  t.match(buildStage[0]?.args, /^node:\d+-\S+ AS build$/);
  t.match(runtimeStage[0]?.args, /^node:\d+-/);
  t.ok(
    runtimeStage.some((i) => i.keyword === 'USER' && i.args !== 'root' && i.args !== '0'),
    'runs as a non-root user',
  );
  t.ok(
    runtimeStage.some((i) => i.keyword === 'HEALTHCHECK' && i.args.includes('/health')),
    'HEALTHCHECK on /health',
  );
  t.ok(
    runtimeStage.some((i) => i.keyword === 'ENV' && /HOST=0\.0\.0\.0/.test(i.args)),
    'HOST=0.0.0.0',
  );
  t.ok(
    buildStage.some((i) => i.keyword === 'RUN' && i.args.includes('npm prune --omit=dev')),
    'production dependencies only',
  );
  const ignored = readFileSync(join(projectRoot, '.dockerignore'), 'utf8');
  t.match(ignored, /^\*$/m, '.dockerignore lets in only what is named');
});

t.test("the steps run here under the Node major of the Dockerfile's images", async (t) => {
  const majors = stages.map((stage) => /^node:(\d+)-/.exec(stage[0]?.args ?? '')?.[1]);
  t.equal(majors[0], majors[1], 'build and runtime stages on the same Node major');
  t.equal(process.versions.node.split('.')[0], majors[0], `Node ${process.version} (npm run test:dockerfile takes the right one)`);
});

t.test('the build and runtime steps, run here, give a server that answers', async (t) => {
  t.setTimeout(20 * 60_000);
  const root = mkdtempSync(join(tmpdir(), 'pvd65-docker-'));
  t.teardown(() => rmSync(root, { recursive: true, force: true }));
  const build = join(root, 'build');
  const runtime = join(root, 'runtime');
  mkdirSync(build);
  mkdirSync(runtime);

  // Build stage: COPY from the context, RUN as written (apt-get only installs the compiler this machine has).
  for (const { keyword, args } of buildStage) {
    if (keyword === 'COPY') copy(args, projectRoot, build);
    if (keyword === 'RUN' && !args.startsWith('apt-get')) {
      execFileSync('sh', ['-c', args], { cwd: build, stdio: 'pipe', env: { ...process.env, npm_config_prefer_offline: 'true' } });
    }
  }
  t.ok(existsSync(join(build, 'var/pvd65.sqlite')), 'the database is built at image build');
  t.notOk(existsSync(join(build, 'node_modules/typescript')), 'no development dependency left');
  t.notOk(existsSync(join(build, 'node_modules/tap')));
  t.ok(existsSync(join(build, 'node_modules/better-sqlite3')), 'production dependencies kept');

  // Runtime stage: COPY --from=build, ENV, then CMD.
  const env: Record<string, string> = {};
  let command: string[] = [];
  let healthcheck: string[] = [];
  for (const { keyword, args } of runtimeStage) {
    if (keyword === 'COPY' && args.includes('--from=build')) copy(args.replace(/\/app\//g, ''), build, runtime);
    if (keyword === 'ENV') for (const [, name, value] of args.matchAll(/(\w+)=(\S+)/g)) env[name as string] = value as string;
    if (keyword === 'CMD') command = JSON.parse(args);
    if (keyword === 'HEALTHCHECK') healthcheck = JSON.parse(args.slice(args.indexOf('CMD') + 4));
  }
  t.strictSame(command, ['node', ...nodeFlags, 'dist/server.js'], 'the server with npm start’s Node flags');
  // Port 0: the kernel picks a free port, read from the server's "listening" line.
  const child = spawn(process.execPath, command.slice(1), {
    cwd: runtime,
    env: { PATH: process.env.PATH ?? '', ...env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' },
  });
  t.teardown(() => child.kill('SIGKILL'));
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setInterval(() => {
      const listening = /Server listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (listening) {
        clearInterval(timer);
        resolve(Number(listening[1]));
      }
    }, 50);
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
  });
  t.ok(port > 0, `listening on port ${port}`);
  t.match(output, '"built":false', 'the database built at image build is used as it is');
  const communes = (await (await fetch(`http://127.0.0.1:${port}/v1/communes`)).json()) as { meta: { total: number } };
  t.equal(communes.meta.total, 14);
  const check = spawn(
    healthcheck[0] === 'node' ? process.execPath : (healthcheck[0] as string),
    healthcheck.slice(1).map((arg) => arg.replace('3000', String(port))),
  );
  t.equal(await new Promise((resolve) => check.on('exit', resolve)), 0, 'the HEALTHCHECK command passes');
});
