// A typed client generated from openapi.yaml with openapi-typescript, used through openapi-fetch: it compiles under
// `tsc --strict` with concrete types (no `unknown`, `any` or `Record<string, never>` where the API has a shape), and
// runs against the real server.
import t from 'tap';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import { parse } from 'yaml';
import { projectRoot } from '../../src/config.js';
import { openapiPath } from '../../src/openapi.js';
import { build } from '../helper.js';

const client = `
import createClient from 'openapi-fetch';
import type { paths } from './schema.js';

const baseUrl = process.env.API as string;
// One client per media type: a list route answers JSON, CSV, NDJSON or GeoJSON.
const api = createClient<paths, 'application/json' | 'application/problem+json'>({ baseUrl });
const geo = createClient<paths, 'application/geo+json'>({ baseUrl });

function check(condition: boolean, what: string): void {
  if (!condition) throw new Error(what);
}

// A list, filtered and sorted: the envelope and whole items.
const list = await api.GET('/v1/communes', { params: { query: { populationMin: 2000, sort: '-population', limit: 5 } } });
if (!list.data) throw new Error('no list');
const total: number = list.data.meta.total;
const first = list.data.data[0];
if (!first) throw new Error('empty list');
const code: string = first.code;
const municipal: number | undefined = first.population?.municipal;
check(total >= 3 && code.length === 5 && (municipal ?? 0) >= 2000, 'list');

// An item, whole and sparse.
const item = await api.GET('/v1/communes/{code}', { params: { path: { code: '65059' } } });
if (!item.data) throw new Error('no item');
const name: string | undefined = item.data.name;
const siren: string | undefined = item.data.intercommunality?.siren;
check(name === 'Bagnères-de-Bigorre' && siren === '246500482', 'item');
const sparse = await api.GET('/v1/intercommunalities/{siren}', { params: { path: { siren: '200072106' }, query: { fields: 'name,seat' } } });
const seat: string | null | undefined = sparse.data?.seat?.name;
check(sparse.data?.siren === '200072106' && seat !== undefined, 'sparse item');

// A related list.
const members = await api.GET('/v1/intercommunalities/{siren}/members', { params: { path: { siren: '200072106' }, query: { laureate: true } } });
const laureates: boolean[] = (members.data?.data ?? []).map((member) => member.laureate === true);
check(laureates.length === 3 && laureates.every(Boolean), 'related list');

// GeoJSON: a FeatureCollection with typed geometries.
const features = await geo.GET('/v1/intercommunalities', { params: { query: { format: 'geojson' } } });
if (!features.data) throw new Error('no GeoJSON');
const feature = features.data.features[0];
if (!feature) throw new Error('no feature');
const firstPosition: number[] | undefined = feature.geometry.type === 'MultiPolygon' ? feature.geometry.coordinates[0]?.[0]?.[0] : undefined;
check(features.data.type === 'FeatureCollection' && (firstPosition?.length ?? 0) === 2, 'geojson');

// The programme and the dataset.
const dataset = await api.GET('/v1/dataset');
const sourceIds: string[] = (dataset.data?.sources ?? []).map((source) => source.id);
check(sourceIds.length > 5, 'dataset');

// Errors: the problem document, typed.
const missing = await api.GET('/v1/communes/{code}', { params: { path: { code: '00000' } } });
const status: number | undefined = missing.error?.status;
const detail: string | undefined = missing.error?.detail;
check(status === 404 && typeof detail === 'string', 'problem');
const bad = await api.GET('/v1/communes', { params: { query: { limit: 1000 } } });
const parameter: string | undefined = bad.error?.errors?.[0]?.name;
check(bad.response.status === 400 && parameter === 'limit', 'validation problem');
console.log('typed client: ok');
`;

/** Runs a command without blocking the event loop (the server under test answers from this process). */
async function run(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }) {
  try {
    const { stdout, stderr } = await promisify(execFile)(command, args, { ...options, encoding: 'utf8' });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? 1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

/** Lines of the generated types that leave a response or schema shape open: `unknown`, `any`, `Record<string, never>`. */
function openShapes(types: string): string[] {
  return (
    types
      .split('\n')
      .filter((line) => /\bunknown\b|\bany\b|Record<string, never>/.test(line))
      // Response header maps may hold headers beyond the documented ones; webhooks and $defs are empty by design.
      .filter((line) => !/^\s*\[name: string\]: unknown;$/.test(line) && !/^export type (webhooks|\$defs) = Record<string, never>;$/.test(line))
      .filter((line) => !/^\s*(\*|\/\*\*)/.test(line))
  );
}

t.test('openapi-typescript + openapi-fetch: concrete types, strict compile, real answers', async (t) => {
  const app = await build(t);
  await app.listen({ port: 0, host: '127.0.0.1' });
  // Inside the project, so that the script resolves openapi-fetch from its node_modules; var/ is absent from a fresh clone.
  mkdirSync(join(projectRoot, 'var'), { recursive: true });
  const dir = mkdtempSync(join(projectRoot, 'var', 'typed-client-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));

  const types = astToString(await openapiTS(parse(readFileSync(openapiPath, 'utf8'))));
  writeFileSync(join(dir, 'schema.d.ts'), types);
  t.strictSame(openShapes(types), [], 'no open shape in the generated types');

  writeFileSync(join(dir, 'client.ts'), client);
  const tsc = await run(
    process.execPath,
    [
      join(projectRoot, 'node_modules/typescript/bin/tsc'),
      '--strict',
      '--noEmit',
      '--noUncheckedIndexedAccess',
      '--target',
      'ES2022',
      '--module',
      'nodenext',
      '--moduleResolution',
      'nodenext',
      '--skipLibCheck',
      '--types',
      'node',
      join(dir, 'client.ts'),
    ],
    { cwd: projectRoot },
  );
  t.equal(tsc.code, 0, `tsc --strict: ${tsc.stdout}${tsc.stderr}`);

  const port = (app.server.address() as { port: number }).port;
  const ran = await run(process.execPath, ['--import', 'tsx', join(dir, 'client.ts')], {
    cwd: projectRoot,
    env: { ...process.env, API: `http://127.0.0.1:${port}` },
  });
  t.equal(ran.code, 0, `the client runs: ${ran.stdout}${ran.stderr}`);
  t.match(ran.stdout, /typed client: ok/);
});
