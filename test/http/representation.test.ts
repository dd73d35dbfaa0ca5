// The representation plugin, precisely: what is compressed and from what size, what is cached and under which key,
// what a 304 keeps, and the cache's counters.
import t from 'tap';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { build } from '../helper.js';

type App = Awaited<ReturnType<typeof build>>;

const decode = (response: { rawPayload: Buffer; headers: Record<string, unknown> }) =>
  response.headers['content-encoding'] === 'br'
    ? brotliDecompressSync(response.rawPayload)
    : response.headers['content-encoding'] === 'gzip'
      ? gunzipSync(response.rawPayload)
      : response.rawPayload;

t.test('compressed: every text type from 1,024 bytes, answers and errors alike; never other types', async (t) => {
  const app = await build(t);
  for (const [url, type] of [
    ['/v1/communes', /^application\/json/],
    ['/v1/communes?format=geojson', /^application\/geo\+json/],
    ['/v1/communes?format=ndjson', /^application\/x-ndjson/],
    ['/v1/communes?format=csv', /^text\/csv/],
    ['/openapi.yaml', /^application\/yaml/],
    ['/?x', /^application\/problem\+json/],
  ] as const) {
    const plain = await app.inject(url.replace('?x', `?${'x'.repeat(1200)}`));
    const gzip = await app.inject({ url: url.replace('?x', `?${'x'.repeat(1200)}`), headers: { 'accept-encoding': 'gzip' } });
    t.match(gzip.headers['content-type'], type, url);
    t.equal(gzip.headers['content-encoding'], 'gzip', `${url} is compressed`);
    t.ok(decode(gzip).equals(plain.rawPayload), `${url} decodes to the plain bytes`);
    t.equal(gzip.headers.vary, 'Accept, Accept-Encoding');
  }
  const sqlite = await app.inject({ url: '/downloads/pvd65.sqlite', headers: { 'accept-encoding': 'gzip, br' } });
  t.equal(sqlite.headers['content-type'], 'application/vnd.sqlite3');
  t.notOk(sqlite.headers['content-encoding'], 'a binary file is sent as it is');
});

t.test('the threshold is 1,024 bytes exactly, for errors as for answers', async (t) => {
  const app = await build(t);
  // A 404's size grows by 2 with its path (in detail and instance) and by 1 with its query (instance only).
  const base = (await app.inject('/a')).rawPayload.length;
  const sized = (size: number) => {
    const extra = size - base;
    const query = extra % 2 ? '?cc' : '?c';
    return `/a${'b'.repeat((extra - query.length) / 2)}${query}`;
  };
  const below = await app.inject({ url: sized(1023), headers: { 'accept-encoding': 'gzip' } });
  const at = await app.inject({ url: sized(1024), headers: { 'accept-encoding': 'gzip' } });
  t.equal(below.rawPayload.length, 1023);
  t.notOk(below.headers['content-encoding'], '1,023 bytes: plain');
  t.equal(gunzipSync(at.rawPayload).length, 1024);
  t.equal(at.headers['content-encoding'], 'gzip', '1,024 bytes: compressed');
  t.equal(at.headers['cache-control'], 'no-store', 'an error is still not stored');
  t.notOk(at.headers.etag);
  t.equal(below.headers.vary, 'Accept, Accept-Encoding', 'errors vary too');
});

t.test('keys: the negotiated representation; routes without an offer ignore Accept', async (t) => {
  const app = await build(t);
  const count = (a: App) => [a.responseCache.entries, a.responseCache.hits, a.responseCache.misses];
  t.strictSame(count(app), [0, 0, 0]);
  await app.inject('/v1/communes');
  t.strictSame(count(app), [1, 0, 1], 'a miss, stored');
  await app.inject({ url: '/v1/communes', headers: { accept: '*/*' } });
  await app.inject({ url: '/v1/communes', headers: { accept: 'text/html' } });
  await app.inject({ url: '/v1/communes', headers: { accept: 'application/json, x/y' } });
  t.strictSame(count(app), [1, 3, 1], 'Accept variants that choose JSON are hits');
  await app.inject({ url: '/v1/communes', headers: { accept: 'text/csv' } });
  t.strictSame(count(app), [2, 3, 2], 'CSV is another representation');
  await app.inject({ url: '/v1/communes', headers: { 'accept-encoding': 'gzip' } });
  await app.inject({ url: '/v1/communes', headers: { 'accept-encoding': 'gzip, deflate, x' } });
  t.strictSame(count(app), [3, 4, 3], 'gzip is another; its variants are hits');
  await app.inject({ url: '/v1/communes?format=csv', headers: { accept: 'image/png' } });
  await app.inject({ url: '/v1/communes?format=csv', headers: { accept: 'image/png' } });
  t.strictSame(count(app), [3, 4, 3], 'nothing acceptable: the route answers (format wins), uncached and not looked up');
  await app.inject({ url: '/health', headers: { accept: 'x/1' } });
  await app.inject({ url: '/health', headers: { accept: 'x/2' } });
  t.strictSame(count(app), [3, 4, 5], 'Cache-Control: no-store answers are not stored');
  await app.inject({ url: '/v1/programme', headers: { accept: 'x/1' } });
  await app.inject({ url: '/v1/programme', headers: { accept: 'image/png' } });
  t.strictSame(count(app), [4, 5, 6], 'a route without an offer: one entry whatever Accept says');
  await app.inject({ method: 'HEAD', url: '/v1/programme' });
  t.strictSame(count(app), [4, 6, 6], 'HEAD shares the entry of GET');
  await app.inject({ method: 'OPTIONS', url: '/v1/programme' });
  await app.inject({ method: 'POST', url: '/v1/programme' });
  t.strictSame(count(app), [4, 6, 6], 'other methods neither look up nor store');
  await app.inject('/v1/communes/99999');
  t.strictSame(count(app), [4, 6, 7], 'an error is looked up, never stored');
  await app.inject('/v1/communes?b=1&a=2');
  await app.inject('/v1/communes?a=2&b=1');
  t.strictSame(count(app), [4, 6, 9], 'both 400s');
  await app.inject('/v1/communes?sort=name&limit=2');
  await app.inject('/v1/communes?limit=2&sort=name');
  t.strictSame(count(app), [5, 7, 10], 'parameter order does not matter');
  t.ok(app.responseCache.bytes > 0 && app.responseCache.bytes <= app.responseCache.maxBytes);
});

t.test('a cache hit is the stored representation: same bytes, same headers, compressed once', async (t) => {
  const app = await build(t);
  for (const encoding of ['gzip', 'br', 'identity']) {
    const first = await app.inject({ url: '/v1/communes', headers: { 'accept-encoding': encoding } });
    const again = await app.inject({ url: '/v1/communes', headers: { 'accept-encoding': encoding } });
    t.ok(again.rawPayload.equals(first.rawPayload), `${encoding}: same bytes`);
    t.equal(decode(again).toString(), decode(first).toString());
    for (const name of ['etag', 'content-type', 'content-encoding', 'link', 'x-total-count', 'cache-control', 'vary', 'last-modified', 'content-length'])
      t.equal(again.headers[name], first.headers[name], `${encoding}: ${name}`);
  }
});

t.test('304: no body, no content type or encoding, the validators kept', async (t) => {
  const app = await build(t);
  for (let round = 0; round < 2; round++) {
    const first = await app.inject({ url: '/v1/communes?format=csv', headers: { 'accept-encoding': 'gzip' } });
    const { etag } = first.headers as Record<string, string>;
    const revalidated = await app.inject({ url: '/v1/communes?format=csv', headers: { 'accept-encoding': 'gzip', 'if-none-match': etag } });
    t.equal(revalidated.statusCode, 304);
    t.equal(revalidated.rawPayload.length, 0);
    t.notOk(revalidated.headers['content-type']);
    t.notOk(revalidated.headers['content-encoding']);
    t.equal(revalidated.headers.etag, etag);
    t.equal(revalidated.headers['last-modified'], first.headers['last-modified'], "the 200's Last-Modified");
    t.equal(revalidated.headers['content-disposition'], 'attachment; filename="communes.csv"');
    const noCache = await app.inject({
      url: '/v1/communes?format=csv',
      headers: { 'accept-encoding': 'gzip', 'if-none-match': etag, 'cache-control': 'no-cache' },
    });
    t.equal(noCache.statusCode, 304, 'Cache-Control: no-cache from the client does not skip the preconditions');
  }
});

t.test('the ETag: dataset version, then a hash of the bytes sent', async (t) => {
  const app = await build(t);
  const plain = await app.inject('/v1/measures');
  const gzip = await app.inject({ url: '/v1/measures', headers: { 'accept-encoding': 'gzip' } });
  const version = app.dataset.version;
  for (const response of [plain, gzip]) t.match(response.headers.etag, new RegExp(`^"${version}-[0-9a-f]+-[A-Za-z0-9+/]{27}"$`));
  t.not(plain.headers.etag, gzip.headers.etag);
  t.match(plain.headers.etag, `"${version}-${plain.rawPayload.length.toString(16)}-`, 'the length of the bytes sent');
  t.match(gzip.headers.etag, `"${version}-${gzip.rawPayload.length.toString(16)}-`);
});

t.test('no cache: the same answers, nothing stored', async (t) => {
  const app = await build(t, { RESPONSE_CACHE_BYTES: 0, CACHE_MAX_AGE: 5 });
  const first = await app.inject({ url: '/v1/communes', headers: { 'accept-encoding': 'br' } });
  const again = await app.inject({ url: '/v1/communes', headers: { 'accept-encoding': 'br' } });
  t.ok(first.rawPayload.equals(again.rawPayload));
  t.equal(first.headers['cache-control'], 'public, max-age=5');
  t.equal(first.headers['content-encoding'], 'br');
  t.strictSame(
    [app.responseCache.entries, app.responseCache.bytes, app.responseCache.hits, app.responseCache.misses, app.responseCache.maxBytes],
    [0, 0, 0, 0, 0],
  );
  t.equal((await app.inject({ url: '/v1/communes', headers: { 'if-none-match': first.headers.etag as string, 'accept-encoding': 'br' } })).statusCode, 304);
});
