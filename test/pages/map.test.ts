// The SVG maps with the member contours the data will bring: one <path> per member with its INSEE code, small
// enough for a page under 100 KB, the same whichever way the rings are wound, points outside the view left out.
import t from 'tap';
import type { MultiPolygon, Position } from 'geojson';
import { forD3, renderMap, type MapItem } from '../../src/pages/map.js';

/** A ring of `vertices` points around (lon, lat), anticlockwise as RFC 7946 winds exteriors, a little jagged like a real border. */
function ring(lon: number, lat: number, radius: number, vertices: number): Position[] {
  const points: Position[] = [];
  for (let index = 0; index < vertices; index += 1) {
    const angle = (2 * Math.PI * index) / vertices;
    const r = radius * (1 + 0.06 * Math.sin(angle * 9) + 0.02 * Math.sin(angle * 31) + 0.004 * Math.sin(index * 7.3));
    points.push([lon + r * Math.cos(angle), lat + r * Math.sin(angle) * 0.75]);
  }
  points.push(points[0] as Position);
  return points;
}

const square = (lon0: number, lat0: number, size: number): MultiPolygon => ({
  type: 'MultiPolygon',
  coordinates: [
    [
      [
        [lon0, lat0],
        [lon0 + size, lat0],
        [lon0 + size, lat0 + size],
        [lon0, lat0 + size],
        [lon0, lat0],
      ],
    ],
  ],
});

// An intercommunality of 72 members (CC Adour Madiran's count) on a 9 × 8 grid, each with a detailed contour
// (600 points, about what IGN's Admin Express gives a commune), as the curated data will have them.
const members: MapItem[] = [];
for (let row = 0; row < 8; row += 1) {
  for (let column = 0; column < 9; column += 1) {
    const code = String(65001 + row * 9 + column);
    members.push({
      geometry: { type: 'MultiPolygon', coordinates: [[ring(-0.2 + column * 0.04, 43.3 + row * 0.035, 0.02, 600)]] },
      className: 'member',
      title: `Commune ${code}`,
      code,
    });
  }
}
const contour = square(-0.23, 43.27, 0.4);

t.test('one path per member commune, with its INSEE code, and a map of a few tens of KB', async (t) => {
  const map = renderMap(
    { id: 'carte', title: 'Carte', description: 'Test', fit: [contour], items: [{ geometry: contour, className: 'epci-here', title: 'EPCI' }, ...members] },
    'Légende',
  ).value;
  for (const member of members) t.equal(map.split(`data-code="${member.code}"`).length - 1, 1, `${member.code} drawn once`);
  t.equal(map.match(/<path class="member" data-code="\d{5}" d="M[^"]+"><\/path>/g)?.length, 72);
  const bytes = Buffer.byteLength(map);
  t.comment(`72 members × 600 points: ${bytes} bytes of SVG`);
  t.ok(bytes < 60_000, `${bytes} bytes: room for the rest of the page under 100 KB`);
  t.notMatch(map, /\d\.\d\d/, 'coordinates rounded to one decimal');
  t.match(map, /^<figure class="map" id="carte">\n<svg viewBox="0 0 600 \d+" width="100%">/);
});

t.test('rings wound either way (RFC 7946 or d3) draw the same; points out of view are left out; labels are placed', async (t) => {
  const anticlockwise = square(0, 43, 0.1);
  const clockwise: MultiPolygon = { type: 'MultiPolygon', coordinates: [[[...(anticlockwise.coordinates[0]?.[0] as Position[])].reverse()]] };
  t.same(forD3(anticlockwise), forD3(clockwise));
  const draw = (geometry: MultiPolygon) =>
    renderMap({ id: 'm', title: 'T', description: 'D', fit: [anticlockwise], items: [{ geometry, className: 'x', title: 'x' }] }, '').value;
  t.equal(draw(anticlockwise), draw(clockwise));
  t.notMatch(draw(anticlockwise), /d="M0,0L600/, 'not the whole sphere');

  const map = renderMap(
    {
      id: 'm',
      title: 'T',
      description: 'D',
      fit: [anticlockwise],
      items: [
        { geometry: { type: 'Point', coordinates: [0.05, 43.05] }, className: 'town', title: 'In', label: 'Dedans', href: '/communes/65059', code: '65059' },
        { geometry: { type: 'Point', coordinates: [3, 46] }, className: 'town', title: 'Out', label: 'Dehors', code: '75056' },
      ],
    },
    '',
  ).value;
  t.match(map, '<a href="/communes/65059" aria-label="In"><title>In</title><circle class="town" data-code="65059"');
  t.match(map, '>Dedans</text>');
  t.notMatch(map, 'Dehors', 'a point out of view is not drawn');
  t.notMatch(map, '75056');
});
