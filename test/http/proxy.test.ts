// TRUST_PROXY: which address the rate limit counts and the logs show, with spoofed X-Forwarded-For entries at
// every position; `true` (trust the left-most, client-written entry) is refused.
import t from 'tap';
import { Writable } from 'node:stream';
import { buildApp } from '../../src/app.js';
import { ConfigError, loadConfig } from '../../src/config.js';
import { sharedDatabase } from '../helper.js';

/** An app with a rate limit of one request, whose log lines are collected. */
async function appWithLog(t: { teardown: (fn: () => unknown) => void }, trust: string) {
  const lines: Record<string, any>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  const app = await buildApp({ databasePath: sharedDatabase(), logger: { level: 'info', stream }, settings: { RATE_LIMIT_MAX: 1, TRUST_PROXY: trust } });
  t.teardown(() => app.close());
  return { app, lines };
}

// [TRUST_PROXY, peer address, X-Forwarded-For, the client address the server must use]
const cases: [string, string, string, string][] = [
  ['false', '203.0.113.1', '198.51.100.7', '203.0.113.1'],
  ['false', '203.0.113.1', '6.6.6.6, 198.51.100.7', '203.0.113.1'],
  ['0', '203.0.113.1', '6.6.6.6', '203.0.113.1'],
  // One proxy: the right-most entry is the one it wrote; anything left of it is the client's own text.
  ['1', '10.0.0.1', '198.51.100.7', '198.51.100.7'],
  ['1', '10.0.0.1', '6.6.6.6, 198.51.100.7', '198.51.100.7'],
  ['1', '10.0.0.1', '6.6.6.6, 7.7.7.7, 198.51.100.7', '198.51.100.7'],
  // Two proxies: the second right-most entry.
  ['2', '10.0.0.2', '198.51.100.7, 10.0.0.1', '198.51.100.7'],
  ['2', '10.0.0.2', '6.6.6.6, 198.51.100.7, 10.0.0.1', '198.51.100.7'],
  ['2', '10.0.0.2', '6.6.6.6, 7.7.7.7, 198.51.100.7, 10.0.0.1', '198.51.100.7'],
  // The proxies' addresses: the right-most entry that is not one of them.
  ['10.0.0.1,10.0.0.2', '10.0.0.2', '6.6.6.6, 198.51.100.7, 10.0.0.1', '198.51.100.7'],
  ['10.0.0.1,10.0.0.2', '10.0.0.1', '6.6.6.6, 198.51.100.7', '198.51.100.7'],
  ['10.0.0.1,10.0.0.2', '203.0.113.5', '198.51.100.7', '203.0.113.5'],
  ['10.0.0.0/8', '10.1.2.3', '6.6.6.6, 198.51.100.7, 10.9.9.9', '198.51.100.7'],
  ['10.0.0.0/8, loopback', '127.0.0.1', '6.6.6.6, 198.51.100.7, 10.9.9.9', '198.51.100.7'],
];

t.test('the rate limit and the logs use the address the trusted proxies give, whatever the client writes', async (t) => {
  for (const [trust, peer, forwarded, client] of cases) {
    const label = `TRUST_PROXY=${trust}, peer ${peer}, X-Forwarded-For: ${forwarded}`;
    const { app, lines } = await appWithLog(t, trust);
    const send = (xff: string, requestId: string) =>
      app.inject({ url: '/health', remoteAddress: peer, headers: { 'x-forwarded-for': xff, 'x-request-id': requestId } });
    const first = await send(forwarded, 'first');
    t.equal(first.statusCode, 200, `${label}: first request`);
    // The same client, another spoofed entry on the left: still the same client for the limit.
    const spoofed = await send(`9.9.9.9, ${forwarded}`, 'second');
    t.equal(spoofed.statusCode, 429, `${label}: a spoofed entry added on the left does not reset the limit`);
    const logged = (id: string) => lines.find((line) => line.requestId === id && line.req)?.req.remoteAddress;
    t.equal(logged('first'), client, `${label}: logged as ${client}`);
    t.equal(logged('second'), client, `${label}: the spoofed request logged as ${client} too`);
  }
});

t.test('another client behind the same proxy has its own count', async (t) => {
  const { app } = await appWithLog(t, '1');
  const from = (xff: string) => app.inject({ url: '/health', remoteAddress: '10.0.0.1', headers: { 'x-forwarded-for': xff } });
  t.equal((await from('198.51.100.1')).statusCode, 200);
  t.equal((await from('198.51.100.2')).statusCode, 200, 'another client');
  t.equal((await from('198.51.100.1')).statusCode, 429, 'the first one again');
  t.equal((await from('6.6.6.6, 198.51.100.1')).statusCode, 429, 'even with a spoofed left-most entry');
});

t.test('TRUST_PROXY=true and malformed lists are refused, saying what to give instead', async (t) => {
  const thrown = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      return error;
    }
  };
  t.type(
    thrown(() => loadConfig({ TRUST_PROXY: 'true' })),
    ConfigError,
  );
  t.throws(() => loadConfig({ TRUST_PROXY: 'true' }), {
    message: /TRUST_PROXY="true": true would trust every X-Forwarded-For entry.*number of proxies.*addresses\/CIDRs/s,
  });
  await t.rejects(
    buildApp({ databasePath: sharedDatabase(), settings: { TRUST_PROXY: 'true' } }),
    { message: /TRUST_PROXY="true"/ },
    'buildApp refuses it too',
  );
  t.throws(() => loadConfig({ TRUST_PROXY: 'proxy.example' }), { message: /TRUST_PROXY="proxy.example": "proxy.example": each entry must be an IP address/ });
  t.throws(() => loadConfig({ TRUST_PROXY: '10.0.0.0/33' }), { message: /"10.0.0.0\/33": each entry must be/ });
});
