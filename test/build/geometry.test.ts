// Geometry of data/: the ring checks, the unions, and data copies that a wrong winding, a self-intersection or a
// town hall outside its commune make fail, naming the file, the record and the field, the database left as it was.
import t, { type Test } from 'tap';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { buildDatabase } from '../../src/build/database.js';
import {
  contoursByCode,
  intercommunalityContours,
  pointInMultiPolygon,
  pointOnSurface,
  polygonFaults,
  segmentsIntersect,
  signedArea,
  type MultiPolygonGeometry,
} from '../../src/geometry/contours.js';
import { loadData } from '../../src/build/load.js';
import { DataError } from '../../src/build/problems.js';
import { copyOfSharedDatabase, dataCopy, dataDir, editJson, migrationsDir, sharedDir, tempDir } from '../helper.js';

const square = [
  [0, 0],
  [1, 0],
  [1, 1],
  [0, 1],
  [0, 0],
];
const hole = [
  [0.25, 0.25],
  [0.25, 0.75],
  [0.75, 0.75],
  [0.75, 0.25],
  [0.25, 0.25],
];

t.test('ring checks: closure, RFC 7946 winding, self-intersections', async (t) => {
  t.strictSame(polygonFaults([square, hole]), [], 'counter-clockwise exterior, clockwise hole');
  t.match(polygonFaults([[...square].reverse()]), [{ path: '/0', message: /exterior ring is clockwise/ }]);
  t.match(polygonFaults([square, [...hole].reverse()]), [{ path: '/1', message: /hole is counter-clockwise/ }]);
  t.match(polygonFaults([square.slice(0, 4)]), [{ path: '/0', message: /not closed/ }]);
  t.match(
    polygonFaults([
      [
        [0, 0],
        [1, 0],
        [0, 0],
      ],
    ]),
    [{ path: '/0', message: /3 positions/ }],
  );
  const bowTie = [
    [0, 0],
    [2, 0],
    [0, 1],
    [2, 1],
    [0, 0],
  ];
  // A bow tie has no clear orientation: reorder it so that its signed area is positive and only the crossing is left.
  const crossing = [
    [0, 0],
    [3, 0],
    [3, 2],
    [1, -1],
    [0, 2],
    [0, 0],
  ];
  t.ok(signedArea(crossing) > 0);
  t.match(polygonFaults([crossing]), [{ message: /self-intersection: edge 0–1 of ring 0 meets edge 2–3 of ring 0/ }]);
  t.ok(polygonFaults([bowTie]).length > 0, 'a bow tie is reported');
  t.match(
    polygonFaults([
      square,
      [
        [0.5, 0.5],
        [0.5, 1.5],
        [0.9, 1.5],
        [0.9, 0.5],
        [0.5, 0.5],
      ],
    ]),
    [{ message: /meets edge .* of ring 1/ }],
    'a hole crossing its exterior',
  );
  const spike = [
    [0, 0],
    [1, 0],
    [1, 1],
    [1, 2],
    [1, 1],
    [0, 1],
    [0, 0],
  ];
  t.ok(polygonFaults([spike]).length > 0, 'a ring folding back on itself');
  t.ok(segmentsIntersect([0, 0], [1, 1], [0, 1], [1, 0]));
  t.notOk(segmentsIntersect([0, 0], [1, 0], [0, 1], [1, 1]));
  t.ok(segmentsIntersect([0, 0], [2, 0], [1, 0], [3, 0]), 'overlapping collinear edges');
});

t.test('point in polygon and point on surface agree with @turf/boolean-point-in-polygon', async (t) => {
  const geometry: MultiPolygonGeometry = { type: 'MultiPolygon', coordinates: [[square, hole]] };
  for (const [point, inside] of [
    [[0.1, 0.1], true],
    [[0.5, 0.5], false],
    [[1.5, 0.5], false],
    [[0.9, 0.5], true],
  ] as const) {
    t.equal(pointInMultiPolygon([...point], geometry), inside, JSON.stringify(point));
    t.equal(booleanPointInPolygon([...point], geometry), inside);
  }
  const { data } = loadData(dataDir);
  let checked = 0;
  for (const record of data.contours) {
    const point = pointOnSurface(record.contour.coordinates[0]!);
    t.ok(booleanPointInPolygon(point, record.contour, { ignoreBoundary: true }), `${record.code}: the point on its surface is inside it`);
    checked++;
  }
  t.equal(checked, 392);
});

t.test('data/contours.json: 392 contours, RFC 7946-wound, Camous noted on Beyrède-Jumet-Camous', async (t) => {
  const { data } = loadData(dataDir);
  t.equal(data.contours.length, 392);
  const members = data.intercommunalities.flatMap((epci) => epci.members.map((member) => member.code)).sort();
  t.strictSame(
    data.contours.map((record) => record.code),
    members,
  );
  for (const record of data.contours) {
    for (const polygon of record.contour.coordinates) {
      t.ok(signedArea(polygon[0]!) > 0, `${record.code}: exterior counter-clockwise`);
      t.ok(
        polygon.slice(1).every((ring) => signedArea(ring) < 0),
        `${record.code}: holes clockwise`,
      );
    }
  }
  t.equal(
    data.contours.reduce((sum, record) => sum + record.contour.coordinates.flat(1).flat(1).length, 0),
    18379,
    'positions',
  );
  t.ok(
    data.contours.every((record) => /^ign-admin-express-2018-6[45]$/.test(record.sources[0] as string)),
    'each record names its extract first',
  );
  const withNotes = data.contours.filter((record) => record.notes.length > 0);
  t.strictSame(
    withNotes.map((record) => record.code),
    ['65092'],
  );
  t.match(withNotes[0]?.notes[0], { field: 'contour', status: 'conflicting-sources', text: /Camous \(65122\) as a commune déléguée of Beyrède-Jumet-Camous/ });
});

t.test('the unions: one polygon each; CC Aure Louron has one hole, where Camous is', async (t) => {
  const { data } = loadData(dataDir);
  const unions = intercommunalityContours(data);
  const vertices: Record<string, number> = {};
  for (const [siren, contour] of unions) {
    t.equal(contour.coordinates.length, 1, `${siren}: one polygon`);
    vertices[siren] = contour.coordinates.flat(1).reduce((sum, ring) => sum + ring.length, 0);
  }
  t.strictSame(vertices, {
    '200070787': 510,
    '200070795': 481,
    '200070803': 373,
    '200070811': 527,
    '200070829': 334,
    '200072106': 586,
    '246500482': 428,
    '246500573': 477,
  });
  const holes = [...unions].flatMap(([siren, contour]) => contour.coordinates.flatMap((polygon) => polygon.slice(1).map((ring) => ({ siren, ring }))));
  t.equal(holes.length, 1);
  t.equal(holes[0]?.siren, '246500573');
  const shared = sharedDir();
  if (shared) {
    const camous = (
      JSON.parse(readFileSync(join(shared, 'reference', 'hautes-pyrenees', 'communes-65-contours-2018.geojson'), 'utf8')).features as {
        properties: { code: string };
        geometry: { coordinates: number[][][] };
      }[]
    ).find((feature) => feature.properties.code === '65122');
    const key = (ring: number[][]) =>
      ring
        .slice(0, -1)
        .map((position) => position.join())
        .sort();
    t.strictSame(key(holes[0]!.ring), key(camous!.geometry.coordinates[0]!), "the hole is Camous's 2018 contour");
  }
  const contours = contoursByCode(data);
  for (const epci of data.intercommunalities) {
    for (const member of epci.members) {
      const point = pointOnSurface(contours.get(member.code)!.contour.coordinates[0]!);
      t.ok(booleanPointInPolygon(point, unions.get(epci.siren)!), `member ${member.code} is covered by the union of ${epci.siren}`);
    }
  }
});

t.test('every town hall is inside its commune and its intercommunality; two centres are not', async (t) => {
  const { data } = loadData(dataDir);
  const contours = contoursByCode(data);
  const unions = intercommunalityContours(data);
  let tested = 0;
  for (const commune of data.communes) {
    const own = contours.get(commune.code)!.contour;
    t.ok(booleanPointInPolygon(commune.townHall.coordinates, own), `${commune.name}: town hall in its contour`);
    t.ok(booleanPointInPolygon(commune.townHall.coordinates, unions.get(commune.intercommunality.siren)!), `${commune.name}: in its intercommunality`);
    tested++;
  }
  t.equal(tested, 14);
  const centresOutside = data.communes.filter((commune) => !booleanPointInPolygon(commune.centre.coordinates, contours.get(commune.code)!.contour));
  t.strictSame(
    centresOutside.map((commune) => commune.code),
    ['65031', '65059'],
    'as the reference notes say',
  );
  for (const commune of centresOutside) t.match(commune.notes.find((note) => note.field === 'centre')?.text, /falls outside the commune's 2018 contour/);
});

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** A database built from data/, then a build from a broken copy; returns the problems, and checks the database was left as it was. */
async function brokenBuild(t: Test, change: (dir: string) => void): Promise<string> {
  const dir = tempDir(t);
  const databasePath = copyOfSharedDatabase(join(dir, 'db.sqlite'));
  const before = sha256(databasePath);
  const broken = dataCopy(t);
  change(broken);
  let message = '';
  t.throws(() => {
    try {
      buildDatabase({ dataDir: broken, databasePath, migrationsDir });
    } catch (error) {
      if (error instanceof DataError) message = error.message;
      throw error;
    }
  }, DataError);
  t.equal(sha256(databasePath), before, 'the previous database is byte-identical');
  t.strictSame(readdirSync(dir).sort(), ['db-publication.sqlite', 'db.sqlite'], 'no temporary file left');
  return message;
}

t.test('a clockwise exterior ring fails, naming the record and the ring', async (t) => {
  const message = await brokenBuild(t, (dir) =>
    editJson(dir, 'contours.json', (records) => {
      const record = records.find((item: { code: string }) => item.code === '65059');
      record.contour.coordinates[0][0].reverse();
    }),
  );
  t.match(message, 'data/contours.json record "65059" at /contour/coordinates/0/0: exterior ring is clockwise');
});

t.test('a self-intersecting ring fails, naming the record and the edge', async (t) => {
  const message = await brokenBuild(t, (dir) =>
    editJson(dir, 'contours.json', (records) => {
      const ring = records.find((item: { code: string }) => item.code === '65447').contour.coordinates[0][0];
      // Two neighbouring vertices swapped: the ring crosses itself there (edges 10–11 and 12–13), its orientation unchanged.
      [ring[11], ring[12]] = [ring[12], ring[11]];
    }),
  );
  t.match(message, 'data/contours.json record "65447" at /contour/coordinates/0/0/10: self-intersection: edge 10–11 of ring 0 meets edge 12–13 of ring 0');
});

t.test('a town hall outside its commune fails, naming the record and the field', async (t) => {
  const message = await brokenBuild(t, (dir) =>
    // Tarbes' town hall is in neither Bagnères-de-Bigorre nor CC de la Haute-Bigorre.
    editJson(
      dir,
      'communes.json',
      (communes) => (communes.find((commune: { code: string }) => commune.code === '65059').townHall.coordinates = [0.078, 43.233]),
    ),
  );
  t.match(
    message,
    `data/communes.json record "65059" at /townHall: town hall [0.078, 43.233] is outside the commune's contour (data/contours.json record "65059")`,
  );
  t.match(message, 'data/communes.json record "65059" at /townHall: town hall [0.078, 43.233] is outside the contour of its intercommunality 246500482');
});

t.test('a member without a contour, or a contour of no member, is reported', async (t) => {
  const dir = dataCopy(t);
  editJson(dir, 'contours.json', (records) => {
    records.splice(
      records.findIndex((record: { code: string }) => record.code === '65092'),
      1,
    );
    records.push({ ...records[0], code: '65440', name: 'Tarbes' });
  });
  t.throws(
    () => loadData(dir),
    /data\/intercommunalities\.json record "246500573" at \/members\/\d+\/code: member 65092 has no contour in data\/contours\.json/,
  );
  t.throws(() => loadData(dir), /data\/contours\.json record "65440" at \/code: commune 65440 is a member of no intercommunality/);
});
