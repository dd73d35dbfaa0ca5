// The representation plugin alone, on a bare Fastify with a few routes: compression, the cache and its keys,
// 304s, ETags and headers. Fast (no database, no OpenAPI), so that mutation testing can run it for every mutant.
import t from 'tap';
import Fastify from 'fastify';
import fp from 'fastify-plugin';
import { Readable } from 'node:stream';
import { brotliCompressSync, brotliDecompressSync, constants, gunzipSync, gzipSync } from 'node:zlib';
import representation from '../../src/plugins/app/representation.js';

const version = '0123456789abcdef';
/** Text that compresses differently at each level (unlike a run of one letter). */
const prose = Array.from({ length: 400 }, (_, i) => `${i * 7919} ${((i * 104729) % 9973).toString(36)} commune`).join(' ');
const text = (size: number) => 'x'.repeat(size);

async function appWith(t: { teardown: (fn: () => unknown) => void }, options = { maxAge: 3600, cacheBytes: 1 << 20 }) {
  const app = Fastify();
  await app.register(
    fp(
      async (instance) => {
        instance.decorate('dataset', { version, modified: '2026-11-27', databasePath: '' });
      },
      { name: 'database' },
    ),
  );
  await app.register(representation, options);
  const offer = { types: ['application/json', 'text/csv'], fallbacks: ['text/html'] };
  app.get('/list', { config: { offer } }, (request, reply) => {
    const csv = request.headers.accept?.includes('text/csv') && !request.headers.accept.includes('text/csv;q=0');
    const size = Number((request.query as { size?: string }).size ?? 2000);
    const headers = { link: '</list>; rel="first"', 'x-total-count': '7', 'content-disposition': 'inline' };
    return csv
      ? reply.represent({ type: 'text/csv; charset=utf-8', body: `a,b\r\n${text(size)}`, headers })
      : reply.represent({ type: 'application/json; charset=utf-8', body: `"${text(size - 2)}"`, headers });
  });
  app.get('/represented-prose', (_request, reply) => reply.represent({ type: 'text/plain; charset=utf-8', body: prose }));
  app.get('/per-origin', { config: { perOrigin: true } }, (request, reply) => reply.represent({ type: 'text/plain', body: `${request.host}\n` }));
  app.get('/revalidated', (_request, reply) =>
    reply.represent({ type: 'application/json', body: Buffer.from(`"${text(1998)}"`), cacheControl: 'no-cache', headers: { link: '</a>; rel="alternate"' } }),
  );
  // An error sent by a handler of the app (the error and not-found handlers do so).
  app.get('/problem', (request, reply) =>
    reply
      .code(404)
      .type('application/problem+json')
      .sendError(`"${text(Number((request.query as { size?: string }).size ?? 2000) - 2)}"`),
  );
  // Routes that send their answers themselves (Swagger UI's, in the app), in a context with the plugin's onSend hook.
  await app.register(async (foreign) => {
    foreign.addHook('onSend', app.representSent);
    foreign.get('/plain', (_request, reply) => reply.type('text/plain; charset=utf-8').send(text(2000)));
    for (const type of [
      'application/geo+json',
      'application/ld+json',
      'application/x-ndjson',
      'application/yaml',
      'application/problem+json',
      'application/javascript',
      'application/xml',
      'image/svg+xml',
      'text/html',
    ])
      foreign.get(`/type/${type.replace('/', '-')}`, (_request, reply) => reply.type(type).send(text(2000)));
    foreign.get('/binary', (_request, reply) => reply.type('application/vnd.sqlite3').send(Buffer.alloc(4000, 1)));
    foreign.get('/binary-text-parameter', (_request, reply) => reply.type('application/octet-stream; comment=text/plain').send(Buffer.alloc(4000, 1)));
    foreign.get('/prose', (_request, reply) => reply.type('text/plain').send(prose));
    foreign.get('/buffer', (_request, reply) => reply.type('application/json').send(Buffer.from(`"${text(1998)}"`)));
    foreign.get('/small', (_request, reply) => reply.type('application/json').send('{}'));
    foreign.get('/no-store', (_request, reply) =>
      reply
        .header('cache-control', 'no-store')
        .type('application/json')
        .send(`"${text(2000)}"`),
    );
    foreign.get('/stream', (_request, reply) => reply.type('text/plain').send(Readable.from([text(2000)])));
    foreign.get('/bad', (_request, reply) =>
      reply
        .code(400)
        .type('application/problem+json')
        .send(`"${text(2000)}"`),
    );
    foreign.get('/fail', (request, reply) => {
      const size = Number((request.query as { size?: string }).size ?? 2000);
      return reply
        .code(404)
        .type('application/problem+json')
        .send(`"${text(size - 2)}"`);
    });
    foreign.get('/created', (_request, reply) =>
      reply
        .code(203)
        .type('application/json')
        .send(`"${text(2000)}"`),
    );
    foreign.post('/list', (_request, reply) => reply.type('application/json').send(`"${text(2000)}"`));
  });
  t.teardown(() => app.close());
  await app.ready();
  return app;
}

type App = Awaited<ReturnType<typeof appWith>>;
const counters = (app: App) => [app.responseCache.entries, app.responseCache.hits, app.responseCache.misses];
const decode = (response: { rawPayload: Buffer; headers: Record<string, unknown> }) =>
  response.headers['content-encoding'] === 'br'
    ? brotliDecompressSync(response.rawPayload)
    : response.headers['content-encoding'] === 'gzip'
      ? gunzipSync(response.rawPayload)
      : response.rawPayload;

t.test('the headers of a representation', async (t) => {
  const app = await appWith(t);
  const response = await app.inject('/list');
  t.equal(response.statusCode, 200);
  t.strictSame(
    ['etag', 'last-modified', 'cache-control', 'vary', 'link', 'x-total-count', 'content-disposition', 'content-type'].map((name) => response.headers[name]),
    [
      response.headers.etag,
      'Fri, 27 Nov 2026 00:00:00 GMT',
      'public, max-age=3600',
      'Accept, Accept-Encoding',
      '</list>; rel="first"',
      '7',
      'inline',
      'application/json; charset=utf-8',
    ],
  );
  t.match(response.headers.etag, new RegExp(`^"${version}-7d0-[A-Za-z0-9+/]{27}"$`), 'strong, with the version and the length in hex');
  t.notOk(response.headers['content-encoding']);
  const maxAge = await appWith(t, { maxAge: 60, cacheBytes: 0 });
  t.equal((await maxAge.inject('/list')).headers['cache-control'], 'public, max-age=60');
  t.equal((await app.inject('/no-store')).headers['cache-control'], 'no-store', "a route's own Cache-Control is kept");
});

t.test('compression: text types from 1,024 bytes, as asked, br preferred', async (t) => {
  const app = await appWith(t);
  for (const url of [
    '/list',
    '/plain',
    '/buffer',
    ...['geo+json', 'ld+json', 'x-ndjson', 'yaml', 'problem+json', 'javascript', 'xml'].map((type) => `/type/application-${type}`),
    '/type/image-svg+xml',
    '/type/text-html',
  ]) {
    const plain = await app.inject(url);
    for (const encoding of ['gzip', 'br'] as const) {
      const response = await app.inject({ url, headers: { 'accept-encoding': encoding } });
      t.equal(response.headers['content-encoding'], encoding, `${url} ${encoding}`);
      t.ok(decode(response).equals(plain.rawPayload), `${url} ${encoding} decodes`);
      t.ok(response.rawPayload.length < 200);
    }
  }
  t.equal((await app.inject({ url: '/list', headers: { 'accept-encoding': 'gzip, br' } })).headers['content-encoding'], 'br');
  t.notOk((await app.inject({ url: '/binary', headers: { 'accept-encoding': 'gzip' } })).headers['content-encoding'], 'not a text type');
  t.notOk(
    (await app.inject({ url: '/binary-text-parameter', headers: { 'accept-encoding': 'gzip' } })).headers['content-encoding'],
    'the type, not a parameter, decides',
  );
  // Level 6 and quality 6: speed over ratio, measured by the benchmark.
  const body = Buffer.from(prose);
  const br = await app.inject({ url: '/prose', headers: { 'accept-encoding': 'br' } });
  t.ok(
    br.rawPayload.equals(brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 6, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } })),
    'br at quality 6',
  );
  const gzip = await app.inject({ url: '/prose', headers: { 'accept-encoding': 'gzip' } });
  t.ok(gzip.rawPayload.equals(gzipSync(body, { level: 6 })), 'gzip at level 6');
  t.not(brotliCompressSync(body).length, br.rawPayload.length, 'the default quality would give other bytes');
  t.notOk((await app.inject({ url: '/small', headers: { 'accept-encoding': 'gzip' } })).headers['content-encoding'], 'too small');
  const below = await app.inject({ url: '/list?size=1023', headers: { 'accept-encoding': 'gzip' } });
  const at = await app.inject({ url: '/list?size=1024', headers: { 'accept-encoding': 'gzip' } });
  t.strictSame([below.rawPayload.length, below.headers['content-encoding']], [1023, undefined], '1,023 bytes: plain');
  t.strictSame([decode(at).length, at.headers['content-encoding']], [1024, 'gzip'], '1,024 bytes: compressed');
});

t.test('errors: compressed from 1,024 bytes, never stored, no validators', async (t) => {
  const app = await appWith(t);
  const below = await app.inject({ url: '/fail?size=1023', headers: { 'accept-encoding': 'gzip' } });
  const at = await app.inject({ url: '/fail?size=1024', headers: { 'accept-encoding': 'br' } });
  t.equal(below.statusCode, 404);
  t.strictSame([below.rawPayload.length, below.headers['content-encoding'], below.headers.vary], [1023, undefined, 'Accept, Accept-Encoding']);
  t.strictSame([decode(at).length, at.headers['content-encoding'], at.headers.vary], [1024, 'br', 'Accept, Accept-Encoding']);
  t.notOk(at.headers.etag);
  t.notOk(at.headers['last-modified']);
  t.notOk((await app.inject('/fail')).headers['content-encoding'], 'not asked');
  t.equal((await app.inject({ url: '/bad', headers: { 'accept-encoding': 'gzip' } })).headers['content-encoding'], 'gzip', 'a 400 too');
  const sent = await app.inject({ url: '/problem?size=1024', headers: { 'accept-encoding': 'gzip' } });
  t.strictSame(
    [sent.statusCode, decode(sent).length, sent.headers['content-encoding'], sent.headers.vary, sent.headers.etag, sent.headers['content-type']],
    [404, 1024, 'gzip', 'Accept, Accept-Encoding', undefined, 'application/problem+json'],
    'sendError(): compressed the same way',
  );
  const small = await app.inject({ url: '/problem?size=1023', headers: { 'accept-encoding': 'gzip' } });
  t.strictSame([small.rawPayload.length, small.headers['content-encoding'], small.headers.vary], [1023, undefined, 'Accept, Accept-Encoding']);
  t.strictSame(counters(app), [0, 0, 6], 'looked up, never stored');
});

t.test('other statuses, methods and payloads pass through untouched', async (t) => {
  const app = await appWith(t);
  const created = await app.inject({ url: '/created', headers: { 'accept-encoding': 'gzip' } });
  t.strictSame([created.statusCode, created.headers.etag, created.headers['content-encoding']], [203, undefined, undefined]);
  const posted = await app.inject({ method: 'POST', url: '/list', headers: { 'accept-encoding': 'gzip' } });
  t.strictSame([posted.headers.etag, posted.headers['content-encoding']], [undefined, undefined]);
  const stream = await app.inject({ url: '/stream', headers: { 'accept-encoding': 'gzip' } });
  t.equal(stream.body, text(2000));
  t.strictSame([stream.headers.etag, stream.headers['content-encoding']], [undefined, undefined], 'a stream: sent as it is');
  t.strictSame(counters(app), [0, 0, 2], 'POST neither looks up nor stores');
});

t.test('the cache: keys by representation, hits, no-store, HEAD, disabled', async (t) => {
  const app = await appWith(t);
  t.strictSame(counters(app), [0, 0, 0]);
  const first = await app.inject('/list');
  t.strictSame(counters(app), [1, 0, 1]);
  const again = await app.inject({ url: '/list', headers: { accept: 'text/html' } });
  t.strictSame(counters(app), [1, 1, 1], 'a fallback chooses the same representation');
  t.ok(again.rawPayload.equals(first.rawPayload));
  t.equal(again.headers.etag, first.headers.etag);
  await app.inject({ url: '/list', headers: { accept: 'text/csv' } });
  t.strictSame(counters(app), [2, 1, 2], 'CSV: another entry');
  await app.inject({ url: '/list', headers: { accept: 'image/png' } });
  t.strictSame(counters(app), [2, 1, 2], 'nothing acceptable: not looked up');
  await app.inject({ url: '/list', headers: { 'accept-encoding': 'gzip' } });
  const gzipHit = await app.inject({ url: '/list', headers: { 'accept-encoding': 'gzip;q=1, x' } });
  t.strictSame(counters(app), [3, 2, 3]);
  t.equal(gzipHit.headers['content-encoding'], 'gzip', 'a hit keeps its encoding');
  t.ok(gunzipSync(gzipHit.rawPayload).equals(first.rawPayload), 'compressed once');
  for (const encoding of ['gzip', 'br']) {
    const miss = await app.inject({ url: '/prose', headers: { 'accept-encoding': encoding } });
    const hit = await app.inject({ url: '/prose', headers: { 'accept-encoding': encoding } });
    t.ok(miss.rawPayload.length > 1024, `${encoding}: still over 1 KB compressed`);
    t.ok(hit.rawPayload.equals(miss.rawPayload), `${encoding}: a hit sends the stored bytes, not compressed again`);
    t.strictSame(
      ['content-type', 'content-encoding', 'etag'].map((name) => hit.headers[name]),
      ['content-type', 'content-encoding', 'etag'].map((name) => miss.headers[name]),
    );
  }
  const csvHit = await app.inject({ url: '/list', headers: { accept: 'text/csv' } });
  t.strictSame(
    [csvHit.headers['content-type'], csvHit.headers['content-disposition'], csvHit.headers.link, csvHit.headers['x-total-count']],
    ['text/csv; charset=utf-8', 'inline', '</list>; rel="first"', '7'],
    'a hit has the headers of the representation',
  );
  await app.inject('/list?b=1&a=2');
  await app.inject('/list?a=2&b=1');
  t.strictSame(counters(app), [6, 6, 6], 'parameter order does not matter');
  await app.inject('/no-store');
  await app.inject('/no-store');
  t.strictSame(counters(app), [6, 6, 8], 'no-store: never stored');
  await app.inject('/plain');
  await app.inject({ url: '/plain', headers: { accept: 'x/y' } });
  t.strictSame(counters(app), [7, 7, 9], 'a route without an offer ignores Accept');
  const plain = await app.inject('/plain');
  t.strictSame(
    [plain.headers.link, plain.headers['x-total-count'], plain.headers['content-disposition']],
    [undefined, undefined, undefined],
    'only the headers it has',
  );
  const head = await app.inject({ method: 'HEAD', url: '/plain' });
  t.strictSame(counters(app), [7, 9, 9], 'HEAD: the entry of GET');
  t.equal(head.body, '');
  t.equal(head.headers['content-length'], '2000');
  t.ok(app.responseCache.bytes > 15 * 1024 && app.responseCache.bytes < 40 * 1024, `${app.responseCache.bytes} bytes accounted`);
  t.equal(app.responseCache.maxBytes, 1 << 20);

  const off = await appWith(t, { maxAge: 3600, cacheBytes: 0 });
  await off.inject('/list');
  const offAgain = await off.inject('/list');
  t.strictSame([...counters(off), off.responseCache.bytes, off.responseCache.maxBytes], [0, 0, 0, 0, 0]);
  t.equal(offAgain.headers.etag, first.headers.etag, 'the same ETag without the cache');
});

t.test("represent(): a route's own Cache-Control is sent and keeps the answer out of the cache", async (t) => {
  const app = await appWith(t);
  for (let i = 0; i < 2; i++) {
    const response = await app.inject({ url: '/revalidated', headers: { 'accept-encoding': 'gzip' } });
    t.strictSame(
      ['cache-control', 'link', 'content-encoding', 'vary'].map((name) => response.headers[name]),
      ['no-cache', '</a>; rel="alternate"', 'gzip', 'Accept, Accept-Encoding'],
    );
    t.equal(gunzipSync(response.rawPayload).toString(), `"${text(1998)}"`, 'a Buffer body, compressed');
    const revalidation = await app.inject({ url: '/revalidated', headers: { 'accept-encoding': 'gzip', 'if-none-match': response.headers.etag as string } });
    t.equal(revalidation.statusCode, 304, 'revalidated by its ETag');
  }
  t.strictSame(counters(app), [0, 0, 4], 'looked up, never stored');
});

t.test('represent(): compressed once, even when the compressed body is still over 1 KB', async (t) => {
  const app = await appWith(t);
  for (const encoding of ['gzip', 'br'] as const) {
    const response = await app.inject({ url: '/represented-prose', headers: { 'accept-encoding': encoding } });
    t.ok(response.rawPayload.length > 1024, `${encoding}: ${response.rawPayload.length} bytes compressed`);
    t.equal(decode(response).toString(), prose, `${encoding}: one decoding gives the text`);
  }
});

t.test('a route per origin: one entry per Host', async (t) => {
  const app = await appWith(t);
  const a = await app.inject({ url: '/per-origin', headers: { host: 'a.example' } });
  const b = await app.inject({ url: '/per-origin', headers: { host: 'b.example' } });
  t.strictSame([a.body, b.body], ['a.example\n', 'b.example\n']);
  t.strictSame(counters(app), [2, 0, 2], 'two entries');
  t.equal((await app.inject({ url: '/per-origin', headers: { host: 'a.example' } })).body, 'a.example\n');
  t.strictSame(counters(app), [2, 1, 2], 'a hit for its own Host');
});

t.test('HEAD first on a route that does not call represent(): the representation of GET', async (t) => {
  const app = await appWith(t);
  const head = await app.inject({ method: 'HEAD', url: '/plain', headers: { 'accept-encoding': 'gzip' } });
  t.match(head.headers.etag, /^"0123456789abcdef-/);
  t.equal(head.headers['content-encoding'], 'gzip');
  const get = await app.inject({ url: '/plain', headers: { 'accept-encoding': 'gzip' } });
  t.equal(get.headers.etag, head.headers.etag);
});

t.test('HEAD first: a representation made and stored like for GET', async (t) => {
  const app = await appWith(t);
  const head = await app.inject({ method: 'HEAD', url: '/list', headers: { 'accept-encoding': 'gzip' } });
  t.match(head.headers.etag, /^"0123456789abcdef-/);
  t.equal(head.headers['content-encoding'], 'gzip');
  t.strictSame(counters(app), [1, 0, 1]);
  const get = await app.inject({ url: '/list', headers: { 'accept-encoding': 'gzip' } });
  t.equal(get.headers.etag, head.headers.etag);
  t.strictSame(counters(app), [1, 1, 1]);
});

t.test('the plugin needs the database plugin, and says so', async (t) => {
  const app = Fastify();
  t.teardown(() => app.close());
  await t.rejects(async () => app.register(representation, { maxAge: 1, cacheBytes: 0 }).ready(), { message: /dependency 'database'.*'representation'/ });
});

t.test('the bound holds: old entries go', async (t) => {
  const app = await appWith(t, { maxAge: 3600, cacheBytes: 16 * 1024 });
  for (let i = 0; i < 50; i++) await app.inject(`/list?i=${i}`);
  t.ok(app.responseCache.bytes <= 16 * 1024, `${app.responseCache.bytes} bytes`);
  t.ok(app.responseCache.entries >= 3 && app.responseCache.entries < 10, `${app.responseCache.entries} entries`);
  await app.inject('/list?i=49');
  t.equal(app.responseCache.hits, 1, 'the latest is kept');
  await app.inject('/list?i=0');
  t.equal(app.responseCache.hits, 1, 'the first is gone');
});

t.test('304: from the cache or not, without body, type, encoding or length', async (t) => {
  for (const cacheBytes of [1 << 20, 0]) {
    const app = await appWith(t, { maxAge: 3600, cacheBytes });
    for (let round = 0; round < 2; round++) {
      const first = await app.inject({ url: '/list', headers: { 'accept-encoding': 'gzip' } });
      const etag = first.headers.etag as string;
      const label = `cache ${cacheBytes}, round ${round}`;
      const fresh = await app.inject({ url: '/list', headers: { 'accept-encoding': 'gzip', 'if-none-match': etag } });
      const getAny = await app.inject({ url: '/list?any', headers: { 'if-none-match': '*' } });
      t.strictSame(
        [getAny.statusCode, getAny.headers['content-length'], getAny.headers['content-type']],
        [304, undefined, undefined],
        `${label}: If-None-Match: *`,
      );
      t.strictSame(
        [fresh.statusCode, fresh.rawPayload.length, fresh.headers['content-type'], fresh.headers['content-encoding'], fresh.headers['content-length']],
        [304, 0, undefined, undefined, undefined],
        label,
      );
      t.strictSame(
        [fresh.headers.etag, fresh.headers['last-modified'], fresh.headers.link],
        [etag, 'Fri, 27 Nov 2026 00:00:00 GMT', '</list>; rel="first"'],
        label,
      );
      const plainTag = (await app.inject({ url: '/plain', headers: { 'accept-encoding': 'gzip' } })).headers.etag as string;
      const plain = await app.inject({ url: '/plain', headers: { 'accept-encoding': 'gzip', 'if-none-match': plainTag } });
      t.strictSame(
        [plain.statusCode, plain.rawPayload.length, plain.headers['content-type'], plain.headers['content-encoding'], plain.headers['content-length']],
        [304, 0, undefined, undefined, undefined],
        `${label}: a route that does not call represent(), its own type not sent`,
      );
      const head = await app.inject({ method: 'HEAD', url: '/list', headers: { 'accept-encoding': 'gzip', 'if-none-match': etag } });
      t.strictSame(
        [head.statusCode, head.rawPayload.length, head.headers['content-length'], head.headers['content-type'], head.headers.etag],
        [304, 0, String(first.rawPayload.length), 'application/json; charset=utf-8', etag],
        `${label}: HEAD states the 200's length and type`,
      );
      const headAny = await app.inject({ method: 'HEAD', url: '/list?other', headers: { 'if-none-match': '*' } });
      t.equal(headAny.statusCode, 304, `${label}: HEAD with If-None-Match: * on a first request`);
      const since = await app.inject({ url: '/list', headers: { 'if-modified-since': 'Fri, 27 Nov 2026 00:00:00 GMT', 'cache-control': 'no-cache' } });
      t.equal(since.statusCode, 304, `${label}: If-Modified-Since, and no-cache does not skip it`);
      const older = await app.inject({ url: '/list', headers: { 'if-modified-since': 'Thu, 26 Nov 2026 00:00:00 GMT' } });
      t.equal(older.statusCode, 200);
      const other = await app.inject({ url: '/list', headers: { 'if-none-match': '"other"', 'accept-encoding': 'gzip' } });
      t.strictSame([other.statusCode, other.headers['content-encoding']], [200, 'gzip']);
    }
  }
});
