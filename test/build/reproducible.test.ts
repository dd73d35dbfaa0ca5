// Replicas agree: two builds of the same data/, in two folders of different absolute paths, with different file times,
// build times, working directories and time zones, serve byte-identical representations with the same headers (ETag,
// Last-Modified, Cache-Control, Vary, length…), so that N replicas behind a load balancer and a CDN are one origin.
// Each side is what a user runs: `npm run db:build` (src/cli/build-database.ts) on its copy, then the server
// (src/server.ts) on the database it built, on a real socket; raw bytes are compared, compressed or not.
import t from 'tap';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, utimesSync } from 'node:fs';
import { Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { projectRoot } from '../../src/config.js';
import { publicationPath } from '../../src/build/publication.js';
import { sortValues } from '../../src/pages/intercommunality.js';
import { collections } from '../../src/resources/index.js';
import { formatsOf } from '../../src/formats/render.js';
import type { Test } from 'tap';
import { dataDir, tempDir } from '../helper.js';

const tsx = fileURLToPath(import.meta.resolve('tsx'));
/** The Host both replicas are asked under, as a load balancer would pass it: absolute URLs depend on it. */
const host = 'pvd65.example.org';
/** Headers that belong to one request, not to the representation. */
const perRequest = new Set(['date', 'x-request-id', 'connection', 'keep-alive']);
const encodings = [undefined, 'gzip', 'br'] as const;

interface Replica {
  dir: string;
  data: string;
  databasePath: string;
  port: number;
}

/** A copy of data/ at `where` in a new folder, its files dated `time`, built with the CLI as a user would. */
function buildReplica(t: Test, where: string[], time: Date, timeZone: string): Omit<Replica, 'port'> {
  const dir = tempDir(t);
  const data = join(dir, ...where, 'data');
  mkdirSync(data, { recursive: true });
  cpSync(dataDir, data, { recursive: true });
  for (const name of readdirSync(data)) utimesSync(join(data, name), time, time);
  const databasePath = join(dir, ...where, 'var', 'pvd65.sqlite');
  const built = spawnSync(process.execPath, ['--import', tsx, join(projectRoot, 'src/cli/build-database.ts')], {
    cwd: dir,
    env: { ...process.env, DATA_DIR: data, DATABASE_PATH: databasePath, TZ: timeZone },
    encoding: 'utf8',
  });
  if (built.status !== 0) throw new Error(`db:build failed: ${built.stdout}${built.stderr}`);
  return { dir, data, databasePath };
}

/** The server on the database built above (found current, not rebuilt), on a free port. */
async function startReplica(t: Test, replica: Omit<Replica, 'port'>, timeZone: string): Promise<Replica> {
  const child = spawn(process.execPath, ['--import', tsx, join(projectRoot, 'src/server.ts')], {
    cwd: replica.dir,
    env: { ...process.env, PORT: '0', DATA_DIR: replica.data, DATABASE_PATH: replica.databasePath, RATE_LIMIT_MAX: '0', LOG_LEVEL: 'info', TZ: timeZone },
  });
  t.teardown(() => child.kill('SIGKILL'));
  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Server listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (!match) return;
      // Request logs from here on are drained, not kept.
      child.stdout.off('data', read);
      child.stdout.resume();
      resolve(Number(match[1]));
    };
    child.stdout.on('data', read);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
  t.match(output, '"built":false', `${replica.dir}: the server serves the database db:build wrote`);
  return { ...replica, port };
}

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

const agent = new Agent({ keepAlive: true, maxSockets: 8 });
t.teardown(() => agent.destroy());

/** One request on a real socket; the body as sent (compressed bytes are not decoded). */
function fetchRaw(port: number, path: string, headers: Record<string, string>, method = 'GET'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: '127.0.0.1', port, path, method, headers: { host, ...headers }, agent }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end();
  });
}

/** Runs `tasks` `width` at a time. */
async function pool<T>(items: T[], width: number, task: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await task(items[next++] as T);
    }),
  );
}

type Schema = Record<string, unknown>;
interface OpenApi {
  paths: Record<
    string,
    {
      get: {
        parameters?: { name: string; in: 'query' | 'path'; description?: string; schema: Schema }[];
        responses: Record<string, { content?: Record<string, unknown> }>;
      };
    }
  >;
}
const exampleOf = (description = '') => /Example: `([^`]*)`/.exec(description)?.[1];

/** Every path of the OpenAPI document with its examples: alone, with each query parameter's example, in each media type. */
function openApiRequests(document: OpenApi): { path: string; headers?: Record<string, string> }[] {
  const requests: { path: string; headers?: Record<string, string> }[] = [];
  for (const [template, { get: operation }] of Object.entries(document.paths)) {
    let path = template;
    for (const parameter of (operation.parameters ?? []).filter((candidate) => candidate.in === 'path')) {
      path = path.replace(`{${parameter.name}}`, exampleOf(parameter.description) ?? 'missing-example');
    }
    requests.push({ path });
    for (const parameter of (operation.parameters ?? []).filter((candidate) => candidate.in === 'query')) {
      const example = exampleOf(parameter.description);
      const values =
        example !== undefined ? [example] : ((parameter.schema.enum as string[] | undefined) ?? (parameter.schema.type === 'boolean' ? ['true', 'false'] : []));
      for (const value of values) requests.push({ path: `${path}?${new URLSearchParams({ [parameter.name]: value })}` });
    }
    for (const mediaType of Object.keys(operation.responses['200']?.content ?? {})) requests.push({ path, headers: { accept: mediaType } });
    // A miss and a bad parameter: problem documents must agree too.
    requests.push({ path: `${path}?unknownParameter=1` });
  }
  return requests;
}

t.test('two builds of the same data/ in two folders serve the same bytes and validators', async (t) => {
  const a = buildReplica(t, ['a'], new Date('2026-01-02T03:04:05Z'), 'UTC');
  // Another second, another path depth and length, other file times, another time zone.
  const builtIn = Math.floor(Date.now() / 1000);
  while (Math.floor(Date.now() / 1000) === builtIn) await new Promise((resolve) => setTimeout(resolve, 20));
  const b = buildReplica(t, ['replica-b', 'deeper', 'folder'], new Date('2026-06-07T08:09:10Z'), 'Pacific/Kiritimati');

  await t.test('the downloadable SQLite file is byte-identical; the server database differs only in its file stamp', async (t) => {
    t.ok(readFileSync(publicationPath(a.databasePath)).equals(readFileSync(publicationPath(b.databasePath))), 'pvd65-publication.sqlite: same bytes');
    // meta.data_stat holds the data files' sizes and modification times, so that a server started on the same files
    // knows the database is current without hashing them: local by design, and never served.
    const dump = (path: string) => {
      const sqlite = new Database(path, { readonly: true });
      try {
        const tables = sqlite.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string; sql: string }[];
        return tables.map(({ name, sql }) => ({
          sql,
          rows: sqlite
            .prepare(`SELECT * FROM "${name}"${name === 'meta' ? " WHERE key <> 'data_stat'" : ''}`)
            .raw()
            .all()
            .map((row) => JSON.stringify(row, (_key, value: unknown) => (Buffer.isBuffer(value) ? value.toString('base64') : value)))
            .sort(),
        }));
      } finally {
        sqlite.close();
      }
    };
    t.strictSame(dump(b.databasePath), dump(a.databasePath), 'every table and row of the server database, data_stat aside');
    const stamp = (path: string) => {
      const sqlite = new Database(path, { readonly: true });
      try {
        return (sqlite.prepare("SELECT value FROM meta WHERE key = 'data_stat'").get() as { value: string }).value;
      } finally {
        sqlite.close();
      }
    };
    t.not(stamp(b.databasePath), stamp(a.databasePath), 'built from files of other times');
  });

  const replicas = [await startReplica(t, a, 'UTC'), await startReplica(t, b, 'Pacific/Kiritimati')];
  const [first, second] = replicas as [Replica, Replica];
  const json = async (path: string) => JSON.parse((await fetchRaw(first.port, path, {})).body.toString('utf8')) as Record<string, unknown>;

  // The corpus: every OpenAPI path with its examples, every item and list of every collection in every format, every
  // related list of every parent, the downloads, the pages, the documents of the service, and a few errors.
  const requests: { path: string; headers?: Record<string, string> }[] = [];
  const parts: Record<string, number> = {};
  const part = (name: string) => (parts[name] = requests.length - Object.values(parts).reduce((sum, count) => sum + count, 0));
  const document = (await json('/openapi.json')) as unknown as OpenApi;
  requests.push(...openApiRequests(document));
  part('openapi');
  const dataset = (await json('/v1/dataset')) as { version: string; modified: string; downloads: { url: string }[] };
  // Every declared collection, from the declarations themselves: its list and items in every format it offers, and
  // the related lists of every item (members are reached through their intercommunality).
  const ids: Record<string, string[]> = {};
  for (const collection of collections.filter((candidate) => candidate.topLevel)) {
    const { name } = collection;
    const list = (await json(`/v1/${name}?limit=100`)) as { data: Record<string, string>[]; meta: { total: number } };
    t.equal(list.data.length, list.meta.total, `every ${collection.noun.one} listed`);
    ids[name] = list.data.map((item) => item[collection.id.name] as string);
    for (const format of formatsOf(collection))
      requests.push({ path: `/v1/${name}?format=${format}` }, { path: `/v1/${name}?format=${format}&limit=5&offset=5` });
    for (const key of ids[name]) {
      for (const format of formatsOf(collection)) requests.push({ path: `/v1/${name}/${key}?format=${format}` });
      for (const [child, related] of Object.entries(collection.related ?? {}))
        for (const format of formatsOf(related.collection())) requests.push({ path: `/v1/${name}/${key}/${child}?format=${format}` });
    }
  }
  for (const code of ids.communes ?? [])
    for (const geometry of ['centre', 'townHall', 'contour']) requests.push({ path: `/v1/communes/${code}?format=geojson&geometry=${geometry}` });
  part('collections');
  for (const { url } of dataset.downloads) requests.push({ path: url });
  part('downloads');
  const html = { accept: 'text/html' };
  requests.push({ path: '/', headers: html }, { path: '/sitemap.xml' }, { path: '/robots.txt' }, { path: '/assets/favicon.svg' });
  for (const code of ids.communes ?? []) requests.push({ path: `/communes/${code}`, headers: html });
  for (const siren of ids.intercommunalities ?? []) requests.push({ path: `/intercommunalites/${siren}`, headers: html });
  for (const tri of sortValues) requests.push({ path: `/intercommunalites/${ids.intercommunalities?.[0]}?tri=${tri}`, headers: html });
  const stylesheet = /href="(\/assets\/[^"]+\.css)"/.exec((await fetchRaw(first.port, '/', html)).body.toString('utf8'))?.[1];
  t.ok(stylesheet, 'the home page links its stylesheet');
  requests.push({ path: stylesheet as string });
  part('pages');
  requests.push({ path: '/openapi.json' }, { path: '/openapi.yaml' }, { path: '/docs' }, { path: '/docs/json' }, { path: '/docs/yaml' });
  const docs = (await fetchRaw(first.port, '/docs/', html)).body.toString('utf8');
  const assets = [...docs.matchAll(/(?:src|href)="\.?\/?(?:docs\/)?(static\/[^"]+)"/g)].map((match) => `/docs/${match[1]}`);
  t.ok(assets.length >= 3, `Swagger UI's page loads ${assets.length} assets`);
  requests.push({ path: '/docs/' }, ...assets.map((path) => ({ path })));
  part('docs');
  requests.push({ path: '/communes/00000', headers: html }, { path: '/v1/communes/00000' }, { path: '/v1/communes', headers: { accept: 'image/png' } });
  part('errors');

  // Each request without Accept-Encoding, with gzip and with br, and once as HEAD; to both replicas at once.
  const differences: string[] = [];
  const statuses: Record<number, number> = {};
  const validatorProblems: string[] = [];
  const sqlite = { compared: false };
  let compared = 0;
  const firstAnswers = new Map<string, Answer>();
  const variants = requests.flatMap(({ path, headers = {} }) => [
    ...encodings.map((encoding) => ({ path, headers: encoding ? { ...headers, 'accept-encoding': encoding } : headers, method: 'GET' })),
    { path, headers, method: 'HEAD' },
  ]);
  const lastModified = new Date(`${dataset.modified}T00:00:00Z`).toUTCString();
  await pool(variants, 6, async ({ path, headers, method }) => {
    const [one, two] = await Promise.all([fetchRaw(first.port, path, headers, method), fetchRaw(second.port, path, headers, method)]);
    const label = `${method} ${path} ${JSON.stringify(headers)}`;
    compared++;
    statuses[one.status] = (statuses[one.status] ?? 0) + 1;
    if (one.status !== two.status) differences.push(`${label}: status ${one.status} / ${two.status}`);
    if (!one.body.equals(two.body)) differences.push(`${label}: bodies differ (${one.body.length} / ${two.body.length} bytes)`);
    const names = new Set([...Object.keys(one.headers), ...Object.keys(two.headers)].filter((name) => !perRequest.has(name)));
    for (const name of names) {
      const [mine, theirs] = [JSON.stringify(one.headers[name]), JSON.stringify(two.headers[name])];
      if (mine !== theirs) differences.push(`${label}: ${name} ${mine} / ${theirs}`);
    }
    if (one.status === 200) {
      // Validators come from the content and the dataset, never from a file's time or a build's: strong, versioned.
      if (!one.headers.etag?.startsWith(`"${dataset.version}-`)) validatorProblems.push(`${label}: ETag ${one.headers.etag}`);
      if (one.headers['last-modified'] !== lastModified) validatorProblems.push(`${label}: Last-Modified ${one.headers['last-modified']}`);
      if (method === 'GET') firstAnswers.set(JSON.stringify([path, headers]), one);
    }
    if (path === '/downloads/pvd65.sqlite' && method === 'GET' && !headers['accept-encoding']) {
      sqlite.compared =
        one.body.equals(readFileSync(publicationPath(first.databasePath))) && two.body.equals(readFileSync(publicationPath(second.databasePath)));
    }
  });
  t.strictSame(
    differences,
    [],
    `${compared} responses (${requests.length} requests ${JSON.stringify(parts)} × 3 encodings + HEAD) identical on both replicas, per-request headers aside`,
  );
  t.strictSame(validatorProblems, [], `every 200 has a strong ETag of dataset version ${dataset.version} and Last-Modified ${lastModified}`);
  t.ok(sqlite.compared, '/downloads/pvd65.sqlite is the publication file of each replica, byte for byte');
  t.ok(statuses[200] && statuses[200] > 2000 && statuses[400] && statuses[404] && statuses[406], `statuses: ${JSON.stringify(statuses)}`);

  // A validator from one replica revalidates at the other: a CDN or a browser may be sent to either.
  const revalidation: string[] = [];
  let revalidated = 0;
  await pool([...firstAnswers.entries()], 6, async ([key, answer]) => {
    const [path, headers] = JSON.parse(key) as [string, Record<string, string>];
    const preconditions: Record<string, string>[] = [
      { 'if-none-match': answer.headers.etag as string },
      { 'if-modified-since': answer.headers['last-modified'] as string },
    ];
    for (const precondition of preconditions) {
      const other = await fetchRaw(second.port, path, { ...headers, ...precondition });
      revalidated++;
      if (other.status !== 304) revalidation.push(`${path} ${JSON.stringify({ ...headers, ...precondition })}: ${other.status}`);
    }
  });
  t.strictSame(revalidation, [], `${revalidated} revalidations of the first replica's validators at the second: 304`);

  // Every path of the OpenAPI document was compared with a 200.
  const answered = new Set([...firstAnswers.keys()].map((key) => (JSON.parse(key) as [string])[0].split('?')[0]));
  const templates = Object.keys(document.paths).map((template) => new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`));
  t.strictSame(
    Object.keys(document.paths).filter((_template, index) => ![...answered].some((path) => templates[index]?.test(path as string))),
    [],
    `every one of the ${templates.length} OpenAPI paths answered 200 on both`,
  );
});
