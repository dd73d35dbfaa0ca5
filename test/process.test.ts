// The real processes: the server over HTTP on a real socket, and the commands that stop on bad data.
import t from 'tap';
import { spawnSync } from 'node:child_process';
import { createConnection } from 'node:net';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../src/config.js';
import { dataCopy, editJson, expectedHeaders, tempDir } from './helper.js';
import { startServer } from './serve.js';

const node = process.execPath;
const server = ['--import', 'tsx', join(projectRoot, 'src/server.ts')];

/**
 * Resolves once `condition` holds, checked every 20 ms; rejects with `what` after `ms`. Waiting for what the server
 * says or does, rather than for a fixed time, keeps these tests right on a busy machine.
 */
async function until(condition: () => boolean, what: string, ms = 15_000) {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Resolves once the server has read what was sent to it before: a request on a new connection is answered only after
 * the server's event loop went through the data that had reached it by then (a fixed wait would depend on the load).
 */
async function readBefore(port: number) {
  const later = await connection(port);
  later.socket.write('GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
  await later.ended;
}

/** A raw HTTP connection whose request can be sent in pieces. */
async function connection(port: number) {
  const socket = createConnection({ port, host: '127.0.0.1' });
  // A connection the server drops (beyond MAX_CONNECTIONS) may end in a reset: an end like another here.
  socket.on('error', () => undefined);
  await new Promise((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  let received = '';
  socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
  const ended = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  return { socket, ended, received: () => received };
}

t.test('the server builds its database, serves over HTTP on a real socket and stops cleanly on SIGTERM', async (t) => {
  const { child, port, exit, output } = await startServer(t, { LOG_LEVEL: 'info' }, { fresh: true });
  t.match(output(), /"built":true[^\n]*database built from data\//, 'no database: built from data/ at start');
  const address = `http://127.0.0.1:${port}`;
  const health = await fetch(`${address}/health`);
  t.equal(health.status, 200);
  const communes = await fetch(`${address}/v1/communes?fields=name`);
  t.equal(communes.status, 200);
  t.equal(((await communes.json()) as { meta: { total: number } }).meta.total, 14);
  const csv = await fetch(`${address}/v1/intercommunalities?format=csv`);
  t.match(csv.headers.get('content-type'), /^text\/csv/);
  const compressed = await fetch(`${address}/v1/communes`, { headers: { 'accept-encoding': 'br' } });
  t.equal(compressed.headers.get('content-encoding'), 'br');
  t.equal(((await compressed.json()) as { data: unknown[] }).data.length, 14, 'decoded by the client');
  const etag = compressed.headers.get('etag') as string;
  t.equal((await fetch(`${address}/v1/communes`, { headers: { 'accept-encoding': 'br', 'if-none-match': etag } })).status, 304);
  const missing = await fetch(`${address}/v1/communes/99999`);
  t.equal(missing.status, 404);
  t.match(missing.headers.get('content-type'), /^application\/problem\+json/);
  child.kill('SIGTERM');
  t.equal(await exit, 0, 'exit code 0 after SIGTERM');
});

t.test('SIGTERM: stops accepting, answers the request in flight, exits 0', async (t) => {
  const { child, port, exit, output } = await startServer(t);
  const inFlight = await connection(port);
  inFlight.socket.write('GET /v1/communes/65059 HTTP/1.1\r\nHost: localhost\r\n');
  await readBefore(port);
  child.kill('SIGTERM');
  await until(() => output().includes('closing: finishing requests in flight'), 'the server logs that it is closing');
  // Until the server stops listening, a new connection may still be answered; it must stop while the request in
  // flight waits (the server cannot exit before answering it, but after 10 s).
  let refused = false;
  const deadline = Date.now() + 8_000;
  while (!refused && Date.now() < deadline) {
    refused = await connection(port).then(
      (accepted) => (accepted.socket.destroy(), false),
      () => true,
    );
    if (!refused) await new Promise((resolve) => setTimeout(resolve, 20));
  }
  t.ok(refused, 'a new connection is refused once closing');
  inFlight.socket.write('\r\n');
  await inFlight.ended;
  t.match(inFlight.received(), /^HTTP\/1\.1 200 OK/, 'the request in flight is answered');
  t.match(inFlight.received(), /Bagnères-de-Bigorre/);
  t.equal(await exit, 0, 'exit code 0');
});

/** The status line, lower-cased header fields and body of a raw HTTP response. */
function parseRaw(raw: string) {
  const [head = '', body = ''] = raw.split('\r\n\r\n');
  const [statusLine = '', ...fields] = head.split('\r\n');
  const headers = Object.fromEntries(fields.map((field) => [field.slice(0, field.indexOf(':')).toLowerCase(), field.slice(field.indexOf(':') + 1).trim()]));
  return { statusLine, headers, body };
}

t.test(
  'on a real socket: headers too large get a 431, a request too slow a 408, garbage a 400, all problem documents with the headers of every answer',
  async (t) => {
    const { port } = await startServer(t, { REQUEST_TIMEOUT: '1000', RATE_LIMIT_MAX: '4' });
    const answer = async (send: (socket: Awaited<ReturnType<typeof connection>>['socket']) => void) => {
      const raw = await connection(port);
      send(raw.socket);
      await raw.ended;
      return parseRaw(raw.received());
    };
    const check = (response: ReturnType<typeof parseRaw>, status: number, remaining: string) => {
      t.match(response.statusLine, new RegExp(`^HTTP/1\\.1 ${status} `));
      t.equal(response.headers['content-type'], 'application/problem+json');
      t.equal(response.headers['cache-control'], 'no-store');
      t.equal(response.headers.connection, 'close');
      t.equal(JSON.parse(response.body).status, status);
      t.equal(Number(response.headers['content-length']), Buffer.byteLength(response.body));
      t.match(response.headers['x-request-id'], /^[0-9a-f-]{36}$/, 'a request id');
      t.equal(response.headers['x-frame-options'], 'DENY');
      t.match(response.headers['content-security-policy'], "frame-ancestors 'none'");
      t.equal(response.headers['x-content-type-options'], 'nosniff');
      t.equal(response.headers['access-control-allow-origin'], '*');
      for (const [name, value] of Object.entries(expectedHeaders)) t.equal(response.headers[name], value, name);
      t.strictSame([response.headers['ratelimit-limit'], response.headers['ratelimit-remaining']], ['4', remaining], 'counted by the rate limit');
    };
    const large = await answer((socket) => socket.write(`GET /health HTTP/1.1\r\nHost: localhost\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`));
    check(large, 431, '3');
    const slow = await answer((socket) => socket.write('GET /health HTTP/1.1\r\nHost: localhost\r\n'));
    check(slow, 408, '2');
    const garbage = await answer((socket) => socket.write('NOT HTTP AT ALL\r\n\r\n'));
    check(garbage, 400, '1');
    t.equal((await fetch(`http://127.0.0.1:${port}/health`)).headers.get('ratelimit-remaining'), '0', 'the same count as the requests Fastify routes');
    const limited = await answer((socket) => socket.write('NOT HTTP AT ALL\r\n\r\n'));
    check(limited, 429, '0');
    t.ok(Number(limited.headers['retry-after']) > 0, 'Retry-After');
  },
);

t.test('keep-alive connections close after KEEP_ALIVE_TIMEOUT; MAX_CONNECTIONS bounds open connections', async (t) => {
  const { port } = await startServer(t, { KEEP_ALIVE_TIMEOUT: '1000', MAX_CONNECTIONS: '2' });
  const first = await connection(port);
  const second = await connection(port);
  const started = Date.now();
  first.socket.write('GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n');
  second.socket.write('GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n');
  await until(() => /\r\n\r\n/.test(first.received()) && /\r\n\r\n/.test(second.received()), 'both kept-alive requests answered');
  t.match(first.received(), /^HTTP\/1\.1 200 /);
  t.match(first.received(), /keep-alive: timeout=1/i, 'the timeout is announced');
  const third = await connection(port);
  third.socket.write('GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n');
  await third.ended;
  t.equal(third.received(), '', 'a connection beyond MAX_CONNECTIONS is closed without an answer');
  await first.ended;
  const idle = Date.now() - started;
  // Not before the timeout, and long before the default (72 s): the upper bound is generous for a busy machine.
  t.ok(idle >= 900 && idle < 30_000, `the idle connection closed after ${idle} ms`);
  await second.ended;
  const fourth = await connection(port);
  fourth.socket.write('GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
  await fourth.ended;
  t.match(fourth.received(), /^HTTP\/1\.1 200 /, 'accepted again once the others closed');
});

t.test('a second signal forces the exit', async (t) => {
  const { child, port, exit, output } = await startServer(t);
  const stuck = await connection(port);
  stuck.socket.write('GET /health HTTP/1.1\r\nHost: localhost\r\n');
  await readBefore(port);
  child.kill('SIGTERM');
  await until(() => output().includes('closing: finishing requests in flight'), 'the server logs that it is closing');
  await new Promise((resolve) => setTimeout(resolve, 300));
  t.equal(child.exitCode, null, 'still waiting for the request in flight');
  child.kill('SIGINT');
  t.equal(await exit, 1, 'forced, exit code 1');
  stuck.socket.destroy();
});

t.test('bad data/ stops `npm start` and `npm run data:check` with the file, record and path; the database is untouched', async (t) => {
  const dir = tempDir(t);
  const databasePath = join(dir, 'db.sqlite');
  const built = spawnSync(node, ['--import', 'tsx', join(projectRoot, 'src/cli/build-database.ts')], {
    cwd: projectRoot,
    env: { ...process.env, DATABASE_PATH: databasePath },
    encoding: 'utf8',
  });
  t.equal(built.status, 0, built.stderr);
  const before = createHash('sha256').update(readFileSync(databasePath)).digest('hex');
  const data = dataCopy(t);
  editJson(data, 'intercommunalities.json', (epcis) => (epcis[0].population.total = -1));
  const env = { ...process.env, DATA_DIR: data, DATABASE_PATH: databasePath, PORT: '0' };

  const check = spawnSync('npm', ['run', '--silent', 'data:check'], { cwd: projectRoot, env, encoding: 'utf8' });
  t.equal(check.status, 1);
  t.match(check.stderr, 'data/intercommunalities.json record "200070787" at /population/total: Expected integer to be greater or equal to 0');

  const start = spawnSync(node, server, { cwd: projectRoot, env, encoding: 'utf8', timeout: 60_000 });
  t.equal(start.status, 1);
  t.match(start.stderr, 'data/intercommunalities.json record "200070787" at /population/total');
  t.match(start.stderr, 'Nothing was changed');
  t.equal(createHash('sha256').update(readFileSync(databasePath)).digest('hex'), before, 'database unchanged');
});

t.test('bad settings stop the server with the variable named', async (t) => {
  const start = spawnSync(node, server, {
    cwd: projectRoot,
    env: { ...process.env, PORT: 'eighty', LOG_LEVEL: 'loud', TRUST_PROXY: 'true', MAX_CONNECTIONS: '0' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  t.equal(start.status, 1);
  t.match(start.stderr, 'PORT="eighty"');
  t.match(start.stderr, 'LOG_LEVEL="loud"');
  t.match(start.stderr, 'TRUST_PROXY="true": true would trust every X-Forwarded-For entry');
  t.match(start.stderr, 'MAX_CONNECTIONS="0"');
});
