// The geometry checks of data/: rings closed, wound as RFC 7946 wants and without self-intersection; every town hall
// inside its commune and its intercommunality; every member inside the union of the members' contours.
import type { CuratedData } from '../schemas/data-files.js';
import { dataFiles } from '../schemas/data-files.js';
import { intercommunalityContours, pointInMultiPolygon, pointOnSurface, polygonFaults, type MultiPolygonGeometry, type Polygon } from '../geometry/contours.js';
import type { DataProblem } from './problems.js';

/** Geometry checks of data/, run once the files are valid and their references resolve. */
export function checkGeometry(data: CuratedData): DataProblem[] {
  const problems: DataProblem[] = [];
  const file = dataFiles.contours.file;
  let wellFormed = true;
  for (const record of data.contours) {
    record.contour.coordinates.forEach((polygon, p) => {
      for (const fault of polygonFaults(polygon)) {
        wellFormed = false;
        problems.push({ file, record: record.code, path: `/contour/coordinates/${p}${fault.path}`, message: fault.message });
      }
    });
  }
  // The union and the tests against it mean something only over well-formed contours.
  if (!wellFormed) return problems;

  const contours = new Map(data.contours.map((record) => [record.code, record.contour]));
  const epciContours = intercommunalityContours(data);
  for (const epci of data.intercommunalities) {
    const contour = epciContours.get(epci.siren) as MultiPolygonGeometry;
    contour.coordinates.forEach((polygon, p) => {
      for (const fault of polygonFaults(polygon))
        problems.push({
          file: dataFiles.intercommunalities.file,
          record: epci.siren,
          path: '/members',
          message: `the union of its members' contours (its contour) is not valid: polygon ${p}${fault.path}: ${fault.message}`,
        });
    });
    // Members have no town-hall point in the references: a point on the surface of each stands for it.
    for (const member of epci.members) {
      const own = contours.get(member.code);
      const point = own && pointOnSurface(own.coordinates[0] as Polygon);
      if (point && !pointInMultiPolygon(point, contour))
        problems.push({
          file,
          record: member.code,
          path: '/contour',
          message: `a point on its surface [${point.join(', ')}] is outside the union of the member contours of intercommunality ${epci.siren}`,
        });
    }
  }
  for (const commune of data.communes) {
    const own = contours.get(commune.code);
    const point = commune.townHall.coordinates;
    if (own && !pointInMultiPolygon(point, own))
      problems.push({
        file: dataFiles.communes.file,
        record: commune.code,
        path: '/townHall',
        message: `town hall [${point.join(', ')}] is outside the commune's contour (data/${file} record "${commune.code}")`,
      });
    const contour = epciContours.get(commune.intercommunality.siren);
    if (contour && !pointInMultiPolygon(point, contour))
      problems.push({
        file: dataFiles.communes.file,
        record: commune.code,
        path: '/townHall',
        message: `town hall [${point.join(', ')}] is outside the contour of its intercommunality ${commune.intercommunality.siren} (the union of its members' contours)`,
      });
  }
  return problems;
}
