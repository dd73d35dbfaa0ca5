// Sort, fields, paging, the envelope and Link header, and strictness: what every list shares.
import t from 'tap';
import { build, json } from '../helper.js';
import { communes } from '../../src/resources/communes.js';
import { getItem } from '../../src/query/sql.js';
import { listItems } from '../../src/query/list.js';

t.test('multi-field sort, descending, with the id breaking ties', async (t) => {
  const app = await build(t);
  const bySigning = json(await app.inject('/v1/communes?sort=signedOn,-population&fields=pvd,population'));
  const keys = bySigning.data.map((c: { pvd: { signedOn: string }; population: { municipal: number } }) => [c.pvd.signedOn, c.population.municipal]);
  const expected = [...keys].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : b[1] - a[1]));
  t.strictSame(keys, expected);
  t.equal(bySigning.data[0].code, '65059', 'largest of the first signing date');
  const byType = json(await app.inject('/v1/conventions?sort=-type&limit=3'));
  t.strictSame(
    byType.data.map((c: { id: string }) => c.id),
    ['ort-200070787', 'ort-200070795', 'ort-200070803'],
    'ties in id order',
  );
  const byName = json(await app.inject('/v1/communes?sort=name&fields=name&limit=3'));
  t.strictSame(
    byName.data.map((c: { name: string }) => c.name),
    ['Argelès-Gazost', 'Arreau', 'Bagnères-de-Bigorre'],
    'accents sort as their letter',
  );
});

t.test('fields keeps the id and the named fields, nested ones included', async (t) => {
  const app = await build(t);
  const body = json(await app.inject('/v1/communes?fields=name,population.total,intercommunality.siren&limit=1'));
  t.strictSame(body.data[0], { code: '65025', name: 'Argelès-Gazost', population: { total: 2911 }, intercommunality: { siren: '200070811' } });
  const item = json(await app.inject('/v1/intercommunalities/246500482?fields=name'));
  t.strictSame(item, { siren: '246500482', name: 'CC de la Haute-Bigorre' });
});

t.test('paging: envelope, links, Link header, edges', async (t) => {
  const app = await build(t);
  const first = await app.inject('/v1/communes?limit=5&fields=code');
  const body = json(first);
  t.strictSame(body.meta, { total: 14, limit: 5, offset: 0 });
  t.strictSame(body.links, {
    self: '/v1/communes?fields=code&limit=5&offset=0',
    first: '/v1/communes?fields=code&limit=5&offset=0',
    next: '/v1/communes?fields=code&limit=5&offset=5',
    last: '/v1/communes?fields=code&limit=5&offset=10',
  });
  t.equal(
    first.headers.link,
    '</v1/communes?fields=code&limit=5&offset=0>; rel="first", </v1/communes?fields=code&limit=5&offset=5>; rel="next", </v1/communes?fields=code&limit=5&offset=10>; rel="last"',
  );
  t.equal(first.headers['x-total-count'], '14');

  const pages: string[] = [];
  let url: string | undefined = '/v1/communes?limit=5&fields=code';
  while (url) {
    const page = json(await app.inject(url));
    pages.push(...page.data.map((c: { code: string }) => c.code));
    url = page.links.next;
  }
  t.equal(pages.length, 14, 'following next visits every item once');
  t.equal(new Set(pages).size, 14);

  const last = json(await app.inject('/v1/communes?limit=5&offset=10'));
  t.equal(last.data.length, 4, 'the last page holds the rest');
  t.notOk(last.links.next);
  t.equal(last.links.prev, '/v1/communes?limit=5&offset=5');
  const past = json(await app.inject('/v1/communes?limit=5&offset=100'));
  t.strictSame(past.data, [], 'offset past the end: empty page');
  t.equal(past.meta.total, 14);
  t.equal(past.links.prev, '/v1/communes?limit=5&offset=10', 'prev leads back to the last page');
  t.equal(json(await app.inject('/v1/intercommunalities/200072106/members')).data.length, 50, 'default limit 50');
});

t.test('paging when the total is a multiple of the limit: the last page is full and has no next', async (t) => {
  const app = await build(t);
  const first = json(await app.inject('/v1/communes?limit=7&fields=code'));
  t.strictSame(first.meta, { total: 14, limit: 7, offset: 0 });
  t.strictSame(first.links, {
    self: '/v1/communes?fields=code&limit=7&offset=0',
    first: '/v1/communes?fields=code&limit=7&offset=0',
    next: '/v1/communes?fields=code&limit=7&offset=7',
    last: '/v1/communes?fields=code&limit=7&offset=7',
  });
  const last = await app.inject(first.links.last);
  const body = json(last);
  t.equal(body.data.length, 7, 'the last page is full');
  t.strictSame(body.links, {
    self: '/v1/communes?fields=code&limit=7&offset=7',
    first: '/v1/communes?fields=code&limit=7&offset=0',
    prev: '/v1/communes?fields=code&limit=7&offset=0',
    last: '/v1/communes?fields=code&limit=7&offset=7',
  });
  t.equal(
    last.headers.link,
    '</v1/communes?fields=code&limit=7&offset=0>; rel="first", </v1/communes?fields=code&limit=7&offset=0>; rel="prev", </v1/communes?fields=code&limit=7&offset=7>; rel="last"',
  );
  const whole = json(await app.inject('/v1/communes?limit=14&fields=code'));
  t.equal(whole.data.length, 14);
  t.strictSame(Object.keys(whole.links), ['self', 'first', 'last'], 'one page: neither prev nor next');
  t.equal(whole.links.last, '/v1/communes?fields=code&limit=14&offset=0');
  const past = json(await app.inject('/v1/communes?limit=7&offset=14&fields=code'));
  t.strictSame(past.data, []);
  t.equal(past.links.prev, '/v1/communes?fields=code&limit=7&offset=7', 'just past the end: prev is the last page');
  t.notOk(past.links.next);
  t.equal(json(await app.inject('/v1/intercommunalities/200072106/members?limit=500')).data.length, 72);
});

t.test('strictness: every bad parameter is a 400 naming it and what is allowed', async (t) => {
  const app = await build(t);
  const cases: [string, string, RegExp | string, string[] | undefined][] = [
    ['/v1/communes?colour=red', 'colour', 'is not a parameter of this resource', undefined],
    ['/v1/communes?limit=501', 'limit', 'must be an integer from 1 to 500', undefined],
    ['/v1/communes?limit=0', 'limit', 'must be an integer from 1 to 500', undefined],
    ['/v1/communes?limit=ten', 'limit', 'must be an integer from 1 to 500', undefined],
    ['/v1/communes?offset=-1', 'offset', 'must be an integer from 0', undefined],
    [
      '/v1/communes?sort=size',
      'sort',
      'has "size", which is not a sort key',
      ['code', '-code', 'name', '-name', 'population', '-population', 'area', '-area', 'signedOn', '-signedOn', 'intercommunality', '-intercommunality'],
    ],
    ['/v1/communes?fields=name,colour', 'fields', 'has "colour", which is not a field', undefined],
    ['/v1/communes?populationMin=many', 'populationMin', 'must be an integer', undefined],
    ['/v1/communes?populationMin=1.5', 'populationMin', 'must be an integer', undefined],
    ['/v1/communes?signedFrom=2021-02-30', 'signedFrom', 'must be a date as YYYY-MM-DD', undefined],
    ['/v1/communes?hasFranceServices=yes', 'hasFranceServices', 'must be true or false', ['true', 'false']],
    ['/v1/communes?intercommunality=123', 'intercommunality', 'must match ^[0-9]{9}$', undefined],
    ['/v1/communes?intercommunality=200072106,x', 'intercommunality', 'has "x", which must match', undefined],
    ['/v1/conventions?type=treaty', 'type', 'must be one of the allowed values', ['adhesion', 'ort']],
    ['/v1/conventions?format=geojson', 'format', '"geojson" is not a format of this resource', ['json', 'csv', 'ndjson']],
    ['/v1/communes?format=xml', 'format', '"xml" is not a format', ['json', 'csv', 'geojson', 'ndjson']],
    ['/v1/communes?sep=x', 'sep', 'is not a CSV separator', [',', ';', 'tab', '|']],
    ['/v1/communes?limit=1&limit=2', 'limit', 'is given more than once', undefined],
    ['/v1/communes/65059?limit=1', 'limit', 'is not a parameter of this resource', ['fields', 'format', 'geometry', 'sep', 'bom']],
    ['/v1/measures?category=', 'category', 'must be one of the allowed values', undefined],
  ];
  for (const [url, name, detail, allowed] of cases) {
    const response = await app.inject(url);
    t.equal(response.statusCode, 400, url);
    t.match(response.headers['content-type'], /^application\/problem\+json/, url);
    const problem = json(response);
    t.strictSame(
      problem.errors.map((e: { in: string; name: string }) => [e.in, e.name]),
      [['query', name]],
      `${url} names exactly ${name}`,
    );
    const [error] = problem.errors;
    t.match(error.detail, detail, url);
    if (allowed) t.strictSame(error.allowed, allowed, `${url} lists what is allowed`);
    t.match(problem.detail, `Query parameter "${name}"`);
  }
  const unknown = json(await app.inject('/v1/communes?colour=red'));
  t.ok(unknown.errors[0].allowed.includes('populationMin'), 'an unknown parameter lists the parameters');
});

t.test('the SQL of a list: a declared default order, pages past the end, an unknown id', async (t) => {
  const app = await build(t);
  const population = (record: Buffer) => (JSON.parse(record.toString()) as { population: { municipal: number } }).population.municipal;
  const byPopulation = { ...communes, defaultSort: ['population'] };
  const { total, items } = listItems(app.db, byPopulation, { conditions: [], sort: [] }, { limit: 50, offset: 0 });
  t.equal(total, 14);
  const populations = items.map(population);
  t.strictSame(
    populations,
    [...populations].sort((a, b) => a - b),
    'a default order other than the id',
  );
  t.strictSame(listItems(app.db, communes, { conditions: [], sort: [] }, { limit: 5, offset: 14 }), { total: 14, items: [] }, 'past the end');
  t.equal(getItem(app.db, communes, '65000'), undefined);
  t.equal(JSON.parse(getItem(app.db, communes, '65059') ?? '{}').name, 'Bagnères-de-Bigorre');
});
