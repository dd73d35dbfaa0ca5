// HTTP semantics: methods, caching and revalidation, compression, CORS, security headers, request ids, errors.
import t from 'tap';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { build, json } from '../helper.js';

t.test('GET and HEAD everywhere; OPTIONS for CORS; anything else 405 with Allow', async (t) => {
  const app = await build(t);
  for (const url of ['/v1/communes', '/v1/communes/65059', '/v1/intercommunalities/200072106/members', '/v1/programme', '/health', '/openapi.json']) {
    const get = await app.inject(url);
    const head = await app.inject({ method: 'HEAD', url });
    t.equal(head.statusCode, 200, `HEAD ${url}`);
    t.equal(head.body, '', 'no body');
    t.equal(head.headers['content-type'], get.headers['content-type']);
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'] as const) {
      const response = await app.inject({ method, url, payload: method === 'DELETE' ? undefined : { code: '00000' } });
      t.equal(response.statusCode, 405, `${method} ${url}`);
      t.equal(response.headers.allow, 'GET, HEAD, OPTIONS');
      t.match(response.headers['content-type'], /^application\/problem\+json/);
    }
  }
  const preflight = await app.inject({
    method: 'OPTIONS',
    url: '/v1/communes',
    headers: { origin: 'https://example.org', 'access-control-request-method': 'GET' },
  });
  t.equal(preflight.statusCode, 204);
  t.equal(preflight.headers['access-control-allow-origin'], '*');
  t.equal(preflight.headers['access-control-allow-methods'], 'GET, HEAD');
  t.equal((await app.inject({ method: 'POST', url: '/nowhere' })).statusCode, 404, 'an unknown path stays 404 whatever the method');
});

t.test('strong ETag, 304 on If-None-Match, Last-Modified and If-Modified-Since', async (t) => {
  const app = await build(t);
  for (const url of ['/v1/communes', '/v1/communes?format=csv', '/v1/communes/65059', '/v1/dataset', '/openapi.yaml']) {
    const first = await app.inject(url);
    const { etag, 'last-modified': lastModified } = first.headers as Record<string, string>;
    t.match(etag, /^"[0-9a-f]{16}-[0-9a-f]+-[A-Za-z0-9+/]+"$/, `${url}: strong ETag with the dataset version`);
    t.equal(first.headers['cache-control'], 'public, max-age=3600');
    t.equal(first.headers.vary, 'Accept, Accept-Encoding');
    t.equal(lastModified, 'Mon, 30 Nov 2026 00:00:00 GMT', 'data/dataset.json modified');
    const again = await app.inject(url);
    t.equal(again.headers.etag, etag, 'same representation, same ETag');
    const revalidated = await app.inject({ url, headers: { 'if-none-match': etag } });
    t.equal(revalidated.statusCode, 304, `${url} revalidates`);
    t.equal(revalidated.body, '');
    t.equal(revalidated.headers.etag, etag);
    t.equal((await app.inject({ url, headers: { 'if-none-match': `W/${etag}` } })).statusCode, 304, 'weak comparison for If-None-Match');
    t.equal((await app.inject({ url, headers: { 'if-none-match': '"other"' } })).statusCode, 200);
    t.equal((await app.inject({ url, headers: { 'if-modified-since': lastModified } })).statusCode, 304);
    t.equal((await app.inject({ url, headers: { 'if-modified-since': 'Thu, 01 Jan 2026 00:00:00 GMT' } })).statusCode, 200);
    t.equal((await app.inject({ url, headers: { 'if-none-match': '"other"', 'if-modified-since': lastModified } })).statusCode, 200, 'If-None-Match wins');
    t.equal((await app.inject({ method: 'HEAD', url, headers: { 'if-none-match': etag } })).statusCode, 304, 'HEAD too');
  }
  const json1 = (await app.inject('/v1/communes')).headers.etag;
  const csv = (await app.inject('/v1/communes?format=csv')).headers.etag;
  const fields = (await app.inject('/v1/communes?fields=name')).headers.etag;
  t.equal(new Set([json1, csv, fields]).size, 3, 'each representation has its own ETag');
  t.equal((await app.inject('/health')).headers['cache-control'], 'no-store', 'health is never cached');
  t.equal((await app.inject('/v1/communes/99999')).headers['cache-control'], 'no-store', 'errors are never cached');
  t.notOk((await app.inject('/v1/communes/99999')).headers.etag);
});

t.test('CACHE_MAX_AGE sets Cache-Control', async (t) => {
  const app = await build(t, { CACHE_MAX_AGE: 60 });
  t.equal((await app.inject('/v1/measures')).headers['cache-control'], 'public, max-age=60');
});

t.test('br and gzip, negotiated, each with its own ETag; small bodies stay plain', async (t) => {
  const app = await build(t);
  const plain = await app.inject('/v1/communes');
  const gzip = await app.inject({ url: '/v1/communes', headers: { 'accept-encoding': 'gzip' } });
  const br = await app.inject({ url: '/v1/communes', headers: { 'accept-encoding': 'gzip, br' } });
  t.notOk(plain.headers['content-encoding']);
  t.equal(gzip.headers['content-encoding'], 'gzip');
  t.equal(br.headers['content-encoding'], 'br');
  t.equal(gunzipSync(gzip.rawPayload).toString(), plain.body);
  t.equal(brotliDecompressSync(br.rawPayload).toString(), plain.body);
  t.ok(br.rawPayload.length < plain.rawPayload.length / 3, 'compressed');
  t.equal(new Set([plain.headers.etag, gzip.headers.etag, br.headers.etag]).size, 3);
  const preferGzip = await app.inject({ url: '/v1/communes', headers: { 'accept-encoding': 'br;q=0.5, gzip' } });
  t.equal(preferGzip.headers['content-encoding'], 'gzip', 'quality values');
  const identityOnly = await app.inject({ url: '/v1/communes', headers: { 'accept-encoding': 'identity' } });
  t.notOk(identityOnly.headers['content-encoding']);
  const small = await app.inject({ url: '/health', headers: { 'accept-encoding': 'gzip' } });
  t.notOk(small.headers['content-encoding'], 'below the threshold');
  const cached = await app.inject({ url: '/v1/communes', headers: { 'accept-encoding': 'gzip' } });
  t.ok(cached.rawPayload.equals(gzip.rawPayload), 'a repeat is served the same bytes');
});

t.test('the response cache gives the same answers as the handlers, for every format and for HEAD', async (t) => {
  const cached = await build(t);
  const uncached = await build(t, { RESPONSE_CACHE_BYTES: 0 });
  const urls = [
    '/v1/communes?format=csv&sep=;',
    '/v1/communes?format=geojson',
    '/v1/conventions?format=ndjson',
    '/v1/communes?q=bagneres',
    '/v1/intercommunalities/200072106/members?limit=3',
    '/v1/programme',
  ];
  for (const url of urls) {
    for (let i = 0; i < 2; i++) {
      const a = await cached.inject(url);
      const b = await uncached.inject(url);
      t.equal(a.statusCode, b.statusCode, url);
      t.equal(a.body, b.body, `${url} body (round ${i})`);
      for (const header of ['content-type', 'etag', 'link', 'x-total-count', 'content-disposition', 'cache-control'])
        t.equal(a.headers[header], b.headers[header], `${url} ${header}`);
    }
  }
  t.equal(
    (await cached.inject({ url: '/v1/communes', headers: { accept: 'text/csv' } })).headers['content-type'],
    'text/csv; charset=utf-8; header=present',
    'Accept is part of the key',
  );
  t.match((await cached.inject('/v1/communes')).headers['content-type'], /^application\/json/);
  const head = await cached.inject({ method: 'HEAD', url: '/v1/communes' });
  t.equal(head.body, '');
  t.equal(head.headers['content-length'], String(Buffer.byteLength((await uncached.inject('/v1/communes')).body)));
});

t.test('CORS: any origin reads, no credentials, useful headers exposed', async (t) => {
  const app = await build(t);
  const response = await app.inject({ url: '/v1/communes', headers: { origin: 'https://journal.example' } });
  t.equal(response.headers['access-control-allow-origin'], '*');
  t.notOk(response.headers['access-control-allow-credentials']);
  t.strictSame(String(response.headers['access-control-expose-headers']).split(', '), [
    'ETag',
    'Link',
    'X-Total-Count',
    'Content-Disposition',
    'X-Request-Id',
    'Retry-After',
    'RateLimit-Limit',
    'RateLimit-Remaining',
    'RateLimit-Reset',
  ]);
  const preflight = await app.inject({
    method: 'OPTIONS',
    url: '/v1/communes',
    headers: { origin: 'https://journal.example', 'access-control-request-method': 'GET', 'access-control-request-headers': 'if-none-match' },
  });
  t.equal(preflight.statusCode, 204);
  t.equal(preflight.headers['access-control-allow-methods'], 'GET, HEAD');
  t.equal(preflight.headers['access-control-allow-headers'], 'if-none-match', 'the headers asked for');
  t.equal(preflight.headers['access-control-max-age'], '86400');
  t.notOk(preflight.headers['access-control-allow-credentials']);
});

t.test('security headers and request ids', async (t) => {
  const app = await build(t);
  const response = await app.inject('/v1/communes');
  t.equal(
    response.headers['content-security-policy'],
    "default-src 'self';base-uri 'self';font-src 'self';form-action 'self';frame-ancestors 'none';img-src 'self' data:;object-src 'none';" +
      "script-src 'self';script-src-attr 'none';style-src 'self' 'unsafe-inline';connect-src 'self'",
    'the whole policy',
  );
  t.equal(response.headers['x-frame-options'], 'DENY', "the same framing policy as frame-ancestors 'none'");
  t.equal(response.headers['x-content-type-options'], 'nosniff');
  t.equal(response.headers['referrer-policy'], 'no-referrer');
  t.equal(response.headers['cross-origin-resource-policy'], 'cross-origin', 'open data: other origins may fetch it');
  t.equal(response.headers['cross-origin-opener-policy'], 'same-origin');
  t.notOk(response.headers['strict-transport-security'], 'not over plain HTTP');
  for (const absent of [
    'x-powered-by',
    'x-xss-protection',
    'x-dns-prefetch-control',
    'x-download-options',
    'x-permitted-cross-domain-policies',
    'origin-agent-cluster',
  ])
    t.notOk(response.headers[absent], `no ${absent}`);
  t.match(response.headers['x-request-id'], /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, 'a new UUID when none is given');
  const given = await app.inject({ url: '/v1/communes', headers: { 'x-request-id': 'trace-42' } });
  t.equal(given.headers['x-request-id'], 'trace-42', 'a given id comes back');
  const hostile = await app.inject({ url: '/v1/communes', headers: { 'x-request-id': 'a b<script>' } });
  t.match(hostile.headers['x-request-id'], /^[0-9a-f-]{36}$/, 'an id that is not a plain token is replaced');
  const tooLong = await app.inject({ url: '/v1/communes', headers: { 'x-request-id': 'a'.repeat(129) } });
  t.match(tooLong.headers['x-request-id'], /^[0-9a-f-]{36}$/, 'an id over 128 characters is replaced');
  const longest = await app.inject({ url: '/v1/communes', headers: { 'x-request-id': 'a'.repeat(128) } });
  t.equal(longest.headers['x-request-id'], 'a'.repeat(128));
  const problem = await app.inject({ url: '/v1/communes/0', headers: { 'x-request-id': 'trace-43' } });
  t.equal(problem.headers['x-request-id'], 'trace-43', 'errors carry it too');
});

t.test('the request id is in every log line of the request', async (t) => {
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
  await app.inject({ url: '/v1/communes/99999', headers: { 'x-request-id': 'trace-44' } });
  const mine = lines.filter((line) => line.requestId === 'trace-44');
  t.strictSame(
    mine.map((line) => [line.msg, (line.req as { url?: string } | undefined)?.url, (line.res as { statusCode?: number } | undefined)?.statusCode]),
    [['request completed', '/v1/communes/99999', 404]],
    'one line: the request, its answer and its id',
  );
  t.equal(
    lines.filter((line) => line.req || line.res).every((line) => typeof line.requestId === 'string'),
    true,
  );
});

t.test('rate limit: 429 problem with Retry-After and RateLimit headers; 0 disables', async (t) => {
  const app = await build(t, { RATE_LIMIT_MAX: 3, RATE_LIMIT_WINDOW: 60_000 });
  for (let i = 0; i < 3; i++) {
    const response = await app.inject('/v1/measures');
    t.equal(response.statusCode, 200);
    t.equal(response.headers['ratelimit-limit'], '3');
    t.equal(response.headers['ratelimit-remaining'], String(2 - i));
  }
  const limited = await app.inject('/v1/measures');
  t.equal(limited.statusCode, 429);
  t.match(limited.headers['content-type'], /^application\/problem\+json/);
  t.ok(Number(limited.headers['retry-after']) > 0, 'Retry-After');
  t.equal(limited.headers['ratelimit-remaining'], '0');
  t.match(json(limited), { status: 429, title: 'Too Many Requests', detail: /3 requests per 60 s/ });
  const other = await app.inject({ url: '/v1/measures', remoteAddress: '192.0.2.7' });
  t.equal(other.statusCode, 200, 'per client address');
  const unlimited = await build(t, { RATE_LIMIT_MAX: 0 });
  for (let i = 0; i < 20; i++) t.equal((await unlimited.inject('/health')).statusCode, 200);
  t.notOk((await unlimited.inject('/health')).headers['ratelimit-limit']);
});

t.test('TRUST_PROXY decides whether X-Forwarded-For names the client', async (t) => {
  const behindProxy = await build(t, { RATE_LIMIT_MAX: 1, TRUST_PROXY: '1' });
  const forwarded = (address: string) => behindProxy.inject({ url: '/health', headers: { 'x-forwarded-for': address } });
  t.equal((await forwarded('198.51.100.1')).statusCode, 200);
  t.equal((await forwarded('198.51.100.2')).statusCode, 200, 'another client behind the proxy');
  t.equal((await forwarded('198.51.100.1')).statusCode, 429);
  const direct = await build(t, { RATE_LIMIT_MAX: 1, TRUST_PROXY: 'false' });
  t.equal((await direct.inject({ url: '/health', headers: { 'x-forwarded-for': '198.51.100.1' } })).statusCode, 200);
  t.equal((await direct.inject({ url: '/health', headers: { 'x-forwarded-for': '198.51.100.2' } })).statusCode, 429, 'a spoofed header changes nothing');
});

t.test('URL size is bounded: 414 problem', async (t) => {
  const app = await build(t);
  const response = await app.inject(`/v1/communes?q=${'a'.repeat(5000)}`);
  t.equal(response.statusCode, 414);
  t.match(response.headers['content-type'], /^application\/problem\+json/);
});

t.test('a failure inside a handler is a 500 problem without internals', async (t) => {
  const app = await build(t);
  const original = app.db.select.bind(app.db);
  // Break the database access of this app only, to reach the error path through a real route: an item, read from
  // the database at each request (list pages come from the collection's in-memory index, built at start).
  (app.db as unknown as { select: () => never }).select = () => {
    throw new Error('SQLITE_CORRUPT: secret internal detail at /var/lib/db');
  };
  t.teardown(() => {
    (app.db as unknown as { select: typeof original }).select = original;
  });
  const response = await app.inject('/v1/communes/65059');
  t.equal(response.statusCode, 500);
  t.match(response.headers['content-type'], /^application\/problem\+json/);
  const problem = json(response);
  t.equal(problem.status, 500);
  t.notMatch(response.body, /SQLITE|secret|\/var\/lib|at .*\.ts/, 'no internals');
});
