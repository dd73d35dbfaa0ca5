// /downloads/{file} and the home page: whole files with names and ETags, all listed in /v1/dataset.
import t from 'tap';
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { build, json, sharedDatabase } from '../helper.js';
import { publicationPath } from '../../src/build/publication.js';

t.test('every download listed in /v1/dataset answers with a file name and an ETag', async (t) => {
  const app = await build(t);
  const { downloads } = json(await app.inject('/v1/dataset'));
  t.strictSame(
    downloads.map((download: { file: string }) => download.file),
    [
      'pvd65-dataset.json',
      'communes.csv',
      'intercommunalities.csv',
      'members.csv',
      'conventions.csv',
      'measures.csv',
      'funding-links.csv',
      'datapackage.json',
      'communes.geojson',
      'intercommunalities.geojson',
      'pvd65.sqlite',
    ],
  );
  for (const download of downloads) {
    const response = await app.inject(download.url);
    t.equal(response.statusCode, 200, download.url);
    t.equal(response.headers['content-disposition'], `attachment; filename="${download.file}"`);
    t.match(response.headers['content-type'], new RegExp(`^${download.mediaType.replace('+', '\\+')}`));
    t.match(response.headers.etag, /^"[0-9a-f]{16}-/);
    t.equal((await app.inject({ url: download.url, headers: { 'if-none-match': response.headers.etag as string } })).statusCode, 304);
  }
});

t.test('the contents: whole dataset, CSV per collection, GeoJSON, the SQLite file itself', async (t) => {
  const app = await build(t);
  const whole = json(await app.inject('/downloads/pvd65-dataset.json'));
  t.strictSame(Object.keys(whole), ['dataset', 'programme', 'communes', 'intercommunalities', 'members', 'conventions', 'measures', 'funding-links']);
  t.equal(whole.communes.length, 14);
  t.equal(whole.members.length, 392);
  t.equal(whole.dataset.licence.id, 'etalab-2.0');
  t.strictSame(whole.communes[2], json(await app.inject('/v1/communes/65059')), 'the same records as the API');
  const members = parse((await app.inject('/downloads/members.csv')).body, { columns: true }) as Record<string, string>[];
  t.equal(members.length, 392, 'all members, not one page');
  t.equal(members.filter((row) => row.laureate === 'true').length, 14);
  const epcis = json(await app.inject('/downloads/intercommunalities.geojson'));
  t.equal(epcis.type, 'FeatureCollection');
  t.equal(epcis.features.length, 8);
  const sqlite = await app.inject('/downloads/pvd65.sqlite');
  t.ok(sqlite.rawPayload.equals(readFileSync(publicationPath(sharedDatabase()))), 'the publication database file');
  t.equal(sqlite.rawPayload.subarray(0, 15).toString(), 'SQLite format 3');
  t.equal((await app.inject('/downloads/secrets.txt')).statusCode, 404);
  t.equal((await app.inject('/downloads/..%2F..%2Fetc%2Fpasswd')).statusCode, 404);
  t.equal((await app.inject('/downloads/communes.csv?sep=;')).statusCode, 400);
});

t.test('home: HTML for browsers, a JSON index otherwise', async (t) => {
  const app = await build(t);
  const html = await app.inject({ url: '/', headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
  t.match(html.headers['content-type'], /^text\/html/);
  t.match(html.body, '<h1>Petites villes de demain dans les Hautes-Pyrénées</h1>');
  t.equal(html.body.match(/<tr><td>/g)?.length, 14, 'a row per town');
  t.match(html.body, 'CC des Coteaux du Val d&#39;Arros', 'names are escaped');
  t.match(html.body, 'href="/docs"');
  const index = await app.inject('/');
  t.match(index.headers['content-type'], /^application\/json/);
  t.equal(json(index).links.communes, '/v1/communes');
  t.not(html.headers.etag, index.headers.etag, 'two representations, two ETags');
  t.equal((await app.inject({ url: '/', headers: { accept: 'image/png' } })).statusCode, 406);
});
