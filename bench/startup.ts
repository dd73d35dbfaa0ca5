// Start-up as a new user meets it, from a fresh clone of the committed tree: the first `npm start` after `npm ci`
// (builds dist/ and the database), a second `npm start` (builds nothing), and `node dist/server.js` with the database
// built; each to the first 200 on /health. With --baseline, the same figures for another commit, measured in the same
// run (the two alternate), from a second clone that shares the first one's node_modules when their lock files agree.
//   npm run bench:startup                              (7 runs of the last two)
//   npm run bench:startup -- --runs 9 --baseline main
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { projectRoot } from '../src/config.js';
import { nodeFlags } from '../scripts/node-flags.js';
import { machine, startCommand } from './harness.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '7' }, baseline: { type: 'string' } } });
const runs = Math.max(1, Number(values.runs));

const load = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(', ');
const loadBefore = load();
// In the temporary folder, beside ../shared when it is there (as a checkout is beside it).
const work = mkdtempSync(join(tmpdir(), 'pvd65-startup-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));

interface Clone {
  dir: string;
  commit: string;
  install: string;
  first: Measure;
  second: Measure[];
  built: Measure[];
}

/** Milliseconds to the first 200 on /health, and CPU milliseconds used by then. */
interface Measure {
  wall: number;
  cpu: number;
}

/** A clone of the project at `ref`, installed: by `npm ci` (timed), or with the node_modules of `shared`. */
function clone(name: string, ref: string, shared?: Clone): Clone {
  const dir = join(work, name);
  execFileSync('git', ['clone', '--quiet', projectRoot, dir], { stdio: 'inherit' });
  execFileSync('git', ['checkout', '--quiet', ref], { cwd: dir, stdio: 'inherit' });
  const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: dir, encoding: 'utf8' }).trim();
  const lock = (clone: string) => readFileSync(join(clone, 'package-lock.json'), 'utf8');
  if (shared && lock(shared.dir) === lock(dir)) {
    execFileSync('cp', ['-al', join(shared.dir, 'node_modules'), join(dir, 'node_modules')]);
    return { dir, commit, install: `node_modules of ${shared.commit}`, first: { wall: 0, cpu: 0 }, second: [], built: [] };
  }
  console.error(`npm ci in ${dir} (commit ${commit})…`);
  const started = performance.now();
  execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
  return { dir, commit, install: `npm ci ${((performance.now() - started) / 1000).toFixed(1)} s`, first: { wall: 0, cpu: 0 }, second: [], built: [] };
}

/** From spawning `command` in `dir` to the first 200 on /health. */
async function measure(dir: string, command: string[]): Promise<Measure> {
  const server = await startCommand(command, dir, {});
  await server.stop();
  return { wall: server.startup, cpu: server.cpu };
}

const clones = [clone('head', 'HEAD')];
if (values.baseline) clones.push(clone('baseline', values.baseline, clones[0]));
for (const clone of clones) clone.first = await measure(clone.dir, ['npm', 'start']);
for (let run = 0; run < runs; run++) {
  for (const clone of clones) {
    clone.second.push(await measure(clone.dir, ['npm', 'start']));
    clone.built.push(await measure(clone.dir, [process.execPath, ...nodeFlags, 'dist/server.js']));
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const summary = (measures: Measure[]) => {
  const walls = measures.map((measure) => Math.round(measure.wall)).sort((a, b) => a - b);
  return `${median(walls)} ms (median of ${measures.length}; ${walls.join(', ')}), CPU ${Math.round(median(measures.map((measure) => measure.cpu)))} ms`;
};
console.log(`Start-up to the first 200 on /health, from a fresh clone, ${new Date().toISOString().slice(0, 10)}; CPU: of every process of the command.`);
console.log(`Machine: ${machine()}; load average ${loadBefore} before, ${load()} after (1, 5, 15 min).\n`);
for (const clone of clones) {
  console.log(`Commit ${clone.commit} (${clone.install}):`);
  console.log(`- first npm start (builds dist/ and the database): ${Math.round(clone.first.wall)} ms, CPU ${Math.round(clone.first.cpu)} ms`);
  console.log(`- second npm start: ${summary(clone.second)}`);
  console.log(`- node dist/server.js (database built): ${summary(clone.built)}`);
}
