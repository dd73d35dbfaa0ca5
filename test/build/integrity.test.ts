// Every cross-file rule of src/build/integrity.ts, each broken alone in a copy of data/: loading it reports exactly
// the expected problems, with file, record, JSON path and message.
import t from 'tap';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadData } from '../../src/build/load.js';
import { DataError, type DataProblem } from '../../src/build/problems.js';
import { dataCopy, dataDir, editJson } from '../helper.js';

/** A curated file of data/, as it is. */
const curated = (file: string) => JSON.parse(readFileSync(join(dataDir, file), 'utf8')) as unknown[];

// Read as text, not loaded: a broken rule must fail a test, not this file's import.
const dataset = JSON.parse(readFileSync(join(dataDir, 'dataset.json'), 'utf8')) as { sources: { id: string }[] };
const known = dataset.sources.map((source) => source.id).join(', ');
const unknownSource = (source: string) => `cites source "${source}", which is not in data/dataset.json sources (known: ${known})`;

type Edit = (dir: string) => void;

/** The problems loading a copy of data/ changed by `edit` reports. */
function problemsAfter(test: Parameters<typeof dataCopy>[0], edit: Edit): DataProblem[] {
  const dir = dataCopy(test);
  edit(dir);
  try {
    loadData(dir);
  } catch (error) {
    if (error instanceof DataError) return error.problems;
    throw error;
  }
  return [];
}

const problem = (file: string, record: string | undefined, path: string, message: string): DataProblem => ({ file, record, path, message });

const cases: [string, Edit, DataProblem[]][] = [
  [
    'a record cites an unknown source',
    (dir) => editJson(dir, 'measures.json', (measures) => measures[0].sources.push('le-monde')),
    [problem('measures.json', 'project-manager-post', '/sources/1', unknownSource('le-monde'))],
  ],
  [
    'a nested list cites an unknown source (file without ids)',
    (dir) => editJson(dir, 'programme.json', (programme) => programme.timeline[2].sources.push('le-monde')),
    [problem('programme.json', undefined, '/timeline/2/sources/1', unknownSource('le-monde'))],
  ],
  [
    "a note's sources cite an unknown source",
    (dir) => editJson(dir, 'communes.json', (communes) => (communes[1].notes[0].sources = ['geo-communes-2025', 'blog'])),
    [
      problem('communes.json', '65031', '/notes/0/sources/1', unknownSource('blog')),
      problem(
        'communes.json',
        '65031',
        '/notes/0/sources/1',
        `note cites source "blog", which is not in this record's sources (${(curated('communes.json') as { sources: string[] }[])[1]!.sources.join(', ')}); add it there`,
      ),
    ],
  ],
  [
    'a source is cited by no record',
    (dir) => editJson(dir, 'dataset.json', (dataset) => dataset.sources.push({ ...dataset.sources[0], id: 'unused-source' })),
    [
      problem(
        'dataset.json',
        undefined,
        `/sources/${(curated('dataset.json') as unknown as { sources: unknown[] }).sources.length}`,
        'source "unused-source" is cited by no record; remove it or cite it',
      ),
    ],
  ],
  [
    'a note is about a field the record does not have',
    (dir) => editJson(dir, 'communes.json', (communes) => (communes[0].notes[0].field = 'centroid')),
    [problem('communes.json', '65025', '/notes/0/field', 'note is about "centroid", which is not a field of this record')],
  ],
  [
    'a note is about a nested field the record does not have, or a property of a string or a list',
    (dir) =>
      editJson(dir, 'communes.json', (communes) => {
        communes[0].notes[0].field = 'population.urban';
        communes[0].notes[1].field = 'name.length';
        communes[0].notes[2].field = 'postalCodes.length';
      }),
    [
      problem('communes.json', '65025', '/notes/0/field', 'note is about "population.urban", which is not a field of this record'),
      problem('communes.json', '65025', '/notes/1/field', 'note is about "name.length", which is not a field of this record'),
      problem('communes.json', '65025', '/notes/2/field', 'note is about "postalCodes.length", which is not a field of this record'),
    ],
  ],
  [
    'a note is about a field under a null value',
    (dir) => editJson(dir, 'intercommunalities.json', (epcis) => (epcis[0].notes[0].field = 'seat.code')),
    [problem('intercommunalities.json', '200070787', '/notes/0/field', 'note is about "seat.code", which is not a field of this record')],
  ],
  [
    'a note of a file without ids is about a missing field',
    (dir) => editJson(dir, 'programme.json', (programme) => (programme.notes[0].field = 'nowhere')),
    [problem('programme.json', undefined, '/notes/0/field', 'note is about "nowhere", which is not a field of this record')],
  ],
  [
    "a commune's intercommunality is not in the file",
    (dir) => editJson(dir, 'communes.json', (communes) => (communes[0].intercommunality.siren = '200000000')),
    [
      problem('communes.json', '65025', '/intercommunality/siren', 'intercommunality "200000000" is not in data/intercommunalities.json'),
      problem('conventions.json', 'adhesion-65025', '/communes/0/code', 'commune 65025 belongs to intercommunality 200000000, not 200070811'),
      problem('conventions.json', 'ort-200070811', '/communes/0/code', 'commune 65025 belongs to intercommunality 200000000, not 200070811'),
    ],
  ],
  [
    "a commune names its intercommunality otherwise than the intercommunality's record",
    (dir) => editJson(dir, 'communes.json', (communes) => (communes[0].intercommunality.name = 'CC des Gaves')),
    [problem('communes.json', '65025', '/intercommunality/name', 'is "CC des Gaves" but intercommunality 200070811 is named "CC Pyrénées Vallées des Gaves"')],
  ],
  [
    'a laureate is not among the members of its intercommunality',
    (dir) =>
      editJson(dir, 'intercommunalities.json', (epcis) => {
        const gaves = epcis.find((epci: { siren: string }) => epci.siren === '200070811');
        gaves.members = gaves.members.filter((member: { code: string }) => member.code !== '65138');
        gaves.memberCount = gaves.members.length;
      }),
    [
      problem('communes.json', '65138', '/intercommunality/siren', 'commune is not among the members of intercommunality 200070811'),
      problem('contours.json', '65138', '/code', 'commune 65138 is a member of no intercommunality in data/intercommunalities.json'),
    ],
  ],
  [
    "a member's SIREN disagrees with the commune's",
    (dir) =>
      editJson(dir, 'intercommunalities.json', (epcis) => {
        const gaves = epcis.find((epci: { siren: string }) => epci.siren === '200070811');
        gaves.members.find((member: { code: string }) => member.code === '65025').siren = '216500000';
      }),
    [problem('communes.json', '65025', '/siren', 'is 216500256 but the member list of 200070811 gives 216500000')],
  ],
  [
    'a member count disagrees with the member list',
    (dir) => editJson(dir, 'intercommunalities.json', (epcis) => (epcis[5].memberCount += 1)),
    [problem('intercommunalities.json', '200072106', '/memberCount', 'is 73 but the member list has 72 communes')],
  ],
  [
    'a member is listed twice',
    (dir) =>
      editJson(dir, 'intercommunalities.json', (epcis) => {
        epcis[0].members.push(epcis[0].members[3]);
        epcis[0].memberCount += 1;
      }),
    [problem('intercommunalities.json', '200070787', '/members/57/code', 'duplicate member "65041"')],
  ],
  [
    "an intercommunality's départements are not those of its members",
    (dir) => editJson(dir, 'intercommunalities.json', (epcis) => (epcis[0].departments = ['64', '65'])),
    [problem('intercommunalities.json', '200070787', '/departments', 'are 64, 65 but its members are in 65')],
  ],
  [
    "an intercommunality's départements are more than one, its members' less",
    (dir) =>
      editJson(dir, 'intercommunalities.json', (epcis) => {
        epcis[5].departments = ['65'];
      }),
    [problem('intercommunalities.json', '200072106', '/departments', 'are 65 but its members are in 64, 65')],
  ],
  [
    'the order of départements and members does not matter',
    (dir) =>
      editJson(dir, 'intercommunalities.json', (epcis) => {
        epcis[5].departments = ['65', '64'];
        epcis[5].members.reverse();
      }),
    [],
  ],
  [
    'a seat is not a member',
    (dir) => editJson(dir, 'intercommunalities.json', (epcis) => (epcis[1].seat = { code: '65025', name: 'Argelès-Gazost' })),
    [problem('intercommunalities.json', '200070795', '/seat/code', 'seat "65025" is not a member')],
  ],
  [
    'an intercommunality has no laureate (and the count of intercommunalities is then wrong)',
    (dir) => editJson(dir, 'intercommunalities.json', (epcis) => epcis.push({ ...epcis[6], siren: '246500999', name: 'CC Test', seat: null })),
    [
      problem('intercommunalities.json', '246500999', '', 'has no laureate commune in data/communes.json'),
      problem('programme.json', undefined, '/department/intercommunalityCount', 'is 8 but there are 9 intercommunalities in data/intercommunalities.json'),
    ],
  ],
  [
    "a convention's intercommunality is not in the file",
    (dir) => editJson(dir, 'conventions.json', (conventions) => (conventions[0].intercommunality.siren = '200000000')),
    [
      problem('conventions.json', 'adhesion-65025', '/intercommunality/siren', 'intercommunality "200000000" is not in data/intercommunalities.json'),
      problem('conventions.json', 'adhesion-65025', '/communes/0/code', 'commune 65025 belongs to intercommunality 200070811, not 200000000'),
    ],
  ],
  [
    "a convention names its intercommunality otherwise than the intercommunality's record",
    (dir) => editJson(dir, 'conventions.json', (conventions) => (conventions[0].intercommunality.name = 'CC des Gaves')),
    [
      problem(
        'conventions.json',
        'adhesion-65025',
        '/intercommunality/name',
        'is "CC des Gaves" but intercommunality 200070811 is named "CC Pyrénées Vallées des Gaves"',
      ),
    ],
  ],
  [
    "a convention's commune is not in the file",
    (dir) => editJson(dir, 'conventions.json', (conventions) => (conventions[0].communes[0].code = '65999')),
    [problem('conventions.json', 'adhesion-65025', '/communes/0/code', 'commune "65999" is not in data/communes.json')],
  ],
  [
    "a convention names a commune otherwise than the commune's record",
    (dir) => editJson(dir, 'conventions.json', (conventions) => (conventions[0].communes[0].name = 'Argeles')),
    [problem('conventions.json', 'adhesion-65025', '/communes/0/name', 'is "Argeles" but commune 65025 is named "Argelès-Gazost"')],
  ],
  [
    "a convention's commune belongs to another intercommunality",
    (dir) => editJson(dir, 'conventions.json', (conventions) => (conventions[0].communes[0] = { code: '65031', name: 'Arreau' })),
    [problem('conventions.json', 'adhesion-65025', '/communes/0/code', 'commune 65031 belongs to intercommunality 246500573, not 200070811')],
  ],
  [
    'a funding link names an unknown measure',
    (dir) => editJson(dir, 'funding-links.json', (links) => links[0].measures.push('no-such-measure')),
    [problem('funding-links.json', 'aides-territoires', '/measures/3', 'measure "no-such-measure" is not in data/measures.json')],
  ],
  [
    'the stated number of laureates is wrong',
    (dir) => editJson(dir, 'programme.json', (programme) => (programme.department.laureateCount = 15)),
    [problem('programme.json', undefined, '/department/laureateCount', 'is 15 but there are 14 communes in data/communes.json')],
  ],
  [
    'the stated number of ORT conventions is wrong',
    (dir) => editJson(dir, 'programme.json', (programme) => (programme.department.ortConventionCount = 9)),
    [problem('programme.json', undefined, '/department/ortConventionCount', 'is 9 but there are 8 ORT conventions in data/conventions.json')],
  ],
  [
    'an ORT convention was signed on another day than the programme says',
    (dir) =>
      editJson(dir, 'conventions.json', (conventions) => {
        conventions.find((convention: { id: string }) => convention.id === 'ort-200070787').signedOn = '2023-02-01';
        // An adhesion convention's date is its own: not checked against the ORT date.
        conventions[0].signedOn = '2021-06-25';
      }),
    [problem('conventions.json', 'ort-200070787', '/signedOn', 'is 2023-02-01 but data/programme.json gives 2023-01-23 for the ORT conventions')],
  ],
];

t.test('the curated data/ breaks no rule', async (t) => {
  t.strictSame(
    problemsAfter(t, () => undefined),
    [],
  );
});

for (const [rule, edit, expected] of cases) {
  t.test(rule, async (t) => {
    t.strictSame(problemsAfter(t, edit), expected);
  });
}
