// /v1/communes: the 14 laureate towns with the values of the reference files, their sources and links.
import t from 'tap';
import { build, json } from '../helper.js';

// Facts of the reference extracts (COG 2026, legal populations of reference year 2023, DGCL epcicom 2026, ANCT, La Poste), not of the code.
const expected: Record<
  string,
  { name: string; epci: string; arrondissement: string; municipal: number; total: number; signedOn: string; postalCodes: string[] }
> = {
  '65025': { name: 'Argelès-Gazost', epci: '200070811', arrondissement: '651', municipal: 2761, total: 2911, signedOn: '2021-06-24', postalCodes: ['65400'] },
  '65031': { name: 'Arreau', epci: '246500573', arrondissement: '652', municipal: 725, total: 744, signedOn: '2021-06-24', postalCodes: ['65240'] },
  '65059': {
    name: 'Bagnères-de-Bigorre',
    epci: '246500482',
    arrondissement: '652',
    municipal: 7114,
    total: 7375,
    signedOn: '2021-06-24',
    postalCodes: ['65200', '65710'],
  },
  '65129': { name: 'Castelnau-Magnoac', epci: '200070795', arrondissement: '653', municipal: 750, total: 761, signedOn: '2021-06-24', postalCodes: ['65230'] },
  '65138': { name: 'Cauterets', epci: '200070811', arrondissement: '651', municipal: 829, total: 856, signedOn: '2021-06-24', postalCodes: ['65110'] },
  '65258': { name: 'Lannemezan', epci: '200070787', arrondissement: '652', municipal: 5811, total: 5992, signedOn: '2021-06-24', postalCodes: ['65300'] },
  '65287': { name: 'Loures-Barousse', epci: '200070829', arrondissement: '652', municipal: 683, total: 686, signedOn: '2021-07-19', postalCodes: ['65370'] },
  '65304': { name: 'Maubourguet', epci: '200072106', arrondissement: '653', municipal: 2242, total: 2301, signedOn: '2021-10-29', postalCodes: ['65700'] },
  '65375': {
    name: 'Rabastens-de-Bigorre',
    epci: '200072106',
    arrondissement: '653',
    municipal: 1483,
    total: 1507,
    signedOn: '2021-10-29',
    postalCodes: ['65140'],
  },
  '65388': { name: 'Saint-Lary-Soulan', epci: '246500573', arrondissement: '652', municipal: 837, total: 854, signedOn: '2021-06-24', postalCodes: ['65170'] },
  '65389': {
    name: 'Saint-Laurent-de-Neste',
    epci: '200070829',
    arrondissement: '652',
    municipal: 964,
    total: 999,
    signedOn: '2021-07-19',
    postalCodes: ['65150'],
  },
  '65447': { name: 'Tournay', epci: '200070803', arrondissement: '653', municipal: 1362, total: 1383, signedOn: '2021-06-24', postalCodes: ['65190'] },
  '65452': { name: 'Trie-sur-Baïse', epci: '200070795', arrondissement: '653', municipal: 1006, total: 1019, signedOn: '2021-10-13', postalCodes: ['65220'] },
  '65460': { name: 'Vic-en-Bigorre', epci: '200072106', arrondissement: '653', municipal: 4845, total: 5098, signedOn: '2022-02-08', postalCodes: ['65500'] },
};
const withFranceServices = ['65031', '65059', '65258', '65304', '65375', '65388', '65389', '65447', '65452', '65460'];

t.test('GET /v1/communes lists the 14 laureate towns with the reference values', async (t) => {
  const app = await build(t);
  const response = await app.inject('/v1/communes');
  t.equal(response.statusCode, 200);
  t.match(response.headers['content-type'], /^application\/json/);
  const body = json(response);
  t.equal(body.meta.total, 14);
  t.strictSame(
    body.data.map((commune: { code: string }) => commune.code),
    Object.keys(expected),
    'ordered by INSEE code',
  );
  for (const commune of body.data) {
    const fact = expected[commune.code]!;
    t.equal(commune.name, fact.name, `${commune.code} name`);
    t.equal(commune.intercommunality.siren, fact.epci, `${commune.code} intercommunality`);
    t.equal(commune.arrondissement.code, fact.arrondissement);
    t.equal(commune.population.municipal, fact.municipal, `${commune.code} population`);
    t.equal(commune.population.total, fact.total);
    t.equal(commune.population.referenceYear, 2023, 'INSEE legal population of reference year 2023');
    t.equal(commune.population.inForceFrom, '2026-01-01');
    t.equal(commune.pvd.signedOn, fact.signedOn);
    t.strictSame(commune.postalCodes, fact.postalCodes);
    t.equal(commune.department.code, '65');
    t.equal(commune.region.code, '76');
    t.equal(commune.area.unit, 'ha');
    t.equal(commune.franceServices.length > 0, withFranceServices.includes(commune.code), `${commune.code} France Services`);
    t.ok(commune.sources.length > 0, 'sources');
    t.equal(commune.links.self, `/v1/communes/${commune.code}`);
    t.equal(commune.links.geoApiGouv, `https://geo.api.gouv.fr/communes/${commune.code}`);
    t.ok(
      commune.notes.some((note: { field: string; status: string }) => note.field === 'centre' && note.status === 'provisional'),
      'centre marked provisional',
    );
    t.ok(
      commune.notes.some((note: { field: string }) => note.field === 'pvd.signedOn'),
      'signing date explained',
    );
  }
});

t.test('GET /v1/communes/65059 is Bagnères-de-Bigorre', async (t) => {
  const app = await build(t);
  const response = await app.inject('/v1/communes/65059');
  t.equal(response.statusCode, 200);
  const commune = json(response);
  t.equal(commune.siren, '216500595');
  t.equal(commune.cantonCode, '6504');
  t.strictSame(commune.arrondissement, { code: '652', name: 'Bagnères-de-Bigorre' });
  t.strictSame(commune.intercommunality, { siren: '246500482', name: 'CC de la Haute-Bigorre' });
  t.strictSame(commune.area, { value: 12587, unit: 'ha' });
  t.strictSame(commune.centre, { type: 'Point', coordinates: [0.133, 42.976] });
  t.equal(commune.franceServices[0].id, '392');
  t.strictSame(commune.franceServices[0].location.coordinates, [0.151224, 43.06833]);
  t.strictSame(commune.links, {
    self: '/v1/communes/65059',
    page: '/communes/65059',
    conventions: '/v1/communes/65059/conventions',
    intercommunality: '/v1/intercommunalities/246500482',
    geoApiGouv: 'https://geo.api.gouv.fr/communes/65059',
    annuaireEntreprises: 'https://annuaire-entreprises.data.gouv.fr/entreprise/216500595',
  });
});

t.test('GET /v1/communes/{code}/conventions lists its adhesion and its ORT', async (t) => {
  const app = await build(t);
  const body = json(await app.inject('/v1/communes/65460/conventions'));
  t.strictSame(
    body.data.map((convention: { id: string }) => convention.id),
    ['adhesion-65460', 'ort-200072106'],
  );
  t.equal(body.data[1].signedOn, '2023-01-23');
});

t.test('unknown, malformed and nested-unknown codes are problems, not 500s', async (t) => {
  const app = await build(t);
  for (const [url, status] of [
    ['/v1/communes/99999', 404],
    ['/v1/communes/65440', 404],
    ['/v1/communes/abc', 400],
    ['/v1/communes/6505', 400],
    ['/v1/communes/99999/conventions', 404],
    ['/v1/communes/abc/conventions', 400],
    ['/v1/communes/65059/unknown', 404],
  ] as const) {
    const response = await app.inject(url);
    t.equal(response.statusCode, status, url);
    t.match(response.headers['content-type'], /^application\/problem\+json/, url);
    const problem = json(response);
    t.equal(problem.status, status);
    t.equal(problem.instance, url);
    t.type(problem.detail, 'string');
  }
  const malformed = json(await app.inject('/v1/communes/abc'));
  t.strictSame(malformed.errors, [{ in: 'path', name: 'code', detail: 'must match ^(?:[0-9]{2}|2[AB])[0-9]{3}$ (for example "65059")' }]);
  t.match(json(await app.inject('/v1/communes/99999')).detail, 'No commune with code "99999"');
});
