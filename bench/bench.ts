// The performance benchmark: in one run, each API request beside a bare Fastify route answering the same bytes
// as a constant (the stack's limit), a search that misses the cache, start-up times and memory,
// at 14, 1,646 and 35,000 communes.
//   npm run bench                         (all scales)
//   npm run bench -- --scales 14 --duration 5 --rounds 5
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { projectRoot } from '../src/config.js';
import { load, loadSettings, machine, rssMb, startServer, type Load } from './harness.js';

const { values } = parseArgs({ options: { scales: { type: 'string', default: '14,1646,35000' } }, strict: false });
const { duration, connections, rounds } = loadSettings();
/** Seconds of load before each measure: the JIT compiler's and the caches' warm-up, in a process just started. */
const warmUp = 1;

/** `load`, measured after `warmUp` seconds of the same load. */
async function warmedLoad(url: string, path: string, options: Omit<Parameters<typeof load>[2], 'duration'>): Promise<Load> {
  await load(url, path, { ...options, duration: warmUp });
  return load(url, path, { ...options, duration });
}

/** The median of `rounds` measures (by requests per second): the machine is shared, single runs are noisy. */
function median(results: Load[]): Load {
  return [...results].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond)[Math.floor(results.length / 2)] as Load;
}
const work = join(tmpdir(), 'pvd65-bench');
mkdirSync(work, { recursive: true });

function dataFor(scale: number): string {
  if (scale === 14) return join(projectRoot, 'data');
  const dir = join(work, `data-${scale}`);
  if (!existsSync(join(dir, 'communes.json'))) {
    execFileSync(process.execPath, ['--import', 'tsx', join(projectRoot, 'bench/generate.ts'), '--communes', String(scale), '--out', dir], {
      stdio: 'inherit',
    });
  }
  return dir;
}

const format = (name: string, result: Load, bare?: Load) =>
  `| ${name} | ${result.requestsPerSecond.toFixed(0)} | ${result.p50} | ${result.p99} | ${bare ? `${bare.requestsPerSecond.toFixed(0)} | ${(result.requestsPerSecond / bare.requestsPerSecond).toFixed(2)}` : '— | —'} | ${result.errors + result.unexpected} |`;

// fetch() asks for gzip unless told otherwise; autocannon asks for nothing: ask for what autocannon gets.
const identity = { 'accept-encoding': 'identity' };
/** Headers Node's HTTP server writes for every answer (the bare route's too). */
const perConnection = new Set(['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding']);

console.log(
  `Machine: ${machine()}. autocannon, ${connections} connections (the search that misses the cache: 10), median of ${rounds} rounds of ${duration} s, bare and API alternating, each round with a bare server and an API server just started and every request warmed ${warmUp} s before it is measured; rate limit on (every request counted, bound 10⁹); the bare route answers the API's status, headers and bytes as constants; server and load generator share the machine.\n`,
);

for (const scale of String(values.scales).split(',').map(Number)) {
  const dataDir = dataFor(scale);
  const databasePath = join(work, `db-${scale}.sqlite`);
  rmSync(databasePath, { force: true });
  // The rate limit counts every request, as in production, with a bound no benchmark reaches.
  const env = { DATA_DIR: dataDir, DATABASE_PATH: databasePath, RATE_LIMIT_MAX: '1000000000' };

  const building = await startServer('dist/server.js', env);
  await building.stop();
  const server = await startServer('dist/server.js', env);
  const rssStart = rssMb(server.child.pid!);
  const code = ((await (await fetch(`${server.url}/v1/communes?limit=1&fields=code`, { headers: identity })).json()) as { data: { code: string }[] }).data[0]!
    .code;
  const search = '/v1/communes?q=saint&populationMin=500&sort=-population&limit=20';
  const narrowSearch = '/v1/communes?q=sainte%20marie';
  const etag = (await fetch(`${server.url}/v1/communes`, { headers: identity })).headers.get('etag') as string;
  const scenarios: { name: string; path: string; headers: Record<string, string>; expect: number }[] = [
    { name: '`/v1/communes`', path: '/v1/communes', headers: {}, expect: 200 },
    { name: `\`/v1/communes/${code}\``, path: `/v1/communes/${code}`, headers: {}, expect: 200 },
    { name: `filtered search \`${search}\``, path: search, headers: {}, expect: 200 },
    { name: 'CSV export `/v1/communes?format=csv&limit=500`', path: '/v1/communes?format=csv&limit=500', headers: {}, expect: 200 },
    { name: '304 revalidation of `/v1/communes`', path: '/v1/communes', headers: { 'if-none-match': etag }, expect: 304 },
  ];

  // The limit: each answer's status, headers and bytes, served as constants by a bare Fastify route.
  const bodies = await Promise.all(
    scenarios.map(async (scenario, index) => {
      const response = await fetch(`${server.url}${scenario.path}`, { headers: { ...identity, ...scenario.headers } });
      if (response.status !== scenario.expect) throw new Error(`${scenario.path} answered ${response.status}, not ${scenario.expect}`);
      const file = join(work, `body-${scale}-${index}`);
      writeFileSync(file, Buffer.from(await response.arrayBuffer()));
      // Every header the API sent, but those Node writes itself for any answer.
      const headers = Object.fromEntries([...response.headers].filter(([name]) => !perConnection.has(name)));
      return { path: `/bare/${index}`, file, headers, status: response.status };
    }),
  );
  const manifest = join(work, `bodies-${scale}.json`);
  writeFileSync(manifest, JSON.stringify(bodies));
  await server.stop();

  // Bare and API alternate, request after request, so that both see the same machine. Each round starts both servers
  // anew: how fast one process runs the same code varies by several per cent from one start to the next (where its
  // memory lies, which core it gets), and a median over rounds of one pair of processes would keep that pair's luck.
  const limits: Load[][] = scenarios.map(() => []);
  const apis: Load[][] = scenarios.map(() => []);
  let rssAfter = 0;
  for (let round = 0; round < rounds; round++) {
    const bare = await startServer('bench/bare-server.ts', { BODIES: manifest });
    const api = await startServer('dist/server.js', env);
    for (const [index, scenario] of scenarios.entries()) {
      limits[index]!.push(await warmedLoad(bare.url, `/bare/${index}`, { connections, expect: scenario.expect }));
      apis[index]!.push(await warmedLoad(api.url, scenario.path, { connections, headers: scenario.headers, expect: scenario.expect }));
    }
    rssAfter = rssMb(api.child.pid!);
    await Promise.all([bare.stop(), api.stop()]);
  }
  const lines = scenarios.map((scenario, index) => format(`${scenario.name} (cached)`, median(apis[index]!), median(limits[index]!)));

  const uncached = await startServer('dist/server.js', { ...env, RESPONSE_CACHE_BYTES: '0' });
  for (const [name, path] of [
    [`the filtered search above, cache off, 10 connections`, search],
    [`a narrower search \`${narrowSearch}\`, cache off, 10 connections`, narrowSearch],
  ] as const) {
    const misses: Load[] = [];
    for (let round = 0; round < rounds; round++) misses.push(await warmedLoad(uncached.url, path, { connections: 10 }));
    lines.push(format(name, median(misses)));
  }
  await uncached.stop();

  console.log(`### ${scale} communes\n`);
  console.log(
    `Start-up to the first 200 on /health: ${building.startup.toFixed(0)} ms building the database from data/, ${server.startup.toFixed(0)} ms with it built. RSS ${rssStart.toFixed(0)} MB after start, ${rssAfter.toFixed(0)} MB after the benchmark.\n`,
  );
  console.log('| request | req/s | p50 ms | p99 ms | bare route, same bytes: req/s | ratio | errors + unexpected statuses |\n|---|---|---|---|---|---|---|');
  console.log(`${lines.join('\n')}\n`);
}
