// Maps drawn on the server as SVG: d3-geo projects the contours (Lambert conformal conic, the projection of
// Lambert-93) into a viewBox, simplifies them below a pixel (Douglas–Peucker) and rounds them to a tenth, so that a
// map of an intercommunality's every member commune stays small. No tile server, no script: links are SVG <a> elements.
import { geoConicConformal, geoPath, type GeoProjection, type GeoStream } from 'd3-geo';
import type { Geometry, MultiPolygon, Point, Polygon, Position } from 'geojson';
import { h, type Html } from './html.js';

/** What the map draws: any Polygon, MultiPolygon or Point; the data's contours and centres are one of these. */
export type Shape = Polygon | MultiPolygon | Point;

export interface MapItem {
  geometry: Shape;
  /** CSS class: its colours (see site.css, `.map .…`). */
  className: string;
  /** The tooltip and accessible name. */
  title: string;
  /** Same-origin link of the item, if it has a page. */
  href?: string;
  /** INSEE code (communes) or SIREN (intercommunalities), written in `data-code`. */
  code?: string;
  /** A label written on the map, at `labelAt` (default: the point, or the centroid of the shape). */
  label?: string;
  labelAt?: Position;
  /** Radius of a point, in viewBox units. */
  radius?: number;
}

export interface MapSpec {
  /** Prefix of the element ids (unique in the page). */
  id: string;
  title: string;
  description: string;
  /** What must be in view: the map is fitted to these shapes. */
  fit: Shape[];
  /** Room around `fit`, as a share of the width, where neighbours show. */
  margin?: number;
  /** Largest height / width of the viewBox (default 1): a tall territory leaves room for neighbours on its sides. */
  maxAspect?: number;
  /** Drawn in this order: areas (polygons) first, then points, then labels. */
  items: MapItem[];
  width?: number;
}

/** Viewbox width; labels are placed for their size on a phone (site.css makes them smaller on wide screens). */
const defaultWidth = 600;
export const labelSize = 20;
/** Largest distance (viewBox units) between a ring and its simplification: under a pixel on a screen. */
const tolerance = 0.6;

function signedArea(ring: Position[]): number {
  let sum = 0;
  for (let index = 0; index + 1 < ring.length; index += 1) {
    const [x0, y0] = ring[index] as Position;
    const [x1, y1] = ring[index + 1] as Position;
    sum += (x0 as number) * (y1 as number) - (x1 as number) * (y0 as number);
  }
  return sum / 2;
}

/** d3-geo reads rings on the sphere: exterior clockwise, holes anticlockwise (RFC 7946 says the opposite). Either input works. */
function rewindPolygon(rings: Position[][]): Position[][] {
  return rings.map((ring, index) => ((index === 0 ? signedArea(ring) > 0 : signedArea(ring) < 0) ? [...ring].reverse() : ring));
}

export function forD3(shape: Shape): Shape {
  if (shape.type === 'Polygon') return { type: 'Polygon', coordinates: rewindPolygon(shape.coordinates) };
  if (shape.type === 'MultiPolygon') return { type: 'MultiPolygon', coordinates: shape.coordinates.map(rewindPolygon) };
  return shape;
}

/** Douglas–Peucker on projected points: keeps the points of `line` that stray more than `tolerance` from its simplification. */
function simplify(line: [number, number][], tolerance: number): [number, number][] {
  if (line.length <= 2) return line;
  const keep = new Uint8Array(line.length);
  keep[0] = 1;
  keep[line.length - 1] = 1;
  const stack: [number, number][] = [[0, line.length - 1]];
  while (stack.length > 0) {
    const [first, last] = stack.pop() as [number, number];
    const [x0, y0] = line[first] as [number, number];
    const [x1, y1] = line[last] as [number, number];
    const dx = x1 - x0;
    const dy = y1 - y0;
    const length = Math.hypot(dx, dy);
    let farthest = -1;
    let distance = tolerance;
    for (let index = first + 1; index < last; index += 1) {
      const [x, y] = line[index] as [number, number];
      const d = length === 0 ? Math.hypot(x - x0, y - y0) : Math.abs(dy * x - dx * y + x1 * y0 - y1 * x0) / length;
      if (d > distance) [farthest, distance] = [index, d];
    }
    if (farthest !== -1) {
      keep[farthest] = 1;
      stack.push([first, farthest], [farthest, last]);
    }
  }
  return line.filter((_point, index) => keep[index] === 1);
}

/** A ring simplified as a closed line: split at its point farthest from the start, each half simplified. */
function simplifyRing(ring: [number, number][]): [number, number][] {
  if (ring.length <= 4) return ring;
  const [x0, y0] = ring[0] as [number, number];
  let split = 1;
  ring.forEach(([x, y], index) => {
    const [sx, sy] = ring[split] as [number, number];
    if ((x - x0) ** 2 + (y - y0) ** 2 > (sx - x0) ** 2 + (sy - y0) ** 2) split = index;
  });
  return [...simplify(ring.slice(0, split + 1), tolerance).slice(0, -1), ...simplify(ring.slice(split), tolerance)];
}

/** A stream that simplifies each projected ring (Douglas–Peucker, `tolerance`) and drops rings left with fewer than 3 points. */
function thinning(output: GeoStream): GeoStream {
  let ring: [number, number][] | undefined;
  let polygon = false;
  return {
    point(x, y) {
      if (ring) ring.push([x, y]);
      else output.point(x, y);
    },
    lineStart() {
      ring = [];
    },
    lineEnd() {
      const points = polygon ? simplifyRing(ring ?? []) : (ring ?? []);
      ring = undefined;
      if (polygon && points.length < 3) return;
      output.lineStart();
      for (const [x, y] of points) output.point(x, y);
      output.lineEnd();
    },
    polygonStart() {
      polygon = true;
      output.polygonStart();
    },
    polygonEnd() {
      polygon = false;
      output.polygonEnd();
    },
    sphere() {
      output.sphere?.();
    },
  };
}

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

const overlap = (a: Box, b: Box) => Math.max(0, Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0)) * Math.max(0, Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0));

interface Placed {
  x: number;
  y: number;
  anchor: 'start' | 'middle' | 'end';
}

/** Greedy placement: for each label, the first position around its point that overlaps nothing placed, else the least overlapping one. */
function placeLabels(anchors: { x: number; y: number; text: string; radius: number }[], obstacles: Box[], width: number, height: number): Placed[] {
  const placed: Box[] = [...obstacles];
  return anchors.map(({ x, y, text, radius }) => {
    const w = text.length * labelSize * 0.62;
    const h = labelSize;
    const d = radius + 3;
    const candidates: (Placed & { box: Box })[] = [
      { x: x + d, y: y + h * 0.35, anchor: 'start', box: { x0: x + d, y0: y - h / 2, x1: x + d + w, y1: y + h / 2 } },
      { x: x - d, y: y + h * 0.35, anchor: 'end', box: { x0: x - d - w, y0: y - h / 2, x1: x - d, y1: y + h / 2 } },
      { x, y: y - d - h * 0.25, anchor: 'middle', box: { x0: x - w / 2, y0: y - d - h, x1: x + w / 2, y1: y - d } },
      { x, y: y + d + h * 0.8, anchor: 'middle', box: { x0: x - w / 2, y0: y + d, x1: x + w / 2, y1: y + d + h } },
      {
        x: x + d * 0.7,
        y: y - d * 0.7,
        anchor: 'start',
        box: { x0: x + d * 0.7, y0: y - d * 0.7 - h * 0.75, x1: x + d * 0.7 + w, y1: y - d * 0.7 + h * 0.25 },
      },
      { x: x - d * 0.7, y: y - d * 0.7, anchor: 'end', box: { x0: x - d * 0.7 - w, y0: y - d * 0.7 - h * 0.75, x1: x - d * 0.7, y1: y - d * 0.7 + h * 0.25 } },
      { x: x + d * 0.7, y: y + d * 0.7 + h * 0.7, anchor: 'start', box: { x0: x + d * 0.7, y0: y + d * 0.7, x1: x + d * 0.7 + w, y1: y + d * 0.7 + h } },
      { x: x - d * 0.7, y: y + d * 0.7 + h * 0.7, anchor: 'end', box: { x0: x - d * 0.7 - w, y0: y + d * 0.7, x1: x - d * 0.7, y1: y + d * 0.7 + h } },
    ];
    const outside = (box: Box) => Math.max(0, -box.x0) + Math.max(0, box.x1 - width) + Math.max(0, -box.y0) + Math.max(0, box.y1 - height);
    const cost = (box: Box) => outside(box) * 1e6 + placed.reduce((sum, other) => sum + overlap(box, other), 0);
    let best = candidates[0] as Placed & { box: Box };
    let bestCost = Infinity;
    for (const candidate of candidates) {
      const value = cost(candidate.box);
      if (value < bestCost) [best, bestCost] = [candidate, value];
      if (value === 0) break;
    }
    placed.push(best.box);
    return { x: best.x, y: best.y, anchor: best.anchor };
  });
}

const round = (value: number) => Math.round(value * 10) / 10;

/** Fits the projection to `spec.fit` with its margin; returns it with the viewBox height. */
function fitted(spec: MapSpec, width: number): { projection: GeoProjection; height: number } {
  const margin = (spec.margin ?? 0.03) * width;
  const object = { type: 'GeometryCollection', geometries: spec.fit.map(forD3) } as unknown as Geometry;
  const projection = geoConicConformal().parallels([44, 49]).rotate([-3, 0]);
  projection.fitWidth(width - 2 * margin, object);
  const [[, y0], [, y1]] = geoPath(projection).bounds(object);
  const height = Math.min(Math.ceil(y1 - y0 + 2 * margin), Math.round(width * (spec.maxAspect ?? 1)));
  projection.fitExtent(
    [
      [margin, margin],
      [width - margin, height - margin],
    ],
    object,
  );
  projection.clipExtent([
    [0, 0],
    [width, height],
  ]);
  return { projection, height };
}

/** The SVG of a map, in a <figure> with a caption: every area a <path>, every point a <circle>, links where items have a page. */
export function renderMap(spec: MapSpec, caption: Html | string): Html {
  const width = spec.width ?? defaultWidth;
  const { projection, height } = fitted(spec, width);
  const path = geoPath({ stream: (output: GeoStream) => projection.stream(thinning(output)) }).digits(1);
  const centroid = geoPath(projection);
  const inView = (x: number, y: number) => x >= 0 && x <= width && y >= 0 && y <= height;

  const areas: Html[] = [];
  const points: Html[] = [];
  const anchors: { x: number; y: number; text: string; radius: number }[] = [];
  const obstacles: Box[] = [];
  for (const item of spec.items) {
    const code = item.code ? h` data-code="${item.code}"` : '';
    const wrap = (shape: Html) =>
      item.href
        ? h`<a href="${item.href}" aria-label="${item.title}"><title>${item.title}</title>${shape}</a>`
        : h`<g><title>${item.title}</title>${shape}</g>`;
    let anchor: [number, number] | null;
    const radius = item.radius ?? 5;
    if (item.geometry.type === 'Point') {
      anchor = projection(item.geometry.coordinates as [number, number]);
      if (!anchor || !inView(...anchor)) continue;
      const [x, y] = anchor;
      points.push(wrap(h`<circle class="${item.className}"${code} cx="${round(x)}" cy="${round(y)}" r="${radius}"></circle>`));
      obstacles.push({ x0: x - radius, y0: y - radius, x1: x + radius, y1: y + radius });
    } else {
      const shape = forD3(item.geometry);
      const d = path(shape);
      if (!d) continue;
      areas.push(wrap(h`<path class="${item.className}"${code} d="${d}"></path>`));
      const [cx, cy] = centroid.centroid(shape);
      anchor = Number.isFinite(cx) ? [cx, cy] : null;
    }
    if (item.label) {
      const at = item.labelAt ? projection(item.labelAt as [number, number]) : anchor;
      if (at && inView(...at)) anchors.push({ x: at[0], y: at[1], text: item.label, radius: item.geometry.type === 'Point' ? radius : 2 });
    }
  }
  const labels = placeLabels(anchors, obstacles, width, height).map(
    (placed, index) =>
      h`<text x="${round(placed.x)}" y="${round(placed.y)}"${placed.anchor === 'start' ? '' : h` text-anchor="${placed.anchor}"`}>${anchors[index]?.text}</text>`,
  );
  // The <title> names the SVG for assistive technologies; the labels repeat the links' names, so they are hidden from them.
  return h`<figure class="map" id="${spec.id}">
<svg viewBox="0 0 ${width} ${height}" width="100%">
<title>${spec.title}</title>
<desc>${spec.description}</desc>
<g class="areas">${areas}</g>
<g class="points">${points}</g>
<g class="labels" aria-hidden="true">${labels}</g>
</svg>
<figcaption>${caption}</figcaption>
</figure>`;
}

/** The geometry a commune is drawn with: its contour once the data has one, else its centre. */
export function communeShape(commune: { centre?: Point; contour?: Shape }): Shape | undefined {
  return commune.contour ?? commune.centre;
}
