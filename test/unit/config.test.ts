// Settings: defaults, conversions, bounds, every error message, and TRUST_PROXY's rules.
import t from 'tap';
import { ConfigError, loadConfig, projectRoot, trustProxy, trustProxyProblem } from '../../src/config.js';

/** The message of the ConfigError `fn` throws. */
function failure(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('no ConfigError');
}

const descriptions = {
  PORT: 'TCP port to listen on (0: any free port).',
  HOST: 'Address to listen on; 0.0.0.0 in a container.',
  DATA_DIR: 'Folder of the curated JSON files.',
  DATABASE_PATH: 'SQLite file built from DATA_DIR.',
  CACHE_MAX_AGE: 'Seconds shared caches and browsers may reuse a response (Cache-Control max-age).',
  RATE_LIMIT_MAX: 'Requests a client address may make per window; 0 disables the limit.',
  RATE_LIMIT_WINDOW: 'Length of the rate-limit window, in milliseconds.',
  TRUST_PROXY:
    'Whether to take the client address from X-Forwarded-For: false, the number of proxies in front of the server, or the comma-separated addresses/CIDRs of those proxies.',
  RESPONSE_CACHE_BYTES: 'Memory bound of the response cache, in bytes; 0 disables it.',
  REQUEST_TIMEOUT: 'Milliseconds a client has to send a whole request, headers included.',
  KEEP_ALIVE_TIMEOUT: 'Milliseconds an idle keep-alive connection stays open; above the idle timeout of a proxy in front (60 s for most).',
  MAX_CONNECTIONS: 'Open connections the server accepts at once; beyond, new ones are closed at once.',
  LOG_LEVEL: 'pino log level.',
};

t.test('defaults', async (t) => {
  t.strictSame(loadConfig({}), {
    PORT: 3000,
    HOST: '127.0.0.1',
    DATA_DIR: `${projectRoot}data`,
    DATABASE_PATH: `${projectRoot}var/pvd65.sqlite`,
    CACHE_MAX_AGE: 3600,
    RATE_LIMIT_MAX: 600,
    RATE_LIMIT_WINDOW: 60000,
    TRUST_PROXY: 'false',
    RESPONSE_CACHE_BYTES: 67108864,
    REQUEST_TIMEOUT: 10000,
    KEEP_ALIVE_TIMEOUT: 72000,
    MAX_CONNECTIONS: 1024,
    LOG_LEVEL: 'info',
  });
  t.match(projectRoot, /\/$/, 'the root ends with a slash');
  t.strictSame(loadConfig({ PORT: '', HOST: '' }), loadConfig({}), 'an empty variable is an absent one');
  t.equal(loadConfig({ UNRELATED: 'x' } as NodeJS.ProcessEnv).PORT, 3000, 'other variables are ignored');
});

t.test('values are converted from text', async (t) => {
  const config = loadConfig({
    PORT: '8080',
    HOST: '0.0.0.0',
    DATA_DIR: '/srv/data',
    DATABASE_PATH: '/srv/db.sqlite',
    CACHE_MAX_AGE: '0',
    RATE_LIMIT_MAX: '0',
    RATE_LIMIT_WINDOW: '1',
    TRUST_PROXY: '10.0.0.1, 10.0.0.2',
    RESPONSE_CACHE_BYTES: '0',
    REQUEST_TIMEOUT: '1000',
    KEEP_ALIVE_TIMEOUT: '1000',
    MAX_CONNECTIONS: '1',
    LOG_LEVEL: 'silent',
  });
  t.strictSame(config, {
    PORT: 8080,
    HOST: '0.0.0.0',
    DATA_DIR: '/srv/data',
    DATABASE_PATH: '/srv/db.sqlite',
    CACHE_MAX_AGE: 0,
    RATE_LIMIT_MAX: 0,
    RATE_LIMIT_WINDOW: 1,
    TRUST_PROXY: '10.0.0.1, 10.0.0.2',
    RESPONSE_CACHE_BYTES: 0,
    REQUEST_TIMEOUT: 1000,
    KEEP_ALIVE_TIMEOUT: 1000,
    MAX_CONNECTIONS: 1,
    LOG_LEVEL: 'silent',
  });
  t.equal(loadConfig({ PORT: '0' }).PORT, 0, 'port 0: any free port');
  t.strictSame([loadConfig({ TRUST_PROXY: '2' }).TRUST_PROXY, loadConfig({ HOST: '10' }).HOST], ['2', '10'], 'digits stay text where text is expected');
  t.equal(loadConfig({ PORT: '65535' }).PORT, 65535);
  for (const level of ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) t.equal(loadConfig({ LOG_LEVEL: level }).LOG_LEVEL, level);
});

t.test('each bad value is named, quoted as given, with what it must be and what the setting is', async (t) => {
  const cases: [string, string, string][] = [
    ['PORT', 'eighty', 'Expected integer'],
    ['PORT', '65536', 'Expected integer to be less or equal to 65535'],
    ['PORT', '-1', 'Expected integer to be greater or equal to 0'],
    ['PORT', '1.5', 'Expected integer'],
    ['REQUEST_TIMEOUT', '1e4', 'Expected integer'],
    ['PORT', ' 80', 'Expected integer'],
    ['CACHE_MAX_AGE', '-1', 'Expected integer to be greater or equal to 0'],
    ['RATE_LIMIT_MAX', '-1', 'Expected integer to be greater or equal to 0'],
    ['RATE_LIMIT_WINDOW', '0', 'Expected integer to be greater or equal to 1'],
    ['RESPONSE_CACHE_BYTES', '-1', 'Expected integer to be greater or equal to 0'],
    ['REQUEST_TIMEOUT', '999', 'Expected integer to be greater or equal to 1000'],
    ['KEEP_ALIVE_TIMEOUT', '999', 'Expected integer to be greater or equal to 1000'],
    ['MAX_CONNECTIONS', '0', 'Expected integer to be greater or equal to 1'],
    ['LOG_LEVEL', 'loud', 'Expected union value'],
  ];
  for (const [name, value, expected] of cases) {
    t.equal(
      failure(() => loadConfig({ [name]: value })),
      `Invalid settings:\n  ${name}=${JSON.stringify(value)}: ${expected} (${descriptions[name as keyof typeof descriptions]})`,
      `${name}=${value}`,
    );
  }
  const several = failure(() => loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud', MAX_CONNECTIONS: '0' }));
  t.equal(
    several,
    'Invalid settings:\n' +
      `  PORT="eighty": Expected integer (${descriptions.PORT})\n` +
      `  MAX_CONNECTIONS="0": Expected integer to be greater or equal to 1 (${descriptions.MAX_CONNECTIONS})\n` +
      `  LOG_LEVEL="loud": Expected union value (${descriptions.LOG_LEVEL})`,
    'every bad variable, each once',
  );
  t.equal(
    failure(() => loadConfig({ TRUST_PROXY: 'true', PORT: 'x' })),
    `Invalid settings:\n  PORT="x": Expected integer (${descriptions.PORT})\n  TRUST_PROXY="true": ${trustProxyProblem('true')}`,
    'TRUST_PROXY among the others',
  );
});

t.test('TRUST_PROXY: false, a hop count, or the proxies’ addresses; never true', async (t) => {
  for (const good of [
    'false',
    '0',
    '1',
    '2',
    '12',
    '10.0.0.1',
    '10.0.0.0/8',
    '10.0.0.0/0',
    '10.0.0.1/32',
    '::1',
    '::1/128',
    'fe80::/10',
    'loopback',
    'linklocal',
    'uniquelocal',
    '10.0.0.1,10.0.0.2',
    ' 10.0.0.1 , loopback ',
  ])
    t.equal(trustProxyProblem(good), undefined, `${good} is accepted`);
  t.equal(
    trustProxyProblem('true'),
    'true would trust every X-Forwarded-For entry, including the left-most one, which any client can write (rate limit bypassed, addresses in logs spoofed). ' +
      'Give the number of proxies in front of the server (e.g. 1) or their addresses/CIDRs (e.g. 10.0.0.1,172.16.0.0/12).',
  );
  const entryRule = 'each entry must be an IP address, a CIDR range (10.0.0.0/8) or loopback, linklocal, uniquelocal; or give false, or the number of proxies';
  for (const bad of [
    'True',
    'yes',
    '123',
    'localhost',
    '10.0.0.256',
    '10.0.0.0/33',
    '::1/129',
    '10.0.0.1/',
    '10.0.0.1/a',
    '10.0.0.1/0032',
    '10.0.0.1/8/9',
    '/8',
  ])
    t.equal(trustProxyProblem(bad), `${JSON.stringify(bad)}: ${entryRule}`, `${bad} is refused`);
  t.equal(trustProxyProblem('10.0.0.1,proxy,10.0.0.2,,'), `"proxy", "", "": ${entryRule}`, 'each bad entry is quoted');
  t.equal(
    failure(() => loadConfig({ TRUST_PROXY: 'proxy' })),
    `Invalid settings:\n  TRUST_PROXY="proxy": "proxy": ${entryRule}`,
  );
});

t.test('trustProxy gives Fastify the trust rule', async (t) => {
  t.equal(trustProxy('false'), false);
  t.equal(trustProxy('0'), false, 'no proxy');
  const two = trustProxy('2') as (address: string, hop: number) => boolean;
  t.strictSame(
    [0, 1, 2, 3].map((hop) => two('10.0.0.1', hop)),
    [true, true, false, false],
    'the peer and one more hop are proxies',
  );
  const one = trustProxy('1') as (address: string, hop: number) => boolean;
  t.strictSame(
    [0, 1].map((hop) => one('10.0.0.1', hop)),
    [true, false],
  );
  t.strictSame(trustProxy(' 10.0.0.1 , 10.0.0.0/8,loopback'), ['10.0.0.1', '10.0.0.0/8', 'loopback']);
  t.strictSame(trustProxy('10.0.0.1'), ['10.0.0.1'], 'an address ending in digits is not a hop count');
  const twelve = trustProxy('12') as (address: string, hop: number) => boolean;
  t.strictSame([twelve('a', 11), twelve('a', 12)], [true, false], 'two-digit hop counts');
  t.equal(
    failure(() => trustProxy('true')),
    `TRUST_PROXY="true": ${trustProxyProblem('true')}`,
  );
  t.equal(
    failure(() => trustProxy('x')),
    `TRUST_PROXY="x": ${trustProxyProblem('x')}`,
  );
});
