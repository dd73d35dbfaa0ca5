// /v1/intercommunalities and its related lists: the 8 EPCIs with the DGCL values, laureates, members, conventions.
import t from 'tap';
import { build, json } from '../helper.js';

// DGCL epcicom 2026 (via the reference extract) and the prefecture page.
const expected: Record<string, { name: string; taxRegime: string; members: number; population: number; laureates: string[]; departments: string[] }> = {
  '200070787': { name: 'CC du Plateau de Lannemezan', taxRegime: 'FA', members: 57, population: 18127, laureates: ['65258'], departments: ['65'] },
  '200070795': { name: 'CC du Pays de Trie et du Magnoac', taxRegime: 'FA', members: 50, population: 7113, laureates: ['65129', '65452'], departments: ['65'] },
  '200070803': { name: "CC des Coteaux du Val d'Arros", taxRegime: 'FPU', members: 53, population: 11427, laureates: ['65447'], departments: ['65'] },
  '200070811': { name: 'CC Pyrénées Vallées des Gaves', taxRegime: 'FPU', members: 46, population: 15616, laureates: ['65025', '65138'], departments: ['65'] },
  '200070829': { name: 'CC Neste Barousse', taxRegime: 'FA', members: 43, population: 7507, laureates: ['65287', '65389'], departments: ['65'] },
  '200072106': {
    name: 'CC Adour Madiran',
    taxRegime: 'FPU',
    members: 72,
    population: 24614,
    laureates: ['65304', '65375', '65460'],
    departments: ['64', '65'],
  },
  '246500482': { name: 'CC de la Haute-Bigorre', taxRegime: 'FPU', members: 25, population: 16995, laureates: ['65059'], departments: ['65'] },
  '246500573': { name: 'CC Aure Louron', taxRegime: 'FA', members: 46, population: 7127, laureates: ['65031', '65388'], departments: ['65'] },
};

t.test('GET /v1/intercommunalities lists the 8 with the DGCL values', async (t) => {
  const app = await build(t);
  const body = json(await app.inject('/v1/intercommunalities'));
  t.equal(body.meta.total, 8);
  t.strictSame(
    body.data.map((epci: { siren: string }) => epci.siren),
    Object.keys(expected),
  );
  for (const epci of body.data) {
    const fact = expected[epci.siren]!;
    t.equal(epci.name, fact.name);
    t.equal(epci.legalForm.code, 'CC');
    t.equal(epci.taxRegime.code, fact.taxRegime, `${epci.siren} tax regime`);
    t.equal(epci.memberCount, fact.members);
    t.equal(epci.members.length, fact.members);
    t.equal(epci.population.total, fact.population);
    t.equal(epci.population.referenceYear, 2022, 'the DGCL columns labelled 2025 are the populations of reference year 2022');
    t.equal(epci.population.inForceFrom, '2025-01-01');
    t.strictSame(epci.departments, fact.departments);
    t.strictSame(
      epci.laureates.map((commune: { code: string }) => commune.code),
      fact.laureates,
    );
    t.equal(epci.contour.type, 'MultiPolygon');
    t.ok(epci.sources.includes('epcicom-2026'));
    t.equal(epci.links.members, `/v1/intercommunalities/${epci.siren}/members`);
  }
});

t.test('seats: secondary-only and unknown are told apart', async (t) => {
  const app = await build(t);
  const vic = json(await app.inject('/v1/intercommunalities/200072106'));
  t.strictSame(vic.seat, { code: '65460', name: 'Vic-en-Bigorre' });
  t.ok(
    vic.notes.some((note: { field: string; status: string }) => note.field === 'seat' && note.status === 'uncertain'),
    'the seat rests on the curation notes alone',
  );
  t.equal(vic.contour.coordinates.length, 1, 'the union of its 72 members is one polygon across Pyrénées-Atlantiques and Hautes-Pyrénées');
  const bigorre = json(await app.inject('/v1/intercommunalities/246500482'));
  t.ok(bigorre.notes.some((note: { field: string; status: string }) => note.field === 'seat' && note.status === 'uncertain'));
  const lannemezan = json(await app.inject('/v1/intercommunalities/200070787'));
  t.equal(lannemezan.seat, null);
  t.ok(lannemezan.notes.some((note: { field: string }) => note.field === 'seat'));
});

t.test('related lists: laureates, members, conventions', async (t) => {
  const app = await build(t);
  const communes = json(await app.inject('/v1/intercommunalities/200072106/communes'));
  t.strictSame(
    communes.data.map((commune: { code: string }) => commune.code),
    ['65304', '65375', '65460'],
  );
  const members = json(await app.inject('/v1/intercommunalities/200072106/members?limit=500'));
  t.equal(members.meta.total, 72);
  t.equal(members.data.filter((member: { department: string }) => member.department === '64').length, 11);
  t.equal(members.data.filter((member: { laureate: boolean }) => member.laureate).length, 3);
  t.ok(
    members.data.every(
      (member: { population: { referenceYear: number; inForceFrom: string } }) =>
        member.population.referenceYear === 2022 && member.population.inForceFrom === '2025-01-01',
    ),
    'member populations: reference year 2022, in force from 2025-01-01',
  );
  const vic = members.data.find((member: { code: string }) => member.code === '65460');
  t.strictSame(vic.links, {
    intercommunality: '/v1/intercommunalities/200072106',
    commune: '/v1/communes/65460',
    geoApiGouv: 'https://geo.api.gouv.fr/communes/65460',
  });
  const conventions = json(await app.inject('/v1/intercommunalities/200072106/conventions'));
  t.strictSame(
    conventions.data.map((c: { id: string }) => c.id),
    ['adhesion-65304', 'adhesion-65375', 'adhesion-65460', 'ort-200072106'],
  );
  for (const url of ['/v1/intercommunalities/999999999', '/v1/intercommunalities/999999999/members']) {
    t.equal((await app.inject(url)).statusCode, 404, url);
  }
  t.equal((await app.inject('/v1/intercommunalities/12/members')).statusCode, 400);
});
