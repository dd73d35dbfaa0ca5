// Building the database: complete or nothing, never touching the previous file on failure, read-only when served.
import t from 'tap';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { buildDatabase, ensureDatabase, storedBuildId } from '../../src/build/database.js';
import { DataError } from '../../src/build/problems.js';
import { copyOfSharedDatabase, dataCopy, dataDir, editJson, migrationsDir, tempDir } from '../helper.js';

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

t.test('builds every collection and the search index from data/', async (t) => {
  const databasePath = join(tempDir(t), 'db.sqlite');
  const result = buildDatabase({ dataDir, databasePath, migrationsDir });
  t.strictSame(result.counts, { communes: 14, intercommunalities: 8, members: 392, conventions: 22, measures: 5, 'funding-links': 7 });
  const db = new Database(databasePath, { readonly: true });
  t.teardown(() => db.close());
  t.equal((db.prepare('SELECT count(*) AS n FROM communes').get() as { n: number }).n, 14);
  const match = db
    .prepare('SELECT c.code FROM communes c JOIN communes_search s ON s.rowid = c.rowid WHERE communes_search MATCH \'name : "bagneres"*\'')
    .all();
  t.strictSame(match, [{ code: '65059' }]);
  t.equal((db.prepare("SELECT value FROM meta WHERE key = 'version'").get() as { value: string }).value, result.version);
});

t.test('invalid data/ leaves the existing database exactly as it was, and no temporary file', async (t) => {
  const dir = tempDir(t);
  const databasePath = copyOfSharedDatabase(join(dir, 'db.sqlite'));
  const before = sha256(databasePath);
  const broken = dataCopy(t);
  editJson(broken, 'communes.json', (communes) => (communes[0].code = 'ABCDE'));
  t.throws(() => buildDatabase({ dataDir: broken, databasePath, migrationsDir }), DataError);
  t.throws(() => ensureDatabase({ dataDir: broken, databasePath, migrationsDir }), DataError);
  t.equal(sha256(databasePath), before, 'same bytes');
  t.strictSame(readdirSync(dir).sort(), ['db-publication.sqlite', 'db.sqlite'], 'nothing else written');
});

t.test('a failure while writing removes the temporary file and keeps the old database', async (t) => {
  const dir = tempDir(t);
  const databasePath = copyOfSharedDatabase(join(dir, 'db.sqlite'));
  const before = sha256(databasePath);
  // Migrations that cannot run make the build fail after the temporary file was created.
  const badMigrations = tempDir(t);
  writeFileSync(join(badMigrations, 'broken.sql'), 'not sql');
  t.throws(() => buildDatabase({ dataDir, databasePath, migrationsDir: badMigrations }));
  t.equal(sha256(databasePath), before);
  t.strictSame(readdirSync(dir).sort(), ['db-publication.sqlite', 'db.sqlite']);
});

t.test('ensureDatabase builds when missing or stale, and keeps a current one', async (t) => {
  const dir = tempDir(t);
  const databasePath = join(dir, 'db.sqlite');
  const data = dataCopy(t);
  t.equal(storedBuildId(databasePath), undefined);
  t.equal(ensureDatabase({ dataDir: data, databasePath, migrationsDir }).built, true, 'built when missing');
  t.equal(ensureDatabase({ dataDir: data, databasePath, migrationsDir }).built, false, 'kept when current');
  editJson(data, 'measures.json', (measures) => (measures[0].name = 'Co-financement du poste de cheffe de projet'));
  const rebuilt = ensureDatabase({ dataDir: data, databasePath, migrationsDir });
  t.equal(rebuilt.built, true, 'rebuilt when data/ changed');
  const db = new Database(databasePath, { readonly: true });
  t.teardown(() => db.close());
  t.match(
    (db.prepare("SELECT r.record FROM measures m JOIN records r ON r.id = m.record_id WHERE m.id = 'project-manager-post'").get() as { record: string }).record,
    'cheffe de projet',
  );
});

t.test('a file that is not a database is rebuilt, not trusted', async (t) => {
  const databasePath = join(tempDir(t), 'db.sqlite');
  writeFileSync(databasePath, 'garbage');
  t.equal(ensureDatabase({ dataDir, databasePath, migrationsDir }).built, true);
  t.ok(existsSync(databasePath));
  t.not(storedBuildId(databasePath), undefined);
});
