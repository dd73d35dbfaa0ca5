// /v1/conventions, /v1/measures, /v1/funding-links, /v1/programme, /v1/dataset, /health.
import t from 'tap';
import { build, json } from '../helper.js';

t.test('conventions: 14 adhésions and 8 ORT, each with sources and links', async (t) => {
  const app = await build(t);
  const body = json(await app.inject('/v1/conventions'));
  t.equal(body.meta.total, 22);
  for (const convention of body.data) {
    t.ok(convention.sources.length > 0);
    t.equal(convention.links.self, `/v1/conventions/${convention.id}`);
  }
  const ort = json(await app.inject('/v1/conventions/ort-246500573'));
  t.equal(ort.type, 'ort');
  t.equal(ort.signedOn, '2023-01-23');
  t.strictSame(
    ort.communes.map((commune: { code: string }) => commune.code),
    ['65031', '65388'],
  );
  t.equal(ort.links.communes, '/v1/communes?code=65031,65388');
  const communes = json(await app.inject(ort.links.communes));
  t.equal(communes.meta.total, 2, 'the communes link resolves');
  t.ok(ort.notes.some((note: { status: string }) => note.status === 'conflicting-sources'));
  t.equal((await app.inject('/v1/conventions/ort-000000000')).statusCode, 404);
  t.equal((await app.inject('/v1/conventions/Not_A_Slug')).statusCode, 400);
});

t.test('measures and funding links reference each other through working links', async (t) => {
  const app = await build(t);
  const measures = json(await app.inject('/v1/measures'));
  t.strictSame(measures.data.map((m: { id: string }) => m.id).sort(), [
    'ateliers-des-territoires-flash',
    'brownfield-reconversion',
    'france-services-network',
    'project-manager-post',
    'town-centre-managers',
  ]);
  const friches = json(await app.inject('/v1/measures/brownfield-reconversion'));
  t.equal(friches.category, 'financing');
  const links = json(await app.inject(friches.links.fundingLinks));
  t.ok(links.data.some((link: { id: string }) => link.id === 'aides-territoires-pvd'));
  const portal = json(await app.inject('/v1/funding-links/pvd-portal'));
  t.equal(portal.url, 'https://petites-villesdedemain.aides-territoires.beta.gouv.fr/');
  const related = json(await app.inject(portal.links.measures));
  t.equal(related.meta.total, 5);
  const search = json(await app.inject('/v1/funding-links/aides-territoires-pvd'));
  t.match(search.url, 'petites-villes-de-demain');
  t.equal((await app.inject('/v1/measures/nope')).statusCode, 404);
  t.equal((await app.inject('/v1/funding-links/nope')).statusCode, 404);
});

t.test('programme: national and département facts, disagreements said', async (t) => {
  const app = await build(t);
  const programme = json(await app.inject('/v1/programme'));
  t.equal(programme.department.laureateCount, 14);
  t.equal(programme.department.intercommunalityCount, 8);
  t.equal(programme.department.launchMeeting.date, '2021-02-01');
  t.equal(programme.department.ortSignedOn, '2023-01-23');
  t.strictSame(programme.national.period, { start: 2020, end: 2026 });
  t.strictSame(
    programme.national.populationThreshold.map((claim: { value: number }) => claim.value),
    [2000, 20000],
  );
  t.ok(
    programme.notes.some((note: { field: string; status: string }) => note.field === 'national.populationThreshold' && note.status === 'conflicting-sources'),
  );
  t.strictSame(
    programme.strategyThemes.map((theme: { id: string }) => theme.id),
    ['housing', 'commerce', 'ecological-transition', 'innovation', 'citizen-participation'],
  );
  const dates = programme.timeline.map((event: { date: string }) => event.date);
  t.strictSame(dates, [...dates].sort(), 'timeline oldest first');
  t.equal((await app.inject('/v1/programme?x=1')).statusCode, 400);
});

t.test('dataset: licence, sources, version, counts', async (t) => {
  const app = await build(t);
  const dataset = json(await app.inject('/v1/dataset'));
  t.strictSame(dataset.licence, {
    id: 'etalab-2.0',
    name: 'Licence Ouverte / Open Licence version 2.0',
    url: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/',
  });
  t.match(dataset.version, /^[0-9a-f]{16}$/);
  t.strictSame(dataset.counts, { communes: 14, intercommunalities: 8, members: 392, conventions: 22, measures: 5, fundingLinks: 7, sources: 13 });
  t.ok(dataset.sources.every((source: { retrievedOn: string }) => /^\d{4}-\d{2}-\d{2}$/.test(source.retrievedOn)));
  const health = json(await app.inject('/health'));
  t.strictSame(health, { status: 'ok', version: dataset.version });
});

t.test('unknown paths and methods are problems', async (t) => {
  const app = await build(t);
  const response = await app.inject('/v2/communes');
  t.equal(response.statusCode, 404);
  t.match(response.headers['content-type'], /^application\/problem\+json/);
  t.equal(json(response).title, 'Not Found');
});
