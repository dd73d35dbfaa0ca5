// openapi.yaml: valid OpenAPI 3, generated from the app, and current (regenerate with `npm run openapi`).
import t from 'tap';
import { readFileSync } from 'node:fs';
import SwaggerParser from '@apidevtools/swagger-parser';
import { parse } from 'yaml';
import jsYaml from 'js-yaml';
import { openapiPath, openapiYaml } from '../../src/openapi.js';
import { build, dataDir, sharedDatabase } from '../helper.js';

t.test('openapi.yaml is current', async (t) => {
  const generated = await openapiYaml({ dataDir, databasePath: sharedDatabase() });
  t.ok(generated === readFileSync(openapiPath, 'utf8'), 'openapi.yaml differs from the app: run `npm run openapi` and commit it');
});

t.test('openapi.yaml validates as OpenAPI 3', async (t) => {
  const document = (await SwaggerParser.validate(parse(readFileSync(openapiPath, 'utf8')))) as { openapi: string; paths?: Record<string, object> };
  t.match(document.openapi, /^3\./);
  const operations = Object.values(document.paths ?? {}).flatMap((path) => Object.values(path)) as Record<string, unknown>[];
  t.ok(operations.length >= 17);
  for (const operation of operations) {
    t.ok(operation.operationId && operation.summary && operation.description && operation.tags, `${String(operation.operationId)} is documented`);
  }
});

t.test('the app serves the same document as JSON and YAML, and Swagger UI', async (t) => {
  const app = await build(t);
  const fromJson = JSON.parse((await app.inject('/openapi.json')).body);
  const fromYaml = parse((await app.inject('/openapi.yaml')).body);
  t.strictSame(fromJson, fromYaml);
  t.strictSame(fromJson, parse(readFileSync(openapiPath, 'utf8')));
  const docs = await app.inject('/docs/');
  t.equal(docs.statusCode, 200);
  t.match(docs.body, /swagger-ui/i);
});

t.test('a YAML 1.1 reader (js-yaml default schema) reads openapi.yaml as the served JSON document', async (t) => {
  const app = await build(t);
  const served = JSON.parse((await app.inject('/openapi.json')).body);
  t.strictSame(jsYaml.load(readFileSync(openapiPath, 'utf8')), served, 'no date, boolean or number read from a string');
  t.strictSame(jsYaml.load((await app.inject('/openapi.yaml')).body), served);
});

t.test('no parameter description says a clause twice (a declaration repeating what its operator adds)', async (t) => {
  const document = parse(readFileSync(openapiPath, 'utf8')) as {
    paths: Record<string, Record<string, { parameters?: { name: string; description?: string }[] }>>;
  };
  let checked = 0;
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const operation of Object.values(operations)) {
      for (const parameter of operation.parameters ?? []) {
        // Clauses: split at each period, semicolon or comma, compared without case.
        const clauses = (parameter.description ?? '')
          .split(/[.;,]\s+/)
          .map((clause) =>
            clause
              .toLowerCase()
              .replace(/[.,;]+$/, '')
              .trim(),
          )
          .filter(Boolean);
        const repeated = clauses.filter((clause, index) => clauses.indexOf(clause) !== index);
        if (repeated.length > 0) t.fail(`${path} ${parameter.name}: "${repeated[0]}" twice`);
        checked++;
      }
    }
  }
  t.ok(checked > 100, `${checked} parameter descriptions read`);
});
