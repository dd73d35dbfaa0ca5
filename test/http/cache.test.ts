// The response cache under hostile requests: entries are keyed by the representation chosen, never by header text,
// so huge and distinct Accept/Accept-Encoding headers neither grow it nor evict useful entries; every byte of an
// entry counts towards its bound; and it answers exactly what the handlers answer, whatever the headers.
import t from 'tap';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { build } from '../helper.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/**
 * Lets the event loop run the immediates that inject() schedules (a loop of awaited injects runs on microtasks and
 * would otherwise hold every request until it ends).
 */
const settle = () => new Promise((resolve) => setImmediate(resolve));

/** Heap in use after a full collection, in bytes. */
async function heapAfterGc(): Promise<number> {
  await settle();
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

const hugeAccept = (i: number) => `application/json, x/${i}${'x'.repeat(15_000)}`;
const hugeEncoding = (i: number) => `gzip, x-${i}${'y'.repeat(1_000)}`;

t.test('thousands of huge, distinct Accept and Accept-Encoding headers share one entry; the heap does not grow', async (t) => {
  const bound = 1024 * 1024;
  const app = await build(t, { RESPONSE_CACHE_BYTES: bound });
  const url = '/v1/communes?q=zzzq';
  t.equal((await app.inject(url)).statusCode, 200, 'warm-up');
  // Warm-up with the same requests: what the JIT compiles is not growth.
  for (let i = 0; i < 300; i++) await app.inject({ url, headers: { accept: hugeAccept(-i), 'accept-encoding': hugeEncoding(-i) } });
  const heapBefore = await heapAfterGc();
  for (let i = 0; i < 3000; i++) {
    if (i % 100 === 0) await settle();
    const response = await app.inject({ url, headers: { accept: hugeAccept(i), 'accept-encoding': hugeEncoding(i) } });
    if (response.statusCode !== 200) t.fail(`request ${i}: ${response.statusCode}`);
    if (app.responseCache.bytes > bound) t.fail(`request ${i}: ${app.responseCache.bytes} bytes accounted, over ${bound}`);
  }
  const growth = (await heapAfterGc()) - heapBefore;
  t.equal(app.responseCache.entries, 2, 'the plain warm-up entry and the gzip one');
  t.ok(app.responseCache.bytes <= bound, `accounted ${app.responseCache.bytes} ≤ ${bound}`);
  t.ok(app.responseCache.bytes < 8 * 1024, 'two small entries: no header text is kept');
  // Keyed by header text (as before), the same requests kept 1,700 entries of 16 KB keys: 27 MB.
  t.ok(growth < 8 * 1024 * 1024, `heap grew by ${(growth / 2 ** 20).toFixed(1)} MB after 3000 requests of 16 KB of headers (48 MB sent)`);
  t.equal(app.responseCache.hits, 3299, 'every request but the first gzip one is a hit');
});

t.test('distinct URLs fill the cache up to its bound and no further, every byte counted', async (t) => {
  const bound = 256 * 1024;
  const app = await build(t, { RESPONSE_CACHE_BYTES: bound });
  for (let i = 0; i < 300; i++) await app.inject({ url: `/v1/communes?q=warm${i}`, headers: { accept: hugeAccept(i) } });
  const heapBefore = await heapAfterGc();
  for (let i = 0; i < 2000; i++) {
    if (i % 100 === 0) await settle();
    // A 4 KB URL (the longest accepted), a distinct search each time: each answer is a new entry.
    const response = await app.inject({ url: `/v1/communes?q=zz${i}${'q'.repeat(4000)}`.slice(0, 4096), headers: { accept: hugeAccept(i) } });
    if (response.statusCode !== 400 && response.statusCode !== 200) t.fail(`request ${i}: ${response.statusCode}`);
    if (app.responseCache.bytes > bound) t.fail(`request ${i}: ${app.responseCache.bytes} bytes accounted, over ${bound}`);
  }
  for (let i = 0; i < 2000; i++) {
    if (i % 100 === 0) await settle();
    const response = await app.inject({ url: `/v1/communes?q=a${i}&fields=${'name,'.repeat(100)}name`, headers: { accept: hugeAccept(i) } });
    if (response.statusCode !== 200) t.fail(`request ${i}: ${response.statusCode}`);
    if (app.responseCache.bytes > bound) t.fail(`request ${i}: ${app.responseCache.bytes} bytes accounted, over ${bound}`);
  }
  const growth = (await heapAfterGc()) - heapBefore;
  t.ok(app.responseCache.bytes <= bound, `accounted ${app.responseCache.bytes} ≤ ${bound}`);
  t.ok(app.responseCache.entries < 2000, `${app.responseCache.entries} entries: older ones evicted`);
  t.ok(growth < bound + 6 * 1024 * 1024, `heap grew by ${(growth / 2 ** 20).toFixed(1)} MB for a bound of ${bound / 1024} KB`);
});

t.test('requests that vary only in meaningless headers cannot evict useful entries', async (t) => {
  const app = await build(t, { RESPONSE_CACHE_BYTES: 4 * 1024 * 1024 });
  await app.inject('/v1/communes');
  await app.inject('/downloads/pvd65.sqlite');
  const { entries, bytes } = app.responseCache;
  t.equal(entries, 2);
  for (let i = 0; i < 500; i++) {
    const response = await app.inject({ url: '/downloads/pvd65.sqlite', headers: { accept: `x/${i}`, 'accept-encoding': `x-${i}` } });
    if (response.statusCode !== 200) t.fail(`request ${i}: ${response.statusCode}`);
  }
  t.equal(app.responseCache.entries, entries, 'no new entry');
  t.equal(app.responseCache.bytes, bytes);
  const hits = app.responseCache.hits;
  await app.inject('/v1/communes');
  t.equal(app.responseCache.hits, hits + 1, 'the list is still cached');
});

t.test('an entry is accounted with its key, its headers and its body', async (t) => {
  const app = await build(t);
  t.equal(app.responseCache.bytes, 0);
  const response = await app.inject('/v1/communes/65059');
  const headerBytes = ['content-type', 'etag', 'last-modified', 'cache-control', 'vary']
    .map((name) => 2 * (name.length + String(response.headers[name]).length))
    .reduce((a, b) => a + b);
  const key = 'application/json identity /v1/communes/65059';
  t.equal(app.responseCache.bytes, 1024 + 2 * key.length + headerBytes + response.rawPayload.length);
  t.equal(app.responseCache.maxBytes, 64 * 1024 * 1024, 'RESPONSE_CACHE_BYTES by default');
  const off = await build(t, { RESPONSE_CACHE_BYTES: 0 });
  await off.inject('/v1/communes/65059');
  t.strictSame({ bytes: off.responseCache.bytes, entries: off.responseCache.entries, hits: off.responseCache.hits }, { bytes: 0, entries: 0, hits: 0 });
});

/** The body, decoded when it was compressed. */
function decoded(response: { rawPayload: Buffer; headers: Record<string, unknown> }): string {
  const encoding = response.headers['content-encoding'];
  if (encoding === 'br') return brotliDecompressSync(response.rawPayload).toString();
  if (encoding === 'gzip') return gunzipSync(response.rawPayload).toString();
  return response.rawPayload.toString();
}

t.test('whatever Accept and Accept-Encoding say, the cache answers what the route answers, on every kind of route', async (t) => {
  const cached = await build(t);
  const uncached = await build(t, { RESPONSE_CACHE_BYTES: 0 });
  const urls = [
    '/',
    '/v1/communes',
    '/v1/communes?format=csv',
    '/v1/communes/65059',
    '/v1/communes/65059/conventions',
    '/v1/conventions',
    '/v1/intercommunalities/200072106/members?limit=2',
    '/v1/programme',
    '/health',
    '/downloads/communes.csv',
    '/openapi.json',
  ];
  const accepts = [
    undefined,
    '',
    '*/*',
    'text/csv',
    'application/geo+json',
    'application/x-ndjson;q=0.9, text/csv;q=0.8',
    'text/html',
    'text/html,application/xhtml+xml,*/*;q=0.8',
    'application/problem+json',
    'image/png',
    'application/json;q=0',
  ];
  const encodings = [undefined, 'gzip', 'br', 'gzip;q=0.5, br;q=0.1', 'identity', '*;q=0'];
  const mismatches: string[] = [];
  let compared = 0;
  // The route's answer, once per request: without a cache, the second round would render the same bytes again.
  const routeAnswers = new Map<string, Awaited<ReturnType<typeof uncached.inject>>>();
  for (let round = 0; round < 2; round++) {
    for (const url of urls) {
      for (const accept of accepts) {
        for (const encoding of encodings) {
          const headers: Record<string, string> = {};
          if (accept !== undefined) headers.accept = accept;
          if (encoding !== undefined) headers['accept-encoding'] = encoding;
          const label = `${url} Accept: ${accept} Accept-Encoding: ${encoding}`;
          const a = await cached.inject({ url, headers });
          const b = routeAnswers.get(label) ?? (await uncached.inject({ url, headers }));
          routeAnswers.set(label, b);
          const same =
            a.statusCode === b.statusCode &&
            decoded(a) === decoded(b) &&
            ['content-type', 'content-encoding', 'etag', 'content-disposition', 'link', 'x-total-count'].every((name) => a.headers[name] === b.headers[name]);
          compared++;
          if (!same) mismatches.push(`${label} (round ${round})`);
        }
      }
    }
  }
  t.ok(cached.responseCache.hits > 0, `${cached.responseCache.hits} answers from the cache`);
  t.strictSame(mismatches, [], `the ${compared} answers of the cache are the route’s`);
});
