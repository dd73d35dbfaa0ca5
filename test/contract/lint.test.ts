// The contract and the container file, linted: spectral's OpenAPI rules and dockerfilelint, with nothing to report.
import t from 'tap';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from '../../src/config.js';

const bin = (name: string) => join(projectRoot, 'node_modules/.bin', name);

t.test('spectral (spectral:oas): no error, no warning, no hint on openapi.yaml', async (t) => {
  const run = spawnSync(bin('spectral'), ['lint', 'openapi.yaml', '--ruleset', '.spectral.yaml', '--format', 'json', '--fail-severity', 'hint', '--quiet'], {
    cwd: projectRoot,
    encoding: 'utf8',
  });
  const results = JSON.parse(run.stdout || '[]') as { code: string; message: string; path: string[] }[];
  t.strictSame(
    results.map((result) => `${result.code}: ${result.message} at ${result.path.join('.')}`),
    [],
  );
  t.equal(run.status, 0, run.stderr);
});

t.test('dockerfilelint: no issue in the Dockerfile', async (t) => {
  const run = spawnSync(bin('dockerfilelint'), ['--output', 'json', 'Dockerfile'], { cwd: projectRoot, encoding: 'utf8' });
  const report = JSON.parse(run.stdout) as { totalIssues: number; files: { issues: { title: string; line: number }[] }[] };
  t.strictSame(
    report.files.flatMap((file) => file.issues.map((issue) => `line ${issue.line}: ${issue.title}`)),
    [],
  );
  t.equal(report.totalIssues, 0);
  t.equal(run.status, 0);
});
