// The geometry of the contours: rings (area, winding, faults), point in polygon, the union of the members' contours
// that is an intercommunality's contour. Pure functions of data/, used by the build's checks (src/build/geometry.ts)
// and by the declarations that store contours (src/resources/).
import rewind from '@mapbox/geojson-rewind';
import { featureCollection, multiPolygon } from '@turf/helpers';
import union from '@turf/union';
import type { ContourRecordType } from '../schemas/contour.js';
import type { CuratedData } from '../schemas/data-files.js';

export type Position = number[];
export type Ring = Position[];
export type Polygon = Ring[];
export interface MultiPolygonGeometry {
  type: 'MultiPolygon';
  coordinates: Polygon[];
}

/** Twice the signed area (shoelace, in degrees²): positive when the ring turns counter-clockwise. */
export function signedArea(ring: Ring): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const [x1, y1] = ring[i] as [number, number];
    const [x2, y2] = ring[i + 1] as [number, number];
    sum += x1 * y2 - x2 * y1;
  }
  return sum;
}

const same = (a: Position, b: Position) => a[0] === b[0] && a[1] === b[1];
const cross = (o: Position, a: Position, b: Position) =>
  ((a[0] as number) - (o[0] as number)) * ((b[1] as number) - (o[1] as number)) - ((a[1] as number) - (o[1] as number)) * ((b[0] as number) - (o[0] as number));
const within = (a: Position, b: Position, p: Position) =>
  Math.min(a[0] as number, b[0] as number) <= (p[0] as number) &&
  (p[0] as number) <= Math.max(a[0] as number, b[0] as number) &&
  Math.min(a[1] as number, b[1] as number) <= (p[1] as number) &&
  (p[1] as number) <= Math.max(a[1] as number, b[1] as number);

/** Whether segments ab and cd share any point (crossing, touching or overlapping). */
export function segmentsIntersect(a: Position, b: Position, c: Position, d: Position): boolean {
  const d1 = cross(c, d, a);
  const d2 = cross(c, d, b);
  const d3 = cross(a, b, c);
  const d4 = cross(a, b, d);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
  return (d1 === 0 && within(c, d, a)) || (d2 === 0 && within(c, d, b)) || (d3 === 0 && within(a, b, c)) || (d4 === 0 && within(a, b, d));
}

/** A fault of one polygon, with the JSON Pointer suffix of the ring or position it is about. */
export interface RingFault {
  path: string;
  message: string;
}

/**
 * The faults of a polygon: rings not closed or under 4 positions, exterior ring not counter-clockwise or holes
 * not clockwise (RFC 7946), and any two of its edges meeting other than at the vertex two consecutive edges share.
 * Every pair of edges is tested (O(n²)): commune rings have at most a few hundred positions.
 */
export function polygonFaults(polygon: Polygon): RingFault[] {
  const faults: RingFault[] = [];
  polygon.forEach((ring, r) => {
    if (ring.length < 4) faults.push({ path: `/${r}`, message: `ring has ${ring.length} positions; a closed ring needs at least 4` });
    else if (!same(ring[0] as Position, ring.at(-1) as Position))
      faults.push({ path: `/${r}`, message: 'ring is not closed: its last position differs from its first' });
    else {
      const area = signedArea(ring);
      if (r === 0 && area <= 0)
        faults.push({ path: '/0', message: 'exterior ring is clockwise (or flat); RFC 7946 wants it counter-clockwise: rewind it (scripts/contours.ts does)' });
      if (r > 0 && area >= 0) faults.push({ path: `/${r}`, message: 'hole is counter-clockwise (or flat); RFC 7946 wants holes clockwise' });
    }
  });
  if (faults.length > 0) return faults;
  const edges = polygon.flatMap((ring, r) => ring.slice(0, -1).map((start, i) => ({ r, i, n: ring.length - 1, a: start, b: ring[i + 1] as Position })));
  for (let x = 0; x < edges.length; x++) {
    const e = edges[x]!;
    for (let y = x + 1; y < edges.length; y++) {
      const f = edges[y]!;
      const adjacent = e.r === f.r && (f.i === e.i + 1 || (e.i === 0 && f.i === e.n - 1));
      if (adjacent) {
        // Consecutive edges share one vertex; they may not fold back over each other.
        const shared = f.i === e.i + 1 ? e.b : e.a;
        const [p, q] = f.i === e.i + 1 ? [e.a, f.b] : [f.a, e.b];
        if (cross(shared, p, q) === 0 && dot(shared, p, q) > 0)
          faults.push({ path: `/${e.r}/${f.i === e.i + 1 ? f.i : e.i}`, message: 'ring folds back on itself (a spike of zero width)' });
        continue;
      }
      if (segmentsIntersect(e.a, e.b, f.a, f.b)) {
        faults.push({
          path: `/${e.r}/${e.i}`,
          message: `self-intersection: edge ${e.i}–${e.i + 1} of ring ${e.r} meets edge ${f.i}–${f.i + 1} of ring ${f.r}`,
        });
        if (faults.length >= 3) return faults;
      }
    }
  }
  return faults;
}

function dot(o: Position, a: Position, b: Position): number {
  return (
    ((a[0] as number) - (o[0] as number)) * ((b[0] as number) - (o[0] as number)) +
    ((a[1] as number) - (o[1] as number)) * ((b[1] as number) - (o[1] as number))
  );
}

/** Even-odd test of a point against a ring (a point on an edge may count either way). */
function inRing(point: Position, ring: Ring): boolean {
  const [x, y] = point as [number, number];
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Whether a point lies inside a MultiPolygon: inside an exterior ring and outside its holes. */
export function pointInMultiPolygon(point: Position, geometry: MultiPolygonGeometry): boolean {
  return geometry.coordinates.some((polygon) => inRing(point, polygon[0] as Ring) && !polygon.slice(1).some((hole) => inRing(point, hole)));
}

/**
 * A point inside a polygon (not on its boundary): the middle of the widest stretch of the polygon along a
 * horizontal line between two of its exterior's vertex latitudes, so that the line meets no vertex.
 */
export function pointOnSurface(polygon: Polygon): Position {
  const latitudes = [...new Set((polygon[0] as Ring).map((position) => position[1] as number))].sort((a, b) => a - b);
  const middle = Math.floor((latitudes.length - 1) / 2);
  const y = ((latitudes[middle] as number) + (latitudes[middle + 1] as number)) / 2;
  const crossings: number[] = [];
  for (const ring of polygon) {
    for (let i = 0; i + 1 < ring.length; i++) {
      const [x1, y1] = ring[i] as [number, number];
      const [x2, y2] = ring[i + 1] as [number, number];
      if (y1 > y !== y2 > y) crossings.push(x1 + ((y - y1) * (x2 - x1)) / (y2 - y1));
    }
  }
  crossings.sort((a, b) => a - b);
  let best: Position = [crossings[0] as number, y];
  let width = -1;
  for (let i = 0; i + 1 < crossings.length; i += 2) {
    const span = (crossings[i + 1] as number) - (crossings[i] as number);
    if (span > width) [width, best] = [span, [((crossings[i] as number) + (crossings[i + 1] as number)) / 2, y]];
  }
  return best;
}

/** The union of MultiPolygons (@turf/union), as one MultiPolygon wound as RFC 7946 wants. */
export function unionOf(geometries: MultiPolygonGeometry[]): MultiPolygonGeometry {
  const merged = union(featureCollection(geometries.map((geometry) => multiPolygon(geometry.coordinates))));
  if (!merged) throw new Error('union of no polygon');
  const { geometry } = rewind(merged, false);
  return { type: 'MultiPolygon', coordinates: geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates };
}

/** The contour record of each member commune, by INSEE code (data/contours.json). */
export function contoursByCode(data: CuratedData): Map<string, ContourRecordType> {
  return new Map(data.contours.map((record) => [record.code, record]));
}

const unions = new WeakMap<CuratedData, Map<string, MultiPolygonGeometry>>();

/** Each intercommunality's contour: the union of its members' contours, computed once per loaded data/. */
export function intercommunalityContours(data: CuratedData): Map<string, MultiPolygonGeometry> {
  let contours = unions.get(data);
  if (!contours) {
    const byCode = new Map(data.contours.map((record) => [record.code, record.contour]));
    contours = new Map(
      data.intercommunalities.map((epci) => [
        epci.siren,
        unionOf(epci.members.flatMap((member) => (byCode.has(member.code) ? [byCode.get(member.code) as MultiPolygonGeometry] : []))),
      ]),
    );
    unions.set(data, contours);
  }
  return contours;
}
