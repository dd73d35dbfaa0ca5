// Shared by the benchmarks: start a server process, wait for its first 200, load it with autocannon, read its memory.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { cpus, totalmem } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { projectRoot } from '../src/config.js';
import { nodeFlags } from '../scripts/node-flags.js';

export interface Server {
  child: ChildProcess;
  url: string;
  /** Milliseconds from spawn to the first 200 on /health (or on `ready`). */
  startup: number;
  /** CPU milliseconds its processes had used by then (Linux), a figure less sensitive than `startup` to a loaded machine. */
  cpu: number;
  stop(): Promise<void>;
}

/** A port nobody listens on now: the kernel's choice for a throwaway listener. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

const children = new Set<ChildProcess>();
// A benchmark that fails or is interrupted half-way must not leave servers behind (each is a process group of its own,
// which the terminal's Ctrl-C does not reach).
process.on('exit', () => children.forEach((child) => process.kill(-(child.pid as number), 'SIGKILL')));
process.once('SIGINT', () => process.exit(130));

/** How to start a server that is not the project's: another Node.js binary, arguments, the path that says it is ready. */
export interface Launch {
  node?: string;
  args?: (port: number) => string[];
  ready?: string;
}

/**
 * Spawns `node <flags> <script>` (TypeScript through tsx) with `env`, and resolves once GET /health (or `ready`)
 * answers 200. Every server compared (this API, the bare route, the peers) runs with the Node.js flags the API is
 * deployed with (scripts/node-flags.ts): the same runtime for all.
 */
export async function startServer(script: string, env: Record<string, string>, launch: Launch = {}): Promise<Server> {
  // A relative script is the project's; an absolute one may be another checkout (run from its own root).
  const path = isAbsolute(script) ? script : join(projectRoot, script);
  const root = isAbsolute(script) ? dirname(dirname(script)) : projectRoot;
  const args = script.endsWith('.ts') ? ['--import', 'tsx', path] : [path];
  return startCommand((port) => [launch.node ?? process.execPath, ...nodeFlags, ...args, ...(launch.args?.(port) ?? [])], root, env, launch.ready);
}

/**
 * Runs `command` (given the free port, also in PORT) in `cwd` with `env`, and resolves once GET `ready` answers 200.
 * The command runs in a process group of its own, stopped whole: `npm start` is npm, a shell and the server.
 */
export async function startCommand(
  command: string[] | ((port: number) => string[]),
  cwd: string,
  env: Record<string, string>,
  ready = '/health',
): Promise<Server> {
  const port = await freePort();
  const argv = typeof command === 'function' ? command(port) : command;
  const started = performance.now();
  const child = spawn(argv[0] as string, argv.slice(1), {
    cwd,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', RATE_LIMIT_MAX: '0', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${argv.join(' ')} exited with ${child.exitCode}`);
    const ok = await fetch(`${url}${ready}`).then(
      (response) => response.status === 200,
      () => false,
    );
    if (ok) break;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const startup = performance.now() - started;
  return {
    child,
    url,
    startup,
    cpu: groupCpuMs(child.pid as number),
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        process.kill(-(child.pid as number), 'SIGTERM');
      }),
  };
}

/**
 * CPU time of the processes of group `group` (Linux), in milliseconds: their own and that of their children that
 * have ended (a build `npm start` ran and waited for).
 */
export function groupCpuMs(group: number): number {
  const ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }));
  let ticks = 0;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue;
    }
    // Fields after the command name, from the 3rd (state): pgrp is the 5th, utime, stime, cutime, cstime the 14th to 17th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[2]) !== group) continue;
    ticks += fields.slice(11, 15).reduce((sum, value) => sum + Number(value), 0);
  }
  return (ticks * 1000) / ticksPerSecond;
}

/** Resident memory of a process, in MB (Linux). */
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

export interface Load {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  /** Responses whose status is not the expected one (2xx, or `expect`). */
  unexpected: number;
  total: number;
}

/** Loads `path` of `url` with autocannon; `headers` go with every request; `expect` is the status every answer should have. */
export async function load(
  url: string,
  path: string,
  options: { connections: number; duration: number; headers?: Record<string, string>; requests?: { path: string }[]; expect?: number },
): Promise<Load> {
  const result = await autocannon({
    url: `${url}${path}`,
    connections: options.connections,
    duration: options.duration,
    headers: options.headers,
    requests: options.requests,
  });
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    unexpected:
      options.expect === undefined
        ? result.non2xx
        : result.requests.total - ((result.statusCodeStats as Record<string, { count: number }> | undefined)?.[options.expect]?.count ?? 0),
    total: result.requests.total,
  };
}

/**
 * The settings of a side-by-side load benchmark, from the command line: `--duration` seconds a run (5), `--rounds` (3),
 * `--connections` (100).
 */
export function loadSettings(): { duration: number; rounds: number; connections: number } {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '5' },
      rounds: { type: 'string', default: '3' },
      connections: { type: 'string', default: '100' },
    },
    strict: false,
  });
  return { duration: Number(values.duration), rounds: Number(values.rounds), connections: Number(values.connections) };
}

export function machine(): string {
  const cpu = cpus();
  return `${cpu.length} × ${cpu[0]?.model.trim() ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GB, Node.js ${process.version} (servers started with ${nodeFlags.join(' ')}), ${process.platform}`;
}
