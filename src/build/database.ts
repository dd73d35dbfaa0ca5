// Builds the SQLite database from data/: migrations, then every item in one transaction, into a temporary
// file renamed into place only when complete, so a failed build never touches the previous database.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { getTableColumns, getTableName, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import rewind from '@mapbox/geojson-rewind';
import { dataVersion, loadData } from './load.js';
import { collections } from '../resources/index.js';
import { Dataset, Programme, representDataset, representProgramme, type DatasetType } from '../resources/documents.js';
import { fold } from '../db/search.js';
import { meta, records } from '../db/tables.js';
import { geometryFields } from '../formats/fields.js';
import { publicationPath, writePublication } from './publication.js';
import { databaseCodeHash } from './code.js';

/** Hash of every file under `dir` whose name ends with one of `extensions`. */
function treeHash(dir: string, extensions: string[], hash = createHash('sha256')) {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) treeHash(path, extensions, hash);
    else if (extensions.some((extension) => name.endsWith(extension))) hash.update(name).update(readFileSync(path));
  }
  return hash;
}

/** Hash of the migrations and of the code that shapes the records (build/code.ts): a change in either rebuilds the database. */
function codeHash(migrationsDir: string): string {
  return treeHash(migrationsDir, ['.sql', '.json']).update(databaseCodeHash()).digest('hex').slice(0, 16);
}

/**
 * What a database is built from: the data version, the migrations and the code that shapes the records.
 * A database whose `build` differs is rebuilt.
 */
const buildIdOf = (version: string, code: string) => `${version}-${code}`;

/** Names, sizes and modification times of the data files: a cheap first check before hashing their content. */
function dataStat(dataDir: string): string {
  const files = readdirSync(dataDir)
    .filter((name) => name.endsWith('.json'))
    .sort();
  return JSON.stringify(
    files.map((name) => {
      const stat = statSync(join(dataDir, name));
      return [name, stat.size, stat.mtimeMs];
    }),
  );
}

function storedMeta(databasePath: string): { build?: string; dataStat?: string } | undefined {
  if (!existsSync(databasePath)) return undefined;
  try {
    const sqlite = new Database(databasePath, { readonly: true, fileMustExist: true });
    try {
      const rows = sqlite.prepare("SELECT key, value FROM meta WHERE key IN ('build', 'data_stat')").all() as { key: string; value: string }[];
      return { build: rows.find((row) => row.key === 'build')?.value, dataStat: rows.find((row) => row.key === 'data_stat')?.value };
    } finally {
      sqlite.close();
    }
  } catch {
    return undefined;
  }
}

/** The `build` id of the publication file beside `databasePath`, or undefined when there is none or it cannot be read. */
function publicationBuild(databasePath: string): string | undefined {
  const path = publicationPath(databasePath);
  if (!existsSync(path)) return undefined;
  try {
    const sqlite = new Database(path, { readonly: true, fileMustExist: true });
    try {
      return (sqlite.prepare("SELECT value FROM metadata WHERE key = 'build'").get() as { value: string } | undefined)?.value;
    } finally {
      sqlite.close();
    }
  } catch {
    return undefined;
  }
}

/** The `build` id stored in an existing database, or undefined when there is none or it cannot be read. */
export function storedBuildId(databasePath: string): string | undefined {
  return storedMeta(databasePath)?.build;
}

export interface BuildResult {
  version: string;
  build: string;
  counts: Record<string, number>;
}

/** Validates data/ and writes the database at `databasePath`; throws DataError (nothing written) when data/ is invalid. */
export function buildDatabase(options: { dataDir: string; databasePath: string; migrationsDir: string }): BuildResult {
  const { data, version } = loadData(options.dataDir);
  const build = buildIdOf(version, codeHash(options.migrationsDir));
  mkdirSync(dirname(options.databasePath), { recursive: true });
  const temporary = `${options.databasePath}.${process.pid}.tmp`;
  const publication = publicationPath(options.databasePath);
  const temporaryPublication = `${publication}.${process.pid}.tmp`;
  rmSync(temporary, { force: true });
  rmSync(temporaryPublication, { force: true });
  const sqlite = new Database(temporary);
  try {
    sqlite.pragma('journal_mode = OFF');
    sqlite.pragma('synchronous = OFF');
    const db = drizzle(sqlite);
    migrate(db, { migrationsFolder: options.migrationsDir });
    const counts: Record<string, number> = {};
    const represented: Record<string, unknown[]> = {};
    let datasetDocument: DatasetType | undefined;
    const insertRecord = db
      .insert(records)
      .values({ record: sql.placeholder('record') })
      .prepare();
    sqlite.transaction(() => {
      for (const collection of collections) {
        const check = TypeCompiler.Compile(collection.schema);
        // Statements prepared once per collection: the build inserts tens of thousands of rows at national scale.
        const columns = getTableColumns(collection.table);
        const insert = db
          .insert(collection.table)
          .values(Object.fromEntries(Object.keys(columns).map((key) => [key, sql.placeholder(key)])))
          .prepare();
        // The search table of each declared collection: drizzle-kit does not write FTS5 tables, and deriving them
        // from the declarations means a new collection gets one without a hand-written migration.
        const search = `${getTableName(collection.table)}_search`;
        sqlite.exec(`CREATE VIRTUAL TABLE "${search}" USING fts5(name_key UNINDEXED, name, body, tokenize = 'unicode61 remove_diacritics 2')`);
        const index = sqlite.prepare(`INSERT INTO "${search}" (rowid, name_key, name, body) VALUES (?, ?, ?, ?)`);
        const items = collection.represent(data);
        // Polygons wound as RFC 7946 asks (outer rings counterclockwise, holes clockwise), whatever the source did.
        const polygons = Object.entries(geometryFields(collection.schema)).filter(([, type]) => type === 'MultiPolygon');
        for (const item of items) {
          for (const [field] of polygons) if (item[field]) rewind(item[field], false);
          if (!check.Check(item)) {
            const error = check.Errors(item).First();
            throw new Error(`${collection.name} item ${String(item[collection.id.name])} does not match its schema at ${error?.path}: ${error?.message}`);
          }
          const record = insertRecord.run({ record: JSON.stringify(item) });
          const { lastInsertRowid } = insert.run({ ...collection.row(item), recordId: record.lastInsertRowid });
          const { name, text } = collection.search(item);
          const nameKey = fold(name);
          index.run(lastInsertRowid, nameKey, nameKey, fold(text.join(' ')));
        }
        counts[collection.name] = items.length;
        represented[collection.name] = items;
      }
      const programme = representProgramme(data);
      const dataset = representDataset(data, version, counts);
      datasetDocument = dataset;
      for (const [schema, value] of [
        [Programme, programme],
        [Dataset, dataset],
      ] as const) {
        const error = TypeCompiler.Compile(schema).Errors(value).First();
        if (error) throw new Error(`${schema.$id} does not match its schema at ${error.path}: ${error.message}`);
      }
      db.insert(meta)
        .values([
          { key: 'version', value: version },
          { key: 'build', value: build },
          { key: 'data_stat', value: dataStat(options.dataDir) },
          { key: 'modified', value: data.dataset.modified },
          { key: 'programme', value: JSON.stringify(programme) },
          { key: 'dataset', value: JSON.stringify(dataset) },
        ])
        .run();
    })();
    sqlite.close();
    // The publication file (/downloads/pvd65.sqlite), from the same items; both renamed into place only when both are complete.
    writePublication(temporaryPublication, { dataset: datasetDocument as DatasetType, build, items: represented });
    renameSync(temporaryPublication, publication);
    renameSync(temporary, options.databasePath);
    return { version, build, counts };
  } catch (error) {
    if (sqlite.open) sqlite.close();
    rmSync(temporary, { force: true });
    rmSync(temporaryPublication, { force: true });
    throw error;
  }
}

/** Builds the database unless the one at `databasePath` was built from the same data, migrations and code. */
export function ensureDatabase(options: { dataDir: string; databasePath: string; migrationsDir: string }): { built: boolean; version: string } {
  const server = storedMeta(options.databasePath);
  // A database whose publication file is missing, or of another build, is rebuilt with it.
  const stored = server && publicationBuild(options.databasePath) === server.build ? server : undefined;
  const code = codeHash(options.migrationsDir);
  // Same code, and data files of the same sizes and times as at build: current without reading the data
  // (at national scale, hashing data/ is most of the start-up).
  if (stored?.build?.endsWith(`-${code}`) && stored.dataStat === dataStat(options.dataDir)) {
    return { built: false, version: stored.build.split('-')[0] as string };
  }
  const version = dataVersion(options.dataDir);
  if (stored?.build === buildIdOf(version, code)) return { built: false, version };
  return { built: true, version: buildDatabase(options).version };
}
