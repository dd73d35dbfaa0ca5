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
  t.strictSame(
    await names(app, `/v1/measures?q=${encodeURIComponent('financement de')}`),
    ['Financement de postes de managers de centre-ville', 'Co-financement du poste de chef de projet'],
    'several words: the name they start before the name they are words of',
  );
  t.strictSame(await names(app, `/v1/funding-links?q=${encodeURIComponent('programme petites')}`), [
    'Programme Petites villes de demain (open data, ANCT)',
    'Aides du programme Petites villes de demain sur Aides-territoires',
  ]);
  const territoires = await names(app, '/v1/funding-links?q=territoires');
  t.ok(
    territoires.indexOf('Agence nationale de la cohésion des territoires') < territoires.indexOf('Portail Petites villes de demain'),
    'a word of the name before a word of the other text',
  );
  t.strictSame(
    await names(app, '/v1/intercommunalities/200070795/members?q=lalanne&sort=-name'),
    ['Lalanne-Trie', 'Lalanne'],
    'an explicit sort replaces the ranking',
  );
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
  t.same(sorted.length, 3, 'Bagnères-de-Bigorre, Rabastens-de-Bigorre, Vic-en-Bigorre: names, not the arrondissement');
});

t.test('q finds records by name; other text only where a user expects it', async (t) => {
  const app = await build(t);
  t.same(await names(app, '/v1/communes?q=tarbes'), [], 'Tarbes is no laureate: no town of its arrondissement either');
  t.same(await names(app, '/v1/communes?q=BAGNERES'), ['Bagnères-de-Bigorre'], "the README's example: the town, not its arrondissement");
  t.same(await names(app, '/v1/communes?q=65200'), ['Bagnères-de-Bigorre'], 'a postal code');
  t.same(await names(app, '/v1/communes?q=65710'), ['Bagnères-de-Bigorre'], 'its second postal code');
  t.same(await names(app, '/v1/communes?q=haute%20bigorre'), ['Bagnères-de-Bigorre'], "its intercommunality's name");
  t.same(await names(app, '/v1/communes?q=france%20services'), [], "France Services sites' names are not searched");
  t.same(await names(app, '/v1/communes?q=arreau'), ['Arreau'], 'not the town of a France Services site named after another');
  t.same(await names(app, '/v1/intercommunalities?q=tarbes'), []);
  t.same(await names(app, '/v1/intercommunalities?q=BAGNERES'), ['CC de la Haute-Bigorre'], 'an intercommunality by its seat or laureate town');
  t.same(
    await names(app, '/v1/intercommunalities/246500482/members?q=BAGNERES'),
    ['Bagnères-de-Bigorre', 'Argelès-Bagnères'],
    'members: names only, name prefix first',
  );
  const conventions = json(await app.inject('/v1/conventions?q=BAGNERES')).data.map((convention: { id: string }) => convention.id);
  t.same(conventions, ['adhesion-65059', 'ort-246500482'], 'conventions: by title, intercommunality and towns, not by their shared content');
  t.same(json(await app.inject('/v1/conventions?q=revitalisation')).data, [], 'the content common to a type of convention is not searched');
});

t.test('search combines with filters and paging, and a miss is an empty list', async (t) => {
  const app = await build(t);
  const body = json(await app.inject('/v1/communes?q=bigorre&intercommunality=200072106&limit=1'));
  t.equal(body.meta.total, 2);
  t.equal(body.data.length, 1);
  t.strictSame(json(await app.inject('/v1/communes?q=zzzz')).data, []);
  const unfolded = json(await app.inject(`/v1/communes?q=${encodeURIComponent('東京')}`));
  t.strictSame([unfolded.meta.total, unfolded.data], [0, []], 'a search in a script the folding drops matches nothing');
  const bad = await app.inject(`/v1/communes?q=${encodeURIComponent('--')}`);
  t.equal(bad.statusCode, 400);
  t.match(json(bad).errors[0], { name: 'q', detail: 'must contain at least one letter or digit' });
  const syntax = await app.inject(`/v1/communes?q=${encodeURIComponent('"bagn* OR NEAR(')}`);
  t.equal(syntax.statusCode, 200, 'FTS syntax in q is plain text');
});
