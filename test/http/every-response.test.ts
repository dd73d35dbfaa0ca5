// Every response counts and says so: whatever its kind (answer, cache hit, 304, 404, 405, preflight, malformed URL,
// 414, 406, 400, 429, 500), it goes through the same rate limit and carries the same rate-limit, security, CORS and
// request-id headers.
import t from 'tap';
import type { InjectOptions } from 'fastify';
import { build, expectedHeaders } from '../helper.js';

const kinds: [string, InjectOptions, number][] = [
  ['an answer', { url: '/v1/communes/65059' }, 200],
  ['a cache hit', { url: '/v1/communes/65059' }, 200],
  ['HEAD', { method: 'HEAD', url: '/v1/communes/65059' }, 200],
  ['a 304', { url: '/v1/communes/65059', headers: { 'if-modified-since': 'Fri, 01 Jan 2100 00:00:00 GMT' } }, 304],
  ['a download', { url: '/downloads/communes.csv' }, 200],
  ['a bad parameter', { url: '/v1/communes?limit=0' }, 400],
  ['a bad id', { url: '/v1/communes/abc' }, 400],
  ['a malformed URL', { url: '/downloads/..%c0%afpackage.json' }, 400],
  ['a malformed URL in a list', { url: '/v1/communes/%ff' }, 400],
  ['a URL too long', { url: `/v1/communes?q=${'a'.repeat(5000)}` }, 414],
  ['a path segment too long', { url: `/v1/communes/${'1'.repeat(300)}` }, 414],
  ['an unknown path', { url: '/nowhere' }, 404],
  ['an unknown item', { url: '/v1/communes/99999' }, 404],
  ['a POST', { method: 'POST', url: '/v1/communes', payload: { code: '65059' } }, 405],
  ['a DELETE on an unknown path', { method: 'DELETE', url: '/nowhere' }, 404],
  ['a body too large', { method: 'POST', url: '/v1/communes', payload: 'x'.repeat(5000), headers: { 'content-type': 'text/plain' } }, 413],
  ['nothing acceptable', { url: '/v1/communes', headers: { accept: 'image/png' } }, 406],
  ['a preflight', { method: 'OPTIONS', url: '/v1/communes', headers: { origin: 'https://example.org', 'access-control-request-method': 'GET' } }, 204],
  ['a bare OPTIONS', { method: 'OPTIONS', url: '/v1/communes' }, 204],
  [
    'a preflight on a malformed URL',
    { method: 'OPTIONS', url: '/downloads/%c0', headers: { origin: 'https://example.org', 'access-control-request-method': 'GET' } },
    204,
  ],
];

t.test('each kind of response is counted by the rate limit and carries the same headers', async (t) => {
  const app = await build(t, { RATE_LIMIT_MAX: kinds.length, RATE_LIMIT_WINDOW: 60_000 });
  let i = 0;
  for (const [kind, request, status] of kinds) {
    const response = await app.inject({ ...request, headers: { ...request.headers, 'x-request-id': `kind-${i}` } });
    t.equal(response.statusCode, status, `${kind}: ${status}`);
    const headers = response.headers as Record<string, string>;
    t.strictSame(Object.fromEntries(Object.keys(expectedHeaders).map((name) => [name, headers[name]])), expectedHeaders, `${kind}: security and CORS headers`);
    t.notOk(headers['strict-transport-security'], `${kind}: no HSTS over plain HTTP`);
    t.equal(headers['x-request-id'], `kind-${i}`, `${kind}: its request id`);
    t.strictSame(
      [headers['ratelimit-limit'], headers['ratelimit-remaining'], headers['ratelimit-reset']],
      [String(kinds.length), String(kinds.length - 1 - i), '60'],
      `${kind}: counted (request ${i + 1} of ${kinds.length})`,
    );
    if (status >= 400) {
      t.match(headers['content-type'], /^application\/problem\+json/, `${kind}: a problem document`);
      t.equal(headers['cache-control'], 'no-store');
      if (request.method !== 'HEAD') t.equal(JSON.parse(response.body).status, status);
    }
    i++;
  }
  // Now over the limit: every kind is refused alike, with the same headers.
  for (const [kind, request] of kinds) {
    const response = await app.inject(request);
    t.equal(response.statusCode, 429, `${kind}: 429 beyond the limit`);
    const headers = response.headers as Record<string, string>;
    t.strictSame(
      Object.fromEntries(Object.keys(expectedHeaders).map((name) => [name, headers[name]])),
      expectedHeaders,
      `${kind}: the 429 carries the security and CORS headers`,
    );
    t.strictSame([headers['ratelimit-remaining'], headers['retry-after']], ['0', '60'], `${kind}: 429 with Retry-After`);
    t.match(headers['x-request-id'], /^[0-9a-f-]{36}$/);
    t.match(headers['content-type'], /^application\/problem\+json/);
    if (request.method !== 'HEAD' && request.method !== 'OPTIONS') t.match(JSON.parse(response.body), { status: 429, title: 'Too Many Requests' });
  }
});

t.test('a malformed URL is a problem document naming it, not Fastify’s own error', async (t) => {
  const app = await build(t);
  const response = await app.inject('/downloads/..%c0%afpackage.json');
  t.strictSame(JSON.parse(response.body), {
    type: 'about:blank',
    title: 'Bad Request',
    status: 400,
    detail: 'The URL is malformed: a percent-encoded sequence in its path does not decode to UTF-8 text.',
    instance: '/downloads/..%c0%afpackage.json',
  });
  const long = await app.inject(`/v1/communes/${'1'.repeat(300)}`);
  t.strictSame(JSON.parse(long.body), {
    type: 'about:blank',
    title: 'URI Too Long',
    status: 414,
    detail: 'A segment of the URL path is longer than 200 characters.',
    instance: `/v1/communes/${'1'.repeat(300)}`,
  });
});

t.test('a malformed URL keeps the request id in every log line', async (t) => {
  const lines: Record<string, unknown>[] = [];
  const { buildApp } = await import('../../src/app.js');
  const { sharedDatabase } = await import('../helper.js');
  const { Writable } = await import('node:stream');
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  const app = await buildApp({ databasePath: sharedDatabase(), logger: { level: 'info', stream }, settings: { RATE_LIMIT_MAX: 0 } });
  t.teardown(() => app.close());
  const response = await app.inject({ url: '/downloads/%c0', headers: { 'x-request-id': 'trace-bad-url' } });
  t.equal(response.statusCode, 400);
  const ids = new Set(lines.filter((line) => line.req || line.res).map((line) => line.requestId));
  t.strictSame([...ids], ['trace-bad-url'], 'one id for the request, from its first line to its last');
  t.ok(
    lines.some((line) => (line.res as { statusCode?: number } | undefined)?.statusCode === 400),
    'its completion is logged with its status',
  );
  const completed = lines.filter((line) => line.req || line.res);
  t.strictSame(
    completed.map((line) => [line.msg, (line.req as { method?: string } | undefined)?.method, (line.res as { statusCode?: number } | undefined)?.statusCode]),
    [['request completed', 'GET', 400]],
    'one line per request, with its method and its status (not two)',
  );
});

t.test('HSTS only over HTTPS: TLS, or X-Forwarded-Proto from a trusted proxy', async (t) => {
  const direct = await build(t);
  t.notOk((await direct.inject({ url: '/health', headers: { 'x-forwarded-proto': 'https' } })).headers['strict-transport-security'], 'an untrusted claim');
  const behindProxy = await build(t, { TRUST_PROXY: '1' });
  const viaHttps = await behindProxy.inject({ url: '/health', headers: { 'x-forwarded-proto': 'https' } });
  t.equal(viaHttps.headers['strict-transport-security'], 'max-age=31536000; includeSubDomains');
  const viaHttp = await behindProxy.inject({ url: '/health', headers: { 'x-forwarded-proto': 'https, http' } });
  t.notOk(viaHttp.headers['strict-transport-security'], 'the proxy’s own (last) value counts');
  const problem = await behindProxy.inject({ url: '/nowhere', headers: { 'x-forwarded-proto': 'https' } });
  t.equal(problem.headers['strict-transport-security'], 'max-age=31536000; includeSubDomains', 'errors too');
  const listed = await build(t, { TRUST_PROXY: '10.0.0.1' });
  t.equal(
    (await listed.inject({ url: '/health', remoteAddress: '10.0.0.1', headers: { 'x-forwarded-proto': 'https' } })).headers['strict-transport-security'],
    'max-age=31536000; includeSubDomains',
  );
  t.notOk(
    (await listed.inject({ url: '/health', remoteAddress: '192.0.2.9', headers: { 'x-forwarded-proto': 'https' } })).headers['strict-transport-security'],
    'a peer that is not the trusted proxy',
  );
});
