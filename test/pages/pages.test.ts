// The web pages: one per town and per intercommunality, reached from the API's links, valid HTML (html-validate,
// recommended rules), French, with their maps, facts, notes and sources; cached and compressed like the API; a
// French error page for browsers and a problem document for programs; under 100 KB each.
import t, { type Test } from 'tap';
import fc from 'fast-check';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { build, json, sharedDatabase, tempDir } from '../helper.js';
import { htmlProblems } from './validate.js';

const browser = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };
type App = Awaited<ReturnType<typeof build>>;

interface Geometry {
  type: string;
}
interface Note {
  field: string;
  status: string;
  text: string;
}
interface TownJson {
  code: string;
  name: string;
  sources: string[];
  notes: Note[];
  links: { self: string; page: string };
  intercommunality: { siren: string; name: string };
}
interface EpciJson {
  siren: string;
  name: string;
  members: { code: string; name: string; contour?: Geometry }[];
  laureates: { code: string; name: string }[];
  departments: string[];
  notes: Note[];
  sources: string[];
  links: { self: string; page: string };
}

/** The text as escape-html writes it in a page. */
const escaped = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
const count = (text: string, pattern: RegExp) => text.match(pattern)?.length ?? 0;

async function page(app: App, url: string, headers: Record<string, string> = {}) {
  return app.inject({ url, headers: { ...browser, ...headers } });
}

async function towns(app: App): Promise<TownJson[]> {
  return json(await app.inject('/v1/communes')).data;
}

async function epcis(app: App): Promise<EpciJson[]> {
  return json(await app.inject('/v1/intercommunalities')).data;
}

/** The checks every page passes: HTML in French, title, description, Open Graph with an absolute URL, valid markup. */
async function checkPage(t: Test, url: string, body: string) {
  t.match(body, /^<!DOCTYPE html>\n<html lang="fr">/, `${url}: French HTML`);
  t.match(body, /<title>[^<]+<\/title>/, `${url}: a title`);
  t.match(body, /<meta name="description" content="[^"]{50,}">/, `${url}: a description`);
  for (const property of ['og:title', 'og:description', 'og:type', 'og:locale', 'og:site_name'])
    t.match(body, new RegExp(`<meta property="${property}" content="[^"]+">`), `${url}: ${property}`);
  t.match(body, `<meta property="og:url" content="http://localhost:80${url.split('?')[0]}">`, `${url}: og:url absolute`);
  t.match(body, '<link rel="stylesheet" href="/assets/site.css">');
  t.notMatch(body, /<script/, `${url}: no script`);
  t.notMatch(body, /style="/, `${url}: no inline style`);
  t.notMatch(body, /(?:href|src)="(?:https?:)?\/\/(?!localhost)[^"]*"[^>]*rel="(?:stylesheet|icon)/, `${url}: no third-party asset`);
  t.same(await htmlProblems(body, url), [], `${url}: html-validate (recommended) finds nothing`);
  t.ok(Buffer.byteLength(body) < 100_000, `${url}: ${Buffer.byteLength(body)} bytes, under 100 KB`);
}

t.test('every town has its page, linked from the API record and linking back to it', async (t) => {
  const app = await build(t);
  const list = await towns(app);
  t.equal(list.length, 14);
  for (const town of list) {
    t.equal(town.links.page, `/communes/${town.code}`);
    const response = await page(app, town.links.page);
    t.equal(response.statusCode, 200, town.links.page);
    t.match(response.headers['content-type'], /^text\/html; charset=utf-8/);
    t.ok(response.headers.etag, 'an ETag');
    await checkPage(t, town.links.page, response.body);
    t.match(response.body, `<link rel="alternate" type="application/json" href="/v1/communes/${town.code}">`);
    t.match(response.body, `<h1>${escaped(town.name)}</h1>`);
    t.match(response.body, `href="/intercommunalites/${town.intercommunality.siren}"`, 'links to its intercommunality');
    // Its map: the town itself (code), its intercommunality's contour, the other towns as links.
    t.match(response.body, new RegExp(`<circle class="town-here" data-code="${town.code}"`), 'the town on the map');
    t.match(response.body, new RegExp(`<path class="epci-here" data-code="${town.intercommunality.siren}"`), 'inside its intercommunality');
    // Every source it cites, with an anchor; every uncertain fact, marked with its text.
    for (const source of town.sources) t.match(response.body, `<li id="source-${source}">`, `source ${source}`);
    for (const note of town.notes) t.match(response.body, escaped(note.text), `note on ${note.field}`);
    t.equal(count(response.body, /<p class="note note-/g) >= town.notes.length, true, 'each note marked');
  }
});

t.test('a town page: key facts in French, conventions, France Services, measures, funding links', async (t) => {
  const app = await build(t);
  const { body } = await page(app, '/communes/65059');
  const nnbsp = '\u202f';
  t.match(body, `7${nnbsp}114 habitants`, 'population, French digits');
  t.match(body, 'population municipale, recensement 2023', 'with its year');
  t.match(body, `12${nnbsp}587 ha (125,87 km²)`, 'area');
  t.match(body, 'Bagnères-de-Bigorre <span class="muted">(652)</span>', 'arrondissement');
  t.match(body, 'code 6504', 'canton');
  t.match(body, '65200 et 65710', 'postal codes');
  t.match(body, '<time datetime="2021-06-24">24 juin 2021</time>', 'dates in French');
  t.match(body, '<time datetime="2026-01-01">1er janvier 2026</time>', '1er');
  t.match(body, 'Convention d&#39;adhésion Petites villes de demain — Bagnères-de-Bigorre');
  t.match(body, 'Convention ORT — CC de la Haute-Bigorre');
  t.match(body, '<time datetime="2023-01-23">23 janvier 2023</time>');
  t.match(body, 'La convention d’adhésion doit permettre de valoriser', 'what the convention contains');
  t.match(body, '<strong>France services Haute-Bigorre</strong><br>30 Avenue Géruzet, 65200 Bagnères-de-Bigorre', 'France Services with its address');
  t.match(body, 'Co-financement du poste de chef de projet', 'a measure');
  t.match(body, 'href="https://aides-territoires.beta.gouv.fr/', 'a funding link');
  t.match(body, '<strong class="flag">provisoire</strong>', 'uncertain facts marked');
  t.match(body, '<strong class="flag">sources divergentes</strong>');
  t.match(body, 'href="https://github.com/datagouv/decoupage-administratif/blob/98976e5/sources/communes.csv"', 'a source with its link');

  const none = await page(app, '/communes/65025');
  t.match(none.body, 'Aucune France Services dans la commune', 'a town without France Services says so');
});

t.test('every intercommunality has its page: map with one path per member that has a contour, members, départements', async (t) => {
  const app = await build(t);
  const list = await epcis(app);
  t.equal(list.length, 8);
  let members = 0;
  let drawn = 0;
  for (const summary of list) {
    const epci = json(await app.inject(summary.links.self)) as EpciJson;
    t.equal(epci.links.page, `/intercommunalites/${epci.siren}`);
    const response = await page(app, epci.links.page);
    t.equal(response.statusCode, 200, epci.links.page);
    await checkPage(t, epci.links.page, response.body);
    t.match(response.body, `<link rel="alternate" type="application/json" href="/v1/intercommunalities/${epci.siren}">`);
    t.equal(count(response.body, /<tr(?: class="laureate")?><th scope="row">/g), epci.members.length, 'a table row per member');
    t.equal(count(response.body, /<tr class="laureate">/g), epci.laureates.length, 'laureates highlighted');
    for (const laureate of epci.laureates) t.match(response.body, `<a href="/communes/${laureate.code}" aria-label=`, `${laureate.name} clickable on the map`);
    // One path per member commune with its INSEE code: every member has its contour (served on the members list).
    const served = json(await app.inject(`${epci.links.self}/members?format=json&limit=500`)).data as { code: string; contour?: unknown }[];
    t.equal(served.length, epci.members.length);
    for (const member of served) {
      const paths = count(response.body, new RegExp(`<path class="member(?:-laureate)?" data-code="${member.code}"`, 'g'));
      t.ok(member.contour, `${epci.siren}: ${member.code} has a contour`);
      t.equal(paths, 1, `${epci.siren}: ${member.code} drawn once`);
      members += 1;
      if (paths === 1) drawn += 1;
    }
  }
  t.equal(drawn, 392, 'every one of the 392 members drawn, once, with its INSEE code');
  t.equal(members, 392);
});

t.test('CC Adour Madiran: two départements, and its members sortable by the server', async (t) => {
  const app = await build(t);
  const { body } = await page(app, '/intercommunalites/200072106');
  t.match(body, 'Pyrénées-Atlantiques (64) et Hautes-Pyrénées (65)');
  t.match(body, '11 communes en Pyrénées-Atlantiques (64)');
  t.match(body, '<th scope="col" aria-sort="ascending"><a href="/intercommunalites/200072106?tri=-nom#membres"', 'sorted by name by default');

  const populations = (markup: string) =>
    [...markup.matchAll(/<td class="n">([\d\u202f]+)<\/td><\/tr>/g)].map((match) => Number((match[1] as string).replace(/\u202f/g, '')));
  const descending = await page(app, '/intercommunalites/200072106?tri=-population');
  t.equal(descending.statusCode, 200);
  const values = populations(descending.body);
  t.equal(values.length, 72);
  t.same(
    values,
    [...values].sort((a, b) => b - a),
    'largest first',
  );
  t.match(descending.body, 'aria-sort="descending"');
  const ascending = populations((await page(app, '/intercommunalites/200072106?tri=population')).body);
  t.same(ascending, [...values].reverse(), 'smallest first');
  const byCode = (await page(app, '/intercommunalites/200072106?tri=code')).body;
  const codes = [...byCode.matchAll(/<\/th><td><code>(\d{5})<\/code>/g)].map((match) => match[1]);
  t.same(codes, [...codes].sort(), 'by INSEE code');
  t.match(byCode, '<link rel="canonical" href="http://localhost:80/intercommunalites/200072106">', 'one canonical address for every order');

  const ignored = await page(app, '/intercommunalites/200072106?utm_source=x');
  t.equal(ignored.statusCode, 200, 'other parameters are ignored');

  for (const tri of ['size', '', '--population', 'population,nom']) {
    const response = await page(app, `/intercommunalites/200072106?tri=${encodeURIComponent(tri)}`);
    t.equal(response.statusCode, 400, `tri=${tri}`);
    t.match(response.body, 'Tri inconnu');
    const problem = await app.inject(`/intercommunalites/200072106?tri=${encodeURIComponent(tri)}`);
    t.equal(problem.statusCode, 400);
    t.match(json(problem).errors[0], { in: 'query', name: 'tri' });
    t.ok(json(problem).errors[0].allowed.includes('-population'));
  }
  t.equal((await page(app, '/intercommunalites/200072106?tri=nom&tri=code')).statusCode, 400, 'tri twice');
});

t.test('the home page: map of the 8 intercommunalities and 14 towns, timeline, downloads, a curl example for this host', async (t) => {
  const app = await build(t);
  const response = await page(app, '/', { host: 'pvd65.example.org' });
  const body = response.body;
  t.equal(response.statusCode, 200);
  t.match(body, '<meta property="og:url" content="http://pvd65.example.org/">');
  t.same(await htmlProblems(body, 'home'), []);
  t.ok(Buffer.byteLength(body) < 100_000, `${Buffer.byteLength(body)} bytes`);
  t.equal(
    count(body, /<a href="\/intercommunalites\/\d{9}" aria-label="[^"]+"><title>[^<]+<\/title><path class="epci epci-\d" data-code="\d{9}"/g),
    8,
    '8 clickable intercommunalities',
  );
  t.equal(count(body, /<a href="\/communes\/\d{5}" aria-label="[^"]+"><title>[^<]+<\/title><circle class="town" data-code="\d{5}"/g), 14, '14 clickable towns');
  t.equal(count(body, /<text [^>]+>[^<]+<\/text>/g), 14, 'each town labelled');
  for (const [date, text] of [
    ['2021-02-01', 'Réunion de lancement dans les Hautes-Pyrénées'],
    ['2021-06-24', 'Conventions d’adhésion de 8 villes'],
    ['2022-02-08', 'Convention d’adhésion'],
    ['2023-01-23', 'Signature des 8 conventions d’opération de revitalisation de territoire'],
  ]) {
    t.match(body, new RegExp(`<span class="when"><time datetime="${date}">[^<]+</time></span>${text}`), `timeline: ${date}`);
  }
  const dates = [...body.matchAll(/<span class="when"><time datetime="([\d-]+)">/g)].map((match) => match[1] as string);
  t.same(dates, [...dates].sort(), 'timeline in date order');
  t.match(body, "<pre><code>curl 'http://pvd65.example.org/v1/communes?sort=-population&amp;fields=name,population.municipal&amp;limit=3'</code></pre>");
  const example = /<pre><code>curl '([^']+)'/.exec(body)?.[1]?.replace(/&amp;/g, '&') as string;
  const answer = await app.inject(example.replace('http://pvd65.example.org', ''));
  t.equal(answer.statusCode, 200, 'the curl example works');
  t.same(
    json(answer).data.map((town: { name: string }) => town.name),
    ['Bagnères-de-Bigorre', 'Lannemezan', 'Vic-en-Bigorre'],
  );
  for (const file of ['pvd65-dataset.json', 'communes.csv', 'intercommunalities.geojson', 'pvd65.sqlite']) t.match(body, `href="/downloads/${file}"`);

  // Behind a trusted proxy, the public scheme and host; an untrusted X-Forwarded-* is ignored.
  const forwarded = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'evil.example' };
  t.match((await page(app, '/', forwarded)).body, "curl 'http://localhost:80/v1/", 'untrusted X-Forwarded-* ignored');
  const proxied = await build(t, { TRUST_PROXY: '1' });
  t.match((await page(proxied, '/', { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'pvd65.example.org' })).body, "curl 'https://pvd65.example.org/v1/");
  // Programs still get the JSON index.
  t.match((await app.inject('/')).headers['content-type'], /^application\/json/);
});

t.test('pages are cached, revalidated and compressed like the API; the stylesheet too', async (t) => {
  const app = await build(t);
  for (const url of ['/', '/communes/65388', '/intercommunalites/246500573', '/assets/site.css', '/sitemap.xml']) {
    const first = await page(app, url, { 'accept-encoding': 'br, gzip' });
    t.equal(first.statusCode, 200, url);
    t.ok(first.headers.etag, `${url}: ETag`);
    t.match(first.headers['cache-control'], /^public, max-age=\d+/);
    if (url !== '/sitemap.xml') t.equal(first.headers['content-encoding'], 'br', `${url}: compressed`);
    const again = await page(app, url, { 'accept-encoding': 'br, gzip', 'if-none-match': String(first.headers.etag) });
    t.equal(again.statusCode, 304, `${url}: 304`);
    const head = await app.inject({ method: 'HEAD', url, headers: browser });
    t.equal(head.statusCode, 200, `${url}: HEAD`);
  }
  const css = await app.inject('/assets/site.css');
  t.match(css.headers['content-type'], /^text\/css/);
  t.match(css.body, '@media print');
  // Another host gets its own representation: the cache keys on the origin too.
  const one = await page(app, '/', { host: 'one.example' });
  const two = await page(app, '/', { host: 'two.example' });
  t.match(one.body, "curl 'http://one.example/");
  t.match(two.body, "curl 'http://two.example/");
});

t.test('bad codes: a French page for browsers, a problem document for programs, never a 500', async (t) => {
  const app = await build(t);
  const cases: [string, number, string][] = [
    ['/communes/abc', 400, 'Code INSEE mal formé'],
    ['/communes/650590', 400, 'Code INSEE mal formé'],
    ['/communes/99999', 404, 'Ville introuvable'],
    ['/communes/2A004', 404, 'Ville introuvable'],
    ['/intercommunalites/123', 400, 'SIREN mal formé'],
    ['/intercommunalites/999999999', 404, 'Intercommunalité introuvable'],
    ['/intercommunalites/%3Cscript%3E', 400, 'SIREN mal formé'],
  ];
  for (const [url, status, heading] of cases) {
    const html = await page(app, url);
    t.equal(html.statusCode, status, url);
    t.match(html.headers['content-type'], /^text\/html/);
    t.equal(html.headers['cache-control'], 'no-store');
    t.match(html.body, `<h1>${heading}</h1>`);
    t.match(html.body, '<meta name="robots" content="noindex">');
    t.same(await htmlProblems(html.body, url), [], `${url}: valid`);
    for (const headers of [{ accept: 'application/json' }, {}, { accept: '*/*' }]) {
      const problem = await app.inject({ url, headers });
      t.equal(problem.statusCode, status);
      t.match(problem.headers['content-type'], /^application\/problem\+json/, `${url} ${JSON.stringify(headers)}: problem`);
      t.equal(json(problem).status, status);
    }
  }
  t.notMatch((await page(app, '/intercommunalites/%3Cscript%3E')).body, '<script>', 'the code is escaped');
  const member = await page(app, '/communes/65028');
  t.match(
    member.body,
    'n’est pas une petite ville de demain, mais elle est membre de <a href="/intercommunalites/200070787">',
    'a member that is not laureate',
  );

  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom('/communes/', '/intercommunalites/'),
      // ('.' and '..' are dot segments: the URL is then another page's.)
      fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('65059', '246500482', '%', '2A', '6505', '00000')).filter((segment) => !/^\.\.?$/.test(segment)),
      fc.oneof(fc.constant(undefined), fc.string({ maxLength: 12 }), fc.constantFrom('population', '-nom', 'code')),
      fc.constantFrom(browser.accept, 'application/json', '*/*', 'text/html;q=0'),
      async (base, segment, tri, accept) => {
        const url = `${base}${encodeURIComponent(segment)}${tri === undefined ? '' : `?tri=${encodeURIComponent(tri)}`}`;
        const response = await app.inject({ url, headers: { accept } });
        if (![200, 400, 404].includes(response.statusCode)) throw new Error(`${response.statusCode} for ${url}: ${response.body.slice(0, 300)}`);
      },
    ),
    { numRuns: 400, seed: 65 },
  );
});

t.test('sitemap.xml lists every page with absolute URLs; robots.txt points to it; pages are not in the OpenAPI document', async (t) => {
  const app = await build(t);
  const sitemap = await app.inject({ url: '/sitemap.xml', headers: { host: 'pvd65.example.org' } });
  t.match(sitemap.headers['content-type'], /^application\/xml/);
  const urls = [...sitemap.body.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => match[1] as string);
  t.equal(urls.length, 1 + 14 + 8);
  t.ok(urls.includes('http://pvd65.example.org/'));
  t.ok(urls.includes('http://pvd65.example.org/communes/65059'));
  t.ok(urls.includes('http://pvd65.example.org/intercommunalites/200072106'));
  for (const url of urls) t.equal((await page(app, url.replace('http://pvd65.example.org', ''))).statusCode, 200, url);
  const robots = await app.inject({ url: '/robots.txt', headers: { host: 'pvd65.example.org' } });
  t.match(robots.body, 'Sitemap: http://pvd65.example.org/sitemap.xml');
  t.match(robots.body, 'Allow: /');
  const openapi = json(await app.inject('/openapi.json'));
  t.notOk(
    Object.keys(openapi.paths).some((path) => /^\/(communes|intercommunalites|assets|sitemap|robots)/.test(path)),
    'pages hidden from OpenAPI',
  );
});

t.test('once the data has commune contours, the pages draw them: one path per member with its INSEE code, the town in its intercommunality', async (t) => {
  // The data work adds a `contour` to each laureate and each member. Until it is merged the schemas refuse one, so
  // this test writes contours straight into a copy of the database's stored records, as the build will.
  const databasePath = join(tempDir(t), 'contours.sqlite');
  copyFileSync(sharedDatabase(), databasePath);
  const db = new Database(databasePath);
  const square = (lon: number, lat: number, size: number) => ({
    type: 'MultiPolygon',
    coordinates: [
      [
        [
          [lon, lat],
          [lon, lat + size],
          [lon + size, lat + size],
          [lon + size, lat],
          [lon, lat],
        ],
      ],
    ],
  });
  const rows = db.prepare('SELECT id, record FROM records').all() as { id: number; record: string }[];
  const update = db.prepare('UPDATE records SET record = ? WHERE id = ?');
  for (const row of rows) {
    const record = JSON.parse(row.record);
    if (record.siren === '246500482' && Array.isArray(record.members)) {
      record.members.forEach(
        (member: { contour?: unknown }, index: number) => (member.contour = square(0.05 + (index % 5) * 0.03, 42.9 + Math.floor(index / 5) * 0.03, 0.03)),
      );
      update.run(JSON.stringify(record), row.id);
    }
    if (record.code === '65059' && record.pvd) {
      record.contour = square(0.1, 42.95, 0.08);
      update.run(JSON.stringify(record), row.id);
    }
  }
  db.close();
  const app = await build(t, {}, databasePath);
  const epci = json(await app.inject('/v1/intercommunalities/246500482')) as EpciJson;
  t.equal(epci.members.filter((member) => member.contour).length, 25);
  const body = (await page(app, '/intercommunalites/246500482')).body;
  for (const member of epci.members) t.equal(count(body, new RegExp(`<path class="member(?:-laureate)?" data-code="${member.code}"`, 'g')), 1, member.code);
  t.match(body, '<a href="/communes/65059" aria-label="Bagnères-de-Bigorre (65059) — petite ville de demain"><title>', 'the laureate member links to its page');
  t.match(body, 'CC de la Haute-Bigorre et ses 25 communes membres.');
  t.same(await htmlProblems(body), []);
  t.ok(Buffer.byteLength(body) < 100_000);
  const town = (await page(app, '/communes/65059')).body;
  t.match(town, /<path class="town-area" data-code="65059" d="M[^"]+"><\/path>/, 'the town drawn with its contour');
  t.notMatch(town, 'son contour n’est pas encore dans les données');
});
