// Facts of the curated data/ that earlier versions got wrong: counts, population labels, notes, quotations, sources.
import t from 'tap';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadData } from '../../src/build/load.js';
import { dataDir, sharedDir } from '../helper.js';

const { data } = loadData(dataDir);
const shared = sharedDir();
const source = (id: string) => data.dataset.sources.find((entry) => entry.id === id);
const notesOn = <N extends { field: string }>(record: { notes: N[] }, field: string) => record.notes.filter((note) => note.field === field);

t.test('the first ANCT list counts 1,606 towns and is not dated as if published', async (t) => {
  const claims = data.programme.national.laureateCount.filter((claim) => claim.sources.includes('anct-pvd-list-2021'));
  t.equal(claims.length, 1);
  t.equal(claims[0]?.value, 1606);
  t.equal(claims[0]?.asOf, undefined, 'no date: no source says when ANCT published the list');
  t.notOk(
    data.programme.national.laureateCount.some((claim) => claim.value === 1607),
    'the placeholder row is not counted',
  );
  const list = source('anct-pvd-list-2021');
  t.equal(list?.publishedOn, undefined);
  t.equal(list?.repository?.committedOn, '2021-01-22', "the copy's commit date, labelled as such");
  t.match(list?.note, /placeholder/);
  const event = data.programme.timeline.find((entry) => entry.sources.includes('anct-pvd-list-2021'));
  t.match(event?.event, /^Commit date of the copy/);
  t.match(notesOn(data.programme, 'national.laureateCount')[0], { text: /1,606/ });
  t.notMatch(JSON.stringify(data.programme), /1,607 rows in the first/);
  const gazetteer = source('anct-pvd-2026');
  t.equal(gazetteer?.publishedOn, undefined, 'the gazetteer copy is not an ANCT publication');
  t.equal(gazetteer?.repository?.committedOn, '2026-05-27');
});

t.test('the reference list has 1,607 rows, one of them the placeholder', { skip: shared ? false : 'no ../shared reference folder' }, async (t) => {
  const rows = readFileSync(join(shared as string, 'reference', 'national', 'pvd-list-anct-2021-01-22.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1);
  t.equal(rows.length, 1607);
  const placeholders = rows.filter((row) => row.includes('"999999"'));
  t.equal(placeholders.length, 1);
  t.match(placeholders[0], /"pvd_0001".*Trifouilly-les-Oies.*John Doe/);
  t.equal(rows.length - placeholders.length, 1606);
  t.notOk(
    rows.some((row) => row.includes('"65138"')),
    'Cauterets is absent',
  );
});

t.test('populations name their reference year and the date they are in force from', async (t) => {
  for (const commune of data.communes) {
    t.strictSame([commune.population.referenceYear, commune.population.inForceFrom], [2023, '2026-01-01'], `commune ${commune.code}`);
  }
  let members = 0;
  for (const epci of data.intercommunalities) {
    t.strictSame([epci.population.referenceYear, epci.population.inForceFrom], [2022, '2025-01-01'], `intercommunality ${epci.siren}`);
    for (const member of epci.members) {
      members++;
      t.strictSame([member.population.referenceYear, member.population.inForceFrom], [2022, '2025-01-01'], `member ${member.code}`);
    }
    t.match(notesOn(epci, 'population')[0], { status: 'inferred', text: /reference year 2022/ });
  }
  t.equal(members, 392);
  t.notMatch(JSON.stringify(data), /"year":/, 'no population keeps the ambiguous `year`');
});

t.test('the note on the 2,000-inhabitant threshold names exactly the laureates above it', async (t) => {
  const above = data.communes.filter((commune) => commune.population.municipal > 2000).map((commune) => commune.name);
  t.strictSame(above, ['Argelès-Gazost', 'Bagnères-de-Bigorre', 'Lannemezan', 'Maubourguet', 'Vic-en-Bigorre']);
  const [note] = notesOn(data.programme, 'national.populationThreshold');
  const named = data.communes.filter((commune) => note?.text.includes(commune.name)).map((commune) => commune.name);
  t.strictSame(named, above);
  for (const commune of data.communes.filter((item) => item.population.municipal > 2000)) {
    t.ok(note?.text.includes(`${commune.name} (${commune.population.municipal.toLocaleString('en-GB')})`), `${commune.name} with its population`);
  }
});

t.test("the State's local service offer is not a key measure", async (t) => {
  t.notOk(data.measures.some((measure) => /service locale|state-local/i.test(`${measure.id} ${measure.name}`)));
  t.equal(data.measures.length, 5, 'the five measures the page lists under « Les mesures-clés du programme »');
  t.strictSame(data.programme.department.stateSupport.wording, 'quoted');
  const friches = data.measures.find((measure) => measure.id === 'brownfield-reconversion');
  t.notMatch(friches?.description.text, /operating deficit/, '« déficit d’opération » is a funding gap, not an operating deficit');
  t.match(friches?.description, { text: /funding gap/, wording: 'own-words' });
});

t.test('which measures a funding link serves is marked as inferred; built URLs as constructed', async (t) => {
  for (const link of data.fundingLinks.filter((item) => item.measures.length > 0)) {
    t.equal(notesOn(link, 'measures')[0]?.status, 'inferred', link.id);
  }
  const dataset = data.fundingLinks.find((link) => link.id === 'anct-pvd-dataset');
  t.equal(dataset && notesOn(dataset, 'url')[0]?.status, 'constructed');
  t.match(source('anct-pvd-2026')?.note, /`url` is built/);
});

t.test('Cauterets, seats and licences say what their sources leave open', async (t) => {
  const cauterets = data.communes.find((commune) => commune.code === '65138');
  t.match(cauterets && notesOn(cauterets, 'pvd')[0], { status: 'conflicting-sources', text: /absent from the first ANCT laureate list/ });
  for (const epci of data.intercommunalities) {
    t.equal(notesOn(epci, 'seat')[0]?.status, 'uncertain', `${epci.siren}: a seat given by no primary source, or none`);
  }
  t.match(source('prefecture-page')?.licence, /^None stated: the page states no licence/);
  t.match(source('postcodes-laposte')?.repository, { commit: 'b43b981', path: 'communes2016.json.gz' });
  for (const entry of data.dataset.sources) t.ok(entry.licence.length > 0, `${entry.id} states its licence`);
});

t.test('quoted texts are the exact words of the prefecture page', { skip: shared ? false : 'no ../shared source folder' }, async (t) => {
  const page = readFileSync(join(shared as string, 'source', 'hautes-pyrenees-pvd-page-2024-06-06.txt'), 'utf8');
  // `[…]` marks a cut and `[…]` with words an editorial insertion: each stretch between them is verbatim.
  const verbatim = (label: string, quote: string) => {
    for (const part of quote.split(/\[[^\]]*\]/).map((stretch) => stretch.trim())) {
      if (part.replace(/[\s.,]/g, '') !== '') t.ok(page.includes(part), `${label}: « ${part} »`);
    }
  };
  const worded: [string, { text: string; wording: string }][] = [
    ['programme.description', data.programme.description],
    ['programme.national.target', data.programme.national.target],
    ['programme.department.stateSupport', data.programme.department.stateSupport],
    ...data.measures.map((measure): [string, { text: string; wording: string }] => [`measure ${measure.id}`, measure.description]),
    ...data.fundingLinks.map((link): [string, { text: string; wording: string }] => [`funding link ${link.id}`, link.description]),
  ];
  for (const [label, text] of worded.filter(([, text]) => text.wording === 'quoted')) verbatim(label, text.text);
  for (const measure of data.measures) verbatim(`measure ${measure.id} quote`, measure.quote);
  for (const convention of data.conventions) verbatim(`convention ${convention.id} content`, convention.content);
  for (const claim of [...data.programme.national.populationThreshold, ...data.programme.national.laureateCount]) {
    for (const [, quoted] of claim.text.matchAll(/« ([^»]+) »/g)) if (claim.sources.includes('prefecture-page')) verbatim('claim', quoted as string);
  }
});
