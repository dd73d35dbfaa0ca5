// pandas reads the CSV downloads right: with the data package's string types as `dtype`, codes keep their leading
// zeros (on a generated national dataset, where INSEE codes such as 03496 exist); every row of a whole collection.
import t, { type Test } from 'tap';
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../src/config.js';
import { buildDatabase } from '../../src/build/database.js';
import { build, migrationsDir, tempDir } from '../helper.js';

// Debian's python3-pandas lives under /usr/bin/python3; a python3 earlier on PATH may lack it.
const python = ['/usr/bin/python3', 'python3'].find((candidate) => spawnSync(candidate, ['-c', 'import pandas'], { stdio: 'ignore' }).status === 0);
// CI installs python3-pandas (.ci/run); elsewhere the test is skipped, saying why.
const skip = !python && !process.env.CI ? 'no python3 with pandas (CI installs Debian python3-pandas)' : false;

const reader = `
import json, sys
import pandas as pd
package = json.load(open(sys.argv[1]))
out = {}
for resource in package['resources']:
    dtype = {f['name']: 'string' for f in resource['schema']['fields'] if f['type'] == 'string'}
    frame = pd.read_csv(sys.argv[2] + '/' + resource['path'], dtype=dtype)
    bare = pd.read_csv(sys.argv[2] + '/' + resource['path'])
    out[resource['name']] = {
        'rows': len(frame),
        'codes': [str(value) for value in frame[resource['schema']['primaryKey'][0]].head(3)],
        'bare': [str(value) for value in bare[resource['schema']['primaryKey'][0]].head(3)],
        'dtypes': {name: str(frame[name].dtype) for name in frame.columns},
    }
print(json.dumps(out))
`;

async function read(t: Test, databasePath?: string) {
  const app = await build(t, {}, databasePath);
  const dir = tempDir(t);
  const descriptor = (await app.inject('/downloads/datapackage.json')).body;
  writeFileSync(join(dir, 'datapackage.json'), descriptor);
  for (const resource of JSON.parse(descriptor).resources as { path: string }[]) {
    writeFileSync(join(dir, resource.path), (await app.inject(`/downloads/${resource.path}`)).rawPayload);
  }
  writeFileSync(join(dir, 'read.py'), reader);
  return JSON.parse(execFileSync(python ?? 'python3', [join(dir, 'read.py'), join(dir, 'datapackage.json'), dir], { encoding: 'utf8' }));
}

t.test('pandas with the package dtypes: strings stay strings, numbers numbers, every row', { skip }, async (t) => {
  const result = await read(t);
  t.equal(result.members.rows, 392, 'members.csv: every member');
  t.equal(result.communes.rows, 14);
  t.equal(result.communes.dtypes.code, 'string');
  t.equal(result.communes.dtypes['intercommunality.siren'], 'string');
  t.equal(result.communes.dtypes.postalCodes, 'string');
  t.equal(result.communes.dtypes['population.municipal'], 'int64');
  t.equal(result.communes.dtypes['centre.longitude'], 'float64');
  t.equal(result.communes.dtypes['centre.latitude'], 'float64');
});

t.test('leading zeros survive: a generated dataset with codes such as 03496', { skip }, async (t) => {
  const dir = tempDir(t);
  const dataDir = join(dir, 'data');
  execFileSync(join(projectRoot, 'node_modules/.bin/tsx'), [join(projectRoot, 'bench/generate.ts'), '--communes', '20', '--out', dataDir], { stdio: 'ignore' });
  const databasePath = join(dir, 'db.sqlite');
  buildDatabase({ dataDir, databasePath, migrationsDir });
  const result = await read(t, databasePath);
  t.match(result.communes.codes[0], /^0[0-9]{4}$/, `with dtype: ${result.communes.codes[0]}`);
  t.match(result.communes.bare[0], /^[1-9][0-9]{3}$/, `without dtype pandas drops the zero: ${result.communes.bare[0]}`);
});

t.test('pandas.read_csv of a whole-collection URL (no limit) gets every row, from the real server', { skip }, async (t) => {
  const app = await build(t);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const origin = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const script = 'import sys, pandas as pd\nprint(len(pd.read_csv(sys.argv[1], dtype=str)))';
  const rows = async (path: string) => {
    const { stdout } = await promisify(execFile)(python ?? 'python3', ['-c', script, `${origin}${path}`], { encoding: 'utf8' });
    return Number(stdout.trim());
  };
  t.equal(await rows('/v1/intercommunalities/200072106/members?format=csv'), 72, 'the 72 members of CC Adour Madiran, not a first page of 50');
  t.equal(await rows('/v1/communes?format=csv&sep=,'), 14);
  t.equal(await rows('/v1/intercommunalities/200072106/members?format=csv&limit=10'), 10, 'an explicit limit is a page');
});
