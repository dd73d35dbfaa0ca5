// Abuse: random requests (fast-check) never give a 5xx and every error is a problem document; injection
// attempts in every parameter get a 400 or an empty result; nothing a request does changes the database.
import t from 'tap';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { collections } from '../../src/resources/index.js';
import { fold } from '../../src/db/search.js';
import { build, expectedHeaders, sharedDatabase } from '../helper.js';

type App = Awaited<ReturnType<typeof build>>;

/**
 * The fuzzing seed: FC_SEED when set (to replay a failure), else a fixed one so that every run checks the same cases.
 * A failure names it, with the shrunk counterexample.
 */
const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : 20261127;

/** fc.assert with the seed, its failure message saying how to replay it. */
async function check<Ts extends [unknown, ...unknown[]]>(property: fc.IAsyncProperty<Ts>, numRuns: number) {
  try {
    await fc.assert(property, { numRuns, seed });
  } catch (error) {
    throw new Error(`${(error as Error).message}\nReplay with FC_SEED=${seed} npx tap ${'test/http/robustness.test.ts'}`, { cause: error });
  }
}
const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

const routes = [
  '/v1/communes',
  '/v1/communes/{}',
  '/v1/communes/{}/conventions',
  '/v1/intercommunalities',
  '/v1/intercommunalities/{}',
  '/v1/intercommunalities/{}/communes',
  '/v1/intercommunalities/{}/members',
  '/v1/intercommunalities/{}/conventions',
  '/v1/conventions',
  '/v1/conventions/{}',
  '/v1/measures',
  '/v1/measures/{}',
  '/v1/funding-links',
  '/v1/funding-links/{}',
  '/v1/programme',
  '/v1/dataset',
  '/health',
  '/openapi.json',
  '/openapi.yaml',
  '/docs',
  '/',
];
const parameterNames = [...new Set(collections.flatMap((collection) => Object.keys(collection.filters)))].concat([
  'q',
  'sort',
  'fields',
  'limit',
  'offset',
  'format',
  'sep',
  'bom',
  '__proto__',
  'constructor',
  'toString',
]);
const tricky = [
  "'",
  '"',
  ';',
  '--',
  '%',
  '_',
  '*',
  '\\',
  '\u0000',
  '\u202e',
  '\u200b',
  'é',
  '🏔',
  'а',
  ',',
  ',,',
  '-',
  '..',
  '{}',
  '[]',
  '__proto__',
  'NaN',
  '1e9',
  '-0',
  '0x10',
];
const value = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom(...tricky),
  fc.integer().map(String),
  fc.constantFrom('65059', '246500482', 'ort-246500482', 'true', 'false', 'csv', 'geojson', '-population', 'name,code', '2021-06-24'),
  fc.array(fc.constantFrom(...tricky, 'a', '1'), { maxLength: 8 }).map((parts) => parts.join('')),
);
const query = fc.dictionary(fc.oneof(fc.constantFrom(...parameterNames), fc.string({ maxLength: 10 })), value, { maxKeys: 4 });
const path = fc.oneof(
  fc.tuple(fc.constantFrom(...routes), value).map(([route, segment]) => route.replace('{}', encodeURIComponent(segment))),
  fc.webPath().map((generated) => (generated.startsWith('/') ? generated : `/${generated}`)),
  // Raw percent-escapes, often not UTF-8 (%c0%af): the router cannot decode the path.
  fc
    .tuple(fc.constantFrom(...routes, '/downloads/{}'), fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 4 }))
    .map(([route, bytes]) => route.replace('{}', bytes.map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join(''))),
);
const printable = fc.string({ maxLength: 40 }).map((text) => text.replace(/[^\x20-\x7e]/g, ''));
const headers = fc.record(
  {
    accept: fc.oneof(fc.constantFrom('*/*', 'text/csv', 'application/geo+json', 'image/png', 'text/html', 'application/x-ndjson;q=0', ''), printable),
    'accept-encoding': fc.oneof(fc.constantFrom('gzip', 'br', 'identity;q=0', '*', 'gzip;q=abc'), printable),
    'if-none-match': fc.oneof(fc.constantFrom('*', '"x"', 'W/"x"'), printable),
    'if-modified-since': fc.oneof(fc.constantFrom('Thu, 01 Jan 2026 00:00:00 GMT', 'yesterday'), printable),
    'x-request-id': printable,
    origin: printable,
    'x-forwarded-for': printable,
  },
  { requiredKeys: [] },
);
const method = fc.constantFrom('GET', 'GET', 'GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS') as fc.Arbitrary<'GET'>;

function toUrl(base: string, parameters: Record<string, string>): string {
  const search = Object.entries(parameters)
    .map(([name, text]) => `${encodeURIComponent(name)}=${encodeURIComponent(text)}`)
    .join('&');
  return search ? `${base}?${search}` : base;
}

/** The body, decoded when it was compressed. */
function decoded(response: { rawPayload: Buffer; headers: Record<string, unknown> }): Buffer {
  const encoding = response.headers['content-encoding'];
  if (encoding === 'br') return brotliDecompressSync(response.rawPayload);
  if (encoding === 'gzip') return gunzipSync(response.rawPayload);
  return response.rawPayload;
}

async function checkResponse(app: App, request: { method: 'GET'; url: string; headers: Record<string, string> }) {
  const response = await app.inject(request);
  // Every response, whatever the request, carries the headers of every answer.
  for (const [name, value] of Object.entries(expectedHeaders)) {
    if (response.headers[name] !== value) throw new Error(`${response.statusCode} for ${request.method} ${request.url} without ${name}: ${value}`);
  }
  for (const name of ['x-request-id', 'ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset']) {
    if (!response.headers[name]) throw new Error(`${response.statusCode} for ${request.method} ${request.url} without ${name}`);
  }
  if (response.statusCode >= 500)
    throw new Error(`${response.statusCode} for ${request.method} ${request.url} ${JSON.stringify(request.headers)}: ${response.body}`);
  if (response.statusCode >= 400) {
    if (!/^application\/problem\+json/.test(String(response.headers['content-type'])))
      throw new Error(`${response.statusCode} without problem+json for ${request.url}`);
    if (request.method !== ('HEAD' as string)) {
      const problem = JSON.parse(decoded(response).toString());
      if (problem.status !== response.statusCode || typeof problem.detail !== 'string')
        throw new Error(`bad problem document for ${request.url}: ${response.body}`);
    }
  }
}

t.test('random paths, parameters, methods and headers never give a 5xx; every 4xx is a problem document; every response has its headers', async (t) => {
  const app = await build(t, { RATE_LIMIT_MAX: 1_000_000 });
  const before = sha256(sharedDatabase());
  t.comment(`fast-check seed ${seed}`);
  await check(
    fc.asyncProperty(method, path, query, headers, async (verb, base, parameters, extra) => {
      await checkResponse(app, { method: verb, url: toUrl(base, parameters), headers: extra });
    }),
    1500,
  );
  await check(
    fc.asyncProperty(fc.constantFrom(...collections.filter((c) => c.topLevel)), query, async (collection, parameters) => {
      await checkResponse(app, { method: 'GET', url: toUrl(`/v1/${collection.name}`, parameters), headers: {} });
    }),
    1500,
  );
  t.equal(sha256(sharedDatabase()), before, 'the database file is unchanged');
});

const injections = [
  "' OR '1'='1",
  '1; DROP TABLE communes; --',
  '" OR ""="',
  "65059' --",
  '1 UNION SELECT record FROM meta',
  "') OR 1=1 --",
  'communes_search MATCH *',
  '"bagn" OR "tarbes"',
  'NEAR(a b)',
  '*',
  '%',
  '_',
  '\u0000',
  '65059\u0000',
  'a'.repeat(3000),
  '\u202e65059',
  '65\u200b059',
  '６５０５９',
  'аrreau',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  '{"$gt":""}',
  '../../etc/passwd',
  '$(id)',
  '<script>alert(1)</script>',
];

t.test('injection attempts in every parameter: a 400, an empty result, or for q the result of its words alone; no change to the data', async (t) => {
  const app = await build(t);
  const before = sha256(sharedDatabase());
  const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort();
  const counts = Object.fromEntries(
    await Promise.all(collections.filter((c) => c.topLevel).map(async (c) => [c.name, JSON.parse((await app.inject(`/v1/${c.name}`)).body).meta.total])),
  );
  for (const collection of collections.filter((c) => c.topLevel)) {
    const names = [...Object.keys(collection.filters), 'q', 'sort', 'fields', 'limit', 'offset', 'format', 'sep', 'bom'];
    for (const name of names) {
      for (const attempt of injections) {
        const response = await app.inject(toUrl(`/v1/${collection.name}`, { [name]: attempt }));
        t.ok([200, 400, 414].includes(response.statusCode), `${collection.name} ${name}=${JSON.stringify(attempt.slice(0, 40))}: ${response.statusCode}`);
        if (response.statusCode === 200 && name === 'q') {
          // The attempt is plain text: it finds what its folded words alone find, no more, no less.
          const words = fold(attempt);
          const plain = await app.inject(toUrl(`/v1/${collection.name}`, { q: words }));
          t.strictSame(
            JSON.parse(response.body).data,
            JSON.parse(plain.body).data,
            `${collection.name} q=${JSON.stringify(attempt.slice(0, 40))} is its words "${words.slice(0, 40)}"`,
          );
        } else if (response.statusCode === 200) {
          t.equal(JSON.parse(response.body).meta.total, 0, `${collection.name} ${name} matched nothing`);
        }
      }
    }
    for (const attempt of injections) {
      const response = await app.inject(`/v1/${collection.name}/${encodeURIComponent(attempt)}`);
      t.ok([400, 404, 414].includes(response.statusCode), `${collection.name}/{id}=${JSON.stringify(attempt.slice(0, 40))}`);
    }
  }
  // Parameter names that would write Object.prototype through a nested-object parser.
  for (const name of ['__proto__[polluted]', 'constructor[prototype][polluted]', '__proto__.polluted', '__proto__']) {
    for (const collection of collections.filter((c) => c.topLevel)) await app.inject(toUrl(`/v1/${collection.name}`, { [name]: 'yes', q: 'a' }));
  }
  t.strictSame(Object.getOwnPropertyNames(Object.prototype).sort(), prototypeBefore, 'no prototype pollution');
  t.equal(({} as Record<string, unknown>).polluted, undefined);
  for (const collection of collections.filter((c) => c.topLevel)) {
    t.equal(JSON.parse((await app.inject(`/v1/${collection.name}`)).body).meta.total, counts[collection.name], `${collection.name} unchanged`);
  }
  t.equal(sha256(sharedDatabase()), before, 'the database file is unchanged');
});

t.test('the database is opened read-only: even code inside the process cannot write', async (t) => {
  const app = await build(t);
  const attempt = (statement: ReturnType<typeof sql>) => {
    try {
      app.db.run(statement);
      return 'written';
    } catch (error) {
      return String((error as Error & { cause?: Error }).cause?.message ?? error);
    }
  };
  t.match(attempt(sql`DELETE FROM communes`), /readonly database/);
  t.match(attempt(sql`CREATE TABLE x (y)`), /readonly database/);
  const db = new Database(sharedDatabase(), { readonly: true });
  t.teardown(() => db.close());
  t.equal((db.prepare('SELECT count(*) AS n FROM communes').get() as { n: number }).n, 14);
});
