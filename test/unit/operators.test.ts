// Unit tests of the filter operators: enumerations, the query-string form of a value, each operator's parameter
// schema and the sentence it adds to a filter's description. No app, no database.
import t from 'tap';
import { Type, type TSchema } from '@sinclair/typebox';
import { literals, operators, valuePattern } from '../../src/query/operators.js';
import { IsoDate } from '../../src/schemas/common.js';
import { communes } from '../../src/resources/communes.js';
import { listParameters } from '../../src/query/parameters.js';

/** A schema as published (JSON), without TypeBox's symbols. */
const published = (schema: TSchema) => JSON.parse(JSON.stringify(schema));

t.test('literals: a union of literals or an enum, nothing else', async (t) => {
  t.strictSame(literals(Type.Union([Type.Literal('ort'), Type.Literal('adhesion')])), ['ort', 'adhesion']);
  t.strictSame(literals(Type.Union([Type.Literal(1), Type.Literal(2)])), ['1', '2'], 'as written in a query string');
  t.strictSame(literals(Type.Unsafe<string>({ type: 'string', enum: ['a', 'b'] })), ['a', 'b']);
  t.equal(literals(Type.Union([Type.Literal('a'), Type.String()])), undefined, 'a literal or any string is no enumeration');
  t.equal(literals(Type.Union([Type.String(), Type.Integer()])), undefined);
  t.equal(literals(Type.String()), undefined);
});

t.test('value patterns: enumerations escaped, integers, dates, patterns without their anchors', async (t) => {
  const special = Type.Union([Type.Literal('a.b'), Type.Literal('c|d'), Type.Literal('e*'), Type.Literal('$f')]);
  t.equal(valuePattern(special), '(?:a\\.b|c\\|d|e\\*|\\$f)');
  const pattern = new RegExp(`^${valuePattern(special)}$`);
  t.ok(
    ['a.b', 'c|d', 'e*', '$f'].every((value) => pattern.test(value)),
    'each literal matches itself',
  );
  t.notOk(
    ['aXb', 'c', 'd', 'e', 'eee', 'f'].some((value) => pattern.test(value)),
    'and nothing else',
  );
  t.equal(valuePattern(Type.Integer({ minimum: 0 })), '(?:-?[0-9]+)');
  t.equal(valuePattern(IsoDate), '(?:[0-9]{4}-[0-9]{2}-[0-9]{2})');
  t.equal(valuePattern(Type.String({ pattern: '[^,]+' })), '(?:[^,]+)', 'a pattern without anchors is kept whole');
  t.equal(valuePattern(Type.String({ pattern: '^[a-z$]+$' })), '(?:[a-z$]+)', 'only the anchors are removed');
  t.throws(() => valuePattern(Type.String()), { message: 'no query-string form for a value of schema {"type":"string"}' });
});

t.test('parameter schemas: one value, or a comma-separated list of them', async (t) => {
  const type = Type.Union([Type.Literal('ort'), Type.Literal('adhesion')], { $id: 'Type', description: 'A type.', examples: ['ort'] });
  t.strictSame(published(operators.gte.parameter(type)), { type: 'string', enum: ['ort', 'adhesion'], examples: ['ort'] }, 'an enumeration: a string enum');
  t.strictSame(published(operators.lte.parameter(Type.Union([Type.Literal('a'), Type.Literal('b')]))), { type: 'string', enum: ['a', 'b'] });
  t.strictSame(
    published(operators.gte.parameter(Type.Integer({ $id: 'Count', minimum: 0, description: 'A count.', examples: [5] }))),
    { minimum: 0, examples: [5], type: 'integer' },
    'otherwise the value’s schema, without its id and description',
  );
  t.strictSame(published(operators.in.parameter(Type.String({ pattern: '^[0-9]{5}$', examples: ['65200'] }))), {
    type: 'string',
    pattern: '^(?:[0-9]{5})(?:,(?:[0-9]{5}))*$',
    maxLength: 2000,
    examples: ['65200'],
  });
  t.strictSame(
    published(operators.contains.parameter(Type.Union([Type.Literal('ort'), Type.Literal('adhesion')]))),
    {
      type: 'string',
      pattern: '^(?:ort|adhesion)(?:,(?:ort|adhesion))*$',
      maxLength: 2000,
      examples: ['ort'],
    },
    'an enumeration without examples: its first value',
  );
  t.strictSame(published(operators.in.parameter(Type.String({ pattern: '^[a-z]+$' }))), {
    type: 'string',
    pattern: '^(?:[a-z]+)(?:,(?:[a-z]+))*$',
    maxLength: 2000,
  });
});

t.test('values: lists split and deduplicated, bounds kept, nonzero as a boolean', async (t) => {
  t.strictSame(operators.in.values('65059,65025,65059', communes.filters.code!.value), ['65059', '65025']);
  t.strictSame(operators.contains.values('3,4', Type.Integer()), [3, 4]);
  t.strictSame(operators.gte.values(2000), [2000]);
  t.strictSame(operators.lte.values('2021-12-31'), ['2021-12-31']);
  t.strictSame(operators.nonzero.values(true), [true]);
  t.strictSame(operators.nonzero.values(false), [false]);
});

t.test('a filter’s description: its own, then what its operator does, then its example', async (t) => {
  const column = communes.filters.code!.column;
  const probe = {
    ...communes,
    filters: {
      kind: { column, op: 'in' as const, value: Type.String({ pattern: '^[a-z]+$' }), description: 'Kind.' },
      tag: { column, op: 'contains' as const, value: Type.String({ pattern: '^[a-z]+$' }), description: 'Tag.' },
      from: { column, op: 'gte' as const, value: Type.Integer(), description: 'From.' },
      to: { column, op: 'lte' as const, value: Type.Integer(), description: 'To.' },
      open: { column, op: 'nonzero' as const, value: Type.Boolean(), description: 'Open.' },
    },
  };
  const parameters = listParameters(probe);
  t.strictSame(
    Object.keys(probe.filters).map((name) => parameters[name]?.schema.description),
    ['Kind. A comma-separated list means any of them.', 'Tag. A comma-separated list means any of them.', 'From. Inclusive.', 'To. Inclusive.', 'Open.'],
    'no example, no trailing space',
  );
  t.equal(
    listParameters(communes).hasFranceServices?.schema.description,
    '`true`: only towns with a France Services site; `false`: only towns without. Example: `true`.',
  );
});
