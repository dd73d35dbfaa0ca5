// The response cache's policy, alone: the key of a request, the bytes of an entry, buffers of their own size;
// and the negotiation the cache and the routes share.
import t from 'tap';
import { gzipSync } from 'node:zlib';
import { anyMediaType, cacheKey, entryOverhead, entrySize, normalisedTarget, ownedBuffer, stringBytes } from '../../src/plugins/app/cache-policy.js';
import { chooseEncoding, chooseMediaType } from '../../src/formats/negotiation.js';

t.test('normalisedTarget sorts the query’s parameters and nothing else', async (t) => {
  t.equal(normalisedTarget('/v1/communes'), '/v1/communes');
  t.equal(normalisedTarget('/v1/communes?'), '/v1/communes?');
  t.equal(normalisedTarget('/v1/communes?b=2'), '/v1/communes?b=2');
  t.equal(normalisedTarget('/v1/communes?b=2&a=1'), '/v1/communes?a=1&b=2');
  t.equal(normalisedTarget('/v1/communes?limit=5&fields=name&q=st%20lary'), '/v1/communes?fields=name&limit=5&q=st%20lary');
  t.equal(normalisedTarget('/v1/communes?a=1&b=2'), '/v1/communes?a=1&b=2');
  t.equal(normalisedTarget('/v1/communes?a=2&a=1'), '/v1/communes?a=1&a=2', 'repeated parameters too (the grammar refuses them anyway)');
  t.equal(normalisedTarget('/a&b?z&y'), '/a&b?y&z', 'an & in the path stays');
  t.equal(normalisedTarget('/a&b'), '/a&b', 'an & in a path without query');
  t.equal(normalisedTarget('/b&a'), '/b&a');
  t.equal(normalisedTarget('/a?c=1&b=2&a=3'), '/a?a=3&b=2&c=1');
  t.equal(normalisedTarget('/a?x=1?y&w'), '/a?w&x=1?y');
});

t.test('cacheKey: the negotiated media type, the encoding and the target, never header text', async (t) => {
  t.equal(cacheKey('/v1/communes?a=1', 'text/csv', 'gzip'), 'text/csv gzip /v1/communes?a=1');
  t.equal(cacheKey('/health', anyMediaType, 'identity'), '* identity /health');
  t.not(cacheKey('/a', 'text/csv', 'br'), cacheKey('/a', 'text/csv', 'gzip'));
});

t.test('entrySize counts the key, every header name and value, the body and the overhead', async (t) => {
  t.equal(stringBytes(''), 0);
  t.equal(stringBytes('abc'), 6, 'two bytes a character');
  t.equal(stringBytes('é'), 2);
  t.equal(entryOverhead, 1024);
  const body = Buffer.from('0123456789');
  t.equal(entrySize('k', { body, headers: {} }), 1024 + 2 + 10);
  t.equal(entrySize('key', { body, headers: { etag: '"x"', vary: 'Accept' } }), 1024 + 6 + 10 + 2 * (4 + 3) + 2 * (4 + 6));
  t.equal(entrySize('', { body: Buffer.alloc(0), headers: {} }), 1024);
  const huge = 'x'.repeat(16_000);
  t.equal(entrySize(huge, { body, headers: {} }), 1024 + 32_000 + 10, 'a long key costs what it holds');
});

t.test('ownedBuffer: bytes in memory of their own size', async (t) => {
  const own = Buffer.alloc(100);
  t.equal(ownedBuffer(own), own, 'a buffer that owns its memory is kept');
  const pooled = Buffer.from('abc');
  t.ok(pooled.buffer.byteLength > 3, 'small buffers share a pool');
  const copy = ownedBuffer(pooled);
  t.not(copy, pooled);
  t.strictSame([copy.toString(), copy.byteOffset, copy.buffer.byteLength], ['abc', 0, 3]);
  const compressed = gzipSync(Buffer.from('x'.repeat(2000)));
  t.ok(compressed.buffer.byteLength >= 16 * 1024, 'zlib output is a view of a 16 KB block');
  const owned = ownedBuffer(compressed);
  t.ok(owned.equals(compressed));
  t.strictSame([owned.byteOffset, owned.buffer.byteLength], [0, compressed.length]);
  const view = Buffer.alloc(10).subarray(2);
  t.strictSame([ownedBuffer(view).byteOffset, ownedBuffer(view).buffer.byteLength], [0, 8], 'a view at an offset');
  const start = Buffer.alloc(10).subarray(0, 4);
  t.strictSame([ownedBuffer(start).byteOffset, ownedBuffer(start).buffer.byteLength], [0, 4], 'a view at the start of a larger block');
  t.equal(ownedBuffer(Buffer.alloc(0)).length, 0);
});

const collection = { types: ['application/json', 'text/csv', 'application/x-ndjson'], fallbacks: ['application/problem+json', 'text/html'] };

t.test('chooseMediaType: the route’s answer to Accept', async (t) => {
  t.equal(chooseMediaType(undefined, collection), 'application/json', 'no Accept: the default');
  t.equal(chooseMediaType('', collection), 'application/json', 'an empty Accept: the default');
  t.equal(chooseMediaType('*/*', collection), 'application/json');
  t.equal(chooseMediaType('text/csv', collection), 'text/csv');
  t.equal(chooseMediaType('text/csv;q=0.5, application/x-ndjson', collection), 'application/x-ndjson');
  t.equal(chooseMediaType('text/*', collection), 'text/csv');
  t.equal(chooseMediaType('text/html', collection), 'application/json', 'a fallback is answered with the default');
  t.equal(chooseMediaType('application/problem+json', collection), 'application/json');
  t.equal(chooseMediaType('text/html;q=0.9, text/csv;q=0.1', collection), 'application/json', 'a preferred fallback wins');
  t.equal(chooseMediaType('image/png', collection), undefined, 'nothing acceptable');
  t.equal(chooseMediaType('application/json;q=0', collection), undefined);
  t.equal(chooseMediaType(`application/json, x/${'x'.repeat(15_000)}`, collection), 'application/json', 'a huge Accept');
  const home = { types: ['application/json', 'text/html'], fallbacks: [] };
  t.equal(chooseMediaType('text/html', home), 'text/html');
  t.equal(chooseMediaType('application/problem+json', home), undefined, 'no fallbacks declared');
  t.equal(chooseMediaType(undefined, home), 'application/json');
  t.equal(chooseMediaType('text/html', { types: [], fallbacks: [] }), undefined, 'an empty offer');
  t.equal(chooseMediaType(undefined, { types: [], fallbacks: [] }), undefined);
});

t.test('chooseEncoding: br, gzip or identity', async (t) => {
  const cases: [string | undefined, string][] = [
    [undefined, 'identity'],
    ['', 'identity'],
    ['gzip', 'gzip'],
    ['br', 'br'],
    ['gzip, br', 'br'],
    ['br, gzip', 'br'],
    ['*', 'br'],
    ['br;q=0.5, gzip', 'gzip'],
    ['gzip;q=0.5, br;q=0.1', 'gzip'],
    ['deflate', 'identity'],
    ['identity;q=0', 'identity'],
    ['gzip;q=0', 'identity'],
    ['identity, gzip;q=0.5', 'identity'],
    ['identity', 'identity'],
    [`gzip, x-${'y'.repeat(1000)}`, 'gzip'],
  ];
  for (const [header, expected] of cases) t.equal(chooseEncoding(header), expected, JSON.stringify(header));
});
