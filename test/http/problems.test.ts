// Bounded errors: a problem document stays small whatever the request (at most 20 errors and the count of the
// others, no client text echoed beyond its bound) and is compressed like any answer when large.
import t from 'tap';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { badRequest, problemBounds, problemDocument, truncate, unknownParameter } from '../../src/formats/problem.js';
import { build } from '../helper.js';

/** 1,000 distinct two-character parameter names, none of them a parameter of any resource. */
const manyParameters = Array.from({ length: 1000 }, (_, i) => `_${i.toString(36).padStart(2, '0')}`);

t.test('a 4 KB URL with 1,000 unknown parameters gets a problem under 64 KB, compressed when asked', async (t) => {
  const app = await build(t);
  const url = `/v1/communes?${manyParameters.join('&')}`;
  t.ok(url.length <= 4096, `the URL is ${url.length} characters long`);
  const plain = await app.inject(url);
  t.equal(plain.statusCode, 400);
  t.ok(plain.rawPayload.length < 64 * 1024, `${plain.rawPayload.length} bytes`);
  const problem = JSON.parse(plain.body);
  t.ok(problem.errors.length >= 1 && problem.errors.length <= problemBounds.errors, `${problem.errors.length} errors listed`);
  t.equal(problem.errors.length + (problem.omittedErrors ?? 0) <= manyParameters.length, true, 'the count of the others, never more than there are');
  t.ok(problem.detail.length <= problemBounds.detail);
  for (const encoding of ['gzip', 'br'] as const) {
    const compressed = await app.inject({ url, headers: { 'accept-encoding': encoding } });
    t.equal(compressed.statusCode, 400);
    if (plain.rawPayload.length >= 1024) {
      t.equal(compressed.headers['content-encoding'], encoding, `${encoding}: compressed`);
      const body = encoding === 'gzip' ? gunzipSync(compressed.rawPayload) : brotliDecompressSync(compressed.rawPayload);
      t.strictSame(JSON.parse(body.toString()), problem, `${encoding}: the same document`);
      t.ok(compressed.rawPayload.length < plain.rawPayload.length / 2, `${encoding}: ${compressed.rawPayload.length} bytes`);
    }
    t.match(compressed.headers.vary, /Accept-Encoding/);
  }
});

t.test('problems small enough are sent as they are', async (t) => {
  const app = await build(t);
  const response = await app.inject({ url: '/v1/communes/99999', headers: { 'accept-encoding': 'gzip, br' } });
  t.equal(response.statusCode, 404);
  t.notOk(response.headers['content-encoding']);
  t.equal(JSON.parse(response.body).status, 404);
});

t.test('no client text is echoed beyond its bound: Accept in a 406, the URL in a 414', async (t) => {
  const app = await build(t);
  const accept = `image/png, x/${'x'.repeat(15_000)}`;
  const refused = await app.inject({ url: '/v1/communes', headers: { accept } });
  t.equal(refused.statusCode, 406);
  const problem = JSON.parse(refused.body);
  t.equal(problem.detail.length, problemBounds.detail, 'detail cut');
  t.ok(problem.detail.endsWith('…'));
  t.ok(refused.rawPayload.length < 4 * 1024, `${refused.rawPayload.length} bytes for 15 KB of Accept`);
  const url = `/v1/communes?q=${'a'.repeat(12_000)}`;
  const long = await app.inject(url);
  t.equal(long.statusCode, 414);
  const tooLong = JSON.parse(long.body);
  t.equal(tooLong.instance, `${url.slice(0, problemBounds.instance - 1)}…`, 'instance cut');
  t.equal(tooLong.detail, `The URL is ${url.length} characters long; the limit is 4096.`);
});

t.test('problemDocument lists the first 20 errors and counts the others, whatever made them', async (t) => {
  const errors = manyParameters.map(unknownParameter);
  const document = problemDocument('/v1/x', 400, 'many', errors);
  t.equal(document.errors?.length, 20);
  t.strictSame(document.errors?.[0], { in: 'query', name: '_00', detail: 'is not a parameter of this resource' });
  t.equal(document.errors?.[19]?.name, manyParameters[19]);
  t.equal(document.omittedErrors, 980);
  t.strictSame(problemDocument('/v1/x', 400, 'twenty', errors.slice(0, 20)).errors?.length, 20);
  t.notOk('omittedErrors' in problemDocument('/v1/x', 400, 'twenty', errors.slice(0, 20)), 'no count when all are listed');
  t.notOk('errors' in problemDocument('/v1/x', 404, 'none'), 'no errors member when there are none');
  const long = problemDocument('/v1/x', 400, 'd', [{ in: 'query', name: 'n'.repeat(300), detail: 'x'.repeat(600), allowed: ['a', 'b'] }]);
  t.strictSame(long.errors, [{ in: 'query', name: `${'n'.repeat(199)}…`, detail: `${'x'.repeat(499)}…`, allowed: ['a', 'b'] }]);
  t.strictSame(problemDocument('/v1/y', 500, 'e'), { type: 'about:blank', title: 'Internal Server Error', status: 500, detail: 'e', instance: '/v1/y' });
  t.equal(problemDocument('/', 499, 'e').title, 'Error', 'a status without a name');
});

t.test('badRequest names the first 20 bad parameters and marks the others', async (t) => {
  const one = badRequest([unknownParameter('colour')]);
  t.equal(one.detail, 'Query parameter "colour" is not a parameter of this resource.');
  t.equal(one.status, 400);
  const two = badRequest([unknownParameter('a'), { in: 'path', name: 'code', detail: 'is bad', allowed: ['1', '2'] }]);
  t.equal(two.detail, '2 parameters are invalid: "a", "code". See `errors` for what each allows.');
  const twenty = badRequest(manyParameters.slice(0, 20).map(unknownParameter));
  t.notMatch(twenty.detail, /…/);
  const many = badRequest(manyParameters.slice(0, 25).map(unknownParameter));
  t.match(many.detail, /^25 parameters are invalid: /);
  t.match(many.detail, /"_0j", …\. See `errors` for what each allows\.$/, 'the 20th, then a mark for the others');
  t.notMatch(many.detail, /"_0k"/, 'the 21st is not described');
  t.equal(many.errors?.length, 25, 'the problem keeps them all; the document lists 20');
});

t.test('truncate', async (t) => {
  t.equal(truncate('abc', 3), 'abc');
  t.equal(truncate('abcd', 3), 'ab…');
  t.equal(truncate('', 0), '');
});
