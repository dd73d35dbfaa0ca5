// Loading data/: the real files pass; each kind of fault is reported with its file, record and JSON path.
import t from 'tap';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataVersion, loadData } from '../../src/build/load.js';
import { DataError } from '../../src/build/problems.js';
import { dataCopy, dataDir, editJson } from '../helper.js';

function problemsOf(dir: string): string {
  try {
    loadData(dir);
  } catch (error) {
    if (error instanceof DataError) return error.message;
    throw error;
  }
  throw new Error('data/ was accepted');
}

t.test('the curated data/ is valid and complete', async (t) => {
  const { data, version } = loadData(dataDir);
  t.equal(data.communes.length, 14);
  t.equal(data.intercommunalities.length, 8);
  t.equal(data.conventions.filter((c) => c.type === 'adhesion').length, 14);
  t.equal(data.conventions.filter((c) => c.type === 'ort').length, 8);
  t.match(version, /^[0-9a-f]{16}$/);
  t.equal(data.dataset.licence.id, 'etalab-2.0');
  t.equal(data.communes.filter((c) => c.franceServices.length > 0).length, 10, '10 of the 14 towns have a France Services');
});

t.test('the version is a content hash of data/', async (t) => {
  const dir = dataCopy(t);
  t.equal(dataVersion(dir), dataVersion(dataDir), 'same bytes, same version');
  editJson(dir, 'measures.json', (measures) => (measures[0].description += ' '));
  t.not(dataVersion(dir), dataVersion(dataDir), 'one byte changed, new version');
});

t.test('a wrong type names the file, the record and the JSON path', async (t) => {
  const dir = dataCopy(t);
  editJson(dir, 'communes.json', (communes) => (communes[2].population.total = '7375'));
  const message = problemsOf(dir);
  t.match(message, 'data/communes.json record "65059" at /population/total');
  t.match(message, /Expected integer/);
});

t.test('a missing field is reported', async (t) => {
  const dir = dataCopy(t);
  editJson(dir, 'intercommunalities.json', (epcis) => delete epcis[0].taxRegime);
  t.match(problemsOf(dir), /data\/intercommunalities\.json record "200070787" at \/taxRegime: Expected required property/);
});

t.test('an unknown field is reported', async (t) => {
  const dir = dataCopy(t);
  editJson(dir, 'measures.json', (measures) => (measures[0].budget = 1000));
  t.match(problemsOf(dir), /data\/measures\.json record "project-manager-post" at \/budget/);
});

t.test('a duplicate id is reported with both records', async (t) => {
  const dir = dataCopy(t);
  editJson(dir, 'conventions.json', (conventions) => (conventions[1].id = conventions[0].id));
  t.match(problemsOf(dir), /data\/conventions\.json record "adhesion-65025" at \/1\/id: duplicate id "adhesion-65025" \(first used by record #0\)/);
});

t.test('a dangling reference is reported', async (t) => {
  const dir = dataCopy(t);
  editJson(dir, 'communes.json', (communes) => (communes[0].intercommunality.siren = '200000000'));
  t.match(
    problemsOf(dir),
    /data\/communes\.json record "65025" at \/intercommunality\/siren: intercommunality "200000000" is not in data\/intercommunalities\.json/,
  );
});

t.test('a reference whose name disagrees is reported', async (t) => {
  const dir = dataCopy(t);
  editJson(dir, 'conventions.json', (conventions) => (conventions[0].communes[0].name = 'Argeles'));
  t.match(problemsOf(dir), /record "adhesion-65025" at \/communes\/0\/name: is "Argeles" but commune 65025 is named "Argelès-Gazost"/);
});

t.test('an unknown source id and an uncited source are reported', async (t) => {
  const dir = dataCopy(t);
  editJson(dir, 'measures.json', (measures) => (measures[0].sources = ['le-monde']));
  editJson(dir, 'dataset.json', (dataset) => dataset.sources.push({ ...dataset.sources[0], id: 'unused-source' }));
  const message = problemsOf(dir);
  t.match(message, /data\/measures\.json record "project-manager-post" at \/sources\/0: cites source "le-monde"/);
  t.match(message, /data\/dataset\.json at \/sources\/13: source "unused-source" is cited by no record/);
});

t.test('a note citing a source its record does not list is reported', async (t) => {
  const dir = dataCopy(t);
  editJson(dir, 'communes.json', (communes) => (communes[0].sources = communes[0].sources.filter((id: string) => id !== 'geo-communes-2025')));
  editJson(dir, 'programme.json', (programme) => (programme.sources = programme.sources.filter((id: string) => id !== 'populations-2023')));
  const message = problemsOf(dir);
  t.match(
    message,
    /data\/communes\.json record "65025" at \/notes\/0\/sources\/0: note cites source "geo-communes-2025", which is not in this record's sources/,
  );
  t.match(message, /data\/communes\.json record "65025" at \/notes\/1\/sources\/0: note cites source "geo-communes-2025"/);
  t.match(message, /data\/programme\.json at \/notes\/0\/sources\/2: note cites source "populations-2023"/);
});

t.test('a note about a field the record does not have is reported', async (t) => {
  const dir = dataCopy(t);
  editJson(dir, 'communes.json', (communes) => (communes[0].notes[0].field = 'centroid'));
  t.match(problemsOf(dir), /record "65025" at \/notes\/0\/field: note is about "centroid"/);
});

t.test('counts must agree with the programme record', async (t) => {
  const dir = dataCopy(t);
  editJson(dir, 'communes.json', (communes) => communes.pop());
  const message = problemsOf(dir);
  t.match(message, /data\/programme\.json at \/department\/laureateCount: is 14 but there are 13 communes/);
});

t.test('a member count that disagrees with the member list is reported', async (t) => {
  const dir = dataCopy(t);
  editJson(dir, 'intercommunalities.json', (epcis) => epcis[5].members.pop());
  t.match(problemsOf(dir), /record "200072106" at \/memberCount: is 72 but the member list has 71 communes/);
});

t.test('a file that is not JSON is reported with its line and column', async (t) => {
  const dir = dataCopy(t);
  writeFileSync(join(dir, 'measures.json'), '[\n  {"id": "x",,}\n]');
  t.match(problemsOf(dir), /data\/measures\.json at \/: is not valid JSON at line 2, column \d+/);
});

t.test('a missing file is reported', async (t) => {
  const dir = dataCopy(t);
  writeFileSync(join(dir, 'programme.json'), '');
  t.match(problemsOf(dir), /data\/programme\.json at \/: is not valid JSON/);
});
