// Unit tests of the query grammar's pure modules: parameters and their explanations, validation, the query
// object, paging links. No app, no database.
import t from 'tap';
import { Type } from '@sinclair/typebox';
import { communes } from '../../src/resources/communes.js';
import { conventions } from '../../src/resources/conventions.js';
import { measures } from '../../src/resources/measures.js';
import { intercommunalities } from '../../src/resources/intercommunalities.js';
import { fundingLinks } from '../../src/resources/funding-links.js';
import { members } from '../../src/resources/members.js';
import { HttpProblem, problemDocument } from '../../src/formats/problem.js';
import { idParameter, itemParameters, listParameters, maxLimit, maxOffset, type Parameters } from '../../src/query/parameters.js';
import { failure, parameterValidation } from '../../src/query/validation.js';
import { listQuery, itemQuery } from '../../src/query/query.js';
import { linkHeader, pageLinks } from '../../src/query/paging.js';
import { valuePattern } from '../../src/query/operators.js';

/** The problem a set of parameters gives `data`. */
function problemOf(parameters: Parameters, data: Record<string, unknown>): HttpProblem {
  try {
    failure(parameters, data);
  } catch (error) {
    if (error instanceof HttpProblem) return error;
    throw error;
  }
  throw new Error('unreachable');
}

t.test('list parameters: the declaration’s filters, the shared grammar, nothing else', async (t) => {
  t.strictSame(Object.keys(listParameters(measures)), ['id', 'category', 'q', 'sort', 'fields', 'limit', 'offset', 'format', 'sep', 'bom']);
  t.notOk('commune' in listParameters(conventions, 'commune'), 'a related list does not offer the filter its path fixes');
  t.strictSame(Object.keys(itemParameters(communes)), ['fields', 'format', 'geometry', 'sep', 'bom']);
  t.strictSame(Object.keys(idParameter(communes)), ['code']);
});

t.test('examples come from the collection and validate', async (t) => {
  const sort = listParameters(measures).sort?.schema.description as string;
  t.match(sort, /Example: `-name,id`\./, 'the sort example uses the collection’s own keys');
  t.notMatch(sort, /population/);
  for (const collection of [communes, conventions, measures]) {
    const parameters = listParameters(collection);
    for (const [name, parameter] of Object.entries(parameters)) {
      const example = /Example: `([^`]*)`/.exec(String(parameter.schema.description))?.[1];
      if (example === undefined) continue;
      t.doesNotThrow(() => {
        try {
          failure(parameters, { [name]: example });
        } catch (error) {
          if (error instanceof HttpProblem) throw new Error(`${collection.name} ${name}=${example}: ${error.detail}`, { cause: error });
        }
      }, `${collection.name}: ${name}=${example} is valid`);
    }
  }
});

t.test('validation errors name the parameter and what it allows, one error each', async (t) => {
  const parameters = listParameters(communes);
  t.strictSame(problemOf(parameters, { limit: String(maxLimit + 1) }).errors, [
    { in: 'query', name: 'limit', detail: `must be an integer from 1 to ${maxLimit}` },
  ]);
  t.strictSame(problemOf(parameters, { offset: String(maxOffset + 1) }).errors, [
    { in: 'query', name: 'offset', detail: `must be an integer from 0 to ${maxOffset}` },
  ]);
  t.strictSame(
    problemOf(parameters, { limit: ['1', '2'] }).errors?.[0]?.detail,
    'is given more than once; give it once, with a comma-separated list where lists are allowed',
  );
  const sort = problemOf(parameters, { sort: 'name,-size' }).errors?.[0];
  t.equal(sort?.detail, 'has "-size", which is not a sort key of this resource');
  t.ok(sort?.allowed?.includes('-population'));
  t.equal(problemOf(parameters, { fields: 'name,colour' }).errors?.[0]?.detail, 'has "colour", which is not a field of this resource');
  t.strictSame(problemOf(parameters, { postalCode: '65200,652' }).errors?.[0], {
    in: 'query',
    name: 'postalCode',
    detail: 'has "652", which must match ^[0-9]{5}$ (for example "65200")',
  });
  t.strictSame(problemOf(parameters, { hasFranceServices: 'yes' }).errors?.[0], {
    in: 'query',
    name: 'hasFranceServices',
    detail: 'must be true or false',
    allowed: ['true', 'false'],
  });
  t.equal(problemOf(parameters, { signedFrom: '2021-02-30' }).errors?.[0]?.detail, 'must be a date as YYYY-MM-DD', 'a date that does not exist');
  t.equal(problemOf(parameters, { q: '--' }).errors?.[0]?.detail, 'must contain at least one letter or digit');
  t.equal(problemOf(parameters, { format: 'xml' }).errors?.[0]?.detail, '"xml" is not a format of this resource');
  t.strictSame(problemOf(listParameters(conventions), { type: 'ort,x' }).errors?.[0], {
    in: 'query',
    name: 'type',
    detail: 'has "x", which must be one of the allowed values',
    allowed: ['adhesion', 'ort'],
  });
});

t.test('unknown parameters: each named, the allowed names listed once, errors capped', async (t) => {
  const parameters = listParameters(measures);
  const two = problemOf(parameters, { a: '1', b: '2' });
  t.strictSame(
    two.errors?.map((error) => [error.name, error.allowed !== undefined]),
    [
      ['a', true],
      ['b', false],
    ],
  );
  const many = problemOf(parameters, Object.fromEntries(Array.from({ length: 1000 }, (_, index) => [`p${index}`, 'x'])));
  t.equal(many.errors?.length, 1000, 'every error kept in the problem');
  const document = problemDocument('/v1/measures?…', 400, many.detail, many.errors);
  t.equal(document.errors?.length, 20, 'the document lists 20');
  t.equal(document.omittedErrors, 980, 'and counts the others');
  t.ok(JSON.stringify(document).length < 4000, 'small');
  t.match(many.detail, /^1000 parameters are invalid: "p0", "p1", .*"p19", …\. /);
});

t.test('the query object: values converted, lists split, sort keys deduplicated, fields keep the id', async (t) => {
  const query = listQuery(communes, {
    code: '65059,65025,65059',
    populationMin: 2000,
    hasFranceServices: false,
    sort: '-population,name,population',
    q: 'Saint-Lary',
    fields: 'name',
  });
  t.strictSame(
    query.selection.conditions.map((condition) => [condition.name, condition.values]),
    [
      ['code', ['65059', '65025']],
      ['populationMin', [2000]],
      ['hasFranceServices', [false]],
    ],
  );
  t.strictSame(query.selection.sort, [
    { key: 'population', descending: true },
    { key: 'name', descending: false },
  ]);
  t.strictSame(query.selection.search, ['saint', 'lary']);
  t.strictSame(query.presentation.fields, ['code', 'name']);
  t.strictSame(query.page, { offset: 0 }, 'no limit given: none in the query');
  t.strictSame(
    listQuery(communes, {}, { filter: 'intercommunality', value: '200072106' }).selection.conditions.map((c) => [c.name, c.values]),
    [['intercommunality', ['200072106']]],
  );
  t.strictSame(itemQuery(communes, { sep: 'tab', bom: true }), { csv: { separator: '\t', bom: true } });
  t.strictSame(listQuery(communes, { q: '東京' }).selection.search, [], 'a search the folding empties matches nothing');
});

t.test('value patterns of the operators', async (t) => {
  t.equal(valuePattern(communes.filters.postalCode!.value), '(?:[0-9]{5})');
  t.equal(valuePattern(conventions.filters.type!.value), '(?:adhesion|ort)');
  t.equal(valuePattern(communes.filters.populationMin!.value), '(?:-?[0-9]+)');
});

t.test('paging links: edges, totals that are a multiple of limit, whole results', async (t) => {
  t.strictSame(pageLinks('/v1/x?a=1', { limit: 5, offset: 5 }, 15), {
    self: '/v1/x?a=1&limit=5&offset=5',
    first: '/v1/x?a=1&limit=5&offset=0',
    prev: '/v1/x?a=1&limit=5&offset=0',
    next: '/v1/x?a=1&limit=5&offset=10',
    last: '/v1/x?a=1&limit=5&offset=10',
  });
  t.strictSame(
    pageLinks('/v1/x', { limit: 5, offset: 10 }, 15),
    {
      self: '/v1/x?limit=5&offset=10',
      first: '/v1/x?limit=5&offset=0',
      prev: '/v1/x?limit=5&offset=5',
      last: '/v1/x?limit=5&offset=10',
    },
    'total a multiple of limit: the last page starts at total - limit, and has no next',
  );
  t.strictSame(pageLinks('/v1/x', { limit: 5, offset: 0 }, 0), {
    self: '/v1/x?limit=5&offset=0',
    first: '/v1/x?limit=5&offset=0',
    last: '/v1/x?limit=5&offset=0',
  });
  t.strictSame(pageLinks('/v1/x', { limit: 5, offset: 40 }, 12).prev, '/v1/x?limit=5&offset=10', 'past the end, prev is the last page');
  t.strictSame(pageLinks('/v1/x?format=csv&sort=name,code', { limit: 50000, offset: 0, whole: true }, 60), {
    self: '/v1/x?format=csv&sort=name,code',
    first: '/v1/x?format=csv&sort=name,code',
    last: '/v1/x?format=csv&sort=name,code',
  });
  t.equal(linkHeader({ self: '/a', first: '/b', last: '/c' }), '</b>; rel="first", </c>; rel="last"');
});

/** The errors of a route validator's failure. */
const errorsOf = (result: unknown) => (result as { error?: HttpProblem }).error?.errors;

t.test('explanations of each kind of value, and of lists too long', async (t) => {
  const parameters = listParameters(communes);
  t.strictSame(problemOf(parameters, { populationMin: '-1' }).errors, [{ in: 'query', name: 'populationMin', detail: 'must be an integer from 0' }]);
  t.strictSame(
    problemOf(parameters, { populationMax: '-1' }).errors,
    [{ in: 'query', name: 'populationMax', detail: 'must be an integer from 0' }],
    'an upper bound takes one value, not a list',
  );
  t.equal(problemOf(parameters, { signedTo: '2021-02-30' }).errors?.[0]?.detail, 'must be a date as YYYY-MM-DD');
  t.equal(problemOf(parameters, { postalCode: '652' }).errors?.[0]?.detail, 'must match ^[0-9]{5}$ (for example "65200")', 'one value: no "has"');
  t.strictSame(
    problemOf(parameters, { code: Array(400).fill('65059').join(',') }).errors,
    [{ in: 'query', name: 'code', detail: 'is too long' }],
    'every code valid, the list too long',
  );
  t.strictSame(problemOf(parameters, { fields: Array(100).fill('population.referenceYear').join(',') }).errors, [
    { in: 'query', name: 'fields', detail: 'is too long' },
  ]);
  t.strictSame(problemOf(parameters, { geometry: 'x' }).errors, [
    { in: 'query', name: 'geometry', detail: '"x" is not a geometry of this resource', allowed: ['centre', 'townHall', 'contour'] },
  ]);
  t.strictSame(problemOf(parameters, { q: 'a'.repeat(201) }).errors, [{ in: 'query', name: 'q', detail: 'is longer than 200 characters' }]);
  t.equal(problemOf(parameters, { q: '-'.repeat(200) }).errors?.[0]?.detail, 'must contain at least one letter or digit', 'at the limit, the length is fine');
});

t.test('explanations from the value’s schema alone', async (t) => {
  const column = communes.filters.code!.column;
  const probe = {
    ...communes,
    filters: {
      kind: { column, op: 'in' as const, value: Type.String({ pattern: '^[a-z]+$' }), description: 'Kind.' },
      upTo: { column, op: 'gte' as const, value: Type.Integer({ maximum: 10 }), description: 'Up to ten.' },
      count: { column, op: 'lte' as const, value: Type.Integer(), description: 'Any integer.' },
      label: { column, op: 'gte' as const, value: Type.String({ maxLength: 3 }), description: 'A short label.' },
    },
  };
  const parameters = listParameters(probe);
  t.equal(problemOf(parameters, { kind: 'A' }).errors?.[0]?.detail, 'must match ^[a-z]+$', 'a pattern without example');
  t.equal(problemOf(parameters, { kind: 'a,B' }).errors?.[0]?.detail, 'has "B", which must match ^[a-z]+$');
  t.equal(problemOf(parameters, { upTo: '11' }).errors?.[0]?.detail, 'must be an integer to 10');
  t.equal(problemOf(parameters, { count: '1.5' }).errors?.[0]?.detail, 'must be an integer');
  t.equal(problemOf(parameters, { label: 'abcd' }).errors?.[0]?.detail, 'must match the expected form');
});

t.test('validation: only the failing parameters, a resource without parameters, a valid query', async (t) => {
  t.strictSame(problemOf(listParameters(communes), { limit: '10', offset: '-1', sort: 'name' }).errors, [
    { in: 'query', name: 'offset', detail: `must be an integer from 0 to ${maxOffset}` },
  ]);
  t.strictSame(problemOf({}, { a: '1', b: '2' }).errors, [
    { in: 'query', name: 'a', detail: 'is not a parameter: this resource takes none' },
    { in: 'query', name: 'b', detail: 'is not a parameter: this resource takes none' },
  ]);
  t.throws(() => failure(listParameters(communes), { limit: '10' }), { message: '{"limit":10} is valid' });
});

t.test('route validation: one schema per set of parameters, path parameters required, each part validated', async (t) => {
  const query = listParameters(measures);
  const path = idParameter(measures);
  const { schemas, validatorCompiler } = parameterValidation(query, path);
  t.equal(parameterValidation(query, path).schemas.querystring, schemas.querystring, 'the same schema object: compiled once');
  t.equal(parameterValidation(query, path).schemas.params, schemas.params);
  t.notOk('params' in parameterValidation(query).schemas, 'no path parameters, no params schema');
  t.strictSame(schemas.params?.required, ['id'], 'path parameters are required');
  t.equal(schemas.querystring.required, undefined, 'query parameters are optional');
  const compile = (httpPart: string, schema: unknown) => validatorCompiler({ schema, httpPart, method: 'GET', url: '/v1/measures/:id' });
  const params = compile('params', schemas.params);
  t.strictSame(params({ id: 'project-manager-post' }), { value: { id: 'project-manager-post' } });
  t.strictSame(
    errorsOf(params({ id: 'a'.repeat(81) })),
    [{ in: 'path', name: 'id', detail: 'must match ^[a-z0-9]+(?:-[a-z0-9]+)*$ (for example "project-manager-post")' }],
    'longer than the id’s schema allows',
  );
  const querystring = compile('querystring', schemas.querystring);
  t.strictSame(querystring(undefined), { value: {} }, 'no query string: an empty query');
  t.strictSame(querystring({ limit: '10', bom: 'true' }), { value: { limit: 10, bom: true } }, 'values converted');
  t.strictSame(errorsOf(querystring({ limit: '0' })), [{ in: 'query', name: 'limit', detail: `must be an integer from 1 to ${maxLimit}` }]);
  t.equal(compile('headers', {})({ anything: 'x' }), true, 'other parts are not validated');
});

t.test('an id parameter: at most 100 characters unless its schema says otherwise', async (t) => {
  const loose = { ...measures, id: { ...measures.id, schema: Type.String({ pattern: '^[a-z]+$' }) } };
  const { schemas, validatorCompiler } = parameterValidation({}, idParameter(loose));
  const params = validatorCompiler({ schema: schemas.params, httpPart: 'params', method: 'GET', url: '/v1/x/:id' });
  t.strictSame(params({ id: 'a'.repeat(100) }), { value: { id: 'a'.repeat(100) } });
  t.strictSame(errorsOf(params({ id: 'a'.repeat(101) })), [{ in: 'path', name: 'id', detail: 'must match ^[a-z]+$' }], 'explained without an example');
});

t.test('documentation: every parameter described, examples that fit the collection', async (t) => {
  const undocumented = [communes, conventions, measures, intercommunalities, fundingLinks, members].flatMap((collection) =>
    Object.entries({ ...listParameters(collection), ...itemParameters(collection), ...idParameter(collection) })
      .filter(([, parameter]) => !parameter.schema.description)
      .map(([name]) => `${collection.name} ${name}`),
  );
  t.strictSame(undocumented, []);
  const description = (parameters: Parameters, name: string) => String(parameters[name]?.schema.description);
  const example = (parameters: Parameters, name: string) => /Example: `([^`]*)`\.$/.exec(description(parameters, name))?.[1];
  t.equal(example(listParameters(communes), 'q'), 'bagneres', 'the first word of the example name, folded');
  t.equal(example(listParameters(conventions), 'q'), 'convention', 'of the example title when there is no name');
  t.equal(example(listParameters(communes), 'fields'), 'code,siren,department.code', 'the id, a field, a nested field');
  t.equal(example(listParameters(communes), 'sort'), '-name,code');
  const flat = { ...measures, schema: Type.Object({ id: Type.String(), name: Type.String() }), sort: { id: measures.sort.id! } };
  const parameters = listParameters(flat);
  t.equal(example(parameters, 'fields'), 'id,name', 'no nested field');
  t.equal(example(parameters, 'sort'), 'id', 'one sort key');
  t.notMatch(description(parameters, 'q'), /Example/, 'no example name, no search example');
  t.match(description(parameters, 'sort'), /`-` before a key sorts descending/);
  t.match(description(parameters, 'fields'), /the id is always kept/);
});

t.test('the query object: at most 10 search words, presentation defaults', async (t) => {
  t.strictSame(listQuery(communes, { q: 'a b c d e f g h i j k l' }).selection.search, ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j']);
  t.strictSame(listQuery(communes, { sort: '-name' }).selection.sort, [{ key: 'name', descending: true }]);
  t.strictSame(itemQuery(communes, { format: 'geojson', geometry: 'contour' }), {
    format: 'geojson',
    geometry: 'contour',
    csv: { separator: ',', bom: false },
  });
  const separators = ([',', ';', 'tab', '|'] as const).map((sep) => itemQuery(communes, { sep }).csv.separator);
  t.strictSame(separators, [',', ';', '\t', '|'], 'each CSV separator, tab by name');
});
