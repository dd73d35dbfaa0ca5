// Peers in one run: the bare route (the stack's limit, the API's answers as constants), this API, json-server serving
// the same communes as JSON, and Platformatic DB on the same SQLite file, each asked for a list, an item and a
// filtered query that return the same communes. The peers are installed at bench time, out of the project's
// dependencies and lock file, into node_modules/.cache/peers.
//   npm run bench:peers
//   npm run bench:peers -- --duration 5 --rounds 3 --connections 100
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { projectRoot } from '../src/config.js';
import { load, loadSettings, machine, rssMb, startServer, type Load, type Server } from './harness.js';

const { duration, connections, rounds } = loadSettings();

const versions = { jsonServer: '0.17.4', platformatic: '3.67.0' };
// Platformatic DB 3 needs Node.js ≥ 22.19 (it fails at import on 20): it runs under the newest 24.x.
const platformaticNode = '24';

const cache = join(projectRoot, 'node_modules/.cache/peers');
/** Runs a command under Node.js 24 from scripts/with-node.sh (installed there on first use); returns its output. */
const withNode = (...command: string[]) =>
  execFileSync(join(projectRoot, 'scripts/with-node.sh'), [platformaticNode, ...command], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
// Under Node.js 24, so that a native addon among Platformatic's dependencies is built for the Node.js that loads it.
withNode(
  'npm',
  'install',
  '--prefix',
  cache,
  '--no-audit',
  '--no-fund',
  '--loglevel=error',
  '--save-exact',
  `json-server@${versions.jsonServer}`,
  `@platformatic/db@${versions.platformatic}`,
);
const platformaticNodePath = withNode('node', '-p', 'process.execPath').trim();
const platformaticNodeVersion = withNode('node', '--version').trim();

// Platformatic DB's documented programmatic start, in one process as the others: REST and OpenAPI (the API has both),
// no GraphQL (the API has none), request logs off as for the others.
const platformaticLauncher = join(cache, 'platformatic-db.mjs');
writeFileSync(
  platformaticLauncher,
  `import { create } from '@platformatic/db';
const app = await create(import.meta.dirname, {
  server: { hostname: '127.0.0.1', port: Number(process.env.PORT), logger: { level: 'warn' } },
  db: {
    connectionString: 'sqlite://' + process.env.DATABASE_PATH,
    include: Object.fromEntries(process.env.TABLES.split(',').map((table) => [table, true])),
    graphql: false,
    openapi: true,
  },
});
await app.start({ listen: true });
`,
);

/** The median of `rounds` measures (by requests per second): the machine is shared, single runs are noisy. */
function median(results: Load[]): Load {
  return [...results].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond)[Math.floor(results.length / 2)] as Load;
}
/** The median of the rounds' ratios of requests per second: each round's pair saw the same load on the machine. */
function ratio(results: Load[], limits: Load[]): string {
  const ratios = results.map((result, round) => result.requestsPerSecond / limits[round]!.requestsPerSecond).sort((a, b) => a - b);
  return ratios[Math.floor(ratios.length / 2)]!.toFixed(2);
}
const loadAverage = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(', ');

const work = join(tmpdir(), 'pvd65-peers');
mkdirSync(work, { recursive: true });
const databasePath = join(work, 'db.sqlite');
rmSync(databasePath, { force: true });
const loadBefore = loadAverage();

// This API, as `npm run bench` runs it: built, the database built by a first start, the rate limit counting every request.
const env = { DATABASE_PATH: databasePath, RATE_LIMIT_MAX: '1000000000' };
const building = await startServer('dist/server.js', env);
await building.stop();
const api = await startServer('dist/server.js', env);
// The same, computing every answer as the peers do: no response cache.
const uncached = await startServer('dist/server.js', { ...env, RESPONSE_CACHE_BYTES: '0' });

// fetch() asks for gzip unless told otherwise; autocannon asks for nothing: ask for what autocannon gets.
const identity = { 'accept-encoding': 'identity' };
/** Headers Node's HTTP server writes for every answer (the bare route's too). */
const perConnection = new Set(['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding']);

const communes = (await (await fetch(`${api.url}/v1/communes?limit=500`, { headers: identity })).json()) as {
  data: { code: string }[];
  meta: { total: number };
};
if (communes.data.length !== communes.meta.total) throw new Error(`/v1/communes?limit=500 gave ${communes.data.length} of ${communes.meta.total} communes`);
const code = communes.data[0]!.code;

// json-server: each commune as the API represents it, its code as the id; request logs off (--quiet).
const jsonServerData = join(work, 'json-server.json');
writeFileSync(jsonServerData, JSON.stringify({ communes: communes.data }));
const jsonServer = await startServer(
  join(cache, 'node_modules/json-server/lib/cli/bin.js'),
  {},
  { args: (port) => [jsonServerData, '--id', 'code', '--quiet', '--host', '127.0.0.1', '--port', String(port)], ready: `/communes/${code}` },
);

// Platformatic DB on the API's SQLite file: its real tables, since FTS5's shadow tables stop it at start.
const database = new Database(databasePath, { readonly: true });
const schema = database.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table'").all() as { name: string; sql: string }[];
database.close();
const virtualTables = schema.filter(({ sql }) => /^CREATE VIRTUAL/i.test(sql)).map(({ name }) => name);
const tables = schema
  .map(({ name }) => name)
  .filter((name) => !name.startsWith('__') && !virtualTables.some((table) => name === table || name.startsWith(`${table}_`)));
const platformatic = await startServer(
  platformaticLauncher,
  { DATABASE_PATH: databasePath, TABLES: tables.join(',') },
  { node: platformaticNodePath, ready: '/communes?limit=1' },
);

const requests = ['list', 'item', 'filtered query'] as const;
const apiPaths = ['/v1/communes', `/v1/communes/${code}`, '/v1/communes?q=saint&populationMin=500&sort=-population&limit=20'];
/** Each server's nearest request: the same communes in the same order (checked below). */
const servers: { name: string; runtime: string; server: Server; paths: string[] }[] = [
  {
    name: 'this API',
    runtime: process.version,
    server: api,
    paths: apiPaths,
  },
  {
    name: 'this API, response cache off',
    runtime: process.version,
    server: uncached,
    paths: apiPaths,
  },
  {
    name: `json-server ${versions.jsonServer}`,
    runtime: process.version,
    server: jsonServer,
    paths: ['/communes', `/communes/${code}`, '/communes?name_like=saint&population.municipal_gte=500&_sort=population.municipal&_order=desc&_limit=20'],
  },
  {
    name: `Platformatic DB ${versions.platformatic}`,
    runtime: platformaticNodeVersion,
    server: platformatic,
    // Its default page is 10 rows: ask for the API's 50.
    paths: ['/communes?limit=50', `/communes/${code}`, '/communes?where.nameKey.like=%25saint%25&where.population.gte=500&orderby.population=desc&limit=20'],
  },
];
const rssStart = servers.map(({ server }) => rssMb(server.child.pid!));

/** The communes' codes in an answer: the API's envelope, the peers' bare arrays, or one item. */
function codes(body: unknown): string {
  const items = Array.isArray(body) ? body : ((body as { data?: unknown[] }).data ?? [body]);
  return (items as { code: string }[]).map((item) => item.code).join(',');
}

// Each answer once: checked against the API's, kept with its headers for the bare route (the limit for those bytes).
const answers = await Promise.all(
  servers.map(({ name, server, paths }, s) =>
    Promise.all(
      paths.map(async (path, r) => {
        const response = await fetch(`${server.url}${path}`, { headers: identity });
        if (response.status !== 200) throw new Error(`${name}: ${path} answered ${response.status}`);
        const bytes = Buffer.from(await response.arrayBuffer());
        const file = join(work, `body-${s}-${r}`);
        writeFileSync(file, bytes);
        const headers = Object.fromEntries([...response.headers].filter(([header]) => !perConnection.has(header)));
        return { path: `/bare/${s}/${r}`, file, headers, status: 200, bytes: bytes.length, codes: codes(JSON.parse(bytes.toString('utf8'))) };
      }),
    ),
  ),
);
for (const [s, { name, paths }] of servers.entries()) {
  for (const [r, path] of paths.entries()) {
    const [expected, actual] = [answers[0]![r]!.codes, answers[s]![r]!.codes];
    if (actual !== expected) throw new Error(`${name}: ${path} gave the communes ${actual}, the API ${expected}`);
  }
}
const manifest = join(work, 'bodies.json');
writeFileSync(manifest, JSON.stringify(answers.flat()));
const bare = await startServer('bench/bare-server.ts', { BODIES: manifest });

// For each request, round after round: each server right after the bare route answering its bytes, so that all see the same machine.
const results = requests.map(() => servers.map(() => ({ bare: [] as Load[], own: [] as Load[] })));
for (const [r] of requests.entries()) {
  for (let round = 0; round < rounds; round++) {
    for (const [s, { server, paths }] of servers.entries()) {
      results[r]![s]!.bare.push(await load(bare.url, `/bare/${s}/${r}`, { connections, duration, expect: 200 }));
      results[r]![s]!.own.push(await load(server.url, paths[r]!, { connections, duration, expect: 200 }));
    }
  }
}
const rssAfter = servers.map(({ server }) => rssMb(server.child.pid!));
const bareRss = rssMb(bare.child.pid!);
await Promise.all([bare, ...servers.map(({ server }) => server)].map((server) => server.stop()));

const size = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
console.log(
  `Machine: ${machine()}; Platformatic DB under Node.js ${platformaticNodeVersion}. Load average (1, 5, 15 min) ${loadBefore} before, ${loadAverage()} after.\n` +
    `autocannon, ${connections} connections, median of ${rounds} rounds of ${duration} s (ratios: the median of the rounds' ratios); for each request, round after round, each server right after the bare route answering its bytes; ` +
    `servers and load generator share the machine. Command: \`npm run bench:peers -- --duration ${duration} --rounds ${rounds} --connections ${connections}\`.\n`,
);
console.log(row(['request', ...servers.map(({ name }) => name)]));
console.log(row(['---', ...servers.map(() => '---')]));
for (const [r, request] of requests.entries()) console.log(row([request, ...servers.map(({ paths }) => `\`${paths[r]}\``)]));
console.log();
console.log(
  row([
    'request',
    'server',
    'answer',
    'req/s',
    'p99 ms',
    'ratio to the bare route (the API’s answer)',
    'ratio to the bare route (its own answer)',
    'errors + unexpected statuses',
  ]),
);
console.log(row(Array(8).fill('---')));
for (const [r, request] of requests.entries()) {
  const limit = median(results[r]![0]!.bare);
  const items = answers[0]![r]!.codes.split(',').length;
  console.log(
    row([
      `${request} (${items} ${items === 1 ? 'commune' : 'communes'})`,
      'bare route',
      size(answers[0]![r]!.bytes),
      limit.requestsPerSecond.toFixed(0),
      limit.p99,
      '1.00',
      '1.00',
      limit.errors + limit.unexpected,
    ]),
  );
  for (const [s, { name }] of servers.entries()) {
    const own = median(results[r]![s]!.own);
    console.log(
      row([
        '',
        name,
        size(answers[s]![r]!.bytes),
        own.requestsPerSecond.toFixed(0),
        own.p99,
        ratio(results[r]![s]!.own, results[r]![0]!.bare),
        ratio(results[r]![s]!.own, results[r]![s]!.bare),
        own.errors + own.unexpected,
      ]),
    );
  }
}
console.log();
console.log(
  row([
    'server',
    'Node.js',
    'start-up to the first 200 (ms)',
    'RSS after start (MB)',
    'RSS after the benchmark (MB)',
    'headers of the item’s answer, beside Node’s own',
  ]),
);
console.log(row(Array(6).fill('---')));
console.log(row(['bare route (Fastify, constants)', process.version, bare.startup.toFixed(0), '—', bareRss.toFixed(0), 'the API’s, or each server’s, copied']));
for (const [s, { name, runtime, server }] of servers.entries()) {
  const headers = Object.keys(answers[s]![1]!.headers);
  console.log(row([name, runtime, server.startup.toFixed(0), rssStart[s]!.toFixed(0), rssAfter[s]!.toFixed(0), `${headers.length}: ${headers.join(', ')}`]));
}
console.log(`\nThis API's first start, building the database from data/: ${building.startup.toFixed(0)} ms.`);
