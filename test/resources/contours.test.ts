// Contours as served: every ring of every GeoJSON answer wound as RFC 7946 wants, accepted by check-geojson, and the
// town halls inside their commune and their intercommunality.
import t, { type Test } from 'tap';
import { check } from '@placemarkio/check-geojson';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { signedArea } from '../../src/geometry/contours.js';
import { build, json } from '../helper.js';

type Rings = number[][][];

/** Every MultiPolygon anywhere in a document (feature geometries, and contours among the properties). */
function multiPolygons(value: unknown, found: Rings[][] = []): Rings[][] {
  if (Array.isArray(value)) value.forEach((item) => multiPolygons(item, found));
  else if (value !== null && typeof value === 'object') {
    const object = value as { type?: string; coordinates?: unknown };
    if (object.type === 'MultiPolygon') found.push(object.coordinates as Rings[]);
    else Object.values(object).forEach((child) => multiPolygons(child, found));
  }
  return found;
}

function assertWinding(t: Test, label: string, body: string) {
  const geometries = multiPolygons(JSON.parse(body));
  t.ok(geometries.length > 0, `${label}: has contours`);
  let exteriors = 0;
  let wrong = 0;
  for (const polygon of geometries.flat(1)) {
    exteriors++;
    if (!(signedArea(polygon[0]!) > 0)) wrong++;
    if (!polygon.slice(1).every((hole) => signedArea(hole) < 0)) wrong++;
  }
  t.equal(wrong, 0, `${label}: all ${exteriors} exterior rings counter-clockwise, holes clockwise`);
  t.doesNotThrow(() => check(body), `${label}: check-geojson accepts it`);
}

t.test('GeoJSON of communes, intercommunalities and members: RFC 7946 winding, valid', async (t) => {
  const app = await build(t);
  const communes = await app.inject('/v1/communes?format=geojson&geometry=contour');
  t.equal(communes.statusCode, 200);
  assertWinding(t, 'communes', communes.body);
  t.ok(
    json(await app.inject('/v1/communes?format=geojson')).features.every((feature: { geometry: { type: string } }) => feature.geometry.type === 'Point'),
    'communes: the centre is the geometry by default',
  );
  t.ok(
    json(communes).features.every((feature: { geometry: { type: string } }) => feature.geometry.type === 'MultiPolygon'),
    'communes: geometry=contour draws the contour',
  );
  const epcis = await app.inject('/v1/intercommunalities?format=geojson');
  assertWinding(t, 'intercommunalities', epcis.body);
  const sirens = json(epcis).features.map((feature: { id: string }) => feature.id);
  t.equal(sirens.length, 8);
  let members = 0;
  for (const siren of sirens) {
    const response = await app.inject(`/v1/intercommunalities/${siren}/members?format=geojson&limit=500`);
    t.equal(response.statusCode, 200);
    t.match(response.headers['content-type'], /^application\/geo\+json/);
    assertWinding(t, `members of ${siren}`, response.body);
    const features = json(response).features as { id: string; geometry: { type: string }; properties: Record<string, unknown> }[];
    t.ok(
      features.every((feature) => feature.geometry.type === 'MultiPolygon' && !('contour' in feature.properties)),
      `members of ${siren}: the contour is the geometry`,
    );
    members += features.length;
  }
  t.equal(members, 392);
  const downloaded = await app.inject('/downloads/intercommunalities.geojson');
  assertWinding(t, 'intercommunalities.geojson download', downloaded.body);
});

t.test('town halls lie inside their commune and their intercommunality, as served', async (t) => {
  const app = await build(t);
  const communes = json(await app.inject('/v1/communes?limit=500')).data as {
    code: string;
    townHall: { coordinates: number[] };
    contour: { type: 'MultiPolygon'; coordinates: number[][][][] };
    intercommunality: { siren: string };
  }[];
  let tested = 0;
  for (const commune of communes) {
    const epci = json(await app.inject(`/v1/intercommunalities/${commune.intercommunality.siren}`));
    t.ok(booleanPointInPolygon(commune.townHall.coordinates, commune.contour), `${commune.code}: town hall in its contour`);
    t.ok(booleanPointInPolygon(commune.townHall.coordinates, epci.contour), `${commune.code}: town hall in ${epci.siren}'s contour`);
    tested++;
  }
  t.equal(tested, 14);
});

t.test('contours carry their sources and notes into the representations', async (t) => {
  const app = await build(t);
  const commune = json(await app.inject('/v1/communes/65059'));
  t.equal(commune.contour.type, 'MultiPolygon');
  t.ok(commune.sources.includes('ign-admin-express-2018-65'));
  t.ok(
    commune.notes.some((note: { field: string }) => note.field === 'townHall'),
    'town hall marked provisional',
  );
  const aure = json(await app.inject('/v1/intercommunalities/246500573'));
  t.strictSame(
    aure.notes.filter((note: { field: string }) => note.field === 'contour').map((note: { status: string }) => note.status),
    ['inferred', 'conflicting-sources'],
    'the union is computed; the Camous gap of a member carries over',
  );
  t.match(aure.notes.at(-1).text, /^Member Beyrède-Jumet-Camous \(65092\): /);
  t.ok(aure.sources.includes('ign-admin-express-2018-65') && aure.sources.includes('cog-2026'));
  const vic = json(await app.inject('/v1/intercommunalities/200072106'));
  t.ok(vic.sources.includes('ign-admin-express-2018-64'), 'its members in Pyrénées-Atlantiques come from the 64 extract');
  t.notOk(vic.sources.includes('anct-epci-contours'));
  const member = json(await app.inject('/v1/intercommunalities/246500573/members?q=beyrede'));
  t.equal(member.data[0].code, '65092');
  t.equal(member.data[0].notes[0].status, 'conflicting-sources');
  t.strictSame(member.data[0].sources, ['epcicom-2026', 'ign-admin-express-2018-65', 'cog-2026']);
});
