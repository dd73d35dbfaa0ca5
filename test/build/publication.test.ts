// The publication database (/downloads/pvd65.sqlite): built beside the server's, with real tables, declared keys that
// hold, views, full-text search, licence and sources; the README's five queries run as written.
import t from 'tap';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { projectRoot } from '../../src/config.js';
import { buildDatabase, ensureDatabase } from '../../src/build/database.js';
import { columnName, publicationPath } from '../../src/build/publication.js';
import { build, dataDir, migrationsDir, sharedDatabase, tempDir } from '../helper.js';

/** The README's example queries: each `sqlite3 pvd65.sqlite '…'` line and the `# ` lines of output below it. */
function readmeQueries(): { sql: string; expected: string[] }[] {
  const readme = readFileSync(join(projectRoot, 'README.md'), 'utf8');
  const queries: { sql: string; expected: string[] }[] = [];
  let current: { sql: string; expected: string[] } | undefined;
  for (const line of readme.split('\n')) {
    const command = /^sqlite3 pvd65\.sqlite (['"])(.*)\1$/.exec(line);
    if (command) queries.push((current = { sql: command[2] as string, expected: [] }));
    else if (line.startsWith('# ') && current) current.expected.push(line.slice(2));
    else current = undefined;
  }
  return queries;
}

const sqlite3 = ['/usr/bin/sqlite3', '/usr/local/bin/sqlite3'].find((path) => existsSync(path));
// CI installs Debian's sqlite3 (.ci/run); elsewhere the shell half is skipped, saying why.
const noShell = !sqlite3 && !process.env.CI ? 'no sqlite3 shell (CI installs Debian sqlite3)' : false;

t.test('built beside the server database, atomically, and rebuilt when missing', async (t) => {
  const dir = tempDir(t);
  const databasePath = join(dir, 'pvd65.sqlite');
  t.equal(publicationPath(databasePath), join(dir, 'pvd65-publication.sqlite'));
  const { build: buildId } = buildDatabase({ dataDir, databasePath, migrationsDir });
  t.same(readdirSync(dir).sort(), ['pvd65-publication.sqlite', 'pvd65.sqlite'], 'the two files, no temporary one');
  const db = new Database(publicationPath(databasePath), { readonly: true });
  t.equal((db.prepare("SELECT value FROM metadata WHERE key = 'build'").get() as { value: string }).value, buildId);
  db.close();
  t.equal(ensureDatabase({ dataDir, databasePath, migrationsDir }).built, false, 'both current: kept');
  rmSync(publicationPath(databasePath));
  t.equal(ensureDatabase({ dataDir, databasePath, migrationsDir }).built, true, 'publication missing: rebuilt');
  t.ok(existsSync(publicationPath(databasePath)));
});

/** A curated file of data/, read as it is. */
const curated = (file: string) => JSON.parse(readFileSync(join(dataDir, file), 'utf8')) as unknown[];

t.test('tables, keys, views, full-text search, licence and sources', async (t) => {
  const db = new Database(publicationPath(sharedDatabase()), { readonly: true });
  t.teardown(() => db.close());
  const count = (sql: string) => db.prepare(sql).pluck().get() as number;
  t.same(
    ['communes', 'intercommunalities', 'members', 'conventions', 'measures', 'funding_links'].map((table) => count(`SELECT count(*) FROM ${table}`)),
    [14, 8, 392, 22, curated('measures.json').length, curated('funding-links.json').length],
  );
  t.same(db.pragma('foreign_key_check'), [], 'every declared foreign key holds');
  const references = (table: string) =>
    (db.pragma(`foreign_key_list(${table})`) as { table: string; from: string; to: string }[])
      .map(({ table: to, from, to: field }) => `${from} → ${to}.${field}`)
      .sort();
  t.same(references('communes'), ['code → members.code', 'intercommunality_siren → intercommunalities.siren']);
  t.same(references('members'), ['intercommunality_siren → intercommunalities.siren']);
  t.same(references('conventions'), ['intercommunality_siren → intercommunalities.siren']);
  t.same(references('convention_communes'), ['commune_code → communes.code', 'convention_id → conventions.id']);
  t.same(references('funding_link_measures'), ['funding_link_id → funding_links.id', 'measure_id → measures.id']);
  t.same(references('record_sources'), ['source_id → sources.id']);
  const columns = (db.pragma('table_info(communes)') as { name: string; type: string; pk: number }[]).map(
    ({ name, type, pk }) => `${name} ${type}${pk ? ' pk' : ''}`,
  );
  t.match(columns, ['code TEXT pk', 'siren TEXT', 'name TEXT']);
  t.ok(columns.includes('population_municipal INTEGER') && columns.includes('centre_longitude REAL') && columns.includes('pvd_signed_on TEXT'));
  t.equal(columnName('population.countedApart'), 'population_counted_apart');
  const bagneres = db.prepare("SELECT * FROM laureates WHERE code = '65059'").get() as Record<string, unknown>;
  t.match(bagneres, { name: 'Bagnères-de-Bigorre', intercommunality_name: 'CC de la Haute-Bigorre', population_municipal: 7114, france_services: 1 });
  t.equal(count('SELECT count(*) FROM member_communes WHERE laureate = 1'), 14);
  t.equal(count("SELECT count(*) FROM name_search WHERE name_search MATCH 'lannemezan'"), 5, 'town, member, intercommunality, its two conventions');
  t.equal(db.prepare("SELECT value FROM metadata WHERE key = 'licence_id'").pluck().get(), 'etalab-2.0');
  t.equal(count('SELECT count(*) FROM sources'), (curated('dataset.json') as unknown as { sources: unknown[] }).sources.length);
  t.ok(
    count("SELECT count(*) FROM record_sources WHERE collection = 'communes' AND record_id = '65059' AND source_id = 'cog-2026'"),
    'the sources of a record',
  );
  t.ok(count("SELECT count(*) FROM notes WHERE collection = 'communes' AND record_id = '65059' AND field = 'centre' AND status = 'provisional'"), 'its notes');
  const contour = JSON.parse(db.prepare("SELECT contour FROM intercommunalities WHERE siren = '200072106'").pluck().get() as string);
  t.equal(contour.type, 'MultiPolygon');
});

t.test("the download is the publication file, and the README's queries give what the README says", async (t) => {
  const app = await build(t);
  const response = await app.inject('/downloads/pvd65.sqlite');
  t.equal(response.statusCode, 200);
  t.ok(response.rawPayload.equals(readFileSync(publicationPath(sharedDatabase()))), 'the publication file, not the server database');
  const queries = readmeQueries();
  t.equal(queries.length, 5, 'five queries in the README');
  const db = new Database(response.rawPayload);
  t.teardown(() => db.close());
  for (const { sql, expected } of queries) {
    const rows = db.prepare(sql).raw().all() as unknown[][];
    t.same(
      rows.map((row) => row.join('|')),
      expected,
      sql,
    );
  }
  t.test('with the sqlite3 shell', { skip: noShell }, async (t) => {
    const file = join(tempDir(t), 'pvd65.sqlite');
    writeFileSync(file, response.rawPayload);
    for (const { sql, expected } of queries) {
      t.same(
        execFileSync(sqlite3 ?? 'sqlite3', [file, sql], { encoding: 'utf8' })
          .trimEnd()
          .split('\n'),
        expected,
        sql,
      );
    }
  });
});
