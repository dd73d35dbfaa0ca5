// Types for @mapbox/geojson-rewind, which ships none.
declare module '@mapbox/geojson-rewind' {
  import type { GeoJSON } from 'geojson';
  /** Reverses rings in place where needed and returns its argument: `clockwise` false (default) gives RFC 7946 winding. */
  export default function rewind<T extends GeoJSON>(geojson: T, clockwise?: boolean): T;
}
