// Load test of the built server: 100 connections for 20 s over a mix of routes and formats, rate limit off.
// --soak repeats it and prints resident memory before and after each round, to show it stays flat.
//   npm run bench:load              npm run bench:soak
import { parseArgs } from 'node:util';
import { load, machine, rssMb, startServer } from './harness.js';

const { values } = parseArgs({
  options: { soak: { type: 'boolean', default: false }, rounds: { type: 'string', default: '5' }, duration: { type: 'string', default: '20' } },
});
const duration = Number(values.duration);
const mix = [
  '/v1/communes',
  '/v1/communes/65059',
  '/v1/communes?q=bagneres',
  '/v1/communes?format=csv&sep=;',
  '/v1/communes?format=geojson',
  '/v1/intercommunalities',
  '/v1/intercommunalities/200072106/members?limit=100&sort=-population',
  '/v1/conventions?type=ort&format=ndjson',
  '/v1/measures',
  '/v1/funding-links?measure=brownfield-reconversion',
  '/v1/programme',
  '/v1/dataset',
  '/health',
].map((path) => ({ path }));

const server = await startServer('dist/server.js', {});
console.log(`Machine: ${machine()}`);
console.log(`Server ready in ${server.startup.toFixed(0)} ms; RSS ${rssMb(server.child.pid!).toFixed(1)} MB`);
const rounds = values.soak ? Number(values.rounds) : 1;
let failures = 0;
for (let round = 1; round <= rounds; round++) {
  const before = rssMb(server.child.pid!);
  const result = await load(server.url, '', { connections: 100, duration, requests: mix });
  const after = rssMb(server.child.pid!);
  failures += result.errors + result.unexpected;
  console.log(
    `round ${round}: ${result.total} requests, ${result.requestsPerSecond.toFixed(0)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms, ` +
      `errors ${result.errors}, non-2xx ${result.unexpected}; RSS ${before.toFixed(1)} → ${after.toFixed(1)} MB`,
  );
}
await server.stop();
if (failures > 0) {
  console.error(`${failures} errors or non-2xx responses`);
  process.exitCode = 1;
}
