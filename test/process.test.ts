// The real processes: the server over HTTP on a real socket, and the commands that stop on bad data.
import t from 'tap';
import { spawnSync } from 'node:child_process';
import { createConnection } from 'node:net';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../src/config.js';
import { dataCopy, editJson, tempDir } from './helper.js';
import { startServer } from './serve.js';

const node = process.execPath;
const server = ['--import', 'tsx', join(projectRoot, 'src/server.ts')];

/** A raw HTTP connection whose request can be sent in pieces. */
async function connection(port: number) {
  const socket = createConnection({ port, host: '127.0.0.1' });
  await new Promise((resolve) => socket.once('connect', resolve));
  let received = '';
  socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
  const ended = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  return { socket, ended, received: () => received };
}

t.test('the server builds its database, serves over HTTP on a real socket and stops cleanly on SIGTERM', async (t) => {
  const { child, port, exit } = await startServer(t, { LOG_LEVEL: 'info' });
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
  const { child, port, exit } = await startServer(t);
  const inFlight = await connection(port);
  inFlight.socket.write('GET /v1/communes/65059 HTTP/1.1\r\nHost: localhost\r\n');
  await new Promise((resolve) => setTimeout(resolve, 200));
  child.kill('SIGTERM');
  await new Promise((resolve) => setTimeout(resolve, 300));
  const refused = await fetch(`http://127.0.0.1:${port}/health`).then(
    () => 'answered',
    () => 'refused',
  );
  t.equal(refused, 'refused', 'a new connection is refused once closing');
  inFlight.socket.write('\r\n');
  await inFlight.ended;
  t.match(inFlight.received(), /^HTTP\/1\.1 200 OK/, 'the request in flight is answered');
  t.match(inFlight.received(), /Bagnères-de-Bigorre/);
  t.equal(await exit, 0, 'exit code 0');
});

t.test('on a real socket: headers too large get a 431, a request too slow a 408, garbage a 400, all problem documents', async (t) => {
  const { port } = await startServer(t, { REQUEST_TIMEOUT: '1000' });
  const answer = async (send: (socket: Awaited<ReturnType<typeof connection>>['socket']) => void) => {
    const raw = await connection(port);
    send(raw.socket);
    await raw.ended;
    return raw.received();
  };
  const large = await answer((socket) => socket.write(`GET /health HTTP/1.1\r\nHost: localhost\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`));
  t.match(large, /^HTTP\/1\.1 431 /);
  t.match(large, /content-type: application\/problem\+json/i);
  t.match(large, /"status":431/);
  const slow = await answer((socket) => socket.write('GET /health HTTP/1.1\r\nHost: localhost\r\n'));
  t.match(slow, /^HTTP\/1\.1 408 /);
  t.match(slow, /"status":408/);
  const garbage = await answer((socket) => socket.write('NOT HTTP AT ALL\r\n\r\n'));
  t.match(garbage, /^HTTP\/1\.1 400 /);
  t.match(garbage, /"status":400/);
});

t.test('a second signal forces the exit', async (t) => {
  const { child, port, exit } = await startServer(t);
  const stuck = await connection(port);
  stuck.socket.write('GET /health HTTP/1.1\r\nHost: localhost\r\n');
  await new Promise((resolve) => setTimeout(resolve, 200));
  child.kill('SIGTERM');
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
  const start = spawnSync(node, server, { cwd: projectRoot, env: { ...process.env, PORT: 'eighty', LOG_LEVEL: 'loud' }, encoding: 'utf8', timeout: 60_000 });
  t.equal(start.status, 1);
  t.match(start.stderr, 'PORT="eighty"');
  t.match(start.stderr, 'LOG_LEVEL="loud"');
});
