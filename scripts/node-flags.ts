// The Node.js flags the server runs with, declared once: in package.json's `start` script (`node <flags>
// scripts/start.js`). The Dockerfile's CMD carries the same (test/engines.test.ts checks), and the benchmarks start
// every Node.js server they compare with them (bench/harness.ts). `tsx scripts/node-flags.ts` prints them.
//
// --min-semi-space-size=16: the young generation starts at the size it reaches under load anyway (16 MB a
// semi-space, V8's maximum on 64-bit). Left to grow from 1 MB, it grows during the first seconds of traffic, and in
// about half the processes started the JIT then settled into code that cost a small answer 15–20 % more CPU, for
// the life of the process (Node's own stream and nextTick paths; a bare Fastify route too, less often). Started at
// its full size, 24 of 26 processes measured ran at the lower cost. The price: about 8 MB more resident memory at rest.
import { readFileSync } from 'node:fs';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const start = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { scripts: { start: string } }).scripts.start;
const words = start.split(/\s+/);
if (words[0] !== 'node' || words.at(-1) !== 'scripts/start.js')
  throw new Error(`package.json: the start script "${start}" is not "node [flags] scripts/start.js"`);

/** The Node.js flags of the server, as package.json's start script gives them. */
export const nodeFlags: readonly string[] = words.slice(1, -1);

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(nodeFlags.join(' '));
