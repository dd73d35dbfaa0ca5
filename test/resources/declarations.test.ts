// Everything derived from the list of declarations: a declared collection missing from any derived place fails here.
import t from 'tap';
import Database from 'better-sqlite3';
import { getTableName } from 'drizzle-orm';
import { collections } from '../../src/resources/index.js';
import { keyOf } from '../../src/resources/documents.js';
import { downloads } from '../../src/resources/download-files.js';
import { build, json, sharedDatabase } from '../helper.js';

t.test('every declared collection is in every derived place', async (t) => {
  const app = await build(t);
  const openapi = json(await app.inject('/openapi.json'));
  const dataset = json(await app.inject('/v1/dataset'));
  const programme = json(await app.inject('/v1/programme'));
  const sqlite = new Database(sharedDatabase(), { readonly: true });
  t.teardown(() => sqlite.close());
  const tables = new Set((sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((row) => row.name));
  const tags = new Set(openapi.tags.map((tag: { name: string }) => tag.name));
  for (const collection of collections) {
    const key = keyOf(collection.name);
    t.ok(tags.has(collection.tag), `${collection.name}: its tag is in the OpenAPI tags`);
    t.ok(openapi.components.schemas[collection.schema.$id], `${collection.name}: its schema is in the OpenAPI components`);
    t.ok(openapi.components.schemas[`${collection.schema.$id}Fields`], `${collection.name}: its sparse schema too`);
    t.type(dataset.counts[key], 'number', `${collection.name}: counted in /v1/dataset`);
    t.ok(tables.has(`${getTableName(collection.table)}_search`), `${collection.name}: its search table is built`);
    t.ok(
      downloads.some((download) => download.file === `${collection.name}.csv`),
      `${collection.name}: a CSV download`,
    );
    if (collection.topLevel) {
      t.equal(dataset.links[key], `/v1/${collection.name}`, `${collection.name}: linked from /v1/dataset`);
      t.equal(programme.links[key], `/v1/${collection.name}`, `${collection.name}: linked from /v1/programme`);
      t.ok(openapi.paths[`/v1/${collection.name}`], `${collection.name}: its list route`);
      t.ok(openapi.paths[`/v1/${collection.name}/{${collection.id.name}}`], `${collection.name}: its item route`);
    }
    for (const name of Object.keys(collection.related ?? {})) {
      t.ok(openapi.paths[`/v1/${collection.name}/{${collection.id.name}}/${name}`], `${collection.name}: its related list ${name}`);
    }
  }
  t.equal(Object.keys(dataset.counts).length, collections.length + 1, 'a count per collection, and the sources');
});
