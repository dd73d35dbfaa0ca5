// Unit tests of the query grammar's pure modules: parameters and their explanations, validation, the query
// object, paging links. No app, no database.
import t from 'tap';
import { communes } from '../../src/resources/communes.js';
import { conventions } from '../../src/resources/conventions.js';
import { measures } from '../../src/resources/measures.js';
import { HttpProblem, problemDocument } from '../../src/formats/problem.js';
import { idParameter, itemParameters, listParameters, maxLimit, maxOffset } from '../../src/query/parameters.js';
import { failure } from '../../src/query/validation.js';
import { listQuery, itemQuery } from '../../src/query/query.js';
import { linkHeader, pageLinks } from '../../src/query/paging.js';
import { valuePattern } from '../../src/query/operators.js';

/** The problem a set of parameters gives `data`. */
function problemOf(parameters: ReturnType<typeof listParameters>, data: Record<string, unknown>): HttpProblem {
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
