// The flattening and the CSV writer on a record made to break them: formulas, negative numbers, separators in list items.
import t from 'tap';
import { parse } from 'csv-parse/sync';
import { Type } from '@sinclair/typebox';
import { Point, MultiPolygon } from '../../src/schemas/common.js';
import { flatFields, flatRow } from '../../src/formats/fields.js';
import { csvCell, writeCsv } from '../../src/formats/csv.js';

const Thing = Type.Object({
  id: Type.String(),
  name: Type.String(),
  count: Type.Integer(),
  ratio: Type.Number(),
  open: Type.Boolean(),
  seat: Type.Union([Type.Object({ code: Type.String(), name: Type.String() }), Type.Null()]),
  centre: Point,
  contour: MultiPolygon,
  tags: Type.Array(Type.String()),
  readings: Type.Array(Type.Number()),
  notes: Type.Array(
    Type.Object({ text: Type.String(), when: Type.Optional(Type.String({ format: 'date' })), sources: Type.Optional(Type.Array(Type.String())) }),
  ),
});

const thing = {
  id: '=1+2',
  name: '@SUM(A1:A9)',
  count: -3,
  ratio: -0.096,
  open: false,
  seat: null,
  centre: { type: 'Point', coordinates: [-0.126, 42.852] },
  contour: {
    type: 'MultiPolygon',
    coordinates: [
      [
        [
          [0, 0],
          [1, 0],
          [1, 1],
          [0, 0],
        ],
      ],
    ],
  },
  tags: ['+33 5 62', '-cmd', 'a|b', 'back\\slash', '\tTab', '\rCR'],
  readings: [-1.5, 2, -3e-7],
  notes: [{ text: 'one, with a comma', when: '2024-01-02', sources: ['s1', 's,2'] }, { text: '=HYPERLINK("http://x")', sources: [] }, { text: 'three' }],
};

t.test('flat fields: dotted names, Points as longitude and latitude, MultiPolygons left out, types from the schema', async (t) => {
  const fields = flatFields(Thing);
  t.same(
    fields.map((field) => [field.name, field.type, field.depth, field.required]),
    [
      ['id', 'string', 0, true],
      ['name', 'string', 0, true],
      ['count', 'integer', 0, true],
      ['ratio', 'number', 0, true],
      ['open', 'boolean', 0, true],
      ['seat.code', 'string', 0, false],
      ['seat.name', 'string', 0, false],
      ['centre.longitude', 'number', 0, true],
      ['centre.latitude', 'number', 0, true],
      ['tags', 'string', 1, false],
      ['readings', 'number', 1, false],
      ['notes.text', 'string', 1, false],
      ['notes.when', 'date', 1, false],
      ['notes.sources', 'string', 2, false],
    ],
  );
  t.same(flatRow(fields, thing), {
    id: '=1+2',
    name: '@SUM(A1:A9)',
    count: -3,
    ratio: -0.096,
    open: false,
    'seat.code': null,
    'seat.name': null,
    'centre.longitude': -0.126,
    'centre.latitude': 42.852,
    tags: '+33 5 62|-cmd|a\\|b|back\\\\slash|\tTab|\rCR',
    readings: '-1.5|2|-3e-7',
    'notes.text': 'one, with a comma|=HYPERLINK("http://x")|three',
    'notes.when': '2024-01-02||',
    'notes.sources': 's1,s\\,2||',
  });
  t.throws(() => flatRow(fields, { ...thing, tags: 'not a list' }), { name: 'FlatteningError' }, 'a wrong shape is an error, not a silent cell');
  t.throws(() => flatRow(fields, { ...thing, name: { nested: true } }), { name: 'FlatteningError' });
});

t.test('CSV: formulas neutralised with a leading quote, genuine numbers kept', async (t) => {
  const fields = flatFields(Thing);
  const text = writeCsv(fields, [thing], { separator: ',', bom: false });
  t.ok(text.endsWith('\r\n'), 'CRLF');
  const [row] = parse(text, { columns: true }) as Record<string, string>[];
  t.equal(row!.id, "'=1+2");
  t.equal(row!.name, "'@SUM(A1:A9)");
  t.equal(row!.count, '-3', 'a negative integer stays a number');
  t.equal(row!.ratio, '-0.096', 'a negative number stays a number');
  t.equal(row!['centre.longitude'], '-0.126', 'a negative longitude stays a number');
  t.equal(row!.readings, '-1.5|2|-3e-7', 'a list of numbers is inert');
  t.equal(row!.tags, "'+33 5 62|-cmd|a\\|b|back\\\\slash|\tTab|\rCR", 'a text list starting with + is neutralised');
  t.equal(row!['notes.text'], 'one, with a comma|=HYPERLINK("http://x")|three', 'only the start of a cell matters');
  t.equal(row!['seat.code'], '', 'null is an empty cell');
  t.equal(row!.open, 'false');
  for (const start of ['=', '+', '-', '@', '\t', '\r']) {
    t.equal(csvCell(fields[1]!, `${start}x`), `'${start}x`, JSON.stringify(start));
  }
  t.equal(csvCell(fields[1]!, '-12'), "'-12", 'a text field holding digits is text, so neutralised');
  t.equal(csvCell(fields[3]!, Number.NaN), 'NaN');
  const semicolon = writeCsv(fields, [thing, thing], { separator: ';', bom: true });
  t.equal(semicolon.charCodeAt(0), 0xfeff);
  t.equal((parse(semicolon, { columns: true, delimiter: ';', bom: true }) as unknown[]).length, 2, 'every item written');
});

t.test('csvCell: only a genuine number of a numeric field escapes neutralisation', async (t) => {
  const field = (type: 'integer' | 'number' | 'string', depth: 0 | 1): Parameters<typeof csvCell>[0] => ({
    name: 'x',
    path: [],
    source: 'x',
    type,
    depth,
    required: false,
    itemsRequired: false,
    scalar: type === 'string' ? Type.String() : Type.Number(),
    description: 'x',
  });
  t.equal(csvCell(field('number', 0), -0.5), '-0.5', 'a negative number');
  t.equal(csvCell(field('integer', 0), '-5'), "'-5", 'a numeric field holding text: neutralised');
  t.equal(csvCell(field('integer', 0), '-1+1'), "'-1+1");
  t.equal(csvCell(field('number', 0), -Infinity), "'-Infinity", 'not a finite number');
  t.equal(csvCell(field('string', 0), '-5'), "'-5", 'a text field: neutralised even when it reads as a number');
  t.equal(csvCell(field('number', 1), '-1|2.5||-3e2'), '-1|2.5||-3e2', 'a list of numbers');
  t.equal(csvCell(field('number', 1), '-1|=2'), "'-1|=2", 'a list with a formula in it');
  t.equal(csvCell(field('string', 1), '-1|2'), "'-1|2", 'a list of texts that read as numbers: neutralised');
  t.equal(csvCell(field('integer', 0), null), '');
});
