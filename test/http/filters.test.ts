// Declared filters of every collection: equality, any-of lists, inclusive bounds, booleans, JSON-array columns.
import t from 'tap';
import { build, json } from '../helper.js';

async function codes(app: Awaited<ReturnType<typeof build>>, url: string, id = 'code'): Promise<string[]> {
  const response = await app.inject(url);
  t.equal(response.statusCode, 200, url);
  return json(response).data.map((item: Record<string, string>) => item[id]);
}

t.test('communes', async (t) => {
  const app = await build(t);
  t.strictSame(await codes(app, '/v1/communes?intercommunality=200072106'), ['65304', '65375', '65460']);
  t.strictSame(await codes(app, '/v1/communes?intercommunality=200072106,246500482'), ['65059', '65304', '65375', '65460'], 'a list means any of them');
  t.strictSame(await codes(app, '/v1/communes?arrondissement=651'), ['65025', '65138']);
  t.strictSame(await codes(app, '/v1/communes?postalCode=65710'), ['65059'], 'second postal code of Bagnères');
  t.strictSame(await codes(app, '/v1/communes?postalCode=65200,65500'), ['65059', '65460']);
  t.strictSame(await codes(app, '/v1/communes?populationMin=4845'), ['65059', '65258', '65460'], 'inclusive lower bound (Vic: 4845)');
  t.strictSame(await codes(app, '/v1/communes?populationMax=725'), ['65031', '65287'], 'inclusive upper bound (Arreau: 725)');
  t.strictSame(await codes(app, '/v1/communes?populationMin=700&populationMax=800'), ['65031', '65129']);
  t.strictSame(await codes(app, '/v1/communes?signedFrom=2021-10-01'), ['65304', '65375', '65452', '65460']);
  t.strictSame(await codes(app, '/v1/communes?signedFrom=2021-07-19&signedTo=2021-10-13'), ['65287', '65389', '65452'], 'both bounds inclusive');
  t.strictSame(await codes(app, '/v1/communes?hasFranceServices=false'), ['65025', '65129', '65138', '65287']);
  t.equal((await codes(app, '/v1/communes?hasFranceServices=true')).length, 10);
  t.strictSame(await codes(app, '/v1/communes?code=65460,65025'), ['65025', '65460']);
  t.strictSame(await codes(app, '/v1/communes?department=64'), [], 'no match is an empty list');
});

t.test('intercommunalities', async (t) => {
  const app = await build(t);
  t.strictSame(await codes(app, '/v1/intercommunalities?taxRegime=FA', 'siren'), ['200070787', '200070795', '200070829', '246500573']);
  t.equal((await codes(app, '/v1/intercommunalities?legalForm=CC', 'siren')).length, 8);
  t.strictSame(await codes(app, '/v1/intercommunalities?legalForm=CA', 'siren'), []);
  t.strictSame(await codes(app, '/v1/intercommunalities?department=64', 'siren'), ['200072106'], 'Adour Madiran spans 64');
  t.strictSame(await codes(app, '/v1/intercommunalities?populationMin=16995', 'siren'), ['200070787', '200072106', '246500482']);
});

t.test('members', async (t) => {
  const app = await build(t);
  const base = '/v1/intercommunalities/200072106/members';
  t.equal((await codes(app, `${base}?department=64&limit=500`)).length, 11);
  t.strictSame(await codes(app, `${base}?laureate=true`), ['65304', '65375', '65460']);
  t.equal((await codes(app, `${base}?laureate=false&limit=500`)).length, 69);
  t.strictSame(await codes(app, `${base}?populationMin=2000`), ['65304', '65460']);
  const scoped = await app.inject(`${base}?intercommunality=246500482`);
  t.equal(scoped.statusCode, 400, 'the scope of a related list is not a parameter');
});

t.test('conventions', async (t) => {
  const app = await build(t);
  t.equal((await codes(app, '/v1/conventions?type=ort', 'id')).length, 8);
  t.equal((await codes(app, '/v1/conventions?type=adhesion,ort', 'id')).length, 22);
  t.strictSame(await codes(app, '/v1/conventions?commune=65129', 'id'), ['adhesion-65129', 'ort-200070795']);
  t.strictSame(await codes(app, '/v1/conventions?intercommunality=246500482', 'id'), ['adhesion-65059', 'ort-246500482']);
  t.strictSame(await codes(app, '/v1/conventions?signedFrom=2021-10-13&signedTo=2022-12-31', 'id'), [
    'adhesion-65304',
    'adhesion-65375',
    'adhesion-65452',
    'adhesion-65460',
  ]);
});

t.test('measures and funding links', async (t) => {
  const app = await build(t);
  t.strictSame(await codes(app, '/v1/measures?category=financing', 'id'), ['brownfield-reconversion']);
  t.strictSame(await codes(app, '/v1/measures?category=public-services,financing', 'id'), ['brownfield-reconversion', 'france-services-network']);
  t.strictSame(await codes(app, '/v1/funding-links?provider=data-gouv', 'id'), ['anct-pvd-dataset']);
  t.strictSame(await codes(app, '/v1/funding-links?kind=guide', 'id'), ['programme-guide', 'service-offer']);
  t.strictSame(await codes(app, '/v1/funding-links?measure=france-services-network', 'id'), ['pvd-portal', 'service-offer']);
});
