// GeoJSON that GIS software opens right: named FeatureCollections, flat typed properties, RFC 7946 winding;
// responses validated against the schemas of src/formats/geojson.ts, and read by GDAL's ogrinfo where installed.
import t, { type Test } from 'tap';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { check } from '@placemarkio/check-geojson';
import { featureCollectionSchema, featureSchema } from '../../src/formats/geojson.js';
import { communes } from '../../src/resources/communes.js';
import { intercommunalities } from '../../src/resources/intercommunalities.js';
import { build, dataDir, json, tempDir } from '../helper.js';

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats.default(ajv);

function valid(t: Test, schema: object, value: unknown, what: string) {
  const validate = ajv.compile(schema);
  t.ok(validate(value), what);
  if (validate.errors) t.comment(JSON.stringify(validate.errors.slice(0, 3)));
}

/** Twice the signed area of a ring (positive: counterclockwise, with longitude as x and latitude as y). */
function signedArea(ring: number[][]): number {
  let sum = 0;
  for (let i = 0; i < ring.length - 1; i++) sum += ring[i]![0]! * ring[i + 1]![1]! - ring[i + 1]![0]! * ring[i]![1]!;
  return sum;
}

t.test('lists and downloads: named, flat, typed, valid against the Feature schemas and RFC 7946', async (t) => {
  const app = await build(t);
  for (const [collection, urls] of [
    [communes, ['/v1/communes?format=geojson', '/downloads/communes.geojson']],
    [intercommunalities, ['/v1/intercommunalities?format=geojson', '/downloads/intercommunalities.geojson']],
  ] as const) {
    for (const url of urls) {
      const response = await app.inject(url);
      t.equal(response.statusCode, 200, url);
      t.doesNotThrow(() => check(response.body), `${url}: check-geojson finds no issue`);
      const body = json(response);
      t.equal(body.name, collection.name, `${url}: the layer is named`);
      valid(t, featureCollectionSchema(collection), body, `${url}: matches featureCollectionSchema`);
      for (const feature of body.features) {
        t.ok(
          Object.values(feature.properties).every((value) => value === null || typeof value !== 'object'),
          `${feature.id}: one level`,
        );
      }
    }
  }
  const bagneres = json(await app.inject('/v1/communes/65059?format=geojson'));
  valid(t, featureSchema(communes), bagneres, 'a single Feature matches featureSchema');
  t.equal(bagneres.properties['population.municipal'], 7114);
  t.equal(bagneres.properties.postalCodes, '65200|65710', 'lists as in CSV');
  const curatedNotes = (JSON.parse(readFileSync(join(dataDir, 'communes.json'), 'utf8')) as { code: string; notes: { sources?: string[] }[] }[]).find(
    (commune) => commune.code === '65059',
  )!.notes;
  t.equal(bagneres.properties['notes.sources'], curatedNotes.map((note) => (note.sources ?? []).join(',')).join('|'), 'lists in lists: | then ,');
  const projected = json(await app.inject('/v1/communes?format=geojson&fields=name,population'));
  valid(t, featureCollectionSchema(communes, { fields: ['code', 'name', 'population'] }), projected, 'fields: a schema of the projection');
  t.same(Object.keys(projected.features[0].properties), [
    'code',
    'name',
    'population.municipal',
    'population.countedApart',
    'population.total',
    'population.referenceYear',
    'population.inForceFrom',
  ]);
  const members = json(await app.inject('/v1/intercommunalities/200072106/communes?format=geojson'));
  t.equal(members.name, 'intercommunalities-200072106-communes', 'a related list is named after its file');
});

t.test('polygons are wound as RFC 7946 asks: outer rings counterclockwise, holes clockwise', async (t) => {
  const app = await build(t);
  for (const url of ['/downloads/intercommunalities.geojson', '/v1/intercommunalities/200072106']) {
    const body = json(await app.inject(url));
    const contours = body.features ? body.features.map((feature: { geometry: unknown }) => feature.geometry) : [body.contour];
    for (const contour of contours) {
      for (const polygon of contour.coordinates) {
        t.ok(signedArea(polygon[0]) > 0, `${url}: outer ring counterclockwise`);
        for (const hole of polygon.slice(1)) t.ok(signedArea(hole) < 0, `${url}: hole clockwise`);
      }
    }
  }
});

const ogrinfo = ['/usr/bin/ogrinfo', '/usr/local/bin/ogrinfo'].find((path) => existsSync(path));
// CI installs gdal-bin (.ci/run); elsewhere the test is skipped, saying why, rather than failing on a missing tool.
const noOgrinfo = !ogrinfo && !process.env.CI ? 'no ogrinfo (CI installs Debian gdal-bin)' : false;

t.test('GDAL reads typed fields and the layer name, without options', { skip: noOgrinfo }, async (t) => {
  const app = await build(t);
  const dir = tempDir(t);
  const summary = (url: string, file: string) => {
    return app.inject(url).then((response) => {
      writeFileSync(join(dir, file), response.rawPayload);
      return execFileSync(ogrinfo ?? 'ogrinfo', ['-ro', '-al', '-so', join(dir, file)], { encoding: 'utf8' });
    });
  };
  const towns = await summary('/downloads/communes.geojson', 'communes.geojson');
  t.match(towns, /Layer name: communes\n/);
  t.match(towns, /Geometry: Point\n/);
  t.match(towns, /Feature Count: 14\n/);
  t.match(towns, /\ncode: String /, 'codes as strings');
  t.match(towns, /\nintercommunality\.siren: String /);
  t.match(towns, /\npopulation\.municipal: Integer /, 'numbers as numbers');
  t.match(towns, /\npvd\.signedOn: Date /, 'dates as dates');
  t.notMatch(towns, /\(JSON\)/, 'no JSON-encoded field');
  const epcis = await summary('/v1/intercommunalities?format=geojson', 'epcis.geojson');
  t.match(epcis, /Layer name: intercommunalities\n/);
  t.match(epcis, /Geometry: Multi Polygon\n/);
  t.match(epcis, /\nmemberCount: Integer /);
  t.match(epcis, /\npopulation\.total: Integer /);
  t.notMatch(epcis, /\(JSON\)|StringList|IntegerList/, 'flat values only');
});
