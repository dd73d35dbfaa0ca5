// The data package: valid against the official Tabular Data Package profile, and every CSV valid against its Table
// Schema (types cast, patterns, required values, primary-key uniqueness, foreign keys resolved), checked twice:
// by the Frictionless JavaScript library (tableschema) and by a strict checker of our own (anchored patterns).
import t from 'tap';
import { createRequire } from 'node:module';
import { parse } from 'csv-parse/sync';
import { build, json } from '../helper.js';

const require = createRequire(import.meta.url);

const { validate } = require('datapackage') as { validate: (descriptor: object) => Promise<{ valid: boolean; errors: Error[] }> };
const { Table, Schema } = require('tableschema') as {
  Table: { load: (source: unknown, options: object) => Promise<{ read: (options: object) => Promise<unknown[]> }> };
  Schema: { load: (descriptor: object) => Promise<{ valid: boolean; errors: Error[] }> };
};

interface Field {
  name: string;
  type: string;
  trueValues?: string[];
  falseValues?: string[];
  constraints: { required?: boolean; unique?: boolean; pattern?: string; enum?: string[]; minimum?: number; maximum?: number };
}
interface Resource {
  name: string;
  path: string;
  schema: { fields: Field[]; primaryKey: string[]; foreignKeys?: { fields: string[]; reference: { resource: string; fields: string[] } }[] };
}

/** Why `value` does not fit `field`, or undefined. Empty is a missing value. */
function problem(field: Field, value: string): string | undefined {
  if (value === '') return field.constraints.required ? 'missing' : undefined;
  switch (field.type) {
    case 'integer':
      if (!/^-?[0-9]+$/.test(value)) return 'not an integer';
      break;
    case 'number':
      if (!/^-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?$/.test(value)) return 'not a number';
      break;
    case 'boolean':
      if (![...(field.trueValues ?? []), ...(field.falseValues ?? [])].includes(value)) return 'not a boolean';
      break;
    case 'date':
      if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(value) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) return 'not a date';
      break;
  }
  const { pattern, minimum, maximum } = field.constraints;
  if (pattern && !new RegExp(`^(?:${pattern})$`, 'u').test(value)) return `does not match ${pattern}`;
  if (field.constraints.enum && !field.constraints.enum.includes(value)) return 'not in enum';
  if (minimum !== undefined && Number(value) < minimum) return 'below minimum';
  if (maximum !== undefined && Number(value) > maximum) return 'above maximum';
  return undefined;
}

t.test('datapackage.json: a valid Tabular Data Package with a resource per CSV download', async (t) => {
  const app = await build(t);
  const response = await app.inject('/downloads/datapackage.json');
  t.equal(response.statusCode, 200);
  t.equal(response.headers['content-disposition'], 'attachment; filename="datapackage.json"');
  const descriptor = json(response);
  const result = await validate(descriptor);
  t.same(
    result.errors.map((error) => error.message),
    [],
    'valid against the tabular-data-package profile',
  );
  t.equal(result.valid, true);
  const dataset = json(await app.inject('/v1/dataset'));
  const csvFiles = dataset.downloads
    .filter((download: { mediaType: string }) => download.mediaType === 'text/csv')
    .map((download: { file: string }) => download.file);
  t.same(
    descriptor.resources.map((resource: Resource) => resource.path),
    csvFiles,
    'one resource per CSV download',
  );
  t.ok(
    dataset.downloads.some((download: { file: string }) => download.file === 'datapackage.json'),
    'listed in /v1/dataset',
  );
  t.equal(descriptor.version, dataset.version);
  t.same(descriptor.licenses, [{ name: 'etalab-2.0', title: dataset.licence.name, path: dataset.licence.url }]);
  t.equal(descriptor.sources.length, dataset.sources.length);
  for (const resource of descriptor.resources as Resource[]) {
    const schema = await Schema.load(resource.schema);
    t.equal(schema.valid, true, `${resource.name}: a valid Table Schema`);
  }
  const communes = (descriptor.resources as Resource[]).find((resource) => resource.name === 'communes')!;
  const byName = Object.fromEntries(communes.schema.fields.map((field) => [field.name, field]));
  t.match(
    byName.code,
    { type: 'string', constraints: { required: true, unique: true, pattern: '([0-9]{2}|2[AB])[0-9]{3}' } },
    'INSEE code: a string with its pattern',
  );
  t.match(byName.siren, { type: 'string', constraints: { pattern: '[0-9]{9}' } });
  t.match(byName.cantonCode, { type: 'string', constraints: { pattern: '([0-9]{2}|2[AB]|97[1-6])[0-9]{2}' } });
  t.match(byName['arrondissement.code'], { type: 'string', constraints: { pattern: '([0-9]{2}|2[AB]|97[1-6])[0-9]' } });
  t.match(byName.postalCodes, { type: 'string', constraints: { pattern: '([0-9]{5})(\\|([0-9]{5}))*' } });
  t.match(byName['population.municipal'], { type: 'integer', constraints: { required: true, minimum: 0 } });
  t.match(byName['centre.longitude'], { type: 'number', constraints: { minimum: -180, maximum: 180 } });
  t.match(byName['pvd.signedOn'], { type: 'date' });
  t.same(communes.schema.primaryKey, ['code']);
  t.same(communes.schema.foreignKeys, [
    { fields: ['intercommunality.siren'], reference: { resource: 'intercommunalities', fields: ['siren'] } },
    { fields: ['code'], reference: { resource: 'members', fields: ['code'] } },
  ]);
  const fks = (name: string) => (descriptor.resources as Resource[]).find((resource) => resource.name === name)!.schema.foreignKeys;
  t.same(fks('members'), [{ fields: ['intercommunality.siren'], reference: { resource: 'intercommunalities', fields: ['siren'] } }]);
  t.same(fks('conventions'), [{ fields: ['intercommunality.siren'], reference: { resource: 'intercommunalities', fields: ['siren'] } }]);
});

t.test('every CSV validates against its Table Schema: types, patterns, keys, foreign keys', async (t) => {
  const app = await build(t);
  const descriptor = json(await app.inject('/downloads/datapackage.json'));
  const resources = descriptor.resources as Resource[];
  const rows: Record<string, string[][]> = {};
  for (const resource of resources) {
    const response = await app.inject(`/downloads/${resource.path}`);
    t.equal(response.statusCode, 200, resource.path);
    rows[resource.name] = parse(response.body) as string[][];
  }
  const keyed = (name: string) => {
    const [header, ...body] = rows[name]!;
    return body.map((row) => Object.fromEntries(header!.map((column, index) => [column, row[index]])));
  };
  const relations = Object.fromEntries(resources.map((resource) => [resource.name, keyed(resource.name)]));
  for (const resource of resources) {
    const [header, ...body] = rows[resource.name]!;
    t.same(
      header,
      resource.schema.fields.map((field) => field.name),
      `${resource.name}: the header is the schema's fields, in order`,
    );
    // The Frictionless library: casts every value and checks constraints, primary key and foreign keys; throws on the first error.
    const table = await Table.load(rows[resource.name], { schema: resource.schema, headers: 1 });
    const read = await table.read({ relations });
    t.equal(read.length, body.length, `${resource.name}: tableschema reads every row (${body.length})`);
    // Our own checker: the same rules, with patterns anchored as the Table Schema specification reads them.
    const problems: string[] = [];
    body.forEach((row, index) =>
      resource.schema.fields.forEach((field, column) => {
        const why = problem(field, row[column] ?? '');
        if (why) problems.push(`row ${index + 2} ${field.name}=${JSON.stringify(row[column])}: ${why}`);
      }),
    );
    const key = resource.schema.primaryKey.map((name) => header!.indexOf(name));
    const keys = body.map((row) => key.map((index) => row[index]).join('\u0000'));
    if (new Set(keys).size !== keys.length) problems.push('primary key not unique');
    for (const foreignKey of resource.schema.foreignKeys ?? []) {
      const targets = new Set(relations[foreignKey.reference.resource]!.map((row) => foreignKey.reference.fields.map((name) => row[name]).join('\u0000')));
      const columns = foreignKey.fields.map((name) => header!.indexOf(name));
      for (const row of body) {
        const value = columns.map((index) => row[index]).join('\u0000');
        if (value !== '' && !targets.has(value)) problems.push(`${foreignKey.fields.join(',')}=${value} not in ${foreignKey.reference.resource}`);
      }
    }
    t.same(problems, [], `${resource.name}: every value fits the schema`);
  }
  t.equal(rows.members!.length - 1, 392, 'members.csv: every member');
  // The checks do catch: an unknown intercommunality, a code without its leading digits.
  const communes = resources.find((resource) => resource.name === 'communes')!;
  const [header, first, ...others] = rows.communes!;
  const broken = [...first!];
  broken[header!.indexOf('intercommunality.siren')] = '999999999';
  const table = await Table.load([header, broken, ...others], { schema: communes.schema, headers: 1 });
  await t.rejects(table.read({ relations }), /Foreign key/, 'tableschema resolves foreign keys');
  const code = communes.schema.fields.find((field) => field.name === 'code')!;
  t.equal(problem(code, '5059'), 'does not match ([0-9]{2}|2[AB])[0-9]{3}');
  t.equal(problem(code, '650599'), 'does not match ([0-9]{2}|2[AB])[0-9]{3}', 'patterns anchored');
});
