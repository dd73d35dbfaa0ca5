// Text from the data is escaped wherever a page writes it: a database built from a copy of data/ where a town's and
// an intercommunality's names (consistently across files), a convention's title and content, a France Services
// name and a note carry markup, quotes and ampersands gives pages with no markup of the data and valid HTML.
import t from 'tap';
import { join } from 'node:path';
import { buildDatabase } from '../../src/build/database.js';
import { build, dataCopy, editJson, migrationsDir, tempDir } from '../helper.js';
import { htmlProblems } from './validate.js';

const evil = `<script>alert(1)</script> "quoted" & 'single' <img src=x onerror=alert(2)>`;
const townName = `Bagnères ${evil}`;
const epciName = `CC "Haute" & <b>Bigorre</b> ${evil}`;

interface Named {
  code?: string;
  siren?: string;
  name: string;
}

t.test('markup, quotes and ampersands of the data are escaped on every page', async (t) => {
  const data = dataCopy(t);
  const rename = (ref: Named | null | undefined) => {
    if (ref?.code === '65059') ref.name = townName;
    if (ref?.siren === '246500482') ref.name = epciName;
  };
  editJson(data, 'communes.json', (communes: (Named & { intercommunality: Named; franceServices: { name: string }[]; notes: { text: string }[] })[]) => {
    for (const commune of communes) {
      rename(commune);
      rename(commune.intercommunality);
      if (commune.code === '65059') {
        commune.franceServices[0]!.name = `France services ${evil}`;
        commune.notes[0]!.text = `Note ${evil}`;
      }
    }
  });
  editJson(data, 'intercommunalities.json', (epcis: (Named & { seat: Named | null; members: Named[] })[]) => {
    for (const epci of epcis) {
      rename(epci);
      rename(epci.seat);
      epci.members.forEach(rename);
    }
  });
  editJson(data, 'contours.json', (contours: Named[]) => contours.forEach(rename));
  editJson(data, 'conventions.json', (conventions: { id: string; title: string; content: string; intercommunality: Named; communes: Named[] }[]) => {
    for (const convention of conventions) {
      rename(convention.intercommunality);
      convention.communes.forEach(rename);
      if (convention.id === 'adhesion-65059') {
        convention.title = `Convention ${evil}`;
        convention.content = `Contenu ${evil}`;
      }
    }
  });
  const databasePath = join(tempDir(t), 'evil.sqlite');
  buildDatabase({ dataDir: data, databasePath, migrationsDir });
  const app = await build(t, {}, databasePath);

  const api = JSON.parse((await app.inject('/v1/communes/65059')).body);
  t.equal(api.name, townName, 'the data really carries the markup');
  const headers = { accept: 'text/html' };
  for (const url of ['/', '/communes/65059', '/intercommunalites/246500482', '/intercommunalites/246500482?tri=-nom', '/communes/65388', '/communes/99999']) {
    const response = await app.inject({ url, headers });
    t.ok([200, 404].includes(response.statusCode), `${url}: ${response.statusCode}`);
    const body = response.body;
    // The only script element is the JSON-LD data block, where `<` is written \u003c so no text can close it.
    const scripts = body.match(/<script\b[^>]*>/g) ?? [];
    t.ok(
      scripts.every((tag) => tag === '<script type="application/ld+json">'),
      `${url}: no script element but the JSON-LD block`,
    );
    const jsonLd = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(body)?.[1] ?? '';
    t.notMatch(jsonLd, '<', `${url}: no < inside the JSON-LD block`);
    if (jsonLd) t.match(JSON.parse(jsonLd).name, /./, `${url}: the JSON-LD block parses`);
    t.notMatch(body, '<img', `${url}: no img element`);
    t.notMatch(body, '<b>', `${url}: no b element`);
    t.same(await htmlProblems(body, url), [], `${url}: still valid HTML (no attribute broken by a quote)`);
  }
  const town = (await app.inject({ url: '/communes/65059', headers })).body;
  t.match(
    town,
    '<h1>Bagnères &lt;script&gt;alert(1)&lt;/script&gt; &quot;quoted&quot; &amp; &#39;single&#39; &lt;img src=x onerror=alert(2)&gt;</h1>',
    'the name, as text',
  );
  t.match(town, '<meta property="og:title" content="Bagnères &lt;script&gt;alert(1)&lt;/script&gt; &quot;quoted&quot;', 'in an attribute too');
  t.match(town, 'France services &lt;script&gt;', 'France Services name');
  t.match(town, 'Convention &lt;script&gt;', 'convention title');
  t.match(town, 'Contenu &lt;script&gt;', 'convention content');
  t.match(town, 'Note &lt;script&gt;', 'note text');
  t.match(town, 'aria-label="CC &quot;Haute&quot; &amp; &lt;b&gt;Bigorre&lt;/b&gt;', 'intercommunality name in the map link');
  const home = (await app.inject({ url: '/', headers })).body;
  t.match(home, '<title>Bagnères &lt;script&gt;', 'SVG titles escaped on the home map');
  t.match(
    home,
    '>Bagnères &lt;script&gt;alert(1)&lt;/script&gt; &quot;quoted&quot; &amp; &#39;single&#39; &lt;img src=x onerror=alert(2)&gt;</text>',
    'map label escaped',
  );
});
