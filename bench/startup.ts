// Start-up as a new user meets it, from a fresh clone of the committed tree: the first `npm start` after `npm ci`
// (builds dist/ and the database), a second `npm start` (builds nothing), and `node dist/server.js` with the database
// built; each to the first 200 on /health.
//   npm run bench:startup                    (5 runs of the last two)
//   npm run bench:startup -- --runs 9 --keep
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { projectRoot } from '../src/config.js';
import { machine, startCommand } from './harness.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, keep: { type: 'boolean', default: false } } });
const runs = Math.max(1, Number(values.runs));

const load = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(', ');
const loadBefore = load();
// In the temporary folder, beside ../shared when it is there (as in a checkout beside it).
const clone = join(mkdtempSync(join(tmpdir(), 'pvd65-startup-')), 'pvd65');
execFileSync('git', ['clone', '--quiet', projectRoot, clone], { stdio: 'inherit' });
const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: clone, encoding: 'utf8' }).trim();
try {
  console.error(`npm ci in ${clone} (commit ${commit})…`);
  const started = performance.now();
  execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], { cwd: clone, stdio: ['ignore', 'ignore', 'inherit'] });
  const install = performance.now() - started;

  /** Milliseconds from spawning `command` in the clone to the first 200 on /health. */
  async function measure(command: string[]): Promise<number> {
    const server = await startCommand(command, clone, {});
    await server.stop();
    return server.startup;
  }
  const first = await measure(['npm', 'start']);
  const second: number[] = [];
  const built: number[] = [];
  for (let run = 0; run < runs; run++) {
    second.push(await measure(['npm', 'start']));
    built.push(await measure([process.execPath, 'dist/server.js']));
  }
  const summary = (times: number[]) => {
    const sorted = [...times].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)] as number;
    return `${Math.round(median)} ms (median of ${times.length}; ${sorted.map(Math.round).join(', ')})`;
  };
  console.log(`Start-up to the first 200 on /health, from a fresh clone of commit ${commit}, ${new Date().toISOString().slice(0, 10)}`);
  console.log(`Machine: ${machine()}; load average ${loadBefore} before, ${load()} after (1, 5, 15 min).`);
  console.log(`- npm ci: ${(install / 1000).toFixed(1)} s`);
  console.log(`- first npm start after npm ci (builds dist/ and the database): ${Math.round(first)} ms`);
  console.log(`- second npm start (nothing to build): ${summary(second)}`);
  console.log(`- node dist/server.js (database built): ${summary(built)}`);
} finally {
  if (values.keep) console.error(`Kept ${clone}`);
  else rmSync(join(clone, '..'), { recursive: true, force: true });
}
