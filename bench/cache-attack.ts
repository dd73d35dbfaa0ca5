// The response cache under attack: starts the real server on loopback, sends requests whose Accept and
// Accept-Encoding headers are huge (15 KB) and all distinct, and samples the server's resident memory. Before the
// cache was keyed by the representation chosen, each such request made a new entry whose 15 KB key was not counted
// (RSS went from 94 MB to 1.7-2.9 GB); now they all share one entry.
//   npm run bench:cache-attack                                  (the built server, 20,000 requests)
//   tsx bench/cache-attack.ts --server src/server.ts --requests 5000 --connections 16
// Bounded: a fixed number of requests, to 127.0.0.1 only, then the server is stopped.
import { Agent, request } from 'node:http';
import { parseArgs } from 'node:util';
import { machine, rssMb, startServer } from './harness.js';

const { values } = parseArgs({
  options: {
    server: { type: 'string', default: 'dist/server.js' },
    requests: { type: 'string', default: '20000' },
    connections: { type: 'string', default: '32' },
  },
});
const total = Math.min(Number(values.requests), 100_000);
const connections = Math.min(Number(values.connections), 256);
const target = '/v1/communes?q=zzzq';
const filler = 'x'.repeat(15_000);

// Rate limit off: the attack is on the cache, not on the limit (which, on by default, would refuse it after 600 requests).
const server = await startServer(values.server, { RATE_LIMIT_MAX: '0' });
const { hostname, port } = new URL(server.url);
if (hostname !== '127.0.0.1') throw new Error(`refusing to send to ${hostname}: loopback only`);
const pid = server.child.pid as number;
const agent = new Agent({ keepAlive: true, maxSockets: connections });

function send(path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path, headers, agent, timeout: 10_000 }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
    req.end();
  });
}

// Useful entries first: the list and the whole database file.
for (const path of ['/v1/communes', '/downloads/pvd65.sqlite', target]) await send(path, {});
const before = rssMb(pid);
console.log(`Machine: ${machine()}`);
console.log(`Server ${values.server} ready in ${server.startup.toFixed(0)} ms; RSS ${before.toFixed(1)} MB after warm-up`);

const statuses = new Map<number, number>();
const samples: number[] = [];
let next = 0;
const started = performance.now();
async function worker() {
  while (next < total) {
    const i = next++;
    const status = await send(target, { accept: `application/json, x/${i}${filler}`, 'accept-encoding': `gzip, x-${i}` });
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
    if (i % 1000 === 999) samples.push(rssMb(pid));
  }
}
await Promise.all(Array.from({ length: connections }, worker));
const seconds = (performance.now() - started) / 1000;
// A moment for the server to settle, then the last sample.
await new Promise((resolve) => setTimeout(resolve, 2000));
const after = rssMb(pid);
agent.destroy();
await server.stop();

const peak = Math.max(before, after, ...samples);
console.log(
  `${total} requests of ${(filler.length / 1024).toFixed(1)} KB of distinct headers, ${connections} connections, ${seconds.toFixed(1)} s (${(total / seconds).toFixed(0)} req/s); ` +
    `statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
);
console.log(`RSS: ${before.toFixed(1)} MB before, peak ${peak.toFixed(1)} MB, ${after.toFixed(1)} MB after`);
console.log(`Samples every 1,000 requests (MB): ${samples.map((sample) => sample.toFixed(0)).join(' ')}`);
if ((statuses.get(200) ?? 0) !== total) process.exitCode = 1;
