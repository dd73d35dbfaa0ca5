// package.json's engines.node says what the dependency tree needs: every locked package (runtime and development)
// that names a Node range accepts every Node the project declares, so `npm ci` has no EBADENGINE on any of them;
// the Node running the tests and the Dockerfile's Node are declared ones.
import t from 'tap';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { projectRoot } from '../src/config.js';
import { nodeFlags } from '../scripts/node-flags.js';

interface Locked {
  version?: string;
  dev?: boolean;
  engines?: Record<string, string> | string[];
}

const manifest = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { engines: { node: string } };
const declared = manifest.engines.node;
const lock = JSON.parse(readFileSync(join(projectRoot, 'package-lock.json'), 'utf8')) as { packages: Record<string, Locked> };

/** A package's Node range: `engines.node`, or the old array form `["node >= 0.2.0"]`. */
function nodeRange(engines: Locked['engines']): string | undefined {
  if (Array.isArray(engines)) return engines.find((engine) => engine.startsWith('node'))?.replace(/^node\s*/, '');
  return engines?.node;
}

t.test('the declared range is a valid one, and the lock file records it', async (t) => {
  t.ok(semver.validRange(declared), `engines.node "${declared}" is a semver range`);
  t.equal(nodeRange(lock.packages['']?.engines), declared, 'package-lock.json is current (npm install)');
});

t.test('every locked package with a Node range accepts every Node the project declares', async (t) => {
  const ranged = Object.entries(lock.packages).filter(([location, locked]) => location !== '' && nodeRange(locked.engines) !== undefined);
  t.ok(ranged.length > 100, `${ranged.length} packages name a Node range`);
  const narrower = ranged
    .filter(([, locked]) => !semver.subset(declared, nodeRange(locked.engines) as string))
    .map(
      ([location, locked]) =>
        `${location.replace(/^.*node_modules\//, '')}@${locked.version} (${locked.dev ? 'development' : 'runtime'}) needs ${nodeRange(locked.engines)}`,
    );
  t.strictSame(narrower, [], `each accepts all of ${declared}: pin or override the others, or declare less`);
});

t.test('the Node running the tests, and the Dockerfile’s, are declared ones', async (t) => {
  t.ok(semver.satisfies(process.version, declared), `${process.version} satisfies ${declared}`);
  const majors = [...readFileSync(join(projectRoot, 'Dockerfile'), 'utf8').matchAll(/^FROM node:(\d+)-/gm)].map((match) => match[1]);
  t.ok(majors.length > 0, 'the Dockerfile starts from node:<major>-… images');
  for (const major of majors) t.ok(semver.subset(`${major}.x`, declared), `every Node ${major}.x satisfies ${declared}`);
});

t.test('the server runs with the same Node flags under npm start and in the Dockerfile, and this Node accepts them', async (t) => {
  t.ok(nodeFlags.length > 0, `npm start's flags: ${nodeFlags.join(' ')}`);
  const command = /^CMD (\[.*\])$/m.exec(readFileSync(join(projectRoot, 'Dockerfile'), 'utf8'))?.[1];
  t.strictSame(JSON.parse(command ?? '[]'), ['node', ...nodeFlags, 'dist/server.js'], 'the Dockerfile’s CMD');
  const run = spawnSync(process.execPath, [...nodeFlags, '-e', '0'], { encoding: 'utf8' });
  t.equal(run.status, 0, `node ${nodeFlags.join(' ')} starts: ${run.stderr}`);
});
