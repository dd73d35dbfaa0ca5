// Writes data/contours.json: the contour of every member commune of the intercommunalities, from the reference
// extracts (IGN Admin Express COG 2018 via gregoiredavid/france-geojson), wrapped as MultiPolygons and rewound to
// RFC 7946. Re-run it whenever data/intercommunalities.json or the extracts change; never edit the output by hand.
//   npx tsx scripts/contours.ts [--reference ../shared/reference] [--data data]
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import rewind from '@mapbox/geojson-rewind';
import type { MultiPolygon, Polygon } from 'geojson';
import { projectRoot } from '../src/config.js';
import type { CuratedData } from '../src/schemas/data-files.js';
import type { ContourRecordType } from '../src/schemas/contour.js';

const { values: args } = parseArgs({ options: { reference: { type: 'string' }, data: { type: 'string' } } });
const referenceDir = resolve(args.reference ?? join(projectRoot, '..', 'shared', 'reference'));
const dataDir = resolve(args.data ?? join(projectRoot, 'data'));

// One dataset source per extract: each record cites the file its contour comes from.
const extracts = [
  { path: 'hautes-pyrenees/communes-65-contours-2018.geojson', source: 'ign-admin-express-2018-65' },
  { path: 'hautes-pyrenees/communes-64-adour-madiran-contours-2018.geojson', source: 'ign-admin-express-2018-64' },
];

interface ContourFeature {
  properties: { code: string; nom: string };
  geometry: Polygon | MultiPolygon;
}

const features = new Map<string, { feature: ContourFeature; source: string }>();
for (const extract of extracts) {
  const collection = JSON.parse(readFileSync(join(referenceDir, extract.path), 'utf8')) as { features: ContourFeature[] };
  for (const feature of collection.features) features.set(feature.properties.code, { feature, source: extract.source });
}

// Communes of the 2018 files that the COG 2026 makes part of another commune: the other's 2018 contour lacks them.
const absorbed = new Map<string, { code: string; name: string; kind: string }[]>();
const [header = '', ...rows] = readFileSync(join(referenceDir, 'national', 'cog2026-communes.csv'), 'utf8')
  .trim()
  .split(/\r?\n/);
const columns = header.split(',');
for (const row of rows) {
  const cells = row.split(',');
  if (cells.length !== columns.length) throw new Error(`cog2026-communes.csv: unexpected row ${row}`);
  const cell = Object.fromEntries(columns.map((name, index) => [name, cells[index] as string]));
  const [kind, child, parent] = [cell.TYPECOM, cell.COM as string, cell.COMPARENT as string];
  if ((kind === 'COMD' || kind === 'COMA') && child !== parent && features.has(child)) {
    absorbed.set(parent, [...(absorbed.get(parent) ?? []), { code: child, name: cell.LIBELLE as string, kind: kind === 'COMD' ? 'déléguée' : 'associée' }]);
  }
}

const intercommunalities = JSON.parse(readFileSync(join(dataDir, 'intercommunalities.json'), 'utf8')) as CuratedData['intercommunalities'];
const members = intercommunalities.flatMap((epci) => epci.members).sort((a, b) => (a.code < b.code ? -1 : 1));
const records: ContourRecordType[] = members.map((member) => {
  const found = features.get(member.code);
  if (!found) throw new Error(`No contour for member ${member.code} ${member.name} in ${extracts.map((extract) => extract.path).join(', ')}`);
  const geometry = rewind(structuredClone(found.feature.geometry), false);
  const notes: ContourRecordType['notes'] = (absorbed.get(member.code) ?? []).map((part) => ({
    field: 'contour',
    status: 'conflicting-sources',
    text:
      `The COG 2026 lists ${part.name} (${part.code}) as a commune ${part.kind} of ${member.name} (${member.code}); this contour, of ${found.feature.properties.nom} in the COG 2018, ` +
      `predates the merger and lacks ${part.name}'s part, which the 2018 file gives as a commune of its own. The union of its intercommunality's member contours has a gap there.`,
    sources: [found.source, 'cog-2026'],
  }));
  return {
    code: member.code,
    name: member.name,
    contour: { type: 'MultiPolygon', coordinates: geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates },
    notes,
    sources: notes.length > 0 ? [found.source, 'cog-2026'] : [found.source],
  };
});

// Indented like the other files, each contour on one line: a diff shows which communes changed.
const text = `[\n${records
  .map((record) =>
    JSON.stringify({ ...record, contour: '\0' }, null, 2)
      .replace('"\\u0000"', JSON.stringify(record.contour))
      .replace(/^/gm, '  '),
  )
  .join(',\n')}\n]\n`;
writeFileSync(join(dataDir, 'contours.json'), text);
const positions = records.reduce((sum, record) => sum + record.contour.coordinates.flat(2).length, 0);
console.log(`Wrote ${join(dataDir, 'contours.json')}: ${records.length} contours, ${positions} positions, ${absorbed.size} with a merged part noted.`);
