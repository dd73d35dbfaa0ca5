// Field paths of a representation schema: `fields` names, CSV columns and cells, projection.
import t from 'tap';
import { Type } from '@sinclair/typebox';
import { csvColumns, csvRow, fieldPaths, project } from '../../src/formats/fields.js';
import { communes } from '../../src/resources/communes.js';

const Point = Type.Object({ type: Type.Literal('Point'), coordinates: Type.Array(Type.Number()) });
const Area = Type.Object({ type: Type.Literal('MultiPolygon'), coordinates: Type.Array(Type.Any()) });
const schema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  population: Type.Object({ total: Type.Integer(), detail: Type.Object({ men: Type.Integer(), women: Type.Integer() }) }),
  seat: Type.Union([Type.Object({ code: Type.String(), name: Type.String() }), Type.Null()]),
  tags: Type.Array(Type.String()),
  services: Type.Array(Type.Object({ name: Type.String(), location: Point })),
  centre: Point,
  contour: Type.Union([Area, Type.Null()]),
  note: Type.Union([Type.String(), Type.Null()]),
});

t.test('fieldPaths: every property and nested object property, not inside lists', async (t) => {
  t.strictSame(fieldPaths(schema), [
    'id',
    'name',
    'population',
    'population.total',
    'population.detail',
    'population.detail.men',
    'population.detail.women',
    'seat',
    'seat.code',
    'seat.name',
    'tags',
    'services',
    'centre',
    'centre.type',
    'centre.coordinates',
    'contour',
    'contour.type',
    'contour.coordinates',
    'note',
  ]);
  t.strictSame(fieldPaths(Type.Object({})), []);
  t.strictSame(fieldPaths(Type.Object({ a: Type.Object({ b: Type.String() }) }), 'x.'), ['x.a', 'x.a.b'], 'with a prefix');
});

t.test('csvColumns: leaves, objects flattened (in lists too), one column for a geometry', async (t) => {
  t.strictSame(csvColumns(schema), [
    'id',
    'name',
    'population.total',
    'population.detail.men',
    'population.detail.women',
    'seat.code',
    'seat.name',
    'tags',
    'services.name',
    'services.location.coordinates',
    'centre.coordinates',
    'contour.coordinates',
    'note',
  ]);
  t.strictSame(
    csvColumns(Type.Object({ shape: Type.Object({ type: Type.Literal('Polygon'), coordinates: Type.Array(Type.Any()) }) })),
    ['shape.type', 'shape.coordinates'],
    'only Point and MultiPolygon are geometries',
  );
  t.strictSame(csvColumns(Type.Object({ a: Type.Object({ b: Type.Object({}) }) })), [], 'an empty object has no column');
  t.strictSame(csvColumns(Type.Object({ x: Type.Union([Type.String(), Type.Integer()]) })), ['x'], 'a union without object is a leaf');
});

const item = {
  id: 'a1',
  name: 'Arreau',
  population: { total: 744, detail: { men: 360, women: 384 } },
  seat: null,
  tags: ['x', 'y'],
  services: [
    { name: 'FS Arreau', location: { type: 'Point', coordinates: [0.36, 42.9] } },
    { name: 'FS Sarrancolin', location: { type: 'Point', coordinates: [0.38, 42.96] } },
  ],
  centre: { type: 'Point', coordinates: [0.357, 42.905] },
  contour: null,
  note: 'ok',
};

t.test('csvRow: scalars as text, lists joined with |, deeper values as JSON, missing as empty', async (t) => {
  t.strictSame(csvRow(item, csvColumns(schema)), [
    'a1',
    'Arreau',
    '744',
    '360',
    '384',
    '',
    '',
    'x|y',
    'FS Arreau|FS Sarrancolin',
    '[[0.36,42.9],[0.38,42.96]]',
    '0.357|42.905',
    '',
    'ok',
  ]);
  t.strictSame(csvRow({ a: { b: 1 }, c: [{ d: 1 }], e: [1, null, 'x'], f: true, g: 0, h: '' }, ['a', 'c', 'e', 'f', 'g', 'h', 'z', 'a.b.c']), [
    '{"b":1}',
    '[{"d":1}]',
    '1||x',
    'true',
    '0',
    '',
    '',
    '',
  ]);
  t.strictSame(csvRow({ list: [{ x: 1 }, { y: 2 }] }, ['list.x']), ['1|'], 'a column under a list: one value per element');
  t.strictSame(csvRow({ s: 'text' }, ['s.length']), [''], 'no property of a string');
  t.strictSame(csvRow({ n: null }, ['n.x', 'n']), ['', ''], 'null is an empty cell');
  t.strictSame(csvRow({ mixed: [1, { a: 1 }] }, ['mixed']), ['[1,{"a":1}]'], 'a list with any object in it is JSON');
});

t.test('project keeps the named paths, nested as in the item', async (t) => {
  t.strictSame(project(item, ['name', 'population.total']), { name: 'Arreau', population: { total: 744 } });
  t.strictSame(project(item, ['population.detail.men', 'population.total']), { population: { detail: { men: 360 }, total: 744 } });
  t.strictSame(project(item, ['population', 'population.total']), { population: { total: 744, detail: { men: 360, women: 384 } } }, 'a whole object');
  t.strictSame(project(item, ['seat', 'seat.code']), { seat: null }, 'null kept; nothing under it');
  t.strictSame(project(item, ['seat.code', 'seat']), { seat: null });
  t.strictSame(project(item, ['missing', 'name.first', 'population.nothing']), {}, 'missing paths are left out');
  t.strictSame(project(item, []), {});
  t.strictSame(project({ a: 0, b: false, c: '' }, ['a', 'b', 'c']), { a: 0, b: false, c: '' }, 'falsy values are values');
  t.strictSame(project({ a: { b: 1, c: 2 } }, ['a.b', 'a.c']), { a: { b: 1, c: 2 } }, 'siblings share their parent');
  t.strictSame(project({ a: 'x', b: { c: 1 } }, ['a', 'a.length']), { a: 'x' }, 'no property of a string');
});

t.test('the real communes: their CSV columns and field names', async (t) => {
  const columns = csvColumns(communes.schema);
  t.ok(columns.includes('population.municipal'));
  t.ok(columns.includes('centre.coordinates'));
  t.notOk(columns.includes('centre.type'), 'a geometry is one column');
  t.ok(columns.includes('franceServices.name'));
  const paths = fieldPaths(communes.schema);
  t.ok(paths.includes('population.municipal'));
  t.notOk(paths.includes('franceServices.name'), 'not inside lists');
});
