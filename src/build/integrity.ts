// Cross-file checks of data/: every reference resolves, names agree, counts agree with the programme record.
import type { CuratedData } from './load.js';
import { dataFiles } from '../schemas/data-files.js';
import type { DataProblem } from './problems.js';

type Json = unknown;

/** Calls `visit` with every array named `sources` inside `value`, and its JSON Pointer. */
function eachSourceList(value: Json, path: string, visit: (ids: string[], path: string) => void) {
  if (Array.isArray(value)) value.forEach((item, index) => eachSourceList(item, `${path}/${index}`, visit));
  else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === 'sources' && Array.isArray(child)) visit(child as string[], `${path}/sources`);
      else eachSourceList(child, `${path}/${key}`, visit);
    }
  }
}

function hasPath(record: Json, dotted: string): boolean {
  let node = record;
  for (const key of dotted.split('.')) {
    if (node === null || typeof node !== 'object' || Array.isArray(node) || !Object.hasOwn(node, key)) return false;
    node = (node as Record<string, Json>)[key];
  }
  return true;
}

export function checkIntegrity(data: CuratedData): DataProblem[] {
  const problems: DataProblem[] = [];
  const problem = (file: string, record: string | undefined, path: string, message: string) => problems.push({ file, record, path, message });

  // Sources: every cited id is in the dataset's list, and every listed source is cited.
  const sourceIds = new Set(data.dataset.sources.map((source) => source.id));
  const cited = new Set<string>();
  for (const [key, spec] of Object.entries(dataFiles)) {
    if (spec === dataFiles.dataset) continue; // its `sources` is the list itself
    const value = data[key as keyof CuratedData] as Json;
    const records: [string | undefined, Json][] =
      'id' in spec ? (value as Record<string, Json>[]).map((item) => [String(item[spec.id]), item]) : [[undefined, value]];
    for (const [id, record] of records) {
      eachSourceList(record, '', (ids, path) =>
        ids.forEach((source, index) => {
          cited.add(source);
          if (!sourceIds.has(source)) {
            problem(
              spec.file,
              id,
              `${path}/${index}`,
              `cites source "${source}", which is not in data/dataset.json sources (known: ${[...sourceIds].join(', ')})`,
            );
          }
        }),
      );
      const { notes = [], sources: recordSources = [] } = record as { notes?: { field: string; sources?: string[] }[]; sources?: string[] };
      notes.forEach((note, index) => {
        if (!hasPath(record, note.field)) problem(spec.file, id, `/notes/${index}/field`, `note is about "${note.field}", which is not a field of this record`);
        // A note's evidence is part of the record's: a reader of `sources` must see every source the notes rely on.
        note.sources?.forEach((source, position) => {
          if (!recordSources.includes(source))
            problem(
              spec.file,
              id,
              `/notes/${index}/sources/${position}`,
              `note cites source "${source}", which is not in this record's sources (${recordSources.join(', ')}); add it there`,
            );
        });
      });
    }
  }
  data.dataset.sources.forEach((source, index) => {
    if (!cited.has(source.id))
      problem(dataFiles.dataset.file, undefined, `/sources/${index}`, `source "${source.id}" is cited by no record; remove it or cite it`);
  });

  // Communes ↔ intercommunalities.
  const epcis = new Map(data.intercommunalities.map((epci) => [epci.siren, epci]));
  const communes = new Map(data.communes.map((commune) => [commune.code, commune]));
  for (const commune of data.communes) {
    const file = dataFiles.communes.file;
    const epci = epcis.get(commune.intercommunality.siren);
    if (!epci) {
      problem(file, commune.code, '/intercommunality/siren', `intercommunality "${commune.intercommunality.siren}" is not in data/intercommunalities.json`);
      continue;
    }
    if (epci.name !== commune.intercommunality.name)
      problem(file, commune.code, '/intercommunality/name', `is "${commune.intercommunality.name}" but intercommunality ${epci.siren} is named "${epci.name}"`);
    const member = epci.members.find((item) => item.code === commune.code);
    if (!member) problem(file, commune.code, '/intercommunality/siren', `commune is not among the members of intercommunality ${epci.siren}`);
    else if (member.siren !== commune.siren)
      problem(file, commune.code, '/siren', `is ${commune.siren} but the member list of ${epci.siren} gives ${member.siren}`);
  }
  for (const epci of data.intercommunalities) {
    const file = dataFiles.intercommunalities.file;
    if (epci.memberCount !== epci.members.length)
      problem(file, epci.siren, '/memberCount', `is ${epci.memberCount} but the member list has ${epci.members.length} communes`);
    const codes = new Set<string>();
    epci.members.forEach((member, index) => {
      if (codes.has(member.code)) problem(file, epci.siren, `/members/${index}/code`, `duplicate member "${member.code}"`);
      codes.add(member.code);
    });
    const departments = [...new Set(epci.members.map((member) => member.department))].sort();
    if (departments.join() !== [...epci.departments].sort().join())
      problem(file, epci.siren, '/departments', `are ${epci.departments.join(', ')} but its members are in ${departments.join(', ')}`);
    if (epci.seat && !codes.has(epci.seat.code)) problem(file, epci.siren, '/seat/code', `seat "${epci.seat.code}" is not a member`);
    if (!data.communes.some((commune) => commune.intercommunality.siren === epci.siren))
      problem(file, epci.siren, '', 'has no laureate commune in data/communes.json');
  }

  // Contours: one per member commune, no other, under the member's name.
  const memberNames = new Map(data.intercommunalities.flatMap((epci) => epci.members.map((member) => [member.code, member.name] as const)));
  const contoured = new Set<string>();
  for (const record of data.contours) {
    const file = dataFiles.contours.file;
    contoured.add(record.code);
    const name = memberNames.get(record.code);
    if (name === undefined) problem(file, record.code, '/code', `commune ${record.code} is a member of no intercommunality in data/intercommunalities.json`);
    else if (name !== record.name) problem(file, record.code, '/name', `is "${record.name}" but the member ${record.code} is named "${name}"`);
  }
  data.intercommunalities.forEach((epci) =>
    epci.members.forEach((member, index) => {
      if (!contoured.has(member.code))
        problem(
          dataFiles.intercommunalities.file,
          epci.siren,
          `/members/${index}/code`,
          `member ${member.code} has no contour in data/contours.json (run scripts/contours.ts)`,
        );
    }),
  );

  // Conventions.
  data.conventions.forEach((convention) => {
    const file = dataFiles.conventions.file;
    const epci = epcis.get(convention.intercommunality.siren);
    if (!epci)
      problem(file, convention.id, '/intercommunality/siren', `intercommunality "${convention.intercommunality.siren}" is not in data/intercommunalities.json`);
    else if (epci.name !== convention.intercommunality.name)
      problem(
        file,
        convention.id,
        '/intercommunality/name',
        `is "${convention.intercommunality.name}" but intercommunality ${epci.siren} is named "${epci.name}"`,
      );
    convention.communes.forEach((ref, index) => {
      const commune = communes.get(ref.code);
      if (!commune) problem(file, convention.id, `/communes/${index}/code`, `commune "${ref.code}" is not in data/communes.json`);
      else if (commune.name !== ref.name)
        problem(file, convention.id, `/communes/${index}/name`, `is "${ref.name}" but commune ${ref.code} is named "${commune.name}"`);
      else if (commune.intercommunality.siren !== convention.intercommunality.siren)
        problem(
          file,
          convention.id,
          `/communes/${index}/code`,
          `commune ${ref.code} belongs to intercommunality ${commune.intercommunality.siren}, not ${convention.intercommunality.siren}`,
        );
    });
  });

  // Funding links → measures.
  const measures = new Set(data.measures.map((measure) => measure.id));
  data.fundingLinks.forEach((link) =>
    link.measures.forEach((measure, index) => {
      if (!measures.has(measure)) problem(dataFiles.fundingLinks.file, link.id, `/measures/${index}`, `measure "${measure}" is not in data/measures.json`);
    }),
  );

  // Counts stated by the programme record.
  const department = data.programme.department;
  const orts = data.conventions.filter((convention) => convention.type === 'ort');
  const counts: [string, number, number, string][] = [
    ['laureateCount', department.laureateCount, data.communes.length, 'communes in data/communes.json'],
    ['intercommunalityCount', department.intercommunalityCount, data.intercommunalities.length, 'intercommunalities in data/intercommunalities.json'],
    ['ortConventionCount', department.ortConventionCount, orts.length, 'ORT conventions in data/conventions.json'],
  ];
  for (const [field, stated, actual, what] of counts) {
    if (stated !== actual) problem(dataFiles.programme.file, undefined, `/department/${field}`, `is ${stated} but there are ${actual} ${what}`);
  }
  orts.forEach((convention) => {
    if (convention.signedOn !== department.ortSignedOn)
      problem(
        dataFiles.conventions.file,
        convention.id,
        '/signedOn',
        `is ${convention.signedOn} but data/programme.json gives ${department.ortSignedOn} for the ORT conventions`,
      );
  });
  return problems;
}
