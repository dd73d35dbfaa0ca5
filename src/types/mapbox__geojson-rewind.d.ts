// @mapbox/geojson-rewind ships no types: it rewinds GeoJSON in place (`clockwise` false: RFC 7946 winding) and returns it.
declare module '@mapbox/geojson-rewind' {
  export default function rewind<T>(geojson: T, clockwise?: boolean): T;
}
