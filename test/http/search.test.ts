// `q`: French-aware search on real names, and its ranking (exact name, then prefix, then word match).
import t from 'tap';
import { build, json } from '../helper.js';

async function names(app: Awaited<ReturnType<typeof build>>, url: string): Promise<string[]> {
  const response = await app.inject(url);
  t.equal(response.statusCode, 200, url);
  return json(response).data.map((item: { name: string }) => item.name);
}

t.test('case, accents, hyphens, apostrophes and Saint/St do not matter', async (t) => {
  const app = await build(t);
  for (const q of ['bagneres', 'BAGNÈRES', 'Bagnères-de-Bigorre', 'bagneres de bigorre', 'bagn']) {
    t.equal((await names(app, `/v1/communes?q=${encodeURIComponent(q)}`))[0], 'Bagnères-de-Bigorre', q);
  }
  for (const q of ['st lary', 'St-Lary', 'saint lary soulan', 'SAINT-LARY', 'st. lary']) {
    t.strictSame(await names(app, `/v1/communes?q=${encodeURIComponent(q)}`), ['Saint-Lary-Soulan'], q);
  }
  t.strictSame(await names(app, `/v1/communes?q=${encodeURIComponent('trie sur baise')}`), ['Trie-sur-Baïse']);
  for (const q of ["val d'arros", 'val d’arros', 'VAL D ARROS', 'coteaux arros']) {
    t.strictSame(await names(app, `/v1/intercommunalities?q=${encodeURIComponent(q)}`), ["CC des Coteaux du Val d'Arros"], q);
  }
  t.strictSame(await names(app, `/v1/intercommunalities/200070829/members?q=${encodeURIComponent('ste marie')}`), ['Sainte-Marie'], 'ste → sainte');
  t.strictSame(await names(app, `/v1/intercommunalities/200072106/members?q=${encodeURIComponent('st lezer')}`), ['Saint-Lézer']);
});

t.test('ranking: exact name, then name prefix, then word match', async (t) => {
  const app = await build(t);
  t.strictSame(await names(app, '/v1/intercommunalities/200070795/members?q=lalanne'), ['Lalanne', 'Lalanne-Trie'], 'exact before prefix');
  t.strictSame(await names(app, '/v1/intercommunalities/200072106/members?q=marsac'), ['Marsac', 'Villenave-près-Marsac'], 'exact before word');
  const trie = await names(app, '/v1/intercommunalities/200070795/members?q=trie');
  t.equal(trie[0], 'Trie-sur-Baïse', 'prefix before word');
  t.ok(trie.indexOf('Lalanne-Trie') > 0);
  const lannemezan = await names(app, '/v1/communes?q=lannemezan');
  t.strictSame(lannemezan, ['Lannemezan'], 'a commune whose intercommunality carries the name is found once');
});

t.test('text fields are searched too, after names', async (t) => {
  const app = await build(t);
  const viaIntercommunality = await names(app, '/v1/communes?q=adour%20madiran');
  t.strictSame(viaIntercommunality, ['Maubourguet', 'Rabastens-de-Bigorre', 'Vic-en-Bigorre']);
  const measures = json(await app.inject('/v1/measures?q=friches'));
  t.strictSame(
    measures.data.map((measure: { id: string }) => measure.id),
    ['brownfield-reconversion'],
  );
  const sorted = json(await app.inject('/v1/communes?q=bigorre&sort=-population&fields=population')).data;
  const populations = sorted.map((commune: { population: { municipal: number } }) => commune.population.municipal);
  t.strictSame(
    populations,
    [...populations].sort((a, b) => b - a),
    'an explicit sort replaces the ranking',
  );
  t.ok(populations.length > 3, 'names and text (arrondissement of Bagnères-de-Bigorre) both match');
});

t.test('search combines with filters and paging, and a miss is an empty list', async (t) => {
  const app = await build(t);
  const body = json(await app.inject('/v1/communes?q=bigorre&intercommunality=200072106&limit=1'));
  t.equal(body.meta.total, 2);
  t.equal(body.data.length, 1);
  t.strictSame(json(await app.inject('/v1/communes?q=zzzz')).data, []);
  const bad = await app.inject(`/v1/communes?q=${encodeURIComponent('--')}`);
  t.equal(bad.statusCode, 400);
  t.match(json(bad).errors[0], { name: 'q', detail: 'must contain at least one letter or digit' });
  const syntax = await app.inject(`/v1/communes?q=${encodeURIComponent('"bagn* OR NEAR(')}`);
  t.equal(syntax.statusCode, 200, 'FTS syntax in q is plain text');
});
