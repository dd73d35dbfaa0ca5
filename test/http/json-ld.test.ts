// /v1/dataset as JSON-LD (schema.org Dataset) for harvesters and dataset search engines, chosen by Accept.
import t from 'tap';
import { datasetJsonLd } from '../../src/formats/json-ld.js';
import { build, json } from '../helper.js';

t.test('Accept: application/ld+json gives a schema.org Dataset naming every download and source', async (t) => {
  const app = await build(t);
  const dataset = json(await app.inject('/v1/dataset'));
  const response = await app.inject({ url: '/v1/dataset', headers: { accept: 'application/ld+json', host: 'data.example.org' } });
  t.equal(response.statusCode, 200);
  t.match(response.headers['content-type'], /^application\/ld\+json; charset=utf-8/);
  t.equal(response.headers['cache-control'], 'no-cache', 'host-dependent: revalidated, not shared');
  const document = JSON.parse(response.body);
  t.match(document, {
    '@context': 'https://schema.org/',
    '@type': 'Dataset',
    '@id': 'http://data.example.org/v1/dataset',
    name: dataset.title,
    description: dataset.description,
    license: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/',
    dateModified: dataset.modified,
    version: dataset.version,
    keywords: dataset.keywords,
    creator: { '@type': 'Organization', name: dataset.publisher.name },
    publisher: { '@type': 'Organization', name: dataset.publisher.name },
    spatialCoverage: { '@type': 'AdministrativeArea', name: 'Hautes-Pyrénées' },
  });
  t.same(
    document.distribution.map((download: { name: string }) => download.name),
    dataset.downloads.map((download: { file: string }) => download.file),
    'every download, in order',
  );
  for (const download of document.distribution) {
    t.equal(download['@type'], 'DataDownload');
    t.match(download.contentUrl, /^http:\/\/data\.example\.org\/downloads\//, 'absolute contentUrl');
    t.type(download.encodingFormat, 'string');
    t.equal((await app.inject(download.contentUrl.replace('http://data.example.org', ''))).statusCode, 200, `${download.name} is there`);
  }
  t.same(
    document.isBasedOn.map((source: { identifier: string }) => source.identifier),
    dataset.sources.map((source: { id: string }) => source.id),
    'every source',
  );
  const other = JSON.parse((await app.inject({ url: '/v1/dataset', headers: { accept: 'application/ld+json', host: 'other.example' } })).body);
  t.equal(other['@id'], 'http://other.example/v1/dataset', "one client's Host never shows in another's answer");
});

t.test('JSON stays the default, and points to the JSON-LD', async (t) => {
  const app = await build(t);
  for (const accept of [undefined, '*/*', 'application/json', 'text/html,application/xhtml+xml,*/*;q=0.8']) {
    const response = await app.inject({ url: '/v1/dataset', headers: accept ? { accept } : {} });
    t.match(response.headers['content-type'], /^application\/json/, String(accept));
    t.equal(response.headers.link, '</v1/dataset>; rel="alternate"; type="application/ld+json"');
  }
  const dataset = json(await app.inject('/v1/dataset'));
  t.equal(datasetJsonLd(dataset, 'https://pvd65.example.org/')['@id'], 'https://pvd65.example.org/v1/dataset', 'a trailing slash in the origin');
});
